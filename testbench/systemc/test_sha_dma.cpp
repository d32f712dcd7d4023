// SHA-256 engine with DMA: digests against the FIPS 180-4 vectors and OpenSSL, messages over several runs,
// the copy, errors (length, bus, busy), reset during a run, the interrupt, refused register accesses, and the
// timing from flash (its streaming rate) and from RAM (the hash core's rate).
#include "harness.h"

#include "cellvp/cell_map.h"
#include "dev/sha_dma.h"
#include "mem/flash.h"
#include "mem/nvram.h"
#include "platform/cell.h"

#include <catch2/catch.hpp>
#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_US;
using sc_core::wait;

namespace {

constexpr uint32_t ram_base = CELL_RAM_BASE, ram_size = 4u << 20;
constexpr uint32_t flash_base = CELL_FLASH_BASE, regs = CELL_SHADMA_BASE;
constexpr uint8_t fill = 0xEE;

using digest = std::array<uint8_t, 32>;

digest openssl_sha256(const void* data, size_t len)
{
    digest d{};
    unsigned n = 0;
    REQUIRE(EVP_Digest(data, len, d.data(), &n, EVP_sha256(), nullptr) == 1);
    return d;
}

digest from_hex(const std::string& h)
{
    digest d{};
    for (size_t i = 0; i < d.size(); ++i) d[i] = uint8_t(std::stoul(h.substr(2 * i, 2), nullptr, 16));
    return d;
}

// The engine on a bus with 4 MiB of RAM, the cell's flash and NVRAM at their cell addresses; the tester reaches the
// registers, the memories and the engine alike.
struct bench : sc_core::sc_module {
    router bus{"bus"};
    memory ram{"ram", ram_size, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME};
    flash rom{"rom"};
    nvram nv{"nv"};
    sha_dma dma;
    tlm_tester tester{"tester"};
    sc_core::sc_signal<bool> irq{"irq"}, flash_irq{"flash_irq"};
    bool finished = false;

    explicit bench(const sha_dma_config& cfg = {}, sc_core::sc_module_name name = "bench")
        : sc_module(name), dma("dma", cfg)
    {
        bus.map(bus.attach(ram.target_socket), ram_base, ram_size, 0, "ram");
        bus.map(bus.attach(rom.array_socket), flash_base, rom.size(), 0, "flash");
        bus.map(bus.attach(rom.ctrl_socket), CELL_FLASHCTL_BASE, CELL_FLASHCTL_SIZE, 0, "flashctl");
        bus.map(bus.attach(nv.target_socket), CELL_NVRAM_BASE, nv.size(), 0, "nvram");
        bus.map(bus.attach(dma.target_socket), regs, CELL_SHADMA_SIZE, 0, "shadma");
        tester.initiator_socket.bind(bus.target_socket);
        dma.initiator_socket.bind(bus.target_socket);
        dma.irq.bind(irq);
        rom.irq.bind(flash_irq);
        std::memset(ram.data(), fill, ram_size);
    }

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

bench* the_bench = nullptr;

uint32_t rd(uint32_t reg)
{
    uint32_t v = 0xdeadbeef;
    CHECK(the_bench->tester.read32(regs + reg, v) == tlm::TLM_OK_RESPONSE);
    return v;
}

void wr(uint32_t reg, uint32_t v) { CHECK(the_bench->tester.write32(regs + reg, v) == tlm::TLM_OK_RESPONSE); }

void start(uint32_t src, uint32_t dst, uint32_t len, uint32_t ctrl)
{
    wr(SHADMA_SRC, src);
    wr(SHADMA_DST, dst);
    wr(SHADMA_LEN, len);
    wr(SHADMA_CTRL, ctrl | SHADMA_CTRL_START);
}

// Polls every 100 ns until DONE; returns STATUS and clears it.
uint32_t wait_done(const sc_time& limit = sc_time(100, sc_core::SC_MS))
{
    const sc_time t0 = sc_core::sc_time_stamp();
    uint32_t s;
    while (!((s = rd(SHADMA_STATUS)) & SHADMA_STATUS_DONE) && sc_core::sc_time_stamp() - t0 < limit)
        wait(sc_time(100, SC_NS));
    wr(SHADMA_STATUS, s & (SHADMA_STATUS_DONE | SHADMA_STATUS_ERRORS));
    return s;
}

// One run, waited for; returns STATUS.
uint32_t hash(uint32_t src, uint32_t len, uint32_t ctrl, uint32_t dst = 0)
{
    start(src, dst, len, ctrl);
    return wait_done();
}

digest read_digest()
{
    digest d{};
    for (unsigned i = 0; i < 8; ++i) {
        const uint32_t w = rd(SHADMA_DIGEST(i));
        std::memcpy(d.data() + 4 * i, &w, 4); // little-endian host, as the rv32 hart
    }
    return d;
}

constexpr uint32_t one_shot = SHADMA_CTRL_INIT | SHADMA_CTRL_FINAL;
constexpr uint32_t done_ok = SHADMA_STATUS_DONE;

} // namespace

TEST_CASE("shadma: digests of the FIPS 180-4 examples are bit-exact", "[shadma]")
{
    bench b;
    the_bench = &b;
    const std::string abc = "abc", two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    std::memcpy(b.ram.data(), abc.data(), abc.size());
    std::memcpy(b.ram.data() + 0x1001, two.data(), two.size()); // unaligned on purpose
    b.run([&](tlm_tester&) {
        CHECK(hash(ram_base, 0, one_shot) == done_ok);
        CHECK(read_digest() == from_hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        CHECK(hash(ram_base, 3, one_shot) == done_ok);
        CHECK(read_digest() == from_hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        CHECK(hash(ram_base + 0x1001, uint32_t(two.size()), one_shot) == done_ok);
        CHECK(read_digest() == from_hex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    });
}

TEST_CASE("shadma: every length around the padding edges hashes as OpenSSL does", "[shadma]")
{
    bench b;
    the_bench = &b;
    for (uint32_t i = 0; i < 512; ++i) b.ram.data()[i] = uint8_t(i * 13 + 1);
    b.run([&](tlm_tester&) {
        for (uint32_t len = 0; len <= 300; ++len) {
            INFO("length " << len);
            CHECK(hash(ram_base + 3, len, one_shot) == done_ok);
            CHECK(read_digest() == openssl_sha256(b.ram.data() + 3, len));
        }
    });
}

TEST_CASE("shadma: 1 MiB of a pattern in RAM hashes as OpenSSL does, at the hash core's rate", "[shadma]")
{
    bench b;
    the_bench = &b;
    constexpr uint32_t len = 1u << 20;
    for (uint32_t i = 0; i < len; ++i) b.ram.data()[i] = uint8_t((i * 2654435761u) >> 24);
    b.run([&](tlm_tester&) {
        start(ram_base, 0, len, one_shot);
        const sc_time t0 = sc_core::sc_time_stamp();
        CHECK(wait_done() == done_ok);
        const double us = (sc_core::sc_time_stamp() - t0).to_seconds() * 1e6;
        CHECK(read_digest() == openssl_sha256(b.ram.data(), len));
        // 16385 blocks at 65 clocks of 10 ns: 10.65 ms; reads from RAM (one word per clock) keep up.
        CHECK(us > 10650.0);
        CHECK(us < 10700.0);
    });
}

TEST_CASE("shadma: a message hashed in several runs gives the one-shot digest", "[shadma]")
{
    bench b;
    the_bench = &b;
    for (uint32_t i = 0; i < 8192; ++i) b.ram.data()[i] = uint8_t(i ^ (i >> 5));
    b.run([&](tlm_tester&) {
        // A 64-byte header, then 4 KiB, then a tail of odd length that ends the message; none of them INIT.
        CHECK(hash(ram_base, 64, SHADMA_CTRL_INIT) == done_ok);
        CHECK(hash(ram_base + 64, 4096, 0) == done_ok);
        CHECK(hash(ram_base + 4160, 1001, SHADMA_CTRL_FINAL) == done_ok);
        CHECK(read_digest() == openssl_sha256(b.ram.data(), 5161));
        // After FINAL a new message starts without INIT; INIT drops a message half-way.
        CHECK(hash(ram_base, 3, SHADMA_CTRL_FINAL) == done_ok);
        CHECK(read_digest() == openssl_sha256(b.ram.data(), 3));
        CHECK(hash(ram_base + 100, 128, 0) == done_ok);
        CHECK(hash(ram_base, 5161, one_shot) == done_ok);
        CHECK(read_digest() == openssl_sha256(b.ram.data(), 5161));
    });
}

TEST_CASE("shadma: COPY writes exactly the bytes read, and nothing around them", "[shadma]")
{
    bench b;
    the_bench = &b;
    for (uint32_t i = 0; i < 70000; ++i) b.ram.data()[i] = uint8_t(i * 31 + (i >> 9));
    constexpr uint32_t dst = 0x200001, len = 70000 - 3;
    b.run([&](tlm_tester&) {
        CHECK(hash(ram_base + 3, len, one_shot | SHADMA_CTRL_COPY, ram_base + dst) == done_ok);
        CHECK(std::memcmp(b.ram.data() + dst, b.ram.data() + 3, len) == 0);
        CHECK(b.ram.data()[dst - 1] == fill);
        CHECK(b.ram.data()[dst + len] == fill);
        CHECK(read_digest() == openssl_sha256(b.ram.data() + 3, len));
    });
}

TEST_CASE("shadma: a non-final run whose length is not a multiple of 64 ends at once with ERR_LEN", "[shadma]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        CHECK(hash(ram_base, 64, SHADMA_CTRL_INIT) == done_ok);
        const digest mid = read_digest();
        start(ram_base, 0, 100, 0);
        CHECK(rd(SHADMA_STATUS) == (SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_LEN));
        CHECK(wait_done() == (SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_LEN));
        CHECK(read_digest() == mid); // nothing changed: the message goes on
        start(0xFFFFFF00u, 0, 0x200, SHADMA_CTRL_FINAL); // past 4 GiB
        CHECK(wait_done() == (SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_LEN));
        CHECK(hash(ram_base + 64, 64, SHADMA_CTRL_FINAL) == done_ok);
        CHECK(read_digest() == openssl_sha256(b.ram.data(), 128));
    });
}

TEST_CASE("shadma: a bus error stops the run with ERR_BUS and the failing address", "[shadma]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        // Unmapped source.
        CHECK(hash(0x40000000u, 256, one_shot) == (SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_BUS));
        CHECK(rd(SHADMA_ERRADDR) == 0x40000000u);
        CHECK(read_digest() == digest{});
        // A source that runs off the end of RAM: the first word past it.
        CHECK(hash(ram_base + ram_size - 1000, 2000, one_shot) == (SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_BUS));
        CHECK(rd(SHADMA_ERRADDR) == ram_base + ram_size);
        // A copy into the flash array (read-only): the destination's address.
        CHECK(hash(ram_base, 512, one_shot | SHADMA_CTRL_COPY, flash_base + 0x1000) ==
              (SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_BUS));
        CHECK(rd(SHADMA_ERRADDR) == flash_base + 0x1000);
        // The engine works on afterwards, and its error bits clear with a write of 1.
        CHECK(hash(ram_base, 3, one_shot) == done_ok);
        CHECK(read_digest() == openssl_sha256(b.ram.data(), 3));
        CHECK(b.dma.statistics().bus_errors == 3);
    });
}

TEST_CASE("shadma: a START while busy sets ERR_BUSY and the run goes on", "[shadma]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        start(ram_base, 0, 64 * 1024, one_shot);
        wait(sc_time(1, SC_US));
        CHECK(rd(SHADMA_STATUS) == SHADMA_STATUS_BUSY);
        start(ram_base + 8, 0, 64, one_shot);
        CHECK(rd(SHADMA_STATUS) == (SHADMA_STATUS_BUSY | SHADMA_STATUS_ERR_BUSY));
        CHECK(wait_done() == (SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_BUSY));
        CHECK(read_digest() == openssl_sha256(b.ram.data(), 64 * 1024));
        CHECK(rd(SHADMA_STATUS) == 0);
    });
}

TEST_CASE("shadma: a reset during a run stops it: no DONE, no interrupt, the copy stops", "[shadma]")
{
    bench b;
    the_bench = &b;
    for (uint32_t i = 0; i < (1u << 20); ++i) b.ram.data()[i] = uint8_t(i);
    b.run([&](tlm_tester&) {
        wr(SHADMA_IRQ_EN, SHADMA_IRQ_EN_DONE);
        start(ram_base, ram_base + 0x200000, 1u << 20, one_shot | SHADMA_CTRL_COPY);
        wait(sc_time(1, sc_core::SC_MS));
        CHECK(rd(SHADMA_STATUS) == SHADMA_STATUS_BUSY);
        b.dma.reset();
        wait(sc_time(20, sc_core::SC_MS)); // past the end the run would have had
        CHECK(rd(SHADMA_STATUS) == 0);
        CHECK(rd(SHADMA_IRQ_EN) == 0);
        CHECK(!b.irq.read());
        CHECK(read_digest() == digest{});
        CHECK(b.dma.statistics().aborted == 1);
        // Part of the copy landed, the rest did not.
        CHECK(b.ram.data()[0x200000] == 0);
        CHECK(b.ram.data()[0x200000 + (1u << 20) - 1] == fill);
        // A new run works.
        CHECK(hash(ram_base, 64, one_shot) == done_ok);
        CHECK(read_digest() == openssl_sha256(b.ram.data(), 64));
    });
}

TEST_CASE("shadma: a START right after a reset runs, even with instant register accesses", "[shadma]")
{
    sha_dma_config cfg;
    cfg.access_latency = sc_core::SC_ZERO_TIME; // the START acts in the same delta as the reset's abort
    bench b(cfg);
    the_bench = &b;
    b.run([&](tlm_tester&) {
        start(ram_base, 0, 1u << 16, one_shot);
        wait(sc_time(10, SC_US));
        b.dma.reset();
        start(ram_base + 64, 0, 64, one_shot);
        CHECK(wait_done() == done_ok);
        CHECK(read_digest() == openssl_sha256(b.ram.data() + 64, 64));
    });
}

TEST_CASE("shadma: the NVRAM, which takes words only, is read and written a word at a time at its SPI speed",
          "[shadma]")
{
    bench b;
    the_bench = &b;
    std::vector<uint8_t> pattern(1000);
    for (size_t i = 0; i < pattern.size(); ++i) pattern[i] = uint8_t(i * 5 + 7);
    b.nv.write_host(0x100, pattern.data(), pattern.size());
    b.run([&](tlm_tester&) {
        start(CELL_NVRAM_BASE + 0x100, 0, 1000, one_shot);
        const sc_time t0 = sc_core::sc_time_stamp();
        CHECK(wait_done() == done_ok);
        const double us = (sc_core::sc_time_stamp() - t0).to_seconds() * 1e6;
        CHECK(read_digest() == openssl_sha256(pattern.data(), pattern.size()));
        // 250 words of one SPI read each (opcode, address, 4 data bytes at 40 MHz: 1.6 us): 400 us.
        CHECK(us > 400.0);
        CHECK(us < 402.0);
        // A copy into the NVRAM goes word by word too.
        CHECK(hash(ram_base, 64, one_shot | SHADMA_CTRL_COPY, CELL_NVRAM_BASE + 0x800) == done_ok);
        CHECK(std::memcmp(b.nv.data() + 0x800, b.ram.data(), 64) == 0);
    });
}

TEST_CASE("shadma: the interrupt follows DONE and IRQ_EN", "[shadma]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester&) {
        start(ram_base, 0, 64, one_shot);
        wait(sc_time(10, SC_US));
        CHECK(rd(SHADMA_STATUS) == done_ok);
        CHECK(!b.irq.read());
        wr(SHADMA_IRQ_EN, SHADMA_IRQ_EN_DONE);
        wait(sc_time(100, SC_NS));
        CHECK(b.irq.read());
        wr(SHADMA_STATUS, SHADMA_STATUS_DONE);
        wait(sc_time(100, SC_NS));
        CHECK(!b.irq.read());
        start(ram_base, 0, 64, one_shot);
        wait(sc_time(10, SC_US));
        CHECK(b.irq.read());
        start(ram_base, 0, 64, one_shot); // START clears DONE
        wait(sc_time(100, SC_NS));
        CHECK(!b.irq.read());
        wait(sc_time(10, SC_US));
        CHECK(b.irq.read());
    });
}

TEST_CASE("shadma: bad register accesses get TLM error responses", "[shadma]")
{
    bench b;
    the_bench = &b;
    b.run([&](tlm_tester& t) {
        uint32_t v = 0;
        uint16_t h = 0;
        CHECK(t.read32(regs + 0x01C, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE); // hole
        CHECK(t.read32(regs + 0x040, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE); // past the last register
        CHECK(t.read32(regs + 0x002, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE); // misaligned
        CHECK(t.access(tlm::TLM_READ_COMMAND, regs + SHADMA_STATUS, &h, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
        const uint8_t be[4] = {0xff, 0, 0xff, 0};
        CHECK(t.access(tlm::TLM_WRITE_COMMAND, regs + SHADMA_SRC, &v, 4, nullptr, be) ==
              tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        // Read-only registers ignore writes.
        CHECK(t.write32(regs + SHADMA_DIGEST(3), 5) == tlm::TLM_OK_RESPONSE);
        CHECK(rd(SHADMA_DIGEST(3)) == 0);
        CHECK(rd(SHADMA_CTRL) == 0);
    });
}

TEST_CASE("shadma: 1 MiB from flash takes 1 MiB at the flash's 66 MB/s, with or without the copy", "[shadma]")
{
    bench b;
    the_bench = &b;
    constexpr uint32_t len = 1u << 20;
    std::vector<uint8_t> pattern(len);
    for (uint32_t i = 0; i < len; ++i) pattern[i] = uint8_t((i * 0x9E3779B1u) >> 24);
    b.rom.program_host(0x100000, pattern);
    b.run([&](tlm_tester&) {
        for (uint32_t copy : {0u, SHADMA_CTRL_COPY}) {
            INFO("copy " << copy);
            std::memset(b.ram.data(), fill, len);
            start(flash_base + 0x100000, ram_base, len, one_shot | copy);
            const sc_time t0 = sc_core::sc_time_stamp();
            CHECK(wait_done() == done_ok);
            const double us = (sc_core::sc_time_stamp() - t0).to_seconds() * 1e6;
            CHECK(read_digest() == openssl_sha256(pattern.data(), len));
            if (copy) CHECK(std::memcmp(b.ram.data(), pattern.data(), len) == 0);
            // 262144 words at 60 ns: 15729 us; then the last block's hash and write, and the padding block.
            CHECK(us > 15729.0);
            CHECK(us < 15760.0);
        }
    });
}

TEST_CASE("shadma: in a cell, a reset or a power cut during a run stops it without DONE", "[shadma][cell]")
{
    mgmt_bus mb("mb");
    cell_config cfg;
    cell c("cell", cfg, mb);
    const std::vector<uint32_t> sleep = {0x10500073, 0xffdff06f}; // wfi; j .-4
    c.rom.program_host(0, sleep.data(), sleep.size() * 4);
    tlm_tester t("t");
    t.initiator_socket.bind(c.bus.target_socket);
    bool finished = false;
    auto status = [&] {
        uint32_t v = 0;
        CHECK(t.read32(CELL_SHADMA_BASE + SHADMA_STATUS, v) == tlm::TLM_OK_RESPONSE);
        return v;
    };
    auto start_1mib = [&] {
        CHECK(t.write32(CELL_SHADMA_BASE + SHADMA_SRC, CELL_FLASH_BASE) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_SHADMA_BASE + SHADMA_DST, CELL_RAM_BASE) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_SHADMA_BASE + SHADMA_LEN, 1u << 20) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_SHADMA_BASE + SHADMA_IRQ_EN, SHADMA_IRQ_EN_DONE) == tlm::TLM_OK_RESPONSE);
        CHECK(t.write32(CELL_SHADMA_BASE + SHADMA_CTRL,
                        SHADMA_CTRL_START | SHADMA_CTRL_INIT | SHADMA_CTRL_COPY | SHADMA_CTRL_FINAL) ==
              tlm::TLM_OK_RESPONSE);
    };
    t.body = [&](tlm_tester&) {
        // A whole run in the cell: 1 MiB from flash to RAM in about 15.7 ms, with the interrupt.
        start_1mib();
        wait(sc_time(20, sc_core::SC_MS));
        CHECK(status() == SHADMA_STATUS_DONE);
        CHECK(c.intc0.source[CELL_IRQ_SHADMA].read());
        // A cell reset 1 ms into a run: nothing completes afterwards.
        start_1mib();
        wait(sc_time(1, sc_core::SC_MS));
        CHECK(status() == SHADMA_STATUS_BUSY);
        c.request_reset(CELLCTL_RESET_SOFT);
        wait(sc_time(20, sc_core::SC_MS));
        CHECK(status() == 0);
        CHECK(!c.intc0.source[CELL_IRQ_SHADMA].read());
        // Power off 1 ms into a run: the same, and after power returns the engine is idle.
        start_1mib();
        wait(sc_time(1, sc_core::SC_MS));
        c.power_off();
        wait(sc_time(20, sc_core::SC_MS));
        c.power_on();
        wait(sc_time(1, sc_core::SC_MS));
        CHECK(status() == 0);
        CHECK(c.shadma.statistics().aborted == 2);
        finished = true;
    };
    sc_core::sc_start(sc_time(1, sc_core::SC_SEC));
    CHECK(finished);
}
