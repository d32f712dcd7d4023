// mulhsu: high 32 bits of the signed (rs1) x unsigned (rs2) product.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, mulhsu, 0x00000000, 0x00000000, 0x00000000
        TEST_RR 3, mulhsu, 0x00000000, 0x00000001, 0x00000001
        TEST_RR 4, mulhsu, 0x00000000, 0x00000003, 0x00000007
        TEST_RR 5, mulhsu, 0x00000000, 0x00000000, 0xffff8000
        TEST_RR 6, mulhsu, 0x00000000, 0x80000000, 0x00000000
        TEST_RR 7, mulhsu, 0x80004000, 0x80000000, 0xffff8000
        TEST_RR 8, mulhsu, 0xffff0081, 0xaaaaaaab, 0x0002fe7d
        TEST_RR 9, mulhsu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab
        TEST_RR 10, mulhsu, 0xff010000, 0xff000000, 0xff000000
        // -1 * (2^32 - 1) = -(2^32 - 1): high word 0xffffffff.
        TEST_RR 11, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff
        TEST_RR 12, mulhsu, 0xffffffff, 0xffffffff, 0x00000001
        TEST_RR 13, mulhsu, 0x00000000, 0x00000001, 0xffffffff
        TEST_RR 14, mulhsu, 0xc0000000, 0x80000000, 0x80000000
        TEST_RR 15, mulhsu, 0x80000000, 0x80000000, 0xffffffff
        TEST_RR 16, mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
        TEST_RR_SRC1_EQ_DEST 17, mulhsu, 36608, 13 << 20, 11 << 20
        TEST_RR_SRC2_EQ_DEST 18, mulhsu, 39424, 14 << 20, 11 << 20
        TEST_RR_SRC12_EQ_DEST 19, mulhsu, 43264, 13 << 20
        TEST_RR_ZEROSRC1 20, mulhsu, 0, 31 << 26
        TEST_RR_ZEROSRC2 21, mulhsu, 0, 32 << 26
        TEST_RR_ZERODEST 22, mulhsu, 33 << 20, 34 << 20
TEST_END
