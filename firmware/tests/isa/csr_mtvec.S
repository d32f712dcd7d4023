// mtvec: direct mode (4-byte aligned base) and vectored mode (mode 1) read back as written, and traps
// go to the base in both modes. (mtvec_vectored.S sends interrupts through a vector table.)
#include "isa_test.h"

TEST_BEGIN
        TESTCASE 2
        la a1, .Lhandler_direct
        csrw mtvec, a1
        csrr a4, mtvec
        EXPECT_EQ a4, a1

        // An exception goes to the base in direct mode.
        TESTCASE 3
        li s2, 0
        ecall
        EXPECT s2, 1

        TESTCASE 4
        la a1, .Lhandler_vectored
        ori a1, a1, MTVEC_VECTORED
        csrw mtvec, a1
        csrr a4, mtvec
        EXPECT_EQ a4, a1

        // An exception goes to the base in vectored mode too.
        TESTCASE 5
        li s2, 0
        ecall
        EXPECT s2, 2

        TESTCASE 6
        la a1, isa_trap_vector
        csrw mtvec, a1
        csrr a4, mtvec
        EXPECT_EQ a4, a1
        TEST_TRAP 7, CAUSE_MACHINE_ECALL, ecall
        j .Ldone

        // Each marks itself in s2 and returns past the ecall.
        ISA_ALIGN 4
.Lhandler_direct:
        li s2, 1
        j .Lreturn
        ISA_ALIGN 64
.Lhandler_vectored:
        li s2, 2
.Lreturn:
        csrr t5, mcause
        li t6, CAUSE_MACHINE_ECALL
        bne t5, t6, isa_trap_vector
        csrr t5, mepc
        addi t5, t5, 4
        csrw mepc, t5
        mret
.Ldone:
TEST_END
