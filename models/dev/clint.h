// CLINT (core-local interruptor), SiFive layout (firmware/include/cellvp/clint_regs.h): per hart an msip
// word and a 64-bit mtimecmp; one 64-bit mtime counting at the timebase. Drives each hart's software
// and timer interrupt lines. mtime is computed from simulated time, so it costs nothing while idle; the
// timer line is raised by an event scheduled at the exact tick mtime reaches mtimecmp.
// Accesses: 4 or 8 bytes, naturally aligned; anything else is a TLM error.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <vector>

namespace cellvp {

class clint : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<clint> target_socket;
    sc_core::sc_vector<sc_core::sc_out<bool>> msip;
    sc_core::sc_vector<sc_core::sc_out<bool>> mtip;

    clint(sc_core::sc_module_name name, unsigned harts, uint64_t timebase_hz);

    uint64_t mtime_at(const sc_core::sc_time& t) const;
    // Cell reset: msip cleared, mtimecmp to its maximum (no timer interrupt); mtime keeps counting.
    void reset();

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    bool access(bool write, uint64_t addr, uint8_t* data, unsigned len, const sc_core::sc_time& when);
    void update();
    sc_core::sc_time time_of_tick(uint64_t tick) const;

    unsigned m_harts;
    uint64_t m_timebase_hz;
    std::vector<uint32_t> m_msip;
    std::vector<uint64_t> m_mtimecmp;
    int64_t m_mtime_offset = 0; // written mtime minus the time-derived count
    sc_core::sc_event m_update;
};

} // namespace cellvp
