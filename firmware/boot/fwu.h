/* The update metadata in flash (cellvp/fwu_metadata.h): read the newest valid copy, write a new record to both
 * copies, repair a stale copy; and the slot work the boot and the update agent share: write an image into a
 * slot, install it for a trial boot, confirm a trial. Calls the drivers' public functions only. */
#ifndef CELLVP_FWU_H
#define CELLVP_FWU_H

#include <stdint.h>

#include "cellvp/fwu_metadata.h"

/* Whether copy `copy` (0 or 1) is valid; fills `md` if so. */
int fwu_copy_valid(uint32_t copy, struct fwu_metadata *md);
/* The newest valid copy into `md`: 0, or -1 when neither copy is valid (then `md` is the factory default:
 * slot A active and accepted, sequence 0). */
int fwu_read(struct fwu_metadata *md);
/* Writes `md` (its slots and state; the magic, version, size, sequence and CRC are set here, the sequence one
 * past the newest valid copy) to both copies, the one without the newest record first. Returns 0, or the
 * flash driver's error bits. */
uint32_t fwu_write(const struct fwu_metadata *md);
/* Makes both copies hold the newest valid record when they differ (after a power cut during fwu_write).
 * Returns 0 (nothing to do or repaired), -1 when neither copy is valid, or flash error bits. */
int fwu_repair(void);

/* Flash operations (erases and programs) fwu and slot functions started: for tests and the update log. */
uint32_t fwu_flash_ops(void);

/* When set, slot_write calls it at the start (edge 0) and end (edge 1) of its erase and program phases, so
 * the caller can report them (the update's phases). */
#define FWU_PHASE_ERASE 0u
#define FWU_PHASE_PROGRAM 1u
extern void (*fwu_progress)(uint32_t phase, uint32_t edge, uint32_t bytes);

/* Writes the `len` image bytes at `img` into slot `slot` (0 = A, 1 = B): erases the 64 KiB blocks the image
 * needs, programs it page by page and compares it back. Returns 0, or flash error bits (0x80000000: the
 * compare failed). */
uint32_t slot_write(uint32_t slot, const void *img, uint32_t len);

/* The update agent's install: writes the image into `slot` (never the slot that runs: the caller passes the
 * other one) and makes it the active slot on trial, the running one its previous slot. Returns 0 or the error
 * of slot_write / fwu_write (the metadata is written only when the slot was written whole). */
uint32_t slot_install(uint32_t slot, uint32_t running_slot, const void *img, uint32_t len);

/* The image confirms itself (cellvp/boot_info.h's boot_info says whether it is on trial): the metadata's state
 * becomes accepted, the NVRAM's trial count 0, its security counter the image's when that is higher, and the
 * trial watchdog stops. Returns 0 when there was nothing to confirm or it was confirmed, else an error. */
uint32_t boot_confirm(void);

#endif
