// `cellvp report`: see report.h.
#include "app/report.h"
#include "app/svg_plot.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace cellvp {

namespace {

nlohmann::json read_json(const fs::path& p)
{
    std::ifstream f(p);
    if (!f) throw report_error(p.string() + ": cannot read it (no such file?)");
    try {
        return nlohmann::json::parse(f);
    } catch (const nlohmann::json::exception& e) {
        throw report_error(p.string() + ": not valid JSON: " + e.what());
    }
}

bool is_results(const nlohmann::json& j)
{
    return j.is_object() && j.contains("points") && j["points"].is_array();
}
bool is_metrics(const nlohmann::json& j)
{
    return j.is_object() && j.contains("result") && j.contains("cells") && j["cells"].is_array();
}

// metrics.json's value at a dotted path ("update.latency_s"), when it is a number.
std::optional<double> number_at(const nlohmann::json& m, const std::string& path)
{
    size_t dot = path.find('.');
    if (!m.is_object() || dot == std::string::npos) return std::nullopt;
    auto a = m.find(path.substr(0, dot));
    if (a == m.end() || !a->is_object()) return std::nullopt;
    auto b = a->find(path.substr(dot + 1));
    if (b == a->end() || !b->is_number()) return std::nullopt;
    return b->get<double>();
}

std::optional<unsigned> parse_unsigned(const std::string& s)
{
    try {
        size_t n = 0;
        unsigned long v = std::stoul(s, &n);
        if (n == s.size()) return unsigned(v);
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

// The figures of a point from its metrics.json, else from its row of results.json.
void fill_point(report_point& p, const nlohmann::json& row)
{
    for (const report_metric& m : report_metrics()) {
        if (auto v = number_at(p.metrics, m.name))
            p.values[m.name] = *v;
        else if (row.is_object() && row.contains(m.name) && row[m.name].is_number())
            p.values[m.name] = row[m.name].get<double>();
    }
    if (p.metrics.is_object() && p.metrics["cells"].is_array() && !p.metrics["cells"].empty()) {
        p.cells = unsigned(p.metrics["cells"].size());
        p.errored = errored_cells(p.metrics);
    } else if (auto c = p.parameters.find("system.cells"); c != p.parameters.end()) {
        p.cells = parse_unsigned(c->second);
    }
    if (p.metrics.is_object() && p.metrics.contains("update") && p.metrics["update"].is_object() &&
        p.metrics["update"].contains("strategy") && p.metrics["update"]["strategy"].is_string())
        p.strategy = p.metrics["update"]["strategy"].get<std::string>();
    else if (auto s = p.parameters.find("update.strategy"); s != p.parameters.end())
        p.strategy = s->second;
}

report_data load_sweep(const fs::path& file, const nlohmann::json& j)
{
    report_data d;
    d.kind = report_data::sweep;
    d.source = file.string();
    d.folder = file.parent_path().string();
    std::set<std::string> keys;
    for (const nlohmann::json& row : j["points"]) {
        if (!row.is_object() || !row.contains("point") || !row["point"].is_number_unsigned())
            throw report_error(file.string() + ": a point without its number (not a results.json of cellvp sweep?)");
        report_point p;
        p.index = row["point"].get<size_t>();
        p.status = row.contains("status") && row["status"].is_number_integer() ? row["status"].get<int>() : -1;
        p.result = row.contains("result") && row["result"].is_string() ? row["result"].get<std::string>() : "none";
        if (row.contains("parameters") && row["parameters"].is_object())
            for (auto& [k, v] : row["parameters"].items()) {
                p.parameters[k] = v.is_string() ? v.get<std::string>() : v.dump();
                keys.insert(k);
            }
        // The point's own metrics.json has the per-cell detail; a point that crashed may have none.
        fs::path mf = file.parent_path() / ("point-" + std::to_string(p.index)) / "metrics.json";
        if (fs::exists(mf)) {
            try {
                nlohmann::json m = read_json(mf);
                if (is_metrics(m)) p.metrics = std::move(m);
            } catch (const report_error& e) {
                std::cerr << "cellvp: warning: " << e.what() << " (using results.json's row)\n";
            }
        }
        fill_point(p, row);
        d.points.push_back(std::move(p));
    }
    d.parameters.assign(keys.begin(), keys.end());
    return d;
}

report_data load_run(const fs::path& file, nlohmann::json j)
{
    report_data d;
    d.kind = report_data::run;
    d.source = file.string();
    d.folder = file.parent_path().string();
    report_point p;
    p.result = j["result"].is_string() ? j["result"].get<std::string>() : "none";
    p.status = p.result == "pass" ? 0 : 1;
    p.metrics = std::move(j);
    fill_point(p, nullptr);
    d.points.push_back(std::move(p));
    return d;
}

std::string point_name(const report_data& d, const report_point& p)
{
    return d.kind == report_data::sweep ? "point " + std::to_string(p.index) : "run";
}

std::string params_text(const std::map<std::string, std::string>& params)
{
    std::string s;
    for (auto& [k, v] : params) s += (s.empty() ? "" : " ") + k + "=" + v;
    return s;
}

std::string pct_text(double pct)
{
    if (!std::isfinite(pct)) return pct > 0 ? "+inf %" : "-inf %";
    char b[32];
    std::snprintf(b, sizeof b, "%+.1f %%", pct);
    return b;
}

std::string threshold_text(double t)
{
    char b[32];
    std::snprintf(b, sizeof b, "%g %%", t);
    return b;
}

} // namespace

const std::vector<report_metric>& report_metrics()
{
    static const std::vector<report_metric> metrics = {
        {"update.latency_s", "s", true, false},
        {"sim.time_s", "s", true, false},
        {"fabric.payload_bandwidth_Bps", "B/s", false, false},
        {"update.failed", "", true, false},
        {"host.wall_s", "s", true, true},
        {"host.mips", "MIPS", false, true},
    };
    return metrics;
}

unsigned errored_cells(const nlohmann::json& metrics)
{
    if (!metrics.is_object() || !metrics.contains("cells") || !metrics["cells"].is_array()) return 0;
    std::optional<std::string> desired;
    if (metrics.contains("update") && metrics["update"].is_object() && metrics["update"].contains("desired") &&
        metrics["update"]["desired"].is_string())
        desired = metrics["update"]["desired"].get<std::string>();
    unsigned n = 0;
    for (const nlohmann::json& c : metrics["cells"]) {
        const nlohmann::json* boots = c.is_object() && c.contains("boots") ? &c["boots"] : nullptr;
        if (!boots || !boots->is_array() || boots->empty()) {
            ++n; // never booted: nothing it runs can be trusted
            continue;
        }
        const nlohmann::json& first = boots->front();
        bool healthy = first.value("state", "") == "healthy";
        bool current = !desired || first.value("version", "") == *desired;
        if (!healthy || !current) ++n;
    }
    return n;
}

report_data load_report_data(const std::string& path)
{
    fs::path p(path);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
        if (fs::exists(p / "results.json")) return load_sweep(p / "results.json", read_json(p / "results.json"));
        if (fs::exists(p / "metrics.json")) return load_run(p / "metrics.json", read_json(p / "metrics.json"));
        throw report_error(path + ": neither results.json (cellvp sweep) nor metrics.json (cellvp run) in this folder");
    }
    if (!fs::exists(p, ec)) throw report_error(path + ": no such file or folder");
    nlohmann::json j = read_json(p);
    if (is_results(j)) return load_sweep(p, j);
    if (is_metrics(j)) return load_run(p, std::move(j));
    throw report_error(path + ": neither a results.json of cellvp sweep (with points) nor a metrics.json of cellvp run "
                              "(with result and cells)");
}

size_t comparison_result::regressions() const
{
    return size_t(std::count_if(rows.begin(), rows.end(), [](auto& r) { return r.verdict == comparison::regression; }));
}

size_t comparison_result::improvements() const
{
    return size_t(
        std::count_if(rows.begin(), rows.end(), [](auto& r) { return r.verdict == comparison::improvement; }));
}

comparison_result compare_results(const report_data& cur, const report_data& base, const compare_options& o)
{
    if (cur.kind != base.kind)
        throw report_error("the baseline " + base.source + " is " + base.what() + " but the results " + cur.source +
                           " are " + cur.what() + ": compare results of the same kind");
    comparison_result r;
    for (const report_point& p : cur.points) {
        auto b = std::find_if(base.points.begin(), base.points.end(),
                              [&](const report_point& q) { return q.parameters == p.parameters; });
        if (b == base.points.end()) {
            r.unmatched.push_back(point_name(cur, p) + " (" + params_text(p.parameters) + ")");
            continue;
        }
        ++r.matched;
        comparison c;
        c.point = point_name(cur, p);
        c.params = params_text(p.parameters);
        if (b->result == "pass" && p.result != "pass") {
            // Not a figure but the worst move of all: the run no longer meets its expectations.
            comparison f = c;
            f.metric = "result";
            f.baseline = 1;
            f.current = 0;
            f.change_pct = -100;
            f.verdict = comparison::regression;
            f.result_before = b->result;
            f.result_now = p.result;
            r.rows.push_back(f);
        }
        for (const report_metric& m : report_metrics()) {
            if (m.host && o.ignore_host) continue;
            auto bv = b->values.find(m.name), cv = p.values.find(m.name);
            if (bv == b->values.end() || cv == p.values.end()) continue;
            comparison x = c;
            x.metric = m.name;
            x.unit = m.unit;
            x.baseline = bv->second;
            x.current = cv->second;
            x.threshold_pct = m.host ? o.host_threshold_pct : o.threshold_pct;
            if (x.baseline == x.current)
                x.change_pct = 0;
            else if (x.baseline == 0)
                x.change_pct = x.current > 0 ? INFINITY : -INFINITY;
            else
                x.change_pct = (x.current - x.baseline) / std::fabs(x.baseline) * 100;
            bool worse = m.lower_is_better ? x.change_pct > 0 : x.change_pct < 0;
            if (std::fabs(x.change_pct) > x.threshold_pct)
                x.verdict = worse ? comparison::regression : comparison::improvement;
            r.rows.push_back(x);
        }
    }
    if (!cur.points.empty() && r.matched == 0)
        throw report_error("the baseline " + base.source + " has none of the points of " + cur.source +
                           " (their parameters differ: another sweep?)");
    return r;
}

std::string format_value(double v, const std::string& unit)
{
    char b[48];
    double a = std::fabs(v);
    if (unit == "s") {
        if (a >= 1 || a == 0)
            std::snprintf(b, sizeof b, "%.4g s", v);
        else if (a >= 1e-3)
            std::snprintf(b, sizeof b, "%.4g ms", v * 1e3);
        else
            std::snprintf(b, sizeof b, "%.4g us", v * 1e6);
    } else if (unit == "B/s") {
        if (a >= 1e9)
            std::snprintf(b, sizeof b, "%.4g GB/s", v / 1e9);
        else if (a >= 1e6)
            std::snprintf(b, sizeof b, "%.4g MB/s", v / 1e6);
        else
            std::snprintf(b, sizeof b, "%.4g B/s", v);
    } else if (unit.empty()) {
        std::snprintf(b, sizeof b, "%.4g", v);
    } else {
        std::snprintf(b, sizeof b, "%.4g %s", v, unit.c_str());
    }
    return b;
}

std::string describe(const comparison& c)
{
    if (c.metric == "result") return c.point + " result " + c.result_before + " -> " + c.result_now;
    return c.point + " " + c.metric + " " + format_value(c.baseline, c.unit) + " -> " +
           format_value(c.current, c.unit) + " (" + pct_text(c.change_pct) +
           (std::fabs(c.change_pct) > c.threshold_pct ? " > " : " <= ") + threshold_text(c.threshold_pct) + ")";
}

// ---------------------------------------------------------------------------------------------------------------
// The report.

namespace {

const char* const phase_order[] = {"message", "training", "transfer", "verify", "erase", "program", "reset", "boot"};

std::string verdict_class(comparison::verdict_e v)
{
    return v == comparison::regression ? "regression" : v == comparison::improvement ? "improvement" : "";
}

struct section {
    std::string title, body; // body: an SVG, or a paragraph saying why there is no plot
    bool plotted = false;
};

section no_plot(const std::string& title, const std::string& why)
{
    return {title, "<p class=\"nodata\">No plot: " + html_escape(why) + ".</p>\n", false};
}

std::string varied_text(const report_data& d)
{
    if (d.kind == report_data::run) return "this is a single run";
    std::string s;
    for (const std::string& k : d.parameters) s += (s.empty() ? "" : ", ") + k;
    return "the sweep varies " + (s.empty() ? std::string("nothing") : s);
}

bool varies(const report_data& d, const std::string& key)
{
    std::set<std::string> values;
    for (const report_point& p : d.points)
        if (auto it = p.parameters.find(key); it != p.parameters.end()) values.insert(it->second);
    return values.size() > 1;
}

// A parameter as a series name shows it: the last part of its path (cells, strategy), a cell's field whole.
std::string short_param(const std::string& key, const std::string& value)
{
    size_t dot = key.rfind('.');
    return (key.rfind("cells.", 0) == 0 || dot == std::string::npos ? key : key.substr(dot + 1)) + "=" + value;
}

// Series key of a point for plots whose x axis uses some parameters: the strategy and the other varied ones.
std::string series_key(const report_data& d, const report_point& p, const std::set<std::string>& used)
{
    std::string s = p.strategy.empty() ? "update" : p.strategy;
    for (const std::string& k : d.parameters)
        if (!used.count(k) && k != "update.strategy" && p.parameters.count(k))
            s += ", " + short_param(k, p.parameters.at(k));
    return s;
}

std::vector<plot_series> group(std::map<std::string, plot_series>& by_name)
{
    // Strategies in their documented order, then the rest alphabetically.
    std::vector<plot_series> out;
    for (const char* first : {"sequential", "parallel", "tree"})
        for (auto it = by_name.begin(); it != by_name.end();)
            if (it->first == first || it->first.rfind(std::string(first) + ",", 0) == 0) {
                out.push_back(std::move(it->second));
                it = by_name.erase(it);
            } else {
                ++it;
            }
    for (auto& [k, s] : by_name) out.push_back(std::move(s));
    return out;
}

section bandwidth_plot(const report_data& d)
{
    const std::string title = "Fabric payload bandwidth";
    const std::string bw = "fabric.payload_bandwidth_Bps";
    bool payload = varies(d, "fabric.max_payload"), lanes = varies(d, "fabric.lane_bits");
    if (!payload && !lanes)
        return no_plot(title, "no sweep varies fabric.max_payload or fabric.lane_bits (" + varied_text(d) + ")");
    std::map<std::string, plot_series> series;
    for (const report_point& p : d.points) {
        auto v = p.values.find(bw);
        if (v == p.values.end()) continue;
        std::string key;
        double x = 0;
        if (payload) {
            x = std::stod(p.parameters.at("fabric.max_payload"));
            if (lanes)
                key = "lanes " + p.parameters.at("fabric.lane_bits") + " bits";
            else if (auto lr = number_at(p.metrics, "fabric.line_rate_Bps"))
                key = "line rate " + format_value(*lr, "B/s");
            else
                key = "payload bandwidth";
        } else {
            x = std::stod(p.parameters.at("fabric.lane_bits"));
            key = "payload bandwidth";
        }
        // Other varied parameters (strategy aside) split the series too, so no line joins unlike points.
        std::set<std::string> used = {"fabric.max_payload", "fabric.lane_bits"};
        for (const std::string& k : d.parameters)
            if (!used.count(k) && p.parameters.count(k)) key += ", " + short_param(k, p.parameters.at(k));
        series[key].name = key;
        series[key].points.emplace_back(x, v->second / 1e9);
        if (!payload)
            if (auto lr = number_at(p.metrics, "fabric.line_rate_Bps")) {
                series["line rate"].name = "line rate";
                series["line rate"].points.emplace_back(x, *lr / 1e9);
            }
    }
    if (series.empty()) return no_plot(title, "no run transferred a payload over the fabric");
    xy_plot pl;
    pl.title =
        payload ? "Fabric payload bandwidth against payload size" : "Fabric payload bandwidth against lane width";
    pl.x_label = payload ? "largest payload (fabric.max_payload), bytes" : "lane width (fabric.lane_bits), bits";
    pl.y_label = "payload bandwidth, GB/s";
    pl.log2_x = true;
    for (auto& [k, s] : series) pl.series.push_back(s);
    return {title, svg_xy_plot(pl), true};
}

section latency_plot(const report_data& d, bool errored)
{
    const std::string title = errored ? "Update latency against errored cells" : "Update latency against cells";
    std::map<std::string, plot_series> series;
    std::set<unsigned> xs;
    std::set<std::string> used = {"system.cells"};
    for (const report_point& p : d.points) {
        auto v = p.values.find("update.latency_s");
        std::optional<unsigned> x = errored ? p.errored : p.cells;
        if (v == p.values.end() || !x) continue;
        xs.insert(*x);
        std::string key = series_key(d, p, used);
        series[key].name = key;
        series[key].points.emplace_back(double(*x), v->second * 1e3);
    }
    if (series.empty()) {
        bool latency = std::any_of(d.points.begin(), d.points.end(),
                                   [](const report_point& p) { return p.values.count("update.latency_s"); });
        if (!latency) return no_plot(title, "no run has an update latency (no update reached every target)");
        return no_plot(title, errored ? "no point has a metrics.json to count its errored cells in (results.json alone "
                                        "does not have them)"
                                      : "the number of cells is neither in the metrics nor a sweep parameter");
    }
    if (xs.size() < 2)
        return no_plot(title, std::string("every run has ") + std::to_string(*xs.begin()) +
                                  (errored ? " errored cells" : " cells") + " (" + varied_text(d) + ")");
    xy_plot pl;
    pl.title = title + ", per update strategy";
    pl.x_label = errored ? "errored cells at the start" : "cells (system.cells)";
    pl.y_label = "update latency, ms";
    pl.integer_x = true;
    pl.series = group(series);
    return {title, svg_xy_plot(pl), true};
}

std::vector<section> host_plots(const report_data& d)
{
    plot_series wall{"wall time", {}}, mips{"MIPS (all harts)", {}};
    for (const report_point& p : d.points) {
        if (auto v = p.values.find("host.wall_s"); v != p.values.end())
            wall.points.emplace_back(double(p.index), v->second);
        if (auto v = p.values.find("host.mips"); v != p.values.end())
            mips.points.emplace_back(double(p.index), v->second);
    }
    std::vector<section> out;
    const std::string x_label = d.kind == report_data::sweep ? "sweep point" : "run";
    if (wall.points.empty())
        out.push_back(no_plot("Host wall time", "no run recorded its wall time"));
    else {
        xy_plot pl{"Host wall time per run", x_label, "wall time, s", {wall}, false, false, true};
        out.push_back({"Host wall time", svg_xy_plot(pl), true});
    }
    if (mips.points.empty())
        out.push_back(no_plot("Host speed", "no metrics.json with host.mips (results.json alone does not have it)"));
    else {
        xy_plot pl{"Host speed per run", x_label, "simulated MIPS (all harts)", {mips}, false, false, true};
        out.push_back({"Host speed", svg_xy_plot(pl), true});
    }
    return out;
}

size_t phase_count(const report_point& p)
{
    size_t n = 0;
    if (p.metrics.is_object() && p.metrics["cells"].is_array())
        for (const nlohmann::json& c : p.metrics["cells"])
            if (c.contains("phases") && c["phases"].is_array()) n += c["phases"].size();
    return n;
}

section gantt_plot(const report_data& d, const report_point** chosen)
{
    const std::string title = "Phases per cell";
    // The run with the most phases shows the most of an update; the first of those.
    const report_point* best = nullptr;
    for (const report_point& p : d.points)
        if (phase_count(p) && (!best || phase_count(p) > phase_count(*best))) best = &p;
    *chosen = best;
    if (!best) return no_plot(title, "no run has a metrics.json with update phases");
    gantt_chart g;
    g.title = "Phases per cell of " + point_name(d, *best) +
              (best->parameters.empty() ? "" : " (" + params_text(best->parameters) + ")");
    g.x_label = "simulated time, ms";
    g.mark_label = "boot record";
    std::vector<std::string> kinds(std::begin(phase_order), std::end(phase_order));
    std::set<std::string> seen;
    double end_s = number_at(best->metrics, "sim.time_s").value_or(0);
    int update_cell = best->metrics.contains("update") && best->metrics["update"].is_object()
                          ? best->metrics["update"].value("cell", -1)
                          : -1;
    for (const nlohmann::json& c : best->metrics["cells"]) {
        int id = c.value("id", -1);
        std::string row = "cell " + std::to_string(id) + (id == update_cell ? " (U)" : "");
        g.rows.push_back(row);
        if (c.contains("phases") && c["phases"].is_array())
            for (const nlohmann::json& ph : c["phases"]) {
                if (!ph.contains("start_s") || !ph["start_s"].is_number()) continue;
                std::string name = ph.value("name", "?");
                double s = ph["start_s"].get<double>();
                bool open = !ph.contains("end_s") || !ph["end_s"].is_number();
                double e = open ? std::max(s, end_s) : ph["end_s"].get<double>();
                std::string detail = row + ": " + name + " " + short_number(s * 1e3) + " .. " + short_number(e * 1e3) +
                                     " ms" + (open ? " (never ended)" : "");
                if (ph.contains("bytes")) detail += ", " + ph["bytes"].dump() + " bytes";
                g.bars.push_back({row, name, s * 1e3, e * 1e3, detail});
                seen.insert(name);
                if (std::find(kinds.begin(), kinds.end(), name) == kinds.end()) kinds.push_back(name);
            }
        if (c.contains("boots") && c["boots"].is_array())
            for (const nlohmann::json& b : c["boots"])
                if (b.contains("t_s") && b["t_s"].is_number())
                    g.marks.push_back({row, b["t_s"].get<double>() * 1e3,
                                       row + ": boot " + b.value("state", "?") + " " + b.value("version", "?") +
                                           " at " + short_number(b["t_s"].get<double>() * 1e3) + " ms"});
    }
    for (const std::string& k : kinds)
        if (seen.count(k)) g.kinds.push_back(k);
    return {title, svg_gantt(g), true};
}

std::string cell_text(const report_point& p, const char* metric, const char* unit)
{
    auto v = p.values.find(metric);
    return v == p.values.end() ? "-" : format_value(v->second, unit);
}

const char* const table_metrics[][2] = {
    {"update.latency_s", "s"}, {"sim.time_s", "s"},  {"fabric.payload_bandwidth_Bps", "B/s"},
    {"update.failed", ""},     {"host.wall_s", "s"}, {"host.mips", "MIPS"}};

std::string markdown_summary(const report_data& d, const report_data* base, const comparison_result* cmp,
                             const report_options& opt, const std::string& html_path)
{
    std::ostringstream o;
    size_t passed = size_t(std::count_if(d.points.begin(), d.points.end(), [](auto& p) { return p.result == "pass"; }));
    o << "# cellvp report\n\n";
    o << "Results: `" << d.source << "`, " << d.what() << ": " << d.points.size()
      << (d.points.size() == 1 ? " run" : " points") << ", " << passed << " passed, " << d.points.size() - passed
      << " failed.\n";
    if (base)
        o << "Baseline: `" << base->source << "`, " << cmp->matched << " matched; threshold "
          << threshold_text(opt.compare.threshold_pct) << ", host figures "
          << (opt.compare.ignore_host ? std::string("not compared") : threshold_text(opt.compare.host_threshold_pct))
          << ".\n";
    o << "\n| " << (d.kind == report_data::sweep ? "point | parameters" : "run") << " | result | cells (errored) "
      << "| update latency | simulated time | payload bandwidth | host wall | MIPS |\n|";
    for (int i = 0; i < (d.kind == report_data::sweep ? 9 : 8); ++i) o << " --- |";
    o << "\n";
    const size_t max_rows = 20;
    for (size_t i = 0; i < d.points.size() && i < max_rows; ++i) {
        const report_point& p = d.points[i];
        o << "| "
          << (d.kind == report_data::sweep ? std::to_string(p.index) + " | " + params_text(p.parameters) : "run")
          << " | " << p.result << " | " << (p.cells ? std::to_string(*p.cells) : "-") << " ("
          << (p.errored ? std::to_string(*p.errored) : "-") << ")";
        for (auto& m : table_metrics)
            if (std::string(m[0]) != "update.failed") o << " | " << cell_text(p, m[0], m[1]);
        o << " |\n";
    }
    if (d.points.size() > max_rows) o << "\n(" << d.points.size() - max_rows << " more points in the HTML report)\n";
    if (cmp) {
        for (auto verdict : {comparison::regression, comparison::improvement}) {
            size_t n = verdict == comparison::regression ? cmp->regressions() : cmp->improvements();
            o << "\n**" << (verdict == comparison::regression ? "Regressions" : "Improvements") << ": " << n << "**\n";
            if (!n) continue;
            o << "\n| point | parameters | metric | baseline | now | change | threshold |\n"
                 "| --- | --- | --- | --- | --- | --- | --- |\n";
            for (const comparison& c : cmp->rows) {
                if (c.verdict != verdict) continue;
                if (c.metric == "result")
                    o << "| " << c.point << " | " << c.params << " | result | " << c.result_before << " | "
                      << c.result_now << " | | |\n";
                else
                    o << "| " << c.point << " | " << c.params << " | " << c.metric << " | "
                      << format_value(c.baseline, c.unit) << " | " << format_value(c.current, c.unit) << " | "
                      << pct_text(c.change_pct) << " | " << threshold_text(c.threshold_pct) << " |\n";
            }
        }
        if (!cmp->unmatched.empty()) {
            o << "\nNot in the baseline:";
            for (const std::string& u : cmp->unmatched) o << " " << u << ";";
            o << "\n";
        }
    }
    o << "\nReport: " << html_path << "\n";
    return o.str();
}

const char* const css = R"(body{font-family:sans-serif;margin:24px;color:#222;max-width:1280px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}
table{border-collapse:collapse;font-size:13px;margin:8px 0}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}td{white-space:nowrap}th{background:#f0f0f0}
td.l,th.l{text-align:left}
.regression{background:#fdd;color:#900;font-weight:bold}.improvement{background:#dfd;color:#060}
.verdict{padding:8px 12px;font-weight:bold;display:inline-block}
.nodata{color:#666;font-style:italic;border:1px dashed #bbb;padding:8px}
figure{margin:12px 0}svg.plot{border:1px solid #ddd}
.plots{display:flex;flex-wrap:wrap;gap:16px}
)";

std::string html_report(const report_data& d, const report_data* base, const comparison_result* cmp,
                        const report_options& opt, const std::vector<section>& plots)
{
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cellvp report: "
      << html_escape(d.source) << "</title>\n<style>" << css << "</style></head><body>\n";
    o << "<h1>cellvp report</h1>\n<p>Results: <code>" << html_escape(d.source) << "</code>, " << html_escape(d.what())
      << ", " << d.points.size() << (d.points.size() == 1 ? " run" : " points") << ".";
    if (d.kind == report_data::sweep) {
        std::string v = varied_text(d);
        v[0] = char(std::toupper(static_cast<unsigned char>(v[0])));
        o << " " << html_escape(v) << ".";
    }
    o << "</p>\n";

    // Marks of the comparison, per point and metric, for the results table.
    std::map<std::pair<std::string, std::string>, const comparison*> marks;
    if (cmp) {
        for (const comparison& c : cmp->rows) marks[{c.point, c.metric}] = &c;
        size_t reg = cmp->regressions(), imp = cmp->improvements();
        o << "<h2>Against the baseline</h2>\n<p>Baseline: <code>" << html_escape(base->source) << "</code>, "
          << cmp->matched << " matched; threshold " << threshold_text(opt.compare.threshold_pct) << ", host figures "
          << (opt.compare.ignore_host ? std::string("not compared") : threshold_text(opt.compare.host_threshold_pct))
          << ".</p>\n";
        o << "<p class=\"verdict " << (reg ? "regression" : "improvement") << "\">" << reg << " regression"
          << (reg == 1 ? "" : "s") << ", " << imp << " improvement" << (imp == 1 ? "" : "s") << "</p>\n";
        // Moves beyond the threshold in view; the rest folded away (a large sweep has many).
        const std::string header = "<table><tr><th class=\"l\">point</th><th class=\"l\">parameters</th><th "
                                   "class=\"l\">metric</th><th>baseline</th><th>now</th><th>change</th>"
                                   "<th>threshold</th><th class=\"l\">verdict</th></tr>\n";
        size_t within = 0;
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1) {
                within = cmp->rows.size() - reg - imp;
                if (!within) break;
                o << "<details><summary>" << within << " comparison" << (within == 1 ? "" : "s")
                  << " within the threshold</summary>\n";
            }
            if (pass == 1 || reg + imp) o << header;
            for (const comparison& c : cmp->rows) {
                if ((c.verdict != comparison::same) != (pass == 0)) continue;
                std::string cls = verdict_class(c.verdict);
                o << "<tr class=\"" << cls << "\"><td class=\"l\">" << html_escape(c.point) << "</td><td class=\"l\">"
                  << html_escape(c.params) << "</td><td class=\"l\">" << html_escape(c.metric) << "</td>";
                if (c.metric == "result")
                    o << "<td>" << html_escape(c.result_before) << "</td><td>" << html_escape(c.result_now)
                      << "</td><td></td><td></td>";
                else
                    o << "<td>" << format_value(c.baseline, c.unit) << "</td><td>" << format_value(c.current, c.unit)
                      << "</td><td>" << pct_text(c.change_pct) << "</td><td>" << threshold_text(c.threshold_pct)
                      << "</td>";
                o << "<td class=\"l\">" << (cls.empty() ? "within threshold" : cls) << "</td></tr>\n";
            }
            if (pass == 1 || reg + imp) o << "</table>\n";
            if (pass == 1) o << "</details>\n";
        }
        if (!cmp->unmatched.empty()) {
            o << "<p>Not in the baseline:";
            for (const std::string& u : cmp->unmatched) o << " " << html_escape(u) << ";";
            o << "</p>\n";
        }
    }

    o << "<h2>Results</h2>\n<table><tr><th class=\"l\">" << (d.kind == report_data::sweep ? "point" : "run") << "</th>";
    for (const std::string& k : d.parameters) o << "<th class=\"l\">" << html_escape(k) << "</th>";
    o << "<th class=\"l\">result</th><th>cells</th><th>errored</th>";
    for (auto& m : table_metrics) {
        std::string name = m[0];
        o << "<th>" << name.substr(0, name.find('.') + 1) << "<br>" << name.substr(name.find('.') + 1) << "</th>";
    }
    o << "</tr>\n";
    for (const report_point& p : d.points) {
        std::string name = point_name(d, p);
        o << "<tr><td class=\"l\">" << (d.kind == report_data::sweep ? std::to_string(p.index) : "run") << "</td>";
        for (const std::string& k : d.parameters)
            o << "<td class=\"l\">" << html_escape(p.parameters.count(k) ? p.parameters.at(k) : "") << "</td>";
        auto rm = marks.find({name, "result"});
        o << "<td class=\"l " << (rm != marks.end() ? "regression" : "") << "\">" << html_escape(p.result)
          << (p.status > 1 ? " (status " + std::to_string(p.status) + ")" : "") << "</td><td>"
          << (p.cells ? std::to_string(*p.cells) : "-") << "</td><td>" << (p.errored ? std::to_string(*p.errored) : "-")
          << "</td>";
        for (auto& m : table_metrics) {
            auto mk = marks.find({name, m[0]});
            std::string cls = mk == marks.end() ? "" : verdict_class(mk->second->verdict);
            o << "<td class=\"" << cls << "\""
              << (cls.empty() ? "" : " title=\"" + html_escape(describe(*mk->second)) + "\"") << ">"
              << cell_text(p, m[0], m[1])
              << (cls.empty()           ? ""
                  : cls == "regression" ? " (worse)"
                                        : " (better)")
              << "</td>";
        }
        o << "</tr>\n";
    }
    o << "</table>\n<p>Errored cells: cells whose first boot was not healthy (recovery, boot failure, or no boot "
         "record) or booted another version than the update's desired one.</p>\n";

    o << "<h2>Plots</h2>\n<div class=\"plots\">\n";
    for (const section& s : plots) o << "<figure>\n" << s.body << "</figure>\n";
    o << "</div>\n<p>Made by <code>cellvp report</code>.</p>\n</body></html>\n";
    return o.str();
}

} // namespace

CLI::App* add_report_command(CLI::App& app, report_options& opt)
{
    CLI::App* cmd = app.add_subcommand(
        "report", "Write an HTML report with plots and a Markdown summary of sweep or run results; with --baseline, "
                  "mark every metric that moved beyond the threshold and exit 1 on a regression");
    cmd->add_option("results", opt.results, "A sweep folder or its results.json, or a run folder or its metrics.json")
        ->required();
    cmd->add_option("--baseline", opt.baseline,
                    "Results of the same kind to compare with (sweep points matched by their parameters)");
    cmd->add_option("--threshold", opt.compare.threshold_pct,
                    "Percent a simulated figure (latency, simulated time, bandwidth, failed cells) may move in the bad "
                    "direction before it is a regression")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--host-threshold", opt.compare.host_threshold_pct,
                    "The same for the host figures (host.wall_s, host.mips), which carry wall-clock noise")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--ignore-host", opt.compare.ignore_host, "Leave the host figures out of the comparison");
    cmd->add_option("--out", opt.out_dir, "Output folder: report.html, summary.md (default: RESULTS' folder/report)");
    cmd->add_flag("--quiet", opt.quiet, "Do not print the summary on stdout");
    cmd->footer("Exit status: 0 written, nothing regressed; 1 a regression against the baseline (each named on "
                "stderr); 125 unusable input (missing file, malformed JSON, a baseline of another kind). Plots, "
                "metrics and thresholds: README.md, `cellvp report`.");
    return cmd;
}

int run_report(const report_options& opt)
{
    report_data d, base;
    std::optional<comparison_result> cmp;
    try {
        d = load_report_data(opt.results);
        if (!opt.baseline.empty()) {
            base = load_report_data(opt.baseline);
            cmp = compare_results(d, base, opt.compare);
        }
    } catch (const report_error& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return 125;
    }
    std::string out =
        opt.out_dir.empty() ? (fs::path(d.folder.empty() ? "." : d.folder) / "report").string() : opt.out_dir;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) {
        std::cerr << "cellvp: cannot create " << out << ": " << ec.message() << "\n";
        return 125;
    }

    std::vector<section> plots;
    plots.push_back(bandwidth_plot(d));
    plots.push_back(latency_plot(d, false));
    plots.push_back(latency_plot(d, true));
    for (section& s : host_plots(d)) plots.push_back(std::move(s));
    const report_point* chosen = nullptr;
    plots.push_back(gantt_plot(d, &chosen));

    const std::string html_path = out + "/report.html", md_path = out + "/summary.md";
    std::string md = markdown_summary(d, cmp ? &base : nullptr, cmp ? &*cmp : nullptr, opt, html_path);
    size_t plotted = size_t(std::count_if(plots.begin(), plots.end(), [](auto& s) { return s.plotted; }));
    md += "Plots: " + std::to_string(plotted) + " of " + std::to_string(plots.size());
    for (const section& s : plots)
        if (!s.plotted) md += "; no " + s.title;
    md += ".\n";
    std::ofstream(html_path) << html_report(d, cmp ? &base : nullptr, cmp ? &*cmp : nullptr, opt, plots);
    std::ofstream(md_path) << md;
    if (!std::ifstream(html_path) || !std::ifstream(md_path)) {
        std::cerr << "cellvp: cannot write " << html_path << " or " << md_path << "\n";
        return 125;
    }
    if (!opt.quiet) std::cout << md << std::flush;
    if (cmp)
        for (const comparison& c : cmp->rows)
            if (c.verdict == comparison::regression)
                std::cerr << "cellvp: regression: " << describe(c) << (c.params.empty() ? "" : " [" + c.params + "]")
                          << "\n";
    return cmp && cmp->regressions() ? 1 : 0;
}

} // namespace cellvp
