// The factory records `cellvp run` presets (models/platform/nvram_settings.h): the settings record and the update
// metadata in the firmware's byte layout, round trip, and the CRC catching damage.
#include "platform/nvram_settings.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace cellvp;

TEST_CASE("nvram settings: CRC-32 is the IEEE one (zlib's)")
{
    const char* text = "123456789";
    CHECK(crc32_ieee(reinterpret_cast<const uint8_t*>(text), 9) == 0xCBF43926u);
    CHECK(crc32_ieee(nullptr, 0) == 0u);
}

TEST_CASE("nvram settings: a record has the documented layout and reads back")
{
    nvrec_settings s{};
    s.flags = NVREC_SETTINGS_AUTO_UPDATE;
    s.security_counter = 2;
    s.update_policy = UPD_POLICY_TREE | UPD_POLICY_NO_ACK_WAIT | UPD_POLICY_FORCE;
    std::vector<uint8_t> b = encode_settings_record(s, 1);
    REQUIRE(b.size() == NVREC_OVERHEAD + 32);
    CHECK(std::memcmp(b.data(), "NREC", 4) == 0); // NVREC_MAGIC little-endian
    CHECK((b[4] | b[5] << 8) == NVREC_SETTINGS_VERSION);
    CHECK((b[6] | b[7] << 8) == 32);
    CHECK(b[8] == 1);
    CHECK(b[12] == NVREC_SETTINGS_AUTO_UPDATE);
    CHECK(b[12 + 16] == (UPD_POLICY_TREE | UPD_POLICY_NO_ACK_WAIT | UPD_POLICY_FORCE));
    uint32_t crc = uint32_t(b[44]) | uint32_t(b[45]) << 8 | uint32_t(b[46]) << 16 | uint32_t(b[47]) << 24;
    CHECK(crc == crc32_ieee(b.data(), 44));

    std::optional<decoded_settings> d = decode_settings_record(b);
    REQUIRE(d);
    CHECK(d->sequence == 1);
    CHECK(d->settings.flags == NVREC_SETTINGS_AUTO_UPDATE);
    CHECK(d->settings.security_counter == 2);
    CHECK(d->settings.update_policy == s.update_policy);
    CHECK(decode_settings_record(encode_settings_record(s, 7))->sequence == 7);
}

TEST_CASE("nvram settings: a damaged record is refused with the reason")
{
    std::vector<uint8_t> b = encode_settings_record(nvrec_settings{}, 1);
    std::string why;
    std::vector<uint8_t> flipped = b;
    flipped[20] ^= 1;
    CHECK(!decode_settings_record(flipped, &why));
    CHECK(why == "CRC mismatch");
    std::vector<uint8_t> magic = b;
    magic[0] = 0;
    CHECK(!decode_settings_record(magic, &why));
    CHECK(why == "bad magic");
    CHECK(!decode_settings_record(std::vector<uint8_t>(b.begin(), b.begin() + 30), &why));
    CHECK(why == "truncated record");
}

TEST_CASE("nvram settings: update metadata has the documented layout, CRC over 28 bytes")
{
    std::vector<uint8_t> m = encode_fwu_metadata(1, 1, FWU_STATE_ACCEPTED, 1);
    REQUIRE(m.size() == 32);
    CHECK(std::memcmp(m.data(), "CFWU", 4) == 0);
    CHECK(m[12] == 1);
    CHECK(m[13] == 1);
    CHECK(m[14] == FWU_STATE_ACCEPTED);
    std::optional<fwu_metadata> d = decode_fwu_metadata(m);
    REQUIRE(d);
    CHECK(d->active_slot == 1);
    CHECK(d->sequence == 1);
    CHECK(d->crc == crc32_ieee(m.data(), 28));
    m[13] = 0;
    std::string why;
    CHECK(!decode_fwu_metadata(m, &why));
    CHECK(why == "CRC mismatch");
}
