// cellvp-args: --cells 2 --fabric-ber 1e-6 --seed 5
// fabric_dma_ber: with bit errors on every fabric wire (1e-6), cell 0 DMAs 1 MiB into cell 1's window and reads it back: the link layer's replays deliver every byte intact, and both cells check them.
#define TEST_NAME "cell-fabric-dma-ber"
#include "cell_test.h"
#include "cellctl.h"
#include "fabric.h"
#include "mbox.h"

#define SIZE 0x100000u /* 1 MiB: about 8.4 Mbit per wire, so several flipped bits at 1e-6 */
#define WAIT_MS 500u
#define LINK_WAIT_US 1000u
#define DMA_WAIT_US 50000u

#define MSG_OPEN 'O'
#define MSG_WRITTEN 'W'

/* The same addresses on both cells (same program): cell 1's window is `window`. */
static uint32_t window[SIZE / 4];
static uint32_t source[SIZE / 4];
static uint32_t readback[SIZE / 4];

#define WIN_ADDR ((uint32_t)(uintptr_t)window)

static uint32_t pattern(uint32_t k)
{
    uint32_t x = k * 0x9E3779B1u + 0x6A09E667u;
    x ^= x >> 15;
    x *= 0x2C1B3C6Du;
    return x ^ (x >> 12);
}

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

/* Index of the first word that is not the pattern, or SIZE / 4. */
static uint32_t first_mismatch(const uint32_t *p, const char *what)
{
    for (uint32_t k = 0; k < SIZE / 4; k++)
        if (p[k] != pattern(k)) {
            htif_printf("%s: %s: word %u is 0x%x, expected 0x%x\n", TEST_NAME, what, (unsigned)k, (unsigned)p[k],
                        (unsigned)pattern(k));
            return k;
        }
    return SIZE / 4;
}

static int cell0(void)
{
    fabric_link_enable(1);
    CHECK(2, fabric_wait_link_up(LINK_WAIT_US) == 0);
    for (uint32_t k = 0; k < SIZE / 4; k++)
        source[k] = pattern(k);
    CHECK(3, receive_from(1) == MSG_OPEN);

    uint64_t t = test_mtime();
    CHECK(4, fabric_dma_start(1, WIN_ADDR, (uint32_t)(uintptr_t)source, SIZE, FABRIC_DMA_DIR_WRITE) == 0);
    int err = fabric_dma_wait(DMA_WAIT_US);
    htif_printf("%s: 1 MiB written in %u us (error %d)\n", TEST_NAME, (unsigned)test_us_since(t), err);
    CHECK(5, err == FABRIC_ERR_NONE);
    CHECK(6, fabric_dma_bytes_done() == SIZE);

    t = test_mtime();
    CHECK(7, fabric_dma_start(1, WIN_ADDR, (uint32_t)(uintptr_t)readback, SIZE, FABRIC_DMA_DIR_READ) == 0);
    err = fabric_dma_wait(DMA_WAIT_US);
    htif_printf("%s: 1 MiB read back in %u us (error %d)\n", TEST_NAME, (unsigned)test_us_since(t), err);
    CHECK(8, err == FABRIC_ERR_NONE);
    CHECK(9, fabric_dma_bytes_done() == SIZE);
    CHECK(10, first_mismatch(readback, "read back") == SIZE / 4);
    CHECK(11, fabric_unexpected() == 0 && fabric_dma_timeouts() == 0);
    CHECK(12, send_msg(1, MSG_WRITTEN));
    htif_printf("%s: cell 0 passed\n", TEST_NAME);
    return 0;
}

static int cell1(void)
{
    fabric_link_enable(1);
    CHECK(30, fabric_wait_link_up(LINK_WAIT_US) == 0);
    fabric_window_open(WIN_ADDR, SIZE, 0);
    CHECK(31, send_msg(0, MSG_OPEN));
    CHECK(32, receive_from(0) == MSG_WRITTEN);
    CHECK(33, first_mismatch(window, "window") == SIZE / 4);
    CHECK(34, fabric_rx_bytes() == SIZE && fabric_rejected() == 0);
    htif_printf("%s: cell 1 passed\n", TEST_NAME);
    return 0;
}

int main(void)
{
    uint32_t id = cellctl_cell_id();
    CHECK(1, fabric_id() == id && id < 2);
    return id == 0 ? cell0() : cell1();
}
