// Address-decoding interconnect: see router.h.
#include "bus/router.h"

#include "util/format.h"

#include <algorithm>

namespace cellvp {

router::router(sc_core::sc_module_name name, sc_core::sc_time latency)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket"), m_latency(latency)
{
    target_socket.register_b_transport(this, &router::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &router::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &router::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this, &router::invalidate_direct_mem_ptr);
}

unsigned router::attach(tlm::tlm_target_socket<>& target)
{
    initiator_socket.bind(target);
    return m_ports++;
}

void router::map(unsigned port, uint64_t base, uint64_t size, uint64_t offset, const std::string& name)
{
    if (size == 0) return;
    uint64_t end = base + size;
    std::vector<mapping> kept;
    for (const mapping& m : m_map) {
        if (m.end <= base || m.base >= end) {
            kept.push_back(m);
            continue;
        }
        if (m.base < base) kept.push_back({m.base, base, m.port, m.offset, m.name});
        if (m.end > end) kept.push_back({end, m.end, m.port, m.offset + (end - m.base), m.name});
    }
    kept.push_back({base, end, port, offset, name});
    std::sort(kept.begin(), kept.end(), [](const mapping& a, const mapping& b) { return a.base < b.base; });
    m_map = std::move(kept);
}

const router::mapping* router::find(uint64_t addr) const
{
    auto it = std::upper_bound(m_map.begin(), m_map.end(), addr, [](uint64_t a, const mapping& m) { return a < m.base; });
    if (it == m_map.begin()) return nullptr;
    --it;
    return addr < it->end ? &*it : nullptr;
}

void router::b_transport(int, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    uint64_t addr = trans.get_address();
    const mapping* m = find(addr);
    if (!m || trans.get_data_length() > m->end - addr) {
        SC_REPORT_INFO_VERB("cellvp/router", ("no target at " + hex(addr)).c_str(), sc_core::SC_DEBUG);
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    trans.set_address(addr - m->base + m->offset);
    delay += m_latency;
    initiator_socket[m->port]->b_transport(trans, delay);
    trans.set_address(addr);
}

bool router::get_direct_mem_ptr(int, tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi)
{
    uint64_t addr = trans.get_address();
    const mapping* m = find(addr);
    if (!m) return false;
    trans.set_address(addr - m->base + m->offset);
    bool granted = initiator_socket[m->port]->get_direct_mem_ptr(trans, dmi);
    trans.set_address(addr);
    // Local range back to global, clipped to this mapping (a hole or a neighbour must not be covered).
    uint64_t lo = m->offset, hi = m->offset + (m->end - m->base) - 1;
    uint64_t s = std::max<uint64_t>(dmi.get_start_address(), lo), e = std::min<uint64_t>(dmi.get_end_address(), hi);
    if (granted && dmi.get_dmi_ptr()) dmi.set_dmi_ptr(dmi.get_dmi_ptr() + (s - dmi.get_start_address()));
    dmi.set_start_address(s - m->offset + m->base);
    dmi.set_end_address(e - m->offset + m->base);
    return granted;
}

unsigned router::transport_dbg(int, tlm::tlm_generic_payload& trans)
{
    uint64_t addr = trans.get_address();
    const mapping* m = find(addr);
    if (!m) return 0;
    unsigned len = trans.get_data_length();
    unsigned fit = unsigned(std::min<uint64_t>(len, m->end - addr));
    trans.set_address(addr - m->base + m->offset);
    trans.set_data_length(fit);
    unsigned n = initiator_socket[m->port]->transport_dbg(trans);
    trans.set_address(addr);
    trans.set_data_length(len);
    return n;
}

void router::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end)
{
    for (const mapping& m : m_map) {
        if (m.port != unsigned(port)) continue;
        uint64_t lo = m.offset, hi = m.offset + (m.end - m.base) - 1;
        uint64_t s = std::max<uint64_t>(start, lo), e = std::min<uint64_t>(end, hi);
        if (s > e) continue;
        for (unsigned i = 0; i < target_socket.size(); ++i)
            target_socket[i]->invalidate_direct_mem_ptr(s - m.offset + m.base, e - m.offset + m.base);
    }
}

} // namespace cellvp
