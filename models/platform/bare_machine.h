// The bare machine of `cellvp run-elf`: one hart, RAM, a CLINT, a test interrupt source and the HTIF
// that RISC-V test programs report through (firmware/include/cellvp/bare_map.h has the map).
#pragma once

#include "bus/router.h"
#include "dev/clint.h"
#include "dev/htif.h"
#include "dev/test_irq.h"
#include "hart/hart.h"
#include "mem/memory.h"
#include "util/elf_file.h"

#include <systemc>

#include <functional>
#include <optional>
#include <string>

namespace cellvp {

struct bare_machine_config {
    hart_config hart{};                            // reset_pc is set from the ELF entry
    uint64_t ram_size = 0;                         // 0: BARE_RAM_SIZE
    sc_core::sc_time ram_latency = sc_core::SC_ZERO_TIME; // tightly-coupled SRAM: the pipeline's cycles cover it
    bool dmi = true;
    uint64_t max_instructions = 0;                 // 0: no limit
};

class bare_machine : public sc_core::sc_module {
public:
    bare_machine(sc_core::sc_module_name name, const bare_machine_config& cfg, const elf_file& program);

    router bus;
    memory ram;
    clint clint0;
    test_irq irq_source;
    htif host;
    hart cpu;

    // What the program wrote through HTIF (fd 1 and 2); default: nothing.
    std::function<void(int fd, const std::string& text)> on_output;

    std::optional<int> exit_code() const { return m_exit_code; }

private:
    sc_core::sc_signal<bool> m_msip{"msip_line"}, m_mtip{"mtip_line"}, m_meip{"meip_line"};
    std::optional<int> m_exit_code;
};

} // namespace cellvp
