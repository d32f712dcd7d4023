// `cellvp run SCENARIO`: builds the system a scenario describes (boot firmware and slot images in every cell,
// factory NVRAM settings and update metadata, scripted console input), runs it until the update is over, splits
// what the cells print into console lines and event records, and judges the run against the scenario's
// expectations. Writes DIR/metrics.json, DIR/cellN.log and DIR/events.log. Format and fields:
// testbench/scenarios/README.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cellvp {

struct run_scenario_options {
    std::string scenario;
    std::string out_dir;           // empty: out/<scenario name>
    std::optional<uint64_t> seed;  // overrides system.seed
    std::vector<std::string> sets; // key=value overrides
    bool quiet = false;
    std::string images_dir;   // where release names resolve (NAME.img)
    std::string firmware_dir; // boot.elf
    std::string cellvp_version;
    // Waveforms into the output folder (--trace): "" none, "vcd" or "fst". The system view (system.vcd/.fst,
    // with system.gtkw) and the fabric links' RTL (fabric_linkN.vcd/.fst), written only in [trace_from,
    // trace_to]: times with a unit (250us, 1.5ms, 2s; ps, ns, us, ms, s), empty for the run's start and end.
    std::string trace;
    std::string trace_from, trace_to;
    int gdb_port = -1;        // >= 0: wait for GDB on this port, debugging cell gdb_cell's harts
    unsigned gdb_cell = 0;
};

// "1.5ms" and the like as a time; throws std::invalid_argument naming what is wrong.
uint64_t parse_time_ps(const std::string& text);

// Exit status: 0 the expectations hold, 1 they do not (each failed one is named), 125 the scenario or the files
// it names cannot be used.
int run_scenario(const run_scenario_options& opt);

} // namespace cellvp
