// srai: shift right arithmetic (sign-filling) by a 5-bit immediate.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, srai, 0x00000000, 0x00000000, 0
        TEST_IMM 3, srai, 0xc0000000, 0x80000000, 1
        TEST_IMM 4, srai, 0xff000000, 0x80000000, 7
        TEST_IMM 5, srai, 0xfffe0000, 0x80000000, 14
        TEST_IMM 6, srai, 0xffffffff, 0x80000001, 31
        TEST_IMM 7, srai, 0x7fffffff, 0x7fffffff, 0
        TEST_IMM 8, srai, 0x3fffffff, 0x7fffffff, 1
        TEST_IMM 9, srai, 0x00ffffff, 0x7fffffff, 7
        TEST_IMM 10, srai, 0x0001ffff, 0x7fffffff, 14
        TEST_IMM 11, srai, 0x00000000, 0x7fffffff, 31
        TEST_IMM 12, srai, 0x81818181, 0x81818181, 0
        TEST_IMM 13, srai, 0xc0c0c0c0, 0x81818181, 1
        TEST_IMM 14, srai, 0xff030303, 0x81818181, 7
        TEST_IMM 15, srai, 0xfffe0606, 0x81818181, 14
        TEST_IMM 16, srai, 0xffffffff, 0x81818181, 31
        TEST_IMM_SRC1_EQ_DEST 17, srai, 0xff000000, 0x80000000, 7
        TEST_IMM_ZEROSRC1 18, srai, 0, 4
        TEST_IMM_ZERODEST 19, srai, 33, 20
TEST_END
