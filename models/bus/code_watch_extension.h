// TLM extension by which a memory hands its code_watch to an initiator together with a DMI grant, so
// that instruction caches built on the DMI pointer stay coherent with every writer of that memory.
#pragma once

#include "hart/code_watch.h"

#include <tlm>

namespace cellvp {

struct code_watch_extension : tlm::tlm_extension<code_watch_extension> {
    code_watch* watch = nullptr;

    tlm::tlm_extension_base* clone() const override
    {
        auto* e = new code_watch_extension;
        e->watch = watch;
        return e;
    }
    void copy_from(const tlm::tlm_extension_base& other) override
    {
        watch = static_cast<const code_watch_extension&>(other).watch;
    }
};

} // namespace cellvp
