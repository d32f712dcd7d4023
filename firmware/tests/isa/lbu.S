// lbu: load a byte, zero-extended.
#include "isa_test.h"

TEST_BEGIN
        TEST_LD 2, lbu, 0x000000ff, 0, .Lbytes
        TEST_LD 3, lbu, 0x00000000, 1, .Lbytes
        TEST_LD 4, lbu, 0x000000f0, 2, .Lbytes
        TEST_LD 5, lbu, 0x0000000f, 3, .Lbytes
        TEST_LD 6, lbu, 0x0000007f, 4, .Lbytes
        TEST_LD 7, lbu, 0x00000080, 5, .Lbytes
        // Negative offsets.
        TEST_LD 8, lbu, 0x000000ff, -3, .Lbytes + 3
        TEST_LD 9, lbu, 0x0000000f, -2048, .Lbytes + 2048 + 3
        TEST_LD 10, lbu, 0x00000080, 2047, .Lbytes + 5 - 2047

        // rd == rs1.
        TESTCASE 11
        la a1, .Lbytes
        lbu a1, 2(a1)
        EXPECT a1, 0x000000f0

        // x0 as the destination.
        TESTCASE 12
        la a1, .Lbytes
        lbu x0, 0(a1)
        EXPECT x0, 0
TEST_END

        .data
        .balign 4
.Lbytes:
        .byte 0xff, 0x00, 0xf0, 0x0f, 0x7f, 0x80, 0x00, 0x00
