// The fabric in the platform: two cells of a cell_system, their fabric ports driven through the cells' buses by
// a test initiator (no firmware), a 16 MiB DMA from cell 0 into cell 1's window with and without bit errors on
// the wires: the data arrives intact, the link layer's replays repair the errors, the bandwidth near line rate.
#include "harness.h"
#include "platform/cell_system.h"

#include "cellvp/cell_map.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <iostream>
#include <random>
#include <vector>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_MS;
using sc_core::SC_US;
using sc_core::sc_time;

namespace {

constexpr uint64_t ram_size = 64ull << 20;
constexpr uint32_t dma_len = FABRIC_DMA_MAX_LEN; // 16 MiB
constexpr uint32_t src_offset = 0x00100000u;     // in cell 0's RAM
constexpr uint32_t win_offset = 0x01200000u;     // in cell 1's RAM: the window, 16 MiB
constexpr uint32_t guard = 4096;                 // bytes on each side of the window that must not change

// The harts sleep in the flash boot block (wfi; j .-4): nothing runs but the test initiator.
const std::vector<uint32_t> idle = {0x10500073, 0xffdff06f};

struct two_cells {
    cell_system sys;
    tlm_tester tester0{"tester0"}, tester1{"tester1"}; // on cell 0's and cell 1's bus

    two_cells(double ber, uint64_t seed) : sys("sys", config(ber, seed))
    {
        for (auto& c : sys.cells) c->rom.program_host(0, idle.data(), idle.size() * 4);
        tester0.initiator_socket.bind(sys.cells[0]->bus.target_socket);
        tester1.initiator_socket.bind(sys.cells[1]->bus.target_socket);
    }
    static cell_system_config config(double ber, uint64_t seed)
    {
        cell_system_config c;
        for (uint32_t id : {0u, 1u}) {
            cell_config cc;
            cc.id = id;
            cc.ram_size = ram_size;
            c.cells.push_back(cc);
        }
        c.fabric.ber_up = c.fabric.ber_down = ber;
        c.fabric.seed = seed;
        return c;
    }
    cell& c(unsigned i) { return *sys.cells.at(i); }
    tlm_tester& t(unsigned i) { return i == 0 ? tester0 : tester1; }

    void wr(unsigned cell, uint32_t reg, uint32_t v)
    {
        REQUIRE(t(cell).write32(CELL_FABRIC_BASE + reg, v) == tlm::TLM_OK_RESPONSE);
    }
    uint32_t rd(unsigned cell, uint32_t reg)
    {
        uint32_t v = 0;
        REQUIRE(t(cell).read32(CELL_FABRIC_BASE + reg, v) == tlm::TLM_OK_RESPONSE);
        return v;
    }
};

struct transfer_result {
    bool finished = false;
    uint32_t status = 0, bytes_done = 0;
    sc_time duration;
};

// Fills cell 0's source with random bytes and marks cell 1's RAM, runs the DMA from the test initiator and
// waits for DMA_DONE on cell 0's interrupt line (its exact time: the port applies it at the fabric's time).
transfer_result run_transfer(two_cells& p)
{
    std::mt19937_64 rng(12345);
    uint8_t* src = p.c(0).ram.data() + src_offset;
    for (uint32_t i = 0; i < dma_len; i += 8) {
        const uint64_t w = rng();
        std::memcpy(src + i, &w, 8);
    }
    std::memset(p.c(1).ram.data() + win_offset - guard, 0x5A, dma_len + 2 * guard);

    transfer_result r;
    p.tester0.body = [&](tlm_tester&) {
        for (unsigned i : {0u, 1u}) p.wr(i, FABRIC_LINK_CTRL, FABRIC_LINK_CTRL_ENABLE);
        for (int us = 0; us < 100 && !(p.rd(0, FABRIC_LINK_STATUS) && p.rd(1, FABRIC_LINK_STATUS)); ++us)
            wait(sc_time(1, SC_US));
        REQUIRE(p.rd(0, FABRIC_LINK_STATUS) == FABRIC_LINK_STATUS_UP);
        REQUIRE(p.rd(1, FABRIC_LINK_STATUS) == FABRIC_LINK_STATUS_UP);
        p.wr(1, FABRIC_WIN_BASE, CELL_RAM_BASE + win_offset);
        p.wr(1, FABRIC_WIN_SIZE, dma_len);
        p.wr(1, FABRIC_WIN_SRC, 0);
        p.wr(1, FABRIC_WIN_CTRL, FABRIC_WIN_CTRL_ENABLE);

        p.wr(0, FABRIC_INT_STATUS, FABRIC_INT_ALL);
        p.wr(0, FABRIC_INT_ENABLE, FABRIC_INT_DMA_DONE);
        p.wr(0, FABRIC_DMA_REMOTE_CELL, 1);
        p.wr(0, FABRIC_DMA_REMOTE_ADDR, CELL_RAM_BASE + win_offset);
        p.wr(0, FABRIC_DMA_LOCAL_ADDR, CELL_RAM_BASE + src_offset);
        p.wr(0, FABRIC_DMA_LEN, dma_len);
        wait(sc_time(1, SC_US)); // the register writes above took effect (their delays were not waited)
        const sc_time start = sc_core::sc_time_stamp();
        sc_time delay = sc_core::SC_ZERO_TIME;
        {
            uint32_t go = FABRIC_DMA_CMD_GO;
            tlm::tlm_generic_payload t;
            t.set_command(tlm::TLM_WRITE_COMMAND);
            t.set_address(CELL_FABRIC_BASE + FABRIC_DMA_CMD);
            t.set_data_ptr(reinterpret_cast<uint8_t*>(&go));
            t.set_data_length(4);
            t.set_streaming_width(4);
            t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            p.tester0.initiator_socket->b_transport(t, delay);
            REQUIRE(t.get_response_status() == tlm::TLM_OK_RESPONSE);
        }
        const sc_time go_time = start + delay; // the port starts the transfer at the initiator's local time
        auto& irq = p.c(0).fabric.irq;
        const sc_time limit = go_time + sc_time(100, SC_MS);
        while (!irq.read() && sc_core::sc_time_stamp() < limit)
            wait(limit - sc_core::sc_time_stamp(), irq.value_changed_event());
        r.duration = sc_core::sc_time_stamp() - go_time;
        r.status = p.rd(0, FABRIC_DMA_STATUS);
        r.bytes_done = p.rd(0, FABRIC_DMA_BYTES_DONE);
        r.finished = irq.read();
        sc_core::sc_stop();
    };
    sc_core::sc_start(sc_time(200, SC_MS));
    return r;
}

// Cell 1's window holds cell 0's source and the bytes around it are untouched.
void check_arrived_intact(two_cells& p)
{
    const uint8_t* src = p.c(0).ram.data() + src_offset;
    const uint8_t* win = p.c(1).ram.data() + win_offset;
    if (std::memcmp(src, win, dma_len) != 0) {
        uint32_t i = 0;
        while (src[i] == win[i]) ++i;
        FAIL("window byte " << i << " is " << int(win[i]) << ", cell 0 sent " << int(src[i]));
    }
    for (uint32_t i = 0; i < guard; ++i) {
        INFO("guard byte " << i);
        REQUIRE(win[-1 - int64_t(i)] == 0x5A);
        REQUIRE(win[dma_len + i] == 0x5A);
    }
    CHECK(p.c(1).fabric.statistics().rx_bytes == dma_len);
    CHECK(p.c(1).fabric.statistics().rejected == 0);
}

void report(const char* what, const transfer_result& r, double line_rate)
{
    const double bw = dma_len / r.duration.to_seconds();
    std::cout << what << ": 16 MiB in " << r.duration.to_seconds() * 1e3 << " ms simulated, " << bw / 1e9
              << " GB/s payload, " << 100.0 * bw / line_rate << " % of the line rate (" << line_rate / 1e9
              << " GB/s)\n";
}

} // namespace

TEST_CASE("fabric platform: a 16 MiB DMA over a link with a bit error rate of 1e-6 arrives intact",
          "[fabric][platform]")
{
    two_cells p(1e-6, 42);
    const transfer_result r = run_transfer(p);
    REQUIRE(r.finished);
    CHECK(r.status == FABRIC_DMA_STATUS_DONE); // no ERROR field
    CHECK(r.bytes_done == dma_len);
    check_arrived_intact(p);

    const auto l0 = p.sys.fab->stats(0), l1 = p.sys.fab->stats(1);
    report("bit error rate 1e-6", r, p.sys.fab->line_rate_bytes_per_s());
    std::cout << "  bit flips " << l0.bit_flips + l1.bit_flips << ", rx errors " << l0.rx_errors + l1.rx_errors
              << ", naks " << l0.naks + l1.naks << ", replays " << l0.replays + l1.replays << ", replay time-outs "
              << l0.replay_timeouts + l1.replay_timeouts << "\n";
    // 16 MiB of payload crosses two wires (cell 0 up, cell 1 down): about 2 x 134 Mbit at 1e-6.
    CHECK(l0.bit_flips > 0);
    CHECK(l1.bit_flips > 0);
    CHECK(l0.rx_errors + l1.rx_errors > 0);
    CHECK(l0.replays > 0);
    CHECK(l1.replays > 0);
}

TEST_CASE("fabric platform: a 16 MiB DMA without bit errors reaches 85 % of the line rate", "[fabric][platform]")
{
    two_cells p(0.0, 42);
    const transfer_result r = run_transfer(p);
    REQUIRE(r.finished);
    CHECK(r.status == FABRIC_DMA_STATUS_DONE);
    CHECK(r.bytes_done == dma_len);
    check_arrived_intact(p);
    const auto l0 = p.sys.fab->stats(0), l1 = p.sys.fab->stats(1);
    CHECK(l0.bit_flips + l1.bit_flips == 0);
    CHECK(l0.replays + l1.replays == 0);

    const double line_rate = p.sys.fab->line_rate_bytes_per_s();
    report("no bit errors", r, line_rate);
    CHECK(dma_len / r.duration.to_seconds() >= 0.85 * line_rate);
}
