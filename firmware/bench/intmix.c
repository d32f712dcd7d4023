/* bench-intmix: integer work steered by pseudo-random data: gcd (remainder loops), Collatz steps
 * (unpredictable branches), 32x32->64 multiplies, signed and unsigned division and remainder. */
#include <stdint.h>

#ifndef BENCH_REPEAT
#ifdef BENCH_SHORT
#define BENCH_REPEAT 20 /* rounds of 1000 steps: a quick correctness check */
#else
#define BENCH_REPEAT 4000 /* rounds of 1000 steps: the full benchmark */
#endif
#endif

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b != 0) {
        uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint32_t collatz_steps(uint32_t n)
{
    uint32_t steps = 0;
    for (; n != 1; steps++)
        n = (n & 1u) ? 3 * n + 1 : n / 2;
    return steps;
}

static uint32_t bench_run(uint32_t rounds)
{
    uint32_t x = 2463534242u;
    uint32_t acc = 0;
    for (uint32_t i = 0; i < rounds * 1000u; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        uint32_t a = (x & 0xffffu) + 1;
        uint32_t b = (x >> 16) + 1;
        switch (x >> 29) {
        case 0:
        case 1:
            acc += gcd(a, b);
            break;
        case 2:
            acc ^= collatz_steps((a & 0x3ffu) + 1);
            break;
        case 3:
            acc += (uint32_t)(((uint64_t)a * b * x) >> 32);
            break;
        case 4: {
            /* a divisor of either sign, never 0 or -1 (INT32_MIN / -1 overflows in C) */
            int32_t divisor = (int32_t)(b & 0x7fffu) - 16384;
            if (divisor == 0 || divisor == -1)
                divisor = 7;
            acc -= (uint32_t)((int32_t)x / divisor) + (uint32_t)((int32_t)x % divisor);
            break;
        }
        case 5:
            acc = acc * 2654435761u + x % 9973u;
            break;
        default:
            acc = (acc << 3 | acc >> 29) ^ (a / 7 + b % 13);
            break;
        }
    }
    return acc;
}

#ifdef BENCH_HOST
/* The host build computes the expected results below: `cc -O2 -DBENCH_HOST [-DBENCH_SHORT] intmix.c`. The
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
#if BENCH_REPEAT == 4000
#define BENCH_EXPECTED 0x3bcf8c8au
#elif BENCH_REPEAT == 20
#define BENCH_EXPECTED 0x0117a174u
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
    htif_printf("bench-intmix: %u steps: result 0x%08lx %s (expected 0x%08lx), %llu instructions, %llu cycles\n",
                BENCH_REPEAT * 1000u, result, ok ? "ok" : "MISMATCH", (uint32_t)BENCH_EXPECTED, instret, cycles);
    return ok ? 0 : 1;
}
#endif
