// The high-speed fabric: one link per cell (the link-layer RTL of rtl/fabric_link.sv, verilated in C++ mode:
// a cell-side endpoint, a switch-side endpoint and the wires between them) and a crossbar switch joining the
// switch-side endpoints.
//
// Transactor: this module is the one place where transactions meet pins. One SC_THREAD clocks the verilated
// links and drives their ports by their RTL names (a_tx_valid_i, b_rx_credit_i, ...). It clocks a link only
// while it is busy (its idle_o is 0, a packet is waiting for it, a credit is to be returned, a wire fault
// starts or ends), in lockstep with the other busy links, and lets SystemC time advance in batches of
// `batch_cycles`; when every link is idle the thread sleeps until a fabric port kicks it. An idle fabric costs
// no host time. Callbacks into the fabric ports carry the offset by which the thread runs ahead of SystemC time
// (loosely timed, like a hart's quantum).
//
// Switch: a transaction-level crossbar of N ports (N = the number of links, up to 64), kept in C++ rather
// than RTL so that host time scales with the links that carry traffic: an RTL crossbar would have to be
// evaluated whole on every cycle even for one flow. Its timing is kept honest: store and forward (a packet is
// forwarded once it has arrived whole and passed the switch-side link's LCRC and sequence checks), then
// `hop_latency`; each output sends one packet at a time at the output link's line rate, chosen round-robin
// among the inputs whose head packet is for it (output contention); each input buffers only the packets its
// link endpoint has credits for (rtl RxCredits), and returns a credit when a packet has left for its output,
// so a congested output back-pressures its senders through the link layer's flow control. Inputs are FIFOs:
// a head packet waiting for a busy output blocks the packets behind it (head-of-line blocking, as in a simple
// input-queued switch). A packet for a cell id with no port, or for a port whose link is down, is dropped and
// counted (`switch_dropped`); if it asked for an answer (a read, or a write with tlp_flag_ack_req) the switch
// answers in its place with an `unreachable` completion, as a PCIe switch answers Unsupported Request, so the
// requester learns at once rather than by a time-out. Posted writes are dropped silently, as in PCIe.
//
// Faults on the wires: a seeded bit error rate per direction (cell to switch, switch to cell) flips bits on
// the wire (geometric gaps between errors, std::mt19937_64: the same seed flips the same bits), and a link
// drop (both wires dead) from a given time for a given duration.
//
// Does NOT model: a physical layer (8b/10b or 128b/130b coding, lane skew, equalisation; the line rate is the
// payload rate of the lanes after coding); a multi-stage fabric; virtual channels or traffic classes; PCIe's
// separate header and data credits (credits count whole packets of up to the maximum payload).
#pragma once

#include "fabric/fabric_if.h"

#include <systemc>

#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace cellvp::fabric {

struct link_drop {
    unsigned link = 0;
    sc_core::sc_time start;
    sc_core::sc_time duration;
};

struct fabric_config {
    unsigned ports = 2;        // one link per port; cell id i uses port i (1 .. 64)
    // 32 bits per clock at 1 GHz: 4 GB/s per direction, the class of a PCIe Gen3 x4 link (4 x 985 MB/s =
    // 3.94 GB/s, ../shared/reference/domain.md). The line rate is lane_bits x clock_mhz: lane_bits is the width
    // of the wires (fabric::lane_widths: one verilated model each), clock_mhz their (lane) clock. The link
    // endpoints run on a core clock of clock_mhz x lane_bits / 32 (one DW per clock), which is the fabric's
    // cycle: timers, batches and cycle counts are in core clocks (DW times).
    unsigned lane_bits = 32;
    double clock_mhz = 1000.0;
    // Switch port-to-port latency: PCIe Gen3 switches quote about 100-150 ns (Broadcom PEX 8700 product
    // briefs) (check).
    sc_core::sc_time hop_latency = sc_core::sc_time(100, sc_core::SC_NS);
    double ber_up = 0.0;       // bit error rate on every cell-to-switch wire
    double ber_down = 0.0;     // bit error rate on every switch-to-cell wire
    uint64_t seed = 1;
    std::vector<link_drop> drops;
    // How far the transactor runs ahead of SystemC time, in (core) cycles: 1 us at 1 GHz, the harts' quantum.
    unsigned batch_cycles = 1000;
    // Waveforms of the link RTL, one file per link (DIR/fabric_linkN.vcd or .fst), off by default; times in ps
    // as SystemC's, so they line up with the system's traces. Only [trace_from, trace_to] is written.
    enum class trace_format { none, vcd, fst };
    trace_format trace = trace_format::none;
    std::string trace_dir = ".";
    sc_core::sc_time trace_from = sc_core::SC_ZERO_TIME;
    sc_core::sc_time trace_to = sc_core::sc_max_time();
    // Untraced links run a clock edge by calling Verilator's scheduler functions directly (the trigger
    // computation and the NBA region) rather than eval(), which evaluates the triggers three times: about 9 %
    // of a busy fabric's host time. True: through eval(), for the test that both give the same results.
    bool verilator_eval = false;
};

// Counters of one link: from the RTL endpoints (a = cell end, b = switch end) and from the transactor.
struct link_stats {
    uint64_t tlps_up = 0, tlps_down = 0;                   // packets delivered intact, by direction
    uint64_t payload_bytes_up = 0, payload_bytes_down = 0; // their payload bytes
    uint64_t replays = 0, naks = 0, replay_timeouts = 0, credit_stall_cycles = 0, retrains = 0;
    uint64_t rx_errors = 0, dup_dropped = 0;
    uint64_t bit_flips = 0;        // bits the injector flipped on this link's wires
    uint64_t lost_link_down = 0;   // packets lost because the link went down (disabled) under them
    uint64_t cycles = 0;           // cycles this link was clocked
    bool up = false;
};

struct fabric_stats {
    uint64_t cycles = 0;         // fabric (core) clock cycles simulated (with at least one link clocked)
    uint64_t link_cycles = 0;    // sum over links of their clocked cycles
    uint64_t switch_dropped = 0; // packets for no port or for a port whose link was down
    uint64_t malformed = 0;      // packets that arrived intact but do not parse as a TLP
    double host_s = 0;           // host time spent clocking the links (the fabric's share of wall time)
};

class fabric : public sc_core::sc_module {
public:
    fabric(sc_core::sc_module_name name, const fabric_config& cfg);
    ~fabric() override;

    // Connects a cell's fabric port to port `port` (its cell id); returns the port's view of the fabric.
    fabric_attach_if& attach(unsigned port, fabric_port_if& cell_port);

    // The lane widths the link RTL is built for (rtl/CMakeLists.txt: one verilated model per width).
    static constexpr unsigned lane_widths[] = {8, 16, 32, 64, 128};
    static std::string lane_widths_text(); // "8, 16, 32, 64, 128"

    const fabric_config& config() const { return m_cfg; }
    double line_rate_bytes_per_s() const { return m_cfg.lane_bits / 8.0 * m_cfg.clock_mhz * 1e6; }
    double core_clock_mhz() const { return m_cfg.clock_mhz * m_cfg.lane_bits / 32.0; }
    sc_core::sc_time clock_period() const { return m_period; } // of the core clock: a fabric cycle

    link_stats stats(unsigned link) const;
    fabric_stats stats() const;
    // Switch-side endpoint enable (the switch enables all its ports at reset; tests can disable one).
    void set_switch_port_enable(unsigned port, bool enable);

    class link; // one verilated fabric_link and its transactor state (fabric.cpp)

private:
    friend class link;
    struct packet {
        std::vector<uint32_t> words;
        unsigned in_port = 0;
        unsigned out_port = 0;
        uint64_t ready_cycle = 0; // cycle from which the switch may forward it
    };
    class attachment;

    void run();
    void wake(unsigned link);
    bool link_needs_clock(unsigned i) const;
    sc_core::sc_time offset() const;

    // Called by the links from inside a cycle.
    bool cell_tx_pull(unsigned i, std::vector<uint32_t>& words);
    void cell_rx(unsigned i, const uint32_t* words, size_t n);
    void cell_link_changed(unsigned i, bool up);
    void switch_rx(unsigned i, const uint32_t* words, size_t n);
    bool switch_tx_pull(unsigned i, std::vector<uint32_t>& words, unsigned& in_port);
    // An undeliverable packet: true (and `words` become the switch's `unreachable` completion, to go back to
    // the requester) if it asked for an answer.
    static bool answer_unreachable(std::vector<uint32_t>& words);
    void switch_tx_done(unsigned in_port);
    void switch_link_changed(unsigned i, bool up);

    fabric_config m_cfg;
    sc_core::sc_time m_period;
    std::vector<std::unique_ptr<link>> m_links;
    std::vector<std::unique_ptr<attachment>> m_attach;
    std::vector<std::deque<packet>> m_in;   // switch input FIFOs
    std::vector<uint64_t> m_want;           // per output: bitmask of inputs whose head is for it
    std::vector<unsigned> m_rr;             // per output: last input served
    std::vector<unsigned> m_awake;          // links clocked in lockstep
    std::vector<char> m_is_awake;
    sc_core::sc_event m_wake_event;
    bool m_sleeping = false;     // the thread waits for m_wake_event
    uint64_t m_cycle = 0;        // the transactor's clock
    uint64_t m_synced_cycle = 0; // the cycle at sc_time_stamp()
    fabric_stats m_stats;
    std::vector<std::pair<uint64_t, unsigned>> m_drop_edges; // (cycle, link), sorted: drop starts and ends
    size_t m_next_drop_edge = 0;
};

} // namespace cellvp::fabric
