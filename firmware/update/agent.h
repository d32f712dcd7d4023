/* The update agent of the cell firmware: both ends of the update protocol on the management bus
 * (cellvp/update_proto.h). As a target it enables its fabric link and opens its window for the update cell
 * on UPD_ENABLE, checks and installs the image on UPD_IMAGE (into the slot that does not run) and waits for the
 * update cell's reset. As the update cell it finds the errored cells (rendezvous), and loads its own image into
 * each over the fabric, sequentially, in parallel or as a tree in which updated cells pass the update on. */
#ifndef CELLVP_UPDATE_AGENT_H
#define CELLVP_UPDATE_AGENT_H

#include <stdint.h>

#include "cellvp/nvram_settings.h"

#define AGENT_MAX_CELLS 64u

/* Starts the agent: the mailbox and console wake the hart from naps; announces this cell's status. */
void agent_init(void);
/* Sleeps up to `us` microseconds, waking for a packet or a console byte; handles every waiting packet. */
void agent_nap(uint32_t us);
/* Asks every cell for its status and listens for `window_ms`; then fills `errored` with the ids of the cells
 * not running the desired version (this cell's) or not healthy (all others with UPD_POLICY_FORCE). Returns
 * their number. */
uint32_t agent_rendezvous(uint32_t window_ms, uint32_t policy, uint8_t *errored);
/* Updates `n` cells with this cell's image as `policy` says (strategy, acknowledgement), reporting `flow` in
 * the events. Returns the number that failed; *ok gets the number updated. */
uint32_t agent_update(const uint8_t *targets, uint32_t n, uint32_t policy, const char *flow, uint32_t *ok);
/* A delegation received (tree strategy) is run here, from the main loop; returns 1 when there was one. */
int agent_run_delegation(uint32_t policy);
/* Prints the cells known from the rendezvous on the console. */
void agent_print_cells(void);

#endif
