// Illegal-instruction traps (cause 2, mtval = the instruction bits): reserved and unknown encodings,
// unknown CSRs, writes to read-only CSRs; and the CSR accesses that must not trap.
#include "isa_test.h"

// Case n: the 32-bit word `bits` traps as an illegal instruction and mtval holds it; case n+1 checks mtval.
.macro TEST_ILLEGAL32 n, bits
        TEST_TRAP \n, CAUSE_ILLEGAL_INSTRUCTION, .4byte \bits
        TESTCASE \n + 1
        TRAP_EXPECT_TVAL \bits
.endm

// The same for a 16-bit word: mtval holds the 16 bits, zero-extended.
.macro TEST_ILLEGAL16 n, bits
        TEST_TRAP \n, CAUSE_ILLEGAL_INSTRUCTION, .2byte \bits
        TESTCASE \n + 1
        TRAP_EXPECT_TVAL \bits
.endm

// The same for an instruction written as assembly, whose encoding is `bits`.
.macro TEST_ILLEGAL_INSN n, bits, insn:vararg
        TEST_TRAP \n, CAUSE_ILLEGAL_INSTRUCTION, \insn
        TESTCASE \n + 1
        TRAP_EXPECT_TVAL \bits
.endm

TEST_BEGIN
        // The all-zero 16-bit word is defined to be illegal.
        TEST_ILLEGAL16 2, 0x0000
        // Reserved compressed encodings: c.addi4spn with nzuimm = 0 (rd' = a0), c.addi16sp with
        // nzimm = 0, c.lui with nzimm = 0, c.lwsp with rd = x0, c.jr with rs1 = x0.
        TEST_ILLEGAL16 4, 0x0008
        TEST_ILLEGAL16 6, 0x6101
        TEST_ILLEGAL16 8, 0x6501
        TEST_ILLEGAL16 10, 0x4002
        TEST_ILLEGAL16 12, 0x8002
        // RV32FC/RV32DC loads and stores (no F or D here): c.flw, c.fld, c.fswsp.
        TEST_ILLEGAL16 14, 0x6000
        TEST_ILLEGAL16 16, 0x2000
        TEST_ILLEGAL16 18, 0xe002

        // An unused major opcode (custom-0); fadd.s (no F); addiw (RV64 only); slli with shamt[5] set
        // (reserved in RV32); sret (no S-mode).
        TEST_ILLEGAL32 20, 0x0000000b
        TEST_ILLEGAL32 22, 0x00000053
        TEST_ILLEGAL32 24, 0x0015051b
        TEST_ILLEGAL32 26, 0x02051513
        TEST_ILLEGAL32 28, 0x10200073
        // OP with a funct7 that no extension here defines; a load with funct3 = 3 (ld, RV64 only).
        TEST_ILLEGAL32 30, 0x04c58733
        TEST_ILLEGAL32 32, 0x0005b703

        // CSR numbers cellvp does not implement: satp, mcounteren, medeleg, a custom number.
        TEST_ILLEGAL_INSN 34, 0x18002573, csrr a0, satp
        TEST_ILLEGAL_INSN 36, 0x30602573, csrr a0, mcounteren
        TEST_ILLEGAL_INSN 38, 0x30202573, csrr a0, medeleg
        TEST_ILLEGAL_INSN 40, 0x7c002573, csrr a0, 0x7c0
        // A trapping CSR instruction leaves rd alone.
        TESTCASE 42
        li a0, 0x1234
        TRAP_ARM CAUSE_ILLEGAL_INSTRUCTION, 1f
        csrrw a0, 0x7c0, zero
        j isa_fail
1:      EXPECT a0, 0x1234

        // Writes to read-only CSRs (CSR number bits [11:10] = 3), even of the value already there.
        TEST_ILLEGAL_INSN 43, 0xf1401073, csrw mhartid, zero
        TEST_ILLEGAL_INSN 45, 0xf1159073, csrw mvendorid, a1
        TEST_ILLEGAL_INSN 47, 0xc0001073, csrw cycle, zero
        TEST_ILLEGAL_INSN 49, 0xc0117073, csrci time, 2
        // csrrs with rs1 != x0 writes even when the register holds 0.
        li a1, 0
        TEST_ILLEGAL_INSN 51, 0xc825a573, csrrs a0, instreth, a1
        TEST_ILLEGAL_INSN 53, 0xf1205073, csrwi marchid, 0

        // Reads of read-only CSRs do not trap, and neither do csrrs/csrrc with rs1 = x0 or
        // csrrsi/csrrci with uimm = 0, which do not write.
        TESTCASE 55
        csrr a0, mhartid
        csrrs a0, mvendorid, x0
        csrrc a0, cycle, x0
        csrrsi a0, time, 0
        csrrci a0, instret, 0
        csrr a0, mimpid
        TRAP_EXPECT_COUNT 27
TEST_END
