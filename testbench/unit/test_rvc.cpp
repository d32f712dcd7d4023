// Unit tests of the RVC expansion: each RV32C instruction against the 32-bit instruction GNU as 2.40 gives
// for its expansion (both as objdump -M no-aliases,numeric shows them), and the reserved encodings.
#include "hart/rv32_decode.h"

#include <catch2/catch.hpp>

#include <string>

using namespace cellvp;

namespace {

struct expansion {
    uint16_t c;
    uint32_t full;
    const char* text;
};

void check_expansions(std::initializer_list<expansion> cases)
{
    for (const expansion& e : cases) {
        INFO(e.text);
        CAPTURE(e.c);
        CHECK(rv32_expand_compressed(e.c) == e.full);
    }
}

void check_reserved(std::initializer_list<expansion> cases)
{
    for (const expansion& e : cases) {
        INFO(e.text);
        CAPTURE(e.c);
        CHECK(rv32_expand_compressed(e.c) == 0);
        decoded_insn d = rv32_decode(e.c);
        CHECK(d.op == op_illegal);
        CHECK(d.len == 2);
        CHECK(d.raw == e.c);
    }
}

// Every valid RV32C instruction of the tests below, with its expansion.
const expansion all_valid[] = {
    {0x0040, 0x00410413, "c.addi4spn x8, x2, 4 -> addi x8, x2, 4"},
    {0x1ffc, 0x3fc10793, "c.addi4spn x15, x2, 1020 -> addi x15, x2, 1020"},
    {0x4104, 0x00052483, "c.lw x9, 0(x10) -> lw x9, 0(x10)"},
    {0x5c7c, 0x07c42783, "c.lw x15, 124(x8) -> lw x15, 124(x8)"},
    {0xc22c, 0x04b62023, "c.sw x11, 64(x12) -> sw x11, 64(x12)"},
    {0xdfe0, 0x0687ae23, "c.sw x8, 124(x15) -> sw x8, 124(x15)"},
    {0x0001, 0x00000013, "c.nop -> addi x0, x0, 0"},
    {0x1081, 0xfe008093, "c.addi x1, -32 -> addi x1, x1, -32"},
    {0x0ffd, 0x01ff8f93, "c.addi x31, 31 -> addi x31, x31, 31"},
    {0x3001, 0x801ff0ef, "c.jal .-2048 -> jal x1, .-2048"},
    {0x2ffd, 0x7fe000ef, "c.jal .+2046 -> jal x1, .+2046"},
    {0x52fd, 0xfff00293, "c.li x5, -1 -> addi x5, x0, -1"},
    {0x457d, 0x01f00513, "c.li x10, 31 -> addi x10, x0, 31"},
    {0x7101, 0xe0010113, "c.addi16sp x2, -512 -> addi x2, x2, -512"},
    {0x617d, 0x1f010113, "c.addi16sp x2, 496 -> addi x2, x2, 496"},
    {0x7181, 0xfffe01b7, "c.lui x3, 0xfffe0 -> lui x3, 0xfffe0"},
    {0x6ffd, 0x0001ffb7, "c.lui x31, 0x1f -> lui x31, 0x1f"},
    {0x6085, 0x000010b7, "c.lui x1, 1 -> lui x1, 1"},
    {0x807d, 0x01f45413, "c.srli x8, 31 -> srli x8, x8, 31"},
    {0x8785, 0x4017d793, "c.srai x15, 1 -> srai x15, x15, 1"},
    {0x9881, 0xfe04f493, "c.andi x9, -32 -> andi x9, x9, -32"},
    {0x897d, 0x01f57513, "c.andi x10, 31 -> andi x10, x10, 31"},
    {0x8c05, 0x40940433, "c.sub x8, x9 -> sub x8, x8, x9"},
    {0x8d2d, 0x00b54533, "c.xor x10, x11 -> xor x10, x10, x11"},
    {0x8e55, 0x00d66633, "c.or x12, x13 -> or x12, x12, x13"},
    {0x8f7d, 0x00f77733, "c.and x14, x15 -> and x14, x14, x15"},
    {0xb001, 0x801ff06f, "c.j .-2048 -> jal x0, .-2048"},
    {0xaffd, 0x7fe0006f, "c.j .+2046 -> jal x0, .+2046"},
    {0xd001, 0xf00400e3, "c.beqz x8, .-256 -> beq x8, x0, .-256"},
    {0xeffd, 0x0e079f63, "c.bnez x15, .+254 -> bne x15, x0, .+254"},
    {0xc089, 0x00048163, "c.beqz x9, .+2 -> beq x9, x0, .+2"},
    {0x00fe, 0x01f09093, "c.slli x1, 31 -> slli x1, x1, 31"},
    {0x50fe, 0x0fc12083, "c.lwsp x1, 252(x2) -> lw x1, 252(x2)"},
    {0x4f82, 0x00012f83, "c.lwsp x31, 0(x2) -> lw x31, 0(x2)"},
    {0x8082, 0x00008067, "c.jr x1 -> jalr x0, 0(x1)"},
    {0x852e, 0x00b00533, "c.mv x10, x11 -> add x10, x0, x11"},
    {0x9002, 0x00100073, "c.ebreak -> ebreak"},
    {0x9282, 0x000280e7, "c.jalr x5 -> jalr x1, 0(x5)"},
    {0x931e, 0x00730333, "c.add x6, x7 -> add x6, x6, x7"},
    {0xdffe, 0x0ff12e23, "c.swsp x31, 252(x2) -> sw x31, 252(x2)"},
    {0xc006, 0x00112023, "c.swsp x1, 0(x2) -> sw x1, 0(x2)"},
};

} // namespace

TEST_CASE("rvc: c.addi4spn expands to addi rd', sp, nzuimm with the scrambled immediate", "[rvc]")
{
    check_expansions({all_valid[0], all_valid[1]});
}

TEST_CASE("rvc: c.lw and c.sw expand to lw/sw with x8-x15 and a word-scaled offset up to 124", "[rvc]")
{
    check_expansions({all_valid[2], all_valid[3], all_valid[4], all_valid[5]});
}

TEST_CASE("rvc: c.nop and c.addi expand to addi rd, rd, imm with a sign-extended 6-bit immediate", "[rvc]")
{
    check_expansions({all_valid[6], all_valid[7], all_valid[8]});
}

TEST_CASE("rvc: c.jal expands to jal x1 and c.j to jal x0, from -2048 to +2046", "[rvc]")
{
    check_expansions({all_valid[9], all_valid[10], all_valid[26], all_valid[27]});
}

TEST_CASE("rvc: c.li expands to addi rd, x0, imm", "[rvc]")
{
    check_expansions({all_valid[11], all_valid[12]});
}

TEST_CASE("rvc: c.addi16sp expands to addi sp, sp, imm, a multiple of 16 from -512 to 496", "[rvc]")
{
    check_expansions({all_valid[13], all_valid[14]});
}

TEST_CASE("rvc: c.lui expands to lui rd with a sign-extended 6-bit upper immediate", "[rvc]")
{
    check_expansions({all_valid[15], all_valid[16], all_valid[17]});
}

TEST_CASE("rvc: c.srli, c.srai and c.andi expand to their immediate forms on rd'", "[rvc]")
{
    check_expansions({all_valid[18], all_valid[19], all_valid[20], all_valid[21]});
}

TEST_CASE("rvc: c.sub, c.xor, c.or and c.and expand to register-register ops on rd' and rs2'", "[rvc]")
{
    check_expansions({all_valid[22], all_valid[23], all_valid[24], all_valid[25]});
}

TEST_CASE("rvc: c.beqz and c.bnez expand to beq/bne rs1', x0 from -256 to +254", "[rvc]")
{
    check_expansions({all_valid[28], all_valid[29], all_valid[30]});
}

TEST_CASE("rvc: c.slli expands to slli rd, rd, shamt", "[rvc]")
{
    check_expansions({all_valid[31]});
}

TEST_CASE("rvc: c.lwsp and c.swsp expand to lw/sw relative to sp with offsets up to 252", "[rvc]")
{
    check_expansions({all_valid[32], all_valid[33], all_valid[39], all_valid[40]});
}

TEST_CASE("rvc: c.jr, c.mv, c.ebreak, c.jalr and c.add expand to jalr x0, add, ebreak, jalr x1 and add", "[rvc]")
{
    check_expansions({all_valid[34], all_valid[35], all_valid[36], all_valid[37], all_valid[38]});
}

TEST_CASE("rvc: each immediate bit of every RVC format lands in its place in the expansion", "[rvc]")
{
    // One bit at a time (and the sign), so that any two bits swapped in a scrambled immediate show.
    check_expansions({
    {0x0044, 0x00410493, "c.addi4spn x9, x2, 4 -> addi x9, x2, 4"},
    {0x0024, 0x00810493, "c.addi4spn x9, x2, 8 -> addi x9, x2, 8"},
    {0x0804, 0x01010493, "c.addi4spn x9, x2, 16 -> addi x9, x2, 16"},
    {0x1004, 0x02010493, "c.addi4spn x9, x2, 32 -> addi x9, x2, 32"},
    {0x0084, 0x04010493, "c.addi4spn x9, x2, 64 -> addi x9, x2, 64"},
    {0x0104, 0x08010493, "c.addi4spn x9, x2, 128 -> addi x9, x2, 128"},
    {0x0204, 0x10010493, "c.addi4spn x9, x2, 256 -> addi x9, x2, 256"},
    {0x0404, 0x20010493, "c.addi4spn x9, x2, 512 -> addi x9, x2, 512"},
    {0x41c8, 0x0045a503, "c.lw x10, 4(x11) -> lw x10, 4(x11)"},
    {0x4588, 0x0085a503, "c.lw x10, 8(x11) -> lw x10, 8(x11)"},
    {0x4988, 0x0105a503, "c.lw x10, 16(x11) -> lw x10, 16(x11)"},
    {0x5188, 0x0205a503, "c.lw x10, 32(x11) -> lw x10, 32(x11)"},
    {0x41a8, 0x0405a503, "c.lw x10, 64(x11) -> lw x10, 64(x11)"},
    {0xc2d0, 0x00c6a223, "c.sw x12, 4(x13) -> sw x12, 4(x13)"},
    {0xc690, 0x00c6a423, "c.sw x12, 8(x13) -> sw x12, 8(x13)"},
    {0xca90, 0x00c6a823, "c.sw x12, 16(x13) -> sw x12, 16(x13)"},
    {0xd290, 0x02c6a023, "c.sw x12, 32(x13) -> sw x12, 32(x13)"},
    {0xc2b0, 0x04c6a023, "c.sw x12, 64(x13) -> sw x12, 64(x13)"},
    {0x0385, 0x00138393, "c.addi x7, 1 -> addi x7, x7, 1"},
    {0x0389, 0x00238393, "c.addi x7, 2 -> addi x7, x7, 2"},
    {0x0391, 0x00438393, "c.addi x7, 4 -> addi x7, x7, 4"},
    {0x03a1, 0x00838393, "c.addi x7, 8 -> addi x7, x7, 8"},
    {0x03c1, 0x01038393, "c.addi x7, 16 -> addi x7, x7, 16"},
    {0x1381, 0xfe038393, "c.addi x7, -32 -> addi x7, x7, -32"},
    {0x2009, 0x002000ef, "c.jal . + 2 -> jal x1, . + 2"},
    {0x2011, 0x004000ef, "c.jal . + 4 -> jal x1, . + 4"},
    {0x2021, 0x008000ef, "c.jal . + 8 -> jal x1, . + 8"},
    {0x2801, 0x010000ef, "c.jal . + 16 -> jal x1, . + 16"},
    {0x2005, 0x020000ef, "c.jal . + 32 -> jal x1, . + 32"},
    {0x2081, 0x040000ef, "c.jal . + 64 -> jal x1, . + 64"},
    {0x2041, 0x080000ef, "c.jal . + 128 -> jal x1, . + 128"},
    {0x2201, 0x100000ef, "c.jal . + 256 -> jal x1, . + 256"},
    {0x2401, 0x200000ef, "c.jal . + 512 -> jal x1, . + 512"},
    {0x2101, 0x400000ef, "c.jal . + 1024 -> jal x1, . + 1024"},
    {0x3001, 0x801ff0ef, "c.jal . - 2048 -> jal x1, . - 2048"},
    {0xa009, 0x0020006f, "c.j . + 2 -> jal x0, . + 2"},
    {0xa011, 0x0040006f, "c.j . + 4 -> jal x0, . + 4"},
    {0xa021, 0x0080006f, "c.j . + 8 -> jal x0, . + 8"},
    {0xa801, 0x0100006f, "c.j . + 16 -> jal x0, . + 16"},
    {0xa005, 0x0200006f, "c.j . + 32 -> jal x0, . + 32"},
    {0xa081, 0x0400006f, "c.j . + 64 -> jal x0, . + 64"},
    {0xa041, 0x0800006f, "c.j . + 128 -> jal x0, . + 128"},
    {0xa201, 0x1000006f, "c.j . + 256 -> jal x0, . + 256"},
    {0xa401, 0x2000006f, "c.j . + 512 -> jal x0, . + 512"},
    {0xa101, 0x4000006f, "c.j . + 1024 -> jal x0, . + 1024"},
    {0x4485, 0x00100493, "c.li x9, 1 -> addi x9, x0, 1"},
    {0x4489, 0x00200493, "c.li x9, 2 -> addi x9, x0, 2"},
    {0x4491, 0x00400493, "c.li x9, 4 -> addi x9, x0, 4"},
    {0x44a1, 0x00800493, "c.li x9, 8 -> addi x9, x0, 8"},
    {0x44c1, 0x01000493, "c.li x9, 16 -> addi x9, x0, 16"},
    {0x5481, 0xfe000493, "c.li x9, -32 -> addi x9, x0, -32"},
    {0x6141, 0x01010113, "c.addi16sp x2, 16 -> addi x2, x2, 16"},
    {0x6105, 0x02010113, "c.addi16sp x2, 32 -> addi x2, x2, 32"},
    {0x6121, 0x04010113, "c.addi16sp x2, 64 -> addi x2, x2, 64"},
    {0x6109, 0x08010113, "c.addi16sp x2, 128 -> addi x2, x2, 128"},
    {0x6111, 0x10010113, "c.addi16sp x2, 256 -> addi x2, x2, 256"},
    {0x7101, 0xe0010113, "c.addi16sp x2, -512 -> addi x2, x2, -512"},
    {0x6485, 0x000014b7, "c.lui x9, 0x1 -> lui x9, 0x1"},
    {0x6489, 0x000024b7, "c.lui x9, 0x2 -> lui x9, 0x2"},
    {0x6491, 0x000044b7, "c.lui x9, 0x4 -> lui x9, 0x4"},
    {0x64a1, 0x000084b7, "c.lui x9, 0x8 -> lui x9, 0x8"},
    {0x64c1, 0x000104b7, "c.lui x9, 0x10 -> lui x9, 0x10"},
    {0x7481, 0xfffe04b7, "c.lui x9, 0xfffe0 -> lui x9, 0xfffe0"},
    {0x8105, 0x00155513, "c.srli x10, 1 -> srli x10, x10, 1"},
    {0x8109, 0x00255513, "c.srli x10, 2 -> srli x10, x10, 2"},
    {0x8111, 0x00455513, "c.srli x10, 4 -> srli x10, x10, 4"},
    {0x8121, 0x00855513, "c.srli x10, 8 -> srli x10, x10, 8"},
    {0x8141, 0x01055513, "c.srli x10, 16 -> srli x10, x10, 16"},
    {0x8585, 0x4015d593, "c.srai x11, 1 -> srai x11, x11, 1"},
    {0x8589, 0x4025d593, "c.srai x11, 2 -> srai x11, x11, 2"},
    {0x8591, 0x4045d593, "c.srai x11, 4 -> srai x11, x11, 4"},
    {0x85a1, 0x4085d593, "c.srai x11, 8 -> srai x11, x11, 8"},
    {0x85c1, 0x4105d593, "c.srai x11, 16 -> srai x11, x11, 16"},
    {0x8a05, 0x00167613, "c.andi x12, 1 -> andi x12, x12, 1"},
    {0x8a09, 0x00267613, "c.andi x12, 2 -> andi x12, x12, 2"},
    {0x8a11, 0x00467613, "c.andi x12, 4 -> andi x12, x12, 4"},
    {0x8a21, 0x00867613, "c.andi x12, 8 -> andi x12, x12, 8"},
    {0x8a41, 0x01067613, "c.andi x12, 16 -> andi x12, x12, 16"},
    {0x9a01, 0xfe067613, "c.andi x12, -32 -> andi x12, x12, -32"},
    {0xc289, 0x00068163, "c.beqz x13, . + 2 -> beq x13, x0, . + 2"},
    {0xc291, 0x00068263, "c.beqz x13, . + 4 -> beq x13, x0, . + 4"},
    {0xc681, 0x00068463, "c.beqz x13, . + 8 -> beq x13, x0, . + 8"},
    {0xca81, 0x00068863, "c.beqz x13, . + 16 -> beq x13, x0, . + 16"},
    {0xc285, 0x02068063, "c.beqz x13, . + 32 -> beq x13, x0, . + 32"},
    {0xc2a1, 0x04068063, "c.beqz x13, . + 64 -> beq x13, x0, . + 64"},
    {0xc2c1, 0x08068063, "c.beqz x13, . + 128 -> beq x13, x0, . + 128"},
    {0xd281, 0xf00680e3, "c.beqz x13, . - 256 -> beq x13, x0, . - 256"},
    {0xe309, 0x00071163, "c.bnez x14, . + 2 -> bne x14, x0, . + 2"},
    {0xe311, 0x00071263, "c.bnez x14, . + 4 -> bne x14, x0, . + 4"},
    {0xe701, 0x00071463, "c.bnez x14, . + 8 -> bne x14, x0, . + 8"},
    {0xeb01, 0x00071863, "c.bnez x14, . + 16 -> bne x14, x0, . + 16"},
    {0xe305, 0x02071063, "c.bnez x14, . + 32 -> bne x14, x0, . + 32"},
    {0xe321, 0x04071063, "c.bnez x14, . + 64 -> bne x14, x0, . + 64"},
    {0xe341, 0x08071063, "c.bnez x14, . + 128 -> bne x14, x0, . + 128"},
    {0x0a06, 0x001a1a13, "c.slli x20, 1 -> slli x20, x20, 1"},
    {0x0a0a, 0x002a1a13, "c.slli x20, 2 -> slli x20, x20, 2"},
    {0x0a12, 0x004a1a13, "c.slli x20, 4 -> slli x20, x20, 4"},
    {0x0a22, 0x008a1a13, "c.slli x20, 8 -> slli x20, x20, 8"},
    {0x0a42, 0x010a1a13, "c.slli x20, 16 -> slli x20, x20, 16"},
    {0x4a92, 0x00412a83, "c.lwsp x21, 4(x2) -> lw x21, 4(x2)"},
    {0x4aa2, 0x00812a83, "c.lwsp x21, 8(x2) -> lw x21, 8(x2)"},
    {0x4ac2, 0x01012a83, "c.lwsp x21, 16(x2) -> lw x21, 16(x2)"},
    {0x5a82, 0x02012a83, "c.lwsp x21, 32(x2) -> lw x21, 32(x2)"},
    {0x4a86, 0x04012a83, "c.lwsp x21, 64(x2) -> lw x21, 64(x2)"},
    {0x4a8a, 0x08012a83, "c.lwsp x21, 128(x2) -> lw x21, 128(x2)"},
    {0xc25a, 0x01612223, "c.swsp x22, 4(x2) -> sw x22, 4(x2)"},
    {0xc45a, 0x01612423, "c.swsp x22, 8(x2) -> sw x22, 8(x2)"},
    {0xc85a, 0x01612823, "c.swsp x22, 16(x2) -> sw x22, 16(x2)"},
    {0xd05a, 0x03612023, "c.swsp x22, 32(x2) -> sw x22, 32(x2)"},
    {0xc0da, 0x05612023, "c.swsp x22, 64(x2) -> sw x22, 64(x2)"},
    {0xc15a, 0x09612023, "c.swsp x22, 128(x2) -> sw x22, 128(x2)"},
    });
}

TEST_CASE("rvc: the all-zero halfword and c.addi4spn with a zero immediate are illegal", "[rvc]")
{
    check_reserved({
        {0x0000, 0, "0x0000 (defined illegal)"},
        {0x0004, 0, "c.addi4spn x9, x2, 0"},
        {0x001c, 0, "c.addi4spn x15, x2, 0"},
    });
}

TEST_CASE("rvc: c.addi16sp with a zero immediate and c.lui with a zero immediate are reserved", "[rvc]")
{
    check_reserved({
        {0x6101, 0, "c.addi16sp x2, 0"},
        {0x6181, 0, "c.lui x3, 0"},
        {0x6f81, 0, "c.lui x31, 0"},
    });
}

TEST_CASE("rvc: c.lwsp with rd = x0 and c.jr with rs1 = x0 are reserved", "[rvc]")
{
    check_reserved({
        {0x4002, 0, "c.lwsp x0, 0(x2)"},
        {0x507e, 0, "c.lwsp x0, 252(x2)"},
        {0x8002, 0, "c.jr x0"},
    });
}

TEST_CASE("rvc: c.srli, c.srai and c.slli with shamt[5] set are not RV32 instructions", "[rvc]")
{
    check_reserved({
        {0x9001, 0, "c.srli x8, 32"},
        {0x907d, 0, "c.srli x8, 63"},
        {0x9401, 0, "c.srai x8, 32"},
        {0x1082, 0, "c.slli x1, 32"},
    });
}

TEST_CASE("rvc: the RV64 c.subw and c.addw are illegal on RV32", "[rvc]")
{
    check_reserved({
        {0x9c01, 0, "c.subw x8, x8"},
        {0x9c21, 0, "c.addw x8, x8"},
        {0x9c41, 0, "reserved (funct6 100111, funct2 10)"},
        {0x9c61, 0, "reserved (funct6 100111, funct2 11)"},
    });
}

TEST_CASE("rvc: the floating-point loads and stores are illegal (no F or D)", "[rvc]")
{
    check_reserved({
        {0x2080, 0, "c.fld f8, 0(x9)"},
        {0x6080, 0, "c.flw f8, 0(x9)"},
        {0xa080, 0, "c.fsd f8, 0(x9)"},
        {0xe080, 0, "c.fsw f8, 0(x9)"},
        {0x2082, 0, "c.fldsp f1, 0(x2)"},
        {0x6082, 0, "c.flwsp f1, 0(x2)"},
        {0xa006, 0, "c.fsdsp f1, 0(x2)"},
        {0xe006, 0, "c.fswsp f1, 0(x2)"},
        {0x8000, 0, "quadrant 0, funct3 100: reserved"},
    });
}

TEST_CASE("rvc: a compressed instruction decodes to the fields of its expansion with len 2 and the 16 raw bits",
          "[rvc][decode]")
{
    for (const expansion& e : all_valid) {
        INFO(e.text);
        decoded_insn c = rv32_decode(e.c);
        decoded_insn full = rv32_decode(e.full);
        CHECK(c.op == full.op);
        CHECK(c.op != op_illegal);
        CHECK(c.rd == full.rd);
        CHECK(c.rs1 == full.rs1);
        CHECK(c.rs2 == full.rs2);
        CHECK(c.imm == full.imm);
        CHECK(c.cls == full.cls);
        CHECK(c.len == 2);
        CHECK(c.raw == e.c);
        // Only the low 16 bits are the instruction: what follows it in memory does not matter.
        decoded_insn junk = rv32_decode(0xabcd0000u | e.c);
        CHECK(junk.op == c.op);
        CHECK(junk.imm == c.imm);
        CHECK(junk.len == 2);
        CHECK(junk.raw == e.c);
    }
}

TEST_CASE("rvc: c.nop, c.li and c.mv with rd = x0 (hints) write to the zero sink", "[rvc][decode]")
{
    CHECK(rv32_decode(0x0001).rd == reg_zero_sink); // c.nop
    CHECK(rv32_decode(0x4015).rd == reg_zero_sink); // c.li x0, 5 (hint)
    CHECK(rv32_decode(0x802e).rd == reg_zero_sink); // c.mv x0, x11 (hint)
}

TEST_CASE("rvc: every 16-bit encoding expands to 0 or to a legal 32-bit instruction", "[rvc]")
{
    unsigned valid = 0;
    for (uint32_t c = 0; c < 0x10000; ++c) {
        if ((c & 3) == 3) continue;
        uint32_t full = rv32_expand_compressed(uint16_t(c));
        if (!full) continue;
        ++valid;
        CAPTURE(c, full);
        REQUIRE((full & 3) == 3);
        REQUIRE(rv32_decode(full).op != op_illegal);
    }
    CHECK(valid > 20000); // not vacuous: well over half of the 16-bit space is RV32C
}
