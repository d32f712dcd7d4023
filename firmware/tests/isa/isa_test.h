// Macros of the ISA tests: the program frame, pass/fail through `tohost`, trap bookkeeping and test cases.
//
// Conventions (README.md has the whole story):
//   TESTNUM (gp)   number of the case being run; a failure exits with it (never 0, always below 127).
//   a1, a2         operands of the one-line cases; a4 their result; t2 the expected value.
//   t5, t6         belong to the trap handlers: a test keeps nothing in them across a trap.
//   sp             points at a small stack (isa_stack_top) for the tests of the sp-relative C instructions.
//   s8 .. s11      what IRQ_HANDLER records, in the interrupt tests.
// An unexpected trap exits with ISA_EXIT_EXCEPTION + mcause or ISA_EXIT_INTERRUPT + cause, codes a
// test case number never takes, and leaves mcause/mepc/mtval in isa_trap_state for a debugger.
#ifndef CELLVP_ISA_TEST_H
#define CELLVP_ISA_TEST_H

#include "cellvp/bare_map.h"

// ---- Exit codes --------------------------------------------------------------------------------
// A failing case exits with its number (1 .. 126); an unexpected trap with a code of 128 or more, the
// exception codes being those of the firmware's crt0 (0x82: illegal instruction, 0x85: load access fault).
#define ISA_EXIT_PASS 0
#define ISA_EXIT_NO_TESTNUM 0x7f // isa_fail reached with TESTNUM still 0
#define ISA_EXIT_EXCEPTION 0x80  // + mcause: unexpected exception
#define ISA_EXIT_INTERRUPT 0xc0  // + cause: unexpected interrupt

// ---- Machine-mode CSR fields and trap causes (privileged spec) ----------------------------------
#define MSTATUS_MIE 0x00000008
#define MSTATUS_MPIE 0x00000080
#define MSTATUS_MPP 0x00001800
#define MIP_MSIP 0x00000008
#define MIP_MTIP 0x00000080
#define MIP_MEIP 0x00000800
#define MTVEC_VECTORED 1

#define CAUSE_INTERRUPT 0x80000000
#define CAUSE_FETCH_MISALIGNED 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_LOAD_MISALIGNED 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_MISALIGNED 6 // also AMOs and SC
#define CAUSE_STORE_ACCESS 7     // also AMOs and SC
#define CAUSE_MACHINE_ECALL 11
#define IRQ_M_SOFT 3
#define IRQ_M_TIMER 7
#define IRQ_M_EXT 11

// What cellvp's hart reports in misa: RV32 (MXL=1) with A, C, I, M.
#define CELLVP_MISA 0x40001105

// ---- Addresses, all derived from the shared memory map -----------------------------------------
#define ISA_CLINT_MSIP (BARE_CLINT_BASE + CLINT_MSIP(0))
#define ISA_CLINT_MTIMECMP (BARE_CLINT_BASE + CLINT_MTIMECMP(0))
#define ISA_CLINT_MTIME (BARE_CLINT_BASE + CLINT_MTIME)
#define ISA_TESTIRQ_MEIP (BARE_TESTIRQ_BASE + BARE_TESTIRQ_MEIP)
#define ISA_TICKS_PER_SECOND CLINT_DEFAULT_TIMEBASE_HZ

// How often a test polls for something that another model makes happen (an interrupt line seen in mip,
// a handler run) before it gives up: enough for any synchronisation delay of the simulator.
#define ISA_POLL_LIMIT 100000

// Offsets in isa_trap_state, where the common trap vector records each trap.
#define TS_CAUSE 0
#define TS_EPC 4
#define TS_TVAL 8
#define TS_COUNT 12  // traps taken so far
#define TS_ARMED 16  // 1 while a trap is expected (cleared by the trap)
#define TS_EXPECT 20 // the mcause expected
#define TS_RESUME 24 // where the expected trap returns to

#define TESTNUM gp

#ifdef __ASSEMBLER__

// ---- Program frame -----------------------------------------------------------------------------

// Aligns code to `bytes`. Use it instead of .balign in code: binutils 2.40 under `.option norvc`
// silently skips a 2-byte padding it cannot fill with 4-byte nops, so the padding is made with RVC on.
.macro ISA_ALIGN bytes
        .option push
        .option rvc
        .balign \bytes
        .option pop
.endm

// Opens a test: `_start`, registers cleared, the common trap vector and a stack in place. The body
// follows; it is assembled as RV32I (no automatic compression) until a test says `.option rvc`.
.macro TEST_BEGIN
        .option norelax // code sizes and label distances are exactly what is written
        .option norvc
        .globl isa_ram_base, isa_ram_size // placement for isa.ld, from the shared map
        .set isa_ram_base, BARE_RAM_BASE
        .set isa_ram_size, BARE_RAM_SIZE

        .section .text.init, "ax", @progbits
        .globl _start
_start:
        .irp reg, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        li x\reg, 0
        .endr
        la t0, isa_trap_vector
        csrw mtvec, t0
        la sp, isa_stack_top
.endm

// Closes the body (reaching it passes) and emits the exit path, the common trap vector and the
// shared data. Every test ends with it, then may open its own `.data`.
.macro TEST_END
        .option push
        .option norvc
        li a0, ISA_EXIT_PASS
        j isa_exit

        .globl isa_fail
isa_fail:
        mv a0, TESTNUM
        bnez a0, isa_exit
        li a0, ISA_EXIT_NO_TESTNUM

        // Ends the run: (code << 1) | 1 into the low word of tohost, then 0 into the high word.
        .globl isa_exit
isa_exit:
        slli a0, a0, 1
        ori a0, a0, 1
        la t0, tohost
        sw a0, 0(t0)
        sw zero, 4(t0)
isa_exit_wait:
        j isa_exit_wait

        // Common trap vector (direct mode). It records the trap; a trap that TRAP_ARM announced, with
        // the cause announced, returns to the resume address; any other trap ends the test.
        ISA_ALIGN 4
        .globl isa_trap_vector
isa_trap_vector:
        la t6, isa_trap_state
        csrr t5, mcause
        sw t5, TS_CAUSE(t6)
        csrr t5, mepc
        sw t5, TS_EPC(t6)
        csrr t5, mtval
        sw t5, TS_TVAL(t6)
        lw t5, TS_COUNT(t6)
        addi t5, t5, 1
        sw t5, TS_COUNT(t6)
        lw t5, TS_ARMED(t6)
        beqz t5, isa_trap_unexpected
        sw zero, TS_ARMED(t6)
        lw t5, TS_EXPECT(t6)
        lw t6, TS_CAUSE(t6)
        bne t5, t6, isa_fail // the case's trap came, with the wrong cause
        la t6, isa_trap_state
        lw t6, TS_RESUME(t6)
        csrw mepc, t6
        mret
isa_trap_unexpected:
        csrr t5, mcause
        bltz t5, isa_trap_unexpected_interrupt
        addi a0, t5, ISA_EXIT_EXCEPTION
        j isa_exit
isa_trap_unexpected_interrupt:
        slli t5, t5, 1
        srli t5, t5, 1
        addi a0, t5, ISA_EXIT_INTERRUPT
        j isa_exit
        .option pop

        .section .data.isa, "aw", @progbits
        .balign 4
        .globl isa_trap_state
isa_trap_state:
        .word 0, 0, 0, 0, 0, 0, 0
        .balign 8
        .globl isa_amo_word
isa_amo_word: // the memory word of TEST_AMO
        .word 0, 0

        .section .bss.isa, "aw", @nobits
        .balign 16
isa_stack:
        .skip 1024
        .globl isa_stack_top
isa_stack_top:

        // The host interface words, found by symbol (simulator and QEMU alike).
        .section .tohost, "aw", @progbits
        .balign 64
        .globl tohost
        .type tohost, @object
        .size tohost, 8
tohost:
        .dword 0
        .balign 64
        .globl fromhost
        .type fromhost, @object
        .size fromhost, 8
fromhost:
        .dword 0

        .text
.endm

// ---- Cases -------------------------------------------------------------------------------------

// Fails the current case unless reg_a == reg_b. (A conditional branch reaches only 4 KiB, so the
// failure path is a jump: isa_fail may be far away in a long test.)
.macro FAIL_UNLESS_EQ reg_a, reg_b
        beq \reg_a, \reg_b, .Lok\@
        j isa_fail
.Lok\@:
.endm

// Fails the current case unless reg_a != reg_b.
.macro FAIL_UNLESS_NE reg_a, reg_b
        bne \reg_a, \reg_b, .Lok\@
        j isa_fail
.Lok\@:
.endm

// Fails the current case if reg_a < reg_b, unsigned.
.macro FAIL_IF_LTU reg_a, reg_b
        bgeu \reg_a, \reg_b, .Lok\@
        j isa_fail
.Lok\@:
.endm

// Fails the current case if reg_a >= reg_b, unsigned.
.macro FAIL_IF_GEU reg_a, reg_b
        bltu \reg_a, \reg_b, .Lok\@
        j isa_fail
.Lok\@:
.endm

// Starts case `n`; the lines that follow it, up to the next TESTCASE, belong to it.
.macro TESTCASE n
        .if (\n) < 1 || (\n) > 126
        .error "a case number must be 1 .. 126: it is the exit code, below those of unexpected traps"
        .endif
        li TESTNUM, \n
.endm

// Fails the current case unless `reg` holds `value` (uses t2).
.macro EXPECT reg, value
        li t2, \value
        FAIL_UNLESS_EQ \reg, t2
.endm

// Fails the current case unless the two registers are equal.
.macro EXPECT_EQ reg_a, reg_b
        FAIL_UNLESS_EQ \reg_a, \reg_b
.endm

// Fails the current case unless `reg` holds the address of `label` (uses t2).
.macro EXPECT_ADDR reg, label
        la t2, \label
        FAIL_UNLESS_EQ \reg, t2
.endm

// Fails the current case unless the word at `label` holds `value` (uses t1, t2).
.macro EXPECT_MEM label, value
        la t1, \label
        lw t1, 0(t1)
        li t2, \value
        FAIL_UNLESS_EQ t1, t2
.endm

// Register-register instruction: a4 = a1 op a2.
.macro TEST_RR n, inst, result, val1, val2
        TESTCASE \n
        li a1, \val1
        li a2, \val2
        \inst a4, a1, a2
        EXPECT a4, \result
.endm

// ... with the destination being the first source.
.macro TEST_RR_SRC1_EQ_DEST n, inst, result, val1, val2
        TESTCASE \n
        li a1, \val1
        li a2, \val2
        \inst a1, a1, a2
        EXPECT a1, \result
.endm

// ... with the destination being the second source.
.macro TEST_RR_SRC2_EQ_DEST n, inst, result, val1, val2
        TESTCASE \n
        li a1, \val1
        li a2, \val2
        \inst a2, a1, a2
        EXPECT a2, \result
.endm

// ... with one register as both sources and the destination.
.macro TEST_RR_SRC12_EQ_DEST n, inst, result, val
        TESTCASE \n
        li a1, \val
        \inst a1, a1, a1
        EXPECT a1, \result
.endm

// ... with x0 as the first source (reads 0).
.macro TEST_RR_ZEROSRC1 n, inst, result, val2
        TESTCASE \n
        li a2, \val2
        \inst a4, x0, a2
        EXPECT a4, \result
.endm

// ... with x0 as the second source (reads 0).
.macro TEST_RR_ZEROSRC2 n, inst, result, val1
        TESTCASE \n
        li a1, \val1
        \inst a4, a1, x0
        EXPECT a4, \result
.endm

// ... with x0 as the destination: the result is discarded.
.macro TEST_RR_ZERODEST n, inst, val1, val2
        TESTCASE \n
        li a1, \val1
        li a2, \val2
        \inst x0, a1, a2
        EXPECT x0, 0
.endm

// Register-immediate instruction: a4 = a1 op imm.
.macro TEST_IMM n, inst, result, val1, imm
        TESTCASE \n
        li a1, \val1
        \inst a4, a1, \imm
        EXPECT a4, \result
.endm

.macro TEST_IMM_SRC1_EQ_DEST n, inst, result, val1, imm
        TESTCASE \n
        li a1, \val1
        \inst a1, a1, \imm
        EXPECT a1, \result
.endm

.macro TEST_IMM_ZEROSRC1 n, inst, result, imm
        TESTCASE \n
        \inst a4, x0, \imm
        EXPECT a4, \result
.endm

.macro TEST_IMM_ZERODEST n, inst, val1, imm
        TESTCASE \n
        li a1, \val1
        \inst x0, a1, \imm
        EXPECT x0, 0
.endm

// Load: a4 = inst offset(base).
.macro TEST_LD n, inst, result, offset, base
        TESTCASE \n
        la a1, \base
        \inst a4, \offset(a1)
        EXPECT a4, \result
.endm

// Store `value` at offset(base), load it back with `ld_inst`, and check the whole word around it
// still holds `word` (so a store that writes too many bytes is caught). a3 = the aligned word's address.
.macro TEST_ST n, ld_inst, st_inst, value, offset, base, word
        TESTCASE \n
        la a1, \base
        li a2, \value
        \st_inst a2, \offset(a1)
        \ld_inst a4, \offset(a1)
        EXPECT a4, \value
        addi a3, a1, \offset
        andi a3, a3, -4
        lw a4, 0(a3)
        EXPECT a4, \word
.endm

// Conditional branch that must be taken, forwards and backwards.
.macro TEST_BR_TAKEN n, inst, val1, val2
        TESTCASE \n
        li a1, \val1
        li a2, \val2
        \inst a1, a2, .Lfwd\@
        j isa_fail
.Lback\@:
        j .Ldone\@
.Lfwd\@:
        \inst a1, a2, .Lback\@
        j isa_fail
.Ldone\@:
.endm

// Conditional branch that must fall through, backwards and forwards.
.macro TEST_BR_NOT_TAKEN n, inst, val1, val2
        TESTCASE \n
        li a1, \val1
        li a2, \val2
        j .Lstart\@
.Lback\@:
        j isa_fail
.Lstart\@:
        \inst a1, a2, .Lback\@
        \inst a1, a2, .Lfwd\@
        j .Ldone\@
.Lfwd\@:
        j isa_fail
.Ldone\@:
.endm

// AMO on isa_amo_word: the word holds `old`, a4 = inst(a2 = operand, (a3 = &word)); a4 must be `old`
// and the word `new` afterwards.
.macro TEST_AMO n, inst, old, operand, new
        TESTCASE \n
        la a3, isa_amo_word
        li a1, \old
        sw a1, 0(a3)
        li a2, \operand
        \inst a4, a2, (a3)
        EXPECT a4, \old
        lw a5, 0(a3)
        EXPECT a5, \new
.endm

// ... with rd == rs2: the operand is read before rd is written.
.macro TEST_AMO_RD_EQ_RS2 n, inst, old, operand, new
        TESTCASE \n
        la a3, isa_amo_word
        li a1, \old
        sw a1, 0(a3)
        li a2, \operand
        \inst a2, a2, (a3)
        EXPECT a2, \old
        lw a5, 0(a3)
        EXPECT a5, \new
.endm

// ... with rd = x0: memory is still updated.
.macro TEST_AMO_ZERODEST n, inst, old, operand, new
        TESTCASE \n
        la a3, isa_amo_word
        li a1, \old
        sw a1, 0(a3)
        li a2, \operand
        \inst x0, a2, (a3)
        EXPECT x0, 0
        lw a5, 0(a3)
        EXPECT a5, \new
.endm

// ---- Expected traps ----------------------------------------------------------------------------

// Announces that the next trap has cause `cause` and must return to `resume` (uses t5, t6).
.macro TRAP_ARM cause, resume
        la t6, isa_trap_state
        li t5, \cause
        sw t5, TS_EXPECT(t6)
        la t5, \resume
        sw t5, TS_RESUME(t6)
        li t5, 1
        sw t5, TS_ARMED(t6)
.endm

// Case `n`: `insn` (one instruction, or a .2byte/.4byte encoding) must trap with `cause`, with mepc
// pointing at it. Execution continues after it; TRAP_EXPECT_TVAL can then check mtval.
.macro TEST_TRAP n, cause, insn:vararg
        TESTCASE \n
        TRAP_ARM \cause, .Lresume\@
.Lat\@:
        \insn
        j isa_fail // it did not trap
.Lresume\@:
        TRAP_EXPECT_EPC .Lat\@
.endm

// Fails the current case unless the last trap's mepc is the address of `label` (uses t5, t6).
.macro TRAP_EXPECT_EPC label
        la t5, \label
        la t6, isa_trap_state
        lw t6, TS_EPC(t6)
        FAIL_UNLESS_EQ t5, t6
.endm

// Fails the current case unless the last trap's mtval is `value` (uses t5, t6).
.macro TRAP_EXPECT_TVAL value
        li t5, \value
        la t6, isa_trap_state
        lw t6, TS_TVAL(t6)
        FAIL_UNLESS_EQ t5, t6
.endm

// Fails the current case unless the last trap's mtval equals register `reg` (not t5 or t6) (uses t5, t6).
.macro TRAP_EXPECT_TVAL_REG reg
        la t6, isa_trap_state
        lw t6, TS_TVAL(t6)
        FAIL_UNLESS_EQ \reg, t6
.endm

// Fails the current case unless the last trap's mtval equals the last trap's mepc (uses t5, t6).
.macro TRAP_EXPECT_TVAL_IS_EPC
        la t6, isa_trap_state
        lw t5, TS_EPC(t6)
        lw t6, TS_TVAL(t6)
        FAIL_UNLESS_EQ t5, t6
.endm

// Fails the current case unless the number of traps taken so far is `count` (uses t5, t6).
.macro TRAP_EXPECT_COUNT count
        li t5, \count
        la t6, isa_trap_state
        lw t6, TS_COUNT(t6)
        FAIL_UNLESS_EQ t5, t6
.endm

// ---- Waiting for the rest of the machine ------------------------------------------------------

// Polls until (mip & mask) == value; fails the current case after ISA_POLL_LIMIT reads (uses t2, t3, t4).
.macro WAIT_MIP mask, value
        li t3, ISA_POLL_LIMIT
.Lpoll\@:
        csrr t4, mip
        li t2, \mask
        and t4, t4, t2
        li t2, \value
        beq t4, t2, .Ldone\@
        addi t3, t3, -1
        bnez t3, .Lpoll\@
        j isa_fail
.Ldone\@:
.endm

// Polls until `reg` (which an interrupt handler changes) is non-zero; fails the current case after
// ISA_POLL_LIMIT rounds (uses t3).
.macro WAIT_NONZERO reg
        li t3, ISA_POLL_LIMIT
.Lpoll\@:
        bnez \reg, .Ldone\@
        addi t3, t3, -1
        bnez t3, .Lpoll\@
        j isa_fail
.Ldone\@:
.endm

// ---- Interrupts --------------------------------------------------------------------------------

// An interrupt handler (direct mode) for the interrupt tests. For each interrupt it records
//   s11 += 1;  s10 = mepc;  s9 = mstatus as the trap left it;  s8 = (s8 << 4) | cause
// then removes the cause: MSI clears msip, MTI sets mtimecmp to all ones, MEI lowers the test source;
// waits until mip shows the line low (a device may take a moment), and returns. Exceptions, and
// interrupts it does not know, go to the common vector, which ends the test. Uses t5 and t6 only.
.macro IRQ_HANDLER name
        ISA_ALIGN 4
\name:
        csrr t5, mcause
        bltz t5, .Linterrupt\@
        j isa_trap_vector
.Linterrupt\@:
        addi s11, s11, 1
        csrr s10, mepc
        csrr s9, mstatus
        slli s8, s8, 4
        andi t6, t5, 0xf
        or s8, s8, t6
        slli t5, t5, 1
        srli t5, t5, 1
        li t6, IRQ_M_SOFT
        beq t5, t6, .Lsoft\@
        li t6, IRQ_M_TIMER
        beq t5, t6, .Ltimer\@
        li t6, IRQ_M_EXT
        beq t5, t6, .Lext\@
        j isa_trap_vector
.Lsoft\@:
        li t6, ISA_CLINT_MSIP
        sw zero, 0(t6)
        li t6, ISA_POLL_LIMIT
.Lwait1\@:
        csrr t5, mip
        andi t5, t5, MIP_MSIP
        beqz t5, .Lreturn\@
        addi t6, t6, -1
        bnez t6, .Lwait1\@
        j isa_fail
.Ltimer\@:
        li t6, ISA_CLINT_MTIMECMP
        li t5, -1
        sw t5, 0(t6)
        sw t5, 4(t6)
        li t6, ISA_POLL_LIMIT
.Lwait2\@:
        csrr t5, mip
        andi t5, t5, MIP_MTIP
        beqz t5, .Lreturn\@
        addi t6, t6, -1
        bnez t6, .Lwait2\@
        j isa_fail
.Lext\@:
        li t6, ISA_TESTIRQ_MEIP
        sw zero, 0(t6)
        li t6, ISA_POLL_LIMIT
.Lwait3\@:
        csrr t5, mip
        srli t5, t5, 11 // MEIP
        andi t5, t5, 1
        beqz t5, .Lreturn\@
        addi t6, t6, -1
        bnez t6, .Lwait3\@
        j isa_fail
.Lreturn\@:
        mret
.endm

// Clears the records IRQ_HANDLER keeps.
.macro IRQ_RECORDS_CLEAR
        li s8, 0
        li s9, 0
        li s10, 0
        li s11, 0
.endm

// ---- CLINT -------------------------------------------------------------------------------------

// reg_hi:reg_lo = mtime, read consistently although the 64-bit counter moves between the two loads
// (uses `tmp`).
.macro READ_MTIME reg_lo, reg_hi, tmp
.Lretry\@:
        li \tmp, ISA_CLINT_MTIME
        lw \reg_hi, 4(\tmp)
        lw \reg_lo, 0(\tmp)
        lw \tmp, 4(\tmp)
        bne \tmp, \reg_hi, .Lretry\@
.endm

// mtimecmp = reg_hi:reg_lo, without passing through a smaller value on the way (uses tmp, tmp2).
.macro WRITE_MTIMECMP reg_lo, reg_hi, tmp, tmp2
        li \tmp2, ISA_CLINT_MTIMECMP
        li \tmp, -1
        sw \tmp, 0(\tmp2)
        sw \reg_hi, 4(\tmp2)
        sw \reg_lo, 0(\tmp2)
.endm

// mtimecmp = all ones: no timer interrupt for the life of the machine (uses tmp, tmp2).
.macro TIMER_OFF tmp, tmp2
        li \tmp2, ISA_CLINT_MTIMECMP
        li \tmp, -1
        sw \tmp, 0(\tmp2)
        sw \tmp, 4(\tmp2)
.endm

// mtimecmp = mtime + `ticks` (ticks < 2^31), and s0:s1 = that deadline (uses t0, t1, t2).
.macro TIMER_IN ticks
        READ_MTIME s0, s1, t0
        li t0, \ticks
        add s0, s0, t0
        sltu t0, s0, t0
        add s1, s1, t0
        WRITE_MTIMECMP s0, s1, t1, t2
.endm

// Fails the current case unless mtime >= s1:s0 (a deadline from TIMER_IN) (uses t0, t1, t2).
.macro EXPECT_MTIME_REACHED
        READ_MTIME t0, t1, t2
        bltu s1, t1, .Lok\@     // mtime_hi > deadline_hi
        bne s1, t1, .Lfail\@    // mtime_hi < deadline_hi
        bgeu t0, s0, .Lok\@
.Lfail\@:
        j isa_fail
.Lok\@:
.endm

// Machine software interrupt pending bit in the CLINT: msip = `value` (0 or 1) (uses tmp, tmp2).
.macro SET_MSIP value, tmp, tmp2
        li \tmp2, ISA_CLINT_MSIP
        li \tmp, \value
        sw \tmp, 0(\tmp2)
.endm

// External interrupt line from the test interrupt source (cellvp only): level = `value` (uses tmp, tmp2).
.macro SET_TESTIRQ value, tmp, tmp2
        li \tmp2, ISA_TESTIRQ_MEIP
        li \tmp, \value
        sw \tmp, 0(\tmp2)
.endm

#endif // __ASSEMBLER__
#endif // CELLVP_ISA_TEST_H
