// The hart's debug stops without SystemC: breakpoints in the decode cache, single steps, stop requests and
// ebreak for a debugger, on code reached through DMI and through the bus.
#include "hart_test_bench.h"

using namespace cellvp;
using namespace cellvp_test;
using namespace rv32asm;
using stop = hart_core::stop_reason;
using event = hart_core::debug_event;

namespace {
constexpr uint32_t base = test_machine::ram_base;

// x1 counts up three times, then the program halts.
void put_counter(test_machine& m)
{
    m.put_code(base, {addi(x1, x1, 1), addi(x1, x1, 1), addi(x1, x1, 1), halt()});
}
} // namespace

TEST_CASE("hart debug: a breakpoint stops before its instruction, and a continue steps off it first", "[hart][debug]")
{
    for (memory_map map : {memory_map::dmi, memory_map::bus}) {
        test_machine m(map);
        put_counter(m);
        m.hart.add_breakpoint(base + 8);
        REQUIRE(m.run() == stop::debug);
        CHECK(m.hart.pending_debug_event() == event::breakpoint);
        CHECK(m.hart.pc() == base + 8);
        CHECK(m.hart.reg(1) == 2); // the instruction at the breakpoint has not run
        CHECK(m.hart.instret() == 2);
        // Running on from there stops again at once; a step with then_continue runs it and goes on.
        m.hart.clear_debug_event();
        REQUIRE(m.run() == stop::debug);
        CHECK(m.hart.pc() == base + 8);
        m.hart.clear_debug_event();
        m.hart.request_step(true);
        CHECK(m.run_to_halt() == base + 16);
        CHECK(m.hart.reg(1) == 3);
    }
}

TEST_CASE("hart debug: a removed breakpoint no longer stops, even in code decoded while it was set", "[hart][debug]")
{
    test_machine m;
    put_counter(m);
    m.hart.add_breakpoint(base + 4);
    REQUIRE(m.run() == stop::debug);
    m.hart.remove_breakpoint(base + 4);
    m.hart.clear_debug_event();
    m.run_to_halt();
    CHECK(m.hart.reg(1) == 3);
    // The next run over the same (cached) code: no stop either.
    m.hart.set_pc(base);
    m.run_to_halt();
    CHECK(m.hart.reg(1) == 6);
}

TEST_CASE("hart debug: a step runs exactly one instruction, also a jump, and stops", "[hart][debug]")
{
    for (memory_map map : {memory_map::dmi, memory_map::bus}) {
        test_machine m(map);
        m.put_code(base, {addi(x1, x1, 1), jal(x0, 8), addi(x1, x1, 100), rvc(0x0085) /* c.addi x1, 1 */, halt()});
        m.hart.request_debug_stop();
        REQUIRE(m.run() == stop::debug);
        CHECK(m.hart.pending_debug_event() == event::requested);
        CHECK(m.hart.pc() == base);
        const uint32_t expect_pc[] = {base + 4, base + 12, base + 14};
        for (uint32_t pc : expect_pc) {
            m.hart.clear_debug_event();
            m.hart.request_step();
            REQUIRE(m.run() == stop::debug);
            CHECK(m.hart.pending_debug_event() == event::step);
            CHECK(m.hart.pc() == pc);
        }
        CHECK(m.hart.reg(1) == 2);
        CHECK(m.hart.instret() == 3);
        m.hart.clear_debug_event();
        m.run_to_halt();
    }
}

TEST_CASE("hart debug: ebreak stops for the debugger only when asked to, else it traps", "[hart][debug]")
{
    test_machine m;
    m.put_code(base, {addi(x1, x1, 1), ebreak(), halt()});
    m.hart.set_ebreak_stops(true);
    REQUIRE(m.run() == stop::debug);
    CHECK(m.hart.pending_debug_event() == event::ebreak);
    CHECK(m.hart.pc() == base + 4);
    CHECK(m.hart.traps() == 0);
    m.hart.set_ebreak_stops(false);
    m.hart.clear_debug_event();
    m.run_to_halt();
    CHECK(m.hart.traps() == 1);
    CHECK(m.csr(csr::mcause) == trap_cause::breakpoint);
}

TEST_CASE("hart debug: the same program gives the same cycles and instructions with a stop in the middle", "[hart][debug]")
{
    test_machine a, b;
    put_counter(a);
    put_counter(b);
    a.run_to_halt();
    b.hart.add_breakpoint(base + 4);
    REQUIRE(b.run() == stop::debug);
    b.hart.clear_breakpoints();
    b.hart.clear_debug_event();
    b.run_to_halt();
    CHECK(a.hart.cycle() == b.hart.cycle());
    CHECK(a.hart.instret() == b.hart.instret());
}
