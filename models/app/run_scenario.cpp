// `cellvp run`: see run_scenario.h.
#include "app/run_scenario.h"

#include "app/app_util.h"
#include "app/run_elf.h"
#include "app/run_events.h"
#include "app/scenario.h"
#include "cellvp/flash_layout.h"
#include "debug/gdb_server.h"
#include "image/image.h"
#include "platform/cell_system.h"
#include "platform/nvram_settings.h"
#include "trace/system_trace.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include <unistd.h>

namespace cellvp {

namespace {

namespace fs = std::filesystem;

// Ends the simulation once the run's end condition holds: it is told (wake) when an event arrives, waits out
// the settle time, and keeps waiting while a cell whose version is expected is still booting.
class run_monitor : public sc_core::sc_module {
public:
    sc_core::sc_event wake;
    std::function<bool()> condition; // the end condition (update_end seen, every cell booted)
    std::function<bool()> pending;   // still waiting for a reboot
    sc_core::sc_time settle;
    bool ended = false;

    explicit run_monitor(sc_core::sc_module_name name) : sc_module(name)
    {
        SC_HAS_PROCESS(run_monitor);
        SC_THREAD(watch);
    }

private:
    void watch()
    {
        while (!condition()) sc_core::wait(wake);
        sc_core::wait(settle);
        while (pending()) sc_core::wait(sc_core::sc_time(10, sc_core::SC_MS));
        ended = true;
        sc_core::sc_stop();
    }
};

std::string ms(double s)
{
    std::ostringstream o;
    o << std::fixed << std::setprecision(3) << s * 1e3;
    return o.str();
}

nlohmann::json opt_str(const std::optional<std::string>& s)
{
    return s ? nlohmann::json(*s) : nlohmann::json();
}

// Reads a slot's image, corrupted when asked: one byte in the middle of the body inverted.
std::vector<uint8_t> slot_bytes(const slot_content& s)
{
    std::vector<uint8_t> bytes = read_binary_file(s.path);
    if (s.what != slot_content::kind::corrupt) return bytes;
    if (bytes.size() < 16) throw std::runtime_error(s.path + ": too short to be an image");
    uint32_t header = uint32_t(bytes[4] | bytes[5] << 8);
    uint32_t body =
        uint32_t(bytes[8]) | uint32_t(bytes[9]) << 8 | uint32_t(bytes[10]) << 16 | uint32_t(bytes[11]) << 24;
    return flip_byte(std::move(bytes), uint64_t(header) + body / 2);
}

} // namespace

uint64_t parse_time_ps(const std::string& text)
{
    static const std::pair<const char*, double> units[] = {{"ps", 1}, {"ns", 1e3}, {"us", 1e6}, {"ms", 1e9}, {"s", 1e12}};
    size_t end = 0;
    double value = 0;
    try {
        value = std::stod(text, &end);
    } catch (const std::exception&) {
        end = 0;
    }
    const std::string unit = text.substr(end);
    if (end == 0 || !(value >= 0) || !std::isfinite(value))
        throw std::invalid_argument("'" + text + "' is not a time (a number and a unit: 250us, 1.5ms, 2s)");
    for (const auto& [name, ps] : units)
        if (unit == name) return uint64_t(std::llround(value * ps));
    throw std::invalid_argument("'" + text + "' has no unit of time (ps, ns, us, ms or s)");
}

int run_scenario(const run_scenario_options& opt)
{
    std::vector<std::string> sets = opt.sets;
    if (opt.seed) sets.push_back("system.seed=" + std::to_string(*opt.seed));
    scenario sc;
    try {
        sc = load_scenario(opt.scenario, sets, opt.images_dir);
    } catch (const scenario_error& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    std::string out_dir = opt.out_dir.empty() ? "out/" + fs::path(opt.scenario).stem().string() : opt.out_dir;
    std::vector<uint8_t> scenario_bytes = read_binary_file(opt.scenario);
    sha256_digest digest = sha256(scenario_bytes.data(), scenario_bytes.size());

    // The trace window, checked before anything runs.
    uint64_t trace_from_ps = 0, trace_to_ps = waveform_writer::end_of_time;
    try {
        if (!opt.trace_from.empty()) trace_from_ps = parse_time_ps(opt.trace_from);
        if (!opt.trace_to.empty()) trace_to_ps = parse_time_ps(opt.trace_to);
    } catch (const std::invalid_argument& e) {
        std::cerr << "cellvp: --trace-from/--trace-to: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    if (trace_to_ps < trace_from_ps) {
        std::cerr << "cellvp: --trace-to " << opt.trace_to << " is before --trace-from " << opt.trace_from << "\n";
        return exit_cellvp_error;
    }
    if (opt.trace.empty() && (!opt.trace_from.empty() || !opt.trace_to.empty())) {
        std::cerr << "cellvp: --trace-from and --trace-to need --trace\n";
        return exit_cellvp_error;
    }

    std::unique_ptr<elf_file> boot = open_program(opt.firmware_dir + "/boot.elf");
    if (!boot) return exit_cellvp_error;
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec || !fs::is_directory(out_dir)) {
        std::cerr << "cellvp: cannot create the output folder " << out_dir << "\n";
        return exit_cellvp_error;
    }

    // The system: every cell boots from the boot firmware; its slots, settings and metadata as a factory left them.
    cell_system_config sys;
    sys.mgmt.bit_rate_hz = sc.bit_rate_hz;
    sys.mgmt.corrupt_rate = sc.corrupt_rate;
    sys.fabric.lane_bits = sc.lane_bits;
    sys.fabric.clock_mhz = sc.fabric_clock_mhz;
    sys.fabric.ber_up = sys.fabric.ber_down = sc.ber;
    sys.fabric.seed = sc.seed;
    for (const scenario_cell& sc_cell : sc.cell) {
        cell_config c;
        c.id = sc_cell.id;
        c.harts = sc.harts;
        c.hart.period_ps = uint64_t(std::llround(1e6 / sc.clock_mhz));
        c.fabric.max_payload = sc.max_payload;
        sys.cells.push_back(c);
        if (sc_cell.link_dead)
            sys.fabric.drops.push_back({sc_cell.id, sc_core::SC_ZERO_TIME,
                                        sc_core::sc_time(sc.max_time_s + 1.0, sc_core::SC_SEC)});
    }
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(sc.quantum_us, sc_core::SC_US));
    const waveform_format trace_format = opt.trace == "fst" ? waveform_format::fst : waveform_format::vcd;
    if (!opt.trace.empty()) {
        if (sc.lane_bits == 32) {
            sys.fabric.trace = trace_format == waveform_format::fst ? fabric::fabric_config::trace_format::fst
                                                                    : fabric::fabric_config::trace_format::vcd;
            sys.fabric.trace_dir = out_dir;
            sys.fabric.trace_from = sc_core::sc_time::from_value(trace_from_ps);
            if (trace_to_ps != waveform_writer::end_of_time) sys.fabric.trace_to = sc_core::sc_time::from_value(trace_to_ps);
        } else {
            // Only the 32-bit link is verilated with trace code (rtl/CMakeLists.txt): the system view is still written.
            std::cerr << "cellvp: warning: fabric.lane_bits = " << sc.lane_bits
                      << ": the fabric's RTL waveforms exist for 32-bit lanes only; writing the system view alone\n";
        }
    }

    std::unique_ptr<cell_system> system;
    try {
        system = std::make_unique<cell_system>("system", sys);
    } catch (const std::invalid_argument& e) {
        // The models check their own parameters: name the field the message is about, where it was given.
        std::string what = e.what(), field;
        for (const char* f : {"lane", "clock", "payload", "bit rate", "bit_rate"})
            if (what.find(f) != std::string::npos) {
                field = f == std::string("lane")      ? "fabric.lane_bits"
                        : f == std::string("clock")   ? "fabric.clock_mhz"
                        : f == std::string("payload") ? "fabric.max_payload"
                                                      : "mgmt.bit_rate_hz";
                break;
            }
        auto at = sc.where.find(field);
        std::cerr << "cellvp: " << (at != sc.where.end() ? at->second : opt.scenario) << ": "
                  << (field.empty() ? "" : field + ": ") << what << "\n";
        return exit_cellvp_error;
    } catch (const std::exception& e) {
        std::cerr << "cellvp: " << opt.scenario << ": the system cannot be built: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    uint32_t policy = sc.strategy == "parallel" ? UPD_POLICY_PARALLEL
                      : sc.strategy == "tree"   ? UPD_POLICY_TREE
                                                : UPD_POLICY_SEQUENTIAL;
    if (sc.flow == "auto-noack") policy |= UPD_POLICY_NO_ACK_WAIT;
    if (sc.reset_self) policy |= UPD_POLICY_RESET_SELF;
    if (sc.force) policy |= UPD_POLICY_FORCE;
    if (sc.desired == "majority") policy |= UPD_POLICY_MAJORITY;
    try {
        for (auto& c : system->cells) {
            const scenario_cell& s = sc.cell[c->id()];
            c->load_program(*boot);
            if (s.slot_a.what != slot_content::kind::empty) c->install_image(0, slot_bytes(s.slot_a));
            if (s.slot_b.what != slot_content::kind::empty) c->install_image(1, slot_bytes(s.slot_b));
            std::vector<uint8_t> meta =
                encode_fwu_metadata(uint8_t(s.active), uint8_t(s.active), FWU_STATE_ACCEPTED, 1);
            c->rom.program_host(FLASH_METADATA0_OFFSET, meta);
            c->rom.program_host(FLASH_METADATA1_OFFSET, meta);
            nvrec_settings settings{};
            bool auto_flow = sc.flow != "menu" && c->id() == sc.update_cell;
            settings.flags = s.auto_update.value_or(auto_flow) ? NVREC_SETTINGS_AUTO_UPDATE : 0;
            settings.update_policy = policy;
            std::vector<uint8_t> record = encode_settings_record(settings, 1);
            c->nv.write_host(NVRAM_SETTINGS_COPY0_OFFSET, record.data(), record.size());
            for (const console_step& in : s.console)
                c->console.push_input(in.text, sc_core::sc_time(in.at_ms, sc_core::SC_MS));
        }
    } catch (const std::exception& e) {
        std::cerr << "cellvp: " << opt.scenario << ": " << e.what() << "\n";
        return exit_cellvp_error;
    }

    // The system view's waveform, when asked for (the fabric's are opened by the fabric itself).
    std::unique_ptr<system_trace> trace;
    if (!opt.trace.empty()) {
        system_trace_config tc;
        tc.path = out_dir + (trace_format == waveform_format::fst ? "/system.fst" : "/system.vcd");
        tc.format = trace_format;
        tc.from = sc_core::sc_time::from_value(trace_from_ps);
        if (trace_to_ps != waveform_writer::end_of_time) tc.to = sc_core::sc_time::from_value(trace_to_ps);
        tc.version = "cellvp " + opt.cellvp_version;
        try {
            trace = std::make_unique<system_trace>("trace", *system, tc);
        } catch (const std::exception& e) {
            std::cerr << "cellvp: --trace: " << e.what() << "\n";
            return exit_cellvp_error;
        }
        std::vector<uint32_t> ids;
        for (auto& c : system->cells) ids.push_back(c->id());
        std::ofstream(out_dir + "/system.gtkw")
            << system_trace::gtkwave_save(ids, sc.harts, fs::path(tc.path).filename().string());
    }

    // What the cells print: event records into the timeline, console lines into the logs (and the terminal).
    run_timeline timeline;
    std::vector<std::string> bad_events;
    std::ofstream events_log(out_dir + "/events.log");
    std::map<uint32_t, std::ofstream> logs;
    std::map<uint32_t, std::string> partial;
    for (auto& c : system->cells) logs[c->id()].open(out_dir + "/cell" + std::to_string(c->id()) + ".log");
    // The progress line: only on a terminal, never with --quiet (issue 7).
    const bool progress = !opt.quiet && isatty(STDOUT_FILENO);
    std::string progress_phase;
    unsigned progress_targets = 0, progress_done = 0;
    run_monitor monitor("monitor");
    monitor.settle = sc_core::sc_time(sc.settle_ms, sc_core::SC_MS);
    auto handle_line = [&](uint32_t id, const std::string& line) {
        double t = sc_core::sc_time_stamp().to_seconds();
        if (line.compare(0, event_prefix.size(), event_prefix) == 0) {
            events_log << std::fixed << std::setprecision(9) << t << " cell" << id << " " << line << "\n";
            std::string error;
            std::optional<run_event> ev = parse_event(line, error);
            if (!ev) {
                bad_events.push_back("cell " + std::to_string(id) + ": " + error);
                std::cerr << "cellvp: cell " << id << ": malformed event record (" << error << "): " << line << "\n";
                return;
            }
            if (ev->kind == "boot" && ev->at("cell") != std::to_string(id)) {
                // A boot record speaks for the cell that prints it; another id is a firmware bug worth seeing.
                bad_events.push_back("cell " + std::to_string(id) + ": boot record for cell " + ev->at("cell"));
                std::cerr << "cellvp: cell " << id << ": boot record names another cell: " << line << "\n";
                return;
            }
            timeline.add(t, *ev);
            if (trace) trace->record(id, *ev);
            if (ev->kind == "phase" && ev->at("edge") == "start")
                progress_phase = ev->at("name") + " (cell " + ev->at("target") + ")";
            else if (ev->kind == "update_start")
                ++progress_targets;
            else if (ev->kind == "update_done")
                ++progress_done;
            monitor.wake.notify(sc_core::SC_ZERO_TIME);
            return;
        }
        logs[id] << line << "\n";
        // On a terminal the progress line is overwritten by the console line (and drawn again after it).
        if (!opt.quiet) std::cout << (progress ? "\r\033[K" : "") << "[cell " << id << "] " << line << "\n" << std::flush;
    };
    // The UART's characters and the HTIF's lines are assembled apart: an HTIF line written while the UART is
    // half-way through one must not land inside it.
    std::map<uint32_t, std::string> partial_htif;
    auto feed = [&](std::string& l, uint32_t id, char ch) {
        if (ch == '\n') {
            handle_line(id, l);
            l.clear();
        } else if (ch != '\r') {
            l += ch;
        }
    };
    for (auto& c : system->cells) {
        c->on_console = [&](const cell& who, char ch) { feed(partial[who.id()], who.id(), ch); };
        c->on_host_output = [&](const cell& who, const std::string& text) {
            for (char ch : text) feed(partial_htif[who.id()], who.id(), ch);
        };
    }
    auto all_booted = [&] {
        for (auto& c : system->cells) {
            const cell_timeline* t = timeline.cell(c->id());
            if (!t || t->boots.empty()) return false;
        }
        return true;
    };
    monitor.condition = [&] {
        if (sc.until == "update_end") return timeline.update_end_s().has_value();
        if (sc.until == "all_booted") return all_booted();
        return false;
    };
    monitor.pending = [&] {
        for (const scenario_cell& s : sc.cell)
            if (s.expect_version && timeline.reboot_pending(s.id)) return true;
        return false;
    };

    std::unique_ptr<gdb_server> debugger; // --gdb
    if (opt.gdb_port >= 0 && !(debugger = gdb_server::for_cell(*system, opt.gdb_cell, uint16_t(opt.gdb_port))))
        return exit_cellvp_error;

    auto t0 = std::chrono::steady_clock::now();
    const sc_core::sc_time limit(sc.max_time_s, sc_core::SC_SEC);
    if (!progress) {
        sc_core::sc_start(limit);
    } else {
        // In slices of simulated time, with one progress line (simulated time, phase, cells done) at most
        // every 200 ms of wall time. Slicing changes no result: the same processes run at the same times.
        const sc_core::sc_time slice(10, sc_core::SC_MS);
        auto shown = t0;
        while (sc_core::sc_get_status() != sc_core::SC_STOPPED && sc_core::sc_time_stamp() < limit) {
            sc_core::sc_start(std::min(slice, limit - sc_core::sc_time_stamp()));
            auto now = std::chrono::steady_clock::now();
            if (now - shown < std::chrono::milliseconds(200)) continue;
            shown = now;
            std::cout << "\r\033[K" << "cellvp run: " << ms(sc_core::sc_time_stamp().to_seconds())
                      << " ms simulated | " << (progress_phase.empty() ? std::string("booting") : progress_phase)
                      << " | cells updated " << progress_done << "/" << progress_targets << std::flush;
        }
        std::cout << "\r\033[K" << std::flush;
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (auto* lines : {&partial, &partial_htif})
        for (auto& [id, l] : *lines)
            if (!l.empty()) handle_line(id, l);
    double sim_s = sc_core::sc_time_stamp().to_seconds();
    if (trace) trace->finish();

    // The verdict.
    std::vector<std::string> reasons;
    if (sc.until != "max_time" && !monitor.ended) {
        reasons.push_back(sc.until == "update_end"
                              ? "time limit: no update_end from the update cell within " + ms(sc.max_time_s) + " ms"
                              : "time limit: not every cell booted within " + ms(sc.max_time_s) + " ms");
    }
    if (sc.expect_result == "ok" && (!timeline.update_end_s() || timeline.updated_failed() != 0))
        reasons.push_back(timeline.update_end_s() ? "expect.result ok: " + std::to_string(timeline.updated_failed()) +
                                                        " cell(s) failed to update"
                                                  : "expect.result ok: the update never ended (no update_end)");
    if (sc.expect_result == "fail" && (!timeline.update_end_s() || timeline.updated_failed() == 0))
        reasons.push_back("expect.result fail: the update did not report a failure");
    for (const scenario_cell& s : sc.cell) {
        const cell_timeline* t = timeline.cell(s.id);
        bool booted = t && !t->boots.empty();
        std::string id = std::to_string(s.id);
        if (s.expect_version && (!booted || t->boots.back().version != *s.expect_version))
            reasons.push_back("cell " + id + ": version_after " +
                              (booted ? t->boots.back().version : "unknown (no boot event)") + ", expected " +
                              *s.expect_version);
        if (s.expect_state && (!booted || t->boots.back().state != *s.expect_state))
            reasons.push_back("cell " + id + ": state " + (booted ? t->boots.back().state : "unknown (no boot event)") +
                              ", expected " + *s.expect_state);
    }
    bool menu = sc.flow == "menu";
    std::optional<double> latency;
    if (!menu || timeline.update_start_s()) latency = timeline.latency_s(menu ? *timeline.update_start_s() : 0.0);
    if (sc.expect_max_latency_s) {
        if (!latency)
            reasons.push_back(
                "expect.max_latency_s: no update latency measured (no target booted the desired version)");
        else if (*latency > *sc.expect_max_latency_s)
            reasons.push_back("expect.max_latency_s: update latency " + ms(*latency) + " ms is above " +
                              ms(*sc.expect_max_latency_s) + " ms");
    }
    if (!bad_events.empty())
        reasons.push_back(std::to_string(bad_events.size()) +
                          " malformed event record(s), first: " + bad_events.front());
    bool pass = reasons.empty();

    // metrics.json
    uint64_t instret = 0;
    nlohmann::json cells = nlohmann::json::array(), host_cells = nlohmann::json::array();
    uint64_t rejected = 0;
    for (auto& c : system->cells) {
        uint64_t n = 0;
        for (auto& h : c->harts) n += h->core().instret();
        instret += n;
        rejected += c->fabric.statistics().rejected;
        host_cells.push_back({{"id", c->id()}, {"instructions", n}});
        const cell_timeline* t = timeline.cell(c->id());
        nlohmann::json phases = nlohmann::json::array();
        for (const phase_span& p : timeline.phases_with_boot(c->id())) {
            nlohmann::json j = {{"name", p.name},
                                {"start_s", p.start_s >= 0 ? nlohmann::json(p.start_s) : nlohmann::json()},
                                {"end_s", p.end_s >= 0 ? nlohmann::json(p.end_s) : nlohmann::json()}};
            if (p.bytes) j["bytes"] = p.bytes;
            phases.push_back(j);
        }
        bool booted = t && !t->boots.empty();
        nlohmann::json boots = nlohmann::json::array();
        if (t)
            for (const auto& b : t->boots)
                boots.push_back({{"t_s", b.t_s},
                                 {"state", b.state},
                                 {"version", b.version},
                                 {"slot", b.slot},
                                 {"reason", b.reason},
                                 {"boot_us", b.boot_us}});
        cells.push_back({{"id", c->id()},
                         {"version_before", booted ? nlohmann::json(t->boots.front().version) : nlohmann::json()},
                         {"version_after", booted ? nlohmann::json(t->boots.back().version) : nlohmann::json()},
                         {"state", booted ? t->boots.back().state : "unknown"},
                         {"update_result", t ? opt_str(t->result) : nlohmann::json()},
                         {"update_reason", t ? opt_str(t->reason) : nlohmann::json()},
                         {"resets", c->resets()},
                         {"boots", boots},
                         {"phases", phases}});
    }
    nlohmann::json fabric_j;
    if (system->fab) {
        uint64_t payload = 0, replays = 0;
        for (unsigned i = 0; i < system->fab->config().ports; ++i) {
            fabric::link_stats l = system->fab->stats(i);
            payload += l.payload_bytes_up;
            replays += l.replays;
        }
        double tr_s = timeline.transfer_s();
        fabric_j = {{"line_rate_Bps", system->fab->line_rate_bytes_per_s()},
                    {"payload_bytes", payload},
                    {"transfer_bytes", timeline.transfer_bytes()},
                    {"transfer_s", tr_s},
                    {"payload_bandwidth_Bps",
                     tr_s > 0 ? nlohmann::json(double(timeline.transfer_bytes()) / tr_s) : nlohmann::json()},
                    {"replays", replays},
                    {"rejected", rejected}};
    }
    nlohmann::json metrics = {
        {"result", pass ? "pass" : "fail"},
        {"reasons", reasons},
        {"cells", cells},
        {"update",
         {{"cell", sc.update_cell},
          {"strategy", sc.strategy},
          {"flow", sc.flow},
          {"desired", opt_str(timeline.desired())},
          {"start_s", timeline.update_start_s() ? nlohmann::json(*timeline.update_start_s()) : nlohmann::json()},
          {"end_s", timeline.update_end_s() ? nlohmann::json(*timeline.update_end_s()) : nlohmann::json()},
          {"ok", timeline.updated_ok()},
          {"failed", timeline.updated_failed()},
          {"latency_s", latency ? nlohmann::json(*latency) : nlohmann::json()}}},
        {"fabric", fabric_j},
        {"mgmt", {{"messages", system->mbus.stats().packets}, {"bytes", system->mbus.stats().bytes}}},
        {"sim", {{"time_s", sim_s}}},
        {"host",
         {{"wall_s", wall},
          {"mips", wall > 0 ? double(instret) / wall / 1e6 : 0.0},
          {"instructions", instret},
          {"cells", host_cells}}},
        {"events", {{"malformed", bad_events.size()}}},
        {"seed", sc.seed},
        {"scenario", opt.scenario},
        {"scenario_sha256", to_hex(digest.data(), digest.size())},
        {"cellvp_version", opt.cellvp_version}};
    if (!write_json(out_dir + "/metrics.json", metrics)) return exit_cellvp_error;

    // The timeline on the terminal.
    if (!opt.quiet) {
        std::cout << "\ncellvp run " << opt.scenario << ": " << (pass ? "pass" : "fail") << " (simulated " << ms(sim_s)
                  << " ms, wall " << std::setprecision(3) << wall << " s)\n";
        for (auto& c : system->cells) {
            const cell_timeline* t = timeline.cell(c->id());
            bool booted = t && !t->boots.empty();
            std::cout << "  cell " << c->id() << (c->id() == sc.update_cell ? " (update cell)" : "") << ": "
                      << (booted ? t->boots.front().version : "?") << " -> " << (booted ? t->boots.back().version : "?")
                      << ", " << (booted ? t->boots.back().state : "no boot event") << "\n";
            for (const phase_span& p : timeline.phases_with_boot(c->id()))
                std::cout << "      " << std::left << std::setw(9) << p.name << std::right
                          << (p.start_s >= 0 ? ms(p.start_s) : "?") << " .. " << (p.end_s >= 0 ? ms(p.end_s) : "?")
                          << " ms" << (p.bytes ? " (" + std::to_string(p.bytes) + " bytes)" : "") << "\n";
        }
        if (latency)
            std::cout << "  update latency: " << ms(*latency) << " ms (" << sc.strategy << ", " << sc.flow << ")\n";
        if (timeline.cells().empty()) std::cout << "  (no event records from the firmware: nothing to time)\n";
        for (const std::string& r : reasons) std::cout << "  FAILED: " << r << "\n";
        std::cout << "  metrics: " << out_dir << "/metrics.json\n" << std::flush;
    }
    for (const std::string& r : reasons) std::cerr << "cellvp: expectation failed: " << r << "\n";
    if (debugger) debugger->run_ended(pass ? 0 : 1);
    return pass ? 0 : 1;
}

} // namespace cellvp
