/* Mailbox driver of a cell: see mbox.h. */
#include "mbox.h"

#include "cellvp/cell_map.h"

#define MBOX_REG(offset) (*(volatile uint32_t *)(CELL_MBOX_BASE + (offset)))

#define MBOX_TX_RESULT (MBOX_STATUS_TX_DONE | MBOX_STATUS_TX_NACK | MBOX_STATUS_TX_ERR)

uint32_t mbox_my_id(void)
{
    return MBOX_REG(MBOX_MY_ID);
}

uint32_t mbox_send(uint8_t dest, const void *data, uint32_t len)
{
    if (len > MBOX_MAX_PAYLOAD)
        return MBOX_STATUS_TX_ERR;
    /* A packet of an earlier, abandoned send may still be on its way: let it finish first. */
    while (MBOX_REG(MBOX_STATUS) & MBOX_STATUS_TX_BUSY) {
    }
    MBOX_REG(MBOX_STATUS) = MBOX_TX_RESULT;
    const uint8_t *p = data;
    for (uint32_t i = 0; i < len; i++)
        MBOX_REG(MBOX_TXDATA) = p[i];
    MBOX_REG(MBOX_TXDEST) = dest;
    MBOX_REG(MBOX_TXCTL) = MBOX_TXCTL_SEND;
    uint32_t status;
    while (((status = MBOX_REG(MBOX_STATUS)) & MBOX_TX_RESULT) == 0) {
    }
    MBOX_REG(MBOX_STATUS) = MBOX_TX_RESULT;
    if (status & MBOX_STATUS_TX_ERR)
        return MBOX_STATUS_TX_ERR;
    return status & MBOX_STATUS_TX_NACK ? MBOX_STATUS_TX_NACK : 0;
}

int mbox_rx_ready(void)
{
    return (MBOX_REG(MBOX_STATUS) & MBOX_STATUS_RX_READY) != 0;
}

int mbox_recv(uint8_t *src, void *buf, uint32_t cap)
{
    if (!mbox_rx_ready())
        return -1;
    if (src)
        *src = (uint8_t)MBOX_REG(MBOX_RXSRC);
    uint32_t len = MBOX_REG(MBOX_RXLEN);
    uint8_t *p = buf;
    for (uint32_t i = 0; i < len && i < cap; i++)
        p[i] = (uint8_t)MBOX_REG(MBOX_RXDATA);
    MBOX_REG(MBOX_RXCTL) = MBOX_RXCTL_NEXT;
    return (int)len;
}

int mbox_rx_overflow(void)
{
    return (MBOX_REG(MBOX_STATUS) & MBOX_STATUS_RX_OVERFLOW) != 0;
}

void mbox_clear_overflow(void)
{
    MBOX_REG(MBOX_STATUS) = MBOX_STATUS_RX_OVERFLOW;
}

void mbox_irq_enable(uint32_t bits)
{
    MBOX_REG(MBOX_IRQ_EN) = bits;
}
