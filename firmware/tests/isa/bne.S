// bne: branch if not equal.
#include "isa_test.h"

TEST_BEGIN
        TEST_BR_TAKEN 2, bne, 0, 1
        TEST_BR_TAKEN 3, bne, 1, 0
        TEST_BR_TAKEN 4, bne, -1, 1
        TEST_BR_TAKEN 5, bne, 0x80000000, 0x00000000
        TEST_BR_TAKEN 6, bne, 0x7fffffff, 0xffffffff
        TEST_BR_NOT_TAKEN 7, bne, 0, 0
        TEST_BR_NOT_TAKEN 8, bne, 1, 1
        TEST_BR_NOT_TAKEN 9, bne, -1, -1
        TEST_BR_NOT_TAKEN 10, bne, 0x80000000, 0x80000000

        // One register as both operands; x0 as an operand.
        TESTCASE 11
        li a1, 0x1234
        bne a1, a1, 2f
        bne x0, x0, 2f
        bne a1, x0, 3f
2:      j isa_fail
3:
TEST_END
