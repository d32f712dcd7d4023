/* A program for the GDB stub's test (testbench/cli/test_gdb.py): its exit code is gdb_answer + the second
 * argument of gdb_add(), so a debugger that writes memory (gdb_answer) and a register (a1 at gdb_add) changes
 * how it ends: 1 when run alone. */
#include "htif.h"

volatile unsigned gdb_answer = 1;

__attribute__((noinline)) unsigned gdb_add(unsigned a, unsigned b)
{
    return a + b;
}

int main(void)
{
    unsigned v = gdb_add(gdb_answer, 0);
    htif_printf("gdb-target: answer %u\n", v);
    return (int)v;
}
