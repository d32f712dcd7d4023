// The cell's NOR flash and its controller: NOR physics, datasheet timing, busy behaviour, write protection,
// wear counters, power-cut injection, images, the interrupt, DMI and code coherence, refused accesses.
#include "harness.h"

#include "bus/code_watch_extension.h"
#include "bus/poll_hint_extension.h"
#include "cellvp/cell_map.h"
#include "mem/flash.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_MS;
using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::sc_time_stamp;
using sc_core::SC_US;

namespace {

constexpr uint64_t ctl_base = CELL_FLASHCTL_BASE, arr_base = CELL_FLASH_BASE;
constexpr uint32_t busy = FLASH_STATUS_BUSY, done = FLASH_STATUS_DONE;

// A router with one or more flashes (controller i at CELL_FLASHCTL_BASE + i * 64 KiB, array i in a 64 MiB
// window at CELL_FLASH_BASE + i * 64 MiB, as in the cell map), their interrupt lines and a tester.
struct bench : sc_core::sc_module {
    router bus{"bus"};
    std::vector<std::unique_ptr<flash>> parts;
    tlm_tester tester{"tester"};
    sc_core::sc_vector<sc_core::sc_signal<bool>> irqs;

    explicit bench(sc_core::sc_module_name name, const std::vector<flash_config>& cfgs = {flash_config{}})
        : sc_module(name), irqs("irq", cfgs.size())
    {
        for (size_t i = 0; i < cfgs.size(); ++i) {
            parts.push_back(std::make_unique<flash>(sc_core::sc_gen_unique_name("flash"), cfgs[i]));
            bus.map(bus.attach(parts[i]->array_socket), arr_base + i * CELL_FLASH_MAX_SIZE, CELL_FLASH_MAX_SIZE, 0,
                    "flash");
            bus.map(bus.attach(parts[i]->ctrl_socket), ctl_base + i * 0x10000, CELL_FLASHCTL_SIZE, 0, "flashctl");
            parts[i]->irq.bind(irqs[i]);
        }
        tester.initiator_socket.bind(bus.target_socket);
    }
    flash& part(unsigned i = 0) { return *parts.at(i); }
};

flash_config lenient()
{
    flash_config c;
    c.strict = false;
    return c;
}

// What a flash driver does, over the bus, for flash i.
struct driver {
    tlm_tester& t;
    uint64_t ctl, arr;
    driver(tlm_tester& tester, unsigned i = 0)
        : t(tester), ctl(ctl_base + i * 0x10000), arr(arr_base + i * CELL_FLASH_MAX_SIZE)
    {
    }

    uint32_t reg(uint32_t off)
    {
        uint32_t v = 0;
        CHECK(t.read32(ctl + off, v) == tlm::TLM_OK_RESPONSE);
        return v;
    }
    void set(uint32_t off, uint32_t v) { CHECK(t.write32(ctl + off, v) == tlm::TLM_OK_RESPONSE); }
    void fill_buffer(const std::vector<uint8_t>& bytes)
    {
        for (size_t i = 0; i < bytes.size(); i += 4) {
            uint8_t w[4] = {0xff, 0xff, 0xff, 0xff};
            std::copy(bytes.begin() + long(i), bytes.begin() + long(std::min(bytes.size(), i + 4)), w);
            uint32_t v;
            std::memcpy(&v, w, 4);
            set(FLASH_BUF + uint32_t(i), v);
        }
    }
    void program(uint32_t off, const std::vector<uint8_t>& bytes)
    {
        fill_buffer(bytes);
        set(FLASH_ADDR, off);
        set(FLASH_LEN, uint32_t(bytes.size()));
        set(FLASH_CMD, FLASH_CMD_PROGRAM);
    }
    void erase(uint32_t off, uint32_t cmd)
    {
        set(FLASH_ADDR, off);
        set(FLASH_CMD, cmd);
    }
    uint32_t xip32(uint32_t off)
    {
        uint32_t v = 0;
        CHECK(t.read32(arr + off, v) == tlm::TLM_OK_RESPONSE);
        return v;
    }
};

// Sleeps until the operation in progress has ended and the flash has reacted.
void wait_done(flash& f)
{
    if (f.busy()) sc_core::wait(f.busy_until() - sc_time_stamp());
    sc_core::wait(sc_core::SC_ZERO_TIME);
}

void run(bench& b, std::function<void(tlm_tester&)> body)
{
    b.tester.body = std::move(body);
    sc_core::sc_start();
}

std::vector<uint8_t> pattern(size_t n, uint8_t seed = 0)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = uint8_t(i * 37 + seed);
    return v;
}

bool all_equal(const uint8_t* p, size_t n, uint8_t v)
{
    return std::all_of(p, p + n, [v](uint8_t x) { return x == v; });
}

// Records what code_watch tells its listeners.
struct code_recorder : code_watch_listener_if {
    std::vector<std::pair<const uint8_t*, const uint8_t*>> writes;
    std::vector<sc_time> when;
    void code_written(const code_watch&, const uint8_t* b, const uint8_t* e) override
    {
        writes.emplace_back(b, e);
        when.push_back(sc_time_stamp());
    }
};

} // namespace

TEST_CASE("flash: a fresh part is erased and reports its size", "[flash]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        CHECK(all_equal(b.part().data(), b.part().size(), 0xff));
        CHECK(d.reg(FLASH_SIZE_REG) == 16u << 20);
        CHECK(d.reg(FLASH_STATUS) == 0);
        CHECK(d.xip32(0) == 0xffffffff);
        CHECK(d.xip32((16u << 20) - 4) == 0xffffffff);
        d.set(FLASH_SIZE_REG, 0x1234); // read-only
        CHECK(d.reg(FLASH_SIZE_REG) == 16u << 20);
    });
}

TEST_CASE("flash: a size that is not a whole number of 64 KiB blocks is refused", "[flash]")
{
    flash_config c;
    c.size = 0x18000;
    CHECK_THROWS_WITH(flash("odd", c), Catch::Contains("64 KiB"));
    c.size = 0;
    CHECK_THROWS_AS(flash("empty", c), std::invalid_argument);
}

TEST_CASE("flash: a page program clears bits at the end of the datasheet time scaled by its length", "[flash][timing]")
{
    bench b("bench");
    std::vector<sc_time> took;
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.set(FLASH_IRQ_EN, 1);
        const std::vector<uint8_t> page = pattern(256);
        for (size_t n : {size_t(256), size_t(1), size_t(128)}) {
            uint32_t off = uint32_t(0x1000 + n * 0x100);
            sc_time t0 = sc_time_stamp();
            d.program(off, std::vector<uint8_t>(page.begin(), page.begin() + long(n)));
            sc_core::wait(b.irqs[0].posedge_event());
            took.push_back(sc_time_stamp() - t0);
            CHECK(d.reg(FLASH_STATUS) == done);
            CHECK(std::equal(page.begin(), page.begin() + long(n), b.part().data() + off));
            CHECK(b.part().data()[off + n] == 0xff); // nothing beyond the length
            d.set(FLASH_STATUS, done);
        }
    });
    REQUIRE(took.size() == 3);
    CHECK(took[0] == sc_time(400, SC_US));                                         // tPP typical
    CHECK(took[1] == sc_time(30, SC_US));                                          // tBP1 typical
    CHECK(took[2] == sc_time::from_value(30000000ull + 370000000ull * 127 / 255)); // linear in between
}

TEST_CASE("flash: a 4 KiB erase sets its sector to 0xFF after 45 ms and nothing else", "[flash][timing]")
{
    bench b("bench");
    b.part().program_host(0x2000, std::vector<uint8_t>(0x2000, 0x00)); // sectors 2 and 3 all zero
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.erase(0x3000, FLASH_CMD_ERASE_4K);
        sc_core::wait(sc_time(45, SC_MS) - sc_time(1, SC_NS));
        CHECK(d.reg(FLASH_STATUS) == busy);
        CHECK(b.part().data()[0x3000] == 0x00); // the array changes at the end
        sc_core::wait(sc_time(1, SC_NS));
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK(d.reg(FLASH_STATUS) == done);
    });
    CHECK(all_equal(b.part().data() + 0x3000, 0x1000, 0xff));
    CHECK(all_equal(b.part().data() + 0x2000, 0x1000, 0x00));
    CHECK(b.part().data()[0x4000] == 0xff);
}

TEST_CASE("flash: a 64 KiB erase takes the datasheet time", "[flash][timing]")
{
    bench b("bench");
    b.part().program_host(0x10000, std::vector<uint8_t>(0x20000, 0x5a));
    sc_time rose;
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.set(FLASH_IRQ_EN, 1);
        sc_core::wait(sc_time(1, SC_US));
        d.erase(0x20000, FLASH_CMD_ERASE_64K);
        sc_core::wait(b.irqs[0].posedge_event());
        rose = sc_time_stamp();
    });
    CHECK(rose == sc_time(1, SC_US) + sc_time(150, SC_MS)); // tBE2 typical
    CHECK(all_equal(b.part().data() + 0x20000, 0x10000, 0xff));
    CHECK(all_equal(b.part().data() + 0x10000, 0x10000, 0x5a));
}

TEST_CASE("flash: program to a non-erased byte is flagged", "[flash][physics]")
{
    bench b("bench", {lenient()});
    b.part().program_host(0x100, {0x0f, 0xff, 0x3c});
    sc_core::sc_report_handler::set_actions("cellvp/flash", sc_core::SC_WARNING,
                                            sc_core::SC_DISPLAY | sc_core::SC_CACHE_REPORT);
    const int warnings = sc_core::sc_report_handler::get_count("cellvp/flash");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.program(0x100, {0xf0, 0x0f, 0x3c}); // byte 0 needs 0 -> 1; byte 1 only clears; byte 2 is unchanged
        sc_core::sc_report* r = sc_core::sc_report_handler::get_cached_report(); // cached per process
        REQUIRE(r);
        CHECK(std::string(r->get_msg_type()) == "cellvp/flash");
        CHECK(r->get_severity() == sc_core::SC_WARNING);
        CHECK_THAT(r->get_msg(), Catch::Contains("0x100") && Catch::Contains("0 -> 1"));
        CHECK(d.reg(FLASH_STATUS) == (busy | FLASH_STATUS_ERR_NOT_ERASED));
        wait_done(b.part());
        CHECK(d.reg(FLASH_STATUS) == (done | FLASH_STATUS_ERR_NOT_ERASED));
        d.set(FLASH_STATUS, FLASH_STATUS_ERR_NOT_ERASED | done);
        CHECK(d.reg(FLASH_STATUS) == 0);
    });
    CHECK(b.part().data()[0x100] == 0x00); // what a real part does: old & new
    CHECK(b.part().data()[0x101] == 0x0f);
    CHECK(b.part().data()[0x102] == 0x3c);
    CHECK(sc_core::sc_report_handler::get_count("cellvp/flash") == warnings + 1);
}

TEST_CASE("flash: in strict mode a program to a non-erased byte fails the run", "[flash][physics]")
{
    bench b("bench"); // strict by default
    b.part().program_host(0x200, {0x00});
    bool after = false;
    b.tester.body = [&](tlm_tester& t) {
        // Not inside CHECK: Catch would take the exception for a failed check.
        t.write32(ctl_base + FLASH_BUF, 0xffffff01);
        t.write32(ctl_base + FLASH_ADDR, 0x200);
        t.write32(ctl_base + FLASH_LEN, 1);
        t.write32(ctl_base + FLASH_CMD, FLASH_CMD_PROGRAM);
        after = true;
    };
    std::string msg;
    try {
        sc_core::sc_start();
    } catch (const sc_core::sc_report& r) {
        msg = r.get_msg();
    }
    CHECK_THAT(msg, Catch::Contains("0x200") && Catch::Contains("strict"));
    CHECK_FALSE(after);
    CHECK((b.part().status() & FLASH_STATUS_ERR_NOT_ERASED) != 0);
}

TEST_CASE("flash: a misaligned erase or a page-crossing program or one beyond the part is a range error and "
          "changes nothing",
          "[flash][physics]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        auto refused = [&](auto start) {
            sc_time t0 = sc_time_stamp();
            start();
            CHECK(d.reg(FLASH_STATUS) == (done | FLASH_STATUS_ERR_RANGE)); // completes at once, with the error
            CHECK_FALSE(b.part().busy());
            CHECK(sc_time_stamp() == t0);
            d.set(FLASH_STATUS, 0xffffffff);
        };
        refused([&] { d.erase(0x1800, FLASH_CMD_ERASE_4K); });
        refused([&] { d.erase(0x8000, FLASH_CMD_ERASE_64K); });
        refused([&] { d.erase(16u << 20, FLASH_CMD_ERASE_4K); });
        refused([&] { d.program(0x10f0, std::vector<uint8_t>(0x20, 0)); }); // crosses 0x1100
        refused([&] { d.program((16u << 20) - 0x100 + 0x100, {0}); });      // beyond the end
        refused([&] {
            d.set(FLASH_ADDR, 0);
            d.set(FLASH_LEN, 0);
            d.set(FLASH_CMD, FLASH_CMD_PROGRAM);
        });
        refused([&] {
            d.set(FLASH_LEN, 257);
            d.set(FLASH_CMD, FLASH_CMD_PROGRAM);
        });
        d.program(0x10f0, std::vector<uint8_t>(0x10, 0)); // up to the page end is fine
        wait_done(b.part());
        CHECK(d.reg(FLASH_STATUS) == done);
    });
    CHECK(all_equal(b.part().data() + 0x10f0, 0x10, 0x00));
    CHECK(all_equal(b.part().data(), 0x10f0, 0xff));
    CHECK(all_equal(b.part().data() + 0x1100, 0x1000, 0xff));
    CHECK(b.part().operations() == 1);
}

TEST_CASE("flash: a read during program returns 0xFF", "[flash][busy]")
{
    bench b("bench");
    b.part().program_host(0x10000, {0x11, 0x22, 0x33, 0x44});
    run(b, [&](tlm_tester& t) {
        driver d(t);
        CHECK(d.xip32(0x10000) == 0x44332211);
        d.program(0x0, {0x00, 0x01, 0x02, 0x03});
        sc_core::wait(sc_time(10, SC_US));
        CHECK(d.xip32(0x10000) == 0xffffffff); // anywhere in the part, not only the page being programmed
        CHECK(d.xip32(0x0) == 0xffffffff);
        uint8_t byte = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, arr_base + 0x10001, &byte, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(byte == 0xff);
        wait_done(b.part());
        CHECK(d.xip32(0x10000) == 0x44332211);
        CHECK(d.xip32(0x0) == 0x03020100);
    });
}

TEST_CASE("flash: reads while busy promise their value until the operation ends", "[flash][busy]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        auto hint = [&](uint64_t addr) { // a read carrying a poll_hint_extension, 1 us ahead of SystemC time
            tlm::tlm_generic_payload p;
            poll_hint_extension ext;
            uint32_t v = 0;
            p.set_command(tlm::TLM_READ_COMMAND);
            p.set_address(addr);
            p.set_data_ptr(reinterpret_cast<uint8_t*>(&v));
            p.set_data_length(4);
            p.set_streaming_width(4);
            p.set_extension(&ext);
            sc_time delay(1, SC_US);
            t.initiator_socket->b_transport(p, delay);
            p.clear_extension(&ext);
            CHECK(p.is_response_ok());
            return ext.stable_for;
        };
        d.erase(0x0, FLASH_CMD_ERASE_4K);
        sc_core::wait(sc_time(5, SC_MS));
        CHECK(hint(ctl_base + FLASH_STATUS) == sc_time(40, SC_MS) - sc_time(1, SC_US));
        CHECK(hint(arr_base + 0x2000) == sc_time(40, SC_MS) - sc_time(1, SC_US));
        CHECK(hint(ctl_base + FLASH_ADDR) == sc_core::SC_ZERO_TIME); // only what the operation holds still
        wait_done(b.part());
        CHECK(hint(ctl_base + FLASH_STATUS) == sc_core::SC_ZERO_TIME);
        CHECK(hint(arr_base + 0x2000) == sc_core::SC_ZERO_TIME);
    });
}

TEST_CASE("flash: a command while busy is ignored and flagged", "[flash][busy]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.erase(0x0, FLASH_CMD_ERASE_4K);
        sc_core::wait(sc_time(1, SC_MS));
        d.program(0x8000, {0x00});
        CHECK(d.reg(FLASH_STATUS) == (busy | FLASH_STATUS_ERR_BUSY)); // no DONE: the erase still runs
        d.erase(0x10000, FLASH_CMD_ERASE_64K);
        wait_done(b.part());
        CHECK(d.reg(FLASH_STATUS) == (done | FLASH_STATUS_ERR_BUSY));
        CHECK(sc_time_stamp() == sc_time(45, SC_MS)); // the erase kept its own time
    });
    CHECK(b.part().data()[0x8000] == 0xff);
    CHECK(b.part().operations() == 1);
    CHECK(b.part().erase_count(0x10000) == 0);
}

TEST_CASE("flash: the write-protected boot block cannot be erased", "[flash][protect]")
{
    bench b("bench");
    b.part().program_host(0x0, std::vector<uint8_t>(0x20000, 0xa5));
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.set(FLASH_WP_START, 0x0);
        d.set(FLASH_WP_END, 0x10000);
        d.set(FLASH_WP_LOCK, 1);
        d.set(FLASH_WP_END, 0x0); // locked: ignored
        d.set(FLASH_WP_START, 0x8000);
        d.set(FLASH_WP_LOCK, 0); // the lock is sticky
        CHECK(d.reg(FLASH_WP_START) == 0x0);
        CHECK(d.reg(FLASH_WP_END) == 0x10000);
        CHECK(d.reg(FLASH_WP_LOCK) == 1);

        d.erase(0x0, FLASH_CMD_ERASE_64K);
        CHECK(d.reg(FLASH_STATUS) == (done | FLASH_STATUS_ERR_PROTECTED));
        d.set(FLASH_STATUS, 0xffffffff);
        d.erase(0xf000, FLASH_CMD_ERASE_4K); // the last sector of the block
        CHECK(d.reg(FLASH_STATUS) == (done | FLASH_STATUS_ERR_PROTECTED));
        d.set(FLASH_STATUS, 0xffffffff);
        d.program(0xff00, {0x00});
        CHECK(d.reg(FLASH_STATUS) == (done | FLASH_STATUS_ERR_PROTECTED));
        d.set(FLASH_STATUS, 0xffffffff);
        CHECK_FALSE(b.part().busy());

        d.erase(0x10000, FLASH_CMD_ERASE_4K); // just past the range
        wait_done(b.part());
        CHECK(d.reg(FLASH_STATUS) == done);

        b.part().reset(); // the cell reset releases the lock
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK(d.reg(FLASH_WP_LOCK) == 0);
        CHECK(d.reg(FLASH_WP_END) == 0);
        d.set(FLASH_WP_END, 0x1000);
        CHECK(d.reg(FLASH_WP_END) == 0x1000);
    });
    CHECK(all_equal(b.part().data(), 0x10000, 0xa5));
    CHECK(all_equal(b.part().data() + 0x10000, 0x1000, 0xff));
    CHECK(all_equal(b.part().data() + 0x11000, 0xf000, 0xa5));
    CHECK(b.part().erase_count(0x0) == 0);
    CHECK(b.part().operations() == 1);
}

TEST_CASE("flash: the completion interrupt rises at the end and clears with DONE", "[flash][irq]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        auto settle = [] {
            sc_core::wait(sc_core::SC_ZERO_TIME);
            sc_core::wait(sc_core::SC_ZERO_TIME);
        };
        d.set(FLASH_IRQ_EN, 1);
        d.program(0x0, {0x12});
        sc_core::wait(sc_time(29, SC_US));
        CHECK_FALSE(b.irqs[0].read());
        sc_core::wait(b.irqs[0].posedge_event());
        CHECK(sc_time_stamp() == sc_time(30, SC_US));
        sc_core::wait(sc_time(1, SC_MS));
        CHECK(b.irqs[0].read());                     // a level: it stays until DONE is cleared
        d.set(FLASH_STATUS, FLASH_STATUS_ERR_RANGE); // other bits do not clear DONE
        settle();
        CHECK(b.irqs[0].read());
        d.set(FLASH_STATUS, done);
        settle();
        CHECK_FALSE(b.irqs[0].read());

        d.set(FLASH_IRQ_EN, 0); // DONE without the enable: no interrupt
        d.program(0x1, {0x34});
        wait_done(b.part());
        settle();
        CHECK(d.reg(FLASH_STATUS) == done);
        CHECK_FALSE(b.irqs[0].read());
        d.set(FLASH_IRQ_EN, 1); // enabling with DONE pending raises it
        settle();
        CHECK(b.irqs[0].read());
        d.set(FLASH_IRQ_EN, 0);
        settle();
        CHECK_FALSE(b.irqs[0].read());
    });
}

TEST_CASE("flash: DMI is revoked while busy and code_watch sees the new data", "[flash][dmi]")
{
    bench b("bench");
    b.part().program_host(0x3000, {0x13, 0x05, 0x15, 0x00}); // addi a0,a0,1
    code_recorder rec;
    run(b, [&](tlm_tester& t) {
        driver d(t);
        auto ask = [&](tlm::tlm_dmi& dmi) {
            tlm::tlm_generic_payload p;
            code_watch_extension ext;
            p.set_address(arr_base + 0x3000);
            p.set_command(tlm::TLM_READ_COMMAND);
            p.set_extension(&ext);
            bool ok = t.initiator_socket->get_direct_mem_ptr(p, dmi);
            p.clear_extension(&ext);
            if (ok) {
                REQUIRE(ext.watch == &b.part().watch());
                ext.watch->add_listener(&rec);
            }
            return ok;
        };
        tlm::tlm_dmi dmi;
        REQUIRE(ask(dmi));
        CHECK(dmi.is_read_allowed());
        CHECK_FALSE(dmi.is_write_allowed());
        CHECK(dmi.get_start_address() == arr_base);
        CHECK(dmi.get_end_address() == arr_base + (16u << 20) - 1);
        b.part().watch().mark(dmi.get_dmi_ptr() + 0x3000, 4); // a hart decoded there

        d.program(0x3000, {0x13, 0x05, 0x05, 0x00}); // addi a0,a0,0: only clears a bit
        REQUIRE(t.invalidations.size() == 1);
        CHECK(t.invalidations[0].first == arr_base);
        CHECK(t.invalidations[0].second == arr_base + (16u << 20) - 1);
        tlm::tlm_dmi refused;
        CHECK_FALSE(ask(refused));
        sc_core::wait(sc_time(20, SC_US));
        CHECK(rec.writes.empty()); // nothing changed yet
        wait_done(b.part());
        REQUIRE(rec.writes.size() == 1);
        CHECK(rec.when[0] == sc_time::from_value(30000000ull + 370000000ull * 3 / 255)); // the end of a 4-byte program
        CHECK(rec.writes[0].first <= b.part().data() + 0x3000);
        CHECK(rec.writes[0].second >= b.part().data() + 0x3004);
        tlm::tlm_dmi again;
        REQUIRE(ask(again));
        uint32_t insn;
        std::memcpy(&insn, again.get_dmi_ptr() + 0x3000, 4);
        CHECK(insn == 0x00050513);
        b.part().watch().remove_listener(&rec);
    });
}

TEST_CASE("flash: erase counters count every sector of a block erase", "[flash][wear]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.erase(0x10000, FLASH_CMD_ERASE_64K);
        wait_done(b.part());
        d.erase(0x13000, FLASH_CMD_ERASE_4K);
        wait_done(b.part());
        d.erase(0x13800, FLASH_CMD_ERASE_4K); // misaligned: refused, not counted
        d.program(0x13000, {0x00});
        wait_done(b.part());
    });
    flash& f = b.part();
    for (uint64_t s = 0x10000; s < 0x20000; s += 0x1000) CHECK(f.erase_count(s) == (s == 0x13000 ? 2u : 1u));
    CHECK(f.erase_count(0x13fff) == 2);
    CHECK(f.erase_count(0xffff) == 0);
    CHECK(f.erase_count(0x20000) == 0);
    CHECK(f.operations() == 3); // two erases and a program
    CHECK_THROWS_AS(f.erase_count(16u << 20), std::out_of_range);
}

TEST_CASE("flash: a power cut before an operation leaves the flash untouched", "[flash][power]")
{
    bench b("bench");
    sc_time cut_at;
    int cuts = 0;
    b.part().on_power_cut = [&] {
        ++cuts;
        cut_at = sc_time_stamp();
    };
    b.part().program_host(0x20000, std::vector<uint8_t>(0x1000, 0x00));
    b.part().cut_power_before(2);
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.set(FLASH_IRQ_EN, 1);
        d.program(0x100, {0x42});
        wait_done(b.part());
        CHECK(b.irqs[0].read());
        sc_core::wait(sc_time(1, SC_MS));
        d.erase(0x20000, FLASH_CMD_ERASE_4K); // the second operation: never starts
        CHECK(cuts == 1);
        CHECK_FALSE(b.part().powered());
        CHECK(d.reg(FLASH_STATUS) == 0xffffffff); // a dead controller reads all ones
        CHECK(d.xip32(0x100) == 0xffffffff);
        d.erase(0x20000, FLASH_CMD_ERASE_4K); // ignored
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK_FALSE(b.irqs[0].read());
        sc_core::wait(sc_time(100, SC_MS));
        CHECK(all_equal(b.part().data() + 0x20000, 0x1000, 0x00));

        b.part().power_on();
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK(d.reg(FLASH_STATUS) == 0);
        CHECK(d.reg(FLASH_IRQ_EN) == 0);
        CHECK(d.xip32(0x100) == 0xffffff42);
        d.erase(0x20000, FLASH_CMD_ERASE_4K); // the cut was used up
        wait_done(b.part());
    });
    CHECK(cuts == 1);
    CHECK(cut_at == sc_time(30, SC_US) + sc_time(1, SC_MS));
    CHECK(b.part().operations() == 3);
    CHECK(all_equal(b.part().data() + 0x20000, 0x1000, 0xff));
    CHECK(b.part().erase_count(0x20000) == 1); // the cut erase never started
}

TEST_CASE("flash: a power cut during program leaves a torn page (the same seed tears the same bits)", "[flash][power]")
{
    flash_config a, c;
    a.seed = 7;
    c.seed = 8;
    bench b("bench", {a, a, c});
    std::vector<sc_time> cut_at(3);
    std::vector<uint8_t> data(256, 0x00);
    std::fill(data.begin() + 128, data.end(), 0xf0); // the second half only clears the low nibbles
    for (unsigned i = 0; i < 3; ++i) {
        b.part(i).on_power_cut = [&, i] { cut_at[i] = sc_time_stamp(); };
        b.part(i).cut_power_during(1);
    }
    run(b, [&](tlm_tester& t) {
        for (unsigned i = 0; i < 3; ++i) driver(t, i).program(0x4100, data);
        sc_core::wait(sc_time(1, SC_MS));
        for (unsigned i = 0; i < 3; ++i) {
            driver d(t, i);
            CHECK_FALSE(b.part(i).powered());
            CHECK(d.xip32(0x4100) == 0xffffffff);
            b.part(i).power_on();
            CHECK(d.reg(FLASH_STATUS) == 0);
            uint32_t torn;
            std::memcpy(&torn, b.part(i).data() + 0x4100, 4);
            CHECK(d.xip32(0x4100) == torn); // readable again, torn contents kept
        }
    });
    for (unsigned i = 0; i < 3; ++i) CHECK(cut_at[i] == sc_time(200, SC_US)); // the midpoint of tPP
    const uint8_t* p = b.part(0).data() + 0x4100;
    unsigned cleared = 0, partial = 0;
    for (unsigned i = 0; i < 256; ++i) {
        cleared += 8 - unsigned(__builtin_popcount(p[i]));
        if (p[i] != 0xff && p[i] != data[i]) ++partial;
        if (i >= 128) CHECK((p[i] & 0xf0) == 0xf0); // bits the program would not change did not change
    }
    const unsigned would_clear = 128 * 8 + 128 * 4;
    CHECK(cleared > would_clear / 4);
    CHECK(cleared < would_clear * 3 / 4);
    CHECK(partial > 100);
    CHECK(all_equal(b.part(0).data() + 0x4000, 0x100, 0xff)); // neighbours untouched
    CHECK(all_equal(b.part(0).data() + 0x4200, 0x100, 0xff));
    CHECK(std::equal(p, p + 256, b.part(1).data() + 0x4100));       // same seed: same torn bits
    CHECK_FALSE(std::equal(p, p + 256, b.part(2).data() + 0x4100)); // another seed: others
}

TEST_CASE("flash: a power cut during erase leaves a torn sector", "[flash][power]")
{
    bench b("bench");
    b.part().program_host(0x5000, std::vector<uint8_t>(0x1000, 0x00));
    bool cut = false;
    b.part().on_power_cut = [&] { cut = true; };
    b.part().cut_power_during(2);
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.program(0x0, {0x00});
        wait_done(b.part());
        d.erase(0x5000, FLASH_CMD_ERASE_4K);
        sc_core::wait(sc_time(22, SC_MS));
        CHECK_FALSE(cut);
        sc_core::wait(sc_time(1, SC_MS));
        CHECK(cut); // at 22.5 ms, half of tSE
    });
    const uint8_t* p = b.part().data() + 0x5000;
    unsigned set = 0;
    for (unsigned i = 0; i < 0x1000; ++i) set += unsigned(__builtin_popcount(p[i]));
    CHECK(set > 0x1000 * 8 / 4);
    CHECK(set < 0x1000 * 8 * 3 / 4);
    CHECK(b.part().data()[0x4fff] == 0xff);
    CHECK(b.part().data()[0x6000] == 0xff);
    CHECK(b.part().erase_count(0x5000) == 1); // a torn erase wears the sector too
}

TEST_CASE("flash: an image saved and loaded again is identical", "[flash][image]")
{
    bench b("bench");
    flash& f = b.part();
    std::vector<uint8_t> content = pattern(0x30000, 3);
    f.program_host(0x123400, content);
    const std::string path =
        (std::filesystem::temp_directory_path() / ("cellvp-flash-" + std::to_string(getpid()) + ".bin")).string();
    f.save_image(path);
    CHECK(std::filesystem::file_size(path) == f.size());
    std::vector<uint8_t> saved(f.data(), f.data() + f.size());
    f.program_host(0x0, std::vector<uint8_t>(f.size(), 0x00));
    f.load_image(path);
    CHECK(std::equal(saved.begin(), saved.end(), f.data()));
    CHECK(std::equal(content.begin(), content.end(), f.data() + 0x123400));
    std::filesystem::remove(path);
}

TEST_CASE("flash: a missing or wrong-sized or unwritable image file is a clear error", "[flash][image]")
{
    bench b("bench");
    flash& f = b.part();
    f.program_host(0x0, {0x12, 0x34});
    const std::string missing = "/nonexistent-cellvp-dir/flash.bin";
    CHECK_THROWS_WITH(f.load_image(missing), Catch::Contains(missing));
    CHECK_THROWS_WITH(f.save_image(missing), Catch::Contains(missing));
    const std::string small =
        (std::filesystem::temp_directory_path() / ("cellvp-flash-small-" + std::to_string(getpid()) + ".bin")).string();
    {
        std::ofstream o(small, std::ios::binary);
        o << "not a flash image";
    }
    CHECK_THROWS_WITH(f.load_image(small), Catch::Contains(small) && Catch::Contains("17 bytes"));
    std::filesystem::remove(small);
    CHECK(f.data()[0] == 0x12); // a failed load changes nothing
    CHECK(f.data()[1] == 0x34);
    CHECK_THROWS_AS(f.program_host(f.size() - 1, {0, 0}), std::out_of_range);
}

TEST_CASE("flash: jitter is seeded: the same seed gives the same times", "[flash][timing]")
{
    flash_config a, c;
    a.jitter = c.jitter = true;
    a.seed = 42;
    c.seed = 43;
    bench b("bench", {a, a, c});
    std::vector<std::vector<sc_time>> took(3);
    run(b, [&](tlm_tester& t) {
        for (unsigned i = 0; i < 3; ++i) {
            driver d(t, i);
            d.set(FLASH_IRQ_EN, 1);
            auto timed = [&](auto start) {
                sc_time t0 = sc_time_stamp();
                start();
                sc_core::wait(b.irqs[i].posedge_event());
                took[i].push_back(sc_time_stamp() - t0);
                d.set(FLASH_STATUS, done);
            };
            for (int k = 0; k < 4; ++k) {
                timed([&] { d.program(0x100u * k, std::vector<uint8_t>(256, 0)); });
                timed([&] { d.program(0x8000 + k, {0}); });
            }
            timed([&] { d.erase(0x10000, FLASH_CMD_ERASE_4K); });
            timed([&] { d.erase(0x20000, FLASH_CMD_ERASE_64K); });
        }
    });
    CHECK(took[0] == took[1]);
    CHECK(took[0] != took[2]);
    const flash_config& cfg = b.part().config();
    for (const auto& times : took) {
        REQUIRE(times.size() == 10);
        for (int k = 0; k < 4; ++k) {
            CHECK(times[2 * k] >= cfg.program_page_typ);
            CHECK(times[2 * k] < cfg.program_page_max);
            CHECK(times[2 * k + 1] >= cfg.program_first_byte_typ);
            CHECK(times[2 * k + 1] < cfg.program_first_byte_max);
        }
        CHECK(times[8] >= cfg.erase_4k_typ);
        CHECK(times[8] < cfg.erase_4k_max);
        CHECK(times[9] >= cfg.erase_64k_typ);
        CHECK(times[9] < cfg.erase_64k_max);
        CHECK(times[0] != times[2]); // each operation draws its own time
    }
}

TEST_CASE("flash: a cell reset clears the registers but an operation in progress completes", "[flash][reset]")
{
    bench b("bench");
    b.part().program_host(0x7000, std::vector<uint8_t>(0x1000, 0x00));
    run(b, [&](tlm_tester& t) {
        driver d(t);
        d.set(FLASH_IRQ_EN, 1);
        d.set(FLASH_WP_START, 0x100000);
        d.set(FLASH_WP_END, 0x200000);
        d.set(FLASH_WP_LOCK, 1);
        d.fill_buffer({1, 2, 3, 4});
        d.program(0x0, {0x00, 0x11}); // sets DONE later; then an erase that the reset will not stop
        wait_done(b.part());
        d.erase(0x7000, FLASH_CMD_ERASE_4K);
        sc_core::wait(sc_time(10, SC_MS));
        b.part().reset();
        sc_core::wait(sc_core::SC_ZERO_TIME);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK_FALSE(b.irqs[0].read());
        CHECK(d.reg(FLASH_STATUS) == busy); // DONE cleared; the part is still busy
        CHECK(d.reg(FLASH_IRQ_EN) == 0);
        CHECK(d.reg(FLASH_WP_LOCK) == 0);
        CHECK(d.reg(FLASH_WP_START) == 0);
        CHECK(d.reg(FLASH_WP_END) == 0);
        CHECK(d.reg(FLASH_ADDR) == 0);
        CHECK(d.reg(FLASH_BUF) == 0xffffffff);
        CHECK(d.xip32(0x7000) == 0xffffffff);
        wait_done(b.part());
        CHECK(sc_time_stamp() == sc_time(30, SC_US) + sc_time::from_value(370000000ull / 255) + sc_time(45, SC_MS));
        CHECK(d.reg(FLASH_STATUS) == done);
        sc_core::wait(sc_core::SC_ZERO_TIME);
        CHECK_FALSE(b.irqs[0].read()); // IRQ_EN is 0 after the reset
    });
    CHECK(all_equal(b.part().data() + 0x7000, 0x1000, 0xff));
}

TEST_CASE("flash: bad accesses get TLM error responses and change nothing", "[flash][errors]")
{
    bench b("bench");
    const int warnings = sc_core::sc_report_handler::get_count("cellvp/flash");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        uint32_t v = 0;
        uint8_t byte = 0;
        uint64_t wide = 0;
        // The array: read only, inside the part.
        CHECK(t.write32(arr_base, 0) == tlm::TLM_COMMAND_ERROR_RESPONSE);
        CHECK(t.read32(arr_base + (16u << 20), v) == tlm::TLM_ADDRESS_ERROR_RESPONSE); // in the window, past the part
        CHECK(t.read32(arr_base + (16u << 20) - 2, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        const uint8_t be[4] = {0xff, 0, 0xff, 0};
        CHECK(t.access(tlm::TLM_READ_COMMAND, arr_base, &v, 4, nullptr, be) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        // The registers: 32-bit, aligned, inside the block.
        CHECK(t.access(tlm::TLM_READ_COMMAND, ctl_base + FLASH_STATUS, &byte, 1) == tlm::TLM_BURST_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_CMD, &wide, 8) == tlm::TLM_BURST_ERROR_RESPONSE);
        CHECK(t.read32(ctl_base + 0x2, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(ctl_base + 0x24, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.read32(ctl_base + 0x200, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.write32(ctl_base + 0xffc, 1) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_CMD, &v, 4, nullptr, be) ==
              tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        // An unknown command is ignored with a warning; 0 is a no-op.
        d.set(FLASH_CMD, 0);
        d.set(FLASH_CMD, 7);
        CHECK(d.reg(FLASH_STATUS) == 0);
        CHECK_FALSE(b.part().busy());
    });
    CHECK(sc_core::sc_report_handler::get_count("cellvp/flash") == warnings + 1);
    CHECK(all_equal(b.part().data(), b.part().size(), 0xff));
    CHECK(b.part().operations() == 0);
}

TEST_CASE("flash: the page buffer takes 8-bit and 16-bit and 32-bit writes", "[flash][buffer]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        driver d(t);
        uint8_t b8 = 0x11;
        uint16_t h16 = 0x3322;
        uint32_t w32 = 0x77665544;
        uint8_t three[3] = {};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF + 0, &b8, 1) == tlm::TLM_OK_RESPONSE);
        b8 = 0xaa;
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF + 1, &b8, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF + 2, &h16, 2) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF + 4, &w32, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF + 0xff, &b8, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF + 1, &h16, 2) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF + 2, &w32, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, ctl_base + FLASH_BUF, three, 3) == tlm::TLM_BURST_ERROR_RESPONSE);
        CHECK(d.reg(FLASH_BUF) == 0x3322aa11);
        uint16_t h = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, ctl_base + FLASH_BUF + 6, &h, 2) == tlm::TLM_OK_RESPONSE);
        CHECK(h == 0x7766);
        d.set(FLASH_ADDR, 0x9000);
        d.set(FLASH_LEN, 8);
        d.set(FLASH_CMD, FLASH_CMD_PROGRAM); // programs the first FLASH_LEN bytes of the buffer
        wait_done(b.part());
        uint8_t dbg[256] = {};
        tlm::tlm_generic_payload p; // a debugger sees the whole buffer at once
        p.set_command(tlm::TLM_READ_COMMAND);
        p.set_address(ctl_base + FLASH_BUF);
        p.set_data_ptr(dbg);
        p.set_data_length(256);
        CHECK(t.initiator_socket->transport_dbg(p) == 256);
        CHECK(dbg[0xff] == 0xaa);
        CHECK(dbg[0x80] == 0xff); // the buffer's reset value
    });
    const uint8_t want[8] = {0x11, 0xaa, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};
    CHECK(std::equal(want, want + 8, b.part().data() + 0x9000));
    CHECK(b.part().data()[0x9008] == 0xff);
}

TEST_CASE("flash: program_host loads the array without timing and keeps decoded code coherent", "[flash][host]")
{
    bench b("bench");
    code_recorder rec;
    flash& f = b.part();
    f.watch().add_listener(&rec);
    f.watch().mark(f.data() + 0x6000, 4);
    run(b, [&](tlm_tester& t) {
        f.program_host(0x6000, {0x13, 0x00, 0x00, 0x00}); // from inside the simulation too
        CHECK(sc_time_stamp() == sc_core::SC_ZERO_TIME);
        CHECK(driver(t).xip32(0x6000) == 0x00000013);
        uint8_t w[2] = {0xde, 0xad}; // a debugger's write is the same backdoor
        tlm::tlm_generic_payload p;
        p.set_command(tlm::TLM_WRITE_COMMAND);
        p.set_address(arr_base + 0x7000);
        p.set_data_ptr(w);
        p.set_data_length(2);
        CHECK(t.initiator_socket->transport_dbg(p) == 2);
    });
    REQUIRE(rec.writes.size() == 1);
    CHECK(rec.writes[0].first == f.data() + 0x6000);
    CHECK(f.data()[0x7000] == 0xde);
    CHECK(f.operations() == 0);
    f.watch().remove_listener(&rec);
}

TEST_CASE("flash: XIP reads and DMI carry the 60 ns read latency", "[flash][timing]")
{
    bench b("bench");
    run(b, [&](tlm_tester& t) {
        uint32_t v = 0;
        sc_time delay;
        CHECK(t.access(tlm::TLM_READ_COMMAND, arr_base + 0x40, &v, 4, &delay) == tlm::TLM_OK_RESPONSE);
        CHECK(delay == sc_time(60, SC_NS));
        tlm::tlm_dmi dmi;
        REQUIRE(t.dmi(arr_base + 0x40, dmi));
        CHECK(dmi.get_read_latency() == sc_time(60, SC_NS));
        CHECK(dmi.get_dmi_ptr() == b.part().data());
        sc_time reg_delay;
        CHECK(t.access(tlm::TLM_READ_COMMAND, ctl_base + FLASH_STATUS, &v, 4, &reg_delay) == tlm::TLM_OK_RESPONSE);
        CHECK(reg_delay == sc_core::SC_ZERO_TIME);
    });
}

TEST_CASE("flash: an idle or busy flash costs no host time", "[flash][timing]")
{
    bench b("bench");
    sc_dt::uint64 idle_deltas = 0, busy_deltas = 0;
    run(b, [&](tlm_tester& t) {
        driver d(t);
        sc_dt::uint64 d0 = sc_core::sc_delta_count();
        sc_core::wait(sc_time(10, sc_core::SC_SEC));
        idle_deltas = sc_core::sc_delta_count() - d0;
        d.erase(0x0, FLASH_CMD_ERASE_64K);
        d0 = sc_core::sc_delta_count();
        sc_core::wait(sc_time(10, sc_core::SC_SEC));
        busy_deltas = sc_core::sc_delta_count() - d0;
        CHECK(d.reg(FLASH_STATUS) == done);
    });
    CHECK(idle_deltas <= 2);
    CHECK(busy_deltas <= 4); // the end of the erase, the interrupt update, the tester waking up
}

namespace {
// A hart running from RAM calls a function in flash (`addi a0,a0,1; ret`), reprograms its first instruction
// to `addi a0,a0,0` through the controller, polls BUSY, and calls it again. Assembled with
// riscv64-unknown-elf-as -march=rv32imac (.option norvc); at 0x80000000.
const std::vector<uint32_t> reprogram_flash_function = {
    0x20000437, // lui   s0,0x20000        CELL_FLASH_BASE
    0x000400e7, // jalr  s0                a0 = 1
    0x00050493, // mv    s1,a0
    0x100012b7, // lui   t0,0x10001        CELL_FLASHCTL_BASE
    0x00050337, // lui   t1,0x50
    0x51330313, // addi  t1,t1,0x513       addi a0,a0,0
    0x1062a023, // sw    t1,0x100(t0)      FLASH_BUF
    0x0002a223, // sw    zero,4(t0)        FLASH_ADDR
    0x00400313, // li    t1,4
    0x0062a423, // sw    t1,8(t0)          FLASH_LEN
    0x00100313, // li    t1,1
    0x0062a023, // sw    t1,0(t0)          FLASH_CMD_PROGRAM
    0x00c2a303, // 1: lw t1,12(t0)         FLASH_STATUS
    0x00137313, // andi  t1,t1,1
    0xfe031ce3, // bnez  t1,1b
    0x000400e7, // jalr  s0                a0 += 0, if the new code is seen
    0x00050913, // mv    s2,a0
    0x10500073, // 2: wfi
    0xffdff06f, // j 2b
};

struct hart_bench : sc_core::sc_module {
    router bus{"bus"};
    memory ram{"ram", 0x10000, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME};
    flash rom{"rom"};
    hart cpu;
    sc_core::sc_signal<bool> msip{"msip"}, mtip{"mtip"}, meip{"meip"}, irq{"irq"};
    static hart_config config()
    {
        hart_config c;
        c.reset_pc = CELL_RAM_BASE;
        return c;
    }
    explicit hart_bench(sc_core::sc_module_name name) : sc_module(name), cpu("cpu", config())
    {
        bus.map(bus.attach(ram.target_socket), CELL_RAM_BASE, 0x10000, 0, "ram");
        bus.map(bus.attach(rom.array_socket), CELL_FLASH_BASE, CELL_FLASH_MAX_SIZE, 0, "flash");
        bus.map(bus.attach(rom.ctrl_socket), CELL_FLASHCTL_BASE, CELL_FLASHCTL_SIZE, 0, "flashctl");
        cpu.initiator_socket.bind(bus.target_socket);
        cpu.msip.bind(msip);
        cpu.mtip.bind(mtip);
        cpu.meip.bind(meip);
        rom.irq.bind(irq);
    }
};
} // namespace

TEST_CASE("flash: a hart executing from flash runs the newly programmed code", "[flash][hart]")
{
    hart_bench b("hart_bench");
    b.ram.write_host(0, reprogram_flash_function.data(), reprogram_flash_function.size() * 4);
    const uint32_t function[] = {0x00150513, 0x00008067}; // addi a0,a0,1; ret
    b.rom.program_host(0, function, sizeof function);
    sc_core::sc_start(sc_time(1, SC_MS));
    CHECK(b.cpu.core().reg(9) == 1);  // s1: the first call added 1
    CHECK(b.cpu.core().reg(18) == 1); // s2: the second call ran the reprogrammed instruction
    CHECK(b.rom.operations() == 1);
    uint32_t now;
    std::memcpy(&now, b.rom.data(), 4);
    CHECK(now == 0x00050513);
}
