// The boot firmware's SHA-256 (firmware/boot/sha256.c) on a cell: the FIPS 180-4 example vectors, one-shot and
// streamed in odd pieces, and its speed on 1 MiB read in place from flash (printed in simulated time).
#define TEST_NAME "cell-sha256"
#include "cell_test.h"
#include "sha256.h"

static const char *const hex = "0123456789abcdef";

static int matches(const uint8_t d[SHA256_SIZE], const char *want)
{
    for (unsigned i = 0; i < SHA256_SIZE; i++)
        if (want[2 * i] != hex[d[i] >> 4] || want[2 * i + 1] != hex[d[i] & 15])
            return 0;
    return 1;
}

static uint32_t length(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

int main(void)
{
    uint8_t d[SHA256_SIZE];
    const char *abc = "abc";
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

    sha256("", 0, d);
    CHECK(1, matches(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    sha256(abc, 3, d);
    CHECK(2, matches(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    sha256(two_blocks, length(two_blocks), d);
    CHECK(3, matches(d, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));

    /* One million 'a', streamed in pieces of 1, 63, 64, 65 and 1000 bytes over and over. */
    static uint8_t a[1000];
    for (unsigned i = 0; i < sizeof a; i++)
        a[i] = 'a';
    static const uint32_t pieces[] = {1, 63, 64, 65, 1000};
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    uint32_t left = 1000000;
    for (unsigned k = 0; left; k++) {
        uint32_t n = pieces[k % 5] < left ? pieces[k % 5] : left;
        sha256_update(&ctx, a, n);
        left -= n;
    }
    sha256_final(&ctx, d);
    CHECK(4, matches(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));

    /* A flipped bit changes the digest. */
    uint8_t d2[SHA256_SIZE];
    sha256("abd", 3, d2);
    CHECK(5, !matches(d2, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

    /* Speed, as a boot would do it: copy 1 MiB from flash to RAM a word at a time, then hash it in RAM. */
    static uint32_t image[(1u << 20) / 4];
    const volatile uint32_t *flash = (const volatile uint32_t *)CELL_FLASH_BASE;
    uint64_t t0 = test_mtime();
    for (uint32_t i = 0; i < (1u << 20) / 4; i++)
        image[i] = flash[i];
    uint32_t copy_us = test_us_since(t0);
    t0 = test_mtime();
    uint64_t c0 = csr_cycle64();
    sha256(image, 1u << 20, d);
    uint64_t cycles = csr_cycle64() - c0;
    uint32_t hash_us = test_us_since(t0);
    htif_printf("%s: 1 MiB copied from flash in %lu us, hashed in RAM in %lu us (%lu cycles per byte)\n", TEST_NAME,
                (unsigned long)copy_us, (unsigned long)hash_us, (unsigned long)(cycles >> 20));
    htif_printf("%s: passed\n", TEST_NAME);
    return 0;
}
