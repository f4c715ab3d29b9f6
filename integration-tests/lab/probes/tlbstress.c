/* Stale-TLB probe for the lab's dom0: threads of one process verify page contents while another
 * thread remaps those pages (munmap+mmap, madvise) and the process forks (COW).  A TLB entry
 * left stale by a missing flush shows up as a page that holds an older generation's data, or
 * as a write that is lost after a fork. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGES 64
#define PG 4096
static uint8_t *region;
static pthread_mutex_t lock[PAGES];
static uint64_t gen[PAGES];
static volatile int stop;
static long errs, checks, remaps, forks, lost;

static void fill(int i) { uint64_t *p = (uint64_t *)(region + (size_t)i * PG); for (int k = 0; k < PG / 8; k++) p[k] = (gen[i] << 16) | (uint64_t)i; }
static int ok(int i) { uint64_t *p = (uint64_t *)(region + (size_t)i * PG); for (int k = 0; k < PG / 8; k++) if (p[k] != ((gen[i] << 16) | (uint64_t)i)) return k; return -1; }

static void *checker(void *arg) {
    unsigned s = (unsigned)(uintptr_t)arg;
    while (!stop) {
        int i = rand_r(&s) % PAGES;
        pthread_mutex_lock(&lock[i]);
        int k = ok(i);
        if (k >= 0) { if (__atomic_fetch_add(&errs, 1, __ATOMIC_RELAXED) < 20) { uint64_t v = ((uint64_t *)(region + (size_t)i * PG))[k];
            printf("tlbstress: page %d word %d = gen %llu (expected %llu)\n", i, k, (unsigned long long)(v >> 16), (unsigned long long)gen[i]); } }
        gen[i]++; fill(i);                       /* write the next generation ourselves */
        __atomic_fetch_add(&checks, 1, __ATOMIC_RELAXED);
        pthread_mutex_unlock(&lock[i]);
    }
    return NULL;
}

static void *remapper(void *arg) {
    unsigned s = 7;
    (void)arg;
    while (!stop) {
        int i = rand_r(&s) % PAGES;
        pthread_mutex_lock(&lock[i]);
        uint8_t *pg = region + (size_t)i * PG;
        if (rand_r(&s) & 1) { munmap(pg, PG); mmap(pg, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0); }
        else madvise(pg, PG, MADV_DONTNEED);     /* the page reads back as zeros: refill */
        gen[i]++; fill(i); remaps++;
        pthread_mutex_unlock(&lock[i]);
    }
    return NULL;
}

/* A counter written without pause while the main thread forks: after each fork the page is
 * copy-on-write, and a CPU whose TLB still maps it writable writes into the child's copy. */
static volatile uint64_t *counter;
static void *writer(void *arg) { (void)arg; uint64_t v = 0; while (!stop) { *counter = ++v; if (*counter != v) { lost++; } } return NULL; }

int main(int argc, char **argv) {
    int secs = argc > 1 ? atoi(argv[1]) : 60, nthreads = argc > 2 ? atoi(argv[2]) : 2;
    setvbuf(stdout, NULL, _IOLBF, 0);
    region = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    counter = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < PAGES; i++) { pthread_mutex_init(&lock[i], NULL); fill(i); }
    pthread_t t[16], r, w;
    for (int i = 0; i < nthreads && i < 16; i++) pthread_create(&t[i], NULL, checker, (void *)(uintptr_t)(i + 1));
    pthread_create(&r, NULL, remapper, NULL);
    pthread_create(&w, NULL, writer, NULL);
    time_t end = time(NULL) + secs;
    while (time(NULL) < end) {
        pid_t c = fork();
        if (c == 0) _exit(0);
        waitpid(c, NULL, 0); forks++;
        uint64_t a = *counter; usleep(1000); uint64_t b = *counter;
        if (b < a) { lost++; printf("tlbstress: counter went back from %llu to %llu after a fork\n", (unsigned long long)a, (unsigned long long)b); }
    }
    stop = 1;
    for (int i = 0; i < nthreads && i < 16; i++) pthread_join(t[i], NULL);
    pthread_join(r, NULL); pthread_join(w, NULL);
    printf("tlbstress: %ld checks, %ld remaps, %ld forks: %ld stale pages, %ld lost writes\n", checks, remaps, forks, errs, lost);
    return errs || lost;
}
