// A server of cells: see cell_system.h.
#include "platform/cell_system.h"

#include <set>
#include <stdexcept>

namespace cellvp {

cell_system::cell_system(sc_core::sc_module_name name, const cell_system_config& cfg) : sc_module(name), mbus("mbus", cfg.mgmt)
{
    std::set<uint32_t> ids;
    for (const cell_config& c : cfg.cells) {
        if (!ids.insert(c.id).second) throw std::invalid_argument("two cells with id " + std::to_string(c.id));
        cells.push_back(std::make_unique<cell>(("cell" + std::to_string(c.id)).c_str(), c, mbus));
    }
    if (cfg.with_fabric && !cells.empty()) {
        fabric::fabric_config fc = cfg.fabric;
        fc.ports = *ids.rbegin() + 1;
        fab = std::make_unique<fabric::fabric>("fabric", fc);
        for (auto& c : cells) c->attach_fabric(fab->attach(c->id(), c->fabric));
    }
}

} // namespace cellvp
