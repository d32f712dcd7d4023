// Host encoders of the factory records: see nvram_settings.h.
#include "platform/nvram_settings.h"

#include <cstring>

namespace cellvp {

namespace {

void put16(std::vector<uint8_t>& b, uint16_t v)
{
    b.push_back(uint8_t(v));
    b.push_back(uint8_t(v >> 8));
}
void put32(std::vector<uint8_t>& b, uint32_t v)
{
    for (int i = 0; i < 4; ++i) b.push_back(uint8_t(v >> (8 * i)));
}
uint32_t get32(const uint8_t* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
uint16_t get16(const uint8_t* p)
{
    return uint16_t(p[0] | p[1] << 8);
}

std::nullopt_t fail(std::string* why, const char* text)
{
    if (why) *why = text;
    return std::nullopt;
}

} // namespace

uint32_t crc32_ieee(const uint8_t* data, size_t size, uint32_t crc)
{
    crc = ~crc;
    for (size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::vector<uint8_t> encode_settings_record(const nvrec_settings& s, uint32_t sequence)
{
    std::vector<uint8_t> b;
    put32(b, NVREC_MAGIC);
    put16(b, NVREC_SETTINGS_VERSION);
    put16(b, sizeof(nvrec_settings));
    put32(b, sequence);
    for (uint32_t w : {s.flags, s.security_counter, s.boot_count, s.trial_count, s.update_policy, s.reserved[0],
                       s.reserved[1], s.reserved[2]})
        put32(b, w);
    put32(b, crc32_ieee(b.data(), b.size()));
    return b;
}

std::optional<decoded_settings> decode_settings_record(const std::vector<uint8_t>& b, std::string* why)
{
    if (b.size() < NVREC_HEADER_SIZE) return fail(why, "truncated header");
    if (get32(b.data()) != NVREC_MAGIC) return fail(why, "bad magic");
    decoded_settings d;
    d.version = get16(b.data() + 4);
    uint16_t length = get16(b.data() + 6);
    d.sequence = get32(b.data() + 8);
    if (d.version != NVREC_SETTINGS_VERSION) return fail(why, "unknown version");
    if (length > sizeof(nvrec_settings) || length % 4) return fail(why, "bad length");
    if (b.size() < NVREC_OVERHEAD + length) return fail(why, "truncated record");
    if (crc32_ieee(b.data(), NVREC_HEADER_SIZE + length) != get32(b.data() + NVREC_HEADER_SIZE + length))
        return fail(why, "CRC mismatch");
    uint32_t words[8] = {};
    for (unsigned i = 0; i < length / 4u; ++i) words[i] = get32(b.data() + NVREC_HEADER_SIZE + 4 * i);
    std::memcpy(&d.settings, words, sizeof words);
    return d;
}

std::vector<uint8_t> encode_fwu_metadata(uint8_t active_slot, uint8_t previous_slot, uint8_t state, uint32_t sequence)
{
    std::vector<uint8_t> b;
    put32(b, FWU_MAGIC);
    put16(b, FWU_VERSION);
    put16(b, sizeof(fwu_metadata));
    put32(b, sequence);
    b.insert(b.end(), {active_slot, previous_slot, state, 0});
    for (int i = 0; i < 3; ++i) put32(b, 0);
    put32(b, crc32_ieee(b.data(), b.size()));
    return b;
}

std::optional<fwu_metadata> decode_fwu_metadata(const std::vector<uint8_t>& b, std::string* why)
{
    if (b.size() < sizeof(fwu_metadata)) return fail(why, "truncated");
    fwu_metadata m;
    std::memcpy(&m, b.data(), sizeof m); // the host is little-endian like the cell
    if (m.magic != FWU_MAGIC) return fail(why, "bad magic");
    if (m.version != FWU_VERSION || m.size != sizeof(fwu_metadata)) return fail(why, "bad version or size");
    if (m.active_slot > 1 || m.previous_slot > 1 || m.state > FWU_STATE_TRIAL) return fail(why, "bad field");
    if (crc32_ieee(b.data(), 28) != m.crc) return fail(why, "CRC mismatch");
    return m;
}

} // namespace cellvp
