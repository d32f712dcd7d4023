// `cellvp run-cells`: see run_cells.h.
#include "app/run_cells.h"

#include "app/run_elf.h"
#include "cellvp/cell_map.h"
#include "platform/cell_system.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>

namespace cellvp {

int run_cells(const run_cells_options& opt)
{
    std::unique_ptr<elf_file> program;
    try {
        program = std::make_unique<elf_file>(opt.program);
    } catch (const elf_error& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    if (opt.cells < 1 || opt.cells > 64) {
        std::cerr << "cellvp: --cells must be 1 to 64\n";
        return exit_cellvp_error;
    }

    cell_system_config sys;
    if (opt.mgmt_bit_rate) sys.mgmt.bit_rate_hz = opt.mgmt_bit_rate;
    uint32_t entry = program->entry();
    bool in_flash = entry >= CELL_FLASH_BASE && entry < CELL_FLASH_BASE + CELL_FLASH_MAX_SIZE;
    for (unsigned i = 0; i < opt.cells; ++i) {
        cell_config c;
        c.id = i;
        c.harts = opt.harts;
        c.hart.period_ps = uint64_t(std::llround(1e6 / opt.clock_mhz));
        // A program linked for RAM starts there; one linked for flash starts at the reset vector.
        c.reset_vector = in_flash ? 0 : entry;
        if (!opt.log_dir.empty()) c.uart.log_path = opt.log_dir + "/cell" + std::to_string(i) + ".log";
        sys.cells.push_back(c);
    }
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(opt.quantum_us, sc_core::SC_US));

    std::unique_ptr<cell_system> system;
    try {
        system = std::make_unique<cell_system>("system", sys);
        for (auto& c : system->cells) c->load_program(*program);
    } catch (const std::exception& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return exit_cellvp_error;
    }

    std::map<uint32_t, std::string> line; // console output, one line at a time per cell
    unsigned exited = 0;
    for (auto& c : system->cells) {
        c->on_console = [&](const cell& who, char ch) {
            if (opt.quiet) return;
            std::string& l = line[who.id()];
            if (ch == '\n') {
                std::cout << "[cell " << who.id() << "] " << l << "\n" << std::flush;
                l.clear();
            } else if (ch != '\r') {
                l += ch;
            }
        };
        c->on_exit = [&](const cell&, int) {
            if (++exited == system->cells.size()) sc_core::sc_stop();
        };
    }

    auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start(sc_core::sc_time(opt.max_time_s, sc_core::SC_SEC));
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (auto& [id, l] : line)
        if (!l.empty()) std::cout << "[cell " << id << "] " << l << "\n";

    int status = 0;
    uint64_t instret = 0;
    nlohmann::json cells = nlohmann::json::array();
    for (auto& c : system->cells) {
        uint64_t n = 0;
        for (auto& h : c->harts) n += h->core().instret();
        instret += n;
        cells.push_back({{"id", c->id()}, {"instret", n}, {"resets", c->resets()},
                         {"exit_code", c->exit_code() ? nlohmann::json(*c->exit_code()) : nlohmann::json()}});
        if (!c->exit_code()) {
            std::cerr << "cellvp: cell " << c->id() << " did not report a result within " << opt.max_time_s
                      << " s of simulated time\n";
            if (status == 0) status = exit_instruction_limit;
        } else if (*c->exit_code() != 0 && status == 0) {
            status = *c->exit_code();
        }
    }
    double sim_s = sc_core::sc_time_stamp().to_seconds();
    if (!opt.stats_file.empty()) {
        nlohmann::json j = {{"cells", cells},     {"instret", instret}, {"sim_time_s", sim_s}, {"wall_s", wall},
                            {"mips", wall > 0 ? double(instret) / wall / 1e6 : 0.0}, {"exit_code", status},
                            {"mgmt_packets", system->mbus.stats().packets}};
        std::ofstream f(opt.stats_file);
        if (!f) {
            std::cerr << "cellvp: cannot write " << opt.stats_file << "\n";
            return exit_cellvp_error;
        }
        f << j.dump(2) << "\n";
    }
    return status;
}

} // namespace cellvp
