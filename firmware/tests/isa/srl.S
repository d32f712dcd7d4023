// srl: shift right logical by the low 5 bits of rs2.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, srl, 0x80000000, 0x80000000, 0
        TEST_RR 3, srl, 0x40000000, 0x80000000, 1
        TEST_RR 4, srl, 0x01000000, 0x80000000, 7
        TEST_RR 5, srl, 0x00020000, 0x80000000, 14
        TEST_RR 6, srl, 0x00000001, 0x80000001, 31
        TEST_RR 7, srl, 0xffffffff, 0xffffffff, 0
        TEST_RR 8, srl, 0x7fffffff, 0xffffffff, 1
        TEST_RR 9, srl, 0x01ffffff, 0xffffffff, 7
        TEST_RR 10, srl, 0x0003ffff, 0xffffffff, 14
        TEST_RR 11, srl, 0x00000001, 0xffffffff, 31
        TEST_RR 12, srl, 0x21212121, 0x21212121, 0
        TEST_RR 13, srl, 0x10909090, 0x21212121, 1
        TEST_RR 14, srl, 0x00424242, 0x21212121, 7
        TEST_RR 15, srl, 0x00008484, 0x21212121, 14
        TEST_RR 16, srl, 0x00000000, 0x21212121, 31
        // Only rs2[4:0] counts.
        TEST_RR 17, srl, 0x21212121, 0x21212121, 0xffffffe0
        TEST_RR 18, srl, 0x10909090, 0x21212121, 0xffffffe1
        TEST_RR 19, srl, 0x00424242, 0x21212121, 0xffffffe7
        TEST_RR 20, srl, 0x00008484, 0x21212121, 0xffffffee
        TEST_RR 21, srl, 0x00000001, 0x81212121, 0xffffffff
        TEST_RR_SRC1_EQ_DEST 22, srl, 0x01000000, 0x80000000, 7
        TEST_RR_SRC2_EQ_DEST 23, srl, 0x00020000, 0x80000000, 14
        TEST_RR_SRC12_EQ_DEST 24, srl, 0, 7
        TEST_RR_ZEROSRC1 25, srl, 0, 15
        TEST_RR_ZEROSRC2 26, srl, 32, 32
        TEST_RR_ZERODEST 27, srl, 16, 30
TEST_END
