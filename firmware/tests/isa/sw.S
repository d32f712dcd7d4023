// sw: store a word; the neighbouring words stay as they were.
#include "isa_test.h"

TEST_BEGIN
        TEST_ST 2, lw, sw, 0x00aa00aa, 0, .Lbuf, 0x00aa00aa
        TEST_ST 3, lw, sw, 0xaa00aa00, 4, .Lbuf, 0xaa00aa00
        TEST_ST 4, lw, sw, 0x0aa00aa0, 8, .Lbuf, 0x0aa00aa0
        TEST_ST 5, lw, sw, 0xa00aa00a, 12, .Lbuf, 0xa00aa00a
        // Negative offsets.
        TEST_ST 6, lw, sw, 0x12345678, -4, .Lbuf + 20, 0x12345678
        TEST_ST 7, lw, sw, 0x58213098, -2048, .Lbuf + 2048 + 20, 0x58213098
        TEST_ST 8, lw, sw, 0x87654321, 2044, .Lbuf + 24 - 2044, 0x87654321

        // Neighbours untouched.
        TESTCASE 9
        EXPECT_MEM .Lbuf - 4, 0xdeadbeef
        EXPECT_MEM .Lbuf + 28, 0xdeadbeef

        // The stored register and the base register may be the same.
        TESTCASE 10
        la a1, .Lbuf + 28
        sw a1, 0(a1)
        lw a4, 0(a1)
        EXPECT_EQ a4, a1
TEST_END

        .data
        .balign 4
        .word 0xdeadbeef
.Lbuf:
        .fill 8, 4, 0xdeadbeef
