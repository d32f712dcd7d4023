/* NVRAM driver of a cell: see nvram.h. */
#include "nvram.h"

void nvram_read(uint32_t offset, void *dst, uint32_t len)
{
    uint8_t *d = dst;
    uint32_t i = 0;
    for (; i < len && (offset + i) % 4 != 0; i++)
        d[i] = *nvram_ptr(offset + i);
    for (; len - i >= 4; i += 4) {
        uint32_t w = *(volatile uint32_t *)nvram_ptr(offset + i);
        d[i] = (uint8_t)w;
        d[i + 1] = (uint8_t)(w >> 8);
        d[i + 2] = (uint8_t)(w >> 16);
        d[i + 3] = (uint8_t)(w >> 24);
    }
    for (; i < len; i++)
        d[i] = *nvram_ptr(offset + i);
}

void nvram_write(uint32_t offset, const void *src, uint32_t len)
{
    const uint8_t *s = src;
    uint32_t i = 0;
    for (; i < len && (offset + i) % 4 != 0; i++)
        *nvram_ptr(offset + i) = s[i];
    for (; len - i >= 4; i += 4)
        *(volatile uint32_t *)nvram_ptr(offset + i) =
            s[i] | (uint32_t)s[i + 1] << 8 | (uint32_t)s[i + 2] << 16 | (uint32_t)s[i + 3] << 24;
    for (; i < len; i++)
        *nvram_ptr(offset + i) = s[i];
}

/* Bitwise: a settings record is small, and a table would cost 1 KiB of flash. */
uint32_t nvram_crc32(uint32_t crc, const void *data, uint32_t len)
{
    const uint8_t *p = data;
    crc = ~crc;
    while (len-- != 0) {
        crc ^= *p++;
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
    }
    return ~crc;
}

void nvram_record_write(uint32_t offset, const void *data, uint32_t len)
{
    *(volatile uint32_t *)nvram_ptr(offset) = 0; /* invalid until the new record is complete */
    nvram_write(offset + NVRAM_RECORD_HEADER, data, len);
    uint32_t header[2] = {len, nvram_crc32(0, data, len)};
    nvram_write(offset + 4, header, sizeof header);
    *(volatile uint32_t *)nvram_ptr(offset) = NVRAM_RECORD_MAGIC;
}

int nvram_record_read(uint32_t offset, void *dst, uint32_t cap)
{
    uint32_t header[3];
    nvram_read(offset, header, sizeof header);
    if (header[0] != NVRAM_RECORD_MAGIC)
        return NVRAM_RECORD_NONE;
    uint32_t len = header[1];
    if (len > cap || len > CELL_NVRAM_SIZE - NVRAM_RECORD_HEADER || offset > CELL_NVRAM_SIZE - NVRAM_RECORD_HEADER - len)
        return NVRAM_RECORD_BAD;
    nvram_read(offset + NVRAM_RECORD_HEADER, dst, len);
    return nvram_crc32(0, dst, len) == header[2] ? (int)len : NVRAM_RECORD_BAD;
}
