/* What crt0 and the linker scripts offer C code: the trap fallback, the secondary harts' entry, the RAM
 * code section and the linker symbols of the stacks. */
#ifndef CELLVP_CRT0_H
#define CELLVP_CRT0_H

#include <stdint.h>

/* crt0's handler for traps nobody asked for: reports the trap through HTIF and exits 0x80 + cause. */
void crt0_default_trap(void) __attribute__((noreturn));

/* Cells only. Harts 1 .. HART_COUNT-1 call this once hart 0 has copied .data/.ramfunc and cleared .bss
 * (and while hart 0 runs main()), each on its own stack, with every interrupt disabled. The default parks
 * the hart in RAM (crt0_park); a program that uses the other harts defines it. A hart that returns parks. */
void secondary_main(unsigned hartid);
void crt0_park(void) __attribute__((noreturn));

/* Code that must run from RAM: crt0 copies .ramfunc there before main(). Used by everything that runs
 * while the flash is busy (its array then reads as 0xFF): such code must not call or read anything in
 * flash (no string literals, no const tables, no switch jump tables: -fno-jump-tables or if chains).
 * noinline keeps the compiler from copying it into a caller that runs from flash. */
#define RAMFUNC __attribute__((section(".ramfunc"), noinline))

/* Linker symbols (cell.ld): stack of hart h = [__stack_top - (h+1)*size, __stack_top - h*size). */
extern char __stack_bottom[], __stack_top[], __hart_stack_size[];
extern char __ramfunc_start[], __ramfunc_end[];
extern char _end[];

#endif
