// TLM extension by which a device tells the initiator of a read how long the value read stays as it is
// (unless someone writes the device). A hart that polls the same register and sees the same value again
// uses it to let simulated time jump to the change instead of spinning through every poll.
#pragma once

#include <systemc>
#include <tlm>

namespace cellvp {

struct poll_hint_extension : tlm::tlm_extension<poll_hint_extension> {
    // Time from the access (sc_time_stamp() + delay at the target) during which the register read keeps
    // its value; zero: no promise.
    sc_core::sc_time stable_for = sc_core::SC_ZERO_TIME;

    tlm::tlm_extension_base* clone() const override
    {
        auto* e = new poll_hint_extension;
        e->stable_for = stable_for;
        return e;
    }
    void copy_from(const tlm::tlm_extension_base& other) override
    {
        stable_for = static_cast<const poll_hint_extension&>(other).stable_for;
    }
};

// For targets: promise that the value just read stays for `d` (no-op when the initiator did not ask).
inline void set_poll_hint(tlm::tlm_generic_payload& trans, const sc_core::sc_time& d)
{
    if (poll_hint_extension* e = trans.get_extension<poll_hint_extension>()) e->stable_for = d;
}

} // namespace cellvp
