// bltu: branch if less than, unsigned.
#include "isa_test.h"

TEST_BEGIN
        TEST_BR_TAKEN 2, bltu, 0, 1
        TEST_BR_TAKEN 3, bltu, 0xfffffffe, 0xffffffff
        TEST_BR_TAKEN 4, bltu, 0, 0xffffffff
        TEST_BR_TAKEN 5, bltu, 0x7fffffff, 0x80000000
        TEST_BR_TAKEN 6, bltu, 1, -1
        TEST_BR_NOT_TAKEN 7, bltu, 1, 0
        TEST_BR_NOT_TAKEN 8, bltu, 0xffffffff, 0xfffffffe
        TEST_BR_NOT_TAKEN 9, bltu, 0xffffffff, 0
        TEST_BR_NOT_TAKEN 10, bltu, 0x80000000, 0x7fffffff
        TEST_BR_NOT_TAKEN 11, bltu, 0, 0
        TEST_BR_NOT_TAKEN 12, bltu, -1, -1

        // x0 as an operand: nothing is below zero.
        TESTCASE 13
        li a1, -5
        bltu a1, x0, 2f
        bltu x0, a1, 3f
2:      j isa_fail
3:
TEST_END
