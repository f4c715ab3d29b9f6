/*
 * What `list` costs from C in a dom0: xc_domain_getinfolist (one-page batch) and each
 * domain's name with xs_read, 500 times, medians. The yardstick for xljd's Toolstack.list,
 * whose two parts xljd logs at XLJ_LOG_LEVEL=DEBUG. Build on the host (libxen-dev) and run
 * it in the lab's dom0, whose Xen libraries are the same packages:
 *   gcc -O2 -o /tmp/share/list-probe integration-tests/bench/list-probe.c -lxenctrl -lxenstore
 *   integration-tests/lab/xen-lab run --share /tmp/share -- /mnt/share/list-probe
 * (create a few guests first for a realistic count).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xenctrl.h>
#include <xenstore.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e6 + t.tv_nsec / 1e3; }
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
int main(void) {
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    struct xs_handle *xs = xs_open(0);
    if (!xch || !xs) { perror("open"); return 1; }
    enum { N = 500 };
    static double g[N], n[N];
    xc_domaininfo_t info[4096 / sizeof(xc_domaininfo_t)];
    int count = 0;
    for (int i = 0; i < N; i++) {
        double t0 = now();
        count = xc_domain_getinfolist(xch, 0, sizeof(info) / sizeof(info[0]), info);
        double t1 = now();
        for (int k = 0; k < count; k++) {
            char path[64]; unsigned len;
            snprintf(path, sizeof path, "/local/domain/%u/name", info[k].domain);
            free(xs_read(xs, XBT_NULL, path, &len));
        }
        double t2 = now();
        g[i] = t1 - t0; n[i] = t2 - t1;
    }
    qsort(g, N, sizeof(double), cmp); qsort(n, N, sizeof(double), cmp);
    printf("C list probe: %d domains, median xc_domain_getinfolist %.0f us, names (xs_read each) %.0f us\n",
           count, g[N / 2], n[N / 2]);
    return 0;
}
