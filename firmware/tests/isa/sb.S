// sb: store the low byte of a register; the other bytes of the word stay as they were.
#include "isa_test.h"

TEST_BEGIN
        TEST_ST 2, lb, sb, 0xffffffaa, 0, .Lbuf, 0xefefefaa
        TEST_ST 3, lb, sb, 0x00000000, 1, .Lbuf, 0xefef00aa
        TEST_ST 4, lb, sb, 0xffffffa0, 2, .Lbuf, 0xefa000aa
        TEST_ST 5, lb, sb, 0x0000000a, 3, .Lbuf, 0x0aa000aa
        // Only the low byte of rs2 is stored.
        TEST_ST 6, lbu, sb, 0x000000aa, 4, .Lbuf, 0xefefefaa
        TESTCASE 7
        la a1, .Lbuf + 8
        li a2, 0x12345678
        sb a2, 1(a1)
        lw a4, 0(a1)
        EXPECT a4, 0xefef78ef
        // Negative offsets.
        TEST_ST 8, lbu, sb, 0x00000055, -1, .Lbuf + 13, 0xefefef55
        TEST_ST 9, lbu, sb, 0x00000066, -2048, .Lbuf + 2048 + 16, 0xefefef66
        TEST_ST 10, lbu, sb, 0x00000077, 2047, .Lbuf + 23 - 2047, 0x77efefef
TEST_END

        .data
        .balign 4
.Lbuf:
        .fill 6, 4, 0xefefefef
