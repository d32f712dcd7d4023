// Cell controller (firmware/include/cellvp/cellctl_regs.h): the cell's identity, the cause of the last reset,
// soft reset, a watchdog and a scratch word that survives cell resets.
//
// Models: a write of CELLCTL_RESET_KEY to CELLCTL_RESET asks the cell platform for a reset through
// `on_reset_request(CELLCTL_RESET_SOFT)`; a wrong key is ignored with a warning. The watchdog counts
// WDT_LOAD microseconds from its enabling or last kick; at expiry it asks for a reset
// (CELLCTL_RESET_WATCHDOG), or, in interrupt-first mode (WDT_CTRL bit 1) while WDT_STATUS is clear, sets
// WDT_STATUS, raises `wdt_irq` and starts another period; an expiry while WDT_STATUS is still set resets
// (as Arm's SP805: firmware that handles the interrupt must kick and clear the status). WDT_LOAD written while
// the watchdog runs takes effect at the next kick or enabling. The watchdog is event-driven: one event at
// the deadline, nothing runs between kicks. Register accesses act at the accessing initiator's local time
// (sc_time_stamp() + delay); reset requests are delivered from a method process at that time, never from
// inside the transaction, so the platform may reset the harts from the callback (which must not wait).
// The harts may retire a few more instructions before the platform stops them, as hardware would.
// Accesses: 4 bytes, naturally aligned. Wrong size: TLM_BURST_ERROR_RESPONSE; byte enables:
// TLM_BYTE_ENABLE_ERROR_RESPONSE; offsets that are not registers: TLM_ADDRESS_ERROR_RESPONSE. Writes to
// read-only registers are ignored; CELLCTL_RESET and WDT_KICK read as 0. transport_dbg reads only.
// Does NOT model: remote resets (CELLCTL_RESET_REMOTE is the platform's to set), a watchdog counter
// readable by firmware, a lock against disabling the watchdog, the time a reset takes.
#pragma once

#include "cellvp/cellctl_regs.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <functional>

namespace cellvp {

struct cell_ctl_config {
    uint32_t cell_id = 0;      // the first cell
    uint32_t partition_id = 0; // the first partition
    uint32_t harts = 1;        // as the bare machine: one hart
    // WDT_LOAD after power-on and every reset: 60 s, the default margin of Linux's softdog
    // (drivers/watchdog/softdog.c, TIMER_MARGIN). Firmware sets its own before enabling.
    uint32_t wdt_default_load_us = 60000000;
};

class cell_ctl : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<cell_ctl> target_socket;
    sc_core::sc_out<bool> wdt_irq; // to the interrupt controller's CELL_IRQ_WDT source

    // The cell must be reset for `cause` (CELLCTL_RESET_SOFT or CELLCTL_RESET_WATCHDOG). The platform resets
    // the harts and devices, calls reset() and set_reset_cause(cause) here. Called from a method process.
    std::function<void(unsigned cause)> on_reset_request;

    cell_ctl(sc_core::sc_module_name name, const cell_ctl_config& cfg = {});

    // Cell reset: watchdog disabled with its default period, WDT_STATUS and wdt_irq cleared, a reset request
    // not yet delivered dropped. SCRATCH and RESET_CAUSE stay (the platform sets the cause).
    void reset();
    // Power cycle: as reset(), and SCRATCH = 0, RESET_CAUSE = CELLCTL_RESET_POWER_ON.
    void power_on();
    void set_reset_cause(unsigned cause) { m_reset_cause = cause; }

    uint32_t reset_cause() const { return m_reset_cause; }
    uint32_t scratch() const { return m_scratch; }
    bool wdt_enabled() const { return m_wdt_ctrl & wdt_enable; }

private:
    static constexpr uint32_t wdt_enable = 1u << 0, wdt_irq_first = 1u << 1, wdt_expired = 1u << 0;

    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    bool read_reg(uint64_t addr, uint32_t& value) const;
    bool write_reg(uint64_t addr, uint32_t value, const sc_core::sc_time& delay);
    sc_core::sc_time wdt_period() const;
    void wdt_start(const sc_core::sc_time& delay);
    void request_reset(unsigned cause, const sc_core::sc_time& delay);
    void wdt_process();
    void irq_process();
    void reset_process();

    cell_ctl_config m_cfg;
    uint32_t m_reset_cause = CELLCTL_RESET_POWER_ON;
    uint32_t m_scratch = 0;
    uint32_t m_wdt_load, m_wdt_ctrl = 0, m_wdt_status = 0;
    sc_core::sc_time m_wdt_deadline;
    bool m_reset_pending = false;
    unsigned m_reset_pending_cause = 0;
    sc_core::sc_event m_wdt_event, m_irq_event, m_reset_event;
};

} // namespace cellvp
