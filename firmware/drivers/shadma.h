/* SHA-256 engine driver of a cell (cellvp/shadma_regs.h): hashes a range of the bus (flash, RAM, NVRAM) and
 * optionally copies it elsewhere in the same pass. The engine only reads the flash (it never makes it busy),
 * so these functions run from flash like any other code. Waiting is by polling the status register, which
 * costs no host time in cellvp (the device promises the value until its next step). */
#ifndef CELLVP_SHADMA_H
#define CELLVP_SHADMA_H

#include <stdint.h>

#include "cellvp/shadma_regs.h"

/* Starts a run: `len` bytes from bus address `src`, copied to `dst` when `ctrl` has SHADMA_CTRL_COPY.
 * `ctrl`: SHADMA_CTRL_INIT / _COPY / _FINAL (START is added here). Every run but a message's last must be a
 * multiple of 64 bytes long. */
void shadma_start(uint32_t src, uint32_t dst, uint32_t len, uint32_t ctrl);

/* Waits until the run ends; returns 0 or its error bits (SHADMA_STATUS_ERR_*), and clears them and DONE. */
uint32_t shadma_wait(void);

/* One run, waited for: hashes `len` bytes at `src` and copies them to `dst` unless it is NULL. `init` starts a
 * new message, `final` ends it (then shadma_digest() gives the digest). Returns 0 or SHADMA_STATUS_ERR_*. */
uint32_t shadma_hash_copy(const void *src, void *dst, uint32_t len, int init, int final);

/* The digest of the last final run (between runs of a message: the intermediate hash value), in the
 * standard byte order. */
void shadma_digest(uint8_t out[SHADMA_DIGEST_SIZE]);

/* The bus address of the failed access after SHADMA_STATUS_ERR_BUS. */
uint32_t shadma_error_address(void);

/* Interrupt on completion (CELL_IRQ_SHADMA, high while DONE is set): 1 enables, 0 disables. */
void shadma_irq_enable(int on);

#endif
