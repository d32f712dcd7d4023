// `cellvp run-elf`: one program on the bare machine, with statistics and an optional commit log.
#pragma once

#include <cstdint>
#include <string>

namespace cellvp {

struct run_elf_options {
    std::string program;
    std::string stats_file;        // JSON figures, when set
    std::string trace_file;        // commit log, when set
    uint64_t max_instructions = 0; // 0: no limit
    double quantum_us = 1.0;
    double clock_mhz = 100.0;
    bool trap_misaligned = false;
    bool dmi = true;
    bool print_summary = false;    // figures on stderr after the run
    int gdb_port = -1;             // >= 0: wait for GDB on this port (0: any free port) and start halted
};

// Exit statuses besides the program's own.
constexpr int exit_instruction_limit = 124;
constexpr int exit_cellvp_error = 125;

// Runs the program; returns the process exit status (the program's code, or one of the above).
int run_elf(const run_elf_options& opt);

} // namespace cellvp
