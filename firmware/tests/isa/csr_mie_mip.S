// mie holds MSIE, MTIE and MEIE only; mip shows the MSIP, MTIP and MEIP lines and ignores writes.
#include "isa_test.h"

TEST_BEGIN
        csrci mstatus, MSTATUS_MIE
        TIMER_OFF t0, t1
        SET_MSIP 0, t0, t1

        // mie: all ones read back as the three machine-level enables.
        TESTCASE 2
        li a1, -1
        csrw mie, a1
        csrr a4, mie
        EXPECT a4, MIP_MSIP | MIP_MTIP | MIP_MEIP
        csrw mie, zero
        csrr a4, mie
        EXPECT a4, 0

        // ... one at a time.
        TESTCASE 3
        csrsi mie, MIP_MSIP
        csrr a4, mie
        EXPECT a4, MIP_MSIP
        li a1, MIP_MTIP
        csrrs a4, mie, a1
        EXPECT a4, MIP_MSIP
        li a1, MIP_MEIP
        csrrs a4, mie, a1
        EXPECT a4, MIP_MSIP | MIP_MTIP
        csrrci a4, mie, MIP_MSIP
        EXPECT a4, MIP_MSIP | MIP_MTIP | MIP_MEIP
        csrr a4, mie
        EXPECT a4, MIP_MTIP | MIP_MEIP
        csrw mie, zero

        // mip: nothing pending (the timer is off, msip 0, the external line low at reset).
        TESTCASE 4
        WAIT_MIP -1, 0

        // msip sets MSIP; a CSR write cannot clear it; clearing msip does.
        TESTCASE 5
        SET_MSIP 1, t0, t1
        WAIT_MIP -1, MIP_MSIP
        li a1, -1
        csrc mip, a1
        csrr a4, mip
        EXPECT a4, MIP_MSIP
        csrw mip, zero
        csrr a4, mip
        EXPECT a4, MIP_MSIP
        SET_MSIP 0, t0, t1
        WAIT_MIP -1, 0

        // mtimecmp <= mtime sets MTIP; a CSR write cannot clear it; a later mtimecmp does.
        TESTCASE 6
        li t0, 0
        WRITE_MTIMECMP t0, t0, t1, t2
        WAIT_MIP -1, MIP_MTIP
        li a1, -1
        csrc mip, a1
        csrr a4, mip
        EXPECT a4, MIP_MTIP
        TIMER_OFF t0, t1
        WAIT_MIP -1, 0

        // A CSR write cannot set any bit either (the write itself is allowed).
        TESTCASE 7
        li a1, -1
        csrs mip, a1
        csrr a4, mip
        EXPECT a4, 0
        csrw mip, a1
        csrr a4, mip
        EXPECT a4, 0
TEST_END
