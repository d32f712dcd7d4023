// `cellvp run-cells`: the same program on every cell of a small system, for firmware tests of the cell
// devices. The run ends when every cell has reported through HTIF (`tohost`), or at the time limit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cellvp {

struct run_cells_options {
    std::string program;
    unsigned cells = 1;
    unsigned harts = 1;
    double max_time_s = 10.0; // simulated
    double quantum_us = 1.0;
    double clock_mhz = 100.0;
    uint32_t mgmt_bit_rate = 0; // 0: the bus default
    std::string stats_file;
    std::string log_dir;        // per-cell console logs, when set
    std::string nvram_dir;      // per-cell NVRAM files DIR/cellN.nvram: loaded when present, saved at the end
    std::string flash_image;    // a whole-device flash image loaded into every cell before the program
    // Firmware images stored in image slots after the program is loaded, each "[CELL:]A=FILE" or "[CELL:]B=FILE".
    std::vector<std::string> slots;
    bool quiet = false;         // no console echo on stdout
    // Scripted console input, each "ID@MS:TEXT": TEXT (with \n for a newline) reaches cell ID's console from
    // MS milliseconds of simulated time on.
    std::vector<std::string> console_input;
    int interactive = -1;       // a cell whose console reads the terminal (stdin); -1: none
    // The fabric (models/fabric/fabric.h for the defaults' sources).
    unsigned fabric_lane_bits = 32;
    double fabric_clock_mhz = 1000.0;
    double fabric_ber = 0.0;    // both directions of every link
    uint32_t fabric_max_payload = 256; // bytes per packet (fabric_port_config)
    uint64_t seed = 1;
    // Link drops, each "LINK@START_US:DURATION_US": both wires of a link dead for a while.
    std::vector<std::string> fabric_drops;
    bool no_fabric = false;     // a system without the fabric (to measure what an idle fabric costs)
    std::string fabric_trace;   // "vcd" or "fst": waveforms of every link's RTL; empty: none
    std::string trace_dir = ".";
    int gdb_port = -1;          // >= 0: wait for GDB on this port (0: any free port), debugging gdb_cell's harts
    unsigned gdb_cell = 0;
};

int run_cells(const run_cells_options& opt);

} // namespace cellvp
