/* Event records of the update for the tool (cellvp run): one line each through HTIF, which the host stamps
 * with the simulated time as it arrives; people read the console (UART) instead. The formats are the host's
 * contract (testbench/scenarios/README.md):
 *   @ev boot cell=ID state=healthy|recovery|boot_failure version=M.m.p+b|none slot=A|B|none reason=NAME boot_us=N
 *   @ev rendezvous cell=U desired=M.m.p+b errored=ID,ID|none
 *   @ev update_start cell=U target=T strategy=S flow=F
 *   @ev phase cell=C target=T name=message|training|transfer|verify|erase|program|reset edge=start|end [bytes=N]
 *   @ev update_done cell=U target=T result=ok|fail reason=NAME
 *   @ev update_end cell=U ok=N failed=N */
#ifndef CELLVP_UPDATE_EVENTS_H
#define CELLVP_UPDATE_EVENTS_H

#include <stdint.h>

#include "cellvp/image_format.h"

void ev_boot(uint32_t cell, const char *state, const struct image_version *v, int slot, const char *reason,
             uint32_t boot_us);
void ev_phase(uint32_t cell, uint32_t target, const char *name, int end, uint32_t bytes);
void ev_update_start(uint32_t cell, uint32_t target, const char *strategy, const char *flow);
void ev_update_done(uint32_t cell, uint32_t target, int ok, const char *reason);
void ev_update_end(uint32_t cell, uint32_t ok, uint32_t failed);
void ev_rendezvous(uint32_t cell, const struct image_version *desired, const uint8_t *errored, uint32_t n);

/* A reason's name for an event: the boot's name with spaces as dashes ("hash-mismatch"). */
const char *ev_reason(uint32_t boot_reason);

#endif
