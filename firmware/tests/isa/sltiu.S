// sltiu: set if less than a sign-extended immediate, unsigned compare.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, sltiu, 0, 0x00000000, 0x000
        TEST_IMM 3, sltiu, 0, 0x00000001, 0x001
        TEST_IMM 4, sltiu, 1, 0x00000003, 0x007
        TEST_IMM 5, sltiu, 0, 0x00000007, 0x003
        // The immediate is sign-extended first: -2048 compares as 0xfffff800.
        TEST_IMM 6, sltiu, 1, 0x00000000, -2048
        TEST_IMM 7, sltiu, 0, 0x80000000, 0
        TEST_IMM 8, sltiu, 1, 0x80000000, -2048
        TEST_IMM 9, sltiu, 1, 0x00000000, 2047
        TEST_IMM 10, sltiu, 0, 0x7fffffff, 0
        TEST_IMM 11, sltiu, 0, 0x7fffffff, 2047
        TEST_IMM 12, sltiu, 0, 0x80000000, 2047
        TEST_IMM 13, sltiu, 1, 0x7fffffff, -2048
        TEST_IMM 14, sltiu, 1, 0x00000000, -1
        TEST_IMM 15, sltiu, 0, 0xffffffff, 1
        TEST_IMM 16, sltiu, 0, 0xffffffff, -1
        TEST_IMM 17, sltiu, 1, 0xfffffffe, -1
        // sltiu rd, rs1, 1 is `seqz`.
        TEST_IMM 18, sltiu, 1, 0x00000000, 1
        TEST_IMM 19, sltiu, 0, 0x00000100, 1
        TEST_IMM_SRC1_EQ_DEST 20, sltiu, 1, 11, 13
        TEST_IMM_ZEROSRC1 21, sltiu, 1, -1
        TEST_IMM_ZEROSRC1 22, sltiu, 0, 0
        TEST_IMM_ZERODEST 23, sltiu, 0, 1
TEST_END
