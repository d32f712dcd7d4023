/* Update metadata of a cell: which image slot boots, and whether it is on trial. Two copies in flash
 * (FLASH_METADATA0/1_OFFSET), as Arm's FWU multi-bank metadata keeps them. Shared by the boot, the update agent
 * and the host side (test benches read the copies back).
 *
 * A copy (little-endian, 32 bytes at the start of its 4 KiB sector; the rest of the sector stays erased):
 *   magic FWU_MAGIC, version FWU_VERSION, size (bytes of the copy, 32), sequence (1, 2, ...: the newer copy
 *   wins), active_slot (0 = A, 1 = B: the slot that boots), previous_slot (the slot to revert to while the
 *   active one is on trial), state (FWU_STATE_*), reserved bytes 0, then CRC-32 (IEEE, as zlib's crc32) of
 *   the 28 bytes before it.
 * A copy is valid when magic, version, size, slots, state and CRC check. An update writes the same new record
 * (sequence + 1) to both copies, first the one that does not hold the newest valid record, then the other:
 * each write is an erase of its sector and a program. A power cut tears at most the copy being written, and
 * the other still holds a whole record (the old one, or already the new one); the boot picks the valid copy
 * with the later sequence and rewrites a copy that differs from it, so both are the same again after the
 * boot. Flash erases to 0xFF: an erased copy has no magic. */
#ifndef CELLVP_FWU_METADATA_H
#define CELLVP_FWU_METADATA_H

#include <stdint.h>

#define FWU_MAGIC 0x55574643u /* the bytes "CFWU" */
#define FWU_VERSION 1u

/* fwu_metadata.state */
#define FWU_STATE_ACCEPTED 0u /* the active slot's image is confirmed */
#define FWU_STATE_TRIAL 1u    /* the active slot's image boots on trial: it must confirm, or the boot reverts */

/* Boots of an image on trial without a confirmation before the boot reverts to the previous slot (Arm FWU
 * leaves the number to the platform; MCUboot reverts after one unconfirmed boot). Three lets a trial survive a
 * reset that is not the image's fault (a remote reset during start-up). */
#define FWU_MAX_TRIAL_BOOTS 3u

struct fwu_metadata {
    uint32_t magic;
    uint16_t version;
    uint16_t size;
    uint32_t sequence;
    uint8_t active_slot;
    uint8_t previous_slot;
    uint8_t state;
    uint8_t reserved0;
    uint32_t reserved[3];
    uint32_t crc;
};

#ifdef __cplusplus
static_assert(sizeof(struct fwu_metadata) == 32, "fwu_metadata is 32 bytes");
#else
_Static_assert(sizeof(struct fwu_metadata) == 32, "fwu_metadata is 32 bytes");
#endif

#endif
