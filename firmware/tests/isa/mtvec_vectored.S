// Vectored mtvec (mode 1): interrupts go to base + 4 * cause, exceptions to the base.
#include "isa_test.h"

TEST_BEGIN
        TIMER_OFF t0, t1
        SET_MSIP 0, t0, t1
        csrw mie, zero
        la t0, .Lvectors
        ori t0, t0, MTVEC_VECTORED
        csrw mtvec, t0
        li s6, 0
        li s7, -1

        // An exception goes to the base (entry 0).
        TESTCASE 2
        ecall
        EXPECT s7, 0
        EXPECT s6, CAUSE_MACHINE_ECALL

        // The software interrupt goes to entry 3.
        TESTCASE 3
        li s6, 0
        li s7, -1
        li t0, MIP_MSIP | MIP_MTIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        SET_MSIP 1, t0, t1
        WAIT_NONZERO s6
        EXPECT s7, 3
        EXPECT s6, CAUSE_INTERRUPT | IRQ_M_SOFT

        // The timer interrupt goes to entry 7.
        TESTCASE 4
        li s6, 0
        li s7, -1
        li t0, 0
        WRITE_MTIMECMP t0, t0, t1, t2
        WAIT_NONZERO s6
        EXPECT s7, 7
        EXPECT s6, CAUSE_INTERRUPT | IRQ_M_TIMER

        csrci mstatus, MSTATUS_MIE
        csrw mie, zero
        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        // The vector table: one 32-bit jump per cause. Each handler sets s7 = its entry, s6 = mcause.
        ISA_ALIGN 64
.Lvectors:
        j .Lexception   // 0: exceptions
        j .Lwrong       // 1
        j .Lwrong       // 2
        j .Lsoft        // 3: machine software interrupt
        j .Lwrong       // 4
        j .Lwrong       // 5
        j .Lwrong       // 6
        j .Ltimer       // 7: machine timer interrupt
        j .Lwrong       // 8
        j .Lwrong       // 9
        j .Lwrong       // 10
        j .Lwrong       // 11: machine external interrupt, not raised here

.Lwrong:
        j isa_trap_vector
.Lexception:
        csrr t5, mcause
        li t6, CAUSE_MACHINE_ECALL
        bne t5, t6, isa_trap_vector
        li s7, 0
        mv s6, t5
        csrr t5, mepc
        addi t5, t5, 4
        csrw mepc, t5
        mret
.Lsoft:
        li s7, 3
        csrr s6, mcause
        li t6, ISA_CLINT_MSIP
        sw zero, 0(t6)
1:      csrr t5, mip
        andi t5, t5, MIP_MSIP
        bnez t5, 1b
        mret
.Ltimer:
        li s7, 7
        csrr s6, mcause
        TIMER_OFF t5, t6
1:      csrr t5, mip
        andi t5, t5, MIP_MTIP
        bnez t5, 1b
        mret
.Ldone:
TEST_END
