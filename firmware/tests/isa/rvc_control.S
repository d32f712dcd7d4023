// RV32C control transfer: c.j, c.jal, c.jr, c.jalr, c.beqz, c.bnez, c.ebreak; links are pc + 2; and
// 32-bit instructions that start 2 mod 4, one of them straddling a 4 KiB boundary.
#include "isa_test.h"

TEST_BEGIN
        .option rvc

        // c.j forwards and backwards.
        TESTCASE 2
        li a4, 0
        c.j 2f
1:      c.addi a4, 1
        c.j 3f
2:      c.addi a4, 2
        c.j 1b
        c.addi a4, 8
3:      EXPECT a4, 3

        // c.jal links pc + 2.
        TESTCASE 3
        li ra, 0
        c.jal 1f
2:      j isa_fail
1:      EXPECT_ADDR ra, 2b

        // c.jr jumps to rs1 and links nothing.
        TESTCASE 4
        la a5, 1f
        li ra, 0x55
        c.jr a5
        j isa_fail
1:      EXPECT ra, 0x55

        // c.jalr links pc + 2 in ra.
        TESTCASE 5
        la a5, 1f
        c.jalr a5
2:      j isa_fail
1:      EXPECT_ADDR ra, 2b

        // c.jalr ra: the target is the old ra.
        TESTCASE 6
        la ra, 1f
        c.jalr ra
2:      j isa_fail
1:      EXPECT_ADDR ra, 2b

        // Call and return, all 16-bit.
        TESTCASE 7
        li a4, 0
        c.jal .Lfunction
        EXPECT a4, 9

        // c.beqz / c.bnez on rs1', taken and not taken, both directions.
        TESTCASE 8
        li s0, 0
        li s1, -7
        c.bnez s0, 8f
        c.beqz s1, 8f
        c.beqz s0, 2f
        j isa_fail
1:      c.j 3f
2:      c.bnez s1, 1b
8:      j isa_fail
3:
        // The branch range of c.beqz reaches 254 bytes forwards.
        TESTCASE 9
        li a5, 0
        c.beqz a5, 1f
        .rept 126
        c.addi a5, 1
        .endr
1:      EXPECT a5, 0

        // c.ebreak: cause 3, mepc = its address.
        TEST_TRAP 10, CAUSE_BREAKPOINT, c.ebreak

        // A 32-bit instruction at an address that is 2 mod 4, reached by falling through.
        TESTCASE 11
        li a0, 0
        .balign 4
        c.addi a0, 1
        .option push
        .option norvc
1:      addi a0, a0, 0x100
        .option pop
        EXPECT a0, 0x101
        la t0, 1b
        andi t0, t0, 3
        EXPECT t0, 2

        // A 32-bit instruction whose halves sit in two 4 KiB pages, reached by a jump.
        TESTCASE 12
        li a0, 0
        la t0, .Lstraddle
        jalr ra, 0(t0)
        EXPECT a0, 0x7ff
        la t0, .Lstraddle
        li t1, 0xfff
        and t0, t0, t1
        EXPECT t0, 0xffe
        j .Ldone

.Lfunction:
        c.addi a4, 4
        c.addi a4, 5
        c.jr ra

        .balign 4096
        .skip 4096 - 2
.Lstraddle:
        .option push
        .option norvc
        addi a0, a0, 0x7ff
        .option pop
        c.jr ra
.Ldone:
TEST_END
