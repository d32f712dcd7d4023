/* Image checks of the boot and the update agent: is this a whole, untampered image for this board, not older
 * than the anti-rollback counter allows (cellvp/image_format.h)? Works on memory: a slot read in place from
 * flash, or an image received in RAM. */
#ifndef CELLVP_IMAGE_CHECK_H
#define CELLVP_IMAGE_CHECK_H

#include <stdint.h>

#include "cellvp/image_format.h"

/* Checks the image at `img` (at most `cap` bytes may belong to it) in this order: magic (BOOT_REASON_NO_IMAGE),
 * header fields, sizes and TLV area (BOOT_REASON_BAD_HEADER; a RAM-load image must fit the run area), the
 * SHA-256 of header and body (BOOT_REASON_HASH_MISMATCH), hw_id (BOOT_REASON_WRONG_HW) and the security counter
 * against `min_counter` (BOOT_REASON_ANTI_ROLLBACK). With `copy`, the body is also copied to its load address
 * while it is hashed (only once the header checks passed; on a failure the run area holds garbage). Returns
 * BOOT_REASON_NONE (0) for a good image; fills `hdr` (when not null) as soon as the header was read. */
uint32_t image_check(const void *img, uint32_t cap, uint32_t min_counter, int copy, struct image_header *hdr);

/* SHA-256 of the `header_size` bytes at `img` and the `image_size` body bytes after them; with `dst` not null
 * the body is also copied there. image_hash.c: in software, or on the cell's hash engine when it has one. */
void boot_hash_image(const uint8_t *img, uint32_t header_size, uint32_t image_size, void *dst,
                     uint8_t digest[32]);

/* Bytes of the whole image (header, body, TLV area) whose header and TLV info are at `img`, or 0 when they are
 * malformed. Does not check the hash. */
uint32_t image_total_size(const void *img, uint32_t cap);

/* An image received into a staging area of `cap` bytes, announced as `length` bytes: its whole size from its
 * header (into `total`), then image_check() of that much (no copy). An announced length beyond the staging
 * area, or a header that does not parse, is BOOT_REASON_BAD_HEADER. Used by the boot's recovery mode and by the
 * update agent, which must judge a received image alike. */
uint32_t image_check_received(const void *staged, uint32_t length, uint32_t cap, uint32_t min_counter,
                              struct image_header *hdr, uint32_t *total);

/* Prints a version on the console as MAJOR.MINOR.PATCH+BUILD. */
void boot_put_version(const volatile struct image_version *v);

/* "none", "no image", "bad header", "hash mismatch", "wrong hardware", "anti-rollback", "trial failed",
 * "forced" or "unknown". */
const char *boot_reason_name(uint32_t reason);

#endif
