// Fabric port: DMA writes and reads through a test-double fabric into the peer's inbound window, the window's
// checks (range, source, enable), link down, time-outs, interrupts, packet splitting and counters, reset,
// refused register accesses and the port inside a cell.
#include "harness.h"

#include "cellvp/cell_map.h"
#include "dev/fabric_port.h"
#include "platform/cell.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

using namespace cellvp;
using namespace cellvp::test;
using cellvp::fabric::tlp;
using cellvp::fabric::tlp_type;
using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_US;
using sc_core::wait;

namespace {

// A fabric for the tests: one end per cell id; a port's link is up while it and at least one other port are
// enabled. Its thread pulls every packet the ports offer at once and delivers each `latency` later, in order,
// to the port of its destination (when that port's link is up); `drop` loses packets on the way. Every
// packet pulled is logged.
struct test_fabric : sc_core::sc_module {
    struct end : fabric::fabric_attach_if {
        test_fabric* f = nullptr;
        fabric::fabric_port_if* port = nullptr;
        bool enabled = false, up = false;
        void set_link_enable(bool e) override
        {
            enabled = e;
            f->wake.notify(sc_core::SC_ZERO_TIME);
        }
        bool link_up() const override { return up; }
        void tx_kick() override { f->wake.notify(sc_core::SC_ZERO_TIME); }
    };
    struct flight {
        sc_time at;
        tlp p;
    };

    std::vector<std::unique_ptr<end>> ends;
    sc_time latency{200, SC_NS};
    std::function<bool(const tlp&)> drop;
    std::vector<tlp> log;
    std::deque<flight> in_flight;
    sc_core::sc_event wake;

    explicit test_fabric(sc_core::sc_module_name n) : sc_module(n)
    {
        SC_HAS_PROCESS(test_fabric);
        SC_THREAD(run);
    }
    end& attach(unsigned id, fabric::fabric_port_if& port)
    {
        if (ends.size() <= id) ends.resize(id + 1);
        ends[id] = std::make_unique<end>();
        ends[id]->f = this;
        ends[id]->port = &port;
        return *ends[id];
    }

    void run()
    {
        for (;;) {
            for (auto& e : ends) {
                if (!e) continue;
                bool other = false;
                for (auto& o : ends)
                    if (o && o != e && o->enabled) other = true;
                const bool up = e->enabled && other;
                if (up != e->up) {
                    e->up = up;
                    e->port->link_changed(up, sc_core::SC_ZERO_TIME);
                }
            }
            for (auto& e : ends) {
                if (!e || !e->up) continue;
                tlp p;
                while (e->port->tx_pull(p, sc_core::SC_ZERO_TIME)) {
                    log.push_back(p);
                    if (!drop || !drop(p)) in_flight.push_back({sc_core::sc_time_stamp() + latency, p});
                }
            }
            while (!in_flight.empty() && in_flight.front().at <= sc_core::sc_time_stamp()) {
                tlp p = std::move(in_flight.front().p);
                in_flight.pop_front();
                if (p.dst < ends.size() && ends[p.dst] && ends[p.dst]->up)
                    ends[p.dst]->port->rx_deliver(p, sc_core::SC_ZERO_TIME);
            }
            if (in_flight.empty())
                wait(wake);
            else
                wait(in_flight.front().at - sc_core::sc_time_stamp(), wake);
        }
    }

    std::vector<tlp> sent_by(uint8_t src, tlp_type type) const
    {
        std::vector<tlp> r;
        for (const tlp& p : log)
            if (p.src == src && p.type == type) r.push_back(p);
        return r;
    }
};

constexpr uint32_t ram_base = 0x80000000u, ram_size = 0x10000u;
constexpr uint8_t fill = 0xEE; // every RAM's contents at the start

// `n` cells (ids 0 .. n-1): each a fabric port and 64 KiB of RAM at ram_base on its own bus, the ports on
// one test fabric (unless `attach` is false); every port's registers at regs(id) on the tester's bus.
struct bench : sc_core::sc_module {
    struct one_cell {
        std::unique_ptr<router> bus;
        std::unique_ptr<memory> ram;
        std::unique_ptr<fabric_port> port;
        std::unique_ptr<sc_core::sc_signal<bool>> irq;
    };
    std::vector<one_cell> cells;
    test_fabric fab{"fab"};
    router regs_bus{"regs_bus"};
    tlm_tester tester{"tester"};
    bool finished = false;

    explicit bench(unsigned n = 2, bool attach = true, fabric_port_config cfg = {}, sc_core::sc_module_name name = "bench",
                   sc_time read_latency = sc_core::SC_ZERO_TIME)
        : sc_module(name)
    {
        for (unsigned i = 0; i < n; ++i) {
            const std::string s = std::to_string(i);
            one_cell c;
            c.bus = std::make_unique<router>(("bus" + s).c_str());
            c.ram = std::make_unique<memory>(("ram" + s).c_str(), ram_size, read_latency, sc_core::SC_ZERO_TIME);
            cfg.cell_id = uint8_t(i);
            c.port = std::make_unique<fabric_port>(("port" + s).c_str(), cfg);
            c.irq = std::make_unique<sc_core::sc_signal<bool>>(("irq" + s).c_str());
            c.bus->map(c.bus->attach(c.ram->target_socket), ram_base, ram_size, 0, "ram");
            c.port->initiator_socket.bind(c.bus->target_socket);
            c.port->irq.bind(*c.irq);
            regs_bus.map(regs_bus.attach(c.port->target_socket), regs(i), CELL_FABRIC_SIZE, 0, "port" + s);
            std::memset(c.ram->data(), fill, ram_size);
            if (attach) c.port->attach(&fab.attach(i, *c.port));
            cells.push_back(std::move(c));
        }
        tester.initiator_socket.bind(regs_bus.target_socket);
    }
    static uint64_t regs(unsigned id) { return 0x10000u * (id + 1); }
    fabric_port& port(unsigned id) { return *cells.at(id).port; }
    uint8_t* ram(unsigned id) { return cells.at(id).ram->data(); }
    bool irq(unsigned id) { return cells.at(id).irq->read(); }

    void run(std::function<void(tlm_tester&)> body, const sc_time& until = sc_time(1, sc_core::SC_SEC))
    {
        tester.body = [this, body](tlm_tester& t) {
            body(t);
            finished = true;
        };
        sc_core::sc_start(until);
        CHECK(finished);
    }
};

bench* the_bench = nullptr; // the helpers below address its ports

uint32_t rd(unsigned cell, uint32_t reg)
{
    uint32_t v = 0xdeadbeef;
    CHECK(the_bench->tester.read32(bench::regs(cell) + reg, v) == tlm::TLM_OK_RESPONSE);
    return v;
}

void wr(unsigned cell, uint32_t reg, uint32_t v)
{
    CHECK(the_bench->tester.write32(bench::regs(cell) + reg, v) == tlm::TLM_OK_RESPONSE);
}

// Enables the link of every cell given and waits until it is up.
void link_up(std::initializer_list<unsigned> cells)
{
    for (unsigned c : cells) wr(c, FABRIC_LINK_CTRL, FABRIC_LINK_CTRL_ENABLE);
    wait(sc_time(1, SC_US));
    for (unsigned c : cells) CHECK(rd(c, FABRIC_LINK_STATUS) == FABRIC_LINK_STATUS_UP);
}

void open_window(unsigned cell, uint32_t base, uint32_t size, uint32_t src)
{
    wr(cell, FABRIC_WIN_BASE, base);
    wr(cell, FABRIC_WIN_SIZE, size);
    wr(cell, FABRIC_WIN_SRC, src);
    wr(cell, FABRIC_WIN_CTRL, FABRIC_WIN_CTRL_ENABLE);
}

void dma_go(unsigned cell, unsigned remote, uint32_t remote_addr, uint32_t local_addr, uint32_t len, unsigned dir)
{
    wr(cell, FABRIC_DMA_REMOTE_CELL, remote);
    wr(cell, FABRIC_DMA_REMOTE_ADDR, remote_addr);
    wr(cell, FABRIC_DMA_LOCAL_ADDR, local_addr);
    wr(cell, FABRIC_DMA_LEN, len);
    wr(cell, FABRIC_DMA_CMD, FABRIC_DMA_CMD_GO | (dir == FABRIC_DMA_DIR_READ ? FABRIC_DMA_CMD_DIR : 0));
}

// Polls DMA_STATUS every 100 ns until BUSY clears (at most `limit`); returns the final status.
uint32_t dma_wait(unsigned cell, const sc_time& limit = sc_time(100, sc_core::SC_MS))
{
    const sc_time end = sc_core::sc_time_stamp() + limit;
    uint32_t s;
    while ((s = rd(cell, FABRIC_DMA_STATUS)) & FABRIC_DMA_STATUS_BUSY) {
        if (sc_core::sc_time_stamp() >= end) break;
        wait(sc_time(100, SC_NS));
    }
    return s;
}

uint32_t done(unsigned err) { return FABRIC_DMA_STATUS_DONE | err << FABRIC_DMA_STATUS_ERR_SHIFT; }

// Fills cell's RAM [offset, offset + len) with a pattern that differs per byte and per `seed`.
void pattern(uint8_t* ram, uint32_t offset, uint32_t len, uint8_t seed)
{
    for (uint32_t i = 0; i < len; ++i) ram[offset + i] = uint8_t(i * 7 + seed + (i >> 8));
}

bool all_fill(const uint8_t* ram, uint32_t offset, uint32_t len)
{
    for (uint32_t i = 0; i < len; ++i)
        if (ram[offset + i] != fill) return false;
    return true;
}

bool same(const uint8_t* a, const uint8_t* b, uint32_t len) { return std::memcmp(a, b, len) == 0; }

} // namespace

TEST_CASE("fabric_port: a DMA write into the peer's open window arrives intact and ends DONE without error",
          "[fabric_port]")
{
    bench b;
    the_bench = &b;
    pattern(b.ram(0), 0x100, 1000, 3);
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base + 0x4000, 0x1000, 0);
        dma_go(0, 1, ram_base + 0x4010, ram_base + 0x100, 1000, FABRIC_DMA_DIR_WRITE);
        CHECK(rd(0, FABRIC_DMA_STATUS) == FABRIC_DMA_STATUS_BUSY);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
        CHECK(rd(0, FABRIC_DMA_BYTES_DONE) == 1000);
        CHECK((rd(0, FABRIC_INT_STATUS) & FABRIC_INT_DMA_DONE));
        CHECK((rd(1, FABRIC_INT_STATUS) & FABRIC_INT_WIN_WRITE));
        CHECK(rd(1, FABRIC_RX_BYTES) == 1000);
        CHECK(rd(1, FABRIC_REJECTED) == 0);
    });
    CHECK(same(b.ram(1) + 0x4010, b.ram(0) + 0x100, 1000));
    CHECK(all_fill(b.ram(1), 0x4000, 0x10));
    CHECK(all_fill(b.ram(1), 0x4010 + 1000, 0x1000 - 0x10 - 1000));
    CHECK(b.port(0).statistics().dma_transfers == 1);
    CHECK(b.port(0).statistics().dma_errors == 0);
}

TEST_CASE("fabric_port: a DMA from a slow memory goes at the memory's rate, a chunk read while the last one is sent",
          "[fabric_port][timing]")
{
    // The source reports 60 ns per word, as the flash's XIP reads do (W25Q128JV quad read): 4 KiB is 1024 words,
    // 61.44 us of reading; the test fabric carries a 256-byte packet in far less than its 3.84 us of reading.
    bench b(2, true, {}, "bench", sc_time(60, sc_core::SC_NS));
    the_bench = &b;
    pattern(b.ram(0), 0, 4096, 5);
    sc_time took;
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base + 0x8000, 0x1000, 0);
        const sc_time t0 = sc_core::sc_time_stamp();
        dma_go(0, 1, ram_base + 0x8000, ram_base, 4096, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
        took = sc_core::sc_time_stamp() - t0;
    });
    CHECK(same(b.ram(1) + 0x8000, b.ram(0), 4096));
    INFO("4 KiB from a 60 ns/word memory took " << took);
    CHECK(took >= sc_time(61.44, sc_core::SC_US));
    CHECK(took < sc_time(61.44 + 5, sc_core::SC_US));
}

TEST_CASE("fabric_port: a write outside the window is rejected and counted and the DMA reports access denied",
          "[fabric_port]")
{
    bench b;
    the_bench = &b;
    pattern(b.ram(0), 0, 0x100, 9);
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base + 0x1000, 0x1000, 0);
        // 0x80 bytes up to the window's end (the 4 KiB boundary splits there), 0x80 bytes beyond it.
        dma_go(0, 1, ram_base + 0x1F80, ram_base, 0x100, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_DENIED));
        CHECK(rd(1, FABRIC_REJECTED) == 1);
        CHECK(rd(1, FABRIC_RX_BYTES) == 0x80);
        // The sticky flag was consumed by the acknowledgement: the next transfer inside the window is fine.
        dma_go(0, 1, ram_base + 0x1000, ram_base, 0x40, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
    });
    CHECK(same(b.ram(1) + 0x1F80, b.ram(0), 0x80));
    CHECK(all_fill(b.ram(1), 0x2000, 0x1000)); // nothing beyond the window changed
    CHECK(all_fill(b.ram(1), 0, 0x1000));
}

TEST_CASE("fabric_port: a write from a cell other than WIN_SRC is rejected", "[fabric_port]")
{
    bench b(3);
    the_bench = &b;
    pattern(b.ram(2), 0, 64, 1);
    pattern(b.ram(0), 0, 64, 2);
    b.run([&](tlm_tester&) {
        link_up({0, 1, 2});
        open_window(1, ram_base, 0x1000, 0);
        dma_go(2, 1, ram_base, ram_base, 64, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(2) == done(FABRIC_ERR_DENIED));
        CHECK(rd(1, FABRIC_REJECTED) == 1);
        CHECK(all_fill(b.ram(1), 0, 0x1000));
        dma_go(0, 1, ram_base, ram_base, 64, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
        CHECK(rd(1, FABRIC_REJECTED) == 1);
    });
    CHECK(same(b.ram(1), b.ram(0), 64));
}

TEST_CASE("fabric_port: a closed window rejects writes and reads", "[fabric_port]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, ram_size, 0);
        wr(1, FABRIC_WIN_CTRL, 0);
        dma_go(0, 1, ram_base, ram_base, 16, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_DENIED));
        dma_go(0, 1, ram_base, ram_base + 0x100, 16, FABRIC_DMA_DIR_READ);
        CHECK(dma_wait(0) == done(FABRIC_ERR_DENIED));
        CHECK(rd(1, FABRIC_REJECTED) == 2);
        CHECK(rd(1, FABRIC_RX_BYTES) == 0);
    });
    CHECK(all_fill(b.ram(1), 0, ram_size));
    CHECK(all_fill(b.ram(0), 0x100, 16)); // the denied read wrote nothing locally
    auto answers = b.fab.sent_by(1, tlp_type::completion);
    REQUIRE(answers.size() == 2);
    CHECK(answers[1].flags == uint16_t(fabric::tlp_status::access_denied));
    CHECK(answers[1].payload.empty());
}

TEST_CASE("fabric_port: a DMA read from the peer's window returns its data", "[fabric_port][read]")
{
    bench b;
    the_bench = &b;
    pattern(b.ram(1), 0x2F00, 3000, 5);
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base + 0x2000, 0x2000, 0);
        dma_go(0, 1, ram_base + 0x2F00, ram_base + 0x10, 3000, FABRIC_DMA_DIR_READ);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
        CHECK(rd(0, FABRIC_DMA_BYTES_DONE) == 3000);
        CHECK(rd(0, FABRIC_RX_BYTES) == 3000);
        CHECK(rd(1, FABRIC_TX_BYTES) == 3000);
        CHECK(rd(1, FABRIC_REJECTED) == 0);
        CHECK(rd(0, FABRIC_UNEXPECTED) == 0);
    });
    CHECK(same(b.ram(0) + 0x10, b.ram(1) + 0x2F00, 3000));
    CHECK(all_fill(b.ram(0), 0, 0x10));
    CHECK(all_fill(b.ram(0), 0x10 + 3000, 0x100));
    // Requests of at most 256 bytes, none crossing 4 KiB, covering the range once; several in flight at once.
    auto reqs = b.fab.sent_by(0, tlp_type::mem_read);
    uint32_t next = ram_base + 0x2F00;
    for (const tlp& r : reqs) {
        CHECK(r.address == next);
        CHECK(r.length <= 256);
        CHECK((r.address & ~0xFFFu) == ((r.address + r.length - 1) & ~0xFFFu));
        next += r.length;
    }
    CHECK(next == ram_base + 0x2F00 + 3000);
    CHECK(reqs.size() == 12); // 0x100 to the boundary, then 2744 bytes: 10 of 256 and one of 184
    CHECK(b.fab.sent_by(1, tlp_type::completion).size() == reqs.size());
}

TEST_CASE("fabric_port: a DMA with the link down reports link down at once", "[fabric_port][link]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        wr(0, FABRIC_LINK_CTRL, FABRIC_LINK_CTRL_ENABLE); // the peer stays disabled
        wait(sc_time(1, SC_US));
        CHECK(rd(0, FABRIC_LINK_STATUS) == 0);
        dma_go(0, 1, ram_base, ram_base, 16, FABRIC_DMA_DIR_WRITE);
        wait(sc_time(100, SC_NS));
        CHECK(rd(0, FABRIC_DMA_STATUS) == done(FABRIC_ERR_LINK_DOWN));
        CHECK(rd(0, FABRIC_TX_TLPS) == 0);
    });
    CHECK(b.fab.log.empty());
}

TEST_CASE("fabric_port: a port without a fabric never brings its link up", "[fabric_port][link]")
{
    bench b(2, false);
    the_bench = &b;
    b.run([&](tlm_tester&) {
        wr(0, FABRIC_LINK_CTRL, FABRIC_LINK_CTRL_ENABLE);
        wr(1, FABRIC_LINK_CTRL, FABRIC_LINK_CTRL_ENABLE);
        wait(sc_time(10, SC_US));
        CHECK(rd(0, FABRIC_LINK_STATUS) == 0);
        CHECK(rd(0, FABRIC_LINK_CTRL) == FABRIC_LINK_CTRL_ENABLE);
        dma_go(0, 1, ram_base, ram_base, 4, FABRIC_DMA_DIR_READ);
        CHECK(dma_wait(0) == done(FABRIC_ERR_LINK_DOWN));
    });
}

TEST_CASE("fabric_port: the link status follows the fabric and every change raises LINK_CHANGE", "[fabric_port][link]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        wr(0, FABRIC_INT_ENABLE, FABRIC_INT_LINK_CHANGE);
        link_up({0, 1});
        CHECK(rd(0, FABRIC_INT_STATUS) == FABRIC_INT_LINK_CHANGE);
        CHECK(b.irq(0));
        wr(0, FABRIC_INT_STATUS, FABRIC_INT_LINK_CHANGE);
        wait(sc_time(100, SC_NS));
        CHECK_FALSE(b.irq(0));
        wr(1, FABRIC_LINK_CTRL, 0); // the peer goes away
        wait(sc_time(1, SC_US));
        CHECK(rd(0, FABRIC_LINK_STATUS) == 0);
        CHECK(rd(0, FABRIC_INT_STATUS) == FABRIC_INT_LINK_CHANGE);
        CHECK(b.irq(0));
    });
}

TEST_CASE("fabric_port: losing the link during a transfer ends it with link down", "[fabric_port][link]")
{
    bench b;
    the_bench = &b;
    b.fab.drop = [](const tlp& p) { return p.type == tlp_type::completion; }; // the DMA waits forever
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, ram_size, 0);
        dma_go(0, 1, ram_base, ram_base, 64, FABRIC_DMA_DIR_WRITE);
        wait(sc_time(5, SC_US));
        CHECK(rd(0, FABRIC_DMA_STATUS) == FABRIC_DMA_STATUS_BUSY);
        wr(1, FABRIC_LINK_CTRL, 0);
        CHECK(dma_wait(0) == done(FABRIC_ERR_LINK_DOWN));
    });
}

TEST_CASE("fabric_port: a peer that never answers makes the DMA time out", "[fabric_port][timeout]")
{
    bench b;
    the_bench = &b;
    b.fab.drop = [](const tlp& p) { return p.dst == 1; }; // everything to cell 1 is lost
    sc_time went, ended;
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, ram_size, 0);
        wr(0, FABRIC_DMA_TIMEOUT_US, 50);
        dma_go(0, 1, ram_base, ram_base, 600, FABRIC_DMA_DIR_WRITE);
        went = sc_core::sc_time_stamp();
        CHECK(dma_wait(0) == done(FABRIC_ERR_TIMEOUT));
        ended = sc_core::sc_time_stamp();
        CHECK(rd(0, FABRIC_DMA_TIMEOUTS) == 1);
        CHECK(rd(0, FABRIC_DMA_BYTES_DONE) == 600); // all sent, none acknowledged
        // A read times out the same way, with the default when TIMEOUT_US is 0 (10 ms).
        wr(0, FABRIC_DMA_TIMEOUT_US, 0);
        const sc_time t0 = sc_core::sc_time_stamp();
        dma_go(0, 1, ram_base, ram_base, 8, FABRIC_DMA_DIR_READ);
        CHECK(dma_wait(0) == done(FABRIC_ERR_TIMEOUT));
        const sc_time took = sc_core::sc_time_stamp() - t0;
        CHECK(took >= sc_time(10, sc_core::SC_MS));
        CHECK(took < sc_time(10.01, sc_core::SC_MS));
    });
    CHECK(ended - went >= sc_time(50, SC_US));
    CHECK(ended - went < sc_time(51, SC_US));
    CHECK(all_fill(b.ram(1), 0, ram_size));
    CHECK(b.port(0).statistics().dma_timeouts == 2);
}

TEST_CASE("fabric_port: the completion interrupt rises at the end of a transfer and clears with W1C", "[fabric_port][irq]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, ram_size, 0);
        wr(0, FABRIC_INT_STATUS, FABRIC_INT_ALL);
        wr(0, FABRIC_INT_ENABLE, FABRIC_INT_DMA_DONE);
        wait(sc_time(100, SC_NS));
        CHECK_FALSE(b.irq(0));
        dma_go(0, 1, ram_base, ram_base, 32, FABRIC_DMA_DIR_WRITE);
        wait(sc_time(100, SC_NS));
        CHECK_FALSE(b.irq(0)); // not before the end
        dma_wait(0);
        wait(sc_time(100, SC_NS));
        CHECK(b.irq(0));
        CHECK(rd(0, FABRIC_INT_STATUS) == FABRIC_INT_DMA_DONE);
        wr(0, FABRIC_INT_STATUS, FABRIC_INT_LINK_CHANGE); // another bit: no change
        wait(sc_time(100, SC_NS));
        CHECK(b.irq(0));
        wr(0, FABRIC_INT_STATUS, FABRIC_INT_DMA_DONE);
        wait(sc_time(100, SC_NS));
        CHECK_FALSE(b.irq(0));
        CHECK(rd(0, FABRIC_INT_STATUS) == 0);
        // Masked: the status bit is set, the line stays low.
        wr(0, FABRIC_INT_ENABLE, 0);
        dma_go(0, 1, ram_base, ram_base, 32, FABRIC_DMA_DIR_WRITE);
        dma_wait(0);
        wait(sc_time(100, SC_NS));
        CHECK(rd(0, FABRIC_INT_STATUS) == FABRIC_INT_DMA_DONE);
        CHECK_FALSE(b.irq(0));
        // And the peer's line for writes that landed in its window.
        wr(1, FABRIC_INT_ENABLE, FABRIC_INT_WIN_WRITE);
        wait(sc_time(100, SC_NS));
        CHECK(b.irq(1));
    });
}

TEST_CASE("fabric_port: bad register accesses get TLM error responses and change nothing", "[fabric_port][errors]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester& t) {
        const uint64_t base = bench::regs(0);
        uint64_t v = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, base + FABRIC_ID, &v, 8) == tlm::TLM_BURST_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_READ_COMMAND, base + FABRIC_ID, &v, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
        uint32_t w = 0;
        const uint8_t be[4] = {0xff, 0xff, 0, 0};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, base + FABRIC_WIN_BASE, &w, 4, nullptr, be) ==
              tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        for (uint32_t off : {0x002u, 0x018u, 0x01Cu, 0x050u, 0x07Cu, FABRIC_LAST_REG + 4, 0xFFCu}) {
            CHECK(t.read32(base + off, w) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
            CHECK(t.write32(base + off, 1) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        }
        // Read-only registers ignore writes.
        wr(0, FABRIC_ID, 7);
        wr(0, FABRIC_MAX_PAYLOAD, 4096);
        wr(0, FABRIC_TX_TLPS, 5);
        wr(0, FABRIC_LINK_STATUS, 1);
        CHECK(rd(0, FABRIC_ID) == 0);
        CHECK(rd(1, FABRIC_ID) == 1);
        CHECK(rd(0, FABRIC_MAX_PAYLOAD) == 256);
        CHECK(rd(0, FABRIC_TX_TLPS) == 0);
        CHECK(rd(0, FABRIC_LINK_STATUS) == 0);
        CHECK(rd(0, FABRIC_WIN_BASE) == 0);
        CHECK(rd(0, FABRIC_DMA_CMD) == 0);
    });
}

TEST_CASE("fabric_port: a transfer larger than MAX_PAYLOAD is split into packets none crossing 4 KiB and counted",
          "[fabric_port][split]")
{
    bench b;
    the_bench = &b;
    const uint32_t len = 5000, raddr = ram_base + 0x0F10;
    pattern(b.ram(0), 0x8000, len, 11);
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, 0x8000, 0);
        dma_go(0, 1, raddr, ram_base + 0x8000, len, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
        auto writes = b.fab.sent_by(0, tlp_type::mem_write);
        // 0xF0 to the first boundary, 4096 = 16 x 256 to the next, then 664 = 2 x 256 + 152.
        REQUIRE(writes.size() == 20);
        CHECK(rd(0, FABRIC_TX_TLPS) == 20);
        CHECK(rd(0, FABRIC_TX_BYTES) == len);
        CHECK(rd(1, FABRIC_RX_TLPS) == 20);
        CHECK(rd(1, FABRIC_RX_BYTES) == len);
        CHECK(rd(1, FABRIC_TX_TLPS) == 1); // the acknowledgement
        CHECK(rd(1, FABRIC_TX_BYTES) == 0);
        CHECK(rd(0, FABRIC_RX_TLPS) == 1);
        uint32_t next = raddr;
        for (size_t i = 0; i < writes.size(); ++i) {
            const tlp& p = writes[i];
            CHECK(p.address == next);
            CHECK(p.length <= 256);
            CHECK(p.payload.size() == p.length);
            CHECK(p.src == 0);
            CHECK(p.dst == 1);
            CHECK((p.address & ~0xFFFu) == ((p.address + p.length - 1) & ~0xFFFu));
            CHECK(bool(p.flags & fabric::tlp_flag_ack_req) == (i + 1 == writes.size()));
            next += p.length;
        }
        CHECK(next == raddr + len);
        CHECK(writes[0].length == 0xF0);
        CHECK(writes.back().length == 152);
    });
    CHECK(same(b.ram(1) + 0x0F10, b.ram(0) + 0x8000, len));
}

TEST_CASE("fabric_port: a smaller MAX_PAYLOAD from the config is reported and used", "[fabric_port][split]")
{
    fabric_port_config cfg;
    cfg.max_payload = 128;
    bench b(2, true, cfg);
    the_bench = &b;
    b.run([&](tlm_tester&) {
        CHECK(rd(0, FABRIC_MAX_PAYLOAD) == 128);
        link_up({0, 1});
        open_window(1, ram_base, 0x8000, 0);
        dma_go(0, 1, ram_base, ram_base, 1024, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
        CHECK(rd(0, FABRIC_TX_TLPS) == 8);
    });
}

TEST_CASE("fabric_port: bad DMA parameters end the transfer at once with the parameter error", "[fabric_port][errors]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, ram_size, 0);
        struct {
            unsigned remote;
            uint32_t raddr, laddr, len;
        } bad[] = {{1, ram_base, ram_base, 0},
                   {1, ram_base, ram_base, FABRIC_DMA_MAX_LEN + 1},
                   {0, ram_base, ram_base, 16}, // to itself
                   {1, 0xFFFFFFF0u, ram_base, 32},
                   {1, ram_base, 0xFFFFFFF8u, 16}};
        for (auto& x : bad) {
            dma_go(0, x.remote, x.raddr, x.laddr, x.len, FABRIC_DMA_DIR_WRITE);
            wait(sc_time(50, SC_NS));
            CHECK(rd(0, FABRIC_DMA_STATUS) == done(FABRIC_ERR_PARAM));
        }
        CHECK(rd(0, FABRIC_TX_TLPS) == 0);
    });
    CHECK(b.fab.log.empty());
}

TEST_CASE("fabric_port: a local range that is not memory ends the DMA with the local error", "[fabric_port][errors]")
{
    bench b;
    the_bench = &b;
    pattern(b.ram(1), 0, 64, 4);
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, ram_size, 0);
        dma_go(0, 1, ram_base, 0x40000000u, 64, FABRIC_DMA_DIR_WRITE); // nothing mapped there
        CHECK(dma_wait(0) == done(FABRIC_ERR_LOCAL));
        CHECK(rd(0, FABRIC_TX_TLPS) == 0);
        dma_go(0, 1, ram_base, ram_base + ram_size - 32, 64, FABRIC_DMA_DIR_READ); // runs off the RAM's end
        CHECK(dma_wait(0) == done(FABRIC_ERR_LOCAL));
    });
    CHECK(all_fill(b.ram(1), 64, ram_size - 64));
}

TEST_CASE("fabric_port: a window over something that is not memory refuses the request", "[fabric_port][errors]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, 0x40000000u, 0x1000, 0); // nothing mapped there
        dma_go(0, 1, 0x40000000u, ram_base, 16, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(0) == done(FABRIC_ERR_DENIED));
        dma_go(0, 1, 0x40000000u, ram_base, 16, FABRIC_DMA_DIR_READ);
        CHECK(dma_wait(0) == done(FABRIC_ERR_DENIED));
        CHECK(rd(1, FABRIC_REJECTED) == 2);
    });
}

TEST_CASE("fabric_port: a completion that matches no request is counted and dropped", "[fabric_port][errors]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        tlp c;
        c.type = tlp_type::completion;
        c.src = 1;
        c.dst = 0;
        c.tag = 42;
        c.length = 4;
        c.payload = {1, 2, 3, 4};
        b.port(0).rx_deliver(c, sc_core::SC_ZERO_TIME);
        CHECK(rd(0, FABRIC_UNEXPECTED) == 1);
        CHECK(rd(0, FABRIC_RX_TLPS) == 1);
        CHECK(rd(0, FABRIC_RX_BYTES) == 0);
        CHECK(rd(0, FABRIC_DMA_STATUS) == 0);
    });
    CHECK(all_fill(b.ram(0), 0, ram_size));
}

TEST_CASE("fabric_port: GO while busy is ignored and the running transfer completes", "[fabric_port]")
{
    bench b;
    the_bench = &b;
    pattern(b.ram(0), 0, 512, 8);
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(1, ram_base, ram_size, 0);
        dma_go(0, 1, ram_base, ram_base, 512, FABRIC_DMA_DIR_WRITE);
        wr(0, FABRIC_DMA_LEN, 0);
        wr(0, FABRIC_DMA_CMD, FABRIC_DMA_CMD_GO);
        CHECK(dma_wait(0) == done(FABRIC_ERR_NONE));
        CHECK(b.port(0).statistics().dma_transfers == 1);
    });
    CHECK(same(b.ram(1), b.ram(0), 512));
}

TEST_CASE("fabric_port: reset aborts the DMA and closes the window and disables the link", "[fabric_port][reset]")
{
    bench b;
    the_bench = &b;
    b.fab.drop = [](const tlp& p) { return p.type == tlp_type::completion; };
    b.run([&](tlm_tester&) {
        link_up({0, 1});
        open_window(0, ram_base, ram_size, 1);
        wr(0, FABRIC_INT_ENABLE, FABRIC_INT_ALL);
        dma_go(0, 1, ram_base, ram_base, 64, FABRIC_DMA_DIR_WRITE); // never acknowledged
        wait(sc_time(1, SC_US));
        CHECK(rd(0, FABRIC_DMA_STATUS) == FABRIC_DMA_STATUS_BUSY);
        const uint32_t tx = rd(0, FABRIC_TX_TLPS);
        CHECK(tx == 1);
        b.port(0).reset();
        CHECK_FALSE(b.fab.ends[0]->enabled); // the fabric was told
        CHECK(rd(0, FABRIC_DMA_STATUS) == 0);
        CHECK(rd(0, FABRIC_WIN_CTRL) == 0);
        CHECK(rd(0, FABRIC_LINK_CTRL) == 0);
        CHECK(rd(0, FABRIC_INT_ENABLE) == 0);
        CHECK(rd(0, FABRIC_TX_TLPS) == tx); // counters are kept
        wait(sc_time(1, SC_US));
        CHECK(rd(0, FABRIC_LINK_STATUS) == 0);
        CHECK(rd(0, FABRIC_DMA_STATUS) == 0); // the aborted transfer reports nothing later
        CHECK_FALSE(b.irq(0));
        // Link back up: the old window is closed, cell 1's write is refused.
        b.fab.drop = nullptr;
        link_up({0});
        dma_go(1, 0, ram_base, ram_base, 16, FABRIC_DMA_DIR_WRITE);
        CHECK(dma_wait(1) == done(FABRIC_ERR_DENIED));
        CHECK(rd(0, FABRIC_REJECTED) == 1);
    });
    CHECK(all_fill(b.ram(0), 0, ram_size));
}

TEST_CASE("fabric_port: in a cell the port is mapped and its interrupt reaches the interrupt controller",
          "[fabric_port][cell]")
{
    mgmt_bus mbus{"mbus"};
    cell_config cc;
    cc.id = 3;
    cell c("cell", cc, mbus);
    const uint32_t spin = 0x0000006f; // j . (the hart idles in flash)
    c.rom.program_host(0, &spin, 4);
    tlm_tester tester{"tester"};
    tester.initiator_socket.bind(c.bus.target_socket);
    bool finished = false;
    tester.body = [&](tlm_tester& t) {
        uint32_t v = 0;
        CHECK(t.read32(CELL_FABRIC_BASE + FABRIC_ID, v) == tlm::TLM_OK_RESPONSE);
        CHECK(v == 3);
        CHECK(t.write32(CELL_FABRIC_BASE + FABRIC_INT_ENABLE, FABRIC_INT_DMA_DONE) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_FABRIC_BASE + FABRIC_DMA_REMOTE_CELL, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_FABRIC_BASE + FABRIC_DMA_LEN, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_FABRIC_BASE + FABRIC_DMA_CMD, FABRIC_DMA_CMD_GO) == tlm::TLM_OK_RESPONSE);
        wait(sc_time(1, SC_US)); // no fabric: link down at once
        CHECK(t.read32(CELL_FABRIC_BASE + FABRIC_DMA_STATUS, v) == tlm::TLM_OK_RESPONSE);
        CHECK(v == done(FABRIC_ERR_LINK_DOWN));
        CHECK(t.read32(CELL_INTC_BASE + INTC_PENDING, v) == tlm::TLM_OK_RESPONSE);
        CHECK(v == 1u << CELL_IRQ_FABRIC);
        c.request_reset(CELLCTL_RESET_SOFT);
        wait(sc_time(1, SC_US));
        CHECK(t.read32(CELL_FABRIC_BASE + FABRIC_INT_ENABLE, v) == tlm::TLM_OK_RESPONSE);
        CHECK(v == 0);
        CHECK(t.read32(CELL_FABRIC_BASE + FABRIC_DMA_STATUS, v) == tlm::TLM_OK_RESPONSE);
        CHECK(v == 0);
        finished = true;
    };
    sc_core::sc_start(sc_time(50, SC_US));
    CHECK(finished);
}
