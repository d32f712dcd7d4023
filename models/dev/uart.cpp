// Console UART: see uart.h.
#include "dev/uart.h"

#include "util/reg_access.h"

#include <cstring>
#include <stdexcept>

namespace cellvp {

namespace {
constexpr uint64_t ps_per_s = 1000000000000ull;
constexpr unsigned bits_per_char = 10; // 8N1: start bit, 8 data bits, stop bit
} // namespace

uart::uart(sc_core::sc_module_name name, const uart_config& cfg)
    : sc_module(name), target_socket("target_socket"), irq("irq"), m_cfg(cfg)
{
    if (cfg.baud == 0) throw std::invalid_argument(std::string(this->name()) + ": a baud rate of 0");
    if (cfg.rx_fifo_depth == 0) throw std::invalid_argument(std::string(this->name()) + ": an RX FIFO of depth 0");
    m_char_time = sc_core::sc_time::from_value((bits_per_char * ps_per_s + cfg.baud / 2) / cfg.baud);
    if (!cfg.log_path.empty()) {
        m_log.open(cfg.log_path, std::ios::out | std::ios::trunc);
        if (!m_log) throw std::runtime_error("uart: cannot create the log file " + cfg.log_path);
    }
    target_socket.register_b_transport(this, &uart::b_transport);
    target_socket.register_transport_dbg(this, &uart::transport_dbg);
    SC_HAS_PROCESS(uart);
    SC_METHOD(rx_process);
    sensitive << m_rx_event;
    dont_initialize();
    SC_METHOD(tx_process);
    sensitive << m_tx_event;
    dont_initialize();
    SC_METHOD(irq_process);
    sensitive << m_irq_event;
}

void uart::push_input(const std::string& text, const sc_core::sc_time& at)
{
    sc_core::sc_time t = std::max(at, sc_core::sc_time_stamp());
    if (!m_rx_line.empty()) t = std::max(t, m_rx_line.back().at + m_char_time);
    for (char c : text) {
        m_rx_line.push_back({t, c});
        t += m_char_time;
    }
    schedule_rx();
}

void uart::feed(char c)
{
    receive(c);
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
}

void uart::reset()
{
    m_irq_en = 0;
    m_rx_fifo.clear();
    m_tx_line.clear();
    m_tx_event.cancel();
    m_tx_free = sc_core::SC_ZERO_TIME;
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
}

void uart::receive(char c)
{
    if (m_rx_fifo.size() >= m_cfg.rx_fifo_depth) {
        ++m_rx_dropped;
        SC_REPORT_INFO_VERB("cellvp/uart", (std::string(name()) + ": RX FIFO overflow, character dropped").c_str(),
                            sc_core::SC_DEBUG);
        return;
    }
    m_rx_fifo.push_back(uint8_t(c));
}

void uart::receive_until(const sc_core::sc_time& t)
{
    while (!m_rx_line.empty() && m_rx_line.front().at <= t) {
        receive(m_rx_line.front().c);
        m_rx_line.pop_front();
    }
}

void uart::schedule_rx()
{
    m_rx_event.cancel();
    if (m_rx_line.empty()) return;
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    const sc_core::sc_time at = m_rx_line.front().at;
    m_rx_event.notify(at > now ? at - now : sc_core::SC_ZERO_TIME);
}

void uart::rx_process()
{
    receive_until(sc_core::sc_time_stamp());
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
    schedule_rx();
}

void uart::tx_process()
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    while (!m_tx_line.empty() && m_tx_line.front().at <= now) {
        char c = m_tx_line.front().c;
        m_tx_line.pop_front();
        if (m_log.is_open()) {
            m_log.put(c);
            if (c == '\n') m_log.flush();
        }
        if (on_tx) on_tx(c);
    }
    if (!m_tx_line.empty()) m_tx_event.notify(m_tx_line.front().at - now);
}

void uart::irq_process()
{
    irq.write((m_irq_en & 1) && !m_rx_fifo.empty());
}

bool uart::read_reg(uint64_t addr, uint32_t& value, const sc_core::sc_time& when, bool side_effects)
{
    // Characters due by the reader's local time are in the FIFO, even if the reader runs ahead of SystemC.
    if (side_effects) receive_until(when);
    switch (addr) {
    case UART_TXDATA: value = 0; return true;
    case UART_RXDATA:
        if (m_rx_fifo.empty()) {
            value = UART_RXDATA_EMPTY;
        } else {
            value = m_rx_fifo.front();
            if (side_effects) m_rx_fifo.pop_front();
        }
        return true;
    case UART_STATUS:
        value = (when < m_tx_free ? UART_STATUS_TX_FULL : 0u) | (m_rx_fifo.empty() ? 0u : UART_STATUS_RX_READY);
        return true;
    case UART_IRQ_EN: value = m_irq_en; return true;
    default: return false;
    }
}

bool uart::write_reg(uint64_t addr, uint32_t value, const sc_core::sc_time& when)
{
    switch (addr) {
    case UART_TXDATA:
        if (when < m_tx_free) {
            ++m_tx_dropped;
            SC_REPORT_INFO_VERB("cellvp/uart", (std::string(name()) + ": TXDATA written while TX_FULL").c_str(),
                                sc_core::SC_DEBUG);
            return true;
        }
        m_tx_free = when + m_char_time;
        m_tx_line.push_back({m_tx_free, char(value & 0xff)});
        if (m_tx_line.size() == 1) m_tx_event.notify(m_tx_free - sc_core::sc_time_stamp());
        return true;
    case UART_IRQ_EN: m_irq_en = value & 1; return true;
    case UART_RXDATA:
    case UART_STATUS: return true; // read-only
    default: return false;
    }
}

void uart::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    uint64_t addr = trans.get_address();
    if (!accept_word_access(trans)) return;
    if (addr & 3) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    const sc_core::sc_time when = sc_core::sc_time_stamp() + delay;
    uint32_t value = 0;
    bool ok = true;
    if (trans.is_read()) {
        ok = read_reg(addr, value, when, true);
        if (ok) std::memcpy(trans.get_data_ptr(), &value, 4);
    } else if (trans.is_write()) {
        std::memcpy(&value, trans.get_data_ptr(), 4);
        ok = write_reg(addr, value, when);
    }
    if (!ok) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    // The interrupt line follows the registers at the time of the access.
    m_irq_event.notify(delay);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned uart::transport_dbg(tlm::tlm_generic_payload& trans)
{
    uint64_t addr = trans.get_address();
    if (!trans.is_read() || trans.get_data_length() != 4 || (addr & 3)) return 0;
    uint32_t value = 0;
    if (!read_reg(addr, value, sc_core::sc_time_stamp(), false)) return 0;
    std::memcpy(trans.get_data_ptr(), &value, 4);
    return 4;
}

} // namespace cellvp
