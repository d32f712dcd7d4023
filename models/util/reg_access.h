// The checks every 32-bit register block makes before it decodes an access: no byte enables
// (TLM_BYTE_ENABLE_ERROR_RESPONSE), exactly 4 bytes in one beat (TLM_BURST_ERROR_RESPONSE).
#pragma once

#include <tlm>

namespace cellvp {

// True when the access may proceed; otherwise the response status is set and the target returns.
inline bool accept_word_access(tlm::tlm_generic_payload& trans)
{
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return false;
    }
    if (trans.get_data_length() != 4 || trans.get_streaming_width() < 4) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return false;
    }
    return true;
}

} // namespace cellvp
