// sh: store the low halfword of a register; the other half of the word stays as it was.
#include "isa_test.h"

TEST_BEGIN
        TEST_ST 2, lh, sh, 0x000000aa, 0, .Lbuf, 0xbeef00aa
        TEST_ST 3, lh, sh, 0xffffaa00, 2, .Lbuf, 0xaa0000aa
        TEST_ST 4, lhu, sh, 0x0000a00a, 4, .Lbuf, 0xbeefa00a
        TEST_ST 5, lhu, sh, 0x0000a00a, 6, .Lbuf, 0xa00aa00a
        // Only the low halfword of rs2 is stored.
        TESTCASE 6
        la a1, .Lbuf + 8
        li a2, 0x12345678
        sh a2, 2(a1)
        lw a4, 0(a1)
        EXPECT a4, 0x5678beef
        // Negative offsets.
        TEST_ST 7, lhu, sh, 0x00005555, -2, .Lbuf + 14, 0xbeef5555
        TEST_ST 8, lhu, sh, 0x00006666, -2048, .Lbuf + 2048 + 16, 0xbeef6666
        TEST_ST 9, lhu, sh, 0x00007777, 2046, .Lbuf + 22 - 2046, 0x7777beef
TEST_END

        .data
        .balign 4
.Lbuf:
        .fill 6, 4, 0xbeefbeef
