// Host-target interface of the RISC-V test programs (Spike's HTIF, as riscv-tests use it): a write to
// `tohost` of (code << 1) | 1 ends the run with `code`; a write of the address of a block of eight 64-bit
// words {which, arg0, arg1, arg2, ...} performs a system call (64 = write(fd, buf, len), 93 = exit(code)),
// puts the result in the block's first word and sets `fromhost` to 1. Local addresses: 0-7 tohost,
// 8-15 fromhost (the platform maps each where the program's symbols are). Guest memory is read and
// written through initiator_socket with debug transport. Takes no simulated time.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <functional>
#include <string>

namespace cellvp {

class htif : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<htif> target_socket;
    tlm_utils::simple_initiator_socket<htif> initiator_socket;

    static constexpr uint64_t tohost_offset = 0, fromhost_offset = 8, size = 16;

    explicit htif(sc_core::sc_module_name name);

    std::function<void(int code)> on_exit;
    std::function<void(int fd, const std::string& text)> on_write;

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    void command(uint64_t value);
    bool guest_access(bool write, uint64_t addr, void* data, unsigned len);

    uint64_t m_tohost = 0, m_fromhost = 0;
};

} // namespace cellvp
