/* The image hash (and copy) of image_check(): SHA-256 over header and body, the body copied to RAM on the way.
 * On the cell's SHA-256 engine (drivers/shadma.h): the header in one run, the body (with the copy) in a second,
 * each read once at the flash's streaming rate; 1 MiB takes about 16 ms instead of about a second in software.
 * Software (sha256.c) where the engine cannot: a header whose size is not a multiple of 64 (every run but the
 * last must be whole blocks), or an engine error (then the software result is the one that counts). */
#include "image_check.h"
#include "sha256.h"
#include "shadma.h"

static void hash_in_software(const uint8_t *img, uint32_t header_size, uint32_t image_size, void *dst,
                             uint8_t digest[32])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, img, header_size);
    const uint8_t *body = img + header_size;
    if (dst) {
        /* In chunks: each is copied, then hashed from RAM, so the flash is read once. */
        uint8_t *out = dst;
        for (uint32_t done = 0; done < image_size;) {
            uint32_t n = image_size - done > 4096 ? 4096 : image_size - done;
            const uint32_t *s = (const uint32_t *)(body + done);
            uint32_t *d = (uint32_t *)(out + done);
            for (uint32_t i = 0; i < n / 4; ++i) /* word copy: header_size and image_size are multiples of 4 */
                d[i] = s[i];
            sha256_update(&ctx, out + done, n);
            done += n;
        }
    } else {
        sha256_update(&ctx, body, image_size);
    }
    sha256_final(&ctx, digest);
}

void boot_hash_image(const uint8_t *img, uint32_t header_size, uint32_t image_size, void *dst,
                     uint8_t digest[32])
{
    if (header_size % 64 == 0 && shadma_hash_copy(img, 0, header_size, 1, 0) == 0 &&
        shadma_hash_copy(img + header_size, dst, image_size, 0, 1) == 0) {
        shadma_digest(digest);
        return;
    }
    hash_in_software(img, header_size, image_size, dst, digest);
}
