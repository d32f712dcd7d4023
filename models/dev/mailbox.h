// Mailbox of a cell on the manageability interconnect (mgmt_bus): the registers of
// firmware/include/cellvp/mbox_regs.h, a TX FIFO of 64 bytes, a receive buffer of MBOX_RX_PACKETS packets and
// a level interrupt.
//
// Registers (32-bit accesses only, naturally aligned; anything else, or an offset past MBOX_MY_ID, is
// answered with TLM_ADDRESS_ERROR_RESPONSE; byte enables with TLM_BYTE_ENABLE_ERROR_RESPONSE). Reads of
// write-only registers (TXDATA, TXCTL, RXCTL) return 0; writes to read-only ones (RXSRC, RXLEN, RXDATA,
// MY_ID) are ignored.
// - TXDATA: appends the low byte. A 65th byte is dropped and TX_ERR is set at once; the FIFO is marked
//   overflowed and a SEND of it sends nothing and ends at once with TX_ERR (a truncated packet never goes
//   out). The contract has no TX overflow bit.
// - TXDEST: bits 7:0, the destination id (MBOX_BROADCAST for all); reads back.
// - TXCTL: SEND clears TX_DONE/TX_NACK/TX_ERR, hands the FIFO's bytes to the bus (the FIFO is empty again,
//   so a retry writes the payload again) and sets TX_BUSY until the bus reports; an empty FIFO sends a packet
//   without payload. SEND while TX_BUSY is ignored. ABORT empties the FIFO and clears TX_BUSY: a packet
//   still waiting for the bus is withdrawn; one already on the wire completes, but its result is dropped.
//   ABORT together with SEND: ABORT only.
// - STATUS: as mbox_regs.h; write 1 to clear TX_DONE, TX_NACK, TX_ERR, RX_OVERFLOW.
// - RXSRC, RXLEN: source and whole payload length of the oldest received packet (0 when none); RXLEN does
//   not shrink as bytes are read. RXDATA pops its next byte; bit 31 alone when it has no more (or there is
//   no packet). Reading the last byte does not move on: RXCTL NEXT drops the rest and moves to the next.
// - IRQ_EN: bits 1:0; irq = (RX_READY and bit 0) or ((TX_DONE or TX_NACK or TX_ERR) and bit 1).
// A packet that arrives while MBOX_RX_PACKETS are held is NACKed and RX_OVERFLOW is set.
//
// Timing: every register access takes `access_latency` (default 20 ns: the two cycles, setup and access,
// of an AMBA APB transfer, ARM IHI 0024, at the cell's 100 MHz clock). Effects take place at the end of the
// access (the caller's time plus its annotated delay plus the latency): the SEND request, the interrupt line.
// Does NOT model: a separate register clock domain, retries by hardware, DMA.
#pragma once

#include "dev/mgmt_bus.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

namespace cellvp {

class mailbox : public sc_core::sc_module, public mgmt_node_if {
public:
    tlm_utils::simple_target_socket<mailbox> target_socket;
    sc_core::sc_out<bool> irq;

    // Attaches itself to `bus` with `address` (the cell id).
    mailbox(sc_core::sc_module_name name, uint8_t address, mgmt_bus& bus,
            sc_core::sc_time access_latency = sc_core::sc_time(20, sc_core::SC_NS));

    // A remote reset packet arrived (mbox_regs.h: MBOX_RESET_OPCODE + key); the cell performs the reset.
    std::function<void()> on_remote_reset;

    // Cell reset: FIFOs emptied, registers to their reset values (all 0), a packet waiting for the bus
    // withdrawn; a packet on the wire completes on the bus but its result is dropped.
    void reset();

    uint8_t mgmt_address() const override { return m_address; }
    uint32_t status() const;
    std::size_t rx_packets() const { return m_rx.size(); }
    std::size_t tx_fifo_bytes() const { return m_tx.size(); }

private:
    struct rx_packet {
        uint8_t src;
        std::vector<uint8_t> data;
        std::size_t next = 0; // index of the byte RXDATA returns next
    };

    bool mgmt_receive(const mgmt_packet& packet) override;
    void mgmt_sent(const mgmt_packet& packet, mgmt_result result) override;

    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    uint32_t read_reg(uint64_t offset, bool side_effects);
    void write_reg(uint64_t offset, uint32_t value, const sc_core::sc_time& delay);
    void send(const sc_core::sc_time& delay);
    void abort_tx();
    void update_irq();

    uint8_t m_address;
    mgmt_bus& m_bus;
    sc_core::sc_time m_latency;

    std::vector<uint8_t> m_tx;
    bool m_tx_overflow = false;
    uint8_t m_txdest = 0;
    uint32_t m_status = 0; // TX_BUSY, TX_DONE, TX_NACK, TX_ERR, RX_OVERFLOW (RX_READY is computed)
    uint32_t m_irq_en = 0;
    std::deque<rx_packet> m_rx;
    std::size_t m_outstanding = 0;  // packets handed to the bus and not reported yet
    std::size_t m_drop_results = 0; // of which the oldest ones whose result is dropped (abort, reset)
    sc_core::sc_event m_irq_changed;
};

} // namespace cellvp
