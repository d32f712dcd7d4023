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
    int gdb_port = -1;        // >= 0: wait for GDB on this port, debugging cell gdb_cell's harts
    unsigned gdb_cell = 0;
};

// Exit status: 0 the expectations hold, 1 they do not (each failed one is named), 125 the scenario or the files
// it names cannot be used.
int run_scenario(const run_scenario_options& opt);

} // namespace cellvp
