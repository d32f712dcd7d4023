// fence: memory ordering; on one hart it orders nothing visible, so every form must run as a no-op.
#include "isa_test.h"

TEST_BEGIN
        // A store before a fence is seen by a load after it.
        TESTCASE 2
        la a1, .Lword
        li a2, 0x5a5aa5a5
        sw a2, 0(a1)
        fence rw, rw
        lw a4, 0(a1)
        EXPECT a4, 0x5a5aa5a5

        // The ordinary forms.
        TESTCASE 3
        li a4, 3
        fence
        fence iorw, iorw
        fence r, r
        fence w, w
        fence r, rw
        fence rw, w
        fence i, o
        fence o, i
        fence.tso
        EXPECT a4, 3

        // PAUSE (Zihintpause) is a fence with pred = W, succ = 0.
        TESTCASE 4
        .4byte 0x0100000f
        EXPECT a4, 3

        // A reserved fm value is treated as an ordinary fence.
        TESTCASE 5
        .4byte 0x1ff0000f
        EXPECT a4, 3

        // The rs1 and rd fields are reserved and ignored: rd = t0 is not written.
        TESTCASE 6
        li t0, 0x1234
        li t1, 0x5678
        .4byte 0x0ff3028f // fence iorw, iorw with rs1 = t1, rd = t0
        EXPECT t0, 0x1234
        EXPECT t1, 0x5678
TEST_END

        .data
        .balign 4
.Lword:
        .word 0
