/* What the boot firmware hands to the image it starts (at CELL_RAM_BASE + CELL_RAM_BOOT_INFO_OFFSET), and the
 * status and recovery reasons a cell reports over the manageability interconnect. Shared by the boot, the
 * images, and the host side (test benches and the update protocol read them).
 *
 * Status and reasons follow the spirit of OCP Secure Firmware Recovery (../shared/reference/domain.md): a
 * device status (healthy, recovery mode, ...) and a 16-bit recovery reason saying why a cell is not running
 * its firmware. */
#ifndef CELLVP_BOOT_INFO_H
#define CELLVP_BOOT_INFO_H

#include <stdint.h>

#include "cellvp/image_format.h"

/* Device status. */
#define BOOT_STATUS_HEALTHY 0x01u          /* running a verified image */
#define BOOT_STATUS_RECOVERY_MODE 0x03u    /* no image can boot: the boot waits for one (recovery mode) */
#define BOOT_STATUS_RECOVERY_PENDING 0x04u /* an image was received and installed; waiting for the reset */
#define BOOT_STATUS_RUNNING_RECOVERY 0x05u /* receiving or installing an image */
#define BOOT_STATUS_BOOT_FAILURE 0x06u     /* an image booted, but not the one the metadata asked for */

/* Recovery reasons: why the cell is not running the image it should. A slot check returns one of these too. */
#define BOOT_REASON_NONE 0x0000u          /* no failure */
#define BOOT_REASON_NO_IMAGE 0x0001u      /* erased slot, or no image magic */
#define BOOT_REASON_BAD_HEADER 0x0002u    /* header or TLV area malformed (sizes, addresses, flags) */
#define BOOT_REASON_HASH_MISMATCH 0x0003u /* SHA-256 does not match: a corrupt image */
#define BOOT_REASON_WRONG_HW 0x0004u      /* built for another board type */
#define BOOT_REASON_ANTI_ROLLBACK 0x0005u /* security counter below the one kept in NVRAM */
#define BOOT_REASON_TRIAL_FAILED 0x0006u  /* a trial image did not confirm in FWU_MAX_TRIAL_BOOTS boots: reverted */
#define BOOT_REASON_FORCED 0x0007u        /* asked to stay in recovery mode */

#define BOOT_INFO_MAGIC 0x4F464E49u /* the bytes "INFO" */

struct boot_info {
    uint32_t magic;            /* BOOT_INFO_MAGIC: the rest is valid */
    uint32_t slot;             /* the slot that booted: 0 = A, 1 = B */
    uint32_t state;            /* FWU_STATE_* of that slot when it booted (trial: the image must confirm) */
    uint32_t status;           /* BOOT_STATUS_HEALTHY, or _BOOT_FAILURE when the boot fell back to the other slot */
    uint32_t reason;           /* BOOT_REASON_*: why the slot the metadata named did not boot (NONE: it did) */
    uint32_t boot_count;       /* from the NVRAM settings, this boot included */
    uint32_t trial_count;      /* boots of the trial image so far, this one included (0: not on trial) */
    uint32_t security_counter; /* the stored anti-rollback counter */
    uint32_t entry;            /* where the image starts (the boot's other harts jump there too) */
    uint32_t boot_us;          /* simulated microseconds from reset to the jump (CLINT mtime) */
    uint32_t reserved[6];
    struct image_header header; /* the booted image's header */
};

#ifdef __cplusplus
static_assert(sizeof(struct boot_info) <= 256, "boot_info fits its 256 bytes");
#else
_Static_assert(sizeof(struct boot_info) <= 256, "boot_info fits its 256 bytes");
#endif

#endif
