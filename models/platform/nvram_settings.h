// The records a factory presets in a cell before its first boot, encoded on the host: the NVRAM settings record
// (firmware/include/cellvp/nvram_settings.h, as firmware/boot/nvrec.c writes it) and the flash update metadata
// (fwu_metadata.h). Pure C++, no SystemC: `cellvp run` presets scenarios with them and tests read them back.
#pragma once

#include "cellvp/fwu_metadata.h"
#include "cellvp/nvram_settings.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cellvp {

// CRC-32 (IEEE 802.3, reflected, as zlib's crc32 and the firmware's nvram_crc32).
uint32_t crc32_ieee(const uint8_t* data, size_t size, uint32_t crc = 0);

// One copy of a settings record: magic, version, length 32, sequence, payload, CRC-32 of the bytes before it
// (48 bytes, little-endian).
std::vector<uint8_t> encode_settings_record(const nvrec_settings& settings, uint32_t sequence = 1);

struct decoded_settings {
    nvrec_settings settings{};
    uint32_t sequence = 0;
    uint16_t version = 0;
};
// The record at the start of `bytes`, or nullopt with `why` set (bad magic, unknown version, bad length,
// truncated, CRC mismatch). A shorter payload reads its missing fields as 0, as the firmware does.
std::optional<decoded_settings> decode_settings_record(const std::vector<uint8_t>& bytes, std::string* why = nullptr);

// One copy of the update metadata (32 bytes): active and previous slot, state, sequence, CRC over 28 bytes.
std::vector<uint8_t> encode_fwu_metadata(uint8_t active_slot, uint8_t previous_slot, uint8_t state,
                                         uint32_t sequence = 1);
std::optional<fwu_metadata> decode_fwu_metadata(const std::vector<uint8_t>& bytes, std::string* why = nullptr);

} // namespace cellvp
