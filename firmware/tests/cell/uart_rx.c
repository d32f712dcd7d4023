// cellvp-args: --console-input 0@1:hello
// uart_rx: scripted console input (run-cells --console-input) reaches the receiver one character time
// apart from 1 ms on, raises the UART interrupt at the interrupt controller, and drains to empty.
#define TEST_NAME "cell-uart_rx"
#include "cell_test.h"
#include "intc.h"
#include "uart.h"

#define CHAR_TICKS (10u * CLINT_DEFAULT_TIMEBASE_HZ / UART_DEFAULT_BAUD)

int main(void)
{
    static const char expected[] = "hello";
    CHECK(1, uart_getc() == -1); /* nothing before 1 ms */
    uart_rx_irq_enable(1);
    uint64_t start = test_mtime();
    while (!uart_rx_ready()) {
        CHECK(2, test_mtime() - start < 100000u); /* 10 ms: the input must have come */
    }
    CHECK(3, (intc_pending() & (1u << CELL_IRQ_UART)) != 0);
    uint64_t first = test_mtime();
    CHECK(4, first >= 1000u * TICKS_PER_US - CHAR_TICKS); /* not before its time */
    for (unsigned i = 0; i < sizeof expected - 1; ++i) {
        int c;
        uint64_t t0 = test_mtime();
        while ((c = uart_getc()) < 0) CHECK(5, test_mtime() - t0 < 10u * CHAR_TICKS);
        CHECK(6, c == expected[i]);
    }
    CHECK(7, test_mtime() - first >= 3u * CHAR_TICKS); /* one character time apart, not all at once */
    CHECK(8, uart_getc() == -1);
    CHECK(9, (intc_pending() & (1u << CELL_IRQ_UART)) == 0);
    uart_rx_irq_enable(0);
    htif_printf("cell-uart_rx: received \"%s\"\n", expected);
    return 0;
}
