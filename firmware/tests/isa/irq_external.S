// Machine external interrupt (cause 11) from the test interrupt source: mip.MEIP follows the line,
// the interrupt is taken when enabled, through a vectored mtvec too, and wakes WFI.
// cellvp only: it drives the test interrupt source of the bare machine (BARE_TESTIRQ_BASE).
#include "isa_test.h"

TEST_BEGIN
        la t0, .Lhandler
        csrw mtvec, t0
        TIMER_OFF t0, t1
        SET_MSIP 0, t0, t1
        SET_TESTIRQ 0, t0, t1
        csrw mie, zero
        IRQ_RECORDS_CLEAR

        // The line starts low: mip.MEIP is 0 and the source reads 0.
        TESTCASE 2
        WAIT_MIP MIP_MEIP, 0
        li t0, ISA_TESTIRQ_MEIP
        lw a4, 0(t0)
        EXPECT a4, 0

        // Raised: mip.MEIP follows, the source reads 1; lowered: both back to 0 (level, not edge).
        TESTCASE 3
        SET_TESTIRQ 1, t0, t1
        WAIT_MIP MIP_MEIP, MIP_MEIP
        li t0, ISA_TESTIRQ_MEIP
        lw a4, 0(t0)
        EXPECT a4, 1
        SET_TESTIRQ 0, t0, t1
        WAIT_MIP MIP_MEIP, 0
        li t0, ISA_TESTIRQ_MEIP
        lw a4, 0(t0)
        EXPECT a4, 0
        EXPECT s11, 0

        // Enabled: taken once with cause 11; the handler lowered the line.
        TESTCASE 4
        li t0, MIP_MEIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        SET_TESTIRQ 1, t0, t1
        WAIT_NONZERO s11
        EXPECT s11, 1
        EXPECT s8, IRQ_M_EXT
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
        and a4, s9, t0
        EXPECT a4, MSTATUS_MPIE | MSTATUS_MPP
        csrr a4, mip
        li t0, MIP_MEIP
        and a4, a4, t0
        EXPECT a4, 0

        // mip is read-only: the MEIP bit cannot be set or cleared by a CSR write.
        TESTCASE 5
        csrci mstatus, MSTATUS_MIE
        li t0, MIP_MEIP
        csrs mip, t0
        csrr a4, mip
        and a4, a4, t0
        EXPECT a4, 0
        SET_TESTIRQ 1, t0, t1
        WAIT_MIP MIP_MEIP, MIP_MEIP
        li t0, MIP_MEIP
        csrc mip, t0
        csrr a4, mip
        and a4, a4, t0
        EXPECT a4, MIP_MEIP
        SET_TESTIRQ 0, t0, t1
        WAIT_MIP MIP_MEIP, 0

        // WFI with the line already high returns; with MIE = 0 no trap is taken.
        TESTCASE 6
        IRQ_RECORDS_CLEAR
        SET_TESTIRQ 1, t0, t1
        WAIT_MIP MIP_MEIP, MIP_MEIP
        wfi
        EXPECT s11, 0
        SET_TESTIRQ 0, t0, t1
        WAIT_MIP MIP_MEIP, 0

        // Vectored mtvec: the external interrupt goes to entry 11.
        TESTCASE 7
        la t0, .Lvectors
        ori t0, t0, MTVEC_VECTORED
        csrw mtvec, t0
        li s6, 0
        li s7, -1
        csrsi mstatus, MSTATUS_MIE
        SET_TESTIRQ 1, t0, t1
        WAIT_NONZERO s6
        EXPECT s7, 11
        EXPECT s6, CAUSE_INTERRUPT | IRQ_M_EXT

        csrci mstatus, MSTATUS_MIE
        csrw mie, zero
        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        IRQ_HANDLER .Lhandler

        // Vector table: only entry 11 is expected; it sets s7 = 11, s6 = mcause.
        ISA_ALIGN 64
.Lvectors:
        .rept 11
        j isa_trap_vector
        .endr
        j .Lexternal    // 11: machine external interrupt
.Lexternal:
        li s7, 11
        csrr s6, mcause
        li t6, ISA_TESTIRQ_MEIP
        sw zero, 0(t6)
1:      csrr t5, mip
        srli t5, t5, 11 // MEIP
        andi t5, t5, 1
        bnez t5, 1b
        mret
.Ldone:
TEST_END
