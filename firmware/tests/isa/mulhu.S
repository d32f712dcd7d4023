// mulhu: high 32 bits of the unsigned x unsigned product.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, mulhu, 0x00000000, 0x00000000, 0x00000000
        TEST_RR 3, mulhu, 0x00000000, 0x00000001, 0x00000001
        TEST_RR 4, mulhu, 0x00000000, 0x00000003, 0x00000007
        TEST_RR 5, mulhu, 0x00000000, 0x00000000, 0xffff8000
        TEST_RR 6, mulhu, 0x00000000, 0x80000000, 0x00000000
        TEST_RR 7, mulhu, 0x7fffc000, 0x80000000, 0xffff8000
        TEST_RR 8, mulhu, 0x0001fefe, 0xaaaaaaab, 0x0002fe7d
        TEST_RR 9, mulhu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab
        TEST_RR 10, mulhu, 0xfe010000, 0xff000000, 0xff000000
        TEST_RR 11, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff
        TEST_RR 12, mulhu, 0x00000000, 0xffffffff, 0x00000001
        TEST_RR 13, mulhu, 0x00000000, 0x00000001, 0xffffffff
        TEST_RR 14, mulhu, 0x40000000, 0x80000000, 0x80000000
        TEST_RR 15, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff
        TEST_RR 16, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
        TEST_RR_SRC1_EQ_DEST 17, mulhu, 36608, 13 << 20, 11 << 20
        TEST_RR_SRC2_EQ_DEST 18, mulhu, 39424, 14 << 20, 11 << 20
        TEST_RR_SRC12_EQ_DEST 19, mulhu, 43264, 13 << 20
        TEST_RR_ZEROSRC1 20, mulhu, 0, 31 << 26
        TEST_RR_ZEROSRC2 21, mulhu, 0, 32 << 26
        TEST_RR_ZERODEST 22, mulhu, 33 << 20, 34 << 20
TEST_END
