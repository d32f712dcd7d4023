/* Interrupt controller of a cell: level-sensitive device interrupt sources (CELL_IRQ_*), one enable mask
 * per hart; a hart's machine external interrupt line is high while (PENDING & ENABLE(hart)) != 0. Devices
 * keep their source high until firmware acknowledges the cause in the device. Offsets from CELL_INTC_BASE. */
#ifndef CELLVP_INTC_REGS_H
#define CELLVP_INTC_REGS_H

#define INTC_PENDING 0x000u           /* read-only: level of every source */
#define INTC_ENABLE(hart) (0x100u + 4u * (hart))

#endif
