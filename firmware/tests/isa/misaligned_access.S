// Misaligned loads and stores are carried out by default (Zicclsm); misaligned LR/SC/AMOs still trap.
#include "isa_test.h"

TEST_BEGIN
        // Loads at every misalignment, bytes in little-endian order (.Lbytes holds 0x00, 0x11, ... 0xff).
        TEST_LD 2, lw, 0x44332211, 1, .Lbytes
        TEST_LD 3, lw, 0x55443322, 2, .Lbytes
        TEST_LD 4, lw, 0x66554433, 3, .Lbytes
        TEST_LD 5, lh, 0x00002211, 1, .Lbytes
        TEST_LD 6, lh, 0x00004433, 3, .Lbytes
        TEST_LD 7, lh, 0xffff9988, 7, .Lbytes + 1
        TEST_LD 8, lhu, 0x00009988, 8, .Lbytes
        TEST_LD 9, lhu, 0x0000bbaa, -5, .Lbytes + 15
        TEST_LD 10, lw, 0xeeddccbb, 11, .Lbytes

        // Stores at every misalignment; the bytes around them keep their values.
        TESTCASE 11
        la a1, .Lbuf
        li a2, 0x44332211
        sw a2, 1(a1)
        EXPECT_MEM .Lbuf, 0x332211a5
        EXPECT_MEM .Lbuf + 4, 0xa5a5a544
        TESTCASE 12
        li a2, 0xddccbbaa
        sw a2, 6(a1)
        EXPECT_MEM .Lbuf + 4, 0xbbaaa544
        EXPECT_MEM .Lbuf + 8, 0xa5a5ddcc
        TESTCASE 13
        li a2, 0x87654321
        sw a2, 11(a1)
        EXPECT_MEM .Lbuf + 8, 0x21a5ddcc
        EXPECT_MEM .Lbuf + 12, 0xa5876543
        TESTCASE 14
        li a2, 0x12345678 // only the low half is stored
        sh a2, 15(a1)
        EXPECT_MEM .Lbuf + 12, 0x78876543
        EXPECT_MEM .Lbuf + 16, 0xa5a5a556
        TESTCASE 15
        li a2, 0x0000f00d
        sh a2, 17(a1)
        EXPECT_MEM .Lbuf + 16, 0xa5f00d56
        // And read back misaligned.
        TESTCASE 16
        lw a4, 11(a1)
        EXPECT a4, 0x87654321
        lhu a4, 17(a1)
        EXPECT a4, 0xf00d

        // Across a 4 KiB boundary.
        TESTCASE 17
        la a1, .Lpage_end
        li a2, 0xcafef00d
        sw a2, -2(a1)
        lw a4, -2(a1)
        EXPECT a4, 0xcafef00d
        lhu a4, -1(a1)
        EXPECT a4, 0x0000fef0
        EXPECT_MEM .Lpage_end - 4, 0xf00d0000
        EXPECT_MEM .Lpage_end, 0x0000cafe

        // The 16-bit loads and stores with a misaligned base.
        TESTCASE 18
        .option push
        .option rvc
        la s0, .Lbytes + 2
        c.lw a4, 4(s0)
        EXPECT a4, 0x99887766
        la s0, .Lbuf + 21
        li a5, 0x01020304
        c.sw a5, 0(s0)
        c.lw a4, 0(s0)
        EXPECT a4, 0x01020304
        .option pop

        // Misaligned LR, SC and AMOs trap anyway: LR with cause 4, SC and AMOs with cause 6;
        // mtval = the address, and memory is not changed. (With no reservation to lose, cellvp's SC
        // checks alignment first.)
        la a1, .Latomic
        li a2, 0x5555aaaa
        addi a3, a1, 2
        TEST_TRAP 19, CAUSE_LOAD_MISALIGNED, lr.w a4, (a3)
        TESTCASE 20
        TRAP_EXPECT_TVAL_REG a3
        addi a3, a1, 1
        TEST_TRAP 21, CAUSE_STORE_MISALIGNED, sc.w a4, a2, (a3)
        TESTCASE 22
        TRAP_EXPECT_TVAL_REG a3
        addi a3, a1, 6
        TEST_TRAP 23, CAUSE_STORE_MISALIGNED, amoadd.w a4, a2, (a3)
        TESTCASE 24
        TRAP_EXPECT_TVAL_REG a3
        addi a3, a1, 3
        TEST_TRAP 25, CAUSE_STORE_MISALIGNED, amoswap.w a4, a2, (a3)
        TEST_TRAP 26, CAUSE_STORE_MISALIGNED, amoxor.w a4, a2, (a3)
        TEST_TRAP 27, CAUSE_STORE_MISALIGNED, amoand.w a4, a2, (a3)
        TEST_TRAP 28, CAUSE_STORE_MISALIGNED, amoor.w a4, a2, (a3)
        TEST_TRAP 29, CAUSE_STORE_MISALIGNED, amomin.w a4, a2, (a3)
        TEST_TRAP 30, CAUSE_STORE_MISALIGNED, amomax.w a4, a2, (a3)
        TEST_TRAP 31, CAUSE_STORE_MISALIGNED, amominu.w a4, a2, (a3)
        TEST_TRAP 32, CAUSE_STORE_MISALIGNED, amomaxu.w a4, a2, (a3)
        TESTCASE 33
        TRAP_EXPECT_TVAL_REG a3
        EXPECT_MEM .Latomic, 0x01234567
        EXPECT_MEM .Latomic + 4, 0x89abcdef
        EXPECT_MEM .Latomic + 8, 0x02468ace

        TESTCASE 34
        TRAP_EXPECT_COUNT 11
TEST_END

        .data
        .balign 4
.Lbytes:
        .byte 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77
        .byte 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff
.Lbuf:
        .fill 8, 4, 0xa5a5a5a5
.Latomic:
        .word 0x01234567, 0x89abcdef, 0x02468ace
        .balign 4096
        .skip 4096 - 4
        .word 0
.Lpage_end:
        .word 0
