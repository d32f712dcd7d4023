// Self-modifying code without fence.i: a store to an instruction that has already run takes effect the
// next time it runs. This is a cellvp guarantee beyond the ISA, which asks for fence.i (fence_i.S);
// it holds because every store to RAM drops the decoded copies of the instructions it overwrites.
#include "isa_test.h"

TEST_BEGIN
        // A function that has already run is rewritten with a word store.
        TESTCASE 2
        li a0, 0
        jal ra, .Lfunction
        EXPECT a0, 1
        la t0, .Lfunction
        la t1, .Ladd100
        lw t1, 0(t1)
        sw t1, 0(t0)
        jal ra, .Lfunction
        EXPECT a0, 101

        // A hot loop body rewrites itself: iteration 1 runs the old, 2 and 3 the new code.
        TESTCASE 3
        li a0, 0
        li a2, 3
        la t0, 2f
        la t1, .Ladd100
        lw t1, 0(t1)
2:      addi a0, a0, 1
        sw t1, 0(t0)
        addi a2, a2, -1
        bnez a2, 2b
        EXPECT a0, 201

        // A 16-bit instruction is rewritten by a halfword store.
        TESTCASE 4
        li a0, 0
        jal ra, .Lfunction_c
        EXPECT a0, 1
        la t0, .Lfunction_c
        la t1, .Lc_add9
        lhu t1, 0(t1)
        sh t1, 0(t0)
        jal ra, .Lfunction_c
        EXPECT a0, 10

        // One 32-bit instruction becomes two 16-bit ones, and back.
        TESTCASE 5
        li a0, 0
        jal ra, .Lfunction_pair
        EXPECT a0, 1
        la t0, .Lfunction_pair
        la t1, .Lc_pair
        lw t1, 0(t1)
        sw t1, 0(t0)
        jal ra, .Lfunction_pair
        EXPECT a0, 6
        la t1, .Ladd100
        lw t1, 0(t1)
        sw t1, 0(t0)
        jal ra, .Lfunction_pair
        EXPECT a0, 106

        // Only the upper half of a 32-bit instruction (its immediate) is rewritten.
        TESTCASE 6
        li a0, 0
        jal ra, .Lfunction_imm
        EXPECT a0, 1
        la t0, .Lfunction_imm
        li t1, 0x0405         // upper half of `addi a0, a0, 64`: imm[11:0] = 64, rs1[4:1] = 5
        sh t1, 2(t0)
        jal ra, .Lfunction_imm
        EXPECT a0, 65

        // A single byte store: the top byte of `addi a0, a0, 1` (imm[11:4]) becomes 0x10: addi a0, a0, 257.
        TESTCASE 7
        li a0, 0
        jal ra, .Lfunction_byte
        EXPECT a0, 1
        la t0, .Lfunction_byte
        li t1, 0x10
        sb t1, 3(t0)
        jal ra, .Lfunction_byte
        EXPECT a0, 258

        // An AMO writes code too.
        TESTCASE 8
        li a0, 0
        jal ra, .Lfunction_amo
        EXPECT a0, 1
        la t0, .Lfunction_amo
        la t1, .Ladd100
        lw t1, 0(t1)
        amoswap.w a4, t1, (t0)
        jal ra, .Lfunction_amo
        EXPECT a0, 101
        // The old instruction came back in rd: `addi a0, a0, 1`.
        EXPECT a4, 0x00150513

        // Rewriting the second half of a function leaves the already-run first half alone.
        TESTCASE 9
        li a0, 0
        jal ra, .Lfunction_two
        EXPECT a0, 3
        la t0, .Lfunction_two
        la t1, .Ladd100
        lw t1, 0(t1)
        sw t1, 4(t0)
        jal ra, .Lfunction_two
        EXPECT a0, 104
        j .Ldone

        ISA_ALIGN 4
.Lfunction:
        addi a0, a0, 1
        ret
.Lfunction_pair:
        addi a0, a0, 1
        ret
.Lfunction_imm:
        addi a0, a0, 1
        ret
.Lfunction_byte:
        addi a0, a0, 1
        ret
.Lfunction_amo:
        addi a0, a0, 1
        ret
.Lfunction_two:
        addi a0, a0, 1
        addi a0, a0, 2
        ret
        .option push
        .option rvc
.Lfunction_c:
        c.addi a0, 1
        c.jr ra
        .option pop
.Ldone:
TEST_END

        // Instructions to copy, assembled as data and never run in place.
        .data
        .balign 4
.Ladd100:
        addi a0, a0, 100
.Lc_pair:
        .option push
        .option rvc
        c.addi a0, 2
        c.addi a0, 3
.Lc_add9:
        c.addi a0, 9
        .option pop
