// xor: bitwise exclusive OR of two registers.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
        TEST_RR 3, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
        TEST_RR 4, xor, 0x0ff00ff0, 0x00ff00ff, 0x0f0f0f0f
        TEST_RR 5, xor, 0x00ff00ff, 0xf00ff00f, 0xf0f0f0f0
        TEST_RR 6, xor, 0xedcba987, 0xffffffff, 0x12345678
        TEST_RR 7, xor, 0x12345678, 0x00000000, 0x12345678
        TEST_RR_SRC1_EQ_DEST 8, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
        TEST_RR_SRC2_EQ_DEST 9, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
        TEST_RR_SRC12_EQ_DEST 10, xor, 0, 0xff00ff00
        TEST_RR_ZEROSRC1 11, xor, 0xff00ff00, 0xff00ff00
        TEST_RR_ZEROSRC2 12, xor, 0x00ff00ff, 0x00ff00ff
        TEST_RR_ZERODEST 13, xor, 0x11111111, 0x22222222
TEST_END
