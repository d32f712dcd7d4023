// CLINT: see clint.h.
#include "dev/clint.h"

#include "cellvp/clint_regs.h"

#include <algorithm>
#include <cstring>

namespace cellvp {

namespace {
constexpr uint64_t ps_per_s = 1000000000000ull;
}

clint::clint(sc_core::sc_module_name name, unsigned harts, uint64_t timebase_hz)
    : sc_module(name), target_socket("target_socket"), msip("msip", harts), mtip("mtip", harts), m_harts(harts),
      m_timebase_hz(timebase_hz), m_msip(harts, 0), m_mtimecmp(harts, ~0ull)
{
    target_socket.register_b_transport(this, &clint::b_transport);
    target_socket.register_transport_dbg(this, &clint::transport_dbg);
    SC_HAS_PROCESS(clint);
    SC_METHOD(update);
    sensitive << m_update;
}

void clint::reset()
{
    std::fill(m_msip.begin(), m_msip.end(), 0u);
    std::fill(m_mtimecmp.begin(), m_mtimecmp.end(), ~0ull);
    m_update.notify(sc_core::SC_ZERO_TIME);
}

uint64_t clint::mtime_at(const sc_core::sc_time& t) const
{
    return uint64_t((unsigned __int128)t.value() * m_timebase_hz / ps_per_s) + uint64_t(m_mtime_offset);
}

sc_core::sc_time clint::time_of_tick(uint64_t tick) const
{
    uint64_t raw = tick - uint64_t(m_mtime_offset);
    auto ps = ((unsigned __int128)raw * ps_per_s + m_timebase_hz - 1) / m_timebase_hz;
    return sc_core::sc_time::from_value(uint64_t(ps));
}

void clint::update()
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    uint64_t mtime = mtime_at(now);
    uint64_t next = ~0ull;
    for (unsigned h = 0; h < m_harts; ++h) {
        msip[h].write(m_msip[h] & 1);
        bool fired = mtime >= m_mtimecmp[h];
        mtip[h].write(fired);
        if (!fired) next = std::min(next, m_mtimecmp[h]);
    }
    if (next != ~0ull) {
        sc_core::sc_time at = time_of_tick(next);
        if (at > now) m_update.notify(at - now);
    }
}

bool clint::access(bool write, uint64_t addr, uint8_t* data, unsigned len, const sc_core::sc_time& when)
{
    if ((len != 4 && len != 8) || (addr & (len - 1))) return false;
    for (unsigned i = 0; i < len; i += 4) {
        uint64_t a = addr + i;
        uint32_t word = 0;
        if (write) std::memcpy(&word, data + i, 4);
        if (a >= CLINT_MSIP(0) && a < CLINT_MSIP(m_harts)) {
            unsigned h = unsigned((a - CLINT_MSIP(0)) / 4);
            if (write) m_msip[h] = word & 1;
            word = m_msip[h];
        } else if (a >= CLINT_MTIMECMP(0) && a < CLINT_MTIMECMP(m_harts)) {
            unsigned h = unsigned((a - CLINT_MTIMECMP(0)) / 8);
            bool hi = (a - CLINT_MTIMECMP(0)) % 8;
            uint64_t& cmp = m_mtimecmp[h];
            if (write) cmp = hi ? ((uint64_t(word) << 32) | (cmp & 0xffffffffu)) : ((cmp & ~0xffffffffull) | word);
            word = hi ? uint32_t(cmp >> 32) : uint32_t(cmp);
        } else if (a == CLINT_MTIME || a == CLINT_MTIME + 4) {
            bool hi = a == CLINT_MTIME + 4;
            uint64_t now = mtime_at(when);
            if (write) {
                uint64_t v = hi ? ((uint64_t(word) << 32) | (now & 0xffffffffu)) : ((now & ~0xffffffffull) | word);
                m_mtime_offset += int64_t(v - now);
                now = v;
            }
            word = hi ? uint32_t(now >> 32) : uint32_t(now);
        } else {
            return false;
        }
        if (!write) std::memcpy(data + i, &word, 4);
    }
    return true;
}

void clint::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    if (trans.get_byte_enable_ptr() || trans.get_streaming_width() < trans.get_data_length()) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    bool write = trans.is_write();
    if (!access(write, trans.get_address(), trans.get_data_ptr(), trans.get_data_length(),
                sc_core::sc_time_stamp() + delay)) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    // A write changes the lines at the time of the access.
    if (write) m_update.notify(delay);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned clint::transport_dbg(tlm::tlm_generic_payload& trans)
{
    unsigned len = trans.get_data_length();
    if (!access(trans.is_write(), trans.get_address(), trans.get_data_ptr(), len, sc_core::sc_time_stamp())) return 0;
    if (trans.is_write()) m_update.notify(sc_core::SC_ZERO_TIME);
    return len;
}

} // namespace cellvp
