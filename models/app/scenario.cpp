// Scenario files of `cellvp run`: see scenario.h and testbench/scenarios/README.md.
#include "app/scenario.h"

#include "app/run_events.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace cellvp {

namespace {

namespace fs = std::filesystem;

const char* type_name(const toml::node& n)
{
    switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number with a fraction";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
    }
}

std::string join(const std::vector<std::string>& words)
{
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

std::string fmt(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

// Reads tables field by field; every error names the file and line (or the --set option) and the field.
class reader {
public:
    std::string file;
    std::map<const toml::node*, std::string> origin;  // nodes set from the command line: their --set text
    std::map<const toml::node*, std::string> raw;     // and the raw value text, for string fields
    mutable std::map<std::string, std::string> where; // field -> "file:line" or "file: --set ...", for later errors

    std::string place(const toml::node* n) const
    {
        auto o = n ? origin.find(n) : origin.end();
        if (o != origin.end()) return file + ": --set " + o->second;
        if (n && n->source().begin.line) return file + ":" + std::to_string(n->source().begin.line);
        return file;
    }

    [[noreturn]] void fail(const toml::node* n, const std::string& field, const std::string& msg) const
    {
        throw scenario_error(place(n) + ": " + field + ": " + msg);
    }

    // Every key of `t` must be one of `known`.
    void only(const toml::table& t, const std::string& prefix, const std::vector<std::string>& known) const
    {
        for (auto&& [k, v] : t) {
            if (std::find(known.begin(), known.end(), std::string(k.str())) == known.end()) {
                // Names people reach for: the lane width is counted in bits (fabric.lane_bits).
                const std::string hint = k.str() == "lane_width" ? "; the lane width is lane_bits" : "";
                fail(&v, prefix + std::string(k.str()), "unknown field (known here: " + join(known) + ")" + hint);
            }
        }
    }

    const toml::table* table(const toml::table& t, const std::string& prefix, const char* key) const
    {
        const toml::node* n = t.get(key);
        if (!n) return nullptr;
        if (!n->is_table()) fail(n, prefix + key, std::string("expected a table, got ") + type_name(*n));
        return n->as_table();
    }

    template <typename T>
    void integer(const toml::table& t, const std::string& prefix, const char* key, T& out, int64_t lo, int64_t hi) const
    {
        const toml::node* n = t.get(key);
        if (!n) return;
        if (!n->is_integer()) fail(n, prefix + key, std::string("expected an integer, got ") + type_name(*n));
        int64_t v = n->as_integer()->get();
        where[prefix + key] = place(n);
        if (v < lo || v > hi)
            fail(n, prefix + key,
                 std::to_string(v) + " is out of range (" + std::to_string(lo) + " .. " + std::to_string(hi) + ")");
        out = T(v);
    }

    void number(const toml::table& t, const std::string& prefix, const char* key, double& out, double lo, double hi,
                bool lo_open = false) const
    {
        const toml::node* n = t.get(key);
        if (!n) return;
        if (!n->is_number()) fail(n, prefix + key, std::string("expected a number, got ") + type_name(*n));
        double v = n->is_integer() ? double(n->as_integer()->get()) : n->as_floating_point()->get();
        where[prefix + key] = place(n);
        if (!(lo_open ? v > lo : v >= lo) || !(v <= hi))
            fail(n, prefix + key,
                 fmt(v) + " is out of range (" + (lo_open ? "above " : "") + fmt(lo) + " .. " + fmt(hi) + ")");
        out = v;
    }

    void boolean(const toml::table& t, const std::string& prefix, const char* key, bool& out) const
    {
        const toml::node* n = t.get(key);
        if (!n) return;
        if (!n->is_boolean()) fail(n, prefix + key, std::string("expected true or false, got ") + type_name(*n));
        out = n->as_boolean()->get();
    }

    // A string field; a --set value that parsed as another type (1.1) counts as its text.
    const toml::node* string(const toml::table& t, const std::string& prefix, const char* key, std::string& out) const
    {
        const toml::node* n = t.get(key);
        if (!n) return nullptr;
        auto r = raw.find(n);
        if (n->is_string())
            out = n->as_string()->get();
        else if (r != raw.end())
            out = r->second;
        else
            fail(n, prefix + key, std::string("expected a string, got ") + type_name(*n));
        return n;
    }

    void choice(const toml::table& t, const std::string& prefix, const char* key, std::string& out,
                const std::vector<std::string>& options) const
    {
        std::string v;
        const toml::node* n = string(t, prefix, key, v);
        if (!n) return;
        if (std::find(options.begin(), options.end(), v) == options.end())
            fail(n, prefix + key, "'" + v + "' is not one of " + join(options));
        out = v;
    }

    void version(const toml::table& t, const std::string& prefix, const char* key,
                 std::optional<std::string>& out) const
    {
        std::string v;
        const toml::node* n = string(t, prefix, key, v);
        if (!n) return;
        std::optional<std::string> norm = normalize_version(v);
        if (!norm) fail(n, prefix + key, "'" + v + "' is not a version (MAJOR.MINOR[.PATCH][+BUILD], or none)");
        out = norm;
    }
};

// `--set a.b.c=value` into the document. "cells.N.field" addresses the [[cells]] entry with id N (added when
// missing).
void apply_override(toml::table& doc, const std::string& spec, reader& rd)
{
    size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
        throw scenario_error(rd.file + ": --set " + spec +
                             ": expected KEY=VALUE (KEY a dotted path like system.cells)");
    std::string key = spec.substr(0, eq), text = spec.substr(eq + 1);
    std::vector<std::string> path;
    for (size_t s = 0;;) {
        size_t dot = key.find('.', s);
        path.push_back(key.substr(s, dot == std::string::npos ? dot : dot - s));
        if (path.back().empty()) throw scenario_error(rd.file + ": --set " + spec + ": empty part in the key");
        if (dot == std::string::npos) break;
        s = dot + 1;
    }
    toml::table value_doc;
    try {
        value_doc = toml::parse("v = " + text);
    } catch (const toml::parse_error&) {
        value_doc = toml::table{{"v", text}}; // not TOML: a bare string (tree, cellfw-1.0)
    }
    toml::table* at = &doc;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
        const std::string& part = path[i];
        toml::node* n = at->get(part);
        if (part == "cells" && (!n || n->is_array())) {
            // cells.ID.field
            char* end = nullptr;
            long id = std::strtol(path[i + 1].c_str(), &end, 10);
            if (*end || id < 0 || i + 2 >= path.size())
                throw scenario_error(rd.file + ": --set " + spec + ": expected cells.ID.FIELD");
            if (!n) n = at->insert_or_assign("cells", toml::array{}).first->second.as_array();
            toml::array& arr = *at->get("cells")->as_array();
            toml::table* entry = nullptr;
            for (toml::node& e : arr)
                if (e.is_table() && e.as_table()->get("id") && e.as_table()->get("id")->value<int64_t>() == id)
                    entry = e.as_table();
            if (!entry) {
                arr.push_back(toml::table{{"id", int64_t(id)}});
                entry = arr.back().as_table();
            }
            at = entry;
            ++i;
            continue;
        }
        if (!n) n = at->insert_or_assign(part, toml::table{}).first->second.as_table();
        if (!n->is_table()) throw scenario_error(rd.file + ": --set " + spec + ": " + part + " is not a table");
        at = at->get(part)->as_table();
    }
    value_doc.get("v")->visit([&](auto&& v) { at->insert_or_assign(path.back(), v); });
    const toml::node* set = at->get(path.back());
    rd.origin[set] = spec;
    rd.raw[set] = text;
}

slot_content resolve_slot(const reader& rd, const toml::node* n, const std::string& field, const std::string& spec,
                          const std::string& images_dir, const fs::path& base)
{
    slot_content s;
    s.spec = spec;
    if (spec == "empty") return s;
    std::string name = spec;
    s.what = slot_content::kind::image;
    if (name.rfind("corrupt:", 0) == 0) {
        s.what = slot_content::kind::corrupt;
        name = name.substr(8);
    }
    bool is_path = name.find('/') != std::string::npos || (name.size() > 4 && name.substr(name.size() - 4) == ".img");
    if (name.empty()) rd.fail(n, field, "'" + spec + "': expected empty, a release name, corrupt:NAME or an .img path");
    if (is_path) {
        fs::path p(name);
        if (p.is_relative()) p = base / p;
        s.path = p.lexically_normal().string();
        if (!fs::is_regular_file(s.path)) rd.fail(n, field, "'" + spec + "': no such image file " + s.path);
    } else {
        s.path = (fs::path(images_dir) / (name + ".img")).string();
        if (!fs::is_regular_file(s.path))
            rd.fail(n, field,
                    "'" + spec + "': no release " + name + " (no " + s.path + "; --images DIR sets the folder)");
    }
    return s;
}

const std::vector<std::string> cell_fields = {"slot_a",  "slot_b",         "active",       "auto_update",
                                              "console", "expect_version", "expect_state", "link_dead"};

void read_cell(const reader& rd, const toml::table& t, const std::string& prefix, scenario_cell& c,
               const std::string& images_dir, const fs::path& base)
{
    std::string s;
    if (const toml::node* n = rd.string(t, prefix, "slot_a", s))
        c.slot_a = resolve_slot(rd, n, prefix + "slot_a", s, images_dir, base);
    if (const toml::node* n = rd.string(t, prefix, "slot_b", s))
        c.slot_b = resolve_slot(rd, n, prefix + "slot_b", s, images_dir, base);
    std::string active = c.active ? "B" : "A";
    rd.choice(t, prefix, "active", active, {"A", "B"});
    c.active = active == "B";
    if (t.get("auto_update")) {
        bool flag = false;
        rd.boolean(t, prefix, "auto_update", flag);
        c.auto_update = flag;
    }
    rd.boolean(t, prefix, "link_dead", c.link_dead);
    if (const toml::node* n = t.get("console")) {
        if (!n->is_array())
            rd.fail(n, prefix + "console", std::string("expected an array of {at_ms, text}, got ") + type_name(*n));
        c.console.clear();
        size_t i = 0;
        for (const toml::node& e : *n->as_array()) {
            std::string field = prefix + "console[" + std::to_string(i++) + "]";
            if (!e.is_table())
                rd.fail(&e, field, std::string("expected {at_ms = MS, text = \"...\"}, got ") + type_name(e));
            const toml::table& step = *e.as_table();
            rd.only(step, field + ".", {"at_ms", "text"});
            console_step cs;
            if (!step.get("at_ms") || !step.get("text")) rd.fail(&e, field, "needs at_ms and text");
            rd.number(step, field + ".", "at_ms", cs.at_ms, 0, 3.6e6);
            rd.string(step, field + ".", "text", cs.text);
            c.console.push_back(cs);
        }
    }
    rd.version(t, prefix, "expect_version", c.expect_version);
    std::string state;
    rd.choice(t, prefix, "expect_state", state, {"healthy", "recovery", "boot_failure"});
    if (!state.empty()) c.expect_state = state;
}

} // namespace

scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                       const std::string& images_dir)
{
    reader rd;
    rd.file = path;
    toml::table doc;
    if (!fs::is_regular_file(path)) throw scenario_error(path + ": no such scenario file");
    try {
        doc = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw scenario_error(path + ":" + std::to_string(e.source().begin.line) +
                             ": not valid TOML: " + std::string(e.description()));
    }
    for (const std::string& o : overrides) apply_override(doc, o, rd);

    scenario sc;
    sc.file = path;
    fs::path base = fs::path(path).parent_path();
    rd.only(doc, "", {"system", "fabric", "mgmt", "update", "all_cells", "cells", "expect"});

    if (const toml::table* t = rd.table(doc, "", "system")) {
        rd.only(*t, "system.",
                {"cells", "harts", "clock_mhz", "max_time_s", "until", "settle_ms", "quantum_us", "seed"});
        rd.integer(*t, "system.", "cells", sc.cells, 1, 64);
        rd.integer(*t, "system.", "harts", sc.harts, 1, 4);
        rd.number(*t, "system.", "clock_mhz", sc.clock_mhz, 1, 10000);
        rd.number(*t, "system.", "max_time_s", sc.max_time_s, 0, 3600, true);
        rd.choice(*t, "system.", "until", sc.until, {"update_end", "all_booted", "max_time"});
        rd.number(*t, "system.", "settle_ms", sc.settle_ms, 0, 60000);
        rd.number(*t, "system.", "quantum_us", sc.quantum_us, 0.001, 1000);
        rd.integer(*t, "system.", "seed", sc.seed, 0, INT64_MAX);
    }
    if (const toml::table* t = rd.table(doc, "", "fabric")) {
        rd.only(*t, "fabric.", {"lane_bits", "clock_mhz", "ber", "max_payload"});
        rd.integer(*t, "fabric.", "lane_bits", sc.lane_bits, 1, 1024);
        rd.number(*t, "fabric.", "clock_mhz", sc.fabric_clock_mhz, 1, 4000);
        rd.number(*t, "fabric.", "ber", sc.ber, 0, 0.01);
        rd.integer(*t, "fabric.", "max_payload", sc.max_payload, 64, 4096);
        if (sc.max_payload % 4) rd.fail(t->get("max_payload"), "fabric.max_payload", "must be a multiple of 4");
    }
    if (const toml::table* t = rd.table(doc, "", "mgmt")) {
        rd.only(*t, "mgmt.", {"bit_rate_hz", "corrupt_rate"});
        rd.integer(*t, "mgmt.", "bit_rate_hz", sc.bit_rate_hz, 100000, 12500000);
        rd.number(*t, "mgmt.", "corrupt_rate", sc.corrupt_rate, 0, 1);
    }
    if (const toml::table* t = rd.table(doc, "", "update")) {
        rd.only(*t, "update.", {"cell", "flow", "strategy", "reset_self", "force", "desired"});
        rd.integer(*t, "update.", "cell", sc.update_cell, 0, int64_t(sc.cells) - 1);
        rd.choice(*t, "update.", "flow", sc.flow, {"menu", "auto-ack", "auto-noack"});
        rd.choice(*t, "update.", "strategy", sc.strategy, {"sequential", "parallel", "tree"});
        rd.boolean(*t, "update.", "reset_self", sc.reset_self);
        rd.boolean(*t, "update.", "force", sc.force);
        rd.choice(*t, "update.", "desired", sc.desired, {"own", "majority"});
    }

    scenario_cell all;
    std::optional<std::string> all_version;
    std::string all_state;
    if (const toml::table* t = rd.table(doc, "", "expect")) {
        rd.only(*t, "expect.", {"result", "version_after", "state", "max_latency_s"});
        rd.choice(*t, "expect.", "result", sc.expect_result, {"ok", "fail", "any"});
        rd.version(*t, "expect.", "version_after", all_version);
        rd.choice(*t, "expect.", "state", all_state, {"healthy", "recovery", "boot_failure"});
        double lat = 0;
        if (t->get("max_latency_s")) {
            rd.number(*t, "expect.", "max_latency_s", lat, 0, 3600, true);
            sc.expect_max_latency_s = lat;
        }
    }
    all.expect_version = all_version;
    if (!all_state.empty()) all.expect_state = all_state;
    if (const toml::table* t = rd.table(doc, "", "all_cells")) {
        rd.only(*t, "all_cells.", cell_fields);
        read_cell(rd, *t, "all_cells.", all, images_dir, base);
    }
    sc.cell.assign(sc.cells, all);
    for (unsigned i = 0; i < sc.cells; ++i) sc.cell[i].id = i;
    if (const toml::node* n = doc.get("cells")) {
        if (!n->is_array())
            rd.fail(n, "cells",
                    std::string("expected [[cells]] entries, got ") + type_name(*n) +
                        (n->is_integer() ? " (the number of cells is system.cells)" : ""));
        std::set<int64_t> seen;
        size_t i = 0;
        for (const toml::node& e : *n->as_array()) {
            std::string field = "cells[" + std::to_string(i++) + "]";
            if (!e.is_table()) rd.fail(&e, field, std::string("expected a table, got ") + type_name(e));
            const toml::table& t = *e.as_table();
            std::vector<std::string> known = cell_fields;
            known.insert(known.begin(), "id");
            rd.only(t, field + ".", known);
            if (!t.get("id")) rd.fail(&e, field + ".id", "missing (each [[cells]] entry names its cell)");
            int64_t id = 0;
            rd.integer(t, field + ".", "id", id, 0, int64_t(sc.cells) - 1);
            if (!seen.insert(id).second)
                rd.fail(t.get("id"), field + ".id", "cell " + std::to_string(id) + " listed twice");
            read_cell(rd, t, "cells[id=" + std::to_string(id) + "].", sc.cell[size_t(id)], images_dir, base);
        }
    }
    sc.where = rd.where;
    return sc;
}

} // namespace cellvp
