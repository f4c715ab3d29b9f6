/*
 * cfgprobe: drives Debian's real libxlutil 4.17 (the xl.cfg parser that xl
 * links) the way xl does, and prints what its getters return, so that xlj's
 * tests can compare io.xlj.config against it byte for byte.  Our own test
 * helper; compiled by the tests with gcc.
 *
 *   cfgprobe FILE SOURCE-NAME KEY...
 *
 * Everything, including libxlutil's own messages, goes to stdout in order.
 * The exact format is mirrored by the Java side (CfgProbeFormat).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxl.h>
#include <libxlutil.h>

static void dump_list(XLU_Config *cfg, XLU_ConfigList *list, int depth)
{
    for (int i = 0; ; i++) {
        XLU_ConfigValue *v = xlu_cfg_get_listitem2(list, i);
        if (!v) break;
        char *s = NULL;
        XLU_ConfigList *sub = NULL;
        const char *item = xlu_cfg_get_listitem(list, i);
        int rs = xlu_cfg_value_get_string(cfg, v, &s, 0);
        int rl = xlu_cfg_value_get_list(cfg, v, &sub, 0);
        printf("%*sitem %d type=%d string=%d list=%d listitem=%s", depth * 2, "", i,
               (int)xlu_cfg_value_type(v), rs, rl, item ? "yes" : "NULL");
        if (!rs) printf(" [%s]", s);
        printf("\n");
        if (!rl) dump_list(cfg, sub, depth + 1);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: cfgprobe FILE SOURCE KEY...\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    static char data[1 << 20];
    int len = (int)fread(data, 1, sizeof(data), f);
    fclose(f);

    setvbuf(stdout, NULL, _IONBF, 0);
    XLU_Config *cfg = xlu_cfg_init(stdout, argv[2]);
    int rc = xlu_cfg_readdata(cfg, data, len);
    printf("rc %d\n", rc);
    if (rc) return 0;

    for (int k = 3; k < argc; k++) {
        const char *n = argv[k];
        const char *s;
        long l;
        libxl_defbool b;
        XLU_ConfigList *list;
        int entries;
        libxl_string_list sl;
        char *cur = strdup("orig");
        int r;

        printf("key %s\n", n);
        r = xlu_cfg_get_string(cfg, n, &s, 0);
        printf(" string %d", r); if (!r) printf(" [%s]", s); printf("\n");
        r = xlu_cfg_get_long(cfg, n, &l, 0);
        printf(" long %d", r); if (!r) printf(" %ld", l); printf("\n");
        r = xlu_cfg_get_bounded_long(cfg, n, -5, 1000, &l, 0);
        printf(" bounded %d", r); if (!r) printf(" %ld", l); printf("\n");
        libxl_defbool_unset(&b);
        r = xlu_cfg_get_defbool(cfg, n, &b, 0);
        printf(" defbool %d", r); if (!r) printf(" %d", libxl_defbool_val(b)); printf("\n");
        r = xlu_cfg_replace_string(cfg, n, &cur, 1);
        printf(" replace %d [%s]\n", r, cur);
        free(cur);
        r = xlu_cfg_get_list(cfg, n, &list, &entries, 0);
        printf(" list %d", r); if (!r) printf(" %d", entries); printf("\n");
        if (!r) dump_list(cfg, list, 1);
        r = xlu_cfg_get_list_as_string_list(cfg, n, &sl, 1);
        printf(" strlist %d", r);
        if (!r) {
            for (int i = 0; sl[i] || i < entries; i++) {
                if (i >= entries) break;
                printf(" [%s]", sl[i] ? sl[i] : "(null)");
            }
            libxl_string_list_dispose(&sl);
        }
        printf("\n");
    }
    xlu_cfg_destroy(cfg);
    return 0;
}
