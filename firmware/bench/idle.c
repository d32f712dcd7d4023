/* idle: a cell that sleeps: arms the CLINT timer 10 s of simulated time ahead, waits in WFI with the timer
 * interrupt enabled (and MIE off: WFI wakes without a trap), reports the ticks slept and exits 0. With
 * several cells it measures what idle cells cost in host time. */
#include <stdint.h>

#include "cellvp/cell_map.h"
#include "csr.h"
#include "htif.h"

#define SLEEP_TICKS (10u * CLINT_DEFAULT_TIMEBASE_HZ) /* 10 s */

static uint64_t clint_mtime(void)
{
    volatile uint32_t *mtime = (volatile uint32_t *)(CELL_CLINT_BASE + CLINT_MTIME);
    uint32_t hi, lo;
    do {
        hi = mtime[1];
        lo = mtime[0];
    } while (hi != mtime[1]);
    return (uint64_t)hi << 32 | lo;
}

int main(void)
{
    volatile uint32_t *cmp = (volatile uint32_t *)(CELL_CLINT_BASE + CLINT_MTIMECMP(0));
    uint64_t start = clint_mtime(), until = start + SLEEP_TICKS;
    cmp[1] = 0xFFFFFFFFu; /* no spurious interrupt while the two halves are written */
    cmp[0] = (uint32_t)until;
    cmp[1] = (uint32_t)(until >> 32);
    csr_set(mie, MIE_MTIE);
    while (clint_mtime() < until) __asm__ volatile("wfi");
    csr_clear(mie, MIE_MTIE);
    htif_printf("idle: slept %lu ticks\n", (unsigned long)(clint_mtime() - start));
    return 0;
}
