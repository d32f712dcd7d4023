// Interrupt controller: sources reach the harts that enabled them, PENDING follows the levels, reset,
// refused accesses; and the UART and the watchdog reaching a hart through it.
#include "harness.h"

#include "cellvp/cell_map.h"
#include "dev/cell_ctl.h"
#include "dev/intc.h"
#include "dev/uart.h"

#include <catch2/catch.hpp>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::sc_time;
using sc_core::SC_US;

namespace {

// An interrupt controller for three harts at 0 on a router; the tester drives the sources.
struct bench : sc_core::sc_module {
    router bus{"bus"};
    intc ic{"ic", 3};
    tlm_tester tester{"tester"};
    sc_core::sc_vector<sc_core::sc_signal<bool>> src{"src", CELL_IRQ_COUNT};
    sc_core::sc_vector<sc_core::sc_signal<bool>> meip{"meip", 3};
    explicit bench(sc_core::sc_module_name name = "bench") : sc_module(name)
    {
        bus.map(bus.attach(ic.target_socket), 0, CELL_INTC_SIZE, 0, "intc");
        tester.initiator_socket.bind(bus.target_socket);
        ic.source.bind(src);
        ic.meip.bind(meip);
    }

    // Runs `body` in the tester; afterwards checks that it ran to its end (a wait that never returned would
    // otherwise end the simulation quietly).
    void run(std::function<void(tlm_tester&)> body)
    {
        bool finished = false;
        tester.body = [&finished, body](tlm_tester& t) {
            body(t);
            finished = true;
        };
        sc_core::sc_start();
        CHECK(finished);
    }
};

// Lets a signal write and the controller's update settle (a few delta cycles, no time).
void settle()
{
    for (int i = 0; i < 3; ++i) sc_core::wait(sc_core::SC_ZERO_TIME);
}

uint32_t reg(tlm_tester& t, uint64_t addr)
{
    uint32_t v = 0xdeadbeef;
    CHECK(t.read32(addr, v) == tlm::TLM_OK_RESPONSE);
    return v;
}

} // namespace

TEST_CASE("intc: a source reaches only the harts that enabled it", "[intc]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(INTC_ENABLE(0), 1u << CELL_IRQ_UART) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(INTC_ENABLE(2), (1u << CELL_IRQ_UART) | (1u << CELL_IRQ_WDT)) == tlm::TLM_OK_RESPONSE);
        b.src[CELL_IRQ_WDT].write(true);
        settle();
        CHECK_FALSE(b.meip[0].read());
        CHECK_FALSE(b.meip[1].read());
        CHECK(b.meip[2].read());
        b.src[CELL_IRQ_UART].write(true);
        settle();
        CHECK(b.meip[0].read());
        CHECK_FALSE(b.meip[1].read());
        CHECK(b.meip[2].read());
    });
}

TEST_CASE("intc: a hart's line falls when its sources drop or are disabled", "[intc]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(INTC_ENABLE(1), (1u << CELL_IRQ_MBOX) | (1u << CELL_IRQ_FLASH)) == tlm::TLM_OK_RESPONSE);
        b.src[CELL_IRQ_MBOX].write(true);
        b.src[CELL_IRQ_FLASH].write(true);
        settle();
        CHECK(b.meip[1].read());
        b.src[CELL_IRQ_MBOX].write(false); // the device's cause was acknowledged
        settle();
        CHECK(b.meip[1].read()); // the flash still asks
        CHECK(t.write32(INTC_ENABLE(1), 1u << CELL_IRQ_MBOX) == tlm::TLM_OK_RESPONSE);
        settle();
        CHECK_FALSE(b.meip[1].read());
    });
}

TEST_CASE("intc: PENDING shows the level of every source and ignores writes", "[intc]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(reg(t, INTC_PENDING) == 0);
        b.src[CELL_IRQ_FABRIC].write(true);
        b.src[CELL_IRQ_UART].write(true);
        settle();
        CHECK(reg(t, INTC_PENDING) == ((1u << CELL_IRQ_FABRIC) | (1u << CELL_IRQ_UART)));
        CHECK(t.write32(INTC_PENDING, 0) == tlm::TLM_OK_RESPONSE);
        CHECK(reg(t, INTC_PENDING) == ((1u << CELL_IRQ_FABRIC) | (1u << CELL_IRQ_UART)));
        b.src[CELL_IRQ_UART].write(false);
        settle();
        CHECK(reg(t, INTC_PENDING) == (1u << CELL_IRQ_FABRIC));
    });
}

TEST_CASE("intc: ENABLE keeps only the bits of existing sources", "[intc]")
{
    bench b;
    b.run([](tlm_tester& t) {
        CHECK(t.write32(INTC_ENABLE(0), 0xffffffff) == tlm::TLM_OK_RESPONSE);
        CHECK(reg(t, INTC_ENABLE(0)) == (1u << CELL_IRQ_COUNT) - 1);
        CHECK(reg(t, INTC_ENABLE(1)) == 0);
    });
}

TEST_CASE("intc: an enable write takes effect at the writer's local time", "[intc]")
{
    bench b;
    sc_time rose;
    b.run([&](tlm_tester& t) {
        b.src[CELL_IRQ_UART].write(true);
        settle();
        // An initiator running 3 us ahead of SystemC (a hart within its quantum).
        uint32_t v = 1u << CELL_IRQ_UART;
        tlm::tlm_generic_payload p;
        p.set_command(tlm::TLM_WRITE_COMMAND);
        p.set_address(INTC_ENABLE(0));
        p.set_data_ptr(reinterpret_cast<uint8_t*>(&v));
        p.set_data_length(4);
        p.set_streaming_width(4);
        sc_time delay(3, SC_US);
        t.initiator_socket->b_transport(p, delay);
        CHECK(p.get_response_status() == tlm::TLM_OK_RESPONSE);
        sc_core::wait(b.meip[0].posedge_event());
        rose = sc_core::sc_time_stamp();
    });
    CHECK(rose == sc_time(3, SC_US));
}

TEST_CASE("intc: reset clears every enable mask", "[intc]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(INTC_ENABLE(0), 1) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(INTC_ENABLE(2), 1) == tlm::TLM_OK_RESPONSE);
        b.src[0].write(true);
        settle();
        CHECK(b.meip[0].read());
        b.ic.reset();
        settle();
        CHECK_FALSE(b.meip[0].read());
        CHECK(reg(t, INTC_ENABLE(0)) == 0);
        CHECK(reg(t, INTC_ENABLE(2)) == 0);
        CHECK(reg(t, INTC_PENDING) == 1); // the sources are the devices': reset does not touch them
    });
}

TEST_CASE("intc: accesses of a wrong size, misaligned, to holes or to a missing hart are refused", "[intc]")
{
    bench b;
    b.run([](tlm_tester& t) {
        uint8_t c = 1;
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, INTC_ENABLE(0), &c, 1) == tlm::TLM_BURST_ERROR_RESPONSE);
        uint32_t v = 0;
        CHECK(t.read32(INTC_ENABLE(0) + 2, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(0x4, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.write32(INTC_ENABLE(3), 1) == tlm::TLM_ADDRESS_ERROR_RESPONSE); // three harts
        const uint8_t be[4] = {0xff, 0xff, 0, 0};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, INTC_ENABLE(0), &v, 4, nullptr, be) ==
              tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    });
}

TEST_CASE("intc: a hart count the register block cannot hold is refused", "[intc]")
{
    CHECK_THROWS_AS(intc("none", 0), std::invalid_argument);
    CHECK_THROWS_AS(intc("many", 1000), std::invalid_argument);
}

// The devices of a cell on one controller: the UART's receive interrupt and the watchdog's interrupt each
// reach the hart that enabled them.
TEST_CASE("intc: the UART and the watchdog interrupt a hart through the controller", "[intc][cell]")
{
    struct cell : sc_core::sc_module {
        router bus{"bus"};
        intc ic{"ic", 2};
        uart con{"con"};
        cell_ctl ctl{"ctl"};
        tlm_tester tester{"tester"};
        sc_core::sc_vector<sc_core::sc_signal<bool>> src{"src", CELL_IRQ_COUNT};
        sc_core::sc_vector<sc_core::sc_signal<bool>> meip{"meip", 2};
        explicit cell(sc_core::sc_module_name name = "cell") : sc_module(name)
        {
            bus.map(bus.attach(ic.target_socket), CELL_INTC_BASE, CELL_INTC_SIZE, 0, "intc");
            bus.map(bus.attach(con.target_socket), CELL_UART_BASE, CELL_UART_SIZE, 0, "uart");
            bus.map(bus.attach(ctl.target_socket), CELL_CELLCTL_BASE, CELL_CELLCTL_SIZE, 0, "cellctl");
            tester.initiator_socket.bind(bus.target_socket);
            ic.source.bind(src);
            ic.meip.bind(meip);
            con.irq.bind(src[CELL_IRQ_UART]);
            ctl.wdt_irq.bind(src[CELL_IRQ_WDT]);
        }
    } c;
    c.con.push_input("?", sc_time(100, SC_US));
    sc_time uart_at, wdt_at;
    bool finished = false;
    c.tester.body = [&](tlm_tester& t) {
        CHECK(t.write32(CELL_INTC_BASE + INTC_ENABLE(0), 1u << CELL_IRQ_UART) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_INTC_BASE + INTC_ENABLE(1), 1u << CELL_IRQ_WDT) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_UART_BASE + UART_IRQ_EN, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_CELLCTL_BASE + CELLCTL_WDT_LOAD, 300) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_CELLCTL_BASE + CELLCTL_WDT_CTRL, 3) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(c.meip[0].posedge_event());
        uart_at = sc_core::sc_time_stamp();
        CHECK_FALSE(c.meip[1].read());
        sc_core::wait(c.meip[1].posedge_event());
        wdt_at = sc_core::sc_time_stamp();
        CHECK(reg(t, CELL_INTC_BASE + INTC_PENDING) == ((1u << CELL_IRQ_UART) | (1u << CELL_IRQ_WDT)));
        CHECK(t.write32(CELL_CELLCTL_BASE + CELLCTL_WDT_CTRL, 0) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_CELLCTL_BASE + CELLCTL_WDT_STATUS, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(c.meip[1].negedge_event());
        CHECK(c.meip[0].read());
        finished = true;
    };
    sc_core::sc_start();
    CHECK(finished);
    CHECK(uart_at == sc_time(100, SC_US));
    CHECK(wdt_at == sc_time(300, SC_US));
}
