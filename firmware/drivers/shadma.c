/* SHA-256 engine driver of a cell: see shadma.h. */
#include "shadma.h"

#include "cellvp/cell_map.h"

#define SHADMA_REG(offset) (*(volatile uint32_t *)(CELL_SHADMA_BASE + (offset)))

void shadma_start(uint32_t src, uint32_t dst, uint32_t len, uint32_t ctrl)
{
    SHADMA_REG(SHADMA_SRC) = src;
    SHADMA_REG(SHADMA_DST) = dst;
    SHADMA_REG(SHADMA_LEN) = len;
    SHADMA_REG(SHADMA_CTRL) = (ctrl & (SHADMA_CTRL_INIT | SHADMA_CTRL_COPY | SHADMA_CTRL_FINAL)) | SHADMA_CTRL_START;
}

uint32_t shadma_wait(void)
{
    uint32_t status;
    /* Only the status register inside the loop: a hart sees a polling loop and lets time jump. */
    while (!((status = SHADMA_REG(SHADMA_STATUS)) & SHADMA_STATUS_DONE))
        ;
    SHADMA_REG(SHADMA_STATUS) = status & (SHADMA_STATUS_DONE | SHADMA_STATUS_ERRORS);
    return status & SHADMA_STATUS_ERRORS;
}

uint32_t shadma_hash_copy(const void *src, void *dst, uint32_t len, int init, int final)
{
    uint32_t ctrl = (init ? SHADMA_CTRL_INIT : 0) | (final ? SHADMA_CTRL_FINAL : 0) | (dst ? SHADMA_CTRL_COPY : 0);
    shadma_start((uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)dst, len, ctrl);
    return shadma_wait();
}

void shadma_digest(uint8_t out[SHADMA_DIGEST_SIZE])
{
    for (unsigned i = 0; i < SHADMA_DIGEST_SIZE / 4; i++) {
        uint32_t w = SHADMA_REG(SHADMA_DIGEST(i));
        out[4 * i] = (uint8_t)w;
        out[4 * i + 1] = (uint8_t)(w >> 8);
        out[4 * i + 2] = (uint8_t)(w >> 16);
        out[4 * i + 3] = (uint8_t)(w >> 24);
    }
}

uint32_t shadma_error_address(void)
{
    return SHADMA_REG(SHADMA_ERRADDR);
}

void shadma_irq_enable(int on)
{
    SHADMA_REG(SHADMA_IRQ_EN) = on ? SHADMA_IRQ_EN_DONE : 0;
}
