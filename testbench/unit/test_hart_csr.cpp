// Unit tests of hart_core's machine-mode CSRs, counters, reset, interrupts and WFI.
#include "hart_test_bench.h"

using namespace cellvp;
using namespace cellvp_test;
using namespace rv32asm;
using stop = hart_core::stop_reason;

namespace {

constexpr uint32_t base = test_machine::ram_base;
constexpr uint32_t vec = test_machine::trap_vector;

// mie/mip bit of an interrupt.
constexpr uint32_t bit(unsigned irq) { return 1u << irq; }

// Runs `insn` (with x6 = rs1_value) and checks that it trapped as an illegal instruction with mtval = insn.
void require_illegal(uint32_t insn, uint32_t rs1_value = 0)
{
    CAPTURE(insn);
    test_machine m;
    m.put_code(base, {insn, halt()});
    m.hart.set_reg(5, 0xdead);
    m.hart.set_reg(6, rs1_value);
    REQUIRE(m.run_to_halt() == vec + 4);
    CHECK(m.csr(csr::mcause) == trap_cause::illegal);
    CHECK(m.csr(csr::mepc) == base);
    CHECK(m.csr(csr::mtval) == insn);
    CHECK(m.hart.reg(5) == 0xdead); // rd not written
}

// Runs `insn` (rd = x5) and returns what it wrote to rd; it must not trap.
uint32_t read_by_insn(test_machine& m, uint32_t insn)
{
    m.put_code(base, {insn, halt()});
    m.hart.set_pc(base);
    REQUIRE(m.run_to_halt() == base + 8);
    return m.hart.reg(5);
}

} // namespace

// --- CSRs -----------------------------------------------------------------------------------------------

TEST_CASE("csr: misa reads 0x40001105 (RV32 with A, C, I, M) and ignores writes", "[csr]")
{
    test_machine m;
    CHECK(m.csr(csr::misa) == 0x40001105);
    CHECK(rv32_misa == 0x40001105);
    CHECK(m.hart.csr_write(csr::misa, 0));
    CHECK(read_by_insn(m, csrr(x5, csr::misa)) == 0x40001105);
}

TEST_CASE("csr: mhartid reads the configured hart id and the other ID CSRs read 0", "[csr]")
{
    hart_config cfg;
    cfg.hart_id = 3;
    test_machine m(memory_map::dmi, cfg);
    CHECK(read_by_insn(m, csrr(x5, csr::mhartid)) == 3);
    CHECK(m.csr(csr::mhartid) == 3);
    CHECK(m.csr(csr::mvendorid) == 0);
    CHECK(m.csr(csr::marchid) == 0);
    CHECK(m.csr(csr::mimpid) == 0);
    CHECK(m.csr(csr::mconfigptr) == 0);
}

TEST_CASE("csr: only MIE and MPIE of mstatus are writable, and MPP always reads M", "[csr]")
{
    test_machine m;
    CHECK(m.csr(csr::mstatus) == 0x1800); // reset: MPP = M
    m.hart.set_reg(6, 0xffffffff);
    CHECK(read_by_insn(m, csrrw(x5, csr::mstatus, x6)) == 0x1800);
    CHECK(m.csr(csr::mstatus) == 0x1888);
    m.hart.set_reg(6, 0);
    CHECK(read_by_insn(m, csrrw(x5, csr::mstatus, x6)) == 0x1888);
    CHECK(m.csr(csr::mstatus) == 0x1800);
    CHECK(m.csr(csr::mstatush) == 0);
}

TEST_CASE("csr: mtvec keeps a 4-byte aligned base with the direct or the vectored mode", "[csr]")
{
    test_machine m;
    CHECK(m.hart.csr_write(csr::mtvec, 0x80001000));
    CHECK(m.csr(csr::mtvec) == 0x80001000);
    m.hart.set_reg(6, 0x80002001);
    read_by_insn(m, csrw(csr::mtvec, x6));
    CHECK(m.csr(csr::mtvec) == 0x80002001);
}

TEST_CASE("csr: mepc bit 0 is always zero", "[csr]")
{
    test_machine m;
    m.hart.set_reg(6, 0x80000003);
    read_by_insn(m, csrw(csr::mepc, x6));
    CHECK(m.csr(csr::mepc) == 0x80000002);
    CHECK(m.hart.csr_write(csr::mepc, 0xffffffff));
    CHECK(m.csr(csr::mepc) == 0xfffffffe);
}

TEST_CASE("csr: mscratch, mcause and mtval hold any value", "[csr]")
{
    test_machine m;
    for (uint16_t n : {csr::mscratch, csr::mcause, csr::mtval}) {
        CAPTURE(n);
        CHECK(m.hart.csr_write(n, 0xa5a5a5a5));
        CHECK(m.csr(n) == 0xa5a5a5a5);
    }
}

TEST_CASE("csr: csrrw, csrrs, csrrc and their immediate forms return the old value and write, set or clear",
          "[csr]")
{
    test_machine m;
    m.hart.csr_write(csr::mscratch, 0xf0f0);
    m.put_code(base, {
        csrrs(x5, csr::mscratch, x6),   // old 0xf0f0, new 0xf0ff
        csrrc(x7, csr::mscratch, x8),   // old 0xf0ff, new 0x00ff
        csrrwi(x9, csr::mscratch, 17),  // old 0x00ff, new 17
        csrrsi(x10, csr::mscratch, 8),  // old 17, new 25
        csrrci(x11, csr::mscratch, 1),  // old 25, new 24
        csrrw(x13, csr::mscratch, x13), // swap
        halt(),
    });
    m.hart.set_reg(6, 0x0f);
    m.hart.set_reg(8, 0xf000);
    m.hart.set_reg(13, 0x1234);
    m.run_to_halt();
    CHECK(m.hart.reg(5) == 0xf0f0);
    CHECK(m.hart.reg(7) == 0xf0ff);
    CHECK(m.hart.reg(9) == 0x00ff);
    CHECK(m.hart.reg(10) == 17);
    CHECK(m.hart.reg(11) == 25);
    CHECK(m.hart.reg(13) == 24);
    CHECK(m.csr(csr::mscratch) == 0x1234);
}

TEST_CASE("csr: an unknown CSR is an illegal instruction, with mtval = the instruction", "[csr][trap]")
{
    test_machine m;
    uint32_t v;
    for (uint16_t n : {0x7c0, 0x100, 0x180, 0x306, 0x7b0, 0xfff}) { // custom, sstatus, satp, mcounteren, dcsr
        CAPTURE(n);
        CHECK_FALSE(m.hart.csr_read(n, v));
        CHECK_FALSE(m.hart.csr_write(n, 0));
    }
    require_illegal(csrr(x5, 0x7c0));
    require_illegal(csrrw(x5, 0x180, x6));
    require_illegal(csrrsi(x5, 0x100, 0));
}

TEST_CASE("csr: writing a read-only CSR is illegal, reading it with csrrs/csrrc x0 or a zero uimm is not", "[csr][trap]")
{
    test_machine m;
    CHECK_FALSE(m.hart.csr_write(csr::mhartid, 1));
    CHECK_FALSE(m.hart.csr_write(csr::cycle, 1));
    CHECK_FALSE(m.hart.csr_write(csr::time, 1));
    require_illegal(csrw(csr::mhartid, x6));
    require_illegal(csrrs(x5, csr::mhartid, x6), 1);
    require_illegal(csrrs(x5, csr::mhartid, x6), 0); // rs1 is not x0: a write, whatever its value
    require_illegal(csrrwi(x5, csr::cycle, 0));     // csrrw always writes
    require_illegal(csrrci(x5, csr::instret, 1));
    require_illegal(csrw(csr::time, x6));
    CHECK(read_by_insn(m, csrrs(x5, csr::mhartid, x0)) == 0);
    CHECK(read_by_insn(m, csrrc(x5, csr::mvendorid, x0)) == 0);
    CHECK(read_by_insn(m, csrrsi(x5, csr::mimpid, 0)) == 0);
    CHECK(m.hart.traps() == 0);
}

TEST_CASE("csr: mie keeps only MSIE, MTIE and MEIE, and mip shows the interrupt lines and ignores writes", "[csr][irq]")
{
    test_machine m;
    CHECK(m.hart.csr_write(csr::mie, 0xffffffff));
    CHECK(m.csr(csr::mie) == 0x888);
    m.hart.set_irq(irq_bit::mti, true);
    CHECK(m.csr(csr::mip) == 0x80);
    m.hart.set_irq(irq_bit::mei, true);
    CHECK(m.csr(csr::mip) == 0x880);
    CHECK(read_by_insn(m, csrrw(x5, csr::mip, x0)) == 0x880); // mstatus.MIE is clear: nothing is taken
    CHECK(m.csr(csr::mip) == 0x880);
    m.hart.set_irq(irq_bit::mti, false);
    CHECK(m.csr(csr::mip) == 0x800);
}

TEST_CASE("csr: minstret counts exactly the instructions retired before the one reading it", "[csr][counter]")
{
    test_machine m;
    m.put_code(base, {nop(), rvc(0x0001), addi(x6, x0, 3), beq(x0, x0, 4), csrr(x5, csr::minstret),
                      csrr(x7, csr::instret), csrr(x8, csr::minstreth), halt()});
    m.run_to_halt();
    CHECK(m.hart.reg(5) == 4);
    CHECK(m.hart.reg(7) == 5);
    CHECK(m.hart.reg(8) == 0);
    CHECK(m.csr(csr::minstret) == 8);
    CHECK(m.hart.instret() == 8);
}

TEST_CASE("csr: traps do not count as retired instructions", "[csr][counter]")
{
    test_machine m;
    m.put_code(base, {ecall()});
    m.run_to_halt();
    CHECK(m.csr(csr::minstret) == 1); // only the handler's halt
}

TEST_CASE("csr: a value written to minstret is what the next instruction reads", "[csr][counter]")
{
    test_machine m;
    m.put_code(base, {nop(), csrw(csr::minstret, x6), csrr(x5, csr::minstret), csrr(x7, csr::minstret), halt()});
    m.hart.set_reg(6, 100);
    m.run_to_halt();
    CHECK(m.hart.reg(5) == 100);
    CHECK(m.hart.reg(7) == 101);
    CHECK(m.csr(csr::minstret) == 103);
}

TEST_CASE("csr: a value written to minstreth is what the next instruction reads", "[csr][counter]")
{
    test_machine m;
    m.put_code(base, {csrw(csr::minstreth, x6), csrr(x5, csr::minstreth), csrr(x7, csr::minstret), halt()});
    m.hart.set_reg(6, 7);
    m.run_to_halt();
    CHECK(m.hart.reg(5) == 7);
    CHECK(m.hart.reg(7) == 1); // the write to minstreth does not count, the read of it does
}

TEST_CASE("csr: csr_write of minstret sets the count the next instructions add to", "[csr][counter]")
{
    test_machine m;
    m.put_code(base, {nop(), nop(), csrr(x5, csr::minstret), halt()});
    REQUIRE(m.hart.csr_write(csr::minstret, 0xfffffffe));
    REQUIRE(m.hart.csr_write(csr::minstreth, 1));
    m.run_to_halt();
    CHECK(m.hart.reg(5) == 0); // 0x1_fffffffe + 2
    CHECK(m.csr(csr::minstreth) == 2);
    CHECK(m.csr(csr::instreth) == 2);
}

TEST_CASE("csr: mcycle counts the hart's cycles since reset, carries into mcycleh, and cycle mirrors it",
          "[csr][counter]")
{
    test_machine m(memory_map::dmi, one_cycle_per_instruction());
    m.hart.set_cycle(1000);
    m.hart.reset();
    CHECK(m.csr(csr::mcycle) == 0);
    REQUIRE(m.hart.csr_write(csr::mcycleh, 2));
    REQUIRE(m.hart.csr_write(csr::mcycle, 0xfffffff0));
    CHECK(m.csr(csr::mcycle) == 0xfffffff0);
    CHECK(m.csr(csr::mcycleh) == 2);
    for (int i = 0; i < 20; ++i) m.bus.poke32(base + 4 * uint32_t(i), nop());
    m.put_code(base + 80, {csrr(x5, csr::mcycle), csrr(x6, csr::cycleh), halt()});
    m.run_to_halt();
    CHECK(m.hart.reg(5) == 4); // 0x2_fffffff0 + 20
    CHECK(m.hart.reg(6) == 3);
    CHECK(m.csr(csr::cycle) == 4 + 1 + 1 + 1);
    CHECK(m.hart.cycle() == 1000 + 23);
}

TEST_CASE("csr: time is the cycle count scaled by period_ps and timebase_hz", "[csr][counter]")
{
    SECTION("100 MHz hart, 10 MHz timebase: one tick every 10 cycles")
    {
        test_machine m;
        m.hart.set_cycle(12345);
        CHECK(m.csr(csr::time) == 1234);
        CHECK(m.csr(csr::timeh) == 0);
        m.hart.set_cycle(uint64_t(1) << 60); // the product cycle x period x rate overflows 64 bits
        uint64_t t = (uint64_t(1) << 60) / 10;
        CHECK(m.csr(csr::time) == uint32_t(t));
        CHECK(m.csr(csr::timeh) == uint32_t(t >> 32));
    }
    SECTION("1 GHz hart, 32768 Hz timebase")
    {
        hart_config cfg;
        cfg.period_ps = 1000;
        cfg.timebase_hz = 32768;
        test_machine m(memory_map::dmi, cfg);
        m.hart.set_cycle(1000000000);
        CHECK(m.csr(csr::time) == 32768);
        m.hart.set_cycle(3000000000u + 30000);
        CHECK(m.csr(csr::time) == 98304); // 30000 cycles = 0.98 tick
    }
    SECTION("read by an instruction, at the cycle it starts")
    {
        hart_config cfg = one_cycle_per_instruction();
        cfg.timing.cycles[cls_alu] = 10;
        test_machine slow(memory_map::dmi, cfg);
        slow.hart.set_cycle(1000);
        slow.put_code(base, {csrr(x5, csr::time), addi(x0, x0, 0), csrr(x6, csr::time), halt()});
        slow.run_to_halt();
        CHECK(slow.hart.reg(5) == 100);
        CHECK(slow.hart.reg(6) == 101); // csrr (1 cycle) + addi (10 cycles) later
    }
}

TEST_CASE("hart: reset sets the pc and the machine CSRs to their reset values, restarts the counters, keeps registers",
          "[csr]")
{
    test_machine m;
    m.put_code(base, {addi(x5, x0, 42), halt()});
    m.run_to_halt();
    m.hart.csr_write(csr::mstatus, 0xffffffff);
    m.hart.csr_write(csr::mie, 0xffffffff);
    for (uint16_t n : {csr::mscratch, csr::mepc, csr::mcause, csr::mtval}) m.hart.csr_write(n, 0x1234);
    uint64_t cycle = m.hart.cycle();
    m.hart.request_halt();
    m.hart.reset(base + 0x100);
    CHECK(m.hart.pc() == base + 0x100);
    CHECK_FALSE(m.hart.halted());
    CHECK(m.csr(csr::mstatus) == 0x1800);
    for (uint16_t n : {csr::mie, csr::mtvec, csr::mscratch, csr::mepc, csr::mcause, csr::mtval, csr::mcycle,
                       csr::mcycleh, csr::minstret, csr::minstreth}) {
        CAPTURE(n);
        CHECK(m.csr(n) == 0);
    }
    CHECK(m.hart.reg(5) == 42);
    CHECK(m.hart.cycle() == cycle); // local time goes on
    m.hart.reset();
    CHECK(m.hart.pc() == base);
}

// --- Interrupts -----------------------------------------------------------------------------------------

TEST_CASE("interrupt: a pending interrupt enabled in mie and mstatus.MIE traps with mcause = 0x80000000 | cause",
          "[irq][trap]")
{
    unsigned irq = GENERATE(irq_bit::msi, irq_bit::mti, irq_bit::mei);
    CAPTURE(irq);
    test_machine m;
    m.put_code(base, {addi(x5, x0, 1), halt()});
    m.hart.csr_write(csr::mtval, 0x1234);
    m.hart.csr_write(csr::mie, bit(irq));
    m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
    m.hart.set_irq(irq, true);
    CHECK(m.hart.interrupt_pending());
    CHECK(m.run_to_halt() == vec + 4);
    CHECK(m.csr(csr::mcause) == (0x80000000u | irq));
    CHECK(m.csr(csr::mepc) == base);
    CHECK(m.csr(csr::mtval) == 0);
    CHECK(m.csr(csr::mstatus) == (mstatus_bits::mpie | mstatus_bits::mpp));
    CHECK(m.hart.reg(5) == 0);
    CHECK(m.hart.traps() == 1);
}

TEST_CASE("interrupt: a pending interrupt is not taken while mstatus.MIE or its mie bit is clear", "[irq]")
{
    test_machine m;
    m.put_code(base, {addi(x5, x0, 1), halt()});
    m.hart.set_irq(irq_bit::mti, true);
    SECTION("mstatus.MIE clear") { m.hart.csr_write(csr::mie, bit(irq_bit::mti)); }
    SECTION("mie.MTIE clear")
    {
        m.hart.csr_write(csr::mie, bit(irq_bit::msi) | bit(irq_bit::mei));
        m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
    }
    CHECK(m.run_to_halt() == base + 8);
    CHECK(m.hart.reg(5) == 1);
    CHECK(m.hart.traps() == 0);
}

TEST_CASE("interrupt: MEI is taken before MSI, and MSI before MTI", "[irq]")
{
    struct priority_case {
        uint32_t pending, enabled, cause;
    };
    const uint32_t all = bit(irq_bit::msi) | bit(irq_bit::mti) | bit(irq_bit::mei);
    const priority_case cases[] = {
        {all, all, irq_bit::mei},
        {bit(irq_bit::msi) | bit(irq_bit::mti), all, irq_bit::msi},
        {bit(irq_bit::mti), all, irq_bit::mti},
        {all, bit(irq_bit::msi) | bit(irq_bit::mti), irq_bit::msi}, // MEI pending but not enabled
        {all, bit(irq_bit::mti), irq_bit::mti},
    };
    for (const priority_case& c : cases) {
        CAPTURE(c.pending, c.enabled);
        test_machine m;
        m.put_code(base, {halt()});
        for (unsigned irq : {irq_bit::msi, irq_bit::mti, irq_bit::mei}) m.hart.set_irq(irq, (c.pending & bit(irq)) != 0);
        m.hart.csr_write(csr::mie, c.enabled);
        m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
        CHECK(m.run_to_halt() == vec + 4);
        CHECK(m.csr(csr::mcause) == (trap_cause::interrupt | c.cause));
    }
}

TEST_CASE("interrupt: with a vectored mtvec, an interrupt goes to base + 4 x cause", "[irq]")
{
    unsigned irq = GENERATE(irq_bit::msi, irq_bit::mti, irq_bit::mei);
    CAPTURE(irq);
    test_machine m;
    const uint32_t table = base + 0x1000;
    for (unsigned i = 0; i < 16; ++i) m.put_code(table + 4 * i, {j(int32_t(0x2000 - 4 * i))}); // to table + 0x2000
    m.put_code(table + 0x2000, {halt()});                                                       // wrong entry
    m.put_code(table + 4 * irq, {halt()});
    m.put_code(base, {halt()});
    m.hart.csr_write(csr::mtvec, table | 1);
    m.hart.csr_write(csr::mie, bit(irq));
    m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
    m.hart.set_irq(irq, true);
    CHECK(m.run_to_halt() == table + 4 * irq + 4);
    CHECK(m.csr(csr::mcause) == (trap_cause::interrupt | irq));
}

TEST_CASE("interrupt: a pending interrupt is taken right after the instruction that enables it", "[irq]")
{
    test_machine m;
    m.hart.set_irq(irq_bit::mei, true);
    SECTION("csrrsi mstatus, MIE")
    {
        m.hart.csr_write(csr::mie, bit(irq_bit::mei));
        m.put_code(base, {addi(x5, x0, 1), csrrsi(x0, csr::mstatus, mstatus_bits::mie), addi(x6, x0, 1), halt()});
    }
    SECTION("csrrs mie, MEIE")
    {
        m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
        m.hart.set_reg(7, bit(irq_bit::mei));
        m.put_code(base, {addi(x5, x0, 1), csrrs(x0, csr::mie, x7), addi(x6, x0, 1), halt()});
    }
    CHECK(m.run_to_halt() == vec + 4);
    CHECK(m.csr(csr::mcause) == (trap_cause::interrupt | irq_bit::mei));
    CHECK(m.csr(csr::mepc) == base + 8);
    CHECK(m.hart.reg(5) == 1);
    CHECK(m.hart.reg(6) == 0);
}

TEST_CASE("interrupt: mret that sets MIE takes a pending interrupt at the return address", "[irq]")
{
    test_machine m;
    m.put_code(base, {mret()});
    m.put_code(base + 0x100, {addi(x6, x0, 1), halt()});
    m.hart.csr_write(csr::mepc, base + 0x100);
    m.hart.csr_write(csr::mstatus, mstatus_bits::mpie);
    m.hart.csr_write(csr::mie, bit(irq_bit::msi));
    m.hart.set_irq(irq_bit::msi, true);
    CHECK(m.run_to_halt() == vec + 4);
    CHECK(m.csr(csr::mcause) == (trap_cause::interrupt | irq_bit::msi));
    CHECK(m.csr(csr::mepc) == base + 0x100);
    CHECK(m.hart.reg(6) == 0);
}

TEST_CASE("interrupt: an interrupt raised between runs is taken where the hart stopped", "[irq]")
{
    test_machine m;
    m.put_code(base, {addi(x5, x5, 1), j(-4)});
    m.hart.csr_write(csr::mie, bit(irq_bit::mti));
    m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
    REQUIRE(m.run(100) == stop::limit);
    uint32_t stopped_at = m.hart.pc();
    m.hart.set_irq(irq_bit::mti, true);
    CHECK(m.run_to_halt() == vec + 4);
    CHECK(m.csr(csr::mepc) == stopped_at);
    CHECK(m.csr(csr::mcause) == (trap_cause::interrupt | irq_bit::mti));
}

// --- WFI ------------------------------------------------------------------------------------------------

TEST_CASE("wfi: with nothing pending, run returns stop_reason::wfi with the pc after the wfi", "[wfi]")
{
    test_machine m;
    m.put_code(base, {nop(), wfi(), addi(x5, x0, 1), halt()});
    m.hart.set_irq(irq_bit::mti, true); // pending but not enabled in mie: not a reason to wake
    CHECK(m.run() == stop::wfi);
    CHECK(m.hart.waiting_for_interrupt());
    CHECK(m.hart.pc() == base + 8);
    CHECK(m.hart.instret() == 2);
    CHECK(m.run() == stop::wfi); // still waiting: nothing runs
    CHECK(m.hart.instret() == 2);
    CHECK(m.hart.reg(5) == 0);
}

TEST_CASE("wfi: an interrupt pending in mip and mie ends the wait even with mstatus.MIE clear", "[wfi][irq]")
{
    test_machine m;
    m.put_code(base, {wfi(), addi(x5, x0, 1), halt()});
    m.hart.csr_write(csr::mie, bit(irq_bit::mti));
    SECTION("raised while waiting")
    {
        REQUIRE(m.run() == stop::wfi);
        m.hart.set_irq(irq_bit::mti, true);
    }
    SECTION("already pending: wfi does not wait") { m.hart.set_irq(irq_bit::mti, true); }
    CHECK(m.run_to_halt() == base + 12);
    CHECK_FALSE(m.hart.waiting_for_interrupt());
    CHECK(m.hart.reg(5) == 1);
    CHECK(m.hart.traps() == 0);
}

TEST_CASE("wfi: with mstatus.MIE set, the interrupt that ends the wait is taken with mepc after the wfi",
          "[wfi][irq]")
{
    test_machine m;
    m.put_code(base, {wfi(), addi(x5, x0, 1), halt()});
    m.hart.csr_write(csr::mie, bit(irq_bit::mei));
    m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
    REQUIRE(m.run() == stop::wfi);
    m.hart.set_irq(irq_bit::mei, true);
    CHECK(m.run_to_halt() == vec + 4);
    CHECK(m.csr(csr::mepc) == base + 4);
    CHECK(m.csr(csr::mcause) == (trap_cause::interrupt | irq_bit::mei));
    CHECK(m.hart.reg(5) == 0);
}
