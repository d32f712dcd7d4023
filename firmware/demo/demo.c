/* demo: the default job of the bare machine. A banner, a small CRC-32 and sort workload, a 10 ms sleep on
 * the CLINT timer interrupt, and the hart's counters; exits 0 when every check passes. */
#include <stdint.h>

#include "cellvp/bare_map.h"
#include "csr.h"
#include "clint.h"
#include "htif.h"

#define SLEEP_MS 10u
#define SLEEP_TICKS ((uint64_t)CLINT_DEFAULT_TIMEBASE_HZ / 1000u * SLEEP_MS)
#define CRC_BYTES 8192u
#define SORT_COUNT 1024

/* crt0's handler for traps nobody asked for: reports the trap and exits. */
void crt0_default_trap(void) __attribute__((noreturn));

/* ---- CLINT ---- */

static uint64_t mtime_now(void) { return clint_mtime(BARE_CLINT_BASE); }
static void set_mtimecmp(uint64_t when) { clint_set_mtimecmp(BARE_CLINT_BASE, 0, when); }

static volatile int timer_fired;

static void __attribute__((interrupt("machine"), aligned(4))) timer_trap(void)
{
    if (csr_read(mcause) != (MCAUSE_INTERRUPT | MCAUSE_M_TIMER))
        crt0_default_trap();
    set_mtimecmp(UINT64_MAX); /* lowers the interrupt */
    timer_fired = 1;
}

/* Sleeps on WFI until the timer interrupt. MIE is off while the flag is tested, so the interrupt cannot
 * arrive between the test and the WFI and leave the hart asleep: WFI wakes on an enabled pending interrupt
 * even with MIE off, and the moment with MIE on lets the handler run. */
static uint64_t sleep_ticks(uint64_t ticks)
{
    uint32_t saved_mtvec = csr_read(mtvec);
    csr_write(mtvec, (uintptr_t)timer_trap);
    timer_fired = 0;
    uint64_t start = mtime_now();
    set_mtimecmp(start + ticks);
    csr_set(mie, MIE_MTIE);
    while (!timer_fired) {
        __asm__ volatile("wfi");
        csr_set(mstatus, MSTATUS_MIE);
        csr_clear(mstatus, MSTATUS_MIE);
    }
    uint64_t slept = mtime_now() - start;
    csr_clear(mie, MIE_MTIE);
    csr_write(mtvec, saved_mtvec);
    return slept;
}

/* ---- workload ---- */

static uint32_t crc32(const uint8_t *p, uint32_t len)
{
    uint32_t crc = ~0u;
    while (len-- != 0) {
        crc ^= *p++;
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
    }
    return ~crc;
}

static uint32_t xorshift32(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static void shell_sort(int32_t *a, int n)
{
    for (int gap = n / 2; gap > 0; gap /= 2)
        for (int i = gap; i < n; i++) {
            int32_t key = a[i];
            int j = i;
            for (; j >= gap && a[j - gap] > key; j -= gap)
                a[j] = a[j - gap];
            a[j] = key;
        }
}

static uint8_t crc_buf[CRC_BYTES];
static int32_t numbers[SORT_COUNT];

int main(void)
{
    int failures = 0;
    uint64_t instret = csr_instret64();
    uint64_t cycles = csr_cycle64();

    htif_printf("cellvp bare machine: RV32IMAC hart 0, %u MiB RAM at 0x%08x, CLINT at 0x%08x\n",
                BARE_RAM_SIZE >> 20, BARE_RAM_BASE, BARE_CLINT_BASE);

    uint32_t check = crc32((const uint8_t *)"123456789", 9);
    failures += check != 0xCBF43926u;
    uint32_t seed = 1;
    for (uint32_t i = 0; i < CRC_BYTES; i++)
        crc_buf[i] = (uint8_t)xorshift32(&seed);
    htif_printf("  crc32(\"123456789\") = 0x%08lx (%s), crc32 of %u pseudo-random bytes = 0x%08lx\n", check,
                check == 0xCBF43926u ? "ok" : "WRONG", CRC_BYTES, crc32(crc_buf, CRC_BYTES));

    for (int i = 0; i < SORT_COUNT; i++)
        numbers[i] = (int32_t)xorshift32(&seed);
    shell_sort(numbers, SORT_COUNT);
    int sorted = 1;
    for (int i = 1; i < SORT_COUNT; i++)
        sorted &= numbers[i - 1] <= numbers[i];
    failures += !sorted;
    htif_printf("  sorted %d numbers: %s, smallest %ld, largest %ld\n", SORT_COUNT, sorted ? "ok" : "WRONG",
                numbers[0], numbers[SORT_COUNT - 1]);

    uint64_t slept = sleep_ticks(SLEEP_TICKS);
    failures += slept < SLEEP_TICKS;
    htif_printf("  slept %u ms on the CLINT timer interrupt: %llu mtime ticks (asked for %llu)\n", SLEEP_MS, slept,
                SLEEP_TICKS);

    instret = csr_instret64() - instret;
    cycles = csr_cycle64() - cycles;
    htif_printf("  %llu instructions retired, %llu cycles\n", instret, cycles);
    htif_printf("demo %s\n", failures == 0 ? "passed" : "FAILED");
    return failures == 0 ? 0 : 1;
}
