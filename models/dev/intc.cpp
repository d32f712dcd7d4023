// Interrupt controller: see intc.h.
#include "dev/intc.h"

#include "util/reg_access.h"

#include "cellvp/cell_map.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace cellvp {

namespace {
constexpr uint32_t source_mask = (1u << CELL_IRQ_COUNT) - 1;
constexpr unsigned max_harts = (CELL_INTC_SIZE - INTC_ENABLE(0)) / 4;

unsigned checked_harts(unsigned harts)
{
    if (harts == 0 || harts > max_harts)
        throw std::invalid_argument("intc: " + std::to_string(harts) + " harts (1.." + std::to_string(max_harts) +
                                    " fit the register block)");
    return harts;
}
} // namespace

intc::intc(sc_core::sc_module_name name, unsigned harts)
    : sc_module(name), target_socket("target_socket"), source("source", CELL_IRQ_COUNT),
      meip("meip", checked_harts(harts)), m_harts(harts), m_enable(harts, 0)
{
    target_socket.register_b_transport(this, &intc::b_transport);
    target_socket.register_transport_dbg(this, &intc::transport_dbg);
    SC_HAS_PROCESS(intc);
    SC_METHOD(update);
    sensitive << m_update;
    for (auto& s : source) sensitive << s;
}

uint32_t intc::pending() const
{
    uint32_t p = 0;
    for (unsigned i = 0; i < CELL_IRQ_COUNT; ++i)
        if (source[i].read()) p |= 1u << i;
    return p;
}

void intc::reset()
{
    std::fill(m_enable.begin(), m_enable.end(), 0);
    m_update.notify(sc_core::SC_ZERO_TIME);
}

void intc::update()
{
    uint32_t p = pending();
    for (unsigned h = 0; h < m_harts; ++h) meip[h].write((p & m_enable[h]) != 0);
}

bool intc::access(bool write, uint64_t addr, uint32_t& value)
{
    if (addr == INTC_PENDING) {
        if (!write) value = pending();
        return true;
    }
    if (addr >= INTC_ENABLE(0) && addr < INTC_ENABLE(m_harts)) {
        uint32_t& e = m_enable[(addr - INTC_ENABLE(0)) / 4];
        if (write) e = value & source_mask;
        value = e;
        return true;
    }
    return false;
}

void intc::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    uint64_t addr = trans.get_address();
    if (!accept_word_access(trans)) return;
    uint32_t value = 0;
    bool write = trans.is_write();
    if (write) std::memcpy(&value, trans.get_data_ptr(), 4);
    if ((addr & 3) || !access(write, addr, value)) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (write)
        m_update.notify(delay);
    else
        std::memcpy(trans.get_data_ptr(), &value, 4);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned intc::transport_dbg(tlm::tlm_generic_payload& trans)
{
    uint64_t addr = trans.get_address();
    if (trans.get_data_length() != 4 || (addr & 3)) return 0;
    uint32_t value = 0;
    bool write = trans.is_write();
    if (write) std::memcpy(&value, trans.get_data_ptr(), 4);
    if (!access(write, addr, value)) return 0;
    if (write)
        m_update.notify(sc_core::SC_ZERO_TIME);
    else
        std::memcpy(trans.get_data_ptr(), &value, 4);
    return 4;
}

} // namespace cellvp
