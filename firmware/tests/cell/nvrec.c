// nvrec: redundant NVRAM records: none on a fresh part, a write reads back, overwrites alternate copies with rising sequence numbers, a corrupt copy falls back to the other, both corrupt reads none, the settings record and its version rule.
#define TEST_NAME "cell-nvrec"
#include "cell_test.h"
#include "nvram.h"
#include "nvrec.h"

/* A second area for the generic API, in the NVRAM's free part (cellvp/flash_layout.h). */
static const struct nvrec_area test_area = {{NVRAM_FREE_OFFSET, NVRAM_FREE_OFFSET + 0x40u}, 0x40u};

static int same(const void *a, const void *b, unsigned len)
{
    const uint8_t *x = a, *y = b;
    for (unsigned i = 0; i < len; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

static struct nvrec_settings make(uint32_t n)
{
    struct nvrec_settings s = {0};
    s.flags = n & 1u ? NVREC_SETTINGS_AUTO_UPDATE : 0;
    s.security_counter = n;
    s.boot_count = 100 + n;
    s.trial_count = n % 3;
    return s;
}

/* Flips one payload bit of a copy of the settings record. */
static void corrupt(uint32_t copy)
{
    volatile uint8_t *b = nvram_ptr((copy ? NVRAM_SETTINGS_COPY1_OFFSET : NVRAM_SETTINGS_COPY0_OFFSET) +
                                    NVREC_HEADER_SIZE + 5);
    *b ^= 0x10;
}

int main(void)
{
    const struct nvrec_area settings = {{NVRAM_SETTINGS_COPY0_OFFSET, NVRAM_SETTINGS_COPY1_OFFSET},
                                        NVRAM_SETTINGS_COPY_SIZE};
    struct nvrec_settings s, want;
    struct nvrec_info info;

    /* A fresh part (all 0x00): no record; the settings read as a fresh cell's (zeros). */
    s.boot_count = 99;
    CHECK(1, nvrec_settings_read(&s) == NVREC_NONE);
    CHECK(2, s.boot_count == 0 && s.flags == 0);
    CHECK(3, !nvrec_copy_valid(&settings, 0, 0) && !nvrec_copy_valid(&settings, 1, 0));

    /* The first write goes to copy 0 with sequence 1 and reads back. */
    want = make(1);
    CHECK(4, nvrec_settings_write(&want) == 0);
    CHECK(5, nvrec_settings_read(&s) == 0 && same(&s, &want, sizeof s));
    CHECK(6, nvrec_read(&settings, &s, sizeof s, &info) == (int)sizeof s);
    CHECK(7, info.copy == 0 && info.sequence == 1 && info.version == NVREC_SETTINGS_VERSION);
    CHECK(8, *(volatile uint32_t *)nvram_ptr(NVRAM_SETTINGS_COPY0_OFFSET) == NVREC_MAGIC);

    /* Overwrites alternate between the copies, each with the next sequence number; the other copy keeps the
     * previous record. */
    for (uint32_t n = 2; n <= 7; n++) {
        want = make(n);
        CHECK(9, nvrec_settings_write(&want) == 0);
        CHECK(10, nvrec_settings_read(&s) == 0 && same(&s, &want, sizeof s));
        CHECK(11, nvrec_read(&settings, &s, sizeof s, &info) == (int)sizeof s);
        CHECK(12, info.sequence == n && info.copy == ((n - 1) & 1u));
        struct nvrec_info other;
        CHECK(13, nvrec_copy_valid(&settings, info.copy ^ 1u, &other) && other.sequence == n - 1);
    }

    /* The newest copy (7, in copy 0) corrupt: the read falls back to the other (6). */
    corrupt(0);
    CHECK(14, !nvrec_copy_valid(&settings, 0, 0));
    want = make(6);
    CHECK(15, nvrec_settings_read(&s) == 0 && same(&s, &want, sizeof s));
    CHECK(16, nvrec_read(&settings, &s, sizeof s, &info) >= 0 && info.copy == 1 && info.sequence == 6);

    /* The next write replaces the corrupt copy and continues the sequence from the valid one. */
    want = make(8);
    CHECK(17, nvrec_settings_write(&want) == 0);
    CHECK(18, nvrec_read(&settings, &s, sizeof s, &info) >= 0 && info.copy == 0 && info.sequence == 7);
    CHECK(19, same(&s, &want, sizeof s));

    /* The older copy corrupt: the newest still reads. Both corrupt: none. */
    corrupt(1);
    CHECK(20, nvrec_settings_read(&s) == 0 && same(&s, &want, sizeof s));
    corrupt(0);
    CHECK(21, nvrec_settings_read(&s) == NVREC_NONE && s.security_counter == 0);
    /* A write after that starts again at copy 0, sequence 1. */
    CHECK(22, nvrec_settings_write(&want) == 0);
    CHECK(23, nvrec_read(&settings, &s, sizeof s, &info) >= 0 && info.copy == 0 && info.sequence == 1);

    /* A damaged length or magic invalidates a copy as well as a damaged payload. */
    volatile uint8_t *len_byte = nvram_ptr(NVRAM_SETTINGS_COPY0_OFFSET + 6);
    *len_byte ^= 0x01;
    CHECK(24, !nvrec_copy_valid(&settings, 0, 0));
    *len_byte ^= 0x01;
    CHECK(25, nvrec_copy_valid(&settings, 0, 0));

    /* Generic records: a shorter payload reads its missing bytes as 0; a longer one is cut to the buffer; a
     * payload that does not fit a copy is refused and changes nothing. */
    uint8_t small[6] = {1, 2, 3, 4, 5, 6}, buf[12];
    CHECK(26, nvrec_read(&test_area, buf, sizeof buf, 0) == NVREC_NONE);
    CHECK(27, nvrec_write(&test_area, 9, small, sizeof small) == 0);
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = 0xEE;
    CHECK(28, nvrec_read(&test_area, buf, sizeof buf, &info) == (int)sizeof small && info.version == 9);
    CHECK(29, same(buf, small, sizeof small) && buf[6] == 0 && buf[11] == 0);
    buf[3] = 0xEE;
    CHECK(30, nvrec_read(&test_area, buf, 3, 0) == (int)sizeof small && buf[2] == 3 && buf[3] == 0xEE);
    uint8_t big[0x40 - NVREC_OVERHEAD + 1] = {0};
    CHECK(31, nvrec_write(&test_area, 9, big, sizeof big) == NVREC_TOO_LARGE);
    CHECK(32, nvrec_write(&test_area, 9, big, sizeof big - 1) == 0); /* exactly fills a copy */
    CHECK(33, nvrec_read(&test_area, buf, sizeof buf, &info) == (int)sizeof big - 1 && info.sequence == 2);

    /* A settings record of an unknown version is reported, not taken for settings. */
    const struct nvrec_settings newer = make(42);
    CHECK(34, nvrec_write(&settings, NVREC_SETTINGS_VERSION + 1, &newer, sizeof newer) == 0);
    CHECK(35, nvrec_settings_read(&s) == NVREC_BAD_VERSION && s.security_counter == 0);

    /* Timing: a 32-byte settings write is 13 word writes of 1.6 us, but the time goes to the CRCs (of both
     * copies to find the newest, of the new record, of its read-back), bit by bit in code run in place from
     * flash: about 1 ms. */
    uint64_t t = test_mtime();
    want = make(50);
    CHECK(36, nvrec_settings_write(&want) == 0);
    uint32_t us = test_us_since(t);
    htif_printf("cell-nvrec: a settings write takes %lu us\n", us);
    CHECK(37, us < 5000);

    htif_printf("cell-nvrec: passed\n");
    return 0;
}
