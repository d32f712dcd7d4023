/* Flash driver of a cell (cellvp/flash_regs.h): erase 4 KiB sectors and 64 KiB blocks, program pages,
 * write protection. The array is read in place at CELL_FLASH_BASE (flash_xip()).
 *
 * While an operation runs the array reads as 0xFF, so the driver runs from RAM (.ramfunc; it can also
 * rewrite the flash that holds the program) and returns only when the flash is idle again. It also masks interrupts meanwhile (mstatus.MIE:
 * a handler or trap vector in flash could not run) and waits either by polling FLASH_STATUS or, after
 * flash_init(FLASH_WAIT_IRQ), asleep in WFI until the completion interrupt (through the interrupt
 * controller and mie.MEIE; the hart takes no trap). Other harts of the cell must not execute from or read
 * the flash meanwhile (park them in RAM). Not for concurrent use by several harts.
 *
 * Offsets are from the start of the flash. Results: 0, or the FLASH_STATUS_ERR_* bits the controller
 * reported (ERR_RANGE: misaligned erase, a program across a page or beyond the part; ERR_PROTECTED: the
 * range touches the write-protected range, nothing changed; ERR_NOT_ERASED: a program needed a 0 -> 1
 * change, a firmware error that strict simulation also reports as a run failure). */
#ifndef CELLVP_FLASH_H
#define CELLVP_FLASH_H

#include <stdint.h>

#include "cellvp/cell_map.h"

enum flash_wait {
    FLASH_WAIT_POLL, /* read FLASH_STATUS until DONE (the default) */
    FLASH_WAIT_IRQ,  /* WFI until the completion interrupt: no bus traffic while waiting (another source
                        enabled for the hart and pending wakes it early: then it polls) */
};

/* Chooses how operations wait. FLASH_WAIT_IRQ sets FLASH_IRQ_EN and enables CELL_IRQ_FLASH at the
 * interrupt controller for the calling hart (which then does the flash operations); FLASH_WAIT_POLL undoes
 * both. Waits for an operation still running (one started before a cell reset completes after it). */
void flash_init(enum flash_wait mode);

/* Size of the part in bytes. */
uint32_t flash_size(void);

/* The array at `offset`, read in place. */
static inline const volatile uint8_t *flash_xip(uint32_t offset)
{
    return (const volatile uint8_t *)(CELL_FLASH_BASE + offset);
}

/* Erases the 4 KiB sector or 64 KiB block at `offset` (aligned to its size) to 0xFF. */
uint32_t flash_erase_sector(uint32_t offset);
uint32_t flash_erase_block(uint32_t offset);

/* Programs `len` bytes (1..FLASH_PAGE_SIZE) at `offset`, within one 256-byte page; the bytes must be erased
 * (a program only clears bits). `data` may be anywhere, flash included. */
uint32_t flash_program_page(uint32_t offset, const void *data, uint32_t len);

/* Programs any range, page by page; stops at the first error. */
uint32_t flash_program(uint32_t offset, const void *data, uint32_t len);

/* Write protection of [start, end) in flash offsets (empty when end <= start); flash_wp_lock() makes the
 * range read-only until the cell resets. Returns 0, or FLASH_STATUS_ERR_PROTECTED when the range is locked
 * and did not change. */
uint32_t flash_wp_set(uint32_t start, uint32_t end);
void flash_wp_lock(void);

#endif
