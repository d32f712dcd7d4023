// Access faults: loads (cause 5), stores and AMOs (cause 7) and instruction fetches (cause 1) at an
// unmapped address, each with mtval = the address.
#include "isa_test.h"

TEST_BEGIN
        // Loads of each width; the destination register is left alone.
        TESTCASE 2
        li a1, BARE_UNMAPPED_ADDR
        li a4, 0x1234
        TEST_TRAP 2, CAUSE_LOAD_ACCESS, lw a4, 0(a1)
        EXPECT a4, 0x1234
        TESTCASE 3
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR

        TEST_TRAP 4, CAUSE_LOAD_ACCESS, lb a4, 5(a1)
        TESTCASE 5
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 5

        TEST_TRAP 6, CAUSE_LOAD_ACCESS, lhu a4, 0x7fe(a1)
        TESTCASE 7
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 0x7fe

        // Stores of each width.
        TEST_TRAP 8, CAUSE_STORE_ACCESS, sw a4, 8(a1)
        TESTCASE 9
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 8

        TEST_TRAP 10, CAUSE_STORE_ACCESS, sh a4, 2(a1)
        TESTCASE 11
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 2

        TEST_TRAP 12, CAUSE_STORE_ACCESS, sb a4, 3(a1)
        TESTCASE 13
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 3

        // LR is a load; AMOs are stores.
        TEST_TRAP 14, CAUSE_LOAD_ACCESS, lr.w a4, (a1)
        TESTCASE 15
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR

        TEST_TRAP 16, CAUSE_STORE_ACCESS, amoadd.w a4, a2, (a1)
        TESTCASE 17
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR

        TEST_TRAP 18, CAUSE_STORE_ACCESS, amoswap.w a4, a2, (a1)
        TESTCASE 19
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR

        // The 16-bit forms.
        .option push
        .option rvc
        li s0, BARE_UNMAPPED_ADDR
        TEST_TRAP 20, CAUSE_LOAD_ACCESS, c.lw a4, 4(s0)
        TESTCASE 21
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 4
        TEST_TRAP 22, CAUSE_STORE_ACCESS, c.sw a4, 12(s0)
        TESTCASE 23
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 12
        .option pop

        // A jump there: the jalr itself completes (ra is written), then the fetch at the target faults
        // with mepc = mtval = the target.
        TESTCASE 24
        li a1, BARE_UNMAPPED_ADDR
        li ra, 0
        TRAP_ARM CAUSE_FETCH_ACCESS, 1f
        jalr ra, 0(a1)
2:      j isa_fail
1:      EXPECT_ADDR ra, 2b
        TESTCASE 25
        TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR
        TESTCASE 26
        la t6, isa_trap_state
        lw t6, TS_EPC(t6)
        EXPECT t6, BARE_UNMAPPED_ADDR

        // The same through a 16-bit c.jr.
        TESTCASE 27
        .option push
        .option rvc
        li a1, BARE_UNMAPPED_ADDR + 0x10
        TRAP_ARM CAUSE_FETCH_ACCESS, 1f
        c.jr a1
        .option pop
        j isa_fail
1:      TRAP_EXPECT_TVAL BARE_UNMAPPED_ADDR + 0x10

        TESTCASE 28
        TRAP_EXPECT_COUNT 13
TEST_END
