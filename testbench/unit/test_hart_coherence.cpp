// Unit tests of the decode cache's coherence with memory: code written by the hart itself, by other
// initiators (through code_watch), made visible by fence.i, or replaced with a new DMI grant.
#include "hart_test_bench.h"

#include <memory>

using namespace cellvp;
using namespace cellvp_test;
using namespace rv32asm;
using stop = hart_core::stop_reason;

namespace {

constexpr uint32_t base = test_machine::ram_base;
constexpr uint32_t data = test_machine::data_base;
constexpr uint32_t old_insn = addi(x5, x0, 1);
constexpr uint32_t new_insn = addi(x5, x0, 2);

// Runs the one-instruction program at base (old_insn, then halt) from the start; returns x5.
uint32_t rerun(test_machine& m)
{
    m.hart.set_reg(5, 0);
    m.hart.set_pc(base);
    REQUIRE(m.run_to_halt() == base + 8);
    return m.hart.reg(5);
}

} // namespace

TEST_CASE("coherence: code runs from the decode cache, so an unreported write to it is not seen", "[coherence]")
{
    test_machine m;
    m.put_code(base, {old_insn, halt()});
    CHECK(rerun(m) == 1);
    CHECK(m.hart.decoded_count() == 2);
    m.bus.poke32(base, new_insn); // behind everyone's back
    CHECK(rerun(m) == 1);
    CHECK(m.hart.decoded_count() == 2);
}

TEST_CASE("coherence: a store by the hart (DMI fast path) to code it executed changes what runs next time, "
          "without fence.i",
          "[coherence]")
{
    test_machine m;
    m.put_code(base, {
        sw(x0, 0, x8),     // +0  a first store to the region, on another page: later stores take the fast path
        old_insn,          // +4  T
        bne(x6, x0, 16),   // +8  second time: to the end
        addi(x6, x0, 1),   // +12
        sw(x7, 0, x9),     // +16 T = new_insn
        j(-16),            // +20 to T
        halt(),            // +24
    });
    m.hart.set_reg(8, data);
    m.hart.set_reg(7, new_insn);
    m.hart.set_reg(9, base + 4);
    CHECK(m.run_to_halt() == base + 28);
    CHECK(m.hart.reg(5) == 2);
    CHECK(m.bus.peek32(base + 4) == new_insn);
    CHECK(m.bus.log.size() == 1); // only the halt: both stores went to host memory
}

TEST_CASE("coherence: a store by the hart into the upper half of an instruction straddling two pages re-decodes it",
          "[coherence]")
{
    test_machine m;
    const uint32_t start = base + 0xff0, t = base + 0xffe; // T occupies 0xffe..0x1001
    uint32_t end = m.put_code(start, {
        sw(x0, 0, x8),    // 0xff0 warms up the fast store path
        nop(),            // 0xff4
        nop(),            // 0xff8
        rvc(0x0001),      // 0xffc c.nop
        old_insn,         // 0xffe T, across the page boundary
        bne(x6, x0, 16),  // 0x1002 second time: to the end
        addi(x6, x0, 1),  // 0x1006
        sh(x7, 0, x9),    // 0x100a the upper half of T, on the next page
        j(-16),           // 0x100e to T
        halt(),           // 0x1012
    });
    REQUIRE(end == base + 0x1016);
    m.hart.set_reg(8, data);
    m.hart.set_reg(7, new_insn >> 16);
    m.hart.set_reg(9, t + 2);
    m.hart.set_pc(start);
    CHECK(m.run_to_halt() == end);
    CHECK(m.bus.peek32(t - 2) >> 16 == (old_insn & 0xffff)); // the lower half is unchanged
    CHECK(m.hart.reg(5) == 2);
}

TEST_CASE("coherence: a write reported through code_watch::written changes what runs next time", "[coherence]")
{
    test_machine m;
    m.put_code(base, {old_insn, halt()});
    CHECK(rerun(m) == 1);
    SECTION("as a memory model reports a b_transport or debug write")
    {
        m.bus.poke32(base, new_insn);
        m.watch.written(m.bus.host(base), 4);
    }
    SECTION("a one-byte write")
    {
        m.bus.poke32(base, new_insn);
        m.watch.written(m.bus.host(base + 2), 1);
    }
    SECTION("a write by another initiator through the bus")
    {
        uint64_t c = 0;
        REQUIRE(m.bus.bus_write(base, reinterpret_cast<const uint8_t*>(&new_insn), 4, c));
    }
    CHECK(rerun(m) == 2);
}

TEST_CASE("coherence: a store by another hart sharing the code watch changes what this hart runs next time",
          "[coherence]")
{
    test_bus bus(base, 0x10000);
    code_watch watch(bus.mem.data(), bus.mem.size());
    bus.watch = &watch;
    dmi_region r;
    r.base = base;
    r.size = bus.mem.size();
    r.host = bus.mem.data();
    r.readable = r.writable = true;
    r.watch = &watch;
    hart_core runner(hart_config{}, bus), writer(hart_config{}, bus);
    runner.add_dmi_region(r);
    writer.add_dmi_region(r);
    bus.poke32(base, old_insn);
    bus.poke32(base + 4, j(0));
    bus.poke32(base + 0x100, sw(x7, 0, x9));
    bus.poke32(base + 0x104, j(0));

    CHECK(runner.run(20) == stop::limit);
    CHECK(runner.reg(5) == 1);
    writer.set_pc(base + 0x100);
    writer.set_reg(7, new_insn);
    writer.set_reg(9, base);
    CHECK(writer.run(20) == stop::limit);
    REQUIRE(bus.peek32(base) == new_insn);
    runner.set_pc(base);
    CHECK(runner.run(runner.cycle() + 20) == stop::limit);
    CHECK(runner.reg(5) == 2);
}

TEST_CASE("coherence: fence.i makes the hart's own unreported stores to code visible", "[coherence]")
{
    // A region without a code watch: nothing reports the hart's stores, only fence.i helps.
    test_machine m(memory_map::bus);
    dmi_region r = m.region(base, test_machine::ram_size);
    r.watch = nullptr;
    m.hart.add_dmi_region(r);
    bool with_fence = GENERATE(true, false);
    CAPTURE(with_fence);
    m.put_code(base, {
        old_insn,                        // +0  T
        bne(x6, x0, 20),                 // +4  second time: to the end
        addi(x6, x0, 1),                 // +8
        sw(x7, 0, x9),                   // +12 T = new_insn
        with_fence ? fence_i() : nop(),  // +16
        j(-20),                          // +20 to T
        halt(),                          // +24
    });
    m.hart.set_reg(7, new_insn);
    m.hart.set_reg(9, base);
    CHECK(m.run_to_halt() == base + 28);
    CHECK(m.hart.reg(5) == (with_fence ? 2u : 1u));
}

TEST_CASE("coherence: flush_decode_cache drops everything decoded", "[coherence]")
{
    test_machine m;
    m.put_code(base, {old_insn, halt()});
    CHECK(rerun(m) == 1);
    m.bus.poke32(base, new_insn);
    m.hart.flush_decode_cache();
    CHECK(rerun(m) == 2);
}

TEST_CASE("coherence: after invalidate_dmi and a new grant with other contents, the new code runs", "[coherence]")
{
    test_machine m(memory_map::bus);
    m.map_dmi(base, test_machine::ram_size);
    m.put_code(base, {old_insn, halt()});
    CHECK(rerun(m) == 1);
    // Other host memory holding the new program, granted at the same addresses.
    std::vector<uint8_t> other(test_machine::ram_size);
    auto grant_other = [&] {
        const uint32_t h = halt();
        std::memcpy(&other[0], &new_insn, 4);
        std::memcpy(&other[4], &h, 4);
        dmi_region r;
        r.base = base;
        r.size = other.size();
        r.host = other.data();
        r.readable = true;
        m.hart.add_dmi_region(r);
    };
    SECTION("the same host memory, changed while not granted")
    {
        m.hart.invalidate_dmi(base, base + test_machine::ram_size - 1);
        m.bus.poke32(base, new_insn);
        m.map_dmi(base, test_machine::ram_size);
    }
    SECTION("invalidating any part of the region drops all of it")
    {
        m.hart.invalidate_dmi(base + 0x2000, base + 0x2003);
        m.bus.poke32(base, new_insn);
        m.map_dmi(base, test_machine::ram_size);
    }
    SECTION("a new grant replacing an overlapping one")
    {
        m.bus.poke32(base, new_insn);
        m.map_dmi(base, 0x1000);
    }
    SECTION("other host memory")
    {
        m.hart.invalidate_dmi(base, base + test_machine::ram_size - 1);
        grant_other();
    }
    SECTION("other host memory, after invalidating a part of the region away from the code")
    {
        m.hart.invalidate_dmi(base + 0x2000, base + 0x2003); // the code's page keeps its bounds
        grant_other();
    }
    CHECK(rerun(m) == 2);
    CHECK(m.bus.accesses(base, base + 8) == 0); // from the new grant, not the bus
}

TEST_CASE("coherence: after invalidate_dmi, code is fetched through the bus and sees memory as it is", "[coherence]")
{
    test_machine m(memory_map::bus);
    m.map_dmi(base, test_machine::ram_size);
    m.put_code(base, {old_insn, halt()});
    CHECK(rerun(m) == 1);
    CHECK(m.bus.accesses(base, base + 8, true, false) == 0);
    m.hart.invalidate_dmi(0, 0xffffffff);
    m.bus.poke32(base, new_insn);
    CHECK(rerun(m) == 2);
    CHECK(m.bus.accesses(base, base + 8, true, false) == 4); // two instructions, two halves each
}

TEST_CASE("coherence: a hart that is destroyed stops listening to the code watch", "[coherence]")
{
    test_bus bus(base, 0x1000);
    code_watch watch(bus.mem.data(), bus.mem.size());
    {
        hart_core h(hart_config{}, bus);
        dmi_region r;
        r.base = base;
        r.size = bus.mem.size();
        r.host = bus.mem.data();
        r.readable = r.writable = true;
        r.watch = &watch;
        h.add_dmi_region(r);
        bus.poke32(base, j(0));
        h.run(10); // decodes: marks the page
    }
    // Would call the destroyed hart: undefined behaviour, which a sanitizer build reports for certain.
    watch.written(bus.mem.data(), 4);
    SUCCEED();
}
