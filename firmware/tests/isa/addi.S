// addi: add a sign-extended 12-bit immediate.
#include "isa_test.h"

TEST_BEGIN
        TEST_IMM 2, addi, 0x00000000, 0x00000000, 0x000
        TEST_IMM 3, addi, 0x00000002, 0x00000001, 0x001
        TEST_IMM 4, addi, 0x0000000a, 0x00000003, 0x007
        TEST_IMM 5, addi, 0xfffff800, 0x00000000, -2048
        TEST_IMM 6, addi, 0x80000000, 0x80000000, 0
        TEST_IMM 7, addi, 0x7ffff800, 0x80000000, -2048
        TEST_IMM 8, addi, 0x000007ff, 0x00000000, 2047
        TEST_IMM 9, addi, 0x7fffffff, 0x7fffffff, 0
        TEST_IMM 10, addi, 0x800007fe, 0x7fffffff, 2047
        TEST_IMM 11, addi, 0x800007ff, 0x80000000, 2047
        TEST_IMM 12, addi, 0x7ffff7ff, 0x7fffffff, -2048
        TEST_IMM 13, addi, 0xffffffff, 0x00000000, -1
        TEST_IMM 14, addi, 0x00000000, 0xffffffff, 1
        TEST_IMM 15, addi, 0xfffffffe, 0xffffffff, -1
        TEST_IMM 16, addi, 0x80000000, 0x7fffffff, 1
        TEST_IMM_SRC1_EQ_DEST 17, addi, 24, 13, 11
        TEST_IMM_ZEROSRC1 18, addi, 32, 32
        TEST_IMM_ZEROSRC1 19, addi, 0xfffff800, -2048
        TEST_IMM_ZERODEST 20, addi, 33, 50
        // addi x0, x0, 0 is the canonical nop and changes nothing.
        TESTCASE 21
        li a1, 0x5a5a5a5a
        nop
        EXPECT a1, 0x5a5a5a5a
TEST_END
