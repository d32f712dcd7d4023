// The machine's identity CSRs: misa (RV32 IMAC, writes ignored), mhartid, mvendorid, marchid, mimpid
// and mconfigptr (all 0).
#include "isa_test.h"

TEST_BEGIN
        TESTCASE 2
        csrr a4, misa
        EXPECT a4, CELLVP_MISA

        // misa is read/write but writes are ignored: the extensions cannot be switched off.
        TESTCASE 3
        csrw misa, zero
        csrr a4, misa
        EXPECT a4, CELLVP_MISA
        li a1, -1
        csrw misa, a1
        csrr a4, misa
        EXPECT a4, CELLVP_MISA
        // ... and M, A and C still work.
        li a1, 6
        li a2, 7
        mul a4, a1, a2
        EXPECT a4, 42
        .option push
        .option rvc
        c.li a4, 5
        .option pop
        EXPECT a4, 5

        TESTCASE 4
        li a4, -1
        csrr a4, mhartid
        EXPECT a4, 0

        TESTCASE 5
        li a4, -1
        csrr a4, mvendorid
        EXPECT a4, 0

        TESTCASE 6
        li a4, -1
        csrr a4, marchid
        EXPECT a4, 0

        TESTCASE 7
        li a4, -1
        csrr a4, mimpid
        EXPECT a4, 0

        TESTCASE 8
        li a4, -1
        csrr a4, mconfigptr
        EXPECT a4, 0
TEST_END
