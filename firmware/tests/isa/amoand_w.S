// amoand.w: atomically AND a register into a memory word; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amoand.w, 0xff00ff00, 0x0f0f0f0f, 0x0f000f00
        TEST_AMO 3, amoand.w, 0x80000000, 0xfffff800, 0x80000000
        TEST_AMO 4, amoand.w, 0xffffffff, 0x12345678, 0x12345678
        TEST_AMO 5, amoand.w, 0x12345678, 0x00000000, 0x00000000
        TEST_AMO 6, amoand.w, 0x0ff00ff0, 0xf0f0f0f0, 0x00f000f0
        TEST_AMO_RD_EQ_RS2 7, amoand.w, 0x80000000, 0xfffff800, 0x80000000
        TEST_AMO_ZERODEST 8, amoand.w, 0xffffffff, 0x12345678, 0x12345678
        // The ordering bits change nothing on one hart.
        TEST_AMO 9, amoand.w.aq, 0x12345678, 0x00000000, 0x00000000
        TEST_AMO 10, amoand.w.rl, 0x12345678, 0x00000000, 0x00000000
        TEST_AMO 11, amoand.w.aqrl, 0x12345678, 0x00000000, 0x00000000
TEST_END
