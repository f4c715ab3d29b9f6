/*
 * cfgbench: configs per second through Debian's real libxlutil 4.17
 * (xlu_cfg_init + xlu_cfg_readdata + xlu_cfg_destroy, as xl does per file),
 * to compare with xlj's JMH ParseBenchmark.parse on the same file.
 * Our own benchmark helper.   cfgbench FILE SECONDS ROUNDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <libxlutil.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: cfgbench FILE SECONDS ROUNDS\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    static char data[1 << 20];
    int len = (int)fread(data, 1, sizeof(data), f);
    fclose(f);
    double secs = atof(argv[2]);
    int rounds = atoi(argv[3]);
    FILE *sink = fopen("/dev/null", "w");
    for (int r = 0; r < rounds; r++) {
        long n = 0;
        double t0 = now(), t;
        do {
            for (int i = 0; i < 100; i++) {
                XLU_Config *cfg = xlu_cfg_init(sink, "bench.cfg");
                if (xlu_cfg_readdata(cfg, data, len)) { fprintf(stderr, "parse failed\n"); return 1; }
                xlu_cfg_destroy(cfg);
            }
            n += 100;
            t = now() - t0;
        } while (t < secs);
        printf("libxlutil round %d: %.0f configs/s\n", r + 1, n / t);
    }
    return 0;
}
