// cellvp-args: --misaligned=trap
// With --misaligned=trap, misaligned loads trap with cause 4 and stores with cause 6, mtval = the
// address, leaving rd and memory alone; byte accesses and aligned ones still work.
#include "isa_test.h"

// Case n: `insn` traps with `cause`; case n+1: mtval is register a3 (the address the test computed).
.macro TEST_MISALIGNED n, cause, insn:vararg
        TEST_TRAP \n, \cause, \insn
        TESTCASE \n + 1
        TRAP_EXPECT_TVAL_REG a3
.endm

TEST_BEGIN
        la a1, .Lwords
        li a2, 0x5a5a5a5a
        li a4, 0x1234

        // Loads.
        addi a3, a1, 1
        TEST_MISALIGNED 2, CAUSE_LOAD_MISALIGNED, lw a4, 1(a1)
        addi a3, a1, 2
        TEST_MISALIGNED 4, CAUSE_LOAD_MISALIGNED, lw a4, 2(a1)
        addi a3, a1, 7
        TEST_MISALIGNED 6, CAUSE_LOAD_MISALIGNED, lw a4, 7(a1)
        addi a3, a1, 1
        TEST_MISALIGNED 8, CAUSE_LOAD_MISALIGNED, lh a4, 1(a1)
        addi a3, a1, 3
        TEST_MISALIGNED 10, CAUSE_LOAD_MISALIGNED, lhu a4, 3(a1)
        TESTCASE 12
        EXPECT a4, 0x1234

        // Stores.
        addi a3, a1, 1
        TEST_MISALIGNED 13, CAUSE_STORE_MISALIGNED, sw a2, 1(a1)
        addi a3, a1, 6
        TEST_MISALIGNED 15, CAUSE_STORE_MISALIGNED, sw a2, 6(a1)
        addi a3, a1, 3
        TEST_MISALIGNED 17, CAUSE_STORE_MISALIGNED, sh a2, 3(a1)
        addi a3, a1, 5
        TEST_MISALIGNED 19, CAUSE_STORE_MISALIGNED, sh a2, 5(a1)
        TESTCASE 21
        EXPECT_MEM .Lwords, 0x03020100
        EXPECT_MEM .Lwords + 4, 0x07060504
        EXPECT_MEM .Lwords + 8, 0x0b0a0908

        // The 16-bit forms, with a misaligned base.
        .option push
        .option rvc
        addi s0, a1, 2
        addi a3, a1, 6
        TEST_MISALIGNED 22, CAUSE_LOAD_MISALIGNED, c.lw a4, 4(s0)
        addi a3, a1, 2
        TEST_MISALIGNED 24, CAUSE_STORE_MISALIGNED, c.sw a2, 0(s0)
        mv t0, sp
        addi sp, a1, 1
        addi a3, a1, 5
        TEST_MISALIGNED 26, CAUSE_LOAD_MISALIGNED, c.lwsp a4, 4(sp)
        addi a3, a1, 1
        TEST_MISALIGNED 28, CAUSE_STORE_MISALIGNED, c.swsp a2, 0(sp)
        mv sp, t0
        .option pop

        // LR, SC and AMOs.
        addi a3, a1, 2
        TEST_MISALIGNED 30, CAUSE_LOAD_MISALIGNED, lr.w a4, (a3)
        TEST_MISALIGNED 32, CAUSE_STORE_MISALIGNED, sc.w a4, a2, (a3)
        TEST_MISALIGNED 34, CAUSE_STORE_MISALIGNED, amoadd.w a4, a2, (a3)
        TESTCASE 36
        EXPECT a4, 0x1234
        EXPECT_MEM .Lwords, 0x03020100
        EXPECT_MEM .Lwords + 4, 0x07060504

        // Byte accesses are never misaligned, and aligned accesses work as usual.
        TESTCASE 37
        lbu a4, 3(a1)
        EXPECT a4, 0x03
        sb a2, 1(a1)
        lw a4, 0(a1)
        EXPECT a4, 0x03025a00
        lhu a4, 6(a1)
        EXPECT a4, 0x0706
        sh a2, 10(a1)
        lw a4, 8(a1)
        EXPECT a4, 0x5a5a0908

        TESTCASE 38
        TRAP_EXPECT_COUNT 16
TEST_END

        .data
        .balign 4
.Lwords:
        .byte 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b
