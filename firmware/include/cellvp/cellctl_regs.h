/* Cell controller: identity, reset cause, soft reset and watchdog. Offsets from CELL_CELLCTL_BASE. */
#ifndef CELLVP_CELLCTL_REGS_H
#define CELLVP_CELLCTL_REGS_H

#define CELLCTL_CELL_ID 0x000u      /* read-only */
#define CELLCTL_PARTITION_ID 0x004u /* read-only */
#define CELLCTL_HART_COUNT 0x008u   /* read-only */
#define CELLCTL_RESET_CAUSE 0x00Cu  /* read-only: CELLCTL_RESET_* of the last reset */
#define CELLCTL_RESET 0x010u        /* write CELLCTL_RESET_KEY: reset the cell (harts, devices; RAM undefined) */
#define CELLCTL_WDT_LOAD 0x014u     /* watchdog period in microseconds */
#define CELLCTL_WDT_CTRL 0x018u     /* bit 0: enable (resets the cell when it expires); bit 1: interrupt first */
#define CELLCTL_WDT_KICK 0x01Cu     /* write CELLCTL_WDT_KICK_KEY: restart the period */
#define CELLCTL_WDT_STATUS 0x020u   /* bit 0: expired once (interrupt pending); write 1 to clear */
#define CELLCTL_SCRATCH 0x024u      /* survives a cell reset (not a power cycle) */

#define CELLCTL_RESET_POWER_ON 0u
#define CELLCTL_RESET_SOFT 1u
#define CELLCTL_RESET_WATCHDOG 2u
#define CELLCTL_RESET_REMOTE 3u /* by another cell over the manageability interconnect */

#define CELLCTL_RESET_KEY 0x52535421u   /* "RST!" */
#define CELLCTL_WDT_KICK_KEY 0x4B49434Bu /* "KICK" */

#endif
