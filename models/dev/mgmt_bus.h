// Manageability interconnect: a shared, slow, multi-master bus between the cells (and, later, a management
// processor), modelled on SMBus/I2C. Nodes (mgmt_node_if) attach with an 8-bit id and send packets of up to
// 64 payload bytes to one node or to all (broadcast id 0xFF).
//
// Frame on the wire (the layout of an SMBus Block Write, with the command-code byte carrying the source id,
// as MCTP over SMBus carries the source address):
//   START | dest | src | len | payload[len] | PEC | STOP
// Each byte takes 9 bit-times (8 data bits + the receiver's ACK bit); START and STOP take one bit-time each,
// so a packet occupies the bus for 9 * (len + 4) + 2 bit-times at the configured bit rate. The PEC is
// SMBus's CRC-8 (x^8 + x^2 + x + 1, initial value 0, no reflection, no final XOR) over dest, src, len and
// the payload. Ids are whole bytes (every transfer is a write, so there is no R/W bit; broadcast is 0xFF
// rather than I2C's general-call address 0).
//
// Arbitration: I2C's wired-AND arbitration compares the frames bit by bit, most significant first, and the
// master sending a 0 where another sends a 1 wins. With the frame above that is: the lowest destination
// byte wins, then the lowest source byte (source ids are unique, so it is always decided by then). All
// requests ready at the same simulated time take part, whatever their delta cycle, and so do all those
// queued while the bus was busy when it frees; the losers wait for the next free bus. A node's requests go
// out in the order it made them (only its oldest takes part). Not fair: a node that wins every time and
// always has another request ready when the bus frees would starve the others (as on a real SMBus).
//
// Delivery, at the end of the packet (STOP): a unicast goes to the node with the destination id; it
// refuses (buffer full) -> nack, nothing delivered; no node with that id -> nack (nobody ACKs the address).
// A unicast to the sender's own id comes back to it (loopback, for self-tests).
// A broadcast goes to every other node in id order and is ok when at least one accepted (the ACK is
// wired-AND: one acknowledging receiver is enough), nack when none did or there is no other node. Then the
// sender's mgmt_sent is called with the result.
//
// Errors (injected from C++): a corrupted byte makes the receivers' PEC check fail; they drop the packet and
// NACK the PEC byte, and the sender sees `error`. A lost packet (destroyed on the wire, nobody answers) is
// reported to the sender as `error` too, not `nack`: `nack` means a receiver refused it or does not exist,
// which firmware may treat differently from a transport fault. A seeded rate corrupts random packets
// (std::mt19937_64, so the same seed corrupts the same packets on every host).
//
// Timing: event driven: the bus process wakes when a request is made and at the end of each packet; nothing
// per bit, no polling.
// Does NOT model: a NACK cutting a frame short (the outcome is decided at the end, so a NACKed or corrupted
// packet occupies the bus for its whole frame, where a real master would STOP after a NACKed address); clock
// stretching; bus-free time between STOP and the next START; SMBus timeouts; reads and repeated START; 7-bit
// addressing; a master that starts while another's frame is under way (it waits for STOP); a corrupted
// destination byte; electrical faults other than the injected ones.
#pragma once

#include <systemc>

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <vector>

namespace cellvp {

constexpr uint8_t mgmt_broadcast = 0xFF;
constexpr std::size_t mgmt_max_payload = 64;         // MCTP's baseline transmission unit (DSP0236)
constexpr std::size_t mgmt_frame_overhead_bytes = 4; // dest, src, len, PEC

struct mgmt_packet {
    uint8_t dest = 0;
    uint8_t src = 0; // set by the bus to the sender's id
    std::vector<uint8_t> payload;
};

enum class mgmt_result {
    ok,    // delivered (a broadcast: to at least one node)
    nack,  // the receiver refused it (buffer full) or no node has the destination id; nothing delivered
    error, // corrupted (the PEC check failed) or lost on the wire; nothing delivered
};
const char* to_string(mgmt_result r);

// A node on the bus. The bus calls these from its own process, at the end of a packet.
class mgmt_node_if {
public:
    virtual ~mgmt_node_if() = default;
    virtual uint8_t mgmt_address() const = 0;
    // A packet for this node (or a broadcast); false: no room (the bus NACKs it), nothing kept.
    virtual bool mgmt_receive(const mgmt_packet& packet) = 0;
    // The outcome of a packet this node sent, in the order the node sent them.
    virtual void mgmt_sent(const mgmt_packet& packet, mgmt_result result) = 0;
};

// SMBus PEC: CRC-8, polynomial x^8 + x^2 + x + 1 (0x07), initial value `crc` (0 for a new frame).
uint8_t smbus_pec(const uint8_t* data, std::size_t len, uint8_t crc = 0);
// The bytes of a packet on the wire: dest, src, len, payload, PEC.
std::vector<uint8_t> mgmt_frame(const mgmt_packet& packet);
// Bit-times a packet with `payload_len` bytes occupies the bus: 9 per byte plus START and STOP.
constexpr uint64_t mgmt_frame_bit_times(std::size_t payload_len)
{
    return 9 * (payload_len + mgmt_frame_overhead_bytes) + 2;
}

struct mgmt_bus_config {
    // 400 kHz: I2C Fast-mode (NXP UM10204, I2C-bus specification) and SMBus 3.0's 400 kHz class. Allowed:
    // 100 kHz (I2C Standard-mode, SMBus 2.0's maximum) to 12.5 MHz (MIPI I3C SDR).
    uint64_t bit_rate_hz = 400000;
    uint64_t seed = 1;         // of the random corruption
    double corrupt_rate = 0.0; // fraction of packets with one corrupted byte, 0..1
};

constexpr uint64_t mgmt_min_bit_rate_hz = 100000;
constexpr uint64_t mgmt_max_bit_rate_hz = 12500000;

struct mgmt_bus_stats {
    uint64_t packets = 0;    // packets that went over the wire (whatever their outcome)
    uint64_t bytes = 0;      // frame bytes on the wire (dest, src, len, payload, PEC)
    uint64_t deliveries = 0; // packets accepted by a receiver (a broadcast counts once per receiver)
    uint64_t nacks = 0;      // packets whose result was nack
    uint64_t errors = 0;     // packets whose result was error (corrupted + lost)
    uint64_t corrupted = 0;  // of which the PEC check failed
    uint64_t lost = 0;       // of which lost on the wire
    sc_core::sc_time busy_time = sc_core::SC_ZERO_TIME;
};

class mgmt_bus : public sc_core::sc_module {
public:
    // High while a packet is on the wire (START to STOP). Back-to-back packets keep it high.
    sc_core::sc_signal<bool> busy;
    // The packet on the wire: dest << 16 | src << 8 | len; valid while `busy`, keeps the last value after.
    sc_core::sc_signal<uint32_t> header;

    // Throws std::invalid_argument for a bit rate outside 100 kHz .. 12.5 MHz or a rate outside 0..1.
    mgmt_bus(sc_core::sc_module_name name, const mgmt_bus_config& cfg = {});

    // Adds a node; throws std::invalid_argument for the broadcast id or an id already taken.
    void attach(mgmt_node_if& node);
    // Queues a packet from `from` (attached): it asks for the bus at sc_time_stamp() + delay (for loosely
    // timed callers) and `from.mgmt_sent` reports the result. The source id is set from `from`. Throws
    // std::invalid_argument for an unattached node or more than 64 payload bytes.
    void send(mgmt_node_if& from, mgmt_packet packet, const sc_core::sc_time& delay = sc_core::SC_ZERO_TIME);
    // Withdraws the packets of `from` that are not on the wire yet (no mgmt_sent for them); returns how many.
    // A packet on the wire completes and is reported as usual.
    std::size_t cancel(mgmt_node_if& from);

    // Error injection. Packets are numbered from 1 in the order they go on the wire. `frame_byte` indexes
    // the frame (1 = src, 2 = len, 3.. = payload, last = PEC; clipped to the frame; the destination byte
    // cannot be corrupted); the byte is XORed with `xor_mask` (not 0).
    void corrupt_packet(uint64_t number, std::size_t frame_byte = 3, uint8_t xor_mask = 0x01);
    void lose_packet(uint64_t number);

    // The number the next packet to start will have.
    uint64_t next_packet_number() const { return m_stats.packets + (m_current ? 2 : 1); }
    // The packet on the wire, or null.
    const mgmt_packet* current() const { return m_current ? &m_current->packet : nullptr; }
    std::size_t queued() const { return m_pending.size(); }
    sc_core::sc_time frame_time(std::size_t payload_len) const;
    const mgmt_bus_config& config() const { return m_cfg; }
    const mgmt_bus_stats& stats() const { return m_stats; }

private:
    struct request {
        std::size_t node;
        mgmt_packet packet;
        sc_core::sc_time ready;
        uint64_t seq;
    };
    struct corruption {
        std::size_t frame_byte;
        uint8_t xor_mask;
    };

    void engine();
    void finish();
    mgmt_result deliver(const request& r, uint64_t number);
    void start(request r, const sc_core::sc_time& now);
    std::optional<std::size_t> best_ready(const sc_core::sc_time& now, std::size_t exclude = SIZE_MAX) const;
    static bool wins(const mgmt_packet& a, const mgmt_packet& b);
    std::size_t node_index(const mgmt_node_if& node) const;

    mgmt_bus_config m_cfg;
    std::vector<mgmt_node_if*> m_nodes;
    std::array<int, 256> m_by_address;
    std::deque<request> m_pending; // in the order requested (seq)
    std::optional<request> m_current;
    sc_core::sc_time m_start, m_end;
    uint64_t m_seq = 0;
    sc_core::sc_event m_wake;
    mgmt_bus_stats m_stats;
    std::map<uint64_t, corruption> m_corrupt;
    std::set<uint64_t> m_lose;
    std::mt19937_64 m_rng;
    uint64_t m_corrupt_threshold = 0; // a packet is corrupted when a draw is below it
    bool m_corrupt_always = false;
};

} // namespace cellvp
