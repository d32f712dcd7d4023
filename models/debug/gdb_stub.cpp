// A GDB remote stub for RV32 harts: see gdb_stub.h.
#include "debug/gdb_stub.h"

#include "hart/hart_core.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cellvp::gdb {

namespace {

// The CSRs the hart has (hart_core::csr_read), as GDB names them.
struct csr_name {
    const char* name;
    uint16_t number;
};
constexpr csr_name target_csrs[] = {
    {"mstatus", csr::mstatus},     {"misa", csr::misa},         {"mie", csr::mie},
    {"mtvec", csr::mtvec},         {"mscratch", csr::mscratch}, {"mepc", csr::mepc},
    {"mcause", csr::mcause},       {"mtval", csr::mtval},       {"mip", csr::mip},
    {"mcycle", csr::mcycle},       {"minstret", csr::minstret}, {"mcycleh", csr::mcycleh},
    {"minstreth", csr::minstreth}, {"cycle", csr::cycle},       {"time", csr::time},
    {"instret", csr::instret},     {"cycleh", csr::cycleh},     {"timeh", csr::timeh},
    {"instreth", csr::instreth},   {"mhartid", csr::mhartid},
};

const char* const x_names[32] = {"zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "fp", "s1", "a0",
                                 "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
                                 "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

bool starts_with(const std::string& s, const char* prefix)
{
    return s.rfind(prefix, 0) == 0;
}

// "ADDR,LEN" (then optionally ':' and the rest).
bool parse_addr_len(const std::string& args, uint64_t& addr, uint64_t& len, std::string* rest = nullptr)
{
    size_t comma = args.find(',');
    if (comma == std::string::npos) return false;
    size_t colon = args.find(':', comma);
    if ((colon == std::string::npos) != (rest == nullptr)) return false;
    if (!parse_number(args.substr(0, comma), addr)) return false;
    if (!parse_number(args.substr(comma + 1, colon == std::string::npos ? std::string::npos : colon - comma - 1), len))
        return false;
    if (rest) *rest = args.substr(colon + 1);
    return addr <= 0xffffffffull && len <= 0x100000000ull - addr;
}

std::string hex_number(uint64_t v)
{
    char b[24];
    std::snprintf(b, sizeof b, "%llx", (unsigned long long)v);
    return b;
}

} // namespace

gdb_stub::~gdb_stub()
{
    close();
    if (m_listen_fd >= 0) ::close(m_listen_fd);
}

bool gdb_stub::listen(uint16_t port, std::string& error)
{
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listen_fd < 0) {
        error = std::string("cannot create a socket: ") + std::strerror(errno);
        return false;
    }
    int one = 1;
    ::setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(m_listen_fd, 1) != 0) {
        error = "cannot listen for GDB on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno);
        ::close(m_listen_fd);
        m_listen_fd = -1;
        return false;
    }
    socklen_t len = sizeof a;
    ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&a), &len);
    m_port = ntohs(a.sin_port);
    return true;
}

bool gdb_stub::accept(std::string& error)
{
    for (;;) {
        int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            m_fd = fd;
            // One debugger at a time: nobody else may connect.
            ::close(m_listen_fd);
            m_listen_fd = -1;
            return true;
        }
        if (errno != EINTR) {
            error = std::string("waiting for GDB: ") + std::strerror(errno);
            return false;
        }
    }
}

void gdb_stub::close()
{
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    m_waiting = false;
}

bool gdb_stub::send_packet(const std::string& payload)
{
    m_last_sent = frame(payload);
    const char* p = m_last_sent.data();
    size_t left = m_last_sent.size();
    while (left && m_fd >= 0) {
        ssize_t n = ::send(m_fd, p, left, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close();
            return false;
        }
        p += n;
        left -= size_t(n);
    }
    return m_fd >= 0;
}

bool gdb_stub::next_event(packet_reader::event& ev)
{
    for (;;) {
        while (m_inpos < m_inbuf.size()) {
            ev = m_reader.feed(m_inbuf[m_inpos++]);
            if (ev != packet_reader::event::none) return true;
        }
        if (m_fd < 0) return false;
        char buf[4096];
        ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close();
            return false;
        }
        m_inbuf.assign(buf, size_t(n));
        m_inpos = 0;
    }
}

gdb_stub::poll_result gdb_stub::poll()
{
    if (m_fd < 0) return poll_result::nothing;
    // A system call every time the target synchronises would cost more than the run itself: look now and then.
    if (++m_poll_count % 16 != 0) return poll_result::nothing;
    for (;;) {
        while (m_inpos < m_inbuf.size())
            if (m_reader.feed(m_inbuf[m_inpos++]) == packet_reader::event::interrupt) return poll_result::interrupt;
        char buf[256];
        ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return poll_result::nothing;
        if (n <= 0) {
            close();
            return poll_result::lost;
        }
        m_inbuf.assign(buf, size_t(n));
        m_inpos = 0;
    }
}

void gdb_stub::exited(int code)
{
    if (m_fd >= 0 && m_waiting) {
        char b[8];
        std::snprintf(b, sizeof b, "W%02x", unsigned(code) & 0xff);
        send_packet(b);
    }
    close();
}

resume_request gdb_stub::stopped(unsigned thread, int signal)
{
    m_stop_thread = thread;
    char b[32];
    std::snprintf(b, sizeof b, "T%02xthread:%x;", unsigned(signal) & 0xff, thread);
    m_last_stop = b;
    if (m_waiting) {
        m_waiting = false;
        send_packet(m_last_stop);
    }
    resume_request request;
    for (;;) {
        packet_reader::event ev;
        if (!next_event(ev)) {
            request.what = resume_request::kind::detach;
            return request;
        }
        switch (ev) {
        case packet_reader::event::packet:
            if (::send(m_fd, "+", 1, MSG_NOSIGNAL) != 1) break;
            if (handle(m_reader.payload(), request)) {
                if (request.what == resume_request::kind::resume)
                    m_waiting = true;
                else
                    close();
                return request;
            }
            break;
        case packet_reader::event::bad_packet: ::send(m_fd, "-", 1, MSG_NOSIGNAL); break;
        case packet_reader::event::nack:
            if (!m_last_sent.empty()) ::send(m_fd, m_last_sent.data(), m_last_sent.size(), MSG_NOSIGNAL);
            break;
        default: break; // acknowledgements; a Ctrl-C while stopped changes nothing
        }
    }
}

bool gdb_stub::parse_thread(const std::string& s, int& thread) const
{
    if (s == "-1") {
        thread = -1;
        return true;
    }
    uint64_t v;
    if (!parse_number(s, v) || v > m_target.thread_count()) return false;
    thread = int(v);
    return true;
}

std::string gdb_stub::read_registers(unsigned thread)
{
    std::string out;
    for (unsigned r = 0; r <= reg_pc; ++r) {
        uint32_t v;
        out += m_target.read_register(thread, r, v) ? reg_hex(v) : "xxxxxxxx";
    }
    return out;
}

bool gdb_stub::write_registers(unsigned thread, const std::string& hex)
{
    if (hex.size() < 8 * (reg_pc + 1)) return false;
    uint32_t v[reg_pc + 1];
    for (unsigned r = 0; r <= reg_pc; ++r)
        if (!parse_reg_hex(std::string_view(hex).substr(8 * r, 8), v[r])) return false;
    for (unsigned r = 1; r <= reg_pc; ++r) m_target.write_register(thread, r, v[r]);
    return true;
}

std::string gdb_stub::read_memory(const std::string& args)
{
    uint64_t addr, len;
    if (!parse_addr_len(args, addr, len)) return "E01";
    len = std::min<uint64_t>(len, max_packet / 2);
    std::vector<uint8_t> data(len);
    size_t n = len ? m_target.read_memory(general_thread(), uint32_t(addr), data.data(), len) : 0;
    if (n == 0 && len) return "E01";
    return to_hex(data.data(), n);
}

bool gdb_stub::write_memory(const std::string& args, bool binary)
{
    uint64_t addr, len;
    std::string rest;
    if (!parse_addr_len(args, addr, len, &rest)) return false;
    std::vector<uint8_t> data;
    if (binary) {
        std::string raw;
        if (!unescape(rest, raw)) return false;
        data.assign(raw.begin(), raw.end());
    } else if (!from_hex(rest, data)) {
        return false;
    }
    if (data.size() != len) return false;
    return len == 0 || m_target.write_memory(general_thread(), uint32_t(addr), data.data(), len) == len;
}

std::string gdb_stub::target_xml() const
{
    std::string x = "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n"
                    "<architecture>riscv:rv32</architecture>\n<feature name=\"org.gnu.gdb.riscv.cpu\">\n";
    for (unsigned i = 0; i < 32; ++i) {
        const char* type = i == 1 ? "code_ptr" : (i >= 2 && i <= 4) || i == 8 ? "data_ptr" : "int";
        x += std::string("<reg name=\"") + x_names[i] + "\" bitsize=\"32\" type=\"" + type + "\" regnum=\"" +
             std::to_string(i) + "\"/>\n";
    }
    x += "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"32\"/>\n</feature>\n"
         "<feature name=\"org.gnu.gdb.riscv.csr\">\n";
    for (const csr_name& c : target_csrs)
        x += std::string("<reg name=\"") + c.name + "\" bitsize=\"32\" type=\"int\" regnum=\"" +
             std::to_string(reg_first_csr + c.number) + "\"/>\n";
    x += "</feature>\n</target>\n";
    return x;
}

resume_request gdb_stub::resume_all(resume_request::action a, unsigned thread, const std::string& addr, bool& ok)
{
    resume_request r;
    unsigned n = m_target.thread_count();
    // `c` lets every thread run; `s` steps one and keeps the others stopped.
    r.threads.assign(n, a == resume_request::action::run ? a : resume_request::action::stop);
    r.new_pc.assign(n, ~0u);
    r.threads[thread - 1] = a;
    ok = true;
    if (!addr.empty()) {
        uint64_t pc;
        ok = parse_number(addr, pc) && pc <= 0xffffffffull;
        if (ok) r.new_pc[thread - 1] = uint32_t(pc);
    }
    return r;
}

bool gdb_stub::parse_vcont(const std::string& p, resume_request& request)
{
    unsigned n = m_target.thread_count();
    std::vector<int> act(n, -1); // -1: not given yet
    size_t pos = 6;              // after "vCont;"
    while (pos <= p.size()) {
        size_t end = p.find(';', pos);
        std::string item = p.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? p.size() + 1 : end + 1;
        if (item.empty()) return false;
        size_t colon = item.find(':');
        std::string a = item.substr(0, colon);
        int kind;
        if (a == "c" || (a.size() == 3 && a[0] == 'C'))
            kind = int(resume_request::action::run);
        else if (a == "s" || (a.size() == 3 && a[0] == 'S'))
            kind = int(resume_request::action::step);
        else if (a == "t")
            kind = int(resume_request::action::stop);
        else
            return false;
        int thread = -1;
        if (colon != std::string::npos && !parse_thread(item.substr(colon + 1), thread)) return false;
        // The leftmost action that names a thread is the one it takes.
        for (unsigned i = 0; i < n; ++i)
            if (act[i] < 0 && (thread <= 0 || unsigned(thread) == i + 1)) act[i] = kind;
    }
    request = resume_request{};
    for (unsigned i = 0; i < n; ++i)
        request.threads.push_back(act[i] < 0 ? resume_request::action::stop : resume_request::action(act[i]));
    request.new_pc.assign(n, ~0u);
    return true;
}

bool gdb_stub::handle(const std::string& p, resume_request& request)
{
    if (p.empty()) {
        send_packet("");
        return false;
    }
    std::string args = p.substr(1);
    switch (p[0]) {
    case '?': send_packet(m_last_stop); return false;
    case 'g': send_packet(read_registers(general_thread())); return false;
    case 'G': send_packet(write_registers(general_thread(), args) ? "OK" : "E01"); return false;
    case 'p': {
        uint64_t r;
        uint32_t v;
        bool ok = parse_number(args, r) && r < 0x10000 && m_target.read_register(general_thread(), unsigned(r), v);
        send_packet(ok ? reg_hex(v) : "E01");
        return false;
    }
    case 'P': {
        size_t eq = args.find('=');
        uint64_t r;
        uint32_t v;
        bool ok = eq != std::string::npos && parse_number(args.substr(0, eq), r) && r < 0x10000 &&
                  parse_reg_hex(args.substr(eq + 1), v) && m_target.write_register(general_thread(), unsigned(r), v);
        send_packet(ok ? "OK" : "E01");
        return false;
    }
    case 'm': send_packet(read_memory(args)); return false;
    case 'M': send_packet(write_memory(args, false) ? "OK" : "E01"); return false;
    case 'X': send_packet(write_memory(args, true) ? "OK" : "E01"); return false;
    case 'Z':
    case 'z': {
        // Z0 (software) and Z1 (hardware) breakpoints are the same here; watchpoints are not supported.
        if (args.size() < 2 || (args[0] != '0' && args[0] != '1') || args[1] != ',') {
            send_packet("");
            return false;
        }
        std::string rest = args.substr(2);
        size_t comma = rest.find(',');
        uint64_t addr;
        if (comma == std::string::npos || !parse_number(rest.substr(0, comma), addr) || addr > 0xffffffffull) {
            send_packet("E01");
            return false;
        }
        m_target.set_breakpoint(uint32_t(addr), p[0] == 'Z');
        send_packet("OK");
        return false;
    }
    case 'H': {
        int t;
        if (args.size() < 2 || (args[0] != 'g' && args[0] != 'c') || !parse_thread(args.substr(1), t)) {
            send_packet("E01");
            return false;
        }
        (args[0] == 'g' ? m_g_thread : m_c_thread) = t;
        if (m_g_thread < 0) m_g_thread = 0; // "all threads" for registers means any
        send_packet("OK");
        return false;
    }
    case 'T': {
        int t;
        send_packet(parse_thread(args, t) && t > 0 ? "OK" : "E01");
        return false;
    }
    case 'c':
    case 's':
    case 'C':
    case 'S': {
        std::string addr = args;
        if (p[0] == 'C' || p[0] == 'S') { // signal (ignored: harts have none) then ;ADDR
            size_t semi = args.find(';');
            addr = semi == std::string::npos ? "" : args.substr(semi + 1);
        }
        unsigned thread = m_c_thread > 0 ? unsigned(m_c_thread) : general_thread();
        bool ok;
        auto a = (p[0] == 'c' || p[0] == 'C') ? resume_request::action::run : resume_request::action::step;
        resume_request r = resume_all(a, thread, addr, ok);
        if (!ok) {
            send_packet("E01");
            return false;
        }
        request = r;
        return true;
    }
    case 'D':
        send_packet("OK");
        request.what = resume_request::kind::detach;
        return true;
    case 'k': request.what = resume_request::kind::kill; return true;
    case 'v':
        if (p == "vCont?") {
            send_packet("vCont;c;C;s;S;t");
        } else if (starts_with(p, "vCont;")) {
            if (parse_vcont(p, request)) return true;
            send_packet("E01");
        } else if (starts_with(p, "vKill")) {
            send_packet("OK");
            request.what = resume_request::kind::kill;
            return true;
        } else {
            send_packet(""); // vMustReplyEmpty and everything else: not supported
        }
        return false;
    case 'q':
        if (starts_with(p, "qSupported")) {
            send_packet("PacketSize=" + hex_number(max_packet) + ";qXfer:features:read+");
        } else if (p == "qAttached" || starts_with(p, "qAttached:")) {
            send_packet("1");
        } else if (p == "qC") {
            send_packet("QC" + hex_number(m_stop_thread));
        } else if (p == "qfThreadInfo") {
            std::string s = "m";
            for (unsigned t = 1; t <= m_target.thread_count(); ++t) s += (t > 1 ? "," : "") + hex_number(t);
            send_packet(s);
        } else if (p == "qsThreadInfo") {
            send_packet("l");
        } else if (starts_with(p, "qThreadExtraInfo,")) {
            int t;
            send_packet(parse_thread(p.substr(17), t) && t > 0 ? to_hex(m_target.thread_name(unsigned(t))) : "E01");
        } else if (starts_with(p, "qXfer:features:read:")) {
            std::string rest = p.substr(20);
            size_t colon = rest.find(':');
            uint64_t off, len;
            if (colon == std::string::npos || rest.substr(0, colon) != "target.xml") {
                send_packet("E00");
            } else if (!parse_addr_len(rest.substr(colon + 1), off, len)) {
                send_packet("E01");
            } else {
                std::string xml = target_xml();
                if (off >= xml.size()) {
                    send_packet("l");
                } else {
                    std::string part = xml.substr(off, std::min<uint64_t>(len, max_packet - 16));
                    send_packet((off + part.size() < xml.size() ? "m" : "l") + part);
                }
            }
        } else if (starts_with(p, "qSymbol")) {
            send_packet("OK");
        } else {
            send_packet(""); // qOffsets, qTStatus, ...: not supported
        }
        return false;
    default: send_packet(""); return false;
    }
}

} // namespace cellvp::gdb
