// `cellvp run-cells`: see run_cells.h.
#include "app/run_cells.h"

#include "app/app_util.h"

#include "app/run_elf.h"
#include "cellvp/cell_map.h"
#include "debug/gdb_server.h"
#include "image/image.h"
#include "platform/cell_system.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>

#include <sys/select.h>
#include <unistd.h>

namespace cellvp {

namespace {

struct scripted_input {
    unsigned cell;
    double at_ms;
    std::string text;
};

// "ID@MS:TEXT", with \n and \\ escapes in TEXT.
bool parse_input(const std::string& spec, scripted_input& out)
{
    size_t at = spec.find('@'), colon = spec.find(':', at == std::string::npos ? 0 : at);
    if (at == std::string::npos || colon == std::string::npos) return false;
    try {
        size_t used = 0;
        out.cell = unsigned(std::stoul(spec.substr(0, at), &used));
        if (used != at) return false;
        out.at_ms = std::stod(spec.substr(at + 1, colon - at - 1), &used);
        if (used != colon - at - 1 || out.at_ms < 0) return false;
    } catch (const std::exception&) {
        return false;
    }
    out.text.clear();
    for (size_t i = colon + 1; i < spec.size(); ++i) {
        if (spec[i] == '\\' && i + 1 < spec.size()) {
            char n = spec[++i];
            out.text += n == 'n' ? '\n' : n == 'r' ? '\r' : n;
        } else {
            out.text += spec[i];
        }
    }
    return true;
}

// Feeds the terminal to one cell's console: stdin is polled (never blocking) every millisecond of
// simulated time, and characters typed reach the UART's receiver.
class terminal_input : public sc_core::sc_module {
public:
    terminal_input(sc_core::sc_module_name name, uart& console) : sc_module(name), m_console(console)
    {
        SC_HAS_PROCESS(terminal_input);
        SC_THREAD(poll);
    }

private:
    void poll()
    {
        for (bool open = true; open;) {
            sc_core::wait(sc_core::sc_time(1, sc_core::SC_MS));
            fd_set fds;
            FD_ZERO(&fds);
            FD_SET(0, &fds);
            timeval zero{0, 0};
            while (::select(1, &fds, nullptr, nullptr, &zero) > 0) {
                char c;
                if (::read(0, &c, 1) != 1) {
                    open = false; // end of input
                    break;
                }
                m_console.feed(c);
            }
        }
    }
    uart& m_console;
};

nlohmann::json fabric_json(const fabric::fabric& fab)
{
    nlohmann::json links = nlohmann::json::array();
    for (unsigned i = 0; i < fab.config().ports; ++i) {
        fabric::link_stats l = fab.stats(i);
        links.push_back({{"link", i}, {"up", l.up}, {"tlps_up", l.tlps_up}, {"tlps_down", l.tlps_down},
                         {"payload_bytes_up", l.payload_bytes_up}, {"payload_bytes_down", l.payload_bytes_down},
                         {"replays", l.replays}, {"naks", l.naks}, {"replay_timeouts", l.replay_timeouts},
                         {"credit_stall_cycles", l.credit_stall_cycles}, {"retrains", l.retrains},
                         {"rx_errors", l.rx_errors}, {"bit_flips", l.bit_flips}, {"cycles", l.cycles}});
    }
    fabric::fabric_stats s = fab.stats();
    return {{"lane_bits", fab.config().lane_bits}, {"lane_clock_mhz", fab.config().clock_mhz},
            {"core_clock_mhz", fab.core_clock_mhz()}, {"line_rate_Bps", fab.line_rate_bytes_per_s()},
            {"cycles", s.cycles}, {"link_cycles", s.link_cycles},
            {"switch_dropped", s.switch_dropped}, {"host_s", s.host_s}, {"links", links}};
}

} // namespace

int run_cells(const run_cells_options& opt)
{
    std::unique_ptr<elf_file> program = open_program(opt.program);
    if (!program) return exit_cellvp_error;
    if (opt.cells < 1 || opt.cells > 64) {
        std::cerr << "cellvp: --cells must be 1 to 64\n";
        return exit_cellvp_error;
    }

    cell_system_config sys;
    if (opt.mgmt_bit_rate) sys.mgmt.bit_rate_hz = opt.mgmt_bit_rate;
    sys.fabric.lane_bits = opt.fabric_lane_bits;
    sys.fabric.clock_mhz = opt.fabric_clock_mhz;
    sys.fabric.ber_up = sys.fabric.ber_down = opt.fabric_ber;
    sys.fabric.seed = opt.seed;
    sys.with_fabric = !opt.no_fabric;
    for (const std::string& spec : opt.fabric_drops) {
        unsigned link = 0;
        double start_us = 0, dur_us = 0;
        char at = 0, colon = 0, rest = 0;
        if (std::sscanf(spec.c_str(), "%u%c%lf%c%lf%c", &link, &at, &start_us, &colon, &dur_us, &rest) != 5 ||
            at != '@' || colon != ':' || start_us < 0 || dur_us <= 0 || link >= opt.cells) {
            std::cerr << "cellvp: --fabric-drop '" << spec << "': expected LINK@START_US:DURATION_US with LINK a cell "
                      << "(0.." << opt.cells - 1 << ") and a positive duration\n";
            return exit_cellvp_error;
        }
        sys.fabric.drops.push_back({link, sc_core::sc_time(start_us, sc_core::SC_US), sc_core::sc_time(dur_us, sc_core::SC_US)});
    }
    if (!opt.fabric_trace.empty()) {
        sys.fabric.trace = opt.fabric_trace == "fst" ? fabric::fabric_config::trace_format::fst
                                                     : fabric::fabric_config::trace_format::vcd;
        sys.fabric.trace_dir = opt.trace_dir;
    }
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
        if (!opt.nvram_dir.empty()) c.nvram.path = opt.nvram_dir + "/cell" + std::to_string(i) + ".nvram";
        c.flash_image = opt.flash_image;
        c.fabric.max_payload = opt.fabric_max_payload;
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
    for (const std::string& spec : opt.slots) {
        // [CELL:]A=FILE
        size_t eq = spec.find('=');
        std::string target = spec.substr(0, eq), file = eq == std::string::npos ? "" : spec.substr(eq + 1);
        long cell_id = -1;
        size_t colon = target.find(':');
        bool ok = eq != std::string::npos && !file.empty();
        if (ok && colon != std::string::npos) {
            char* end = nullptr;
            cell_id = std::strtol(target.c_str(), &end, 10);
            ok = end == target.c_str() + colon && cell_id >= 0 && size_t(cell_id) < system->cells.size();
            target = target.substr(colon + 1);
        }
        ok = ok && (target == "A" || target == "B");
        if (!ok) {
            std::cerr << "cellvp: --slot '" << spec << "': expected [CELL:]A=FILE or [CELL:]B=FILE with CELL a cell (0.."
                      << system->cells.size() - 1 << ")\n";
            return exit_cellvp_error;
        }
        try {
            std::vector<uint8_t> bytes = read_binary_file(file);
            for (auto& c : system->cells)
                if (cell_id < 0 || c->id() == uint32_t(cell_id)) c->install_image(target == "A" ? 0 : 1, bytes);
        } catch (const std::exception& e) {
            std::cerr << "cellvp: --slot '" << spec << "': " << e.what() << "\n";
            return exit_cellvp_error;
        }
    }

    std::vector<scripted_input> inputs;
    for (const std::string& spec : opt.console_input) {
        scripted_input in;
        if (!parse_input(spec, in) || in.cell >= system->cells.size()) {
            std::cerr << "cellvp: --console-input '" << spec << "': expected ID@MS:TEXT with ID a cell (0.."
                      << system->cells.size() - 1 << ") and MS a time in milliseconds\n";
            return exit_cellvp_error;
        }
        system->cells[in.cell]->console.push_input(in.text, sc_core::sc_time(in.at_ms, sc_core::SC_MS));
    }
    std::unique_ptr<terminal_input> terminal;
    if (opt.interactive >= 0) {
        if (unsigned(opt.interactive) >= system->cells.size()) {
            std::cerr << "cellvp: --interactive " << opt.interactive << ": no such cell\n";
            return exit_cellvp_error;
        }
        terminal = std::make_unique<terminal_input>("terminal", system->cells[unsigned(opt.interactive)]->console);
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

    std::unique_ptr<gdb_server> debugger;
    if (opt.gdb_port >= 0 && !(debugger = gdb_server::for_cell(*system, opt.gdb_cell, uint16_t(opt.gdb_port))))
        return exit_cellvp_error;

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
        const fabric_port::stats& fp = c->fabric.statistics();
        nlohmann::json port = {{"tx_tlps", fp.tx_tlps},         {"tx_bytes", fp.tx_bytes},
                               {"rx_tlps", fp.rx_tlps},         {"rx_bytes", fp.rx_bytes},
                               {"rejected", fp.rejected},       {"unexpected", fp.unexpected},
                               {"dma_transfers", fp.dma_transfers}, {"dma_errors", fp.dma_errors},
                               {"dma_timeouts", fp.dma_timeouts}};
        const sha_dma::stats& sd = c->shadma.statistics();
        nlohmann::json shadma = {{"runs", sd.runs},           {"bytes_hashed", sd.bytes_hashed},
                                 {"bytes_copied", sd.bytes_copied}, {"bus_errors", sd.bus_errors},
                                 {"aborted", sd.aborted}};
        cells.push_back({{"id", c->id()}, {"instret", n}, {"resets", c->resets()}, {"fabric_port", port},
                         {"shadma", shadma},
                         {"exit_code", c->exit_code() ? nlohmann::json(*c->exit_code()) : nlohmann::json()}});
        if (!c->exit_code()) {
            std::cerr << "cellvp: cell " << c->id() << " did not report a result within " << opt.max_time_s
                      << " s of simulated time\n";
            if (status == 0) status = exit_instruction_limit;
        } else if (*c->exit_code() != 0 && status == 0) {
            status = *c->exit_code();
        }
    }
    if (debugger) {
        if (debugger->killed()) status = exit_cellvp_error;
        debugger->run_ended(status);
    }
    double sim_s = sc_core::sc_time_stamp().to_seconds();
    try {
        for (auto& c : system->cells) c->nv.save();
    } catch (const std::exception& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    if (!opt.stats_file.empty()) {
        nlohmann::json j = {{"cells", cells},     {"instret", instret}, {"sim_time_s", sim_s}, {"wall_s", wall},
                            {"mips", wall > 0 ? double(instret) / wall / 1e6 : 0.0}, {"exit_code", status},
                            {"mgmt_packets", system->mbus.stats().packets}};
        if (system->fab) j["fabric"] = fabric_json(*system->fab);
        if (!write_json(opt.stats_file, j)) return exit_cellvp_error;
    }
    return status;
}

} // namespace cellvp
