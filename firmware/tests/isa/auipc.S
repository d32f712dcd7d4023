// auipc: pc of the auipc plus a 20-bit upper immediate. The pc comes from jal, not from auipc itself.
#include "isa_test.h"

TEST_BEGIN
        TESTCASE 2
        jal a5, 1f
1:      auipc a4, 0
        sub a4, a4, a5
        EXPECT a4, 0

        TESTCASE 3
        jal a5, 1f
1:      auipc a4, 1
        sub a4, a4, a5
        EXPECT a4, 0x1000

        TESTCASE 4
        jal a5, 1f
1:      auipc a4, 0xfffff
        sub a4, a4, a5
        EXPECT a4, -0x1000

        TESTCASE 5
        jal a5, 1f
1:      auipc a4, 0x80000
        sub a4, a4, a5
        EXPECT a4, 0x80000000

        // The sum wraps modulo 2^32 (the program runs at 0x8xxxxxxx).
        TESTCASE 6
        jal a5, 1f
1:      auipc a4, 0x7ffff
        sub a4, a4, a5
        EXPECT a4, 0x7ffff000

        // auipc + addi reaches a label (what `la` expands to).
        TESTCASE 7
1:      auipc a4, %pcrel_hi(2f)
        addi a4, a4, %pcrel_lo(1b)
        jal a5, 2f
2:      EXPECT_EQ a4, a5

        TESTCASE 8
        auipc x0, 0x12345
        EXPECT x0, 0
TEST_END
