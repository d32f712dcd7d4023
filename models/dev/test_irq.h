// Test interrupt source of the bare machine (firmware/include/cellvp/bare_map.h): one register whose
// bit 0 is the level of the machine external interrupt line. Stands in for an interrupt controller so that
// test programs can raise and lower external interrupts. 4-byte accesses at offset 0 only.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace cellvp {

class test_irq : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<test_irq> target_socket;
    sc_core::sc_out<bool> irq;

    explicit test_irq(sc_core::sc_module_name name);

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    void drive();

    bool m_level = false;
    sc_core::sc_event m_changed;
};

} // namespace cellvp
