/*
 * xl-client: bin/xl's native front. It hands the command line to a warm xljd
 * (JSON-RPC method "xl", xl-cli/PROTOCOL.md) and relays what the command writes,
 * so that `xl list` costs a socket round trip instead of a JVM start. When no
 * daemon can serve it, it runs the command in a JVM of its own, as before.
 *
 *   xl [ARG...]                          (installed as the distribution's bin/xl)
 *   xl-client ARGV0 FALLBACK XLJD [ARG...]   (run by the source tree's bin/xl script)
 *
 * ARGV0     what the user typed as the program name (bin/xl's $0)
 * FALLBACK  the script that runs the command in a JVM, run with XLJ_NO_DAEMON=1 (and
 *           XLJ_ARGV0) when no daemon serves this command
 * XLJD      the daemon launcher, started in dom0 when root finds no daemon
 *
 * Installed as bin/xl itself, it finds both next to its own file (/proc/self/exe):
 * FALLBACK is ../lib/xl-jvm, XLJD is xljd. That saves the shell a script would cost
 * each command (~80 ms in the lab's emulated dom0, where every exec is dear).
 *
 * Environment: XLJ_SOCKET (default /run/xlj/xljd.sock); XLJ_NO_DAEMON=1 never
 * uses a daemon; XLJ_NO_AUTOSTART=1 uses one only if it already runs;
 * XLJ_DAEMON_START_TIMEOUT seconds to wait for a started daemon (default 180:
 * a JVM start in an emulated dom0 takes 10-60 s).
 *
 * Everything the toolstack does is Java; this file only moves bytes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *argv0;
static const char *fallback;

/* ---- a growable byte buffer ------------------------------------------- */

struct buf {
    char *p;
    size_t len, cap;
};

static void die_oom(void)
{
    fprintf(stderr, "%s: out of memory\n", argv0);
    exit(1);
}

static void buf_put(struct buf *b, const void *data, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            die_oom();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void buf_str(struct buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

/* A JSON string of raw bytes: each byte is one char U+0000..U+00FF (ISO-8859-1). */
static void buf_json_bytes(struct buf *b, const char *s)
{
    buf_str(b, "\"");
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        char esc[8];
        if (*c == '"' || *c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*c;
            buf_put(b, esc, 2);
        } else if (*c < 0x20 || *c >= 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", *c);
            buf_put(b, esc, 6);
        } else {
            buf_put(b, c, 1);
        }
    }
    buf_str(b, "\"");
}

/* ---- a small JSON reader: just enough for the daemon's replies --------- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
    enum jtype type;
    double num;
    struct buf str;           /* J_STR: bytes (code points <= 0xFF as one byte, others UTF-8) */
    struct jval **items;      /* J_ARR, J_OBJ: values */
    char **keys;              /* J_OBJ: keys (NUL-terminated) */
    size_t n;
};

struct jparse {
    const char *p, *end;
};

static void jfree(struct jval *v)
{
    if (!v)
        return;
    free(v->str.p);
    for (size_t i = 0; i < v->n; i++) {
        jfree(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v);
}

static void skip_ws(struct jparse *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
        j->p++;
}

static int hex4(struct jparse *j, unsigned *out)
{
    if (j->end - j->p < 4)
        return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = *j->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static void put_code_point(struct buf *b, unsigned cp)
{
    unsigned char u[4];
    if (cp <= 0xFF) {
        u[0] = (unsigned char)cp;
        buf_put(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        buf_put(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        buf_put(b, u, 3);
    } else {
        u[0] = (unsigned char)(0xF0 | (cp >> 18));
        u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        buf_put(b, u, 4);
    }
}

/* A JSON string (after its opening quote) into b; -1 when malformed. */
static int jstring(struct jparse *j, struct buf *b)
{
    buf_put(b, "", 0);
    while (j->p < j->end) {
        unsigned char c = (unsigned char)*j->p++;
        if (c == '"')
            return 0;
        if (c == '\\') {
            if (j->p >= j->end)
                return -1;
            char e = *j->p++;
            unsigned cp;
            switch (e) {
            case '"': case '\\': case '/': cp = (unsigned char)e; break;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'n': cp = '\n'; break;
            case 'r': cp = '\r'; break;
            case 't': cp = '\t'; break;
            case 'u':
                if (hex4(j, &cp))
                    return -1;
                if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
                    unsigned lo;
                    j->p += 2;
                    if (hex4(j, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return -1;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                break;
            default:
                return -1;
            }
            put_code_point(b, cp);
        } else if (c < 0x80) {
            buf_put(b, &c, 1);
        } else {
            /* UTF-8 from the daemon: back to one code point. */
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
            if (more < 0 || j->end - j->p < more)
                return -1;
            unsigned cp = c & (0x3F >> more);
            for (int i = 0; i < more; i++)
                cp = (cp << 6) | ((unsigned char)*j->p++ & 0x3F);
            put_code_point(b, cp);
        }
    }
    return -1;
}

static struct jval *jvalue(struct jparse *j, int depth);

static int jappend(struct jval *v, char *key, struct jval *item)
{
    struct jval **items = realloc(v->items, (v->n + 1) * sizeof *items);
    if (!items)
        die_oom();
    v->items = items;
    if (v->type == J_OBJ) {
        char **keys = realloc(v->keys, (v->n + 1) * sizeof *keys);
        if (!keys)
            die_oom();
        v->keys = keys;
        v->keys[v->n] = key;
    }
    v->items[v->n++] = item;
    return 0;
}

static struct jval *jcontainer(struct jparse *j, struct jval *v, char close, int depth)
{
    skip_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return v;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(j);
        if (v->type == J_OBJ) {
            struct buf k = {0};
            if (j->p >= j->end || *j->p++ != '"' || jstring(j, &k)) {
                free(k.p);
                goto bad;
            }
            key = k.p;
            skip_ws(j);
            if (j->p >= j->end || *j->p++ != ':') {
                free(key);
                goto bad;
            }
        }
        struct jval *item = jvalue(j, depth + 1);
        if (!item) {
            free(key);
            goto bad;
        }
        jappend(v, key, item);
        skip_ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return v;
        }
        goto bad;
    }
bad:
    jfree(v);
    return NULL;
}

static struct jval *jvalue(struct jparse *j, int depth)
{
    if (depth > 32)
        return NULL;
    skip_ws(j);
    if (j->p >= j->end)
        return NULL;
    struct jval *v = calloc(1, sizeof *v);
    if (!v)
        die_oom();
    char c = *j->p;
    if (c == '{' || c == '[') {
        j->p++;
        v->type = c == '{' ? J_OBJ : J_ARR;
        return jcontainer(j, v, c == '{' ? '}' : ']', depth);
    }
    if (c == '"') {
        j->p++;
        v->type = J_STR;
        if (jstring(j, &v->str)) {
            jfree(v);
            return NULL;
        }
        return v;
    }
    if (j->end - j->p >= 4 && !strncmp(j->p, "null", 4)) {
        j->p += 4;
        return v;
    }
    if (j->end - j->p >= 4 && !strncmp(j->p, "true", 4)) {
        j->p += 4;
        v->type = J_BOOL;
        v->num = 1;
        return v;
    }
    if (j->end - j->p >= 5 && !strncmp(j->p, "false", 5)) {
        j->p += 5;
        v->type = J_BOOL;
        return v;
    }
    char *stop;
    v->num = strtod(j->p, &stop);
    if (stop == j->p || stop > j->end) {
        jfree(v);
        return NULL;
    }
    j->p = stop;
    v->type = J_NUM;
    return v;
}

static struct jval *jget(const struct jval *obj, const char *key, enum jtype type)
{
    if (!obj || obj->type != J_OBJ)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (!strcmp(obj->keys[i], key))
            return obj->items[i]->type == type ? obj->items[i] : NULL;
    return NULL;
}

/* ---- running without the daemon ---------------------------------------- */

static void run_in_jvm(char **args)
{
    setenv("XLJ_NO_DAEMON", "1", 1);
    setenv("XLJ_ARGV0", argv0, 1);
    execv(fallback, args);
    fprintf(stderr, "%s: cannot run %s: %s\n", argv0, fallback, strerror(errno));
    exit(127);
}

/* The directory of this program's file: where bin/xl really lies, links followed. */
static char *own_directory(void)
{
    static char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        fprintf(stderr, "%s: cannot find its own file (/proc/self/exe): %s\n", argv0, strerror(errno));
        exit(127);
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    *slash = 0;
    return exe;
}

static char *path_join(const char *dir, const char *name)
{
    struct buf b = {0};
    buf_str(&b, dir);
    buf_str(&b, "/");
    buf_str(&b, name);
    return b.p;
}

static int in_dom0(void)
{
    char caps[256] = {0};
    int fd = open("/proc/xen/capabilities", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, caps, sizeof caps - 1);
    close(fd);
    return n > 0 && strstr(caps, "control_d") != NULL;
}

/* ---- talking to the daemon ---------------------------------------------- */

static int connect_to(const char *path)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(a.sun_path, path);
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    if (connect(s, (struct sockaddr *)&a, sizeof a) == 0)
        return s;
    int e = errno;
    close(s);
    errno = e;
    return -1;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/*
 * Starts XLJD (detached, its own session, its output to its log file) and waits
 * until the socket answers. Another xl may start one at the same moment: the
 * loser exits at once (xljd refuses a socket that answers) and both connect to
 * the winner.
 */
static int start_daemon(const char *xljd, const char *path)
{
    const char *t = getenv("XLJ_DAEMON_START_TIMEOUT");
    double limit = t && *t ? atof(t) : 180;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setsid();
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
        }
        if (chdir("/") != 0)
            _exit(126);
        unsetenv("XLJ_ARGV0");
        /* The daemon serves every later caller: a fault asked for by this one travels with
           its own request (below), never in the shared daemon's environment. */
        unsetenv("XLJ_FAULT_AT");
        execl(xljd, xljd, (char *)NULL);
        _exit(127);
    }
    /* xl prints nothing of the kind: scripts compare stderr. A person at a terminal is told why it waits. */
    if (isatty(2))
        fprintf(stderr, "%s: starting the xlj daemon (%s)\n", argv0, xljd);
    double end = now() + limit;
    int exited = 0;
    while (now() < end) {
        int s = connect_to(path);
        if (s >= 0)
            return s;
        if (!exited && waitpid(pid, NULL, WNOHANG) == pid)
            exited = 1;   /* lost a race to another xljd, or failed: keep trying for a while */
        if (exited && now() > end - limit + 10)
            break;
        struct timespec pause = {0, 50 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    fprintf(stderr, "%s: the xlj daemon did not answer on %s; see /var/log/xlj/xljd.log\n", argv0, path);
    return -1;
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return;   /* like stdio: a closed stdout loses the output, SIGPIPE ends us */
        }
        p += w;
        n -= (size_t)w;
    }
}

static struct buf request(char **args, int nargs)
{
    struct buf b = {0};
    buf_str(&b, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"xl\",\"params\":{\"argv\":[");
    buf_json_bytes(&b, argv0);
    for (int i = 0; i < nargs; i++) {
        buf_str(&b, ",");
        buf_json_bytes(&b, args[i]);
    }
    char *cwd = getcwd(NULL, 0);
    buf_str(&b, "],\"cwd\":");
    buf_json_bytes(&b, cwd ? cwd : "/");
    free(cwd);
    buf_str(&b, isatty(1) ? ",\"stdoutTerminal\":true" : ",\"stdoutTerminal\":false");
    char pid[32];
    snprintf(pid, sizeof pid, ",\"pid\":%ld", (long)getpid());
    buf_str(&b, pid);
    buf_str(&b, ",\"env\":{");
    /* The variables xl's code reads (XlMethod.ENVIRONMENT). */
    static const char *const names[] = {"XLJ_STACKTRACE", "XLJ_FAULT_AT"};
    const char *sep = "";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (!v)
            continue;
        buf_str(&b, sep);
        buf_json_bytes(&b, names[i]);
        buf_str(&b, ":");
        buf_json_bytes(&b, v);
        sep = ",";
    }
    buf_str(&b, "}}}\n");
    return b;
}

/* Runs one reply line; returns 1 once the call's result or error has come. */
static int reply_line(const char *line, size_t len, int *status, char ***exec)
{
    struct jparse j = {line, line + len};
    struct jval *msg = jvalue(&j, 0);
    if (!msg || msg->type != J_OBJ) {
        jfree(msg);
        fprintf(stderr, "%s: unreadable reply from the xlj daemon\n", argv0);
        *status = 1;
        return 1;
    }
    struct jval *method = jget(msg, "method", J_STR);
    if (method) {
        struct jval *params = jget(msg, "params", J_OBJ);
        struct jval *fd = jget(params, "fd", J_NUM);
        struct jval *data = jget(params, "data", J_STR);
        if (!strcmp(method->str.p, "output") && fd && data && (fd->num == 1 || fd->num == 2))
            write_all((int)fd->num, data->str.p, data->str.len);
        jfree(msg);
        return 0;
    }
    struct jval *result = jget(msg, "result", J_OBJ);
    struct jval *error = jget(msg, "error", J_OBJ);
    if (result) {
        struct jval *st = jget(result, "status", J_NUM);
        struct jval *ex = jget(result, "exec", J_ARR);
        *status = st ? (int)st->num : 1;
        if (ex && ex->n > 0) {
            *exec = calloc(ex->n + 1, sizeof **exec);
            if (!*exec)
                die_oom();
            for (size_t i = 0; i < ex->n; i++)
                (*exec)[i] = ex->items[i]->type == J_STR ? strdup(ex->items[i]->str.p) : strdup("");
        }
    } else {
        struct jval *m = jget(error, "message", J_STR);
        struct jval *code = jget(error, "code", J_NUM);
        /* An older daemon without the "xl" method: the caller runs the JVM instead. */
        *status = code && code->num == -32601 ? -32601 : 1;
        if (*status != -32601)
            fprintf(stderr, "%s: xlj daemon: %s\n", argv0, m ? m->str.p : "error");
    }
    jfree(msg);
    return 1;
}

int main(int argc, char **argv)
{
    const char *xljd;
    char **args;
    int nargs;
    char **jvm_args;   /* the fallback's argv: the script, then the arguments */
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    if (strcmp(base, "xl-client") == 0) {
        if (argc < 4) {
            fprintf(stderr, "usage: xl-client ARGV0 FALLBACK XLJD [ARG...] (run by bin/xl)\n");
            return 2;
        }
        argv0 = argv[1];
        fallback = argv[2];
        xljd = argv[3];
        args = argv + 4;
        nargs = argc - 4;
        jvm_args = argv + 3;
        jvm_args[0] = (char *)fallback;
    } else {
        argv0 = argv[0];
        char *bin = own_directory();
        fallback = path_join(bin, "../lib/xl-jvm");
        xljd = path_join(bin, "xljd");
        args = argv + 1;
        nargs = argc - 1;
        jvm_args = argv;   /* argv[argc] is NULL */
        jvm_args[0] = (char *)fallback;
    }

    const char *no = getenv("XLJ_NO_DAEMON");
    if (no && *no)
        run_in_jvm(jvm_args);

    const char *path = getenv("XLJ_SOCKET");
    if (!path || !*path)
        path = "/run/xlj/xljd.sock";
    int s = connect_to(path);
    if (s < 0) {
        const char *noauto = getenv("XLJ_NO_AUTOSTART");
        if ((errno == ENOENT || errno == ECONNREFUSED) && geteuid() == 0 && !(noauto && *noauto) && in_dom0())
            s = start_daemon(xljd, path);
        if (s < 0)
            run_in_jvm(jvm_args);
    }

    struct buf req = request(args, nargs);
    signal(SIGPIPE, SIG_IGN);
    ssize_t sent = 0;
    while ((size_t)sent < req.len) {
        ssize_t w = write(s, req.p + sent, req.len - (size_t)sent);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            /* Nothing was run yet: the JVM can still do it. */
            close(s);
            run_in_jvm(jvm_args);
        }
        sent += w;
    }
    signal(SIGPIPE, SIG_DFL);
    free(req.p);

    struct buf in = {0};
    int status = 1, done = 0;
    char **exec = NULL;
    char chunk[65536];
    while (!done) {
        ssize_t n = read(s, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(stderr, "%s: lost the connection to the xlj daemon (%s) before the command finished\n",
                    argv0, path);
            return 1;
        }
        buf_put(&in, chunk, (size_t)n);
        size_t start = 0;
        for (size_t i = 0; i < in.len && !done; i++) {
            if (in.p[i] != '\n')
                continue;
            if (i > start)
                done = reply_line(in.p + start, i - start, &status, &exec);
            start = i + 1;
        }
        memmove(in.p, in.p + start, in.len - start);
        in.len -= start;
    }
    close(s);
    if (status == -32601)
        run_in_jvm(jvm_args);
    if (exec) {
        execv(exec[0], exec);
        /* libxl_console_exec failed: xl's words. */
        fprintf(stderr, "Unable to attach console\n");
        return 1;
    }
    return status & 0xFF;
}
