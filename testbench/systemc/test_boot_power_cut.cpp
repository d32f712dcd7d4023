// Power-cut safety of a slot update, tested the way MCUboot's simulator tests it, on the real firmware (the boot
// and the cell firmware releases): count the flash operations (erases and programs) and NVRAM writes of one
// uninterrupted update (1.0 running; 1.1 lands in RAM; the cell writes it to the other slot, updates the
// metadata, resets, boots it on trial and confirms), then for every operation i repeat the update from the same
// start, cut the power at i (flash: before the operation, and in its middle with a torn result; NVRAM: with 0
// and with 2 of the 4 bytes of the write landed), power up, let the cell finish booting, and check: it runs a
// valid image (1.0 or 1.1), both metadata copies are valid and the same, the NVRAM settings are intact (the
// auto-update flag set at the start is still set); then retry the update and check the cell ends up running
// 1.1, accepted. Also several random cuts in a row. Every injection point is counted and reported.
//
// CTest runs a reduced sweep ("[power-cut]": every operation that is not a slot page program, and every 8th
// page program: still every kind of operation); the full one is a benchmark-style command:
//   ./build/testbench/cellvp_sc_tests "[power-cut-full]"
#include "cellvp/cell_map.h"
#include "cellvp/fwu_metadata.h"
#include "image/image.h"
#include "platform/cell_system.h"
#include "update_probe.h"
#include "util/elf_file.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_MS;
using sc_core::sc_time;

namespace {

constexpr uint32_t auto_update_flag = NVREC_SETTINGS_AUTO_UPDATE;

struct cut_cell {
    cell_system sys;
    std::string console;
    std::vector<uint8_t> flash0, nvram0; // the starting state of every repetition
    std::vector<uint8_t> img11 = read_binary_file(std::string(CELLVP_IMAGE_DIR) + "/cellfw-1.1.img");
    update_probe probe;

    cut_cell() : sys("sys", config())
    {
        sys.mbus.attach(probe);
        cell().load_program(elf_file(CELLVP_FIRMWARE_DIR "/boot.elf"));
        cell().install_image(0, read_binary_file(std::string(CELLVP_IMAGE_DIR) + "/cellfw-1.0.img"));
        // As a factory leaves a cell: metadata naming slot A, accepted, in both copies; the settings with the
        // auto-update flag.
        const std::vector<uint8_t> md = encode_fwu_metadata(0, 0, FWU_STATE_ACCEPTED);
        cell().rom.program_host(FLASH_METADATA0_OFFSET, md);
        cell().rom.program_host(FLASH_METADATA1_OFFSET, md);
        nvrec_settings factory{};
        factory.flags = auto_update_flag;
        auto rec = encode_settings_record(factory);
        cell().nv.write_host(NVRAM_SETTINGS_COPY0_OFFSET, rec.data(), rec.size());
        cell().on_console = [this](const cellvp::cell&, char c) { console += c; };
        REQUIRE(run_until("cellfw: ready", sc_time(500, SC_MS)));
        flash0.assign(cell().rom.data(), cell().rom.data() + cell().rom.size());
        nvram0.assign(cell().nv.data(), cell().nv.data() + cell().nv.size());
    }
    static cell_system_config config()
    {
        cell_system_config c;
        c.with_fabric = false;
        c.cells.push_back(cell_config{});
        return c;
    }
    cellvp::cell& cell() { return *sys.cells[0]; }

    bool run_until(const std::string& text, sc_time limit, size_t from = 0)
    {
        sc_time end = sc_core::sc_time_stamp() + limit;
        while (console.find(text, from) == std::string::npos && sc_core::sc_time_stamp() < end && cell().powered())
            sc_core::sc_start(sc_time(1, SC_MS));
        return console.find(text, from) != std::string::npos;
    }
    // Power off, back to the starting flash and NVRAM, power on, and boot to the ready 1.0.
    void restart()
    {
        cell().power_off();
        cell().rom.program_host(0, flash0);
        cell().nv.write_host(0, nvram0.data(), nvram0.size());
        cell().power_on();
        console.clear();
        REQUIRE(run_until("cellfw: ready", sc_time(500, SC_MS)));
    }
    // Power back after a cut, and boot as far as the firmware gets: the console of that boot.
    std::string recover()
    {
        cell().power_on();
        size_t from = console.size();
        run_until("cellfw: ready", sc_time(3000, SC_MS), from);
        return console.substr(from);
    }
    // The update as the update cell drives it (enable, image, result, reset), then its end: the new image
    // confirmed and ready. False when it did not get there (a power cut, or a time-out).
    bool update(size_t from)
    {
        auto step = [this] {
            sc_core::sc_start(sc_time(1, SC_MS));
            return cell().powered();
        };
        if (push_update(probe, sys.mbus, cell(), img11, step) != push_result::done) return false;
        return run_until("cellfw: confirmed", sc_time(5000, SC_MS), from) &&
               run_until("cellfw: ready", sc_time(500, SC_MS), console.find("cellfw: confirmed", from));
    }
    bool metadata(unsigned k, fwu_metadata& md) { return flash_metadata(cell(), k, md); }
};

struct cut_point {
    bool flash;      // flash operation, else NVRAM write
    uint64_t number; // from the start of the update
    bool torn;       // flash: in the middle of the operation; NVRAM: 2 of 4 bytes land
};

// After a cut and the boot that follows: the checks of every injection point; then the retry.
void check_after_cut(cut_cell& c, const std::string& boot, const std::string& what)
{
    INFO(what << "\nconsole after power-up:\n" << boot);
    bool old_version = boot.find("cellfw 1.0.0+0") != std::string::npos;
    bool new_version = boot.find("cellfw 1.1.0+0") != std::string::npos;
    REQUIRE(boot.find("cellfw: ready") != std::string::npos); // it booted an image: never stuck, never recovery
    CHECK((old_version || new_version));
    fwu_metadata m0, m1;
    bool v0 = c.metadata(0, m0), v1 = c.metadata(1, m1);
    CHECK(v0);
    CHECK(v1);
    CHECK(std::memcmp(&m0, &m1, sizeof m0) == 0);
    std::optional<decoded_settings> s = nvram_settings(c.cell());
    REQUIRE(s.has_value());
    CHECK((s->settings.flags & auto_update_flag) != 0);

    // The retry: the update again from here; the cell must end up running 1.1, accepted.
    size_t from = c.console.size();
    if (old_version) REQUIRE(c.update(from)); // else 1.1 runs already (confirmed at this boot, or before the cut)
    c.cell().request_reset(CELLCTL_RESET_SOFT);
    size_t after = c.console.size();
    REQUIRE(c.run_until("cellfw: ready", sc_time(1000, SC_MS), after));
    CHECK(c.console.find("cellfw 1.1.0+0: cell 0, slot", after) != std::string::npos);
    CHECK(c.console.find("trial", after) == std::string::npos);
    CHECK(c.metadata(0, m0));
    CHECK(m0.state == FWU_STATE_ACCEPTED);
    s = nvram_settings(c.cell());
    REQUIRE(s.has_value());
    CHECK(s->settings.security_counter == 2);
    CHECK((s->settings.flags & auto_update_flag) != 0);
}

void sweep(bool full)
{
    auto t0 = std::chrono::steady_clock::now();
    cut_cell c;

    // One uninterrupted update: count its operations.
    uint64_t f0 = c.cell().rom.operations(), n0 = c.cell().nv.writes();
    REQUIRE(c.update(0));
    const uint64_t flash_ops = c.cell().rom.operations() - f0, nv_writes = c.cell().nv.writes() - n0;
    // Its flash operations, in order: the slot's 64 KiB erases and page programs, the metadata's two copies
    // (erase and program each) for the trial, then again for the confirm.
    const uint64_t erases = (c.img11.size() + 0xFFFF) / 0x10000, pages = (c.img11.size() + 255) / 256;
    REQUIRE(flash_ops == erases + pages + 8);

    std::vector<cut_point> points;
    for (uint64_t i = 1; i <= flash_ops; ++i) {
        bool program = i > erases && i <= erases + pages;
        uint64_t page = i - erases - 1;
        if (!full && program && page % 8 != 0 && page != pages - 1) continue;
        points.push_back({true, i, false});
        points.push_back({true, i, true});
    }
    for (uint64_t i = 1; i <= nv_writes; ++i) {
        points.push_back({false, i, false});
        points.push_back({false, i, true});
    }

    unsigned done = 0, kinds[4] = {0, 0, 0, 0};
    for (const cut_point& p : points) {
        c.restart();
        if (p.flash) {
            if (p.torn) c.cell().rom.cut_power_during(p.number);
            else c.cell().rom.cut_power_before(p.number);
        } else {
            c.cell().nv.cut_power_at_write(p.number, p.torn ? 2u : 0u);
        }
        c.update(c.console.size());
        std::string what = std::string("cut at ") + (p.flash ? "flash operation " : "NVRAM write ") +
                           std::to_string(p.number) + (p.torn ? " (torn)" : "");
        INFO(what);
        REQUIRE_FALSE(c.cell().powered()); // the cut fell inside the update
        check_after_cut(c, c.recover(), what);
        ++done;
        ++kinds[(p.flash ? 0 : 2) + (p.torn ? 1 : 0)];
    }

    // Several random cuts in a row, then the update must still complete.
    std::mt19937_64 rng(12345);
    unsigned random_runs = full ? 20 : 4, random_cuts = 0;
    for (unsigned run = 0; run < random_runs; ++run) {
        c.restart();
        for (int k = 0; k < 3; ++k) {
            if (rng() % 2) c.cell().rom.cut_power_during(1 + rng() % (flash_ops / 2));
            else c.cell().nv.cut_power_at_write(1 + rng() % nv_writes, unsigned(rng() % 4));
            bool running_new = c.console.rfind("cellfw 1.1.0+0") != std::string::npos &&
                               c.console.rfind("cellfw 1.1.0+0") > c.console.rfind("cellfw 1.0.0+0");
            if (!running_new) c.update(c.console.size());
            if (!c.cell().powered()) {
                ++random_cuts;
                std::string boot = c.recover();
                REQUIRE(boot.find("cellfw: ready") != std::string::npos);
            }
            c.cell().rom.cut_power_before(0);
            c.cell().nv.cut_power_at_write(0);
        }
        std::string tail = c.console;
        check_after_cut(c, tail.substr(tail.rfind("cellfw ")), "random cuts, run " + std::to_string(run));
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("power-cut sweep (%s): one update = %llu flash operations (%llu erases, %llu page programs, 8 "
                "metadata) and %llu NVRAM writes; %u injection points passed (flash before %u, flash torn %u, NVRAM "
                "whole-word %u, NVRAM torn %u), %u random cuts in %u runs; %.1f s wall\n",
                full ? "full" : "reduced", (unsigned long long)flash_ops, (unsigned long long)erases,
                (unsigned long long)pages, (unsigned long long)nv_writes, done, kinds[0], kinds[1], kinds[2], kinds[3],
                random_cuts, random_runs, wall);
    CHECK(done == points.size());
}

} // namespace

TEST_CASE("boot power cut: a cut at any operation of a slot update leaves a bootable cell that completes the update on retry", "[power-cut]")
{
    sweep(false);
}

TEST_CASE("boot power cut: full sweep over every operation of a slot update", "[.][power-cut-full]")
{
    sweep(true);
}
