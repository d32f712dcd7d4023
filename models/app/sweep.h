// `cellvp sweep`: runs a scenario at every point of a parameter grid, each point as its own `cellvp run`
// process (SystemC elaborates once per process), several at a time, and collects their metrics into one table.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cellvp {

// A sweep file (TOML): `base` (a scenario, relative to the sweep file) and [vary], each key a scenario field's
// dotted path (as for --set) and its values: a list, or a range {from, to, step} (step > 0; from and to
// included when the steps reach it). Points are the cross product; keys in alphabetical order (as toml++
// keeps a table), the first varying slowest.
struct sweep_spec {
    std::string file;
    std::string base;                                                          // resolved path
    std::vector<std::pair<std::string, std::vector<std::string>>> parameters; // key, values as --set text
};

// Reads and checks a sweep file; errors (std::runtime_error) name the file, line and field.
sweep_spec read_sweep(const std::string& path);
// The points: for each, the KEY=VALUE overrides.
std::vector<std::vector<std::string>> sweep_points(const sweep_spec& spec);

struct sweep_options {
    std::string sweep_file;
    std::string out_dir;   // default: out/NAME
    unsigned jobs = 0;     // 0: the number of cores
    bool quiet = false;
    std::string cellvp;    // the executable to run (this one)
    std::vector<std::string> run_args; // extra arguments of every `cellvp run` (--images DIR)
    // Instead of running: write a Slurm job array script (one point per array task) to this file ...
    std::string slurm_script;
    // ... or only collect the results the points left in OUT (after the array ran).
    bool collect_only = false;
};

// Runs the sweep; writes OUT/results.csv and OUT/results.json and each point's output into OUT/point-N (its
// exit status in OUT/point-N/status). Returns 0 when every point passed, 1 when one failed (each failure named),
// 125 for a bad sweep file. With slurm_script: writes the script and returns 0; with collect_only: builds the
// tables from OUT/point-N (a point without a status counts as failed, status -1).
int run_sweep(const sweep_options& opt);

} // namespace cellvp
