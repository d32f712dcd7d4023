// nvram: bytes, halfwords and words at any alignment read back, a CRC-protected record detects corruption, and everything survives a soft reset of the cell.
#define TEST_NAME "cell-nvram"
#include "cell_test.h"
#include "cellctl.h"
#include "nvram.h"

#define STAGE_AFTER_RESET 0x4E565231u /* CELLCTL_SCRATCH: the first boot has written the NVRAM */

#define AREA_BYTES 0x100u
#define AREA_WORD 0x203u /* unaligned on purpose */
#define AREA_HALF 0x301u
#define AREA_COPY 0x1001u
#define AREA_RECORD 0x2000u
#define AREA_TIMING 0x4000u
#define WORD_VALUE 0xDEADBEEFu
#define HALF_VALUE 0xA55Au

struct settings {
    uint32_t boot_count;
    uint8_t mac[6];
    char name[18];
};

static const struct settings saved = {7, {0x02, 0x00, 0x5E, 0x10, 0x20, 0x30}, "cell-nvram record"};

/* Initialised data: crt0 copies it from flash on every boot, whatever RAM held. */
static volatile uint32_t data_word = 0x1234ABCDu;

static uint8_t copy_byte(unsigned i)
{
    return (uint8_t)(i * 13 + 1);
}

static int same(const void *a, const void *b, unsigned len)
{
    const uint8_t *x = a, *y = b;
    for (unsigned i = 0; i < len; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

static int check_persistent(void)
{
    for (unsigned i = 0; i < 256; i++)
        if (*nvram_ptr(AREA_BYTES + i) != (uint8_t)(255 - i))
            return 0;
    if (*(volatile uint32_t *)nvram_ptr(AREA_WORD) != WORD_VALUE)
        return 0;
    if (*(volatile uint16_t *)nvram_ptr(AREA_HALF) != HALF_VALUE)
        return 0;
    uint8_t buf[100];
    nvram_read(AREA_COPY, buf, sizeof buf);
    for (unsigned i = 0; i < sizeof buf; i++)
        if (buf[i] != copy_byte(i))
            return 0;
    return 1;
}

static int first_boot(void)
{
    CHECK(2, cellctl_scratch() == 0);
    CHECK(3, data_word == 0x1234ABCDu);
    data_word = 0; /* the next boot must see the initial value again */

    /* Bytes, then a word and a halfword at odd offsets, read back in other widths too. */
    for (unsigned i = 0; i < 256; i++)
        *nvram_ptr(AREA_BYTES + i) = (uint8_t)(255 - i);
    *(volatile uint32_t *)nvram_ptr(AREA_WORD) = WORD_VALUE;
    *(volatile uint16_t *)nvram_ptr(AREA_HALF) = HALF_VALUE;
    CHECK(4, *nvram_ptr(AREA_WORD) == 0xEF && *nvram_ptr(AREA_WORD + 3) == 0xDE);
    CHECK(5, *nvram_ptr(AREA_HALF) == 0x5A && *nvram_ptr(AREA_HALF + 1) == 0xA5);
    uint8_t buf[100];
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = copy_byte(i);
    nvram_write(AREA_COPY, buf, sizeof buf);
    CHECK(6, check_persistent());

    /* A record reads back; a smaller buffer and a place without a record are reported. */
    nvram_record_write(AREA_RECORD, &saved, sizeof saved);
    struct settings s;
    CHECK(7, nvram_record_read(AREA_RECORD, &s, sizeof s) == (int)sizeof s && same(&s, &saved, sizeof s));
    CHECK(8, nvram_record_read(AREA_RECORD, &s, sizeof s - 1) == NVRAM_RECORD_BAD);
    CHECK(9, nvram_record_read(AREA_TIMING, &s, sizeof s) == NVRAM_RECORD_NONE);

    /* Every access is one SPI transfer at 40 MHz: opcode, 3 address bytes, 4 data bytes = 1.6 us. */
    uint64_t t = test_mtime();
    for (unsigned i = 0; i < 1000; i++)
        *(volatile uint32_t *)nvram_ptr(AREA_TIMING + 4 * i) = i;
    uint32_t us = test_us_since(t);
    htif_printf("cell-nvram: 1000 word writes in %lu us\n", us);
    CHECK(10, us >= 1500 && us <= 5000);

    htif_printf("cell-nvram: written, resetting the cell\n");
    cellctl_set_scratch(STAGE_AFTER_RESET);
    cellctl_soft_reset();
}

static int second_boot(void)
{
    CHECK(11, data_word == 0x1234ABCDu);
    CHECK(12, check_persistent());
    struct settings s;
    CHECK(13, nvram_record_read(AREA_RECORD, &s, sizeof s) == (int)sizeof s && same(&s, &saved, sizeof s));

    /* One flipped bit in the data: the CRC catches it. */
    volatile uint8_t *byte = nvram_ptr(AREA_RECORD + NVRAM_RECORD_HEADER + 5);
    *byte ^= 0x10;
    CHECK(14, nvram_record_read(AREA_RECORD, &s, sizeof s) == NVRAM_RECORD_BAD);
    *byte ^= 0x10;
    CHECK(15, nvram_record_read(AREA_RECORD, &s, sizeof s) == (int)sizeof s);

    cellctl_set_scratch(0);
    htif_printf("cell-nvram: passed (contents kept over a soft reset)\n");
    return 0;
}

int main(void)
{
    uint32_t cause = cellctl_reset_cause();
    htif_printf("cell-nvram: boot after %s reset\n", cellctl_reset_cause_name(cause));
    if (cause == CELLCTL_RESET_POWER_ON)
        return first_boot();
    CHECK(1, cause == CELLCTL_RESET_SOFT && cellctl_scratch() == STAGE_AFTER_RESET);
    return second_boot();
}
