// A cycle driver for the verilated fabric_link (both endpoints and the wires), for the RTL tests: sends
// packets from either end, collects what each end delivers, returns receive credits (unless a test holds
// them), and injects wire faults.
#pragma once

#include "Vfabric_link32.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <random>
#include <vector>

namespace cellvp::rtl_test {

using packet = std::vector<uint32_t>;

class link_driver {
public:
    struct end {
        std::deque<packet> to_send;
        packet sending;
        size_t pos = 0;
        bool busy = false;
        std::vector<packet> delivered;
        packet rx;
        unsigned dropped = 0;     // packets delivered with rx_drop_o (discarded)
        unsigned credits_due = 0; // credits to return
        bool hold_credits = false;
        unsigned held = 0;        // credits withheld while hold_credits
    };

    link_driver() : m_ctx(std::make_unique<VerilatedContext>()), m(std::make_unique<Vfabric_link32>(m_ctx.get()))
    {
        m->clk_i = 0;
        m->rst_ni = 1;
        m->eval();
        m->rst_ni = 0;
        for (int i = 0; i < 3; ++i) edge();
        m->rst_ni = 1;
        edge();
    }

    Vfabric_link32& rtl() { return *m; }
    end a, b;
    uint64_t cycles = 0;
    // Called before each cycle's evaluation: lets a test set ab_flip_i, ba_flip_i, drop_i.
    std::function<void(link_driver&)> faults;

    void enable(bool ea, bool eb)
    {
        m->a_enable_i = ea;
        m->b_enable_i = eb;
    }

    void release_credits(end& e)
    {
        e.hold_credits = false;
        e.credits_due += e.held;
        e.held = 0;
    }

    void cycle()
    {
        drive(a, m->a_tx_valid_i, m->a_tx_data_i, m->a_tx_last_i);
        drive(b, m->b_tx_valid_i, m->b_tx_data_i, m->b_tx_last_i);
        const bool a_pulse = a.credits_due != 0, b_pulse = b.credits_due != 0;
        m->a_rx_credit_i = a_pulse;
        m->b_rx_credit_i = b_pulse;
        m->ab_flip_i = 0;
        m->ba_flip_i = 0;
        m->drop_i = 0;
        if (faults) faults(*this);
        m->clk_i = 0;
        m->eval();
        bool a_acc = a.busy && m->a_tx_ready_o, b_acc = b.busy && m->b_tx_ready_o;
        if (m->a_rx_valid_o) receive(a, m->a_rx_data_o, m->a_rx_len_dw_o, m->a_rx_last_o, m->a_rx_drop_o);
        if (m->b_rx_valid_o) receive(b, m->b_rx_data_o, m->b_rx_len_dw_o, m->b_rx_last_o, m->b_rx_drop_o);
        m->clk_i = 1;
        m->eval();
        if (a_acc && ++a.pos == a.sending.size()) a.busy = false;
        if (b_acc && ++b.pos == b.sending.size()) b.busy = false;
        if (a_pulse) --a.credits_due;
        if (b_pulse) --b.credits_due;
        ++cycles;
    }

    // Runs until `done` or `limit` cycles; returns whether done.
    bool run_until(const std::function<bool()>& done, uint64_t limit)
    {
        for (uint64_t i = 0; i < limit; ++i) {
            if (done()) return true;
            cycle();
        }
        return done();
    }
    void run(uint64_t n)
    {
        for (uint64_t i = 0; i < n; ++i) cycle();
    }
    bool all_delivered(size_t to_a, size_t to_b) const
    {
        return a.delivered.size() >= to_a && b.delivered.size() >= to_b;
    }

    static packet random_packet(std::mt19937& rng, unsigned min_dw = 3, unsigned max_dw = 1027)
    {
        std::uniform_int_distribution<unsigned> len(min_dw, max_dw);
        packet p(len(rng));
        for (auto& w : p) w = rng();
        return p;
    }

private:
    void edge()
    {
        m->clk_i = 0;
        m->eval();
        m->clk_i = 1;
        m->eval();
    }
    template <typename V, typename D, typename L>
    void drive(end& e, V& valid, D& data, L& last)
    {
        if (!e.busy && !e.to_send.empty()) {
            e.sending = std::move(e.to_send.front());
            e.to_send.pop_front();
            e.pos = 0;
            e.busy = true;
        }
        valid = e.busy;
        if (e.busy) {
            data = e.sending[e.pos];
            last = e.pos + 1 == e.sending.size();
        }
    }
    void receive(end& e, uint32_t data, uint32_t len, bool last, bool drop)
    {
        if (e.rx.size() < len) e.rx.push_back(data);
        if (!last) return;
        if (drop) {
            ++e.dropped;
        } else {
            e.delivered.push_back(e.rx);
            if (e.hold_credits) ++e.held;
            else ++e.credits_due;
        }
        e.rx.clear();
    }

    std::unique_ptr<VerilatedContext> m_ctx;
    std::unique_ptr<Vfabric_link32> m;
};

} // namespace cellvp::rtl_test
