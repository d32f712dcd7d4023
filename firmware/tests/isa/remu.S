// remu: unsigned remainder; x % 0 = x.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, remu, 2, 20, 6
        TEST_RR 3, remu, 2, -20, 6
        TEST_RR 4, remu, 20, 20, -6
        TEST_RR 5, remu, -20, -20, -6
        TEST_RR 6, remu, 14, -6, -20
        TEST_RR 7, remu, 5, 5, 7
        TEST_RR 8, remu, 0, 0x80000000, 1
        TEST_RR 9, remu, 2, 0x80000000, 3
        TEST_RR 10, remu, 0x80000000, 0x80000000, -1
        TEST_RR 11, remu, 0, 0xffffffff, 0xffffffff
        // Division by zero: the dividend.
        TEST_RR 12, remu, 0x80000000, 0x80000000, 0
        TEST_RR 13, remu, 1, 1, 0
        TEST_RR 14, remu, 0, 0, 0
        TEST_RR 15, remu, 0xffffffff, 0xffffffff, 0
        TEST_RR_SRC1_EQ_DEST 16, remu, 2, 79, 11
        TEST_RR_SRC2_EQ_DEST 17, remu, 79, 79, -11
        TEST_RR_SRC12_EQ_DEST 18, remu, 0, 13
        TEST_RR_ZEROSRC1 19, remu, 0, 31
        TEST_RR_ZEROSRC2 20, remu, 32, 32
        TEST_RR_ZERODEST 21, remu, 33, 34
TEST_END
