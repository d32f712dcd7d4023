// amoadd.w: atomically add a register to a memory word, modulo 2^32; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amoadd.w, 0x00000000, 0x00000000, 0x00000000
        TEST_AMO 3, amoadd.w, 0x80000000, 0xfffff800, 0x7ffff800
        TEST_AMO 4, amoadd.w, 0xffffffff, 0x00000001, 0x00000000
        TEST_AMO 5, amoadd.w, 0x7fffffff, 0x00000001, 0x80000000
        TEST_AMO 6, amoadd.w, 0x12345678, 0x11111111, 0x23456789
        TEST_AMO_RD_EQ_RS2 7, amoadd.w, 0x80000000, 0xfffff800, 0x7ffff800
        TEST_AMO_ZERODEST 8, amoadd.w, 0xffffffff, 0x00000001, 0x00000000
        // The ordering bits change nothing on one hart.
        TEST_AMO 9, amoadd.w.aq, 0x7fffffff, 0x00000001, 0x80000000
        TEST_AMO 10, amoadd.w.rl, 0x7fffffff, 0x00000001, 0x80000000
        TEST_AMO 11, amoadd.w.aqrl, 0x7fffffff, 0x00000001, 0x80000000
TEST_END
