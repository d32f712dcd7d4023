// jalr: register-indirect jump (rs1 + imm, bit 0 cleared) that links pc+4.
#include "isa_test.h"

TEST_BEGIN
        // Links the address of the next instruction.
        TESTCASE 2
        la t0, 1f
        jalr ra, 0(t0)
2:      j isa_fail
1:      EXPECT_ADDR ra, 2b

        // Positive and negative offsets.
        TESTCASE 3
        la t0, 1f - 16
        jalr a4, 16(t0)
2:      j isa_fail
1:      EXPECT_ADDR a4, 2b

        TESTCASE 4
        la t0, 1f + 2044
        jalr a4, -2044(t0)
        j isa_fail
1:

        // rd == rs1: the target is computed from the old value.
        TESTCASE 5
        la t0, 1f
        jalr t0, 0(t0)
2:      j isa_fail
1:      EXPECT_ADDR t0, 2b

        // Bit 0 of the target is cleared: no misaligned-fetch trap.
        TESTCASE 6
        la t0, 1f + 1
        jalr a4, 0(t0)
        j isa_fail
1:
        TESTCASE 7
        la t0, 1f
        jalr a4, 1(t0)
        j isa_fail
1:
        // jalr x0 (`jr`, `ret`) writes nothing.
        TESTCASE 8
        la ra, 1f
        ret
        j isa_fail
1:      EXPECT x0, 0

        // Call and return.
        TESTCASE 9
        li a4, 0
        la t1, .Lfunction
        jalr ra, 0(t1)
        EXPECT a4, 7
        j .Ldone

.Lfunction:
        addi a4, a4, 7
        jalr x0, 0(ra)
.Ldone:
TEST_END
