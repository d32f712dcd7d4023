// The trap-state CSRs as plain registers: mepc (bit 0 always 0), mcause, mtval and mscratch.
#include "isa_test.h"

TEST_BEGIN
        // mepc: bit 0 reads 0; bit 1 is kept, 16-bit instructions may start there.
        TESTCASE 2
        li a1, 0x12345679
        csrw mepc, a1
        csrr a4, mepc
        EXPECT a4, 0x12345678
        li a1, 0x1234567a
        csrw mepc, a1
        csrr a4, mepc
        EXPECT a4, 0x1234567a
        li a1, -1
        csrw mepc, a1
        csrr a4, mepc
        EXPECT a4, 0xfffffffe
        csrw mepc, zero
        csrr a4, mepc
        EXPECT a4, 0

        // mcause holds any cause this machine can report.
        TESTCASE 3
        li a1, CAUSE_INTERRUPT | IRQ_M_EXT
        csrw mcause, a1
        csrr a4, mcause
        EXPECT a4, CAUSE_INTERRUPT | IRQ_M_EXT
        li a1, CAUSE_ILLEGAL_INSTRUCTION
        csrw mcause, a1
        csrr a4, mcause
        EXPECT a4, CAUSE_ILLEGAL_INSTRUCTION
        li a1, CAUSE_INTERRUPT | IRQ_M_SOFT
        csrw mcause, a1
        csrr a4, mcause
        EXPECT a4, CAUSE_INTERRUPT | IRQ_M_SOFT

        // mtval and mscratch hold every bit.
        TESTCASE 4
        li a1, 0xdeadbeef
        csrw mtval, a1
        csrr a4, mtval
        EXPECT a4, 0xdeadbeef
        csrw mtval, zero
        csrr a4, mtval
        EXPECT a4, 0

        TESTCASE 5
        li a1, 0xa5a5a5a5
        csrw mscratch, a1
        csrr a4, mscratch
        EXPECT a4, 0xa5a5a5a5
        li a1, -1
        csrw mscratch, a1
        csrr a4, mscratch
        EXPECT a4, 0xffffffff

        // A trap overwrites mepc, mcause and mtval, and leaves mscratch alone. (The common trap vector
        // recorded mepc, then pointed it at the resume address.)
        TESTCASE 6
        li a1, 0x600dcafe
        csrw mscratch, a1
        li a1, 0x11111111
        csrw mtval, a1
        TRAP_ARM CAUSE_BREAKPOINT, 1f
2:      ebreak
        j isa_fail
1:      TRAP_EXPECT_EPC 2b
        csrr a4, mcause
        EXPECT a4, CAUSE_BREAKPOINT
        csrr a4, mscratch
        EXPECT a4, 0x600dcafe
        csrr a4, mtval
        li t0, 0x11111111
        FAIL_UNLESS_NE a4, t0
TEST_END
