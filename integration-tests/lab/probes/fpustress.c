/* Does a process's SSE state survive in the lab's dom0? N workers each hold their own pattern
 * in xmm0-15 across a spin loop with sched_yield() syscalls, then check it; and memcpy+check a
 * buffer.  Any mismatch is corruption by something below the process (kernel, Xen, QEMU TCG). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static int sleepy; /* block in nanosleep instead of sched_yield: the vCPU goes idle in Xen */
static int worker(int id, int secs) {
    struct timespec ts = {0, 200000};
    uint64_t pat[32], got[32];
    long errs = 0, rounds = 0, memerrs = 0;
    size_t n = 4u << 20;
    uint64_t *a = malloc(n), *b = malloc(n);
    for (size_t i = 0; i < n / 8; i++) a[i] = ((uint64_t)id << 56) ^ (i * 0x9E3779B97F4A7C15ull);
    time_t end = time(NULL) + secs;
    while (time(NULL) < end) {
        for (int r = 0; r < 32; r++) pat[r] = ((uint64_t)id << 56) | ((uint64_t)rounds << 8) | (uint64_t)r;
        __asm__ volatile(
            "movdqu 0(%[p]),%%xmm0\n\tmovdqu 16(%[p]),%%xmm1\n\tmovdqu 32(%[p]),%%xmm2\n\tmovdqu 48(%[p]),%%xmm3\n\t"
            "movdqu 64(%[p]),%%xmm4\n\tmovdqu 80(%[p]),%%xmm5\n\tmovdqu 96(%[p]),%%xmm6\n\tmovdqu 112(%[p]),%%xmm7\n\t"
            "movdqu 128(%[p]),%%xmm8\n\tmovdqu 144(%[p]),%%xmm9\n\tmovdqu 160(%[p]),%%xmm10\n\tmovdqu 176(%[p]),%%xmm11\n\t"
            "movdqu 192(%[p]),%%xmm12\n\tmovdqu 208(%[p]),%%xmm13\n\tmovdqu 224(%[p]),%%xmm14\n\tmovdqu 240(%[p]),%%xmm15\n\t"
            "mov $40, %%r8\n"
            "1:\n\tmov $20000, %%rcx\n"
            "2:\n\tdec %%rcx\n\tjnz 2b\n\t"
            "mov %[nr], %%eax\n\tmov %[ts], %%rdi\n\txor %%esi, %%esi\n\tsyscall\n\t" /* sched_yield or nanosleep */
            "dec %%r8\n\tjnz 1b\n\t"
            "movdqu %%xmm0,0(%[g])\n\tmovdqu %%xmm1,16(%[g])\n\tmovdqu %%xmm2,32(%[g])\n\tmovdqu %%xmm3,48(%[g])\n\t"
            "movdqu %%xmm4,64(%[g])\n\tmovdqu %%xmm5,80(%[g])\n\tmovdqu %%xmm6,96(%[g])\n\tmovdqu %%xmm7,112(%[g])\n\t"
            "movdqu %%xmm8,128(%[g])\n\tmovdqu %%xmm9,144(%[g])\n\tmovdqu %%xmm10,160(%[g])\n\tmovdqu %%xmm11,176(%[g])\n\t"
            "movdqu %%xmm12,192(%[g])\n\tmovdqu %%xmm13,208(%[g])\n\tmovdqu %%xmm14,224(%[g])\n\tmovdqu %%xmm15,240(%[g])\n\t"
            : : [p] "r"(pat), [g] "r"(got), [nr] "r"(sleepy ? 35 : 24), [ts] "r"(&ts)
            : "rax", "rcx", "rdi", "rsi", "r8", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
              "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
        for (int r = 0; r < 32; r++)
            if (got[r] != pat[r]) {
                if (errs < 20)
                    printf("fpustress: worker %d round %ld xmm%d.%d = %016llx, expected %016llx\n", id, rounds,
                           r / 2, r % 2, (unsigned long long)got[r], (unsigned long long)pat[r]);
                errs++;
            }
        memcpy(b, a, n);
        for (size_t i = 0; i < n / 8; i++)
            if (b[i] != (((uint64_t)id << 56) ^ (i * 0x9E3779B97F4A7C15ull))) {
                if (memerrs < 20) printf("fpustress: worker %d memcpy word %zu wrong\n", id, i);
                memerrs++;
            }
        rounds++;
    }
    printf("fpustress: worker %d rounds=%ld xmm_errors=%ld memcpy_errors=%ld\n", id, rounds, errs, memerrs);
    fflush(stdout);
    return errs || memerrs;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 4, secs = argc > 2 ? atoi(argv[2]) : 60, bad = 0;
    sleepy = argc > 3 && strcmp(argv[3], "sleep") == 0;
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < n; i++)
        if (fork() == 0) _exit(worker(i + 1, secs));
    for (int i = 0; i < n; i++) { int st; wait(&st); if (!WIFEXITED(st) || WEXITSTATUS(st)) bad++; }
    printf("fpustress: %d workers, %d with errors\n", n, bad);
    return bad != 0;
}
