// mul: low 32 bits of the product.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, mul, 0x00000000, 0x00000000, 0x00000000
        TEST_RR 3, mul, 0x00000001, 0x00000001, 0x00000001
        TEST_RR 4, mul, 0x00000015, 0x00000003, 0x00000007
        TEST_RR 5, mul, 0x00000000, 0x00000000, 0xffff8000
        TEST_RR 6, mul, 0x00000000, 0x80000000, 0x00000000
        TEST_RR 7, mul, 0x00000000, 0x80000000, 0xffff8000
        TEST_RR 8, mul, 0x0000ff7f, 0xaaaaaaab, 0x0002fe7d
        TEST_RR 9, mul, 0x0000ff7f, 0x0002fe7d, 0xaaaaaaab
        TEST_RR 10, mul, 0x00000000, 0xff000000, 0xff000000
        TEST_RR 11, mul, 0x00000001, 0xffffffff, 0xffffffff
        TEST_RR 12, mul, 0xffffffff, 0xffffffff, 0x00000001
        TEST_RR 13, mul, 0xffffffff, 0x00000001, 0xffffffff
        TEST_RR 14, mul, 0x80000000, 0x80000000, 0xffffffff
        TEST_RR 15, mul, 0x00000001, 0x7fffffff, 0x7fffffff
        TEST_RR 16, mul, 0x242d2080, 0x12345678, 0x9abcdef0
        TEST_RR_SRC1_EQ_DEST 17, mul, 143, 13, 11
        TEST_RR_SRC2_EQ_DEST 18, mul, 154, 14, 11
        TEST_RR_SRC12_EQ_DEST 19, mul, 169, 13
        TEST_RR_ZEROSRC1 20, mul, 0, 31
        TEST_RR_ZEROSRC2 21, mul, 0, 32
        TEST_RR_ZERODEST 22, mul, 33, 34
TEST_END
