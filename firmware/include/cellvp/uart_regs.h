/* Console UART of a cell: one character at a time, 8N1 at UART_DEFAULT_BAUD. Offsets from CELL_UART_BASE. */
#ifndef CELLVP_UART_REGS_H
#define CELLVP_UART_REGS_H

#define UART_TXDATA 0x000u /* write: send the low byte (ignored while TX_FULL) */
#define UART_RXDATA 0x004u /* read: bits 7:0 the next byte, bit 31 set when there was none */
#define UART_STATUS 0x008u
#define UART_IRQ_EN 0x00Cu /* bit 0: interrupt while a received byte waits */

#define UART_STATUS_TX_FULL (1u << 0) /* the transmitter is still shifting a character out */
#define UART_STATUS_RX_READY (1u << 1)
#define UART_RXDATA_EMPTY (1u << 31)

#define UART_DEFAULT_BAUD 115200u

#endif
