// The link layer RTL (rtl/link_endpoint.sv in rtl/fabric_link.sv) under a cycle driver: training, in-order
// delivery, NAK and replay, lost ACKs, retrain, credits, disabling, a broken wire, random bit errors, idle.
#include "link_driver.h"

#include <catch2/catch.hpp>

using namespace cellvp::rtl_test;

namespace {

// Brings the link up (both ends enabled) and returns the cycles it took.
uint64_t bring_up(link_driver& d)
{
    d.enable(true, true);
    uint64_t start = d.cycles;
    REQUIRE(d.run_until([&] { return d.rtl().a_link_up_o && d.rtl().b_link_up_o; }, 2000));
    uint64_t took = d.cycles - start;
    d.run(300); // the initial credit updates
    return took;
}

void queue(link_driver::end& e, std::vector<packet>& record, std::mt19937& rng, unsigned n, unsigned min_dw = 3,
           unsigned max_dw = 1027)
{
    for (unsigned i = 0; i < n; ++i) {
        record.push_back(link_driver::random_packet(rng, min_dw, max_dw));
        e.to_send.push_back(record.back());
    }
}

} // namespace

TEST_CASE("rtl link: the link stays down until both ends are enabled")
{
    link_driver d;
    d.enable(true, false);
    d.run(2000);
    CHECK_FALSE(d.rtl().a_link_up_o);
    CHECK_FALSE(d.rtl().b_link_up_o);
    CHECK(d.rtl().idle_o); // a lone enabled end waits without anything to clock
    d.enable(false, true);
    d.run(2000);
    CHECK_FALSE(d.rtl().a_link_up_o);
    uint64_t took = bring_up(d);
    INFO("training took " << took << " cycles");
    CHECK(took < 200);
}

TEST_CASE("rtl link: a disabled link accepts nothing")
{
    link_driver d;
    d.enable(true, false);
    std::mt19937 rng(1);
    std::vector<packet> sent;
    queue(d.a, sent, rng, 1);
    d.run(1000);
    CHECK(d.a.busy);
    CHECK(d.a.pos == 0);
    CHECK(d.b.delivered.empty());
}

TEST_CASE("rtl link: packets arrive in order and intact in both directions at once")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(2);
    std::vector<packet> ab, ba;
    queue(d.a, ab, rng, 200);
    queue(d.b, ba, rng, 200);
    REQUIRE(d.run_until([&] { return d.all_delivered(200, 200); }, 2'000'000));
    CHECK(d.b.delivered == ab);
    CHECK(d.a.delivered == ba);
    CHECK(d.rtl().a_tlps_sent_o == 200);
    CHECK(d.rtl().a_replays_o == 0);
    CHECK(d.rtl().b_rx_errors_o == 0);
}

TEST_CASE("rtl link: a corrupted packet is NAKed and replayed with nothing lost or duplicated")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(3);
    std::vector<packet> ab;
    queue(d.a, ab, rng, 20, 64, 64);
    // Flip one bit in the middle of the 5th packet on the A->B wire.
    uint64_t flip_at = d.cycles + 5 * 70 + 30;
    d.faults = [&](link_driver& x) {
        if (x.cycles == flip_at) x.rtl().ab_flip_i = 1u << 7;
    };
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 20); }, 100000));
    d.run(500);
    CHECK(d.b.delivered == ab);
    CHECK(d.rtl().b_naks_sent_o >= 1);
    CHECK(d.rtl().a_naks_received_o >= 1);
    CHECK(d.rtl().a_replays_o >= 1);
    CHECK(d.rtl().b_rx_errors_o >= 1);
}

TEST_CASE("rtl link: lost ACKs fire the replay timer and the duplicates are dropped")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(4);
    std::vector<packet> ab;
    queue(d.a, ab, rng, 10, 100, 100);
    // Corrupt every DLLP B sends back (its ACKs) for longer than one replay timeout (about 3300 cycles); B
    // sends nothing else but idle.
    uint64_t until = d.cycles + 5000;
    uint32_t last_flip = 0;
    d.faults = [&](link_driver& x) {
        uint32_t line = x.rtl().ba_wire_o ^ last_flip; // what B drives now (the wire as last evaluated)
        last_flip = (x.cycles < until && line != 0) ? 0x00010000 : 0;
        x.rtl().ba_flip_i = last_flip;
    };
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 10); }, 100000));
    d.run(20000);
    CHECK(d.b.delivered == ab);
    CHECK(d.rtl().a_replay_timeouts_o >= 1);
    CHECK(d.rtl().b_dup_dropped_o >= 1);
    CHECK(d.rtl().idle_o);
}

TEST_CASE("rtl link: repeated failures make the link retrain after the 4th replay and then recover")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(5);
    std::vector<packet> ab;
    queue(d.a, ab, rng, 30, 50, 200);
    // Every packet A sends is corrupted for 20000 cycles: replay after replay, then a retrain.
    uint64_t until = d.cycles + 20000;
    d.faults = [&](link_driver& x) {
        if (x.cycles < until && x.cycles % 3 == 0) x.rtl().ab_flip_i = 0x00000100;
    };
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 30); }, 500000));
    CHECK(d.b.delivered == ab);
    CHECK(d.rtl().a_retrains_o >= 1);
    CHECK(d.rtl().a_replays_o >= 4);
    CHECK(d.rtl().a_link_up_o);
}

TEST_CASE("rtl link: credit exhaustion stalls the sender without loss")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(6);
    std::vector<packet> ab;
    d.b.hold_credits = true;
    queue(d.a, ab, rng, 20, 10, 30);
    d.run(20000);
    CHECK(d.b.delivered.size() == 8); // RxCredits
    CHECK(d.rtl().a_credit_stall_cycles_o > 1000);
    d.release_credits(d.b);
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 20); }, 100000));
    CHECK(d.b.delivered == ab);
}

TEST_CASE("rtl link: disabling an end takes the link down at both ends")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(7);
    std::vector<packet> ab;
    queue(d.a, ab, rng, 50, 200, 200);
    d.run(1000);
    d.enable(true, false);
    d.run(50);
    CHECK_FALSE(d.rtl().a_link_up_o);
    CHECK_FALSE(d.rtl().b_link_up_o);
    CHECK(d.b.delivered.size() < 50);
    // Enabled again: a fresh link (sequence numbers from 0) that carries traffic.
    d.a.to_send.clear();
    d.a.busy = false;
    d.b.delivered.clear();
    d.b.rx.clear();
    d.enable(true, true);
    REQUIRE(d.run_until([&] { return d.rtl().a_link_up_o && d.rtl().b_link_up_o; }, 2000));
    d.run(300);
    std::vector<packet> again;
    queue(d.a, again, rng, 5);
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 5); }, 100000));
    CHECK(d.b.delivered == again);
}

TEST_CASE("rtl link: a broken wire makes the link retrain and deliver everything afterwards")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(8);
    std::vector<packet> ab;
    queue(d.a, ab, rng, 40, 100, 300);
    uint64_t from = d.cycles + 2000, to = from + 3000;
    d.faults = [&](link_driver& x) { x.rtl().drop_i = x.cycles >= from && x.cycles < to; };
    REQUIRE(d.run_until([&] { return d.all_delivered(0, 40); }, 200000));
    CHECK(d.b.delivered == ab);
    CHECK(d.rtl().a_retrains_o + d.rtl().b_retrains_o >= 1);
    CHECK(d.rtl().a_link_up_o);
}

TEST_CASE("rtl link: under a random bit error rate everything arrives once and in order")
{
    link_driver d;
    bring_up(d);
    std::mt19937 rng(9);
    std::mt19937_64 err(10);
    std::bernoulli_distribution flip(1e-4 * 32); // about one error per 10^4 bits, at most one bit per DW
    std::uniform_int_distribution<unsigned> bit(0, 31);
    std::vector<packet> ab, ba;
    queue(d.a, ab, rng, 300, 3, 300);
    queue(d.b, ba, rng, 300, 3, 300);
    d.faults = [&](link_driver& x) {
        if (flip(err)) x.rtl().ab_flip_i = 1u << bit(err);
        if (flip(err)) x.rtl().ba_flip_i = 1u << bit(err);
    };
    REQUIRE(d.run_until([&] { return d.all_delivered(300, 300); }, 5'000'000));
    CHECK(d.b.delivered == ab);
    CHECK(d.a.delivered == ba);
    CHECK(d.rtl().a_replays_o + d.rtl().b_replays_o > 10);
}

TEST_CASE("rtl link: idle only when nothing is in flight")
{
    link_driver d;
    bring_up(d);
    d.run(1000);
    CHECK(d.rtl().idle_o);
    std::mt19937 rng(11);
    std::vector<packet> ab;
    queue(d.a, ab, rng, 3, 100, 100);
    bool idle_while_unacked = false;
    d.cycle(); // the driver presents the first packet
    d.run_until([&] {
        if (d.rtl().idle_o && d.b.delivered.size() < 3) idle_while_unacked = true;
        return d.all_delivered(0, 3);
    }, 10000);
    CHECK_FALSE(idle_while_unacked);
    CHECK_FALSE(d.rtl().idle_o); // the ACK of the last packet is still due
    REQUIRE(d.run_until([&] { return bool(d.rtl().idle_o); }, 5000));
    CHECK(d.b.delivered == ab);
}
