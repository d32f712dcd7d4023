// Cell controller: identity, soft reset with its key, the watchdog (reset, kick, interrupt first), reset
// cause, scratch across resets and power cycles, refused accesses.
#include "harness.h"

#include "cellvp/cell_map.h"
#include "dev/cell_ctl.h"

#include <catch2/catch.hpp>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_MS;
using sc_core::sc_time;
using sc_core::SC_US;

namespace {

// A cell controller at 0 on a router and a tester. `on_reset_request` is the cell platform's part: it records
// the request and resets the controller as the platform would.
struct bench : sc_core::sc_module {
    router bus{"bus"};
    cell_ctl ctl;
    tlm_tester tester{"tester"};
    sc_core::sc_signal<bool> wdt_irq{"wdt_irq"};
    std::vector<std::pair<sc_time, unsigned>> resets;
    bool finished = false;

    explicit bench(const cell_ctl_config& cfg = {}, sc_core::sc_module_name name = "bench")
        : sc_module(name), ctl("ctl", cfg)
    {
        bus.map(bus.attach(ctl.target_socket), 0, CELL_CELLCTL_SIZE, 0, "cellctl");
        tester.initiator_socket.bind(bus.target_socket);
        ctl.wdt_irq.bind(wdt_irq);
        ctl.on_reset_request = [this](unsigned cause) {
            resets.emplace_back(sc_core::sc_time_stamp(), cause);
            ctl.reset();
            ctl.set_reset_cause(cause);
        };
    }

    // Runs `body` in the tester for at most `until` of simulated time (a broken watchdog may fire forever);
    // afterwards checks that the body ran to its end (a wait that never returned would otherwise end the
    // simulation quietly).
    void run(std::function<void(tlm_tester&)> body, const sc_time& until = sc_time(1, sc_core::SC_SEC))
    {
        tester.body = [this, body](tlm_tester& t) {
            body(t);
            finished = true;
        };
        sc_core::sc_start(until);
        CHECK(finished);
    }
};

uint32_t reg(tlm_tester& t, uint64_t addr)
{
    uint32_t v = 0xdeadbeef;
    CHECK(t.read32(addr, v) == tlm::TLM_OK_RESPONSE);
    return v;
}

unsigned warnings()
{
    return unsigned(sc_core::sc_report_handler::get_count(sc_core::SC_WARNING));
}

} // namespace

TEST_CASE("cell_ctl: the identity registers read the configured cell, partition and hart count", "[cell_ctl]")
{
    cell_ctl_config cfg;
    cfg.cell_id = 5;
    cfg.partition_id = 2;
    cfg.harts = 4;
    bench b(cfg);
    b.run([](tlm_tester& t) {
        CHECK(reg(t, CELLCTL_CELL_ID) == 5);
        CHECK(reg(t, CELLCTL_PARTITION_ID) == 2);
        CHECK(reg(t, CELLCTL_HART_COUNT) == 4);
        CHECK(reg(t, CELLCTL_RESET_CAUSE) == CELLCTL_RESET_POWER_ON);
        CHECK(t.write32(CELLCTL_CELL_ID, 9) == tlm::TLM_OK_RESPONSE); // read-only: ignored
        CHECK(t.write32(CELLCTL_RESET_CAUSE, CELLCTL_RESET_SOFT) == tlm::TLM_OK_RESPONSE);
        CHECK(reg(t, CELLCTL_CELL_ID) == 5);
        CHECK(reg(t, CELLCTL_RESET_CAUSE) == CELLCTL_RESET_POWER_ON);
    });
}

TEST_CASE("cell_ctl: a soft reset needs the key", "[cell_ctl][reset]")
{
    bench b;
    unsigned warned = 0;
    b.run([&](tlm_tester& t) {
        unsigned before = warnings();
        CHECK(t.write32(CELLCTL_RESET, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(10, SC_US));
        CHECK(b.resets.empty());
        warned = warnings() - before;
        CHECK(t.write32(CELLCTL_RESET, CELLCTL_RESET_KEY) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK(reg(t, CELLCTL_RESET_CAUSE) == CELLCTL_RESET_SOFT);
    });
    CHECK(warned == 1);
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0] == std::make_pair(sc_time(10, SC_US), unsigned(CELLCTL_RESET_SOFT)));
}

TEST_CASE("cell_ctl: a reset request arrives at the writer's local time, outside the transaction", "[cell_ctl][reset]")
{
    bench b;
    bool inside = false, called_inside = false;
    b.ctl.on_reset_request = [&](unsigned) {
        called_inside = inside;
        b.resets.emplace_back(sc_core::sc_time_stamp(), 1);
    };
    b.run([&](tlm_tester& t) {
        uint32_t key = CELLCTL_RESET_KEY;
        tlm::tlm_generic_payload p;
        p.set_command(tlm::TLM_WRITE_COMMAND);
        p.set_address(CELLCTL_RESET);
        p.set_data_ptr(reinterpret_cast<uint8_t*>(&key));
        p.set_data_length(4);
        p.set_streaming_width(4);
        sc_time delay(2, SC_US); // a hart 2 us ahead of SystemC within its quantum
        inside = true;
        t.initiator_socket->b_transport(p, delay);
        inside = false;
        CHECK(p.get_response_status() == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(5, SC_US));
    });
    CHECK_FALSE(called_inside);
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0].first == sc_time(2, SC_US));
}

TEST_CASE("cell_ctl: the watchdog resets the cell when not kicked", "[cell_ctl][wdt]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        sc_core::wait(sc_time(7, SC_US));
        CHECK(t.write32(CELLCTL_WDT_LOAD, 250) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(1, SC_MS));
        CHECK(reg(t, CELLCTL_RESET_CAUSE) == CELLCTL_RESET_WATCHDOG);
        CHECK(reg(t, CELLCTL_WDT_CTRL) == 0); // the reset disabled it
    });
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0] == std::make_pair(sc_time(257, SC_US), unsigned(CELLCTL_RESET_WATCHDOG)));
    CHECK_FALSE(b.wdt_irq.read());
}

TEST_CASE("cell_ctl: a kicked watchdog does not fire", "[cell_ctl][wdt]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_WDT_LOAD, 100) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 1) == tlm::TLM_OK_RESPONSE);
        for (int i = 0; i < 50; ++i) { // 5 ms of kicks, each 99 us after the previous one
            sc_core::wait(sc_time(99, SC_US));
            CHECK(t.write32(CELLCTL_WDT_KICK, CELLCTL_WDT_KICK_KEY) == tlm::TLM_OK_RESPONSE);
        }
        CHECK(b.resets.empty());
        CHECK(reg(t, CELLCTL_WDT_STATUS) == 0);
    });
    // When the kicks stop, it fires one period after the last one.
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0] == std::make_pair(sc_time(50 * 99 + 100, SC_US), unsigned(CELLCTL_RESET_WATCHDOG)));
}

TEST_CASE("cell_ctl: a kick needs its key", "[cell_ctl][wdt]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_WDT_LOAD, 100) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(60, SC_US));
        unsigned before = warnings();
        CHECK(t.write32(CELLCTL_WDT_KICK, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(warnings() == before + 1);
    });
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0].first == sc_time(100, SC_US));
}

TEST_CASE("cell_ctl: an interrupt-first watchdog interrupts at the first expiry and resets at the second",
          "[cell_ctl][wdt]")
{
    bench b;
    sc_time irq_at;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_WDT_LOAD, 40) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 3) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(b.wdt_irq.posedge_event());
        irq_at = sc_core::sc_time_stamp();
        CHECK(reg(t, CELLCTL_WDT_STATUS) == 1);
        CHECK(b.resets.empty());
    });
    CHECK(irq_at == sc_time(40, SC_US));
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0] == std::make_pair(sc_time(80, SC_US), unsigned(CELLCTL_RESET_WATCHDOG)));
    CHECK_FALSE(b.wdt_irq.read()); // the reset cleared the status
}

TEST_CASE("cell_ctl: an interrupt handler that kicks and clears the status keeps the cell running", "[cell_ctl][wdt]")
{
    bench b;
    unsigned interrupts = 0;
    b.run(
        [&](tlm_tester& t) {
            CHECK(t.write32(CELLCTL_WDT_LOAD, 40) == tlm::TLM_OK_RESPONSE);
            CHECK(t.write32(CELLCTL_WDT_CTRL, 3) == tlm::TLM_OK_RESPONSE);
            for (int i = 0; i < 5; ++i) {
                sc_core::wait(b.wdt_irq.posedge_event());
                ++interrupts;
                CHECK(t.write32(CELLCTL_WDT_KICK, CELLCTL_WDT_KICK_KEY) == tlm::TLM_OK_RESPONSE);
                CHECK(t.write32(CELLCTL_WDT_STATUS, 1) == tlm::TLM_OK_RESPONSE);
            }
        },
        sc_time(230, SC_US));
    CHECK(interrupts == 5);
    CHECK(b.resets.empty());
}

TEST_CASE("cell_ctl: kicking without clearing the status does not stop the reset", "[cell_ctl][wdt]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_WDT_LOAD, 40) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 3) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(b.wdt_irq.posedge_event());
        CHECK(t.write32(CELLCTL_WDT_KICK, CELLCTL_WDT_KICK_KEY) == tlm::TLM_OK_RESPONSE); // kicked, status left set
    });
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0].first == sc_time(80, SC_US));
}

TEST_CASE("cell_ctl: disabling the watchdog stops it", "[cell_ctl][wdt]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_WDT_LOAD, 100) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(90, SC_US));
        CHECK(t.write32(CELLCTL_WDT_CTRL, 0) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(1, SC_MS));
        // Enabling again starts a full period.
        CHECK(t.write32(CELLCTL_WDT_CTRL, 1) == tlm::TLM_OK_RESPONSE);
    });
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0].first == sc_time(1190, SC_US));
}

TEST_CASE("cell_ctl: switching a running watchdog to interrupt-first does not restart its period", "[cell_ctl][wdt]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_WDT_LOAD, 100) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 1) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(60, SC_US));
        CHECK(t.write32(CELLCTL_WDT_CTRL, 3) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(b.wdt_irq.posedge_event());
        CHECK(sc_core::sc_time_stamp() == sc_time(100, SC_US));
    });
    REQUIRE(b.resets.size() == 1);
    CHECK(b.resets[0].first == sc_time(200, SC_US));
}

TEST_CASE("cell_ctl: a watchdog reset that nothing performs is reported and stops the watchdog", "[cell_ctl][wdt]")
{
    bench b;
    b.ctl.on_reset_request = nullptr;
    unsigned warned = 0;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_WDT_LOAD, 100) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 1) == tlm::TLM_OK_RESPONSE);
        unsigned before = warnings();
        sc_core::wait(sc_time(1, SC_MS));
        warned = warnings() - before;
        CHECK(reg(t, CELLCTL_WDT_CTRL) == 0);
        CHECK(reg(t, CELLCTL_RESET_CAUSE) == CELLCTL_RESET_POWER_ON);
    });
    CHECK(warned == 1);
}

TEST_CASE("cell_ctl: a reset disables the watchdog and restores its period", "[cell_ctl][wdt]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(reg(t, CELLCTL_WDT_LOAD) == 60000000); // 60 s
        CHECK(t.write32(CELLCTL_WDT_LOAD, 100) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_WDT_CTRL, 3) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(b.wdt_irq.posedge_event());
        b.ctl.reset();
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK_FALSE(b.wdt_irq.read());
        CHECK(reg(t, CELLCTL_WDT_CTRL) == 0);
        CHECK(reg(t, CELLCTL_WDT_STATUS) == 0);
        CHECK(reg(t, CELLCTL_WDT_LOAD) == 60000000);
        sc_core::wait(sc_time(10, SC_MS));
    });
    CHECK(b.resets.empty());
}

TEST_CASE("cell_ctl: scratch survives a reset but not a power cycle", "[cell_ctl][reset]")
{
    bench b;
    b.run([&](tlm_tester& t) {
        CHECK(t.write32(CELLCTL_SCRATCH, 0x5eed1234) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELLCTL_RESET, CELLCTL_RESET_KEY) == tlm::TLM_OK_RESPONSE);
        sc_core::wait(sc_time(1, SC_US));
        REQUIRE(b.resets.size() == 1);
        CHECK(reg(t, CELLCTL_SCRATCH) == 0x5eed1234);
        CHECK(reg(t, CELLCTL_RESET_CAUSE) == CELLCTL_RESET_SOFT);
        b.ctl.power_on();
        CHECK(reg(t, CELLCTL_SCRATCH) == 0);
        CHECK(reg(t, CELLCTL_RESET_CAUSE) == CELLCTL_RESET_POWER_ON);
    });
}

TEST_CASE("cell_ctl: accesses of a wrong size, misaligned, to holes or with byte enables are refused", "[cell_ctl]")
{
    bench b;
    b.run([](tlm_tester& t) {
        uint16_t h = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, CELLCTL_SCRATCH, &h, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
        uint32_t v = 0;
        CHECK(t.read32(CELLCTL_SCRATCH + 1, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(CELLCTL_SCRATCH + 4, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.write32(0x800, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        const uint8_t be[4] = {0xff, 0xff, 0xff, 0};
        v = CELLCTL_RESET_KEY;
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, CELLCTL_RESET, &v, 4, nullptr, be) ==
              tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        sc_core::wait(sc_time(1, SC_US));
    });
    CHECK(b.resets.empty());
}
