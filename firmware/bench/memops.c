/* bench-memops: fill, copy at varying alignments and lengths, and checksum 16 KiB buffers, many rounds. */
#include <stdint.h>

#ifndef BENCH_REPEAT
#ifdef BENCH_SHORT
#define BENCH_REPEAT 32 /* rounds: a quick correctness check */
#else
#define BENCH_REPEAT 3200 /* rounds: the full benchmark */
#endif
#endif

#define BUF_WORDS 4096u /* 16 KiB */

/* Word arrays, accessed as words or as bytes (a character type may alias anything). */
static uint32_t src[BUF_WORDS];
static uint32_t dst[BUF_WORDS + 2];

/* memset: bytes up to a word boundary, then words, then the tail. */
static void mem_fill(uint8_t *d, uint8_t value, uint32_t n)
{
    for (; n != 0 && ((uintptr_t)d & 3u) != 0; n--)
        *d++ = value;
    uint32_t word = value * 0x01010101u;
    for (; n >= 4; n -= 4, d += 4)
        *(uint32_t *)d = word;
    while (n-- != 0)
        *d++ = value;
}

/* memcpy: four words at a time when source and destination are equally aligned, otherwise bytes. */
static void mem_copy(uint8_t *d, const uint8_t *s, uint32_t n)
{
    if ((((uintptr_t)d ^ (uintptr_t)s) & 3u) == 0) {
        for (; n != 0 && ((uintptr_t)d & 3u) != 0; n--)
            *d++ = *s++;
        for (; n >= 16; n -= 16, d += 16, s += 16) {
            uint32_t *dw = (uint32_t *)d;
            const uint32_t *sw = (const uint32_t *)s;
            dw[0] = sw[0];
            dw[1] = sw[1];
            dw[2] = sw[2];
            dw[3] = sw[3];
        }
    }
    while (n-- != 0)
        *d++ = *s++;
}

/* Fletcher-style: the second sum makes the checksum depend on where each word is. */
static uint32_t checksum(const uint32_t *w, uint32_t words)
{
    uint32_t a = 1, b = 0;
    for (uint32_t i = 0; i < words; i++) {
        a += w[i];
        b += a;
    }
    return a ^ (b << 7 | b >> 25);
}

static uint32_t bench_run(uint32_t rounds)
{
    uint32_t x = 0x9E3779B9u; /* xorshift32 fills the source */
    for (uint32_t i = 0; i < BUF_WORDS; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        src[i] = x;
    }
    uint8_t *d = (uint8_t *)dst;
    uint8_t *s = (uint8_t *)src;
    uint32_t sum = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        uint32_t dst_offset = r & 7u;          /* with the source offset: aligned in one round of four */
        uint32_t src_offset = (r >> 3) & 7u;
        uint32_t len = 4 * BUF_WORDS - 8 - (r * 97u) % 2048u;
        mem_fill(d, (uint8_t)r, sizeof dst);
        mem_copy(d + dst_offset, s + src_offset, len);
        sum = sum * 31u + checksum(dst, BUF_WORDS + 2);
        s[(r * 4099u) % (4 * BUF_WORDS)] ^= (uint8_t)sum; /* the next round copies different data */
    }
    return sum;
}

#ifdef BENCH_HOST
/* The host build computes the expected results below: `cc -O2 -DBENCH_HOST [-DBENCH_SHORT] memops.c`. The
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
#if BENCH_REPEAT == 3200
#define BENCH_EXPECTED 0x3d2623cfu
#elif BENCH_REPEAT == 32
#define BENCH_EXPECTED 0x1b4ae9d6u
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
    htif_printf("bench-memops: %u rounds over %u bytes: checksum 0x%08lx %s (expected 0x%08lx), "
                "%llu instructions, %llu cycles\n",
                BENCH_REPEAT, 4 * BUF_WORDS, result, ok ? "ok" : "MISMATCH", (uint32_t)BENCH_EXPECTED, instret,
                cycles);
    return ok ? 0 : 1;
}
#endif
