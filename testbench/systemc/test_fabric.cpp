// The fabric (link RTL, transactor and switch) with synthetic traffic: reachability, delivery through the
// switch, output contention, bit errors over 16 MiB, a broken link, idle cost, bad configuration.
#include "fabric_traffic.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <cstdlib>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <vector>

using namespace cellvp;
using namespace cellvp::test;
using fabric::fabric_config;
using sc_core::sc_time;
using sc_core::SC_MS;
using sc_core::SC_US;

namespace {

struct bench {
    std::unique_ptr<fabric::fabric> fab;
    std::vector<std::unique_ptr<traffic_port>> ports;

    explicit bench(const fabric_config& cfg) : fab(std::make_unique<fabric::fabric>("fabric", cfg)) {}
    traffic_port& add(unsigned id, std::vector<traffic_flow> flows, sc_time start = sc_core::SC_ZERO_TIME)
    {
        ports.push_back(std::make_unique<traffic_port>(("port" + std::to_string(id)).c_str(), *fab, id,
                                                       std::move(flows), start));
        return *ports.back();
    }
};

fabric_config config(unsigned ports)
{
    fabric_config c;
    c.ports = ports;
    return c;
}

} // namespace

TEST_CASE("fabric: a cell is unreachable until it enables its link")
{
    bench b(config(2));
    auto& sender = b.add(0, {{1, 256, 10}});
    // Port 1 exists but its cell never enables its end: a traffic port that is never attached.
    sc_core::sc_start(sc_time(100, SC_US));
    CHECK(sender.link_is_up);
    CHECK_FALSE(b.fab->stats(1).up);
    CHECK(b.fab->stats().switch_dropped == 10);
    CHECK(b.fab->stats(0).tlps_up == 10);
}

TEST_CASE("fabric: packets cross the switch intact and in order in every direction")
{
    bench b(config(4));
    std::vector<traffic_port*> p;
    for (unsigned i = 0; i < 4; ++i)
        p.push_back(&b.add(i, {{(i + 1) % 4, 64u << i, 200}, {(i + 2) % 4, 4096, 20}}));
    sc_core::sc_start(sc_time(2, SC_MS));
    for (unsigned i = 0; i < 4; ++i) {
        INFO("port " << i);
        CHECK(p[i]->all_sent());
        const auto& from_prev = p[i]->received[(i + 3) % 4];
        const auto& from_opposite = p[i]->received[(i + 2) % 4];
        CHECK(from_prev.packets == 200);
        CHECK(from_prev.bytes == 200u * (64u << ((i + 3) % 4)));
        CHECK(from_opposite.packets == 20);
        CHECK(from_prev.errors == 0);
        CHECK(from_opposite.errors == 0);
    }
}

TEST_CASE("fabric: two senders to one output share it round robin")
{
    bench b(config(3));
    auto& s0 = b.add(0, {{2, 256, 2000}});
    auto& s1 = b.add(1, {{2, 256, 2000}});
    auto& sink = b.add(2, {});
    sc_core::sc_start(sc_time(5, SC_MS));
    REQUIRE(s0.all_sent());
    REQUIRE(s1.all_sent());
    const auto& r0 = sink.received[0];
    const auto& r1 = sink.received[1];
    REQUIRE(r0.packets == 2000);
    REQUIRE(r1.packets == 2000);
    CHECK(r0.errors + r1.errors == 0);
    // Shared fairly: both flows finish at about the same time, after about twice one flow's time.
    const double span = (std::max(r0.last, r1.last) - std::min(r0.first, r1.first)).to_seconds();
    CHECK(std::abs(r0.last.to_seconds() - r1.last.to_seconds()) < 0.02 * span);
    const double one_flow_s = 2000 * 276 / b.fab->line_rate_bytes_per_s();
    CHECK(span > 1.8 * one_flow_s);
    // The output was the bottleneck: the senders' links were held back by credits.
    CHECK(b.fab->stats(0).credit_stall_cycles + b.fab->stats(1).credit_stall_cycles > 0);
}

TEST_CASE("fabric: a bit error rate of 1e-6 over 16 MiB loses nothing and the replays show the errors")
{
    fabric_config c = config(2);
    c.ber_up = c.ber_down = 1e-6;
    c.seed = 7;
    bench b(c);
    b.add(0, {{1, 4096, 4096}});
    auto& sink = b.add(1, {});
    sc_core::sc_start(sc_time(20, SC_MS));
    const auto& r = sink.received[0];
    CHECK(r.packets == 4096);
    CHECK(r.bytes == 16u << 20);
    CHECK(r.errors == 0);
    auto l0 = b.fab->stats(0), l1 = b.fab->stats(1);
    INFO("bit flips " << l0.bit_flips + l1.bit_flips << ", replays " << l0.replays + l1.replays);
    CHECK(l0.bit_flips + l1.bit_flips > 50);
    CHECK(l0.replays + l1.replays > 10);
    CHECK(l0.rx_errors + l1.rx_errors > 10);
}

TEST_CASE("fabric: a link that drops mid transfer retrains and delivers everything")
{
    fabric_config c = config(2);
    c.drops.push_back({0, sc_time(20, SC_US), sc_time(5, SC_US)});
    bench b(c);
    b.add(0, {{1, 256, 2000}});
    auto& sink = b.add(1, {});
    sc_core::sc_start(sc_time(2, SC_MS));
    const auto& r = sink.received[0];
    CHECK(r.packets == 2000);
    CHECK(r.errors == 0);
    CHECK(b.fab->stats(0).retrains > 0);
    CHECK(b.fab->stats(0).up);
}

TEST_CASE("fabric: an idle fabric is not clocked")
{
    bench b(config(16));
    b.add(0, {{1, 256, 100}});
    auto& sink = b.add(1, {});
    sc_core::sc_start(sc_time(1, SC_MS));
    REQUIRE(sink.received[0].packets == 100);
    const uint64_t cycles = b.fab->stats().cycles;
    sc_core::sc_start(sc_time(100, SC_MS)); // 100 M cycles at 1 GHz if it were clocked
    CHECK(b.fab->stats().cycles == cycles);
    CHECK(cycles < 50000);
}

TEST_CASE("fabric: a bad configuration is refused with a reason")
{
    fabric_config c = config(65);
    CHECK_THROWS_WITH(fabric::fabric("f1", c), Catch::Contains("ports must be 1 to 64"));
    c = config(4);
    c.lane_bits = 48;
    CHECK_THROWS_WITH(fabric::fabric("f2", c), Catch::Contains("lane width"));
    c = config(4);
    c.drops.push_back({9, sc_time(1, SC_US), sc_time(1, SC_US)});
    CHECK_THROWS_WITH(fabric::fabric("f3", c), Catch::Contains("does not exist"));
}

namespace {

// The times (ps) at which a one-bit signal of a VCD file changes to 1, found by name in any scope.
std::vector<uint64_t> rises(const std::string& path, const std::string& name)
{
    std::ifstream in(path);
    std::string line, id;
    std::vector<uint64_t> out;
    uint64_t t = 0;
    while (std::getline(in, line)) {
        if (id.empty() && line.find("$var") != std::string::npos) {
            std::istringstream w(line);
            std::string var, type, width, code, ref;
            w >> var >> type >> width >> code >> ref;
            if (ref == name) id = code;
        } else if (!line.empty() && line[0] == '#') {
            t = std::stoull(line.substr(1));
        } else if (!id.empty() && line == "1" + id) {
            out.push_back(t);
        }
    }
    return out;
}

} // namespace

TEST_CASE("fabric: a VCD trace of a link shows it coming up and carrying packets")
{
    char dir_template[] = "/tmp/cellvp-trace-XXXXXX";
    std::string dir = mkdtemp(dir_template);
    fabric_config c = config(2);
    c.trace = fabric_config::trace_format::vcd;
    c.trace_dir = dir;
    bench b(c);
    b.add(0, {{1, 256, 10}}, sc_time(2, SC_US));
    auto& sink = b.add(1, {});
    sc_core::sc_start(sc_time(100, SC_US));
    REQUIRE(sink.received[0].packets == 10);
    b.fab.reset(); // closes the files
    const std::string vcd = dir + "/fabric_link0.vcd";
    auto up = rises(vcd, "a_link_up_o");
    REQUIRE(up.size() == 1);
    // Enabled at 2 us, up after training (tens of cycles at 1 ns).
    CHECK(up[0] > 2'000'000);
    CHECK(up[0] < 2'200'000);
    CHECK(rises(vcd, "b_rx_last_o").size() == 10); // the switch end received the ten packets
    std::filesystem::remove_all(dir);
}

TEST_CASE("fabric: a 64-port switch routes between its first and last ports")
{
    bench b(config(64));
    auto& first = b.add(0, {{63, 512, 50}});
    auto& last = b.add(63, {{0, 512, 50}});
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(last.received[0].packets == 50);
    CHECK(first.received[63].packets == 50);
    CHECK(last.received[0].errors + first.received[63].errors == 0);
    CHECK(b.fab->stats().switch_dropped == 0);
}

namespace {

// One flow of 256 B writes through the switch at the given lane width (1 GHz lane clock): the payload rate is
// the framing's share of lane_bits x clock (rtl/README.md: 256 / 276), and the line rate is what the fabric says.
void check_lane_width(unsigned lane_bits)
{
    fabric_config c = config(2);
    c.lane_bits = lane_bits;
    bench b(c);
    b.add(0, {{1, 256, 2000}});
    auto& sink = b.add(1, {});
    sc_core::sc_start(sc_time(5, SC_MS));
    const auto& r = sink.received[0];
    REQUIRE(r.packets == 2000);
    CHECK(r.errors == 0);
    const double line = b.fab->line_rate_bytes_per_s();
    CHECK(line == lane_bits / 8.0 * 1e9);
    CHECK(b.fab->clock_period() == sc_time(32000.0 / lane_bits, sc_core::SC_PS)); // a core clock: one DW
    const double bw = (r.bytes - 256) / (r.last - r.first).to_seconds();
    INFO(lane_bits << "-bit lanes: " << bw / 1e9 << " GB/s payload of " << line / 1e9 << " GB/s, "
                   << 100 * bw / line << " % (framing: 92.75 %)");
    CHECK(std::abs(bw / line - 256.0 / 276.0) < 0.0005);
}

} // namespace

TEST_CASE("fabric: with 8-bit lanes one flow gets the framing's share of 8 bits x the clock") { check_lane_width(8); }
TEST_CASE("fabric: with 16-bit lanes one flow gets the framing's share of 16 bits x the clock") { check_lane_width(16); }
TEST_CASE("fabric: with 32-bit lanes one flow gets the framing's share of 32 bits x the clock") { check_lane_width(32); }
TEST_CASE("fabric: with 64-bit lanes one flow gets the framing's share of 64 bits x the clock") { check_lane_width(64); }
TEST_CASE("fabric: with 128-bit lanes one flow gets the framing's share of 128 bits x the clock") { check_lane_width(128); }

TEST_CASE("fabric: a lane width that is not built, or waveforms at another width than 32, are refused")
{
    fabric_config c = config(2);
    c.lane_bits = 12;
    CHECK_THROWS_WITH(fabric::fabric("f1", c), Catch::Contains("8, 16, 32, 64, 128") && Catch::Contains("not 12"));
    c.lane_bits = 16;
    c.trace = fabric_config::trace_format::fst;
    CHECK_THROWS_WITH(fabric::fabric("f2", c), Catch::Contains("waveforms are built for 32-bit lanes only"));
}

namespace {

// Two fabrics side by side with the same traffic, bit errors and link drop: one clocks its links through
// Verilator's eval(), the other through the scheduler functions directly (fabric_config::verilator_eval). Both
// must give the same deliveries at the same times and the same counters, cycle for cycle.
void check_direct_eval(unsigned lane_bits)
{
    fabric_config c = config(2);
    c.lane_bits = lane_bits;
    c.ber_up = c.ber_down = 2e-6;
    c.seed = 11;
    c.drops.push_back({1, sc_time(40, SC_US), sc_time(3, SC_US)});
    fabric_config ce = c;
    ce.verilator_eval = true;
    fabric::fabric direct("direct", c), through_eval("through_eval", ce);
    traffic_port d0("d0", direct, 0, {{1, 256, 3000}}), d1("d1", direct, 1, {{0, 64, 3000}});
    traffic_port e0("e0", through_eval, 0, {{1, 256, 3000}}), e1("e1", through_eval, 1, {{0, 64, 3000}});
    sc_core::sc_start(sc_time(5, SC_MS));
    for (auto [dp, ep, src] : {std::tuple{&d1, &e1, 0u}, std::tuple{&d0, &e0, 1u}}) {
        const auto &rd = dp->received[src], &re = ep->received[src];
        CHECK(rd.packets == 3000);
        CHECK(rd.errors == 0);
        CHECK(rd.packets == re.packets);
        CHECK(rd.bytes == re.bytes);
        CHECK(rd.first == re.first);
        CHECK(rd.last == re.last);
        CHECK(rd.latency_sum == re.latency_sum);
    }
    for (unsigned l = 0; l < 2; ++l) {
        const fabric::link_stats a = direct.stats(l), b = through_eval.stats(l);
        INFO("link " << l << ": replays " << a.replays << ", retrains " << a.retrains << ", flips " << a.bit_flips);
        CHECK(a.cycles == b.cycles);
        CHECK(a.replays == b.replays);
        CHECK(a.naks == b.naks);
        CHECK(a.replay_timeouts == b.replay_timeouts);
        CHECK(a.credit_stall_cycles == b.credit_stall_cycles);
        CHECK(a.retrains == b.retrains);
        CHECK(a.rx_errors == b.rx_errors);
        CHECK(a.bit_flips == b.bit_flips);
    }
    // The errors were real: the paths compared include replay and retraining.
    CHECK(direct.stats(0).replays + direct.stats(1).replays > 0);
    CHECK(direct.stats(1).retrains > 0);
}

} // namespace

TEST_CASE("fabric: clocking by the scheduler functions gives the same deliveries and counters as eval() with 32-bit lanes")
{
    check_direct_eval(32);
}
TEST_CASE("fabric: clocking by the scheduler functions gives the same deliveries and counters as eval() with 8-bit lanes")
{
    check_direct_eval(8);
}
TEST_CASE("fabric: clocking by the scheduler functions gives the same deliveries and counters as eval() with 128-bit lanes")
{
    check_direct_eval(128);
}
