/* NVRAM driver of a cell: the FRAM at CELL_NVRAM_BASE is plain byte-addressable memory that keeps its
 * contents over resets (no erase, no write delay; each access is one SPI transfer of about 1-1.6 us).
 * Offsets are from the start of the NVRAM; callers keep within CELL_NVRAM_SIZE. */
#ifndef CELLVP_NVRAM_H
#define CELLVP_NVRAM_H

#include <stdint.h>

#include "cellvp/cell_map.h"

/* The NVRAM byte at `offset`, for direct access (loads and stores of 1, 2 or 4 bytes at any alignment). */
static inline volatile uint8_t *nvram_ptr(uint32_t offset)
{
    return (volatile uint8_t *)(CELL_NVRAM_BASE + offset);
}

/* Copies between NVRAM and memory, in 4-byte accesses where the NVRAM offset allows (one SPI transfer per
 * access). */
void nvram_read(uint32_t offset, void *dst, uint32_t len);
void nvram_write(uint32_t offset, const void *src, uint32_t len);

/* CRC-32 (IEEE 802.3, as zlib's crc32) of `len` bytes, continuing from `crc` (0 for a new one). */
uint32_t nvram_crc32(uint32_t crc, const void *data, uint32_t len);

/* A CRC-protected record: a 12-byte header {NVRAM_RECORD_MAGIC, length, CRC-32 of the data} then the data,
 * NVRAM_RECORD_HEADER + len bytes from `offset`. nvram_record_write clears the magic, writes the data, the
 * length and CRC, then the magic: an interrupted write (power cut) reads back as no record or a bad one; it
 * is detected, not repaired (keep two copies for that). nvram_record_read copies the data into `dst` and
 * returns its length, or NVRAM_RECORD_NONE (no magic), NVRAM_RECORD_BAD (longer than `cap` or than the
 * NVRAM, or a CRC mismatch). */
#define NVRAM_RECORD_MAGIC 0x4E565231u /* "NVR1" */
#define NVRAM_RECORD_HEADER 12u
#define NVRAM_RECORD_NONE (-1)
#define NVRAM_RECORD_BAD (-2)
void nvram_record_write(uint32_t offset, const void *data, uint32_t len);
int nvram_record_read(uint32_t offset, void *dst, uint32_t cap);

#endif
