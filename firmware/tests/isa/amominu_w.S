// amominu.w: atomically store the unsigned minimum of a register and a memory word; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amominu.w, 0x00000000, 0x00000001, 0x00000000
        TEST_AMO 3, amominu.w, 0x80000000, 0x7fffffff, 0x7fffffff
        TEST_AMO 4, amominu.w, 0xffffffff, 0x00000000, 0x00000000
        TEST_AMO 5, amominu.w, 0x00000001, 0xfffffffe, 0x00000001
        TEST_AMO 6, amominu.w, 0x7fffffff, 0x80000000, 0x7fffffff
        TEST_AMO 7, amominu.w, 0x80000005, 0x80000005, 0x80000005
        TEST_AMO_RD_EQ_RS2 8, amominu.w, 0x80000000, 0x7fffffff, 0x7fffffff
        TEST_AMO_ZERODEST 9, amominu.w, 0xffffffff, 0x00000000, 0x00000000
        // The ordering bits change nothing on one hart.
        TEST_AMO 10, amominu.w.aq, 0x00000001, 0xfffffffe, 0x00000001
        TEST_AMO 11, amominu.w.rl, 0x00000001, 0xfffffffe, 0x00000001
        TEST_AMO 12, amominu.w.aqrl, 0x00000001, 0xfffffffe, 0x00000001
TEST_END
