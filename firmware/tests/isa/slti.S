// slti: set if less than a sign-extended immediate, signed compare.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, slti, 0, 0x00000000, 0x000
        TEST_IMM 3, slti, 0, 0x00000001, 0x001
        TEST_IMM 4, slti, 1, 0x00000003, 0x007
        TEST_IMM 5, slti, 0, 0x00000007, 0x003
        TEST_IMM 6, slti, 0, 0x00000000, -2048
        TEST_IMM 7, slti, 1, 0x80000000, 0
        TEST_IMM 8, slti, 1, 0x80000000, -2048
        TEST_IMM 9, slti, 1, 0x00000000, 2047
        TEST_IMM 10, slti, 0, 0x7fffffff, 0
        TEST_IMM 11, slti, 0, 0x7fffffff, 2047
        TEST_IMM 12, slti, 1, 0x80000000, 2047
        TEST_IMM 13, slti, 0, 0x7fffffff, -2048
        TEST_IMM 14, slti, 0, 0x00000000, -1
        TEST_IMM 15, slti, 1, 0xffffffff, 1
        TEST_IMM 16, slti, 0, 0xffffffff, -1
        TEST_IMM 17, slti, 1, 0xfffff7ff, -2048
        TEST_IMM_SRC1_EQ_DEST 18, slti, 1, 11, 13
        TEST_IMM_ZEROSRC1 19, slti, 0, -1
        TEST_IMM_ZEROSRC1 20, slti, 1, 1
        TEST_IMM_ZERODEST 21, slti, 0, 1
TEST_END
