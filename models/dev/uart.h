// Console UART of a cell (firmware/include/cellvp/uart_regs.h): one character at a time, 8N1.
//
// Models: transmit: a character written to TXDATA takes 10 bit-times (start, 8 data, stop) at the baud rate;
// TX_FULL is set meanwhile and TXDATA writes are ignored (and counted); when the stop bit ends the character
// goes to `on_tx` and to the log file, if any (line buffered: flushed at every '\n').
// Receive: scripted input (push_input) arrives on the line one character per 10 bit-times into a 16-byte
// RX FIFO (as a 16550's); a character that finds the FIFO full is dropped and counted. RX_READY while a byte
// waits; `irq` is high while a byte waits and IRQ_EN bit 0 is set.
// Timing is event-driven: nothing runs while the line is idle. Register accesses see the state at the
// accessing initiator's local time (sc_time_stamp() + delay).
// Accesses: 4 bytes, naturally aligned. Wrong size: TLM_BURST_ERROR_RESPONSE; byte enables:
// TLM_BYTE_ENABLE_ERROR_RESPONSE; offsets that are not registers: TLM_ADDRESS_ERROR_RESPONSE. Writes to
// read-only registers are ignored, TXDATA reads as 0. transport_dbg reads without side effects (RXDATA is
// peeked, not popped) and does not write.
// Does NOT model: a TX FIFO, parity, framing and break errors, modem lines and flow control, a programmable
// baud rate (it is fixed at construction), transmit interrupts.
#pragma once

#include "cellvp/uart_regs.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <deque>
#include <fstream>
#include <functional>
#include <string>

namespace cellvp {

struct uart_config {
    uint32_t baud = UART_DEFAULT_BAUD; // 115200, the PC console standard (uart_regs.h)
    unsigned rx_fifo_depth = 16;       // a 16550's receive FIFO (TI PC16550D datasheet)
    std::string log_path;              // per-cell console log, truncated at construction; empty: none
};

class uart : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<uart> target_socket;
    sc_core::sc_out<bool> irq;

    // Every transmitted character, when its stop bit ends.
    std::function<void(char)> on_tx;

    // Throws std::runtime_error naming the log file when it cannot be created.
    uart(sc_core::sc_module_name name, const uart_config& cfg = {});

    // Queues `text` to arrive on the RX line: the first character is received at `at` (or now, if that has
    // passed), each further one 10 bit-times later. Input queued earlier is sent first (one line).
    void push_input(const std::string& text, const sc_core::sc_time& at);
    // A byte received now (host terminal input of an interactive cell). Call from SystemC context: a process,
    // or before/between sc_start() calls.
    void feed(char c);

    // Cell reset: empties the RX FIFO, clears IRQ_EN, abandons the character being shifted out. Scripted input
    // not yet received keeps arriving (it comes from outside the cell); the log stays open.
    void reset();

    // 10 bit-times at the baud rate.
    sc_core::sc_time char_time() const { return m_char_time; }
    uint64_t rx_dropped() const { return m_rx_dropped; }
    uint64_t tx_dropped() const { return m_tx_dropped; }

private:
    struct timed_char {
        sc_core::sc_time at;
        char c;
    };

    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    bool read_reg(uint64_t addr, uint32_t& value, const sc_core::sc_time& when, bool side_effects);
    bool write_reg(uint64_t addr, uint32_t value, const sc_core::sc_time& when);
    void receive(char c);
    void receive_until(const sc_core::sc_time& t);
    void schedule_rx();
    void rx_process();
    void tx_process();
    void irq_process();

    uart_config m_cfg;
    sc_core::sc_time m_char_time;
    std::ofstream m_log;

    uint32_t m_irq_en = 0;
    std::deque<uint8_t> m_rx_fifo;
    std::deque<timed_char> m_rx_line; // scripted input not yet received, in time order
    std::deque<timed_char> m_tx_line; // characters being shifted out, each with the end of its stop bit
    sc_core::sc_time m_tx_free;       // the transmitter is busy before this time
    uint64_t m_rx_dropped = 0, m_tx_dropped = 0;

    sc_core::sc_event m_rx_event, m_tx_event, m_irq_event;
};

} // namespace cellvp
