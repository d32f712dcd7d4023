// intc: a device interrupt (flash completion) reaches the hart through the interrupt controller's per-hart enable, mie.MEIE and WFI, and is taken as a machine external interrupt.
#define TEST_NAME "cell-intc"
#include "cell_test.h"
#include "crt0.h"
#include "flash.h"
#include "intc.h"

#define FLASH_REG(offset) (*(volatile uint32_t *)(CELL_FLASHCTL_BASE + (offset)))
#define FLASH_BIT (1u << CELL_IRQ_FLASH)
#define MIP_MEIP MIE_MEIE
#define SECTOR 0x900000u /* a sector far from the program */
#ifndef MEIP_TRIES
#define MEIP_TRIES 100
#endif

/* A level change takes a little while to reach the hart's mip: wait a bounded while for `want`. Each try
 * also reads a device register: cellvp lets a hart that only reads CSRs run up to 1 ms ahead of the other
 * models (they are idle), and a bus access is where it catches up with them. */
static int meip_becomes(int want)
{
    for (int i = 0; i < MEIP_TRIES; i++) {
        if (((csr_read(mip) & MIP_MEIP) != 0) == want)
            return 1;
#ifndef MEIP_CSR_ONLY
        (void)intc_pending();
#endif
    }
    return 0;
}

static int pending_becomes(uint32_t mask, uint32_t want)
{
    for (int i = 0; i < 100; i++)
        if ((intc_pending() & mask) == want)
            return 1;
    return 0;
}

/* A command the controller refuses at once (an empty program): DONE and ERR_RANGE without a busy phase. */
static void refused_command(void)
{
    FLASH_REG(FLASH_ADDR) = SECTOR;
    FLASH_REG(FLASH_LEN) = 0;
    FLASH_REG(FLASH_CMD) = FLASH_CMD_PROGRAM;
}

/* What the trap handler saw. */
static volatile uint32_t irq_count, irq_mcause, irq_pending, irq_status;

/* Runs in flash: the interrupt comes when the erase is done, so the array reads normally again. */
static void __attribute__((interrupt("machine"), aligned(4))) trap_handler(void)
{
    uint32_t mcause = csr_read(mcause);
    if (mcause != (MCAUSE_INTERRUPT | 11u))
        crt0_default_trap();
    irq_mcause = mcause;
    irq_pending = intc_pending();
    irq_status = FLASH_REG(FLASH_STATUS);
    FLASH_REG(FLASH_STATUS) = FLASH_STATUS_DONE; /* acknowledge in the device: the source drops */
    (void)FLASH_REG(FLASH_STATUS); /* read back: the acknowledgement has landed before mret */
    irq_count++;
}

/* Starts a sector erase and sleeps until the handler has run (from RAM: the array reads 0xFF meanwhile;
 * no other interrupt is enabled, so nothing traps into flash before the erase ends). */
static RAMFUNC void erase_and_sleep(uint32_t sector)
{
    FLASH_REG(FLASH_ADDR) = sector;
    FLASH_REG(FLASH_CMD) = FLASH_CMD_ERASE_4K;
    while (irq_count == 0) {
        __asm__ volatile("wfi");
        csr_set(mstatus, MSTATUS_MIE); /* the handler runs here */
        csr_clear(mstatus, MSTATUS_MIE);
    }
}

int main(void)
{
    const unsigned hart = csr_read(mhartid);

    /* After reset: nothing enabled, nothing pending. */
    CHECK(1, intc_enabled(hart) == 0);
    CHECK(2, intc_pending() == 0);
    CHECK(3, (csr_read(mip) & MIP_MEIP) == 0);

    /* The source follows the device (DONE with FLASH_IRQ_EN); the hart's line follows its enable mask. */
    FLASH_REG(FLASH_STATUS) = 0xFFFFFFFFu;
    FLASH_REG(FLASH_IRQ_EN) = 1;
    refused_command();
    CHECK(4, FLASH_REG(FLASH_STATUS) == (FLASH_STATUS_DONE | FLASH_STATUS_ERR_RANGE));
    CHECK(5, pending_becomes(FLASH_BIT, FLASH_BIT));
    CHECK(6, meip_becomes(0)); /* pending, but not enabled for this hart */
    intc_enable(hart, CELL_IRQ_FLASH);
    CHECK(7, intc_enabled(hart) == FLASH_BIT);
    CHECK(8, meip_becomes(1));
    intc_disable(hart, CELL_IRQ_FLASH);
    CHECK(9, meip_becomes(0));
    intc_enable(hart, CELL_IRQ_FLASH);
    CHECK(10, meip_becomes(1));
    FLASH_REG(FLASH_STATUS) = FLASH_STATUS_DONE | FLASH_STATUS_ERR_RANGE; /* acknowledge: the level drops */
    CHECK(11, pending_becomes(FLASH_BIT, 0));
    CHECK(12, meip_becomes(0));

    /* Without FLASH_IRQ_EN the device keeps its source low. */
    FLASH_REG(FLASH_IRQ_EN) = 0;
    refused_command();
    CHECK(13, FLASH_REG(FLASH_STATUS) & FLASH_STATUS_DONE);
    CHECK(14, pending_becomes(FLASH_BIT, 0) && meip_becomes(0));
    FLASH_REG(FLASH_STATUS) = 0xFFFFFFFFu;

    /* A real erase, slept through in WFI, ends with a machine external interrupt trap. */
    FLASH_REG(FLASH_IRQ_EN) = 1;
    csr_write(mtvec, (uintptr_t)trap_handler);
    csr_set(mie, MIE_MEIE);
    uint64_t t = test_mtime();
    erase_and_sleep(SECTOR);
    uint32_t us = test_us_since(t);
    htif_printf("cell-intc: erase interrupt after %lu us (%lu taken)\n", us, irq_count);
    CHECK(15, irq_count == 1);
    CHECK(16, irq_mcause == (MCAUSE_INTERRUPT | 11u));
    CHECK(17, irq_pending & FLASH_BIT);
    CHECK(18, (irq_status & (FLASH_STATUS_DONE | FLASH_STATUS_BUSY)) == FLASH_STATUS_DONE);
    CHECK(19, us >= 44000 && us <= 400000);
    CHECK(20, pending_becomes(FLASH_BIT, 0) && meip_becomes(0));

    /* The driver's interrupt mode sleeps the same way, with mstatus.MIE masked: no trap. */
    csr_set(mstatus, MSTATUS_MIE);
    flash_init(FLASH_WAIT_IRQ);
    t = test_mtime();
    CHECK(21, flash_erase_sector(SECTOR) == 0);
    us = test_us_since(t);
    CHECK(22, us >= 44000 && us <= 400000);
    CHECK(23, irq_count == 1);
    CHECK(24, csr_read(mstatus) & MSTATUS_MIE); /* restored */
    CHECK(25, pending_becomes(FLASH_BIT, 0));
    csr_clear(mstatus, MSTATUS_MIE);
    csr_clear(mie, MIE_MEIE);
    flash_init(FLASH_WAIT_POLL);
    CHECK(26, intc_enabled(hart) == 0);

    htif_printf("cell-intc: passed\n");
    return 0;
}
