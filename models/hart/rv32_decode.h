// RV32IMAC + Zicsr + Zifencei instruction decoding: raw bits to a pre-decoded form the hart executes.
#pragma once

#include <cstdint>

namespace cellvp {

// Every instruction the hart knows, in one list (mnemonic, name): the op enum, the mnemonic table and the
// interpreter's dispatch table are all generated from it, so they cannot disagree. `decode` marks a
// decode-cache slot not decoded yet; `refetch` marks a slot the hart must not execute from (outside the
// memory backing its page, or past the page's end) and sends it back to the page lookup; `breakpoint` marks a
// slot where a debugger wants the hart to stop (the slot keeps the instruction's raw bits).
#define CELLVP_RV32_OPS(X)                                                                                      \
    X(decode, "(decode)") X(refetch, "(refetch)") X(breakpoint, "(breakpoint)") X(illegal, "illegal") X(lui, "lui") X(auipc, "auipc") X(jal, "jal") X(jalr, "jalr")    \
    X(beq, "beq") X(bne, "bne") X(blt, "blt") X(bge, "bge") X(bltu, "bltu") X(bgeu, "bgeu")                    \
    X(lb, "lb") X(lh, "lh") X(lw, "lw") X(lbu, "lbu") X(lhu, "lhu") X(sb, "sb") X(sh, "sh") X(sw, "sw")         \
    X(addi, "addi") X(slti, "slti") X(sltiu, "sltiu") X(xori, "xori") X(ori, "ori") X(andi, "andi")            \
    X(slli, "slli") X(srli, "srli") X(srai, "srai")                                                             \
    X(add, "add") X(sub, "sub") X(sll, "sll") X(slt, "slt") X(sltu, "sltu") X(xor, "xor") X(srl, "srl")         \
    X(sra, "sra") X(or, "or") X(and, "and")                                                                     \
    X(fence, "fence") X(fence_i, "fence.i") X(ecall, "ecall") X(ebreak, "ebreak") X(mret, "mret") X(wfi, "wfi") \
    X(csrrw, "csrrw") X(csrrs, "csrrs") X(csrrc, "csrrc") X(csrrwi, "csrrwi") X(csrrsi, "csrrsi")              \
    X(csrrci, "csrrci")                                                                                         \
    X(mul, "mul") X(mulh, "mulh") X(mulhsu, "mulhsu") X(mulhu, "mulhu") X(div, "div") X(divu, "divu")          \
    X(rem, "rem") X(remu, "remu")                                                                               \
    X(lr_w, "lr.w") X(sc_w, "sc.w") X(amoswap_w, "amoswap.w") X(amoadd_w, "amoadd.w") X(amoxor_w, "amoxor.w")  \
    X(amoand_w, "amoand.w") X(amoor_w, "amoor.w") X(amomin_w, "amomin.w") X(amomax_w, "amomax.w")              \
    X(amominu_w, "amominu.w") X(amomaxu_w, "amomaxu.w")

enum rv32_op : uint8_t {
#define CELLVP_OP_ENUM(id, name) op_##id,
    CELLVP_RV32_OPS(CELLVP_OP_ENUM)
#undef CELLVP_OP_ENUM
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
    uint8_t cost = 1;       // cycles before memory latency: filled by the hart from its cycle table
    uint8_t cost_taken = 1; // cycles when a branch is taken
    rv32_class cls = cls_alu;
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
