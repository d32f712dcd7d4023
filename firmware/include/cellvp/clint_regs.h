/* Register layout of the CLINT (core-local interruptor): the SiFive layout that Spike and QEMU also use.
 * Offsets are from the CLINT base; one msip word and one 64-bit mtimecmp per hart, one 64-bit mtime. */
#ifndef CELLVP_CLINT_REGS_H
#define CELLVP_CLINT_REGS_H

#define CLINT_MSIP(hart) (0x0000u + 4u * (hart))     /* bit 0: machine software interrupt pending */
#define CLINT_MTIMECMP(hart) (0x4000u + 8u * (hart)) /* 64-bit, low word first */
#define CLINT_MTIME 0xBFF8u                          /* 64-bit, low word first */
#define CLINT_SIZE 0x10000u
#define CLINT_MAX_HARTS 4095u

/* mtime ticks at this rate unless a platform says otherwise (QEMU's virt and spike machines: 10 MHz). */
#define CLINT_DEFAULT_TIMEBASE_HZ 10000000u

#endif
