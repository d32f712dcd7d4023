// Interrupt masking: a pending interrupt is not taken while mstatus.MIE or its mie bit is 0, and is
// taken right after the instruction that unmasks it.
#include "isa_test.h"

TEST_BEGIN
        la t0, .Lhandler
        csrw mtvec, t0
        TIMER_OFF t0, t1
        SET_MSIP 0, t0, t1
        csrw mie, zero
        csrci mstatus, MSTATUS_MIE
        IRQ_RECORDS_CLEAR

        // Pending and enabled in mie, but mstatus.MIE = 0: not taken.
        TESTCASE 2
        li t0, MIP_MSIP
        csrw mie, t0
        SET_MSIP 1, t0, t1
        WAIT_MIP MIP_MSIP, MIP_MSIP
        .rept 64
        nop
        .endr
        EXPECT s11, 0

        // Setting MIE takes it before the next instruction: mepc is the instruction after the csrsi.
        TESTCASE 3
        csrsi mstatus, MSTATUS_MIE
.Lafter_mstatus:
        EXPECT s11, 1
        EXPECT_ADDR s10, .Lafter_mstatus

        // mstatus.MIE = 1 but the mie bit is 0: not taken.
        TESTCASE 4
        csrw mie, zero
        IRQ_RECORDS_CLEAR
        SET_MSIP 1, t0, t1
        WAIT_MIP MIP_MSIP, MIP_MSIP
        .rept 64
        nop
        .endr
        EXPECT s11, 0

        // Another interrupt's enable bit does not let it in either.
        TESTCASE 5
        li t0, MIP_MTIP | MIP_MEIP
        csrw mie, t0
        .rept 64
        nop
        .endr
        EXPECT s11, 0

        // Setting its mie bit takes it before the next instruction.
        TESTCASE 6
        li t0, MIP_MSIP
        csrs mie, t0
.Lafter_mie:
        EXPECT s11, 1
        EXPECT_ADDR s10, .Lafter_mie

        // Clearing MIE again masks a new one; clearing it took effect at once.
        TESTCASE 7
        csrci mstatus, MSTATUS_MIE
        IRQ_RECORDS_CLEAR
        SET_MSIP 1, t0, t1
        WAIT_MIP MIP_MSIP, MIP_MSIP
        EXPECT s11, 0
        SET_MSIP 0, t0, t1
        WAIT_MIP MIP_MSIP, 0
        csrsi mstatus, MSTATUS_MIE
        .rept 16
        nop
        .endr
        EXPECT s11, 0

        csrci mstatus, MSTATUS_MIE
        csrw mie, zero
        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        IRQ_HANDLER .Lhandler
.Ldone:
TEST_END
