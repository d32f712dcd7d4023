// RV32IMAC + Zicsr + Zifencei instruction decoding: raw bits to a pre-decoded form the hart executes.
#pragma once

#include <cstdint>

namespace cellvp {

// One entry per instruction the hart knows. `op_decode` marks a decode-cache slot not decoded yet.
enum rv32_op : uint8_t {
    op_decode = 0,
    op_illegal,
    op_lui, op_auipc, op_jal, op_jalr,
    op_beq, op_bne, op_blt, op_bge, op_bltu, op_bgeu,
    op_lb, op_lh, op_lw, op_lbu, op_lhu, op_sb, op_sh, op_sw,
    op_addi, op_slti, op_sltiu, op_xori, op_ori, op_andi, op_slli, op_srli, op_srai,
    op_add, op_sub, op_sll, op_slt, op_sltu, op_xor, op_srl, op_sra, op_or, op_and,
    op_fence, op_fence_i, op_ecall, op_ebreak, op_mret, op_wfi,
    op_csrrw, op_csrrs, op_csrrc, op_csrrwi, op_csrrsi, op_csrrci,
    op_mul, op_mulh, op_mulhsu, op_mulhu, op_div, op_divu, op_rem, op_remu,
    op_lr_w, op_sc_w, op_amoswap_w, op_amoadd_w, op_amoxor_w, op_amoand_w, op_amoor_w,
    op_amomin_w, op_amomax_w, op_amominu_w, op_amomaxu_w,
    op_count
};

// Timing class of an instruction: indexes the hart's cycle table.
enum rv32_class : uint8_t {
    cls_alu, cls_load, cls_store, cls_branch, cls_jump, cls_mul, cls_div, cls_csr, cls_system, cls_amo,
    cls_count
};

// Register index the decoder gives a destination of x0: a scratch slot past x31, so that execution
// never has to test for x0 (the hart keeps 33 registers and x0 is never written).
constexpr uint8_t reg_zero_sink = 32;

struct decoded_insn {
    rv32_op op = op_decode;
    uint8_t rd = 0;   // reg_zero_sink when the instruction names x0
    uint8_t rs1 = 0;  // also the 5-bit immediate of csrr*i
    uint8_t rs2 = 0;
    int32_t imm = 0;  // sign-extended immediate; the CSR number for csr*; pred/succ bits for fence
    uint32_t raw = 0; // the instruction as fetched (16 bits for compressed)
    uint8_t len = 4;  // 2 or 4 bytes
    uint8_t cost = 1; // cycles before memory latency: filled by the hart from its cycle table
    rv32_class cls = cls_alu;
    uint8_t pad = 0;
};
static_assert(sizeof(decoded_insn) == 16, "decode cache entries are 16 bytes");

// Length in bytes of the instruction whose low 16 bits are `lo`.
inline unsigned rv32_insn_length(uint16_t lo) { return (lo & 3) == 3 ? 4 : 2; }

// Expands a 16-bit RVC instruction to the 32-bit instruction it stands for; returns 0 for an illegal or
// reserved encoding (0 is itself not a valid 32-bit instruction).
uint32_t rv32_expand_compressed(uint16_t c);

// Decodes a 32-bit instruction, or a 16-bit one when (raw & 3) != 3. Unknown encodings give op_illegal.
decoded_insn rv32_decode(uint32_t raw);

// Mnemonic of an op, for traces and messages.
const char* rv32_op_name(rv32_op op);

} // namespace cellvp
