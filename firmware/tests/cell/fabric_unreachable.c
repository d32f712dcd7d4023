// cellvp-args: --cells 2
// fabric_unreachable: a cell whose firmware never enables its link is unreachable over the fabric, and a
// requester learns it at once: the switch answers a DMA to it (or to a cell id with no port) with an
// "unreachable" completion, long before the DMA time-out.
#define TEST_NAME "cell-fabric-unreachable"
#include "cell_test.h"
#include "cellctl.h"
#include "fabric.h"

#define LINK_WAIT_US 1000u
#define DMA_WAIT_US 20000u /* above the port's 10 ms default time-out: a time-out would show as such */

static uint8_t buffer[256] __attribute__((aligned(4)));

/* One transfer; its error code, and how long it took in *us. */
static int dma(uint32_t remote, uint32_t dir, uint32_t *us)
{
    uint64_t t0 = test_mtime();
    if (fabric_dma_start(remote, CELL_RAM_BASE, (uint32_t)(uintptr_t)buffer, sizeof buffer, dir) != 0)
        return -1;
    int err = fabric_dma_wait(DMA_WAIT_US);
    *us = test_us_since(t0);
    return err;
}

int main(void)
{
    if (cellctl_cell_id() != 0)
        return 0; /* cell 1 never enables its link */

    uint32_t us = 0;
    fabric_link_enable(1);
    CHECK(1, fabric_wait_link_up(LINK_WAIT_US) == 0);
    CHECK(2, dma(1, FABRIC_DMA_DIR_WRITE, &us) == FABRIC_ERR_UNREACHABLE);
    CHECK(3, us < 100);
    CHECK(4, dma(1, FABRIC_DMA_DIR_READ, &us) == FABRIC_ERR_UNREACHABLE);
    CHECK(5, us < 100);
    CHECK(6, dma(9, FABRIC_DMA_DIR_WRITE, &us) == FABRIC_ERR_UNREACHABLE); /* no cell 9 on this fabric */
    CHECK(7, us < 100);
    htif_printf("%s: passed (answered in %lu us)\n", TEST_NAME, (unsigned long)us);
    return 0;
}
