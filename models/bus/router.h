// Address-decoding interconnect: forwards each transaction to the target mapped at its address, with the
// address made local (0-based, plus the mapping's offset). Unmapped addresses and accesses that cross a
// mapping's end are answered with TLM_ADDRESS_ERROR_RESPONSE. DMI grants are translated back to global
// addresses and clipped to the mapping; invalidations are translated and passed to every initiator.
// Models: a fixed per-transaction latency. Does NOT model: contention, arbitration, bus width.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cellvp {

class router : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<router> target_socket;
    tlm_utils::multi_passthrough_initiator_socket<router> initiator_socket;

    explicit router(sc_core::sc_module_name name, sc_core::sc_time latency = sc_core::SC_ZERO_TIME);

    // Binds a target and returns its port number for map().
    unsigned attach(tlm::tlm_target_socket<>& target);

    // Maps global [base, base + size) to `port` at local address `offset`. A later mapping takes precedence
    // over the parts of earlier ones it overlaps (so a device can sit in a hole of a memory).
    void map(unsigned port, uint64_t base, uint64_t size, uint64_t offset, const std::string& name);

    struct mapping {
        uint64_t base, end; // [base, end)
        unsigned port;
        uint64_t offset;
        std::string name;
    };
    const std::vector<mapping>& mappings() const { return m_map; }
    const mapping* find(uint64_t addr) const;

private:
    void b_transport(int id, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
    unsigned transport_dbg(int id, tlm::tlm_generic_payload& trans);
    void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);

    std::vector<mapping> m_map; // sorted by base, no overlaps
    unsigned m_ports = 0;
    sc_core::sc_time m_latency;
};

} // namespace cellvp
