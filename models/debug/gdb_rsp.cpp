// The GDB remote serial protocol's packet layer: see gdb_rsp.h.
#include "debug/gdb_rsp.h"

namespace cellvp::gdb {

namespace {
const char hex_digits[] = "0123456789abcdef";

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool reserved(char c)
{
    return c == '#' || c == '$' || c == '}' || c == '*';
}
} // namespace

uint8_t checksum(std::string_view payload)
{
    uint8_t sum = 0;
    for (char c : payload) sum = uint8_t(sum + uint8_t(c));
    return sum;
}

std::string escape(std::string_view data)
{
    std::string out;
    out.reserve(data.size());
    for (char c : data) {
        if (reserved(c)) {
            out += '}';
            out += char(c ^ 0x20);
        } else {
            out += c;
        }
    }
    return out;
}

bool unescape(std::string_view data, std::string& out)
{
    out.clear();
    for (size_t i = 0; i < data.size(); ++i) {
        if (data[i] != '}') {
            out += data[i];
        } else {
            if (++i == data.size()) return false;
            out += char(data[i] ^ 0x20);
        }
    }
    return true;
}

std::string frame(std::string_view payload)
{
    std::string body = escape(payload);
    uint8_t sum = checksum(body);
    return "$" + body + "#" + hex_digits[sum >> 4] + hex_digits[sum & 15];
}

std::string to_hex(const uint8_t* data, size_t len)
{
    std::string out;
    out.reserve(2 * len);
    for (size_t i = 0; i < len; ++i) {
        out += hex_digits[data[i] >> 4];
        out += hex_digits[data[i] & 15];
    }
    return out;
}

std::string to_hex(std::string_view text)
{
    return to_hex(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

bool from_hex(std::string_view hex, std::vector<uint8_t>& out)
{
    out.clear();
    if (hex.size() % 2) return false;
    for (size_t i = 0; i < hex.size(); i += 2) {
        int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(uint8_t(hi << 4 | lo));
    }
    return true;
}

std::string reg_hex(uint32_t v)
{
    uint8_t b[4] = {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)};
    return to_hex(b, 4);
}

bool parse_reg_hex(std::string_view hex, uint32_t& v)
{
    std::vector<uint8_t> b;
    if (hex.size() != 8 || !from_hex(hex, b)) return false;
    v = uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
    return true;
}

bool parse_number(std::string_view hex, uint64_t& v)
{
    if (hex.empty() || hex.size() > 16) return false;
    v = 0;
    for (char c : hex) {
        int d = hex_value(c);
        if (d < 0) return false;
        v = v << 4 | uint64_t(d);
    }
    return true;
}

packet_reader::event packet_reader::feed(char c)
{
    switch (m_state) {
    case state::idle:
        if (c == '$') {
            m_state = state::body;
            m_payload.clear();
            m_sum = 0;
            m_overflow = false;
            return event::none;
        }
        if (c == '\x03') return event::interrupt;
        if (c == '+') return event::ack;
        if (c == '-') return event::nack;
        return event::none; // noise between packets
    case state::body:
        if (c == '#') {
            m_state = state::sum1;
            return event::none;
        }
        if (c == '$') { // a new packet before this one ended: start over
            m_payload.clear();
            m_sum = 0;
            m_overflow = false;
            return event::none;
        }
        m_sum = uint8_t(m_sum + uint8_t(c));
        if (m_payload.size() < max_packet)
            m_payload += c;
        else
            m_overflow = true;
        return event::none;
    case state::sum1: {
        int d = hex_value(c);
        m_expected = uint8_t(d < 0 ? 0 : d << 4);
        m_state = d < 0 ? state::idle : state::sum2;
        return d < 0 ? event::bad_packet : event::none;
    }
    case state::sum2: {
        m_state = state::idle;
        int d = hex_value(c);
        if (d < 0 || uint8_t(m_expected | d) != m_sum || m_overflow) return event::bad_packet;
        return event::packet;
    }
    }
    return event::none;
}

} // namespace cellvp::gdb
