// Machine software interrupt (cause 3) from the CLINT's msip: taken when enabled, mcause/mepc/mstatus
// as the privileged spec says, and taken before a pending timer interrupt (MSI > MTI).
#include "isa_test.h"

TEST_BEGIN
        la t0, .Lhandler
        csrw mtvec, t0
        TIMER_OFF t0, t1
        SET_MSIP 0, t0, t1
        csrw mie, zero
        IRQ_RECORDS_CLEAR

        // msip raises mip.MSIP, with nothing enabled yet.
        TESTCASE 2
        SET_MSIP 1, t0, t1
        WAIT_MIP MIP_MSIP, MIP_MSIP
        EXPECT s11, 0

        // Enabled in mie and mstatus: taken once; the handler cleared msip.
        TESTCASE 3
        li t0, MIP_MSIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        WAIT_NONZERO s11
        EXPECT s11, 1
        EXPECT s8, IRQ_M_SOFT
        csrr a4, mip
        andi a4, a4, MIP_MSIP
        EXPECT a4, 0

        // In the handler: MIE = 0, MPIE = 1, MPP = M; afterwards MIE is back.
        TESTCASE 4
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
        and a4, s9, t0
        EXPECT a4, MSTATUS_MPIE | MSTATUS_MPP
        csrr a4, mstatus
        andi a4, a4, MSTATUS_MIE
        EXPECT a4, MSTATUS_MIE

        // mepc is where the program was interrupted: after the store that raised msip (the line may
        // take a few instructions to arrive) and before the wait ended.
        TESTCASE 5
        IRQ_RECORDS_CLEAR
        li t0, ISA_CLINT_MSIP
        li t1, 1
        sw t1, 0(t0)
1:      .rept 16
        nop
        .endr
        WAIT_NONZERO s11
2:      EXPECT s11, 1
        la t0, 1b
        FAIL_IF_LTU s10, t0
        la t0, 2b
        FAIL_IF_GEU s10, t0

        // Software and timer interrupts pending together: the software one is taken first.
        TESTCASE 6
        csrci mstatus, MSTATUS_MIE
        IRQ_RECORDS_CLEAR
        SET_MSIP 1, t0, t1
        li t0, 0
        WRITE_MTIMECMP t0, t0, t1, t2
        WAIT_MIP MIP_MSIP | MIP_MTIP, MIP_MSIP | MIP_MTIP
        li t0, MIP_MSIP | MIP_MTIP
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        WAIT_NONZERO s11
        li t3, ISA_POLL_LIMIT
1:      li t0, 2
        beq s11, t0, 2f
        addi t3, t3, -1
        bnez t3, 1b
2:      EXPECT s11, 2
        EXPECT s8, (IRQ_M_SOFT << 4) | IRQ_M_TIMER

        csrci mstatus, MSTATUS_MIE
        csrw mie, zero
        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        IRQ_HANDLER .Lhandler
.Ldone:
TEST_END
