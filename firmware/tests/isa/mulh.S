// mulh: high 32 bits of the signed x signed product.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, mulh, 0x00000000, 0x00000000, 0x00000000
        TEST_RR 3, mulh, 0x00000000, 0x00000001, 0x00000001
        TEST_RR 4, mulh, 0x00000000, 0x00000003, 0x00000007
        TEST_RR 5, mulh, 0x00000000, 0x00000000, 0xffff8000
        TEST_RR 6, mulh, 0x00000000, 0x80000000, 0x00000000
        TEST_RR 7, mulh, 0x00004000, 0x80000000, 0xffff8000
        TEST_RR 8, mulh, 0xffff0081, 0xaaaaaaab, 0x0002fe7d
        TEST_RR 9, mulh, 0xffff0081, 0x0002fe7d, 0xaaaaaaab
        TEST_RR 10, mulh, 0x00010000, 0xff000000, 0xff000000
        TEST_RR 11, mulh, 0x00000000, 0xffffffff, 0xffffffff
        TEST_RR 12, mulh, 0xffffffff, 0xffffffff, 0x00000001
        TEST_RR 13, mulh, 0xffffffff, 0x00000001, 0xffffffff
        // (-2^31) * (-2^31) = 2^62; (-2^31) * (2^31 - 1); (2^31 - 1)^2.
        TEST_RR 14, mulh, 0x40000000, 0x80000000, 0x80000000
        TEST_RR 15, mulh, 0xc0000000, 0x80000000, 0x7fffffff
        TEST_RR 16, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff
        TEST_RR 17, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0
        TEST_RR_SRC1_EQ_DEST 18, mulh, 36608, 13 << 20, 11 << 20
        TEST_RR_SRC2_EQ_DEST 19, mulh, 39424, 14 << 20, 11 << 20
        TEST_RR_SRC12_EQ_DEST 20, mulh, 43264, 13 << 20
        TEST_RR_ZEROSRC1 21, mulh, 0, 31 << 26
        TEST_RR_ZEROSRC2 22, mulh, 0, 32 << 26
        TEST_RR_ZERODEST 23, mulh, 33 << 20, 34 << 20
TEST_END
