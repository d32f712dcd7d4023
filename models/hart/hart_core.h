// The RV32IMAC (+Zicsr, Zifencei) machine-mode hart: architectural state, a decode cache and the
// interpreter. Pure C++ with no SystemC: it reaches the outside only through hart_bus_if and the DMI
// regions it is given, so it can be unit tested and embedded anywhere.
//
// Timing: every instruction costs the cycles of its class (hart_timing) plus the memory latency the
// region or the bus reports; the cycle counter is the hart's local time (cycle * period = simulated
// time). Not modelled: caches, pipelines beyond the per-class table, privilege modes other than M, PMP.
#pragma once

#include "code_watch.h"
#include "rv32_decode.h"

#include <array>
#include <cstdint>
#include <memory>
#include <ostream>
#include <vector>

namespace cellvp {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the hart reads guest memory in host byte order");

// Cycles per instruction class, modelled on a single-issue in-order 5-stage RV32IMAC pipeline of the
// SiFive E31 class (SiFive E31 Core Complex Manual 21G1, "Execution pipeline": 2-cycle load-to-use,
// 3-cycle taken-branch penalty; the iterative divider takes up to 32+ cycles), figures rounded.
struct hart_timing {
    std::array<uint8_t, cls_count> cycles{{
        1,  // alu
        2,  // load (load-to-use latency)
        1,  // store
        1,  // branch, not taken
        2,  // jump (jal/jalr: redirect)
        3,  // mul
        34, // div/rem: radix-2 iterative divider
        1,  // csr
        3,  // system (fence, ecall, mret, ...: pipeline flush)
        3,  // amo (read-modify-write)
    }};
    uint8_t taken_branch_penalty = 2; // extra cycles when a branch is taken (3 in all)
};

struct hart_config {
    uint32_t hart_id = 0;
    uint32_t reset_pc = 0x80000000u;
    // Misaligned loads and stores are carried out (as cores with Zicclsm do) unless this is set; then
    // they trap with mtval = the address.
    bool trap_misaligned = false;
    // Clock period in ps: 10,000 ps = 100 MHz, the class of embedded RV32IMAC controllers such as the
    // GigaDevice GD32VF103 (108 MHz, datasheet rev 1.2).
    uint64_t period_ps = 10000;
    // Rate of the `time` CSR and of the platform's mtime (QEMU's virt and spike machines: 10 MHz).
    uint64_t timebase_hz = 10000000;
    hart_timing timing{};
};

// A region of guest memory the hart may access directly (the TLM DMI grant, as seen by the core).
struct dmi_region {
    uint32_t base = 0;       // guest address of host[0]
    uint64_t size = 0;       // bytes
    uint8_t* host = nullptr;
    bool readable = false;
    bool writable = false;
    uint32_t read_cycles = 0;  // latency per access, in hart cycles
    uint32_t write_cycles = 0;
    code_watch* watch = nullptr; // coherence of decoded instructions; may be null for read-only memory
};

// The hart's window to the platform for everything that is not in a DMI region. `cycle` is the hart's
// local time when the access starts; the implementation advances it by the access latency (and may
// synchronise with the rest of the system).
class hart_bus_if {
public:
    virtual ~hart_bus_if() = default;
    virtual bool bus_read(uint32_t addr, uint8_t* data, unsigned len, uint64_t& cycle) = 0;
    virtual bool bus_write(uint32_t addr, const uint8_t* data, unsigned len, uint64_t& cycle) = 0;
};

// Architectural names used by the core, its tests and its users.
namespace csr {
constexpr uint16_t mstatus = 0x300, misa = 0x301, mie = 0x304, mtvec = 0x305, mstatush = 0x310, mscratch = 0x340,
                   mepc = 0x341, mcause = 0x342, mtval = 0x343, mip = 0x344, mcycle = 0xb00, minstret = 0xb02,
                   mcycleh = 0xb80, minstreth = 0xb82, cycle = 0xc00, time = 0xc01, instret = 0xc02,
                   cycleh = 0xc80, timeh = 0xc81, instreth = 0xc82, mvendorid = 0xf11, marchid = 0xf12,
                   mimpid = 0xf13, mhartid = 0xf14, mconfigptr = 0xf15;
}
namespace mstatus_bits {
constexpr uint32_t mie = 1u << 3, mpie = 1u << 7, mpp = 3u << 11;
}
namespace irq_bit {
constexpr unsigned msi = 3, mti = 7, mei = 11;
}
namespace trap_cause {
constexpr uint32_t insn_misaligned = 0, insn_access = 1, illegal = 2, breakpoint = 3, load_misaligned = 4,
                   load_access = 5, store_misaligned = 6, store_access = 7, ecall_m = 11;
constexpr uint32_t interrupt = 0x80000000u;
} // namespace trap_cause

// misa of this hart: MXL=1 (32-bit), extensions A, C, I, M.
constexpr uint32_t rv32_misa = 0x40000000u | (1u << 0) | (1u << 2) | (1u << 8) | (1u << 12);

class hart_core : private code_watch_listener_if {
public:
    enum class stop_reason { limit, wfi, halted, debug };
    // Why the hart stopped for a debugger (stop_reason::debug), until clear_debug_event().
    enum class debug_event { none, requested, breakpoint, step, ebreak, parked };

    hart_core(const hart_config& cfg, hart_bus_if& bus);
    ~hart_core() override;
    hart_core(const hart_core&) = delete;
    hart_core& operator=(const hart_core&) = delete;

    // Architectural reset: pc to `pc`, CSRs to their reset values; registers and caches are kept.
    void reset(uint32_t pc);
    void reset() { reset(m_cfg.reset_pc); }

    // Runs until the cycle counter reaches `cycle_limit`, the hart waits for an interrupt, or a stop is
    // requested. Pending, enabled interrupts are taken first.
    stop_reason run(uint64_t cycle_limit);

    // Makes run() return at the next instruction boundary with stop_reason::halted (sticky until resume()).
    void request_halt() { m_halt = true; kick(); }
    void resume() { m_halt = false; }
    bool halted() const { return m_halt; }

    // Debugging (a GDB stub). None of this costs anything while no breakpoint is set and no stop is asked for:
    // breakpoints live in the decode cache (a `breakpoint` entry instead of the instruction), a step or a stop
    // request makes the loop return through the ordinary stop path.
    // Makes run() return stop_reason::debug at the next instruction boundary (with event `e`).
    void request_debug_stop(debug_event e = debug_event::requested) { m_debug_event = e; kick(); }
    debug_event pending_debug_event() const { return m_debug_event; }
    void clear_debug_event() { m_debug_event = debug_event::none; }
    // The next run() executes exactly one instruction (or enters a pending interrupt's handler and executes
    // its first instruction), then returns stop_reason::debug with debug_event::step. Breakpoints at the
    // current pc do not stop it: that is how a debugger steps off a breakpoint.
    // With then_continue, the hart runs on after that instruction instead of stopping (a continue from a
    // breakpoint's address).
    void request_step(bool then_continue = false)
    {
        m_step = true;
        m_step_then_continue = then_continue;
        kick();
    }
    // Stops before executing the instruction at `pc` (debug_event::breakpoint); one entry per address.
    void add_breakpoint(uint32_t pc);
    void remove_breakpoint(uint32_t pc);
    void clear_breakpoints();
    bool is_breakpoint(uint32_t pc) const;
    // ebreak stops for the debugger (debug_event::ebreak, pc at the ebreak) instead of trapping.
    void set_ebreak_stops(bool on) { m_ebreak_stops = on; }

    // Level of an interrupt line (irq_bit::msi/mti/mei) as seen in mip.
    void set_irq(unsigned bit, bool level);
    bool waiting_for_interrupt() const { return m_wfi; }
    bool interrupt_pending() const { return (m_mip & m_mie) != 0; }

    void add_dmi_region(const dmi_region& r);
    void invalidate_dmi(uint64_t start, uint64_t end); // inclusive end, as TLM-2.0 says
    void flush_decode_cache();
    // LR/SC reservations do not survive the hart giving up the host thread (other harts may store).
    void clear_reservation() { m_reservation_valid = false; }

    uint32_t pc() const { return m_pc; }
    void set_pc(uint32_t pc) { m_pc = pc; }
    uint32_t reg(unsigned i) const { return i == 0 || i > 31 ? 0 : m_x[i]; }
    void set_reg(unsigned i, uint32_t v) { if (i > 0 && i < 32) m_x[i] = v; }
    uint64_t cycle() const { return m_cycle; }
    void set_cycle(uint64_t c) { m_cycle = c; }
    uint64_t instret() const { return m_instret; }
    uint64_t traps() const { return m_traps; } // exceptions and interrupts taken
    // The hart cannot fetch from its own trap vector: it would trap forever, so it halted instead.
    bool stuck() const { return m_stuck; }
    const hart_config& config() const { return m_cfg; }

    // CSR access as the hart's own instructions see it (false: no such CSR, or read-only for a write).
    bool csr_read(uint16_t n, uint32_t& v) const;
    bool csr_write(uint16_t n, uint32_t v);

    // Commit log: one line per retired instruction (pc, raw bits, mnemonic, register written).
    void set_commit_log(std::ostream* os) { m_commit_log = os; }

    // Counters about the core itself, for host-speed figures.
    uint64_t decoded_count() const { return m_decodes; }

private:
    static constexpr unsigned page_bits = 12;
    static constexpr uint32_t page_size = 1u << page_bits;
    static constexpr unsigned l2_bits = 10; // 1024 x 1024 pages of 4 KiB cover 4 GiB

    static constexpr unsigned page_slots = page_size / 2;
    struct decoded_page {
        // By (pc % page_size) / 2, then two `refetch` slots that stop sequential execution at the page end.
        std::array<decoded_insn, page_slots + 2> insn;
        uint32_t lo = 0;                              // the part of the page backed by host memory: [lo, hi)
        uint64_t hi = 0;                              // 64-bit: the last page of the address space ends at 2^32
        uint64_t region_end = 0;                      // end of that region (an instruction may straddle pages)
        const uint8_t* host_lo = nullptr;             // host address of guest address lo
        uint32_t fetch_cycles = 0;
        code_watch* watch = nullptr;
    };
    using l2_table = std::array<std::unique_ptr<decoded_page>, 1u << l2_bits>;

    template <bool Trace> void loop();
    void kick() { m_limit = 0; }

    decoded_page* page_for(uint32_t pc);
    static void bind_entries(decoded_page& p);
    static decoded_page& unbound_page();
    bool decode_entry(decoded_page& pg, uint32_t pc, decoded_insn& d);
    void set_cost(decoded_insn& d, uint32_t fetch_cycles) const;
    bool fetch_uncached(uint32_t pc, decoded_insn& d, uint32_t& fault_addr);
    bool fetch_for_step(uint32_t pc, decoded_insn& d, uint32_t& fault_addr);
    void reset_entries(uint64_t lo, uint64_t hi);
    void code_written(const code_watch& watch, const uint8_t* host_begin, const uint8_t* host_end) override;

    const dmi_region* find_region(uint32_t addr, unsigned len, bool write) const;
    uint32_t load_slow(uint32_t addr, void* v, unsigned len, uint64_t& cycle);
    uint32_t store_slow(uint32_t addr, const void* v, unsigned len, uint64_t& cycle);
    uint32_t amo(const decoded_insn& d, uint32_t addr, uint32_t& rd_val, uint64_t& cycle);

    template <typename T> uint32_t load(uint32_t addr, T& v, uint64_t& cycle);
    template <typename T> uint32_t store(uint32_t addr, T v, uint64_t& cycle);

    bool csr_op(const decoded_insn& d, uint32_t& rd_val);
    uint32_t enter_trap(uint32_t cause, uint32_t tval, uint32_t epc);
    uint32_t fetch_fault(uint32_t pc, uint32_t fault_addr);
    void take_pending_interrupt();
    uint64_t time_now() const;
    void log_commit(uint32_t pc, const decoded_insn& d);

    hart_config m_cfg;
    hart_bus_if& m_bus;

    // Hot state first.
    uint32_t m_x[33] = {}; // x0..x31 and the sink for writes to x0
    uint32_t m_pc = 0;
    uint64_t m_cycle = 0;
    uint64_t m_instret = 0;
    uint64_t m_limit = 0;
    uint32_t m_align_mask = 0; // 7 when misaligned accesses trap, else 0
    dmi_region m_rd_region{};  // last region a load hit
    dmi_region m_wr_region{};  // last region a store hit

    bool m_halt = false;
    bool m_stuck = false;
    uint64_t m_traps = 0;
    bool m_wfi = false;
    bool m_reservation_valid = false;
    uint32_t m_reservation = 0;

    uint32_t m_mstatus = 0, m_mie = 0, m_mip = 0, m_mtvec = 0, m_mscratch = 0, m_mepc = 0, m_mcause = 0, m_mtval = 0;
    uint64_t m_cycle_offset = 0;   // mcycle = m_cycle - m_cycle_offset
    uint64_t m_instret_offset = 0; // minstret = m_instret - m_instret_offset

    std::vector<dmi_region> m_regions;
    std::array<std::unique_ptr<l2_table>, 1u << (32 - page_bits - l2_bits)> m_pages;
    std::vector<decoded_page*> m_live_pages; // every page allocated, for flushes
    // An instruction fetched without DMI, followed by `refetch` slots so that execution goes back to the lookup.
    std::array<decoded_insn, 3> m_uncached{};
    std::ostream* m_commit_log = nullptr;
    uint64_t m_decodes = 0;

    // Debugging: see request_debug_stop(). m_single asks the loop to run one instruction from m_uncached.
    debug_event m_debug_event = debug_event::none;
    bool m_step = false;
    bool m_step_then_continue = false;
    bool m_single = false;
    bool m_ebreak_stops = false;
    std::vector<uint32_t> m_breakpoints;
};

} // namespace cellvp
