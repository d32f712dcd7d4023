// The checks every 32-bit register block makes before it decodes an access: no byte enables
// (TLM_BYTE_ENABLE_ERROR_RESPONSE), exactly 4 bytes in one beat (TLM_BURST_ERROR_RESPONSE); and the decode
// itself for blocks of word registers with read/write functions.
#pragma once

#include <tlm>

#include <cstdint>
#include <cstring>

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

// b_transport of a block of 32-bit registers: checks the access (accept_word_access), then calls
// read(offset, value&) or write(offset, value, delay), each returning false for an offset that is no register
// (a hole: TLM_ADDRESS_ERROR_RESPONSE, as for a misaligned offset). Returns true when a read succeeded, so
// the caller may annotate it (a poll hint).
template <typename Read, typename Write>
bool word_register_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay, Read&& read, Write&& write)
{
    if (!accept_word_access(trans)) return false;
    const uint64_t addr = trans.get_address();
    bool ok = false, was_read = false;
    uint32_t v = 0;
    if (!(addr & 3)) {
        if (trans.is_write()) {
            std::memcpy(&v, trans.get_data_ptr(), 4);
            ok = write(addr, v, delay);
        } else {
            ok = read(addr, v);
            if (ok && trans.is_read()) {
                std::memcpy(trans.get_data_ptr(), &v, 4);
                was_read = true;
            }
        }
    }
    trans.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return was_read;
}

// transport_dbg of a block of 32-bit registers without read side effects: reads only, one aligned word,
// through read(offset, value&). Returns the bytes transferred (0: refused), as transport_dbg does.
template <typename Read>
unsigned word_register_debug_read(tlm::tlm_generic_payload& trans, Read&& read)
{
    const uint64_t addr = trans.get_address();
    uint32_t v = 0;
    if (!trans.is_read() || trans.get_data_length() != 4 || (addr & 3) || !read(addr, v)) return 0;
    std::memcpy(trans.get_data_ptr(), &v, 4);
    return 4;
}

} // namespace cellvp
