// Mailbox of a cell: see mailbox.h.
#include "dev/mailbox.h"

#include "cellvp/mbox_regs.h"

#include <cstring>
#include <string>

namespace cellvp {

namespace {
constexpr uint32_t tx_result_bits = MBOX_STATUS_TX_DONE | MBOX_STATUS_TX_NACK | MBOX_STATUS_TX_ERR;
constexpr uint32_t w1c_bits = tx_result_bits | MBOX_STATUS_RX_OVERFLOW;
constexpr uint32_t rxdata_empty = 1u << 31;
constexpr uint32_t irq_en_bits = 0x3;
} // namespace

mailbox::mailbox(sc_core::sc_module_name name, uint8_t address, mgmt_bus& bus, sc_core::sc_time access_latency)
    : sc_module(name), target_socket("target_socket"), irq("irq"), m_address(address), m_bus(bus),
      m_latency(access_latency)
{
    target_socket.register_b_transport(this, &mailbox::b_transport);
    target_socket.register_transport_dbg(this, &mailbox::transport_dbg);
    m_bus.attach(*this);
    SC_HAS_PROCESS(mailbox);
    SC_METHOD(update_irq); // also runs once at the start, to drive the line low
    sensitive << m_irq_changed;
}

uint32_t mailbox::status() const
{
    return m_status | (m_rx.empty() ? 0u : MBOX_STATUS_RX_READY);
}

void mailbox::update_irq()
{
    const uint32_t s = status();
    irq.write(((s & MBOX_STATUS_RX_READY) && (m_irq_en & 1)) || ((s & tx_result_bits) && (m_irq_en & 2)));
}

void mailbox::reset()
{
    abort_tx();
    m_txdest = 0;
    m_status = 0;
    m_irq_en = 0;
    m_rx.clear();
    m_irq_changed.notify(sc_core::SC_ZERO_TIME);
}

void mailbox::abort_tx()
{
    m_outstanding -= m_bus.cancel(*this);
    m_drop_results = m_outstanding; // what is left is on the wire
    m_tx.clear();
    m_tx_overflow = false;
    m_status &= ~MBOX_STATUS_TX_BUSY;
}

void mailbox::send(const sc_core::sc_time& delay)
{
    m_status &= ~tx_result_bits;
    if (m_tx_overflow) {
        m_tx.clear();
        m_tx_overflow = false;
        m_status |= MBOX_STATUS_TX_ERR;
        return;
    }
    mgmt_packet p;
    p.dest = m_txdest;
    p.payload.swap(m_tx);
    m_status |= MBOX_STATUS_TX_BUSY;
    ++m_outstanding;
    m_bus.send(*this, std::move(p), delay);
}

bool mailbox::mgmt_receive(const mgmt_packet& packet)
{
    const auto& p = packet.payload;
    if (p.size() == MBOX_RESET_LEN && p[0] == MBOX_RESET_OPCODE &&
        (uint32_t(p[1]) | uint32_t(p[2]) << 8 | uint32_t(p[3]) << 16 | uint32_t(p[4]) << 24) == MBOX_RESET_KEY) {
        // Taken by hardware, even when the receive buffer is full or the firmware hung.
        if (on_remote_reset) on_remote_reset();
        return true;
    }
    if (m_rx.size() >= MBOX_RX_PACKETS) {
        m_status |= MBOX_STATUS_RX_OVERFLOW;
        return false;
    }
    m_rx.push_back({packet.src, packet.payload});
    m_irq_changed.notify(sc_core::SC_ZERO_TIME);
    return true;
}

void mailbox::mgmt_sent(const mgmt_packet&, mgmt_result result)
{
    if (m_outstanding) --m_outstanding;
    if (m_drop_results) {
        --m_drop_results;
        return;
    }
    m_status &= ~MBOX_STATUS_TX_BUSY;
    switch (result) {
    case mgmt_result::ok: m_status |= MBOX_STATUS_TX_DONE; break;
    case mgmt_result::nack: m_status |= MBOX_STATUS_TX_NACK; break;
    case mgmt_result::error: m_status |= MBOX_STATUS_TX_ERR; break;
    }
    m_irq_changed.notify(sc_core::SC_ZERO_TIME);
}

uint32_t mailbox::read_reg(uint64_t offset, bool side_effects)
{
    switch (offset) {
    case MBOX_TXDEST: return m_txdest;
    case MBOX_STATUS: return status();
    case MBOX_RXSRC: return m_rx.empty() ? 0 : m_rx.front().src;
    case MBOX_RXLEN: return m_rx.empty() ? 0 : uint32_t(m_rx.front().data.size());
    case MBOX_RXDATA: {
        if (m_rx.empty()) return rxdata_empty;
        rx_packet& p = m_rx.front();
        if (p.next >= p.data.size()) return rxdata_empty;
        uint8_t b = p.data[p.next];
        if (side_effects) ++p.next;
        return b;
    }
    case MBOX_IRQ_EN: return m_irq_en;
    case MBOX_MY_ID: return m_address;
    default: return 0; // write-only registers
    }
}

void mailbox::write_reg(uint64_t offset, uint32_t value, const sc_core::sc_time& delay)
{
    switch (offset) {
    case MBOX_TXDATA:
        if (m_tx.size() < MBOX_MAX_PAYLOAD) {
            m_tx.push_back(uint8_t(value));
        } else {
            m_tx_overflow = true;
            m_status |= MBOX_STATUS_TX_ERR;
            SC_REPORT_INFO_VERB("cellvp/mailbox", (std::string(name()) + ": TX FIFO overflow, byte dropped").c_str(),
                                sc_core::SC_DEBUG);
        }
        break;
    case MBOX_TXDEST: m_txdest = uint8_t(value); break;
    case MBOX_TXCTL:
        if (value & MBOX_TXCTL_ABORT)
            abort_tx();
        else if ((value & MBOX_TXCTL_SEND) && !(m_status & MBOX_STATUS_TX_BUSY))
            send(delay);
        break;
    case MBOX_STATUS: m_status &= ~(value & w1c_bits); break;
    case MBOX_RXCTL:
        if ((value & MBOX_RXCTL_NEXT) && !m_rx.empty()) m_rx.pop_front();
        break;
    case MBOX_IRQ_EN: m_irq_en = value & irq_en_bits; break;
    default: break; // read-only registers
    }
}

void mailbox::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    const uint64_t addr = trans.get_address();
    const unsigned len = trans.get_data_length();
    if (len != 4 || (addr & 3) || addr > MBOX_MY_ID) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (trans.get_streaming_width() < len) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    delay += m_latency;
    uint32_t v = 0;
    if (trans.is_write()) {
        std::memcpy(&v, trans.get_data_ptr(), 4);
        write_reg(addr, v, delay);
    } else if (trans.is_read()) {
        v = read_reg(addr, true);
        std::memcpy(trans.get_data_ptr(), &v, 4);
    }
    m_irq_changed.notify(delay);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

// Debug reads have no side effects (RXDATA does not pop); debug writes are not supported.
unsigned mailbox::transport_dbg(tlm::tlm_generic_payload& trans)
{
    const uint64_t addr = trans.get_address();
    if (!trans.is_read() || trans.get_data_length() != 4 || (addr & 3) || addr > MBOX_MY_ID) return 0;
    const uint32_t v = read_reg(addr, false);
    std::memcpy(trans.get_data_ptr(), &v, 4);
    return 4;
}

} // namespace cellvp
