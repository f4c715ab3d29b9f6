/*
 * xswire-probe: prints what Debian's xs_wire.h and libxenstore say, for the Java
 * tests to compare against (WireOracleTest). Our own test helper, not Xen code.
 *
 *   xswire-probe wire             message types, error names, limits, header layout
 *   xswire-probe perms S...       how libxenstore's xs_strings_to_perms parses each S
 *   xswire-probe socket           the socket path libxenstore picks from the environment
 *
 * Build: gcc -o xswire-probe xswire-probe.c -lxenstore
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xenstore.h>
#include <xenstore_lib.h>
#include <xen/io/xs_wire.h>

#define TYPE(x) printf("type %s %d\n", #x + 3, (int)(x))

static void wire(void)
{
    TYPE(XS_CONTROL);
    TYPE(XS_DIRECTORY);
    TYPE(XS_READ);
    TYPE(XS_GET_PERMS);
    TYPE(XS_WATCH);
    TYPE(XS_UNWATCH);
    TYPE(XS_TRANSACTION_START);
    TYPE(XS_TRANSACTION_END);
    TYPE(XS_INTRODUCE);
    TYPE(XS_RELEASE);
    TYPE(XS_GET_DOMAIN_PATH);
    TYPE(XS_WRITE);
    TYPE(XS_MKDIR);
    TYPE(XS_RM);
    TYPE(XS_SET_PERMS);
    TYPE(XS_WATCH_EVENT);
    TYPE(XS_ERROR);
    TYPE(XS_IS_DOMAIN_INTRODUCED);
    TYPE(XS_RESUME);
    TYPE(XS_SET_TARGET);
    TYPE(XS_RESET_WATCHES);
    TYPE(XS_DIRECTORY_PART);
    printf("type_count %d\n", (int)XS_TYPE_COUNT);
    printf("debug_is_control %d\n", XS_DEBUG == XS_CONTROL);
    for (size_t i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
        printf("error %s %s\n", xsd_errors[i].errstring, strerror(xsd_errors[i].errnum));
    printf("payload_max %d\n", XENSTORE_PAYLOAD_MAX);
    printf("abs_path_max %d\n", XENSTORE_ABS_PATH_MAX);
    printf("rel_path_max %d\n", XENSTORE_REL_PATH_MAX);
    printf("header_size %zu\n", sizeof(struct xsd_sockmsg));
    struct xsd_sockmsg m = { .type = XS_READ, .req_id = 0x01020304, .tx_id = 7, .len = 5 };
    printf("header_bytes");
    for (size_t i = 0; i < sizeof(m); i++)
        printf(" %02x", ((unsigned char *)&m)[i]);
    printf("\n");
}

static void perms(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        struct xs_permissions p;
        /* xs_strings_to_perms takes NUL-separated strings; one here. */
        if (xs_strings_to_perms(&p, 1, argv[i]))
            printf("perm|%s|ok|%u|%u\n", argv[i], p.id, p.perms);
        else
            printf("perm|%s|bad\n", argv[i]);
    }
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "wire"))
        wire();
    else if (argc >= 2 && !strcmp(argv[1], "perms"))
        perms(argc - 2, argv + 2);
    else if (argc >= 2 && !strcmp(argv[1], "socket"))
        printf("%s\n", xs_daemon_socket());
    else {
        fprintf(stderr, "usage: %s wire | perms S... | socket\n", argv[0]);
        return 2;
    }
    return 0;
}
