// Cell controller: see cell_ctl.h.
#include "dev/cell_ctl.h"

#include "util/reg_access.h"

#include "util/format.h"

#include <cstring>
#include <string>

namespace cellvp {

namespace {
constexpr uint64_t ps_per_us = 1000000ull;
}

cell_ctl::cell_ctl(sc_core::sc_module_name name, const cell_ctl_config& cfg)
    : sc_module(name), target_socket("target_socket"), wdt_irq("wdt_irq"), m_cfg(cfg),
      m_wdt_load(cfg.wdt_default_load_us)
{
    target_socket.register_b_transport(this, &cell_ctl::b_transport);
    target_socket.register_transport_dbg(this, &cell_ctl::transport_dbg);
    SC_HAS_PROCESS(cell_ctl);
    SC_METHOD(wdt_process);
    sensitive << m_wdt_event;
    dont_initialize();
    SC_METHOD(irq_process);
    sensitive << m_irq_event;
    SC_METHOD(reset_process);
    sensitive << m_reset_event;
    dont_initialize();
}

void cell_ctl::reset()
{
    m_wdt_load = m_cfg.wdt_default_load_us;
    m_wdt_ctrl = 0;
    m_wdt_status = 0;
    m_wdt_event.cancel();
    m_reset_pending = false;
    m_reset_event.cancel();
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
}

void cell_ctl::power_on()
{
    reset();
    m_scratch = 0;
    m_reset_cause = CELLCTL_RESET_POWER_ON;
}

sc_core::sc_time cell_ctl::wdt_period() const
{
    return sc_core::sc_time::from_value(uint64_t(m_wdt_load) * ps_per_us);
}

void cell_ctl::wdt_start(const sc_core::sc_time& delay)
{
    m_wdt_deadline = sc_core::sc_time_stamp() + delay + wdt_period();
    // A pending notification earlier than the new one would win over it: drop it first.
    m_wdt_event.cancel();
    m_wdt_event.notify(delay + wdt_period());
}

void cell_ctl::request_reset(unsigned cause, const sc_core::sc_time& delay)
{
    if (m_reset_pending) return; // the first request wins: the cell resets once
    m_reset_pending = true;
    m_reset_pending_cause = cause;
    m_reset_event.notify(delay);
}

void cell_ctl::wdt_process()
{
    if (!(m_wdt_ctrl & wdt_enable)) return;
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    if (now < m_wdt_deadline) { // not expected (every restart cancels), but never fire early
        m_wdt_event.notify(m_wdt_deadline - now);
        return;
    }
    if ((m_wdt_ctrl & wdt_irq_first) && !(m_wdt_status & wdt_expired)) {
        m_wdt_status |= wdt_expired;
        m_irq_event.notify(sc_core::SC_ZERO_TIME);
        wdt_start(sc_core::SC_ZERO_TIME);
        return;
    }
    // The reset it asks for would stop the watchdog too; stop it here in case nothing performs the reset.
    m_wdt_ctrl &= ~wdt_enable;
    request_reset(CELLCTL_RESET_WATCHDOG, sc_core::SC_ZERO_TIME);
}

void cell_ctl::irq_process()
{
    wdt_irq.write(m_wdt_status & wdt_expired);
}

void cell_ctl::reset_process()
{
    if (!m_reset_pending) return;
    m_reset_pending = false;
    unsigned cause = m_reset_pending_cause;
    SC_REPORT_INFO_VERB("cellvp/cell_ctl",
                        (std::string(name()) + ": reset requested, cause " + std::to_string(cause)).c_str(),
                        sc_core::SC_HIGH);
    if (on_reset_request)
        on_reset_request(cause);
    else
        SC_REPORT_WARNING("cellvp/cell_ctl", (std::string(name()) + ": a reset was requested, but nothing is "
                                                                    "connected to perform it")
                                                 .c_str());
}

bool cell_ctl::read_reg(uint64_t addr, uint32_t& value) const
{
    switch (addr) {
    case CELLCTL_CELL_ID: value = m_cfg.cell_id; return true;
    case CELLCTL_PARTITION_ID: value = m_cfg.partition_id; return true;
    case CELLCTL_HART_COUNT: value = m_cfg.harts; return true;
    case CELLCTL_RESET_CAUSE: value = m_reset_cause; return true;
    case CELLCTL_RESET: value = 0; return true;
    case CELLCTL_WDT_LOAD: value = m_wdt_load; return true;
    case CELLCTL_WDT_CTRL: value = m_wdt_ctrl; return true;
    case CELLCTL_WDT_KICK: value = 0; return true;
    case CELLCTL_WDT_STATUS: value = m_wdt_status; return true;
    case CELLCTL_SCRATCH: value = m_scratch; return true;
    default: return false;
    }
}

bool cell_ctl::write_reg(uint64_t addr, uint32_t value, const sc_core::sc_time& delay)
{
    switch (addr) {
    case CELLCTL_CELL_ID:
    case CELLCTL_PARTITION_ID:
    case CELLCTL_HART_COUNT:
    case CELLCTL_RESET_CAUSE: return true; // read-only
    case CELLCTL_RESET:
        if (value == CELLCTL_RESET_KEY)
            request_reset(CELLCTL_RESET_SOFT, delay);
        else
            SC_REPORT_WARNING("cellvp/cell_ctl", (std::string(name()) + ": CELLCTL_RESET written without the key (" +
                                                  hex(value) + "): ignored")
                                                     .c_str());
        return true;
    case CELLCTL_WDT_LOAD: m_wdt_load = value; return true;
    case CELLCTL_WDT_CTRL: {
        uint32_t was = m_wdt_ctrl;
        m_wdt_ctrl = value & (wdt_enable | wdt_irq_first);
        if ((m_wdt_ctrl & wdt_enable) && !(was & wdt_enable)) wdt_start(delay);
        if (!(m_wdt_ctrl & wdt_enable)) m_wdt_event.cancel();
        return true;
    }
    case CELLCTL_WDT_KICK:
        if (value != CELLCTL_WDT_KICK_KEY)
            SC_REPORT_WARNING("cellvp/cell_ctl", (std::string(name()) + ": CELLCTL_WDT_KICK written without the key (" +
                                                  hex(value) + "): ignored")
                                                     .c_str());
        else if (m_wdt_ctrl & wdt_enable)
            wdt_start(delay);
        return true;
    case CELLCTL_WDT_STATUS:
        m_wdt_status &= ~(value & wdt_expired);
        m_irq_event.notify(delay);
        return true;
    case CELLCTL_SCRATCH: m_scratch = value; return true;
    default: return false;
    }
}

void cell_ctl::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    word_register_transport(
        trans, delay, [this](uint64_t a, uint32_t& v) { return read_reg(a, v); },
        [this](uint64_t a, uint32_t v, sc_core::sc_time& d) { return write_reg(a, v, d); });
}

// Debug reads only (no register has read side effects).
unsigned cell_ctl::transport_dbg(tlm::tlm_generic_payload& trans)
{
    return word_register_debug_read(trans, [this](uint64_t a, uint32_t& v) { return read_reg(a, v); });
}

} // namespace cellvp
