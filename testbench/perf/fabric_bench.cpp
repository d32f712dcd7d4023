// Fabric bandwidth and host-speed benchmark, one point per process (SystemC elaborates once): synthetic
// flows of memory writes through the switch; prints one JSON object with the achieved payload bandwidth,
// the line rate, their ratio, the ratio the framing arithmetic predicts, packet latency and host speed.
// testbench/perf/fabric_bandwidth.py sweeps it. Run on a Release build.
#include "fabric_traffic.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

using namespace cellvp;
using sc_core::sc_time;

int sc_main(int argc, char* argv[])
{
    fabric::fabric_config cfg;
    cfg.ports = 16;
    unsigned payload = 256, flows = 1;
    double mib = 16;
    std::string pattern = "parallel";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--ports") cfg.ports = std::stoul(v);
        else if (k == "--lane-bits") cfg.lane_bits = std::stoul(v);
        else if (k == "--clock-mhz") cfg.clock_mhz = std::stod(v);
        else if (k == "--payload") payload = std::stoul(v);
        else if (k == "--flows") flows = std::stoul(v);
        else if (k == "--mib") mib = std::stod(v);
        else if (k == "--pattern") pattern = v;
        else if (k == "--ber") cfg.ber_up = cfg.ber_down = std::stod(v);
        else if (k == "--seed") cfg.seed = std::stoull(v);
        else if (k == "--verilator-eval") cfg.verilator_eval = v == "1"; // 1: clock through eval() (A/B figures)
        else {
            std::cerr << "fabric_bench: unknown option " << k << "\n";
            return 2;
        }
    }
    if (payload < 8 || payload > 4096 || payload % 4 || flows < 1 ||
        (pattern == "parallel" ? 2 * flows > cfg.ports : flows + 1 > cfg.ports) ||
        (pattern != "parallel" && pattern != "incast")) {
        std::cerr << "fabric_bench: bad point (payload 8..4096 in DWs; parallel needs 2*flows ports, incast flows+1)\n";
        return 2;
    }
    const uint64_t packets = static_cast<uint64_t>(mib * (1 << 20) / payload);

    fabric::fabric fab("fabric", cfg);
    std::vector<std::unique_ptr<test::traffic_port>> ports;
    std::vector<std::pair<unsigned, unsigned>> pairs; // (src, dst)
    for (unsigned f = 0; f < flows; ++f)
        pairs.emplace_back(pattern == "parallel" ? 2 * f : f + 1, pattern == "parallel" ? 2 * f + 1 : 0);
    for (unsigned p = 0; p < cfg.ports; ++p) {
        std::vector<test::traffic_flow> fl;
        for (auto& [s, d] : pairs)
            if (s == p)
                fl.push_back({d, payload, packets});
        ports.push_back(std::make_unique<test::traffic_port>(("port" + std::to_string(p)).c_str(), fab, p, fl));
    }

    auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start(sc_time(10, sc_core::SC_SEC));
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // The framing arithmetic (rtl/README.md): a TLP takes a start token (4 B), its header (12 B), the payload
    // and the LCRC (4 B), in whole DWs; the gearbox packs DWs into lane beats back to back at every lane width,
    // so no beat is padded.
    const unsigned framed = 4 + 12 + payload + 4;
    const double expected = double(payload) / framed;
    const double line = fab.line_rate_bytes_per_s();

    nlohmann::json out;
    out["ports"] = cfg.ports;
    out["lane_bits"] = cfg.lane_bits;
    out["clock_mhz"] = cfg.clock_mhz;
    out["core_clock_mhz"] = fab.core_clock_mhz();
    out["payload_B"] = payload;
    out["flows"] = flows;
    out["pattern"] = pattern;
    out["line_rate_Bps"] = line;
    out["expected_efficiency"] = expected;
    bool ok = true;
    double sum_bw = 0, min_eff = 1e9, lat_sum = 0;
    uint64_t lat_n = 0;
    sc_time begin = sc_core::SC_ZERO_TIME, end = sc_core::SC_ZERO_TIME;
    bool first = true;
    for (auto& [s, d] : pairs) {
        auto& r = ports[d]->received[s];
        ok = ok && r.packets == packets && r.errors == 0;
        double span = (r.last - r.first).to_seconds();
        double bw = r.packets > 1 ? (r.bytes - payload) / span : 0;
        sum_bw += bw;
        min_eff = std::min(min_eff, bw / line);
        lat_sum += r.latency_sum.to_seconds();
        lat_n += r.packets;
        if (first || r.first < begin) begin = r.first;
        if (first || r.last > end) end = r.last;
        first = false;
    }
    auto fs = fab.stats();
    out["delivered_all"] = ok;
    out["payload_bandwidth_per_flow_Bps"] = sum_bw / flows;
    out["payload_bandwidth_total_Bps"] = sum_bw;
    out["efficiency_per_flow"] = sum_bw / flows / line;
    out["efficiency_min_flow"] = min_eff;
    out["latency_mean_s"] = lat_n ? lat_sum / lat_n : 0;
    out["sim_s"] = (end - begin).to_seconds();
    out["host_wall_s"] = wall;
    out["fabric_cycles"] = fs.cycles;
    out["link_cycles"] = fs.link_cycles;
    out["fabric_cycles_per_host_s"] = fs.cycles / wall;
    out["link_cycles_per_host_s"] = fs.link_cycles / wall;
    // Fabric cycles are core clocks (one DW); in lane clocks and in simulated payload per host second:
    out["lane_cycles_per_host_s"] = fs.cycles * (cfg.lane_bits < 32 ? 32.0 / cfg.lane_bits : 1.0) / wall /
                                    (cfg.lane_bits > 32 ? cfg.lane_bits / 32.0 : 1.0);
    out["payload_Bps_per_host_s"] = wall > 0 ? sum_bw * (end - begin).to_seconds() / wall : 0;
    uint64_t replays = 0, stalls = 0;
    for (unsigned p = 0; p < cfg.ports; ++p) {
        auto l = fab.stats(p);
        replays += l.replays;
        stalls += l.credit_stall_cycles;
    }
    out["replays"] = replays;
    out["credit_stall_cycles"] = stalls;
    std::cout << out.dump() << std::endl;
    return ok ? 0 : 1;
}
