// Fabric port of a cell (firmware/include/cellvp/fabric_regs.h): the cell's end of its fabric link, a DMA
// engine that moves data between local memory and another cell's memory as TLPs, and one inbound window that
// carries out the requests of one remote cell on this cell's bus.
//
// Models:
// - Link: LINK_CTRL ENABLE is passed to the fabric (fabric_attach_if::set_link_enable); LINK_STATUS UP follows
//   the fabric's link_changed(). No fabric attached: the link never comes up.
// - DMA write: the buffer is read from the cell bus (b_transport through the cell's router) one packet at a
//   time as the fabric pulls, into mem_write TLPs of at most max_payload bytes that never cross a 4 KiB
//   boundary of the remote address; the last one asks for an acknowledgement, and the transfer ends when its
//   completion arrives. The target answers access_denied if it refused any write from this source since its
//   last acknowledgement (a sticky flag per source), so one answer covers the whole transfer.
// - DMA read: mem_read TLPs of at most max_payload bytes (same boundary rule), up to max_reads_outstanding at
//   once, each with its own tag; completions are written into local memory through the cell bus.
// - Errors: link down at GO or lost during the transfer, denied, timeout (no progress, i.e. no packet taken by
//   the fabric and no completion, for DMA_TIMEOUT_US), a bus error on the local side, bad parameters.
//   Completions with a tag nothing waits for are counted (UNEXPECTED) and dropped; those of a transfer that
//   already ended in error are dropped silently.
// - Inbound: a request is carried out when the window is enabled, it comes from WIN_SRC and its whole range
//   lies in the window; then it goes to the cell bus (so it reaches RAM through the router, and RAM keeps the
//   harts' decoded code coherent). A refused request (or one the bus answers with an error) is counted in
//   REJECTED; a refused read is answered with access_denied. Reads longer than max_payload are refused (the
//   port does not split completions).
// Timing: register accesses take `access_latency` and act at the accessing initiator's local time
// (sc_time_stamp() + delay), as the other cell devices. The fabric calls tx_pull/rx_deliver/link_changed from
// its own thread, up to `offset` ahead of SystemC time: memory accesses happen during the call, visible
// effects (DMA_STATUS, LINK_STATUS, interrupt bits, the irq line, kicks of the fabric) are queued and applied
// by a method process at sc_time_stamp() + offset. A DMA's packets are handed out no earlier than the local
// time of the GO. Memory accesses are given the caller's time as their delay; the latency they add is not
// charged to anyone (the link is the bottleneck: its timing is the fabric's).
// Does NOT model: flow control credits (the fabric's), ordering rules beyond in-order delivery, completion
// splitting, more than one inbound window or DMA channel, 64-bit addresses, poisoned TLPs, ECRC.
#pragma once

#include "fabric/fabric_if.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>

namespace cellvp {

struct fabric_port_config {
    uint8_t cell_id = 0; // the first cell
    // Largest TLP payload, bytes: 256, the Max_Payload_Size most PCIe devices and root ports settle on (PCIe
    // Base Specification, 7.5.3.4: 128 .. 4096 bytes). A multiple of 4 from 4 to 4096.
    uint32_t max_payload = 256;
    // DMA time-out when DMA_TIMEOUT_US is 0: 10 ms, the low end of the default completion timeout range of
    // PCIe (Base Specification, 2.8: 50 us .. 50 ms, "should not expire in less than 10 ms").
    uint32_t default_timeout_us = 10000;
    // Read requests in flight at once: 16, enough to cover the round trip of a 256-byte read through the
    // switch (about 0.5 us at 4 GB/s; 4 would halve the read bandwidth) and well inside PCIe's 32 default
    // tags (PCIe Base Specification 2.2.6.2).
    unsigned max_reads_outstanding = 16;
    // Register access: 20 ns, the two cycles of an APB transfer at the cell's 100 MHz, as the other devices.
    sc_core::sc_time access_latency = sc_core::sc_time(20, sc_core::SC_NS);
};

class fabric_port : public sc_core::sc_module, public fabric::fabric_port_if {
public:
    tlm_utils::simple_target_socket<fabric_port> target_socket;       // registers
    tlm_utils::simple_initiator_socket<fabric_port> initiator_socket; // into the cell bus (DMA, window)
    sc_core::sc_out<bool> irq;                                        // to CELL_IRQ_FABRIC

    fabric_port(sc_core::sc_module_name name, const fabric_port_config& cfg = {});

    // Connects the fabric (nullptr: detached, the link stays down). Before sc_start() or from a process.
    void attach(fabric::fabric_attach_if* fabric);

    // Cell reset: a transfer in progress is aborted (its later completions are dropped), the window is closed,
    // the link disabled (the fabric is told), every register to its reset value. The counters are kept: they
    // are statistics over the whole run. Call from a process at the current time (or before sc_start()).
    void reset();

    // fabric::fabric_port_if
    bool tx_pull(fabric::tlp& out, const sc_core::sc_time& offset) override;
    void rx_deliver(const fabric::tlp& in, const sc_core::sc_time& offset) override;
    void link_changed(bool up, const sc_core::sc_time& offset) override;

    // Statistics for the host (the same values as the counter registers).
    struct stats {
        uint64_t tx_tlps = 0, tx_bytes = 0, rx_tlps = 0, rx_bytes = 0, rejected = 0, unexpected = 0;
        uint64_t dma_timeouts = 0, dma_transfers = 0, dma_errors = 0;
    };
    const stats& statistics() const { return m_stats; }
    const fabric_port_config& config() const { return m_cfg; }
    // Called when the link state or the DMA engine's busy bit changes, with the simulated time of the change
    // (now, or a little ahead for a change a register write makes). For waveforms; unset costs nothing.
    std::function<void(const sc_core::sc_time& at)> on_change;
    bool link_up() const { return m_link_up; }
    bool dma_busy() const { return m_dma_status & dma_busy_bit; }
    uint32_t dma_status() const { return m_dma_status; }
    uint32_t int_status() const { return m_int_status; }

private:
    static constexpr uint32_t dma_busy_bit = 1u << 0;

    struct read_request {
        uint32_t offset, length; // within the transfer
    };
    // The engine's side of a transfer (what the registers show is applied later, at the right time).
    struct transfer {
        bool active = false;
        bool write = false;
        uint8_t remote = 0;
        uint32_t remote_addr = 0, local_addr = 0, length = 0;
        uint32_t next = 0; // bytes requested (read) or sent (write) so far
        uint32_t done = 0; // bytes acknowledged (read: landed in local memory)
        bool ack_sent = false;
        uint8_t ack_tag = 0;
        std::map<uint8_t, read_request> reads; // outstanding, by tag
        sc_core::sc_time start;                // packets are handed out from this time on
        // Writes: the next chunk, read from local memory ahead of its packet, and when that read is over (a
        // chunk costs its words x the per-word latency the memory reports: none for RAM, 60 ns for flash).
        std::vector<uint8_t> staged;
        bool has_staged = false;
        sc_core::sc_time staged_ready;
    };

    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    bool read_reg(uint64_t offset, uint32_t& value) const;
    bool write_reg(uint64_t offset, uint32_t value, const sc_core::sc_time& delay);

    void start_dma(bool read, const sc_core::sc_time& delay);
    void finish_dma(unsigned error, const sc_core::sc_time& offset);
    void arm_timeout(const sc_core::sc_time& offset);
    uint32_t chunk_at(uint32_t next) const;
    uint8_t allocate_tag();
    bool make_write(fabric::tlp& out, const sc_core::sc_time& offset);
    bool stage_write(const sc_core::sc_time& offset);
    bool make_read(fabric::tlp& out);
    void receive_request(const fabric::tlp& in, const sc_core::sc_time& offset);
    void receive_completion(const fabric::tlp& in, const sc_core::sc_time& offset);
    bool in_window(uint8_t src, uint32_t address, uint32_t length) const;
    void reject(const fabric::tlp& in, const char* why);
    void queue_completion(const fabric::tlp& request, fabric::tlp_status status, std::vector<uint8_t> data,
                          const sc_core::sc_time& offset);
    tlm::tlm_response_status bus_access(tlm::tlm_command cmd, uint32_t address, uint8_t* data, uint32_t length,
                                        const sc_core::sc_time& offset, sc_core::sc_time* latency = nullptr);

    // Effects applied at sc_time_stamp() + offset by action_process.
    void schedule(const sc_core::sc_time& offset, std::function<void()> action);
    void kick(const sc_core::sc_time& offset);
    void action_process();
    void timeout_process();
    void irq_process();

    fabric_port_config m_cfg;
    fabric::fabric_attach_if* m_fabric = nullptr;

    // Registers.
    uint32_t m_link_ctrl = 0;
    bool m_link_up = false;
    bool m_link_told = false; // what the fabric was last told of LINK_CTRL ENABLE
    uint32_t m_int_status = 0, m_int_enable = 0;
    uint32_t m_dma_remote = 0, m_dma_remote_addr = 0, m_dma_local_addr = 0, m_dma_len = 0, m_dma_timeout_us = 0;
    uint32_t m_dma_status = 0, m_dma_bytes_done = 0;
    uint32_t m_win_base = 0, m_win_size = 0, m_win_src = 0, m_win_ctrl = 0;

    transfer m_dma;
    uint8_t m_next_tag = 0;
    std::set<uint8_t> m_stale_tags; // of a transfer that ended early: their completions are dropped silently
    std::array<bool, 256> m_denied{}; // per source: a write was refused since the last acknowledgement
    std::deque<fabric::tlp> m_completions; // to send, before any request
    bool m_win_irq_pending = false;        // a WIN_WRITE interrupt is scheduled already
    sc_core::sc_time m_deadline;

    std::multimap<sc_core::sc_time, std::function<void()>> m_actions;
    sc_core::sc_event_queue m_action_queue;
    sc_core::sc_event m_timeout_event, m_irq_event;
    stats m_stats;
};

} // namespace cellvp
