/* Cell controller driver: see cellctl.h. */
#include "cellctl.h"

#include "cellvp/cell_map.h"

#define CELLCTL_REG(offset) (*(volatile uint32_t *)(CELL_CELLCTL_BASE + (offset)))

#define WDT_CTRL_ENABLE (1u << 0)
#define WDT_CTRL_IRQ_FIRST (1u << 1)
#define WDT_STATUS_EXPIRED (1u << 0)

uint32_t cellctl_cell_id(void)
{
    return CELLCTL_REG(CELLCTL_CELL_ID);
}

uint32_t cellctl_partition_id(void)
{
    return CELLCTL_REG(CELLCTL_PARTITION_ID);
}

uint32_t cellctl_hart_count(void)
{
    return CELLCTL_REG(CELLCTL_HART_COUNT);
}

uint32_t cellctl_reset_cause(void)
{
    return CELLCTL_REG(CELLCTL_RESET_CAUSE);
}

const char *cellctl_reset_cause_name(uint32_t cause)
{
    if (cause == CELLCTL_RESET_POWER_ON)
        return "power-on";
    if (cause == CELLCTL_RESET_SOFT)
        return "soft";
    if (cause == CELLCTL_RESET_WATCHDOG)
        return "watchdog";
    if (cause == CELLCTL_RESET_REMOTE)
        return "remote";
    return "unknown";
}

void cellctl_soft_reset(void)
{
    __asm__ volatile("fence" ::: "memory"); /* NVRAM writes and the like reach their devices first */
    CELLCTL_REG(CELLCTL_RESET) = CELLCTL_RESET_KEY;
    /* The reset takes the hart a few instructions later; with mie clear WFI sleeps until then. */
    __asm__ volatile("csrw mie, zero");
    for (;;)
        __asm__ volatile("wfi");
}

uint32_t cellctl_scratch(void)
{
    return CELLCTL_REG(CELLCTL_SCRATCH);
}

void cellctl_set_scratch(uint32_t value)
{
    CELLCTL_REG(CELLCTL_SCRATCH) = value;
}

void cellctl_wdt_start(uint32_t period_us, int irq_first)
{
    CELLCTL_REG(CELLCTL_WDT_CTRL) = 0; /* a new period takes effect at the (re-)enabling */
    CELLCTL_REG(CELLCTL_WDT_LOAD) = period_us;
    CELLCTL_REG(CELLCTL_WDT_STATUS) = WDT_STATUS_EXPIRED;
    CELLCTL_REG(CELLCTL_WDT_CTRL) = WDT_CTRL_ENABLE | (irq_first ? WDT_CTRL_IRQ_FIRST : 0);
}

void cellctl_wdt_stop(void)
{
    CELLCTL_REG(CELLCTL_WDT_CTRL) = 0;
}

void cellctl_wdt_kick(void)
{
    CELLCTL_REG(CELLCTL_WDT_KICK) = CELLCTL_WDT_KICK_KEY;
}

int cellctl_wdt_enabled(void)
{
    return (CELLCTL_REG(CELLCTL_WDT_CTRL) & WDT_CTRL_ENABLE) != 0;
}

int cellctl_wdt_expired(void)
{
    return (CELLCTL_REG(CELLCTL_WDT_STATUS) & WDT_STATUS_EXPIRED) != 0;
}

void cellctl_wdt_clear(void)
{
    CELLCTL_REG(CELLCTL_WDT_STATUS) = WDT_STATUS_EXPIRED;
}
