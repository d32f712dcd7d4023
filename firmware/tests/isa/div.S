// div: signed division rounding towards zero; x / 0 = -1, and -2^31 / -1 = -2^31 (overflow).
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, div, 3, 20, 6
        TEST_RR 3, div, -3, -20, 6
        TEST_RR 4, div, -3, 20, -6
        TEST_RR 5, div, 3, -20, -6
        TEST_RR 6, div, 0, 5, 7
        TEST_RR 7, div, 0, -5, 7
        TEST_RR 8, div, 0x80000000, 0x80000000, 1
        TEST_RR 9, div, 0xc0000000, 0x80000000, 2
        TEST_RR 10, div, 0x7fffffff, 0x7fffffff, 1
        TEST_RR 11, div, 0x80000001, 0x7fffffff, -1
        // Overflow: the quotient is the dividend.
        TEST_RR 12, div, 0x80000000, 0x80000000, -1
        // Division by zero: all ones.
        TEST_RR 13, div, -1, 0x80000000, 0
        TEST_RR 14, div, -1, 1, 0
        TEST_RR 15, div, -1, 0, 0
        TEST_RR 16, div, -1, -1, 0
        TEST_RR_SRC1_EQ_DEST 17, div, 7, 77, 11
        TEST_RR_SRC2_EQ_DEST 18, div, -7, 77, -11
        TEST_RR_SRC12_EQ_DEST 19, div, 1, -13
        TEST_RR_ZEROSRC1 20, div, 0, 31
        TEST_RR_ZEROSRC2 21, div, -1, 32
        TEST_RR_ZERODEST 22, div, 33, 34
TEST_END
