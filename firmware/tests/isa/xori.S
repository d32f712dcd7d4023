// xori: exclusive OR with a sign-extended immediate.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, xori, 0xff00f00f, 0x00ff0f00, 0xf0f - 0x1000
        TEST_IMM 3, xori, 0x0ff00f00, 0x0ff00ff0, 0x0f0
        TEST_IMM 4, xori, 0x00ff0ff0, 0x00ff08ff, 0x70f
        TEST_IMM 5, xori, 0xf00ff0ff, 0xf00ff00f, 0x0f0
        // xori rd, rs1, -1 is `not`.
        TEST_IMM 6, xori, 0xedcba987, 0x12345678, -1
        TEST_IMM 7, xori, 0x12345678, 0x12345678, 0
        TEST_IMM_SRC1_EQ_DEST 8, xori, 0xff00ff0f, 0xff00fff0, 0x0ff
        TEST_IMM_ZEROSRC1 9, xori, 0x0f0, 0x0f0
        TEST_IMM_ZEROSRC1 10, xori, 0xfffff800, -2048
        TEST_IMM_ZERODEST 11, xori, 0x00ff00ff, 0x70f
TEST_END
