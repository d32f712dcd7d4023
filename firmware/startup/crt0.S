/* Start-up code for programs on the bare machine: gp, sp, a default trap handler, a zeroed .bss, then
 * main(); main's return value becomes the HTIF exit code. */

    .section .text.init, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax /* gp must not be set relative to itself */
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    la      t0, crt0_default_trap
    csrw    mtvec, t0
    csrw    mscratch, zero /* the trap handler's "already reporting" flag */

    /* One program, one hart: any other hart waits for good. */
    csrr    t0, mhartid
    bnez    t0, park

    la      t0, __bss_start
    la      t1, __bss_end
zero_bss:
    bgeu    t0, t1, run_main
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       zero_bss

run_main:
    call    main
    tail    htif_exit /* a0 is main's return value */

park:
    wfi
    j       park
    .size _start, . - _start

/* Any trap the program did not ask for: print the cause and exit with 0x80 + the cause's low 7 bits.
 * A trap while reporting one skips the report, so a broken HTIF cannot loop here. Programs that install
 * their own handler may jump here (or put it back into mtvec) for traps they do not handle. */
    .text
    .balign 4 /* mtvec needs a 4-byte aligned base */
    .globl crt0_default_trap
    .type crt0_default_trap, @function
crt0_default_trap:
    la      sp, __stack_top
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
