// Console UART: character timing at the baud rate, TX_FULL, the log file, scripted input with its arrival
// times, the RX FIFO and its overflow, the interrupt line, reset and refused accesses.
#include "harness.h"

#include "cellvp/cell_map.h"
#include "dev/uart.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_MS;
using sc_core::sc_time;
using sc_core::SC_US;

namespace {

// A UART at 0 on a router, a tester and the interrupt line; what the UART sends is recorded with its time.
struct bench : sc_core::sc_module {
    router bus{"bus"};
    uart con;
    tlm_tester tester{"tester"};
    sc_core::sc_signal<bool> irq{"irq"};
    std::string sent;
    std::vector<sc_time> sent_at;
    bool finished = false;
    explicit bench(const uart_config& cfg = {}, sc_core::sc_module_name name = "bench")
        : sc_module(name), con("con", cfg)
    {
        bus.map(bus.attach(con.target_socket), 0, CELL_UART_SIZE, 0, "uart");
        tester.initiator_socket.bind(bus.target_socket);
        con.irq.bind(irq);
        con.on_tx = [this](char c) {
            sent += c;
            sent_at.push_back(sc_core::sc_time_stamp());
        };
    }

    // Runs `body` in the tester; afterwards checks that it ran to its end (a wait that never returned would
    // otherwise end the simulation quietly).
    void run(std::function<void(tlm_tester&)> body)
    {
        tester.body = [this, body](tlm_tester& t) {
            body(t);
            finished = true;
        };
        sc_core::sc_start();
        CHECK(finished);
    }
};

uint32_t reg(tlm_tester& t, uint64_t addr)
{
    uint32_t v = 0xdeadbeef;
    CHECK(t.read32(addr, v) == tlm::TLM_OK_RESPONSE);
    return v;
}

// Firmware's putchar: wait while TX_FULL, then write.
void put(tlm_tester& t, const std::string& s)
{
    for (char c : s) {
        while (reg(t, UART_STATUS) & UART_STATUS_TX_FULL) sc_core::wait(sc_time(1, SC_US));
        CHECK(t.write32(UART_TXDATA, uint8_t(c)) == tlm::TLM_OK_RESPONSE);
    }
}

std::string file_contents(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Waits for the line to reach `level` (after the delta cycles that carry a register write to it).
bool wait_level(const sc_core::sc_signal<bool>& s, bool level, const sc_time& timeout)
{
    if (s.read() == level) return true;
    sc_core::wait(timeout, s.value_changed_event());
    return s.read() == level;
}

} // namespace

TEST_CASE("uart: a character takes 10 bit-times at the baud rate", "[uart][timing]")
{
    bench b;
    const sc_time char_time = sc_core::sc_time::from_value(86805556); // 10 / 115200 s, to the picosecond
    CHECK(b.con.char_time() == char_time);
    b.run([&](tlm_tester& t) {
        sc_core::wait(sc_time(10, SC_US));
        CHECK(t.write32(UART_TXDATA, 'A') == tlm::TLM_OK_RESPONSE);
        CHECK(reg(t, UART_STATUS) & UART_STATUS_TX_FULL);
        sc_core::wait(char_time - sc_core::sc_time::from_value(1));
        CHECK(reg(t, UART_STATUS) & UART_STATUS_TX_FULL);
        CHECK(b.sent.empty());
        sc_core::wait(sc_core::sc_time::from_value(1));
        CHECK_FALSE(reg(t, UART_STATUS) & UART_STATUS_TX_FULL);
    });
    CHECK(b.sent == "A");
    REQUIRE(b.sent_at.size() == 1);
    CHECK(b.sent_at[0] == sc_time(10, SC_US) + char_time);
}

TEST_CASE("uart: an initiator running ahead of SystemC sends and receives at its local time", "[uart][timing]")
{
    bench b;
    b.con.push_input("r", sc_time(20, SC_US));
    auto access = [](tlm_tester& t, tlm::tlm_command cmd, uint64_t addr, uint32_t& v, const sc_time& ahead) {
        tlm::tlm_generic_payload p;
        p.set_command(cmd);
        p.set_address(addr);
        p.set_data_ptr(reinterpret_cast<uint8_t*>(&v));
        p.set_data_length(4);
        p.set_streaming_width(4);
        sc_time delay = ahead;
        t.initiator_socket->b_transport(p, delay);
        CHECK(p.get_response_status() == tlm::TLM_OK_RESPONSE);
    };
    b.run([&](tlm_tester& t) {
        // A hart whose local time runs from 5 us on while SystemC stays at 0 (within its quantum).
        uint32_t v = 'T';
        access(t, tlm::TLM_WRITE_COMMAND, UART_TXDATA, v, sc_time(5, SC_US));
        // At local time 20 us the input has arrived, although SystemC has not reached 20 us.
        access(t, tlm::TLM_READ_COMMAND, UART_RXDATA, v, sc_time(19, SC_US));
        CHECK(v == UART_RXDATA_EMPTY);
        access(t, tlm::TLM_READ_COMMAND, UART_RXDATA, v, sc_time(20, SC_US));
        CHECK(v == 'r');
        const sc_time sent = sc_time(5, SC_US) + b.con.char_time();
        access(t, tlm::TLM_READ_COMMAND, UART_STATUS, v, sent - sc_core::sc_time::from_value(1));
        CHECK(v == UART_STATUS_TX_FULL);
        access(t, tlm::TLM_READ_COMMAND, UART_STATUS, v, sent);
        CHECK(v == 0);
        CHECK(sc_core::sc_time_stamp() == sc_core::SC_ZERO_TIME);
    });
    REQUIRE(b.sent_at.size() == 1);
    CHECK(b.sent_at[0] == sc_time(5, SC_US) + b.con.char_time());
}

TEST_CASE("uart: a slower baud rate stretches every character", "[uart][timing]")
{
    uart_config cfg;
    cfg.baud = 9600;
    bench b(cfg);
    CHECK(b.con.char_time() == sc_core::sc_time::from_value(1041666667)); // 10 / 9600 s
    b.run([](tlm_tester& t) { put(t, "abc"); });
    CHECK(b.sent == "abc");
    REQUIRE(b.sent_at.size() == 3);
    // The putchar loop polls every microsecond, so each character starts within 1 us of the previous end.
    CHECK(b.sent_at[1] - b.sent_at[0] >= b.con.char_time());
    CHECK(b.sent_at[1] - b.sent_at[0] <= b.con.char_time() + sc_time(1, SC_US));
}

TEST_CASE("uart: a character written while TX_FULL is dropped and counted", "[uart]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(UART_TXDATA, 'a') == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(UART_TXDATA, 'b') == tlm::TLM_OK_RESPONSE);
        sc_core::wait(b.con.char_time());
        CHECK(t.write32(UART_TXDATA, 'c') == tlm::TLM_OK_RESPONSE);
    });
    CHECK(b.sent == "ac");
    CHECK(b.con.tx_dropped() == 1);
}

TEST_CASE("uart: the log file holds what the firmware printed", "[uart][log]")
{
    const std::string path =
        (std::filesystem::temp_directory_path() / ("cellvp-uart-" + std::to_string(::getpid()) + ".log")).string();
    {
        std::ofstream old(path);
        old << "a previous run\n";
    }
    {
        uart_config cfg;
        cfg.log_path = path;
        bench b(cfg);
        std::string at_newline, before_newline;
        b.run([&](tlm_tester& t) {
            put(t, "boot: cell 3\nmenu");
            sc_core::wait(b.con.char_time());
            before_newline = file_contents(path); // "menu" has no newline yet: still buffered
            put(t, "\n");
            sc_core::wait(b.con.char_time());
            at_newline = file_contents(path);
        });
        CHECK(before_newline == "boot: cell 3\n");
        CHECK(at_newline == "boot: cell 3\nmenu\n");
        CHECK(b.sent == "boot: cell 3\nmenu\n");
    }
    CHECK(file_contents(path) == "boot: cell 3\nmenu\n");
    std::remove(path.c_str());
}

TEST_CASE("uart: a log file that cannot be created is an error naming it", "[uart][log]")
{
    uart_config cfg;
    cfg.log_path = "/nonexistent-dir/cell.log";
    CHECK_THROWS_WITH(uart("con", cfg), Catch::Matchers::Contains("/nonexistent-dir/cell.log"));
}

TEST_CASE("uart: scripted input arrives at its time and raises the interrupt", "[uart][rx]")
{
    bench b;
    b.con.push_input("ok", sc_time(2, SC_MS));
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(UART_IRQ_EN, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(b.irq.posedge_event());
        CHECK(sc_core::sc_time_stamp() == sc_time(2, SC_MS));
        CHECK(reg(t, UART_STATUS) == UART_STATUS_RX_READY);
        CHECK(reg(t, UART_RXDATA) == 'o');
        CHECK(wait_level(b.irq, false, sc_time(1, SC_US))); // nothing waits until the next character
        CHECK(reg(t, UART_RXDATA) == UART_RXDATA_EMPTY);
        sc_core::wait(b.irq.posedge_event());
        CHECK(sc_core::sc_time_stamp() == sc_time(2, SC_MS) + b.con.char_time());
        CHECK(reg(t, UART_RXDATA) == 'k');
        CHECK(reg(t, UART_STATUS) == 0);
    });
}

TEST_CASE("uart: input queued while earlier input is still arriving follows it on the line", "[uart][rx]")
{
    bench b;
    b.con.push_input("ab", sc_time(1, SC_MS));
    b.con.push_input("c", sc_time(1, SC_MS)); // the line is busy with "ab" then
    b.run([&](tlm_tester& t) {
        sc_core::wait(sc_time(1, SC_MS) + b.con.char_time() * 2 - sc_core::sc_time::from_value(1));
        CHECK(reg(t, UART_RXDATA) == 'a');
        CHECK(reg(t, UART_RXDATA) == 'b');
        CHECK(reg(t, UART_RXDATA) == UART_RXDATA_EMPTY);
        sc_core::wait(sc_core::sc_time::from_value(1));
        CHECK(reg(t, UART_RXDATA) == 'c');
    });
}

TEST_CASE("uart: the interrupt needs IRQ_EN and follows a waiting byte", "[uart][rx]")
{
    bench b;
    b.con.push_input("x", sc_time(1, SC_MS));
    b.run([&](tlm_tester& t) {
        sc_core::wait(sc_time(2, SC_MS));
        CHECK(reg(t, UART_STATUS) & UART_STATUS_RX_READY);
        CHECK_FALSE(b.irq.read());
        CHECK(t.write32(UART_IRQ_EN, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(wait_level(b.irq, true, sc_time(1, SC_US)));
        CHECK(t.write32(UART_IRQ_EN, 0) == tlm::TLM_OK_RESPONSE);
        CHECK(wait_level(b.irq, false, sc_time(1, SC_US)));
        CHECK(reg(t, UART_IRQ_EN) == 0);
        CHECK(reg(t, UART_RXDATA) == 'x');
    });
}

TEST_CASE("uart: input beyond the 16-byte FIFO is dropped and counted", "[uart][rx]")
{
    bench b;
    b.con.push_input("0123456789abcdefXYZ", sc_time(1, SC_MS));
    b.run([&](tlm_tester& t) {
        sc_core::wait(sc_time(10, SC_MS));
        std::string got;
        for (uint32_t v; !((v = reg(t, UART_RXDATA)) & UART_RXDATA_EMPTY);) got += char(v);
        CHECK(got == "0123456789abcdef");
    });
    CHECK(b.con.rx_dropped() == 3);
}

TEST_CASE("uart: a byte fed from the host terminal is received at once", "[uart][rx]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(UART_IRQ_EN, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(5, SC_US));
        b.con.feed('q');
        CHECK(reg(t, UART_STATUS) & UART_STATUS_RX_READY);
        CHECK(wait_level(b.irq, true, sc_time(1, SC_US)));
        CHECK(sc_core::sc_time_stamp() == sc_time(5, SC_US));
        CHECK(reg(t, UART_RXDATA) == 'q');
    });
}

TEST_CASE("uart: reset empties the FIFO, clears IRQ_EN and abandons the character being sent", "[uart]")
{
    bench b;
    b.con.push_input("zz", sc_time(1, SC_MS));
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(UART_IRQ_EN, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(2, SC_MS));
        CHECK(b.irq.read());
        CHECK(t.write32(UART_TXDATA, 'x') == tlm::TLM_OK_RESPONSE);
        b.con.reset();
        CHECK(reg(t, UART_STATUS) == 0);
        CHECK(reg(t, UART_IRQ_EN) == 0);
        CHECK(reg(t, UART_RXDATA) == UART_RXDATA_EMPTY);
        CHECK(wait_level(b.irq, false, sc_time(1, SC_US)));
        sc_core::wait(sc_time(1, SC_MS));
        put(t, "y");
    });
    CHECK(b.sent == "y");
}

TEST_CASE("uart: accesses of a wrong size, misaligned, to holes or with byte enables are refused", "[uart]")
{
    bench b;
    b.run([](tlm_tester& t) {
        uint8_t c = 'x';
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, UART_TXDATA, &c, 1) == tlm::TLM_BURST_ERROR_RESPONSE);
        uint64_t d = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, UART_TXDATA, &d, 8) == tlm::TLM_BURST_ERROR_RESPONSE);
        uint32_t v = 0;
        CHECK(t.read32(UART_STATUS + 2, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(0x10, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(CELL_UART_SIZE - 4, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        const uint8_t be[4] = {0xff, 0, 0, 0};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, UART_TXDATA, &v, 4, nullptr, be) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    });
    CHECK(b.sent.empty());
}

TEST_CASE("uart: a debug read peeks at RXDATA without taking the byte", "[uart]")
{
    bench b;
    b.con.feed('p');
    b.run([](tlm_tester& t) {
        uint32_t v = 0;
        tlm::tlm_generic_payload dbg;
        dbg.set_command(tlm::TLM_READ_COMMAND);
        dbg.set_address(UART_RXDATA);
        dbg.set_data_ptr(reinterpret_cast<uint8_t*>(&v));
        dbg.set_data_length(4);
        CHECK(t.initiator_socket->transport_dbg(dbg) == 4);
        CHECK(v == 'p');
        CHECK(reg(t, UART_RXDATA) == 'p');
        CHECK(reg(t, UART_RXDATA) == UART_RXDATA_EMPTY);
    });
}
