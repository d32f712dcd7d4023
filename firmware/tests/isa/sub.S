// sub: register-register subtraction, modulo 2^32.
#include "isa_test.h"

TEST_BEGIN
        TEST_RR 2, sub, 0x00000000, 0x00000000, 0x00000000
        TEST_RR 3, sub, 0x00000000, 0x00000001, 0x00000001
        TEST_RR 4, sub, 0xfffffffc, 0x00000003, 0x00000007
        TEST_RR 5, sub, 0x00008000, 0x00000000, 0xffff8000
        TEST_RR 6, sub, 0x80000000, 0x80000000, 0x00000000
        TEST_RR 7, sub, 0x80008000, 0x80000000, 0xffff8000
        TEST_RR 8, sub, 0xffff8001, 0x00000000, 0x00007fff
        TEST_RR 9, sub, 0x7fffffff, 0x7fffffff, 0x00000000
        TEST_RR 10, sub, 0x7fff8000, 0x7fffffff, 0x00007fff
        TEST_RR 11, sub, 0x7fff8001, 0x80000000, 0x00007fff
        TEST_RR 12, sub, 0x80007fff, 0x7fffffff, 0xffff8000
        TEST_RR 13, sub, 0x00000001, 0x00000000, 0xffffffff
        TEST_RR 14, sub, 0xfffffffe, 0xffffffff, 0x00000001
        TEST_RR 15, sub, 0x00000000, 0xffffffff, 0xffffffff
        TEST_RR 16, sub, 0x80000001, 0x00000000, 0x7fffffff
        TEST_RR_SRC1_EQ_DEST 17, sub, 2, 13, 11
        TEST_RR_SRC2_EQ_DEST 18, sub, 3, 14, 11
        TEST_RR_SRC12_EQ_DEST 19, sub, 0, 13
        TEST_RR_ZEROSRC1 20, sub, 0xfffffff1, 15
        TEST_RR_ZEROSRC2 21, sub, 32, 32
        TEST_RR_ZERODEST 22, sub, 16, 30
TEST_END
