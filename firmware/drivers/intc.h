/* Interrupt controller driver of a cell (cellvp/intc_regs.h): per-hart enable masks over the level-sensitive
 * device sources CELL_IRQ_*. A hart's machine external interrupt (mip.MEIP) is high while a source it has
 * enabled is high; the device keeps its source high until its cause is cleared in the device, so a handler
 * acknowledges the device, not the controller. The hart still needs mie.MEIE (and mstatus.MIE to trap;
 * WFI wakes without it). */
#ifndef CELLVP_INTC_H
#define CELLVP_INTC_H

#include <stdint.h>

/* Lets source `irq` (CELL_IRQ_*) interrupt hart `hart`, or stops it. Read-modify-write of the hart's mask:
 * each hart changes its own mask only, or callers serialise. */
void intc_enable(unsigned hart, unsigned irq);
void intc_disable(unsigned hart, unsigned irq);

/* The hart's enable mask (bit n: CELL_IRQ n). */
uint32_t intc_enabled(unsigned hart);
void intc_set_enabled(unsigned hart, uint32_t mask);

/* The level of every source now (bit n: CELL_IRQ n), enabled or not. */
uint32_t intc_pending(void);

#endif
