// A server of cells: N cells on one manageability bus and on the high-speed fabric (one fabric port per cell
// id; cell ids must then be 0 .. N-1 for the switch to route by id).
#pragma once

#include "dev/mgmt_bus.h"
#include "fabric/fabric.h"
#include "platform/cell.h"

#include <systemc>

#include <memory>
#include <vector>

namespace cellvp {

struct cell_system_config {
    std::vector<cell_config> cells;
    mgmt_bus_config mgmt{};
    bool with_fabric = true;
    fabric::fabric_config fabric{}; // `ports` is set from the cells
};

class cell_system : public sc_core::sc_module {
public:
    cell_system(sc_core::sc_module_name name, const cell_system_config& cfg);

    mgmt_bus mbus;
    std::vector<std::unique_ptr<cell>> cells;
    std::unique_ptr<fabric::fabric> fab; // null without a fabric
};

} // namespace cellvp
