// lhu: load a halfword, zero-extended (aligned here; misaligned_access.S covers the rest).
#include "isa_test.h"

TEST_BEGIN
        TEST_LD 2, lhu, 0x000000ff, 0, .Lhalves
        TEST_LD 3, lhu, 0x0000ff00, 2, .Lhalves
        TEST_LD 4, lhu, 0x00000ff0, 4, .Lhalves
        TEST_LD 5, lhu, 0x0000f00f, 6, .Lhalves
        TEST_LD 6, lhu, 0x00007fff, 8, .Lhalves
        TEST_LD 7, lhu, 0x00008000, 10, .Lhalves
        // Negative offsets.
        TEST_LD 8, lhu, 0x000000ff, -6, .Lhalves + 6
        TEST_LD 9, lhu, 0x0000f00f, -2048, .Lhalves + 2048 + 6
        TEST_LD 10, lhu, 0x00008000, 2046, .Lhalves + 10 - 2046

        // rd == rs1.
        TESTCASE 11
        la a1, .Lhalves
        lhu a1, 2(a1)
        EXPECT a1, 0x0000ff00

        // x0 as the destination.
        TESTCASE 12
        la a1, .Lhalves
        lhu x0, 0(a1)
        EXPECT x0, 0
TEST_END

        .data
        .balign 4
.Lhalves:
        .half 0x00ff, 0xff00, 0x0ff0, 0xf00f, 0x7fff, 0x8000
