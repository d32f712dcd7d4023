/* SHA-256 (FIPS 180-4), streaming: the boot firmware's and update agent's image hash. */
#ifndef CELLVP_SHA256_H
#define CELLVP_SHA256_H

#include <stdint.h>

#define SHA256_SIZE 32u

struct sha256_ctx {
    uint32_t h[8];
    uint64_t bytes;  /* message length so far */
    uint32_t fill;   /* bytes waiting in buf */
    uint8_t buf[64];
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, uint32_t len);
void sha256_final(struct sha256_ctx *ctx, uint8_t out[SHA256_SIZE]);
/* One call for a whole buffer. */
void sha256(const void *data, uint32_t len, uint8_t out[SHA256_SIZE]);

#endif
