/* Flash driver of a cell: see flash.h. The whole driver runs from RAM (.ramfunc), so that it keeps working
 * while the flash is busy and whatever part of the flash a program rewrites, and it touches nothing in
 * flash: no constants, no calls out of .ramfunc (the interrupt controller is written directly for that
 * reason). The caller's data may be in flash: it is read only while the flash is idle. */
#include "flash.h"

#include "crt0.h"
#include "csr.h"

#define FLASH_REG(offset) (*(volatile uint32_t *)(CELL_FLASHCTL_BASE + (offset)))
#define INTC_REG(offset) (*(volatile uint32_t *)(CELL_INTC_BASE + (offset)))

#define FLASH_STATUS_ERRORS                                                                             \
    (FLASH_STATUS_ERR_NOT_ERASED | FLASH_STATUS_ERR_PROTECTED | FLASH_STATUS_ERR_RANGE |                \
     FLASH_STATUS_ERR_BUSY)

/* In RAM (.bss): read by the wait loop while the flash is busy. */
static enum flash_wait wait_mode;

/* Waits for DONE of the operation just started, then clears DONE (which lowers the interrupt) and the
 * errors; returns the errors. Refused commands set DONE at once. */
static inline __attribute__((always_inline)) uint32_t wait_done(void)
{
    uint32_t status;
    if (wait_mode == FLASH_WAIT_IRQ) {
        uint32_t saved_mie = csr_read(mie);
        csr_set(mie, MIE_MEIE);
        while (!((status = FLASH_REG(FLASH_STATUS)) & FLASH_STATUS_DONE))
            __asm__ volatile("wfi"); /* mstatus.MIE is clear: WFI wakes, nothing traps */
        csr_write(mie, saved_mie);
    } else {
        while (!((status = FLASH_REG(FLASH_STATUS)) & FLASH_STATUS_DONE)) {
        }
    }
    FLASH_REG(FLASH_STATUS) = FLASH_STATUS_DONE | FLASH_STATUS_ERRORS;
    /* Read back: the acknowledgement has reached the controller, and the interrupt has dropped, before
     * the caller unmasks interrupts again (else it would take a stale one). */
    (void)FLASH_REG(FLASH_STATUS);
    return status & FLASH_STATUS_ERRORS;
}

/* Starts `cmd` on [offset, offset + len) (len: program only; the page buffer is filled) and waits for its
 * end with interrupts masked. */
static RAMFUNC uint32_t run_command(uint32_t cmd, uint32_t offset, uint32_t len)
{
    uint32_t mstatus = csr_read(mstatus);
    csr_clear(mstatus, MSTATUS_MIE);
    FLASH_REG(FLASH_STATUS) = FLASH_STATUS_DONE | FLASH_STATUS_ERRORS;
    FLASH_REG(FLASH_ADDR) = offset;
    FLASH_REG(FLASH_LEN) = len;
    FLASH_REG(FLASH_CMD) = cmd;
    uint32_t errors = wait_done();
    csr_set(mstatus, mstatus & MSTATUS_MIE);
    return errors;
}

/* An operation left running (say, across a cell reset) must end before the next starts. */
static RAMFUNC void wait_idle(void)
{
    while (FLASH_REG(FLASH_STATUS) & FLASH_STATUS_BUSY) {
    }
}

RAMFUNC void flash_init(enum flash_wait mode)
{
    wait_idle();
    FLASH_REG(FLASH_STATUS) = FLASH_STATUS_DONE | FLASH_STATUS_ERRORS;
    unsigned hart = csr_read(mhartid);
    if (mode == FLASH_WAIT_IRQ) {
        FLASH_REG(FLASH_IRQ_EN) = 1;
        INTC_REG(INTC_ENABLE(hart)) |= 1u << CELL_IRQ_FLASH;
    } else {
        FLASH_REG(FLASH_IRQ_EN) = 0;
        INTC_REG(INTC_ENABLE(hart)) &= ~(1u << CELL_IRQ_FLASH);
    }
    wait_mode = mode;
}

RAMFUNC uint32_t flash_size(void)
{
    return FLASH_REG(FLASH_SIZE_REG);
}

RAMFUNC uint32_t flash_erase_sector(uint32_t offset)
{
    wait_idle();
    return run_command(FLASH_CMD_ERASE_4K, offset, 0);
}

RAMFUNC uint32_t flash_erase_block(uint32_t offset)
{
    wait_idle();
    return run_command(FLASH_CMD_ERASE_64K, offset, 0);
}

RAMFUNC uint32_t flash_program_page(uint32_t offset, const void *data, uint32_t len)
{
    if (len > FLASH_PAGE_SIZE)
        return FLASH_STATUS_ERR_RANGE; /* the controller would refuse it too; the buffer has no more room */
    wait_idle();
    /* The page buffer takes 1, 2 and 4-byte writes: words where possible, whatever the data's alignment. */
    const uint8_t *p = data;
    uint32_t i = 0;
    for (; i + 4 <= len; i += 4)
        FLASH_REG(FLASH_BUF + i) =
            p[i] | (uint32_t)p[i + 1] << 8 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24;
    for (; i < len; i++)
        *(volatile uint8_t *)(CELL_FLASHCTL_BASE + FLASH_BUF + i) = p[i];
    return run_command(FLASH_CMD_PROGRAM, offset, len);
}

RAMFUNC uint32_t flash_program(uint32_t offset, const void *data, uint32_t len)
{
    const uint8_t *p = data;
    while (len != 0) {
        uint32_t chunk = FLASH_PAGE_SIZE - offset % FLASH_PAGE_SIZE;
        if (chunk > len)
            chunk = len;
        uint32_t errors = flash_program_page(offset, p, chunk);
        if (errors)
            return errors;
        offset += chunk;
        p += chunk;
        len -= chunk;
    }
    return 0;
}

RAMFUNC uint32_t flash_wp_set(uint32_t start, uint32_t end)
{
    FLASH_REG(FLASH_WP_START) = start;
    FLASH_REG(FLASH_WP_END) = end;
    return FLASH_REG(FLASH_WP_START) == start && FLASH_REG(FLASH_WP_END) == end ? 0 : FLASH_STATUS_ERR_PROTECTED;
}

RAMFUNC void flash_wp_lock(void)
{
    FLASH_REG(FLASH_WP_LOCK) = 1;
}
