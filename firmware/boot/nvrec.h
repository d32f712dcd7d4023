/* Redundant NVRAM records: a versioned, CRC-protected record kept in two copies, so that a power cut at any
 * byte of a write leaves the old or the new record, never garbage; and the cell's settings record built on it.
 *
 * A copy (little-endian, at a 4-byte aligned NVRAM offset, NVREC_OVERHEAD + length bytes):
 *
 *   offset  size    field
 *   0       4       magic     NVREC_MAGIC ("NREC"); written last, so only a completed write has it
 *   4       2       version   format version of the payload (what the payload's bytes mean)
 *   6       2       length    payload bytes (up to the copy's size - NVREC_OVERHEAD)
 *   8       4       sequence  1 for the first record of an area, +1 for each write (serial-number order)
 *   12      length  payload
 *   12+len  4       CRC-32    (IEEE, nvram_crc32) of every byte before it, the magic included
 *
 * A write goes to the copy that is not the newest valid one, in this order: clear its magic (one word
 * write), write version, length, sequence, payload and CRC, then the magic (one word write). NVRAM writes
 * reach the part in program order and a cut leaves a prefix of the write it falls in (the FM25V10 stores each
 * byte as it is clocked in), so until the last byte of the magic has landed the copy being written has no
 * magic (or, when the cut falls before the first byte of the clearing write, still holds its older record),
 * and the newest copy, which the write never touches, still holds the old record. A copy is valid when its
 * magic, length and CRC check; the CRC also catches later corruption (a stray write, a flipped bit), which
 * is why a read falls back to the other copy. A read returns the valid copy with the later sequence number.
 *
 * Library code (cellvp_boot): reaches the NVRAM only through the driver's public functions. */
#ifndef CELLVP_NVREC_H
#define CELLVP_NVREC_H

#include <stdint.h>

#include "cellvp/nvram_settings.h" /* NVREC_MAGIC, the settings payload */

/* Results (negative); reads return the payload length (>= 0) on success. */
#define NVREC_NONE (-1)        /* no valid copy (a fresh part, or both copies damaged) */
#define NVREC_TOO_LARGE (-2)   /* the payload does not fit a copy */
#define NVREC_BAD_VERSION (-3) /* a valid record of a format version this code does not know */
#define NVREC_WRITE_FAILED (-4) /* the copy just written does not read back valid */

/* Where a record's two copies live: NVRAM offsets (4-byte aligned) and the bytes each may take. */
struct nvrec_area {
    uint32_t copy[2];
    uint32_t copy_size;
};

/* What a read found. */
struct nvrec_info {
    uint32_t sequence;
    uint16_t version;
    uint16_t length;
    uint32_t copy; /* 0 or 1: the copy that was read */
};

/* Reads the newest valid copy: copies min(length, cap) payload bytes into `dst`, fills the rest of `cap`
 * with zeros (a shorter record from an older writer reads its missing fields as 0), and fills `info` if not
 * null. Returns the payload length, or NVREC_NONE. */
int nvrec_read(const struct nvrec_area *area, void *dst, uint32_t cap, struct nvrec_info *info);

/* Writes a new record (`len` payload bytes of format `version`) over the copy that is not the newest valid
 * one, with the next sequence number. Returns 0, NVREC_TOO_LARGE or NVREC_WRITE_FAILED. */
int nvrec_write(const struct nvrec_area *area, uint16_t version, const void *payload, uint32_t len);

/* Whether copy `copy` (0 or 1) of `area` is valid; fills `info` if not null. For tests and diagnostics. */
int nvrec_copy_valid(const struct nvrec_area *area, uint32_t copy, struct nvrec_info *info);

/* The cell's settings: the settings record at NVRAM_SETTINGS_COPY0/1_OFFSET (cellvp/flash_layout.h).
 * Fields are only ever appended (keeping NVREC_SETTINGS_VERSION; a reader takes the fields it knows and an
 * older record's missing ones read as 0); the version changes only when a field's meaning does, and a reader
 * that does not know the version must not overwrite the record (it could lose the security counter). The payload
 * and its fields: cellvp/nvram_settings.h. */
/* Reads the settings into `s`: 0, NVREC_NONE (no record: `s` is all zeros, a fresh cell's settings) or
 * NVREC_BAD_VERSION (`s` is all zeros; do not write). */
int nvrec_settings_read(struct nvrec_settings *s);
/* Writes the settings as a new record: 0 or NVREC_WRITE_FAILED. */
int nvrec_settings_write(const struct nvrec_settings *s);

#endif
