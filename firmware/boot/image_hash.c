/* The image hash (and copy) of image_check(): SHA-256 over header and body, the body copied to RAM on the way. */
#include "image_check.h"
#include "sha256.h"

void boot_hash_image(const uint8_t *img, uint32_t header_size, uint32_t image_size, void *dst,
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
