// sll: shift left logical by the low 5 bits of rs2.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, sll, 0x00000001, 0x00000001, 0
        TEST_RR 3, sll, 0x00000002, 0x00000001, 1
        TEST_RR 4, sll, 0x00000080, 0x00000001, 7
        TEST_RR 5, sll, 0x00004000, 0x00000001, 14
        TEST_RR 6, sll, 0x80000000, 0x00000001, 31
        TEST_RR 7, sll, 0xffffffff, 0xffffffff, 0
        TEST_RR 8, sll, 0xfffffffe, 0xffffffff, 1
        TEST_RR 9, sll, 0xffffff80, 0xffffffff, 7
        TEST_RR 10, sll, 0xffffc000, 0xffffffff, 14
        TEST_RR 11, sll, 0x80000000, 0xffffffff, 31
        TEST_RR 12, sll, 0x21212121, 0x21212121, 0
        TEST_RR 13, sll, 0x42424242, 0x21212121, 1
        TEST_RR 14, sll, 0x90909080, 0x21212121, 7
        TEST_RR 15, sll, 0x48484000, 0x21212121, 14
        TEST_RR 16, sll, 0x80000000, 0x21212121, 31
        // Only rs2[4:0] counts.
        TEST_RR 17, sll, 0x21212121, 0x21212121, 0xffffffe0
        TEST_RR 18, sll, 0x42424242, 0x21212121, 0xffffffe1
        TEST_RR 19, sll, 0x90909080, 0x21212121, 0xffffffe7
        TEST_RR 20, sll, 0x48484000, 0x21212121, 0xffffffee
        TEST_RR 21, sll, 0x80000000, 0x21212121, 0xffffffff
        TEST_RR 22, sll, 0x21212121, 0x21212121, 32
        TEST_RR_SRC1_EQ_DEST 23, sll, 0x00000080, 0x00000001, 7
        TEST_RR_SRC2_EQ_DEST 24, sll, 0x00004000, 0x00000001, 14
        TEST_RR_SRC12_EQ_DEST 25, sll, 24, 3
        TEST_RR_ZEROSRC1 26, sll, 0, 15
        TEST_RR_ZEROSRC2 27, sll, 32, 32
        TEST_RR_ZERODEST 28, sll, 16, 30
TEST_END
