// RV32IMAC decoding and RVC expansion, following the RISC-V unprivileged spec (20191213) chapters 2, 7,
// 8 and 16; compressed instructions are expanded to their 32-bit equivalents and decoded once.
#include "rv32_decode.h"

namespace cellvp {
namespace {

uint32_t bits(uint32_t v, unsigned hi, unsigned lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }
int32_t sext(uint32_t v, unsigned width) { return int32_t(v << (32 - width)) >> (32 - width); }

// 32-bit encoders used by the RVC expansion.
uint32_t enc_r(uint32_t opc, uint32_t rd, uint32_t f3, uint32_t rs1, uint32_t rs2, uint32_t f7)
{
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
uint32_t enc_i(uint32_t opc, uint32_t rd, uint32_t f3, uint32_t rs1, int32_t imm)
{
    return (uint32_t(imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
uint32_t enc_s(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm)
{
    uint32_t u = uint32_t(imm);
    return (bits(u, 11, 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (bits(u, 4, 0) << 7) | 0x23;
}
uint32_t enc_b(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm)
{
    uint32_t u = uint32_t(imm);
    return (bits(u, 12, 12) << 31) | (bits(u, 10, 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
           (bits(u, 4, 1) << 8) | (bits(u, 11, 11) << 7) | 0x63;
}
uint32_t enc_j(uint32_t rd, int32_t imm)
{
    uint32_t u = uint32_t(imm);
    return (bits(u, 20, 20) << 31) | (bits(u, 10, 1) << 21) | (bits(u, 11, 11) << 20) | (bits(u, 19, 12) << 12) |
           (rd << 7) | 0x6f;
}

constexpr uint32_t opc_load = 0x03, opc_op_imm = 0x13, opc_lui = 0x37, opc_op = 0x33, opc_jalr = 0x67;

// Immediates of the RVC formats, as the spec's tables lay them out.
int32_t c_imm6(uint32_t c) { return sext((bits(c, 12, 12) << 5) | bits(c, 6, 2), 6); }
int32_t c_j_imm(uint32_t c)
{
    uint32_t u = (bits(c, 12, 12) << 11) | (bits(c, 11, 11) << 4) | (bits(c, 10, 9) << 8) | (bits(c, 8, 8) << 10) |
                 (bits(c, 7, 7) << 6) | (bits(c, 6, 6) << 7) | (bits(c, 5, 3) << 1) | (bits(c, 2, 2) << 5);
    return sext(u, 12);
}
int32_t c_b_imm(uint32_t c)
{
    uint32_t u = (bits(c, 12, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6) | (bits(c, 4, 3) << 1) |
                 (bits(c, 2, 2) << 5);
    return sext(u, 9);
}
uint32_t c_lw_imm(uint32_t c) { return (bits(c, 12, 10) << 3) | (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 6); }

uint32_t expand_q0(uint32_t c)
{
    uint32_t rd_p = 8 + bits(c, 4, 2), rs1_p = 8 + bits(c, 9, 7);
    switch (bits(c, 15, 13)) {
    case 0: { // c.addi4spn
        uint32_t imm = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 3);
        return imm ? enc_i(opc_op_imm, rd_p, 0, 2, int32_t(imm)) : 0;
    }
    case 2: return enc_i(opc_load, rd_p, 2, rs1_p, int32_t(c_lw_imm(c)));  // c.lw
    case 6: return enc_s(2, rs1_p, rd_p, int32_t(c_lw_imm(c)));            // c.sw
    default: return 0;                                                      // floating point or reserved
    }
}

uint32_t expand_q1(uint32_t c)
{
    uint32_t rd = bits(c, 11, 7), rd_p = 8 + bits(c, 9, 7), rs2_p = 8 + bits(c, 4, 2);
    switch (bits(c, 15, 13)) {
    case 0: return enc_i(opc_op_imm, rd, 0, rd, c_imm6(c)); // c.addi, c.nop
    case 1: return enc_j(1, c_j_imm(c));                    // c.jal (RV32 only)
    case 2: return enc_i(opc_op_imm, rd, 0, 0, c_imm6(c));  // c.li
    case 3:
        if (rd == 2) { // c.addi16sp
            uint32_t u = (bits(c, 12, 12) << 9) | (bits(c, 6, 6) << 4) | (bits(c, 5, 5) << 6) | (bits(c, 4, 3) << 7) |
                         (bits(c, 2, 2) << 5);
            return u ? enc_i(opc_op_imm, 2, 0, 2, sext(u, 10)) : 0;
        } else { // c.lui
            int32_t imm = c_imm6(c);
            return imm ? ((uint32_t(imm) << 12) | (rd << 7) | opc_lui) : 0;
        }
    case 4:
        switch (bits(c, 11, 10)) {
        case 0: return bits(c, 12, 12) ? 0 : enc_i(opc_op_imm, rd_p, 5, rd_p, int32_t(bits(c, 6, 2)));          // c.srli
        case 1: return bits(c, 12, 12) ? 0 : enc_i(opc_op_imm, rd_p, 5, rd_p, int32_t(0x400 | bits(c, 6, 2))); // c.srai
        case 2: return enc_i(opc_op_imm, rd_p, 7, rd_p, c_imm6(c));                                           // c.andi
        default:
            if (bits(c, 12, 12)) return 0; // c.subw / c.addw are RV64
            switch (bits(c, 6, 5)) {
            case 0: return enc_r(opc_op, rd_p, 0, rd_p, rs2_p, 0x20); // c.sub
            case 1: return enc_r(opc_op, rd_p, 4, rd_p, rs2_p, 0);    // c.xor
            case 2: return enc_r(opc_op, rd_p, 6, rd_p, rs2_p, 0);    // c.or
            default: return enc_r(opc_op, rd_p, 7, rd_p, rs2_p, 0);   // c.and
            }
        }
    case 5: return enc_j(0, c_j_imm(c));              // c.j
    case 6: return enc_b(0, rd_p, 0, c_b_imm(c));     // c.beqz
    default: return enc_b(1, rd_p, 0, c_b_imm(c));    // c.bnez
    }
}

uint32_t expand_q2(uint32_t c)
{
    uint32_t rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
    switch (bits(c, 15, 13)) {
    case 0: return bits(c, 12, 12) ? 0 : enc_i(opc_op_imm, rd, 1, rd, int32_t(rs2)); // c.slli
    case 2: { // c.lwsp
        uint32_t imm = (bits(c, 12, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6);
        return rd ? enc_i(opc_load, rd, 2, 2, int32_t(imm)) : 0;
    }
    case 4:
        if (!bits(c, 12, 12)) {
            if (rs2 == 0) return rd ? enc_i(opc_jalr, 0, 0, rd, 0) : 0; // c.jr
            return enc_r(opc_op, rd, 0, 0, rs2, 0);                     // c.mv
        }
        if (rs2 == 0) return rd ? enc_i(opc_jalr, 1, 0, rd, 0) : 0x00100073; // c.jalr, c.ebreak
        return enc_r(opc_op, rd, 0, rd, rs2, 0);                             // c.add
    case 6: { // c.swsp
        uint32_t imm = (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6);
        return enc_s(2, 2, rs2, int32_t(imm));
    }
    default: return 0;
    }
}

rv32_class class_of(rv32_op op)
{
    switch (op) {
    case op_lb: case op_lh: case op_lw: case op_lbu: case op_lhu: return cls_load;
    case op_sb: case op_sh: case op_sw: return cls_store;
    case op_beq: case op_bne: case op_blt: case op_bge: case op_bltu: case op_bgeu: return cls_branch;
    case op_jal: case op_jalr: return cls_jump;
    case op_mul: case op_mulh: case op_mulhsu: case op_mulhu: return cls_mul;
    case op_div: case op_divu: case op_rem: case op_remu: return cls_div;
    case op_csrrw: case op_csrrs: case op_csrrc: case op_csrrwi: case op_csrrsi: case op_csrrci: return cls_csr;
    case op_fence: case op_fence_i: case op_ecall: case op_ebreak: case op_mret: case op_wfi: case op_illegal:
        return cls_system;
    case op_lr_w: case op_sc_w: case op_amoswap_w: case op_amoadd_w: case op_amoxor_w: case op_amoand_w:
    case op_amoor_w: case op_amomin_w: case op_amomax_w: case op_amominu_w: case op_amomaxu_w: return cls_amo;
    default: return cls_alu;
    }
}

rv32_op decode_op(uint32_t r)
{
    uint32_t f3 = bits(r, 14, 12), f7 = bits(r, 31, 25);
    switch (r & 0x7f) {
    case 0x37: return op_lui;
    case 0x17: return op_auipc;
    case 0x6f: return op_jal;
    case 0x67: return f3 == 0 ? op_jalr : op_illegal;
    case 0x63: {
        static const rv32_op br[8] = {op_beq, op_bne, op_illegal, op_illegal, op_blt, op_bge, op_bltu, op_bgeu};
        return br[f3];
    }
    case 0x03: {
        static const rv32_op ld[8] = {op_lb, op_lh, op_lw, op_illegal, op_lbu, op_lhu, op_illegal, op_illegal};
        return ld[f3];
    }
    case 0x23: return f3 == 0 ? op_sb : f3 == 1 ? op_sh : f3 == 2 ? op_sw : op_illegal;
    case 0x13:
        switch (f3) {
        case 0: return op_addi;
        case 1: return f7 == 0 ? op_slli : op_illegal;
        case 2: return op_slti;
        case 3: return op_sltiu;
        case 4: return op_xori;
        case 5: return f7 == 0 ? op_srli : f7 == 0x20 ? op_srai : op_illegal;
        case 6: return op_ori;
        default: return op_andi;
        }
    case 0x33:
        if (f7 == 0) {
            static const rv32_op alu[8] = {op_add, op_sll, op_slt, op_sltu, op_xor, op_srl, op_or, op_and};
            return alu[f3];
        }
        if (f7 == 0x20) return f3 == 0 ? op_sub : f3 == 5 ? op_sra : op_illegal;
        if (f7 == 1) {
            static const rv32_op m[8] = {op_mul, op_mulh, op_mulhsu, op_mulhu, op_div, op_divu, op_rem, op_remu};
            return m[f3];
        }
        return op_illegal;
    case 0x0f: return f3 == 0 ? op_fence : f3 == 1 ? op_fence_i : op_illegal;
    case 0x73:
        switch (f3) {
        case 0:
            switch (r) {
            case 0x00000073: return op_ecall;
            case 0x00100073: return op_ebreak;
            case 0x30200073: return op_mret;
            case 0x10500073: return op_wfi;
            default: return op_illegal;
            }
        case 1: return op_csrrw;
        case 2: return op_csrrs;
        case 3: return op_csrrc;
        case 5: return op_csrrwi;
        case 6: return op_csrrsi;
        case 7: return op_csrrci;
        default: return op_illegal;
        }
    case 0x2f:
        if (f3 != 2) return op_illegal;
        switch (bits(r, 31, 27)) {
        case 0x02: return bits(r, 24, 20) == 0 ? op_lr_w : op_illegal;
        case 0x03: return op_sc_w;
        case 0x01: return op_amoswap_w;
        case 0x00: return op_amoadd_w;
        case 0x04: return op_amoxor_w;
        case 0x0c: return op_amoand_w;
        case 0x08: return op_amoor_w;
        case 0x10: return op_amomin_w;
        case 0x14: return op_amomax_w;
        case 0x18: return op_amominu_w;
        case 0x1c: return op_amomaxu_w;
        default: return op_illegal;
        }
    default: return op_illegal;
    }
}

} // namespace

uint32_t rv32_expand_compressed(uint16_t c)
{
    switch (c & 3) {
    case 0: return expand_q0(c);
    case 1: return expand_q1(c);
    case 2: return expand_q2(c);
    default: return 0;
    }
}

decoded_insn rv32_decode(uint32_t raw)
{
    decoded_insn d;
    uint32_t r = raw;
    if ((raw & 3) != 3) {
        d.raw = raw & 0xffff;
        d.len = 2;
        r = rv32_expand_compressed(uint16_t(raw));
    } else {
        d.raw = raw;
        d.len = 4;
    }
    d.op = r ? decode_op(r) : op_illegal;
    d.cls = class_of(d.op);
    uint32_t rd = bits(r, 11, 7);
    d.rd = rd ? uint8_t(rd) : reg_zero_sink;
    d.rs1 = uint8_t(bits(r, 19, 15));
    d.rs2 = uint8_t(bits(r, 24, 20));
    switch (d.op) {
    case op_lui: case op_auipc: d.imm = int32_t(r & 0xfffff000); break;
    case op_jal:
        d.imm = sext((bits(r, 31, 31) << 20) | (bits(r, 19, 12) << 12) | (bits(r, 20, 20) << 11) | (bits(r, 30, 21) << 1),
                     21);
        break;
    case op_beq: case op_bne: case op_blt: case op_bge: case op_bltu: case op_bgeu:
        d.imm = sext((bits(r, 31, 31) << 12) | (bits(r, 7, 7) << 11) | (bits(r, 30, 25) << 5) | (bits(r, 11, 8) << 1), 13);
        break;
    case op_sb: case op_sh: case op_sw: d.imm = sext((bits(r, 31, 25) << 5) | bits(r, 11, 7), 12); break;
    case op_slli: case op_srli: case op_srai: d.imm = int32_t(bits(r, 24, 20)); break;
    case op_csrrw: case op_csrrs: case op_csrrc: case op_csrrwi: case op_csrrsi: case op_csrrci:
        d.imm = int32_t(bits(r, 31, 20));
        break;
    default: d.imm = int32_t(r) >> 20; break; // I-type; unused by the other formats
    }
    return d;
}

const char* rv32_op_name(rv32_op op)
{
    static const char* const names[op_count] = {
#define CELLVP_OP_NAME(id, name) name,
        CELLVP_RV32_OPS(CELLVP_OP_NAME)
#undef CELLVP_OP_NAME
    };
    return op < op_count ? names[op] : "?";
}

} // namespace cellvp
