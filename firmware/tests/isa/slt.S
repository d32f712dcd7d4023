// slt: set if less than, signed.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, slt, 0, 0x00000000, 0x00000000
        TEST_RR 3, slt, 0, 0x00000001, 0x00000001
        TEST_RR 4, slt, 1, 0x00000003, 0x00000007
        TEST_RR 5, slt, 0, 0x00000007, 0x00000003
        TEST_RR 6, slt, 0, 0x00000000, 0xffff8000
        TEST_RR 7, slt, 1, 0x80000000, 0x00000000
        TEST_RR 8, slt, 1, 0x80000000, 0xffff8000
        TEST_RR 9, slt, 1, 0x00000000, 0x00007fff
        TEST_RR 10, slt, 0, 0x7fffffff, 0x00000000
        TEST_RR 11, slt, 0, 0x7fffffff, 0x00007fff
        TEST_RR 12, slt, 1, 0x80000000, 0x00007fff
        TEST_RR 13, slt, 0, 0x7fffffff, 0xffff8000
        TEST_RR 14, slt, 0, 0x00000000, 0xffffffff
        TEST_RR 15, slt, 1, 0xffffffff, 0x00000001
        TEST_RR 16, slt, 0, 0xffffffff, 0xffffffff
        TEST_RR 17, slt, 1, 0x80000000, 0x7fffffff
        TEST_RR 18, slt, 0, 0x7fffffff, 0x80000000
        TEST_RR_SRC1_EQ_DEST 19, slt, 0, 14, 13
        TEST_RR_SRC2_EQ_DEST 20, slt, 1, 11, 13
        TEST_RR_SRC12_EQ_DEST 21, slt, 0, 13
        TEST_RR_ZEROSRC1 22, slt, 0, -1
        TEST_RR_ZEROSRC2 23, slt, 1, -1
        TEST_RR_ZERODEST 24, slt, 16, 30
TEST_END
