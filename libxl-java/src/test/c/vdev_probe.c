/*
 * vdev_probe: asks Debian's real libxenlight 4.17 which device number it gives each
 * virtual disk name, without Xen. libxl_vdev_to_device_disk computes the number
 * (libxl__device_disk_dev_number) and then reads /libxl/<domid>/device/vbd/<number>/...
 * from xenstore; this program provides the xenstore and libxenctrl entry points itself, so
 * it sees that path, prints the number in it and answers "no such node". A name libxl
 * rejects reads nothing and prints -1.
 *
 * Output: one line per argument, "<vdev>\t<devid>".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>
#include <xenstore.h>
#include <libxl.h>
#include <libxl_utils.h>

static char fake_xc[64];
static char fake_xs[64];
static long seen_devid;

xc_interface *xc_interface_open(xentoollog_logger *l, xentoollog_logger *d, unsigned f)
{
    (void)l; (void)d; (void)f;
    return (xc_interface *)fake_xc;
}

int xc_interface_close(xc_interface *xch) { (void)xch; return 0; }

struct xs_handle *xs_open(unsigned long flags)
{
    (void)flags;
    return (struct xs_handle *)fake_xs;
}

void xs_close(struct xs_handle *h) { (void)h; }

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len)
{
    const char *p = strstr(path, "/device/vbd/");
    (void)h; (void)t; (void)len;
    if (p && seen_devid == -1)
        seen_devid = strtol(p + strlen("/device/vbd/"), NULL, 10);
    errno = ENOENT;
    return NULL;
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *num)
{
    (void)h; (void)t; (void)path;
    *num = 0;
    errno = ENOENT;
    return NULL;
}

int main(int argc, char **argv)
{
    libxl_ctx *ctx;
    xentoollog_logger *quiet = (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_CRITICAL, 0);

    if (libxl_ctx_alloc(&ctx, LIBXL_VERSION, 0, quiet)) {
        fprintf(stderr, "vdev_probe: libxl_ctx_alloc failed\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        libxl_device_disk disk;
        libxl_device_disk_init(&disk);
        seen_devid = -1;
        libxl_vdev_to_device_disk(ctx, 1, argv[i], &disk);
        printf("%s\t%ld\n", argv[i], seen_devid);
        libxl_device_disk_dispose(&disk);
    }
    libxl_ctx_free(ctx);
    return 0;
}
