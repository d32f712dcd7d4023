// lw: load a word (aligned here; misaligned_access.S covers the rest).
#include "isa_test.h"

TEST_BEGIN
        TEST_LD 2, lw, 0x00ff00ff, 0, .Lwords
        TEST_LD 3, lw, 0xff00ff00, 4, .Lwords
        TEST_LD 4, lw, 0x0ff00ff0, 8, .Lwords
        TEST_LD 5, lw, 0xf00ff00f, 12, .Lwords
        TEST_LD 6, lw, 0x7fffffff, 16, .Lwords
        TEST_LD 7, lw, 0x80000000, 20, .Lwords
        // Negative offsets.
        TEST_LD 8, lw, 0x00ff00ff, -12, .Lwords + 12
        TEST_LD 9, lw, 0xf00ff00f, -2048, .Lwords + 2048 + 12
        TEST_LD 10, lw, 0x80000000, 2044, .Lwords + 20 - 2044

        // rd == rs1.
        TESTCASE 11
        la a1, .Lwords
        lw a1, 4(a1)
        EXPECT a1, 0xff00ff00

        // x0 as the destination.
        TESTCASE 12
        la a1, .Lwords
        lw x0, 0(a1)
        EXPECT x0, 0
TEST_END

        .data
        .balign 4
.Lwords:
        .word 0x00ff00ff, 0xff00ff00, 0x0ff00ff0, 0xf00ff00f, 0x7fffffff, 0x80000000
