// amoxor.w: atomically XOR a register into a memory word; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amoxor.w, 0xff00ff00, 0x0f0f0f0f, 0xf00ff00f
        TEST_AMO 3, amoxor.w, 0x80000000, 0xfffff800, 0x7ffff800
        TEST_AMO 4, amoxor.w, 0xffffffff, 0xffffffff, 0x00000000
        TEST_AMO 5, amoxor.w, 0x12345678, 0x00000000, 0x12345678
        TEST_AMO 6, amoxor.w, 0x0ff00ff0, 0xf0f0f0f0, 0xff00ff00
        TEST_AMO_RD_EQ_RS2 7, amoxor.w, 0x80000000, 0xfffff800, 0x7ffff800
        TEST_AMO_ZERODEST 8, amoxor.w, 0xffffffff, 0xffffffff, 0x00000000
        // The ordering bits change nothing on one hart.
        TEST_AMO 9, amoxor.w.aq, 0x12345678, 0x00000000, 0x12345678
        TEST_AMO 10, amoxor.w.rl, 0x12345678, 0x00000000, 0x12345678
        TEST_AMO 11, amoxor.w.aqrl, 0x12345678, 0x00000000, 0x12345678
TEST_END
