// lr.w / sc.w: SC succeeds (rd = 0) only on the word LR reserved and only once; without a reservation,
// after another SC or on another address it fails (rd != 0) and leaves memory alone.
#include "isa_test.h"

TEST_BEGIN
        la a3, .Lword
        la s0, .Lother

        // LR loads the word; SC to it then succeeds and stores.
        TESTCASE 2
        li a1, 0x11223344
        sw a1, 0(a3)
        lr.w a4, (a3)
        EXPECT a4, 0x11223344
        li a2, 0x55667788
        sc.w a5, a2, (a3)
        EXPECT a5, 0
        lw a4, 0(a3)
        EXPECT a4, 0x55667788

        // A second SC after the successful one has no reservation: it fails and does not store.
        TESTCASE 3
        li a2, 0x99aabbcc
        sc.w a5, a2, (a3)
        FAIL_UNLESS_NE a5, zero
        lw a4, 0(a3)
        EXPECT a4, 0x55667788

        // A failed SC does not leave a reservation behind either.
        TESTCASE 4
        sc.w a5, a2, (a3)
        FAIL_UNLESS_NE a5, zero
        lw a4, 0(a3)
        EXPECT a4, 0x55667788

        // SC to a word other than the reserved one (256 bytes away) fails, and the store does not happen.
        TESTCASE 5
        li a1, 0x0badf00d
        sw a1, 0(s0)
        lr.w a4, (a3)
        sc.w a5, a2, (s0)
        FAIL_UNLESS_NE a5, zero
        lw a4, 0(s0)
        EXPECT a4, 0x0badf00d
        // ... and neither word changed.
        lw a4, 0(a3)
        EXPECT a4, 0x55667788

        // A newer LR replaces the reservation: SC to the address of the first LR fails, to the second
        // succeeds.
        TESTCASE 6
        lr.w a4, (a3)
        lr.w a4, (s0)
        EXPECT a4, 0x0badf00d
        sc.w a5, a2, (a3)
        FAIL_UNLESS_NE a5, zero
        lr.w a4, (a3)
        lr.w a4, (s0)
        sc.w a5, a2, (s0)
        EXPECT a5, 0
        lw a4, 0(s0)
        EXPECT a4, 0x99aabbcc

        // SC with rd == rs2: the value stored is the old rs2.
        TESTCASE 7
        lr.w a4, (a3)
        li a2, 0x13579bdf
        sc.w a2, a2, (a3)
        EXPECT a2, 0
        lw a4, 0(a3)
        EXPECT a4, 0x13579bdf

        // The usual retry loop: atomically add 1, ten times.
        TESTCASE 8
        sw zero, 0(a3)
        li t0, 10
1:      lr.w a4, (a3)
        addi a4, a4, 1
        sc.w a5, a4, (a3)
        bnez a5, 1b
        addi t0, t0, -1
        bnez t0, 1b
        lw a4, 0(a3)
        EXPECT a4, 10

        // The ordering bits change nothing on one hart.
        TESTCASE 9
        li a1, 7
        sw a1, 0(a3)
        lr.w.aq a4, (a3)
        EXPECT a4, 7
        li a2, 8
        sc.w.rl a5, a2, (a3)
        EXPECT a5, 0
        lr.w.aqrl a4, (a3)
        EXPECT a4, 8
        li a2, 9
        sc.w.aqrl a5, a2, (a3)
        EXPECT a5, 0
        lw a4, 0(a3)
        EXPECT a4, 9

        // LR into x0 still makes a reservation.
        TESTCASE 10
        lr.w x0, (a3)
        li a2, 10
        sc.w a5, a2, (a3)
        EXPECT a5, 0
        EXPECT x0, 0
        lw a4, 0(a3)
        EXPECT a4, 10
TEST_END

        .data
        .balign 256
.Lword:
        .word 0
        .balign 256
.Lother:
        .word 0
