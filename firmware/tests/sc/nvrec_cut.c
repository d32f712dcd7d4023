/* Firmware of the NVRAM power-cut test (testbench/systemc/test_nvrec_power_cut.cpp): on every boot it does
 * what the test bench asks in the NVRAM command word, and reports on the console (HTIF) what it read.
 *
 * The command word (NVREC_CUT_COMMAND, in the NVRAM's free part) is written by the test bench between boots
 * (a host write: neither counted nor cut):
 *   NVREC_CUT_SETUP   writes the settings PREV, then OLD (so both copies hold a record); prints "ready"
 *   NVREC_CUT_UPDATE  reads the settings (prints them), writes NEW; prints "updated"
 *   NVREC_CUT_REPORT  reads the settings and prints them
 * Each boot ends with one line starting "nvrec-cut: done", then the hart sleeps (no HTIF exit: the test bench
 * powers the cell off and on again). A read prints
 *   nvrec-cut: read seq=S copy=C flags=F counter=N boots=B trials=T
 * or "nvrec-cut: read none" / "nvrec-cut: read bad-version". The test bench knows OLD and NEW (the values
 * below) and accepts exactly those two lines after a cut. No NVRAM write happens outside nvrec_settings_write,
 * so the test bench's count of NVRAM writes during an UPDATE boot is the count of one record update. */
#include "cellvp/cell_map.h"
#include "htif.h"
#include "nvram.h"
#include "nvrec.h"

#define NVREC_CUT_COMMAND NVRAM_FREE_OFFSET
#define NVREC_CUT_SETUP 1u
#define NVREC_CUT_UPDATE 2u
#define NVREC_CUT_REPORT 3u

/* Every field differs between OLD and NEW, so a mix of the two would show. */
static const struct nvrec_settings prev_settings = {0, 1, 5, 0, 0, {0, 0, 0}};
static const struct nvrec_settings old_settings = {NVREC_SETTINGS_AUTO_UPDATE, 2, 10, 0, 0, {0, 0, 0}};
static const struct nvrec_settings new_settings = {0, 3, 11, 1, 0, {0, 0, 0}};

static void report(void)
{
    const struct nvrec_area area = {{NVRAM_SETTINGS_COPY0_OFFSET, NVRAM_SETTINGS_COPY1_OFFSET},
                                    NVRAM_SETTINGS_COPY_SIZE};
    struct nvrec_settings s;
    struct nvrec_info info = {0, 0, 0, 0};
    int r = nvrec_settings_read(&s);
    if (r == NVREC_NONE) {
        htif_printf("nvrec-cut: read none\n");
        return;
    }
    if (r == NVREC_BAD_VERSION) {
        htif_printf("nvrec-cut: read bad-version\n");
        return;
    }
    nvrec_read(&area, &s, sizeof s, &info);
    htif_printf("nvrec-cut: read seq=%lu copy=%lu flags=%lu counter=%lu boots=%lu trials=%lu\n", info.sequence,
                info.copy, s.flags, s.security_counter, s.boot_count, s.trial_count);
}

int main(void)
{
    uint32_t command = *(volatile uint32_t *)nvram_ptr(NVREC_CUT_COMMAND);
    int r = 0;
    switch (command) {
    case NVREC_CUT_SETUP:
        r = nvrec_settings_write(&prev_settings);
        if (r == 0)
            r = nvrec_settings_write(&old_settings);
        htif_printf("nvrec-cut: ready (%d)\n", r);
        break;
    case NVREC_CUT_UPDATE:
        report();
        r = nvrec_settings_write(&new_settings);
        htif_printf("nvrec-cut: updated (%d)\n", r);
        break;
    case NVREC_CUT_REPORT:
        report();
        break;
    default:
        htif_printf("nvrec-cut: unknown command %lu\n", command);
        r = 1;
        break;
    }
    htif_printf("nvrec-cut: done %d\n", r);
    for (;;)
        __asm__ volatile("wfi");
}
