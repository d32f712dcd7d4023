// The GDB remote serial protocol's packet layer: framing ($payload#checksum), acknowledgements, the binary
// escape, hex fields. Pure C++ with no I/O, so it is unit tested on its own (testbench/unit/test_gdb_rsp.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cellvp::gdb {

// Largest packet payload accepted from GDB (and announced to it as PacketSize).
constexpr size_t max_packet = 4096;

// Modulo-256 sum of the payload's bytes, as they travel (after escaping).
uint8_t checksum(std::string_view payload);

// Escapes the bytes the protocol reserves ('#', '$', '}', '*'): '}' followed by the byte XOR 0x20.
std::string escape(std::string_view data);
// Undoes escape(); false for a '}' at the very end.
bool unescape(std::string_view data, std::string& out);

// A complete packet for the wire: "$" + payload (escaped) + "#" + two hex digits of the checksum.
std::string frame(std::string_view payload);

// Hex fields: bytes as pairs of lower-case digits; numbers as GDB writes them (big-endian digits, no 0x).
std::string to_hex(const uint8_t* data, size_t len);
std::string to_hex(std::string_view text);
bool from_hex(std::string_view hex, std::vector<uint8_t>& out);
// A register value as the target stores it: little-endian bytes in hex (8 digits for 32 bits).
std::string reg_hex(uint32_t v);
bool parse_reg_hex(std::string_view hex, uint32_t& v);
bool parse_number(std::string_view hex, uint64_t& v); // 1 to 16 hex digits

// Splits what arrives from GDB into events, one byte at a time.
class packet_reader {
public:
    enum class event {
        none,       // nothing complete yet
        packet,     // a packet with a good checksum: payload()
        bad_packet, // a packet with a bad checksum or too long: ask again ('-')
        interrupt,  // Ctrl-C (0x03) outside a packet
        ack,        // '+'
        nack        // '-': send the last packet again
    };
    event feed(char c);
    // The payload of the last packet, as received (binary data still escaped: see unescape()).
    const std::string& payload() const { return m_payload; }

private:
    enum class state { idle, body, sum1, sum2 } m_state = state::idle;
    std::string m_payload;
    uint8_t m_sum = 0, m_expected = 0;
    bool m_overflow = false;
};

} // namespace cellvp::gdb
