// The system view of a run as a waveform (`cellvp run --trace`): per cell its reset line, firmware state and
// phase, fabric link and DMA engine, device interrupt sources and each hart's interrupt lines; the manageability
// bus's busy line and the packet on it. The fabric's link RTL is traced by the fabric itself (one file per
// link, fabric.h); both use SystemC's time in ps, so they line up.
//
// Signals come from the models' own signals (reset and interrupt lines, the bus's busy and header, watched by
// method processes that run only when they change), from the fabric port's change hook, and from the firmware's
// event records, which `cellvp run` hands over (record()). Tracing off means no system_trace: nothing to pay.
//
// Scopes and names (also in traces/README.md): system.cellN.{reset, fw_state, fw_phase, link_up, dma_busy,
// irq_src[CELL_IRQ_COUNT-1:0], msip, mtip, meip [harts-1:0]}; system.mgmt.{busy, dest, src, len, packet}.
#pragma once

#include "app/run_events.h"
#include "platform/cell_system.h"
#include "trace/waveform_writer.h"

#include <systemc>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace cellvp {

struct system_trace_config {
    std::string path; // the waveform file
    waveform_format format = waveform_format::vcd;
    sc_core::sc_time from = sc_core::SC_ZERO_TIME;
    sc_core::sc_time to = sc_core::sc_max_time();
    std::string version = "cellvp";
};

class system_trace : public sc_core::sc_module {
public:
    // Throws std::runtime_error when the file cannot be written. Build before sc_start().
    system_trace(sc_core::sc_module_name name, cell_system& system, const system_trace_config& cfg);

    // An event record of cell `cell` (boot, update_start, phase, update_end), at the current time.
    void record(uint32_t cell, const run_event& ev);
    // Writes what is left, up to the current time, and closes the file.
    void finish();

    const std::string& path() const { return m_writer.path(); }

    // A GTKWave save file for this system's view: one group per cell, one for the manageability bus (and the
    // fabric's per-link files are opened with traces/fabric_link.gtkw). `dump_file` is written into it.
    static std::string gtkwave_save(const std::vector<uint32_t>& cell_ids, unsigned harts, const std::string& dump_file);

private:
    struct cell_signals {
        waveform_writer::signal reset, fw_state, fw_phase, link_up, dma_busy, irq_src, msip, mtip, meip;
        std::string state = "booting";
        std::vector<std::string> phases; // open phases, in the order they started
        bool updating = false;
    };

    uint64_t now_ps() const;
    void watch(const sc_core::sc_event& e, std::function<void()> sample);
    void sample_irqs(size_t index);
    void sample_mgmt();
    void set_phase_text(cell_signals& s, uint64_t at);
    void maybe_flush();

    cell_system& m_system;
    waveform_writer m_writer;
    std::vector<cell_signals> m_cells; // by position in m_system.cells
    std::map<uint32_t, size_t> m_index; // cell id -> position
    struct {
        waveform_writer::signal busy, dest, src, len, packet;
    } m_mgmt{};
    bool m_finished = false;
};

} // namespace cellvp
