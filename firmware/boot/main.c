/* The boot firmware of a cell (the write-protected boot block; never updated in the field): picks an image
 * slot from the update metadata, verifies the image (SHA-256, board type, anti-rollback), copies it to RAM and
 * starts it on every hart; reverts a trial image that did not confirm; and when no image can boot, stays in
 * recovery mode, where it still talks on the manageability interconnect and can receive an image over the
 * fabric. firmware/README.md ("Boot") describes the rules. */
#include "cellctl.h"
#include "clint.h"
#include "csr.h"
#include "cellvp/boot_info.h"
#include "cellvp/cell_map.h"
#include "cellvp/update_proto.h"
#include "events.h"
#include "fabric.h"
#include "flash.h"
#include "fwu.h"
#include "image_check.h"
#include "mbox.h"
#include "nvrec.h"
#include "uart.h"

/* A trial image has this long to confirm itself before the watchdog resets the cell and the boot counts a
 * failed trial. Long enough for an image's start-up and a mailbox exchange (a 64-byte packet takes 1.5 ms). */
#define TRIAL_WATCHDOG_US 500000u

#define TICKS_PER_US (CLINT_DEFAULT_TIMEBASE_HZ / 1000000u)

static volatile struct boot_info *const info = (volatile struct boot_info *)(CELL_RAM_BASE + CELL_RAM_BOOT_INFO_OFFSET);

static uint32_t now_us(void)
{
    return (uint32_t)(clint_mtime(CELL_CLINT_BASE) / TICKS_PER_US);
}

/* Sleeps `us` microseconds in WFI (the CLINT timer wakes the hart; no trap: MIE stays off). */
static void nap_us(uint32_t us)
{
    uint64_t until = clint_mtime(CELL_CLINT_BASE) + (uint64_t)us * TICKS_PER_US;
    clint_set_mtimecmp(CELL_CLINT_BASE, 0, until);
    csr_set(mie, MIE_MTIE);
    while (clint_mtime(CELL_CLINT_BASE) < until)
        __asm__ volatile("wfi");
    csr_clear(mie, MIE_MTIE);
}


/* "boot: slot A: hash mismatch" */
static void report_slot(uint32_t slot, uint32_t why)
{
    uart_print("boot: slot ");
    uart_putc((char)('A' + slot));
    uart_print(": ");
    uart_print(boot_reason_name(why));
    uart_putc('\n');
}

static const volatile uint8_t *slot_ptr(uint32_t slot)
{
    return flash_xip(FLASH_SLOT_OFFSET(slot));
}

/* ---- recovery mode ---------------------------------------------------------------------------------- */

static uint16_t heartbeat;
static uint32_t my_id;

static void recovery_progress(uint32_t phase, uint32_t edge, uint32_t bytes)
{
    ev_phase(my_id, my_id, phase == FWU_PHASE_ERASE ? "erase" : "program", (int)edge, bytes);
}

static void send_status(uint8_t dest, uint8_t tag, uint32_t status, uint32_t reason, uint32_t counter)
{
    struct upd_msg_status m = {UPD_STATUS, tag, (uint8_t)status, 0xFF, (uint16_t)reason, heartbeat, {0, 0, 0, 0},
                               counter};
    mbox_send(dest, &m, sizeof m);
}

/* Never returns: answers the update protocol's recovery requests until a remote reset (or an installed image
 * and that reset) ends it. */
static void __attribute__((noreturn)) recovery(uint32_t reason, uint32_t counter)
{
    uart_print("boot: recovery mode (");
    uart_print(boot_reason_name(reason));
    uart_print(")\n");
    info->magic = 0;
    my_id = cellctl_cell_id();
    ev_boot(my_id, "recovery", 0, -1, ev_reason(reason), 0);
    uint32_t status = BOOT_STATUS_RECOVERY_MODE;
    int owner = -1; /* the cell the window is open for */
    uint8_t *staging = (uint8_t *)(CELL_RAM_BASE + CELL_RAM_STAGING_OFFSET);
    send_status(MBOX_BROADCAST, 0, status, reason, counter);
    uint32_t beat = now_us();
    for (;;) {
        if (now_us() - beat >= UPD_HEARTBEAT_MS * 1000u) {
            beat = now_us();
            ++heartbeat;
            send_status(MBOX_BROADCAST, 0, status, reason, counter);
        }
        uint8_t buf[MBOX_MAX_PAYLOAD], src;
        int len = mbox_recv(&src, buf, sizeof buf);
        if (len < 2) {
            nap_us(1000); /* the bus is slow: a packet takes over a millisecond to arrive */
            continue;
        }
        switch (buf[0]) {
        case UPD_GET_STATUS:
            send_status(src, buf[1], status, reason, counter);
            break;
        case UPD_ENABLE: {
            const struct upd_msg_enable *m = (const struct upd_msg_enable *)buf;
            struct upd_msg_enable_ack a = {UPD_ENABLE_ACK, m->tag, UPD_OK, 0, (uint32_t)(uintptr_t)staging,
                                           CELL_RAM_STAGING_SIZE};
            if (len < (int)sizeof *m || m->image_size > CELL_RAM_STAGING_SIZE) {
                a.result = UPD_ERR_TOO_LARGE;
            } else {
                fabric_window_open((uint32_t)(uintptr_t)staging, CELL_RAM_STAGING_SIZE, src);
                fabric_link_enable(1);
                owner = src;
                status = BOOT_STATUS_RUNNING_RECOVERY;
                uart_print("boot: fabric enabled for cell ");
                uart_put_dec(src);
                uart_putc('\n');
            }
            mbox_send(src, &a, sizeof a);
            break;
        }
        case UPD_IMAGE: {
            const struct upd_msg_image *m = (const struct upd_msg_image *)buf;
            struct upd_msg_result r = {UPD_RESULT, m->tag, UPD_OK, 0xFF, 0, 0, {0, 0, 0, 0}};
            if (owner < 0 || src != owner || len < (int)sizeof *m) {
                r.result = UPD_ERR_STATE;
                mbox_send(src, &r, sizeof r);
                break;
            }
            fabric_window_close();
            struct image_header h;
            ev_phase(my_id, my_id, "verify", 0, m->length);
            uint32_t total;
            uint32_t why = image_check_received(staging, m->length, CELL_RAM_STAGING_SIZE, counter, &h, &total);
            ev_phase(my_id, my_id, "verify", 1, m->length);
            if (why != BOOT_REASON_NONE) {
                r.result = UPD_ERR_REJECTED;
                r.reason = (uint16_t)why;
                uart_print("boot: received image rejected (");
                uart_print(boot_reason_name(why));
                uart_print(")\n");
                fabric_window_open((uint32_t)(uintptr_t)staging, CELL_RAM_STAGING_SIZE, (uint32_t)owner);
            } else {
                /* Neither slot holds a bootable image: write A, and make it active and accepted (there is
                 * nothing to revert to). */
                fwu_progress = recovery_progress;
                uint32_t fr = slot_write(0, staging, total);
                fwu_progress = 0;
                struct fwu_metadata md;
                fwu_read(&md);
                md.active_slot = 0;
                md.previous_slot = 0;
                md.state = FWU_STATE_ACCEPTED;
                if (!fr)
                    fr = fwu_write(&md);
                r.slot = 0;
                r.version = h.version;
                if (fr) {
                    r.result = UPD_ERR_FLASH;
                } else {
                    status = BOOT_STATUS_RECOVERY_PENDING;
                    uart_print("boot: installed ");
                    boot_put_version(&h.version);
                    uart_print(" in slot A, waiting for reset\n");
                }
            }
            mbox_send(src, &r, sizeof r);
            break;
        }
        default:
            break; /* not for the boot: an image's message, or out of protocol */
        }
    }
}

/* ---- normal boot ------------------------------------------------------------------------------------- */

/* Hart 0 releases the others into the image: they wait here (started by crt0) for their msip. */
void secondary_main(unsigned hartid)
{
    volatile uint32_t *msip = (volatile uint32_t *)(CELL_CLINT_BASE + CLINT_MSIP(hartid));
    __asm__ volatile("csrw mie, %0" ::"r"(8u)); /* MSIE: msip wakes WFI */
    while (!(*msip & 1))
        __asm__ volatile("wfi");
    *msip = 0;
    __asm__ volatile("csrw mie, zero\n fence rw, rw\n fence.i");
    void (*entry)(void) = (void (*)(void))(uintptr_t)info->entry;
    entry();
    for (;;)
        __asm__ volatile("wfi");
}

int main(void)
{
    uint32_t start_us = now_us();
    /* The boot block stays read-only until the next reset, whatever an image does. */
    flash_wp_set(FLASH_WP_BOOT_START, FLASH_WP_BOOT_END);
    flash_wp_lock();

    struct nvrec_settings s;
    int sr = nvrec_settings_read(&s);
    ++s.boot_count;

    struct fwu_metadata md;
    fwu_read(&md);
    fwu_repair(); /* a power cut during a metadata write leaves the copies different: make them the same */

    uint32_t reason = BOOT_REASON_NONE;
    if (md.state == FWU_STATE_TRIAL) {
        ++s.trial_count;
        if (s.trial_count > FWU_MAX_TRIAL_BOOTS) {
            uart_print("boot: trial of slot ");
            uart_putc((char)('A' + md.active_slot));
            uart_print(" failed, reverting\n");
            md.active_slot = md.previous_slot;
            md.state = FWU_STATE_ACCEPTED;
            fwu_write(&md);
            s.trial_count = 0;
            reason = BOOT_REASON_TRIAL_FAILED;
        }
    } else {
        s.trial_count = 0;
    }
    if (sr != NVREC_BAD_VERSION) /* a record this boot cannot read is never overwritten */
        nvrec_settings_write(&s);

    /* The active slot, else the other one. */
    struct image_header h;
    uint32_t slot = md.active_slot;
    uint32_t why = image_check((const void *)slot_ptr(slot), FLASH_SLOT_SIZE, s.security_counter, 1, &h);
    if (why != BOOT_REASON_NONE) {
        report_slot(slot, why);
        if (reason == BOOT_REASON_NONE)
            reason = why;
        slot ^= 1;
        why = image_check((const void *)slot_ptr(slot), FLASH_SLOT_SIZE, s.security_counter, 1, &h);
        if (why != BOOT_REASON_NONE) {
            report_slot(slot, why);
            recovery(reason, s.security_counter);
        }
        /* The other slot boots from now on: a trial that cannot even boot has failed. */
        md.active_slot = (uint8_t)slot;
        md.previous_slot = (uint8_t)slot;
        md.state = FWU_STATE_ACCEPTED;
        fwu_write(&md);
        s.trial_count = 0;
        if (sr != NVREC_BAD_VERSION)
            nvrec_settings_write(&s);
    }

    /* An accepted image's security counter becomes the stored one (MCUboot raises it once the image is
     * confirmed). boot_confirm() does it too, after the metadata; a power cut between the two leaves it to here. */
    if (md.state == FWU_STATE_ACCEPTED && h.security_counter > s.security_counter && sr != NVREC_BAD_VERSION) {
        s.security_counter = h.security_counter;
        nvrec_settings_write(&s);
    }

    info->slot = slot;
    info->state = md.state;
    info->status = reason == BOOT_REASON_NONE ? BOOT_STATUS_HEALTHY : BOOT_STATUS_BOOT_FAILURE;
    info->reason = reason;
    info->boot_count = s.boot_count;
    info->trial_count = md.state == FWU_STATE_TRIAL ? s.trial_count : 0;
    info->security_counter = s.security_counter;
    info->entry = h.entry_addr;
    for (uint32_t i = 0; i < sizeof h / 4; ++i)
        ((volatile uint32_t *)&info->header)[i] = ((const uint32_t *)&h)[i];

    uart_print("boot: slot ");
    uart_putc((char)('A' + slot));
    uart_print(" version ");
    boot_put_version(&h.version);
    if (md.state == FWU_STATE_TRIAL) {
        uart_print(" trial ");
        uart_put_dec(s.trial_count);
    }
    uart_putc('\n');
    uart_flush();

    if (md.state == FWU_STATE_TRIAL)
        cellctl_wdt_start(TRIAL_WATCHDOG_US, 0);
    info->boot_us = now_us() - start_us;
    info->magic = BOOT_INFO_MAGIC;

    /* Release the other harts into the image, then go there. */
    __asm__ volatile("fence rw, rw\n fence.i");
    uint32_t harts = cellctl_hart_count();
    for (uint32_t hart = 1; hart < harts; ++hart)
        *(volatile uint32_t *)(CELL_CLINT_BASE + CLINT_MSIP(hart)) = 1;
    void (*entry)(void) = (void (*)(void))(uintptr_t)h.entry_addr;
    entry();
    return 0;
}
