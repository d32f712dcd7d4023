// A byte-addressable memory target (RAM, or ROM when not writable): b_transport, transport_dbg and DMI
// with the configured latencies. Models: fixed access latency per transaction. Does NOT model: banks,
// refresh, bandwidth limits, ECC.
#pragma once

#include "hart/code_watch.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <memory>

namespace cellvp {

class memory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<memory> target_socket;

    memory(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time read_latency, sc_core::sc_time write_latency,
           bool writable = true);

    uint8_t* data() { return m_data.get(); }
    uint64_t size() const { return m_size; }
    code_watch& watch() { return m_watch; }

    // Host-side writes (loading a program, filling after reset) that must also keep decoded code coherent.
    void write_host(uint64_t offset, const void* src, uint64_t len);
    void fill(uint8_t pattern);
    // Revokes every DMI pointer handed out (initiators fall back to b_transport and may ask again).
    void invalidate_dmi() { target_socket->invalidate_direct_mem_ptr(0, m_size - 1); }

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);

    struct free_deleter {
        void operator()(uint8_t* p) const;
    };
    uint64_t m_size;
    std::unique_ptr<uint8_t, free_deleter> m_data;
    sc_core::sc_time m_read_latency, m_write_latency;
    bool m_writable;
    code_watch m_watch;
};

} // namespace cellvp
