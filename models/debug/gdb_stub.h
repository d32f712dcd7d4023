// A GDB remote stub for RV32 harts: the protocol's commands over a TCP connection, against an abstract target
// (gdb_target_if), so that it knows nothing of SystemC. All-stop mode: the target calls stopped() when a hart
// stops, and the stub serves GDB's packets until GDB resumes, detaches or kills; while the target runs, it
// calls poll() now and then to see a Ctrl-C. Threads are harts: thread id = hart index + 1.
//
// Registers: x0..x31 are 0..31, pc 32, and CSR n is 65 + n (GDB's own RISC-V numbering), described to GDB by a
// target description (target.xml: riscv:rv32, the cpu feature and the CSRs the hart has). Not supported:
// watchpoints, non-stop mode, the extended-remote commands (run, attach), no-ack mode, file I/O.
#pragma once

#include "debug/gdb_rsp.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cellvp::gdb {

class gdb_target_if {
public:
    virtual ~gdb_target_if() = default;
    virtual unsigned thread_count() const = 0;
    virtual std::string thread_name(unsigned thread) const = 0; // shown by `info threads`
    virtual bool read_register(unsigned thread, unsigned regno, uint32_t& v) = 0;
    virtual bool write_register(unsigned thread, unsigned regno, uint32_t v) = 0;
    // Memory as the thread sees it: the number of bytes done from the start (fewer where nothing answers).
    virtual size_t read_memory(unsigned thread, uint32_t addr, uint8_t* data, size_t len) = 0;
    virtual size_t write_memory(unsigned thread, uint32_t addr, const uint8_t* data, size_t len) = 0;
    // Software breakpoints, for every thread.
    virtual void set_breakpoint(uint32_t addr, bool on) = 0;
};

// Register numbers (GDB's RISC-V numbering).
constexpr unsigned reg_pc = 32;
constexpr unsigned reg_first_csr = 65;
constexpr int sig_int = 2, sig_trap = 5;

// What GDB asked for when it let the target go.
struct resume_request {
    enum class kind { resume, detach, kill } what = kind::resume;
    enum class action { stop, step, run };
    std::vector<action> threads;  // by thread - 1: resume only
    std::vector<uint32_t> new_pc; // by thread - 1: resume at this pc when not ~0u (c ADDR, s ADDR)
};

class gdb_stub {
public:
    explicit gdb_stub(gdb_target_if& target) : m_target(target) {}
    ~gdb_stub();
    gdb_stub(const gdb_stub&) = delete;
    gdb_stub& operator=(const gdb_stub&) = delete;

    // Listens on 127.0.0.1:port (0: any free port; port() then says which). False with a message on error.
    bool listen(uint16_t port, std::string& error);
    uint16_t port() const { return m_port; }
    // Waits for GDB to connect.
    bool accept(std::string& error);
    // Uses an already connected socket (tests: one end of a socketpair); the stub owns it from now on.
    void attach_fd(int fd) { m_fd = fd; }
    bool connected() const { return m_fd >= 0; }

    // A thread stopped with a signal: tells GDB (unless this is the first stop: GDB asks for it with '?')
    // and serves packets until GDB resumes the target. A lost connection reads as a detach.
    resume_request stopped(unsigned thread, int signal);

    enum class poll_result { nothing, interrupt, lost };
    // Without blocking: did GDB send a Ctrl-C (or go away) while the target runs?
    poll_result poll();

    // The program ended while GDB waited for it: W (exit code) then the connection closes.
    void exited(int code);
    void close();

private:
    bool send_packet(const std::string& payload);
    // Next event from GDB, blocking; false when the connection is gone.
    bool next_event(packet_reader::event& ev);
    // One packet; returns true when it resumes the target (request filled in).
    bool handle(const std::string& p, resume_request& request);
    std::string read_registers(unsigned thread);
    bool write_registers(unsigned thread, const std::string& hex);
    std::string read_memory(const std::string& args);
    bool write_memory(const std::string& args, bool binary);
    std::string target_xml() const;
    bool parse_thread(const std::string& s, int& thread) const;
    bool parse_vcont(const std::string& p, resume_request& request);
    resume_request resume_all(resume_request::action a, unsigned thread, const std::string& addr, bool& ok);
    unsigned general_thread() const { return m_g_thread > 0 ? unsigned(m_g_thread) : m_stop_thread; }

    gdb_target_if& m_target;
    int m_listen_fd = -1;
    int m_fd = -1;
    uint16_t m_port = 0;
    packet_reader m_reader;
    std::string m_inbuf; // bytes received and not fed yet
    size_t m_inpos = 0;
    std::string m_last_sent;
    std::string m_last_stop = "S05";
    bool m_waiting = false; // GDB waits for a stop reply
    unsigned m_stop_thread = 1;
    int m_g_thread = 0;  // Hg: 0 (any) or a thread
    int m_c_thread = -1; // Hc: -1 (all), 0 (any) or a thread
    unsigned m_poll_count = 0;
};

} // namespace cellvp::gdb
