/* Update metadata copies and slot writes (fwu.h). */
#include "fwu.h"

#include "cellctl.h"
#include "cellvp/boot_info.h"
#include "cellvp/cell_map.h"
#include "flash.h"
#include "nvram.h"
#include "nvrec.h"

static uint32_t flash_ops;

void (*fwu_progress)(uint32_t phase, uint32_t edge, uint32_t bytes);

static void progress(uint32_t phase, uint32_t edge, uint32_t bytes)
{
    if (fwu_progress)
        fwu_progress(phase, edge, bytes);
}

uint32_t fwu_flash_ops(void)
{
    return flash_ops;
}

static const uint32_t copy_offset[2] = {FLASH_METADATA0_OFFSET, FLASH_METADATA1_OFFSET};

static uint32_t md_crc(const struct fwu_metadata *md)
{
    return nvram_crc32(0, md, sizeof *md - sizeof md->crc);
}

int fwu_copy_valid(uint32_t copy, struct fwu_metadata *md)
{
    struct fwu_metadata m;
    const volatile uint8_t *src = flash_xip(copy_offset[copy & 1]);
    uint8_t *dst = (uint8_t *)&m;
    for (uint32_t i = 0; i < sizeof m; ++i)
        dst[i] = src[i];
    if (m.magic != FWU_MAGIC || m.version != FWU_VERSION || m.size != sizeof m || m.active_slot > 1 ||
        m.previous_slot > 1 || m.state > FWU_STATE_TRIAL || m.crc != md_crc(&m))
        return 0;
    if (md)
        *md = m;
    return 1;
}

/* Which copy holds the newest valid record: 0, 1, or -1 for none; its record into `md`. */
static int newest(struct fwu_metadata *md, int *other_valid, struct fwu_metadata *other)
{
    struct fwu_metadata m[2];
    int v0 = fwu_copy_valid(0, &m[0]), v1 = fwu_copy_valid(1, &m[1]);
    int n = -1;
    if (v0 && v1)
        n = (int32_t)(m[1].sequence - m[0].sequence) > 0 ? 1 : 0; /* serial-number order */
    else if (v0)
        n = 0;
    else if (v1)
        n = 1;
    if (n >= 0) {
        *md = m[n];
        if (other_valid)
            *other_valid = n ? v0 : v1;
        if (other)
            *other = m[n ^ 1];
    }
    return n;
}

int fwu_read(struct fwu_metadata *md)
{
    if (newest(md, 0, 0) >= 0)
        return 0;
    struct fwu_metadata d = {FWU_MAGIC, FWU_VERSION, sizeof d, 0, 0, 0, FWU_STATE_ACCEPTED, 0, {0, 0, 0}, 0};
    *md = d;
    return -1;
}

static uint32_t write_copy(uint32_t copy, const struct fwu_metadata *md)
{
    ++flash_ops;
    uint32_t r = flash_erase_sector(copy_offset[copy]);
    if (r)
        return r;
    ++flash_ops;
    return flash_program_page(copy_offset[copy], md, sizeof *md);
}

uint32_t fwu_write(const struct fwu_metadata *md_in)
{
    struct fwu_metadata cur, m = *md_in;
    int n = newest(&cur, 0, 0);
    m.magic = FWU_MAGIC;
    m.version = FWU_VERSION;
    m.size = sizeof m;
    m.sequence = n >= 0 ? cur.sequence + 1 : 1;
    m.reserved0 = 0;
    m.reserved[0] = m.reserved[1] = m.reserved[2] = 0;
    m.crc = md_crc(&m);
    uint32_t first = n >= 0 ? (uint32_t)(n ^ 1) : 0;
    uint32_t r = write_copy(first, &m);
    if (r)
        return r;
    return write_copy(first ^ 1, &m);
}

static int same(const struct fwu_metadata *a, const struct fwu_metadata *b)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
    for (uint32_t i = 0; i < sizeof *a; ++i)
        if (x[i] != y[i])
            return 0;
    return 1;
}

int fwu_repair(void)
{
    struct fwu_metadata md, other;
    int other_valid = 0;
    int n = newest(&md, &other_valid, &other);
    if (n < 0)
        return -1;
    if (other_valid && same(&md, &other))
        return 0;
    return (int)write_copy((uint32_t)(n ^ 1), &md);
}

uint32_t slot_write(uint32_t slot, const void *img, uint32_t len)
{
    const uint32_t base = FLASH_SLOT_OFFSET(slot & 1);
    if (len == 0 || len > FLASH_SLOT_SIZE)
        return FLASH_STATUS_ERR_RANGE;
    const uint32_t erase_len = (len + 0xFFFFu) & ~0xFFFFu;
    progress(FWU_PHASE_ERASE, 0, erase_len);
    for (uint32_t off = 0; off < len; off += 0x10000u) {
        ++flash_ops;
        uint32_t r = flash_erase_block(base + off);
        if (r)
            return r;
    }
    progress(FWU_PHASE_ERASE, 1, erase_len);
    const uint8_t *src = img;
    progress(FWU_PHASE_PROGRAM, 0, len);
    for (uint32_t off = 0; off < len; off += FLASH_PAGE_SIZE) {
        uint32_t n = len - off < FLASH_PAGE_SIZE ? len - off : FLASH_PAGE_SIZE;
        ++flash_ops;
        uint32_t r = flash_program_page(base + off, src + off, n);
        if (r)
            return r;
    }
    progress(FWU_PHASE_PROGRAM, 1, len);
    const volatile uint8_t *back = flash_xip(base);
    for (uint32_t i = 0; i < len; ++i)
        if (back[i] != src[i])
            return 0x80000000u;
    return 0;
}

uint32_t slot_install(uint32_t slot, uint32_t running_slot, const void *img, uint32_t len)
{
    if (slot > 1 || slot == running_slot)
        return FLASH_STATUS_ERR_RANGE; /* never the slot that runs: it may be the only valid one */
    uint32_t r = slot_write(slot, img, len);
    if (r)
        return r;
    struct fwu_metadata md;
    fwu_read(&md);
    md.active_slot = (uint8_t)slot;
    md.previous_slot = (uint8_t)running_slot;
    md.state = FWU_STATE_TRIAL;
    return fwu_write(&md);
}

uint32_t boot_confirm(void)
{
    const volatile struct boot_info *bi = (const volatile struct boot_info *)(CELL_RAM_BASE + CELL_RAM_BOOT_INFO_OFFSET);
    if (bi->magic != BOOT_INFO_MAGIC || bi->state != FWU_STATE_TRIAL)
        return 0;
    struct fwu_metadata md;
    if (fwu_read(&md) == 0 && md.state == FWU_STATE_TRIAL && md.active_slot == bi->slot) {
        md.state = FWU_STATE_ACCEPTED;
        uint32_t r = fwu_write(&md);
        if (r)
            return r;
    }
    struct nvrec_settings s;
    int rs = nvrec_settings_read(&s);
    if (rs == NVREC_BAD_VERSION)
        return 1; /* a record this code does not know: never overwrite it */
    s.trial_count = 0;
    if (bi->header.security_counter > s.security_counter)
        s.security_counter = bi->header.security_counter;
    if (nvrec_settings_write(&s))
        return 2;
    cellctl_wdt_stop();
    return 0;
}
