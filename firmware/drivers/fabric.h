/* Fabric port driver of a cell (cellvp/fabric_regs.h): the cell's end of the fabric link, DMA transfers to
 * and from another cell's memory, and the inbound window through which one other cell reaches this cell's
 * memory. Waiting is by polling, bounded by the CLINT's mtime. */
#ifndef CELLVP_FABRIC_H
#define CELLVP_FABRIC_H

#include <stdint.h>

#include "cellvp/fabric_regs.h"

/* Returned by fabric_dma_wait() when the transfer is still running after the driver's own time-out. */
#define FABRIC_WAIT_TIMEOUT (-1)

/* This cell's id on the fabric and the largest payload of one packet. */
uint32_t fabric_id(void);
uint32_t fabric_max_payload(void);

/* Enables (1) or disables (0) this cell's end of the link; the link comes up once the other end is enabled
 * too. */
void fabric_link_enable(int on);
int fabric_link_up(void);
/* Waits until the link is up, at most `timeout_us` microseconds (0: forever). Returns 0 when up, -1 after
 * the time-out. */
int fabric_wait_link_up(uint32_t timeout_us);

/* Lets cell `src` write and read [base, base + size) of this cell's map (and nothing else); closing refuses
 * every remote request again. */
void fabric_window_open(uint32_t base, uint32_t size, uint32_t src);
void fabric_window_close(void);

/* Starts a transfer of `len` bytes (1 .. FABRIC_DMA_MAX_LEN) between `local_addr` here and `remote_addr` on
 * cell `remote`: `dir` FABRIC_DMA_DIR_WRITE copies local to remote, FABRIC_DMA_DIR_READ remote to local.
 * Returns 0 when started, -1 when a transfer is still running (nothing was started). */
int fabric_dma_start(uint32_t remote, uint32_t remote_addr, uint32_t local_addr, uint32_t len, uint32_t dir);
/* The port's own limit on waiting for the remote (0: its default, FABRIC_DMA_DEFAULT_TIMEOUT_US). */
void fabric_dma_set_timeout(uint32_t timeout_us);
/* Waits for the transfer to end, at most `timeout_us` microseconds (0: until the port reports; it always
 * does, at the latest after its own time-out). Returns FABRIC_ERR_* (FABRIC_ERR_NONE: done) and clears the
 * DMA_DONE interrupt, or FABRIC_WAIT_TIMEOUT when it is still running. */
int fabric_dma_wait(uint32_t timeout_us);
/* Bytes of the current or last transfer: sent (write) or landed in local memory (read). */
uint32_t fabric_dma_bytes_done(void);

/* Interrupts (CELL_IRQ_FABRIC): FABRIC_INT_* bits. */
void fabric_irq_enable(uint32_t bits);
uint32_t fabric_irq_status(void);
void fabric_irq_clear(uint32_t bits);

/* Counters since power-on (they survive cell resets). */
uint32_t fabric_tx_tlps(void);
uint32_t fabric_tx_bytes(void);
uint32_t fabric_rx_tlps(void);
uint32_t fabric_rx_bytes(void);
uint32_t fabric_rejected(void);
uint32_t fabric_unexpected(void);
uint32_t fabric_dma_timeouts(void);

#endif
