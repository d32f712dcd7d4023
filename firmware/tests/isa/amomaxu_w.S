// amomaxu.w: atomically store the unsigned maximum of a register and a memory word; rd gets the old word.
#include "isa_test.h"

TEST_BEGIN
        TEST_AMO 2, amomaxu.w, 0x00000000, 0x00000001, 0x00000001
        TEST_AMO 3, amomaxu.w, 0x80000000, 0x7fffffff, 0x80000000
        TEST_AMO 4, amomaxu.w, 0xffffffff, 0x00000000, 0xffffffff
        TEST_AMO 5, amomaxu.w, 0x00000001, 0xfffffffe, 0xfffffffe
        TEST_AMO 6, amomaxu.w, 0x7fffffff, 0x80000000, 0x80000000
        TEST_AMO 7, amomaxu.w, 0x80000005, 0x80000005, 0x80000005
        TEST_AMO_RD_EQ_RS2 8, amomaxu.w, 0x80000000, 0x7fffffff, 0x80000000
        TEST_AMO_ZERODEST 9, amomaxu.w, 0xffffffff, 0x00000000, 0xffffffff
        // The ordering bits change nothing on one hart.
        TEST_AMO 10, amomaxu.w.aq, 0x00000001, 0xfffffffe, 0xfffffffe
        TEST_AMO 11, amomaxu.w.rl, 0x00000001, 0xfffffffe, 0xfffffffe
        TEST_AMO 12, amomaxu.w.aqrl, 0x00000001, 0xfffffffe, 0xfffffffe
TEST_END
