// bge: branch if greater than or equal, signed.
#include "isa_test.h"

TEST_BEGIN
        TEST_BR_TAKEN 2, bge, 0, 0
        TEST_BR_TAKEN 3, bge, 1, 1
        TEST_BR_TAKEN 4, bge, -1, -1
        TEST_BR_TAKEN 5, bge, 1, 0
        TEST_BR_TAKEN 6, bge, 1, -1
        TEST_BR_TAKEN 7, bge, -1, -2
        TEST_BR_TAKEN 8, bge, 0x7fffffff, 0x80000000
        TEST_BR_NOT_TAKEN 9, bge, 0, 1
        TEST_BR_NOT_TAKEN 10, bge, -1, 1
        TEST_BR_NOT_TAKEN 11, bge, -2, -1
        TEST_BR_NOT_TAKEN 12, bge, 0x80000000, 0x7fffffff
        TEST_BR_NOT_TAKEN 13, bge, 0x80000000, 0

        // x0 as an operand.
        TESTCASE 14
        li a1, -5
        bge a1, x0, 2f
        bge x0, a1, 3f
2:      j isa_fail
3:
TEST_END
