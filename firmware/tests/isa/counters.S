// Counters: minstret counts retired instructions exactly, mcycle and minstret (and their high halves)
// are writable, and cycle/instret are read-only views that follow them.
#include "isa_test.h"

TEST_BEGIN
        // Between two reads: the first csrr and the ten instructions after it.
        TESTCASE 2
        csrr a0, minstret
        .rept 10
        addi a4, a4, 1
        .endr
        csrr a1, minstret
        sub a4, a1, a0
        EXPECT a4, 11

        // 16-bit instructions count one each.
        TESTCASE 3
        .option push
        .option rvc
        csrr a0, minstret
        .rept 8
        c.nop
        .endr
        c.addi a4, 1
        csrr a1, minstret
        .option pop
        sub a4, a1, a0
        EXPECT a4, 10

        // A loop: csrr, li, then 100 rounds of addi + taken/untaken bnez.
        TESTCASE 4
        csrr a0, minstret
        li t0, 100
1:      addi t0, t0, -1
        bnez t0, 1b
        csrr a1, minstret
        sub a4, a1, a0
        EXPECT a4, 202

        // instret reads what minstret does, one instruction later.
        TESTCASE 5
        csrr a0, minstret
        csrr a1, instret
        sub a4, a1, a0
        EXPECT a4, 1
        csrr a0, minstreth
        csrr a1, instreth
        EXPECT_EQ a0, a1

        // minstret is writable. The write replaces the count; the writing instruction may or may not
        // count itself on top, so the first read after it sees the value written or one more.
        TESTCASE 6
        li a1, 1000
        csrw minstret, a1
        csrr a4, minstret
        addi a4, a4, -1000
        sltiu a4, a4, 2
        EXPECT a4, 1

        // A carry from minstret reaches minstreth.
        TESTCASE 7
        li a1, 5
        csrw minstreth, a1
        li a1, -8
        csrw minstret, a1
        .rept 16
        nop
        .endr
        csrr a4, minstreth
        EXPECT a4, 6
        csrr a4, minstret
        sltiu a4, a4, 16
        EXPECT a4, 1
        csrw minstreth, zero

        // mcycle is writable, then counts on from the value written.
        TESTCASE 8
        li a1, 0x10000
        csrw mcycle, a1
        csrr a0, mcycle
        li t0, 0x10000
        FAIL_IF_LTU a0, t0
        li t0, 0x10000 + 1000
        FAIL_IF_GEU a0, t0

        // A carry from mcycle reaches mcycleh.
        TESTCASE 9
        li a1, 7
        csrw mcycleh, a1
        li a1, -256
        csrw mcycle, a1
        li t0, 300 // 600 instructions take more than 256 cycles
1:      addi t0, t0, -1
        bnez t0, 1b
        csrr a4, mcycleh
        EXPECT a4, 8
        csrw mcycleh, zero

        // cycle follows mcycle, and moves forwards.
        TESTCASE 10
        csrr a0, mcycle
        csrr a1, cycle
        FAIL_IF_LTU a1, a0
        sub a4, a1, a0
        sltiu a4, a4, 100
        EXPECT a4, 1
        csrr a0, mcycleh
        csrr a1, cycleh
        EXPECT_EQ a0, a1
        csrr a0, cycle
        nop
        csrr a1, cycle
        FAIL_IF_GEU a0, a1

        // The counters run while nothing reads them: 50 rounds of a loop advance both.
        TESTCASE 11
        csrr a0, cycle
        csrr a2, instret
        li t0, 50
1:      addi t0, t0, -1
        bnez t0, 1b
        csrr a1, cycle
        csrr a3, instret
        sub a4, a1, a0
        sltiu a4, a4, 100
        EXPECT a4, 0
        sub a4, a3, a2
        EXPECT a4, 103
TEST_END
