// Interrupt controller of a cell (firmware/include/cellvp/intc_regs.h): CELL_IRQ_COUNT level-sensitive
// sources, one enable mask per hart; a hart's machine external interrupt line `meip[hart]` is high while
// (PENDING & ENABLE(hart)) != 0.
// Models: combinational levels: a source change reaches the meip lines in the next delta cycle; an ENABLE
// write takes effect at the writer's local time (sc_time_stamp() + delay). PENDING reads the source levels
// now. Devices hold their source high until firmware clears the cause in the device: there is no
// claim/complete and no latching here.
// Accesses: 4 bytes, naturally aligned. Wrong size: TLM_BURST_ERROR_RESPONSE; byte enables:
// TLM_BYTE_ENABLE_ERROR_RESPONSE; offsets that are not registers (including ENABLE of a hart that does not
// exist): TLM_ADDRESS_ERROR_RESPONSE. Writes to PENDING are ignored; ENABLE keeps only the source bits.
// transport_dbg reads and writes like b_transport.
// Does NOT model: priorities, thresholds, claim/complete, edge-triggered sources, interrupt delivery to
// supervisor mode (the PLIC's features).
#pragma once

#include "cellvp/intc_regs.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <vector>

namespace cellvp {

class intc : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<intc> target_socket;
    sc_core::sc_vector<sc_core::sc_in<bool>> source; // CELL_IRQ_COUNT, indexed by CELL_IRQ_*
    sc_core::sc_vector<sc_core::sc_out<bool>> meip;  // one per hart

    // harts: 1 .. as many as the register block has ENABLE words for (std::invalid_argument otherwise).
    intc(sc_core::sc_module_name name, unsigned harts);

    // Cell reset: every enable mask cleared.
    void reset();

    uint32_t pending() const;
    uint32_t enable(unsigned hart) const { return m_enable.at(hart); }

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    bool access(bool write, uint64_t addr, uint32_t& value);
    void update();

    unsigned m_harts;
    std::vector<uint32_t> m_enable;
    sc_core::sc_event m_update;
};

} // namespace cellvp
