// A cycle driver for the verilated fabric_link (both endpoints and the wires), for the RTL tests: sends
// packets from either end, collects what each end delivers, returns receive credits (unless a test holds
// them), and injects wire faults. One cycle is a core clock (one DW per direction); with lanes of other than
// 32 bits it holds 32 / lane bits lane clocks (narrow) or every lane bits / 32 cycles has one (wide), as the
// fabric's transactor clocks them.
#pragma once

#include "Vfabric_link128.h"
#include "Vfabric_link16.h"
#include "Vfabric_link32.h"
#include "Vfabric_link64.h"
#include "Vfabric_link8.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <random>
#include <type_traits>
#include <utility>
#include <vector>

namespace cellvp::rtl_test {

using packet = std::vector<uint32_t>;

template <typename V>
class basic_link_driver {
    using wire_t = std::remove_reference_t<decltype(std::declval<V&>().ab_flip_i)>;

public:
    static constexpr unsigned lane_bits = sizeof(wire_t) * 8;

    // A wire's value, whether an integer (up to 64 bits) or a Verilator wide word (128 bits).
    static void clear(wire_t& w)
    {
        if constexpr (lane_bits <= 64) w = 0;
        else for (auto& e : w.m_storage) e = 0;
    }
    static void set_bit(wire_t& w, unsigned bit)
    {
        if constexpr (lane_bits <= 64) w = static_cast<wire_t>(w | uint64_t(1) << bit);
        else w[bit / 32] |= uint32_t(1) << (bit % 32);
    }
    static uint32_t dw_of(const wire_t& w, unsigned k) // 32-bit word k (lane_bits >= 32)
    {
        if constexpr (lane_bits <= 64) return static_cast<uint32_t>(uint64_t(w) >> (32 * k));
        else return w[k];
    }
    static constexpr unsigned lane_per_core = lane_bits < 32 ? 32 / lane_bits : 1;
    static constexpr unsigned core_per_lane = lane_bits > 32 ? lane_bits / 32 : 1;

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

    basic_link_driver() : m_ctx(std::make_unique<VerilatedContext>()), m(std::make_unique<V>(m_ctx.get()))
    {
        m->clk_i = 0;
        if constexpr (lane_bits != 32) m->lane_clk_i = 0;
        m->rst_ni = 1;
        m->eval();
        m->rst_ni = 0;
        for (int i = 0; i < 3; ++i) edge();
        m->rst_ni = 1;
        edge();
    }

    V& rtl() { return *m; }
    end a, b;
    uint64_t cycles = 0;
    uint64_t lane_cycles = 0; // lane clocks so far (with 32-bit lanes there is no lane clock: stays 0)
    // Called before each cycle's evaluation, or with a gearbox before each lane clock: lets a test set
    // ab_flip_i, ba_flip_i, drop_i (cleared before each call).
    std::function<void(basic_link_driver&)> faults;

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
        bool a_acc, b_acc;
        if constexpr (lane_bits == 32) {
            m->ab_flip_i = 0;
            m->ba_flip_i = 0;
            m->drop_i = 0;
            if (faults) faults(*this);
            m->clk_i = 0;
            m->eval();
            a_acc = a.busy && m->a_tx_ready_o;
            b_acc = b.busy && m->b_tx_ready_o;
            if (m->a_rx_valid_o) receive(a, m->a_rx_data_o, m->a_rx_len_dw_o, m->a_rx_last_o, m->a_rx_drop_o);
            if (m->b_rx_valid_o) receive(b, m->b_rx_data_o, m->b_rx_len_dw_o, m->b_rx_last_o, m->b_rx_drop_o);
            m->clk_i = 1;
            m->eval();
        } else {
            // The endpoints' outputs change only on core edges.
            a_acc = a.busy && m->a_tx_ready_o;
            b_acc = b.busy && m->b_tx_ready_o;
            if (m->a_rx_valid_o) receive(a, m->a_rx_data_o, m->a_rx_len_dw_o, m->a_rx_last_o, m->a_rx_drop_o);
            if (m->b_rx_valid_o) receive(b, m->b_rx_data_o, m->b_rx_len_dw_o, m->b_rx_last_o, m->b_rx_drop_o);
            core_cycle(true);
        }
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
    // Clocks the lane clock alone (no core edge), for a narrow lane's gearbox test; faults as in cycle().
    void lane_cycle()
    {
        static_assert(lane_bits < 32, "only a narrow lane has lane clocks between core clocks");
        lane_tick(false, true);
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
        if constexpr (lane_bits == 32) {
            m->clk_i = 0;
            m->eval();
            m->clk_i = 1;
            m->eval();
        } else {
            core_cycle(false);
        }
    }
    void core_cycle(bool with_faults)
    {
        if constexpr (lane_per_core > 1) {
            for (unsigned k = 1; k <= lane_per_core; ++k) lane_tick(k == lane_per_core, with_faults);
        } else {
            const bool lane = ++m_lane_phase == core_per_lane;
            if (lane) m_lane_phase = 0;
            lane_tick(true, with_faults, lane);
        }
    }
    // Rising edges of the core clock, the lane clock or both; faults are drawn for lane clocks.
    void lane_tick(bool core, bool with_faults, bool lane = true)
    {
        clear(m->ab_flip_i);
        clear(m->ba_flip_i);
        m->drop_i = 0;
        if (lane && with_faults && faults) faults(*this);
        m->clk_i = 0;
        m->lane_clk_i = 0;
        m->eval();
        m->clk_i = core;
        m->lane_clk_i = lane;
        m->eval();
        if (lane) ++lane_cycles;
    }
    template <typename Valid, typename D, typename L>
    void drive(end& e, Valid& valid, D& data, L& last)
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
    std::unique_ptr<V> m;
    unsigned m_lane_phase = 0;
};

using link_driver = basic_link_driver<Vfabric_link32>;

} // namespace cellvp::rtl_test
