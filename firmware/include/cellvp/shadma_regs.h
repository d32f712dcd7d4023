/* SHA-256 engine with DMA of a cell: hashes a range of the cell's bus (flash, RAM, NVRAM) and, when asked,
 * copies the same bytes to another range as it reads them, so a boot checks and loads an image in one pass.
 * Offsets from CELL_SHADMA_BASE; every register is 32 bits, accessed as a whole aligned word.
 *
 * A run: write SHADMA_SRC, SHADMA_LEN (and SHADMA_DST with SHADMA_CTRL_COPY), then SHADMA_CTRL with
 * SHADMA_CTRL_START and the flags. STATUS shows BUSY until the run ends, then DONE (with error bits, if any);
 * the line (CELL_IRQ_SHADMA) is high while DONE and SHADMA_IRQ_EN_DONE are set.
 *
 * A message may span several runs: the digest state carries from one run to the next until a run with
 * SHADMA_CTRL_FINAL, which pads with the message's total length and leaves the digest in DIGEST0..7. Every
 * run but the final one must hash a multiple of 64 bytes (else ERR_LEN, nothing read). INIT abandons the
 * message in progress and starts a new one; after a FINAL run, an error or a reset a new message starts
 * anyway, so INIT is only needed to drop a message half-way. Between runs DIGEST0..7 hold the intermediate
 * hash value (H0..H7 of FIPS 180-4, same byte order).
 *
 * Byte order of the digest: DIGESTi holds digest bytes 4i..4i+3 with byte 4i in bits 7:0, so storing
 * DIGEST0..7 as little-endian words into uint8_t[32] (what a plain word copy does on RV32) gives the
 * digest in its standard order (the order of `sha256sum`'s hex). */
#ifndef CELLVP_SHADMA_REGS_H
#define CELLVP_SHADMA_REGS_H

#define SHADMA_SRC 0x000u     /* bus address of the first byte to hash (any alignment) */
#define SHADMA_DST 0x004u     /* bus address where SHADMA_CTRL_COPY writes the bytes read */
#define SHADMA_LEN 0x008u     /* bytes; SRC + LEN (and DST + LEN when copying) must not pass 4 GiB */
#define SHADMA_CTRL 0x00Cu    /* write-only (reads 0): a write with START starts a run */
#define SHADMA_STATUS 0x010u  /* BUSY read-only; DONE and the error bits write 1 to clear */
#define SHADMA_IRQ_EN 0x014u
#define SHADMA_ERRADDR 0x018u /* read-only: the bus address whose access failed (with ERR_BUS) */
#define SHADMA_DIGEST(i) (0x020u + 4u * (i)) /* read-only, i = 0..7 */
#define SHADMA_LAST_REG SHADMA_DIGEST(7)

#define SHADMA_CTRL_START (1u << 0) /* start a run with the registers as they are now */
#define SHADMA_CTRL_INIT (1u << 1)  /* start a new message (drop the one in progress) */
#define SHADMA_CTRL_COPY (1u << 2)  /* also write the bytes read to DST.. */
#define SHADMA_CTRL_FINAL (1u << 3) /* this run ends the message: pad and compute the digest */

#define SHADMA_STATUS_BUSY (1u << 0)
#define SHADMA_STATUS_DONE (1u << 1)     /* the run ended (also with an error) */
#define SHADMA_STATUS_ERR_BUS (1u << 2)  /* a read or write got a bus error: the run stopped at ERRADDR */
#define SHADMA_STATUS_ERR_LEN (1u << 3)  /* non-final run of a length that is not a multiple of 64, or a range
                                            past 4 GiB: nothing was done */
#define SHADMA_STATUS_ERR_BUSY (1u << 4) /* a START while busy: ignored, the run goes on */
#define SHADMA_STATUS_ERRORS (SHADMA_STATUS_ERR_BUS | SHADMA_STATUS_ERR_LEN | SHADMA_STATUS_ERR_BUSY)

#define SHADMA_IRQ_EN_DONE (1u << 0)

#define SHADMA_BLOCK_SIZE 64u
#define SHADMA_DIGEST_SIZE 32u

#endif
