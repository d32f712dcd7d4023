// The verilated LCRC block against known CRC-32 vectors and a bitwise reference, for every lane width.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "Vlink_lcrc.h"

#include <cstdint>
#include <string>
#include <vector>

namespace {

// Bitwise CRC-32 (reflected 0xEDB88320, seeded with all ones), written independently of the RTL.
uint32_t reference_crc(const std::vector<uint8_t>& data)
{
    uint32_t crc = 0xffffffffu;
    for (uint8_t b : data) {
        crc ^= b;
        for (int i = 0; i < 8; ++i) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// Feeds `data` through the block four bytes per clock (the last beat partly valid).
uint32_t rtl_crc(Vlink_lcrc& m, const std::vector<uint8_t>& data)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < data.size(); i += 4) {
        uint32_t word = 0, valid = 0;
        for (size_t b = 0; b < 4 && i + b < data.size(); ++b) {
            word |= uint32_t(data[i + b]) << (8 * b);
            valid |= 1u << b;
        }
        m.crc_i = crc;
        m.data_i = word;
        m.valid_i = valid;
        m.eval();
        crc = m.crc_o;
    }
    return ~crc;
}

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

} // namespace

TEST_CASE("rtl lcrc: \"123456789\" gives the CRC-32 check value 0xCBF43926", "[rtl][lcrc]")
{
    Vlink_lcrc m;
    CHECK(rtl_crc(m, bytes("123456789")) == 0xcbf43926u);
}

TEST_CASE("rtl lcrc: known vectors (empty, one byte, a sentence)", "[rtl][lcrc]")
{
    Vlink_lcrc m;
    CHECK(rtl_crc(m, {}) == 0x00000000u);
    CHECK(rtl_crc(m, bytes("a")) == 0xe8b7be43u);
    CHECK(rtl_crc(m, bytes("The quick brown fox jumps over the lazy dog")) == 0x414fa339u);
}

TEST_CASE("rtl lcrc: every length and partial last beat matches the bitwise reference", "[rtl][lcrc]")
{
    Vlink_lcrc m;
    std::vector<uint8_t> data;
    uint32_t x = 12345;
    for (int len = 0; len < 300; ++len) {
        CHECK(rtl_crc(m, data) == reference_crc(data));
        x = x * 1103515245u + 12345u;
        data.push_back(uint8_t(x >> 16));
    }
}

TEST_CASE("rtl lcrc: a single flipped bit changes the LCRC", "[rtl][lcrc]")
{
    Vlink_lcrc m;
    std::vector<uint8_t> data = bytes("a packet of the fabric, 256 bytes in real life");
    uint32_t good = rtl_crc(m, data);
    for (size_t i = 0; i < data.size() * 8; i += 7) {
        std::vector<uint8_t> bad = data;
        bad[i / 8] ^= uint8_t(1u << (i % 8));
        CHECK(rtl_crc(m, bad) != good);
    }
}
