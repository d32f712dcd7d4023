// jal: pc-relative jump that links pc+4, forwards, backwards and over more than a branch can reach.
#include "isa_test.h"

TEST_BEGIN
        // Links the address of the next instruction.
        TESTCASE 2
        li ra, 0
        jal ra, 1f
2:      j isa_fail
1:      EXPECT_ADDR ra, 2b

        // Other link registers.
        TESTCASE 3
        li a4, 0
        jal a4, 1f
2:      j isa_fail
1:      EXPECT_ADDR a4, 2b

        // Backwards jump; the instructions jumped over do not run.
        TESTCASE 4
        li a4, 0
        j 2f
1:      addi a4, a4, 1
        j 3f
        addi a4, a4, 8
2:      jal x0, 1b
        addi a4, a4, 16
3:      EXPECT a4, 1

        // jal x0 writes nothing.
        TESTCASE 5
        jal x0, 1f
        j isa_fail
1:      EXPECT x0, 0

        // Forward over 64 KiB and back again (offset bits beyond a branch's reach).
        TESTCASE 6
        li a4, 0
        jal a5, .Lfar_forward
.Lfar_return:
        EXPECT a4, 3
        j .Lfar_done
.Lfar_back:
        addi a4, a4, 2
        jr a5
        .skip 0x10000
.Lfar_forward:
        EXPECT_ADDR a5, .Lfar_return
        addi a4, a4, 1
        jal x0, .Lfar_back
.Lfar_done:
TEST_END
