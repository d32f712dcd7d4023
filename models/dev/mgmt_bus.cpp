// Manageability interconnect: see mgmt_bus.h.
#include "dev/mgmt_bus.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace cellvp {

namespace {
constexpr const char* msg_type = "cellvp/mgmt_bus";

std::string describe(const mgmt_packet& p)
{
    return std::to_string(p.src) + " -> " + (p.dest == mgmt_broadcast ? std::string("all") : std::to_string(p.dest)) +
           ", " + std::to_string(p.payload.size()) + " bytes";
}

const mgmt_bus_config& validated(const mgmt_bus_config& cfg)
{
    if (cfg.bit_rate_hz < mgmt_min_bit_rate_hz || cfg.bit_rate_hz > mgmt_max_bit_rate_hz)
        throw std::invalid_argument("mgmt_bus: bit rate " + std::to_string(cfg.bit_rate_hz) +
                                    " Hz is out of range: allowed 100000 Hz (SMBus/I2C Standard-mode) to "
                                    "12500000 Hz (I3C SDR)");
    if (!(cfg.corrupt_rate >= 0.0 && cfg.corrupt_rate <= 1.0))
        throw std::invalid_argument("mgmt_bus: corrupt rate " + std::to_string(cfg.corrupt_rate) +
                                    " is not a fraction between 0 and 1");
    return cfg;
}
} // namespace

const char* to_string(mgmt_result r)
{
    switch (r) {
    case mgmt_result::ok: return "ok";
    case mgmt_result::nack: return "nack";
    case mgmt_result::error: return "error";
    }
    return "?";
}

uint8_t smbus_pec(const uint8_t* data, std::size_t len, uint8_t crc)
{
    for (std::size_t i = 0; i < len; ++i) {
        crc ^= data[i];
        for (int b = 0; b < 8; ++b) crc = uint8_t((crc & 0x80) ? (crc << 1) ^ 0x07 : crc << 1);
    }
    return crc;
}

std::vector<uint8_t> mgmt_frame(const mgmt_packet& packet)
{
    std::vector<uint8_t> f;
    f.reserve(packet.payload.size() + mgmt_frame_overhead_bytes);
    f.push_back(packet.dest);
    f.push_back(packet.src);
    f.push_back(uint8_t(packet.payload.size()));
    f.insert(f.end(), packet.payload.begin(), packet.payload.end());
    f.push_back(smbus_pec(f.data(), f.size()));
    return f;
}

mgmt_bus::mgmt_bus(sc_core::sc_module_name name, const mgmt_bus_config& cfg)
    : sc_module(name), busy("busy", false), header("header", 0), m_cfg(validated(cfg)), m_rng(cfg.seed)
{
    m_by_address.fill(-1);
    if (m_cfg.corrupt_rate >= 1.0)
        m_corrupt_always = true;
    else
        m_corrupt_threshold = uint64_t(std::ldexp(m_cfg.corrupt_rate, 64));
    SC_HAS_PROCESS(mgmt_bus);
    SC_METHOD(engine);
    sensitive << m_wake;
    dont_initialize();
}

sc_core::sc_time mgmt_bus::frame_time(std::size_t payload_len) const
{
    // Whole picoseconds, rounded up, computed per packet so that nothing accumulates.
    const uint64_t ps =
        (mgmt_frame_bit_times(payload_len) * 1000000000000ull + m_cfg.bit_rate_hz - 1) / m_cfg.bit_rate_hz;
    return sc_core::sc_time(double(ps), sc_core::SC_PS);
}

void mgmt_bus::attach(mgmt_node_if& node)
{
    const uint8_t a = node.mgmt_address();
    if (a == mgmt_broadcast)
        throw std::invalid_argument(std::string(name()) + ": id 0xFF is the broadcast id, no node can have it");
    if (m_by_address[a] >= 0)
        throw std::invalid_argument(std::string(name()) + ": id " + std::to_string(a) + " is already attached");
    m_by_address[a] = int(m_nodes.size());
    m_nodes.push_back(&node);
}

std::size_t mgmt_bus::node_index(const mgmt_node_if& node) const
{
    auto it = std::find(m_nodes.begin(), m_nodes.end(), &node);
    if (it == m_nodes.end()) throw std::invalid_argument(std::string(name()) + ": the sending node is not attached");
    return std::size_t(it - m_nodes.begin());
}

void mgmt_bus::send(mgmt_node_if& from, mgmt_packet packet, const sc_core::sc_time& delay)
{
    const std::size_t n = node_index(from);
    if (packet.payload.size() > mgmt_max_payload)
        throw std::invalid_argument(std::string(name()) + ": a packet carries at most 64 payload bytes, not " +
                                    std::to_string(packet.payload.size()));
    packet.src = from.mgmt_address();
    m_pending.push_back({n, std::move(packet), sc_core::sc_time_stamp() + delay, m_seq++});
    m_wake.notify(delay);
}

std::size_t mgmt_bus::cancel(mgmt_node_if& from)
{
    const std::size_t n = node_index(from);
    const std::size_t before = m_pending.size();
    m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(), [n](const request& r) { return r.node == n; }),
                    m_pending.end());
    return before - m_pending.size();
}

void mgmt_bus::corrupt_packet(uint64_t number, std::size_t frame_byte, uint8_t xor_mask)
{
    if (xor_mask == 0) throw std::invalid_argument(std::string(name()) + ": a corruption mask of 0 changes nothing");
    m_corrupt[number] = {frame_byte, xor_mask};
}

void mgmt_bus::lose_packet(uint64_t number)
{
    m_lose.insert(number);
}

// I2C arbitration over dest, then src: the frame with the lower byte at the first difference wins.
bool mgmt_bus::wins(const mgmt_packet& a, const mgmt_packet& b)
{
    if (a.dest != b.dest) return a.dest < b.dest;
    return a.src < b.src;
}

// The winner among the oldest request of each node (but `exclude`), if it is ready by `now`.
std::optional<std::size_t> mgmt_bus::best_ready(const sc_core::sc_time& now, std::size_t exclude) const
{
    std::vector<bool> seen(m_nodes.size(), false);
    if (exclude < seen.size()) seen[exclude] = true;
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < m_pending.size(); ++i) {
        const request& r = m_pending[i];
        if (seen[r.node]) continue;
        seen[r.node] = true;
        if (r.ready > now) continue;
        if (!best || wins(r.packet, m_pending[*best].packet)) best = i;
    }
    return best;
}

void mgmt_bus::start(request r, const sc_core::sc_time& now)
{
    m_start = now;
    m_end = now + frame_time(r.packet.payload.size());
    header.write(uint32_t(r.packet.dest) << 16 | uint32_t(r.packet.src) << 8 | uint32_t(r.packet.payload.size()));
    busy.write(true);
    m_current = std::move(r);
}

void mgmt_bus::engine()
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    if (m_current && now >= m_end) finish();

    if (m_current && m_start == now) {
        // A request made later in the same instant (another delta cycle) still arbitrates against the
        // packet that just started: nothing of it has been decided on the wire yet.
        // The sender's own later requests wait behind it.
        std::optional<std::size_t> b = best_ready(now, m_current->node);
        if (b && wins(m_pending[*b].packet, m_current->packet)) {
            request loser = std::move(*m_current);
            m_current.reset();
            request winner = std::move(m_pending[*b]);
            m_pending.erase(m_pending.begin() + std::ptrdiff_t(*b));
            auto pos = std::find_if(m_pending.begin(), m_pending.end(),
                                    [&loser](const request& r) { return r.seq > loser.seq; });
            m_pending.insert(pos, std::move(loser));
            start(std::move(winner), now);
        }
    }

    if (!m_current) {
        if (std::optional<std::size_t> b = best_ready(now)) {
            request r = std::move(m_pending[*b]);
            m_pending.erase(m_pending.begin() + std::ptrdiff_t(*b));
            start(std::move(r), now);
        }
    }

    // Next wake-up: the end of the packet on the wire, or the first request still in the future.
    m_wake.cancel();
    if (m_current) {
        m_wake.notify(m_end - now);
    } else {
        std::optional<sc_core::sc_time> next;
        for (const request& r : m_pending)
            if (r.ready > now && (!next || r.ready < *next)) next = r.ready;
        if (next) m_wake.notify(*next - now);
    }
}

void mgmt_bus::finish()
{
    request r = std::move(*m_current);
    m_current.reset();
    const uint64_t number = ++m_stats.packets;
    m_stats.bytes += r.packet.payload.size() + mgmt_frame_overhead_bytes;
    m_stats.busy_time += m_end - m_start;
    busy.write(false);

    const mgmt_result result = deliver(r, number);
    if (result == mgmt_result::nack) ++m_stats.nacks;
    if (result == mgmt_result::error) ++m_stats.errors;
    if (sc_core::sc_report_handler::get_verbosity_level() >= sc_core::SC_DEBUG)
        SC_REPORT_INFO_VERB(
            msg_type,
            ("packet " + std::to_string(number) + " (" + describe(r.packet) + "): " + to_string(result)).c_str(),
            sc_core::SC_DEBUG);
    m_nodes[r.node]->mgmt_sent(r.packet, result);
}

mgmt_result mgmt_bus::deliver(const request& r, uint64_t number)
{
    // The random draws are made for every packet whatever happens to it, so injected faults and NACKs do
    // not shift the random sequence.
    std::optional<corruption> c;
    if (m_corrupt_always || m_corrupt_threshold) {
        const bool hit = m_corrupt_always || m_rng() < m_corrupt_threshold;
        if (hit) {
            const std::size_t frame_bytes = r.packet.payload.size() + mgmt_frame_overhead_bytes;
            const std::size_t byte = 1 + std::size_t(m_rng() % (frame_bytes - 1));
            c = corruption{byte, uint8_t(1u << (m_rng() % 8))};
        }
    }
    if (auto it = m_corrupt.find(number); it != m_corrupt.end()) {
        c = it->second;
        m_corrupt.erase(it);
    }
    if (m_lose.erase(number)) {
        ++m_stats.lost;
        return mgmt_result::error;
    }

    std::vector<mgmt_node_if*> receivers;
    if (r.packet.dest == mgmt_broadcast) {
        for (int i : m_by_address) // in id order
            if (i >= 0 && std::size_t(i) != r.node) receivers.push_back(m_nodes[std::size_t(i)]);
    } else if (m_by_address[r.packet.dest] >= 0) {
        receivers.push_back(m_nodes[std::size_t(m_by_address[r.packet.dest])]);
    }
    if (receivers.empty()) return mgmt_result::nack; // nobody acknowledges the address

    // The receivers check the PEC over the bytes as they arrived.
    std::vector<uint8_t> wire = mgmt_frame(r.packet);
    if (c) wire[std::clamp<std::size_t>(c->frame_byte, 1, wire.size() - 1)] ^= c->xor_mask;
    if (smbus_pec(wire.data(), wire.size() - 1) != wire.back()) {
        ++m_stats.corrupted;
        return mgmt_result::error;
    }

    bool accepted = false;
    for (mgmt_node_if* n : receivers) {
        if (n->mgmt_receive(r.packet)) {
            accepted = true;
            ++m_stats.deliveries;
        }
    }
    return accepted ? mgmt_result::ok : mgmt_result::nack;
}

} // namespace cellvp
