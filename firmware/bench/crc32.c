/* bench-crc32: table-driven CRC-32 (IEEE 802.3) over a 4 KiB buffer, chained over many passes. */
#include <stdint.h>

#ifndef BENCH_REPEAT
#ifdef BENCH_SHORT
#define BENCH_REPEAT 64 /* passes: a quick correctness check */
#else
#define BENCH_REPEAT 7200 /* passes: the full benchmark */
#endif
#endif

#define BUF_SIZE 4096u

static uint8_t buf[BUF_SIZE];
static uint32_t table[256];

/* The table comes from the bitwise algorithm, so both forms run. */
static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int bit = 0; bit < 8; bit++)
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1u));
        table[i] = c;
    }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, uint32_t len)
{
    crc = ~crc;
    while (len-- != 0)
        crc = table[(crc ^ *p++) & 0xffu] ^ (crc >> 8);
    return ~crc;
}

static uint32_t bench_run(uint32_t passes)
{
    crc32_init();
    uint32_t x = 0x12345678u; /* xorshift32 fills the buffer */
    for (uint32_t i = 0; i < BUF_SIZE; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    /* Each pass changes one byte and continues the previous pass's CRC, so no pass repeats another. */
    uint32_t crc = 0;
    for (uint32_t pass = 0; pass < passes; pass++) {
        buf[pass % BUF_SIZE] ^= (uint8_t)(pass + 1);
        crc = crc32_update(crc, buf, BUF_SIZE);
    }
    return crc;
}

#ifdef BENCH_HOST
/* The host build computes the expected results below: `cc -O2 -DBENCH_HOST [-DBENCH_SHORT] crc32.c`. The
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
#if BENCH_REPEAT == 7200
#define BENCH_EXPECTED 0x01d00bc9u
#elif BENCH_REPEAT == 64
#define BENCH_EXPECTED 0x298ca417u
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

    /* the standard check value, independent of the host build */
    int ok = result == BENCH_EXPECTED && crc32_update(0, (const uint8_t *)"123456789", 9) == 0xCBF43926u;
    htif_printf("bench-crc32: %u passes over %u bytes: crc 0x%08lx %s (expected 0x%08lx), %llu instructions, "
                "%llu cycles\n",
                BENCH_REPEAT, BUF_SIZE, result, ok ? "ok" : "MISMATCH", (uint32_t)BENCH_EXPECTED, instret, cycles);
    return ok ? 0 : 1;
}
#endif
