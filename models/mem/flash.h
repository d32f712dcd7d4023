// Serial NOR flash of a cell behind a memory-mapped controller (firmware/include/cellvp/flash_regs.h):
// the array read in place (XIP) through `array_socket`, programmed and erased through the registers on
// `ctrl_socket`. The part is a Winbond W25Q128JV: 16 MiB, 256-byte pages, 4 KiB sectors, 64 KiB blocks.
//
// Models:
// - NOR physics: an erase sets a whole, aligned 4 KiB sector or 64 KiB block to 0xFF; a program can only
//   clear bits (new = old & data). A program that would need a 0 -> 1 change is a firmware error: the
//   bits that can be cleared are cleared (as the part does), FLASH_STATUS_ERR_NOT_ERASED is set and an
//   SC_REPORT_WARNING names the address; with `strict` also an SC_REPORT_ERROR, which fails the run.
// - A program must stay within one 256-byte page: a crossing is FLASH_STATUS_ERR_RANGE and nothing is
//   programmed (the real part wraps around to the start of the page; that is never what firmware meant,
//   so the controller refuses it). Its data is the first FLASH_LEN bytes of the page buffer.
// - Timing, event driven (no thread, no polling: an idle or busy flash costs no host time): each
//   operation takes its typical time, or with `jitter` a value drawn between typical and maximum from
//   `seed` and the operation's number (the same seed and the same operations give the same times).
//   While an operation runs the part is busy: FLASH_STATUS_BUSY is set and every read of the array
//   returns 0xFF bytes, because the part ignores reads while it programs or erases (so code that
//   flashes must run from RAM); DMI over the whole array is revoked when the operation starts and
//   granted again afterwards. The array changes at the end of the operation, when code_watch is told
//   (harts that executed from the changed pages decode them again), BUSY clears, DONE sets and `irq`
//   rises if FLASH_IRQ_EN bit 0 is set; it stays high until DONE is cleared (write 1 to it). Reads of
//   FLASH_STATUS and of the array while busy carry a poll hint (poll_hint_extension) up to the end, so
//   a hart polling BUSY lets time jump instead of simulating every poll.
// - Commands that are refused (ERR_RANGE, ERR_PROTECTED) change nothing and complete at once: DONE is
//   set with the error bit, so a driver waiting for DONE or for the interrupt sees them. A command
//   while busy sets ERR_BUSY and is ignored (DONE stays for the operation that runs).
// - Write protection: [WP_START, WP_END) in flash offsets (empty when WP_END <= WP_START); a program or
//   erase touching it is ERR_PROTECTED. WP_LOCK makes the range read-only until reset().
// - Wear: an erase counter per 4 KiB sector (a 64 KiB erase counts for each of its 16 sectors), counted
//   when the erase starts (a torn erase wears the cells too); one warning when a sector passes the
//   endurance figure. Nothing fails at that point.
// - Power: cut_power_before(n) / cut_power_during(n) cut the power at the n-th program/erase operation
//   from the call; during an operation the cut falls at its midpoint and leaves a torn result (a subset,
//   drawn from `seed` and the operation's number, of the bits the operation would change). A part without
//   power ignores every access (reads give 0xFF bytes, writes are dropped, TLM_OK_RESPONSE), drops `irq`
//   and grants no DMI; power_on() brings it back idle with reset registers and its contents.
// - reset() is the cell reset: the controller's registers return to their reset values (WP unlocked,
//   IRQ_EN 0, DONE and errors cleared, page buffer 0xFF), but an operation in progress completes in the
//   part (a cell reset does not cut the flash's power): BUSY stays until it ends, then DONE sets.
// - Debug transport: the array reads its true contents even while busy or unpowered, and a debug write
//   stores bytes as they are (a programmer's backdoor, like program_host()); the registers read without
//   side effects; debug writes to the registers are refused.
// Does NOT model: register access time (zero) and the SPI transfer time of commands and page data, the
// part's own status/protection registers (BP bits, WEL), suspend/resume, 32 KiB and chip erase, security
// registers, SFDP, data retention and wear-out failures, a prefetch buffer (every XIP access costs the
// same latency).
#pragma once

#include "cellvp/flash_regs.h"
#include "hart/code_watch.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cellvp {

struct flash_config {
    // W25Q128JV: 128 Mbit. Any non-zero multiple of 64 KiB up to 4 GiB is accepted.
    uint64_t size = 16u << 20;

    // Page program, W25Q128JV datasheet tPP: 0.4 ms typical (check), 3 ms maximum (domain.md). The time of a
    // program of n bytes goes linearly from the first-byte time (n = 1, datasheet tBP1: 30 us typical,
    // 50 us maximum (check)) to tPP (n = 256): the part programs a page in parallel groups of bytes, and the
    // datasheets give only these two points (tBP1 + (n - 1) * tBP2 would overshoot tPP at n = 256).
    sc_core::sc_time program_first_byte_typ{30, sc_core::SC_US};
    sc_core::sc_time program_first_byte_max{50, sc_core::SC_US};
    sc_core::sc_time program_page_typ{400, sc_core::SC_US};
    sc_core::sc_time program_page_max{3, sc_core::SC_MS};
    // Sector (4 KiB) erase tSE: 45 ms typical / 400 ms maximum (domain.md, W25Q128 row).
    sc_core::sc_time erase_4k_typ{45, sc_core::SC_MS};
    sc_core::sc_time erase_4k_max{400, sc_core::SC_MS};
    // Block (64 KiB) erase tBE2: 150 ms typical / 2000 ms maximum (domain.md, W25Q128 row).
    sc_core::sc_time erase_64k_typ{150, sc_core::SC_MS};
    sc_core::sc_time erase_64k_max{2000, sc_core::SC_MS};

    // Latency of one XIP read access (b_transport and DMI). The W25Q128JV's Fast Read Quad I/O at 133 MHz
    // moves 4 bits per clock, 66 MB/s ("66 MB/s continuous data transfer rate", datasheet features (check);
    // domain.md puts quad reads in the ~90 MB/s class): a 32-bit word is 8 clocks = 60 ns. That is the rate of
    // a controller streaming sequential fetches in continuous-read mode; a random access would add the
    // address, mode and dummy clocks (about 150 ns per word (check)), which is not modelled.
    sc_core::sc_time read_latency{60, sc_core::SC_NS};

    // Erase cycles per sector the part is rated for: "min. 100K program-erase cycles per sector" (W25Q128JV
    // features (check); domain.md gives 100,000 for the Micron MT25Q). Passing it only warns.
    uint64_t endurance = 100000;

    // A program that needs a 0 -> 1 change also raises SC_REPORT_ERROR (the run fails).
    bool strict = true;
    // Operation times drawn between typical and maximum instead of the typical time.
    bool jitter = false;
    // Seeds the jitter and the torn bits of a power cut.
    uint64_t seed = 1;
};

class flash : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<flash> array_socket; // XIP window: local 0 .. size-1, read only
    tlm_utils::simple_target_socket<flash> ctrl_socket;  // controller registers (flash_regs.h)
    sc_core::sc_out<bool> irq;                           // high while DONE and FLASH_IRQ_EN bit 0

    // Called when an injected power cut happens (the cell cuts its own power); may be empty.
    std::function<void()> on_power_cut;

    flash(sc_core::sc_module_name name, const flash_config& cfg = flash_config{});

    const flash_config& config() const { return m_cfg; }
    uint64_t size() const { return m_cfg.size; }
    // The array, for tests and platform loading. Writing it directly bypasses code_watch: use program_host().
    uint8_t* data() { return m_data.get(); }
    const uint8_t* data() const { return m_data.get(); }
    code_watch& watch() { return m_watch; }

    // Stores bytes at a flash offset from the host, as a factory programmer does (no timing, no physics, no
    // counters), and keeps decoded code coherent. Out of range: std::out_of_range.
    void program_host(uint64_t offset, const void* src, uint64_t len);
    void program_host(uint64_t offset, const std::vector<uint8_t>& bytes)
    {
        program_host(offset, bytes.data(), bytes.size());
    }

    // The whole device as a raw file of size() bytes. Errors (missing file, wrong size, unwritable path):
    // std::runtime_error naming the file. A failed load leaves the contents unchanged.
    void load_image(const std::string& path);
    void save_image(const std::string& path) const;

    // The cell reset (see the header comment): registers to reset values, an operation in progress completes.
    void reset();

    // Power-cut injection: the n-th program/erase operation accepted after this call (1-based) never starts
    // (before) or stops at its midpoint with a torn result (during). n = 0 cancels; a new call replaces the
    // previous one. At the cut the part stops and on_power_cut is called.
    void cut_power_before(uint64_t n);
    void cut_power_during(uint64_t n);
    // Power from outside (the cell's own supply): power_off() now tears an operation in progress; power_on()
    // brings the part back idle with reset registers and its contents (nothing if it already has power).
    void power_off();
    void power_on();
    bool powered() const { return m_powered; }

    bool busy() const { return m_op.active; }
    // End of the operation in progress (valid while busy()).
    sc_core::sc_time busy_until() const { return m_op.end; }
    uint32_t status() const { return m_status; }
    // Erases of the 4 KiB sector holding `offset` (std::out_of_range outside the part).
    uint64_t erase_count(uint64_t offset) const;
    // Program and erase operations accepted since construction (including one cut before it started).
    uint64_t operations() const { return m_operations; }

private:
    enum class op_kind { program, erase };
    struct pending_op {
        bool active = false;
        op_kind kind = op_kind::program;
        uint64_t number = 0; // operations() of this operation: seeds jitter and tearing
        uint64_t offset = 0, len = 0;
        std::array<uint8_t, FLASH_PAGE_SIZE> data{}; // program data
        bool cut = false;                            // power cut at the midpoint
        sc_core::sc_time end, fire;                  // end of the operation; when the event fires (end or cut)
    };

    void array_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    bool array_get_dmi(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
    unsigned array_transport_dbg(tlm::tlm_generic_payload& trans);
    void ctrl_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned ctrl_transport_dbg(tlm::tlm_generic_payload& trans);
    void hint_until_op_end(tlm::tlm_generic_payload& trans, const sc_core::sc_time& delay);

    tlm::tlm_response_status reg_access(bool write, uint64_t addr, uint8_t* data, unsigned len,
                                        const sc_core::sc_time& delay, bool debug);
    uint32_t reg_read(uint64_t addr) const;
    void reg_write(uint64_t addr, uint32_t value, const sc_core::sc_time& delay);
    void command(uint32_t cmd, const sc_core::sc_time& delay);
    void refuse(uint32_t error_bit, const std::string& why);
    sc_core::sc_time duration(op_kind kind, uint64_t len, uint64_t number) const;
    void update();
    void finish_op();
    void tear_op();
    void stop_power();
    void reset_registers();
    void invalidate_dmi();
    bool readable() const { return m_powered && !m_op.active; }
    static std::unique_ptr<uint8_t[]> allocate_erased(const std::string& name, uint64_t size);

    flash_config m_cfg;
    std::unique_ptr<uint8_t[]> m_data;
    code_watch m_watch;
    std::vector<uint64_t> m_erase_counts; // per 4 KiB sector

    // Controller registers.
    uint32_t m_cmd = 0, m_addr = 0, m_len = 0, m_status = 0, m_irq_en = 0, m_wp_start = 0, m_wp_end = 0;
    bool m_wp_lock = false;
    std::array<uint8_t, FLASH_PAGE_SIZE> m_buf{};

    pending_op m_op;
    bool m_powered = true;
    uint64_t m_operations = 0;
    enum class cut_kind { none, before, during } m_cut = cut_kind::none;
    uint64_t m_cut_at = 0; // operations() value of the operation to cut

    sc_core::sc_event m_op_event;  // the operation in progress ends (or is cut)
    sc_core::sc_event m_irq_event; // the interrupt condition may have changed
};

} // namespace cellvp
