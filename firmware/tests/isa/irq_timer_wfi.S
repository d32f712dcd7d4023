// Machine timer interrupt (cause 7) when mtime reaches mtimecmp, waking the hart from WFI; mepc is
// the instruction after the wfi; the interrupt stays pending until mtimecmp is rewritten.
#include "isa_test.h"

TEST_BEGIN
        la t0, .Lhandler
        csrw mtvec, t0
        TIMER_OFF t0, t1
        csrw mie, zero
        IRQ_RECORDS_CLEAR

        // mtimecmp in the past: mip.MTIP rises without anything enabled; rewriting mtimecmp clears it.
        TESTCASE 2
        li t0, 0
        WRITE_MTIMECMP t0, t0, t1, t2
        WAIT_MIP MIP_MTIP, MIP_MTIP
        TIMER_OFF t0, t1
        WAIT_MIP MIP_MTIP, 0
        EXPECT s11, 0

        // WFI sleeps until the timer fires 100 us (1000 ticks) later; the interrupt is taken and
        // returns after the wfi.
        TESTCASE 3
        li t0, MIP_MTIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        TIMER_IN ISA_TICKS_PER_SECOND / 10000
        li a0, 1000 // wfi may end early on some machines: bound the retries
1:      wfi
.Lafter_wfi:
        bnez s11, 2f
        addi a0, a0, -1
        bnez a0, 1b
        j isa_fail
2:      EXPECT s11, 1
        EXPECT s8, IRQ_M_TIMER
        EXPECT_MTIME_REACHED

        // mepc was the instruction after the wfi.
        TESTCASE 4
        EXPECT_ADDR s10, .Lafter_wfi

        // The handler's mtimecmp write cleared the pending bit.
        TESTCASE 5
        csrr a4, mip
        andi a4, a4, MIP_MTIP
        EXPECT a4, 0

        // Without WFI: a busy loop is interrupted too.
        TESTCASE 6
        IRQ_RECORDS_CLEAR
        TIMER_IN ISA_TICKS_PER_SECOND / 10000
        li t3, 10 * ISA_POLL_LIMIT
1:      bnez s11, 2f
        addi t3, t3, -1
        bnez t3, 1b
        j isa_fail
2:      EXPECT s11, 1
        EXPECT s8, IRQ_M_TIMER
        EXPECT_MTIME_REACHED

        // A 64-bit deadline: the low word wraps (mtimecmp_hi = mtime_hi + 1, mtimecmp_lo small).
        // With mtime far below it nothing fires; then a deadline in the past fires at once.
        TESTCASE 7
        IRQ_RECORDS_CLEAR
        READ_MTIME t0, t1, t2
        addi t1, t1, 1
        li t0, 0
        WRITE_MTIMECMP t0, t1, t2, t3
        .rept 32
        nop
        .endr
        EXPECT s11, 0
        READ_MTIME t0, t1, t2
        WRITE_MTIMECMP t0, t1, t2, t3
        WAIT_NONZERO s11
        EXPECT s11, 1

        csrci mstatus, MSTATUS_MIE
        csrw mie, zero
        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        IRQ_HANDLER .Lhandler
.Ldone:
TEST_END
