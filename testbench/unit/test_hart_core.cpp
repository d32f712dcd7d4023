// Unit tests of hart_core execution: instruction results, loads and stores through the bus and through DMI,
// exceptions, LR/SC and AMOs, cycle accounting, run limits and halting. CSRs and interrupts are in
// test_hart_csr.cpp, the decode cache's coherence in test_hart_coherence.cpp.
#include "hart_test_bench.h"

#include <sstream>

using namespace cellvp;
using namespace cellvp_test;
using namespace rv32asm;
using stop = hart_core::stop_reason;

namespace {

constexpr uint32_t base = test_machine::ram_base;
constexpr uint32_t data = test_machine::data_base;
constexpr uint32_t vec = test_machine::trap_vector;
constexpr uint32_t unmapped = 0x10000000;

// Runs `insn` with x1 = a and x2 = b from DMI memory; returns x3.
uint32_t exec(uint32_t insn, uint32_t a, uint32_t b = 0)
{
    test_machine m;
    m.put_code(base, {insn, halt()});
    m.hart.set_reg(1, a);
    m.hart.set_reg(2, b);
    REQUIRE(m.run_to_halt() == base + 8); // no trap
    return m.hart.reg(3);
}

// Whether `branch` (with an offset of 8) is taken with x1 = a and x2 = b.
bool taken(uint32_t branch, uint32_t a, uint32_t b)
{
    test_machine m;
    m.put_code(base, {branch, addi(x3, x0, 1), halt()});
    m.hart.set_reg(1, a);
    m.hart.set_reg(2, b);
    REQUIRE(m.run_to_halt() == base + 12);
    return m.hart.reg(3) == 0;
}

// Runs the machine into its trap handler and checks the trap's cause, mepc and mtval.
void require_trap(test_machine& m, uint32_t cause, uint32_t epc, uint32_t tval)
{
    REQUIRE(m.run_to_halt() == vec + 4);
    CHECK(m.csr(csr::mcause) == cause);
    CHECK(m.csr(csr::mepc) == epc);
    CHECK(m.csr(csr::mtval) == tval);
    CHECK(m.hart.traps() == 1);
}

hart_config trapping_misaligned()
{
    hart_config cfg;
    cfg.trap_misaligned = true;
    return cfg;
}

} // namespace

// --- Instructions ---------------------------------------------------------------------------------------

TEST_CASE("hart: register-immediate ALU instructions give the RV32I results", "[hart]")
{
    CHECK(exec(addi(x3, x1, -1), 0) == 0xffffffff);
    CHECK(exec(addi(x3, x1, 2047), 1) == 2048);
    CHECK(exec(slti(x3, x1, -1), 0xfffffffe) == 1); // -2 < -1
    CHECK(exec(slti(x3, x1, -1), 0) == 0);
    CHECK(exec(sltiu(x3, x1, -1), 0xfffffffe) == 1); // the immediate is sign-extended, then compared unsigned
    CHECK(exec(sltiu(x3, x1, 1), 0) == 1);
    CHECK(exec(sltiu(x3, x1, 1), 5) == 0);
    CHECK(exec(xori(x3, x1, -1), 0x12345678) == 0xedcba987);
    CHECK(exec(ori(x3, x1, 0x0f0), 0x1200) == 0x12f0);
    CHECK(exec(andi(x3, x1, -16), 0x1234567f) == 0x12345670);
    CHECK(exec(slli(x3, x1, 31), 3) == 0x80000000);
    CHECK(exec(srli(x3, x1, 4), 0x80000000) == 0x08000000);
    CHECK(exec(srai(x3, x1, 4), 0x80000000) == 0xf8000000);
    CHECK(exec(srai(x3, x1, 4), 0x70000000) == 0x07000000);
}

TEST_CASE("hart: register-register ALU instructions give the RV32I results", "[hart]")
{
    CHECK(exec(add(x3, x1, x2), 0xffffffff, 2) == 1);
    CHECK(exec(sub(x3, x1, x2), 1, 2) == 0xffffffff);
    CHECK(exec(sll(x3, x1, x2), 1, 0x21) == 2); // only rs2[4:0] counts
    CHECK(exec(slt(x3, x1, x2), 0x80000000, 1) == 1);
    CHECK(exec(slt(x3, x1, x2), 1, 0x80000000) == 0);
    CHECK(exec(sltu(x3, x1, x2), 0x80000000, 1) == 0);
    CHECK(exec(sltu(x3, x1, x2), 1, 0x80000000) == 1);
    CHECK(exec(xor_(x3, x1, x2), 0xff00ff00, 0x0ff00ff0) == 0xf0f0f0f0);
    CHECK(exec(or_(x3, x1, x2), 0xff00ff00, 0x0ff00ff0) == 0xfff0fff0);
    CHECK(exec(and_(x3, x1, x2), 0xff00ff00, 0x0ff00ff0) == 0x0f000f00);
    CHECK(exec(srl(x3, x1, x2), 0x80000000, 0x3f) == 1);
    CHECK(exec(sra(x3, x1, x2), 0x80000000, 0x3f) == 0xffffffff);
    CHECK(exec(sra(x3, x1, x2), 0x40000000, 30) == 1);
}

TEST_CASE("hart: lui loads the upper immediate and auipc adds it to its own pc", "[hart]")
{
    test_machine m;
    m.put_code(base, {lui(x3, 0x12345), auipc(x4, 0xfffff), halt()});
    m.run_to_halt();
    CHECK(m.hart.reg(3) == 0x12345000);
    CHECK(m.hart.reg(4) == base + 4 - 0x1000);
}

TEST_CASE("hart: mul, mulh, mulhsu and mulhu give the low word and the signed/unsigned high words", "[hart][m]")
{
    CHECK(exec(mul(x3, x1, x2), uint32_t(-3), 7) == uint32_t(-21));
    CHECK(exec(mul(x3, x1, x2), 0x12345678, 0x10) == 0x23456780);
    // 0x80000000 x 0xffffffff: 2^31 (signed x signed), -2^63 + 2^31 (signed x unsigned), 2^63 - 2^31.
    CHECK(exec(mulh(x3, x1, x2), 0x80000000, 0xffffffff) == 0);
    CHECK(exec(mulhsu(x3, x1, x2), 0x80000000, 0xffffffff) == 0x80000000);
    CHECK(exec(mulhu(x3, x1, x2), 0x80000000, 0xffffffff) == 0x7fffffff);
    CHECK(exec(mulh(x3, x1, x2), uint32_t(-3), 7) == 0xffffffff);
    CHECK(exec(mulhu(x3, x1, x2), 0xffffffff, 0xffffffff) == 0xfffffffe);
    CHECK(exec(mulhsu(x3, x1, x2), 2, 0x80000000) == 1);
}

TEST_CASE("hart: division by zero gives all ones as the quotient and the dividend as the remainder", "[hart][m]")
{
    CHECK(exec(div(x3, x1, x2), 0x80000001, 0) == 0xffffffff);
    CHECK(exec(divu(x3, x1, x2), 0x80000001, 0) == 0xffffffff);
    CHECK(exec(rem(x3, x1, x2), 0x80000001, 0) == 0x80000001);
    CHECK(exec(remu(x3, x1, x2), 0x80000001, 0) == 0x80000001);
}

TEST_CASE("hart: INT_MIN / -1 overflows to INT_MIN with a remainder of 0", "[hart][m]")
{
    CHECK(exec(div(x3, x1, x2), 0x80000000, 0xffffffff) == 0x80000000);
    CHECK(exec(rem(x3, x1, x2), 0x80000000, 0xffffffff) == 0);
    // Unsigned, the same operands are no special case.
    CHECK(exec(divu(x3, x1, x2), 0x80000000, 0xffffffff) == 0);
    CHECK(exec(remu(x3, x1, x2), 0x80000000, 0xffffffff) == 0x80000000);
}

TEST_CASE("hart: signed division rounds toward zero and the remainder takes the dividend's sign", "[hart][m]")
{
    CHECK(exec(div(x3, x1, x2), uint32_t(-7), 2) == uint32_t(-3));
    CHECK(exec(rem(x3, x1, x2), uint32_t(-7), 2) == uint32_t(-1));
    CHECK(exec(div(x3, x1, x2), 7, uint32_t(-2)) == uint32_t(-3));
    CHECK(exec(rem(x3, x1, x2), 7, uint32_t(-2)) == 1);
    CHECK(exec(divu(x3, x1, x2), uint32_t(-7), 2) == 0x7ffffffc);
    CHECK(exec(remu(x3, x1, x2), uint32_t(-7), 2) == 1);
}

TEST_CASE("hart: writes to x0 are discarded by every kind of instruction and x0 reads as zero", "[hart]")
{
    test_machine m;
    m.bus.poke32(data, 0x55);
    m.put_code(base, {
        addi(x0, x0, 5),
        lui(x0, 1),
        lw(x0, 0, x6),
        jal(x0, 4),
        csrr(x0, csr::mscratch),
        amoadd_w(x0, x7, x6),
        rvc(0x4015), // c.li x0, 5 (a hint)
        add(x3, x0, x0),
        addi(x4, x0, 7),
        halt(),
    });
    m.hart.set_reg(6, data);
    m.hart.set_reg(7, 1);
    m.hart.set_reg(3, 0xdead);
    m.run_to_halt();
    CHECK(m.hart.reg(0) == 0);
    CHECK(m.hart.reg(3) == 0);
    CHECK(m.hart.reg(4) == 7);
    CHECK(m.bus.peek32(data) == 0x56); // the AMO itself happened
}

TEST_CASE("hart: compressed instructions execute as their expansions and advance the pc by 2", "[hart][rvc]")
{
    test_machine m;
    uint32_t end = m.put_code(base, {
        rvc(0x4515),          // +0  c.li x10, 5
        rvc(0x157d),          // +2  c.addi x10, -1
        rvc(0x85aa),          // +4  c.mv x11, x10
        rvc(0x95aa),          // +6  c.add x11, x10
        rvc(0x058a),          // +8  c.slli x11, 2
        addi(x13, x11, 1),    // +10 a 32-bit instruction at a pc = 2 mod 4
        rvc(0xc42e),          // +14 c.swsp x11, 8(x2)
        rvc(0x4622),          // +16 c.lwsp x12, 8(x2)
        rvc(0x2019),          // +18 c.jal .+6 (to +24)
        halt(),               // +20
        rvc(0x8082),          // +24 c.jr x1
    });
    REQUIRE(end == base + 26);
    m.hart.set_reg(2, data);
    CHECK(m.run_to_halt() == base + 24);
    CHECK(m.hart.reg(10) == 4);
    CHECK(m.hart.reg(11) == 32);
    CHECK(m.hart.reg(13) == 33);
    CHECK(m.bus.peek32(data + 8) == 32);
    CHECK(m.hart.reg(12) == 32);
    CHECK(m.hart.reg(1) == base + 20); // c.jal links pc + 2
    CHECK(m.hart.instret() == 11);
}

TEST_CASE("hart: each branch condition is taken exactly when it holds, signed or unsigned", "[hart]")
{
    CHECK(taken(beq(x1, x2, 8), 5, 5));
    CHECK_FALSE(taken(beq(x1, x2, 8), 5, 6));
    CHECK(taken(bne(x1, x2, 8), 5, 6));
    CHECK_FALSE(taken(bne(x1, x2, 8), 5, 5));
    CHECK(taken(blt(x1, x2, 8), 0xffffffff, 0)); // -1 < 0
    CHECK_FALSE(taken(blt(x1, x2, 8), 0, 0xffffffff));
    CHECK_FALSE(taken(blt(x1, x2, 8), 3, 3));
    CHECK(taken(bge(x1, x2, 8), 0, 0xffffffff));
    CHECK(taken(bge(x1, x2, 8), 3, 3));
    CHECK_FALSE(taken(bge(x1, x2, 8), 0xffffffff, 0));
    CHECK(taken(bltu(x1, x2, 8), 0, 0xffffffff));
    CHECK_FALSE(taken(bltu(x1, x2, 8), 0xffffffff, 0));
    CHECK_FALSE(taken(bltu(x1, x2, 8), 3, 3));
    CHECK(taken(bgeu(x1, x2, 8), 0xffffffff, 0));
    CHECK(taken(bgeu(x1, x2, 8), 3, 3));
    CHECK_FALSE(taken(bgeu(x1, x2, 8), 0, 0xffffffff));
}

TEST_CASE("hart: a backward branch loop runs the expected number of iterations", "[hart]")
{
    test_machine m;
    m.put_code(base, {
        addi(x5, x0, 10),
        add(x6, x6, x5),  // loop:
        addi(x5, x5, -1),
        bne(x5, x0, -8),  // to loop
        halt(),
    });
    m.run_to_halt();
    CHECK(m.hart.reg(6) == 55);
    CHECK(m.hart.instret() == 1 + 3 * 10 + 1);
}

TEST_CASE("hart: jal and jalr link the next pc, and jalr clears bit 0 of its target", "[hart]")
{
    test_machine m;
    m.put_code(base, {
        jal(x1, 12),        // +0  to +12
        addi(x3, x0, 1),    // +4  skipped
        halt(),             // +8
        addi(x4, x0, 2),    // +12
        jalr(x6, 1, x6),    // +16 to x6 + 1 = +9 with bit 0 cleared: +8; rd = rs1 links after reading it
    });
    m.hart.set_reg(6, base + 8);
    CHECK(m.run_to_halt() == base + 12);
    CHECK(m.hart.reg(1) == base + 4);
    CHECK(m.hart.reg(3) == 0);
    CHECK(m.hart.reg(4) == 2);
    CHECK(m.hart.reg(6) == base + 20);
}

// --- Loads and stores -----------------------------------------------------------------------------------

namespace {

// Loads of every width and sign from data_base..+7 = f3 f2 81 80 00 11 22 33, then stores of each width.
void run_loads_and_stores(test_machine& m)
{
    m.put_code(base, {
        lb(x10, 0, x6),
        lbu(x11, 0, x6),
        lh(x12, 2, x6),
        lhu(x13, 2, x6),
        lw(x14, 0, x6),
        lb(x15, -4, x7),
        lw(x17, 4, x6),
        sb(x16, 8, x6),
        sh(x16, 10, x6),
        sw(x16, 12, x6),
        halt(),
    });
    m.hart.set_reg(6, data);
    m.hart.set_reg(7, data + 6);
    m.hart.set_reg(16, 0x123456ab);
    REQUIRE(m.run_to_halt() == base + 44);
    CHECK(m.hart.reg(10) == 0xfffffff3);
    CHECK(m.hart.reg(11) == 0xf3);
    CHECK(m.hart.reg(12) == 0xffff8081);
    CHECK(m.hart.reg(13) == 0x8081);
    CHECK(m.hart.reg(14) == 0x8081f2f3);
    CHECK(m.hart.reg(15) == 0xffffff81);
    CHECK(m.hart.reg(17) == 0x33221100);
}

void put_test_data(uint8_t* p)
{
    const uint8_t bytes[] = {0xf3, 0xf2, 0x81, 0x80, 0x00, 0x11, 0x22, 0x33};
    std::memcpy(p, bytes, sizeof bytes);
}

} // namespace

TEST_CASE("hart: loads and stores outside DMI regions go to the bus with their address and size", "[hart][bus]")
{
    test_machine m(memory_map::dmi_code_bus_data);
    put_test_data(m.bus.host(data));
    run_loads_and_stores(m);
    CHECK(m.bus.peek32(data + 8) == 0x56ab00ab);
    CHECK(m.bus.peek32(data + 12) == 0x123456ab);
    std::vector<test_bus::access> expected = {
        {data, 1, false}, {data, 1, false}, {data + 2, 2, false}, {data + 2, 2, false}, {data, 4, false},
        {data + 2, 1, false}, {data + 4, 4, false}, {data + 8, 1, true}, {data + 10, 2, true}, {data + 12, 4, true},
        {test_bus::halt_port, 4, true},
    };
    REQUIRE(m.bus.log.size() == expected.size()); // and no instruction fetch: code is in DMI
    for (size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(m.bus.log[i].addr == expected[i].addr);
        CHECK(m.bus.log[i].len == expected[i].len);
        CHECK(m.bus.log[i].write == expected[i].write);
    }
}

TEST_CASE("hart: loads and stores in a DMI region use its host memory and never the bus", "[hart][dmi]")
{
    test_machine m(memory_map::dmi_code_bus_data);
    std::vector<uint8_t> host(0x1000, 0);
    put_test_data(host.data());
    dmi_region r;
    r.base = data;
    r.size = host.size();
    r.host = host.data();
    r.readable = r.writable = true;
    m.hart.add_dmi_region(r);
    m.bus.poke32(data, 0xbadbad00); // what the bus would answer
    run_loads_and_stores(m);
    uint32_t w8, w12;
    std::memcpy(&w8, &host[8], 4);
    std::memcpy(&w12, &host[12], 4);
    CHECK(w8 == 0x56ab00ab);
    CHECK(w12 == 0x123456ab);
    CHECK(m.bus.peek32(data + 8) == 0);
    CHECK(m.bus.accesses(data, data + 0x1000) == 0);
    CHECK(m.bus.log.size() == 1); // the halt
}

TEST_CASE("hart: a DMI region granted read-only serves loads, and stores to it go to the bus", "[hart][dmi]")
{
    test_machine m(memory_map::dmi_code_bus_data);
    std::vector<uint8_t> host(0x1000, 0);
    put_test_data(host.data());
    dmi_region r;
    r.base = data;
    r.size = host.size();
    r.host = host.data();
    r.readable = true;
    r.writable = false;
    m.hart.add_dmi_region(r);
    m.put_code(base, {lw(x10, 0, x6), sw(x16, 0, x6), lw(x11, 0, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(16, 0x12345678);
    m.run_to_halt();
    CHECK(m.hart.reg(10) == 0x8081f2f3);
    CHECK(m.hart.reg(11) == 0x8081f2f3); // the region's host memory was not written
    CHECK(m.bus.peek32(data) == 0x12345678);
    CHECK(m.bus.accesses(data, data + 4, true, false) == 0);
    CHECK(m.bus.accesses(data, data + 4, false, true) == 1);
}

TEST_CASE("hart: misaligned loads and stores are carried out by default, through DMI and the bus", "[hart]")
{
    memory_map map = GENERATE(memory_map::dmi, memory_map::dmi_code_bus_data);
    CAPTURE(map == memory_map::dmi ? "dmi" : "bus");
    test_machine m(map);
    const uint8_t bytes[] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};
    std::memcpy(m.bus.host(data), bytes, sizeof bytes);
    m.put_code(base, {lw(x10, 1, x6), lh(x11, 3, x6), lhu(x12, 7, x6), sw(x16, 5, x6), sh(x16, 11, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(16, 0xa1b2c3d4);
    REQUIRE(m.run_to_halt() == base + 24);
    CHECK(m.hart.traps() == 0);
    CHECK(m.hart.reg(10) == 0x44332211);
    CHECK(m.hart.reg(11) == 0x4433);
    CHECK(m.hart.reg(12) == 0x0077);
    CHECK(m.bus.peek32(data + 4) == 0xb2c3d444);
    CHECK(m.bus.peek32(data + 8) == 0xd40000a1);
    CHECK(m.bus.peek32(data + 12) == 0x000000c3);
}

TEST_CASE("hart: with trap_misaligned, a misaligned load traps with mcause 4 and mtval = its address", "[hart][trap]")
{
    memory_map map = GENERATE(memory_map::dmi, memory_map::dmi_code_bus_data);
    CAPTURE(map == memory_map::dmi ? "dmi" : "bus");
    test_machine m(map, trapping_misaligned());
    m.put_code(base, {lb(x9, 1, x6), lh(x10, 2, x6), lw(x10, 4, x6), lh(x11, 3, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(11, 0xdead);
    require_trap(m, trap_cause::load_misaligned, base + 12, data + 3);
    CHECK(m.hart.reg(11) == 0xdead); // not written
    CHECK(m.hart.instret() == 3 + 1); // the aligned (and byte) loads, and the handler's halt
}

TEST_CASE("hart: with trap_misaligned, a misaligned store traps with mcause 6, mtval = its address, and no write",
          "[hart][trap]")
{
    memory_map map = GENERATE(memory_map::dmi, memory_map::dmi_code_bus_data);
    CAPTURE(map == memory_map::dmi ? "dmi" : "bus");
    test_machine m(map, trapping_misaligned());
    m.put_code(base, {sb(x16, 1, x6), sh(x16, 2, x6), sw(x16, 6, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(16, 0xffffffff);
    require_trap(m, trap_cause::store_misaligned, base + 8, data + 6);
    CHECK(m.bus.peek32(data) == 0xffffff00);
    CHECK(m.bus.peek32(data + 4) == 0);
    CHECK(m.bus.peek32(data + 8) == 0);
}

// --- Exceptions -----------------------------------------------------------------------------------------

TEST_CASE("hart: a load from an unmapped address traps with a load access fault and mtval = address", "[hart][trap]")
{
    test_machine m;
    m.put_code(base, {nop(), lw(x10, 8, x6), halt()});
    m.hart.set_reg(6, unmapped);
    m.hart.set_reg(10, 0xdead);
    require_trap(m, trap_cause::load_access, base + 4, unmapped + 8);
    CHECK(m.hart.reg(10) == 0xdead);
    CHECK(m.hart.instret() == 1 + 1); // the nop and the handler's halt: the faulting load did not retire
}

TEST_CASE("hart: a store to an unmapped address traps with a store access fault and mtval = address",
          "[hart][trap]")
{
    test_machine m;
    m.put_code(base, {sh(x10, -2, x6), halt()});
    m.hart.set_reg(6, unmapped);
    require_trap(m, trap_cause::store_access, base, unmapped - 2);
}

TEST_CASE("hart: a jump to an unmapped address traps with an instruction access fault at that address",
          "[hart][trap]")
{
    test_machine m;
    m.put_code(base, {jalr(x1, 0, x6), halt()});
    m.hart.set_reg(6, unmapped);
    require_trap(m, trap_cause::insn_access, unmapped, unmapped);
    CHECK(m.hart.reg(1) == base + 4); // the jump itself retired
}

TEST_CASE("hart: a 32-bit instruction whose upper half is unmapped traps with mtval = the upper half's address",
          "[hart][trap]")
{
    test_machine m;
    uint32_t last = base + test_machine::ram_size - 2;
    m.bus.poke16(last, uint16_t(addi(x5, x0, 1))); // the lower half, in the last two bytes of RAM
    m.put_code(base, {jalr(x0, 0, x6)});
    m.hart.set_reg(6, last);
    require_trap(m, trap_cause::insn_access, last, last + 2);
    CHECK(m.hart.reg(5) == 0);
}

TEST_CASE("hart: an instruction access fault at the trap vector itself stops the hart as stuck", "[hart][trap]")
{
    test_machine m;
    m.put_code(base, {ecall()});
    REQUIRE(m.hart.csr_write(csr::mtvec, unmapped));
    CHECK(m.run() == stop::halted);
    CHECK(m.hart.stuck());
    CHECK(m.hart.pc() == unmapped);
    CHECK(m.csr(csr::mcause) == trap_cause::insn_access);
    CHECK(m.hart.traps() == 2); // the ecall, then the fetch fault at the vector
}

TEST_CASE("hart: an illegal instruction traps with mcause 2 and mtval = its bits, 32 or 16 of them", "[hart][trap]")
{
    SECTION("sret (no S mode)")
    {
        test_machine m;
        m.put_code(base, {nop(), 0x10200073, halt()});
        require_trap(m, trap_cause::illegal, base + 4, 0x10200073);
    }
    SECTION("the all-ones word")
    {
        test_machine m;
        m.put_code(base, {0xffffffff});
        require_trap(m, trap_cause::illegal, base, 0xffffffff);
    }
    SECTION("c.addi16sp with a zero immediate")
    {
        test_machine m;
        m.put_code(base, {rvc(0x0001), rvc(0x6101), halt()});
        require_trap(m, trap_cause::illegal, base + 2, 0x6101);
    }
    SECTION("fetched through the bus")
    {
        test_machine m(memory_map::bus);
        m.put_code(base, {0x00004073});
        require_trap(m, trap_cause::illegal, base, 0x00004073);
    }
}

TEST_CASE("hart: ecall traps with mcause 11, mepc = its address and mtval = 0", "[hart][trap]")
{
    test_machine m;
    m.hart.csr_write(csr::mtval, 0x1234);
    m.put_code(base, {nop(), ecall(), halt()});
    require_trap(m, trap_cause::ecall_m, base + 4, 0);
    CHECK(m.hart.instret() == 2); // the nop and the handler's halt: ecall does not retire
}

TEST_CASE("hart: ebreak and c.ebreak trap with mcause 3 and mtval = mepc = their pc", "[hart][trap]")
{
    SECTION("ebreak")
    {
        test_machine m;
        m.put_code(base, {nop(), ebreak(), halt()});
        require_trap(m, trap_cause::breakpoint, base + 4, base + 4);
    }
    SECTION("c.ebreak")
    {
        test_machine m;
        m.put_code(base, {rvc(0x0001), rvc(0x9002), halt()});
        require_trap(m, trap_cause::breakpoint, base + 2, base + 2);
    }
}

TEST_CASE("hart: taking a trap saves MIE in MPIE, clears MIE, keeps MPP = M and jumps to the mtvec base",
          "[hart][trap]")
{
    SECTION("MIE set")
    {
        test_machine m;
        m.hart.csr_write(csr::mstatus, mstatus_bits::mie);
        m.put_code(base, {ecall()});
        require_trap(m, trap_cause::ecall_m, base, 0);
        CHECK(m.csr(csr::mstatus) == (mstatus_bits::mpie | mstatus_bits::mpp));
    }
    SECTION("MIE clear")
    {
        test_machine m;
        m.hart.csr_write(csr::mstatus, mstatus_bits::mpie);
        m.put_code(base, {ecall()});
        require_trap(m, trap_cause::ecall_m, base, 0);
        CHECK(m.csr(csr::mstatus) == mstatus_bits::mpp);
    }
}

TEST_CASE("hart: exceptions go to the mtvec base even when mtvec is vectored", "[hart][trap]")
{
    test_machine m;
    m.hart.csr_write(csr::mtvec, vec | 1);
    m.put_code(base, {ecall()});
    require_trap(m, trap_cause::ecall_m, base, 0);
}

TEST_CASE("hart: mret jumps to mepc, sets MIE from MPIE and MPIE to 1", "[hart][trap]")
{
    uint32_t mpie = GENERATE(0u, mstatus_bits::mpie);
    test_machine m;
    m.put_code(base, {mret()});
    m.put_code(base + 0x100, {halt()});
    m.hart.csr_write(csr::mepc, base + 0x100);
    m.hart.csr_write(csr::mstatus, mpie);
    CHECK(m.run_to_halt() == base + 0x104);
    uint32_t mie = mpie ? mstatus_bits::mie : 0;
    CHECK(m.csr(csr::mstatus) == (mie | mstatus_bits::mpie | mstatus_bits::mpp));
}

TEST_CASE("hart: a trap handler returns past an ecall with mret", "[hart][trap]")
{
    test_machine m;
    uint32_t handler = base + 0x200;
    m.put_code(handler, {csrr(x5, csr::mepc), addi(x5, x5, 4), csrw(csr::mepc, x5), mret()});
    m.hart.csr_write(csr::mtvec, handler);
    m.put_code(base, {addi(x6, x0, 1), ecall(), addi(x6, x6, 1), halt()});
    CHECK(m.run_to_halt() == base + 16);
    CHECK(m.hart.reg(6) == 2);
    CHECK(m.hart.traps() == 1);
    CHECK(m.hart.instret() == 3 + 4);
}

// --- LR/SC and AMOs -------------------------------------------------------------------------------------

TEST_CASE("amo: sc.w after lr.w to the same address stores and writes 0 to rd", "[hart][amo]")
{
    memory_map map = GENERATE(memory_map::dmi, memory_map::dmi_code_bus_data);
    CAPTURE(map == memory_map::dmi ? "dmi" : "bus");
    test_machine m(map);
    m.bus.poke32(data, 7);
    m.put_code(base, {lr_w(x10, x6), addi(x11, x10, 1), sc_w(x12, x11, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(12, 0xdead);
    m.run_to_halt();
    CHECK(m.hart.reg(10) == 7);
    CHECK(m.hart.reg(12) == 0);
    CHECK(m.bus.peek32(data) == 8);
}

TEST_CASE("amo: sc.w without a reservation fails: rd = 1 and memory is unchanged", "[hart][amo]")
{
    test_machine m;
    m.bus.poke32(data, 7);
    m.put_code(base, {sc_w(x12, x11, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(11, 99);
    m.run_to_halt();
    CHECK(m.hart.reg(12) == 1);
    CHECK(m.bus.peek32(data) == 7);
}

TEST_CASE("amo: sc.w to another address than the reservation's fails, and so does a later sc.w", "[hart][amo]")
{
    test_machine m;
    m.put_code(base, {lr_w(x10, x6), sc_w(x12, x11, x7), sc_w(x13, x11, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(7, data + 4);
    m.hart.set_reg(11, 99);
    m.run_to_halt();
    CHECK(m.hart.reg(12) == 1);
    CHECK(m.hart.reg(13) == 1); // any sc.w ends the reservation
    CHECK(m.bus.peek32(data) == 0);
    CHECK(m.bus.peek32(data + 4) == 0);
}

TEST_CASE("amo: a reservation survives between runs, and clear_reservation makes the next sc.w fail",
          "[hart][amo]")
{
    test_machine m;
    m.put_code(base, {lr_w(x10, x6), halt(), sc_w(x12, x11, x6), halt()});
    m.hart.set_reg(6, data);
    m.hart.set_reg(11, 99);
    m.run_to_halt();
    bool cleared = GENERATE(false, true);
    if (cleared) m.hart.clear_reservation();
    m.run_to_halt();
    CHECK(m.hart.reg(12) == (cleared ? 1u : 0u));
    CHECK(m.bus.peek32(data) == (cleared ? 0u : 99u));
}

TEST_CASE("amo: every AMO writes the old value to rd and stores the operation's result", "[hart][amo]")
{
    struct amo_case {
        const char* name;
        uint32_t insn;
        uint32_t result;
    };
    // memory = 0xfffffff3 (-13), rs2 = 5: signed and unsigned min/max differ.
    const amo_case cases[] = {
        {"amoswap.w", amoswap_w(x10, x11, x6), 5},
        {"amoadd.w", amoadd_w(x10, x11, x6), 0xfffffff8},
        {"amoxor.w", amoxor_w(x10, x11, x6), 0xfffffff6},
        {"amoand.w", amoand_w(x10, x11, x6), 0x00000001},
        {"amoor.w", amoor_w(x10, x11, x6), 0xfffffff7},
        {"amomin.w", amomin_w(x10, x11, x6), 0xfffffff3},
        {"amomax.w", amomax_w(x10, x11, x6), 5},
        {"amominu.w", amominu_w(x10, x11, x6), 5},
        {"amomaxu.w", amomaxu_w(x10, x11, x6), 0xfffffff3},
    };
    memory_map map = GENERATE(memory_map::dmi, memory_map::dmi_code_bus_data);
    CAPTURE(map == memory_map::dmi ? "dmi" : "bus");
    for (const amo_case& c : cases) {
        INFO(c.name);
        test_machine m(map);
        m.bus.poke32(data + 4, 0xfffffff3);
        m.put_code(base, {c.insn, halt()});
        m.hart.set_reg(6, data + 4);
        m.hart.set_reg(11, 5);
        REQUIRE(m.run_to_halt() == base + 8);
        CHECK(m.hart.reg(10) == 0xfffffff3);
        CHECK(m.bus.peek32(data + 4) == c.result);
        CHECK(m.hart.reg(11) == 5);
    }
}

TEST_CASE("amo: misaligned lr.w and AMOs trap as misaligned load and store even without trap_misaligned",
          "[hart][amo][trap]")
{
    SECTION("lr.w")
    {
        test_machine m;
        m.put_code(base, {lr_w(x10, x6)});
        m.hart.set_reg(6, data + 2);
        require_trap(m, trap_cause::load_misaligned, base, data + 2);
    }
    SECTION("sc.w")
    {
        test_machine m;
        m.put_code(base, {sc_w(x10, x11, x6)});
        m.hart.set_reg(6, data + 1);
        require_trap(m, trap_cause::store_misaligned, base, data + 1);
    }
    SECTION("amoadd.w")
    {
        test_machine m;
        m.put_code(base, {amoadd_w(x10, x11, x6)});
        m.hart.set_reg(6, data + 2);
        m.hart.set_reg(11, 1);
        require_trap(m, trap_cause::store_misaligned, base, data + 2);
        CHECK(m.bus.peek32(data) == 0);
        CHECK(m.bus.peek32(data + 4) == 0);
    }
}

TEST_CASE("amo: lr.w to an unmapped address is a load access fault, an AMO a store access fault",
          "[hart][amo][trap]")
{
    SECTION("lr.w")
    {
        test_machine m;
        m.put_code(base, {lr_w(x10, x6)});
        m.hart.set_reg(6, unmapped);
        require_trap(m, trap_cause::load_access, base, unmapped);
    }
    SECTION("amoor.w")
    {
        test_machine m;
        m.put_code(base, {amoor_w(x10, x11, x6)});
        m.hart.set_reg(6, unmapped);
        require_trap(m, trap_cause::store_access, base, unmapped);
    }
}

// --- Fetching -------------------------------------------------------------------------------------------

TEST_CASE("hart: without DMI, code is fetched through the bus, a halfword at a time, and not cached", "[hart][bus]")
{
    test_machine m(memory_map::bus);
    m.put_code(base, {addi(x5, x0, 1), rvc(0x4515), addi(x5, x5, 1), halt()}); // c.li x10, 5
    CHECK(m.run_to_halt() == base + 14);
    CHECK(m.hart.reg(5) == 2);
    CHECK(m.hart.reg(10) == 5);
    CHECK(m.hart.decoded_count() == 0);
    CHECK(m.bus.accesses(base, base + 4, true, false) == 2); // two halves of the 32-bit instruction
    CHECK(m.bus.accesses(base + 4, base + 6, true, false) == 1);
}

TEST_CASE("hart: a 32-bit instruction straddling the end of a DMI region is fetched through the bus", "[hart][dmi]")
{
    test_machine m(memory_map::bus);
    m.map_dmi(base, 6);
    m.put_code(base, {addi(x5, x0, 1), addi(x6, x0, 2), halt()});
    CHECK(m.run_to_halt() == base + 12);
    CHECK(m.hart.reg(5) == 1);
    CHECK(m.hart.reg(6) == 2);
    CHECK(m.bus.accesses(base, base + 4) == 0);
    CHECK(m.bus.accesses(base + 4, base + 6, true, false) == 1);
    CHECK(m.bus.accesses(base + 6, base + 8, true, false) == 1);
}

TEST_CASE("hart: code in the last page of the address space runs from its DMI region, not through the bus",
          "[hart][dmi]")
{
    constexpr uint32_t top = 0xfffff000; // the region ends at 2^32
    test_bus bus(top, 0x1000);
    hart_config cfg = one_cycle_per_instruction();
    cfg.reset_pc = top;
    hart_core hart(cfg, bus);
    bus.halt_target = &hart;
    dmi_region r;
    r.base = top;
    r.size = 0x1000;
    r.host = bus.host(top);
    r.readable = true;
    r.read_cycles = 5;
    hart.add_dmi_region(r);
    bus.poke32(top, addi(x5, x0, 1));
    bus.poke32(top + 4, halt());
    REQUIRE(hart.run(1000) == stop::halted);
    CHECK(hart.reg(5) == 1);
    CHECK(bus.accesses(top, top + 0x100, true, false) == 0);
    CHECK(hart.decoded_count() == 2);
    CHECK(hart.cycle() == (1 + 5) + (1 + 5)); // alu + fetch, store + fetch
}

// --- Cycle accounting and stopping ----------------------------------------------------------------------

TEST_CASE("timing: each instruction costs the cycles of its class in hart_timing, a taken branch the penalty more",
          "[hart][timing]")
{
    hart_config cfg;
    cfg.timing.cycles = {{2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}; // alu load store branch jump mul div csr system amo
    cfg.timing.taken_branch_penalty = 13;
    struct timing_case {
        const char* name;
        uint32_t insn;
        uint64_t cycles;
    };
    const timing_case cases[] = {
        {"addi", addi(x5, x0, 1), 2},
        {"lui", lui(x5, 1), 2},
        {"lw", lw(x5, 0, x6), 3},
        {"sb", sb(x5, 0, x6), 4},
        {"beq not taken", beq(x0, x1, 4), 5},
        {"beq taken", beq(x0, x0, 4), 5 + 13},
        {"bgeu taken", bgeu(x1, x0, 4), 5 + 13},
        {"jal", jal(x0, 4), 6},
        {"jalr", jalr(x0, 4, x7), 6},
        {"mulhu", mulhu(x5, x1, x1), 7},
        {"div", div(x5, x1, x1), 8},
        {"remu", remu(x5, x1, x0), 8},
        {"csrrw", csrrw(x5, csr::mscratch, x1), 9},
        {"fence", fence(), 10},
        {"fence.i", fence_i(), 10},
        {"amoadd.w", amoadd_w(x5, x1, x6), 11},
        {"lr.w", lr_w(x5, x6), 11},
        {"sc.w", sc_w(x5, x1, x6), 11},
    };
    memory_map map = GENERATE(memory_map::dmi, memory_map::bus);
    CAPTURE(map == memory_map::dmi ? "dmi" : "bus");
    for (const timing_case& c : cases) {
        INFO(c.name);
        test_machine m(map, cfg);
        m.put_code(base, {c.insn, halt()});
        m.hart.set_reg(1, 1);
        m.hart.set_reg(6, data);
        m.hart.set_reg(7, base);
        REQUIRE(m.run_to_halt() == base + 8);
        CHECK(m.hart.cycle() == c.cycles + 4); // + the halting store
    }
}

TEST_CASE("timing: a trap costs the cycles of the trapping instruction's class", "[hart][timing]")
{
    hart_config cfg;
    cfg.timing.cycles = {{2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
    test_machine m(memory_map::dmi, cfg);
    m.put_code(base, {ecall()});
    m.run_to_halt();
    CHECK(m.hart.cycle() == 10 + 4);
}

TEST_CASE("timing: the latency of DMI regions and of the bus is added to fetches, loads and stores",
          "[hart][timing]")
{
    SECTION("DMI")
    {
        test_machine m(memory_map::bus, one_cycle_per_instruction());
        dmi_region r = m.region(base, test_machine::ram_size);
        r.read_cycles = 5;
        r.write_cycles = 7;
        m.hart.add_dmi_region(r);
        m.put_code(base, {addi(x5, x0, 1), lw(x5, 0, x6), sw(x5, 4, x6), halt()});
        m.hart.set_reg(6, data);
        m.run_to_halt();
        // Each instruction 1 + fetch 5; the load + read 5, the store + write 7.
        CHECK(m.hart.cycle() == 6 + 11 + 13 + 6);
    }
    SECTION("bus")
    {
        test_machine m(memory_map::dmi_code_bus_data, one_cycle_per_instruction());
        m.bus.latency = 4;
        m.put_code(base, {lw(x5, 0, x6), sw(x5, 4, x6), halt()});
        m.hart.set_reg(6, data);
        m.run_to_halt();
        CHECK(m.hart.cycle() == 3 * (1 + 4));
    }
}

TEST_CASE("timing: run(limit) on straight-line code stops at or after the limit, at most a page of instructions later",
          "[hart][timing]")
{
    test_machine m(memory_map::dmi, one_cycle_per_instruction());
    constexpr uint32_t n = 3 * 1024; // three pages of addi
    for (uint32_t i = 0; i < n; ++i) m.bus.poke32(base + 4 * i, addi(x5, x5, 1));
    m.put_code(base + 4 * n, {halt()});
    for (uint64_t limit : {uint64_t(10), uint64_t(1500)}) {
        CAPTURE(limit);
        REQUIRE(m.hart.run(limit) == stop::limit);
        CHECK(m.hart.cycle() >= limit);
        CHECK(m.hart.cycle() <= limit + 1024); // one page of 4-byte instructions
        CHECK(m.hart.instret() == m.hart.cycle());
        CHECK(m.hart.reg(5) == m.hart.instret());
        CHECK(m.hart.pc() == base + 4 * m.hart.reg(5));
    }
    m.run_to_halt();
    CHECK(m.hart.reg(5) == n);
}

TEST_CASE("timing: run(limit) on a backward-branch loop stops within one iteration after the limit",
          "[hart][timing]")
{
    hart_config cfg = one_cycle_per_instruction();
    cfg.timing.cycles[cls_jump] = 2;
    test_machine m(memory_map::dmi, cfg);
    m.put_code(base, {addi(x5, x5, 1), j(-4)}); // 1 + 2 cycles an iteration
    for (uint64_t limit : {uint64_t(100), uint64_t(101), uint64_t(102), uint64_t(5000)}) {
        CAPTURE(limit);
        REQUIRE(m.hart.run(limit) == stop::limit);
        CHECK(m.hart.cycle() >= limit);
        CHECK(m.hart.cycle() < limit + 3);
        CHECK(m.hart.cycle() == 3 * m.hart.reg(5));
    }
}

TEST_CASE("timing: run returns at once when the cycle counter is already at the limit", "[hart][timing]")
{
    test_machine m;
    m.put_code(base, {addi(x5, x0, 1), halt()});
    m.hart.set_cycle(500);
    CHECK(m.hart.run(500) == stop::limit);
    CHECK(m.hart.run(20) == stop::limit);
    CHECK(m.hart.pc() == base);
    CHECK(m.hart.instret() == 0);
    CHECK(m.hart.cycle() == 500);
}

TEST_CASE("hart: request_halt makes run return halted before the next instruction, until resume", "[hart]")
{
    test_machine m;
    m.put_code(base, {addi(x5, x0, 1), halt()});
    m.hart.request_halt();
    CHECK(m.hart.halted());
    CHECK(m.run() == stop::halted);
    CHECK(m.run() == stop::halted);
    CHECK(m.hart.pc() == base);
    CHECK(m.hart.instret() == 0);
    m.hart.resume();
    CHECK_FALSE(m.hart.halted());
    CHECK(m.run_to_halt() == base + 8);
    CHECK(m.hart.reg(5) == 1);
}

TEST_CASE("hart: a halt requested by a bus access takes effect once that instruction has retired", "[hart]")
{
    test_machine m;
    m.put_code(base, {addi(x5, x0, 1), halt(), addi(x5, x0, 2), halt()});
    CHECK(m.run() == stop::halted);
    CHECK(m.hart.pc() == base + 8);
    CHECK(m.hart.reg(5) == 1);
    CHECK(m.hart.instret() == 2);
    m.hart.resume();
    CHECK(m.run_to_halt() == base + 16);
    CHECK(m.hart.reg(5) == 2);
}

TEST_CASE("hart: the commit log has a line per retired instruction: pc, bits, mnemonic and the register written",
          "[hart]")
{
    test_machine m;
    std::ostringstream log;
    m.hart.set_commit_log(&log);
    m.put_code(base, {addi(x5, x0, 7), rvc(0x4515), beq(x0, x0, 4), ecall()}); // c.li x10, 5
    m.run_to_halt();
    CHECK(log.str() == "0x80000000 (0x00700293) addi       x5  0x00000007\n"
                       "0x80000004 (0x4515)     addi       x10 0x00000005\n"
                       "0x80000006 (0x00000263) beq       \n"
                       "0x80004000 (0x10002023) sw        \n"); // ecall traps: no line
}
