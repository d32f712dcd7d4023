// WFI with mstatus.MIE = 0: the hart sleeps until an interrupt enabled in mie is pending, then simply
// continues after the wfi without taking it; with one already pending it does not sleep.
#include "isa_test.h"

TEST_BEGIN
        TIMER_OFF t0, t1
        SET_MSIP 0, t0, t1
        csrci mstatus, MSTATUS_MIE

        // Timer 100 us ahead, enabled in mie only: wfi returns once it is pending, and no trap is taken.
        TESTCASE 2
        li t0, MIP_MTIP
        csrw mie, t0
        TIMER_IN ISA_TICKS_PER_SECOND / 10000
        wfi
        EXPECT_MTIME_REACHED
        csrr a4, mip
        andi a4, a4, MIP_MTIP
        EXPECT a4, MIP_MTIP
        TRAP_EXPECT_COUNT 0

        // Still pending: wfi does not sleep again (a hang here would end in the driver's timeout).
        TESTCASE 3
        wfi
        wfi
        TRAP_EXPECT_COUNT 0

        // A software interrupt wakes it the same way.
        TESTCASE 4
        TIMER_OFF t0, t1
        WAIT_MIP MIP_MTIP, 0
        li t0, MIP_MSIP
        csrw mie, t0
        SET_MSIP 1, t0, t1
        wfi
        csrr a4, mip
        andi a4, a4, MIP_MSIP
        EXPECT a4, MIP_MSIP
        SET_MSIP 0, t0, t1
        WAIT_MIP MIP_MSIP, 0
        TRAP_EXPECT_COUNT 0

        csrw mie, zero
TEST_END
