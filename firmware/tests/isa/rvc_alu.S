// RV32C arithmetic: c.li, c.lui, c.addi, c.addi16sp, c.addi4spn, c.slli, c.srli, c.srai, c.andi,
// c.mv, c.add, c.sub, c.xor, c.or, c.and, c.nop. Each is written as c.* so the assembler emits it.
#include "isa_test.h"

TEST_BEGIN
        .option rvc

        // c.li: sign-extended 6-bit immediate, any rd.
        TESTCASE 2
        c.li a4, 31
        EXPECT a4, 31
        c.li a4, -32
        EXPECT a4, -32
        c.li t3, -1
        EXPECT t3, -1
        c.li ra, 0
        EXPECT ra, 0

        // c.lui: nzimm[17:12], sign-extended from bit 17.
        TESTCASE 3
        c.lui a4, 1
        EXPECT a4, 0x00001000
        c.lui a4, 0x1f
        EXPECT a4, 0x0001f000
        c.lui a4, 0xfffe0
        EXPECT a4, 0xfffe0000
        c.lui s11, 0xfffff
        EXPECT s11, 0xfffff000

        // c.addi: rd += sign-extended 6-bit immediate.
        TESTCASE 4
        li a4, 100
        c.addi a4, 31
        EXPECT a4, 131
        c.addi a4, -32
        EXPECT a4, 99
        li a4, 0x7fffffff
        c.addi a4, 1
        EXPECT a4, 0x80000000
        li t4, 0
        c.addi t4, -1
        EXPECT t4, -1

        // c.addi16sp: sp += nzimm * 16 (range -512 .. 496).
        TESTCASE 5
        mv s2, sp
        li sp, 0x1000
        c.addi16sp sp, 496
        EXPECT sp, 0x1000 + 496
        c.addi16sp sp, -512
        EXPECT sp, 0x1000 + 496 - 512
        c.addi16sp sp, 16
        EXPECT sp, 0x1000
        mv sp, s2

        // c.addi4spn: rd' = sp + nzuimm * 4 (range 4 .. 1020), sp unchanged.
        TESTCASE 6
        mv s2, sp
        li sp, 0x2000
        c.addi4spn a5, sp, 4
        EXPECT a5, 0x2004
        c.addi4spn s0, sp, 1020
        EXPECT s0, 0x2000 + 1020
        c.addi4spn a0, sp, 512
        EXPECT a0, 0x2200
        EXPECT sp, 0x2000
        mv sp, s2

        // c.slli: any rd, shamt 1 .. 31.
        TESTCASE 7
        li a4, 0x00000001
        c.slli a4, 31
        EXPECT a4, 0x80000000
        li t5, 0x12345678
        c.slli t5, 4
        EXPECT t5, 0x23456780

        // c.srli / c.srai on rd'.
        TESTCASE 8
        li a5, 0x80000000
        c.srli a5, 31
        EXPECT a5, 1
        li a5, 0xf0000000
        c.srli a5, 4
        EXPECT a5, 0x0f000000
        li a5, 0x80000000
        c.srai a5, 31
        EXPECT a5, -1
        li s1, 0xf0000000
        c.srai s1, 4
        EXPECT s1, 0xff000000
        li s1, 0x70000000
        c.srai s1, 1
        EXPECT s1, 0x38000000

        // c.andi: rd' &= sign-extended 6-bit immediate.
        TESTCASE 9
        li a5, 0x12345678
        c.andi a5, 0x0f
        EXPECT a5, 0x00000008
        li a5, 0x12345678
        c.andi a5, -16
        EXPECT a5, 0x12345670
        li a5, 0x12345678
        c.andi a5, 0
        EXPECT a5, 0

        // c.mv: rd = rs2 (any registers but x0).
        TESTCASE 10
        li t6, 0x5a5a5a5a
        c.mv a4, t6
        EXPECT a4, 0x5a5a5a5a
        c.mv s10, a4
        EXPECT s10, 0x5a5a5a5a

        // c.add: rd += rs2.
        TESTCASE 11
        li a4, 0x7fffffff
        li t6, 1
        c.add a4, t6
        EXPECT a4, 0x80000000
        li s10, -5
        c.add s10, s10
        EXPECT s10, -10

        // c.sub, c.xor, c.or, c.and on rd', rs2'.
        TESTCASE 12
        li a0, 10
        li a1, 13
        c.sub a0, a1
        EXPECT a0, -3
        li s0, 0
        li s1, 0x80000000
        c.sub s0, s1
        EXPECT s0, 0x80000000

        TESTCASE 13
        li a2, 0xff00ff00
        li a3, 0x0ff00ff0
        c.xor a2, a3
        EXPECT a2, 0xf0f0f0f0
        li a2, 0xff00ff00
        c.or a2, a3
        EXPECT a2, 0xfff0fff0
        li a2, 0xff00ff00
        c.and a2, a3
        EXPECT a2, 0x0f000f00
        li a5, 0x12345678
        c.and a5, a5
        EXPECT a5, 0x12345678
        c.xor a5, a5
        EXPECT a5, 0

        // c.nop changes nothing.
        TESTCASE 14
        li a4, 77
        c.nop
        EXPECT a4, 77

        // Every instruction above was 16 bits: the distance between two labels proves the encoding.
        TESTCASE 15
1:      c.li a4, 1
        c.addi a4, 1
        c.slli a4, 1
        c.mv a5, a4
        c.add a5, a4
2:      la t0, 1b
        la t1, 2b
        sub t0, t1, t0
        EXPECT t0, 10
        EXPECT a5, 8
TEST_END
