/* Where things live in a cell's flash ROM, NVRAM and RAM: the boot block, the update metadata, the image slots,
 * the NVRAM settings and update log. Shared by the firmware (C), the models and the host tools (C++);
 * included from cell_map.h. Offsets are from the start of each part; firmware/README.md has the tables.
 *
 * Flash: the default part, a Winbond W25Q128JV (16 MiB; 256-byte pages, 4 KiB sectors, 64 KiB blocks):
 *
 *   0x000000 +-------------------------------+
 *            | boot block (256 KiB, WP)      |  never updated in the field
 *   0x040000 +-------------------------------+
 *            | update metadata, copy 0 (4K)  |  FWU-style, sequence number + CRC
 *   0x041000 | update metadata, copy 1 (4K)  |
 *   0x042000 | reserved (to 0x100000)        |  room for more update state without moving the slots
 *   0x100000 +-------------------------------+
 *            | slot A (7.5 MiB)              |
 *   0x880000 +-------------------------------+
 *            | slot B (7.5 MiB)              |
 *   0x1000000+-------------------------------+
 *
 * NVRAM: Infineon FM25V10 FRAM (128 KiB, byte-writable, no erase):
 *
 *   0x00000  settings record, copy 0 (256 B)  nvrec (firmware/boot/nvrec.h)
 *   0x00100  settings record, copy 1 (256 B)
 *   0x00200  reserved (to 0x01000)            more redundant records
 *   0x01000  update log (16 KiB)
 *   0x05000  reserved (to 0x10000)
 *   0x10000  free for programs and tests (64 KiB) */
#ifndef CELLVP_FLASH_LAYOUT_H
#define CELLVP_FLASH_LAYOUT_H

/* The part the layout is made for; a larger part (CELL_FLASH_MAX_SIZE) keeps this layout and leaves the rest
 * unused, a smaller one cannot hold it. */
#define FLASH_LAYOUT_PART_SIZE 0x01000000u /* 16 MiB: W25Q128JV */

/* The boot block: the reset vector (CELL_RESET_VECTOR) is its first byte. Write-protected, because the code
 * that can repair a cell must survive any update and any firmware bug. 256 KiB is the smallest bottom range
 * the W25Q128JV's block protection covers in whole 64 KiB blocks (status register TB = 1, BP2..0 = 001:
 * blocks 0..3, 0x000000..0x03FFFF (check: the datasheet's Status Register Memory Protection table)); 128 KiB is not one
 * of its ranges (the SEC = 1 ranges stop at 32 KiB, too small for a boot with SHA-256, recovery and drivers). The flash
 * model accepts any [WP_START, WP_END); this range is one a real part can also enforce. */
#define FLASH_BOOT_OFFSET 0x00000000u
#define FLASH_BOOT_SIZE 0x00040000u
#define FLASH_WP_BOOT_START FLASH_BOOT_OFFSET /* FLASH_WP_START / FLASH_WP_END for the boot block */
#define FLASH_WP_BOOT_END (FLASH_BOOT_OFFSET + FLASH_BOOT_SIZE)

/* Update metadata (active slot, trial state, ...), two copies as Arm's FWU metadata: each in its own 4 KiB
 * sector (the smallest erase), so erasing and rewriting one never touches the other, and a power cut during
 * an update of one leaves the other intact. Right after the boot block: outside the write protection, and in
 * one 64 KiB block that holds nothing else the update writes. */
#define FLASH_METADATA_SIZE 0x00001000u /* FLASH_SECTOR_4K */
#define FLASH_METADATA0_OFFSET 0x00040000u
#define FLASH_METADATA1_OFFSET 0x00041000u

/* Reserved up to the first slot: room for more update state (a second metadata format, a boot log) without
 * moving the slots, which would invalidate every deployed layout. */
#define FLASH_RESERVED_OFFSET 0x00042000u
#define FLASH_RESERVED_SIZE 0x000BE000u

/* Image slots A and B (firmware/include/cellvp/image_format.h): the same size, so any image fits either;
 * 64 KiB-aligned in start and size, so a slot erases in whole 64 KiB blocks (0.15 s typical each against
 * 16 x 45 ms for the same bytes in sectors). A starts at 1 MiB; the two fill the rest of the 16 MiB part. An
 * image is copied to RAM to run (IMAGE_FLAG_RAM_LOAD): 7.5 MiB also fits the default 16 MiB of RAM. */
#define FLASH_SLOT_SIZE 0x00780000u
#define FLASH_SLOT_A_OFFSET 0x00100000u
#define FLASH_SLOT_B_OFFSET 0x00880000u
#define FLASH_SLOT_COUNT 2u
#define FLASH_SLOT_OFFSET(slot) ((slot) == 0 ? FLASH_SLOT_A_OFFSET : FLASH_SLOT_B_OFFSET) /* slot 0: A, 1: B */

/* NVRAM (FRAM: byte writes at bus speed, no erase, 10^14 cycles: no wear levelling needed). */

/* The settings record (firmware/boot/nvrec.h): two copies, written alternately, so a power cut during a
 * write leaves the other one whole. 256 B each: a settings payload of a few dozen bytes with room to grow. */
#define NVRAM_SETTINGS_COPY_SIZE 0x00000100u
#define NVRAM_SETTINGS_COPY0_OFFSET 0x00000000u
#define NVRAM_SETTINGS_COPY1_OFFSET 0x00000100u

/* Reserved for further redundant records (up to 0x1000). */
#define NVRAM_RECORDS_RESERVED_OFFSET 0x00000200u
#define NVRAM_RECORDS_RESERVED_SIZE 0x00000E00u

/* The update log: a ring of update events (what was installed when, and how it ended). 16 KiB: a few hundred
 * entries at a few dozen bytes each. Its entry format belongs to the update agent. */
#define NVRAM_UPDATE_LOG_OFFSET 0x00001000u
#define NVRAM_UPDATE_LOG_SIZE 0x00004000u

/* Reserved for platform state to come (up to 0x10000); above it, free for programs and tests (which may use it
 * without disturbing the settings). */
#define NVRAM_RESERVED_OFFSET 0x00005000u
#define NVRAM_RESERVED_SIZE 0x0000B000u
#define NVRAM_FREE_OFFSET 0x00010000u
#define NVRAM_FREE_SIZE 0x00010000u

/* RAM (CELL_RAM_DEFAULT_SIZE, 16 MiB; a larger RAM keeps this layout). Offsets from CELL_RAM_BASE:
 *
 *   0x000000  run area (8 MiB): the running image's body (load_addr = CELL_RAM_BASE), then its .bss and stacks
 *   0x800000  staging area (7.5 MiB = FLASH_SLOT_SIZE): an image received over the fabric, before it is
 *             verified and written to a slot (the inbound window the firmware opens)
 *   0xF80000  boot area (512 KiB): the boot_info handed to the image (cellvp/boot_info.h), the test host's
 *             words (HTIF: one fixed place for the boot and every image, so one mapping serves both), then
 *             the boot firmware's data, .bss and stacks. An image may reuse it once it runs.
 * The boot copies an image only into the run area, so the copy never overwrites the boot's own RAM. */
#define CELL_RAM_RUN_OFFSET 0x00000000u
#define CELL_RAM_RUN_SIZE 0x00800000u
#define CELL_RAM_STAGING_OFFSET 0x00800000u
#define CELL_RAM_STAGING_SIZE FLASH_SLOT_SIZE
#define CELL_RAM_BOOT_OFFSET 0x00F80000u
#define CELL_RAM_BOOT_SIZE 0x00080000u
#define CELL_RAM_BOOT_INFO_OFFSET 0x00F80000u /* struct boot_info (cellvp/boot_info.h), 256 bytes */
#define CELL_RAM_HTIF_OFFSET 0x00F80100u      /* tohost, fromhost: 256 bytes */
#define CELL_RAM_BOOT_DATA_OFFSET 0x00F80200u /* the boot's .data, .bss, stacks */

/* The layout is consistent: checked wherever this header is compiled as C or C++ (crt0.S includes it too). */
#ifndef __ASSEMBLER__
#ifdef __cplusplus
#define CELLVP_LAYOUT_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define CELLVP_LAYOUT_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
CELLVP_LAYOUT_ASSERT(FLASH_BOOT_SIZE % 0x10000u == 0, "the boot block is whole 64 KiB blocks");
CELLVP_LAYOUT_ASSERT(FLASH_METADATA0_OFFSET == FLASH_BOOT_OFFSET + FLASH_BOOT_SIZE, "metadata follows the boot block");
CELLVP_LAYOUT_ASSERT(FLASH_METADATA1_OFFSET == FLASH_METADATA0_OFFSET + FLASH_METADATA_SIZE, "metadata copies adjoin");
CELLVP_LAYOUT_ASSERT(FLASH_METADATA0_OFFSET % 0x1000u == 0 && FLASH_METADATA1_OFFSET % 0x1000u == 0,
                     "each metadata copy is one 4 KiB sector");
CELLVP_LAYOUT_ASSERT(FLASH_RESERVED_OFFSET == FLASH_METADATA1_OFFSET + FLASH_METADATA_SIZE &&
                         FLASH_RESERVED_OFFSET + FLASH_RESERVED_SIZE == FLASH_SLOT_A_OFFSET,
                     "the reserved area fills the gap to slot A");
CELLVP_LAYOUT_ASSERT(FLASH_SLOT_A_OFFSET % 0x10000u == 0 && FLASH_SLOT_B_OFFSET % 0x10000u == 0 &&
                         FLASH_SLOT_SIZE % 0x10000u == 0,
                     "slots erase in whole 64 KiB blocks");
CELLVP_LAYOUT_ASSERT(FLASH_SLOT_B_OFFSET == FLASH_SLOT_A_OFFSET + FLASH_SLOT_SIZE, "slot B follows slot A");
CELLVP_LAYOUT_ASSERT(FLASH_SLOT_B_OFFSET + FLASH_SLOT_SIZE == FLASH_LAYOUT_PART_SIZE,
                     "the slots end at the part's end");
CELLVP_LAYOUT_ASSERT(NVRAM_SETTINGS_COPY1_OFFSET == NVRAM_SETTINGS_COPY0_OFFSET + NVRAM_SETTINGS_COPY_SIZE,
                     "settings copies adjoin");
CELLVP_LAYOUT_ASSERT(NVRAM_RECORDS_RESERVED_OFFSET == NVRAM_SETTINGS_COPY1_OFFSET + NVRAM_SETTINGS_COPY_SIZE &&
                         NVRAM_RECORDS_RESERVED_OFFSET + NVRAM_RECORDS_RESERVED_SIZE == NVRAM_UPDATE_LOG_OFFSET,
                     "NVRAM records then the log");
CELLVP_LAYOUT_ASSERT(NVRAM_UPDATE_LOG_OFFSET + NVRAM_UPDATE_LOG_SIZE == NVRAM_RESERVED_OFFSET &&
                         NVRAM_RESERVED_OFFSET + NVRAM_RESERVED_SIZE == NVRAM_FREE_OFFSET,
                     "NVRAM areas adjoin");
CELLVP_LAYOUT_ASSERT(NVRAM_FREE_OFFSET + NVRAM_FREE_SIZE == 0x00020000u, "the NVRAM layout fills the FM25V10");
CELLVP_LAYOUT_ASSERT(CELL_RAM_RUN_SIZE >= FLASH_SLOT_SIZE, "any image that fits a slot fits the run area");
CELLVP_LAYOUT_ASSERT(CELL_RAM_STAGING_OFFSET == CELL_RAM_RUN_OFFSET + CELL_RAM_RUN_SIZE &&
                         CELL_RAM_STAGING_OFFSET + CELL_RAM_STAGING_SIZE <= CELL_RAM_BOOT_OFFSET,
                     "RAM areas do not overlap");
CELLVP_LAYOUT_ASSERT(CELL_RAM_BOOT_OFFSET + CELL_RAM_BOOT_SIZE == 0x01000000u, "the boot area ends the 16 MiB RAM");
CELLVP_LAYOUT_ASSERT(CELL_RAM_BOOT_INFO_OFFSET == CELL_RAM_BOOT_OFFSET &&
                         CELL_RAM_HTIF_OFFSET == CELL_RAM_BOOT_INFO_OFFSET + 0x100u &&
                         CELL_RAM_BOOT_DATA_OFFSET == CELL_RAM_HTIF_OFFSET + 0x100u,
                     "boot area: boot_info, HTIF words, then the boot's RAM");
#undef CELLVP_LAYOUT_ASSERT
#endif /* __ASSEMBLER__ */

#endif
