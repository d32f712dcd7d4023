// The hart's interpreter: a decode cache indexed by guest page, a switch over pre-decoded entries, and
// slow paths (bus accesses, CSRs, traps) kept out of the loop. See hart_core.h for the timing model.
#include "hart_core.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#define CELLVP_LIKELY(x) __builtin_expect(!!(x), 1)
#define CELLVP_UNLIKELY(x) __builtin_expect(!!(x), 0)

namespace cellvp {
namespace {
constexpr uint32_t no_trap = ~0u;
constexpr uint32_t need_slow = ~1u; // the access is not in the cached DMI region: take the slow path
constexpr uint32_t mie_mask = (1u << irq_bit::msi) | (1u << irq_bit::mti) | (1u << irq_bit::mei);
} // namespace

hart_core::hart_core(const hart_config& cfg, hart_bus_if& bus) : m_cfg(cfg), m_bus(bus)
{
    m_align_mask = cfg.trap_misaligned ? 7u : 0u;
    m_uncached[1].op = m_uncached[2].op = op_refetch;
    reset(cfg.reset_pc);
}

hart_core::~hart_core()
{
    for (const dmi_region& r : m_regions)
        if (r.watch) r.watch->remove_listener(this);
}

void hart_core::reset(uint32_t pc)
{
    m_pc = pc;
    m_mstatus = mstatus_bits::mpp; // MPP reads M: the only mode
    m_mie = 0;
    m_mtvec = 0;
    m_mscratch = m_mepc = m_mcause = m_mtval = 0;
    m_cycle_offset = m_cycle;
    m_instret_offset = m_instret;
    m_wfi = false;
    m_halt = false;
    m_stuck = false;
    m_reservation_valid = false;
    kick();
}

void hart_core::set_irq(unsigned bit, bool level)
{
    uint32_t m = 1u << bit;
    m_mip = level ? (m_mip | m) : (m_mip & ~m);
    kick();
}

// --- DMI regions and the decode cache -------------------------------------------------------------

void hart_core::add_dmi_region(const dmi_region& r)
{
    // A new grant replaces any overlapping older one.
    invalidate_dmi(r.base, r.base + r.size - 1);
    m_regions.push_back(r);
    if (r.watch) r.watch->add_listener(this);
}

void hart_core::invalidate_dmi(uint64_t start, uint64_t end)
{
    bool any = false;
    for (size_t i = 0; i < m_regions.size();) {
        const dmi_region& r = m_regions[i];
        if (r.base <= end && uint64_t(r.base) + r.size - 1 >= start) {
            reset_entries(r.base, uint64_t(r.base) + r.size);
            code_watch* w = r.watch;
            m_regions.erase(m_regions.begin() + long(i));
            bool still_used = false;
            for (const dmi_region& o : m_regions) still_used |= o.watch == w;
            if (w && !still_used) w->remove_listener(this);
            any = true;
        } else {
            ++i;
        }
    }
    if (!any) return;
    // Pages keep their entries (reset above) but lose their backing; page_for() re-binds them.
    for (decoded_page* p : m_live_pages)
        if (p->lo <= end && p->hi > start) {
            p->lo = p->hi = 0;
            bind_entries(*p);
        }
    m_rd_region = dmi_region{};
    m_wr_region = dmi_region{};
    kick();
}

void hart_core::flush_decode_cache()
{
    for (decoded_page* p : m_live_pages) bind_entries(*p);
}

// Every slot of the page not decoded: `decode` inside [lo, hi), `refetch` elsewhere and past the end.
void hart_core::bind_entries(decoded_page& p)
{
    uint32_t page_base = p.lo & ~(page_size - 1);
    for (unsigned i = 0; i < p.insn.size(); ++i) {
        uint32_t a = page_base + 2 * i;
        p.insn[i].op = (i < page_slots && p.lo < p.hi && a >= p.lo && a < p.hi) ? op_decode : op_refetch;
    }
}

hart_core::decoded_page& hart_core::unbound_page()
{
    static decoded_page page = [] {
        decoded_page p;
        bind_entries(p);
        return p;
    }();
    return page;
}

// Marks entries for guest addresses [lo, hi) as not decoded; an instruction starting 2 bytes before lo
// may straddle into the range, so it goes too.
void hart_core::reset_entries(uint64_t lo, uint64_t hi)
{
    lo = lo >= 2 ? lo - 2 : 0;
    for (uint64_t a = lo & ~uint64_t(page_size - 1); a < hi; a += page_size) {
        const l2_table* t = m_pages[a >> (page_bits + l2_bits)].get();
        if (!t) continue;
        decoded_page* p = (*t)[(a >> page_bits) & ((1u << l2_bits) - 1)].get();
        if (!p) continue;
        uint64_t from = std::max<uint64_t>({lo, a, p->lo}), to = std::min<uint64_t>({hi, a + page_size, p->hi});
        for (uint64_t x = from & ~1ull; x < to; x += 2) p->insn[(x & (page_size - 1)) >> 1].op = op_decode;
    }
}

void hart_core::code_written(const code_watch& watch, const uint8_t* hb, const uint8_t* he)
{
    for (const dmi_region& r : m_regions) {
        if (r.watch != &watch) continue;
        const uint8_t* b = std::max<const uint8_t*>(hb, r.host);
        const uint8_t* e = std::min<const uint8_t*>(he, r.host + r.size);
        if (b >= e) continue;
        reset_entries(r.base + uint64_t(b - r.host), r.base + uint64_t(e - r.host));
    }
}

const dmi_region* hart_core::find_region(uint32_t addr, unsigned len, bool write) const
{
    for (const dmi_region& r : m_regions) {
        uint64_t off = uint64_t(addr) - r.base;
        if (addr >= r.base && off + len <= r.size && (write ? r.writable : r.readable)) return &r;
    }
    return nullptr;
}

hart_core::decoded_page* hart_core::page_for(uint32_t pc)
{
    const dmi_region* r = find_region(pc, 2, false);
    if (!r) return nullptr;
    std::unique_ptr<l2_table>& t = m_pages[pc >> (page_bits + l2_bits)];
    if (!t) t = std::make_unique<l2_table>();
    std::unique_ptr<decoded_page>& p = (*t)[(pc >> page_bits) & ((1u << l2_bits) - 1)];
    if (!p) {
        p = std::make_unique<decoded_page>();
        bind_entries(*p);
        m_live_pages.push_back(p.get());
    }
    uint32_t page_base = pc & ~(page_size - 1);
    uint64_t region_end = uint64_t(r->base) + r->size;
    uint32_t lo = std::max(page_base, r->base);
    uint64_t hi = std::min<uint64_t>(uint64_t(page_base) + page_size, region_end);
    if (p->lo != lo || p->hi != hi || p->host_lo != r->host + (lo - r->base)) {
        // (Re)binding the page to a region: nothing decoded before may be trusted.
        p->lo = lo;
        p->hi = hi;
        p->host_lo = r->host + (lo - r->base);
        bind_entries(*p);
    }
    p->region_end = region_end;
    p->fetch_cycles = r->read_cycles;
    p->watch = r->watch;
    return p.get();
}

// The cycles an entry costs: its class from the timing table plus the fetch latency of its memory.
void hart_core::set_cost(decoded_insn& d, uint32_t fetch_cycles) const
{
    uint32_t cost = m_cfg.timing.cycles[d.cls] + fetch_cycles;
    d.cost = uint8_t(std::min<uint32_t>(255, cost));
    d.cost_taken = uint8_t(std::min<uint32_t>(255, cost + m_cfg.timing.taken_branch_penalty));
}

bool hart_core::decode_entry(decoded_page& pg, uint32_t pc, decoded_insn& d)
{
    const uint8_t* h = pg.host_lo + (pc - pg.lo);
    uint16_t lo16;
    std::memcpy(&lo16, h, 2);
    uint32_t raw = lo16;
    unsigned len = rv32_insn_length(lo16);
    if (len == 4) {
        if (uint64_t(pc) + 4 > pg.region_end) return false; // upper half elsewhere: fetch uncached
        std::memcpy(&raw, h, 4);
    }
    if (pg.watch) pg.watch->mark(h, len);
    d = rv32_decode(raw);
    set_cost(d, pg.fetch_cycles);
    ++m_decodes;
    // The entry keeps the raw bits (a step off the breakpoint decodes them again, see fetch_for_step()).
    if (CELLVP_UNLIKELY(!m_breakpoints.empty()) && is_breakpoint(pc)) d.op = op_breakpoint;
    return true;
}

bool hart_core::fetch_uncached(uint32_t pc, decoded_insn& d, uint32_t& fault_addr)
{
    uint16_t half[2] = {0, 0};
    uint64_t c = m_cycle;
    if (!m_bus.bus_read(pc, reinterpret_cast<uint8_t*>(&half[0]), 2, c)) {
        fault_addr = pc;
        return false;
    }
    uint32_t raw = half[0];
    if (rv32_insn_length(half[0]) == 4) {
        if (!m_bus.bus_read(pc + 2, reinterpret_cast<uint8_t*>(&half[1]), 2, c)) {
            fault_addr = pc + 2;
            return false;
        }
        raw |= uint32_t(half[1]) << 16;
    }
    m_cycle = c; // the bus already counted the fetch latency
    d = rv32_decode(raw);
    set_cost(d, 0);
    return true;
}

// A single step decodes its instruction afresh into a slot of its own (never a breakpoint entry of the cache).
bool hart_core::fetch_for_step(uint32_t pc, decoded_insn& d, uint32_t& fault_addr)
{
    const dmi_region* r = find_region(pc, 2, false);
    if (!r) return fetch_uncached(pc, d, fault_addr);
    const uint8_t* h = r->host + (pc - r->base);
    uint16_t lo16;
    std::memcpy(&lo16, h, 2);
    uint32_t raw = lo16;
    if (rv32_insn_length(lo16) == 4) {
        if (uint64_t(pc - r->base) + 4 > r->size) return fetch_uncached(pc, d, fault_addr);
        std::memcpy(&raw, h, 4);
    }
    d = rv32_decode(raw);
    set_cost(d, r->read_cycles);
    return true;
}

// --- Breakpoints ------------------------------------------------------------------------------------

bool hart_core::is_breakpoint(uint32_t pc) const
{
    return std::find(m_breakpoints.begin(), m_breakpoints.end(), pc) != m_breakpoints.end();
}

void hart_core::add_breakpoint(uint32_t pc)
{
    if (is_breakpoint(pc)) return;
    m_breakpoints.push_back(pc);
    reset_entries(pc, uint64_t(pc) + 2); // decoded again, as a breakpoint
    kick();
}

void hart_core::remove_breakpoint(uint32_t pc)
{
    auto it = std::find(m_breakpoints.begin(), m_breakpoints.end(), pc);
    if (it == m_breakpoints.end()) return;
    m_breakpoints.erase(it);
    reset_entries(pc, uint64_t(pc) + 2);
    kick();
}

void hart_core::clear_breakpoints()
{
    while (!m_breakpoints.empty()) remove_breakpoint(m_breakpoints.back());
}

// --- Loads and stores -----------------------------------------------------------------------------

template <typename T> inline uint32_t hart_core::load(uint32_t addr, T& v, uint64_t& cycle)
{
    uint32_t off = addr - m_rd_region.base;
    if (CELLVP_LIKELY(uint64_t(off) + sizeof(T) <= m_rd_region.size && !(addr & m_align_mask & (sizeof(T) - 1)))) {
        std::memcpy(&v, m_rd_region.host + off, sizeof(T));
        cycle += m_rd_region.read_cycles;
        return no_trap;
    }
    return need_slow;
}

template <typename T> inline uint32_t hart_core::store(uint32_t addr, T v, uint64_t& cycle)
{
    uint32_t off = addr - m_wr_region.base;
    if (CELLVP_LIKELY(uint64_t(off) + sizeof(T) <= m_wr_region.size && !(addr & m_align_mask & (sizeof(T) - 1)))) {
        uint8_t* p = m_wr_region.host + off;
        std::memcpy(p, &v, sizeof(T));
        cycle += m_wr_region.write_cycles;
        if (CELLVP_UNLIKELY(m_wr_region.watch && m_wr_region.watch->is_marked(p, sizeof(T))))
            m_wr_region.watch->written(p, sizeof(T));
        return no_trap;
    }
    return need_slow;
}

uint32_t hart_core::load_slow(uint32_t addr, void* v, unsigned len, uint64_t& cycle)
{
    if (m_cfg.trap_misaligned && (addr & (len - 1))) return trap_cause::load_misaligned;
    if (const dmi_region* r = find_region(addr, len, false)) {
        m_rd_region = *r;
        std::memcpy(v, r->host + (addr - r->base), len);
        cycle += r->read_cycles;
        return no_trap;
    }
    if (!m_bus.bus_read(addr, static_cast<uint8_t*>(v), len, cycle)) return trap_cause::load_access;
    return no_trap;
}

uint32_t hart_core::store_slow(uint32_t addr, const void* v, unsigned len, uint64_t& cycle)
{
    if (m_cfg.trap_misaligned && (addr & (len - 1))) return trap_cause::store_misaligned;
    if (const dmi_region* r = find_region(addr, len, true)) {
        m_wr_region = *r;
        uint8_t* p = r->host + (addr - r->base);
        std::memcpy(p, v, len);
        cycle += r->write_cycles;
        if (r->watch) r->watch->written(p, len);
        return no_trap;
    }
    if (!m_bus.bus_write(addr, static_cast<const uint8_t*>(v), len, cycle)) return trap_cause::store_access;
    return no_trap;
}

// LR/SC and AMOs: always aligned (misaligned ones trap), read-modify-write in one step.
uint32_t hart_core::amo(const decoded_insn& d, uint32_t addr, uint32_t& rd_val, uint64_t& cycle)
{
    if (d.op == op_lr_w) {
        if (addr & 3) return trap_cause::load_misaligned;
        uint32_t v;
        uint32_t e = load_slow(addr, &v, 4, cycle);
        if (e != no_trap) return e;
        rd_val = v;
        m_reservation = addr;
        m_reservation_valid = true;
        return no_trap;
    }
    if (addr & 3) return trap_cause::store_misaligned;
    uint32_t src = m_x[d.rs2];
    if (d.op == op_sc_w) {
        bool ok = m_reservation_valid && m_reservation == addr;
        m_reservation_valid = false;
        if (!ok) {
            rd_val = 1;
            return no_trap;
        }
        uint32_t e = store_slow(addr, &src, 4, cycle);
        if (e != no_trap) return e;
        rd_val = 0;
        return no_trap;
    }
    uint32_t old;
    if (load_slow(addr, &old, 4, cycle) != no_trap) return trap_cause::store_access;
    uint32_t nv;
    switch (d.op) {
    case op_amoswap_w: nv = src; break;
    case op_amoadd_w: nv = old + src; break;
    case op_amoxor_w: nv = old ^ src; break;
    case op_amoand_w: nv = old & src; break;
    case op_amoor_w: nv = old | src; break;
    case op_amomin_w: nv = int32_t(old) < int32_t(src) ? old : src; break;
    case op_amomax_w: nv = int32_t(old) > int32_t(src) ? old : src; break;
    case op_amominu_w: nv = old < src ? old : src; break;
    default: nv = old > src ? old : src; break; // amomaxu
    }
    uint32_t e = store_slow(addr, &nv, 4, cycle);
    if (e != no_trap) return e;
    rd_val = old;
    return no_trap;
}

// --- CSRs, traps, interrupts ----------------------------------------------------------------------

uint64_t hart_core::time_now() const
{
    return uint64_t((unsigned __int128)m_cycle * m_cfg.period_ps * m_cfg.timebase_hz / 1000000000000ull);
}

bool hart_core::csr_read(uint16_t n, uint32_t& v) const
{
    uint64_t mcycle = m_cycle - m_cycle_offset, minstret = m_instret - m_instret_offset;
    switch (n) {
    case csr::mstatus: v = m_mstatus; return true;
    case csr::mstatush: v = 0; return true;
    case csr::misa: v = rv32_misa; return true;
    case csr::mie: v = m_mie; return true;
    case csr::mip: v = m_mip; return true;
    case csr::mtvec: v = m_mtvec; return true;
    case csr::mscratch: v = m_mscratch; return true;
    case csr::mepc: v = m_mepc; return true;
    case csr::mcause: v = m_mcause; return true;
    case csr::mtval: v = m_mtval; return true;
    case csr::mcycle: case csr::cycle: v = uint32_t(mcycle); return true;
    case csr::mcycleh: case csr::cycleh: v = uint32_t(mcycle >> 32); return true;
    case csr::minstret: case csr::instret: v = uint32_t(minstret); return true;
    case csr::minstreth: case csr::instreth: v = uint32_t(minstret >> 32); return true;
    case csr::time: v = uint32_t(time_now()); return true;
    case csr::timeh: v = uint32_t(time_now() >> 32); return true;
    case csr::mvendorid: case csr::marchid: case csr::mimpid: case csr::mconfigptr: v = 0; return true;
    case csr::mhartid: v = m_cfg.hart_id; return true;
    default: return false;
    }
}

bool hart_core::csr_write(uint16_t n, uint32_t v)
{
    if ((n >> 10) == 3) return false; // read-only space
    uint64_t mcycle = m_cycle - m_cycle_offset, minstret = m_instret - m_instret_offset;
    switch (n) {
    case csr::mstatus:
        m_mstatus = (v & (mstatus_bits::mie | mstatus_bits::mpie)) | mstatus_bits::mpp;
        kick();
        return true;
    case csr::mstatush: case csr::misa: case csr::mip: return true; // nothing writable
    case csr::mie: m_mie = v & mie_mask; kick(); return true;
    case csr::mtvec: m_mtvec = v & ~2u; return true; // modes 0 (direct) and 1 (vectored)
    case csr::mscratch: m_mscratch = v; return true;
    case csr::mepc: m_mepc = v & ~1u; return true;
    case csr::mcause: m_mcause = v; return true;
    case csr::mtval: m_mtval = v; return true;
    case csr::mcycle: m_cycle_offset = m_cycle - ((mcycle & ~0xffffffffull) | v); return true;
    case csr::mcycleh: m_cycle_offset = m_cycle - ((uint64_t(v) << 32) | (mcycle & 0xffffffffull)); return true;
    case csr::minstret: m_instret_offset = m_instret - ((minstret & ~0xffffffffull) | v); return true;
    case csr::minstreth: m_instret_offset = m_instret - ((uint64_t(v) << 32) | (minstret & 0xffffffffull)); return true;
    default: return false;
    }
}

// Executes a CSR instruction; false means illegal. A write to minstret leaves the writing instruction
// uncounted (the loop counts it after this returns), so the next instruction reads the value written.
bool hart_core::csr_op(const decoded_insn& d, uint32_t& rd_val)
{
    uint16_t n = uint16_t(d.imm);
    uint32_t src = (d.op >= op_csrrwi) ? d.rs1 : m_x[d.rs1];
    bool writes = (d.op == op_csrrw || d.op == op_csrrwi) || d.rs1 != 0;
    uint32_t old = 0;
    if (!csr_read(n, old)) return false;
    if (writes) {
        uint32_t nv;
        switch (d.op) {
        case op_csrrw: case op_csrrwi: nv = src; break;
        case op_csrrs: case op_csrrsi: nv = old | src; break;
        default: nv = old & ~src; break;
        }
        if (!csr_write(n, nv)) return false;
        if (n == csr::minstret || n == csr::minstreth) ++m_instret_offset;
    }
    rd_val = old;
    return true;
}

uint32_t hart_core::enter_trap(uint32_t cause, uint32_t tval, uint32_t epc)
{
    ++m_traps;
    m_mepc = epc;
    m_mcause = cause;
    m_mtval = tval;
    uint32_t mie = (m_mstatus & mstatus_bits::mie) ? mstatus_bits::mpie : 0;
    m_mstatus = mie | mstatus_bits::mpp;
    uint32_t base = m_mtvec & ~3u;
    if ((cause & trap_cause::interrupt) && (m_mtvec & 1)) return base + 4 * (cause & 0x7fffffffu);
    return base;
}

uint32_t hart_core::fetch_fault(uint32_t pc, uint32_t fault_addr)
{
    if (pc == (m_mtvec & ~3u)) {
        m_stuck = true;
        request_halt();
    }
    return enter_trap(trap_cause::insn_access, fault_addr, pc);
}

void hart_core::take_pending_interrupt()
{
    uint32_t pend = m_mip & m_mie;
    if (!pend || !(m_mstatus & mstatus_bits::mie)) return;
    // Priority of the privileged spec: external, then software, then timer.
    unsigned bit = (pend & (1u << irq_bit::mei)) ? irq_bit::mei : (pend & (1u << irq_bit::msi)) ? irq_bit::msi : irq_bit::mti;
    m_pc = enter_trap(trap_cause::interrupt | bit, 0, m_pc);
}

// --- The interpreter ------------------------------------------------------------------------------

hart_core::stop_reason hart_core::run(uint64_t cycle_limit)
{
    for (;;) {
        if (m_halt) return stop_reason::halted;
        if (CELLVP_UNLIKELY(m_debug_event != debug_event::none)) return stop_reason::debug;
        if (m_wfi) {
            if (!interrupt_pending()) return stop_reason::wfi;
            m_wfi = false;
        }
        take_pending_interrupt();
        if (m_cycle >= cycle_limit) return stop_reason::limit;
        if (CELLVP_UNLIKELY(m_step)) {
            // One instruction: every instruction costs at least a cycle, and the loop checks the limit before
            // the next one.
            bool then_continue = m_step_then_continue;
            m_step = m_step_then_continue = false;
            m_single = true;
            m_limit = m_cycle + 1;
            if (m_commit_log)
                loop<true>();
            else
                loop<false>();
            m_single = false;
            if (!then_continue && m_debug_event == debug_event::none) m_debug_event = debug_event::step;
            continue;
        }
        m_limit = cycle_limit;
        if (m_commit_log)
            loop<true>();
        else
            loop<false>();
    }
}

void hart_core::log_commit(uint32_t pc, const decoded_insn& d)
{
    char line[96];
    int n;
    if (d.len == 2)
        n = std::snprintf(line, sizeof line, "0x%08x (0x%04x)     %-10s", pc, d.raw, rv32_op_name(d.op));
    else
        n = std::snprintf(line, sizeof line, "0x%08x (0x%08x) %-10s", pc, d.raw, rv32_op_name(d.op));
    m_commit_log->write(line, n);
    bool writes_rd = d.rd != reg_zero_sink && !(d.op >= op_beq && d.op <= op_bgeu) && !(d.op >= op_sb && d.op <= op_sw) &&
                     !(d.op >= op_fence && d.op <= op_wfi);
    if (writes_rd) {
        n = std::snprintf(line, sizeof line, " x%-2u 0x%08x", d.rd, m_x[d.rd]);
        m_commit_log->write(line, n);
    }
    m_commit_log->put('\n');
}

// Threaded dispatch (GCC's labels as values): every handler ends in its own jump to the next handler,
// which the host's branch predictor learns per guest instruction. Sequential execution steps the entry
// pointer without any lookup or check: the `refetch` slots at a page's end (and outside the memory that
// backs it) send it back to the lookup. Control transfers and slow paths check the cycle limit and look
// the target up; straight-line code can run past the limit by at most one page before that happens.
template <bool Trace> void hart_core::loop()
{
    static void* const dispatch[op_count] = {
#define CELLVP_OP_LABEL(id, name) &&do_##id,
        CELLVP_RV32_OPS(CELLVP_OP_LABEL)
#undef CELLVP_OP_LABEL
    };

    uint32_t pc = m_pc;
    uint64_t cycle = m_cycle;
    uint64_t instret = m_instret;
    // m_limit drops to 0 when something outside the fast path wants the loop to stop (kick()); only slow
    // paths can do that, so the local copy is refreshed after each of them.
    uint64_t limit = m_limit;
    // The page being executed: its base address and its slots.
    uint32_t pg_page = 0;
    decoded_page* pg = &unbound_page();
    decoded_insn* d = nullptr;

#define SYNC_OUT() (m_pc = pc, m_cycle = cycle, m_instret = instret)
#define DISPATCH() goto* dispatch[d->op]
#define LOG()                                                                                                        \
    if (Trace) log_commit(pc, *d)
    // To the instruction at pc, from anywhere.
#define GOTO_PC()                                                                                                    \
    do {                                                                                                             \
        if (CELLVP_UNLIKELY(cycle >= limit)) goto out;                                                               \
        if (CELLVP_UNLIKELY((pc ^ pg_page) >= page_size)) goto refetch;                                              \
        d = &pg->insn[(pc & (page_size - 1)) >> 1];                                                                  \
        DISPATCH();                                                                                                  \
    } while (0)
    // Retire and fall through to the next instruction.
#define NEXT()                                                                                                       \
    do {                                                                                                             \
        LOG();                                                                                                       \
        unsigned len_ = d->len;                                                                                      \
        cycle += d->cost;                                                                                            \
        ++instret;                                                                                                   \
        pc += len_;                                                                                                  \
        d = reinterpret_cast<decoded_insn*>(reinterpret_cast<char*>(d) + len_ * (sizeof(decoded_insn) / 2));        \
        DISPATCH();                                                                                                  \
    } while (0)
    // Retire and fall through, after something that may have asked the loop to stop.
#define NEXT_CHECKED()                                                                                               \
    do {                                                                                                             \
        LOG();                                                                                                       \
        cycle += d->cost;                                                                                            \
        ++instret;                                                                                                   \
        pc += d->len;                                                                                                \
        GOTO_PC();                                                                                                   \
    } while (0)
#define JUMP(target, cost)                                                                                           \
    do {                                                                                                             \
        LOG();                                                                                                       \
        cycle += (cost);                                                                                             \
        ++instret;                                                                                                   \
        pc = (target);                                                                                               \
        GOTO_PC();                                                                                                   \
    } while (0)
#define TRAP(cause, tval)                                                                                            \
    do {                                                                                                             \
        pc = enter_trap((cause), (tval), pc);                                                                        \
        cycle += d->cost;                                                                                            \
        GOTO_PC();                                                                                                   \
    } while (0)
#define RD m_x[d->rd]
#define RS1 m_x[d->rs1]
#define RS2 m_x[d->rs2]
#define IMM d->imm
#define BRANCH(cond)                                                                                                 \
    do {                                                                                                             \
        if (cond) JUMP(pc + uint32_t(IMM), d->cost_taken);                                                           \
        NEXT();                                                                                                      \
    } while (0)
    // Slow paths may wait in SystemC, where others look at the hart's state: hand it over first.
#define LOAD(T)                                                                                                      \
    do {                                                                                                             \
        uint32_t a = RS1 + uint32_t(IMM);                                                                            \
        T v;                                                                                                         \
        uint32_t e = load<T>(a, v, cycle);                                                                           \
        if (CELLVP_LIKELY(e == no_trap)) {                                                                           \
            RD = uint32_t(v);                                                                                        \
            NEXT();                                                                                                  \
        }                                                                                                            \
        SYNC_OUT();                                                                                                  \
        uint64_t c = cycle; /* `cycle` itself must not escape, or it lives in memory */                              \
        e = load_slow(a, &v, sizeof(T), c);                                                                          \
        cycle = c;                                                                                                   \
        limit = m_limit;                                                                                             \
        if (e != no_trap) TRAP(e, a);                                                                                \
        RD = uint32_t(v);                                                                                            \
        NEXT_CHECKED();                                                                                              \
    } while (0)
#define STORE(T)                                                                                                     \
    do {                                                                                                             \
        uint32_t a = RS1 + uint32_t(IMM);                                                                            \
        T v = T(RS2);                                                                                                \
        uint32_t e = store<T>(a, v, cycle);                                                                          \
        if (CELLVP_LIKELY(e == no_trap)) NEXT();                                                                     \
        SYNC_OUT();                                                                                                  \
        uint64_t c = cycle;                                                                                          \
        e = store_slow(a, &v, sizeof(T), c);                                                                         \
        cycle = c;                                                                                                   \
        limit = m_limit;                                                                                             \
        if (e != no_trap) TRAP(e, a);                                                                                \
        NEXT_CHECKED();                                                                                              \
    } while (0)
#define OP(expr)                                                                                                     \
    do {                                                                                                             \
        RD = (expr);                                                                                                 \
        NEXT();                                                                                                      \
    } while (0)

    // Runs the instruction at pc from the slot of its own (m_uncached[0]), fetched by `fetch` (the same fault
    // handling for the uncached path and a debugger's single step).
#define FROM_SLOT(fetch)                                                                                             \
    do {                                                                                                             \
        uint32_t fault = 0;                                                                                          \
        bool ok = fetch(pc, m_uncached[0], fault);                                                                   \
        cycle = m_cycle;                                                                                             \
        limit = m_limit;                                                                                             \
        if (!ok) {                                                                                                   \
            pc = fetch_fault(pc, fault);                                                                             \
            cycle += 1;                                                                                              \
            limit = m_limit;                                                                                         \
            GOTO_PC();                                                                                               \
        }                                                                                                            \
        d = &m_uncached[0];                                                                                          \
        DISPATCH();                                                                                                  \
    } while (0)

    if (CELLVP_UNLIKELY(m_single)) goto single;
    GOTO_PC();

do_refetch:
    if (cycle >= limit) goto out;
refetch:
    if (decoded_page* p = page_for(pc); p && pc >= p->lo && pc < p->hi) {
        pg = p;
        pg_page = pc & ~(page_size - 1);
        d = &pg->insn[(pc & (page_size - 1)) >> 1];
        DISPATCH();
    }
    pg = &unbound_page();
    pg_page = 0;
uncached : {
    SYNC_OUT();
    if (CELLVP_UNLIKELY(!m_breakpoints.empty()) && is_breakpoint(pc)) {
        m_debug_event = debug_event::breakpoint;
        goto out;
    }
    FROM_SLOT(fetch_uncached);
}

do_decode:
    if (!decode_entry(*pg, pc, *d)) goto uncached;
    DISPATCH();

    // A debugger's breakpoint: stop before the instruction (run() returns stop_reason::debug).
do_breakpoint:
    SYNC_OUT();
    m_debug_event = debug_event::breakpoint;
    goto out;

    // A single step (run()): the instruction from a slot of its own, followed by `refetch` slots.
single : {
    m_single = false;
    SYNC_OUT();
    FROM_SLOT(fetch_for_step);
}

do_lui: OP(uint32_t(IMM));
do_auipc: OP(pc + uint32_t(IMM));
do_jal: {
    RD = pc + d->len;
    JUMP(pc + uint32_t(IMM), d->cost);
}
do_jalr: {
    uint32_t target = (RS1 + uint32_t(IMM)) & ~1u;
    RD = pc + d->len;
    JUMP(target, d->cost);
}
do_beq: BRANCH(RS1 == RS2);
do_bne: BRANCH(RS1 != RS2);
do_blt: BRANCH(int32_t(RS1) < int32_t(RS2));
do_bge: BRANCH(int32_t(RS1) >= int32_t(RS2));
do_bltu: BRANCH(RS1 < RS2);
do_bgeu: BRANCH(RS1 >= RS2);
do_lb: LOAD(int8_t);
do_lh: LOAD(int16_t);
do_lw: LOAD(uint32_t);
do_lbu: LOAD(uint8_t);
do_lhu: LOAD(uint16_t);
do_sb: STORE(uint8_t);
do_sh: STORE(uint16_t);
do_sw: STORE(uint32_t);
do_addi: OP(RS1 + uint32_t(IMM));
do_slti: OP(int32_t(RS1) < IMM);
do_sltiu: OP(RS1 < uint32_t(IMM));
do_xori: OP(RS1 ^ uint32_t(IMM));
do_ori: OP(RS1 | uint32_t(IMM));
do_andi: OP(RS1 & uint32_t(IMM));
do_slli: OP(RS1 << IMM);
do_srli: OP(RS1 >> IMM);
do_srai: OP(uint32_t(int32_t(RS1) >> IMM));
do_add: OP(RS1 + RS2);
do_sub: OP(RS1 - RS2);
do_sll: OP(RS1 << (RS2 & 31));
do_slt: OP(int32_t(RS1) < int32_t(RS2));
do_sltu: OP(RS1 < RS2);
do_xor: OP(RS1 ^ RS2);
do_srl: OP(RS1 >> (RS2 & 31));
do_sra: OP(uint32_t(int32_t(RS1) >> (RS2 & 31)));
do_or: OP(RS1 | RS2);
do_and: OP(RS1 & RS2);
do_mul: OP(RS1 * RS2);
do_mulh: OP(uint32_t((int64_t(int32_t(RS1)) * int64_t(int32_t(RS2))) >> 32));
do_mulhsu: OP(uint32_t((int64_t(int32_t(RS1)) * int64_t(uint64_t(RS2))) >> 32));
do_mulhu: OP(uint32_t((uint64_t(RS1) * uint64_t(RS2)) >> 32));
do_div: {
    uint32_t a = RS1, b = RS2;
    OP(b == 0 ? ~0u : (a == 0x80000000u && b == ~0u) ? a : uint32_t(int32_t(a) / int32_t(b)));
}
do_divu: {
    uint32_t a = RS1, b = RS2;
    OP(b == 0 ? ~0u : a / b);
}
do_rem: {
    uint32_t a = RS1, b = RS2;
    OP(b == 0 ? a : (a == 0x80000000u && b == ~0u) ? 0 : uint32_t(int32_t(a) % int32_t(b)));
}
do_remu: {
    uint32_t a = RS1, b = RS2;
    OP(b == 0 ? a : a % b);
}
do_fence: NEXT();
do_fence_i: {
    flush_decode_cache();
    NEXT_CHECKED();
}
do_ecall: TRAP(trap_cause::ecall_m, 0);
do_ebreak:
    if (CELLVP_UNLIKELY(m_ebreak_stops)) {
        SYNC_OUT();
        m_debug_event = debug_event::ebreak;
        goto out;
    }
    TRAP(trap_cause::breakpoint, pc);
do_mret: {
    m_mstatus = ((m_mstatus & mstatus_bits::mpie) ? mstatus_bits::mie : 0) | mstatus_bits::mpie | mstatus_bits::mpp;
    kick(); // interrupts may now be enabled
    limit = 0;
    JUMP(m_mepc, d->cost);
}
do_wfi: {
    if (!interrupt_pending()) {
        m_wfi = true;
        kick();
        limit = 0;
    }
    NEXT_CHECKED();
}
do_csrrw:
do_csrrs:
do_csrrc:
do_csrrwi:
do_csrrsi:
do_csrrci: {
    SYNC_OUT();
    uint32_t v;
    if (!csr_op(*d, v)) TRAP(trap_cause::illegal, d->raw);
    limit = m_limit;
    RD = v;
    NEXT_CHECKED();
}
do_lr_w:
do_sc_w:
do_amoswap_w:
do_amoadd_w:
do_amoxor_w:
do_amoand_w:
do_amoor_w:
do_amomin_w:
do_amomax_w:
do_amominu_w:
do_amomaxu_w: {
    uint32_t v = 0, a = RS1;
    SYNC_OUT();
    uint64_t c = cycle;
    uint32_t e = amo(*d, a, v, c);
    cycle = c;
    limit = m_limit;
    if (e != no_trap) TRAP(e, a);
    RD = v;
    NEXT_CHECKED();
}
do_illegal: TRAP(trap_cause::illegal, d->raw);

out:
#undef FROM_SLOT
#undef OP
#undef STORE
#undef LOAD
#undef BRANCH
#undef IMM
#undef RS2
#undef RS1
#undef RD
#undef TRAP
#undef JUMP
#undef NEXT_CHECKED
#undef NEXT
#undef GOTO_PC
#undef LOG
#undef DISPATCH
#undef SYNC_OUT
    m_pc = pc;
    m_cycle = cycle;
    m_instret = instret;
}

template void hart_core::loop<true>();
template void hart_core::loop<false>();

} // namespace cellvp
