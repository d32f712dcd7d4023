/* Console UART driver of a cell (cellvp/uart_regs.h): blocking transmit, non-blocking receive. */
#ifndef CELLVP_UART_H
#define CELLVP_UART_H

#include <stdint.h>

/* Sends one byte as it is (no '\n' -> "\r\n" translation): waits while the transmitter is still shifting
 * the previous character out (UART_STATUS_TX_FULL: 10 bit-times, 87 us at 115200 baud). Not safe against
 * another hart sending at the same time: the UART drops a byte written while TX_FULL, so harts that share
 * the console take a lock around their output. */
void uart_putc(char c);

/* Waits until the last character has left the transmitter (before a reset, or before other output such
 * as HTIF's that would otherwise overtake it). */
void uart_flush(void);

/* Sends `len` bytes of `buf`. */
void uart_write(const void *buf, unsigned len);

/* Sends the string `s`. */
void uart_print(const char *s);

/* Sends `s` and a newline, like puts(); returns the number of bytes sent. */
int uart_puts(const char *s);

/* Sends `value` in decimal, or in hexadecimal with `digits` digits (at least; leading zeros). Formatted
 * output with a format string goes through htif_printf (the HTIF console of run-cells). */
void uart_put_dec(uint32_t value);
void uart_put_hex(uint32_t value, unsigned digits);

/* The next received byte (0..255), or -1 when none waits. Never blocks. */
int uart_getc(void);

/* Whether a received byte waits (UART_STATUS_RX_READY). */
int uart_rx_ready(void);

/* Enables (1) or disables (0) the receive interrupt: CELL_IRQ_UART is high while a byte waits. */
void uart_rx_irq_enable(int on);

#endif
