// Unit tests of rv32_decode on 32-bit instructions: hand-checked encodings (from GNU as 2.40,
// -march=rv32imac_zicsr_zifencei, objdump -M no-aliases,numeric) to op, registers and immediate.
#include "hart/rv32_decode.h"

#include <catch2/catch.hpp>

#include <climits>
#include <string>

using namespace cellvp;

namespace {

constexpr uint8_t sink = reg_zero_sink;

decoded_insn decode32(uint32_t raw)
{
    decoded_insn d = rv32_decode(raw);
    CHECK(d.len == 4);
    CHECK(d.raw == raw);
    return d;
}

// Formats: only the fields the format defines are checked.
void check_r(uint32_t raw, rv32_op op, uint8_t rd, uint8_t rs1, uint8_t rs2)
{
    CAPTURE(raw, rv32_op_name(op));
    decoded_insn d = decode32(raw);
    CHECK(std::string(rv32_op_name(d.op)) == rv32_op_name(op));
    CHECK(int(d.rd) == rd);
    CHECK(int(d.rs1) == rs1);
    CHECK(int(d.rs2) == rs2);
}
void check_i(uint32_t raw, rv32_op op, uint8_t rd, uint8_t rs1, int32_t imm)
{
    CAPTURE(raw, rv32_op_name(op));
    decoded_insn d = decode32(raw);
    CHECK(std::string(rv32_op_name(d.op)) == rv32_op_name(op));
    CHECK(int(d.rd) == rd);
    CHECK(int(d.rs1) == rs1);
    CHECK(d.imm == imm);
}
void check_sb(uint32_t raw, rv32_op op, uint8_t rs1, uint8_t rs2, int32_t imm) // S and B
{
    CAPTURE(raw, rv32_op_name(op));
    decoded_insn d = decode32(raw);
    CHECK(std::string(rv32_op_name(d.op)) == rv32_op_name(op));
    CHECK(int(d.rs1) == rs1);
    CHECK(int(d.rs2) == rs2);
    CHECK(d.imm == imm);
}
void check_uj(uint32_t raw, rv32_op op, uint8_t rd, int32_t imm) // U and J
{
    CAPTURE(raw, rv32_op_name(op));
    decoded_insn d = decode32(raw);
    CHECK(std::string(rv32_op_name(d.op)) == rv32_op_name(op));
    CHECK(int(d.rd) == rd);
    CHECK(d.imm == imm);
}
void check_illegal(uint32_t raw)
{
    CAPTURE(raw);
    decoded_insn d = rv32_decode(raw);
    CHECK(std::string(rv32_op_name(d.op)) == "illegal");
    CHECK(d.raw == raw); // mtval of the illegal-instruction trap
}

} // namespace

TEST_CASE("decode: lui and auipc carry the upper immediate in bits 31:12, including its extremes", "[decode]")
{
    check_uj(0xfffff2b7, op_lui, 5, int32_t(0xfffff000));   // lui x5, 0xfffff
    check_uj(0x80000fb7, op_lui, 31, int32_t(0x80000000));  // lui x31, 0x80000
    check_uj(0x00001037, op_lui, sink, 0x1000);             // lui x0, 1
    check_uj(0x12345517, op_auipc, 10, 0x12345000);         // auipc x10, 0x12345
    check_uj(0x00000517, op_auipc, 10, 0);                  // auipc x10, 0
}

TEST_CASE("decode: jal carries the sign-extended J immediate, from -1 MiB to +1 MiB - 2", "[decode]")
{
    check_uj(0x7ffff0ef, op_jal, 1, 1048574);     // jal x1, .+1048574
    check_uj(0x8000006f, op_jal, sink, -1048576); // jal x0, .-1048576
    check_uj(0xfffff0ef, op_jal, 1, -2);          // jal x1, .-2
    check_uj(0x801ff0ef, op_jal, 1, -2048);       // jal x1, .-2048
    check_uj(0x7fe0006f, op_jal, sink, 2046);     // jal x0, .+2046
}

TEST_CASE("decode: each bit of the J, B, S, I and U immediates lands in its place", "[decode]")
{
    struct imm_case {
        uint32_t raw;
        rv32_op op;
        int32_t imm;
        const char* text;
    };
    // One bit at a time (and the sign), so that any two bits swapped in a scrambled immediate show.
    const imm_case cases[] = {
    {0x002000ef, op_jal, 2, "jal x1, . + 2"},
    {0x004000ef, op_jal, 4, "jal x1, . + 4"},
    {0x008000ef, op_jal, 8, "jal x1, . + 8"},
    {0x010000ef, op_jal, 16, "jal x1, . + 16"},
    {0x020000ef, op_jal, 32, "jal x1, . + 32"},
    {0x040000ef, op_jal, 64, "jal x1, . + 64"},
    {0x080000ef, op_jal, 128, "jal x1, . + 128"},
    {0x100000ef, op_jal, 256, "jal x1, . + 256"},
    {0x200000ef, op_jal, 512, "jal x1, . + 512"},
    {0x400000ef, op_jal, 1024, "jal x1, . + 1024"},
    {0x001000ef, op_jal, 2048, "jal x1, . + 2048"},
    {0x000010ef, op_jal, 4096, "jal x1, . + 4096"},
    {0x000020ef, op_jal, 8192, "jal x1, . + 8192"},
    {0x000040ef, op_jal, 16384, "jal x1, . + 16384"},
    {0x000080ef, op_jal, 32768, "jal x1, . + 32768"},
    {0x000100ef, op_jal, 65536, "jal x1, . + 65536"},
    {0x000200ef, op_jal, 131072, "jal x1, . + 131072"},
    {0x000400ef, op_jal, 262144, "jal x1, . + 262144"},
    {0x000800ef, op_jal, 524288, "jal x1, . + 524288"},
    {0x800000ef, op_jal, -1048576, "jal x1, . - 1048576"},
    {0x00419163, op_bne, 2, "bne x3, x4, . + 2"},
    {0x00419263, op_bne, 4, "bne x3, x4, . + 4"},
    {0x00419463, op_bne, 8, "bne x3, x4, . + 8"},
    {0x00419863, op_bne, 16, "bne x3, x4, . + 16"},
    {0x02419063, op_bne, 32, "bne x3, x4, . + 32"},
    {0x04419063, op_bne, 64, "bne x3, x4, . + 64"},
    {0x08419063, op_bne, 128, "bne x3, x4, . + 128"},
    {0x10419063, op_bne, 256, "bne x3, x4, . + 256"},
    {0x20419063, op_bne, 512, "bne x3, x4, . + 512"},
    {0x40419063, op_bne, 1024, "bne x3, x4, . + 1024"},
    {0x004190e3, op_bne, 2048, "bne x3, x4, . + 2048"},
    {0x80419063, op_bne, -4096, "bne x3, x4, . - 4096"},
    {0x005320a3, op_sw, 1, "sw x5, 1(x6)"},
    {0x00532123, op_sw, 2, "sw x5, 2(x6)"},
    {0x00532223, op_sw, 4, "sw x5, 4(x6)"},
    {0x00532423, op_sw, 8, "sw x5, 8(x6)"},
    {0x00532823, op_sw, 16, "sw x5, 16(x6)"},
    {0x02532023, op_sw, 32, "sw x5, 32(x6)"},
    {0x04532023, op_sw, 64, "sw x5, 64(x6)"},
    {0x08532023, op_sw, 128, "sw x5, 128(x6)"},
    {0x10532023, op_sw, 256, "sw x5, 256(x6)"},
    {0x20532023, op_sw, 512, "sw x5, 512(x6)"},
    {0x40532023, op_sw, 1024, "sw x5, 1024(x6)"},
    {0x80532023, op_sw, -2048, "sw x5, -2048(x6)"},
    {0x00142383, op_lw, 1, "lw x7, 1(x8)"},
    {0x00242383, op_lw, 2, "lw x7, 2(x8)"},
    {0x00442383, op_lw, 4, "lw x7, 4(x8)"},
    {0x00842383, op_lw, 8, "lw x7, 8(x8)"},
    {0x01042383, op_lw, 16, "lw x7, 16(x8)"},
    {0x02042383, op_lw, 32, "lw x7, 32(x8)"},
    {0x04042383, op_lw, 64, "lw x7, 64(x8)"},
    {0x08042383, op_lw, 128, "lw x7, 128(x8)"},
    {0x10042383, op_lw, 256, "lw x7, 256(x8)"},
    {0x20042383, op_lw, 512, "lw x7, 512(x8)"},
    {0x40042383, op_lw, 1024, "lw x7, 1024(x8)"},
    {0x80042383, op_lw, -2048, "lw x7, -2048(x8)"},
    {0x000014b7, op_lui, 4096, "lui x9, 0x1"},
    {0x000024b7, op_lui, 8192, "lui x9, 0x2"},
    {0x000044b7, op_lui, 16384, "lui x9, 0x4"},
    {0x000084b7, op_lui, 32768, "lui x9, 0x8"},
    {0x000104b7, op_lui, 65536, "lui x9, 0x10"},
    {0x000204b7, op_lui, 131072, "lui x9, 0x20"},
    {0x000404b7, op_lui, 262144, "lui x9, 0x40"},
    {0x000804b7, op_lui, 524288, "lui x9, 0x80"},
    {0x001004b7, op_lui, 1048576, "lui x9, 0x100"},
    {0x002004b7, op_lui, 2097152, "lui x9, 0x200"},
    {0x004004b7, op_lui, 4194304, "lui x9, 0x400"},
    {0x008004b7, op_lui, 8388608, "lui x9, 0x800"},
    {0x010004b7, op_lui, 16777216, "lui x9, 0x1000"},
    {0x020004b7, op_lui, 33554432, "lui x9, 0x2000"},
    {0x040004b7, op_lui, 67108864, "lui x9, 0x4000"},
    {0x080004b7, op_lui, 134217728, "lui x9, 0x8000"},
    {0x100004b7, op_lui, 268435456, "lui x9, 0x10000"},
    {0x200004b7, op_lui, 536870912, "lui x9, 0x20000"},
    {0x400004b7, op_lui, 1073741824, "lui x9, 0x40000"},
    {0x800004b7, op_lui, INT32_MIN, "lui x9, 0x80000"},
    };
    for (const imm_case& c : cases) {
        INFO(c.text);
        decoded_insn d = decode32(c.raw);
        CHECK(d.op == c.op);
        CHECK(d.imm == c.imm);
    }
}

TEST_CASE("decode: jalr carries rs1 and the I immediate, and a non-zero funct3 is illegal", "[decode]")
{
    check_i(0x800100e7, op_jalr, 1, 2, -2048); // jalr x1, -2048(x2)
    check_i(0x00008067, op_jalr, sink, 1, 0);  // jalr x0, 0(x1)
    check_illegal(0x00009067);                 // funct3 = 1
}

TEST_CASE("decode: branches carry rs1, rs2 and the B immediate, from -4096 to +4094", "[decode]")
{
    check_sb(0x7e208fe3, op_beq, 1, 2, 4094);   // beq x1, x2, .+4094
    check_sb(0x80419063, op_bne, 3, 4, -4096);  // bne x3, x4, .-4096
    check_sb(0xfe62cfe3, op_blt, 5, 6, -2);     // blt x5, x6, .-2
    check_sb(0x0083d863, op_bge, 7, 8, 16);     // bge x7, x8, .+16
    check_sb(0xfea4ece3, op_bltu, 9, 10, -8);   // bltu x9, x10, .-8
    check_sb(0x00c5f0e3, op_bgeu, 11, 12, 2048); // bgeu x11, x12, .+2048 (imm[11] in bit 7)
    check_illegal(0x00002063); // funct3 = 2
    check_illegal(0x00003063); // funct3 = 3
}

TEST_CASE("decode: loads carry rd, rs1 and the I immediate, from -2048 to 2047", "[decode]")
{
    check_i(0xfff10083, op_lb, 1, 2, -1);      // lb x1, -1(x2)
    check_i(0x7ff21183, op_lh, 3, 4, 2047);    // lh x3, 2047(x4)
    check_i(0x80032283, op_lw, 5, 6, -2048);   // lw x5, -2048(x6)
    check_i(0x00044383, op_lbu, 7, 8, 0);      // lbu x7, 0(x8)
    check_i(0x00455483, op_lhu, 9, 10, 4);     // lhu x9, 4(x10)
    check_illegal(0x00003003);                 // ld (RV64)
    check_illegal(0x00006003);                 // lwu (RV64)
    check_illegal(0x00007003);                 // funct3 = 7
}

TEST_CASE("decode: stores carry rs1, rs2 and the S immediate, from -2048 to 2047", "[decode]")
{
    check_sb(0x80110023, op_sb, 2, 1, -2048); // sb x1, -2048(x2)
    check_sb(0x7e321fa3, op_sh, 4, 3, 2047);  // sh x3, 2047(x4)
    check_sb(0xfe532fa3, op_sw, 6, 5, -1);    // sw x5, -1(x6)
    check_illegal(0x00003023);                // sd (RV64)
    check_illegal(0x00004023);                // funct3 = 4
}

TEST_CASE("decode: register-immediate ALU instructions carry the sign-extended I immediate", "[decode]")
{
    check_i(0x80010093, op_addi, 1, 2, -2048); // addi x1, x2, -2048
    check_i(0x7ff22193, op_slti, 3, 4, 2047);  // slti x3, x4, 2047
    check_i(0xfff33293, op_sltiu, 5, 6, -1);   // sltiu x5, x6, -1
    check_i(0xfff44393, op_xori, 7, 8, -1);    // xori x7, x8, -1
    check_i(0x55556493, op_ori, 9, 10, 0x555); // ori x9, x10, 0x555
    check_i(0x0ff67593, op_andi, 11, 12, 0xff); // andi x11, x12, 0xff
}

TEST_CASE("decode: shifts by an immediate carry the shift amount, srai without its funct7 bit", "[decode]")
{
    check_i(0x01f71693, op_slli, 13, 14, 31); // slli x13, x14, 31
    check_i(0x00185793, op_srli, 15, 16, 1);  // srli x15, x16, 1
    check_i(0x41f95893, op_srai, 17, 18, 31); // srai x17, x18, 31
}

TEST_CASE("decode: a shift by an immediate with bit 25 (shamt[5]) or another funct7 bit set is illegal on RV32",
          "[decode]")
{
    check_illegal(0x02071693); // slli x13, x14, 32 (RV64 encoding)
    check_illegal(0x02085793); // srli x15, x16, 32
    check_illegal(0x42095893); // srai x17, x18, 32
    check_illegal(0x40171693); // "slai": slli with funct7 = 0x20
    check_illegal(0x20185793); // srli with funct7 = 0x10
}

TEST_CASE("decode: register-register ALU instructions carry rd, rs1 and rs2", "[decode]")
{
    check_r(0x003100b3, op_add, 1, 2, 3);     // add x1, x2, x3
    check_r(0x40628233, op_sub, 4, 5, 6);     // sub x4, x5, x6
    check_r(0x009413b3, op_sll, 7, 8, 9);     // sll x7, x8, x9
    check_r(0x00c5a533, op_slt, 10, 11, 12);  // slt x10, x11, x12
    check_r(0x00f736b3, op_sltu, 13, 14, 15); // sltu x13, x14, x15
    check_r(0x0128c833, op_xor, 16, 17, 18);  // xor x16, x17, x18
    check_r(0x015a59b3, op_srl, 19, 20, 21);  // srl x19, x20, x21
    check_r(0x418bdb33, op_sra, 22, 23, 24);  // sra x22, x23, x24
    check_r(0x01bd6cb3, op_or, 25, 26, 27);   // or x25, x26, x27
    check_r(0x01eefe33, op_and, 28, 29, 30);  // and x28, x29, x30
}

TEST_CASE("decode: register-register instructions with an undefined funct7 are illegal", "[decode]")
{
    check_illegal(0x403110b3); // "sub" funct7 with funct3 = 1 (sll)
    check_illegal(0x4031c0b3); // funct7 = 0x20 with funct3 = 4 (xor)
    check_illegal(0x803100b3); // funct7 = 0x40
    check_illegal(0x043100b3); // funct7 = 0x02
}

TEST_CASE("decode: M-extension instructions carry rd, rs1 and rs2", "[decode]")
{
    check_r(0x023100b3, op_mul, 1, 2, 3);      // mul x1, x2, x3
    check_r(0x02629233, op_mulh, 4, 5, 6);     // mulh x4, x5, x6
    check_r(0x029423b3, op_mulhsu, 7, 8, 9);   // mulhsu x7, x8, x9
    check_r(0x02c5b533, op_mulhu, 10, 11, 12); // mulhu x10, x11, x12
    check_r(0x02f746b3, op_div, 13, 14, 15);   // div x13, x14, x15
    check_r(0x0328d833, op_divu, 16, 17, 18);  // divu x16, x17, x18
    check_r(0x035a69b3, op_rem, 19, 20, 21);   // rem x19, x20, x21
    check_r(0x038bfb33, op_remu, 22, 23, 24);  // remu x22, x23, x24
}

TEST_CASE("decode: fence, fence.i, ecall, ebreak, mret and wfi", "[decode]")
{
    decoded_insn f = decode32(0x0330000f); // fence rw, rw
    CHECK(f.op == op_fence);
    CHECK((f.imm & 0xff) == 0x33); // pred/succ
    CHECK(decode32(0x0ff0000f).op == op_fence);   // fence iorw, iorw
    CHECK(decode32(0x8330000f).op == op_fence);   // fence.tso
    CHECK(decode32(0x0000100f).op == op_fence_i); // fence.i
    CHECK(decode32(0x00000073).op == op_ecall);
    CHECK(decode32(0x00100073).op == op_ebreak);
    CHECK(decode32(0x30200073).op == op_mret);
    CHECK(decode32(0x10500073).op == op_wfi);
    check_illegal(0x0000200f); // MISC-MEM funct3 = 2
}

TEST_CASE("decode: system encodings other than ecall, ebreak, mret and wfi are illegal", "[decode]")
{
    check_illegal(0x10200073); // sret: no S mode
    check_illegal(0x00200073); // uret
    check_illegal(0x7b200073); // dret: no debug mode
    check_illegal(0x12000073); // sfence.vma x0, x0
    check_illegal(0x000000f3); // ecall with rd = x1
    check_illegal(0x00108073); // ebreak with rs1 = x1
    check_illegal(0x00004073); // funct3 = 4 (hypervisor loads)
}

TEST_CASE("decode: CSR instructions carry the CSR number in imm and the register or uimm in rs1", "[decode][csr]")
{
    check_i(0x300110f3, op_csrrw, 1, 2, 0x300);   // csrrw x1, mstatus, x2
    check_i(0xf14021f3, op_csrrs, 3, 0, 0xf14);   // csrrs x3, mhartid, x0
    check_i(0x305332f3, op_csrrc, 5, 6, 0x305);   // csrrc x5, mtvec, x6
    check_i(0x340fd3f3, op_csrrwi, 7, 31, 0x340); // csrrwi x7, mscratch, 31
    check_i(0x30446473, op_csrrsi, 8, 8, 0x304);  // csrrsi x8, mie, 8
    check_i(0xfff0f4f3, op_csrrci, 9, 1, 0xfff);  // csrrci x9, 0xfff, 1: the number is not sign-extended
}

TEST_CASE("decode: lr.w, sc.w and every AMO carry rd, rs1 and rs2, with or without aq/rl", "[decode][amo]")
{
    check_r(0x100120af, op_lr_w, 1, 2, 0);          // lr.w x1, (x2)
    check_r(0x1842a1af, op_sc_w, 3, 5, 4);          // sc.w x3, x4, (x5)
    check_r(0x0874232f, op_amoswap_w, 6, 8, 7);     // amoswap.w x6, x7, (x8)
    check_r(0x00a5a4af, op_amoadd_w, 9, 11, 10);    // amoadd.w x9, x10, (x11)
    check_r(0x20d7262f, op_amoxor_w, 12, 14, 13);   // amoxor.w x12, x13, (x14)
    check_r(0x6108a7af, op_amoand_w, 15, 17, 16);   // amoand.w x15, x16, (x17)
    check_r(0x413a292f, op_amoor_w, 18, 20, 19);    // amoor.w x18, x19, (x20)
    check_r(0x816baaaf, op_amomin_w, 21, 23, 22);   // amomin.w x21, x22, (x23)
    check_r(0xa19d2c2f, op_amomax_w, 24, 26, 25);   // amomax.w x24, x25, (x26)
    check_r(0xc1ceadaf, op_amominu_w, 27, 29, 28);  // amominu.w x27, x28, (x29)
    check_r(0xe7f0af2f, op_amomaxu_w, 30, 1, 31);   // amomaxu.w.aqrl x30, x31, (x1)
}

TEST_CASE("decode: AMOs with funct3 other than 2, lr.w with rs2 != 0 and unknown funct5 are illegal",
          "[decode][amo]")
{
    check_illegal(0x00a5b4af); // amoadd.d (funct3 = 3, RV64)
    check_illegal(0x00a5a4af & ~0x7000u); // funct3 = 0
    check_illegal(0x1051a0af); // lr.w x1, (x3) with rs2 = x5
    check_illegal(0x2c5a22af); // funct5 = 0x05
    check_illegal(0x585222af); // funct5 = 0x0b
    check_illegal(0xf8a5a4af); // funct5 = 0x1f
}

TEST_CASE("decode: the all-zero word, the all-ones word and unknown opcodes are illegal", "[decode]")
{
    check_illegal(0x00000000); // also a (reserved) compressed instruction
    check_illegal(0xffffffff);
    check_illegal(0x00000007); // LOAD-FP
    check_illegal(0x00000027); // STORE-FP
    check_illegal(0x00000053); // OP-FP
    check_illegal(0x0000001b); // OP-IMM-32 (RV64)
    check_illegal(0x0000003b); // OP-32 (RV64)
    check_illegal(0x0000000b); // custom-0
    check_illegal(0x0000001f); // 48-bit instruction prefix
}

TEST_CASE("decode: a destination of x0 maps to reg_zero_sink, in every format that writes rd", "[decode]")
{
    CHECK(rv32_decode(0x00000013).rd == reg_zero_sink); // addi x0, x0, 0
    CHECK(rv32_decode(0x00001037).rd == reg_zero_sink); // lui x0, 1
    CHECK(rv32_decode(0x0000006f).rd == reg_zero_sink); // jal x0, .
    CHECK(rv32_decode(0x00008067).rd == reg_zero_sink); // jalr x0, 0(x1)
    CHECK(rv32_decode(0x00012003).rd == reg_zero_sink); // lw x0, 0(x2)
    CHECK(rv32_decode(0x00310033).rd == reg_zero_sink); // add x0, x2, x3
    CHECK(rv32_decode(0xf1402073).rd == reg_zero_sink); // csrr x0, mhartid
    CHECK(rv32_decode(0x00a5a02f).rd == reg_zero_sink); // amoadd.w x0, x10, (x11)
    CHECK(rv32_decode(0x00100093).rd == 1);             // addi x1, x0, 1: x1 is a register like the others
}

TEST_CASE("decode: each instruction gets the timing class of its kind", "[decode]")
{
    CHECK(rv32_decode(0x003100b3).cls == cls_alu);    // add
    CHECK(rv32_decode(0x12345517).cls == cls_alu);    // auipc
    CHECK(rv32_decode(0x80032283).cls == cls_load);   // lw
    CHECK(rv32_decode(0xfe532fa3).cls == cls_store);  // sw
    CHECK(rv32_decode(0x7e208fe3).cls == cls_branch); // beq
    CHECK(rv32_decode(0x7ffff0ef).cls == cls_jump);   // jal
    CHECK(rv32_decode(0x00008067).cls == cls_jump);   // jalr
    CHECK(rv32_decode(0x023100b3).cls == cls_mul);    // mul
    CHECK(rv32_decode(0x038bfb33).cls == cls_div);    // remu
    CHECK(rv32_decode(0x300110f3).cls == cls_csr);    // csrrw
    CHECK(rv32_decode(0x00000073).cls == cls_system); // ecall
    CHECK(rv32_decode(0x0000100f).cls == cls_system); // fence.i
    CHECK(rv32_decode(0x00000000).cls == cls_system); // illegal
    CHECK(rv32_decode(0x00a5a4af).cls == cls_amo);    // amoadd.w
    CHECK(rv32_decode(0x100120af).cls == cls_amo);    // lr.w
}

TEST_CASE("decode: rv32_op_name gives the assembler mnemonic, and '?' past the last op", "[decode]")
{
    CHECK(std::string(rv32_op_name(op_addi)) == "addi");
    CHECK(std::string(rv32_op_name(op_fence_i)) == "fence.i");
    CHECK(std::string(rv32_op_name(op_lr_w)) == "lr.w");
    CHECK(std::string(rv32_op_name(op_amomaxu_w)) == "amomaxu.w");
    CHECK(std::string(rv32_op_name(op_illegal)) == "illegal");
    CHECK(std::string(rv32_op_name(op_count)) == "?");
}
