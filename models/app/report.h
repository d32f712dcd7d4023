// `cellvp report`: reads the results of `cellvp sweep` or `cellvp run`, writes an HTML report with plots and a
// short Markdown summary, and with a baseline marks every metric that moved beyond a threshold (a regression in
// the bad direction fails). Pure C++: the loading and the comparison are unit tested (unit/test_report.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace cellvp {

// Input that cannot be used (missing file, malformed JSON, a baseline of another kind): exit status 125.
struct report_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One run: a sweep point, or the single run of a run folder.
struct report_point {
    size_t index = 0;
    std::map<std::string, std::string> parameters; // the sweep's KEY=VALUE of this point (empty for a run)
    int status = 0;                                // exit status of its `cellvp run` (-1 unknown)
    std::string result;                            // pass, fail, none
    nlohmann::json metrics;                        // its metrics.json, null when missing or unreadable
    std::map<std::string, double> values;          // the named metrics (report_metrics) it has
    std::optional<unsigned> cells, errored;        // cells of the system, cells errored at the start
    std::string strategy;                          // update.strategy
};

struct report_data {
    enum kind_e { sweep, run } kind = run;
    std::string source; // what was given
    std::string folder; // where point-N/ folders live (sweep)
    std::vector<report_point> points;
    std::vector<std::string> parameters; // the varied keys (sweep), in the table's order
    std::string what() const { return kind == sweep ? "a sweep (results.json)" : "a single run (metrics.json)"; }
};

// A sweep folder (results.json and point-N/), a results.json, a run folder (metrics.json) or a metrics.json.
report_data load_report_data(const std::string& path);

// Cells errored at the start of a run: its first boot record is not healthy (or it never booted), or the
// version it booted first differs from the update's desired version (when the run knows one).
unsigned errored_cells(const nlohmann::json& metrics);

struct report_metric {
    const char* name; // dotted path in metrics.json (and a column of results.json)
    const char* unit; // s, B/s, MIPS, or "" for counts
    bool lower_is_better;
    bool host; // a host figure: wall-clock noise, its own threshold
};
const std::vector<report_metric>& report_metrics();

struct comparison {
    std::string point;  // "point 2", or "run"
    std::string params; // "system.cells=8 update.strategy=tree"
    std::string metric;
    double baseline = 0, current = 0;
    double change_pct = 0; // (current - baseline) / |baseline| x 100; +-inf from zero
    double threshold_pct = 0;
    enum verdict_e { same, improvement, regression } verdict = same;
    std::string unit;
    std::string result_before, result_now; // metric "result": pass -> fail (or none: the run gave no metrics)
};

struct compare_options {
    double threshold_pct = 5;       // simulated figures: deterministic for a seed, so a move is real
    double host_threshold_pct = 50; // host.* figures: wall-clock time of a shared machine (README.md)
    bool ignore_host = false;       // host.* shown, never a regression
};

struct comparison_result {
    std::vector<comparison> rows;       // every metric both sides have, every matched point
    std::vector<std::string> unmatched; // points of the results with no baseline point
    size_t matched = 0;
    size_t regressions() const;
    size_t improvements() const;
};

// Matches points by their parameters and compares every named metric, and the result (pass -> fail is a
// regression). Throws report_error when the baseline is of another kind or has none of the points.
comparison_result compare_results(const report_data& current, const report_data& baseline, const compare_options& o);

// "point 2 update.latency_s 1.23 s -> 1.5 s (+22.0 % > 5 %)"
std::string describe(const comparison& c);
// A value with its unit, in a readable scale (1.23 s, 456 ms, 3.2 GB/s).
std::string format_value(double v, const std::string& unit);

struct report_options {
    std::string results;
    std::string baseline;
    std::string out_dir; // default: RESULTS folder/report
    compare_options compare;
    bool quiet = false; // no summary on stdout
};

CLI::App* add_report_command(CLI::App& app, report_options& opt);
// Writes OUT/report.html and OUT/summary.md (and prints the summary); 0, 1 on a regression against the
// baseline (each named on stderr), 125 for unusable input.
int run_report(const report_options& opt);

} // namespace cellvp
