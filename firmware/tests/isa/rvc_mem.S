// RV32C loads and stores: c.lw, c.sw (rd'/rs2' with base rs1' and a scaled 5-bit offset) and
// c.lwsp, c.swsp (any register, sp-relative, scaled 6-bit offset).
#include "isa_test.h"

TEST_BEGIN
        .option rvc

        // c.lw at the smallest and largest offsets.
        TESTCASE 2
        la s0, .Lwords
        c.lw a4, 0(s0)
        EXPECT a4, 0x00010203
        c.lw a5, 4(s0)
        EXPECT a5, 0xfedcba98
        c.lw a0, 124(s0)
        EXPECT a0, 0x7c7c7c7c
        // rd' == rs1'.
        mv a1, s0
        c.lw a1, 4(a1)
        EXPECT a1, 0xfedcba98

        // c.sw, read back with lw; the neighbours are untouched.
        TESTCASE 3
        la s1, .Lbuf
        li a2, 0x11111111
        c.sw a2, 0(s1)
        li a3, 0x22222222
        c.sw a3, 124(s1)
        lw a4, 0(s1)
        EXPECT a4, 0x11111111
        lw a4, 124(s1)
        EXPECT a4, 0x22222222
        lw a4, 4(s1)
        EXPECT a4, 0xa5a5a5a5
        lw a4, 120(s1)
        EXPECT a4, 0xa5a5a5a5

        // c.lwsp / c.swsp with sp pointing at the buffer: offsets 0 .. 252 in steps of 4.
        TESTCASE 4
        mv s2, sp
        la sp, .Lbuf
        li t3, 0x33333333
        c.swsp t3, 8(sp)
        li ra, 0x44444444
        c.swsp ra, 252(sp)
        c.lwsp t4, 8(sp)
        EXPECT t4, 0x33333333
        c.lwsp s11, 252(sp)
        EXPECT s11, 0x44444444
        c.lwsp a4, 0(sp)
        EXPECT a4, 0x11111111
        // Stored with c.sw, loaded with c.lwsp, and the other way round.
        c.swsp zero, 16(sp)
        c.lw a4, 16(s1)
        EXPECT a4, 0
        mv sp, s2

        // The 16-bit encodings: the distance between two labels.
        TESTCASE 5
1:      c.lw a4, 0(s0)
        c.sw a4, 0(s1)
2:      la t0, 1b
        la t1, 2b
        sub t0, t1, t0
        EXPECT t0, 4
TEST_END

        .data
        .balign 4
.Lwords:
        .word 0x00010203, 0xfedcba98
        .fill 29, 4, 0
        .word 0x7c7c7c7c
.Lbuf:
        .fill 64, 4, 0xa5a5a5a5
