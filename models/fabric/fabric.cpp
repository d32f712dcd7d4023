// The high-speed fabric: see fabric.h. The verilated headers come before SystemC's (toolchain.md: sc_time_stamp).
#include "Vfabric_link128.h"
#include "Vfabric_link128___024root.h"
#include "Vfabric_link16.h"
#include "Vfabric_link16___024root.h"
#include "Vfabric_link32.h"
#include "Vfabric_link32___024root.h"
#include "Vfabric_link64.h"
#include "Vfabric_link64___024root.h"
#include "Vfabric_link8.h"
#include "Vfabric_link8___024root.h"
#include "Vfabric_link32_fst.h"
#include "Vfabric_link32_vcd.h"
#include "verilated.h"
#include "verilated_fst_c.h"
#include "verilated_vcd_c.h"

#include "fabric/fabric.h"

// Verilator 5.006's scheduler functions of each untraced link model: external functions of the generated code,
// declared by the code that calls them (Vxxx.cpp); link_impl::rising_edge explains their use.
#define CELLVP_LINK_SCHEDULER(V)                                    \
    void V##___024root___eval_triggers__act(V##___024root* vlSelf); \
    void V##___024root___eval_nba(V##___024root* vlSelf);
CELLVP_LINK_SCHEDULER(Vfabric_link8)
CELLVP_LINK_SCHEDULER(Vfabric_link16)
CELLVP_LINK_SCHEDULER(Vfabric_link32)
CELLVP_LINK_SCHEDULER(Vfabric_link64)
CELLVP_LINK_SCHEDULER(Vfabric_link128)

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace cellvp::fabric {

namespace {
constexpr const char* msg_type = "cellvp/fabric";

uint64_t cycles_of(const sc_core::sc_time& t, const sc_core::sc_time& period)
{
    return static_cast<uint64_t>(std::ceil(t / period - 1e-9));
}
} // namespace

// Bit errors on one wire: gaps between flipped bits are geometric, so a BER of 1e-6 costs one draw per
// million bits rather than one per bit.
class bit_error_source {
public:
    bit_error_source(double ber, uint64_t seed) : m_ber(ber), m_rng(seed)
    {
        if (m_ber > 0)
            m_gap = draw();
    }
    bool active() const { return m_ber > 0; }
    // Flips for the next `bits` bits (bits <= 64), as a mask; `count` adds the number of flipped bits.
    uint64_t next(unsigned bits, uint64_t& count)
    {
        uint64_t mask = 0;
        while (m_gap < bits) {
            mask |= uint64_t(1) << m_gap;
            ++count;
            m_gap += 1 + draw();
        }
        m_gap -= bits;
        return mask;
    }

private:
    uint64_t draw() { return std::geometric_distribution<uint64_t>(m_ber)(m_rng); }
    double m_ber;
    std::mt19937_64 m_rng;
    uint64_t m_gap = 0;
};

class fabric::link {
public:
    struct side {
        std::vector<uint32_t> tx;
        size_t tx_pos = 0;
        bool tx_busy = false;
        unsigned tx_in_port = 0; // switch side: the input port the packet came from
        std::vector<uint32_t> rx;
        unsigned credits = 0;    // receive buffers freed, to pulse into rx_credit_i
        bool kicked = false;     // cell side: the port may have something to send
        bool enable = false;
        bool up = false;
    };

    link(fabric& f, unsigned index, double ber_up, double ber_down, uint64_t seed)
        : m_fabric(f), m_index(index), m_flip_up(ber_up, seed * 2 + 1), m_flip_down(ber_down, seed * 2 + 2)
    {
    }
    virtual ~link() = default;

    // One clock of this link; returns whether it still needs clocking (needs_clock()).
    virtual bool cycle() = 0;
    virtual bool rtl_idle() const = 0;
    virtual void counters(link_stats& s) const = 0;

    bool needs_clock() const
    {
        if (frozen_in_drop()) return false;
        return !rtl_idle() || a.tx_busy || b.tx_busy || a.credits || b.credits || (a.kicked && a.up) ||
               !a.rx.empty() || !b.rx.empty() || (b.up && m_fabric.m_want[m_index] != 0) ||
               m_drop_state != dropping_now();
    }

    // Cycles a dead link is clocked after its drop starts: enough for both ends to see the dead wires, lose the
    // link and fall back to training (retrain after 16 framing errors, training ~40 cycles). After that it is not
    // clocked until the wires come back: it would only repeat training attempts that see nothing, and a link
    // that stays dead for seconds would otherwise cost a host second per few million cycles.
    static constexpr uint64_t drop_freeze_cycles = 20000;

    bool frozen_in_drop() const
    {
        for (const auto& d : m_drops)
            if (m_fabric.m_cycle >= d.first + drop_freeze_cycles && m_fabric.m_cycle < d.second) return true;
        return false;
    }

    bool dropping_now() const
    {
        for (const auto& d : m_drops)
            if (m_fabric.m_cycle >= d.first && m_fabric.m_cycle < d.second)
                return true;
        return false;
    }

    side a, b; // a: the cell end, b: the switch end
    std::vector<std::pair<uint64_t, uint64_t>> m_drops; // [start, end) cycles
    bool m_drop_state = false;
    link_stats m_stats;

protected:
    // The fabric's callbacks, for the link implementations (a nested class's access does not pass on).
    bool cell_tx_pull(std::vector<uint32_t>& w) { return m_fabric.cell_tx_pull(m_index, w); }
    void cell_rx(const uint32_t* w, size_t n) { m_fabric.cell_rx(m_index, w, n); }
    void cell_link_changed(bool up) { m_fabric.cell_link_changed(m_index, up); }
    void switch_rx(const uint32_t* w, size_t n) { m_fabric.switch_rx(m_index, w, n); }
    bool switch_tx_pull(std::vector<uint32_t>& w, unsigned& in) { return m_fabric.switch_tx_pull(m_index, w, in); }
    void switch_tx_done(unsigned in_port) { m_fabric.switch_tx_done(in_port); }
    void switch_link_changed(bool up) { m_fabric.switch_link_changed(m_index, up); }
    uint64_t cycle_now() const { return m_fabric.m_cycle; }

    fabric& m_fabric;
    unsigned m_index;
    bit_error_source m_flip_up, m_flip_down;
};

namespace {

// The scheduler functions of a model, where they are declared above.
template <typename V>
struct scheduler {
    static constexpr bool direct = false;
};
#define CELLVP_LINK_DIRECT(V)                                                        \
    template <>                                                                      \
    struct scheduler<V> {                                                            \
        static constexpr bool direct = true;                                         \
        static void triggers(V##___024root* r) { ::V##___024root___eval_triggers__act(r); } \
        static void nba(V##___024root* r) { ::V##___024root___eval_nba(r); }        \
    };
CELLVP_LINK_DIRECT(Vfabric_link8)
CELLVP_LINK_DIRECT(Vfabric_link16)
CELLVP_LINK_DIRECT(Vfabric_link32)
CELLVP_LINK_DIRECT(Vfabric_link64)
CELLVP_LINK_DIRECT(Vfabric_link128)

template <typename V, typename = void>
struct has_clock_record : std::false_type {};
template <typename V>
struct has_clock_record<V, std::void_t<decltype(std::declval<V&>().rootp->__Vtrigrprev__TOP__clk_i)>>
    : std::true_type {};
template <typename V, typename = void>
struct has_lane_clock_record : std::false_type {};
template <typename V>
struct has_lane_clock_record<V, std::void_t<decltype(std::declval<V&>().rootp->__Vtrigrprev__TOP__lane_clk_i)>>
    : std::true_type {};

// One verilated fabric_link and the transactor driving its pins. V is the model; W its waveform writer
// (VerilatedVcdC, VerilatedFstC) or void for the model without tracing.
//
// A fabric cycle is one core clock (clk_i: one DW per direction). With lanes narrower than 32 bits it holds
// 32 / lane_bits lane clocks (lane_clk_i), the last one on the core edge; with wider lanes a lane clock comes
// every lane_bits / 32 core clocks, on a core edge. Bit errors are drawn per lane clock, lane_bits at a time.
template <typename V, typename W = void>
class link_impl final : public fabric::link {
    static constexpr bool traced = !std::is_void_v<W>;
    using wire_t = std::remove_reference_t<decltype(std::declval<V&>().ab_flip_i)>;
    static constexpr unsigned lane_bits = sizeof(wire_t) * 8; // CData 8, SData 16, IData 32, QData 64, VlWide<4>
    static_assert(lane_bits >= 8 && lane_bits <= 128, "lane widths from 8 to 128 bits");
    static_assert(!traced || lane_bits == 32, "waveforms are built for 32-bit lanes only");
    static constexpr unsigned lane_per_core = lane_bits < 32 ? 32 / lane_bits : 1; // lane clocks per core clock
    static constexpr unsigned core_per_lane = lane_bits > 32 ? lane_bits / 32 : 1; // core clocks per lane clock
    // Verilator 5 sees a rising clock edge by comparing clk_i with the value recorded at the previous eval(),
    // so a cycle normally costs two evaluations, the falling edge computing nothing here (no output of
    // fabric_link depends combinationally on an input, and no logic runs on the falling edge). Where the
    // model has that record (Verilator 5.006 names it __Vtrigrprev__TOP__clk_i), the transactor presets it
    // and evaluates once per cycle: 7 % faster. Waveforms keep both evaluations, so the clock shows.
    // With a gearbox the lane clock's record is preset too (a lane edge without a core edge leaves clk_i at 0).
    static constexpr bool one_eval_per_cycle =
        !traced && has_clock_record<V>::value && (lane_bits == 32 || has_lane_clock_record<V>::value);
    using writer_t = std::conditional_t<traced, W, char>;

    using data_t = std::remove_reference_t<decltype(std::declval<V&>().a_tx_data_i)>;
    static_assert(sizeof(data_t) * 8 >= 32, "a beat holds whole DWs");
    static constexpr unsigned dw_per_beat = sizeof(data_t) / 4; // IData: 1

public:
    link_impl(fabric& f, unsigned index, double ber_up, double ber_down, uint64_t seed)
        : link(f, index, ber_up, ber_down, seed), m_ctx(std::make_unique<VerilatedContext>())
    {
        if constexpr (traced)
            m_ctx->traceEverOn(true);
        m_model = std::make_unique<V>(m_ctx.get(), "TOP");
        if constexpr (traced) {
            const fabric_config& c = f.config();
            m_trace = std::make_unique<W>();
            m_model->trace(m_trace.get(), 99);
            m_trace->set_time_unit("1ps");
            m_trace->set_time_resolution("1ps");
            std::string path = c.trace_dir + "/fabric_link" + std::to_string(index) +
                               (c.trace == fabric_config::trace_format::fst ? ".fst" : ".vcd");
            m_trace->open(path.c_str());
            if (!m_trace->isOpen())
                throw std::runtime_error("fabric: cannot write the waveform " + path);
            m_half_ps = uint64_t(f.clock_period().to_seconds() * 1e12 / 2);
            m_from_ps = uint64_t(c.trace_from.to_seconds() * 1e12);
            m_to_ps = c.trace_to == sc_core::sc_max_time() ? UINT64_MAX : uint64_t(c.trace_to.to_seconds() * 1e12);
        }
        m_verilator_eval = f.config().verilator_eval;
        b.enable = true;
        V& m = *m_model;
        m.clk_i = 0;
        if constexpr (lane_bits != 32)
            m.lane_clk_i = 0;
        m.rst_ni = 1;
        m.eval();
        m.rst_ni = 0; // a real edge (toolchain.md)
        for (int i = 0; i < 4; ++i)
            clock_edge();
        m.rst_ni = 1;
        clock_edge();
        if constexpr (traced)
            dump(0);
    }

    bool rtl_idle() const override { return m_model->idle_o; }

    void counters(link_stats& s) const override
    {
        const V& m = *m_model;
        s.replays = uint64_t(m.a_replays_o) + m.b_replays_o;
        s.naks = uint64_t(m.a_naks_sent_o) + m.b_naks_sent_o;
        s.replay_timeouts = uint64_t(m.a_replay_timeouts_o) + m.b_replay_timeouts_o;
        s.credit_stall_cycles = uint64_t(m.a_credit_stall_cycles_o) + m.b_credit_stall_cycles_o;
        s.retrains = uint64_t(m.a_retrains_o) + m.b_retrains_o;
        s.rx_errors = uint64_t(m.a_rx_errors_o) + m.b_rx_errors_o;
        s.dup_dropped = uint64_t(m.a_dup_dropped_o) + m.b_dup_dropped_o;
    }

    bool cycle() override
    {
        V& m = *m_model;
        ++m_stats.cycles;

        if (!a.tx_busy && a.up && a.kicked) {
            if (cell_tx_pull(a.tx)) {
                a.tx_busy = true;
                a.tx_pos = 0;
            } else {
                a.kicked = false;
            }
        }
        if (!b.tx_busy && b.up && switch_tx_pull(b.tx, b.tx_in_port)) {
            b.tx_busy = true;
            b.tx_pos = 0;
        }
        m.a_tx_valid_i = a.tx_busy;
        if (a.tx_busy) {
            m.a_tx_data_i = beat(a.tx, a.tx_pos);
            m.a_tx_last_i = a.tx_pos + dw_per_beat >= a.tx.size();
        }
        m.b_tx_valid_i = b.tx_busy;
        if (b.tx_busy) {
            m.b_tx_data_i = beat(b.tx, b.tx_pos);
            m.b_tx_last_i = b.tx_pos + dw_per_beat >= b.tx.size();
        }
        const bool a_pulse = a.credits != 0, b_pulse = b.credits != 0;
        m.a_rx_credit_i = a_pulse;
        m.b_rx_credit_i = b_pulse;
        m.a_enable_i = a.enable;
        m.b_enable_i = b.enable;
        if (!m_drops.empty()) {
            m_drop_state = dropping_now();
            m.drop_i = m_drop_state;
        }
        bool a_accepted, b_accepted;
        if constexpr (lane_bits == 32) {
            if (m_flip_up.active())
                m.ab_flip_i = static_cast<wire_t>(m_flip_up.next(lane_bits, m_stats.bit_flips));
            if (m_flip_down.active())
                m.ba_flip_i = static_cast<wire_t>(m_flip_down.next(lane_bits, m_stats.bit_flips));

            if constexpr (one_eval_per_cycle) {
                m.rootp->__Vtrigrprev__TOP__clk_i = 0;
            } else {
                m.clk_i = 0;
                m.eval();
                if constexpr (traced)
                    dump(0);
            }
            take_outputs(a_accepted, b_accepted);
            m.clk_i = 1;
            rising_edge();
            if constexpr (traced)
                dump(m_half_ps);
        } else {
            // The endpoints' outputs change only on core edges: read them before this cycle's.
            take_outputs(a_accepted, b_accepted);
            core_cycle(true);
        }

        if (a_accepted && (a.tx_pos += dw_per_beat) >= a.tx.size())
            a.tx_busy = false;
        if (b_accepted && (b.tx_pos += dw_per_beat) >= b.tx.size()) {
            b.tx_busy = false;
            switch_tx_done(b.tx_in_port);
        }
        if (a_pulse) // (credits freed during this cycle pulse from the next one)
            --a.credits;
        if (b_pulse)
            --b.credits;

        if (bool(m.a_link_up_o) != a.up) {
            a.up = m.a_link_up_o;
            if (!a.up)
                lose_state(a, false);
            cell_link_changed(a.up);
        }
        if (bool(m.b_link_up_o) != b.up) {
            b.up = m.b_link_up_o;
            if (!b.up)
                lose_state(b, true);
            switch_link_changed(b.up);
        }
        return !frozen_in_drop() && (!m.idle_o || needs_clock());
    }

private:
    // Before the rising edge: whether each end took the beat offered to it, and the received streams.
    void take_outputs(bool& a_accepted, bool& b_accepted)
    {
        V& m = *m_model;
        a_accepted = a.tx_busy && m.a_tx_ready_o;
        b_accepted = b.tx_busy && m.b_tx_ready_o;
        if (m.a_rx_valid_o)
            receive(a, m.a_rx_data_o, m.a_rx_len_dw_o, m.a_rx_last_o, m.a_rx_drop_o, true);
        if (m.b_rx_valid_o)
            receive(b, m.b_rx_data_o, m.b_rx_len_dw_o, m.b_rx_last_o, m.b_rx_drop_o, false);
    }

    void clock_edge()
    {
        if constexpr (lane_bits == 32) {
            m_model->clk_i = 0;
            m_model->eval();
            m_model->clk_i = 1;
            m_model->eval();
        } else {
            core_cycle(false);
        }
    }

    // One core clock of a link with a gearbox, with its lane clocks (and their bit errors, if `faults`).
    void core_cycle(bool faults)
    {
        if constexpr (lane_per_core > 1) {
            for (unsigned k = 1; k <= lane_per_core; ++k) {
                if (faults)
                    draw_flips();
                tick(k == lane_per_core, true);
            }
        } else {
            const bool lane = ++m_lane_phase == core_per_lane;
            if (lane) {
                m_lane_phase = 0;
                if (faults)
                    draw_flips();
            }
            tick(true, lane);
        }
    }

    void draw_flips()
    {
        V& m = *m_model;
        if (m_flip_up.active())
            draw(m_flip_up, m.ab_flip_i);
        if (m_flip_down.active())
            draw(m_flip_down, m.ba_flip_i);
    }
    void draw(bit_error_source& src, wire_t& flips)
    {
        if constexpr (lane_bits <= 64) {
            flips = static_cast<wire_t>(src.next(lane_bits, m_stats.bit_flips));
        } else {
            for (unsigned k = 0; k < lane_bits / 32; ++k) // (a wide word: 32 bits at a time, low first)
                flips[k] = static_cast<uint32_t>(src.next(32, m_stats.bit_flips));
        }
    }

    // Rising edges of the core clock, the lane clock or both at once (the clocks are related: no other case).
    void tick(bool core, bool lane)
    {
        V& m = *m_model;
        if constexpr (one_eval_per_cycle) {
            m.rootp->__Vtrigrprev__TOP__clk_i = 0;
            m.rootp->__Vtrigrprev__TOP__lane_clk_i = 0;
        } else {
            m.clk_i = 0;
            m.lane_clk_i = 0;
            m.eval();
        }
        m.clk_i = core;
        m.lane_clk_i = lane;
        rising_edge();
    }

    // The rising edge(s) just set on the clock inputs. Verilator's eval() computes the triggers (an edge is the
    // input against its record), runs the active region (empty: the link has no logic outside clocked blocks),
    // then the NBA region, then computes the triggers twice more to see that nothing else fires. With the
    // clock records preset (one_eval_per_cycle) one trigger computation and the NBA region are the whole of it.
    void rising_edge()
    {
        V& m = *m_model;
        if constexpr (one_eval_per_cycle && scheduler<V>::direct) {
            if (!m_verilator_eval) {
                auto* r = m.rootp;
                scheduler<V>::triggers(r);
                r->__VnbaTriggered.clear();
                r->__VnbaTriggered.set(r->__VactTriggered);
                scheduler<V>::nba(r);
                return;
            }
        }
        m.eval();
    }

    static data_t beat(const std::vector<uint32_t>& w, size_t pos)
    {
        if constexpr (dw_per_beat == 1) {
            return w[pos];
        } else {
            data_t d = 0;
            for (unsigned k = 0; k < dw_per_beat && pos + k < w.size(); ++k)
                d |= data_t(w[pos + k]) << (32 * k);
            return d;
        }
    }

    void receive(side& s, data_t data, uint32_t len_dw, bool last, bool drop, bool cell_side)
    {
        for (unsigned k = 0; k < dw_per_beat && s.rx.size() < len_dw; ++k)
            s.rx.push_back(static_cast<uint32_t>(data >> (32 * k)));
        if (!last)
            return;
        if (!drop) {
            if (cell_side)
                cell_rx(s.rx.data(), s.rx.size());
            else
                switch_rx(s.rx.data(), s.rx.size());
        }
        s.rx.clear();
    }

    // The link went down: the data link layer forgot everything in flight (rtl: the DLL resets).
    void lose_state(side& s, bool switch_side)
    {
        if (s.tx_busy) {
            ++m_stats.lost_link_down;
            s.tx_busy = false;
            if (switch_side)
                switch_tx_done(s.tx_in_port);
        }
        s.rx.clear();
        s.credits = 0;
    }

    void dump(uint64_t extra_ps)
    {
        uint64_t t = m_fabric_cycle_ps() + extra_ps;
        if (t >= m_from_ps && t <= m_to_ps && (t > m_last_ps || !m_dumped)) {
            m_trace->dump(t);
            m_last_ps = t;
            m_dumped = true;
        }
    }
    uint64_t m_fabric_cycle_ps() const { return uint64_t(cycle_now()) * 2 * m_half_ps; }

    std::unique_ptr<VerilatedContext> m_ctx;
    std::unique_ptr<V> m_model;
    std::unique_ptr<writer_t> m_trace; // after the model: closed before it goes
    uint64_t m_half_ps = 0, m_from_ps = 0, m_to_ps = 0, m_last_ps = 0;
    bool m_dumped = false;
    unsigned m_lane_phase = 0; // wide lanes: core clocks since the last lane clock
    bool m_verilator_eval = false; // fabric_config::verilator_eval
};

} // namespace

class fabric::attachment final : public fabric_attach_if {
public:
    attachment(fabric& f, unsigned port, fabric_port_if& p) : m_fabric(f), m_port_index(port), port(p) {}
    void set_link_enable(bool enable) override
    {
        m_fabric.m_links[m_port_index]->a.enable = enable;
        m_fabric.wake(m_port_index);
    }
    bool link_up() const override { return m_fabric.m_links[m_port_index]->a.up; }
    void tx_kick() override
    {
        m_fabric.m_links[m_port_index]->a.kicked = true;
        m_fabric.wake(m_port_index);
    }

private:
    fabric& m_fabric;
    unsigned m_port_index;

public:
    fabric_port_if& port;
};

fabric::fabric(sc_core::sc_module_name name, const fabric_config& cfg) : sc_module(name), m_cfg(cfg)
{
    if (m_cfg.ports < 1 || m_cfg.ports > 64)
        throw std::invalid_argument("fabric: ports must be 1 to 64, not " + std::to_string(m_cfg.ports));
    if (std::find(std::begin(lane_widths), std::end(lane_widths), m_cfg.lane_bits) == std::end(lane_widths))
        throw std::invalid_argument("fabric: lane width must be one of the widths the link RTL is built for (" +
                                    lane_widths_text() + " bits per clock), not " + std::to_string(m_cfg.lane_bits));
    if (m_cfg.trace != fabric_config::trace_format::none && m_cfg.lane_bits != 32)
        throw std::invalid_argument("fabric: waveforms are built for 32-bit lanes only (rtl/CMakeLists.txt), not for " +
                                    std::to_string(m_cfg.lane_bits) + "-bit ones");
    if (!(m_cfg.clock_mhz > 0) || m_cfg.clock_mhz > 4000)
        throw std::invalid_argument("fabric: clock must be above 0 and at most 4000 MHz");
    if (m_cfg.ber_up < 0 || m_cfg.ber_up >= 0.5 || m_cfg.ber_down < 0 || m_cfg.ber_down >= 0.5)
        throw std::invalid_argument("fabric: bit error rates must be in [0, 0.5)");
    if (m_cfg.batch_cycles < 1)
        m_cfg.batch_cycles = 1;
    // A fabric cycle is a core clock, one DW per direction: lane clock x lane_bits / 32.
    m_period = sc_core::sc_time(1e6 / core_clock_mhz(), sc_core::SC_PS);
    if (m_period == sc_core::SC_ZERO_TIME)
        throw std::invalid_argument("fabric: clock too fast for the time resolution");

    const unsigned n = m_cfg.ports;
    m_in.resize(n);
    m_want.assign(n, 0);
    m_rr.assign(n, n - 1);
    m_is_awake.assign(n, 0);
    m_attach.resize(n);
    for (unsigned i = 0; i < n; ++i) {
        uint64_t seed = m_cfg.seed * 1000003u + i;
        switch (m_cfg.trace) {
        case fabric_config::trace_format::none:
            switch (m_cfg.lane_bits) {
            case 8:
                m_links.push_back(std::make_unique<link_impl<Vfabric_link8>>(*this, i, m_cfg.ber_up, m_cfg.ber_down, seed));
                break;
            case 16:
                m_links.push_back(std::make_unique<link_impl<Vfabric_link16>>(*this, i, m_cfg.ber_up, m_cfg.ber_down, seed));
                break;
            case 64:
                m_links.push_back(std::make_unique<link_impl<Vfabric_link64>>(*this, i, m_cfg.ber_up, m_cfg.ber_down, seed));
                break;
            case 128:
                m_links.push_back(std::make_unique<link_impl<Vfabric_link128>>(*this, i, m_cfg.ber_up, m_cfg.ber_down, seed));
                break;
            default:
                m_links.push_back(std::make_unique<link_impl<Vfabric_link32>>(*this, i, m_cfg.ber_up, m_cfg.ber_down, seed));
                break;
            }
            break;
        case fabric_config::trace_format::vcd:
            m_links.push_back(std::make_unique<link_impl<Vfabric_link32_vcd, VerilatedVcdC>>(
                *this, i, m_cfg.ber_up, m_cfg.ber_down, seed));
            break;
        case fabric_config::trace_format::fst:
            m_links.push_back(std::make_unique<link_impl<Vfabric_link32_fst, VerilatedFstC>>(
                *this, i, m_cfg.ber_up, m_cfg.ber_down, seed));
            break;
        }
    }
    for (const link_drop& d : m_cfg.drops) {
        if (d.link >= n)
            throw std::invalid_argument("fabric: link drop on link " + std::to_string(d.link) + ", which does not exist");
        uint64_t from = cycles_of(d.start, m_period), to = cycles_of(d.start + d.duration, m_period);
        m_links[d.link]->m_drops.emplace_back(from, to);
        m_drop_edges.emplace_back(from, d.link);
        m_drop_edges.emplace_back(to, d.link);
    }
    std::sort(m_drop_edges.begin(), m_drop_edges.end());
    SC_HAS_PROCESS(fabric);
    SC_THREAD(run);
}

fabric::~fabric() = default;

std::string fabric::lane_widths_text()
{
    std::string t;
    for (unsigned w : lane_widths)
        t += (t.empty() ? "" : ", ") + std::to_string(w);
    return t;
}

fabric_attach_if& fabric::attach(unsigned port, fabric_port_if& cell_port)
{
    if (port >= m_cfg.ports)
        throw std::invalid_argument("fabric: no port " + std::to_string(port) + " (the fabric has " +
                                    std::to_string(m_cfg.ports) + ")");
    if (m_attach[port])
        throw std::invalid_argument("fabric: port " + std::to_string(port) + " attached twice");
    m_attach[port] = std::make_unique<attachment>(*this, port, cell_port);
    return *m_attach[port];
}

void fabric::set_switch_port_enable(unsigned port, bool enable)
{
    m_links.at(port)->b.enable = enable;
    wake(port);
}

link_stats fabric::stats(unsigned i) const
{
    const link& l = *m_links.at(i);
    link_stats s = l.m_stats;
    l.counters(s);
    s.up = l.a.up && l.b.up;
    return s;
}

fabric_stats fabric::stats() const
{
    fabric_stats s = m_stats;
    for (const auto& l : m_links)
        s.link_cycles += l->m_stats.cycles;
    return s;
}

void fabric::wake(unsigned i)
{
    if (!m_is_awake[i]) {
        m_is_awake[i] = 1;
        m_awake.push_back(i);
    }
    if (m_sleeping)
        m_wake_event.notify(sc_core::SC_ZERO_TIME);
}

sc_core::sc_time fabric::offset() const { return double(m_cycle - m_synced_cycle) * m_period; }

void fabric::run()
{
    using sc_core::sc_time;
    m_cycle = m_synced_cycle = cycles_of(sc_core::sc_time_stamp(), m_period);
    for (;;) {
        if (m_awake.empty()) {
            // Everything is idle: sleep until a port kicks or a wire fault starts or ends.
            m_sleeping = true;
            if (m_next_drop_edge < m_drop_edges.size()) {
                sc_time at = double(m_drop_edges[m_next_drop_edge].first) * m_period;
                sc_time now = sc_core::sc_time_stamp();
                if (at > now)
                    wait(at - now, m_wake_event);
            } else {
                wait(m_wake_event);
            }
            m_sleeping = false;
            m_cycle = m_synced_cycle = std::max(m_cycle, cycles_of(sc_core::sc_time_stamp(), m_period));
        }
        const auto host_start = std::chrono::steady_clock::now();
        const uint64_t batch_end = m_synced_cycle + m_cfg.batch_cycles;
        while (m_cycle < batch_end) {
            while (m_next_drop_edge < m_drop_edges.size() && m_drop_edges[m_next_drop_edge].first <= m_cycle)
                wake(m_drop_edges[m_next_drop_edge++].second);
            if (m_awake.empty())
                break;
            // Links woken during this cycle (by a packet for them) start on the next one.
            const size_t n = m_awake.size();
            size_t out = 0;
            for (size_t k = 0; k < n; ++k) {
                unsigned i = m_awake[k];
                if (m_links[i]->cycle())
                    m_awake[out++] = i;
                else
                    m_is_awake[i] = 0;
            }
            ++m_cycle;
            ++m_stats.cycles;
            // Links woken during the cycle (a packet for them, a credit) were appended: keep them, and keep any
            // link that went to sleep above but was woken again by a later link of the same cycle.
            for (size_t k = n; k < m_awake.size(); ++k)
                m_awake[out++] = m_awake[k];
            m_awake.resize(out);
        }
        m_stats.host_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - host_start).count();
        if (m_cycle > m_synced_cycle) {
            wait(double(m_cycle - m_synced_cycle) * m_period);
            m_synced_cycle = m_cycle;
        }
    }
}

bool fabric::cell_tx_pull(unsigned i, std::vector<uint32_t>& words)
{
    if (!m_attach[i])
        return false;
    tlp t;
    if (!m_attach[i]->port.tx_pull(t, offset()))
        return false;
    t.src = static_cast<uint8_t>(i); // source validation (PCIe ACS): a cell cannot pose as another
    words = t.to_words();
    return true;
}

void fabric::cell_rx(unsigned i, const uint32_t* words, size_t n)
{
    link& l = *m_links[i];
    l.a.credits++;
    tlp t;
    if (!t.from_words(words, n)) {
        ++m_stats.malformed;
        SC_REPORT_WARNING(msg_type, ("link " + std::to_string(i) + ": a packet that is not a TLP, dropped").c_str());
        return;
    }
    ++l.m_stats.tlps_down;
    l.m_stats.payload_bytes_down += t.payload.size();
    if (m_attach[i]) {
        m_attach[i]->port.rx_deliver(t, offset());
        l.a.kicked = true; // the port may have queued a reply
    }
}

void fabric::cell_link_changed(unsigned i, bool up)
{
    if (m_attach[i])
        m_attach[i]->port.link_changed(up, offset());
    if (up)
        m_links[i]->a.kicked = true;
}

void fabric::switch_rx(unsigned i, const uint32_t* words, size_t n)
{
    link& in = *m_links[i];
    const unsigned dst = (words[0] >> 16) & 0xff;
    ++in.m_stats.tlps_up;
    if (n > tlp::header_dw)
        in.m_stats.payload_bytes_up += words[1] & 0xffff;
    const uint64_t hop = cycles_of(m_cfg.hop_latency, m_period);
    packet p{std::vector<uint32_t>(words, words + n), i, dst, m_cycle + hop};
    if (dst >= m_cfg.ports || !m_links[dst]->b.up) {
        ++m_stats.switch_dropped;
        SC_REPORT_INFO_VERB(msg_type, ("switch: packet from port " + std::to_string(i) + " for cell " +
                                       std::to_string(dst) + " dropped: no such port or its link is down").c_str(),
                            sc_core::SC_DEBUG);
        if (!answer_unreachable(p.words)) {
            in.b.credits++;
            return;
        }
        p.out_port = i; // the answer takes the request's place in the input buffer (and its credit)
    }
    m_in[i].push_back(std::move(p));
    if (m_in[i].size() == 1) {
        m_want[m_in[i].front().out_port] |= uint64_t(1) << i;
        wake(m_in[i].front().out_port);
    }
}

bool fabric::answer_unreachable(std::vector<uint32_t>& words)
{
    tlp req;
    if (!req.from_words(words.data(), words.size()))
        return false;
    const bool wants_answer =
        req.type == tlp_type::mem_read || (req.type == tlp_type::mem_write && (req.flags & tlp_flag_ack_req));
    if (!wants_answer)
        return false;
    tlp cpl;
    cpl.type = tlp_type::completion;
    cpl.dst = req.src;
    cpl.src = req.dst;
    cpl.tag = req.tag;
    cpl.flags = static_cast<uint16_t>(tlp_status::unreachable);
    cpl.address = req.address;
    words = cpl.to_words();
    return true;
}

bool fabric::switch_tx_pull(unsigned j, std::vector<uint32_t>& words, unsigned& in_port)
{
    uint64_t want = m_want[j];
    if (!want)
        return false;
    const unsigned n = m_cfg.ports;
    for (unsigned step = 1; step <= n; ++step) {
        unsigned k = (m_rr[j] + step) % n;
        if (!(want >> k & 1))
            continue;
        packet& head = m_in[k].front();
        if (head.ready_cycle > m_cycle)
            continue;
        words = std::move(head.words);
        in_port = k;
        m_rr[j] = k;
        m_want[j] &= ~(uint64_t(1) << k);
        m_in[k].pop_front();
        if (!m_in[k].empty()) {
            m_want[m_in[k].front().out_port] |= uint64_t(1) << k;
            wake(m_in[k].front().out_port);
        }
        return true;
    }
    return false;
}

void fabric::switch_tx_done(unsigned in_port)
{
    m_links[in_port]->b.credits++;
    wake(in_port);
}

void fabric::switch_link_changed(unsigned j, bool up)
{
    if (up)
        return;
    // Packets waiting for a dead output are dropped, and their input buffers freed (or, for a request that
    // wants an answer, taken by the switch's `unreachable` completion back to its requester).
    while (uint64_t want = m_want[j]) {
        unsigned k = static_cast<unsigned>(__builtin_ctzll(want));
        m_want[j] &= ~(uint64_t(1) << k);
        ++m_stats.switch_dropped;
        packet& head = m_in[k].front();
        if (answer_unreachable(head.words)) {
            head.out_port = k;
        } else {
            m_in[k].pop_front();
            switch_tx_done(k);
        }
        if (!m_in[k].empty()) {
            m_want[m_in[k].front().out_port] |= uint64_t(1) << k;
            wake(m_in[k].front().out_port);
        }
    }
}

} // namespace cellvp::fabric
