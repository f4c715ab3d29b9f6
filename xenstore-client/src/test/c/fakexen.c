/*
 * fakexen: an LD_PRELOAD shim that lets Debian's unmodified xenstored (C) and
 * oxenstored run on a machine without a hypervisor, so the Java client can be
 * tested against the real daemons.
 *
 * What it fakes, and why:
 *  - xc_interface_open / xengnttab_open / xenevtchn_open: the daemons refuse to
 *    start without these handles; we hand out dummy, non-NULL pointers.
 *  - xenevtchn_fd: the daemons poll this fd for event-channel activity. We return
 *    the read end of a pipe; SIGUSR2 writes the VIRQ_DOM_EXC port into it, which
 *    makes the daemon re-check its domains as if a domain had changed state.
 *  - xengnttab_map_grant_ref / xc_map_foreign_range: a zeroed anonymous page,
 *    i.e. an idle ring, so XS_INTRODUCE succeeds.
 *  - xc_domain_getinfo / xc_domain_getinfolist: every domid exists and runs,
 *    unless the file named by $FAKEXEN_DOMAINS has a line "<domid> <state>" with
 *    state shutdown, crashed, dying or gone.
 *  - open("/proc/xen/xsd_port") and open("/proc/xen/xsd_kva"): memfds holding
 *    the dom0 port number and a 4 KiB page for dom0's (idle) ring.
 *
 * Build: gcc -shared -fPIC -o fakexen.so fakexen.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xengnttab.h>

#define FAKE_DOM0_PORT 7
#define FAKE_VIRQ_PORT 1

static int evtchn_pipe[2] = { -1, -1 };
static int next_port = 100;
static int dummy_handle;

static void on_sigusr2(int sig)
{
    (void)sig;
    uint32_t port = FAKE_VIRQ_PORT;
    if (evtchn_pipe[1] >= 0)
        (void)!write(evtchn_pipe[1], &port, sizeof(port));
}

static void ensure_pipe(void)
{
    if (evtchn_pipe[0] >= 0)
        return;
    if (pipe2(evtchn_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        perror("fakexen: pipe2");
        abort();
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigusr2;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &sa, NULL);
}

/* ---- libxenctrl ---- */

xc_interface *xc_interface_open(xentoollog_logger *logger,
                                xentoollog_logger *dombuild_logger,
                                unsigned open_flags)
{
    (void)logger; (void)dombuild_logger; (void)open_flags;
    return (xc_interface *)&dummy_handle;
}

int xc_interface_close(xc_interface *xch)
{
    (void)xch;
    return 0;
}

/* Returns 0 running, 1 shutdown, 2 crashed, 3 dying, 4 gone. */
static int domain_state(uint32_t domid)
{
    const char *file = getenv("FAKEXEN_DOMAINS");
    if (!file)
        return 0;
    FILE *f = fopen(file, "r");
    if (!f)
        return 0;
    int state = 0;
    unsigned id;
    char word[32];
    while (fscanf(f, "%u %31s", &id, word) == 2) {
        if (id != domid)
            continue;
        if (!strcmp(word, "shutdown")) state = 1;
        else if (!strcmp(word, "crashed")) state = 2;
        else if (!strcmp(word, "dying")) state = 3;
        else if (!strcmp(word, "gone")) state = 4;
        else state = 0;
    }
    fclose(f);
    return state;
}

int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
                      unsigned int max_doms, xc_dominfo_t *info)
{
    (void)xch;
    if (max_doms == 0)
        return 0;
    uint32_t domid = first_domid;
    while (domid < 0x7ff0 && domain_state(domid) == 4)
        domid++;
    if (domid >= 0x7ff0)
        return 0;
    int state = domain_state(domid);
    memset(info, 0, sizeof(*info));
    info->domid = domid;
    info->shutdown = state == 1 || state == 2;
    info->crashed = state == 2;
    info->dying = state == 3;
    info->running = state == 0;
    return 1;
}

int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info)
{
    (void)xch;
    if (max_domains == 0)
        return 0;
    uint32_t domid = first_domain;
    while (domid < 0x7ff0 && domain_state(domid) == 4)
        domid++;
    if (domid >= 0x7ff0)
        return 0;
    int state = domain_state(domid);
    memset(info, 0, sizeof(*info));
    info->domain = domid;
    if (state == 1 || state == 2)
        info->flags |= XEN_DOMINF_shutdown;
    if (state == 2)
        info->flags |= (SHUTDOWN_crash << XEN_DOMINF_shutdownshift);
    if (state == 3)
        info->flags |= XEN_DOMINF_dying;
    if (state == 0)
        info->flags |= XEN_DOMINF_running;
    return 1;
}

static void *zero_page(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void *xc_map_foreign_range(xc_interface *xch, uint32_t dom, int size,
                           int prot, unsigned long mfn)
{
    (void)xch; (void)dom; (void)size; (void)prot; (void)mfn;
    return zero_page();
}

/* ---- libxenevtchn ---- */

xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                 unsigned int flags)
{
    (void)logger; (void)flags;
    ensure_pipe();
    return (xenevtchn_handle *)&dummy_handle;
}

xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger,
                                   int fd, unsigned open_flags)
{
    (void)fd;
    return xenevtchn_open(logger, open_flags);
}

int xenevtchn_close(xenevtchn_handle *xce)
{
    (void)xce;
    return 0;
}

int xenevtchn_fd(xenevtchn_handle *xce)
{
    (void)xce;
    ensure_pipe();
    return evtchn_pipe[0];
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    (void)xce; (void)port;
    return 0;
}

xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce,
                                                     uint32_t domid,
                                                     evtchn_port_t remote_port)
{
    (void)xce; (void)domid; (void)remote_port;
    return next_port++;
}

xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce,
                                              unsigned int virq)
{
    (void)xce; (void)virq;
    return FAKE_VIRQ_PORT;
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    (void)xce; (void)port;
    return 0;
}

xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    (void)xce;
    uint32_t port;
    if (read(evtchn_pipe[0], &port, sizeof(port)) != sizeof(port)) {
        errno = EAGAIN;
        return -1;
    }
    return port;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    (void)xce; (void)port;
    return 0;
}

/* ---- libxengnttab ---- */

xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
                                 unsigned open_flags)
{
    (void)logger; (void)open_flags;
    return (xengnttab_handle *)&dummy_handle;
}

int xengnttab_close(xengnttab_handle *xgt)
{
    (void)xgt;
    return 0;
}

int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
    (void)xgt; (void)nr_grants;
    return 0;
}

void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
                              uint32_t ref, int prot)
{
    (void)xgt; (void)domid; (void)ref; (void)prot;
    return zero_page();
}

int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count)
{
    (void)xgt;
    return munmap(start_address, (size_t)count * 4096);
}

/* ---- libc: /proc/xen/xsd_port and /proc/xen/xsd_kva ---- */

static int fake_proc_file(const char *path)
{
    if (!strcmp(path, "/proc/xen/xsd_port")) {
        int fd = memfd_create("xsd_port", MFD_CLOEXEC);
        char text[16];
        int n = snprintf(text, sizeof(text), "%d", FAKE_DOM0_PORT);
        (void)!write(fd, text, n);
        lseek(fd, 0, SEEK_SET);
        return fd;
    }
    if (!strcmp(path, "/proc/xen/xsd_kva")) {
        int fd = memfd_create("xsd_kva", MFD_CLOEXEC);
        if (ftruncate(fd, 4096) != 0) {
            close(fd);
            return -1;
        }
        return fd;
    }
    return -2;
}

static int real_open(const char *name, const char *path, int flags, mode_t mode)
{
    int (*fn)(const char *, int, ...) = dlsym(RTLD_NEXT, name);
    return fn(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    int fd = fake_proc_file(path);
    return fd != -2 ? fd : real_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    int fd = fake_proc_file(path);
    return fd != -2 ? fd : real_open("open64", path, flags, mode);
}
