// ebreak: breakpoint trap with cause 3, mepc = the ebreak, mtval = its address (cellvp writes the pc).
#include "isa_test.h"

TEST_BEGIN
        TEST_TRAP 2, CAUSE_BREAKPOINT, ebreak
        TESTCASE 3
        TRAP_EXPECT_TVAL_IS_EPC

        // Registers survive.
        TESTCASE 4
        li a0, 0x10
        li s1, 0x21
        TRAP_ARM CAUSE_BREAKPOINT, 1f
        ebreak
        j isa_fail
1:      EXPECT a0, 0x10
        EXPECT s1, 0x21

        // The 16-bit form (rvc_control.S has it too) at an address that is 2 mod 4.
        TESTCASE 5
        TRAP_ARM CAUSE_BREAKPOINT, 1f
        .option push
        .option rvc
        .balign 4
        c.nop
2:      c.ebreak
        .option pop
        j isa_fail
1:      TRAP_EXPECT_EPC 2b
        la t0, 2b
        andi t0, t0, 3
        EXPECT t0, 2
        TESTCASE 6
        TRAP_EXPECT_TVAL_IS_EPC

        TESTCASE 7
        TRAP_EXPECT_COUNT 3
TEST_END
