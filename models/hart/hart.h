// SystemC/TLM-2.0 wrapper of hart_core: owns the hart's thread, its quantum keeper, the initiator socket,
// DMI and the interrupt inputs. Time is the core's cycle count; it is synchronised with SystemC only at
// quantum boundaries, on every bus (non-DMI) access, and on WFI, where the thread sleeps until an
// interrupt line changes, so waiting costs no host time.
#pragma once

#include "bus/poll_hint_extension.h"
#include "hart/hart_core.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

namespace cellvp {

class hart;

// A debugger of harts (the GDB stub, models/debug/gdb_server.h), as the harts see it.
class hart_debugger_if {
public:
    virtual ~hart_debugger_if() = default;
    // The hart stopped for the debugger (hart_core::pending_debug_event() says why). Called from the hart's
    // thread: simulated time stands still until it returns, which it does when the hart may run on.
    virtual void stopped(hart& h) = 0;
    // Called from the hart's thread each time it synchronises while running: true stops the hart now.
    virtual bool interrupt_requested() = 0;
};

class hart : public sc_core::sc_module, private hart_bus_if {
public:
    tlm_utils::simple_initiator_socket<hart> initiator_socket;
    sc_core::sc_in<bool> msip; // machine software interrupt line
    sc_core::sc_in<bool> mtip; // machine timer interrupt line
    sc_core::sc_in<bool> meip; // machine external interrupt line
    // Reset line, active high: the hart stops while it is high and restarts at the reset vector with an
    // architectural reset when it falls. Optional: an unbound reset means never reset.
    sc_core::sc_port<sc_core::sc_signal_in_if<bool>, 1, sc_core::SC_ZERO_OR_MORE_BOUND> reset;

    hart(sc_core::sc_module_name name, const hart_config& cfg);
    ~hart() override;

    hart_core& core() { return m_core; }
    const hart_core& core() const { return m_core; }

    // Stops the simulation once this many instructions have retired (0: no limit).
    void set_instruction_limit(uint64_t n) { m_instruction_limit = n; }
    // Traps count too, so that a program trapping in a loop is also stopped.
    bool instruction_limit_reached() const
    {
        return m_instruction_limit && m_core.instret() + m_core.traps() >= m_instruction_limit;
    }
    void set_dmi_enabled(bool on) { m_dmi_enabled = on; }

    // Attaches a debugger (nullptr: none, the default); the hart calls it when it stops for debugging.
    void set_debugger(hart_debugger_if* d) { m_debugger = d; }
    // Reads or writes memory as the hart sees it, through the bus's debug transport (no time, no side
    // effects on devices that model them so): the number of bytes done, 0 where nothing answers.
    unsigned debug_access(bool write, uint32_t addr, uint8_t* data, unsigned len);

    uint64_t period_ps() const { return m_period_ps; }

private:
    void end_of_elaboration() override;
    void thread();
    void on_irq();
    void on_reset();
    void hold_in_reset();
    void resume_on_clock_edge();
    void sync(uint64_t cycle);
    uint64_t now_ps() const;
    bool transport(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, unsigned len, uint64_t& cycle);
    void request_dmi(uint32_t addr);
    void skip_polling(tlm::tlm_command cmd, uint32_t addr, const uint8_t* data, unsigned len);
    bool bus_read(uint32_t addr, uint8_t* data, unsigned len, uint64_t& cycle) override;
    bool bus_write(uint32_t addr, const uint8_t* data, unsigned len, uint64_t& cycle) override;
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);

    hart_core m_core;
    tlm_utils::tlm_quantumkeeper m_qk;
    tlm::tlm_generic_payload m_trans;
    sc_core::sc_event m_irq_changed; // an interrupt line or the reset line changed
    bool m_in_reset = false;
    uint64_t m_period_ps;
    uint64_t m_sync_cycle = 0; // core cycle that corresponds to sc_time_stamp() at the last sync
    uint64_t m_instruction_limit = 0;
    bool m_dmi_enabled = true;
    hart_debugger_if* m_debugger = nullptr;

    // Polling-loop recognition: the last bus read and whether anything else touched the bus since.
    poll_hint_extension m_poll_hint;
    struct {
        uint32_t pc = 0, addr = 0;
        uint64_t value = 0;
        unsigned len = 0;
        bool valid = false;
    } m_last_read;
    uint64_t m_polls_skipped = 0;

public:
    // Polls of a busy device that were skipped by letting time jump (a host-speed figure).
    uint64_t polls_skipped() const { return m_polls_skipped; }
};

} // namespace cellvp
