// cellvp-args: --cells 3
// fabric_dma: cell 0 DMAs 64 KiB into cell 1's open window over the fabric and reads it back intact; writes and reads outside the window, and cell 2 (not the window's source), are refused and leave cell 1's memory unchanged.
#define TEST_NAME "cell-fabric-dma"
#include "cell_test.h"
#include "cellctl.h"
#include "fabric.h"
#include "mbox.h"

#define WIN_SIZE 0x10000u /* 64 KiB */
#define GUARD 0x1000u     /* checked bytes on each side of the window */
#define PROBE 64u         /* length of the refused transfers: one packet each */
#define GUARD_BYTE 0xA5u
#define WAIT_MS 200u
#define LINK_WAIT_US 1000u
#define DMA_WAIT_US 10000u

/* Messages over the mailbox (first payload byte). */
#define MSG_OPEN 'O'    /* cell 1 to 0: the window is open for cell 0 */
#define MSG_WRITTEN 'W' /* cell 0 to 1: the buffer was written, then the refused transfers were tried */
#define MSG_TRY 'T'     /* cell 1 to 2: try the window (you are not its source) */
#define MSG_TRIED 'X'   /* cell 2 to 1: tried */

/* The same program runs on every cell, so these have the same addresses everywhere: cell 1's window is
 * region[GUARD .. GUARD + WIN_SIZE), with GUARD bytes on each side that must never change. */
static uint8_t region[GUARD + WIN_SIZE + GUARD] __attribute__((aligned(4096)));
static uint8_t source[WIN_SIZE] __attribute__((aligned(4)));
static uint8_t readback[WIN_SIZE] __attribute__((aligned(4)));

#define WIN_ADDR ((uint32_t)(uintptr_t)&region[GUARD])

/* Byte i of the transferred buffer: depends on the whole offset, so a packet landing in the wrong place shows. */
static uint8_t pattern(uint32_t i)
{
    uint32_t w = (i >> 2) * 0x9E3779B1u ^ 0x5EEDF00Du;
    return (uint8_t)(w >> (8 * (i & 3)));
}

/* The next packet from `want_src`, at most WAIT_MS; its first byte, or -1 after the time-out. */
static int receive_from(uint8_t want_src)
{
    uint8_t buf[MBOX_MAX_PAYLOAD], src;
    uint64_t t = test_mtime();
    for (;;) {
        while (!mbox_rx_ready())
            if (test_mtime() - t > (uint64_t)WAIT_MS * TICKS_PER_MS)
                return -1;
        if (mbox_recv(&src, buf, sizeof buf) >= 1 && src == want_src)
            return buf[0];
    }
}

static int send_msg(uint8_t dest, uint8_t msg)
{
    return mbox_send(dest, &msg, 1) == 0;
}

/* A transfer from start to end; its FABRIC_ERR_* (or FABRIC_WAIT_TIMEOUT). */
static int dma(uint32_t remote, uint32_t remote_addr, const void *local, uint32_t len, uint32_t dir)
{
    if (fabric_dma_start(remote, remote_addr, (uint32_t)(uintptr_t)local, len, dir) != 0)
        return -2;
    return fabric_dma_wait(DMA_WAIT_US);
}

/* Offset of the first byte of the window that is not the pattern, or WIN_SIZE. */
static uint32_t first_window_mismatch(const uint8_t *p)
{
    for (uint32_t i = 0; i < WIN_SIZE; i++)
        if (p[i] != pattern(i))
            return i;
    return WIN_SIZE;
}

/* Whether both guards still hold GUARD_BYTE everywhere. */
static int guards_intact(void)
{
    for (uint32_t i = 0; i < GUARD; i++)
        if (region[i] != GUARD_BYTE || region[GUARD + WIN_SIZE + i] != GUARD_BYTE) {
            htif_printf("%s: guard byte at window %c %u changed to 0x%x\n", TEST_NAME,
                        region[i] != GUARD_BYTE ? '-' : '+', (unsigned)(region[i] != GUARD_BYTE ? GUARD - i : i),
                        region[i] != GUARD_BYTE ? region[i] : region[GUARD + WIN_SIZE + i]);
            return 0;
        }
    return 1;
}

static int window_holds_pattern(const char *when)
{
    uint32_t bad = first_window_mismatch(&region[GUARD]);
    if (bad != WIN_SIZE)
        htif_printf("%s: %s: window byte %u is 0x%x, expected 0x%x\n", TEST_NAME, when, (unsigned)bad,
                    region[GUARD + bad], pattern(bad));
    return bad == WIN_SIZE;
}

static int cell0(void)
{
    fabric_link_enable(1);
    CHECK(2, fabric_wait_link_up(LINK_WAIT_US) == 0);
    for (uint32_t i = 0; i < WIN_SIZE; i++)
        source[i] = pattern(i);
    CHECK(3, receive_from(1) == MSG_OPEN);

    /* The whole buffer into the window: DONE without error once cell 1 acknowledged the last packet. */
    uint32_t tx_bytes = fabric_tx_bytes();
    uint64_t t = test_mtime();
    int err = dma(1, WIN_ADDR, source, WIN_SIZE, FABRIC_DMA_DIR_WRITE);
    uint32_t us = test_us_since(t);
    htif_printf("%s: 64 KiB written to cell 1 in %u us (error %d)\n", TEST_NAME, (unsigned)us, err);
    CHECK(4, err == FABRIC_ERR_NONE);
    CHECK(5, fabric_dma_bytes_done() == WIN_SIZE);
    CHECK(6, fabric_tx_bytes() - tx_bytes == WIN_SIZE);

    /* Read back from the window: the data that landed there. */
    err = dma(1, WIN_ADDR, readback, WIN_SIZE, FABRIC_DMA_DIR_READ);
    CHECK(7, err == FABRIC_ERR_NONE);
    CHECK(8, fabric_dma_bytes_done() == WIN_SIZE);
    uint32_t bad = first_window_mismatch(readback);
    if (bad != WIN_SIZE)
        htif_printf("%s: read back byte %u is 0x%x, expected 0x%x\n", TEST_NAME, (unsigned)bad, readback[bad],
                    pattern(bad));
    CHECK(9, bad == WIN_SIZE);

    /* Just after and just before the window: refused, nothing written there. */
    CHECK(10, dma(1, WIN_ADDR + WIN_SIZE, source, PROBE, FABRIC_DMA_DIR_WRITE) == FABRIC_ERR_DENIED);
    CHECK(11, dma(1, WIN_ADDR - PROBE, source, PROBE, FABRIC_DMA_DIR_WRITE) == FABRIC_ERR_DENIED);
    /* A read just after the window: refused, the local buffer keeps what it had. */
    CHECK(12, dma(1, WIN_ADDR + WIN_SIZE, readback, PROBE, FABRIC_DMA_DIR_READ) == FABRIC_ERR_DENIED);
    CHECK(13, first_window_mismatch(readback) == WIN_SIZE);
    CHECK(14, send_msg(1, MSG_WRITTEN));

    htif_printf("%s: cell 0 passed\n", TEST_NAME);
    return 0;
}

static int cell1(void)
{
    for (uint32_t i = 0; i < sizeof region; i++)
        region[i] = GUARD_BYTE;
    uint32_t rejected = fabric_rejected(), rx_bytes = fabric_rx_bytes();
    fabric_irq_clear(FABRIC_INT_ALL);
    fabric_link_enable(1);
    CHECK(30, fabric_wait_link_up(LINK_WAIT_US) == 0);
    fabric_window_open(WIN_ADDR, WIN_SIZE, 0);
    CHECK(31, send_msg(0, MSG_OPEN));

    /* Cell 0 wrote the buffer (it saw the acknowledgement of the last packet), then tried outside. */
    CHECK(32, receive_from(0) == MSG_WRITTEN);
    CHECK(33, fabric_irq_status() & FABRIC_INT_WIN_WRITE);
    CHECK(34, window_holds_pattern("after cell 0's write"));
    CHECK(35, guards_intact());
    CHECK(36, fabric_rx_bytes() - rx_bytes == WIN_SIZE);
    htif_printf("%s: cell 1 refused %u requests of cell 0\n", TEST_NAME, (unsigned)(fabric_rejected() - rejected));
    CHECK(37, fabric_rejected() - rejected == 3); /* two writes and a read outside the window */

    /* Cell 2 is not the window's source: its write and its read are refused. */
    CHECK(38, send_msg(2, MSG_TRY));
    CHECK(39, receive_from(2) == MSG_TRIED);
    CHECK(40, window_holds_pattern("after cell 2's write"));
    CHECK(41, guards_intact());
    CHECK(42, fabric_rx_bytes() - rx_bytes == WIN_SIZE);
    CHECK(43, fabric_rejected() - rejected == 5);

    htif_printf("%s: cell 1 passed\n", TEST_NAME);
    return 0;
}

static int cell2(void)
{
    for (uint32_t i = 0; i < WIN_SIZE; i++)
        readback[i] = (uint8_t)~pattern(i);
    fabric_link_enable(1);
    CHECK(60, fabric_wait_link_up(LINK_WAIT_US) == 0);
    CHECK(61, receive_from(1) == MSG_TRY);
    CHECK(62, dma(1, WIN_ADDR, readback, PROBE, FABRIC_DMA_DIR_WRITE) == FABRIC_ERR_DENIED);
    CHECK(63, dma(1, WIN_ADDR, readback, PROBE, FABRIC_DMA_DIR_READ) == FABRIC_ERR_DENIED);
    for (uint32_t i = 0; i < PROBE; i++)
        CHECK(64, (uint8_t)(readback[i] ^ pattern(i)) == 0xFFu); /* nothing of cell 1's window came back */
    CHECK(65, send_msg(1, MSG_TRIED));

    htif_printf("%s: cell 2 passed\n", TEST_NAME);
    return 0;
}

int main(void)
{
    uint32_t id = cellctl_cell_id();
    CHECK(1, fabric_id() == id && id < 3);
    return id == 0 ? cell0() : id == 1 ? cell1() : cell2();
}
