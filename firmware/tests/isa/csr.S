// The six CSR instructions (csrrw, csrrs, csrrc and their immediate forms), on mscratch.
#include "isa_test.h"

TEST_BEGIN
        // csrrw: rd gets the old value, the CSR the new one.
        TESTCASE 2
        li a1, 0x12345678
        csrw mscratch, a1
        li a2, 0x9abcdef0
        csrrw a4, mscratch, a2
        EXPECT a4, 0x12345678
        csrr a4, mscratch
        EXPECT a4, 0x9abcdef0

        // csrrw with rd == rs1: the old value is read before the register is overwritten.
        TESTCASE 3
        li a1, 0x0f0f0f0f
        csrrw a1, mscratch, a1
        EXPECT a1, 0x9abcdef0
        csrr a4, mscratch
        EXPECT a4, 0x0f0f0f0f

        // csrrw with rd = x0 (csrw) writes; with rs1 = x0 it writes 0.
        TESTCASE 4
        csrrw x0, mscratch, zero
        csrr a4, mscratch
        EXPECT a4, 0

        // csrrs: sets the bits of rs1, returns the old value.
        TESTCASE 5
        li a1, 0x000000f0
        csrw mscratch, a1
        li a2, 0x80000003
        csrrs a4, mscratch, a2
        EXPECT a4, 0x000000f0
        csrr a4, mscratch
        EXPECT a4, 0x800000f3

        // csrrs with rs1 = x0 only reads (csrr).
        TESTCASE 6
        csrrs a4, mscratch, x0
        EXPECT a4, 0x800000f3
        csrr a4, mscratch
        EXPECT a4, 0x800000f3

        // csrrc: clears the bits of rs1, returns the old value.
        TESTCASE 7
        li a2, 0x800000a1
        csrrc a4, mscratch, a2
        EXPECT a4, 0x800000f3
        csrr a4, mscratch
        EXPECT a4, 0x00000052

        // csrrc with rs1 = x0 only reads.
        TESTCASE 8
        csrrc a4, mscratch, x0
        EXPECT a4, 0x00000052

        // csrrs/csrrc with rd == rs1.
        TESTCASE 9
        li a1, 0x00000100
        csrrs a1, mscratch, a1
        EXPECT a1, 0x00000052
        csrr a4, mscratch
        EXPECT a4, 0x00000152
        li a1, 0x00000050
        csrrc a1, mscratch, a1
        EXPECT a1, 0x00000152
        csrr a4, mscratch
        EXPECT a4, 0x00000102

        // csrrwi: a 5-bit zero-extended immediate.
        TESTCASE 10
        csrrwi a4, mscratch, 31
        EXPECT a4, 0x00000102
        csrr a4, mscratch
        EXPECT a4, 31
        csrrwi a4, mscratch, 0
        EXPECT a4, 31
        csrr a4, mscratch
        EXPECT a4, 0

        // csrrsi.
        TESTCASE 11
        li a1, 0xa0000000
        csrw mscratch, a1
        csrrsi a4, mscratch, 0x11
        EXPECT a4, 0xa0000000
        csrr a4, mscratch
        EXPECT a4, 0xa0000011
        // uimm = 0 only reads.
        csrrsi a4, mscratch, 0
        EXPECT a4, 0xa0000011

        // csrrci.
        TESTCASE 12
        li a1, 0xffffffff
        csrw mscratch, a1
        csrrci a4, mscratch, 0x1e
        EXPECT a4, 0xffffffff
        csrr a4, mscratch
        EXPECT a4, 0xffffffe1
        csrrci a4, mscratch, 0
        EXPECT a4, 0xffffffe1

        // The pseudo-instructions with rd = x0.
        TESTCASE 13
        csrw mscratch, zero
        csrs mscratch, a1
        csrr a4, mscratch
        EXPECT a4, 0xffffffff
        li a2, 0x0000ffff
        csrc mscratch, a2
        csrr a4, mscratch
        EXPECT a4, 0xffff0000
        csrwi mscratch, 5
        csrsi mscratch, 8
        csrci mscratch, 1
        csrr a4, mscratch
        EXPECT a4, 12

        // Reading into x0 discards the value.
        TESTCASE 14
        csrrw x0, mscratch, a1
        csrrs x0, mscratch, x0
        EXPECT x0, 0
TEST_END
