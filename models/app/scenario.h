// A scenario of `cellvp run` (format: testbench/scenarios/README.md): a TOML file, read with toml++ and checked
// field by field, with `--set key=value` overrides applied to the document first. Every problem is a
// scenario_error naming the file, the line (or the --set option) and the field. Pure C++, no SystemC.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cellvp {

struct scenario_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What an image slot holds at the start.
struct slot_content {
    enum class kind { empty, image, corrupt };
    kind what = kind::empty;
    std::string spec; // as written: "empty", "cellfw-1.0", "corrupt:cellfw-1.0", "path/x.img"
    std::string path; // the image file (resolved), for image and corrupt
};

struct console_step {
    double at_ms = 0;
    std::string text;
};

struct scenario_cell {
    uint32_t id = 0;
    slot_content slot_a, slot_b;
    unsigned active = 0; // 0 = A, 1 = B
    // The NVRAM auto-update flag; unset: set on the update cell when the flow is automatic, clear elsewhere.
    std::optional<bool> auto_update;
    // The cell's fabric link never comes up: both wires of its link are dead for the whole run (a broken
    // cable or lane), so an update must report it and go on with the other cells.
    bool link_dead = false;
    std::vector<console_step> console;
    std::optional<std::string> expect_version; // normalized M.m.p+b, or "none"
    std::optional<std::string> expect_state;   // healthy, recovery, boot_failure
};

struct scenario {
    std::string file;
    // [system]
    unsigned cells = 4;
    unsigned harts = 1;
    double clock_mhz = 100.0;
    double max_time_s = 10.0;
    std::string until = "update_end"; // update_end, all_booted, max_time
    double settle_ms = 50.0;
    double quantum_us = 1.0;
    uint64_t seed = 1;
    // [fabric]
    unsigned lane_bits = 32;
    double fabric_clock_mhz = 1000.0;
    double ber = 0.0;
    unsigned max_payload = 256;
    // [mgmt]
    uint32_t bit_rate_hz = 400000;
    double corrupt_rate = 0.0;
    // [update]
    uint32_t update_cell = 0;
    std::string flow = "menu";           // menu, auto-ack, auto-noack
    std::string strategy = "sequential"; // sequential, parallel, tree
    bool reset_self = false;
    bool force = false;
    std::string desired = "own"; // the desired version: the update cell's own, or the partition's majority
    // [all_cells] and [[cells]]: one entry per cell id, 0 .. cells-1
    std::vector<scenario_cell> cell;
    // [expect]
    std::string expect_result = "any"; // ok, fail, any: the update_end record's failed count
    std::optional<double> expect_max_latency_s;
    // Where each numeric field was given ("file:line" or "file: --set key=value"), for errors found later (a
    // value the model refuses).
    std::map<std::string, std::string> where;
};

// Reads and checks `path`, after applying `overrides` ("dotted.key=value"; the value is TOML, or taken as a
// string when it does not parse as one). Release names resolve to `images_dir`/NAME.img, relative paths to the
// scenario's folder. Throws scenario_error.
scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                       const std::string& images_dir);

} // namespace cellvp
