// What the firmware tells `cellvp run`: event records ("@ev KIND key=value ..." lines, see
// testbench/scenarios/README.md) parsed, stamped with simulated time and assembled into a timeline per cell
// (boots, versions, update phases) from which the run's metrics and verdict are computed. Pure C++, no SystemC.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cellvp {

struct run_event {
    std::string kind;                          // boot, rendezvous, update_start, phase, update_done, update_end
    std::map<std::string, std::string> fields; // key=value pairs, in any order
    const std::string& at(const std::string& key) const { return fields.at(key); }
};

// The line prefix that marks an event record (the rest of a console line is for people).
inline constexpr std::string_view event_prefix = "@ev ";

// Parses one line (with or without a trailing '\r'). Returns the event, or nullopt with `error` saying what is
// wrong: not an event line, an unknown kind, a field without '=', a duplicate or missing field, a value of the
// wrong form (a cell id that is not a number, an unknown state, ...). Fields beyond those required are kept
// (the format may grow).
std::optional<run_event> parse_event(std::string_view line, std::string& error);

// "M.m.p+b" from "M.m[.p][+b]" (missing parts 0); nullopt when it is not a version. "none" stays "none".
std::optional<std::string> normalize_version(std::string_view text);

struct phase_span {
    std::string name;
    double start_s = -1, end_s = -1; // -1: the edge never arrived
    uint64_t bytes = 0;              // bytes= of the end edge (transfer)
};

struct cell_timeline {
    struct boot {
        double t_s;
        std::string state, version, slot, reason;
        uint64_t boot_us;
    };
    std::vector<boot> boots;
    std::vector<phase_span> phases;            // as targets: in the order they started; "boot" added by the host
    std::optional<std::string> result, reason; // update_done for this cell
};

// Assembles the events of a run. Events arrive in time order.
class run_timeline {
public:
    void add(double t_s, const run_event& ev);

    const std::map<uint32_t, cell_timeline>& cells() const { return m_cells; }
    const cell_timeline* cell(uint32_t id) const;
    std::optional<double> update_start_s() const { return m_update_start; }
    std::optional<double> update_end_s() const { return m_update_end; }
    std::optional<std::string> desired() const { return m_desired; }
    unsigned updated_ok() const { return m_ok; }
    unsigned updated_failed() const { return m_failed; }
    const std::vector<uint32_t>& targets() const { return m_targets; } // cells an update was started for

    // A target whose reset phase ended after its last boot event (it is still booting).
    bool reboot_pending(uint32_t id) const;
    // The phases of a cell with the computed "boot" phase (end of a reset phase to the next boot event).
    std::vector<phase_span> phases_with_boot(uint32_t id) const;
    // From `from_s` to the last target's first boot event with the desired version after `from_s`; nullopt when
    // there are no targets, no desired version, or a target never booted it.
    std::optional<double> latency_s(double from_s) const;
    // Bytes of the transfer phases' end edges, and the summed time of those phases.
    uint64_t transfer_bytes() const;
    double transfer_s() const;

private:
    std::map<uint32_t, cell_timeline> m_cells;
    std::vector<uint32_t> m_targets;
    std::optional<double> m_update_start, m_update_end;
    std::optional<std::string> m_desired;
    unsigned m_ok = 0, m_failed = 0;
};

} // namespace cellvp
