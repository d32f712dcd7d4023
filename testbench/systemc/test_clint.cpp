// CLINT: mtime from simulated time, the timer line at the exact tick, msip, and refused accesses.
#include "harness.h"

#include "cellvp/clint_regs.h"

#include <catch2/catch.hpp>

using namespace cellvp;
using namespace cellvp::test;

namespace {
struct bench : sc_core::sc_module {
    router bus{"bus"};
    clint clint0{"clint0", 2, 10000000}; // 10 MHz: one tick per 100 ns
    tlm_tester tester{"tester"};
    sc_core::sc_signal<bool> msip0{"msip0"}, msip1{"msip1"}, mtip0{"mtip0"}, mtip1{"mtip1"};
    bench() : sc_module("bench")
    {
        bus.map(bus.attach(clint0.target_socket), 0, CLINT_SIZE, 0, "clint");
        tester.initiator_socket.bind(bus.target_socket);
        clint0.msip[0].bind(msip0);
        clint0.msip[1].bind(msip1);
        clint0.mtip[0].bind(mtip0);
        clint0.mtip[1].bind(mtip1);
    }
};
} // namespace

TEST_CASE("clint: mtime counts simulated time at the timebase", "[clint]")
{
    bench b;
    b.tester.body = [](tlm_tester& t) {
        sc_core::wait(sc_core::sc_time(1, sc_core::SC_MS));
        uint32_t lo = 0, hi = 1;
        CHECK(t.read32(CLINT_MTIME, lo) == tlm::TLM_OK_RESPONSE);
        CHECK(t.read32(CLINT_MTIME + 4, hi) == tlm::TLM_OK_RESPONSE);
        CHECK(lo == 10000); // 1 ms at 10 MHz
        CHECK(hi == 0);
    };
    sc_core::sc_start();
}

TEST_CASE("clint: the timer line rises at the exact tick mtime reaches mtimecmp, per hart", "[clint]")
{
    bench b;
    sc_core::sc_time rose;
    b.tester.body = [&](tlm_tester& t) {
        CHECK(t.write32(CLINT_MTIMECMP(1) + 4, 0) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CLINT_MTIMECMP(1), 2500) == tlm::TLM_OK_RESPONSE); // tick 2500 = 250 us
        sc_core::wait(b.mtip1.posedge_event());
        rose = sc_core::sc_time_stamp();
        CHECK_FALSE(b.mtip0.read());
        CHECK(t.write32(CLINT_MTIMECMP(1), 0xffffffff) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CLINT_MTIMECMP(1) + 4, 0xffffffff) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK_FALSE(b.mtip1.read());
    };
    sc_core::sc_start();
    CHECK(rose == sc_core::sc_time(250, sc_core::SC_US));
}

TEST_CASE("clint: msip drives the software interrupt line of its hart", "[clint]")
{
    bench b;
    b.tester.body = [&](tlm_tester& t) {
        CHECK(t.write32(CLINT_MSIP(0), 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK(b.msip0.read());
        CHECK_FALSE(b.msip1.read());
        uint32_t v = 0;
        CHECK(t.read32(CLINT_MSIP(0), v) == tlm::TLM_OK_RESPONSE);
        CHECK(v == 1);
        CHECK(t.write32(CLINT_MSIP(0), 0) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK_FALSE(b.msip0.read());
    };
    sc_core::sc_start();
}

TEST_CASE("clint: accesses of a wrong size, misaligned or to holes are refused", "[clint]")
{
    bench b;
    b.tester.body = [](tlm_tester& t) {
        uint16_t h = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, CLINT_MTIME, &h, 2) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        uint32_t v = 0;
        CHECK(t.read32(CLINT_MTIME + 2, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(CLINT_MSIP(2), v) == tlm::TLM_ADDRESS_ERROR_RESPONSE); // only two harts
        CHECK(t.read32(0x8000, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    };
    sc_core::sc_start();
}
