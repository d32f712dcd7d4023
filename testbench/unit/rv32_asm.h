// A tiny RV32IMA encoder for the unit tests, so that test programs read as assembly; its output is checked
// against GNU as in test_asm.cpp. Operands are in assembly order: `sw(x5, 8, x6)` is `sw x5, 8(x6)`.
#pragma once

#include <cstdint>

namespace rv32asm {

enum reg : uint32_t {
    x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15,
    x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30, x31
};

// Formats.
constexpr uint32_t r_type(uint32_t opc, reg rd, uint32_t f3, reg rs1, reg rs2, uint32_t f7)
{
    return f7 << 25 | uint32_t(rs2) << 20 | uint32_t(rs1) << 15 | f3 << 12 | uint32_t(rd) << 7 | opc;
}
constexpr uint32_t i_type(uint32_t opc, reg rd, uint32_t f3, reg rs1, int32_t imm)
{
    return (uint32_t(imm) & 0xfff) << 20 | uint32_t(rs1) << 15 | f3 << 12 | uint32_t(rd) << 7 | opc;
}
constexpr uint32_t s_type(uint32_t f3, reg rs2, int32_t imm, reg rs1)
{
    uint32_t u = uint32_t(imm);
    return (u >> 5 & 0x7f) << 25 | uint32_t(rs2) << 20 | uint32_t(rs1) << 15 | f3 << 12 | (u & 0x1f) << 7 | 0x23;
}
constexpr uint32_t b_type(uint32_t f3, reg rs1, reg rs2, int32_t off)
{
    uint32_t u = uint32_t(off);
    return (u >> 12 & 1) << 31 | (u >> 5 & 0x3f) << 25 | uint32_t(rs2) << 20 | uint32_t(rs1) << 15 | f3 << 12 |
           (u >> 1 & 0xf) << 8 | (u >> 11 & 1) << 7 | 0x63;
}
constexpr uint32_t j_type(reg rd, int32_t off)
{
    uint32_t u = uint32_t(off);
    return (u >> 20 & 1) << 31 | (u >> 1 & 0x3ff) << 21 | (u >> 11 & 1) << 20 | (u >> 12 & 0xff) << 12 |
           uint32_t(rd) << 7 | 0x6f;
}

// RV32I. Branch and jump offsets are relative to the instruction's own address.
constexpr uint32_t lui(reg rd, uint32_t imm20) { return (imm20 & 0xfffff) << 12 | uint32_t(rd) << 7 | 0x37; }
constexpr uint32_t auipc(reg rd, uint32_t imm20) { return (imm20 & 0xfffff) << 12 | uint32_t(rd) << 7 | 0x17; }
constexpr uint32_t jal(reg rd, int32_t off) { return j_type(rd, off); }
constexpr uint32_t jalr(reg rd, int32_t imm, reg rs1) { return i_type(0x67, rd, 0, rs1, imm); }
constexpr uint32_t beq(reg rs1, reg rs2, int32_t off) { return b_type(0, rs1, rs2, off); }
constexpr uint32_t bne(reg rs1, reg rs2, int32_t off) { return b_type(1, rs1, rs2, off); }
constexpr uint32_t blt(reg rs1, reg rs2, int32_t off) { return b_type(4, rs1, rs2, off); }
constexpr uint32_t bge(reg rs1, reg rs2, int32_t off) { return b_type(5, rs1, rs2, off); }
constexpr uint32_t bltu(reg rs1, reg rs2, int32_t off) { return b_type(6, rs1, rs2, off); }
constexpr uint32_t bgeu(reg rs1, reg rs2, int32_t off) { return b_type(7, rs1, rs2, off); }
constexpr uint32_t lb(reg rd, int32_t imm, reg rs1) { return i_type(0x03, rd, 0, rs1, imm); }
constexpr uint32_t lh(reg rd, int32_t imm, reg rs1) { return i_type(0x03, rd, 1, rs1, imm); }
constexpr uint32_t lw(reg rd, int32_t imm, reg rs1) { return i_type(0x03, rd, 2, rs1, imm); }
constexpr uint32_t lbu(reg rd, int32_t imm, reg rs1) { return i_type(0x03, rd, 4, rs1, imm); }
constexpr uint32_t lhu(reg rd, int32_t imm, reg rs1) { return i_type(0x03, rd, 5, rs1, imm); }
constexpr uint32_t sb(reg rs2, int32_t imm, reg rs1) { return s_type(0, rs2, imm, rs1); }
constexpr uint32_t sh(reg rs2, int32_t imm, reg rs1) { return s_type(1, rs2, imm, rs1); }
constexpr uint32_t sw(reg rs2, int32_t imm, reg rs1) { return s_type(2, rs2, imm, rs1); }
constexpr uint32_t addi(reg rd, reg rs1, int32_t imm) { return i_type(0x13, rd, 0, rs1, imm); }
constexpr uint32_t slti(reg rd, reg rs1, int32_t imm) { return i_type(0x13, rd, 2, rs1, imm); }
constexpr uint32_t sltiu(reg rd, reg rs1, int32_t imm) { return i_type(0x13, rd, 3, rs1, imm); }
constexpr uint32_t xori(reg rd, reg rs1, int32_t imm) { return i_type(0x13, rd, 4, rs1, imm); }
constexpr uint32_t ori(reg rd, reg rs1, int32_t imm) { return i_type(0x13, rd, 6, rs1, imm); }
constexpr uint32_t andi(reg rd, reg rs1, int32_t imm) { return i_type(0x13, rd, 7, rs1, imm); }
constexpr uint32_t slli(reg rd, reg rs1, uint32_t sh) { return i_type(0x13, rd, 1, rs1, int32_t(sh)); }
constexpr uint32_t srli(reg rd, reg rs1, uint32_t sh) { return i_type(0x13, rd, 5, rs1, int32_t(sh)); }
constexpr uint32_t srai(reg rd, reg rs1, uint32_t sh) { return i_type(0x13, rd, 5, rs1, int32_t(0x400 | sh)); }
constexpr uint32_t add(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 0, rs1, rs2, 0); }
constexpr uint32_t sub(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 0, rs1, rs2, 0x20); }
constexpr uint32_t sll(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 1, rs1, rs2, 0); }
constexpr uint32_t slt(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 2, rs1, rs2, 0); }
constexpr uint32_t sltu(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 3, rs1, rs2, 0); }
constexpr uint32_t xor_(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 4, rs1, rs2, 0); }
constexpr uint32_t srl(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 5, rs1, rs2, 0); }
constexpr uint32_t sra(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 5, rs1, rs2, 0x20); }
constexpr uint32_t or_(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 6, rs1, rs2, 0); }
constexpr uint32_t and_(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 7, rs1, rs2, 0); }
constexpr uint32_t fence() { return 0x0ff0000f; } // fence iorw, iorw
constexpr uint32_t fence_i() { return 0x0000100f; }
constexpr uint32_t ecall() { return 0x00000073; }
constexpr uint32_t ebreak() { return 0x00100073; }
constexpr uint32_t mret() { return 0x30200073; }
constexpr uint32_t wfi() { return 0x10500073; }
constexpr uint32_t nop() { return addi(x0, x0, 0); }
constexpr uint32_t j(int32_t off) { return jal(x0, off); }

// Zicsr.
constexpr uint32_t csrrw(reg rd, uint32_t csr, reg rs1) { return i_type(0x73, rd, 1, rs1, int32_t(csr)); }
constexpr uint32_t csrrs(reg rd, uint32_t csr, reg rs1) { return i_type(0x73, rd, 2, rs1, int32_t(csr)); }
constexpr uint32_t csrrc(reg rd, uint32_t csr, reg rs1) { return i_type(0x73, rd, 3, rs1, int32_t(csr)); }
constexpr uint32_t csrrwi(reg rd, uint32_t csr, uint32_t uimm) { return i_type(0x73, rd, 5, reg(uimm), int32_t(csr)); }
constexpr uint32_t csrrsi(reg rd, uint32_t csr, uint32_t uimm) { return i_type(0x73, rd, 6, reg(uimm), int32_t(csr)); }
constexpr uint32_t csrrci(reg rd, uint32_t csr, uint32_t uimm) { return i_type(0x73, rd, 7, reg(uimm), int32_t(csr)); }
constexpr uint32_t csrr(reg rd, uint32_t csr) { return csrrs(rd, csr, x0); }
constexpr uint32_t csrw(uint32_t csr, reg rs1) { return csrrw(x0, csr, rs1); }

// M.
constexpr uint32_t mul(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 0, rs1, rs2, 1); }
constexpr uint32_t mulh(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 1, rs1, rs2, 1); }
constexpr uint32_t mulhsu(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 2, rs1, rs2, 1); }
constexpr uint32_t mulhu(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 3, rs1, rs2, 1); }
constexpr uint32_t div(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 4, rs1, rs2, 1); }
constexpr uint32_t divu(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 5, rs1, rs2, 1); }
constexpr uint32_t rem(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 6, rs1, rs2, 1); }
constexpr uint32_t remu(reg rd, reg rs1, reg rs2) { return r_type(0x33, rd, 7, rs1, rs2, 1); }

// A: `amo(funct5, rd, rs2, rs1)` is `amo<op>.w rd, rs2, (rs1)`.
constexpr uint32_t amo(uint32_t funct5, reg rd, reg rs2, reg rs1) { return r_type(0x2f, rd, 2, rs1, rs2, funct5 << 2); }
constexpr uint32_t lr_w(reg rd, reg rs1) { return amo(0x02, rd, x0, rs1); }
constexpr uint32_t sc_w(reg rd, reg rs2, reg rs1) { return amo(0x03, rd, rs2, rs1); }
constexpr uint32_t amoswap_w(reg rd, reg rs2, reg rs1) { return amo(0x01, rd, rs2, rs1); }
constexpr uint32_t amoadd_w(reg rd, reg rs2, reg rs1) { return amo(0x00, rd, rs2, rs1); }
constexpr uint32_t amoxor_w(reg rd, reg rs2, reg rs1) { return amo(0x04, rd, rs2, rs1); }
constexpr uint32_t amoand_w(reg rd, reg rs2, reg rs1) { return amo(0x0c, rd, rs2, rs1); }
constexpr uint32_t amoor_w(reg rd, reg rs2, reg rs1) { return amo(0x08, rd, rs2, rs1); }
constexpr uint32_t amomin_w(reg rd, reg rs2, reg rs1) { return amo(0x10, rd, rs2, rs1); }
constexpr uint32_t amomax_w(reg rd, reg rs2, reg rs1) { return amo(0x14, rd, rs2, rs1); }
constexpr uint32_t amominu_w(reg rd, reg rs2, reg rs1) { return amo(0x18, rd, rs2, rs1); }
constexpr uint32_t amomaxu_w(reg rd, reg rs2, reg rs1) { return amo(0x1c, rd, rs2, rs1); }

} // namespace rv32asm
