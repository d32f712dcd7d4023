/* idle: a cell that sleeps: arms the CLINT timer 10 s of simulated time ahead, waits in WFI with the timer
 * interrupt enabled (and MIE off: WFI wakes without a trap), reports the ticks slept and exits 0. With
 * several cells it measures what idle cells cost in host time. */
#include <stdint.h>

#include "cellvp/cell_map.h"
#include "csr.h"
#include "clint.h"
#include "htif.h"

#define SLEEP_TICKS (10u * CLINT_DEFAULT_TIMEBASE_HZ) /* 10 s */

static uint64_t mtime_now(void) { return clint_mtime(CELL_CLINT_BASE); }

int main(void)
{
    uint64_t start = mtime_now(), until = start + SLEEP_TICKS;
    clint_set_mtimecmp(CELL_CLINT_BASE, 0, until);
    csr_set(mie, MIE_MTIE);
    while (mtime_now() < until) __asm__ volatile("wfi");
    csr_clear(mie, MIE_MTIE);
    htif_printf("idle: slept %lu ticks\n", (unsigned long)(mtime_now() - start));
    return 0;
}
