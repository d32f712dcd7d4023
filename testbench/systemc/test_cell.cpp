// The cell platform: boot from flash, resets (soft, watchdog), RAM undefined after a reset while flash and
// NVRAM keep their contents, several harts, unmapped ranges, power cuts.
#include "platform/cell_system.h"

#include "cellvp/cell_map.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace cellvp;
using sc_core::SC_MS;
using sc_core::SC_US;
using sc_core::sc_time;

namespace {

// Programs run in place from the flash boot block (assembled with riscv64-unknown-elf-as, .option norvc).
// Counts boots in NVRAM word 0, records the RAM word seen at boot in NVRAM word 1 and the reset cause in
// word 2, writes the boot count to RAM; on the first boot asks the cell controller for a soft reset.
const std::vector<uint32_t> soft_reset_once = {
    0x300002b7, // lui  t0,0x30000      NVRAM
    0x0002a303, // lw   t1,0(t0)
    0x00130313, // addi t1,t1,1
    0x0062a023, // sw   t1,0(t0)        boots
    0x100023b7, // lui  t2,0x10002      cell controller
    0x00c3ae03, // lw   t3,12(t2)       RESET_CAUSE
    0x80000eb7, // lui  t4,0x80000      RAM
    0x000eaf03, // lw   t5,0(t4)
    0x01e2a223, // sw   t5,4(t0)        RAM word seen at boot
    0x01c2a423, // sw   t3,8(t0)        reset cause
    0x006ea023, // sw   t1,0(t4)
    0x00200513, // li   a0,2
    0x00a35a63, // bge  t1,a0,done
    0x525355b7, // lui  a1,0x52535
    0x42158593, // addi a1,a1,0x421     CELLCTL_RESET_KEY
    0x00b3a823, // sw   a1,16(t2)       CELLCTL_RESET
    0x0000006f, // 1: j 1b
    0x10500073, // done: wfi
    0xffdff06f, // j done
};
// First boot: enables the watchdog with a 100 us period and spins without kicking it. Second boot: records
// the reset cause in NVRAM word 2 and sleeps.
const std::vector<uint32_t> watchdog_once = {
    0x300002b7, // lui  t0,0x30000
    0x0002a303, // lw   t1,0(t0)
    0x00130313, // addi t1,t1,1
    0x0062a023, // sw   t1,0(t0)
    0x100023b7, // lui  t2,0x10002
    0x00c3ae03, // lw   t3,12(t2)
    0x01c2a423, // sw   t3,8(t0)
    0x00200513, // li   a0,2
    0x00a35c63, // bge  t1,a0,done
    0x06400593, // li   a1,100
    0x00b3aa23, // sw   a1,20(t2)       WDT_LOAD = 100 us
    0x00100593, // li   a1,1
    0x00b3ac23, // sw   a1,24(t2)       WDT_CTRL = enable
    0x0000006f, // 1: j 1b
    0x10500073, // done: wfi
    0xffdff06f, // j done
};

// Counts boots in NVRAM word 0, records the reset cause in word 2, then hangs in a loop (errored firmware).
const std::vector<uint32_t> count_then_hang = {
    0x300002b7, // lui  t0,0x30000
    0x0002a303, // lw   t1,0(t0)
    0x00130313, // addi t1,t1,1
    0x0062a023, // sw   t1,0(t0)
    0x100023b7, // lui  t2,0x10002
    0x00c3ae03, // lw   t3,12(t2)
    0x01c2a423, // sw   t3,8(t0)
    0x0000006f, // 1: j 1b
};

// A management node of the test bench on the manageability bus.
struct test_node : mgmt_node_if {
    std::vector<mgmt_result> results;
    uint8_t mgmt_address() const override { return 0x80; }
    bool mgmt_receive(const mgmt_packet&) override { return true; }
    void mgmt_sent(const mgmt_packet&, mgmt_result r) override { results.push_back(r); }
};

struct one_cell {
    cell_system sys;
    explicit one_cell(const std::vector<uint32_t>& program, unsigned harts = 1)
        : sys("sys", config(harts))
    {
        cell().rom.program_host(0, program.data(), program.size() * 4);
    }
    static cell_system_config config(unsigned harts)
    {
        cell_system_config c;
        cell_config cc;
        cc.harts = harts;
        c.cells.push_back(cc);
        return c;
    }
    cellvp::cell& cell() { return *sys.cells[0]; }
    uint32_t nvram_word(unsigned i)
    {
        uint32_t v;
        std::memcpy(&v, cell().nv.data() + 4 * i, 4);
        return v;
    }
};

} // namespace

TEST_CASE("cell: harts start at the reset vector and run in place from flash", "[cell]")
{
    one_cell c(soft_reset_once);
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(c.nvram_word(0) >= 1); // the program ran and wrote NVRAM
    CHECK(c.cell().harts[0]->core().instret() > 10);
}

TEST_CASE("cell: a soft reset restarts the harts, leaves RAM undefined and keeps NVRAM", "[cell][reset]")
{
    one_cell c(soft_reset_once);
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(c.nvram_word(0) == 2);                  // two boots, counted in NVRAM
    CHECK(c.nvram_word(2) == CELLCTL_RESET_SOFT); // the second boot sees why
    CHECK(c.nvram_word(1) == 0xffffffffu);        // RAM was filled with the reset pattern
    CHECK(c.cell().resets() == 1);
}

TEST_CASE("cell: the watchdog resets a cell whose firmware does not kick it", "[cell][reset]")
{
    one_cell c(watchdog_once);
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(c.nvram_word(0) == 2);
    CHECK(c.nvram_word(2) == CELLCTL_RESET_WATCHDOG);
}

TEST_CASE("cell: several harts boot together from the reset vector", "[cell]")
{
    one_cell c(watchdog_once, 4);
    sc_core::sc_start(sc_time(50, SC_US));
    for (auto& h : c.cell().harts) CHECK(h->core().instret() > 5);
}

TEST_CASE("cell: holes in the map are unmapped (the router answers with an address error)", "[cell]")
{
    one_cell c(watchdog_once);
    for (uint64_t a : {uint64_t(CELL_SHADMA_BASE + CELL_SHADMA_SIZE), uint64_t(0x40000000u),
                       uint64_t(CELL_RAM_BASE) + CELL_RAM_DEFAULT_SIZE})
        CHECK(c.cell().bus.find(a) == nullptr);
    CHECK(c.cell().bus.find(CELL_NVRAM_BASE) != nullptr);
    CHECK(c.cell().bus.find(CELL_FLASH_BASE) != nullptr);
    CHECK(c.cell().bus.find(CELL_FABRIC_BASE) != nullptr);
    CHECK(c.cell().bus.find(CELL_SHADMA_BASE) != nullptr);
}

TEST_CASE("cell: a power cut stops the cell until power returns, then it boots with cause power-on", "[cell][power]")
{
    one_cell c(soft_reset_once);
    c.cell().power_off();
    sc_core::sc_start(sc_time(100, SC_US));
    CHECK(c.nvram_word(0) == 0); // nothing ran without power
    c.cell().power_on();
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(c.nvram_word(0) == 2);
    CHECK(c.nvram_word(2) == CELLCTL_RESET_SOFT);
}

TEST_CASE("cell: a power cut injected at a hart's NVRAM store stops the cell until power returns", "[cell][power]")
{
    one_cell c(soft_reset_once);
    c.cell().nv.cut_power_at_write(1, 0); // the first boot's first store (the boot count) never lands
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK_FALSE(c.cell().powered());
    CHECK(c.nvram_word(0) == 0);
    CHECK(c.cell().nv.writes() <= 2); // the hart stopped at once (a store may already be under way)
    c.cell().power_on();
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(c.nvram_word(0) == 2);
    CHECK(c.nvram_word(2) == CELLCTL_RESET_SOFT);
}

TEST_CASE("cell: a remote reset packet on the manageability bus resets a hung cell and only that one", "[cell][reset][mgmt]")
{
    cell_system_config cfg;
    for (uint32_t id : {0u, 1u}) {
        cell_config cc;
        cc.id = id;
        cfg.cells.push_back(cc);
    }
    cell_system sys("sys", cfg);
    for (auto& c : sys.cells) c->rom.program_host(0, count_then_hang.data(), count_then_hang.size() * 4);
    test_node node;
    sys.mbus.attach(node);
    sc_core::sc_start(sc_time(100, SC_US));
    mgmt_packet reset_packet;
    reset_packet.dest = 1;
    reset_packet.payload = {MBOX_RESET_OPCODE, 0x21, 0x54, 0x53, 0x52}; // MBOX_RESET_KEY, LSB first
    sys.mbus.send(node, reset_packet);
    sc_core::sc_start(sc_time(1, SC_MS));
    auto word = [&](unsigned cell, unsigned i) {
        uint32_t v;
        std::memcpy(&v, sys.cells[cell]->nv.data() + 4 * i, 4);
        return v;
    };
    REQUIRE(node.results.size() == 1);
    CHECK(node.results[0] == mgmt_result::ok);
    CHECK(word(1, 0) == 2);
    CHECK(word(1, 2) == CELLCTL_RESET_REMOTE);
    CHECK(word(0, 0) == 1); // the other cell was left alone
    CHECK(sys.cells[0]->resets() == 0);

    // A packet with the wrong key is an ordinary message: queued, no reset.
    reset_packet.payload[4] = 0x00;
    sys.mbus.send(node, reset_packet);
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(word(1, 0) == 2);
    CHECK(sys.cells[1]->mbox.rx_packets() == 1);
}
