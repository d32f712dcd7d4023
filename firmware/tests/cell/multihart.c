// cellvp-args: --harts 4
// multihart: every hart of a 4-hart cell boots from the reset vector, after hart 0 has set up RAM, each on its own stack, and reports on the console.
#define TEST_NAME "cell-multihart"
#include "cell_test.h"
#include "cellctl.h"
#include "crt0.h"
#include "uart.h"

#define HARTS 4u
#define DEPTH 64u

struct report {
    uint32_t sp;      /* an address on the hart's stack */
    uint32_t data;    /* .data as the hart found it */
    uint32_t ramfunc; /* what a .ramfunc function returned to it */
    uint32_t sum;     /* a recursion on its stack */
    uint32_t done;
};

static struct report reports[HARTS];
static volatile uint32_t reported;
static uint32_t console_lock;
static volatile uint32_t data_word = 0x600DF00Du;

static RAMFUNC uint32_t in_ram(uint32_t hartid)
{
    return hartid * 3 + 1;
}

/* Sum of 1..n, one stack frame per step (with a frame big enough to need the stack). */
static uint32_t __attribute__((noinline)) stack_sum(uint32_t n)
{
    volatile uint32_t frame[8];
    frame[n % 8] = n;
    return n == 0 ? 0 : frame[n % 8] + stack_sum(n - 1);
}

static void report(uint32_t hartid)
{
    volatile uint32_t here = 0;
    struct report *r = &reports[hartid];
    r->sp = (uint32_t)(uintptr_t)&here;
    r->data = data_word;
    r->ramfunc = in_ram(hartid);
    r->sum = stack_sum(DEPTH);

    /* One hart at a time on the console: the UART drops a byte written while it is still sending. */
    while (__atomic_exchange_n(&console_lock, 1, __ATOMIC_ACQUIRE)) {
    }
    uart_print("cell-multihart: hart ");
    uart_put_dec(hartid);
    uart_print(" up, sp 0x");
    uart_put_hex(r->sp, 8);
    uart_putc('\n');
    uart_flush();
    __atomic_store_n(&console_lock, 0, __ATOMIC_RELEASE);
    r->done = 1;
    __atomic_fetch_add(&reported, 1, __ATOMIC_RELEASE);
}

void secondary_main(unsigned hartid)
{
    report(hartid);
}

int main(void)
{
    CHECK(1, cellctl_hart_count() == HARTS);
    CHECK(2, csr_read(mhartid) == 0);
    report(0);

    uint64_t t = test_mtime();
    while (reported < HARTS)
        CHECK(3, test_mtime() - t < 100u * TICKS_PER_MS);

    const uint32_t top = (uint32_t)(uintptr_t)__stack_top, size = (uint32_t)(uintptr_t)__hart_stack_size;
    for (uint32_t h = 0; h < HARTS; h++) {
        const struct report *r = &reports[h];
        CHECK(4, r->done);
        CHECK(5, r->sp < top - h * size && r->sp >= top - (h + 1) * size); /* its own stack */
        CHECK(6, r->data == 0x600DF00Du);                                 /* .data was copied first */
        CHECK(7, r->ramfunc == h * 3 + 1);                                /* .ramfunc too */
        CHECK(8, r->sum == DEPTH * (DEPTH + 1) / 2);
    }
    htif_printf("cell-multihart: %lu harts reported\n", (uint32_t)reported);
    return 0;
}
