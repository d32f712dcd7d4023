// bgeu: branch if greater than or equal, unsigned.
#include "isa_test.h"

TEST_BEGIN
        TEST_BR_TAKEN 2, bgeu, 0, 0
        TEST_BR_TAKEN 3, bgeu, 1, 1
        TEST_BR_TAKEN 4, bgeu, -1, -1
        TEST_BR_TAKEN 5, bgeu, 1, 0
        TEST_BR_TAKEN 6, bgeu, 0xffffffff, 0xfffffffe
        TEST_BR_TAKEN 7, bgeu, 0xffffffff, 0
        TEST_BR_TAKEN 8, bgeu, 0x80000000, 0x7fffffff
        TEST_BR_NOT_TAKEN 9, bgeu, 0, 1
        TEST_BR_NOT_TAKEN 10, bgeu, 0xfffffffe, 0xffffffff
        TEST_BR_NOT_TAKEN 11, bgeu, 0, 0xffffffff
        TEST_BR_NOT_TAKEN 12, bgeu, 0x7fffffff, 0x80000000
        TEST_BR_NOT_TAKEN 13, bgeu, 1, -1

        // x0 as an operand: everything is at least zero.
        TESTCASE 14
        li a1, -5
        bgeu x0, a1, 2f
        bgeu a1, x0, 3f
2:      j isa_fail
3:
TEST_END
