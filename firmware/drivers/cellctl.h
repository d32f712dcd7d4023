/* Cell controller driver (cellvp/cellctl_regs.h): identity, reset cause, soft reset, the scratch word and
 * the watchdog. */
#ifndef CELLVP_CELLCTL_H
#define CELLVP_CELLCTL_H

#include <stdint.h>

uint32_t cellctl_cell_id(void);
uint32_t cellctl_partition_id(void);
uint32_t cellctl_hart_count(void);

/* CELLCTL_RESET_* of the last reset: power-on, soft, watchdog or remote. */
uint32_t cellctl_reset_cause(void);
/* "power-on", "soft", "watchdog", "remote" or "unknown". */
const char *cellctl_reset_cause_name(uint32_t cause);

/* Resets the whole cell (harts and devices; RAM is undefined afterwards; flash, NVRAM and the scratch word
 * keep their contents); the next boot sees CELLCTL_RESET_SOFT. Does not return: the hart sleeps until the
 * reset takes it. */
void cellctl_soft_reset(void) __attribute__((noreturn));

/* A word that survives cell resets (soft, watchdog, remote) but not a power cycle (then 0): tells a boot
 * what the previous one was doing. */
uint32_t cellctl_scratch(void);
void cellctl_set_scratch(uint32_t value);

/* Watchdog: starts a period of `period_us` microseconds (from now, restarted by each kick). When it expires
 * the cell resets (cause watchdog) or, with `irq_first`, CELL_IRQ_WDT rises and WDT_STATUS sets first, and
 * the next expiry while the status is still set resets. */
void cellctl_wdt_start(uint32_t period_us, int irq_first);
void cellctl_wdt_stop(void);
void cellctl_wdt_kick(void);
int cellctl_wdt_enabled(void);
/* Whether the watchdog expired once in interrupt-first mode (its interrupt is pending); clearing it lowers
 * CELL_IRQ_WDT. */
int cellctl_wdt_expired(void);
void cellctl_wdt_clear(void);

#endif
