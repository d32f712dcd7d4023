// FRAM NVRAM: contents that persist in a file across processes, SPI access times, read-only DMI, power cuts
// during writes, write counting and refused accesses.
#include "harness.h"

#include "bus/code_watch_extension.h"
#include "mem/nvram.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_NS;
using sc_core::sc_time;

namespace {

// A file path of this test process, removed (with the temporary file of save()) when the test ends.
struct temp_file {
    std::string path;
    explicit temp_file(const std::string& tag)
        : path((std::filesystem::temp_directory_path() /
                ("cellvp-nvram-" + tag + "-" + std::to_string(::getpid()) + ".bin"))
                   .string())
    {
        std::remove(path.c_str());
    }
    ~temp_file()
    {
        std::remove(path.c_str());
        std::remove((path + ".tmp").c_str());
    }
};

// An NVRAM at 0 on a router, and a tester.
struct bench : sc_core::sc_module {
    router bus{"bus"};
    nvram nv;
    tlm_tester tester{"tester"};
    explicit bench(const nvram_config& cfg = {}, sc_core::sc_module_name name = "bench")
        : sc_module(name), nv("nv", cfg)
    {
        bus.map(bus.attach(nv.target_socket), 0, nv.size(), 0, "nvram");
        tester.initiator_socket.bind(bus.target_socket);
    }
};

void run(bench& b, std::function<void(tlm_tester&)> body)
{
    b.tester.body = std::move(body);
    sc_core::sc_start();
}

tlm::tlm_response_status write(tlm_tester& t, uint64_t addr, uint32_t v, unsigned len)
{
    return t.access(tlm::TLM_WRITE_COMMAND, addr, &v, len);
}

uint32_t read(tlm_tester& t, uint64_t addr, unsigned len)
{
    uint32_t v = 0;
    CHECK(t.access(tlm::TLM_READ_COMMAND, addr, &v, len) == tlm::TLM_OK_RESPONSE);
    return v;
}

// Stores a word twice and a byte to the NVRAM at 0x30000000 and loads them back into a0, a1, a2.
// Assembled with riscv64-unknown-elf-as (-march=rv32imac, .option norvc); at 0x80000000.
const std::vector<uint32_t> store_and_load = {
    0x300002b7, // lui  t0,0x30000
    0x11223337, // lui  t1,0x11223
    0x34430313, // addi t1,t1,0x344
    0x0062a023, // sw   t1,0(t0)
    0x0062a223, // sw   t1,4(t0)
    0x0002a503, // lw   a0,0(t0)
    0x0042a583, // lw   a1,4(t0)
    0x00628423, // sb   t1,8(t0)
    0x0082c603, // lbu  a2,8(t0)
    0x10500073, // 1: wfi
    0xffdff06f, // j 1b
};
constexpr unsigned a0 = 10, a1 = 11, a2 = 12;

// A hart running `store_and_load` from RAM, with the NVRAM mapped at CELL_NVRAM_BASE.
struct hart_bench : sc_core::sc_module {
    mini_platform p;
    nvram nv{"nv"};
    explicit hart_bench(sc_core::sc_module_name name = "hart_bench") : sc_module(name), p("p", store_and_load)
    {
        p.bus.map(p.bus.attach(nv.target_socket), CELL_NVRAM_BASE, CELL_NVRAM_SIZE, 0, "nvram");
    }
};

} // namespace

TEST_CASE("nvram: a hart's stores all reach the part and are counted, its loads see them", "[nvram][hart]")
{
    hart_bench b;
    sc_core::sc_start(sc_time(1, sc_core::SC_MS));
    CHECK(b.nv.writes() == 3);
    CHECK(b.p.core().reg(a0) == 0x11223344);
    CHECK(b.p.core().reg(a1) == 0x11223344);
    CHECK(b.p.core().reg(a2) == 0x44);
    // Seven NVRAM accesses of about 1-1.6 us each: the hart's time includes them.
    CHECK(b.p.core().cycle() * b.p.harts[0]->period_ps() >= 3 * 1600000u + 1000000u);
}

TEST_CASE("nvram: a power cut during a hart's store leaves a prefix and stops later stores", "[nvram][hart][power-cut]")
{
    hart_bench b;
    b.nv.cut_power_at_write(2, 1);
    unsigned cuts = 0;
    b.nv.on_power_cut = [&cuts] { ++cuts; };
    sc_core::sc_start(sc_time(1, sc_core::SC_MS));
    CHECK(cuts == 1);
    CHECK(b.nv.writes() == 3);
    CHECK(b.p.core().reg(a0) == 0x11223344);
    CHECK(b.p.core().reg(a1) == 0x00000044); // one byte of the second store
    CHECK(b.p.core().reg(a2) == 0);          // the byte store came after the cut
}

TEST_CASE("nvram: a fresh part reads 0x00 everywhere, as FRAM ships", "[nvram]")
{
    bench b;
    CHECK(b.nv.size() == CELL_NVRAM_SIZE);
    run(b, [](tlm_tester& t) {
        CHECK(read(t, 0, 4) == 0);
        CHECK(read(t, 0x10001, 1) == 0);
        CHECK(read(t, CELL_NVRAM_SIZE - 4, 4) == 0);
    });
}

TEST_CASE("nvram: bytes, halfwords and words read back at any alignment", "[nvram]")
{
    bench b;
    run(b, [](tlm_tester& t) {
        CHECK(write(t, 0x101, 0x11223344, 4) == tlm::TLM_OK_RESPONSE); // FRAM has no alignment rule
        CHECK(write(t, 0x200, 0xbeef, 2) == tlm::TLM_OK_RESPONSE);
        CHECK(write(t, 0x203, 0x5a, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(read(t, 0x101, 4) == 0x11223344);
        CHECK(read(t, 0x102, 2) == 0x2233);
        CHECK(read(t, 0x200, 4) == 0x5a00beef);
    });
}

TEST_CASE("nvram: contents survive a cell reset and a new process", "[nvram][persistence]")
{
    temp_file file("persist");
    // The first process: firmware stores settings, the platform resets the cell (nothing happens to the
    // NVRAM), the process ends and the NVRAM saves itself on destruction.
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 1;
        {
            nvram_config cfg;
            cfg.path = file.path;
            bench b(cfg);
            bool ok = true;
            run(b, [&ok](tlm_tester& t) {
                ok &= write(t, 0x40, 0xc0ffee01, 4) == tlm::TLM_OK_RESPONSE;
                ok &= write(t, CELL_NVRAM_SIZE - 1, 0x7e, 1) == tlm::TLM_OK_RESPONSE;
            });
            status = ok ? 0 : 2;
        }
        ::_exit(status);
    }
    int status = -1;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    REQUIRE(std::filesystem::file_size(file.path) == CELL_NVRAM_SIZE);

    // This process: a new NVRAM on the same file reads what the first one stored, and saves what it adds.
    nvram_config cfg;
    cfg.path = file.path;
    bench b(cfg);
    run(b, [](tlm_tester& t) {
        CHECK(read(t, 0x40, 4) == 0xc0ffee01);
        CHECK(read(t, CELL_NVRAM_SIZE - 1, 1) == 0x7e);
        CHECK(read(t, 0x44, 4) == 0);
        CHECK(write(t, 0x80, 0x600d, 2) == tlm::TLM_OK_RESPONSE);
    });
    b.nv.save();
    std::ifstream in(file.path, std::ios::binary);
    std::vector<char> saved(CELL_NVRAM_SIZE);
    REQUIRE(in.read(saved.data(), std::streamsize(saved.size())));
    CHECK(uint8_t(saved[0x40]) == 0x01);
    CHECK(uint8_t(saved[0x80]) == 0x0d);
    CHECK(uint8_t(saved[0x81]) == 0x60);
}

TEST_CASE("nvram: a second part on a saved file starts with its contents", "[nvram][persistence]")
{
    temp_file file("second");
    nvram_config cfg;
    cfg.path = file.path;
    nvram first("first", cfg);
    const char settings[] = "auto-update=1";
    first.write_host(0x100, settings, sizeof settings);
    first.save();
    nvram second("second", cfg);
    CHECK(std::memcmp(second.data() + 0x100, settings, sizeof settings) == 0);
    CHECK(second.data()[0] == 0);
}

TEST_CASE("nvram: a backing file of the wrong size is refused with its name", "[nvram][persistence]")
{
    temp_file file("size");
    for (size_t size : {size_t(9), size_t(CELL_NVRAM_SIZE + 1)}) {
        {
            std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
            out << std::string(size, '\x5a');
        }
        nvram_config cfg;
        cfg.path = file.path;
        CHECK_THROWS_WITH(nvram("nv", cfg), Catch::Matchers::Contains(file.path) &&
                                                Catch::Matchers::Contains(std::to_string(size) + " bytes"));
    }
}

TEST_CASE("nvram: an access costs the SPI transfer time", "[nvram][timing]")
{
    bench b;
    CHECK(b.nv.access_time(1) == sc_time(1000, SC_NS)); // (1 opcode + 3 address + 1 data) x 8 bits x 25 ns
    CHECK(b.nv.access_time(4) == sc_time(1600, SC_NS));
    run(b, [](tlm_tester& t) {
        uint32_t v = 0x12345678;
        sc_time d1, d2, d4, w4;
        CHECK(t.access(tlm::TLM_READ_COMMAND, 0, &v, 1, &d1) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_READ_COMMAND, 0, &v, 2, &d2) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_READ_COMMAND, 0, &v, 4, &d4) == tlm::TLM_OK_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, 0, &v, 4, &w4) == tlm::TLM_OK_RESPONSE);
        CHECK(d1 == sc_time(1000, SC_NS));
        CHECK(d2 == sc_time(1200, SC_NS));
        CHECK(d4 == sc_time(1600, SC_NS));
        CHECK(w4 == sc_time(1600, SC_NS)); // FRAM writes at bus speed: no program time
    });
}

TEST_CASE("nvram: the access time follows the SPI clock", "[nvram][timing]")
{
    nvram_config cfg;
    cfg.spi_hz = 20000000;
    bench b(cfg);
    CHECK(b.nv.access_time(4) == sc_time(3200, SC_NS));
}

TEST_CASE("nvram: DMI is granted for reads only, at the word access time, with a code_watch", "[nvram][dmi]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        tlm::tlm_generic_payload req;
        code_watch_extension ext;
        req.set_address(0x100);
        req.set_command(tlm::TLM_READ_COMMAND);
        req.set_extension(&ext);
        tlm::tlm_dmi dmi;
        bool granted = t.initiator_socket->get_direct_mem_ptr(req, dmi);
        req.clear_extension(&ext);
        REQUIRE(granted);
        CHECK(dmi.get_dmi_ptr() == b.nv.data());
        CHECK(dmi.get_start_address() == 0);
        CHECK(dmi.get_end_address() == CELL_NVRAM_SIZE - 1);
        CHECK(dmi.is_read_allowed());
        CHECK_FALSE(dmi.is_write_allowed()); // writes are counted and can be cut: b_transport only
        CHECK(dmi.get_read_latency() == sc_time(1600, SC_NS));
        CHECK(ext.watch == &b.nv.watch());
        // A write through b_transport shows through the read pointer.
        CHECK(write(t, 0x100, 0xab, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(dmi.get_dmi_ptr()[0x100] == 0xab);
    });
}

TEST_CASE("nvram: writes() counts write transactions, not reads or debug writes", "[nvram]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        CHECK(write(t, 0, 1, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(write(t, 8, 2, 1) == tlm::TLM_OK_RESPONSE);
        read(t, 0, 4);
        uint8_t x = 0x55;
        tlm::tlm_generic_payload dbg;
        dbg.set_command(tlm::TLM_WRITE_COMMAND);
        dbg.set_address(16);
        dbg.set_data_ptr(&x);
        dbg.set_data_length(1);
        CHECK(t.initiator_socket->transport_dbg(dbg) == 1);
        CHECK(b.nv.data()[16] == 0x55);
        CHECK(b.nv.writes() == 2);
    });
}

TEST_CASE("nvram: a power cut during a 4-byte write leaves a prefix of it", "[nvram][power-cut]")
{
    // Eight parts with different seeds, each cut during the same 4-byte write: each keeps a prefix of 0..3 new
    // bytes followed by the old ones, and the seeds do not all give the same prefix.
    struct many : sc_core::sc_module {
        std::vector<std::unique_ptr<nvram>> parts;
        explicit many(sc_core::sc_module_name name = "many") : sc_module(name)
        {
            for (uint64_t seed = 1; seed <= 8; ++seed) {
                nvram_config cfg;
                cfg.size = 64;
                cfg.cut_seed = seed;
                parts.push_back(std::make_unique<nvram>(sc_core::sc_gen_unique_name("nv"), cfg));
            }
        }
    } m;
    std::set<unsigned> prefixes;
    for (auto& p : m.parts) {
        std::memset(p->data(), 0xaa, 64);
        unsigned cuts = 0;
        p->on_power_cut = [&cuts] { ++cuts; };
        p->cut_power_at_write(1);
        tlm::tlm_generic_payload t;
        uint8_t bytes[4] = {0x11, 0x22, 0x33, 0x44};
        t.set_command(tlm::TLM_WRITE_COMMAND);
        t.set_address(8);
        t.set_data_ptr(bytes);
        t.set_data_length(4);
        t.set_streaming_width(4);
        sc_time delay = sc_core::SC_ZERO_TIME;
        tlm::tlm_fw_transport_if<>& part = p->target_socket;
        part.b_transport(t, delay);
        CHECK(t.get_response_status() == tlm::TLM_OK_RESPONSE);
        CHECK(cuts == 1);
        CHECK_FALSE(p->powered());
        unsigned k = 0;
        while (k < 4 && p->data()[8 + k] == bytes[k]) ++k;
        CHECK(k < 4); // the cut falls inside the transfer: the last byte never arrives
        for (unsigned i = k; i < 4; ++i) CHECK(p->data()[8 + i] == 0xaa);
        CHECK(p->data()[7] == 0xaa);
        CHECK(p->data()[12] == 0xaa);
        prefixes.insert(k);
    }
    CHECK(prefixes.size() > 1);
}

TEST_CASE("nvram: the cut falls on the n-th write from arming, with the prefix asked for", "[nvram][power-cut]")
{
    bench b;
    std::vector<uint64_t> cut_at;
    b.nv.on_power_cut = [&b, &cut_at] { cut_at.push_back(b.nv.writes()); };
    run(b, [&b](tlm_tester& t) {
        CHECK(write(t, 0, 0x01010101, 4) == tlm::TLM_OK_RESPONSE); // before arming: not counted towards n
        b.nv.cut_power_at_write(3, 2);
        CHECK(write(t, 4, 0x02020202, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(write(t, 8, 0x03030303, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(write(t, 12, 0x04040404, 4) == tlm::TLM_OK_RESPONSE); // cut: 2 of 4 bytes
        CHECK(read(t, 4, 4) == 0x02020202);
        CHECK(read(t, 8, 4) == 0x03030303);
        CHECK(read(t, 12, 4) == 0x00000404);
    });
    CHECK(cut_at == std::vector<uint64_t>{4});
}

TEST_CASE("nvram: writes after a power cut are ignored until power comes back", "[nvram][power-cut]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        b.nv.cut_power_at_write(1, 0);
        CHECK(write(t, 0, 0xffffffff, 4) == tlm::TLM_OK_RESPONSE); // cut before its first byte
        CHECK(write(t, 4, 0xffffffff, 4) == tlm::TLM_OK_RESPONSE); // the controller cannot tell
        CHECK(write(t, 8, 0xff, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(read(t, 0, 4) == 0);
        CHECK(read(t, 4, 4) == 0);
        CHECK(read(t, 8, 1) == 0);
        CHECK(b.nv.writes() == 3);
        b.nv.power_on();
        CHECK(b.nv.powered());
        CHECK(write(t, 4, 0x12345678, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(read(t, 4, 4) == 0x12345678);
    });
}

TEST_CASE("nvram: a part switched off with the rest of the cell ignores writes until power_on", "[nvram][power-cut]")
{
    bench b;
    bool cut = false;
    b.nv.on_power_cut = [&cut] { cut = true; };
    run(b, [&b](tlm_tester& t) {
        b.nv.power_off();
        CHECK(write(t, 0, 0x12345678, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(read(t, 0, 4) == 0);
        b.nv.power_on();
        CHECK(write(t, 0, 0x12345678, 4) == tlm::TLM_OK_RESPONSE);
        CHECK(read(t, 0, 4) == 0x12345678);
    });
    CHECK_FALSE(cut);
}

TEST_CASE("nvram: a cut disarmed by power_on or by n = 0 never happens", "[nvram][power-cut]")
{
    bench b;
    bool cut = false;
    b.nv.on_power_cut = [&cut] { cut = true; };
    run(b, [&b](tlm_tester& t) {
        b.nv.cut_power_at_write(1);
        b.nv.cut_power_at_write(0);
        CHECK(write(t, 0, 0x11, 1) == tlm::TLM_OK_RESPONSE);
        b.nv.cut_power_at_write(1);
        b.nv.power_on();
        CHECK(write(t, 1, 0x22, 1) == tlm::TLM_OK_RESPONSE);
        CHECK(read(t, 0, 2) == 0x2211);
    });
    CHECK_FALSE(cut);
}

TEST_CASE("nvram: accesses of a wrong size, outside the part or with byte enables are refused", "[nvram]")
{
    bench b;
    run(b, [&b](tlm_tester& t) {
        uint64_t v = 0;
        CHECK(t.access(tlm::TLM_READ_COMMAND, 0, &v, 3) == tlm::TLM_BURST_ERROR_RESPONSE);
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, 0, &v, 8) == tlm::TLM_BURST_ERROR_RESPONSE);
        const uint8_t be[4] = {0xff, 0, 0xff, 0};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, 0, &v, 4, nullptr, be) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        CHECK(b.nv.writes() == 0);
    });
    // Past the end of the part (the router would refuse it first: ask the part itself).
    tlm::tlm_generic_payload t;
    uint32_t v = 0;
    t.set_command(tlm::TLM_READ_COMMAND);
    t.set_address(CELL_NVRAM_SIZE - 2);
    t.set_data_ptr(reinterpret_cast<uint8_t*>(&v));
    t.set_data_length(4);
    t.set_streaming_width(4);
    sc_time delay = sc_core::SC_ZERO_TIME;
    tlm::tlm_fw_transport_if<>& part = b.nv.target_socket;
    part.b_transport(t, delay);
    CHECK(t.get_response_status() == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}
