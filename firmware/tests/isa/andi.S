// andi: AND with a sign-extended immediate.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, andi, 0xff00ff00, 0xff00ff00, 0xf0f - 0x1000
        TEST_IMM 3, andi, 0x000000f0, 0x0ff00ff0, 0x0f0
        TEST_IMM 4, andi, 0x0000000f, 0x00ff00ff, 0x70f
        TEST_IMM 5, andi, 0x00000000, 0xf00ff00f, 0x0f0
        TEST_IMM 6, andi, 0x12345678, 0x12345678, -1
        TEST_IMM 7, andi, 0x12345000, 0x12345678, -2048
        TEST_IMM 8, andi, 0x00000000, 0x12345678, 0
        TEST_IMM_SRC1_EQ_DEST 9, andi, 0x00000000, 0xff00ff00, 0x0f0
        TEST_IMM_ZEROSRC1 10, andi, 0, 0x0f0
        TEST_IMM_ZERODEST 11, andi, 0x00ff00ff, 0x70f
TEST_END
