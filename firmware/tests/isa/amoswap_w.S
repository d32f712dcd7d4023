// amoswap.w: atomically swap a register with a memory word; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amoswap.w, 0x00000000, 0x80000000, 0x80000000
        TEST_AMO 3, amoswap.w, 0x80000000, 0xfffff800, 0xfffff800
        TEST_AMO 4, amoswap.w, 0xfffff800, 0x00000001, 0x00000001
        TEST_AMO 5, amoswap.w, 0x12345678, 0x00000000, 0x00000000
        TEST_AMO 6, amoswap.w, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef
        TEST_AMO_RD_EQ_RS2 7, amoswap.w, 0x80000000, 0xfffff800, 0xfffff800
        TEST_AMO_ZERODEST 8, amoswap.w, 0xfffff800, 0x00000001, 0x00000001
        // The ordering bits change nothing on one hart.
        TEST_AMO 9, amoswap.w.aq, 0x12345678, 0x00000000, 0x00000000
        TEST_AMO 10, amoswap.w.rl, 0x12345678, 0x00000000, 0x00000000
        TEST_AMO 11, amoswap.w.aqrl, 0x12345678, 0x00000000, 0x00000000
TEST_END
