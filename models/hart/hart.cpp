// SystemC wrapper of the hart: see hart.h.
// sc_spawn, for the optional reset line.
#define SC_INCLUDE_DYNAMIC_PROCESSES
#include "hart/hart.h"

#include "bus/code_watch_extension.h"
#include "bus/plain_access.h"
#include "util/format.h"

#include <algorithm>
#include <cstring>

namespace cellvp {

namespace {
// Bound on running ahead of an otherwise idle system, in quanta: keeps wall-clock progress visible.
constexpr uint64_t max_quanta_ahead = 1000;
uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }
} // namespace

hart::hart(sc_core::sc_module_name name, const hart_config& cfg)
    : sc_module(name), initiator_socket("initiator_socket"), msip("msip"), mtip("mtip"), meip("meip"),
      m_core(cfg, *this), m_period_ps(cfg.period_ps)
{
    m_trans.set_extension(&m_poll_hint);
    if (sc_core::sc_get_time_resolution() != sc_core::sc_time(1, sc_core::SC_PS))
        SC_REPORT_FATAL("cellvp/hart", "cellvp counts time in ps: the SystemC time resolution must be 1 ps");
    initiator_socket.register_invalidate_direct_mem_ptr(this, &hart::invalidate_direct_mem_ptr);
    SC_HAS_PROCESS(hart);
    SC_THREAD(thread);
    SC_METHOD(on_irq);
    sensitive << msip << mtip << meip;
    dont_initialize();
}

hart::~hart() { m_trans.clear_extension(&m_poll_hint); } // a member, not the payload's to free

void hart::end_of_elaboration()
{
    if (reset.size() > 0) {
        sc_core::sc_spawn_options opts;
        opts.spawn_method();
        opts.set_sensitivity(&reset[0]->value_changed_event());
        opts.dont_initialize();
        sc_core::sc_spawn([this] { on_reset(); }, sc_core::sc_gen_unique_name("reset_watch"), &opts);
        m_in_reset = reset[0]->read();
    }
}

void hart::on_reset()
{
    if (reset.size() == 0) return;
    m_in_reset = reset[0]->read();
    if (m_in_reset) m_core.request_halt();
    m_irq_changed.notify();
}

// Waits while the reset line is high, then restarts the core at its reset vector, on a clock edge.
void hart::hold_in_reset()
{
    m_core.clear_reservation();
    while (m_in_reset) sc_core::wait(m_irq_changed);
    uint64_t c = ceil_div(now_ps(), m_period_ps);
    if (c * m_period_ps > now_ps()) sc_core::wait(sc_core::sc_time::from_value(c * m_period_ps - now_ps()));
    m_sync_cycle = c;
    m_core.set_cycle(c);
    m_core.reset();
    m_core.flush_decode_cache();
    m_qk.reset();
}

uint64_t hart::now_ps() const { return sc_core::sc_time_stamp().value(); }

void hart::on_irq()
{
    m_core.set_irq(irq_bit::msi, msip.read());
    m_core.set_irq(irq_bit::mti, mtip.read());
    m_core.set_irq(irq_bit::mei, meip.read());
    m_irq_changed.notify();
}

// Lets SystemC catch up with the core: waits until sc_time_stamp() equals `cycle` periods.
void hart::sync(uint64_t cycle)
{
    if (cycle <= m_sync_cycle) return;
    m_core.clear_reservation(); // other harts may run while this one waits
    m_qk.set(sc_core::sc_time::from_value((cycle - m_sync_cycle) * m_period_ps));
    m_qk.sync();
    m_sync_cycle = cycle;
}

void hart::thread()
{
    m_sync_cycle = ceil_div(now_ps(), m_period_ps);
    m_core.set_cycle(m_sync_cycle);
    m_core.reset();
    for (;;) {
        if (m_in_reset) hold_in_reset();
        // Run a quantum ahead of SystemC; further when nothing else in the system is scheduled before then
        // (nobody can observe the difference, and an idle platform then costs no synchronisation at all).
        uint64_t quantum_ps = tlm::tlm_global_quantum::instance().get().value();
        uint64_t horizon_ps = sc_core::sc_time_to_pending_activity().value();
        uint64_t ahead_ps = std::max(quantum_ps, std::min(horizon_ps, quantum_ps * max_quanta_ahead));
        uint64_t limit = m_sync_cycle + std::max<uint64_t>(1, ahead_ps / m_period_ps);
        if (m_instruction_limit) {
            // Each instruction costs at least one cycle, so this budget cannot overshoot the limit.
            uint64_t used = m_core.instret() + m_core.traps();
            uint64_t left = m_instruction_limit > used ? m_instruction_limit - used : 0;
            limit = std::min(limit, m_core.cycle() + left);
        }
        hart_core::stop_reason why = m_core.run(limit);
        sync(m_core.cycle());
        if (instruction_limit_reached()) {
            SC_REPORT_INFO_VERB("cellvp/hart", (std::string(name()) + ": instruction limit reached").c_str(),
                                sc_core::SC_DEBUG);
            sc_core::sc_stop();
            sc_core::wait(); // never resumes: the simulation is over
        }
        if (m_core.stuck()) {
            SC_REPORT_WARNING("cellvp/hart", (std::string(name()) + ": instruction fetch fault at the trap vector " +
                                              hex(m_core.pc()) + ": the hart is stuck, simulation stopped").c_str());
            sc_core::sc_stop();
            sc_core::wait();
        }
        if (m_in_reset) continue;
        if (m_debugger) {
            if (why != hart_core::stop_reason::halted && m_debugger->interrupt_requested()) m_core.request_debug_stop();
            if (m_core.pending_debug_event() != hart_core::debug_event::none) {
                m_core.clear_reservation();
                m_debugger->stopped(*this);
                resume_on_clock_edge(); // a hart kept stopped while another stepped saw time pass
                continue;
            }
        } else if (why == hart_core::stop_reason::debug) {
            m_core.clear_debug_event(); // the debugger went away: nobody to stop for
            continue;
        }
        if (why == hart_core::stop_reason::halted) {
            m_core.clear_reservation();
            while (m_core.halted() && !m_in_reset) sc_core::wait(m_irq_changed);
        } else if (why == hart_core::stop_reason::wfi) {
            m_core.clear_reservation();
            while (!m_core.interrupt_pending() && !m_in_reset) sc_core::wait(m_irq_changed);
            if (m_in_reset) continue;
            resume_on_clock_edge();
        }
    }
}

// After the hart waited: its cycle goes to the next clock edge at or after now (the core's cycle must stay the
// image of simulated time).
void hart::resume_on_clock_edge()
{
    uint64_t c = ceil_div(now_ps(), m_period_ps);
    if (c * m_period_ps > now_ps()) sc_core::wait(sc_core::sc_time::from_value(c * m_period_ps - now_ps()));
    m_sync_cycle = c;
    m_core.set_cycle(c);
    m_qk.reset();
}

unsigned hart::debug_access(bool write, uint32_t addr, uint8_t* data, unsigned len)
{
    tlm::tlm_generic_payload t;
    t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(addr);
    t.set_data_ptr(data);
    t.set_data_length(len);
    t.set_streaming_width(len);
    return initiator_socket->transport_dbg(t);
}

bool hart::transport(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, unsigned len, uint64_t& cycle)
{
    set_plain_access(m_trans, cmd, addr, data, len);
    m_poll_hint.stable_for = sc_core::SC_ZERO_TIME;
    sc_core::sc_time delay = sc_core::sc_time::from_value((cycle - m_sync_cycle) * m_period_ps);
    initiator_socket->b_transport(m_trans, delay);
    // The access completes at sc_time_stamp() + delay (the target may have waited inside): synchronise there,
    // on a clock edge, so that devices see the hart's accesses in order and at their time.
    uint64_t done = std::max(cycle, ceil_div(now_ps() + delay.value(), m_period_ps));
    cycle = done;
    // A halt requested by the access itself (the program ended) lets the instruction retire first: the
    // thread syncs when the core returns, and the final state does not depend on where the wait fell.
    if (m_core.halted()) return !m_trans.is_response_error();
    m_core.clear_reservation();
    if (done * m_period_ps > now_ps()) sc_core::wait(sc_core::sc_time::from_value(done * m_period_ps - now_ps()));
    m_sync_cycle = done;
    m_qk.reset();
    skip_polling(cmd, addr, data, len);
    // A register write may change an interrupt line (an enable, a cleared cause): let the device's processes
    // and the signal update run (two delta cycles) so the hart sees the line before its next instruction.
    if (cmd == tlm::TLM_WRITE_COMMAND) {
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
    }
    cycle = m_sync_cycle;
    if (m_trans.is_response_error()) {
        SC_REPORT_INFO_VERB("cellvp/hart",
                            (std::string(name()) + ": " + m_trans.get_response_string() + " at " + hex(addr)).c_str(),
                            sc_core::SC_DEBUG);
        return false;
    }
    if (m_dmi_enabled && m_trans.is_dmi_allowed()) request_dmi(addr);
    return true;
}

// A read that returns what the same instruction read from the same register last time, with no other bus
// access in between, is a polling loop: when the device promised the value stays (poll_hint_extension),
// simulated time jumps to the end of that promise, or to an interrupt, instead of polling through it. The
// loop's instructions in between are not executed for the skipped time: a loop that counts its polls as a
// timeout counts fewer of them than on hardware (it times out later in simulated time, never earlier).
void hart::skip_polling(tlm::tlm_command cmd, uint32_t addr, const uint8_t* data, unsigned len)
{
    uint64_t value = 0;
    if (cmd == tlm::TLM_READ_COMMAND && len <= 8) std::memcpy(&value, data, len);
    bool same = cmd == tlm::TLM_READ_COMMAND && m_last_read.valid && m_last_read.pc == m_core.pc() &&
                m_last_read.addr == addr && m_last_read.len == len && m_last_read.value == value;
    m_last_read = {m_core.pc(), addr, value, len, cmd == tlm::TLM_READ_COMMAND && !m_trans.is_response_error()};
    if (!same || m_poll_hint.stable_for == sc_core::SC_ZERO_TIME || m_in_reset || m_core.halted()) return;
    m_core.clear_reservation();
    sc_core::wait(m_poll_hint.stable_for, m_irq_changed);
    uint64_t c = ceil_div(now_ps(), m_period_ps);
    if (c * m_period_ps > now_ps()) sc_core::wait(sc_core::sc_time::from_value(c * m_period_ps - now_ps()));
    m_sync_cycle = c;
    m_qk.reset();
    ++m_polls_skipped;
}

void hart::request_dmi(uint32_t addr)
{
    tlm::tlm_generic_payload t;
    code_watch_extension ext;
    t.set_address(addr);
    t.set_command(tlm::TLM_READ_COMMAND);
    t.set_extension(&ext);
    tlm::tlm_dmi dmi;
    bool ok = initiator_socket->get_direct_mem_ptr(t, dmi);
    t.clear_extension(&ext);
    if (!ok || !dmi.get_dmi_ptr()) return;
    uint64_t start = dmi.get_start_address(), end = std::min<uint64_t>(dmi.get_end_address(), 0xffffffffull);
    if (start > end) return;
    dmi_region r;
    r.base = uint32_t(start);
    r.size = end - start + 1;
    r.host = dmi.get_dmi_ptr();
    r.readable = dmi.is_read_allowed();
    r.writable = dmi.is_write_allowed();
    r.read_cycles = uint32_t(ceil_div(dmi.get_read_latency().value(), m_period_ps));
    r.write_cycles = uint32_t(ceil_div(dmi.get_write_latency().value(), m_period_ps));
    r.watch = ext.watch;
    m_core.add_dmi_region(r);
}

bool hart::bus_read(uint32_t addr, uint8_t* data, unsigned len, uint64_t& cycle)
{
    return transport(tlm::TLM_READ_COMMAND, addr, data, len, cycle);
}

bool hart::bus_write(uint32_t addr, const uint8_t* data, unsigned len, uint64_t& cycle)
{
    uint8_t buf[8];
    std::memcpy(buf, data, len);
    return transport(tlm::TLM_WRITE_COMMAND, addr, buf, len, cycle);
}

void hart::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) { m_core.invalidate_dmi(start, end); }

} // namespace cellvp
