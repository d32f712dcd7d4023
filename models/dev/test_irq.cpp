// Test interrupt source: see test_irq.h.
#include "dev/test_irq.h"

#include "cellvp/bare_map.h"

#include <cstring>

namespace cellvp {

test_irq::test_irq(sc_core::sc_module_name name) : sc_module(name), target_socket("target_socket"), irq("irq")
{
    target_socket.register_b_transport(this, &test_irq::b_transport);
    SC_HAS_PROCESS(test_irq);
    SC_METHOD(drive);
    sensitive << m_changed;
}

void test_irq::drive() { irq.write(m_level); }

void test_irq::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    if (trans.get_address() != BARE_TESTIRQ_MEIP || trans.get_data_length() != 4 || trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    uint32_t v = m_level;
    if (trans.is_write()) {
        std::memcpy(&v, trans.get_data_ptr(), 4);
        m_level = v & 1;
        m_changed.notify(delay);
    } else {
        std::memcpy(trans.get_data_ptr(), &v, 4);
    }
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

} // namespace cellvp
