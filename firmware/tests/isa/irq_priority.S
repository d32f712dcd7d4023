// Interrupt priority: with external, software and timer interrupts pending at once they are taken
// in the order MEI (11), MSI (3), MTI (7).
// cellvp only: it drives the test interrupt source of the bare machine (BARE_TESTIRQ_BASE).
#include "isa_test.h"

// Makes the interrupts in `mask` (mip bits) pending with MIE = 0, enables them, sets MIE, and waits
// for `count` interrupts (s11); the order of their causes is then in s8, one per hex digit.
.macro RAISE_ALL mask, count
        csrci mstatus, MSTATUS_MIE
        IRQ_RECORDS_CLEAR
        .if (\mask) & MIP_MSIP
        SET_MSIP 1, t0, t1
        .endif
        .if (\mask) & MIP_MTIP
        li t0, 0
        WRITE_MTIMECMP t0, t0, t1, t2
        .endif
        .if (\mask) & MIP_MEIP
        SET_TESTIRQ 1, t0, t1
        .endif
        WAIT_MIP \mask, \mask
        li t0, \mask
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        li t3, ISA_POLL_LIMIT
.Lwait\@:
        li t0, \count
        beq s11, t0, .Ldone\@
        addi t3, t3, -1
        bnez t3, .Lwait\@
.Ldone\@:
        csrci mstatus, MSTATUS_MIE
        EXPECT s11, \count
.endm

TEST_BEGIN
        la t0, .Lhandler
        csrw mtvec, t0
        TIMER_OFF t0, t1
        SET_MSIP 0, t0, t1
        SET_TESTIRQ 0, t0, t1
        csrw mie, zero

        TESTCASE 2
        RAISE_ALL MIP_MEIP | MIP_MSIP | MIP_MTIP, 3
        EXPECT s8, 0xb37

        TESTCASE 3
        RAISE_ALL MIP_MSIP | MIP_MTIP, 2
        EXPECT s8, 0x37

        TESTCASE 4
        RAISE_ALL MIP_MEIP | MIP_MTIP, 2
        EXPECT s8, 0xb7

        TESTCASE 5
        RAISE_ALL MIP_MEIP | MIP_MSIP, 2
        EXPECT s8, 0xb3

        csrw mie, zero
        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        IRQ_HANDLER .Lhandler
.Ldone:
TEST_END
