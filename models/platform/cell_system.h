// A server of cells: N cells on one manageability bus (the fabric joins them with the fabric issue).
#pragma once

#include "dev/mgmt_bus.h"
#include "platform/cell.h"

#include <systemc>

#include <memory>
#include <vector>

namespace cellvp {

struct cell_system_config {
    std::vector<cell_config> cells;
    mgmt_bus_config mgmt{};
};

class cell_system : public sc_core::sc_module {
public:
    cell_system(sc_core::sc_module_name name, const cell_system_config& cfg);

    mgmt_bus mbus;
    std::vector<std::unique_ptr<cell>> cells;
};

} // namespace cellvp
