// fence.i: code written by stores runs as written after a fence.i (self-modifying code).
#include "isa_test.h"

TEST_BEGIN
        // A function that has already run is rewritten; the new instruction runs after fence.i.
        TESTCASE 2
        li a0, 0
        jal ra, .Lfunction
        EXPECT a0, 1
        la t0, .Lfunction
        la t1, .Ladd100
        lw t1, 0(t1)
        sw t1, 0(t0)
        fence.i
        jal ra, .Lfunction
        EXPECT a0, 101

        // Code ahead on the straight path, not run before, is rewritten.
        TESTCASE 3
        li a0, 0
        la t0, 1f
        la t1, .Ladd100
        lw t1, 0(t1)
        sw t1, 0(t0)
        fence.i
1:      addi a0, a0, 1
        EXPECT a0, 100

        // A loop body that is hot rewrites itself: iteration 1 runs the old, 2 and 3 the new code.
        TESTCASE 4
        li a0, 0
        li a2, 3
        la t0, 2f
        la t1, .Ladd100
        lw t1, 0(t1)
2:      addi a0, a0, 1
        sw t1, 0(t0)
        fence.i
        addi a2, a2, -1
        bnez a2, 2b
        EXPECT a0, 201

        // A 16-bit instruction is rewritten by a halfword store.
        TESTCASE 5
        li a0, 0
        jal ra, .Lfunction_c
        EXPECT a0, 1
        la t0, .Lfunction_c
        la t1, .Lc_add9
        lhu t1, 0(t1)
        sh t1, 0(t0)
        fence.i
        jal ra, .Lfunction_c
        EXPECT a0, 10

        // One 32-bit instruction is replaced by two 16-bit ones with a single word store.
        TESTCASE 6
        li a0, 0
        jal ra, .Lfunction_pair
        EXPECT a0, 1
        la t0, .Lfunction_pair
        la t1, .Lc_pair
        lw t1, 0(t1)
        sw t1, 0(t0)
        fence.i
        jal ra, .Lfunction_pair
        EXPECT a0, 6
        // ... and back again.
        la t1, .Ladd100
        lw t1, 0(t1)
        sw t1, 0(t0)
        fence.i
        jal ra, .Lfunction_pair
        EXPECT a0, 106

        // Only the upper half of a 32-bit instruction (its immediate) is rewritten.
        TESTCASE 7
        li a0, 0
        jal ra, .Lfunction_imm
        EXPECT a0, 1
        la t0, .Lfunction_imm
        li t1, 0x0405         // upper half of `addi a0, a0, 64`: imm[11:0] = 64, rs1[4:1] = 5
        sh t1, 2(t0)
        fence.i
        jal ra, .Lfunction_imm
        EXPECT a0, 65
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
