// Test benches for the SystemC models: a tester initiator that runs a test body as a SystemC thread, and a
// small platform (harts, RAM, CLINT behind a router) loaded with a program given as instruction words.
#pragma once

#include "bus/router.h"
#include "dev/clint.h"
#include "hart/hart.h"
#include "mem/memory.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstring>
#include <functional>
#include <memory>
#include <vector>

namespace cellvp::test {

// An initiator whose thread runs `body`; helpers issue single transactions and report the response.
class tlm_tester : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<tlm_tester> initiator_socket;
    std::function<void(tlm_tester&)> body;
    std::vector<std::pair<sc_dt::uint64, sc_dt::uint64>> invalidations;

    explicit tlm_tester(sc_core::sc_module_name name) : sc_module(name), initiator_socket("initiator_socket")
    {
        initiator_socket.register_invalidate_direct_mem_ptr(this, &tlm_tester::invalidate);
        SC_HAS_PROCESS(tlm_tester);
        SC_THREAD(run);
    }

    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len,
                                    sc_core::sc_time* delay_out = nullptr, const uint8_t* byte_enables = nullptr)
    {
        tlm::tlm_generic_payload t;
        t.set_command(cmd);
        t.set_address(addr);
        t.set_data_ptr(static_cast<uint8_t*>(data));
        t.set_data_length(len);
        t.set_streaming_width(len);
        if (byte_enables) {
            t.set_byte_enable_ptr(const_cast<uint8_t*>(byte_enables));
            t.set_byte_enable_length(len);
        }
        t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        initiator_socket->b_transport(t, delay);
        if (delay_out) *delay_out = delay;
        return t.get_response_status();
    }
    tlm::tlm_response_status read32(uint64_t addr, uint32_t& v) { return access(tlm::TLM_READ_COMMAND, addr, &v, 4); }
    tlm::tlm_response_status write32(uint64_t addr, uint32_t v) { return access(tlm::TLM_WRITE_COMMAND, addr, &v, 4); }

    bool dmi(uint64_t addr, tlm::tlm_dmi& out)
    {
        tlm::tlm_generic_payload t;
        t.set_address(addr);
        t.set_command(tlm::TLM_READ_COMMAND);
        return initiator_socket->get_direct_mem_ptr(t, out);
    }

private:
    void run()
    {
        if (body) body(*this);
    }
    void invalidate(sc_dt::uint64 s, sc_dt::uint64 e) { invalidations.emplace_back(s, e); }
};

// Harts, 1 MiB of RAM at 0x80000000 and a CLINT at 0x02000000, all on one router; the tester is on it too.
class mini_platform : public sc_core::sc_module {
public:
    static constexpr uint64_t ram_base = 0x80000000u, ram_size = 1u << 20, clint_base = 0x02000000u;

    router bus;
    memory ram;
    clint clint0;
    tlm_tester tester;
    std::vector<std::unique_ptr<hart>> harts;
    sc_core::sc_signal<bool> reset_line{"reset_line"}; // every hart's reset, active high

    mini_platform(sc_core::sc_module_name name, const std::vector<uint32_t>& program, unsigned n_harts = 1,
                  hart_config cfg = {})
        : sc_module(name), bus("bus"), ram("ram", ram_size, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME),
          clint0("clint0", n_harts, cfg.timebase_hz), tester("tester"), m_msip("msip", n_harts), m_mtip("mtip", n_harts),
          m_meip("meip", n_harts)
    {
        ram.write_host(0, program.data(), program.size() * 4);
        bus.map(bus.attach(ram.target_socket), ram_base, ram_size, 0, "ram");
        bus.map(bus.attach(clint0.target_socket), clint_base, 0x10000, 0, "clint");
        tester.initiator_socket.bind(bus.target_socket);
        for (unsigned h = 0; h < n_harts; ++h) {
            hart_config c = cfg;
            c.hart_id = h;
            c.reset_pc = uint32_t(ram_base);
            harts.push_back(std::make_unique<hart>(sc_core::sc_gen_unique_name("hart"), c));
            hart& x = *harts.back();
            x.initiator_socket.bind(bus.target_socket);
            clint0.msip[h].bind(m_msip[h]);
            clint0.mtip[h].bind(m_mtip[h]);
            x.msip.bind(m_msip[h]);
            x.mtip.bind(m_mtip[h]);
            x.meip.bind(m_meip[h]);
            x.reset.bind(reset_line);
        }
    }

    hart_core& core(unsigned h = 0) { return harts.at(h)->core(); }

private:
    sc_core::sc_vector<sc_core::sc_signal<bool>> m_msip, m_mtip, m_meip;
};

} // namespace cellvp::test
