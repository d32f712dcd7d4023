// flash: erase, program and read back through XIP; NOR rules (program only clears bits, pages, alignment), write protection and its lock, the array reading 0xFF while busy.
#define TEST_NAME "cell-flash"
#include "cell_test.h"
#include "crt0.h"
#include "flash.h"

#define FLASH_REG(offset) (*(volatile uint32_t *)(CELL_FLASHCTL_BASE + (offset)))

#define BASE 0x800000u /* 8 MiB: a 64 KiB block far from the program */

static const char text[] = "NOR flash, programmed from XIP data";

static uint8_t xip8(uint32_t offset)
{
    return *flash_xip(offset);
}

static int all_erased(uint32_t offset, uint32_t len)
{
    for (uint32_t i = 0; i < len; i += 4)
        if (*(const volatile uint32_t *)flash_xip(offset + i) != 0xFFFFFFFFu)
            return 0;
    return 1;
}

/* What the hart sees while an erase runs; filled by busy_probe (in RAM: the flash reads 0xFF meanwhile). */
static struct {
    uint32_t status_after_cmd;    /* BUSY set */
    uint32_t code_word_busy;      /* the first word of the program reads 0xFFFFFFFF */
    uint32_t status_after_second; /* a second command while busy: ERR_BUSY, ignored */
    uint32_t status_done;         /* DONE, BUSY clear */
    uint32_t code_word_after;     /* the first word of the program again */
} probe;

static RAMFUNC void busy_probe(uint32_t sector)
{
    volatile uint32_t *code = (volatile uint32_t *)CELL_FLASH_BASE;
    FLASH_REG(FLASH_STATUS) = 0xFFFFFFFFu;
    FLASH_REG(FLASH_ADDR) = sector;
    FLASH_REG(FLASH_CMD) = FLASH_CMD_ERASE_4K;
    probe.status_after_cmd = FLASH_REG(FLASH_STATUS);
    probe.code_word_busy = *code;
    FLASH_REG(FLASH_CMD) = FLASH_CMD_ERASE_4K;
    probe.status_after_second = FLASH_REG(FLASH_STATUS);
    uint32_t status;
    while (!((status = FLASH_REG(FLASH_STATUS)) & FLASH_STATUS_DONE)) {
    }
    probe.status_done = status;
    probe.code_word_after = *code;
    FLASH_REG(FLASH_STATUS) = 0xFFFFFFFFu;
}

int main(void)
{
    uint32_t size = flash_size();
    htif_printf("cell-flash: part of %lu KiB\n", size / 1024);
    CHECK(1, size >= BASE + FLASH_BLOCK_64K && size % FLASH_BLOCK_64K == 0);
    flash_init(FLASH_WAIT_POLL);

    /* A 64 KiB block erase: all ones, in about the datasheet's typical time (150 ms, at most 2 s). */
    uint64_t t = test_mtime();
    CHECK(2, flash_erase_block(BASE) == 0);
    uint32_t us = test_us_since(t);
    htif_printf("cell-flash: 64 KiB erase %lu us\n", us);
    CHECK(3, us >= 140000 && us <= 2000000);
    CHECK(4, all_erased(BASE, FLASH_BLOCK_64K));

    /* A whole page: reads back through XIP; typical 0.4 ms, at most 3 ms. */
    uint8_t page[FLASH_PAGE_SIZE];
    for (unsigned i = 0; i < FLASH_PAGE_SIZE; i++)
        page[i] = (uint8_t)(i * 7 + 3);
    t = test_mtime();
    CHECK(5, flash_program_page(BASE, page, FLASH_PAGE_SIZE) == 0);
    us = test_us_since(t);
    htif_printf("cell-flash: 256-byte page program %lu us\n", us);
    CHECK(6, us >= 390 && us <= 3000);
    for (unsigned i = 0; i < FLASH_PAGE_SIZE; i++)
        CHECK(7, xip8(BASE + i) == page[i]);
    CHECK(8, all_erased(BASE + FLASH_PAGE_SIZE, FLASH_PAGE_SIZE));

    /* Part of a page, at an odd offset, from data that is itself in flash (unaligned). */
    const uint32_t part = BASE + FLASH_PAGE_SIZE + 3;
    CHECK(9, flash_program_page(part, text + 1, 10) == 0);
    for (unsigned i = 0; i < 10; i++)
        CHECK(10, xip8(part + i) == (uint8_t)text[1 + i]);
    CHECK(11, xip8(part - 1) == 0xFF && xip8(part + 10) == 0xFF);

    /* Programming only clears bits: more zeros over programmed bytes are fine (0x0F, then 0x05). */
    const uint8_t f = 0x0F, five = 0x05;
    CHECK(12, flash_program_page(part + 20, &f, 1) == 0 && xip8(part + 20) == 0x0F);
    CHECK(13, flash_program_page(part + 20, &five, 1) == 0 && xip8(part + 20) == 0x05);

    /* Refused, nothing changed: a program across a page end, a misaligned erase, an erase beyond the part. */
    const uint32_t cross = BASE + 2 * FLASH_PAGE_SIZE - 4;
    CHECK(14, flash_program_page(cross, page, 8) == FLASH_STATUS_ERR_RANGE);
    CHECK(15, all_erased(cross, 8));
    CHECK(16, flash_erase_sector(BASE + 0x800) == FLASH_STATUS_ERR_RANGE);
    CHECK(17, xip8(BASE) == page[0] && xip8(BASE + 255) == page[255]);
    CHECK(18, flash_erase_sector(size) == FLASH_STATUS_ERR_RANGE);
    CHECK(19, flash_erase_block(BASE + FLASH_SECTOR_4K) == FLASH_STATUS_ERR_RANGE);

    /* flash_program splits a range at page ends. */
    uint8_t data[600];
    for (unsigned i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(0xA5 ^ i ^ (i >> 8));
    const uint32_t multi = BASE + FLASH_SECTOR_4K + 100;
    CHECK(20, flash_program(multi, data, sizeof data) == 0);
    for (unsigned i = 0; i < sizeof data; i++)
        CHECK(21, xip8(multi + i) == data[i]);

    /* The array reads 0xFF while busy; a command while busy is refused with ERR_BUSY. */
    const uint32_t code_word = *(const volatile uint32_t *)CELL_FLASH_BASE;
    CHECK(22, code_word != 0xFFFFFFFFu);
    t = test_mtime();
    busy_probe(BASE + 2 * FLASH_SECTOR_4K);
    us = test_us_since(t);
    htif_printf("cell-flash: 4 KiB erase %lu us\n", us);
    CHECK(23, probe.status_after_cmd & FLASH_STATUS_BUSY);
    CHECK(24, probe.code_word_busy == 0xFFFFFFFFu);
    CHECK(25, probe.status_after_second & FLASH_STATUS_ERR_BUSY);
    CHECK(26, (probe.status_done & (FLASH_STATUS_BUSY | FLASH_STATUS_DONE)) == FLASH_STATUS_DONE);
    CHECK(27, probe.code_word_after == code_word);
    CHECK(28, us >= 44000 && us <= 400000); /* one erase: the second command was ignored */

    /* Write protection of the first sector: erase and program there are refused, nothing changes; the
     * next sector is not protected. */
    CHECK(29, flash_wp_set(BASE, BASE + FLASH_SECTOR_4K) == 0);
    CHECK(30, flash_erase_sector(BASE) == FLASH_STATUS_ERR_PROTECTED);
    CHECK(31, flash_erase_block(BASE) == FLASH_STATUS_ERR_PROTECTED);
    CHECK(32, flash_program_page(BASE + 2 * FLASH_PAGE_SIZE, page, 4) == FLASH_STATUS_ERR_PROTECTED);
    CHECK(33, all_erased(BASE + 2 * FLASH_PAGE_SIZE, 4));
    for (unsigned i = 0; i < FLASH_PAGE_SIZE; i++)
        CHECK(34, xip8(BASE + i) == page[i]);
    CHECK(35, flash_erase_sector(BASE + FLASH_SECTOR_4K) == 0);
    CHECK(36, all_erased(BASE + FLASH_SECTOR_4K, FLASH_SECTOR_4K));

    /* Unprotected again, the sector erases. */
    CHECK(37, flash_wp_set(0, 0) == 0);
    CHECK(38, flash_erase_sector(BASE) == 0);
    CHECK(39, all_erased(BASE, FLASH_SECTOR_4K));

    /* The lock freezes the range until the cell resets. */
    CHECK(40, flash_wp_set(BASE, BASE + FLASH_BLOCK_64K) == 0);
    flash_wp_lock();
    CHECK(41, flash_wp_set(0, 0) == FLASH_STATUS_ERR_PROTECTED);
    CHECK(42, FLASH_REG(FLASH_WP_START) == BASE && FLASH_REG(FLASH_WP_END) == BASE + FLASH_BLOCK_64K);
    CHECK(43, flash_erase_sector(BASE) == FLASH_STATUS_ERR_PROTECTED);

    htif_printf("cell-flash: passed\n");
    return 0;
}
