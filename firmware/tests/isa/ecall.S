// ecall: environment call from M-mode traps with cause 11, mepc = the ecall, mtval = 0.
#include "isa_test.h"

TEST_BEGIN
        TEST_TRAP 2, CAUSE_MACHINE_ECALL, ecall
        TRAP_EXPECT_TVAL 0

        // The registers outside the trap handler's (t5, t6) survive the trap and the mret.
        TESTCASE 3
        li a0, 0x10
        li a7, 0x17
        li s0, 0x20
        li s11, 0x2b
        li tp, 0x04
        TRAP_ARM CAUSE_MACHINE_ECALL, 1f
        ecall
        j isa_fail
1:      EXPECT a0, 0x10
        EXPECT a7, 0x17
        EXPECT s0, 0x20
        EXPECT s11, 0x2b
        EXPECT tp, 0x04

        // An exception is not maskable: it is taken with mstatus.MIE set (mie = 0, so no interrupt).
        TESTCASE 4
        csrw mie, zero
        csrsi mstatus, MSTATUS_MIE
        TRAP_ARM CAUSE_MACHINE_ECALL, 1f
2:      ecall
        j isa_fail
1:      TRAP_EXPECT_EPC 2b
        // The trap cleared MIE and mret restored it from MPIE.
        csrr a4, mstatus
        andi a4, a4, MSTATUS_MIE
        EXPECT a4, MSTATUS_MIE
        csrci mstatus, MSTATUS_MIE

        // An ecall at an address that is 2 mod 4 (after a 16-bit instruction).
        TESTCASE 5
        TRAP_ARM CAUSE_MACHINE_ECALL, 1f
        .option push
        .option rvc
        .balign 4
        c.nop
        .option pop
2:      ecall
        j isa_fail
1:      TRAP_EXPECT_EPC 2b
        la t0, 2b
        andi t0, t0, 3
        EXPECT t0, 2

        TRAP_EXPECT_COUNT 4
TEST_END
