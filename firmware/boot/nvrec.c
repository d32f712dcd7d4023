/* Redundant NVRAM records and the settings record: see nvrec.h. */
#include "nvrec.h"

#include "cellvp/flash_layout.h"
#include "nvram.h"

_Static_assert(sizeof(struct nvrec_settings) == 32, "the settings payload is 32 bytes");
_Static_assert(sizeof(struct nvrec_settings) + NVREC_OVERHEAD <= NVRAM_SETTINGS_COPY_SIZE,
               "a settings record fits its copy");

static const struct nvrec_area settings_area = {
    {NVRAM_SETTINGS_COPY0_OFFSET, NVRAM_SETTINGS_COPY1_OFFSET},
    NVRAM_SETTINGS_COPY_SIZE,
};

/* The CRC of `len` NVRAM bytes from `offset`, continuing from `crc`: in chunks, so that checking a copy needs
 * no buffer as large as its payload. */
static uint32_t crc_nvram(uint32_t crc, uint32_t offset, uint32_t len)
{
    uint8_t chunk[32];
    while (len != 0) {
        uint32_t n = len < sizeof chunk ? len : sizeof chunk;
        nvram_read(offset, chunk, n);
        crc = nvram_crc32(crc, chunk, n);
        offset += n;
        len -= n;
    }
    return crc;
}

int nvrec_copy_valid(const struct nvrec_area *area, uint32_t copy, struct nvrec_info *info)
{
    uint32_t offset = area->copy[copy & 1u];
    uint32_t header[3];
    nvram_read(offset, header, sizeof header);
    if (header[0] != NVREC_MAGIC || area->copy_size < NVREC_OVERHEAD)
        return 0;
    uint32_t length = header[1] >> 16;
    if (length > area->copy_size - NVREC_OVERHEAD)
        return 0;
    uint32_t crc = crc_nvram(nvram_crc32(0, header, sizeof header), offset + NVREC_HEADER_SIZE, length);
    uint32_t stored;
    nvram_read(offset + NVREC_HEADER_SIZE + length, &stored, sizeof stored);
    if (crc != stored)
        return 0;
    if (info) {
        info->sequence = header[2];
        info->version = (uint16_t)header[1];
        info->length = (uint16_t)length;
        info->copy = copy & 1u;
    }
    return 1;
}

/* The newest valid copy (0 or 1, its header in `info`), or -1. Sequence numbers compare as serial numbers
 * (RFC 1982 style), so a wrap after 2^32 writes keeps the order; equal ones (only after corruption) pick 0. */
static int newest(const struct nvrec_area *area, struct nvrec_info *info)
{
    struct nvrec_info c0, c1;
    int v0 = nvrec_copy_valid(area, 0, &c0), v1 = nvrec_copy_valid(area, 1, &c1);
    if (!v0 && !v1)
        return -1;
    int pick = !v0 || (v1 && (int32_t)(c1.sequence - c0.sequence) > 0);
    *info = pick ? c1 : c0;
    return pick;
}

int nvrec_read(const struct nvrec_area *area, void *dst, uint32_t cap, struct nvrec_info *info)
{
    uint8_t *d = dst;
    struct nvrec_info found;
    int copy = newest(area, &found);
    uint32_t n = 0;
    if (copy >= 0) {
        n = found.length < cap ? found.length : cap;
        nvram_read(area->copy[copy] + NVREC_HEADER_SIZE, d, n);
        if (info)
            *info = found;
    }
    for (uint32_t i = n; i < cap; i++)
        d[i] = 0;
    return copy >= 0 ? (int)found.length : NVREC_NONE;
}

int nvrec_write(const struct nvrec_area *area, uint16_t version, const void *payload, uint32_t len)
{
    if (area->copy_size < NVREC_OVERHEAD || len > area->copy_size - NVREC_OVERHEAD || len > 0xFFFFu)
        return NVREC_TOO_LARGE;
    struct nvrec_info last;
    int copy = newest(area, &last);
    uint32_t target = copy < 0 ? 0u : (uint32_t)(copy ^ 1);
    uint32_t sequence = copy < 0 ? 1u : last.sequence + 1u;
    uint32_t offset = area->copy[target];

    uint32_t header[3] = {NVREC_MAGIC, version | len << 16, sequence};
    uint32_t crc = nvram_crc32(nvram_crc32(0, header, sizeof header), payload, len);
    const uint32_t no_magic = 0;

    nvram_write(offset, &no_magic, sizeof no_magic); /* the copy is invalid from here until the magic lands */
    nvram_write(offset + 4, &header[1], 2 * sizeof header[1]);
    nvram_write(offset + NVREC_HEADER_SIZE, payload, len);
    nvram_write(offset + NVREC_HEADER_SIZE + len, &crc, sizeof crc);
    nvram_write(offset, &header[0], sizeof header[0]); /* the commit */

    return nvrec_copy_valid(area, target, 0) ? 0 : NVREC_WRITE_FAILED;
}

int nvrec_settings_read(struct nvrec_settings *s)
{
    struct nvrec_info info;
    int r = nvrec_read(&settings_area, s, sizeof *s, &info);
    if (r < 0)
        return r;
    if (info.version != NVREC_SETTINGS_VERSION) {
        uint8_t *p = (uint8_t *)s;
        for (uint32_t i = 0; i < sizeof *s; i++)
            p[i] = 0;
        return NVREC_BAD_VERSION;
    }
    return 0;
}

int nvrec_settings_write(const struct nvrec_settings *s)
{
    return nvrec_write(&settings_area, NVREC_SETTINGS_VERSION, s, sizeof *s);
}
