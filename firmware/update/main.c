/* The cell firmware (an image the boot copies to RAM and starts): reports its version and how it booted,
 * confirms a trial boot, and runs the update agent (agent.h): it takes an update from an update cell, and as the
 * update cell it updates the errored cells, automatically when the NVRAM's auto-update flag is set or from the
 * update menu on its console.
 *
 * Built once per release (CELLVP_FW_RELEASES in the top-level CMakeLists.txt): FW_VERSION_MAJOR/MINOR, and
 * FW_CONFIRMS (0: a broken release that never confirms its trial, so the boot reverts it). Release 1.1 and later
 * also report the boot's timing, a difference visible on the console. */
#include "cellctl.h"
#include "clint.h"
#include "csr.h"
#include "cellvp/boot_info.h"
#include "cellvp/cell_map.h"
#include "cellvp/update_proto.h"
#include "agent.h"
#include "events.h"
#include "fwu.h"
#include "image_check.h"
#include "nvrec.h"
#include "uart.h"

#define TICKS_PER_US (CLINT_DEFAULT_TIMEBASE_HZ / 1000000u)

static const volatile struct boot_info *const info =
    (const volatile struct boot_info *)(CELL_RAM_BASE + CELL_RAM_BOOT_INFO_OFFSET);


/* The rendezvous window: every cell answers a status request within a few packet times (a status packet
 * takes about 0.7 ms at 400 kHz); 64 cells answering one after the other need about 50 ms. */
#define RENDEZVOUS_MS 80u

static struct image_version version;

/* Reports the outcome of an update; with UPD_POLICY_RESET_SELF, after updating cells, the update cell resets
 * too (claims 2, 9). */
static void update_finished(uint32_t ok, uint32_t failed, uint32_t policy)
{
    ev_update_end(cellctl_cell_id(), ok, failed);
    uart_print("cellfw: update finished: ");
    uart_put_dec(ok);
    uart_print(" updated, ");
    uart_put_dec(failed);
    uart_print(" failed\n");
    if ((policy & UPD_POLICY_RESET_SELF) && ok) {
        uart_print("cellfw: resetting this cell\n");
        uart_flush();
        cellctl_soft_reset();
    }
}

/* Finds the errored cells and updates them; reports the outcome. */
static void update_errored(uint32_t policy, const char *flow)
{
    uint8_t errored[AGENT_MAX_CELLS];
    uint32_t n = agent_rendezvous(RENDEZVOUS_MS, policy, errored);
    uint32_t ok = 0, failed = n ? agent_update(errored, n, policy, flow, &ok) : 0;
    update_finished(ok, failed, policy);
}

/* The update menu (claims 5, 12) on the console: "u" finds the errored cells and asks to update them, "y"
 * confirms, "a" toggles the auto-update flag, "l" lists the cells. */
static int pending_confirm;
static uint8_t menu_targets[AGENT_MAX_CELLS];
static uint32_t menu_n;

static void menu_key(char c, struct nvrec_settings *s)
{
    if (c == '\r' || c == '\n' || c == ' ')
        return;
    if (pending_confirm) {
        pending_confirm = 0;
        if (c == 'y' || c == 'Y') {
            uint32_t ok = 0, failed = agent_update(menu_targets, menu_n, s->update_policy & ~UPD_POLICY_NO_ACK_WAIT,
                                                   "menu", &ok);
            update_finished(ok, failed, s->update_policy);
        } else {
            uart_print("cellfw: update cancelled\n");
        }
        return;
    }
    switch (c) {
    case 'u':
    case 'l':
        menu_n = agent_rendezvous(RENDEZVOUS_MS, s->update_policy, menu_targets);
        agent_print_cells();
        if (c == 'l')
            break;
        if (!menu_n) {
            uart_print("cellfw: no errored cells\n");
            break;
        }
        uart_print("update ");
        uart_put_dec(menu_n);
        uart_print(" cell(s) to ");
        boot_put_version(&info->header.version);
        uart_print("? [y/n]\n");
        pending_confirm = 1;
        break;
    case 'a':
        s->flags ^= NVREC_SETTINGS_AUTO_UPDATE;
        uart_print(nvrec_settings_write(s) ? "cellfw: writing the settings failed\n"
                                           : (s->flags & NVREC_SETTINGS_AUTO_UPDATE) ? "cellfw: auto-update on\n"
                                                                                    : "cellfw: auto-update off\n");
        break;
    default:
        uart_print("update menu: u) update errored cells  l) list cells  a) auto-update flag (");
        uart_print((s->flags & NVREC_SETTINGS_AUTO_UPDATE) ? "on" : "off");
        uart_print(")\n");
        break;
    }
}

#ifdef FW_BALLAST_BYTES
/* Constant data that makes the image FW_BALLAST_BYTES larger (a boot speed benchmark); touched so it stays. */
static const uint8_t ballast[FW_BALLAST_BYTES] = {1};
#endif

int main(void)
{
    version.major = info->header.version.major;
    version.minor = info->header.version.minor;
    version.patch = info->header.version.patch;
    version.build = info->header.version.build;
#ifdef FW_BALLAST_BYTES
    if (*(const volatile uint8_t *)&ballast[0] != 1)
        return 1;
#endif
    uart_print("cellfw ");
    boot_put_version(&info->header.version);
    uart_print(": cell ");
    uart_put_dec(cellctl_cell_id());
    uart_print(", slot ");
    uart_putc((char)('A' + info->slot));
    if (info->state == FWU_STATE_TRIAL) {
        uart_print(", trial boot ");
        uart_put_dec(info->trial_count);
    }
    if (info->reason != BOOT_REASON_NONE) {
        uart_print(", boot reason: ");
        uart_print(boot_reason_name(info->reason));
    }
    uart_putc('\n');
#if FW_VERSION_MAJOR > 1 || FW_VERSION_MINOR >= 1
    uart_print("cellfw: boot took ");
    uart_put_dec(info->boot_us);
    uart_print(" us\n");
#endif

#if FW_CONFIRMS
    if (info->state == FWU_STATE_TRIAL) {
        uint32_t r = boot_confirm();
        uart_print(r ? "cellfw: confirm failed\n" : "cellfw: confirmed\n");
    }
#endif

    agent_init();
    struct nvrec_settings s;
    nvrec_settings_read(&s);
    ev_boot(cellctl_cell_id(), info->status == BOOT_STATUS_HEALTHY ? "healthy" : "boot_failure", &version, (int)info->slot,
            ev_reason(info->reason), info->boot_us);
    uart_print("cellfw: ready\n");

    /* Automatic update (claims 6, 7, 13-17): only with the auto-update flag set in this cell's NVRAM. */
    if (s.flags & NVREC_SETTINGS_AUTO_UPDATE)
        update_errored(s.update_policy, (s.update_policy & UPD_POLICY_NO_ACK_WAIT) ? "auto-noack" : "auto-ack");

    for (;;) {
        agent_nap(10000);
        agent_run_delegation(s.update_policy);
        int c = uart_getc();
        if (c >= 0)
            menu_key((char)c, &s);
    }
}
