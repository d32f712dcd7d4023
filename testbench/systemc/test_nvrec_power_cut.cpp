// Redundant NVRAM records under power cuts, on the real firmware (firmware/boot/nvrec.c run by
// firmware/tests/sc/nvrec_cut.c on a cell): a cut at every byte of every NVRAM write of one settings update,
// MCUboot-simulator style, then a boot that must read the old or the new settings, and a retry that must
// finish the update.
//
// How the test bench talks to the firmware: before each boot it writes a command word into the NVRAM's free
// part (a host write, neither counted nor cut); the firmware prints what it read through HTIF, which the cell
// hands to on_console, one line "nvrec-cut: read ..." per read and "nvrec-cut: done N" at the end of a boot.
#include "cellvp/cell_map.h"
#include "platform/cell_system.h"
#include "util/elf_file.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace cellvp;
using sc_core::SC_MS;
using sc_core::sc_time;
using sc_core::SC_US;

namespace {

// The firmware's command word and commands (firmware/tests/sc/nvrec_cut.c).
constexpr uint32_t command_offset = NVRAM_FREE_OFFSET;
constexpr uint32_t cmd_setup = 1, cmd_update = 2, cmd_report = 3;

// What the firmware prints for the settings it writes: after SETUP the newest record is OLD (sequence 2, in
// copy 1, PREV in copy 0); an UPDATE then writes NEW over copy 0 (sequence 3).
const std::string old_line = "nvrec-cut: read seq=2 copy=1 flags=1 counter=2 boots=10 trials=0";
const std::string new_line = "nvrec-cut: read seq=3 copy=0 flags=0 counter=3 boots=11 trials=1";
const std::string new_fields = "flags=0 counter=3 boots=11 trials=1"; // NEW, whatever its sequence and copy

// One cell (no fabric) running the power-cut firmware, and its console.
struct nvrec_cell {
    cell_system sys;
    std::string console;
    bool booted = false;

    nvrec_cell() : sys("sys", config())
    {
        cell().load_program(elf_file(CELLVP_FIRMWARE_DIR "/sc-nvrec_cut.elf"));
        cell().on_console = [this](const cellvp::cell&, char c) { console += c; };
    }
    static cell_system_config config()
    {
        cell_system_config c;
        c.with_fabric = false;
        c.cells.push_back(cell_config{});
        return c;
    }
    cellvp::cell& cell() { return *sys.cells[0]; }

    // Powers the cell up (after powering it off, from the second boot on) with `command` for the firmware, arms
    // a cut at the `cut_at`-th NVRAM write from power-on (0: none) leaving `prefix` bytes of it, and runs until
    // the firmware says it is done or the power is cut (at most 200 ms). Returns the console of that boot.
    std::string boot(uint32_t command, uint64_t cut_at = 0, unsigned prefix = 0)
    {
        cell().nv.write_host(command_offset, &command, sizeof command);
        console.clear();
        if (booted) {
            cell().power_off();
            cell().power_on(); // also disarms any cut left over
        }
        booted = true;
        if (cut_at) cell().nv.cut_power_at_write(cut_at, prefix);
        for (int step = 0; step < 4000 && console.find("nvrec-cut: done") == std::string::npos && cell().powered();
             ++step)
            sc_core::sc_start(sc_time(50, SC_US));
        return console;
    }

    std::vector<uint8_t> snapshot() { return {cell().nv.data(), cell().nv.data() + cell().nv.size()}; }
    void restore(const std::vector<uint8_t>& s) { cell().nv.write_host(0, s.data(), s.size()); }
};

// The "read" line of a boot's console, or "" when there is none.
std::string read_line(const std::string& console)
{
    auto at = console.find("nvrec-cut: read");
    if (at == std::string::npos) return "";
    return console.substr(at, console.find('\n', at) - at);
}

} // namespace

TEST_CASE("nvrec: an uninterrupted update writes the new record over the older copy", "[nvrec][power-cut]")
{
    nvrec_cell c;
    REQUIRE(c.boot(cmd_setup).find("nvrec-cut: ready (0)") != std::string::npos);
    CHECK(read_line(c.boot(cmd_report)) == old_line);
    uint64_t before = c.cell().nv.writes();
    std::string out = c.boot(cmd_update);
    CHECK(read_line(out) == old_line);
    CHECK(out.find("nvrec-cut: updated (0)") != std::string::npos);
    // 13 word writes: clear the magic, version/length and sequence (2), 32 payload bytes (8), CRC, magic.
    CHECK(c.cell().nv.writes() - before == 13);
    CHECK(read_line(c.boot(cmd_report)) == new_line);
}

TEST_CASE("nvrec: a power cut at any byte of a write leaves the old or the new record", "[nvrec][power-cut]")
{
    nvrec_cell c;
    REQUIRE(c.boot(cmd_setup).find("nvrec-cut: ready (0)") != std::string::npos);
    const std::vector<uint8_t> start = c.snapshot();

    // Count the NVRAM writes of one uninterrupted update from the starting NVRAM.
    uint64_t before = c.cell().nv.writes();
    REQUIRE(c.boot(cmd_update).find("nvrec-cut: updated (0)") != std::string::npos);
    const uint64_t writes = c.cell().nv.writes() - before;
    REQUIRE(writes > 0);

    // Cut at write i, leaving p of its bytes (0..3: every byte boundary of a word write), from the same start;
    // boot again and read; then retry the update and check it completes.
    unsigned cuts = 0, read_old = 0, read_new = 0;
    for (uint64_t i = 1; i <= writes; ++i) {
        for (unsigned p = 0; p < 4; ++p) {
            INFO("cut at NVRAM write " << i << " of " << writes << " leaving " << p << " bytes");
            c.restore(start);
            c.boot(cmd_update, i, p);
            REQUIRE_FALSE(c.cell().powered()); // the cut happened
            ++cuts;
            std::string seen = read_line(c.boot(cmd_report));
            CHECK((seen == old_line || seen == new_line));
            read_old += seen == old_line;
            read_new += seen == new_line;
            std::string retry = c.boot(cmd_update);
            CHECK(retry.find("nvrec-cut: updated (0)") != std::string::npos);
            CHECK(read_line(c.boot(cmd_report)).find(new_fields) != std::string::npos);
        }
    }
    std::printf("nvrec power-cut sweep: %llu NVRAM writes per update, %u cuts: %u read the old record, %u the new\n",
                (unsigned long long)writes, cuts, read_old, read_new);
    CHECK(cuts == 4 * writes);
    CHECK(read_old + read_new == cuts);
    // The magic is written last and a cut leaves at most 3 of its 4 bytes: no cut inside the update commits it.
    CHECK(read_old == cuts);
}
