// SHA-256 engine with DMA of a cell (firmware/include/cellvp/shadma_regs.h): hashes a range of the cell's bus
// and optionally copies it to another range in the same pass, as the hash accelerators of secure-boot SoCs do
// (OpenTitan's HMAC block, Caliptra's SHA accelerator), so a boot verifies and loads an image without the
// hart touching every byte.
//
// Models:
// - Data: the engine is an initiator on the cell bus (b_transport through the router), so it reads and writes
//   whatever the harts can, with each target's own answer: flash, RAM, NVRAM; a busy flash reads 0xFF, as it
//   does for the harts. It moves bursts of `burst` bytes; a target that refuses a burst (the NVRAM takes 1, 2
//   or 4 bytes) is read or written a word at a time instead, and so is a burst that got an error, to find the
//   exact word: the run stops there with ERR_BUS and ERRADDR = that word's address. The digest is computed by
//   the model's own SHA-256 (FIPS 180-4), bit-exact; the state carries across runs until FINAL.
// - Timing, a streaming pipeline of three stages that overlap: reads, the hash core and writes, joined by a
//   double buffer of two bursts (a burst's buffer is reused when both the hash and the write are done with
//   it). Reads and writes cost per 32-bit word the latency the target reports for one access, but at least
//   one engine clock (a 32-bit bus moves one word per clock): 60 ns per word from the flash (the W25Q128JV's
//   quad-read streaming rate, 66 MB/s: flash_config::read_latency), one clock from RAM. The hash core takes
//   `block_cycles` (65) engine clocks per 64-byte block, from when the block's last word has arrived. So a run
//   costs about max(read, hash, write) time plus the fill and drain of the pipeline: 1 MiB from flash in about
//   1 MiB / 66.7 MB/s, from RAM at the hash core's 98 MB/s (at 100 MHz).
// - The engine's thread runs ahead of SystemC time by up to one global quantum (as the harts do): a burst's
//   accesses carry their offset as the b_transport delay. DONE (and the interrupt) appear at the computed end.
//   A STATUS read while busy carries a poll hint up to the thread's next step (the status cannot change
//   before), so a hart polling it lets time jump.
// - Registers: accesses take `access_latency`; a START acts at the writer's local time. START while busy
//   sets ERR_BUSY and is ignored; a non-final run whose length is not a multiple of 64, or a range past
//   4 GiB, ends at once with ERR_LEN and changes nothing. An error abandons the message (DIGEST reads 0).
// - reset() (cell reset, power off): a run in progress stops where it is (bytes already copied stay, no DONE,
//   no interrupt), the message is dropped, the registers return to 0.
// Does NOT model: bus contention with the harts (the engine's accesses do not slow theirs, nor theirs the
// engine's), the QSPI controller's command overhead when the engine's flash reads interrupt a hart's
// instruction fetches, HMAC, SHA-224/384/512, a message longer than 2^61 bytes, DMI (bursts keep the host
// cost at a few thousand transactions per MiB).
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <array>
#include <cstdint>
#include <vector>

namespace cellvp {

struct sha_dma_config {
    // The engine's clock: the cell's (100 MHz, as the harts'; the cell sets it from its hart clock).
    sc_core::sc_time clock_period = sc_core::sc_time(10, sc_core::SC_NS);
    // SHA-256 core: 65 clocks per 64-byte block when kept fed (TI SLAU723A, MSP432E4 technical reference
    // manual, SHA/MD5 performance: "SHA-256 ... 65 cycles per block"; secworks/sha256, an open iterative core
    // of one round per clock, reports 66 cycles latency).
    unsigned block_cycles = 65;
    // Bytes per bus burst (and per buffer of the double buffer): 256, the usual AXI burst of 64 x 32 bits.
    uint32_t burst = 256;
    // Register access: 20 ns, the two cycles of an APB transfer at 100 MHz, as the other devices.
    sc_core::sc_time access_latency = sc_core::sc_time(20, sc_core::SC_NS);
};

class sha_dma : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<sha_dma> target_socket;       // registers
    tlm_utils::simple_initiator_socket<sha_dma> initiator_socket; // into the cell bus
    sc_core::sc_out<bool> irq;                                    // to CELL_IRQ_SHADMA

    sha_dma(sc_core::sc_module_name name, const sha_dma_config& cfg = {});

    // Cell reset and power off: see the header comment. From a process at the current time, or before sc_start().
    void reset();

    struct stats {
        uint64_t runs = 0, bytes_hashed = 0, bytes_copied = 0, bus_errors = 0, aborted = 0;
    };
    const stats& statistics() const { return m_stats; }
    const sha_dma_config& config() const { return m_cfg; }
    bool busy() const { return m_status & busy_bit; }
    uint32_t status() const { return m_status; }

private:
    static constexpr uint32_t busy_bit = 1u << 0;

    struct job {
        uint32_t src = 0, dst = 0, len = 0;
        bool init = false, copy = false, final = false;
    };
    // Outcome of one bus transfer of a burst: the cost per word in ps, or the address that failed.
    struct transfer_result {
        bool ok = true;
        uint32_t bad_addr = 0;
        uint64_t fail_ps = 0; // ps after the burst's start at which the failing access was made
        uint64_t cost_ps = 0; // whole burst
    };

    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    bool read_reg(uint64_t offset, uint32_t& value) const;
    bool write_reg(uint64_t offset, uint32_t value, const sc_core::sc_time& delay);
    void start(uint32_t ctrl, const sc_core::sc_time& delay);

    void engine_thread();
    void run(const job& j);
    bool wait_until(uint64_t at_ps, uint64_t generation); // false: the run was aborted meanwhile
    transfer_result transfer(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, uint32_t len, uint64_t at_ps);
    bool access(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, uint32_t len, uint64_t at_ps, uint64_t& latency_ps);
    uint64_t word_cost(uint64_t latency_ps) const;
    void compress(const uint8_t* block);
    void new_message();
    void publish_digest();
    void irq_process();

    sha_dma_config m_cfg;
    uint64_t m_period_ps;

    // Registers.
    uint32_t m_src = 0, m_dst = 0, m_len = 0, m_status = 0, m_irq_en = 0, m_erraddr = 0;
    std::array<uint32_t, 8> m_digest{};

    // Hash state: H0..H7 and the bytes of the message so far.
    std::array<uint32_t, 8> m_h{};
    uint64_t m_msg_bytes = 0;

    job m_job;
    uint64_t m_generation = 0; // bumped by reset(): a run of an older generation stops
    bool m_start_pending = false; // a START was accepted; its run begins at m_start_at
    sc_core::sc_time m_start_at;
    sc_core::sc_time m_next_wake; // the engine thread's next step while busy (poll hints end there)
    tlm::tlm_generic_payload m_trans;
    std::vector<uint8_t> m_buf; // double buffer: two bursts
    sc_core::sc_event m_start_event, m_abort_event, m_irq_event;
    stats m_stats;
};

} // namespace cellvp
