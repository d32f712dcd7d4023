/* Start-up code: gp, sp, a default trap handler, a zeroed .bss, then main(); main's return value becomes the
 * HTIF exit code. Built twice from this one source: for the bare machine (bare.ld: everything is loaded
 * into RAM, one hart runs) and, with CRT0_CELL, for a cell (cell.ld: code runs in place from flash; .ramfunc
 * and .data are copied from flash to RAM; every hart the cell has starts, each on its own stack). */
#ifdef CRT0_CELL
#include "cellvp/cell_map.h"
#endif

#define MIE_MSIE 0x8 /* mie/mip bit of the machine software interrupt */

/* No linker relaxation in this file: GNU as 2.40 writes each routine's DWARF extent (DW_AT_high_pc) as
 * assembled, and relaxation would shrink the code under it, so a debugger would take the next function's first
 * instructions for part of _start (GDB then names the wrong frame and misplaces breakpoints). It also keeps gp
 * from being set relative to itself. A few bytes of start-up code are the price. */
    .option norelax

/* sp = the top of this hart's stack. On a cell hart h's stack ends at __stack_top - h * __hart_stack_size
 * (cell.ld); the bare machine has one stack. */
.macro HART_STACK tmp, tmp2
    la      sp, __stack_top
#ifdef CRT0_CELL
    csrr    \tmp, mhartid
    lui     \tmp2, %hi(__hart_stack_size)
    addi    \tmp2, \tmp2, %lo(__hart_stack_size)
    mul     \tmp, \tmp, \tmp2
    sub     sp, sp, \tmp
#endif
.endm

/* Copies the words of [start, end) from `load` (all 4-byte aligned; the linker script rounds the ends). */
.macro COPY_WORDS load, start, end
    la      t0, \load
    la      t1, \start
    la      t2, \end
1:
    bgeu    t1, t2, 2f
    lw      t3, 0(t0)
    sw      t3, 0(t1)
    addi    t0, t0, 4
    addi    t1, t1, 4
    j       1b
2:
.endm

    .section .text.init, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    la      gp, __global_pointer$
    HART_STACK t0, t1
    la      t0, crt0_default_trap
    csrw    mtvec, t0
    csrw    mscratch, zero /* the trap handler's "already reporting" flag */

#ifdef CRT0_CELL
    /* Hart 0 prepares RAM; the others sleep until it releases them through their CLINT msip (device state
     * is reset with the cell, while RAM holds a fill pattern or an older boot's data: no flag in RAM can
     * be trusted before hart 0 has written it). */
    csrw    mie, zero
    csrr    t0, mhartid
    bnez    t0, secondary

    COPY_WORDS __ramfunc_load, __ramfunc_start, __ramfunc_end
    COPY_WORDS __data_load, __data_start, __data_end
    fence.i /* the code just copied to RAM is what this hart fetches from there */
#else
    /* One program, one hart: any other hart waits for good. */
    csrr    t0, mhartid
    bnez    t0, park
#endif

    la      t0, __bss_start
    la      t1, __bss_end
zero_bss:
    bgeu    t0, t1, bss_done
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       zero_bss
bss_done:

#ifdef CRT0_CELL
    /* Release harts 1 .. HART_COUNT-1: RAM is ready (the fence orders it before the msip writes). */
    fence   rw, rw
    li      t0, CELL_CELLCTL_BASE
    lw      t1, CELLCTL_HART_COUNT(t0)
    li      t2, CELL_CLINT_BASE + CLINT_MSIP(1)
    li      t3, 1
    li      t4, 1
release:
    bgeu    t3, t1, run_main
    sw      t4, 0(t2)
    addi    t2, t2, 4
    addi    t3, t3, 1
    j       release
#endif

run_main:
    call    main
    tail    htif_exit /* a0 is main's return value */

#ifdef CRT0_CELL
/* Harts other than 0: sleep until hart 0 raises our msip (WFI may also return early: check mip), clear it,
 * then run secondary_main(hartid); park if it returns. */
secondary:
    li      t1, MIE_MSIE
    csrw    mie, t1
wait_release:
    wfi
    csrr    t1, mip
    andi    t1, t1, MIE_MSIE
    beqz    t1, wait_release
    li      t1, CELL_CLINT_BASE
    slli    t2, t0, 2 /* CLINT_MSIP(hart) */
    add     t1, t1, t2
    sw      zero, 0(t1)
    csrw    mie, zero
    fence   rw, rw
    fence.i /* fetch the .ramfunc hart 0 copied, not anything seen before */
    mv      a0, t0
    call    secondary_main
    tail    crt0_park
#else
park:
    wfi
    j       park
#endif
    .size _start, . - _start

#ifdef CRT0_CELL
/* The default secondary_main: park the hart. A program that wants the other harts defines its own. Parked
 * harts sleep in RAM with every interrupt masked, so the flash can be programmed and erased meanwhile. */
    .section .ramfunc, "ax", @progbits
    .balign 4
    .globl crt0_park
    .type crt0_park, @function
    .weak secondary_main
    .set secondary_main, crt0_park
crt0_park:
    csrw    mie, zero
1:
    wfi
    j       1b
    .size crt0_park, . - crt0_park
#endif

/* Any trap the program did not ask for: print the cause and exit with 0x80 + the cause's low 7 bits.
 * A trap while reporting one skips the report, so a broken HTIF cannot loop here. Programs that install
 * their own handler may jump here (or put it back into mtvec) for traps they do not handle. */
    .text
    .balign 4 /* mtvec needs a 4-byte aligned base */
    .globl crt0_default_trap
    .type crt0_default_trap, @function
crt0_default_trap:
    HART_STACK t0, t1
    csrrwi  t0, mscratch, 1
    bnez    t0, trap_exit
    la      a0, trap_message
    csrr    a1, mcause
    csrr    a2, mepc
    csrr    a3, mtval
    call    htif_printf
trap_exit:
    csrr    a0, mcause
    andi    a0, a0, 0x7f
    addi    a0, a0, 0x80
    tail    htif_exit
    .size crt0_default_trap, . - crt0_default_trap

    .section .rodata
trap_message:
    .asciz "unexpected trap: mcause 0x%08x mepc 0x%08x mtval 0x%08x\n"
