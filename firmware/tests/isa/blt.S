// blt: branch if less than, signed.
#include "isa_test.h"

TEST_BEGIN
        TEST_BR_TAKEN 2, blt, 0, 1
        TEST_BR_TAKEN 3, blt, -1, 1
        TEST_BR_TAKEN 4, blt, -2, -1
        TEST_BR_TAKEN 5, blt, 0x80000000, 0x7fffffff
        TEST_BR_TAKEN 6, blt, 0x80000000, 0
        TEST_BR_NOT_TAKEN 7, blt, 1, 0
        TEST_BR_NOT_TAKEN 8, blt, 1, -1
        TEST_BR_NOT_TAKEN 9, blt, -1, -2
        TEST_BR_NOT_TAKEN 10, blt, 0x7fffffff, 0x80000000
        TEST_BR_NOT_TAKEN 11, blt, 0, 0
        TEST_BR_NOT_TAKEN 12, blt, -1, -1

        // x0 as an operand.
        TESTCASE 13
        li a1, -5
        blt x0, a1, 2f
        blt a1, x0, 3f
2:      j isa_fail
3:
TEST_END
