// The hart as a TLM-2.0 initiator: error responses become traps, code written by others is seen, WFI
// costs no instructions, DMI can be revoked, several harts share one bus.
#include "harness.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_US;
using sc_core::sc_time;

namespace {
constexpr unsigned a0 = 10, a1 = 11, a2 = 12;

// Programs, assembled with riscv64-unknown-elf-as (-march=rv32imac, .option norvc); at 0x80000000.
const std::vector<uint32_t> load_from_unmapped = {
    0x00000297, // auipc t0,0
    0x02028293, // addi  t0,t0,32        -> handler
    0x30529073, // csrw  mtvec,t0
    0x40000337, // lui   t1,0x40000      unmapped here
    0x00032503, // lw    a0,0(t1)
    0xfedff06f, // j     _start
    0x00000013, // nop
    0x00000013, // nop
    0x342025f3, // handler: csrr a1,mcause
    0x34302673, // csrr  a2,mtval
    0x10500073, // 1: wfi
    0xffdff06f, // j 1b
};
// a0 counts passes, `patch` (0x80000008) adds to a1; stops when the word at 0x80001000 is non-zero.
const std::vector<uint32_t> counting_loop = {
    0x00000593, // li   a1,0
    0x00150513, // loop: addi a0,a0,1
    0x00158593, // patch: addi a1,a1,1
    0x800012b7, // lui  t0,0x80001
    0x0002a303, // lw   t1,0(t0)
    0xfe0308e3, // beqz t1,loop
    0x10500073, // 1: wfi
    0xffdff06f, // j 1b
};
constexpr uint32_t addi_a1_a1_2 = 0x00258593;
// Sets mtimecmp to 10,000,000 ticks (1 s at 10 MHz), enables MTIE with MIE off, sleeps in WFI until MTIP.
const std::vector<uint32_t> sleep_one_second = {
    0x020042b7, // lui  t0,0x2004        mtimecmp of hart 0
    0x00989337, // lui  t1,0x989
    0x68030313, // addi t1,t1,0x680      10,000,000
    0x0062a023, // sw   t1,0(t0)
    0x0002a223, // sw   zero,4(t0)
    0x08000393, // li   t2,0x80
    0x30439073, // csrw mie,t2
    0x10500073, // 1: wfi
    0x34402573, // csrr a0,mip
    0x08057513, // andi a0,a0,0x80
    0xfe050ae3, // beqz a0,1b
    0x00100593, // li   a1,1
    0x30401073, // csrw mie,zero
    0x10500073, // 2: wfi
    0xffdff06f, // j 2b
};
// Each hart sums 1..1000 into 0x80002000 + 4 * mhartid.
const std::vector<uint32_t> sum_per_hart = {
    0xf14022f3, // csrr t0,mhartid
    0x00000513, // li   a0,0
    0x3e800313, // li   t1,1000
    0x00650533, // 1: add a0,a0,t1
    0xfff30313, // addi t1,t1,-1
    0xfe031ce3, // bnez t1,1b
    0x00229293, // slli t0,t0,2
    0x800023b7, // lui  t2,0x80002
    0x005383b3, // add  t2,t2,t0
    0x00a3a023, // sw   a0,0(t2)
    0x10500073, // 2: wfi
    0xffdff06f, // j 2b
};
// Counts boots in the word at 0x80001000, then counts in a0 forever.
const std::vector<uint32_t> count_boots = {
    0x800012b7, // lui  t0,0x80001
    0x0002a303, // lw   t1,0(t0)
    0x00130313, // addi t1,t1,1
    0x0062a023, // sw   t1,0(t0)
    0x00150513, // 1: addi a0,a0,1
    0xffdff06f, // j 1b
};
} // namespace

TEST_CASE("hart: a reset holds the hart and restarts it at the reset vector when released", "[hart][reset]")
{
    mini_platform p("p", count_boots);
    p.tester.body = [&](tlm_tester&) {
        sc_core::wait(sc_time(10, SC_US));
        p.reset_line.write(true);
        sc_core::wait(sc_time(2, SC_US)); // the hart stops within a quantum
        uint64_t held = p.core().instret();
        uint32_t mstatus_before = 0;
        sc_core::wait(sc_time(20, SC_US));
        CHECK(p.core().instret() == held); // nothing runs while reset is high
        REQUIRE(p.core().csr_write(csr::mstatus, mstatus_bits::mie));
        p.reset_line.write(false);
        sc_core::wait(sc_time(10, SC_US));
        uint32_t boots = 0;
        std::memcpy(&boots, p.ram.data() + 0x1000, 4);
        CHECK(boots == 2);
        REQUIRE(p.core().csr_read(csr::mstatus, mstatus_before));
        CHECK((mstatus_before & mstatus_bits::mie) == 0); // architectural reset
        CHECK(p.core().instret() > held);
        sc_core::sc_stop();
    };
    sc_core::sc_start();
}

TEST_CASE("hart: a TLM error response becomes a load access fault with mtval = address, not a crash", "[hart][trap]")
{
    mini_platform p("p", load_from_unmapped);
    sc_core::sc_start(sc_time(100, SC_US));
    CHECK(p.core().reg(a1) == 5); // load access fault
    CHECK(p.core().reg(a2) == 0x40000000);
    uint32_t mepc = 0;
    REQUIRE(p.core().csr_read(csr::mepc, mepc));
    CHECK(mepc == 0x80000010);
}

TEST_CASE("hart: code rewritten by another initiator through b_transport runs the new instructions", "[hart][coherence]")
{
    mini_platform p("p", counting_loop);
    p.tester.body = [&](tlm_tester& t) {
        sc_core::wait(sc_time(50, SC_US));
        // So far every pass added 1: a0 == a1 (give or take the pass in flight).
        CHECK(p.core().reg(a1) + 1 >= p.core().reg(a0));
        CHECK(t.write32(0x80000008, addi_a1_a1_2) == tlm::TLM_OK_RESPONSE);
        uint32_t passes_before = p.core().reg(a0);
        sc_core::wait(sc_time(50, SC_US));
        CHECK(t.write32(0x80001000, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(50, SC_US));
        uint32_t passes = p.core().reg(a0), sum = p.core().reg(a1);
        CHECK(passes > passes_before + 100);
        // Passes after the rewrite added 2 each.
        CHECK(sum >= passes + (passes - passes_before) - 2);
        sc_core::sc_stop();
    };
    sc_core::sc_start();
}

TEST_CASE("hart: a target revoking DMI sends the hart back to b_transport, and it keeps running", "[hart][dmi]")
{
    mini_platform p("p", counting_loop);
    p.tester.body = [&](tlm_tester& t) {
        sc_core::wait(sc_time(20, SC_US));
        uint32_t before = p.core().reg(a0);
        p.ram.invalidate_dmi();
        sc_core::wait(sc_time(20, SC_US));
        CHECK(p.core().reg(a0) > before + 100);
        CHECK(t.write32(0x80001000, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(20, SC_US));
        CHECK(p.core().waiting_for_interrupt());
        sc_core::sc_stop();
    };
    sc_core::sc_start();
}

TEST_CASE("hart: WFI lets a second of simulated time pass without instructions or host time", "[hart][wfi]")
{
    mini_platform p("p", sleep_one_second);
    auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start(sc_time(2, sc_core::SC_SEC));
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(p.core().reg(a1) == 1);          // woke up on the timer
    CHECK(p.core().instret() < 100);       // and did not spin while waiting
    CHECK(p.core().cycle() >= 100000000u); // 1 s at 100 MHz went by in the hart's counter
    CHECK(wall < 1.0);
}

TEST_CASE("hart: several harts share one bus and each runs with its own mhartid", "[hart]")
{
    mini_platform p("p", sum_per_hart, 3);
    sc_core::sc_start(sc_time(200, SC_US));
    for (unsigned h = 0; h < 3; ++h) {
        uint32_t v = 0;
        std::memcpy(&v, p.ram.data() + 0x2000 + 4 * h, 4);
        CHECK(v == 500500);
        CHECK(p.core(h).waiting_for_interrupt());
    }
}
