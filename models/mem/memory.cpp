// Memory target: see memory.h.
#include "mem/memory.h"

#include "bus/code_watch_extension.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace cellvp {

void memory::free_deleter::operator()(uint8_t* p) const { std::free(p); }

namespace {
uint8_t* allocate(uint64_t size)
{
    // calloc: untouched pages of a large RAM cost nothing on the host.
    auto* p = static_cast<uint8_t*>(std::calloc(size_t(size), 1));
    if (!p) throw std::bad_alloc();
    return p;
}
} // namespace

memory::memory(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time read_latency, sc_core::sc_time write_latency,
               bool writable)
    : sc_module(name), target_socket("target_socket"), m_size(size), m_data(allocate(size)),
      m_read_latency(read_latency), m_write_latency(write_latency), m_writable(writable), m_watch(m_data.get(), size)
{
    target_socket.register_b_transport(this, &memory::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &memory::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &memory::transport_dbg);
}

void memory::write_host(uint64_t offset, const void* src, uint64_t len)
{
    std::memcpy(m_data.get() + offset, src, size_t(len));
    m_watch.written(m_data.get() + offset, size_t(len));
}

void memory::fill(uint8_t pattern)
{
    std::memset(m_data.get(), pattern, size_t(m_size));
    m_watch.written(m_data.get(), size_t(m_size));
}

void memory::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    uint64_t addr = trans.get_address();
    unsigned len = trans.get_data_length();
    if (addr >= m_size || len > m_size - addr) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (trans.get_streaming_width() < len) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    uint8_t* p = m_data.get() + addr;
    if (trans.is_read()) {
        std::memcpy(trans.get_data_ptr(), p, len);
        delay += m_read_latency;
    } else if (trans.is_write()) {
        if (!m_writable) {
            trans.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
            return;
        }
        std::memcpy(p, trans.get_data_ptr(), len);
        m_watch.written(p, len);
        delay += m_write_latency;
    }
    trans.set_dmi_allowed(true);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool memory::get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi)
{
    dmi.set_dmi_ptr(m_data.get());
    dmi.set_start_address(0);
    dmi.set_end_address(m_size - 1);
    dmi.set_read_latency(m_read_latency);
    dmi.set_write_latency(m_write_latency);
    if (m_writable)
        dmi.allow_read_write();
    else
        dmi.allow_read();
    if (code_watch_extension* ext = trans.get_extension<code_watch_extension>()) ext->watch = &m_watch;
    return true;
}

unsigned memory::transport_dbg(tlm::tlm_generic_payload& trans)
{
    uint64_t addr = trans.get_address();
    if (addr >= m_size) return 0;
    unsigned len = unsigned(std::min<uint64_t>(trans.get_data_length(), m_size - addr));
    uint8_t* p = m_data.get() + addr;
    if (trans.is_read()) {
        std::memcpy(trans.get_data_ptr(), p, len);
    } else if (trans.is_write()) {
        if (!m_writable) return 0;
        std::memcpy(p, trans.get_data_ptr(), len);
        m_watch.written(p, len);
    }
    return len;
}

} // namespace cellvp
