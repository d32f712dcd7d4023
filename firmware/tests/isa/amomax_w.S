// amomax.w: atomically store the signed maximum of a register and a memory word; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amomax.w, 0x00000000, 0x00000001, 0x00000001
        TEST_AMO 3, amomax.w, 0x80000000, 0x7fffffff, 0x7fffffff
        TEST_AMO 4, amomax.w, 0xffffffff, 0x00000000, 0x00000000
        TEST_AMO 5, amomax.w, 0x00000001, 0xfffffffe, 0x00000001
        TEST_AMO 6, amomax.w, 0x7fffffff, 0x80000000, 0x7fffffff
        TEST_AMO 7, amomax.w, 0xfffffffb, 0xfffffffb, 0xfffffffb
        TEST_AMO_RD_EQ_RS2 8, amomax.w, 0x80000000, 0x7fffffff, 0x7fffffff
        TEST_AMO_ZERODEST 9, amomax.w, 0xffffffff, 0x00000000, 0x00000000
        // The ordering bits change nothing on one hart.
        TEST_AMO 10, amomax.w.aq, 0x00000001, 0xfffffffe, 0x00000001
        TEST_AMO 11, amomax.w.rl, 0x00000001, 0xfffffffe, 0x00000001
        TEST_AMO 12, amomax.w.aqrl, 0x00000001, 0xfffffffe, 0x00000001
TEST_END
