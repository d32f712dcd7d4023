// mstatus: only MIE and MPIE are writable and MPP reads M (3); mstatush reads 0 and ignores writes.
#include "isa_test.h"

TEST_BEGIN
        csrw mie, zero // setting MIE must let no interrupt in

        // All ones: MIE, MPIE and MPP read back, nothing else.
        TESTCASE 2
        li a1, -1
        csrw mstatus, a1
        csrr a4, mstatus
        EXPECT a4, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP

        // All zeros: MPP still reads 3.
        TESTCASE 3
        csrw mstatus, zero
        csrr a4, mstatus
        EXPECT a4, MSTATUS_MPP

        // MIE and MPIE one at a time.
        TESTCASE 4
        csrsi mstatus, MSTATUS_MIE
        csrr a4, mstatus
        EXPECT a4, MSTATUS_MIE | MSTATUS_MPP
        csrci mstatus, MSTATUS_MIE
        li a1, MSTATUS_MPIE
        csrs mstatus, a1
        csrr a4, mstatus
        EXPECT a4, MSTATUS_MPIE | MSTATUS_MPP
        csrc mstatus, a1
        csrr a4, mstatus
        EXPECT a4, MSTATUS_MPP

        // Writing MPP = 0 (U, which does not exist) leaves it at M.
        TESTCASE 5
        li a1, MSTATUS_MPP
        csrc mstatus, a1
        csrr a4, mstatus
        EXPECT a4, MSTATUS_MPP

        // mstatush: reads 0, writes are ignored (it is read/write, so they do not trap).
        TESTCASE 6
        csrr a4, mstatush
        EXPECT a4, 0
        li a1, -1
        csrw mstatush, a1
        csrr a4, mstatush
        EXPECT a4, 0
TEST_END
