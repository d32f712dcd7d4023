// rem: signed remainder, with the sign of the dividend; x % 0 = x, and -2^31 % -1 = 0 (overflow).
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, rem, 2, 20, 6
        TEST_RR 3, rem, -2, -20, 6
        TEST_RR 4, rem, 2, 20, -6
        TEST_RR 5, rem, -2, -20, -6
        TEST_RR 6, rem, 5, 5, 7
        TEST_RR 7, rem, -5, -5, 7
        TEST_RR 8, rem, 0, 0x80000000, 1
        TEST_RR 9, rem, 0, 0x80000000, 2
        TEST_RR 10, rem, -2, 0x80000000, 3
        TEST_RR 11, rem, 1, 0x7fffffff, 2
        // Overflow: the remainder is 0.
        TEST_RR 12, rem, 0, 0x80000000, -1
        // Division by zero: the dividend.
        TEST_RR 13, rem, 0x80000000, 0x80000000, 0
        TEST_RR 14, rem, 1, 1, 0
        TEST_RR 15, rem, 0, 0, 0
        TEST_RR 16, rem, -1, -1, 0
        TEST_RR_SRC1_EQ_DEST 17, rem, 2, 79, 11
        TEST_RR_SRC2_EQ_DEST 18, rem, -2, -79, 11
        TEST_RR_SRC12_EQ_DEST 19, rem, 0, -13
        TEST_RR_ZEROSRC1 20, rem, 0, 31
        TEST_RR_ZEROSRC2 21, rem, 32, 32
        TEST_RR_ZERODEST 22, rem, 33, 34
TEST_END
