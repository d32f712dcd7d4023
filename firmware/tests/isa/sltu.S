// sltu: set if less than, unsigned.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, sltu, 0, 0x00000000, 0x00000000
        TEST_RR 3, sltu, 0, 0x00000001, 0x00000001
        TEST_RR 4, sltu, 1, 0x00000003, 0x00000007
        TEST_RR 5, sltu, 0, 0x00000007, 0x00000003
        TEST_RR 6, sltu, 1, 0x00000000, 0xffff8000
        TEST_RR 7, sltu, 0, 0x80000000, 0x00000000
        TEST_RR 8, sltu, 1, 0x80000000, 0xffff8000
        TEST_RR 9, sltu, 1, 0x00000000, 0x00007fff
        TEST_RR 10, sltu, 0, 0x7fffffff, 0x00000000
        TEST_RR 11, sltu, 0, 0x7fffffff, 0x00007fff
        TEST_RR 12, sltu, 0, 0x80000000, 0x00007fff
        TEST_RR 13, sltu, 1, 0x7fffffff, 0xffff8000
        TEST_RR 14, sltu, 1, 0x00000000, 0xffffffff
        TEST_RR 15, sltu, 0, 0xffffffff, 0x00000001
        TEST_RR 16, sltu, 0, 0xffffffff, 0xffffffff
        TEST_RR 17, sltu, 0, 0x80000000, 0x7fffffff
        TEST_RR 18, sltu, 1, 0x7fffffff, 0x80000000
        TEST_RR_SRC1_EQ_DEST 19, sltu, 0, 14, 13
        TEST_RR_SRC2_EQ_DEST 20, sltu, 1, 11, 13
        TEST_RR_SRC12_EQ_DEST 21, sltu, 0, 13
        // sltu rd, x0, rs2 is `snez`: 1 for any rs2 != 0.
        TEST_RR_ZEROSRC1 22, sltu, 1, -1
        TEST_RR_ZEROSRC1 23, sltu, 0, 0
        TEST_RR_ZEROSRC2 24, sltu, 0, -1
        TEST_RR_ZERODEST 25, sltu, 16, 30
TEST_END
