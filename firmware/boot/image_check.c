/* Image checks: header, sizes, TLV area, SHA-256, board type, anti-rollback (image_check.h). */
#include "image_check.h"

#include "cellvp/boot_info.h"
#include "cellvp/cell_map.h"
#include "sha256.h"
#include "uart.h"

/* Little-endian 16-bit loads at any alignment: an image in RAM may come from anywhere; flash is read in place. */
static uint16_t ld16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static void read_header(const uint8_t *p, struct image_header *h)
{
    uint8_t *d = (uint8_t *)h;
    for (uint32_t i = 0; i < sizeof *h; ++i)
        d[i] = p[i];
}

/* The TLV area of a header-checked image: 0 and the SHA-256 value's offset, or BAD_HEADER. */
static uint32_t find_sha256(const uint8_t *p, uint32_t cap, uint32_t tlv_at, uint32_t *sha_at, uint32_t *end)
{
    if (tlv_at + 4 > cap || ld16(p + tlv_at) != IMAGE_TLV_INFO_MAGIC)
        return BOOT_REASON_BAD_HEADER;
    uint32_t total = ld16(p + tlv_at + 2);
    if (total < 4 || total % 4 || tlv_at + total > cap)
        return BOOT_REASON_BAD_HEADER;
    uint32_t at = tlv_at + 4, found = 0;
    while (at < tlv_at + total) {
        if (at + 4 > tlv_at + total)
            return BOOT_REASON_BAD_HEADER;
        uint16_t type = ld16(p + at), len = ld16(p + at + 2);
        if (len % 4 || at + 4 + len > tlv_at + total)
            return BOOT_REASON_BAD_HEADER;
        if (type == IMAGE_TLV_SHA256) {
            if (found || len != IMAGE_SHA256_SIZE) /* two digests: which one would count? */
                return BOOT_REASON_BAD_HEADER;
            found = 1;
            *sha_at = at + 4;
        }
        at += 4 + len;
    }
    *end = tlv_at + total;
    return found ? BOOT_REASON_NONE : BOOT_REASON_BAD_HEADER;
}

/* Header fields alone: 0 or a reason. */
static uint32_t check_header(const struct image_header *h, uint32_t cap)
{
    if (h->magic != IMAGE_MAGIC)
        return BOOT_REASON_NO_IMAGE;
    if (h->header_size < IMAGE_HEADER_SIZE || h->header_size % 4 || h->image_size % 4 || h->image_size == 0)
        return BOOT_REASON_BAD_HEADER;
    if ((uint64_t)h->header_size + h->image_size + 4 > cap)
        return BOOT_REASON_BAD_HEADER;
    if (h->flags & ~IMAGE_FLAGS_KNOWN)
        return BOOT_REASON_BAD_HEADER;
    /* The boot runs images from RAM only: a slot is at no fixed address an image could be linked for. */
    if (!(h->flags & IMAGE_FLAG_RAM_LOAD))
        return BOOT_REASON_BAD_HEADER;
    const uint64_t run_lo = (uint64_t)CELL_RAM_BASE + CELL_RAM_RUN_OFFSET, run_hi = run_lo + CELL_RAM_RUN_SIZE;
    if (h->load_addr < run_lo || (uint64_t)h->load_addr + h->image_size > run_hi || h->load_addr % 4)
        return BOOT_REASON_BAD_HEADER;
    if (h->entry_addr < h->load_addr || h->entry_addr >= h->load_addr + h->image_size || h->entry_addr % 2)
        return BOOT_REASON_BAD_HEADER;
    return BOOT_REASON_NONE;
}

uint32_t image_total_size(const void *img, uint32_t cap)
{
    const uint8_t *p = img;
    struct image_header h;
    if (cap < IMAGE_HEADER_SIZE)
        return 0;
    read_header(p, &h);
    if (check_header(&h, cap) != BOOT_REASON_NONE)
        return 0;
    uint32_t sha_at, end;
    if (find_sha256(p, cap, h.header_size + h.image_size, &sha_at, &end) != BOOT_REASON_NONE)
        return 0;
    return end;
}

uint32_t image_check_received(const void *staged, uint32_t length, uint32_t cap, uint32_t min_counter,
                              struct image_header *hdr, uint32_t *total)
{
    *total = length <= cap ? image_total_size(staged, length) : 0;
    return *total ? image_check(staged, *total, min_counter, 0, hdr) : BOOT_REASON_BAD_HEADER;
}

uint32_t image_check(const void *img, uint32_t cap, uint32_t min_counter, int copy, struct image_header *hdr)
{
    const uint8_t *p = img;
    struct image_header h;
    if (cap < IMAGE_HEADER_SIZE)
        return BOOT_REASON_NO_IMAGE;
    read_header(p, &h);
    if (hdr)
        *hdr = h;
    uint32_t r = check_header(&h, cap);
    if (r != BOOT_REASON_NONE)
        return r;
    uint32_t sha_at, end;
    r = find_sha256(p, cap, h.header_size + h.image_size, &sha_at, &end);
    if (r != BOOT_REASON_NONE)
        return r;

    uint8_t digest[SHA256_SIZE];
    boot_hash_image(p, h.header_size, h.image_size, copy ? (void *)(uintptr_t)h.load_addr : 0, digest);
    uint32_t diff = 0;
    for (uint32_t i = 0; i < SHA256_SIZE; ++i)
        diff |= digest[i] ^ p[sha_at + i];
    if (diff)
        return BOOT_REASON_HASH_MISMATCH;
    if (h.hw_id != IMAGE_HW_ID_CELL_BOARD)
        return BOOT_REASON_WRONG_HW;
    if (h.security_counter < min_counter)
        return BOOT_REASON_ANTI_ROLLBACK;
    return BOOT_REASON_NONE;
}

void boot_put_version(const volatile struct image_version *v)
{
    uart_put_dec(v->major);
    uart_putc('.');
    uart_put_dec(v->minor);
    uart_putc('.');
    uart_put_dec(v->patch);
    uart_putc('+');
    uart_put_dec(v->build);
}

const char *boot_reason_name(uint32_t reason)
{
    switch (reason) {
    case BOOT_REASON_NONE: return "none";
    case BOOT_REASON_NO_IMAGE: return "no image";
    case BOOT_REASON_BAD_HEADER: return "bad header";
    case BOOT_REASON_HASH_MISMATCH: return "hash mismatch";
    case BOOT_REASON_WRONG_HW: return "wrong hardware";
    case BOOT_REASON_ANTI_ROLLBACK: return "anti-rollback";
    case BOOT_REASON_TRIAL_FAILED: return "trial failed";
    case BOOT_REASON_FORCED: return "forced";
    default: return "unknown";
    }
}
