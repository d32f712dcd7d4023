/* Fabric port of a cell: the cell's end of its fabric link, a DMA engine that copies between local memory and
 * another cell's memory, and one inbound window through which one other cell may write and read this cell's
 * memory. Offsets from CELL_FABRIC_BASE; every register is 32 bits, accessed as a whole aligned word.
 *
 * Link: set FABRIC_LINK_CTRL_ENABLE; FABRIC_LINK_STATUS_UP follows once the fabric trained the link (both
 * ends enabled). Every change of UP sets FABRIC_INT_LINK_CHANGE.
 *
 * DMA: write REMOTE_CELL, REMOTE_ADDR, LOCAL_ADDR, LEN (and TIMEOUT_US if the default does not suit), then
 * FABRIC_DMA_CMD_GO with the direction in FABRIC_DMA_CMD_DIR. DMA_STATUS shows BUSY until the transfer ends,
 * then DONE with the ERROR field (FABRIC_ERR_*); FABRIC_INT_DMA_DONE is set at the end, on success and on
 * error. A write transfer is DONE when the remote cell acknowledged its last packet: every packet of it
 * landed in the remote's memory, or ERROR is FABRIC_ERR_DENIED (some did not). A GO while BUSY is ignored:
 * the running transfer goes on undisturbed. GO clears DONE and ERROR.
 *
 * Inbound window: remote requests from cell WIN_SRC whose whole range lies in [WIN_BASE, WIN_BASE + WIN_SIZE)
 * (addresses of this cell's map) are carried out while FABRIC_WIN_CTRL_ENABLE is set; anything else is
 * refused and counted in FABRIC_REJECTED. */
#ifndef CELLVP_FABRIC_REGS_H
#define CELLVP_FABRIC_REGS_H

/* Link and identity. */
#define FABRIC_LINK_CTRL 0x000u   /* bit 0 ENABLE */
#define FABRIC_LINK_STATUS 0x004u /* read-only: bit 0 UP */
#define FABRIC_ID 0x008u          /* read-only: this cell's id on the fabric (its cell id) */
#define FABRIC_MAX_PAYLOAD 0x00Cu /* read-only: the largest payload of one packet, in bytes */

/* Interrupts: the port's line (CELL_IRQ_FABRIC) is high while INT_STATUS & INT_ENABLE is not 0. */
#define FABRIC_INT_STATUS 0x010u /* write 1 to clear */
#define FABRIC_INT_ENABLE 0x014u

/* DMA engine. */
#define FABRIC_DMA_REMOTE_CELL 0x020u /* bits 7:0 */
#define FABRIC_DMA_REMOTE_ADDR 0x024u
#define FABRIC_DMA_LOCAL_ADDR 0x028u
#define FABRIC_DMA_LEN 0x02Cu        /* bytes: 1 .. FABRIC_DMA_MAX_LEN */
#define FABRIC_DMA_TIMEOUT_US 0x030u /* 0: the port's default (FABRIC_DMA_DEFAULT_TIMEOUT_US) */
#define FABRIC_DMA_CMD 0x034u        /* write-only (reads 0) */
#define FABRIC_DMA_STATUS 0x038u     /* read-only */
#define FABRIC_DMA_BYTES_DONE 0x03Cu /* read-only: write: bytes sent; read: bytes landed in local memory */

/* Inbound window. */
#define FABRIC_WIN_BASE 0x040u
#define FABRIC_WIN_SIZE 0x044u
#define FABRIC_WIN_SRC 0x048u /* bits 7:0: the one cell allowed in */
#define FABRIC_WIN_CTRL 0x04Cu /* bit 0 ENABLE */

/* Counters (read-only; they count from power-on and survive cell resets). */
#define FABRIC_TX_TLPS 0x080u      /* packets sent (requests and completions) */
#define FABRIC_TX_BYTES 0x084u     /* their payload bytes */
#define FABRIC_RX_TLPS 0x088u      /* packets received */
#define FABRIC_RX_BYTES 0x08Cu     /* payload bytes received and written into local memory */
#define FABRIC_REJECTED 0x090u     /* inbound requests refused (window closed, wrong source, outside, bus error) */
#define FABRIC_UNEXPECTED 0x094u   /* completions matching no outstanding request: dropped */
#define FABRIC_DMA_TIMEOUTS 0x098u /* transfers that ended with FABRIC_ERR_TIMEOUT */
#define FABRIC_LAST_REG FABRIC_DMA_TIMEOUTS

#define FABRIC_LINK_CTRL_ENABLE (1u << 0)
#define FABRIC_LINK_STATUS_UP (1u << 0)

#define FABRIC_INT_DMA_DONE (1u << 0)    /* a transfer ended (DONE, with or without error) */
#define FABRIC_INT_LINK_CHANGE (1u << 1) /* LINK_STATUS_UP changed */
#define FABRIC_INT_WIN_WRITE (1u << 2)   /* a remote write landed in the window */
#define FABRIC_INT_ALL 0x7u

#define FABRIC_DMA_CMD_GO (1u << 0)
#define FABRIC_DMA_CMD_DIR (1u << 1) /* 0: write, local -> remote; 1: read, remote -> local */
#define FABRIC_DMA_DIR_WRITE 0u
#define FABRIC_DMA_DIR_READ 1u

#define FABRIC_DMA_STATUS_BUSY (1u << 0)
#define FABRIC_DMA_STATUS_DONE (1u << 1)
#define FABRIC_DMA_STATUS_ERR_SHIFT 8u
#define FABRIC_DMA_STATUS_ERR_MASK (0xFu << 8)

/* DMA_STATUS ERROR codes. */
#define FABRIC_ERR_NONE 0u
#define FABRIC_ERR_LINK_DOWN 1u /* the link was down at GO or went down during the transfer */
#define FABRIC_ERR_DENIED 2u    /* the remote refused (outside its window, window closed, not its source) */
#define FABRIC_ERR_TIMEOUT 3u   /* no answer within DMA_TIMEOUT_US of the last progress */
#define FABRIC_ERR_LOCAL 4u     /* the local address range is not memory (a bus error on this cell) */
#define FABRIC_ERR_PARAM 5u     /* LEN 0 or above FABRIC_DMA_MAX_LEN, remote is self, an address range wraps */
#define FABRIC_ERR_UNREACHABLE 6u /* the switch could not deliver: the remote's link is down or no such cell */

#define FABRIC_WIN_CTRL_ENABLE (1u << 0)

#define FABRIC_DMA_MAX_LEN 0x01000000u /* 16 MiB */
#define FABRIC_DMA_DEFAULT_TIMEOUT_US 10000u
/* Packets never cross a 4 KiB boundary of the remote address (PCIe Base Specification, 2.2.7). */
#define FABRIC_BOUNDARY 0x1000u

#endif
