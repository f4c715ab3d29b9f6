/*
 * The C side of integration-tests/bench/xenstore-vs-c: measures libxenstore
 * (libxenstore.so.4) against the xenstored named by XENSTORED_PATH.
 *
 *   xenstore-bench <read|write|batch|batch-read|transaction> <seconds>
 *
 * Prints one line "<mode> <ops per second>". An "op" is one request for read and
 * write, one 1000-request batch for batch (libxenstore has no pipelining, so its best
 * is 1000 synchronous requests back to back), and one committed 50-write transaction
 * for transaction; the Java side counts the same way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xenstore.h>

#define BATCH 1000
#define TX_WRITES 50

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void one_read(struct xs_handle *h)
{
    unsigned int len;
    char *v = xs_read(h, XBT_NULL, "/bench/c/key", &len);
    if (!v)
        die("xs_read /bench/c/key");
    free(v);
}

static void one_write(struct xs_handle *h, long i)
{
    char value[32];
    int n = snprintf(value, sizeof(value), "%ld", i);
    if (!xs_write(h, XBT_NULL, "/bench/c/w", value, n))
        die("xs_write /bench/c/w");
}

static void one_batch(struct xs_handle *h, long i)
{
    char path[64], value[32];
    for (int k = 0; k < BATCH; k++) {
        snprintf(path, sizeof(path), "/bench/c/batch/%d", k);
        int n = snprintf(value, sizeof(value), "%ld", i);
        if (!xs_write(h, XBT_NULL, path, value, n))
            die("xs_write batch");
    }
}

static void one_read_batch(struct xs_handle *h)
{
    char path[64];
    unsigned int len;
    for (int k = 0; k < BATCH; k++) {
        snprintf(path, sizeof(path), "/bench/c/batch/%d", k);
        char *v = xs_read(h, XBT_NULL, path, &len);
        if (!v)
            die("xs_read batch");
        free(v);
    }
}

static void one_transaction(struct xs_handle *h, long i)
{
    char path[64], value[32];
    for (;;) {
        xs_transaction_t t = xs_transaction_start(h);
        if (t == XBT_NULL)
            die("xs_transaction_start");
        for (int k = 0; k < TX_WRITES; k++) {
            snprintf(path, sizeof(path), "/bench/c/tx/%d", k);
            int n = snprintf(value, sizeof(value), "%ld", i);
            if (!xs_write(h, t, path, value, n))
                die("xs_write in transaction");
        }
        if (xs_transaction_end(h, t, false))
            return;
        if (errno != EAGAIN)
            die("xs_transaction_end");
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s <read|write|batch|transaction> <seconds>\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    double seconds = atof(argv[2]);
    struct xs_handle *h = xs_open(0);
    if (!h)
        die("xs_open");
    if (!xs_write(h, XBT_NULL, "/bench/c/key", "value-0123456789", 16))
        die("xs_write /bench/c/key");
    if (!strcmp(mode, "batch-read"))
        one_batch(h, 0);

    /* Warm up, then count whole ops until the time is up. */
    long ops = 0;
    double start = now(), end = start + seconds, t;
    for (int warm = 0; warm < 2; warm++) {
        ops = 0;
        start = now();
        end = start + (warm == 0 ? seconds / 4 : seconds);
        do {
            if (!strcmp(mode, "read")) one_read(h);
            else if (!strcmp(mode, "write")) one_write(h, ops);
            else if (!strcmp(mode, "batch")) one_batch(h, ops);
            else if (!strcmp(mode, "batch-read")) one_read_batch(h);
            else if (!strcmp(mode, "transaction")) one_transaction(h, ops);
            else { fprintf(stderr, "unknown mode %s\n", mode); return 2; }
            ops++;
        } while ((t = now()) < end);
    }
    printf("%s %.1f\n", mode, ops / (t - start));
    xs_close(h);
    return 0;
}
