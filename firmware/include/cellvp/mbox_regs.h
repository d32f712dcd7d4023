/* Mailbox of a cell on the manageability interconnect (an SMBus-class shared bus). A packet carries up to
 * MBOX_MAX_PAYLOAD bytes to one cell (by cell id) or to all (MBOX_BROADCAST); the bus adds the source id
 * and a CRC-8 PEC. Offsets from CELL_MBOX_BASE.
 *
 * Send: write the payload bytes to MBOX_TXDATA (one byte per write), the destination to MBOX_TXDEST, then
 * MBOX_TXCTL_SEND to MBOX_TXCTL. TX_BUSY stays set while the packet waits for the bus and travels; then
 * TX_DONE, or TX_NACK when the receiver's buffer was full (nothing was delivered), or TX_ERR on a bus
 * error. Receive: RX_READY while a packet waits; MBOX_RXSRC and MBOX_RXLEN describe it, MBOX_RXDATA pops
 * its bytes, MBOX_RXCTL_NEXT drops the rest and moves to the next packet. */
#ifndef CELLVP_MBOX_REGS_H
#define CELLVP_MBOX_REGS_H

#define MBOX_TXDATA 0x000u
#define MBOX_TXDEST 0x004u
#define MBOX_TXCTL 0x008u
#define MBOX_STATUS 0x00Cu /* write 1 to clear TX_DONE, TX_NACK, TX_ERR, RX_OVERFLOW */
#define MBOX_RXSRC 0x010u
#define MBOX_RXLEN 0x014u
#define MBOX_RXDATA 0x018u /* bits 7:0 the next byte, bit 31 when the packet has no more */
#define MBOX_RXCTL 0x01Cu
#define MBOX_IRQ_EN 0x020u /* bit 0: RX_READY, bit 1: TX finished (DONE, NACK or ERR) */
#define MBOX_MY_ID 0x024u  /* read-only: this cell's address on the bus (its cell id) */

#define MBOX_TXCTL_SEND 1u
#define MBOX_TXCTL_ABORT 2u
#define MBOX_RXCTL_NEXT 1u

#define MBOX_STATUS_TX_BUSY (1u << 0)
#define MBOX_STATUS_TX_DONE (1u << 1)
#define MBOX_STATUS_TX_NACK (1u << 2)
#define MBOX_STATUS_TX_ERR (1u << 3)
#define MBOX_STATUS_RX_READY (1u << 4)
#define MBOX_STATUS_RX_OVERFLOW (1u << 5) /* a packet was NACKed because the RX buffer was full */

/* Remote reset: a packet whose payload is exactly these 5 bytes, MBOX_RESET_OPCODE then MBOX_RESET_KEY
 * (least significant byte first), is taken by the receiving mailbox's hardware, not queued: the cell resets
 * with cause CELLCTL_RESET_REMOTE, whatever its firmware is doing (a hung or errored cell can be reset).
 * A broadcast reset packet resets every other cell. */
#define MBOX_RESET_OPCODE 0xF0u
#define MBOX_RESET_KEY 0x52535421u /* "RST!", as CELLCTL_RESET_KEY */
#define MBOX_RESET_LEN 5u

#define MBOX_RXDATA_EMPTY (1u << 31) /* RXDATA: the packet has no more bytes */

#define MBOX_MAX_PAYLOAD 64u
#define MBOX_RX_PACKETS 4u /* packets the receive buffer holds */
#define MBOX_BROADCAST 0xFFu

#endif
