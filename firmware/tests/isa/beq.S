// beq: branch if equal.
#include "isa_test.h"

TEST_BEGIN
        TEST_BR_TAKEN 2, beq, 0, 0
        TEST_BR_TAKEN 3, beq, 1, 1
        TEST_BR_TAKEN 4, beq, -1, -1
        TEST_BR_TAKEN 5, beq, 0x80000000, 0x80000000
        TEST_BR_NOT_TAKEN 6, beq, 0, 1
        TEST_BR_NOT_TAKEN 7, beq, 1, 0
        TEST_BR_NOT_TAKEN 8, beq, -1, 1
        TEST_BR_NOT_TAKEN 9, beq, 0x80000000, 0x00000000
        TEST_BR_NOT_TAKEN 10, beq, 0x7fffffff, 0xffffffff

        // One register as both operands; x0 as an operand.
        TESTCASE 11
        li a1, 0x1234
        beq a1, a1, 1f
        j isa_fail
1:      beq x0, x0, 1f
        j isa_fail
1:      beq a1, x0, 2f
        j 3f
2:      j isa_fail
3:
TEST_END
