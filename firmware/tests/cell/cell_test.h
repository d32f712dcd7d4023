/* Helpers of the cell driver tests: numbered checks that end the run through HTIF, and the CLINT's mtime. */
#ifndef CELLVP_CELL_TEST_H
#define CELLVP_CELL_TEST_H

#include <stdint.h>

#include "cellvp/cell_map.h"
#include "csr.h"
#include "clint.h"
#include "htif.h"

#ifndef TEST_NAME
#error "define TEST_NAME (the program's name) before including cell_test.h"
#endif

/* mtime ticks (CLINT_DEFAULT_TIMEBASE_HZ, the cell's timebase) per microsecond and millisecond. */
#define TICKS_PER_US (CLINT_DEFAULT_TIMEBASE_HZ / 1000000u)
#define TICKS_PER_MS (CLINT_DEFAULT_TIMEBASE_HZ / 1000u)

/* Check number `n` (1..127: the exit code when it fails). */
#define CHECK(n, cond)                          \
    do {                                        \
        if (!(cond))                            \
            test_fail((n), #cond, __LINE__);    \
    } while (0)

static void __attribute__((noreturn, noinline, unused)) test_fail(int n, const char *what, int line)
{
    htif_printf("%s: check %d failed (line %d): %s\n", TEST_NAME, n, line, what);
    htif_exit(n);
}

/* The CLINT's mtime. */
static inline uint64_t test_mtime(void) { return clint_mtime(CELL_CLINT_BASE); }

/* Ticks since `start`, in microseconds (truncated). */
static inline uint32_t test_us_since(uint64_t start)
{
    return (uint32_t)((test_mtime() - start) / TICKS_PER_US);
}

#endif
