// Synthetic fabric traffic for the fabric's tests and its bandwidth benchmark: a port that enables its link,
// streams memory-write TLPs of a fixed payload to other ports, and checks what it receives (every packet
// intact, once, in order per source), recording latency and throughput.
#pragma once

#include "fabric/fabric.h"
#include "fabric/fabric_if.h"

#include <systemc>

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace cellvp::test {

struct traffic_flow {
    unsigned dst = 0;
    unsigned payload = 256; // bytes per packet
    uint64_t packets = 0;
};

class traffic_port : public sc_core::sc_module, public fabric::fabric_port_if {
public:
    traffic_port(sc_core::sc_module_name name, fabric::fabric& f, unsigned id, std::vector<traffic_flow> flows,
                 sc_core::sc_time start = sc_core::SC_ZERO_TIME)
        : sc_module(name), m_id(id), m_flows(std::move(flows)), m_start(start)
    {
        m_attach = &f.attach(id, *this);
        for (auto& fl : m_flows)
            m_sent[fl.dst] = 0;
        SC_HAS_PROCESS(traffic_port);
        SC_THREAD(starter);
    }

    // What arrived from each source: packets, bytes, errors (bad data, out of order, duplicate).
    struct source_rx {
        uint64_t packets = 0, bytes = 0, errors = 0;
        uint64_t next_seq = 0;
        sc_core::sc_time first, last;
        sc_core::sc_time latency_sum;
    };
    std::map<unsigned, source_rx> received;
    bool link_is_up = false;
    unsigned link_changes = 0;
    sc_core::sc_time first_tx = sc_core::SC_ZERO_TIME;
    bool sent_any = false;

    bool all_sent() const
    {
        for (auto& fl : m_flows)
            if (m_sent.at(fl.dst) < fl.packets)
                return false;
        return true;
    }

    // Packet `seq` from `src` carries a window of a fixed random block, starting at an offset that depends on
    // both: a packet that lands in the wrong place, or a stale one, does not match (and copies are cheap, so
    // the generator does not weigh on the fabric's host speed).
    static const uint8_t* pattern(unsigned src, uint64_t seq)
    {
        static const std::vector<uint8_t> block = [] {
            std::vector<uint8_t> b(8192);
            uint64_t x = 0x9E3779B97F4A7C15ull;
            for (auto& v : b) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                v = static_cast<uint8_t>(x);
            }
            return b;
        }();
        return block.data() + ((seq * 61 + src * 977) & 4095);
    }

    bool tx_pull(fabric::tlp& out, const sc_core::sc_time& offset) override
    {
        for (size_t k = 0; k < m_flows.size(); ++k) {
            traffic_flow& fl = m_flows[(m_next_flow + k) % m_flows.size()];
            uint64_t& seq = m_sent[fl.dst];
            if (seq >= fl.packets)
                continue;
            out.type = fabric::tlp_type::mem_write;
            out.dst = static_cast<uint8_t>(fl.dst);
            out.src = static_cast<uint8_t>(m_id);
            out.tag = 0;
            out.flags = 0;
            out.length = static_cast<uint16_t>(fl.payload);
            out.address = static_cast<uint32_t>(seq);
            out.payload.assign(pattern(m_id, seq), pattern(m_id, seq) + fl.payload);
            // The send time rides in the first 8 payload bytes (ps), for the latency figure.
            uint64_t t = (sc_core::sc_time_stamp() + offset).value();
            for (int b = 0; b < 8 && b < int(fl.payload); ++b)
                out.payload[b] = static_cast<uint8_t>(t >> (8 * b));
            if (!sent_any) {
                sent_any = true;
                first_tx = sc_core::sc_time_stamp() + offset;
            }
            ++seq;
            m_next_flow = (m_next_flow + k + 1) % m_flows.size();
            return true;
        }
        return false;
    }

    void rx_deliver(const fabric::tlp& in, const sc_core::sc_time& offset) override
    {
        source_rx& r = received[in.src];
        sc_core::sc_time now = sc_core::sc_time_stamp() + offset;
        uint64_t seq = in.address;
        bool ok = in.type == fabric::tlp_type::mem_write && in.dst == m_id && seq == r.next_seq &&
                  in.payload.size() == in.length;
        uint64_t sent = 0;
        for (size_t i = 0; ok && i < 8 && i < in.payload.size(); ++i)
            sent |= uint64_t(in.payload[i]) << (8 * i);
        if (ok && in.payload.size() > 8)
            ok = std::memcmp(in.payload.data() + 8, pattern(in.src, seq) + 8, in.payload.size() - 8) == 0;
        if (!ok) {
            ++r.errors;
            return;
        }
        if (r.packets == 0)
            r.first = now;
        r.last = now;
        ++r.packets;
        r.bytes += in.payload.size();
        r.next_seq = seq + 1;
        r.latency_sum += now - sc_core::sc_time(double(sent), sc_core::SC_PS);
    }

    void link_changed(bool up, const sc_core::sc_time&) override
    {
        link_is_up = up;
        ++link_changes;
        if (up)
            m_attach->tx_kick();
    }

    fabric::fabric_attach_if& attachment() { return *m_attach; }

private:
    void starter()
    {
        wait(m_start);
        m_attach->set_link_enable(true);
        m_attach->tx_kick();
    }

    unsigned m_id;
    std::vector<traffic_flow> m_flows;
    sc_core::sc_time m_start;
    fabric::fabric_attach_if* m_attach = nullptr;
    std::map<unsigned, uint64_t> m_sent;
    size_t m_next_flow = 0;
};

} // namespace cellvp::test
