// A node of the test bench on the management bus that plays the update cell's part of the update protocol
// (firmware/include/cellvp/update_proto.h) toward one cell: enable, the image put into the cell's staging area
// where the fabric DMA would put it, the image message, and the remote reset once the cell has installed it.
// Used by the boot and power-cut test benches, which test the receiving side and need no second cell.
#pragma once

#include "cellvp/mbox_regs.h"
#include "cellvp/update_proto.h"
#include "dev/mgmt_bus.h"
#include "platform/cell.h"
#include "platform/nvram_settings.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace cellvp::test {

// Update metadata copy `k` (0 or 1) in `c`'s flash as the boot reads it; false when it is not valid.
inline bool flash_metadata(cell& c, unsigned k, fwu_metadata& md)
{
    const uint8_t* p = c.rom.data() + (k ? FLASH_METADATA1_OFFSET : FLASH_METADATA0_OFFSET);
    std::optional<fwu_metadata> d = decode_fwu_metadata({p, p + sizeof md});
    if (d) md = *d;
    return d.has_value();
}

// The newest valid settings record in `c`'s NVRAM, as the firmware reads it.
inline std::optional<decoded_settings> nvram_settings(cell& c)
{
    auto copy = [&](uint32_t off) {
        const uint8_t* p = c.nv.data() + off;
        return decode_settings_record({p, p + NVRAM_SETTINGS_COPY_SIZE});
    };
    auto a = copy(NVRAM_SETTINGS_COPY0_OFFSET), b = copy(NVRAM_SETTINGS_COPY1_OFFSET);
    if (a && b) return int32_t(b->sequence - a->sequence) > 0 ? b : a;
    return a ? a : b;
}

struct update_probe : mgmt_node_if {
    std::vector<mgmt_packet> got;
    uint8_t mgmt_address() const override { return 0x40; }
    bool mgmt_receive(const mgmt_packet& p) override
    {
        got.push_back(p);
        return true;
    }
    void mgmt_sent(const mgmt_packet&, mgmt_result) override {}

    // The last packet of `type` from `src` received since packet number `from` (an index into `got`), or null.
    const mgmt_packet* last(uint8_t type, size_t from = 0) const
    {
        for (size_t i = got.size(); i-- > from;)
            if (!got[i].payload.empty() && got[i].payload[0] == type) return &got[i];
        return nullptr;
    }
    template <typename T> void send(mgmt_bus& bus, uint8_t dest, const T& msg)
    {
        mgmt_packet p;
        p.dest = dest;
        const uint8_t* b = reinterpret_cast<const uint8_t*>(&msg);
        p.payload.assign(b, b + sizeof msg);
        bus.send(*this, p);
    }
    void send_reset(mgmt_bus& bus, uint8_t dest)
    {
        mgmt_packet p;
        p.dest = dest;
        p.payload = {MBOX_RESET_OPCODE, uint8_t(MBOX_RESET_KEY), uint8_t(MBOX_RESET_KEY >> 8),
                     uint8_t(MBOX_RESET_KEY >> 16), uint8_t(MBOX_RESET_KEY >> 24)};
        bus.send(*this, p);
    }
};

template <typename T> T payload_as(const mgmt_packet& p)
{
    T v{};
    std::memcpy(&v, p.payload.data(), std::min(sizeof v, p.payload.size()));
    return v;
}

// What push_update() got to.
enum class push_result { done, no_ack, no_result, rejected, aborted };

// Plays the update cell toward `target`: UPD_ENABLE and its acknowledgement, the image into the target's staging
// area (a host write where the DMA would land), UPD_IMAGE and the result, then the remote reset. `step` advances
// the simulation by a little and returns false to abort (the target lost power). Waits at most `ack_steps` and
// `result_steps` steps for the answers.
template <typename Step>
push_result push_update(update_probe& probe, mgmt_bus& bus, cell& target, const std::vector<uint8_t>& image, Step step,
                        unsigned ack_steps = 200, unsigned result_steps = 20000)
{
    static uint8_t tag = 0;
    const uint8_t id = uint8_t(target.id());
    size_t mark = probe.got.size();
    probe.send(bus, id, upd_msg_enable{UPD_ENABLE, ++tag, {0, 0}, uint32_t(image.size())});
    const mgmt_packet* ack = nullptr;
    for (unsigned i = 0; i < ack_steps && !(ack = probe.last(UPD_ENABLE_ACK, mark)); ++i)
        if (!step()) return push_result::aborted;
    if (!ack) return push_result::no_ack;
    target.ram.write_host(CELL_RAM_STAGING_OFFSET, image.data(), image.size());
    mark = probe.got.size();
    probe.send(bus, id, upd_msg_image{UPD_IMAGE, ++tag, {0, 0}, uint32_t(image.size())});
    const mgmt_packet* res = nullptr;
    for (unsigned i = 0; i < result_steps && !(res = probe.last(UPD_RESULT, mark)); ++i)
        if (!step()) return push_result::aborted;
    if (!res) return push_result::no_result;
    if (payload_as<upd_msg_result>(*res).result != UPD_OK) return push_result::rejected;
    probe.send_reset(bus, id);
    return push_result::done;
}

} // namespace cellvp::test
