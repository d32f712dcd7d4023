// amoor.w: atomically OR a register into a memory word; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amoor.w, 0xff00ff00, 0x0f0f0f0f, 0xff0fff0f
        TEST_AMO 3, amoor.w, 0x80000000, 0xfffff800, 0xfffff800
        TEST_AMO 4, amoor.w, 0x00000000, 0x12345678, 0x12345678
        TEST_AMO 5, amoor.w, 0x12345678, 0xffffffff, 0xffffffff
        TEST_AMO 6, amoor.w, 0x0ff00ff0, 0xf0f0f0f0, 0xfff0fff0
        TEST_AMO_RD_EQ_RS2 7, amoor.w, 0x80000000, 0xfffff800, 0xfffff800
        TEST_AMO_ZERODEST 8, amoor.w, 0x00000000, 0x12345678, 0x12345678
        // The ordering bits change nothing on one hart.
        TEST_AMO 9, amoor.w.aq, 0x12345678, 0xffffffff, 0xffffffff
        TEST_AMO 10, amoor.w.rl, 0x12345678, 0xffffffff, 0xffffffff
        TEST_AMO 11, amoor.w.aqrl, 0x12345678, 0xffffffff, 0xffffffff
TEST_END
