/* Mailbox driver of a cell (cellvp/mbox_regs.h): packets of up to MBOX_MAX_PAYLOAD bytes to another cell
 * (by cell id) or to all (MBOX_BROADCAST) over the manageability bus, and the packets received. Waiting is
 * by polling (the bus is slow: a 64-byte packet takes about 1.5 ms at 400 kHz). */
#ifndef CELLVP_MBOX_H
#define CELLVP_MBOX_H

#include <stdint.h>

#include "cellvp/mbox_regs.h"

/* This cell's address on the bus (its cell id). */
uint32_t mbox_my_id(void);

/* Sends `len` bytes (at most MBOX_MAX_PAYLOAD) to `dest` and waits until the bus reports. Returns 0 when
 * the packet was delivered (TX_DONE; a broadcast: to at least one cell), MBOX_STATUS_TX_NACK when the
 * receiver's buffer was full or no cell has that id (nothing delivered: retry later or give up),
 * MBOX_STATUS_TX_ERR on a bus error or a payload too long. */
uint32_t mbox_send(uint8_t dest, const void *data, uint32_t len);

/* Whether a received packet waits. */
int mbox_rx_ready(void);

/* Takes the oldest received packet: its source id into *src (when src is not null), up to `cap` bytes of
 * its payload into `buf` (the rest is dropped), and returns its whole length; -1 when none waits. */
int mbox_recv(uint8_t *src, void *buf, uint32_t cap);

/* Whether a packet was refused since the last mbox_clear_overflow() because the receive buffer held
 * MBOX_RX_PACKETS packets already. */
int mbox_rx_overflow(void);
void mbox_clear_overflow(void);

/* Which events raise CELL_IRQ_MBOX: bit 0 a packet waits (RX_READY), bit 1 a send finished. The level stays
 * high while the condition holds; with the source enabled at the interrupt controller and mie.MEIE set, a
 * hart in WFI wakes when a packet arrives (no trap is taken while mstatus.MIE is clear). */
void mbox_irq_enable(uint32_t bits);

#endif
