// The fabric's transaction layer: the packets (TLPs) a cell's fabric port exchanges with the fabric, and the
// two interfaces between a fabric port (cell side) and the fabric (link RTL, transactor and switch).
//
// A TLP is a 3-DW header and an optional payload of whole DWs, as PCIe's 32-bit-address memory requests
// (PCIe Base Specification, 2.2: 3-DW headers for 32-bit addresses). The data link layer around it (start
// token with sequence number, LCRC) lives in the RTL (rtl/link_endpoint.sv). On the wire a header DW is
// sent as its little-endian bytes.
#pragma once

#include <systemc>

#include <cstdint>
#include <vector>

namespace cellvp::fabric {

// Kinds of TLP. Writes are posted (no reply) unless they carry tlp_flag_ack_req; reads are answered by a
// completion carrying data or an error status.
enum class tlp_type : uint8_t {
    mem_write = 0x01,  // payload to the target's memory, through its inbound window
    mem_read = 0x02,   // asks `length` bytes from the target; no payload
    completion = 0x03, // answer to a read (payload) or to an ack-requesting write (no payload)
};

// Completion status (PCIe's Completion Status field, reduced to what the fabric port reports).
enum class tlp_status : uint8_t {
    ok = 0,
    access_denied = 1, // outside the target's window, window closed, or the wrong source cell
    unsupported = 2,   // malformed request
    unreachable = 3,   // from the switch: no cell with that id, or its link is down
};

// Header flags.
constexpr uint16_t tlp_flag_ack_req = 0x0001; // a write that wants a completion (the last of a DMA transfer)

struct tlp {
    tlp_type type = tlp_type::mem_write;
    uint8_t dst = 0;    // destination cell id (routing)
    uint8_t src = 0;    // source cell id (set by the sender's fabric port; the switch never changes it)
    uint8_t tag = 0;    // matches a completion to its request
    uint16_t flags = 0; // tlp_flag_*; in a completion, the low byte is the tlp_status
    uint16_t length = 0; // bytes: of the payload (writes, completions) or asked for (reads); 0 means 0
    uint32_t address = 0; // target memory address (writes, reads); for a completion, the request's address
    std::vector<uint8_t> payload; // length bytes for writes and read completions; padded to DWs on the wire

    static constexpr unsigned header_dw = 3;
    unsigned payload_dw() const { return static_cast<unsigned>((payload.size() + 3) / 4); }
    unsigned total_dw() const { return header_dw + payload_dw(); }

    // Header DWs: w0 = type<<24 | dst<<16 | src<<8 | tag, w1 = flags<<16 | length, w2 = address.
    void header_words(uint32_t out[header_dw]) const {
        out[0] = uint32_t(type) << 24 | uint32_t(dst) << 16 | uint32_t(src) << 8 | tag;
        out[1] = uint32_t(flags) << 16 | length;
        out[2] = address;
    }
    // Serialises to DWs (header then payload, zero padded).
    std::vector<uint32_t> to_words() const {
        std::vector<uint32_t> w(total_dw(), 0);
        header_words(w.data());
        for (size_t i = 0; i < payload.size(); ++i)
            w[header_dw + i / 4] |= uint32_t(payload[i]) << (8 * (i % 4));
        return w;
    }
    // Parses DWs back; false when the words cannot be a TLP (too short, bad type, length beyond the words).
    bool from_words(const uint32_t* w, size_t count) {
        if (count < header_dw)
            return false;
        uint8_t t = uint8_t(w[0] >> 24);
        if (t < 1 || t > 3)
            return false;
        type = tlp_type(t);
        dst = uint8_t(w[0] >> 16);
        src = uint8_t(w[0] >> 8);
        tag = uint8_t(w[0]);
        flags = uint16_t(w[1] >> 16);
        length = uint16_t(w[1]);
        address = w[2];
        size_t bytes = (count - header_dw) * 4;
        bool has_payload = type == tlp_type::mem_write || (type == tlp_type::completion && count > header_dw);
        if (!has_payload) {
            payload.clear();
            return count == header_dw;
        }
        if (length > bytes || size_t(length + 3) / 4 != count - header_dw)
            return false;
        payload.resize(length);
        for (size_t i = 0; i < length; ++i)
            payload[i] = uint8_t(w[header_dw + i / 4] >> (8 * (i % 4)));
        return true;
    }
};

// What the fabric sees of a cell's fabric port. Called from the fabric's transactor thread, which may run
// ahead of SystemC time by `offset` (loosely timed, like a hart's quantum keeper): the port applies effects
// at sc_time_stamp() + offset.
class fabric_port_if {
public:
    virtual ~fabric_port_if() = default;
    // The next TLP to send, if the port has one; the fabric calls it when the link can take a packet.
    virtual bool tx_pull(tlp& out, const sc_core::sc_time& offset) = 0;
    // A TLP arrived intact and in order. The port consumes it during the call (memory write, or a reply
    // queued for tx_pull); the fabric returns the receive credit afterwards.
    virtual void rx_deliver(const tlp& in, const sc_core::sc_time& offset) = 0;
    // The link went up or down (training finished, or it was lost or disabled).
    virtual void link_changed(bool up, const sc_core::sc_time& offset) = 0;
};

// What a cell's fabric port sees of the fabric: one attachment per cell.
class fabric_attach_if {
public:
    virtual ~fabric_attach_if() = default;
    // Firmware enabled or disabled the cell's end of the link. Call from a process at the current time.
    virtual void set_link_enable(bool enable) = 0;
    virtual bool link_up() const = 0;
    // The port has something to send: the fabric wakes up and pulls (tx_pull) when the link can take it.
    virtual void tx_kick() = 0;
};

} // namespace cellvp::fabric
