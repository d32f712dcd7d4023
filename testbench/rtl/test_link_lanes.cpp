// The link at every built lane width (rtl/fabric_link.sv with rtl/link_gearbox.sv, Vfabric_link8/16/32/64/128):
// delivery, NAK and replay, random bit errors on the LaneBits-wide wires, the line rate (LaneBits per lane
// clock) against the framing arithmetic, the gearbox's slicing of DWs, and idle.
#include "link_driver.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace cellvp::rtl_test;

namespace {

template <typename D>
void bring_up(D& d)
{
    d.enable(true, true);
    REQUIRE(d.run_until([&] { return d.rtl().a_link_up_o && d.rtl().b_link_up_o; }, 2000));
    d.run(300); // the initial credit updates
}

template <typename D>
void queue(typename D::end& e, std::vector<packet>& record, std::mt19937& rng, unsigned n, unsigned min_dw,
           unsigned max_dw)
{
    for (unsigned i = 0; i < n; ++i) {
        record.push_back(D::random_packet(rng, min_dw, max_dw));
        e.to_send.push_back(record.back());
    }
}

// Lane clocks so far (a 32-bit link has only the one clock).
template <typename D>
uint64_t lane_clocks(const D& d)
{
    return D::lane_bits == 32 ? d.cycles : d.lane_cycles;
}

} // namespace

#define LANE_MODELS Vfabric_link8, Vfabric_link16, Vfabric_link32, Vfabric_link64, Vfabric_link128

TEMPLATE_TEST_CASE("rtl lanes: packets arrive in order and intact in both directions", "[lanes]", LANE_MODELS)
{
    basic_link_driver<TestType> d;
    bring_up(d);
    std::mt19937 rng(2);
    std::vector<packet> ab, ba;
    queue<decltype(d)>(d.a, ab, rng, 100, 3, 1027);
    queue<decltype(d)>(d.b, ba, rng, 100, 3, 1027);
    REQUIRE(d.run_until([&] { return d.all_delivered(100, 100); }, 2'000'000));
    CHECK(d.b.delivered == ab);
    CHECK(d.a.delivered == ba);
    CHECK(d.rtl().a_replays_o + d.rtl().b_replays_o == 0);
    CHECK(d.rtl().a_rx_errors_o + d.rtl().b_rx_errors_o == 0);
}

TEMPLATE_TEST_CASE("rtl lanes: a corrupted packet is NAKed and replayed with nothing lost or duplicated", "[lanes]",
                   LANE_MODELS)
{
    basic_link_driver<TestType> d;
    bring_up(d);
    std::mt19937 rng(3);
    std::vector<packet> ab;
    queue<decltype(d)>(d.a, ab, rng, 20, 64, 64);
    // One bit flipped on the A->B wire, in the middle of the 5th packet (a lane clock at that core cycle).
    const uint64_t flip_at = d.cycles + 5 * 70 + 30;
    bool flipped = false;
    d.faults = [&](basic_link_driver<TestType>& x) {
        if (!flipped && x.cycles >= flip_at) {
            basic_link_driver<TestType>::set_bit(x.rtl().ab_flip_i, 5);
            flipped = true;
        }
    };
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 20); }, 100000));
    d.run(500);
    CHECK(flipped);
    CHECK(d.b.delivered == ab);
    CHECK(d.rtl().b_naks_sent_o >= 1);
    CHECK(d.rtl().a_replays_o >= 1);
    CHECK(d.rtl().b_rx_errors_o >= 1);
}

TEMPLATE_TEST_CASE("rtl lanes: under random bit errors on the wires everything arrives once and in order", "[lanes]",
                   LANE_MODELS)
{
    basic_link_driver<TestType> d;
    constexpr unsigned lane_bits = basic_link_driver<TestType>::lane_bits;
    bring_up(d);
    std::mt19937 rng(9);
    std::mt19937_64 err(10);
    std::bernoulli_distribution flip(1e-4 * lane_bits); // about one error per 10^4 bits, at most one per lane clock
    std::uniform_int_distribution<unsigned> bit(0, lane_bits - 1);
    std::vector<packet> ab, ba;
    queue<decltype(d)>(d.a, ab, rng, 150, 3, 300);
    queue<decltype(d)>(d.b, ba, rng, 150, 3, 300);
    d.faults = [&](basic_link_driver<TestType>& x) {
        if (flip(err)) basic_link_driver<TestType>::set_bit(x.rtl().ab_flip_i, bit(err));
        if (flip(err)) basic_link_driver<TestType>::set_bit(x.rtl().ba_flip_i, bit(err));
    };
    REQUIRE(d.run_until([&] { return d.all_delivered(150, 150); }, 5'000'000));
    CHECK(d.b.delivered == ab);
    CHECK(d.a.delivered == ba);
    CHECK(d.rtl().a_replays_o + d.rtl().b_replays_o > 5);
}

TEMPLATE_TEST_CASE("rtl lanes: a saturated wire carries LaneBits per lane clock at the framing's efficiency",
                   "[lanes]", LANE_MODELS)
{
    basic_link_driver<TestType> d;
    constexpr unsigned lane_bits = basic_link_driver<TestType>::lane_bits;
    bring_up(d);
    std::mt19937 rng(5);
    std::vector<packet> ab;
    // 3-DW header + 256 B payload: token + 67 DWs + LCRC = 276 bytes on the wire (rtl/README.md).
    queue<decltype(d)>(d.a, ab, rng, 130, 67, 67);
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 10); }, 100000));
    const uint64_t from = lane_clocks(d);
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 110); }, 1'000'000));
    const uint64_t lanes = lane_clocks(d) - from;
    const double efficiency = 100.0 * 256 * 8 / (double(lanes) * lane_bits);
    INFO(lane_bits << "-bit lanes: 100 packets in " << lanes << " lane clocks, " << efficiency * 100
                   << " % payload (framing: 256 / 276 = 92.75 %)");
    CHECK(std::abs(efficiency - 256.0 / 276.0) < 0.0005);
    CHECK(d.rtl().a_credit_stall_cycles_o == 0);
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 130); }, 100000));
    CHECK(d.b.delivered == ab);
}

TEMPLATE_TEST_CASE("rtl lanes: the gearbox sends a DW as 32 / LaneBits slices, low first, one per lane clock",
                   "[lanes]", Vfabric_link8, Vfabric_link16)
{
    basic_link_driver<TestType> d;
    constexpr unsigned lane_bits = basic_link_driver<TestType>::lane_bits;
    constexpr unsigned slices = 32 / lane_bits;
    bring_up(d);
    d.run(200);
    REQUIRE(d.rtl().idle_o);
    // Watch the A->B wire at every lane clock while one packet goes.
    std::vector<uint32_t> wire;
    d.faults = [&](basic_link_driver<TestType>& x) { wire.push_back(x.rtl().ab_wire_o); };
    const packet p = {0x11223344, 0x55667788, 0x99AABBCC, 0xDDEEFF00, 0x0F1E2D3C};
    d.a.to_send.push_back(p);
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 1); }, 1000));
    // Find the start token (top byte FB) at some slice alignment; the packet's DWs follow it, each made of the
    // next `slices` lane clocks' slices.
    bool found = false;
    for (size_t s = 0; s + (p.size() + 1) * slices <= wire.size() && !found; ++s) {
        auto dw_at = [&](size_t i) {
            uint32_t v = 0;
            for (unsigned k = 0; k < slices; ++k) v |= wire[s + i * slices + k] << (k * lane_bits);
            return v;
        };
        if (dw_at(0) >> 24 != 0xFB || (dw_at(0) >> 1 & 0x7FF) != p.size()) continue;
        found = true;
        for (size_t i = 0; i < p.size(); ++i) CHECK(dw_at(1 + i) == p[i]);
    }
    CHECK(found);
    // 32 / LaneBits lane clocks per core clock.
    const uint64_t c0 = d.cycles, l0 = d.lane_cycles;
    d.run(10);
    CHECK(d.lane_cycles - l0 == (d.cycles - c0) * slices);
}

TEMPLATE_TEST_CASE("rtl lanes: a wide lane carries LaneBits / 32 DWs per lane clock, the oldest low", "[lanes]",
                   Vfabric_link64, Vfabric_link128)
{
    basic_link_driver<TestType> d;
    constexpr unsigned per_beat = basic_link_driver<TestType>::lane_bits / 32;
    bring_up(d);
    d.run(200);
    std::vector<uint32_t> dws;
    d.faults = [&](basic_link_driver<TestType>& x) {
        for (unsigned k = 0; k < per_beat; ++k) dws.push_back(basic_link_driver<TestType>::dw_of(x.rtl().ab_wire_o, k));
    };
    const packet p = {0x11223344, 0x55667788, 0x99AABBCC, 0xDDEEFF00, 0x0F1E2D3C};
    d.a.to_send.push_back(p);
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 1); }, 1000));
    bool found = false;
    for (size_t i = 0; i + p.size() + 1 <= dws.size() && !found; ++i) {
        if (dws[i] >> 24 != 0xFB || (dws[i] >> 1 & 0x7FF) != p.size()) continue;
        found = true;
        for (size_t k = 0; k < p.size(); ++k) CHECK(dws[i + 1 + k] == p[k]);
    }
    CHECK(found);
    const uint64_t c0 = d.cycles, l0 = d.lane_cycles;
    d.run(10 * per_beat);
    CHECK((d.cycles - c0) == (d.lane_cycles - l0) * per_beat);
}

TEMPLATE_TEST_CASE("rtl lanes: a quiet link is idle and clocking it on changes nothing", "[lanes]", LANE_MODELS)
{
    basic_link_driver<TestType> d;
    bring_up(d);
    std::mt19937 rng(11);
    std::vector<packet> ab;
    queue<decltype(d)>(d.a, ab, rng, 3, 100, 100);
    d.cycle();
    bool idle_early = false;
    d.run_until([&] {
        if (d.rtl().idle_o && d.b.delivered.size() < 3) idle_early = true;
        return d.all_delivered(0, 3);
    }, 10000);
    CHECK_FALSE(idle_early);
    REQUIRE(d.run_until([&] { return bool(d.rtl().idle_o); }, 5000));
    CHECK(d.b.delivered == ab);
    const auto ab_wire = d.rtl().ab_wire_o, ba_wire = d.rtl().ba_wire_o;
    d.run(100);
    CHECK(d.rtl().idle_o);
    CHECK_FALSE(d.rtl().ab_wire_o != ab_wire);
    CHECK_FALSE(d.rtl().ba_wire_o != ba_wire);
    CHECK(d.rtl().a_tlps_sent_o == 3);
}
