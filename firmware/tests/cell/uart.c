// uart: the console UART sends a known line at 115200 baud (10 bit-times per character) and reports an empty receiver.
#define TEST_NAME "cell-uart"
#include "cell_test.h"
#include "intc.h"
#include "uart.h"

#define UART_REG(offset) (*(volatile uint32_t *)(CELL_UART_BASE + (offset)))

/* One character: start bit, 8 data bits, stop bit. */
#define CHAR_TICKS (10u * CLINT_DEFAULT_TIMEBASE_HZ / UART_DEFAULT_BAUD)

static const char line[] = "cell-uart: hello from the console UART";

int main(void)
{
    /* Receive side: no input is scripted, so the receiver is empty and raises no interrupt. (Received bytes:
     * uart_rx.c, with scripted input.) */
    CHECK(1, uart_getc() == -1);
    CHECK(2, !uart_rx_ready());
    CHECK(3, (UART_REG(UART_RXDATA) & UART_RXDATA_EMPTY) != 0);
    uart_rx_irq_enable(1);
    CHECK(4, UART_REG(UART_IRQ_EN) == 1);
    CHECK(5, (intc_pending() & (1u << CELL_IRQ_UART)) == 0);
    uart_rx_irq_enable(0);

    /* Transmit: the transmitter is busy for one character time after each byte. */
    while (UART_REG(UART_STATUS) & UART_STATUS_TX_FULL) {
    }
    UART_REG(UART_TXDATA) = '>';
    CHECK(6, (UART_REG(UART_STATUS) & UART_STATUS_TX_FULL) != 0);

    /* The line costs one character time per byte: the first waits for '>' to leave, the last is still
     * shifting out when uart_puts returns. */
    unsigned n = sizeof line - 1 + 1; /* the text and '\n' */
    uint64_t start = test_mtime();
    uart_puts(line);
    uint64_t ticks = test_mtime() - start;
    CHECK(7, ticks >= (uint64_t)(n - 1) * CHAR_TICKS);
    CHECK(8, ticks <= (uint64_t)(n + 1) * CHAR_TICKS);

    uart_print("cell-uart: hex ");
    uart_put_hex(0xC0FFEEu, 8);
    uart_print(" dec ");
    uart_put_dec(1234567890u);
    uart_putc('\n');
    uart_flush(); /* HTIF output would overtake the line still shifting out */
    htif_printf("cell-uart: %u characters in %u us (%u us each)\n", n, (unsigned)(ticks / TICKS_PER_US),
                (unsigned)(ticks / TICKS_PER_US / n));
    return 0;
}
