/*
 * xl-shim: lets Debian's real xl 4.17 run its parse and dry-run commands on a
 * machine without a hypervisor, so that it can serve as the oracle for xlj's
 * tests.  Loaded with LD_PRELOAD; every function here shadows the libxenctrl,
 * libxenstore or libxenlight export of the same name.  The approach is the one
 * libvirt uses for its libxl tests (tests/virmocklibxl.c); the code is ours.
 *
 * The host it pretends to be is fixed so that oracle output is reproducible:
 * 4 CPUs, 1 NUMA node, 8 GiB, Xen 4.17.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>
#include <xenstore.h>
#include <libxl.h>

/* Any non-NULL value will do: nothing dereferences these handles once the
 * functions that would have used them are shadowed too. */
static char fake_xc_handle[64];
static char fake_xs_handle[64];

xc_interface *xc_interface_open(xentoollog_logger *logger,
                                xentoollog_logger *dombuild_logger,
                                unsigned open_flags)
{
    (void)logger; (void)dombuild_logger; (void)open_flags;
    return (xc_interface *)fake_xc_handle;
}

int xc_interface_close(xc_interface *xch) { (void)xch; return 0; }

struct xs_handle *xs_open(unsigned long flags)
{
    (void)flags;
    return (struct xs_handle *)fake_xs_handle;
}

void xs_close(struct xs_handle *xsh) { (void)xsh; }

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path,
              unsigned int *len)
{
    (void)h; (void)t; (void)path;
    if (len) *len = 0;
    errno = ENOENT;
    return NULL;
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path,
                    unsigned int *num)
{
    (void)h; (void)t; (void)path;
    if (num) *num = 0;
    errno = ENOENT;
    return NULL;
}

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    (void)xch;
    memset(info, 0, sizeof(*info));
    info->threads_per_core = 1;
    info->cores_per_socket = 4;
    info->nr_cpus = 4;
    info->max_cpu_id = 3;
    info->nr_nodes = 1;
    info->max_node_id = 0;
    info->cpu_khz = 2000000;
    info->total_pages = 2097152; /* 8 GiB of 4 KiB pages */
    info->free_pages = 1048576;
    info->capabilities = XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_pv |
                         XEN_SYSCTL_PHYSCAP_hap;
    return 0;
}

int xc_get_max_cpus(xc_interface *xch) { (void)xch; return 4; }
int xc_get_online_cpus(xc_interface *xch) { (void)xch; return 4; }
int xc_get_max_nodes(xc_interface *xch) { (void)xch; return 1; }
int xc_get_cpumap_size(xc_interface *xch) { (void)xch; return 1; }
int xc_get_nodemap_size(xc_interface *xch) { (void)xch; return 1; }
long xc_sharing_freed_pages(xc_interface *xch) { (void)xch; return 0; }
long xc_sharing_used_frames(xc_interface *xch) { (void)xch; return 0; }

/* CPU topology (libxl_get_cpu_topology, used for "nodes:" in CPU lists): the
 * four CPUs are cores 0-3 of socket 0, all on node 0.  A NULL buffer asks for
 * the count. */
int xc_cputopoinfo(xc_interface *xch, unsigned *max_cpus, xc_cputopo_t *cputopo)
{
    unsigned i, n = 4;
    (void)xch;
    if (cputopo) {
        if (*max_cpus < n) n = *max_cpus;
        for (i = 0; i < n; i++) {
            cputopo[i].core = i;
            cputopo[i].socket = 0;
            cputopo[i].node = 0;
        }
    }
    *max_cpus = n;
    return 0;
}

/* No domains exist on the pretend host. */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info)
{
    (void)xch; (void)first_domain; (void)max_domains; (void)info;
    return 0;
}


const libxl_version_info *libxl_get_version_info(libxl_ctx *ctx)
{
    static libxl_version_info info;
    (void)ctx;
    if (!info.xen_version_extra) {
        info.xen_version_major = 4;
        info.xen_version_minor = 17;
        info.xen_version_extra = strdup(".7");
        info.compiler = strdup("gcc");
        info.compile_by = strdup("xlj");
        info.compile_domain = strdup("oracle");
        info.compile_date = strdup("today");
        info.capabilities = strdup("xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64");
        info.changeset = strdup("");
        info.virt_start = 0xffff800000000000ULL;
        info.pagesize = 4096;
        info.commandline = strdup("");
        info.build_id = strdup("");
    }
    return &info;
}
