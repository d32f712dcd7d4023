// GDB for a group of harts (the bare machine's one, or the harts of one cell): the glue between the GDB stub
// (gdb_stub.h) and the harts. All-stop: a hart that stops (start, breakpoint, step, ebreak, Ctrl-C) serves GDB
// from its own SystemC thread, so the whole simulation, and simulated time, stand still until GDB resumes.
// Memory goes through each hart's debug transport (transport_dbg): what the hart would see, no time, no
// device side effects; unmapped addresses give GDB an error.
//
// Limits: a hart that was inside a bus access when another stopped finishes that access (and its
// instruction) before it stops; when GDB steps one hart, the others stay stopped but simulated time moves on
// by the stepped instruction's cycles (devices run); a hart waiting in WFI sees a Ctrl-C only when it wakes.
#pragma once

#include "debug/gdb_stub.h"
#include "hart/hart.h"

#include <systemc>

#include <memory>
#include <string>
#include <vector>

namespace cellvp {

class cell_system;

class gdb_server : private gdb::gdb_target_if, private hart_debugger_if {
public:
    // `harts`: GDB's threads 1..n; `name` prefixes their names (`info threads`).
    gdb_server(std::vector<hart*> harts, std::string name);
    // Listens on 127.0.0.1:port (0: a free port), says so on stderr ("cellvp: waiting for GDB on port N")
    // and waits for GDB; the harts then stop at their first instruction. Before sc_start(). False with a
    // message when the port cannot be had.
    bool wait_for_gdb(uint16_t port, std::string& error);
    // For the commands: a server of cell `cell`'s harts that waited for GDB on `port`, or nullptr after a
    // message on stderr (no such cell, port in use).
    static std::unique_ptr<gdb_server> for_cell(cell_system& system, unsigned cell, uint16_t port);
    // After sc_start(): the run ended with this status, which GDB gets (W) if it waits for the target.
    void run_ended(int status);
    // GDB killed the program (k).
    bool killed() const { return m_killed; }

private:
    void stopped(hart& h) override;
    bool interrupt_requested() override;
    unsigned thread_count() const override { return unsigned(m_harts.size()); }
    std::string thread_name(unsigned thread) const override;
    bool read_register(unsigned thread, unsigned regno, uint32_t& v) override;
    bool write_register(unsigned thread, unsigned regno, uint32_t v) override;
    size_t read_memory(unsigned thread, uint32_t addr, uint8_t* data, size_t len) override;
    size_t write_memory(unsigned thread, uint32_t addr, const uint8_t* data, size_t len) override;
    void set_breakpoint(uint32_t addr, bool on) override;

    void apply(const gdb::resume_request& r);
    void detach();
    hart_core& core(unsigned thread) { return m_harts.at(thread - 1)->core(); }

    std::vector<hart*> m_harts;
    std::string m_name;
    gdb::gdb_stub m_stub;
    sc_core::sc_event m_resume; // harts kept stopped while another steps wait for it
    bool m_attached = false;
    bool m_interrupted = false; // the pending stop is GDB's Ctrl-C
    bool m_killed = false;
};

} // namespace cellvp
