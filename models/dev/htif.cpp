// Host-target interface: see htif.h.
#include "dev/htif.h"

#include "util/format.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace cellvp {

namespace {
constexpr uint64_t sys_write = 64, sys_exit = 93;
constexpr uint64_t enosys = uint64_t(-38);
constexpr unsigned max_write = 1u << 20; // longest single write() the host copies out
} // namespace

htif::htif(sc_core::sc_module_name name) : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket")
{
    target_socket.register_b_transport(this, &htif::b_transport);
    target_socket.register_transport_dbg(this, &htif::transport_dbg);
}

bool htif::guest_access(bool write, uint64_t addr, void* data, unsigned len)
{
    tlm::tlm_generic_payload t;
    t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(addr);
    t.set_data_ptr(static_cast<uint8_t*>(data));
    t.set_data_length(len);
    return initiator_socket->transport_dbg(t) == len;
}

void htif::command(uint64_t value)
{
    if (value == 0) return;
    if (value & 1) {
        if (on_exit) on_exit(int(value >> 1));
        return;
    }
    uint64_t block[8];
    if (!guest_access(false, value, block, sizeof block)) {
        SC_REPORT_ERROR("cellvp/htif", ("tohost points at " + hex(value) + ", which is not guest memory").c_str());
        return;
    }
    uint64_t result = enosys;
    if (block[0] == sys_write) {
        unsigned len = unsigned(std::min<uint64_t>(block[3], max_write));
        std::vector<char> buf(len);
        if (guest_access(false, block[2], buf.data(), len)) {
            if (on_write) on_write(int(block[1]), std::string(buf.data(), len));
            result = len;
        } else {
            result = uint64_t(-14); // EFAULT
        }
    } else if (block[0] == sys_exit) {
        if (on_exit) on_exit(int(block[1]));
        result = 0;
    } else {
        SC_REPORT_WARNING("cellvp/htif", ("unsupported system call " + std::to_string(block[0])).c_str());
    }
    block[0] = result;
    guest_access(true, value, block, 8);
    m_fromhost = 1;
}

void htif::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time&)
{
    if (transport_dbg(trans) != trans.get_data_length()) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned htif::transport_dbg(tlm::tlm_generic_payload& trans)
{
    uint64_t addr = trans.get_address();
    unsigned len = trans.get_data_length();
    if (addr + len > size || (addr < fromhost_offset && addr + len > fromhost_offset)) return 0;
    uint64_t& reg = addr < fromhost_offset ? m_tohost : m_fromhost;
    unsigned at = unsigned(addr % 8);
    if (trans.is_read()) {
        std::memcpy(trans.get_data_ptr(), reinterpret_cast<uint8_t*>(&reg) + at, len);
    } else if (trans.is_write()) {
        std::memcpy(reinterpret_cast<uint8_t*>(&reg) + at, trans.get_data_ptr(), len);
        // rv32 programs write the low word and then the high word (zero): act on the low word.
        if (&reg == &m_tohost && at == 0) {
            uint64_t v = m_tohost;
            m_tohost = 0;
            command(len >= 8 ? v : (v & 0xffffffffu));
        }
    }
    return len;
}

} // namespace cellvp
