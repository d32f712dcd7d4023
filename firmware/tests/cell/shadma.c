// The SHA-256 engine (drivers/shadma) against the boot library's software SHA-256: vectors, messages of odd
// lengths, a header run then a body run with copy, errors (length, bus address), the interrupt, and hash + copy
// of 1 MiB of flash timed in simulated microseconds.
#define TEST_NAME "cell-shadma"
#include "cell_test.h"
#include "intc.h"
#include "sha256.h"
#include "shadma.h"

static int same(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static const uint8_t abc_digest[SHA256_SIZE] = {
    0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
    0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};

static uint8_t buffer[4096 + 64];
static uint32_t image[(1u << 20) / 4];

int main(void)
{
    uint8_t hw[SHA256_SIZE], sw[SHA256_SIZE];

    /* "abc" from a string in flash (unaligned is fine). */
    CHECK(1, shadma_hash_copy("abc", 0, 3, 1, 1) == 0);
    shadma_digest(hw);
    CHECK(2, same(hw, abc_digest, SHA256_SIZE));

    /* A RAM buffer, every length around the block and padding edges and a longer one: engine == library. */
    for (uint32_t i = 0; i < sizeof buffer; i++)
        buffer[i] = (uint8_t)(i * 7 + (i >> 8));
    static const uint32_t lengths[] = {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4096};
    for (unsigned k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        CHECK(3, shadma_hash_copy(buffer + 1, 0, lengths[k], 1, 1) == 0);
        shadma_digest(hw);
        sha256(buffer + 1, lengths[k], sw);
        CHECK(4, same(hw, sw, SHA256_SIZE));
    }

    /* A header run (hash only) then the body with copy: the digest of both, and the body copied. */
    static uint8_t copy[4096];
    CHECK(5, shadma_hash_copy(buffer, 0, 64, 1, 0) == 0);
    CHECK(6, shadma_hash_copy(buffer + 64, copy, 4000, 0, 1) == 0);
    shadma_digest(hw);
    sha256(buffer, 4064, sw);
    CHECK(7, same(hw, sw, SHA256_SIZE));
    CHECK(8, same(copy, buffer + 64, 4000));

    /* Errors: a non-final run of 100 bytes; an unmapped source, with its address reported. */
    CHECK(9, shadma_hash_copy(buffer, 0, 100, 1, 0) == SHADMA_STATUS_ERR_LEN);
    CHECK(10, shadma_hash_copy((const void *)0x40000000u, 0, 64, 1, 1) == SHADMA_STATUS_ERR_BUS);
    CHECK(11, shadma_error_address() == 0x40000000u);

    /* The interrupt source follows DONE and IRQ_EN. */
    shadma_irq_enable(1);
    shadma_start((uint32_t)(uintptr_t)buffer, 0, 64, SHADMA_CTRL_INIT | SHADMA_CTRL_FINAL);
    uint64_t t0 = test_mtime();
    while (!(intc_pending() & (1u << CELL_IRQ_SHADMA)) && test_us_since(t0) < 100)
        ;
    CHECK(12, intc_pending() & (1u << CELL_IRQ_SHADMA));
    CHECK(13, shadma_wait() == 0);
    CHECK(14, !(intc_pending() & (1u << CELL_IRQ_SHADMA)));
    shadma_irq_enable(0);

    /* 1 MiB of flash (this program, then erased flash) hashed and copied to RAM in one run, as a boot would. */
    const uint8_t *flash = (const uint8_t *)CELL_FLASH_BASE;
    t0 = test_mtime();
    CHECK(15, shadma_hash_copy(flash, image, 1u << 20, 1, 1) == 0);
    uint32_t us = test_us_since(t0);
    shadma_digest(hw);
    CHECK(16, same((const uint8_t *)image, flash, 1u << 20));
    sha256(image, 1u << 20, sw);
    CHECK(17, same(hw, sw, SHA256_SIZE));
    /* The flash streams at 66 MB/s: about 15.7 ms, a few milliseconds at most. */
    CHECK(18, us >= 15000 && us < 20000);
    htif_printf("%s: 1 MiB of flash hashed and copied to RAM in %lu us\n", TEST_NAME, (unsigned long)us);
    htif_printf("%s: passed\n", TEST_NAME);
    return 0;
}
