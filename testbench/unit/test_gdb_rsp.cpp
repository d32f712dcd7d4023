// The GDB stub's packet layer (checksums, escaping, framing, bad input) and its commands against a fake target
// over a socketpair: no SystemC, no GDB.
#include "debug/gdb_rsp.h"
#include "debug/gdb_stub.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <sys/socket.h>
#include <unistd.h>

using namespace cellvp::gdb;

namespace {

std::vector<packet_reader::event> feed_all(packet_reader& r, const std::string& bytes)
{
    std::vector<packet_reader::event> out;
    for (char c : bytes) {
        packet_reader::event e = r.feed(c);
        if (e != packet_reader::event::none) out.push_back(e);
    }
    return out;
}

// A packet whose payload is already escaped (binary data, as GDB sends it).
std::string raw_frame(const std::string& body)
{
    char sum[3];
    std::snprintf(sum, sizeof sum, "%02x", checksum(body));
    return "$" + body + "#" + sum;
}

// Two threads, 64 bytes of memory at 0x1000, registers in a map.
class fake_target : public gdb_target_if {
public:
    std::map<std::pair<unsigned, unsigned>, uint32_t> regs;
    uint8_t mem[64] = {};
    std::vector<std::pair<uint32_t, bool>> breakpoints;

    unsigned thread_count() const override { return 2; }
    std::string thread_name(unsigned t) const override { return "hart " + std::to_string(t - 1); }
    bool read_register(unsigned t, unsigned r, uint32_t& v) override
    {
        if (r > reg_pc && r != reg_first_csr + 0x300) return false;
        v = regs[{t, r}];
        return true;
    }
    bool write_register(unsigned t, unsigned r, uint32_t v) override
    {
        if (r > reg_pc) return false;
        regs[{t, r}] = v;
        return true;
    }
    size_t read_memory(unsigned, uint32_t addr, uint8_t* data, size_t len) override
    {
        size_t n = 0;
        for (; n < len && addr + n >= 0x1000 && addr + n < 0x1040; ++n) data[n] = mem[addr + n - 0x1000];
        return n;
    }
    size_t write_memory(unsigned, uint32_t addr, const uint8_t* data, size_t len) override
    {
        size_t n = 0;
        for (; n < len && addr + n >= 0x1000 && addr + n < 0x1040; ++n) mem[addr + n - 0x1000] = data[n];
        return n;
    }
    void set_breakpoint(uint32_t addr, bool on) override { breakpoints.push_back({addr, on}); }
};

// A stub connected to a socketpair: GDB's packets are written to the other end before stopped() serves them.
struct session {
    fake_target target;
    gdb_stub stub{target};
    int gdb_fd = -1;
    session()
    {
        int fds[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
        stub.attach_fd(fds[0]);
        gdb_fd = fds[1];
    }
    ~session() { ::close(gdb_fd); }
    void send(const std::string& raw) { REQUIRE(::write(gdb_fd, raw.data(), raw.size()) == ssize_t(raw.size())); }
    // The replies' payloads, acknowledgements left out.
    std::vector<std::string> replies()
    {
        std::string all;
        char buf[8192];
        for (;;) {
            ssize_t n = ::recv(gdb_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n <= 0) break;
            all.append(buf, size_t(n));
        }
        std::vector<std::string> out;
        packet_reader r;
        for (char c : all) {
            packet_reader::event e = r.feed(c);
            if (e == packet_reader::event::packet)
                out.push_back(r.payload());
            else if (e == packet_reader::event::nack)
                out.push_back("-");
        }
        return out;
    }
};

} // namespace

TEST_CASE("gdb rsp: the checksum is the byte sum modulo 256 and frames carry it in hex", "[gdb]")
{
    CHECK(checksum("") == 0);
    CHECK(checksum("OK") == uint8_t('O' + 'K'));
    CHECK(frame("OK") == "$OK#9a");
    CHECK(frame("g") == "$g#67");
}

TEST_CASE("gdb rsp: reserved bytes are escaped and unescaped", "[gdb]")
{
    std::string raw = std::string("a#b$c}d*e") + char(0);
    std::string esc = escape(raw);
    CHECK(esc.find_first_of("#$*") == std::string::npos);
    std::string back;
    REQUIRE(unescape(esc, back));
    CHECK(back == raw);
    CHECK_FALSE(unescape("ab}", back));
}

TEST_CASE("gdb rsp: the reader yields packets, acks and Ctrl-C, and rejects a bad checksum", "[gdb]")
{
    packet_reader r;
    using ev = packet_reader::event;
    CHECK(feed_all(r, "+$g#67") == std::vector<ev>{ev::ack, ev::packet});
    CHECK(r.payload() == "g");
    CHECK(feed_all(r, "$g#68") == std::vector<ev>{ev::bad_packet});
    CHECK(feed_all(r, "$g#zz") == std::vector<ev>{ev::bad_packet});
    CHECK(feed_all(r, std::string("\x03-")) == std::vector<ev>{ev::interrupt, ev::nack});
    // A packet longer than the limit is refused, not kept.
    std::string big(max_packet + 10, 'a');
    CHECK(feed_all(r, frame(big)) == std::vector<ev>{ev::bad_packet});
    // After all that the next good packet still comes through.
    CHECK(feed_all(r, frame("qC")) == std::vector<ev>{ev::packet});
    CHECK(r.payload() == "qC");
}

TEST_CASE("gdb rsp: hex fields", "[gdb]")
{
    CHECK(reg_hex(0x12345678) == "78563412");
    uint32_t v = 0;
    CHECK(parse_reg_hex("78563412", v));
    CHECK(v == 0x12345678);
    CHECK_FALSE(parse_reg_hex("7856341", v));
    CHECK_FALSE(parse_reg_hex("7856341g", v));
    uint64_t n = 0;
    CHECK(parse_number("80000000", n));
    CHECK(n == 0x80000000u);
    CHECK_FALSE(parse_number("", n));
    CHECK_FALSE(parse_number("12x", n));
}

TEST_CASE("gdb stub: registers, memory, breakpoints and threads as GDB asks for them", "[gdb]")
{
    session s;
    s.target.regs[{1, 10}] = 0x2a;
    s.target.regs[{2, 32}] = 0x80000010;
    s.send(frame("qSupported:multiprocess+") + frame("?") + frame("g") + frame("Hg2") + frame("p20") +
           frame("P20=04000080") + frame("p20") + frame("p400") + frame("M1000,4:deadbeef") + frame("m1000,4") +
           frame("m0,4") + frame("m103e,4") + raw_frame("X1004,2:}]}\x03") + frame("m1004,2") + frame("Z0,80000000,2") +
           frame("z0,80000000,2") + frame("Z2,1000,4") + frame("qfThreadInfo") + frame("qsThreadInfo") + frame("T3") +
           frame("vCont?") + frame("qXfer:features:read:target.xml:0,40") + frame("c"));
    resume_request r = s.stub.stopped(1, sig_trap);
    CHECK(r.what == resume_request::kind::resume);
    CHECK(r.threads == std::vector<resume_request::action>{resume_request::action::run, resume_request::action::run});
    std::vector<std::string> out = s.replies();
    REQUIRE(out.size() == 22);
    CHECK(out[0].find("PacketSize=") == 0);
    CHECK(out[0].find("qXfer:features:read+") != std::string::npos);
    CHECK(out[1] == "T05thread:1;");
    CHECK(out[2].size() == 33 * 8);
    CHECK(out[2].substr(10 * 8, 8) == "2a000000");
    CHECK(out[3] == "OK");
    CHECK(out[4] == "10000080"); // thread 2's pc
    CHECK(out[5] == "OK");
    CHECK(out[6] == "04000080");
    CHECK(out[7] == "E01"); // a register the target does not have
    CHECK(out[8] == "OK");
    CHECK(out[9] == "deadbeef");
    CHECK(out[10] == "E01");  // nothing there
    CHECK(out[11] == "0000"); // the part that exists
    CHECK(out[12] == "OK");
    CHECK(out[13] == "7d23"); // binary write, escaped bytes
    CHECK(out[14] == "OK");
    CHECK(out[15] == "OK");
    CHECK(out[16] == ""); // watchpoints: not supported
    CHECK(out[17] == "m1,2");
    CHECK(out[18] == "l");
    CHECK(out[19] == "E01");
    CHECK(out[20].find("vCont;c;C;s;S") == 0);
    CHECK(out[21].substr(0, 1) == "m");
    CHECK(out[21].find("<?xml") == 1);
    CHECK(s.target.breakpoints == std::vector<std::pair<uint32_t, bool>>{{0x80000000u, true}, {0x80000000u, false}});
}

TEST_CASE("gdb stub: a bad checksum gets '-', malformed commands get errors, and the stub serves on", "[gdb]")
{
    session s;
    s.send("$g#00" + frame("m") + frame("mzz,4") + frame("M1000,4:12") + frame("P1") + frame("Hgq") + frame("vCont;x") +
           frame("qXfer:features:read:other.xml:0,10") + frame("unknown") + frame("") + std::string("garbage") +
           frame("vCont;s:2;c"));
    resume_request r = s.stub.stopped(1, sig_trap);
    CHECK(r.what == resume_request::kind::resume);
    CHECK(r.threads == std::vector<resume_request::action>{resume_request::action::run, resume_request::action::step});
    std::vector<std::string> out = s.replies();
    REQUIRE(out.size() == 10);
    CHECK(out[0] == "-");
    for (int i = 1; i <= 6; ++i) CHECK(out[i].substr(0, 1) == "E");
    CHECK(out[7] == "E00");
    CHECK(out[8] == "");
    CHECK(out[9] == "");
}

TEST_CASE("gdb stub: step, detach and kill; the exit status after a resume", "[gdb]")
{
    session s;
    s.send(frame("s"));
    resume_request r = s.stub.stopped(2, sig_trap);
    CHECK(r.threads == std::vector<resume_request::action>{resume_request::action::stop, resume_request::action::step});
    s.send(frame("c80000100"));
    r = s.stub.stopped(2, sig_int);
    CHECK(s.replies() == std::vector<std::string>{"T02thread:2;"});
    CHECK(r.new_pc[1] == 0x80000100u);
    s.stub.exited(42);
    CHECK(s.replies() == std::vector<std::string>{"W2a"});
    CHECK_FALSE(s.stub.connected());

    session d;
    d.send(frame("D"));
    CHECK(d.stub.stopped(1, sig_trap).what == resume_request::kind::detach);
    CHECK(d.replies() == std::vector<std::string>{"OK"});
    session k;
    k.send(frame("k"));
    CHECK(k.stub.stopped(1, sig_trap).what == resume_request::kind::kill);
}
