/* Console UART driver of a cell: see uart.h. */
#include "uart.h"

#include "cellvp/cell_map.h"

#define UART_REG(offset) (*(volatile uint32_t *)(CELL_UART_BASE + (offset)))

void uart_putc(char c)
{
    uart_flush();
    UART_REG(UART_TXDATA) = (uint8_t)c;
}

void uart_flush(void)
{
    while (UART_REG(UART_STATUS) & UART_STATUS_TX_FULL) {
    }
}

void uart_write(const void *buf, unsigned len)
{
    const char *p = buf;
    for (unsigned i = 0; i < len; i++)
        uart_putc(p[i]);
}

void uart_print(const char *s)
{
    for (; *s != '\0'; s++)
        uart_putc(*s);
}

int uart_puts(const char *s)
{
    int n = 0;
    for (; s[n] != '\0'; n++)
        uart_putc(s[n]);
    uart_putc('\n');
    return n + 1;
}

void uart_put_dec(uint32_t value)
{
    char text[10]; /* 2^32 - 1 has 10 digits */
    int n = 0;
    do {
        text[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0)
        uart_putc(text[--n]);
}

void uart_put_hex(uint32_t value, unsigned digits)
{
    unsigned n = 8;
    while (n > 1 && n > digits && (value >> (4 * (n - 1))) == 0)
        n--;
    while (n > 0) {
        n--;
        uart_putc("0123456789abcdef"[(value >> (4 * n)) & 0xF]);
    }
}

int uart_getc(void)
{
    uint32_t v = UART_REG(UART_RXDATA);
    return (v & UART_RXDATA_EMPTY) ? -1 : (int)(v & 0xFF);
}

int uart_rx_ready(void)
{
    return (UART_REG(UART_STATUS) & UART_STATUS_RX_READY) != 0;
}

void uart_rx_irq_enable(int on)
{
    UART_REG(UART_IRQ_EN) = on ? 1u : 0u;
}
