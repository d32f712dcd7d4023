// Manageability interconnect and mailboxes: frame timing, PEC, arbitration, NACKs, broadcast, injected and
// random errors, the mailbox registers and interrupt, reset and abort.
#include "harness.h"

#include "cellvp/cell_map.h"
#include "dev/mailbox.h"
#include "dev/mgmt_bus.h"

#include <catch2/catch.hpp>

#include <functional>
#include <limits>
#include <vector>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_NS;
using sc_core::SC_PS;
using sc_core::sc_time;
using sc_core::SC_US;
using sc_core::wait;

namespace {

mgmt_packet packet(uint8_t dest, std::vector<uint8_t> payload = {})
{
    mgmt_packet p;
    p.dest = dest;
    p.payload = std::move(payload);
    return p;
}

// A bus node that records what it receives and the results of what it sends; it refuses packets once it
// holds `capacity` of them.
struct node : mgmt_node_if {
    uint8_t id;
    std::size_t capacity = std::numeric_limits<std::size_t>::max();
    struct received {
        mgmt_packet p;
        sc_time at;
    };
    struct outcome {
        mgmt_packet p;
        mgmt_result r;
        sc_time at;
    };
    std::vector<received> got;
    std::vector<outcome> sent;
    std::function<void(node&)> on_sent;

    explicit node(uint8_t a) : id(a) {}
    uint8_t mgmt_address() const override { return id; }
    bool mgmt_receive(const mgmt_packet& p) override
    {
        if (got.size() >= capacity) return false;
        got.push_back({p, sc_core::sc_time_stamp()});
        return true;
    }
    void mgmt_sent(const mgmt_packet& p, mgmt_result r) override
    {
        sent.push_back({p, r, sc_core::sc_time_stamp()});
        if (on_sent) on_sent(*this);
    }
};

// Runs `body` as a SystemC thread.
struct runner : sc_core::sc_module {
    std::function<void()> body;
    explicit runner(sc_core::sc_module_name n) : sc_module(n)
    {
        SC_HAS_PROCESS(runner);
        SC_THREAD(run);
    }
    void run()
    {
        if (body) body();
    }
};

// Three cells' mailboxes (ids 1, 2, 3) on one bus at 400 kHz, their registers at 0x10000 * id on a router.
struct cells : sc_core::sc_module {
    mgmt_bus bus{"bus"};
    mailbox mbox1{"mbox1", 1, bus}, mbox2{"mbox2", 2, bus}, mbox3{"mbox3", 3, bus};
    router regs{"regs"};
    tlm_tester tester{"tester"};
    sc_core::sc_signal<bool> irq1{"irq1"}, irq2{"irq2"}, irq3{"irq3"};
    explicit cells(sc_core::sc_module_name n = "cells") : sc_module(n)
    {
        regs.map(regs.attach(mbox1.target_socket), base(1), CELL_MBOX_SIZE, 0, "mbox1");
        regs.map(regs.attach(mbox2.target_socket), base(2), CELL_MBOX_SIZE, 0, "mbox2");
        regs.map(regs.attach(mbox3.target_socket), base(3), CELL_MBOX_SIZE, 0, "mbox3");
        tester.initiator_socket.bind(regs.target_socket);
        mbox1.irq.bind(irq1);
        mbox2.irq.bind(irq2);
        mbox3.irq.bind(irq3);
    }
    static uint64_t base(unsigned id) { return 0x10000u * id; }
};

uint32_t rd(tlm_tester& t, unsigned cell, uint32_t reg)
{
    uint32_t v = 0xdeadbeef;
    CHECK(t.read32(cells::base(cell) + reg, v) == tlm::TLM_OK_RESPONSE);
    return v;
}

void wr(tlm_tester& t, unsigned cell, uint32_t reg, uint32_t v)
{
    CHECK(t.write32(cells::base(cell) + reg, v) == tlm::TLM_OK_RESPONSE);
}

// Fills cell's TX FIFO and starts the send (all at the current time; SEND takes effect 20 ns later).
void mbox_send(tlm_tester& t, unsigned cell, uint8_t dest, const std::vector<uint8_t>& payload)
{
    for (uint8_t b : payload) wr(t, cell, MBOX_TXDATA, b);
    wr(t, cell, MBOX_TXDEST, dest);
    wr(t, cell, MBOX_TXCTL, MBOX_TXCTL_SEND);
}

// The time a packet takes at 400 kHz: START, 9 bit-times for each of dest, src, len, the payload and the
// PEC, STOP; 2.5 us per bit-time.
sc_time at_400k(std::size_t payload_len)
{
    return sc_time(2.5 * double(1 + 9 * (payload_len + 4) + 1), SC_US);
}

const sc_time reg_latency(20, SC_NS);
constexpr uint32_t rxdata_end = 1u << 31; // RXDATA when the packet has no more bytes

} // namespace

TEST_CASE("mgmt bus: the PEC is CRC-8 of the SMBus spec (known vector)", "[mgmt_bus]")
{
    const char* check = "123456789";
    // CRC-8/SMBUS in the CRC catalogue (poly 0x07, init 0, no reflection, no xorout): check value 0xF4.
    CHECK(smbus_pec(reinterpret_cast<const uint8_t*>(check), 9) == 0xF4);
    const uint8_t one = 0x01;
    CHECK(smbus_pec(&one, 1) == 0x07); // a single 1 bit leaves the polynomial
    // Computed incrementally, as a receiver does byte by byte.
    CHECK(smbus_pec(reinterpret_cast<const uint8_t*>(check) + 4, 5,
                    smbus_pec(reinterpret_cast<const uint8_t*>(check), 4)) == 0xF4);

    mgmt_packet p = packet(2, {0xAA, 0x55});
    p.src = 1;
    const std::vector<uint8_t> f = mgmt_frame(p);
    REQUIRE(f.size() == 6);
    CHECK(std::vector<uint8_t>(f.begin(), f.end() - 1) == std::vector<uint8_t>{2, 1, 2, 0xAA, 0x55});
    CHECK(f.back() == smbus_pec(f.data(), 5)); // over dest, src, len and payload
    CHECK(smbus_pec(f.data(), f.size()) == 0); // the whole frame, PEC included, leaves no remainder
}

TEST_CASE("mgmt bus: a packet takes 9 bit-times per byte plus start and stop at the configured rate", "[mgmt_bus]")
{
    // One bus per rate, each with a sender (1) and a receiver (2).
    mgmt_bus b100{"b100", {100000}}, b400{"b400", {}}, b1m{"b1m", {1000000}}, b12m{"b12m", {12500000}};
    node s100{1}, r100{2}, s400{1}, r400{2}, s1m{1}, r1m{2}, s12m{1}, r12m{2};
    b100.attach(s100), b100.attach(r100), b400.attach(s400), b400.attach(r400);
    b1m.attach(s1m), b1m.attach(r1m), b12m.attach(s12m), b12m.attach(r12m);
    runner run{"run"};
    run.body = [&] {
        wait(sc_time(7, SC_US));
        b100.send(s100, packet(2));                                 // 38 bit-times at 10 us
        b400.send(s400, packet(2, std::vector<uint8_t>(10, 0x5A))); // 128 bit-times at 2.5 us
        b1m.send(s1m, packet(2, std::vector<uint8_t>(64, 1)));      // 614 bit-times at 1 us
        b12m.send(s12m, packet(2, std::vector<uint8_t>(64, 1)));    // 614 bit-times at 80 ns
    };
    sc_core::sc_start();

    CHECK(b400.config().bit_rate_hz == 400000); // the default
    CHECK(mgmt_frame_bit_times(0) == 38);
    CHECK(mgmt_frame_bit_times(64) == 614);
    const sc_time t0(7, SC_US);
    REQUIRE(r100.got.size() == 1);
    CHECK(r100.got[0].at == t0 + sc_time(380, SC_US));
    REQUIRE(r400.got.size() == 1);
    CHECK(r400.got[0].at == t0 + sc_time(320, SC_US));
    CHECK(r400.got[0].p.payload == std::vector<uint8_t>(10, 0x5A));
    REQUIRE(r1m.got.size() == 1);
    CHECK(r1m.got[0].at == t0 + sc_time(614, SC_US));
    REQUIRE(r12m.got.size() == 1);
    CHECK(r12m.got[0].at == t0 + sc_time(49120, SC_NS));
    REQUIRE(s400.sent.size() == 1);
    CHECK(s400.sent[0].r == mgmt_result::ok);
    CHECK(s400.sent[0].at == t0 + sc_time(320, SC_US)); // the sender learns at the STOP too
    CHECK(b400.frame_time(10) == sc_time(320, SC_US));
    CHECK(b400.stats().busy_time == sc_time(320, SC_US));
    CHECK(b12m.stats().busy_time == sc_time(49120, SC_NS));
}

TEST_CASE("mgmt bus: the busy signal and the header show the packet only while it is on the wire", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{4}, b{9};
    bus.attach(a), bus.attach(b);
    runner run{"run"};
    bool busy_before = true, busy_during = false, busy_after = true;
    uint32_t header_during = 0;
    const mgmt_packet* current_during = nullptr;
    run.body = [&] {
        wait(sc_time(1, SC_US));
        busy_before = bus.busy.read();
        bus.send(a, packet(9, {1, 2, 3}));
        wait(at_400k(3) - sc_time(1, SC_PS)); // the last picosecond of the packet
        busy_during = bus.busy.read();
        header_during = bus.header.read();
        current_during = bus.current();
        wait(sc_time(1, SC_PS));
        wait(sc_core::SC_ZERO_TIME);
        busy_after = bus.busy.read();
        CHECK(bus.current() == nullptr);
    };
    sc_core::sc_start();
    CHECK_FALSE(busy_before);
    CHECK(busy_during);
    CHECK(header_during == (9u << 16 | 4u << 8 | 3u));
    REQUIRE(current_during != nullptr);
    CHECK_FALSE(busy_after);
}

TEST_CASE("mgmt bus: two senders at the same time arbitrate deterministically and both are delivered in turn",
          "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node n5{5}, n3{3}, n9{9};
    bus.attach(n5), bus.attach(n3), bus.attach(n9);
    runner run{"run"};
    run.body = [&] {
        bus.send(n5, packet(9, {0x55})); // asked first, but the source byte 3 beats 5
        bus.send(n3, packet(9, {0x33}));
    };
    sc_core::sc_start();
    const sc_time t = at_400k(1);
    REQUIRE(n9.got.size() == 2);
    CHECK(n9.got[0].p.src == 3);
    CHECK(n9.got[0].p.payload == std::vector<uint8_t>{0x33});
    CHECK(n9.got[0].at == t);
    CHECK(n9.got[1].p.src == 5);
    CHECK(n9.got[1].at == 2 * t); // the loser waits for the next free bus, back to back
    REQUIRE(n3.sent.size() == 1);
    REQUIRE(n5.sent.size() == 1);
    CHECK(n3.sent[0].r == mgmt_result::ok);
    CHECK(n5.sent[0].r == mgmt_result::ok);
    CHECK(n5.sent[0].at == 2 * t);
}

TEST_CASE("mgmt bus: the lowest destination id wins arbitration before the lowest source id", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node n3{3}, n5{5}, n7{7}, n9{9};
    bus.attach(n3), bus.attach(n5), bus.attach(n7), bus.attach(n9);
    runner run{"run"};
    run.body = [&] {
        bus.send(n3, packet(9));
        bus.send(n5, packet(7)); // higher source, lower destination: wins
    };
    sc_core::sc_start();
    REQUIRE(n7.got.size() == 1);
    REQUIRE(n9.got.size() == 1);
    CHECK(n7.got[0].at == at_400k(0));
    CHECK(n9.got[0].at == 2 * at_400k(0));
}

TEST_CASE("mgmt bus: a request made a delta cycle later in the same instant still takes part in arbitration",
          "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node n1{1}, n3{3}, n5{5}, n7{7}, n9{9};
    for (node* n : {&n1, &n3, &n5, &n7, &n9}) bus.attach(*n);
    runner run{"run"};
    const sc_time t1(10, SC_US), t2(1, sc_core::SC_MS);
    run.body = [&] {
        wait(t1);
        bus.send(n5, packet(9));
        wait(sc_core::SC_ZERO_TIME);
        wait(sc_core::SC_ZERO_TIME); // the bus has started n5's packet by now
        REQUIRE(bus.current() != nullptr);
        bus.send(n3, packet(9, {1, 2}));
        // Again, while the displaced sender has a better packet of its own queued behind the one on the wire.
        wait(t2 - sc_core::sc_time_stamp());
        bus.send(n5, packet(9));
        bus.send(n5, packet(1));
        wait(sc_core::SC_ZERO_TIME);
        wait(sc_core::SC_ZERO_TIME);
        bus.send(n3, packet(7));
    };
    sc_core::sc_start();
    const sc_time t = at_400k(0);
    REQUIRE(n9.got.size() == 3);
    CHECK(n9.got[0].p.src == 3);
    CHECK(n9.got[0].at == t1 + at_400k(2));
    CHECK(n9.got[1].p.src == 5);
    CHECK(n9.got[1].at == t1 + at_400k(2) + t);
    REQUIRE(n7.got.size() == 1);
    CHECK(n7.got[0].at == t2 + t);
    CHECK(n9.got[2].at == t2 + 2 * t); // node 5's packets in the order it asked
    REQUIRE(n1.got.size() == 1);
    CHECK(n1.got[0].at == t2 + 3 * t);
    CHECK(bus.stats().busy_time == at_400k(2) + 4 * t); // the displaced starts cost nothing
}

TEST_CASE("mgmt bus: requests made while the bus is busy compete when it frees", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node n1{1}, n2{2}, n3{3}, n4{4}, n5{5}, n6{6};
    for (node* n : {&n1, &n2, &n3, &n4, &n5, &n6}) bus.attach(*n);
    runner run{"run"};
    run.body = [&] {
        bus.send(n1, packet(6, std::vector<uint8_t>(64, 0)));
        wait(sc_time(10, SC_US));
        bus.send(n3, packet(6)); // asked first
        wait(sc_time(10, SC_US));
        bus.send(n2, packet(5));
        bus.send(n4, packet(2)); // asked last, lowest destination
    };
    sc_core::sc_start();
    const sc_time t1 = at_400k(64), t = at_400k(0);
    REQUIRE(n2.got.size() == 1);
    CHECK(n2.got[0].p.src == 4);
    CHECK(n2.got[0].at == t1 + t);
    REQUIRE(n5.got.size() == 1);
    CHECK(n5.got[0].at == t1 + 2 * t);
    REQUIRE(n6.got.size() == 2);
    CHECK(n6.got[0].p.src == 1);
    CHECK(n6.got[1].p.src == 3);
    CHECK(n6.got[1].at == t1 + 3 * t);
}

TEST_CASE("mgmt bus: every queued packet is delivered and each node's packets go out in the order it queued them",
          "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node n1{1}, n2{2}, n3{3}, sink{0x40};
    for (node* n : {&n1, &n2, &n3, &sink}) bus.attach(*n);
    runner run{"run"};
    run.body = [&] {
        // Each node queues five packets at once; node 1's later ones have lower destinations than its first.
        for (uint8_t i = 0; i < 5; ++i) {
            bus.send(n1, packet(i == 0 ? 0x40 : 2, {1, i}));
            bus.send(n2, packet(0x40, {2, i}));
            bus.send(n3, packet(0x40, {3, i}));
        }
    };
    sc_core::sc_start();
    CHECK(bus.stats().packets == 15);
    CHECK(bus.queued() == 0);
    for (node* n : {&n1, &n2, &n3}) {
        REQUIRE(n->sent.size() == 5);
        for (uint8_t i = 0; i < 5; ++i) {
            CHECK(n->sent[i].p.payload[1] == i);
            CHECK(n->sent[i].r == mgmt_result::ok);
        }
    }
    CHECK(sink.got.size() == 11);
    CHECK(n2.got.size() == 4);
    CHECK(n1.sent[4].at <= 15 * at_400k(2));
}

TEST_CASE("mgmt bus: a receiver with a full buffer NACKs and nothing is delivered", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, b{2};
    b.capacity = 0;
    bus.attach(a), bus.attach(b);
    runner run{"run"};
    run.body = [&] { bus.send(a, packet(2, {7})); };
    sc_core::sc_start();
    CHECK(b.got.empty());
    REQUIRE(a.sent.size() == 1);
    CHECK(a.sent[0].r == mgmt_result::nack);
    CHECK(bus.stats().nacks == 1);
    CHECK(bus.stats().deliveries == 0);
}

TEST_CASE("mgmt bus: a packet to an id no node has is NACKed", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, b{2};
    bus.attach(a), bus.attach(b);
    runner run{"run"};
    run.body = [&] { bus.send(a, packet(3, {7})); };
    sc_core::sc_start();
    CHECK(b.got.empty());
    REQUIRE(a.sent.size() == 1);
    CHECK(a.sent[0].r == mgmt_result::nack);
    CHECK(a.sent[0].at == at_400k(1));
}

TEST_CASE("mgmt bus: a packet to the sender's own id comes back to it", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, b{2};
    bus.attach(a), bus.attach(b);
    runner run{"run"};
    run.body = [&] { bus.send(a, packet(1, {0x5E, 0x1F})); };
    sc_core::sc_start();
    REQUIRE(a.got.size() == 1);
    CHECK(a.got[0].p.src == 1);
    CHECK(a.got[0].p.payload == std::vector<uint8_t>{0x5E, 0x1F});
    REQUIRE(a.sent.size() == 1);
    CHECK(a.sent[0].r == mgmt_result::ok);
    CHECK(b.got.empty());
}

TEST_CASE("mgmt bus: a broadcast is ok when one node accepts it and NACKed when none does", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, b{2}, c{3};
    c.capacity = 0;
    bus.attach(a), bus.attach(b), bus.attach(c);
    runner run{"run"};
    run.body = [&] {
        bus.send(a, packet(mgmt_broadcast, {1}));
        wait(sc_time(1, sc_core::SC_MS));
        b.capacity = 1; // full now
        bus.send(a, packet(mgmt_broadcast, {2}));
    };
    sc_core::sc_start();
    REQUIRE(a.sent.size() == 2);
    CHECK(a.sent[0].r == mgmt_result::ok);
    CHECK(a.sent[1].r == mgmt_result::nack);
    CHECK(b.got.size() == 1);
    CHECK(c.got.empty());
    CHECK(a.got.empty()); // not to the sender itself
    CHECK(bus.stats().deliveries == 1);
}

TEST_CASE("mgmt bus: broadcast reaches every other cell", "[mgmt_bus][mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        mbox_send(t, 1, MBOX_BROADCAST, {0xB0, 0x0B});
        wait(reg_latency + at_400k(2));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_DONE);
        for (unsigned cell : {2u, 3u}) {
            CHECK(rd(t, cell, MBOX_STATUS) == MBOX_STATUS_RX_READY);
            CHECK(rd(t, cell, MBOX_RXSRC) == 1);
            CHECK(rd(t, cell, MBOX_RXLEN) == 2);
            CHECK(rd(t, cell, MBOX_RXDATA) == 0xB0);
            CHECK(rd(t, cell, MBOX_RXDATA) == 0x0B);
        }
        CHECK(c.mbox1.rx_packets() == 0);
    };
    sc_core::sc_start();
}

TEST_CASE("mgmt bus: a corrupted byte fails the PEC and the receiver drops the packet", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, b{2};
    bus.attach(a), bus.attach(b);
    bus.corrupt_packet(1, 4, 0x80); // the second payload byte of the first packet
    runner run{"run"};
    run.body = [&] {
        bus.send(a, packet(2, {1, 2, 3}));
        bus.send(a, packet(2, {4, 5, 6}));
    };
    sc_core::sc_start();
    REQUIRE(a.sent.size() == 2);
    CHECK(a.sent[0].r == mgmt_result::error);
    CHECK(a.sent[0].at == at_400k(3)); // it still took its time on the wire
    CHECK(a.sent[1].r == mgmt_result::ok);
    REQUIRE(b.got.size() == 1);
    CHECK(b.got[0].p.payload == std::vector<uint8_t>{4, 5, 6});
    CHECK(bus.stats().corrupted == 1);
    CHECK(bus.stats().errors == 1);
}

TEST_CASE("mgmt bus: a corrupted source or length or PEC byte is caught too", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, b{2};
    bus.attach(a), bus.attach(b);
    bus.corrupt_packet(1, 1, 0x01);   // source
    bus.corrupt_packet(2, 2, 0x10);   // length
    bus.corrupt_packet(3, 100, 0xFF); // clipped to the PEC byte
    runner run{"run"};
    run.body = [&] {
        for (int i = 0; i < 4; ++i) bus.send(a, packet(2, {9}));
    };
    sc_core::sc_start();
    REQUIRE(a.sent.size() == 4);
    CHECK(a.sent[0].r == mgmt_result::error);
    CHECK(a.sent[1].r == mgmt_result::error);
    CHECK(a.sent[2].r == mgmt_result::error);
    CHECK(a.sent[3].r == mgmt_result::ok);
    CHECK(b.got.size() == 1);
}

TEST_CASE("mgmt bus: a lost packet is reported to the sender as TX_ERR", "[mgmt_bus][mailbox]")
{
    cells c;
    c.bus.lose_packet(1);
    c.tester.body = [&](tlm_tester& t) {
        mbox_send(t, 1, 2, {0x11});
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_ERR);
        CHECK(rd(t, 2, MBOX_STATUS) == 0);
        mbox_send(t, 1, 2, {0x22}); // the next one goes through
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_DONE);
        CHECK(rd(t, 2, MBOX_RXDATA) == 0x22);
    };
    sc_core::sc_start();
    CHECK(c.bus.stats().lost == 1);
    CHECK(c.bus.stats().errors == 1);
}

TEST_CASE("mgmt bus: a seeded corruption rate hits the same packets on every run and about that fraction of them",
          "[mgmt_bus]")
{
    // Three buses: two with the same seed, one with another; each node re-sends as soon as it hears back.
    mgmt_bus b1{"b1", {400000, 42, 0.2}}, b2{"b2", {400000, 42, 0.2}}, b3{"b3", {400000, 7, 0.2}};
    node s1{1}, r1{2}, s2{1}, r2{2}, s3{1}, r3{2};
    b1.attach(s1), b1.attach(r1), b2.attach(s2), b2.attach(r2), b3.attach(s3), b3.attach(r3);
    const std::size_t n = 500;
    auto again = [n](mgmt_bus& b) {
        return [&b, n](node& s) {
            if (s.sent.size() < n) b.send(s, packet(2, {uint8_t(s.sent.size()), 0xC3}));
        };
    };
    s1.on_sent = again(b1), s2.on_sent = again(b2), s3.on_sent = again(b3);
    runner run{"run"};
    run.body = [&] {
        b1.send(s1, packet(2, {0, 0xC3}));
        b2.send(s2, packet(2, {0, 0xC3}));
        b3.send(s3, packet(2, {0, 0xC3}));
    };
    sc_core::sc_start();
    auto errored = [](const node& s) {
        std::vector<std::size_t> v;
        for (std::size_t i = 0; i < s.sent.size(); ++i)
            if (s.sent[i].r == mgmt_result::error) v.push_back(i);
        return v;
    };
    REQUIRE(s1.sent.size() == n);
    CHECK(errored(s1) == errored(s2));
    CHECK(errored(s1) != errored(s3));
    CHECK(errored(s1).size() > 70); // 100 expected; the standard deviation is about 9
    CHECK(errored(s1).size() < 130);
    CHECK(r1.got.size() == n - errored(s1).size());
    CHECK(b1.stats().corrupted == errored(s1).size());
}

TEST_CASE("mgmt bus: a rate below 100 kHz is refused with a clear error", "[mgmt_bus]")
{
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(mgmt_bus("slow", {99999}), Contains("99999 Hz is out of range") && Contains("100000 Hz"));
    CHECK_THROWS_WITH(mgmt_bus("fast", {12500001}), Contains("out of range") && Contains("12500000 Hz (I3C SDR)"));
    CHECK_THROWS_AS(mgmt_bus("odd", {400000, 1, 1.5}), std::invalid_argument);
    // The limits themselves are allowed, and a refused bus leaves the simulator usable.
    mgmt_bus lo{"lo", {100000}}, hi{"hi", {12500000}};
    node a{1}, b{2};
    hi.attach(a), hi.attach(b);
    runner run{"run"};
    run.body = [&] { hi.send(a, packet(2)); };
    sc_core::sc_start();
    CHECK(b.got.size() == 1);
}

TEST_CASE("mgmt bus: the broadcast id or a taken id or an oversized packet is refused", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, a_again{1}, all{mgmt_broadcast}, stranger{5};
    bus.attach(a);
    CHECK_THROWS_AS(bus.attach(a_again), std::invalid_argument);
    CHECK_THROWS_AS(bus.attach(all), std::invalid_argument);
    runner run{"run"};
    run.body = [&] {
        CHECK_THROWS_AS(bus.send(a, packet(2, std::vector<uint8_t>(65, 0))), std::invalid_argument);
        CHECK_THROWS_AS(bus.send(stranger, packet(1)), std::invalid_argument);
    };
    sc_core::sc_start();
    CHECK(bus.stats().packets == 0);
}

TEST_CASE("mgmt bus: the counters count packets and bytes and NACKs and errors and busy time", "[mgmt_bus]")
{
    mgmt_bus bus{"bus"};
    node a{1}, b{2};
    bus.attach(a), bus.attach(b);
    bus.corrupt_packet(3);
    runner run{"run"};
    run.body = [&] {
        bus.send(a, packet(2, {1, 2, 3, 4})); // ok: 8 bytes
        bus.send(a, packet(7));               // nack: 4 bytes
        bus.send(a, packet(2, {1}));          // error: 5 bytes
        wait(sc_time(1, sc_core::SC_MS));
        bus.send(b, packet(mgmt_broadcast, {1, 2})); // ok: 6 bytes
    };
    sc_core::sc_start();
    const mgmt_bus_stats& s = bus.stats();
    CHECK(s.packets == 4);
    CHECK(s.bytes == 8 + 4 + 5 + 6);
    CHECK(s.deliveries == 2);
    CHECK(s.nacks == 1);
    CHECK(s.errors == 1);
    CHECK(s.corrupted == 1);
    CHECK(s.lost == 0);
    CHECK(s.busy_time == at_400k(4) + at_400k(0) + at_400k(1) + at_400k(2));
}

TEST_CASE("mailbox: a packet written through the registers arrives at the other cell with its source and bytes",
          "[mailbox]")
{
    cells c;
    sc_time rose;
    c.tester.body = [&](tlm_tester& t) {
        CHECK(rd(t, 2, MBOX_MY_ID) == 2);
        wr(t, 2, MBOX_IRQ_EN, 1);
        mbox_send(t, 1, 2, {0xDE, 0xAD, 0x42});
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_BUSY);
        CHECK(rd(t, 1, MBOX_TXDEST) == 2);
        wr(t, 1, MBOX_TXCTL, MBOX_TXCTL_SEND); // ignored while busy
        wait(c.irq2.posedge_event());
        rose = sc_core::sc_time_stamp();
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_DONE);
        CHECK(rd(t, 2, MBOX_STATUS) == MBOX_STATUS_RX_READY);
        CHECK(rd(t, 2, MBOX_RXSRC) == 1);
        CHECK(rd(t, 2, MBOX_RXLEN) == 3);
        CHECK(rd(t, 2, MBOX_RXDATA) == 0xDE);
        CHECK(rd(t, 2, MBOX_RXDATA) == 0xAD);
        CHECK(rd(t, 2, MBOX_RXDATA) == 0x42);
        CHECK(rd(t, 2, MBOX_RXDATA) == rxdata_end);
        CHECK(rd(t, 2, MBOX_RXLEN) == 3); // the whole packet's length
        wr(t, 2, MBOX_RXCTL, MBOX_RXCTL_NEXT);
        CHECK(rd(t, 2, MBOX_STATUS) == 0);
        CHECK(rd(t, 2, MBOX_RXDATA) == rxdata_end);
    };
    sc_core::sc_start();
    CHECK(rose == reg_latency + at_400k(3));
    CHECK(c.bus.stats().packets == 1);
}

TEST_CASE("mailbox: the receive interrupt rises with a packet and falls when the buffer is empty", "[mailbox]")
{
    cells c;
    std::vector<std::pair<bool, sc_time>> edges;
    c.tester.body = [&](tlm_tester& t) {
        mbox_send(t, 1, 2, {1}); // arrives while the interrupt is disabled
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        wait(sc_core::SC_ZERO_TIME);
        CHECK_FALSE(c.irq2.read());
        wr(t, 2, MBOX_IRQ_EN, 1);
        wait(c.irq2.posedge_event());
        edges.emplace_back(true, sc_core::sc_time_stamp());
        mbox_send(t, 3, 2, {3});
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(c.mbox2.rx_packets() == 2);
        wr(t, 2, MBOX_RXCTL, MBOX_RXCTL_NEXT); // one left: stays high
        wait(sc_time(1, SC_US));
        CHECK(c.irq2.read());
        CHECK(rd(t, 2, MBOX_RXSRC) == 3);
        wr(t, 2, MBOX_RXCTL, MBOX_RXCTL_NEXT); // empty: falls
        wait(c.irq2.negedge_event());
        edges.emplace_back(false, sc_core::sc_time_stamp());
    };
    sc_core::sc_start();
    REQUIRE(edges.size() == 2);
    // Enabled at 20 ns + one frame, taking effect at the end of that register write (20 ns later).
    CHECK(edges[0].second == reg_latency + at_400k(1) + reg_latency);
    CHECK(edges[1].second == edges[0].second + reg_latency + at_400k(1) + sc_time(1, SC_US) + reg_latency);
}

TEST_CASE("mailbox: the send interrupt rises when the send finishes and falls when the result is cleared", "[mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        wr(t, 1, MBOX_IRQ_EN, 2);
        CHECK(rd(t, 1, MBOX_IRQ_EN) == 2);
        mbox_send(t, 1, 7, {1}); // nobody has id 7: NACK
        wait(c.irq1.posedge_event());
        CHECK(sc_core::sc_time_stamp() == reg_latency + at_400k(1));
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_NACK);
        wr(t, 1, MBOX_STATUS, MBOX_STATUS_TX_NACK); // write 1 to clear
        wait(c.irq1.negedge_event());
        CHECK(rd(t, 1, MBOX_STATUS) == 0);
        CHECK_FALSE(c.irq2.read()); // a receive interrupt of cell 2 is not enabled
    };
    sc_core::sc_start();
}

TEST_CASE("mgmt bus: a full mailbox NACKs and the sender sees TX_NACK", "[mgmt_bus][mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        for (unsigned i = 0; i < MBOX_RX_PACKETS; ++i) {
            mbox_send(t, 1, 2, {uint8_t(i)});
            wait(reg_latency + at_400k(1));
            wait(sc_core::SC_ZERO_TIME);
            CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_DONE);
        }
        mbox_send(t, 1, 2, {0xFF});
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_NACK);
        CHECK(rd(t, 2, MBOX_STATUS) == (MBOX_STATUS_RX_READY | MBOX_STATUS_RX_OVERFLOW));
        wr(t, 2, MBOX_STATUS, MBOX_STATUS_RX_OVERFLOW);
        CHECK(rd(t, 2, MBOX_STATUS) == MBOX_STATUS_RX_READY);
        // The oldest is still first; after making room, the same packet goes through.
        CHECK(rd(t, 2, MBOX_RXDATA) == 0);
        wr(t, 2, MBOX_RXCTL, MBOX_RXCTL_NEXT);
        mbox_send(t, 1, 2, {0xFF});
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_DONE);
        CHECK(c.mbox2.rx_packets() == MBOX_RX_PACKETS);
    };
    sc_core::sc_start();
    CHECK(c.bus.stats().nacks == 1);
}

TEST_CASE("mailbox: a 65th TX byte is dropped and flags TX_ERR and the SEND then sends nothing", "[mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        for (unsigned i = 0; i < MBOX_MAX_PAYLOAD; ++i) wr(t, 1, MBOX_TXDATA, i);
        CHECK(rd(t, 1, MBOX_STATUS) == 0);
        CHECK(c.mbox1.tx_fifo_bytes() == MBOX_MAX_PAYLOAD);
        wr(t, 1, MBOX_TXDATA, 0xAA);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_ERR);
        CHECK(c.mbox1.tx_fifo_bytes() == MBOX_MAX_PAYLOAD);
        wr(t, 1, MBOX_TXDEST, 2);
        wr(t, 1, MBOX_TXCTL, MBOX_TXCTL_SEND);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_ERR);
        CHECK(c.mbox1.tx_fifo_bytes() == 0);
        wait(sc_time(2, sc_core::SC_MS));
        CHECK(rd(t, 2, MBOX_STATUS) == 0);
        // Exactly 64 bytes go out whole.
        std::vector<uint8_t> full(MBOX_MAX_PAYLOAD);
        for (unsigned i = 0; i < full.size(); ++i) full[i] = uint8_t(0x80 + i);
        mbox_send(t, 1, 2, full);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_BUSY); // SEND cleared the old TX_ERR
        wait(reg_latency + at_400k(MBOX_MAX_PAYLOAD));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_DONE);
        CHECK(rd(t, 2, MBOX_RXLEN) == MBOX_MAX_PAYLOAD);
        for (unsigned i = 0; i < full.size(); ++i) CHECK(rd(t, 2, MBOX_RXDATA) == full[i]);
    };
    sc_core::sc_start();
    CHECK(c.bus.stats().packets == 1);
}

TEST_CASE("mailbox: accesses that are not aligned 32-bit register accesses are refused and nothing crashes",
          "[mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        const uint64_t b = cells::base(1);
        uint32_t v = 0;
        uint16_t h = 0;
        uint64_t d = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, b + MBOX_STATUS, &h, 2) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, b + MBOX_TXDATA, &h, 1) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_READ_COMMAND, b + MBOX_RXSRC, &d, 8) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(b + MBOX_STATUS + 2, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(b + MBOX_MY_ID + 4, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.write32(b + 0xFFC, 1) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        const uint8_t be[4] = {0xff, 0, 0, 0};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, b + MBOX_TXDATA, &v, 4, nullptr, be) ==
              tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        CHECK(c.mbox1.tx_fifo_bytes() == 0);
        // Read-only registers ignore writes; write-only ones read 0.
        wr(t, 1, MBOX_MY_ID, 9);
        CHECK(rd(t, 1, MBOX_MY_ID) == 1);
        CHECK(rd(t, 1, MBOX_TXCTL) == 0);
        CHECK(rd(t, 1, MBOX_RXCTL) == 0);
        // Without a packet: RXSRC and RXLEN 0, RXDATA at its end, NEXT does nothing.
        CHECK(rd(t, 1, MBOX_RXSRC) == 0);
        CHECK(rd(t, 1, MBOX_RXLEN) == 0);
        CHECK(rd(t, 1, MBOX_RXDATA) == rxdata_end);
        wr(t, 1, MBOX_RXCTL, MBOX_RXCTL_NEXT);
        CHECK(rd(t, 1, MBOX_STATUS) == 0);
    };
    sc_core::sc_start();
}

TEST_CASE("mailbox: every register access takes 20 ns and debug reads do not pop", "[mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        uint32_t v = 0;
        sc_time d;
        CHECK(t.access(tlm::TLM_READ_COMMAND, cells::base(2) + MBOX_STATUS, &v, 4, &d) == tlm::TLM_OK_RESPONSE);
        CHECK(d == sc_time(20, SC_NS));
        v = 5;
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, cells::base(2) + MBOX_TXDATA, &v, 4, &d) == tlm::TLM_OK_RESPONSE);
        CHECK(d == sc_time(20, SC_NS));
        mbox_send(t, 1, 2, {0x77});
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        tlm::tlm_generic_payload g;
        g.set_command(tlm::TLM_READ_COMMAND);
        g.set_address(cells::base(2) + MBOX_RXDATA);
        g.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
        g.set_data_length(4);
        CHECK(t.initiator_socket->transport_dbg(g) == 4);
        CHECK(v == 0x77);
        CHECK(t.initiator_socket->transport_dbg(g) == 4);
        CHECK(v == 0x77);
        CHECK(rd(t, 2, MBOX_RXDATA) == 0x77);
        CHECK(rd(t, 2, MBOX_RXDATA) == rxdata_end);
    };
    sc_core::sc_start();
}

TEST_CASE("mailbox: a reset empties the FIFOs and resets the registers and drops the result of a packet on the wire",
          "[mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        // Cell 2 holds a packet and has its interrupts on; cell 1 has a packet on the wire and bytes queued.
        mbox_send(t, 3, 2, {1});
        wr(t, 2, MBOX_IRQ_EN, 3);
        wait(c.irq2.posedge_event());
        wr(t, 1, MBOX_IRQ_EN, 2);
        mbox_send(t, 1, 2, {2, 2});
        wait(reg_latency + at_400k(2) / 2);
        CHECK(c.bus.current() != nullptr);
        wr(t, 1, MBOX_TXDATA, 0x99);
        c.mbox1.reset();
        c.mbox2.reset();
        CHECK(rd(t, 1, MBOX_STATUS) == 0);
        CHECK(rd(t, 1, MBOX_IRQ_EN) == 0);
        CHECK(rd(t, 1, MBOX_TXDEST) == 0);
        CHECK(c.mbox1.tx_fifo_bytes() == 0);
        CHECK(rd(t, 2, MBOX_STATUS) == 0);
        wait(c.irq2.negedge_event());
        // The packet on the wire still completes and reaches cell 2; cell 1 hears nothing of it.
        wait(at_400k(2));
        CHECK(rd(t, 1, MBOX_STATUS) == 0);
        CHECK_FALSE(c.irq1.read());
        CHECK(rd(t, 2, MBOX_RXLEN) == 2);
        // After the reset, cell 1 sends normally.
        mbox_send(t, 1, 3, {3});
        wait(reg_latency + at_400k(1));
        wait(sc_core::SC_ZERO_TIME);
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_DONE);
    };
    sc_core::sc_start();
    CHECK(c.bus.stats().packets == 3);
}

TEST_CASE("mailbox: ABORT withdraws a packet still waiting for the bus", "[mailbox]")
{
    cells c;
    c.tester.body = [&](tlm_tester& t) {
        mbox_send(t, 3, 2, std::vector<uint8_t>(64, 3)); // holds the bus for 1.5 ms
        wait(sc_time(100, SC_US));
        mbox_send(t, 1, 2, {1});
        CHECK(rd(t, 1, MBOX_STATUS) == MBOX_STATUS_TX_BUSY);
        wait(sc_time(100, SC_US));
        wr(t, 1, MBOX_TXCTL, MBOX_TXCTL_ABORT);
        CHECK(rd(t, 1, MBOX_STATUS) == 0);
        wait(sc_time(3, sc_core::SC_MS));
        CHECK(rd(t, 1, MBOX_STATUS) == 0);
        CHECK(c.mbox2.rx_packets() == 1);
        CHECK(rd(t, 2, MBOX_RXSRC) == 3);
    };
    sc_core::sc_start();
    CHECK(c.bus.stats().packets == 1);
    CHECK(c.bus.queued() == 0);
}
