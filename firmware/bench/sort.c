/* bench-sort: quicksort 2048 pseudo-random signed 32-bit integers, a new array from a new seed each round. */
#include <stdint.h>

#ifndef BENCH_REPEAT
#ifdef BENCH_SHORT
#define BENCH_REPEAT 8 /* rounds: a quick correctness check */
#else
#define BENCH_REPEAT 1200 /* rounds: the full benchmark */
#endif
#endif

#define N 2048

static int32_t v[N];

static void insertion_sort(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t key = a[i];
        int j = i - 1;
        for (; j >= 0 && a[j] > key; j--)
            a[j + 1] = a[j];
        a[j + 1] = key;
    }
}

/* Hoare partition around the middle element; recurse into the smaller part, loop on the larger, so the
 * stack stays O(log n) deep. Short ranges go to insertion sort. */
static void quick_sort(int32_t *a, int n)
{
    while (n > 16) {
        int32_t pivot = a[(n - 1) / 2];
        int i = -1, j = n;
        for (;;) {
            do
                i++;
            while (a[i] < pivot);
            do
                j--;
            while (a[j] > pivot);
            if (i >= j)
                break;
            int32_t t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int left = j + 1; /* a[0..j] <= pivot <= a[j+1..n-1] */
        if (left < n - left) {
            quick_sort(a, left);
            a += left;
            n -= left;
        } else {
            quick_sort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

static uint32_t bench_run(uint32_t rounds)
{
    uint32_t hash = 2166136261u; /* FNV-1a over every sorted array, in order */
    uint32_t unsorted = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        uint32_t x = r + 1; /* xorshift32 seeded with the round number */
        for (int i = 0; i < N; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            v[i] = (int32_t)x;
        }
        quick_sort(v, N);
        for (int i = 0; i < N; i++) {
            unsorted += i > 0 && v[i - 1] > v[i];
            hash = (hash ^ (uint32_t)v[i]) * 16777619u;
        }
    }
    return unsorted != 0 ? 0 : hash; /* an unsorted array never gives the expected value */
}

#ifdef BENCH_HOST
/* The host build computes the expected results below: `cc -O2 -DBENCH_HOST [-DBENCH_SHORT] sort.c`. The
 * algorithm is plain C on fixed-width integers, so the host's answer is the one the target must give. */
#include <stdio.h>
int main(void)
{
    printf("0x%08lx\n", (unsigned long)bench_run(BENCH_REPEAT));
    return 0;
}
#else
#include "csr.h"
#include "htif.h"

/* The expected results of the full and the short build, from the host build above. */
#if BENCH_REPEAT == 1200
#define BENCH_EXPECTED 0x9218be8cu
#elif BENCH_REPEAT == 8
#define BENCH_EXPECTED 0xfb0f0bb9u
#else
#error "no expected result for this BENCH_REPEAT: compute it with the host build (see above)"
#endif

int main(void)
{
    uint64_t instret = csr_instret64();
    uint64_t cycles = csr_cycle64();
    uint32_t result = bench_run(BENCH_REPEAT);
    instret = csr_instret64() - instret;
    cycles = csr_cycle64() - cycles;

    int ok = result == BENCH_EXPECTED;
    htif_printf("bench-sort: %u rounds of %u numbers: hash 0x%08lx %s (expected 0x%08lx), %llu instructions, "
                "%llu cycles\n",
                BENCH_REPEAT, N, result, ok ? "ok" : "MISMATCH", (uint32_t)BENCH_EXPECTED, instret, cycles);
    return ok ? 0 : 1;
}
#endif
