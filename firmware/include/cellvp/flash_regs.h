/* Flash controller of a cell: a NOR flash read in place through CELL_FLASH_BASE, programmed and erased
 * through these registers. Offsets from CELL_FLASHCTL_BASE; 32-bit registers.
 *
 * Program: write up to FLASH_PAGE_SIZE bytes into the page buffer (FLASH_BUF), the flash offset into
 * FLASH_ADDR and the byte count into FLASH_LEN (the range must stay within one 256-byte page), then
 * FLASH_CMD_PROGRAM into FLASH_CMD. Erase: FLASH_ADDR (aligned), then FLASH_CMD_ERASE_4K or _64K.
 * While an operation runs, FLASH_STATUS_BUSY is set and reads of the flash array return 0xFF bytes (the
 * part ignores reads while it programs or erases), so code that flashes runs from RAM. At the end BUSY
 * clears, DONE sets and, with FLASH_IRQ_EN, the controller raises CELL_IRQ_FLASH until DONE is cleared. */
#ifndef CELLVP_FLASH_REGS_H
#define CELLVP_FLASH_REGS_H

#define FLASH_CMD 0x000u
#define FLASH_ADDR 0x004u
#define FLASH_LEN 0x008u
#define FLASH_STATUS 0x00Cu /* write 1 to clear DONE and the error bits */
#define FLASH_IRQ_EN 0x010u /* bit 0: interrupt on DONE */
#define FLASH_WP_START 0x014u /* write-protected range [WP_START, WP_END) of flash offsets */
#define FLASH_WP_END 0x018u
#define FLASH_WP_LOCK 0x01Cu  /* write 1: WP_START/WP_END read-only until the cell resets */
#define FLASH_SIZE_REG 0x020u /* read-only: size of the part in bytes */
#define FLASH_BUF 0x100u     /* 256-byte page buffer, 0x100..0x1FF */

#define FLASH_CMD_PROGRAM 1u
#define FLASH_CMD_ERASE_4K 2u
#define FLASH_CMD_ERASE_64K 3u

#define FLASH_STATUS_BUSY (1u << 0)
#define FLASH_STATUS_DONE (1u << 1)
#define FLASH_STATUS_ERR_NOT_ERASED (1u << 2) /* program tried to set bits that were 0: firmware error */
#define FLASH_STATUS_ERR_PROTECTED (1u << 3)  /* the range is write-protected: nothing changed */
#define FLASH_STATUS_ERR_RANGE (1u << 4)      /* misaligned erase, page crossing, beyond the part */
#define FLASH_STATUS_ERR_BUSY (1u << 5)       /* a command while busy: ignored */

#define FLASH_PAGE_SIZE 256u
#define FLASH_SECTOR_4K 0x1000u
#define FLASH_BLOCK_64K 0x10000u

#endif
