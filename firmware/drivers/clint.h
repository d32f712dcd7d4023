/* CLINT helpers shared by every program: the 64-bit mtime read on rv32 (hi, lo, hi again until stable) and
 * the 64-bit mtimecmp write that never passes through a value below the target. `base` is the platform's
 * CLINT (BARE_CLINT_BASE or CELL_CLINT_BASE). */
#ifndef CELLVP_DRIVERS_CLINT_H
#define CELLVP_DRIVERS_CLINT_H

#include <stdint.h>

#include "cellvp/clint_regs.h"

static inline uint64_t clint_mtime(uintptr_t base)
{
    volatile uint32_t *mtime = (volatile uint32_t *)(base + CLINT_MTIME);
    uint32_t hi, lo;
    do {
        hi = mtime[1];
        lo = mtime[0];
    } while (hi != mtime[1]);
    return (uint64_t)hi << 32 | lo;
}

static inline void clint_set_mtimecmp(uintptr_t base, unsigned hart, uint64_t when)
{
    volatile uint32_t *cmp = (volatile uint32_t *)(base + CLINT_MTIMECMP(hart));
    cmp[1] = 0xFFFFFFFFu; /* no spurious interrupt while the halves are written */
    cmp[0] = (uint32_t)when;
    cmp[1] = (uint32_t)(when >> 32);
}

#endif
