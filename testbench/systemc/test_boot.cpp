// The boot firmware (firmware/boot/main.c) on a cell, with the cell firmware releases the build packs
// (<build>/images/cellfw-*.img): slot selection for valid, corrupt, wrong-hardware and downgraded images,
// recovery mode on the management bus, install and trial boot with confirm, and the revert of a trial that
// never confirms. Everything runs the real firmware; the test bench only programs flash as a factory would,
// puts images into RAM where the fabric would, and talks on the management bus.
#include "cellvp/boot_info.h"
#include "cellvp/cell_map.h"
#include "cellvp/fwu_metadata.h"
#include "cellvp/update_proto.h"
#include "image/image.h"
#include "platform/cell_system.h"
#include "update_probe.h"
#include "util/elf_file.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace cellvp;
using namespace cellvp::test;
using sc_core::SC_MS;
using sc_core::sc_time;

namespace {

std::vector<uint8_t> release(const std::string& version)
{
    return read_binary_file(std::string(CELLVP_IMAGE_DIR) + "/cellfw-" + version + ".img");
}

struct boot_system {
    cell_system sys;
    std::vector<std::string> console;
    update_probe node;

    explicit boot_system(unsigned cells = 1, unsigned harts = 1) : sys("sys", config(cells, harts)), console(cells)
    {
        elf_file boot(CELLVP_FIRMWARE_DIR "/boot.elf");
        for (auto& c : sys.cells) {
            c->load_program(boot);
            c->on_console = [this](const cellvp::cell& who, char ch) { console[who.id()] += ch; };
        }
        sys.mbus.attach(node);
    }
    static cell_system_config config(unsigned cells, unsigned harts)
    {
        cell_system_config c;
        for (unsigned i = 0; i < cells; ++i) {
            cell_config cc;
            cc.id = i;
            cc.harts = harts;
            c.cells.push_back(cc);
        }
        return c;
    }
    cellvp::cell& cell(unsigned i = 0) { return *sys.cells[i]; }

    // Runs until `text` appears on cell `i`'s console after position `from` (true), or `limit` passes.
    bool run_until(const std::string& text, sc_time limit, unsigned i = 0, size_t from = 0)
    {
        sc_time end = sc_core::sc_time_stamp() + limit;
        while (console[i].find(text, from) == std::string::npos && sc_core::sc_time_stamp() < end)
            sc_core::sc_start(sc_time(1, SC_MS));
        return console[i].find(text, from) != std::string::npos;
    }
    size_t count(const std::string& text, unsigned i = 0) const
    {
        size_t n = 0;
        for (size_t at = console[i].find(text); at != std::string::npos; at = console[i].find(text, at + 1)) ++n;
        return n;
    }

    // The metadata copy `k` as the boot would read it; valid when its magic and CRC check.
    bool metadata(unsigned k, fwu_metadata& md) { return flash_metadata(cell(), k, md); }
    // The update cell's part toward cell 0 (update_probe.h), a millisecond at a time.
    push_result push(const std::vector<uint8_t>& image)
    {
        return push_update(node, sys.mbus, cell(), image, [] {
            sc_core::sc_start(sc_time(1, SC_MS));
            return true;
        });
    }
    // An image where the fabric would put it: the staging area of cell `i`'s RAM.
    void stage(const std::vector<uint8_t>& image, unsigned i = 0)
    {
        sys.cells[i]->ram.write_host(CELL_RAM_STAGING_OFFSET, image.data(), image.size());
    }
    void send(uint8_t dest, const std::vector<uint8_t>& payload)
    {
        mgmt_packet p;
        p.dest = dest;
        p.payload = payload;
        sys.mbus.send(node, p);
    }
    // The last packet of type `type` the probe received, or null.
    const mgmt_packet* last(uint8_t type) const
    {
        for (auto it = node.got.rbegin(); it != node.got.rend(); ++it)
            if (!it->payload.empty() && it->payload[0] == type) return &*it;
        return nullptr;
    }
};

template <typename T> T as(const mgmt_packet& p)
{
    T v{};
    std::memcpy(&v, p.payload.data(), std::min(sizeof v, p.payload.size()));
    return v;
}

template <typename T> std::vector<uint8_t> bytes(const T& v)
{
    const uint8_t* p = reinterpret_cast<const uint8_t*>(&v);
    return {p, p + sizeof v};
}

} // namespace

TEST_CASE("boot: a valid image in the active slot is copied to RAM and runs on every hart", "[boot]")
{
    boot_system b(1, 2);
    b.cell().install_image(0, release("1.0"));
    REQUIRE(b.run_until("cellfw: ready", sc_time(200, SC_MS)));
    CHECK(b.console[0].find("boot: slot A version 1.0.0+0") != std::string::npos);
    CHECK(b.console[0].find("cellfw 1.0.0+0: cell 0, slot A\n") != std::string::npos);
    // Release 1.0 does not print the boot time; 1.1 does (the visible difference between releases).
    CHECK(b.console[0].find("boot took") == std::string::npos);
    // The image runs from the run area of RAM, as the boot left it there.
    auto img = release("1.0");
    CHECK(std::memcmp(b.cell().ram.data() + CELL_RAM_RUN_OFFSET, img.data() + IMAGE_HEADER_SIZE, 256) == 0);
}

TEST_CASE("boot: a corrupt active slot falls back to the other slot, which becomes active", "[boot]")
{
    boot_system b;
    b.cell().install_image(0, flip_byte(release("1.0"), 300));
    b.cell().install_image(1, release("1.1"));
    REQUIRE(b.run_until("cellfw: ready", sc_time(500, SC_MS)));
    CHECK(b.console[0].find("boot: slot A: hash mismatch") != std::string::npos);
    CHECK(b.console[0].find("cellfw 1.1.0+0: cell 0, slot B, boot reason: hash mismatch") != std::string::npos);
    fwu_metadata m0, m1;
    REQUIRE(b.metadata(0, m0));
    REQUIRE(b.metadata(1, m1));
    CHECK(m0.active_slot == 1);
    CHECK(m0.state == FWU_STATE_ACCEPTED);
    CHECK(std::memcmp(&m0, &m1, sizeof m0) == 0);
}

TEST_CASE("boot: an image built for another board is refused (wrong hardware)", "[boot]")
{
    boot_system b;
    image_pack_options opt;
    opt.version = *parse_image_version("1.1");
    opt.security_counter = 2;
    opt.hw_id = IMAGE_HW_ID_CELL_BOARD + 1;
    b.cell().install_image(0, pack_image(std::string(CELLVP_FIRMWARE_DIR) + "/cellfw-1.1.elf", opt));
    b.cell().install_image(1, release("1.0"));
    REQUIRE(b.run_until("cellfw: ready", sc_time(500, SC_MS)));
    CHECK(b.console[0].find("boot: slot A: wrong hardware") != std::string::npos);
    CHECK(b.console[0].find("cellfw 1.0.0+0: cell 0, slot B, boot reason: wrong hardware") != std::string::npos);
}

TEST_CASE("boot: an empty flash enters recovery mode (no image) and reports it on the management bus", "[boot][recovery]")
{
    {
        boot_system b;
        REQUIRE(b.run_until("boot: recovery mode (no image)", sc_time(100, SC_MS)));
        sc_core::sc_start(sc_time(1200, SC_MS)); // the first status and two heartbeats
        size_t beats = 0;
        for (auto& p : b.node.got)
            if (p.src == 0 && p.dest == MBOX_BROADCAST && p.payload.size() >= sizeof(upd_msg_status) &&
                p.payload[0] == UPD_STATUS) {
                auto s = as<upd_msg_status>(p);
                CHECK(s.status == BOOT_STATUS_RECOVERY_MODE);
                CHECK(s.reason == BOOT_REASON_NO_IMAGE);
                ++beats;
            }
        CHECK(beats >= 3);
        // A status request is answered to the one who asked, with its tag.
        b.send(0, {UPD_GET_STATUS, 0x5A});
        sc_core::sc_start(sc_time(20, SC_MS));
        const mgmt_packet* st = b.last(UPD_STATUS);
        REQUIRE(st);
        CHECK(st->dest == b.node.mgmt_address());
        CHECK(as<upd_msg_status>(*st).tag == 0x5A);
    }
}

TEST_CASE("boot: with both slots corrupt the cell enters recovery mode (hash mismatch)", "[boot][recovery]")
{
    {
        boot_system b;
        b.cell().install_image(0, flip_byte(release("1.0"), 100));
        b.cell().install_image(1, truncate_bytes(release("1.1"), 4000));
        REQUIRE(b.run_until("boot: recovery mode (hash mismatch)", sc_time(200, SC_MS)));
        CHECK(b.console[0].find("boot: slot B: bad header") != std::string::npos);
    }
}

TEST_CASE("boot: recovery mode enables the fabric, takes an image into its window and boots it after a remote reset", "[boot][recovery]")
{
    boot_system b;
    REQUIRE(b.run_until("boot: recovery mode (no image)", sc_time(100, SC_MS)));
    auto img = release("1.1");
    upd_msg_enable en{UPD_ENABLE, 7, {0, 0}, uint32_t(img.size())};
    b.send(0, bytes(en));
    sc_core::sc_start(sc_time(20, SC_MS));
    const mgmt_packet* ack = b.last(UPD_ENABLE_ACK);
    REQUIRE(ack);
    auto a = as<upd_msg_enable_ack>(*ack);
    CHECK(a.result == UPD_OK);
    CHECK(a.tag == 7);
    CHECK(a.window_addr == CELL_RAM_BASE + CELL_RAM_STAGING_OFFSET);
    CHECK(b.console[0].find("boot: fabric enabled for cell 64") != std::string::npos);

    // An image from another cell than the one the window is for is out of protocol.
    b.stage(img);
    upd_msg_image im{UPD_IMAGE, 8, {0, 0}, uint32_t(img.size())};
    b.send(0, bytes(im));
    REQUIRE(b.run_until("in slot A, waiting for reset", sc_time(2000, SC_MS)));
    sc_core::sc_start(sc_time(20, SC_MS));
    const mgmt_packet* res = b.last(UPD_RESULT);
    REQUIRE(res);
    auto r = as<upd_msg_result>(*res);
    CHECK(r.result == UPD_OK);
    CHECK(r.version.major == 1);
    CHECK(r.version.minor == 1);

    size_t from = b.console[0].size();
    b.send(0, {MBOX_RESET_OPCODE, 0x21, 0x54, 0x53, 0x52}); // remote reset, MBOX_RESET_KEY LSB first
    REQUIRE(b.run_until("cellfw: ready", sc_time(500, SC_MS), 0, from));
    CHECK(b.console[0].find("cellfw 1.1.0+0: cell 0, slot A", from) != std::string::npos);
}

TEST_CASE("boot: a tampered image in the recovery window is rejected with its reason", "[boot][recovery]")
{
    boot_system b;
    REQUIRE(b.run_until("boot: recovery mode (no image)", sc_time(100, SC_MS)));
    auto img = flip_byte(release("1.1"), 2000);
    b.send(0, bytes(upd_msg_enable{UPD_ENABLE, 1, {0, 0}, uint32_t(img.size())}));
    sc_core::sc_start(sc_time(20, SC_MS));
    b.stage(img);
    b.send(0, bytes(upd_msg_image{UPD_IMAGE, 2, {0, 0}, uint32_t(img.size())}));
    REQUIRE(b.run_until("received image rejected (hash mismatch)", sc_time(500, SC_MS)));
    sc_core::sc_start(sc_time(20, SC_MS));
    const mgmt_packet* res = b.last(UPD_RESULT);
    REQUIRE(res);
    CHECK(as<upd_msg_result>(*res).result == UPD_ERR_REJECTED);
    CHECK(as<upd_msg_result>(*res).reason == BOOT_REASON_HASH_MISMATCH);
}

TEST_CASE("boot: an installed image boots on trial, confirms, and raises the anti-rollback counter", "[boot][trial]")
{
    boot_system b;
    b.cell().install_image(0, release("1.0"));
    REQUIRE(b.run_until("cellfw: ready", sc_time(200, SC_MS)));
    size_t from = b.console[0].size();
    REQUIRE(b.push(release("1.1")) == push_result::done);
    CHECK(b.console[0].find("cellfw: image installed, waiting for reset", from) != std::string::npos);
    REQUIRE(b.run_until("cellfw: confirmed", sc_time(2000, SC_MS), 0, from));
    CHECK(b.console[0].find("cellfw 1.1.0+0: cell 0, slot B, trial boot 1", from) != std::string::npos);
    fwu_metadata m0, m1;
    REQUIRE(b.metadata(0, m0));
    REQUIRE(b.metadata(1, m1));
    CHECK(m0.active_slot == 1);
    CHECK(m0.previous_slot == 0);
    CHECK(m0.state == FWU_STATE_ACCEPTED);
    CHECK(std::memcmp(&m0, &m1, sizeof m0) == 0);

    // Now the stored counter is 1.1's (2): release 1.0 (counter 1) is a downgrade and never boots again.
    b.cell().install_image(1, release("1.0"));
    from = b.console[0].size();
    b.cell().request_reset(CELLCTL_RESET_SOFT);
    REQUIRE(b.run_until("boot: recovery mode (anti-rollback)", sc_time(500, SC_MS), 0, from));
    CHECK(b.console[0].find("boot: slot B: anti-rollback", from) != std::string::npos);
    CHECK(b.console[0].find("boot: slot A: anti-rollback", from) != std::string::npos);
}

TEST_CASE("boot: a trial image that never confirms is reverted after the allowed trial boots", "[boot][trial]")
{
    boot_system b;
    b.cell().install_image(0, release("1.0"));
    REQUIRE(b.run_until("cellfw: ready", sc_time(200, SC_MS)));
    size_t from = b.console[0].size();
    // Release 1.2 never confirms.
    REQUIRE(b.push(release("1.2")) == push_result::done);
    REQUIRE(b.run_until("boot: trial of slot B failed, reverting", sc_time(5000, SC_MS), 0, from));
    REQUIRE(b.run_until("cellfw: ready", sc_time(500, SC_MS), 0, b.console[0].find("reverting", from)));
    CHECK(b.count("cellfw 1.2.0+0: cell 0, slot B, trial boot") == FWU_MAX_TRIAL_BOOTS);
    CHECK(b.console[0].find("cellfw 1.0.0+0: cell 0, slot A, boot reason: trial failed", from) != std::string::npos);
    fwu_metadata m0;
    REQUIRE(b.metadata(0, m0));
    CHECK(m0.active_slot == 0);
    CHECK(m0.state == FWU_STATE_ACCEPTED);
}

TEST_CASE("update: a cell told to enable its fabric but given no image leaves update mode after the idle time-out", "[boot][update]")
{
    boot_system b;
    b.cell().install_image(0, release("1.0"));
    REQUIRE(b.run_until("cellfw: ready", sc_time(200, SC_MS)));
    size_t from = b.console[0].size();
    b.node.send(b.sys.mbus, 0, upd_msg_enable{UPD_ENABLE, 9, {0, 0}, 4096});
    REQUIRE(b.run_until("cellfw: update from cell 64: fabric enabled", sc_time(50, SC_MS), 0, from));
    sc_time enabled_at = sc_core::sc_time_stamp();
    REQUIRE(b.run_until("cellfw: no image came: update mode left", sc_time(12000, SC_MS), 0, from));
    // PLDM's idle time-out, scaled (firmware/update/agent.c): 10 s after the enable, not before.
    CHECK(sc_core::sc_time_stamp() - enabled_at >= sc_time(9990, SC_MS));
    // Back to idle: an image message now is out of protocol.
    size_t mark = b.node.got.size();
    b.node.send(b.sys.mbus, 0, upd_msg_image{UPD_IMAGE, 10, {0, 0}, 4096});
    sc_core::sc_start(sc_time(20, SC_MS));
    const mgmt_packet* res = b.node.last(UPD_RESULT, mark);
    REQUIRE(res);
    CHECK(payload_as<upd_msg_result>(*res).result == UPD_ERR_STATE);
}
