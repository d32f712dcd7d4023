// mret returns to mepc with MIE = MPIE, MPIE = 1 and MPP left at M; taking a trap saves MIE in MPIE,
// clears MIE and sets MPP to M.
#include "isa_test.h"

TEST_BEGIN
        csrw mie, zero // so that setting MIE lets no interrupt in
        // MPP reads M on cellvp anyway; portable code sets it before its first mret.
        li t0, MSTATUS_MPP
        csrs mstatus, t0

        // mret jumps to mepc.
        TESTCASE 2
        la t0, 1f
        csrw mepc, t0
        mret
        j isa_fail
1:
        // MPIE = 1, MIE = 0: after mret MIE = 1 and MPIE = 1.
        TESTCASE 3
        li t0, MSTATUS_MPIE
        csrs mstatus, t0
        csrci mstatus, MSTATUS_MIE
        la t0, 1f
        csrw mepc, t0
        mret
        j isa_fail
1:      csrr a4, mstatus
        andi a4, a4, MSTATUS_MIE | MSTATUS_MPIE
        EXPECT a4, MSTATUS_MIE | MSTATUS_MPIE

        // MPIE = 0, MIE = 1: after mret MIE = 0 and MPIE = 1.
        TESTCASE 4
        li t0, MSTATUS_MPIE
        csrc mstatus, t0
        csrsi mstatus, MSTATUS_MIE
        la t0, 1f
        csrw mepc, t0
        mret
        j isa_fail
1:      csrr a4, mstatus
        andi a4, a4, MSTATUS_MIE | MSTATUS_MPIE
        EXPECT a4, MSTATUS_MPIE

        // MPP still reads M (3) after mret: there is no other mode to return to.
        TESTCASE 5
        csrr a4, mstatus
        li t0, MSTATUS_MPP
        and a4, a4, t0
        EXPECT a4, MSTATUS_MPP

        // mret to a 16-bit instruction at an address that is 2 mod 4.
        TESTCASE 6
        li a4, 0
        la t0, 2f
        csrw mepc, t0
        mret
        j isa_fail
        .option push
        .option rvc
        .balign 4
        c.nop
2:      c.addi a4, 1
        .option pop
        EXPECT a4, 1
        la t0, 2b
        andi t0, t0, 3
        EXPECT t0, 2

        // Trap entry with MIE = 1: the handler sees MIE = 0, MPIE = 1, MPP = M; mret brings MIE back.
        TESTCASE 7
        la t0, .Lhandler
        csrw mtvec, t0
        csrsi mstatus, MSTATUS_MIE
        li s2, 0
        ecall
        csrr a4, mstatus
        andi a4, a4, MSTATUS_MIE
        EXPECT a4, MSTATUS_MIE
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
        and s2, s2, t0
        EXPECT s2, MSTATUS_MPIE | MSTATUS_MPP

        // Trap entry with MIE = 0: the handler sees MIE = 0, MPIE = 0.
        TESTCASE 8
        csrci mstatus, MSTATUS_MIE
        li s2, -1
        ecall
        csrr a4, mstatus
        andi a4, a4, MSTATUS_MIE
        EXPECT a4, 0
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
        and s2, s2, t0
        EXPECT s2, MSTATUS_MPP

        la t0, isa_trap_vector
        csrw mtvec, t0
        j .Ldone

        // Records mstatus as the trap found it in s2 and returns past the ecall.
        ISA_ALIGN 4
.Lhandler:
        csrr t5, mcause
        li t6, CAUSE_MACHINE_ECALL
        bne t5, t6, isa_trap_vector
        csrr s2, mstatus
        csrr t5, mepc
        addi t5, t5, 4
        csrw mepc, t5
        mret
.Ldone:
TEST_END
