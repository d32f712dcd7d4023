/* Access to control and status registers: read/write/set/clear macros, the bits the firmware uses, and
 * 64-bit reads of the cycle, instret and time counters on rv32. */
#ifndef CELLVP_CSR_H
#define CELLVP_CSR_H

#include <stdint.h>

#define MSTATUS_MIE (1u << 3)
#define MIE_MSIE (1u << 3)
#define MIE_MTIE (1u << 7)
#define MIE_MEIE (1u << 11)
#define MCAUSE_INTERRUPT (1u << 31)
#define MCAUSE_M_TIMER 7u /* exception code of the machine timer interrupt */

/* `csr` is the CSR's name as the assembler knows it: csr_read(mcause), csr_set(mie, MIE_MTIE). */
#define csr_read(csr)                                          \
    ({                                                         \
        uint32_t csr_value_;                                   \
        __asm__ volatile("csrr %0, " #csr : "=r"(csr_value_)); \
        csr_value_;                                            \
    })
#define csr_write(csr, value) __asm__ volatile("csrw " #csr ", %0" ::"rK"((uint32_t)(value)) : "memory")
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"rK"((uint32_t)(bits)) : "memory")
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" ::"rK"((uint32_t)(bits)) : "memory")

/* A 64-bit counter is two CSRs on rv32: read high, low, high again, and retry if the low half carried
 * into the high half in between. */
#define CSR_READ64(lo, hi)             \
    ({                                 \
        uint32_t hi_, lo_;             \
        do {                           \
            hi_ = csr_read(hi);        \
            lo_ = csr_read(lo);        \
        } while (hi_ != csr_read(hi)); \
        ((uint64_t)hi_ << 32) | lo_;   \
    })

/* Clock cycles since reset. */
static inline uint64_t csr_cycle64(void)
{
    return CSR_READ64(cycle, cycleh);
}

/* Instructions retired since reset. */
static inline uint64_t csr_instret64(void)
{
    return CSR_READ64(instret, instreth);
}

/* The `time` CSR, a copy of the CLINT's mtime where the platform provides one (QEMU's spike machine does
 * not: there the read traps as an illegal instruction; read mtime from the CLINT instead). */
static inline uint64_t csr_time64(void)
{
    return CSR_READ64(time, timeh);
}

#endif
