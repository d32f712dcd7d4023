// A WFI sleep of one second of simulated time (10,000,000 mtime ticks), woken by the timer: time
// passes without instructions being run, so the simulator gets through it cheaply.
// (On QEMU the sleep takes a real second, and case 4 fails: QEMU's minstret counts something else.)
#include "isa_test.h"

TEST_BEGIN
        la t0, .Lhandler
        csrw mtvec, t0
        TIMER_OFF t0, t1
        IRQ_RECORDS_CLEAR
        li t0, MIP_MTIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE

        TESTCASE 2
        READ_MTIME s2, s3, t0
        csrr s4, minstret
        TIMER_IN ISA_TICKS_PER_SECOND
        li a0, 1000 // wfi may end early on some machines: bound the retries
1:      wfi
        bnez s11, 2f
        addi a0, a0, -1
        bnez a0, 1b
        j isa_fail
2:      csrr s5, minstret
        EXPECT s11, 1
        EXPECT s8, IRQ_M_TIMER

        // A full second went by.
        TESTCASE 3
        EXPECT_MTIME_REACHED
        READ_MTIME t0, t1, t2
        sub a4, t0, s2 // the low words' difference is right even across a carry, since it is < 2^32
        li t0, ISA_TICKS_PER_SECOND
        FAIL_IF_LTU a4, t0

        // ... on few instructions: the sleep did not spin.
        TESTCASE 4
        sub a4, s5, s4
        li t0, 1000
        FAIL_IF_GEU a4, t0

        csrci mstatus, MSTATUS_MIE
        csrw mie, zero
        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        IRQ_HANDLER .Lhandler
.Ldone:
TEST_END
