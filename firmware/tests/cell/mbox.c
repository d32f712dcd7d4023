// cellvp-args: --cells 2
// mbox: cell 0 and cell 1 exchange packets over the manageability bus: an echo, a NACK for an absent id, a broadcast, and a NACK when the receiver's buffer is full.
#define TEST_NAME "cell-mbox"
#include "cell_test.h"
#include "cellctl.h"
#include "mbox.h"

#define ABSENT_ID 0x42u
#define WAIT_MS 200u

/* Messages of the protocol (first payload byte). */
#define MSG_PING 'P'
#define MSG_ECHO 'E'
#define MSG_BROADCAST 'B'
#define MSG_READY 'R' /* cell 1 took the broadcast and waits for the buffer to fill */
#define MSG_SEQ 'S'
#define MSG_DONE 'D'

static uint8_t ping_byte(unsigned i)
{
    return (uint8_t)(i ^ 0x5A);
}

/* The next packet, waiting at most WAIT_MS; its length, or -1 after the time-out. */
static int receive(uint8_t *src, uint8_t *buf, uint32_t cap)
{
    uint64_t t = test_mtime();
    while (!mbox_rx_ready())
        if (test_mtime() - t > (uint64_t)WAIT_MS * TICKS_PER_MS)
            return -1;
    return mbox_recv(src, buf, cap);
}

static int cell0(void)
{
    uint8_t buf[MBOX_MAX_PAYLOAD], src;

    /* A full packet to cell 1, which answers with every byte plus one. */
    buf[0] = MSG_PING;
    for (unsigned i = 1; i < MBOX_MAX_PAYLOAD; i++)
        buf[i] = ping_byte(i);
    uint64_t t = test_mtime();
    CHECK(2, mbox_send(1, buf, MBOX_MAX_PAYLOAD) == 0);
    uint32_t us = test_us_since(t);
    /* 68 frame bytes of 9 bits and START/STOP at 400 kHz: 1535 us on the wire. */
    htif_printf("cell-mbox: 64-byte packet delivered in %lu us\n", us);
    CHECK(3, us >= 1500 && us <= 2000);
    CHECK(4, receive(&src, buf, sizeof buf) == MBOX_MAX_PAYLOAD);
    CHECK(5, src == 1 && buf[0] == MSG_ECHO);
    for (unsigned i = 1; i < MBOX_MAX_PAYLOAD; i++)
        CHECK(6, buf[i] == (uint8_t)(ping_byte(i) + 1));

    /* Nobody has this id: NACK, nothing delivered. */
    buf[0] = MSG_PING;
    CHECK(7, mbox_send(ABSENT_ID, buf, 1) == MBOX_STATUS_TX_NACK);

    /* A broadcast reaches cell 1. */
    buf[0] = MSG_BROADCAST;
    CHECK(8, mbox_send(MBOX_BROADCAST, buf, 1) == 0);
    CHECK(9, receive(&src, buf, sizeof buf) == 1 && src == 1 && buf[0] == MSG_READY);

    /* Cell 1 now leaves its receive buffer alone: MBOX_RX_PACKETS packets fit, the next is refused. */
    for (unsigned seq = 0; seq < MBOX_RX_PACKETS; seq++) {
        uint8_t msg[2] = {MSG_SEQ, (uint8_t)seq};
        CHECK(10, mbox_send(1, msg, sizeof msg) == 0);
    }
    uint8_t extra[2] = {MSG_SEQ, MBOX_RX_PACKETS};
    CHECK(11, mbox_send(1, extra, sizeof extra) == MBOX_STATUS_TX_NACK);
    CHECK(12, receive(&src, buf, sizeof buf) == 1 && src == 1 && buf[0] == MSG_DONE);
    CHECK(13, !mbox_rx_ready() && !mbox_rx_overflow());

    htif_printf("cell-mbox: cell 0 passed\n");
    return 0;
}

static int cell1(void)
{
    uint8_t buf[MBOX_MAX_PAYLOAD], src;

    /* Echo the ping to its sender. */
    CHECK(30, receive(&src, buf, sizeof buf) == MBOX_MAX_PAYLOAD);
    CHECK(31, src == 0 && buf[0] == MSG_PING);
    buf[0] = MSG_ECHO;
    for (unsigned i = 1; i < MBOX_MAX_PAYLOAD; i++)
        buf[i]++;
    CHECK(32, mbox_send(src, buf, MBOX_MAX_PAYLOAD) == 0);

    /* The broadcast (the packet to the absent id went nowhere). */
    CHECK(33, receive(&src, buf, sizeof buf) == 1 && src == 0 && buf[0] == MSG_BROADCAST);
    buf[0] = MSG_READY;
    CHECK(34, mbox_send(0, buf, 1) == 0);

    /* Let the buffer fill until a packet is refused, then take the packets in order. */
    uint64_t t = test_mtime();
    while (!mbox_rx_overflow())
        CHECK(35, test_mtime() - t < (uint64_t)WAIT_MS * TICKS_PER_MS);
    for (unsigned seq = 0; seq < MBOX_RX_PACKETS; seq++) {
        CHECK(36, mbox_recv(&src, buf, sizeof buf) == 2);
        CHECK(37, src == 0 && buf[0] == MSG_SEQ && buf[1] == seq);
    }
    CHECK(38, !mbox_rx_ready());
    mbox_clear_overflow();
    CHECK(39, !mbox_rx_overflow());
    buf[0] = MSG_DONE;
    CHECK(40, mbox_send(0, buf, 1) == 0);

    htif_printf("cell-mbox: cell 1 passed\n");
    return 0;
}

int main(void)
{
    uint32_t id = cellctl_cell_id();
    CHECK(1, mbox_my_id() == id && id < 2);
    return id == 0 ? cell0() : cell1();
}
