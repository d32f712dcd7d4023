// Router and memory targets: address decoding, TLM error responses, latencies, DMI translation and
// invalidation, debug transport.
#include "harness.h"

#include <catch2/catch.hpp>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_NS;
using sc_core::sc_time;

namespace {

// A router with a 64 KiB RAM at 0x1000_0000 (10 ns reads, 20 ns writes), a ROM at 0x2000_0000 and a second
// RAM mapped over 0x1000_8000..+0x100 (a hole in the first), and a tester.
struct bench : sc_core::sc_module {
    router bus{"bus"};
    memory ram{"ram", 0x10000, sc_time(10, SC_NS), sc_time(20, SC_NS)};
    memory rom{"rom", 0x1000, sc_time(5, SC_NS), sc_time(5, SC_NS), false};
    memory dev{"dev", 0x100, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME};
    tlm_tester tester{"tester"};
    bench() : sc_module("bench")
    {
        bus.map(bus.attach(ram.target_socket), 0x10000000, 0x10000, 0, "ram");
        bus.map(bus.attach(rom.target_socket), 0x20000000, 0x1000, 0, "rom");
        bus.map(bus.attach(dev.target_socket), 0x10008000, 0x100, 0, "dev");
        tester.initiator_socket.bind(bus.target_socket);
    }
};

void run(bench& b, std::function<void(tlm_tester&)> body)
{
    b.tester.body = std::move(body);
    sc_core::sc_start();
}

} // namespace

TEST_CASE("router: an access to an unmapped address is answered with TLM_ADDRESS_ERROR_RESPONSE", "[router]")
{
    bench b;
    run(b, [](tlm_tester& t) {
        uint32_t v = 0;
        CHECK(t.read32(0x30000000, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.write32(0x0, 1) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(0x10010000, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE); // one past the RAM
    });
}

TEST_CASE("router: an access that crosses the end of a mapping is an address error", "[router]")
{
    bench b;
    run(b, [](tlm_tester& t) {
        uint32_t v = 0;
        CHECK(t.read32(0x1000fffe, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(0x1000fffc, v) == tlm::TLM_OK_RESPONSE);
    });
}

TEST_CASE("router: a later mapping punches a hole in an earlier one and the rest stays mapped", "[router]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        CHECK(t.write32(0x10008004, 0x11111111) == tlm::TLM_OK_RESPONSE); // the device in the hole
        CHECK(t.write32(0x10008100, 0x22222222) == tlm::TLM_OK_RESPONSE); // RAM after the hole, same offset
        CHECK(t.write32(0x10007ffc, 0x33333333) == tlm::TLM_OK_RESPONSE); // RAM before the hole
        uint32_t dev_word, ram_word, before;
        std::memcpy(&dev_word, b.dev.data() + 4, 4);
        std::memcpy(&ram_word, b.ram.data() + 0x8100, 4);
        std::memcpy(&before, b.ram.data() + 0x7ffc, 4);
        CHECK(dev_word == 0x11111111);
        CHECK(ram_word == 0x22222222);
        CHECK(before == 0x33333333);
        uint32_t hidden;
        std::memcpy(&hidden, b.ram.data() + 0x8004, 4);
        CHECK(hidden == 0); // the RAM under the hole was not touched
    });
}

TEST_CASE("router: a DMI grant is translated to global addresses and clipped at a hole", "[router][dmi]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        tlm::tlm_dmi before, after;
        REQUIRE(t.dmi(0x10000010, before));
        CHECK(before.get_start_address() == 0x10000000);
        CHECK(before.get_end_address() == 0x10007fff);
        CHECK(before.get_dmi_ptr() == b.ram.data());
        CHECK(before.get_read_latency() == sc_time(10, SC_NS));
        CHECK(before.get_write_latency() == sc_time(20, SC_NS));
        REQUIRE(t.dmi(0x10009000, after));
        CHECK(after.get_start_address() == 0x10008100);
        CHECK(after.get_end_address() == 0x1000ffff);
        CHECK(after.get_dmi_ptr() == b.ram.data() + 0x8100);
        tlm::tlm_dmi rom;
        REQUIRE(t.dmi(0x20000000, rom));
        CHECK(rom.is_read_allowed());
        CHECK_FALSE(rom.is_write_allowed());
    });
}

TEST_CASE("router: a target's DMI invalidation reaches the initiators in global addresses", "[router][dmi]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        b.rom.invalidate_dmi();
        REQUIRE(t.invalidations.size() == 1);
        CHECK(t.invalidations[0].first == 0x20000000);
        CHECK(t.invalidations[0].second == 0x20000fff);
    });
}

TEST_CASE("memory: written data reads back and each access adds its latency", "[memory]")
{
    bench b;
    run(b, [](tlm_tester& t) {
        uint32_t w = 0xdeadbeef, r = 0;
        sc_time dw, dr;
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, 0x10000100, &w, 4, &dw) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_READ_COMMAND, 0x10000100, &r, 4, &dr) == tlm::TLM_OK_RESPONSE);
        CHECK(r == 0xdeadbeef);
        CHECK(dw == sc_time(20, SC_NS));
        CHECK(dr == sc_time(10, SC_NS));
    });
}

TEST_CASE("memory: a write to ROM is answered with TLM_COMMAND_ERROR_RESPONSE and changes nothing", "[memory]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        CHECK(t.write32(0x20000010, 0x12345678) == tlm::TLM_COMMAND_ERROR_RESPONSE);
        uint32_t v;
        std::memcpy(&v, b.rom.data() + 0x10, 4);
        CHECK(v == 0);
    });
}

TEST_CASE("memory: byte enables are refused with TLM_BYTE_ENABLE_ERROR_RESPONSE", "[memory]")
{
    bench b;
    run(b, [](tlm_tester& t) {
        uint32_t v = 1;
        const uint8_t be[4] = {0xff, 0, 0xff, 0};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, 0x10000000, &v, 4, nullptr, be) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    });
}
