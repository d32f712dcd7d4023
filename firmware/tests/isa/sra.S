// sra: shift right arithmetic (sign-filling) by the low 5 bits of rs2.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, sra, 0x80000000, 0x80000000, 0
        TEST_RR 3, sra, 0xc0000000, 0x80000000, 1
        TEST_RR 4, sra, 0xff000000, 0x80000000, 7
        TEST_RR 5, sra, 0xfffe0000, 0x80000000, 14
        TEST_RR 6, sra, 0xffffffff, 0x80000001, 31
        TEST_RR 7, sra, 0x7fffffff, 0x7fffffff, 0
        TEST_RR 8, sra, 0x3fffffff, 0x7fffffff, 1
        TEST_RR 9, sra, 0x00ffffff, 0x7fffffff, 7
        TEST_RR 10, sra, 0x0001ffff, 0x7fffffff, 14
        TEST_RR 11, sra, 0x00000000, 0x7fffffff, 31
        TEST_RR 12, sra, 0x81818181, 0x81818181, 0
        TEST_RR 13, sra, 0xc0c0c0c0, 0x81818181, 1
        TEST_RR 14, sra, 0xff030303, 0x81818181, 7
        TEST_RR 15, sra, 0xfffe0606, 0x81818181, 14
        TEST_RR 16, sra, 0xffffffff, 0x81818181, 31
        // Only rs2[4:0] counts.
        TEST_RR 17, sra, 0x81818181, 0x81818181, 0xffffffc0
        TEST_RR 18, sra, 0xc0c0c0c0, 0x81818181, 0xffffffc1
        TEST_RR 19, sra, 0xff030303, 0x81818181, 0xffffffc7
        TEST_RR 20, sra, 0xfffe0606, 0x81818181, 0xffffffce
        TEST_RR 21, sra, 0xffffffff, 0x81818181, 0xffffffff
        TEST_RR_SRC1_EQ_DEST 22, sra, 0xff000000, 0x80000000, 7
        TEST_RR_SRC2_EQ_DEST 23, sra, 0xfffe0000, 0x80000000, 14
        TEST_RR_SRC12_EQ_DEST 24, sra, 0, 7
        TEST_RR_ZEROSRC1 25, sra, 0, 15
        TEST_RR_ZEROSRC2 26, sra, 32, 32
        TEST_RR_ZERODEST 27, sra, 16, 30
TEST_END
