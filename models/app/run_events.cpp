// Event records of the firmware and the run's timeline: see run_events.h.
#include "app/run_events.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace cellvp {

namespace {

bool is_uint(std::string_view s)
{
    return !s.empty() && s.size() <= 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct field_rule {
    const char* key;
    bool required;
    bool (*valid)(std::string_view);
    const char* expected;
};

bool any_text(std::string_view s)
{
    return !s.empty();
}
bool a_version(std::string_view s)
{
    return s == "none" || normalize_version(s).has_value();
}
bool a_desired(std::string_view s)
{
    return normalize_version(s).has_value();
}
bool a_state(std::string_view s)
{
    return s == "healthy" || s == "recovery" || s == "boot_failure";
}
bool a_slot(std::string_view s)
{
    return s == "A" || s == "B" || s == "none";
}
bool a_strategy(std::string_view s)
{
    return s == "sequential" || s == "parallel" || s == "tree";
}
bool a_flow(std::string_view s)
{
    return s == "menu" || s == "auto-ack" || s == "auto-noack";
}
bool a_phase(std::string_view s)
{
    for (const char* n : {"message", "training", "transfer", "verify", "erase", "program", "reset"})
        if (s == n) return true;
    return false;
}
bool an_edge(std::string_view s)
{
    return s == "start" || s == "end";
}
bool a_result(std::string_view s)
{
    return s == "ok" || s == "fail";
}
bool an_id_list(std::string_view s)
{
    if (s == "none") return true;
    size_t start = 0;
    while (true) {
        size_t comma = s.find(',', start);
        if (!is_uint(s.substr(start, comma == std::string_view::npos ? comma : comma - start))) return false;
        if (comma == std::string_view::npos) return true;
        start = comma + 1;
    }
}

const std::map<std::string, std::vector<field_rule>>& rules()
{
    static const std::map<std::string, std::vector<field_rule>> r = {
        {"boot",
         {{"cell", true, is_uint, "a cell id"},
          {"state", true, a_state, "healthy, recovery or boot_failure"},
          {"version", true, a_version, "M.m.p+b or none"},
          {"slot", true, a_slot, "A, B or none"},
          {"reason", true, any_text, "a reason"},
          {"boot_us", true, is_uint, "microseconds"}}},
        {"rendezvous",
         {{"cell", true, is_uint, "a cell id"},
          {"desired", true, a_desired, "M.m.p+b"},
          {"errored", true, an_id_list, "a comma list of cell ids or none"}}},
        {"update_start",
         {{"cell", true, is_uint, "a cell id"},
          {"target", true, is_uint, "a cell id"},
          {"strategy", true, a_strategy, "sequential, parallel or tree"},
          {"flow", true, a_flow, "menu, auto-ack or auto-noack"}}},
        {"phase",
         {{"cell", true, is_uint, "a cell id"},
          {"target", true, is_uint, "a cell id"},
          {"name", true, a_phase, "message, training, transfer, verify, erase, program or reset"},
          {"edge", true, an_edge, "start or end"},
          {"bytes", false, is_uint, "a byte count"}}},
        {"update_done",
         {{"cell", true, is_uint, "a cell id"},
          {"target", true, is_uint, "a cell id"},
          {"result", true, a_result, "ok or fail"},
          {"reason", true, any_text, "a reason"}}},
        {"update_end",
         {{"cell", true, is_uint, "a cell id"},
          {"ok", true, is_uint, "a count"},
          {"failed", true, is_uint, "a count"}}},
    };
    return r;
}

uint32_t id_of(const std::string& s)
{
    return uint32_t(std::strtoul(s.c_str(), nullptr, 10));
}

} // namespace

std::optional<std::string> normalize_version(std::string_view text)
{
    if (text == "none") return std::string("none");
    unsigned long part[4] = {0, 0, 0, 0};
    std::string_view rest = text;
    size_t plus = rest.find('+');
    std::string_view nums = rest.substr(0, plus);
    if (plus != std::string_view::npos) {
        std::string_view b = rest.substr(plus + 1);
        if (!is_uint(b) || b.size() > 10) return std::nullopt;
        part[3] = std::strtoul(std::string(b).c_str(), nullptr, 10);
    }
    int n = 0;
    size_t start = 0;
    while (true) {
        size_t dot = nums.find('.', start);
        std::string_view p = nums.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (!is_uint(p) || p.size() > 5 || n == 3) return std::nullopt;
        part[n++] = std::strtoul(std::string(p).c_str(), nullptr, 10);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (n < 2 || part[0] > 255 || part[1] > 255 || part[2] > 65535 || part[3] > 0xFFFFFFFFul) return std::nullopt;
    return std::to_string(part[0]) + "." + std::to_string(part[1]) + "." + std::to_string(part[2]) + "+" +
           std::to_string(part[3]);
}

std::optional<run_event> parse_event(std::string_view line, std::string& error)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    if (line.substr(0, event_prefix.size()) != event_prefix) {
        error = "not an event record (no '@ev ' prefix)";
        return std::nullopt;
    }
    line.remove_prefix(event_prefix.size());
    std::vector<std::string_view> words;
    for (size_t i = 0; i < line.size();) {
        if (line[i] == ' ') {
            ++i;
            continue;
        }
        size_t end = line.find(' ', i);
        if (end == std::string_view::npos) end = line.size();
        words.push_back(line.substr(i, end - i));
        i = end;
    }
    if (words.empty()) {
        error = "no event kind";
        return std::nullopt;
    }
    run_event ev;
    ev.kind = std::string(words[0]);
    auto rule = rules().find(ev.kind);
    if (rule == rules().end()) {
        error = "unknown event kind '" + ev.kind + "'";
        return std::nullopt;
    }
    for (size_t i = 1; i < words.size(); ++i) {
        size_t eq = words[i].find('=');
        if (eq == std::string_view::npos || eq == 0) {
            error = ev.kind + ": '" + std::string(words[i]) + "' is not key=value";
            return std::nullopt;
        }
        std::string key(words[i].substr(0, eq));
        if (!ev.fields.emplace(key, std::string(words[i].substr(eq + 1))).second) {
            error = ev.kind + ": field '" + key + "' given twice";
            return std::nullopt;
        }
    }
    for (const field_rule& f : rule->second) {
        auto it = ev.fields.find(f.key);
        if (it == ev.fields.end()) {
            if (!f.required) continue;
            error = ev.kind + ": field '" + f.key + "' missing";
            return std::nullopt;
        }
        if (!f.valid(it->second)) {
            error = ev.kind + ": " + f.key + "='" + it->second + "': expected " + f.expected;
            return std::nullopt;
        }
        if (f.valid == a_version || f.valid == a_desired) it->second = *normalize_version(it->second);
    }
    return ev;
}

void run_timeline::add(double t, const run_event& ev)
{
    if (ev.kind == "boot") {
        cell_timeline& c = m_cells[id_of(ev.at("cell"))];
        c.boots.push_back({t, ev.at("state"), ev.at("version"), ev.at("slot"), ev.at("reason"),
                           std::strtoull(ev.at("boot_us").c_str(), nullptr, 10)});
    } else if (ev.kind == "rendezvous") {
        m_desired = ev.at("desired");
        m_cells[id_of(ev.at("cell"))];
    } else if (ev.kind == "update_start") {
        if (!m_update_start) m_update_start = t;
        uint32_t target = id_of(ev.at("target"));
        if (std::find(m_targets.begin(), m_targets.end(), target) == m_targets.end()) m_targets.push_back(target);
        m_cells[target];
    } else if (ev.kind == "phase") {
        cell_timeline& c = m_cells[id_of(ev.at("target"))];
        const std::string& name = ev.at("name");
        if (ev.at("edge") == "start") {
            c.phases.push_back({name, t, -1, 0});
        } else {
            auto open = std::find_if(c.phases.rbegin(), c.phases.rend(),
                                     [&](const phase_span& p) { return p.name == name && p.end_s < 0; });
            if (open == c.phases.rend()) {
                c.phases.push_back({name, -1, t, 0}); // an end without its start: kept, so it shows
                open = c.phases.rbegin();
            }
            open->end_s = t;
            auto bytes = ev.fields.find("bytes");
            if (bytes != ev.fields.end()) open->bytes = std::strtoull(bytes->second.c_str(), nullptr, 10);
        }
    } else if (ev.kind == "update_done") {
        cell_timeline& c = m_cells[id_of(ev.at("target"))];
        c.result = ev.at("result");
        c.reason = ev.at("reason");
    } else if (ev.kind == "update_end") {
        m_update_end = t;
        m_ok = unsigned(std::strtoul(ev.at("ok").c_str(), nullptr, 10));
        m_failed = unsigned(std::strtoul(ev.at("failed").c_str(), nullptr, 10));
    }
}

const cell_timeline* run_timeline::cell(uint32_t id) const
{
    auto it = m_cells.find(id);
    return it == m_cells.end() ? nullptr : &it->second;
}

bool run_timeline::reboot_pending(uint32_t id) const
{
    const cell_timeline* c = cell(id);
    if (!c) return false;
    double last_boot = c->boots.empty() ? -1 : c->boots.back().t_s;
    for (const phase_span& p : c->phases)
        if (p.name == "reset" && p.end_s >= 0 && p.end_s > last_boot) return true;
    return false;
}

std::vector<phase_span> run_timeline::phases_with_boot(uint32_t id) const
{
    const cell_timeline* c = cell(id);
    if (!c) return {};
    std::vector<phase_span> out;
    for (const phase_span& p : c->phases) {
        out.push_back(p);
        if (p.name != "reset" || p.end_s < 0) continue;
        auto next = std::find_if(c->boots.begin(), c->boots.end(),
                                 [&](const cell_timeline::boot& b) { return b.t_s >= p.end_s; });
        out.push_back({"boot", p.end_s, next == c->boots.end() ? -1 : next->t_s, 0});
    }
    return out;
}

std::optional<double> run_timeline::latency_s(double from_s) const
{
    if (m_targets.empty() || !m_desired) return std::nullopt;
    double last = from_s;
    for (uint32_t id : m_targets) {
        const cell_timeline* c = cell(id);
        auto b = std::find_if(c->boots.begin(), c->boots.end(), [&](const cell_timeline::boot& x) {
            return x.t_s >= from_s && x.version == *m_desired && x.state == "healthy";
        });
        if (b == c->boots.end()) return std::nullopt;
        last = std::max(last, b->t_s);
    }
    return last - from_s;
}

uint64_t run_timeline::transfer_bytes() const
{
    uint64_t n = 0;
    for (const auto& [id, c] : m_cells)
        for (const phase_span& p : c.phases)
            if (p.name == "transfer") n += p.bytes;
    return n;
}

double run_timeline::transfer_s() const
{
    double s = 0;
    for (const auto& [id, c] : m_cells)
        for (const phase_span& p : c.phases)
            if (p.name == "transfer" && p.start_s >= 0 && p.end_s >= p.start_s) s += p.end_s - p.start_s;
    return s;
}

} // namespace cellvp
