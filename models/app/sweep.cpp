// `cellvp sweep`: see sweep.h.
#include "app/sweep.h"

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace cellvp {

namespace {

std::string where(const std::string& file, const toml::node& n, const std::string& field)
{
    return file + ":" + std::to_string(n.source().begin.line) + ": " + field + ": ";
}

// A TOML value as --set text (strings bare, numbers as TOML writes them).
std::string as_text(const std::string& file, const toml::node& v, const std::string& field)
{
    if (auto s = v.value<std::string>(); s && v.is_string()) return *s;
    if (v.is_integer()) return std::to_string(*v.value<int64_t>());
    if (v.is_floating_point()) {
        std::ostringstream o;
        o << std::setprecision(17) << *v.value<double>();
        return o.str();
    }
    if (v.is_boolean()) return *v.value<bool>() ? "true" : "false";
    throw std::runtime_error(where(file, v, field) + "values must be strings, numbers or booleans");
}

} // namespace

sweep_spec read_sweep(const std::string& path)
{
    sweep_spec spec;
    spec.file = path;
    toml::table doc;
    try {
        doc = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(path + ":" + std::to_string(e.source().begin.line) + ": not valid TOML: " +
                                 std::string(e.description()));
    }
    for (auto&& [k, v] : doc)
        if (k.str() != "base" && k.str() != "vary")
            throw std::runtime_error(where(path, v, std::string(k.str())) + "unknown field (base, vary)");
    const toml::node* base = doc.get("base");
    if (!base || !base->is_string()) throw std::runtime_error(path + ": base: required, a scenario file");
    spec.base = (fs::path(path).parent_path() / *base->value<std::string>()).string();
    if (!fs::exists(spec.base))
        throw std::runtime_error(where(path, *base, "base") + "no such scenario file " + spec.base);
    const toml::node* vary = doc.get("vary");
    if (!vary || !vary->is_table() || vary->as_table()->empty())
        throw std::runtime_error(path + ": vary: required, a table of parameters and their values");
    for (auto&& [k, v] : *vary->as_table()) {
        std::string key(k.str()), field = "vary." + key;
        std::vector<std::string> values;
        if (v.is_array()) {
            for (const toml::node& e : *v.as_array()) values.push_back(as_text(path, e, field));
        } else if (v.is_table()) {
            const toml::table& r = *v.as_table();
            for (auto&& [rk, rv] : r)
                if (rk.str() != "from" && rk.str() != "to" && rk.str() != "step")
                    throw std::runtime_error(where(path, rv, field + "." + std::string(rk.str())) +
                                             "unknown field (from, to, step)");
            auto num = [&](const char* n) {
                const toml::node* x = r.get(n);
                if (!x || !(x->is_integer() || x->is_floating_point()))
                    throw std::runtime_error(where(path, v, field) + "a range needs numbers from, to and step");
                return x->is_integer() ? double(*x->value<int64_t>()) : *x->value<double>();
            };
            double from = num("from"), to = num("to"), step = num("step");
            if (!(step > 0) || to < from || (to - from) / step > 10000)
                throw std::runtime_error(where(path, v, field) + "a range needs step > 0, to >= from, at most 10000 values");
            bool integers = r.get("from")->is_integer() && r.get("step")->is_integer();
            for (double x = from; x <= to + 1e-9 * step; x += step) {
                std::ostringstream o;
                if (integers) o << int64_t(std::llround(x));
                else o << std::setprecision(15) << x;
                values.push_back(o.str());
            }
        } else {
            throw std::runtime_error(where(path, v, field) + "expected a list of values or a range {from, to, step}");
        }
        if (values.empty()) throw std::runtime_error(where(path, v, field) + "no values");
        spec.parameters.emplace_back(key, values);
    }
    return spec;
}

std::vector<std::vector<std::string>> sweep_points(const sweep_spec& spec)
{
    std::vector<std::vector<std::string>> points{{}};
    for (const auto& [key, values] : spec.parameters) {
        std::vector<std::vector<std::string>> next;
        for (const auto& p : points)
            for (const std::string& v : values) {
                auto q = p;
                q.push_back(key + "=" + v);
                next.push_back(q);
            }
        points = next;
    }
    return points;
}

namespace {

pid_t start(const sweep_options& opt, const sweep_spec& spec, const std::vector<std::string>& sets,
            const std::string& out)
{
    std::vector<std::string> args = {opt.cellvp, "run", spec.base, "--out", out, "--quiet"};
    for (const std::string& s : sets) {
        args.push_back("--set");
        args.push_back(s);
    }
    args.insert(args.end(), opt.run_args.begin(), opt.run_args.end());
    fs::create_directories(out);
    pid_t pid = fork();
    if (pid == 0) {
        // The point's stderr (its failed expectations) goes to a file of its own.
        FILE* err = std::freopen((out + "/stderr.txt").c_str(), "w", stderr);
        FILE* so = std::freopen("/dev/null", "w", stdout);
        (void)err;
        (void)so;
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(opt.cellvp.c_str(), argv.data());
        _exit(127);
    }
    if (pid < 0) throw std::runtime_error("cannot start a process for a point");
    return pid;
}

std::string read_text(const std::string& path)
{
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

} // namespace

namespace {

// A word for a shell script, in single quotes.
std::string shell_quote(const std::string& s)
{
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

int write_slurm(const sweep_options& opt, const sweep_spec& spec, const std::vector<std::vector<std::string>>& points,
                const std::string& out)
{
    std::ofstream f(opt.slurm_script);
    if (!f) {
        std::cerr << "cellvp: cannot write " << opt.slurm_script << "\n";
        return 125;
    }
    fs::path abs_out = fs::absolute(out);
    f << "#!/bin/bash\n"
      << "# Slurm job array of the sweep " << opt.sweep_file << ": " << points.size() << " points, one per task.\n"
      << "# Submit with `sbatch " << opt.slurm_script << "`, then collect the table with\n"
      << "#   cellvp sweep " << opt.sweep_file << " --collect --out " << abs_out.string() << "\n"
      << "#SBATCH --job-name=cellvp-sweep\n"
      << "#SBATCH --array=0-" << points.size() - 1 << "\n"
      << "#SBATCH --cpus-per-task=1\n"
      << "#SBATCH --output=" << (abs_out / "slurm-%a.log").string() << "\n"
      << "set -u\n"
      << "task=${SLURM_ARRAY_TASK_ID:?run as a Slurm array task, or set SLURM_ARRAY_TASK_ID}\n"
      << "out=" << shell_quote((abs_out / "point-").string()) << "$task\n"
      << "mkdir -p \"$out\"\n"
      << "case $task in\n";
    for (size_t i = 0; i < points.size(); ++i) {
        f << "  " << i << ") sets=(";
        for (const std::string& s : points[i]) f << " --set " << shell_quote(s);
        f << " ) ;;\n";
    }
    f << "  *) echo \"no point $task\" >&2; exit 2 ;;\n"
      << "esac\n"
      << shell_quote(opt.cellvp) << " run " << shell_quote(fs::absolute(spec.base).string()) << " --out \"$out\" --quiet";
    for (const std::string& a : opt.run_args) f << " " << shell_quote(a);
    f << " \"${sets[@]}\" 2> \"$out/stderr.txt\"\n"
      << "status=$?\n"
      << "echo $status > \"$out/status\"\n"
      << "exit $status\n";
    f.close();
    fs::permissions(opt.slurm_script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
    if (!opt.quiet)
        std::cout << "cellvp sweep: wrote " << opt.slurm_script << " (" << points.size() << " array tasks)\n";
    return 0;
}

} // namespace

int run_sweep(const sweep_options& opt)
{
    sweep_spec spec;
    try {
        spec = read_sweep(opt.sweep_file);
    } catch (const std::exception& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return 125;
    }
    const auto points = sweep_points(spec);
    const std::string out = opt.out_dir.empty() ? "out/" + fs::path(opt.sweep_file).stem().string() : opt.out_dir;
    fs::create_directories(out);
    unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
    const bool progress = !opt.quiet && isatty(STDOUT_FILENO);
    if (!opt.slurm_script.empty()) return write_slurm(opt, spec, points, out);

    std::vector<int> status(points.size(), -1);
    std::map<pid_t, size_t> running;
    size_t next = 0, done = 0, failed = 0;
    auto t0 = std::chrono::steady_clock::now();
    if (opt.collect_only) {
        for (size_t i = 0; i < points.size(); ++i) {
            std::ifstream st(out + "/point-" + std::to_string(i) + "/status");
            if (!(st >> status[i])) status[i] = -1;
            if (status[i] != 0) {
                ++failed;
                std::cerr << "cellvp: sweep point " << i << " failed (status " << status[i] << "): "
                          << read_text(out + "/point-" + std::to_string(i) + "/stderr.txt");
            }
        }
        done = points.size();
    }
    while (done < points.size()) {
        while (running.size() < jobs && next < points.size()) {
            running[start(opt, spec, points[next], out + "/point-" + std::to_string(next))] = next;
            ++next;
        }
        int ws = 0;
        pid_t pid = waitpid(-1, &ws, 0);
        if (pid < 0) break;
        auto it = running.find(pid);
        if (it == running.end()) continue;
        size_t i = it->second;
        running.erase(it);
        status[i] = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
        std::ofstream(out + "/point-" + std::to_string(i) + "/status") << status[i] << "\n";
        ++done;
        if (status[i] != 0) {
            ++failed;
            std::string why = read_text(out + "/point-" + std::to_string(i) + "/stderr.txt");
            std::cerr << (progress ? "\r\033[K" : "") << "cellvp: sweep point " << i << " failed (status " << status[i]
                      << "): " << (why.empty() ? "no message\n" : why);
        }
        if (progress) {
            double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            double left = done ? el / double(done) * double(points.size() - done) : 0;
            std::cout << "\r\033[K" << "cellvp sweep: " << done << "/" << points.size() << " points done, "
                      << running.size() << " running, " << failed << " failed, about " << int(left + 0.5)
                      << " s left" << std::flush;
        }
    }
    if (progress) std::cout << "\r\033[K" << std::flush;

    // The table: one row per point, the parameters and the figures of its metrics.json.
    nlohmann::json rows = nlohmann::json::array();
    std::ofstream csv(out + "/results.csv");
    csv << "point";
    for (const auto& [key, values] : spec.parameters) csv << "," << key;
    csv << ",status,result,update.latency_s,sim.time_s,fabric.payload_bandwidth_Bps,fabric.line_rate_Bps,"
           "update.ok,update.failed,host.wall_s\n";
    for (size_t i = 0; i < points.size(); ++i) {
        nlohmann::json row = {{"point", i}, {"status", status[i]}};
        nlohmann::json m;
        std::ifstream f(out + "/point-" + std::to_string(i) + "/metrics.json");
        if (f) {
            try {
                f >> m;
            } catch (const std::exception&) {
                m = nullptr;
            }
        }
        auto get = [&](const char* a, const char* b) -> nlohmann::json {
            if (m.is_object() && m.contains(a) && m[a].is_object() && m[a].contains(b)) return m[a][b];
            return nullptr;
        };
        for (size_t k = 0; k < spec.parameters.size(); ++k)
            row["parameters"][spec.parameters[k].first] = points[i][k].substr(spec.parameters[k].first.size() + 1);
        row["result"] = m.is_object() && m.contains("result") ? m["result"] : nlohmann::json("none");
        row["update.latency_s"] = get("update", "latency_s");
        row["sim.time_s"] = get("sim", "time_s");
        row["fabric.payload_bandwidth_Bps"] = get("fabric", "payload_bandwidth_Bps");
        row["fabric.line_rate_Bps"] = get("fabric", "line_rate_Bps");
        row["update.ok"] = get("update", "ok");
        row["update.failed"] = get("update", "failed");
        row["host.wall_s"] = get("host", "wall_s");
        if (m.is_object() && m.contains("reasons")) row["reasons"] = m["reasons"];
        rows.push_back(row);
        auto cell = [](const nlohmann::json& v) { return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump(); };
        csv << i;
        for (size_t k = 0; k < spec.parameters.size(); ++k) csv << "," << row["parameters"][spec.parameters[k].first].get<std::string>();
        csv << "," << status[i] << "," << cell(row["result"]) << "," << cell(row["update.latency_s"]) << ","
            << cell(row["sim.time_s"]) << "," << cell(row["fabric.payload_bandwidth_Bps"]) << ","
            << cell(row["fabric.line_rate_Bps"]) << "," << cell(row["update.ok"]) << "," << cell(row["update.failed"])
            << "," << cell(row["host.wall_s"]) << "\n";
    }
    std::ofstream(out + "/results.json") << std::setw(1) << nlohmann::json{{"sweep", opt.sweep_file}, {"base", spec.base}, {"points", rows}} << "\n";
    if (!opt.quiet)
        std::cout << "cellvp sweep " << opt.sweep_file << ": " << points.size() << " points, " << failed << " failed; "
                  << out << "/results.csv\n";
    return failed ? 1 : 0;
}

} // namespace cellvp
