/* The cell firmware (an image the boot copies to RAM and starts): reports its version and how it booted,
 * confirms a trial boot, answers status requests on the manageability interconnect, and installs an image that
 * lands in its RAM staging area into the other slot, then resets to boot it on trial.
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
#include "fwu.h"
#include "image_check.h"
#include "mbox.h"
#include "nvrec.h"
#include "uart.h"

#define TICKS_PER_US (CLINT_DEFAULT_TIMEBASE_HZ / 1000000u)

static const volatile struct boot_info *const info =
    (const volatile struct boot_info *)(CELL_RAM_BASE + CELL_RAM_BOOT_INFO_OFFSET);

static void nap_us(uint32_t us)
{
    uint64_t until = clint_mtime(CELL_CLINT_BASE) + (uint64_t)us * TICKS_PER_US;
    clint_set_mtimecmp(CELL_CLINT_BASE, 0, until);
    csr_set(mie, MIE_MTIE);
    while (clint_mtime(CELL_CLINT_BASE) < until)
        __asm__ volatile("wfi");
    csr_clear(mie, MIE_MTIE);
}

static void put_version(const volatile struct image_version *v)
{
    uart_put_dec(v->major);
    uart_putc('.');
    uart_put_dec(v->minor);
    uart_putc('.');
    uart_put_dec(v->patch);
    uart_putc('+');
    uart_put_dec(v->build);
}

static void answer_status(uint8_t dest, uint8_t tag, uint32_t counter)
{
    struct upd_msg_status m = {UPD_STATUS, tag, BOOT_STATUS_HEALTHY, (uint8_t)info->slot, (uint16_t)info->reason, 0,
                               {0, 0, 0, 0}, counter};
    m.version.major = info->header.version.major;
    m.version.minor = info->header.version.minor;
    m.version.patch = info->header.version.patch;
    m.version.build = info->header.version.build;
    if (info->status != BOOT_STATUS_HEALTHY)
        m.status = (uint8_t)info->status;
    mbox_send(dest, &m, sizeof m);
}

/* An image in the staging area that is not the running release: verify it, write it to the other slot on
 * trial, reset. Returns only when there is nothing to install or the install failed. */
static void install_staged(uint32_t counter)
{
    const uint8_t *staged = (const uint8_t *)(CELL_RAM_BASE + CELL_RAM_STAGING_OFFSET);
    if (*(const volatile uint32_t *)staged != IMAGE_MAGIC)
        return;
    uint32_t total = image_total_size(staged, CELL_RAM_STAGING_SIZE);
    struct image_header h;
    uint32_t why = total ? image_check(staged, total, counter, 0, &h) : BOOT_REASON_BAD_HEADER;
    if (why == BOOT_REASON_NONE && h.version.major == info->header.version.major &&
        h.version.minor == info->header.version.minor && h.version.patch == info->header.version.patch &&
        h.version.build == info->header.version.build)
        return; /* already running it */
    if (why != BOOT_REASON_NONE) {
        uart_print("cellfw: staged image rejected (");
        uart_print(boot_reason_name(why));
        uart_print(")\n");
        *(volatile uint32_t *)staged = 0; /* reported once */
        return;
    }
    uint32_t target = info->slot ^ 1;
    uart_print("cellfw: installing ");
    put_version(&h.version);
    uart_print(" into slot ");
    uart_putc((char)('A' + target));
    uart_putc('\n');
    uint32_t r = slot_install(target, info->slot, staged, total);
    if (r) {
        uart_print("cellfw: install failed, flash error 0x");
        uart_put_hex(r, 8);
        uart_putc('\n');
        *(volatile uint32_t *)staged = 0;
        return;
    }
    uart_print("cellfw: installed, resetting\n");
    uart_flush();
    cellctl_soft_reset();
}

#ifdef FW_BALLAST_BYTES
/* Constant data that makes the image FW_BALLAST_BYTES larger (a boot speed benchmark); touched so it stays. */
static const uint8_t ballast[FW_BALLAST_BYTES] = {1};
#endif

int main(void)
{
#ifdef FW_BALLAST_BYTES
    if (*(const volatile uint8_t *)&ballast[0] != 1)
        return 1;
#endif
    uart_print("cellfw ");
    put_version(&info->header.version);
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

    struct nvrec_settings s;
    nvrec_settings_read(&s);
    uart_print("cellfw: ready\n");
    for (;;) {
        uint8_t buf[MBOX_MAX_PAYLOAD], src;
        int len = mbox_recv(&src, buf, sizeof buf);
        if (len >= 2 && buf[0] == UPD_GET_STATUS)
            answer_status(src, buf[1], s.security_counter);
        install_staged(s.security_counter);
        nap_us(1000);
    }
}
