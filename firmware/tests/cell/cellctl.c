// cellctl: identity registers, reset cause power-on, a soft reset (cause soft), a watchdog that kicks keep alive and that resets the cell when they stop (cause watchdog), and the interrupt-first watchdog.
#define TEST_NAME "cell-cellctl"
#include "cell_test.h"
#include "cellctl.h"
#include "intc.h"
#include "mbox.h"

/* CELLCTL_SCRATCH tells each boot what the previous one did. */
#define STAGE_SOFT 0x50465453u     /* "STFP": boot 1 asked for a soft reset */
#define STAGE_WATCHDOG 0x47445753u /* "SWDG": boot 2 let the watchdog expire */

#define WDT_PERIOD_US 2000u
#define WDT_BIT (1u << CELL_IRQ_WDT)

static void wait_us(uint32_t us)
{
    uint64_t t = test_mtime();
    while (test_mtime() - t < (uint64_t)us * TICKS_PER_US) {
    }
}

static int boot_power_on(void)
{
    CHECK(2, cellctl_cell_id() == 0);
    CHECK(3, cellctl_partition_id() == 0);
    CHECK(4, cellctl_hart_count() == 1);
    CHECK(5, mbox_my_id() == cellctl_cell_id());
    CHECK(6, cellctl_scratch() == 0);
    CHECK(7, !cellctl_wdt_enabled());
    cellctl_set_scratch(0x12345678u);
    CHECK(8, cellctl_scratch() == 0x12345678u);

    cellctl_set_scratch(STAGE_SOFT);
    htif_printf("cell-cellctl: soft reset\n");
    cellctl_soft_reset();
}

static int boot_soft(void)
{
    CHECK(10, !cellctl_wdt_enabled());

    /* Kicked every half period, the watchdog lets the cell run for ten periods. */
    cellctl_wdt_start(WDT_PERIOD_US, 0);
    CHECK(11, cellctl_wdt_enabled());
    for (int i = 0; i < 20; i++) {
        wait_us(WDT_PERIOD_US / 2);
        cellctl_wdt_kick();
    }

    /* Left alone, it resets the cell after one period. */
    cellctl_set_scratch(STAGE_WATCHDOG);
    htif_printf("cell-cellctl: watchdog kicked for %u ms, now left to expire\n", 10 * WDT_PERIOD_US / 1000);
    wait_us(20 * WDT_PERIOD_US);
    CHECK(12, 0); /* still running: the watchdog did not reset the cell */
    return 12;
}

static int boot_watchdog(void)
{
    CHECK(20, !cellctl_wdt_enabled()); /* a reset stops the watchdog */

    /* Interrupt first: the first expiry sets WDT_STATUS and raises CELL_IRQ_WDT instead of resetting. */
    cellctl_wdt_start(WDT_PERIOD_US, 1);
    CHECK(21, !cellctl_wdt_expired());
    uint64_t t = test_mtime();
    while (!cellctl_wdt_expired() && test_mtime() - t < 2u * WDT_PERIOD_US * TICKS_PER_US) {
    }
    uint32_t us = test_us_since(t);
    CHECK(22, cellctl_wdt_expired());
    CHECK(23, us >= WDT_PERIOD_US - 20 && us <= WDT_PERIOD_US + 50);
    CHECK(24, intc_pending() & WDT_BIT);
    /* Handled: kick and clear the status; the interrupt drops and the cell keeps running. */
    cellctl_wdt_kick();
    cellctl_wdt_clear();
    CHECK(25, !cellctl_wdt_expired());
    CHECK(26, (intc_pending() & WDT_BIT) == 0);
    wait_us(WDT_PERIOD_US / 2);
    cellctl_wdt_stop();
    CHECK(27, !cellctl_wdt_enabled());
    wait_us(3 * WDT_PERIOD_US); /* stopped: neither an interrupt nor a reset */
    CHECK(28, !cellctl_wdt_expired() && (intc_pending() & WDT_BIT) == 0);

    cellctl_set_scratch(0);
    htif_printf("cell-cellctl: passed\n");
    return 0;
}

int main(void)
{
    uint32_t cause = cellctl_reset_cause(), stage = cellctl_scratch();
    htif_printf("cell-cellctl: cell %lu, partition %lu, %lu hart(s), boot after %s reset\n", cellctl_cell_id(),
                cellctl_partition_id(), cellctl_hart_count(), cellctl_reset_cause_name(cause));
    if (cause == CELLCTL_RESET_POWER_ON)
        return boot_power_on();
    if (cause == CELLCTL_RESET_SOFT) {
        CHECK(9, stage == STAGE_SOFT);
        return boot_soft();
    }
    CHECK(19, cause == CELLCTL_RESET_WATCHDOG && stage == STAGE_WATCHDOG);
    return boot_watchdog();
}
