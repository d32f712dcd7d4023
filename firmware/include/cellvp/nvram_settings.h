/* The cell's settings in NVRAM: the payload of the settings record (a redundant record, firmware/boot/nvrec.h,
 * at NVRAM_SETTINGS_COPY0/1_OFFSET) and the record's framing. Shared by the firmware and the host, which
 * presets settings for a scenario (the auto-update flag, the update policy) as a factory or an operator would.
 *
 * A record copy (little-endian): magic NVREC_MAGIC, u16 format version, u16 payload length, u32 sequence
 * number, the payload, then the CRC-32 (IEEE, as zlib's crc32) of every byte before it. Fields are only ever
 * appended (keeping NVREC_SETTINGS_VERSION; a shorter record reads its missing fields as 0); the version
 * changes only when a field's meaning does. */
#ifndef CELLVP_NVRAM_SETTINGS_H
#define CELLVP_NVRAM_SETTINGS_H

#include <stdint.h>

#define NVREC_MAGIC 0x4345524Eu /* the bytes "NREC": no zero byte, so a partly written magic never matches */
#define NVREC_HEADER_SIZE 12u   /* magic, version, length, sequence */
#define NVREC_OVERHEAD 16u      /* header and CRC */

#define NVREC_SETTINGS_VERSION 1u

/* nvrec_settings.flags */
#define NVREC_SETTINGS_AUTO_UPDATE (1u << 0) /* claims 17, 18: update errored cells without the menu */

/* nvrec_settings.update_policy: how this cell, as the update cell, updates the others. 0: the defaults. */
#define UPD_POLICY_STRATEGY_MASK 0x3u
#define UPD_POLICY_SEQUENTIAL 0x0u  /* one cell after the other */
#define UPD_POLICY_PARALLEL 0x1u    /* every errored cell at once: transfers one after the other (one DMA
                                       engine), then all verify and program their flash together */
#define UPD_POLICY_TREE 0x2u        /* updated cells pass the update on (claims 3, 10, 16) */
#define UPD_POLICY_NO_ACK_WAIT (1u << 2) /* claims 6, 13, 15: load without waiting for the acknowledgement */
#define UPD_POLICY_RESET_SELF (1u << 3)  /* claims 2, 9: the update cell resets itself at the end too */
#define UPD_POLICY_FORCE (1u << 4)       /* also update healthy cells already at the desired version */
#define UPD_POLICY_MAJORITY (1u << 5)    /* the desired version is the partition's majority, not this cell's own */

struct nvrec_settings {
    uint32_t flags;            /* NVREC_SETTINGS_*: 0 on a fresh cell */
    uint32_t security_counter; /* anti-rollback: the boot refuses an image whose counter is lower */
    uint32_t boot_count;       /* boots of this cell since the record was created (wraps) */
    uint32_t trial_count;      /* boots of an image on trial, not yet confirmed: the boot reverts past a limit */
    uint32_t update_policy;    /* UPD_POLICY_* */
    uint32_t reserved[3];      /* written 0: room for more fields without a new version */
};

#ifdef __cplusplus
static_assert(sizeof(struct nvrec_settings) == 32, "the settings payload is 32 bytes");
#else
_Static_assert(sizeof(struct nvrec_settings) == 32, "the settings payload is 32 bytes");
#endif

#endif
