/* Firmware image format of a cell: what an image slot holds, what the boot verifies and `cellvp image`
 * writes. Shared by the firmware (C) and the host tool (C++); firmware/README.md describes it with a table.
 *
 * Modelled on MCUboot's image format (a fixed header, the body, then a type-length-value area), with the
 * fields a cell needs in the header itself:
 *
 *   +--------------------------+ offset 0
 *   | header (image_header)    | IMAGE_HEADER_SIZE bytes (header_size says how many; a later format may grow it)
 *   +--------------------------+ header_size
 *   | body                     | image_size bytes: the program's loadable bytes from load_addr on
 *   +--------------------------+ header_size + image_size
 *   | TLV info (magic, total)  | 4 bytes
 *   | TLV: type, length, value | ... one after another, `total` bytes including the info
 *   +--------------------------+ header_size + image_size + total: end of the image
 *
 * Everything is little-endian. The structures have no padding (every field is at its natural alignment, which
 * the static asserts below check), so they can be read from flash as they are; image_size and every TLV length
 * are multiples of 4, so every TLV header and value is word-aligned too. Bytes after the end of the image
 * (erased flash of the rest of a slot) are not part of it.
 *
 * Why each header field:
 * - magic: tells an image from erased flash (all 0xFF) or garbage at a glance.
 * - header_size: where the body starts; lets a later format add fields without moving the body. At least
 *   IMAGE_HEADER_SIZE.
 * - image_size: the length of the body, so the TLV area can be found and the body hashed and copied.
 * - load_addr: where the body's first byte belongs (the lowest load address of the ELF's segments); the boot
 *   copies the body there (IMAGE_FLAG_RAM_LOAD) or checks that the slot is there (execute in place).
 * - entry_addr: where execution starts; must lie in the body.
 * - version major.minor.patch+build: what the image is, for humans, update policy and "already at this
 *   version" checks. Not a security property: that is the security counter.
 * - security_counter: anti-rollback. The boot refuses an image whose counter is below the one kept in NVRAM
 *   (MCUboot's rule: counter >= stored). Kept apart from the version so a fix release can be allowed to go
 *   back to an older version number, or a version bump need not lock out older images.
 * - flags: IMAGE_FLAG_*; an image with a flag the boot does not know is refused (it might mean "do not run
 *   me the way you think").
 * - hw_id: the board type the image is built for (IMAGE_HW_ID_*): firmware for another board never runs
 *   (Superdome-style rule: never install firmware not meant for the board).
 * - reserved: written as zero, ignored by readers: room for later fields that an older boot may safely ignore
 *   (a field it must not ignore needs a flag).
 *
 * The SHA-256 TLV is the digest of header and body (bytes [0, header_size + image_size)), so every header
 * field is covered: nothing the boot trusts lives in the TLV area, which only carries the digest and (later)
 * a signature over the digest, each of which checks itself. Unknown TLV types are skipped; a second SHA-256
 * TLV makes the image invalid (which one would count?). */
#ifndef CELLVP_IMAGE_FORMAT_H
#define CELLVP_IMAGE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAGIC 0x49505643u /* the bytes "CVPI" */
#define IMAGE_HEADER_SIZE 64u

/* image_header.flags */
#define IMAGE_FLAG_RAM_LOAD (1u << 0) /* copy the body to load_addr (RAM) and run it there; clear: run in place */
#define IMAGE_FLAGS_KNOWN (IMAGE_FLAG_RAM_LOAD)

/* image_header.hw_id: board types. */
#define IMAGE_HW_ID_CELL_BOARD 0xCE110001u /* the cell board of this platform (cell_map.h), revision 1 */

struct image_version {
    uint8_t major;
    uint8_t minor;
    uint16_t patch;
    uint32_t build;
};

struct image_header {
    uint32_t magic;       /* IMAGE_MAGIC */
    uint16_t header_size; /* bytes before the body, >= IMAGE_HEADER_SIZE, a multiple of 4 */
    uint16_t reserved0;   /* written 0, ignored */
    uint32_t image_size;  /* body bytes, a multiple of 4 (the tool pads with 0xFF) */
    uint32_t load_addr;   /* address of the body's first byte */
    uint32_t entry_addr;  /* first instruction, within [load_addr, load_addr + image_size) */
    struct image_version version;
    uint32_t security_counter; /* anti-rollback */
    uint32_t flags;            /* IMAGE_FLAG_* */
    uint32_t hw_id;            /* IMAGE_HW_ID_* */
    uint32_t reserved[6];      /* written 0, ignored */
};

/* TLV area: the info, then TLVs back to back up to info.total bytes from the info's start. */
#define IMAGE_TLV_INFO_MAGIC 0x5654u /* the bytes "TV" */

struct image_tlv_info {
    uint16_t magic; /* IMAGE_TLV_INFO_MAGIC */
    uint16_t total; /* bytes of the whole TLV area, this info included */
};

struct image_tlv {
    uint16_t type;   /* IMAGE_TLV_* */
    uint16_t length; /* bytes of the value that follows, a multiple of 4 */
};

#define IMAGE_TLV_SHA256 0x0010u  /* 32 bytes: SHA-256 of header and body */
#define IMAGE_TLV_ED25519 0x0024u /* 64 bytes: Ed25519 signature of the SHA-256 digest (not yet required) */

#define IMAGE_SHA256_SIZE 32u
#define IMAGE_ED25519_SIZE 64u

/* The layout is fixed: check it wherever this header is compiled. */
#ifdef __cplusplus
#define CELLVP_IMAGE_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define CELLVP_IMAGE_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
CELLVP_IMAGE_ASSERT(sizeof(struct image_version) == 8, "image_version is 8 bytes");
CELLVP_IMAGE_ASSERT(sizeof(struct image_header) == IMAGE_HEADER_SIZE, "image_header is 64 bytes");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, magic) == 0, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, header_size) == 4, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, image_size) == 8, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, load_addr) == 12, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, entry_addr) == 16, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, version) == 20, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, security_counter) == 28, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, flags) == 32, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, hw_id) == 36, "image_header layout");
CELLVP_IMAGE_ASSERT(offsetof(struct image_header, reserved) == 40, "image_header layout");
CELLVP_IMAGE_ASSERT(sizeof(struct image_tlv_info) == 4, "image_tlv_info is 4 bytes");
CELLVP_IMAGE_ASSERT(sizeof(struct image_tlv) == 4, "image_tlv is 4 bytes");
#undef CELLVP_IMAGE_ASSERT

#endif
