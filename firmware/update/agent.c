/* The update agent (agent.h). Timers are modelled on PLDM firmware update's (DSP0267): a request is retried a
 * few times when unanswered, a silent peer during a transfer ends it, and a target left in update mode without
 * an image goes back to idle. The values are scaled to the simulated buses (a management packet takes about a
 * millisecond, a 1 MiB slot write a few seconds). */
#include "agent.h"

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
#include "intc.h"
#include "mbox.h"
#include "shadma.h"
#include "nvrec.h"
#include "uart.h"

#define TICKS_PER_US (CLINT_DEFAULT_TIMEBASE_HZ / 1000000u)

#define ACK_TIMEOUT_US 50000u        /* UPD_ENABLE unanswered: ask again (PLDM's request retry) */
#define ACK_RETRIES 3u
/* The target's link and window not there yet: give up. Training takes about 40 us here; PCIe's LTSSM gives
 * Polling and Configuration 24 + 48 ms. */
#define REACH_TIMEOUT_US 50000u
#define DMA_TIMEOUT_US 2000000u      /* a transfer that makes no progress (the port's own time-out is shorter) */
#define RESULT_TIMEOUT_US 30000000u  /* verify, erase and program of up to a slot's size */
#define BOOT_TIMEOUT_US 3000000u     /* from the reset to the target's status with the new version */
#define IDLE_TIMEOUT_US 10000000u    /* a target enabled but given no image returns to idle (PLDM's FD_T1) */
#define DELEGATE_TIMEOUT_US 120000000u

static const volatile struct boot_info *const info =
    (const volatile struct boot_info *)(CELL_RAM_BASE + CELL_RAM_BOOT_INFO_OFFSET);

struct peer {
    uint8_t seen;
    uint8_t status;
    uint16_t reason;
    struct image_version version;
    uint32_t status_count;   /* status reports so far */
    uint8_t ack_tag, ack_result;
    uint8_t result_tag, result_result;
    uint16_t result_reason;
    uint8_t delegate_done, delegate_ok, delegate_failed;
};

static struct peer peers[AGENT_MAX_CELLS];
static uint32_t me;
static uint8_t next_tag = 1;
static uint32_t stored_counter;

/* Target side: the update cell the window is open for, and since when. */
static int owner = -1;
static uint32_t owner_since_us;

/* A delegation waiting for the main loop. */
static uint8_t delegation[UPD_DELEGATE_MAX];
static uint32_t delegation_n;
static int delegator = -1;
static uint8_t delegator_tag;

static uint32_t now_us(void)
{
    return (uint32_t)(clint_mtime(CELL_CLINT_BASE) / TICKS_PER_US);
}

static int same_version(const struct image_version *a, const volatile struct image_version *b)
{
    return a->major == b->major && a->minor == b->minor && a->patch == b->patch && a->build == b->build;
}

static struct image_version my_version(void)
{
    struct image_version v = {info->header.version.major, info->header.version.minor, info->header.version.patch,
                              info->header.version.build};
    return v;
}

/* Sends with a few tries when the receiver's buffer is full (NACK): it drains in a millisecond or two. */
static uint32_t send(uint8_t dest, const void *msg, uint32_t len)
{
    uint32_t r = 0;
    for (unsigned attempt = 0; attempt < 8; ++attempt) {
        r = mbox_send(dest, msg, len);
        if (r != MBOX_STATUS_TX_NACK)
            return r;
        uint32_t until = now_us() + 1000u + 250u * (me % 8);
        while ((int32_t)(now_us() - until) < 0)
            ;
    }
    return r;
}

static void send_status(uint8_t dest, uint8_t tag)
{
    struct upd_msg_status m = {UPD_STATUS, tag, (uint8_t)info->status, (uint8_t)info->slot, (uint16_t)info->reason,
                               0, my_version(), stored_counter};
    send(dest, &m, sizeof m);
}

static void target_progress(uint32_t phase, uint32_t edge, uint32_t bytes)
{
    ev_phase(me, me, phase == FWU_PHASE_ERASE ? "erase" : "program", (int)edge, bytes);
}

/* Target side: UPD_IMAGE from the update cell. */
static void take_image(uint8_t src, const struct upd_msg_image *m)
{
    struct upd_msg_result r = {UPD_RESULT, m->tag, UPD_OK, 0xFF, 0, 0, {0, 0, 0, 0}};
    if (owner < 0 || src != owner) {
        r.result = UPD_ERR_STATE;
        send(src, &r, sizeof r);
        return;
    }
    fabric_window_close();
    const uint8_t *staged = (const uint8_t *)UPD_STAGING_ADDR;
    ev_phase(me, me, "verify", 0, m->length);
    struct image_header h;
    uint32_t total;
    uint32_t why = image_check_received(staged, m->length, CELL_RAM_STAGING_SIZE, stored_counter, &h, &total);
    ev_phase(me, me, "verify", 1, m->length);
    if (why != BOOT_REASON_NONE) {
        r.result = UPD_ERR_REJECTED;
        r.reason = (uint16_t)why;
        uart_print("cellfw: image from cell ");
        uart_put_dec(src);
        uart_print(" rejected: ");
        uart_print(boot_reason_name(why));
        uart_putc('\n');
        fabric_window_open(UPD_STAGING_ADDR, CELL_RAM_STAGING_SIZE, (uint32_t)owner);
        send(src, &r, sizeof r);
        return;
    }
    uint32_t slot = info->slot ^ 1; /* never the slot that runs */
    fwu_progress = target_progress;
    uint32_t fr = slot_install(slot, info->slot, staged, total);
    fwu_progress = 0;
    r.slot = (uint8_t)slot;
    r.version = h.version;
    r.result = fr ? UPD_ERR_FLASH : UPD_OK;
    uart_print(fr ? "cellfw: writing the image failed\n" : "cellfw: image installed, waiting for reset\n");
    send(src, &r, sizeof r);
    owner = -1;
}

static void handle(uint8_t src, const uint8_t *buf, int len)
{
    if (len < 2)
        return;
    /* Requests come from anyone on the bus (a management controller too); answers and reports only matter
     * from cells. */
    static struct peer nobody;
    struct peer *p = src < AGENT_MAX_CELLS ? &peers[src] : &nobody;
    switch (buf[0]) {
    case UPD_GET_STATUS:
        send_status(src, buf[1]);
        break;
    case UPD_STATUS:
        if (len >= (int)sizeof(struct upd_msg_status) && p != &nobody) {
            const struct upd_msg_status *m = (const struct upd_msg_status *)buf;
            p->seen = 1;
            p->status = m->status;
            p->reason = m->reason;
            p->version = m->version;
            ++p->status_count;
        }
        break;
    case UPD_ENABLE: {
        const struct upd_msg_enable *m = (const struct upd_msg_enable *)buf;
        struct upd_msg_enable_ack a = {UPD_ENABLE_ACK, buf[1], UPD_OK, 0, UPD_STAGING_ADDR, CELL_RAM_STAGING_SIZE};
        if (len < (int)sizeof *m || m->image_size > CELL_RAM_STAGING_SIZE) {
            a.result = UPD_ERR_TOO_LARGE;
        } else {
            fabric_window_open(UPD_STAGING_ADDR, CELL_RAM_STAGING_SIZE, src);
            fabric_link_enable(1);
            owner = src;
            owner_since_us = now_us();
            uart_print("cellfw: update from cell ");
            uart_put_dec(src);
            uart_print(": fabric enabled\n");
        }
        send(src, &a, sizeof a);
        break;
    }
    case UPD_IMAGE:
        if (len >= (int)sizeof(struct upd_msg_image))
            take_image(src, (const struct upd_msg_image *)buf);
        break;
    case UPD_ENABLE_ACK:
        p->ack_tag = buf[1];
        p->ack_result = len > 2 ? buf[2] : UPD_ERR_STATE;
        break;
    case UPD_RESULT:
        if (len >= (int)sizeof(struct upd_msg_result)) {
            const struct upd_msg_result *m = (const struct upd_msg_result *)buf;
            p->result_tag = m->tag;
            p->result_result = m->result;
            p->result_reason = m->reason;
        }
        break;
    case UPD_DELEGATE: {
        const struct upd_msg_delegate *m = (const struct upd_msg_delegate *)buf;
        uint32_t n = m->count <= UPD_DELEGATE_MAX ? m->count : UPD_DELEGATE_MAX;
        for (uint32_t i = 0; i < n; ++i)
            delegation[i] = m->targets[i];
        delegation_n = n;
        delegator = src;
        delegator_tag = m->tag;
        break;
    }
    case UPD_DELEGATE_DONE:
        if (len >= (int)sizeof(struct upd_msg_delegate_done)) {
            const struct upd_msg_delegate_done *m = (const struct upd_msg_delegate_done *)buf;
            p->delegate_done = 1;
            p->delegate_ok = m->ok;
            p->delegate_failed = m->failed;
        }
        break;
    default:
        break;
    }
}

static void poll(void)
{
    uint8_t buf[MBOX_MAX_PAYLOAD], src;
    int len;
    while ((len = mbox_recv(&src, buf, sizeof buf)) >= 0)
        handle(src, buf, len);
    if (owner >= 0 && now_us() - owner_since_us > IDLE_TIMEOUT_US) {
        uart_print("cellfw: no image came: update mode left\n");
        fabric_window_close();
        fabric_link_enable(0);
        owner = -1;
    }
}

/* Whether console input ends a nap: not during an update, which does not read the console (a byte left
 * waiting, a newline after the menu's "y", would keep the interrupt line high and end every nap at once). */
static int console_wakes = 1;

void agent_nap(uint32_t us)
{
    poll();
    uint64_t until = clint_mtime(CELL_CLINT_BASE) + (uint64_t)us * TICKS_PER_US;
    clint_set_mtimecmp(CELL_CLINT_BASE, 0, until);
    csr_set(mie, MIE_MTIE | MIE_MEIE);
    if (console_wakes)
        intc_enable(0, CELL_IRQ_UART);
    else
        intc_disable(0, CELL_IRQ_UART);
    while (clint_mtime(CELL_CLINT_BASE) < until && !mbox_rx_ready() && !(console_wakes && uart_rx_ready()))
        __asm__ volatile("wfi");
    csr_clear(mie, MIE_MTIE | MIE_MEIE);
    poll();
}

void agent_init(void)
{
    me = cellctl_cell_id();
    struct nvrec_settings s;
    nvrec_settings_read(&s);
    stored_counter = s.security_counter;
    intc_enable(0, CELL_IRQ_MBOX);
    intc_enable(0, CELL_IRQ_UART);
    mbox_irq_enable(1); /* RX_READY */
    uart_rx_irq_enable(1);
    send_status(MBOX_BROADCAST, 0); /* this cell is up, with this version */
}

uint32_t agent_rendezvous(uint32_t window_ms, uint32_t policy, uint8_t *errored)
{
    uint8_t ask[2] = {UPD_GET_STATUS, next_tag++};
    send(MBOX_BROADCAST, ask, sizeof ask);
    uint32_t start = now_us();
    while (now_us() - start < window_ms * 1000u)
        agent_nap(1000);
    struct image_version own = my_version(), want = own;
    if (policy & UPD_POLICY_MAJORITY) {
        /* The version most healthy cells run, this one included; a tie goes to this cell's. */
        uint32_t best = 0;
        for (uint32_t id = 0; id < AGENT_MAX_CELLS; ++id) {
            const struct image_version *v = id == me ? &own : &peers[id].version;
            if (id != me && (!peers[id].seen || peers[id].status != BOOT_STATUS_HEALTHY))
                continue;
            uint32_t votes = 0;
            for (uint32_t k = 0; k < AGENT_MAX_CELLS; ++k) {
                if (k == me)
                    votes += same_version(v, (const volatile struct image_version *)&own);
                else if (peers[k].seen && peers[k].status == BOOT_STATUS_HEALTHY)
                    votes += same_version(v, (const volatile struct image_version *)&peers[k].version);
            }
            if (votes > best || (votes == best && id == me)) {
                best = votes;
                want = *v;
            }
        }
    }
    uint32_t n = 0;
    for (uint32_t id = 0; id < AGENT_MAX_CELLS; ++id) {
        if (id == me || !peers[id].seen)
            continue;
        int wrong = peers[id].status != BOOT_STATUS_HEALTHY || !same_version(&want, &peers[id].version);
        if (wrong || (policy & UPD_POLICY_FORCE))
            errored[n++] = (uint8_t)id;
    }
    ev_rendezvous(me, &want, errored, n);
    if (!same_version(&want, (const volatile struct image_version *)&own)) {
        uart_print("cellfw: the partition's majority runs another version than this cell: nothing to load\n");
        return 0;
    }
    return n;
}

void agent_print_cells(void)
{
    for (uint32_t id = 0; id < AGENT_MAX_CELLS; ++id) {
        const struct peer *p = &peers[id];
        if (!p->seen)
            continue;
        uart_print("  cell ");
        uart_put_dec(id);
        if (p->status == BOOT_STATUS_RECOVERY_MODE || p->status == BOOT_STATUS_RUNNING_RECOVERY) {
            uart_print(": recovery mode, ");
            uart_print(boot_reason_name(p->reason));
        } else {
            uart_print(": ");
            uart_put_dec(p->version.major);
            uart_putc('.');
            uart_put_dec(p->version.minor);
            uart_putc('.');
            uart_put_dec(p->version.patch);
        }
        uart_putc('\n');
    }
}

/* ---- the update cell's side -------------------------------------------------------------------------- */

struct job {
    uint8_t target;
    uint8_t tag;
    uint8_t failed;
    const char *reason;
    uint32_t status_before; /* the target's status reports before its reset */
};

static uint32_t image_addr, image_len;

static void fail(struct job *j, const char *reason)
{
    if (!j->failed) {
        j->failed = 1;
        j->reason = reason;
    }
}

/* Waits until `cond(j)` or `us` pass; 1 when it held. */
static int wait_for(int (*cond)(const struct job *), const struct job *j, uint32_t us)
{
    uint32_t start = now_us();
    while (!cond(j)) {
        if (now_us() - start >= us)
            return 0;
        agent_nap(500);
    }
    return 1;
}

static int acked(const struct job *j) { return peers[j->target].ack_tag == j->tag; }
static int resulted(const struct job *j) { return peers[j->target].result_tag == j->tag; }
static int rebooted(const struct job *j)
{
    const struct peer *p = &peers[j->target];
    struct image_version want = my_version();
    return p->status_count > j->status_before && p->status == BOOT_STATUS_HEALTHY && same_version(&want, &p->version);
}

/* Update message (and acknowledgement), the target reachable, the transfer; the UPD_IMAGE is sent. */
static void load(struct job *j, int wait_ack)
{
    const uint8_t t = j->target;
    j->tag = next_tag++;
    peers[t].ack_tag = peers[t].result_tag = 0;
    ev_phase(me, t, "message", 0, 0);
    struct upd_msg_enable en = {UPD_ENABLE, j->tag, {0, 0}, image_len};
    int ok = 0;
    for (unsigned attempt = 0; attempt < (wait_ack ? ACK_RETRIES : 1u) && !ok; ++attempt) {
        if (send(t, &en, sizeof en) != 0)
            continue;
        ok = !wait_ack || wait_for(acked, j, ACK_TIMEOUT_US);
    }
    ev_phase(me, t, "message", 1, 0);
    if (!ok)
        return fail(j, wait_ack ? "no-acknowledgement" : "message-not-delivered");
    if (wait_ack && peers[t].ack_result != UPD_OK)
        return fail(j, "refused");

    /* Link training: this cell's link, then the target reachable and its window open (a small write). */
    ev_phase(me, t, "training", 0, 0);
    fabric_link_enable(1);
    if (fabric_wait_link_up(REACH_TIMEOUT_US) != 0) {
        ev_phase(me, t, "training", 1, 0);
        return fail(j, "link-down");
    }
    uint32_t start = now_us();
    int err;
    for (;;) {
        err = fabric_dma_start(t, UPD_STAGING_ADDR, image_addr, 4, FABRIC_DMA_DIR_WRITE) ? (int)FABRIC_ERR_PARAM
                                                                                         : fabric_dma_wait(DMA_TIMEOUT_US);
        if (err == FABRIC_ERR_NONE || now_us() - start >= REACH_TIMEOUT_US)
            break;
        agent_nap(200);
    }
    ev_phase(me, t, "training", 1, 0);
    if (err != FABRIC_ERR_NONE)
        return fail(j, err == FABRIC_ERR_UNREACHABLE ? "target-link-down" : "target-unreachable");

    ev_phase(me, t, "transfer", 0, image_len);
    err = fabric_dma_start(t, UPD_STAGING_ADDR, image_addr, image_len, FABRIC_DMA_DIR_WRITE) ? (int)FABRIC_ERR_PARAM
                                                                                             : fabric_dma_wait(DMA_TIMEOUT_US);
    ev_phase(me, t, "transfer", 1, image_len);
    if (err != FABRIC_ERR_NONE)
        return fail(j, "transfer-failed");
    struct upd_msg_image im = {UPD_IMAGE, j->tag, {0, 0}, image_len};
    if (send(t, &im, sizeof im) != 0)
        fail(j, "image-message-not-delivered");
}

/* The target's result; then its reset. */
static void finish(struct job *j)
{
    if (j->failed)
        return;
    if (!wait_for(resulted, j, RESULT_TIMEOUT_US))
        return fail(j, "no-result");
    if (peers[j->target].result_result != UPD_OK)
        return fail(j, peers[j->target].result_result == UPD_ERR_REJECTED ? ev_reason(peers[j->target].result_reason)
                                                                           : "install-failed");
    ev_phase(me, j->target, "reset", 0, 0);
    j->status_before = peers[j->target].status_count;
    const uint8_t reset[MBOX_RESET_LEN] = {MBOX_RESET_OPCODE, (uint8_t)MBOX_RESET_KEY, (uint8_t)(MBOX_RESET_KEY >> 8),
                                           (uint8_t)(MBOX_RESET_KEY >> 16), (uint8_t)(MBOX_RESET_KEY >> 24)};
    uint32_t r = send(j->target, reset, sizeof reset);
    ev_phase(me, j->target, "reset", 1, 0);
    if (r != 0)
        fail(j, "reset-not-delivered");
}

static void confirm_boot(struct job *j)
{
    if (!j->failed && !wait_for(rebooted, j, BOOT_TIMEOUT_US))
        fail(j, "not-booted");
    ev_update_done(me, j->target, !j->failed, j->failed ? j->reason : "none");
    uart_print("cellfw: cell ");
    uart_put_dec(j->target);
    uart_print(j->failed ? ": update failed: " : ": updated\n");
    if (j->failed) {
        uart_print(j->reason);
        uart_putc('\n');
    }
}

static const char *strategy_name(uint32_t policy)
{
    switch (policy & UPD_POLICY_STRATEGY_MASK) {
    case UPD_POLICY_PARALLEL: return "parallel";
    case UPD_POLICY_TREE: return "tree";
    default: return "sequential";
    }
}

uint32_t agent_update(const uint8_t *targets, uint32_t n, uint32_t policy, const char *flow, uint32_t *ok_out)
{
    /* The image to send: this cell's own, from its active slot, copied once into its RAM staging area by the
     * SHA-256 engine (16 ms per MiB at the flash's streaming rate), so the fabric DMA reads RAM, not the flash
     * at 66 MB/s for every target. */
    const volatile uint8_t *slot = flash_xip(FLASH_SLOT_OFFSET(info->slot));
    image_len = image_total_size((const void *)slot, FLASH_SLOT_SIZE);
    image_addr = CELL_FLASH_BASE + FLASH_SLOT_OFFSET(info->slot);
    if (image_len && shadma_hash_copy((const void *)slot, (void *)UPD_STAGING_ADDR, image_len, 1, 1) == 0)
        image_addr = UPD_STAGING_ADDR;
    const int wait_ack = !(policy & UPD_POLICY_NO_ACK_WAIT);
    const uint32_t strategy = policy & UPD_POLICY_STRATEGY_MASK;
    const int console_wakes_before = console_wakes;
    console_wakes = 0;
    uint32_t ok = 0, failed = 0;
    struct job jobs[AGENT_MAX_CELLS];
    if (n > AGENT_MAX_CELLS)
        n = AGENT_MAX_CELLS;
    for (uint32_t i = 0; i < n; ++i) {
        jobs[i].target = targets[i];
        jobs[i].failed = 0;
        jobs[i].reason = "none";
        ev_update_start(me, targets[i], strategy_name(policy), flow);
    }
    if (strategy == UPD_POLICY_PARALLEL) {
        for (uint32_t i = 0; i < n; ++i)
            load(&jobs[i], wait_ack);
        for (uint32_t i = 0; i < n; ++i)
            finish(&jobs[i]);
        for (uint32_t i = 0; i < n; ++i) {
            confirm_boot(&jobs[i]);
            jobs[i].failed ? ++failed : ++ok;
        }
    } else if (strategy == UPD_POLICY_TREE) {
        /* Update the first; once it runs the new image, hand it the second half of the rest; go on with the
         * first half. Every updated cell does the same with its share. */
        uint8_t delegates[AGENT_MAX_CELLS];
        uint32_t ndelegates = 0, lo = 0, hi = n;
        while (lo < hi) {
            struct job *j = &jobs[lo++];
            load(j, wait_ack);
            finish(j);
            confirm_boot(j);
            if (j->failed) {
                ++failed;
                continue;
            }
            ++ok;
            uint32_t rest = hi - lo, give = rest / 2;
            if (give) {
                struct upd_msg_delegate d = {UPD_DELEGATE, next_tag++, (uint8_t)give, 0, {0}};
                for (uint32_t k = 0; k < give; ++k)
                    d.targets[k] = jobs[hi - give + k].target;
                peers[j->target].delegate_done = 0;
                if (send(j->target, &d, sizeof d) == 0) {
                    delegates[ndelegates++] = j->target;
                    hi -= give;
                }
            }
        }
        for (uint32_t k = 0; k < ndelegates; ++k) {
            struct job dj = {delegates[k], 0, 0, "none", 0};
            uint32_t start = now_us();
            while (!peers[dj.target].delegate_done && now_us() - start < DELEGATE_TIMEOUT_US)
                agent_nap(1000);
            ok += peers[dj.target].delegate_ok;
            failed += peers[dj.target].delegate_done ? peers[dj.target].delegate_failed : 0;
        }
    } else {
        for (uint32_t i = 0; i < n; ++i) {
            load(&jobs[i], wait_ack);
            finish(&jobs[i]);
            confirm_boot(&jobs[i]);
            jobs[i].failed ? ++failed : ++ok;
        }
    }
    console_wakes = console_wakes_before;
    if (ok_out)
        *ok_out = ok;
    return failed;
}

int agent_run_delegation(uint32_t policy)
{
    if (delegator < 0)
        return 0;
    uint8_t targets[UPD_DELEGATE_MAX];
    uint32_t n = delegation_n;
    for (uint32_t i = 0; i < n; ++i)
        targets[i] = delegation[i];
    uint8_t from = (uint8_t)delegator, tag = delegator_tag;
    delegator = -1;
    uart_print("cellfw: passing the update on to ");
    uart_put_dec(n);
    uart_print(" cell(s)\n");
    uint32_t ok = 0;
    uint32_t failed = agent_update(targets, n, (policy & ~UPD_POLICY_STRATEGY_MASK) | UPD_POLICY_TREE,
                                   (policy & UPD_POLICY_NO_ACK_WAIT) ? "auto-noack" : "auto-ack", &ok);
    struct upd_msg_delegate_done d = {UPD_DELEGATE_DONE, tag, (uint8_t)ok, (uint8_t)failed};
    send(from, &d, sizeof d);
    return 1;
}
