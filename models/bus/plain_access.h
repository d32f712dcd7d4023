// The one way an initiator of this platform fills a generic payload for a plain access: one beat of `len`
// bytes (streaming width = length), no byte enables, DMI not yet allowed, response incomplete. Used by the
// hart, the fabric port's DMA and window and the SHA-256 engine.
#pragma once

#include <tlm>

#include <cstdint>

namespace cellvp {

inline void set_plain_access(tlm::tlm_generic_payload& t, tlm::tlm_command cmd, uint64_t addr, uint8_t* data,
                             unsigned len)
{
    t.set_command(cmd);
    t.set_address(addr);
    t.set_data_ptr(data);
    t.set_data_length(len);
    t.set_streaming_width(len);
    t.set_byte_enable_ptr(nullptr);
    t.set_dmi_allowed(false);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

} // namespace cellvp
