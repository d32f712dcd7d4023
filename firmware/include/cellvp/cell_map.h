/* Memory map of a cell: harts, RAM, flash ROM (XIP), NVRAM, console, CLINT, interrupt controller, cell
 * controller, the manageability mailbox, the fabric port and the SHA-256 engine. Shared by the models (C++)
 * and the firmware (C and assembly): the only place these addresses exist. Register layouts are in the
 * per-device headers. */
#ifndef CELLVP_CELL_MAP_H
#define CELLVP_CELL_MAP_H

#include "cellvp/cellctl_regs.h"
#include "cellvp/clint_regs.h"
#include "cellvp/fabric_regs.h"
#include "cellvp/flash_layout.h"
#include "cellvp/flash_regs.h"
#include "cellvp/intc_regs.h"
#include "cellvp/mbox_regs.h"
#include "cellvp/shadma_regs.h"
#include "cellvp/uart_regs.h"

/* Harts start here after every reset: the boot block at the start of the flash. */
#define CELL_RESET_VECTOR CELL_FLASH_BASE

#define CELL_CLINT_BASE 0x02000000u /* same place as on the bare machine */
#define CELL_INTC_BASE 0x0C000000u
#define CELL_INTC_SIZE 0x00001000u

/* Device registers, 4 KiB apart. */
#define CELL_UART_BASE 0x10000000u
#define CELL_UART_SIZE 0x00001000u
#define CELL_FLASHCTL_BASE 0x10001000u
#define CELL_FLASHCTL_SIZE 0x00001000u
#define CELL_CELLCTL_BASE 0x10002000u
#define CELL_CELLCTL_SIZE 0x00001000u
#define CELL_MBOX_BASE 0x10003000u
#define CELL_MBOX_SIZE 0x00001000u
/* The fabric port (link, DMA engine and inbound window registers: fabric_regs.h). */
#define CELL_FABRIC_BASE 0x10004000u
#define CELL_FABRIC_SIZE 0x00001000u
/* The SHA-256 engine with DMA (shadma_regs.h). */
#define CELL_SHADMA_BASE 0x10005000u
#define CELL_SHADMA_SIZE 0x00001000u

/* Flash ROM, read in place (XIP). Up to 64 MiB; the default part is 16 MiB (W25Q128JV). */
#define CELL_FLASH_BASE 0x20000000u
#define CELL_FLASH_MAX_SIZE 0x04000000u

/* NVRAM: byte-addressable FRAM, 128 KiB (Infineon FM25V10). */
#define CELL_NVRAM_BASE 0x30000000u
#define CELL_NVRAM_SIZE 0x00020000u

/* RAM: 16 MiB by default, up to 256 MiB. */
#define CELL_RAM_BASE 0x80000000u
#define CELL_RAM_DEFAULT_SIZE 0x01000000u
#define CELL_RAM_MAX_SIZE 0x10000000u

/* Device interrupt sources at the interrupt controller (bit numbers of INTC_PENDING). */
#define CELL_IRQ_UART 0u
#define CELL_IRQ_FLASH 1u
#define CELL_IRQ_MBOX 2u
#define CELL_IRQ_WDT 3u
#define CELL_IRQ_FABRIC 4u
#define CELL_IRQ_SHADMA 5u
#define CELL_IRQ_COUNT 6u

#define CELL_MAX_HARTS 4u

#endif
