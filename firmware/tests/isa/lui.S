// lui: load a 20-bit immediate into the upper bits, low 12 bits zero.
#include "isa_test.h"

TEST_BEGIN
        TESTCASE 2
        lui a4, 0x00000
        EXPECT a4, 0x00000000

        TESTCASE 3
        lui a4, 0xfffff
        EXPECT a4, 0xfffff000

        TESTCASE 4
        lui a4, 0x7ffff
        EXPECT a4, 0x7ffff000

        TESTCASE 5
        lui a4, 0x80000
        EXPECT a4, 0x80000000

        TESTCASE 6
        lui a4, 0x12345
        EXPECT a4, 0x12345000

        // The low 12 bits are cleared, not kept.
        TESTCASE 7
        li a4, -1
        lui a4, 0x00001
        EXPECT a4, 0x00001000

        TESTCASE 8
        lui x0, 0x80000
        EXPECT x0, 0
TEST_END
