// divu: unsigned division; x / 0 = 2^32 - 1.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, divu, 3, 20, 6
        TEST_RR 3, divu, 715827879, -20, 6
        TEST_RR 4, divu, 0, 20, -6
        TEST_RR 5, divu, 0, -20, -6
        TEST_RR 6, divu, 1, -6, -20
        TEST_RR 7, divu, 0, 5, 7
        TEST_RR 8, divu, 0x80000000, 0x80000000, 1
        TEST_RR 9, divu, 0x40000000, 0x80000000, 2
        TEST_RR 10, divu, 0, 0x80000000, -1
        TEST_RR 11, divu, 1, 0xffffffff, 0xffffffff
        TEST_RR 12, divu, 0xffffffff, 0xffffffff, 1
        // Division by zero: all ones.
        TEST_RR 13, divu, 0xffffffff, 0x80000000, 0
        TEST_RR 14, divu, 0xffffffff, 1, 0
        TEST_RR 15, divu, 0xffffffff, 0, 0
        TEST_RR_SRC1_EQ_DEST 16, divu, 7, 77, 11
        TEST_RR_SRC2_EQ_DEST 17, divu, 0, 77, -11
        TEST_RR_SRC12_EQ_DEST 18, divu, 1, 13
        TEST_RR_ZEROSRC1 19, divu, 0, 31
        TEST_RR_ZEROSRC2 20, divu, 0xffffffff, 32
        TEST_RR_ZERODEST 21, divu, 33, 34
TEST_END
