// One cell of the server (firmware/include/cellvp/cell_map.h): 1 to 4 harts, RAM, NOR flash read in place,
// FRAM NVRAM, console UART, CLINT, interrupt controller, cell controller, a mailbox on the manageability
// bus, the fabric port (its DMA engine and inbound window reach the cell's memories through the bus) and the
// SHA-256 engine with DMA (also an initiator on the bus).
//
// Resets: a cell reset (soft, watchdog, remote, or from the test bench) holds the harts, resets the devices,
// fills RAM with a pattern (its contents are undefined after a reset) and releases the harts at the reset
// vector; flash and NVRAM keep their contents. A power cut (injected in flash or NVRAM) stops the cell until
// power_on(), which then resets it with cause power-on.
#pragma once

#include "bus/router.h"
#include "dev/cell_ctl.h"
#include "dev/clint.h"
#include "dev/fabric_port.h"
#include "dev/htif.h"
#include "dev/intc.h"
#include "dev/mailbox.h"
#include "dev/mgmt_bus.h"
#include "dev/sha_dma.h"
#include "dev/uart.h"
#include "hart/hart.h"
#include "mem/flash.h"
#include "mem/memory.h"
#include "mem/nvram.h"
#include "util/elf_file.h"

#include <systemc>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cellvp {

struct cell_config {
    uint32_t id = 0;
    uint32_t partition = 0;
    unsigned harts = 1;                           // 1 .. CELL_MAX_HARTS
    hart_config hart{};                           // hart_id and reset_pc are set per hart
    uint32_t reset_vector = 0;                    // 0: CELL_RESET_VECTOR (the flash boot block)
    uint64_t ram_size = 0;                        // 0: CELL_RAM_DEFAULT_SIZE
    sc_core::sc_time ram_latency = sc_core::SC_ZERO_TIME; // on-chip SRAM: the pipeline's load cycles cover it
    uint8_t ram_reset_fill = 0xff;                // RAM after a reset: all ones decode as illegal instructions
    // How long a reset holds the harts: a supervisor's reset pulse is ms-long (TI TPS3823: 200 ms); cellvp
    // keeps it short because nothing in the cell measures it. (check)
    sc_core::sc_time reset_pulse = sc_core::sc_time(10, sc_core::SC_US);
    flash_config flash{};
    std::string flash_image;                      // loaded at construction when set
    nvram_config nvram{};
    uart_config uart{};
    cell_ctl_config ctl{};                        // id, partition and harts are taken from above
    fabric_port_config fabric{};                  // cell_id is taken from above
    sha_dma_config shadma{};                      // its clock is the harts' (hart.period_ps)
};

class cell : public sc_core::sc_module {
public:
    cell(sc_core::sc_module_name name, const cell_config& cfg, mgmt_bus& mbus);

private:
    cell_config m_cfg; // first: the devices below are built from it

public:
    router bus;
    memory ram;
    flash rom;
    nvram nv;
    uart console;
    clint clint0;
    intc intc0;
    cell_ctl ctl;
    mailbox mbox;
    fabric_port fabric;
    sha_dma shadma;
    std::vector<std::unique_ptr<hart>> harts;

    const cell_config& config() const { return m_cfg; }
    uint32_t id() const { return m_cfg.id; }

    // Loads a program's segments where they fall: flash (as a factory programmer would), RAM or NVRAM. A
    // program with a `tohost` symbol gets the HTIF of the test programs mapped there (`on_exit` reports its
    // code). Call before sc_start(). Throws elf_error for a segment outside those memories.
    void load_program(const elf_file& program);

    // Stores a firmware image (cellvp image pack) in image slot `slot` (0 = A, 1 = B; cellvp/flash_layout.h)
    // as a factory programmer would: the slot's first bytes, the rest of the slot erased. Throws
    // std::invalid_argument for a slot other than 0 or 1 or an image larger than a slot.
    void install_image(unsigned slot, const std::vector<uint8_t>& image);

    // Connects the fabric port to the fabric (its link comes up once firmware enables it). Before sc_start().
    void attach_fabric(fabric::fabric_attach_if& fab) { fabric.attach(&fab); }

    // Resets the cell for `cause` (CELLCTL_RESET_*), now (from a process or before sc_start()).
    void request_reset(unsigned cause);
    // The cell loses power (harts stop, devices stop) until power_on(). From any process (a cut injected in the
    // flash or NVRAM, during a hart's access) or from outside the simulation.
    void power_off();
    void power_on();
    bool powered() const { return m_powered; }
    unsigned resets() const { return m_resets; }

    // Every character the firmware prints; the program's exit code through HTIF.
    std::function<void(const cell&, char)> on_console;
    // Text the firmware writes through HTIF (instantly, unlike the UART), when set; else it goes to on_console
    // too. The update firmware's event records for the tool come this way (firmware/update/events.h).
    std::function<void(const cell&, const std::string&)> on_host_output;
    std::function<void(const cell&, int code)> on_exit;
    std::optional<int> exit_code() const { return m_exit_code; }

    // The cell's reset line (high while the harts are held), its device interrupt sources (by CELL_IRQ_*) and
    // each hart's interrupt lines, for waveforms (system_trace).
    const sc_core::sc_signal<bool>& reset_line() const { return m_reset_line; }
    const sc_core::sc_signal<bool>& irq_source(unsigned n) const { return m_irq[n]; }
    const sc_core::sc_signal<bool>& msip_line(unsigned hart) const { return m_msip[hart]; }
    const sc_core::sc_signal<bool>& mtip_line(unsigned hart) const { return m_mtip[hart]; }
    const sc_core::sc_signal<bool>& meip_line(unsigned hart) const { return m_meip[hart]; }

private:
    void reset_thread();

    std::unique_ptr<htif> m_htif;
    sc_core::sc_signal<bool> m_reset_line{"reset_line"};
    sc_core::sc_vector<sc_core::sc_signal<bool>> m_msip, m_mtip, m_meip;
    sc_core::sc_vector<sc_core::sc_signal<bool>> m_irq; // device interrupt sources, by CELL_IRQ_*
    sc_core::sc_event m_reset_event;
    unsigned m_pending_cause = 0;
    bool m_reset_pending = false;
    bool m_powered = true;
    unsigned m_resets = 0;
    std::optional<int> m_exit_code;
};

} // namespace cellvp
