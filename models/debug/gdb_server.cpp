// GDB for a group of harts: see gdb_server.h.
#include "debug/gdb_server.h"

#include "platform/cell_system.h"

#include <iostream>

namespace cellvp {

using gdb::resume_request;

gdb_server::gdb_server(std::vector<hart*> harts, std::string name)
    : m_harts(std::move(harts)), m_name(std::move(name)), m_stub(*this)
{
}

bool gdb_server::wait_for_gdb(uint16_t port, std::string& error)
{
    if (!m_stub.listen(port, error)) return false;
    std::cerr << "cellvp: waiting for GDB on port " << m_stub.port() << std::endl;
    if (!m_stub.accept(error)) return false;
    m_attached = true;
    for (hart* h : m_harts) {
        h->set_debugger(this);
        h->core().set_ebreak_stops(true);
        h->core().request_debug_stop();
    }
    return true;
}

std::unique_ptr<gdb_server> gdb_server::for_cell(cell_system& system, unsigned cell, uint16_t port)
{
    if (cell >= system.cells.size()) {
        std::cerr << "cellvp: --gdb-cell " << cell << ": no such cell (0.." << system.cells.size() - 1 << ")\n";
        return nullptr;
    }
    std::vector<hart*> harts;
    for (auto& h : system.cells[cell]->harts) harts.push_back(h.get());
    auto server = std::make_unique<gdb_server>(harts, "cell " + std::to_string(cell));
    std::string error;
    if (!server->wait_for_gdb(port, error)) {
        std::cerr << "cellvp: " << error << "\n";
        return nullptr;
    }
    return server;
}

void gdb_server::run_ended(int status)
{
    if (m_attached) m_stub.exited(status);
    m_attached = false;
}

void gdb_server::stopped(hart& h)
{
    hart_core& c = h.core();
    if (!m_attached) {
        c.clear_debug_event();
        return;
    }
    if (c.pending_debug_event() != hart_core::debug_event::parked) {
        unsigned thread = 1;
        while (m_harts[thread - 1] != &h) ++thread;
        int sig = gdb::sig_trap;
        if (c.pending_debug_event() == hart_core::debug_event::requested && m_interrupted) sig = gdb::sig_int;
        m_interrupted = false;
        resume_request r = m_stub.stopped(thread, sig);
        if (r.what == resume_request::kind::resume) {
            apply(r);
        } else {
            detach();
            if (r.what == resume_request::kind::kill) {
                m_killed = true;
                for (hart* o : m_harts) o->core().request_halt();
                sc_core::sc_stop();
            }
        }
    }
    // Kept stopped while another hart steps: wait (in simulated time) until GDB resumes this one.
    while (m_attached && c.pending_debug_event() == hart_core::debug_event::parked) sc_core::wait(m_resume);
}

void gdb_server::apply(const resume_request& r)
{
    for (unsigned i = 0; i < m_harts.size(); ++i) {
        hart_core& c = m_harts[i]->core();
        if (r.new_pc[i] != ~0u) c.set_pc(r.new_pc[i]);
        switch (r.threads[i]) {
        case resume_request::action::run:
            c.clear_debug_event();
            // Off a breakpoint: its instruction runs first (GDB usually takes the breakpoint out itself).
            if (c.is_breakpoint(c.pc())) c.request_step(true);
            break;
        case resume_request::action::step:
            c.clear_debug_event();
            c.request_step();
            break;
        case resume_request::action::stop: c.request_debug_stop(hart_core::debug_event::parked); break;
        }
    }
    m_resume.notify(sc_core::SC_ZERO_TIME);
}

void gdb_server::detach()
{
    m_attached = false;
    for (hart* h : m_harts) {
        hart_core& c = h->core();
        c.clear_breakpoints();
        c.set_ebreak_stops(false);
        c.clear_debug_event();
        h->set_debugger(nullptr);
    }
    m_resume.notify(sc_core::SC_ZERO_TIME);
}

bool gdb_server::interrupt_requested()
{
    if (!m_attached) return false;
    switch (m_stub.poll()) {
    case gdb::gdb_stub::poll_result::interrupt: m_interrupted = true; return true;
    case gdb::gdb_stub::poll_result::lost: detach(); return false;
    default: return false;
    }
}

std::string gdb_server::thread_name(unsigned thread) const
{
    return m_name + " hart " + std::to_string(thread - 1);
}

bool gdb_server::read_register(unsigned thread, unsigned regno, uint32_t& v)
{
    if (thread < 1 || thread > m_harts.size()) return false;
    hart_core& c = core(thread);
    if (regno < 32) {
        v = c.reg(regno);
        return true;
    }
    if (regno == gdb::reg_pc) {
        v = c.pc();
        return true;
    }
    if (regno >= gdb::reg_first_csr && regno < gdb::reg_first_csr + 4096)
        return c.csr_read(uint16_t(regno - gdb::reg_first_csr), v);
    return false;
}

bool gdb_server::write_register(unsigned thread, unsigned regno, uint32_t v)
{
    if (thread < 1 || thread > m_harts.size()) return false;
    hart_core& c = core(thread);
    if (regno < 32) {
        c.set_reg(regno, v);
        return true;
    }
    if (regno == gdb::reg_pc) {
        c.set_pc(v & ~1u);
        return true;
    }
    if (regno >= gdb::reg_first_csr && regno < gdb::reg_first_csr + 4096)
        return c.csr_write(uint16_t(regno - gdb::reg_first_csr), v);
    return false;
}

size_t gdb_server::read_memory(unsigned thread, uint32_t addr, uint8_t* data, size_t len)
{
    if (thread < 1 || thread > m_harts.size()) return 0;
    size_t done = 0;
    while (done < len) {
        unsigned n = m_harts[thread - 1]->debug_access(false, uint32_t(addr + done), data + done, unsigned(len - done));
        if (n == 0) break;
        done += n;
    }
    return done;
}

size_t gdb_server::write_memory(unsigned thread, uint32_t addr, const uint8_t* data, size_t len)
{
    if (thread < 1 || thread > m_harts.size()) return 0;
    std::vector<uint8_t> buf(data, data + len);
    size_t done = 0;
    while (done < len) {
        unsigned n =
            m_harts[thread - 1]->debug_access(true, uint32_t(addr + done), buf.data() + done, unsigned(len - done));
        if (n == 0) break;
        done += n;
    }
    // The write may have changed code that a hart has decoded.
    for (hart* h : m_harts) h->core().flush_decode_cache();
    return done;
}

void gdb_server::set_breakpoint(uint32_t addr, bool on)
{
    for (hart* h : m_harts) {
        if (on)
            h->core().add_breakpoint(addr);
        else
            h->core().remove_breakpoint(addr);
    }
}

} // namespace cellvp
