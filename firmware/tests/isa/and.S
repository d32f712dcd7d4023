// and: bitwise AND of two registers.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
        TEST_RR 3, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0
        TEST_RR 4, and, 0x000f000f, 0x00ff00ff, 0x0f0f0f0f
        TEST_RR 5, and, 0xf000f000, 0xf00ff00f, 0xf0f0f0f0
        TEST_RR 6, and, 0x00000000, 0xffffffff, 0x00000000
        TEST_RR 7, and, 0x12345678, 0xffffffff, 0x12345678
        TEST_RR_SRC1_EQ_DEST 8, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
        TEST_RR_SRC2_EQ_DEST 9, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0
        TEST_RR_SRC12_EQ_DEST 10, and, 0xff00ff00, 0xff00ff00
        TEST_RR_ZEROSRC1 11, and, 0, 0xff00ff00
        TEST_RR_ZEROSRC2 12, and, 0, 0x00ff00ff
        TEST_RR_ZERODEST 13, and, 0x11111111, 0x22222222
TEST_END
