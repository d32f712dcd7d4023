/* Memory map of the bare machine (`cellvp run-elf`): one hart, RAM, a CLINT and a test interrupt source.
 * Shared by the models (C++) and the firmware (C and assembly): the only place these addresses exist. */
#ifndef CELLVP_BARE_MAP_H
#define CELLVP_BARE_MAP_H

#include "cellvp/clint_regs.h"

/* RAM where the RISC-V test programs expect it (riscv-tests' `p` environment links at 0x80000000). */
#define BARE_RAM_BASE 0x80000000u
#define BARE_RAM_SIZE 0x04000000u /* 64 MiB */

/* CLINT at the address Spike and QEMU's spike/virt machines use, so programs written for them run here. */
#define BARE_CLINT_BASE 0x02000000u

/* Test interrupt source: a write of 1 to BARE_TESTIRQ_MEIP raises the hart's machine external interrupt
 * line, a write of 0 lowers it; a read returns the line's level. It stands in for an interrupt controller
 * so that tests can exercise external interrupts on the bare machine. */
#define BARE_TESTIRQ_BASE 0x10000000u
#define BARE_TESTIRQ_SIZE 0x00001000u
#define BARE_TESTIRQ_MEIP 0x0u

/* Guaranteed to be unmapped: an access here is answered with a TLM address error (an access fault). */
#define BARE_UNMAPPED_ADDR 0x40000000u

#endif
