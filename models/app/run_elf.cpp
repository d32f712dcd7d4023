// `cellvp run-elf`: see run_elf.h.
#include "app/run_elf.h"

#include "app/app_util.h"

#include "debug/gdb_server.h"

#include "platform/bare_machine.h"
#include "util/format.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>

namespace cellvp {

int run_elf(const run_elf_options& opt)
{
    std::unique_ptr<elf_file> program = open_program(opt.program);
    if (!program) return exit_cellvp_error;

    std::ofstream trace;
    if (!opt.trace_file.empty()) {
        trace.open(opt.trace_file);
        if (!trace) {
            std::cerr << "cellvp: cannot write " << opt.trace_file << "\n";
            return exit_cellvp_error;
        }
    }
    if (!(opt.clock_mhz > 0) || !(opt.quantum_us > 0)) {
        std::cerr << "cellvp: clock and quantum must be positive\n";
        return exit_cellvp_error;
    }

    bare_machine_config cfg;
    cfg.hart.period_ps = uint64_t(std::llround(1e6 / opt.clock_mhz));
    cfg.hart.trap_misaligned = opt.trap_misaligned;
    cfg.dmi = opt.dmi;
    cfg.max_instructions = opt.max_instructions;
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(opt.quantum_us, sc_core::SC_US));

    std::unique_ptr<bare_machine> machine;
    try {
        machine = std::make_unique<bare_machine>("bare", cfg, *program);
    } catch (const elf_error& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    machine->on_output = [](int fd, const std::string& text) {
        (fd == 2 ? std::cerr : std::cout) << text << std::flush;
    };
    if (trace.is_open()) machine->cpu.core().set_commit_log(&trace);
    std::unique_ptr<gdb_server> debugger;
    if (opt.gdb_port >= 0) {
        debugger = std::make_unique<gdb_server>(std::vector<hart*>{&machine->cpu}, "bare");
        std::string error;
        if (!debugger->wait_for_gdb(uint16_t(opt.gdb_port), error)) {
            std::cerr << "cellvp: " << error << "\n";
            return exit_cellvp_error;
        }
    }

    auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const hart_core& core = machine->cpu.core();
    uint64_t instret = core.instret();
    double sim_s = sc_core::sc_time_stamp().to_seconds();
    double mips = wall > 0 ? double(instret) / wall / 1e6 : 0.0;
    int status;
    if (debugger && debugger->killed()) {
        std::cerr << "cellvp: " << opt.program << ": killed from GDB\n";
        status = exit_cellvp_error;
    } else if (machine->exit_code()) {
        status = *machine->exit_code();
    } else if (machine->cpu.instruction_limit_reached()) {
        std::cerr << "cellvp: " << opt.program << ": stopped after " << instret
                  << " instructions (--max-instructions) without reporting a result\n";
        status = exit_instruction_limit;
    } else if (core.stuck()) {
        std::cerr << "cellvp: " << opt.program << ": the hart is stuck (it cannot fetch its trap vector "
                  << hex(core.pc()) << ")\n";
        status = exit_cellvp_error;
    } else {
        std::cerr << "cellvp: " << opt.program << ": simulation ended without a result (the hart waits forever)\n";
        status = exit_cellvp_error;
    }
    if (debugger) debugger->run_ended(status);

    if (!opt.stats_file.empty()) {
        nlohmann::json j = {{"instret", instret},  {"cycles", core.cycle()}, {"sim_time_s", sim_s},
                            {"wall_s", wall},      {"mips", mips},           {"exit_code", status},
                            {"program", opt.program}};
        if (!write_json(opt.stats_file, j)) return exit_cellvp_error;
    }
    if (opt.print_summary) {
        std::fprintf(stderr, "cellvp: %llu instructions, %llu cycles, %.6f s simulated, %.3f s wall, %.1f MIPS, exit %d\n",
                     (unsigned long long)instret, (unsigned long long)core.cycle(), sim_s, wall, mips, status);
    }
    return status;
}

} // namespace cellvp
