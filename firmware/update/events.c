/* Event records of the update through HTIF (events.h). */
#include "events.h"

#include "cellvp/boot_info.h"
#include "htif.h"

static void put_version(const struct image_version *v)
{
    if (v)
        htif_printf("%u.%u.%u+%u", (unsigned)v->major, (unsigned)v->minor, (unsigned)v->patch, (unsigned)v->build);
    else
        htif_printf("none");
}

void ev_boot(uint32_t cell, const char *state, const struct image_version *v, int slot, const char *reason,
             uint32_t boot_us)
{
    htif_printf("@ev boot cell=%u state=%s version=", (unsigned)cell, state);
    put_version(v);
    htif_printf(" slot=%s reason=%s boot_us=%u\n", slot == 0 ? "A" : slot == 1 ? "B" : "none", reason,
                (unsigned)boot_us);
}

void ev_phase(uint32_t cell, uint32_t target, const char *name, int end, uint32_t bytes)
{
    if (bytes)
        htif_printf("@ev phase cell=%u target=%u name=%s edge=%s bytes=%u\n", (unsigned)cell, (unsigned)target, name,
                    end ? "end" : "start", (unsigned)bytes);
    else
        htif_printf("@ev phase cell=%u target=%u name=%s edge=%s\n", (unsigned)cell, (unsigned)target, name,
                    end ? "end" : "start");
}

void ev_update_start(uint32_t cell, uint32_t target, const char *strategy, const char *flow)
{
    htif_printf("@ev update_start cell=%u target=%u strategy=%s flow=%s\n", (unsigned)cell, (unsigned)target,
                strategy, flow);
}

void ev_update_done(uint32_t cell, uint32_t target, int ok, const char *reason)
{
    htif_printf("@ev update_done cell=%u target=%u result=%s reason=%s\n", (unsigned)cell, (unsigned)target,
                ok ? "ok" : "fail", reason);
}

void ev_update_end(uint32_t cell, uint32_t ok, uint32_t failed)
{
    htif_printf("@ev update_end cell=%u ok=%u failed=%u\n", (unsigned)cell, (unsigned)ok, (unsigned)failed);
}

void ev_rendezvous(uint32_t cell, const struct image_version *desired, const uint8_t *errored, uint32_t n)
{
    htif_printf("@ev rendezvous cell=%u desired=", (unsigned)cell);
    put_version(desired);
    htif_printf(" errored=");
    if (!n)
        htif_printf("none");
    for (uint32_t i = 0; i < n; ++i)
        htif_printf(i ? ",%u" : "%u", (unsigned)errored[i]);
    htif_printf("\n");
}

const char *ev_reason(uint32_t r)
{
    switch (r) {
    case BOOT_REASON_NONE: return "none";
    case BOOT_REASON_NO_IMAGE: return "no-image";
    case BOOT_REASON_BAD_HEADER: return "bad-header";
    case BOOT_REASON_HASH_MISMATCH: return "hash-mismatch";
    case BOOT_REASON_WRONG_HW: return "wrong-hardware";
    case BOOT_REASON_ANTI_ROLLBACK: return "anti-rollback";
    case BOOT_REASON_TRIAL_FAILED: return "trial-failed";
    case BOOT_REASON_FORCED: return "forced";
    default: return "unknown";
    }
}
