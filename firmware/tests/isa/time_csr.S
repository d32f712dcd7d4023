// time/timeh: read-only views of the CLINT's mtime, moving forwards.
// (QEMU's spike machine does not implement the time CSR: there this test ends with an illegal-instruction
// trap, exit code 0x82.)
#include "isa_test.h"

TEST_BEGIN
        // time agrees with mtime read from the CLINT just before (within 1 ms of ticks).
        TESTCASE 2
        READ_MTIME s0, s1, t0
        csrr a0, time
        csrr a1, timeh
        FAIL_IF_LTU a0, s0
        sub a4, a0, s0
        li t0, ISA_TICKS_PER_SECOND / 1000
        FAIL_IF_GEU a4, t0
        EXPECT_EQ a1, s1

        // time moves.
        TESTCASE 3
        csrr a0, time
        li t3, ISA_POLL_LIMIT
1:      csrr a1, time
        bne a1, a0, 2f
        addi t3, t3, -1
        bnez t3, 1b
        j isa_fail
2:
        // ... and only forwards, over a number of reads (no wrap of the low word in this test's life).
        TESTCASE 4
        li t3, 1000
        csrr a0, time
1:      csrr a1, time
        FAIL_IF_LTU a1, a0
        mv a0, a1
        addi t3, t3, -1
        bnez t3, 1b

        // timeh agrees with the high word of mtime.
        TESTCASE 5
        li t0, ISA_CLINT_MTIME
        lw a0, 4(t0)
        csrr a1, timeh
        EXPECT_EQ a0, a1
TEST_END
