/* flash1m: erases (64 KiB blocks) and programs (256-byte pages) 1 MiB of a cell's flash, verifies it through
 * XIP and prints the simulated time each phase took (the CLINT's mtime). Exits 0 when the data reads back,
 * 1 on an erase error, 2 on a program error, 3 when the erased range is not all 0xFF, 4 when the data
 * differs, 5 when the part is too small. With the datasheet's typical times (W25Q128JV: 150 ms per 64 KiB
 * block, 0.4 ms per page) that is 16 * 150 ms + 4096 * 0.4 ms = 4.0 s. */
#include <stdint.h>

#include "cellvp/cell_map.h"
#include "flash.h"
#include "clint.h"
#include "htif.h"

#define REGION_OFFSET 0x400000u /* 4 MiB: well clear of the program at the start of the flash */
#define REGION_SIZE 0x100000u   /* 1 MiB */
#define TICKS_PER_US (CLINT_DEFAULT_TIMEBASE_HZ / 1000000u)

static uint64_t mtime_now(void) { return clint_mtime(CELL_CLINT_BASE); }

/* The data: a hash of the word's flash offset, different in every word and never all ones. */
static uint32_t pattern(uint32_t offset)
{
    uint32_t x = offset * 0x9E3779B1u + 0x7F4A7C15u;
    x ^= x >> 15;
    x *= 0x2C1B3C6Du;
    x ^= x >> 12;
    return x & 0xFFFFFFFEu;
}

static uint32_t us(uint64_t ticks)
{
    return (uint32_t)(ticks / TICKS_PER_US);
}

int main(void)
{
    if (flash_size() < REGION_OFFSET + REGION_SIZE)
        return 5;
    flash_init(FLASH_WAIT_IRQ); /* sleep in WFI while the part works */

    uint64_t t0 = mtime_now();
    for (uint32_t off = REGION_OFFSET; off < REGION_OFFSET + REGION_SIZE; off += FLASH_BLOCK_64K) {
        uint32_t errors = flash_erase_block(off);
        if (errors) {
            htif_printf("bench-flash1m: erase at 0x%lx failed: status 0x%lx\n", off, errors);
            return 1;
        }
    }
    uint64_t t1 = mtime_now();
    const volatile uint32_t *xip = (const volatile uint32_t *)flash_xip(REGION_OFFSET);
    for (uint32_t i = 0; i < REGION_SIZE / 4; i++)
        if (xip[i] != 0xFFFFFFFFu) {
            htif_printf("bench-flash1m: 0x%lx not erased: 0x%08lx\n", REGION_OFFSET + 4 * i, xip[i]);
            return 3;
        }

    uint64_t t2 = mtime_now();
    uint32_t page[FLASH_PAGE_SIZE / 4];
    for (uint32_t off = REGION_OFFSET; off < REGION_OFFSET + REGION_SIZE; off += FLASH_PAGE_SIZE) {
        for (uint32_t i = 0; i < FLASH_PAGE_SIZE / 4; i++)
            page[i] = pattern(off + 4 * i);
        uint32_t errors = flash_program_page(off, page, FLASH_PAGE_SIZE);
        if (errors) {
            htif_printf("bench-flash1m: program at 0x%lx failed: status 0x%lx\n", off, errors);
            return 2;
        }
    }
    uint64_t t3 = mtime_now();
    for (uint32_t i = 0; i < REGION_SIZE / 4; i++) {
        uint32_t expected = pattern(REGION_OFFSET + 4 * i);
        if (xip[i] != expected) {
            htif_printf("bench-flash1m: 0x%lx reads 0x%08lx, programmed 0x%08lx\n", REGION_OFFSET + 4 * i, xip[i],
                        expected);
            return 4;
        }
    }
    uint64_t t4 = mtime_now();

    uint32_t total = us(t4 - t0);
    htif_printf("bench-flash1m: erase 16 x 64 KiB %lu us, program 4096 x 256 B %lu us, verify (2 x 1 MiB XIP) %lu us\n",
                us(t1 - t0), us(t3 - t2), us((t2 - t1) + (t4 - t3)));
    htif_printf("bench-flash1m: 1 MiB erased, programmed and verified in %lu.%06lu s simulated (%lu KiB/s)\n",
                total / 1000000u, total % 1000000u, (uint32_t)(1024ull * 1000000u / total));
    return 0;
}
