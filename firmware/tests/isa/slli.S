// slli: shift left logical by a 5-bit immediate.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, slli, 0x00000001, 0x00000001, 0
        TEST_IMM 3, slli, 0x00000002, 0x00000001, 1
        TEST_IMM 4, slli, 0x00000080, 0x00000001, 7
        TEST_IMM 5, slli, 0x00004000, 0x00000001, 14
        TEST_IMM 6, slli, 0x80000000, 0x00000001, 31
        TEST_IMM 7, slli, 0xffffffff, 0xffffffff, 0
        TEST_IMM 8, slli, 0xfffffffe, 0xffffffff, 1
        TEST_IMM 9, slli, 0xffffff80, 0xffffffff, 7
        TEST_IMM 10, slli, 0xffffc000, 0xffffffff, 14
        TEST_IMM 11, slli, 0x80000000, 0xffffffff, 31
        TEST_IMM 12, slli, 0x21212121, 0x21212121, 0
        TEST_IMM 13, slli, 0x42424242, 0x21212121, 1
        TEST_IMM 14, slli, 0x90909080, 0x21212121, 7
        TEST_IMM 15, slli, 0x48484000, 0x21212121, 14
        TEST_IMM 16, slli, 0x80000000, 0x21212121, 31
        TEST_IMM_SRC1_EQ_DEST 17, slli, 0x00000080, 0x00000001, 7
        TEST_IMM_ZEROSRC1 18, slli, 0, 31
        TEST_IMM_ZERODEST 19, slli, 33, 20
TEST_END
