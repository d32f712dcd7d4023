/* Fabric port driver of a cell: see fabric.h. */
#include "fabric.h"

#include "cellvp/cell_map.h"
#include "clint.h"

#define FABRIC_REG(offset) (*(volatile uint32_t *)(CELL_FABRIC_BASE + (offset)))

#define TICKS_PER_US (CLINT_DEFAULT_TIMEBASE_HZ / 1000000u)

static uint64_t deadline_of(uint32_t timeout_us)
{
    return clint_mtime(CELL_CLINT_BASE) + (uint64_t)timeout_us * TICKS_PER_US;
}

static int expired(uint32_t timeout_us, uint64_t deadline)
{
    return timeout_us != 0 && clint_mtime(CELL_CLINT_BASE) >= deadline;
}

uint32_t fabric_id(void)
{
    return FABRIC_REG(FABRIC_ID);
}

uint32_t fabric_max_payload(void)
{
    return FABRIC_REG(FABRIC_MAX_PAYLOAD);
}

void fabric_link_enable(int on)
{
    FABRIC_REG(FABRIC_LINK_CTRL) = on ? FABRIC_LINK_CTRL_ENABLE : 0;
}

int fabric_link_up(void)
{
    return (FABRIC_REG(FABRIC_LINK_STATUS) & FABRIC_LINK_STATUS_UP) != 0;
}

int fabric_wait_link_up(uint32_t timeout_us)
{
    uint64_t deadline = deadline_of(timeout_us);
    while (!fabric_link_up())
        if (expired(timeout_us, deadline))
            return -1;
    return 0;
}

void fabric_window_open(uint32_t base, uint32_t size, uint32_t src)
{
    /* Closed while it moves, so no request sees half of the new settings. */
    FABRIC_REG(FABRIC_WIN_CTRL) = 0;
    FABRIC_REG(FABRIC_WIN_BASE) = base;
    FABRIC_REG(FABRIC_WIN_SIZE) = size;
    FABRIC_REG(FABRIC_WIN_SRC) = src;
    FABRIC_REG(FABRIC_WIN_CTRL) = FABRIC_WIN_CTRL_ENABLE;
}

void fabric_window_close(void)
{
    FABRIC_REG(FABRIC_WIN_CTRL) = 0;
}

int fabric_dma_start(uint32_t remote, uint32_t remote_addr, uint32_t local_addr, uint32_t len, uint32_t dir)
{
    if (FABRIC_REG(FABRIC_DMA_STATUS) & FABRIC_DMA_STATUS_BUSY)
        return -1;
    FABRIC_REG(FABRIC_INT_STATUS) = FABRIC_INT_DMA_DONE;
    FABRIC_REG(FABRIC_DMA_REMOTE_CELL) = remote;
    FABRIC_REG(FABRIC_DMA_REMOTE_ADDR) = remote_addr;
    FABRIC_REG(FABRIC_DMA_LOCAL_ADDR) = local_addr;
    FABRIC_REG(FABRIC_DMA_LEN) = len;
    FABRIC_REG(FABRIC_DMA_CMD) = FABRIC_DMA_CMD_GO | (dir == FABRIC_DMA_DIR_READ ? FABRIC_DMA_CMD_DIR : 0);
    return 0;
}

void fabric_dma_set_timeout(uint32_t timeout_us)
{
    FABRIC_REG(FABRIC_DMA_TIMEOUT_US) = timeout_us;
}

int fabric_dma_wait(uint32_t timeout_us)
{
    uint64_t deadline = deadline_of(timeout_us);
    uint32_t status;
    while ((status = FABRIC_REG(FABRIC_DMA_STATUS)) & FABRIC_DMA_STATUS_BUSY)
        if (expired(timeout_us, deadline))
            return FABRIC_WAIT_TIMEOUT;
    FABRIC_REG(FABRIC_INT_STATUS) = FABRIC_INT_DMA_DONE;
    return (int)((status & FABRIC_DMA_STATUS_ERR_MASK) >> FABRIC_DMA_STATUS_ERR_SHIFT);
}

uint32_t fabric_dma_bytes_done(void)
{
    return FABRIC_REG(FABRIC_DMA_BYTES_DONE);
}

void fabric_irq_enable(uint32_t bits)
{
    FABRIC_REG(FABRIC_INT_ENABLE) = bits;
}

uint32_t fabric_irq_status(void)
{
    return FABRIC_REG(FABRIC_INT_STATUS);
}

void fabric_irq_clear(uint32_t bits)
{
    FABRIC_REG(FABRIC_INT_STATUS) = bits;
}

uint32_t fabric_tx_tlps(void)
{
    return FABRIC_REG(FABRIC_TX_TLPS);
}

uint32_t fabric_tx_bytes(void)
{
    return FABRIC_REG(FABRIC_TX_BYTES);
}

uint32_t fabric_rx_tlps(void)
{
    return FABRIC_REG(FABRIC_RX_TLPS);
}

uint32_t fabric_rx_bytes(void)
{
    return FABRIC_REG(FABRIC_RX_BYTES);
}

uint32_t fabric_rejected(void)
{
    return FABRIC_REG(FABRIC_REJECTED);
}

uint32_t fabric_unexpected(void)
{
    return FABRIC_REG(FABRIC_UNEXPECTED);
}

uint32_t fabric_dma_timeouts(void)
{
    return FABRIC_REG(FABRIC_DMA_TIMEOUTS);
}
