// ori: OR with a sign-extended immediate.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, ori, 0xffffff0f, 0xff00ff00, 0xf0f - 0x1000
        TEST_IMM 3, ori, 0x0ff00ff0, 0x0ff00ff0, 0x0f0
        TEST_IMM 4, ori, 0x00ff07ff, 0x00ff00ff, 0x70f
        TEST_IMM 5, ori, 0xf00ff0ff, 0xf00ff00f, 0x0f0
        TEST_IMM 6, ori, 0xffffffff, 0x12345678, -1
        TEST_IMM 7, ori, 0x12345678, 0x12345678, 0
        TEST_IMM_SRC1_EQ_DEST 8, ori, 0xff00fff0, 0xff00ff00, 0x0f0
        TEST_IMM_ZEROSRC1 9, ori, 0x0f0, 0x0f0
        TEST_IMM_ZEROSRC1 10, ori, 0xfffff800, -2048
        TEST_IMM_ZERODEST 11, ori, 0x00ff00ff, 0x70f
TEST_END
