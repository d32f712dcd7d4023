// Assembly of one cell: see cell.h.
#include "platform/cell.h"

#include "cellvp/cell_map.h"
#include "util/format.h"

#include <stdexcept>

namespace cellvp {

namespace {
cell_config normalised(cell_config c)
{
    if (c.harts < 1 || c.harts > CELL_MAX_HARTS)
        throw std::invalid_argument("a cell has 1 to " + std::to_string(CELL_MAX_HARTS) + " harts, not " +
                                    std::to_string(c.harts));
    if (c.ram_size == 0) c.ram_size = CELL_RAM_DEFAULT_SIZE;
    if (c.ram_size > CELL_RAM_MAX_SIZE) throw std::invalid_argument("cell RAM larger than CELL_RAM_MAX_SIZE");
    if (c.flash.size > CELL_FLASH_MAX_SIZE) throw std::invalid_argument("flash larger than CELL_FLASH_MAX_SIZE");
    if (c.reset_vector == 0) c.reset_vector = CELL_RESET_VECTOR;
    c.ctl.cell_id = c.id;
    c.ctl.partition_id = c.partition;
    c.ctl.harts = c.harts;
    c.fabric.cell_id = uint8_t(c.id);
    c.shadma.clock_period = sc_core::sc_time::from_value(c.hart.period_ps);
    return c;
}
} // namespace

cell::cell(sc_core::sc_module_name name, const cell_config& cfg_in, mgmt_bus& mbus)
    : sc_module(name), m_cfg(normalised(cfg_in)), bus("bus"),
      ram("ram", m_cfg.ram_size, m_cfg.ram_latency, m_cfg.ram_latency), rom("rom", m_cfg.flash), nv("nv", m_cfg.nvram),
      console("console", m_cfg.uart), clint0("clint0", m_cfg.harts, m_cfg.hart.timebase_hz), intc0("intc0", m_cfg.harts),
      ctl("ctl", m_cfg.ctl), mbox("mbox", uint8_t(m_cfg.id), mbus), fabric("fabric", m_cfg.fabric),
      shadma("shadma", m_cfg.shadma), m_msip("msip", m_cfg.harts),
      m_mtip("mtip", m_cfg.harts), m_meip("meip", m_cfg.harts), m_irq("irq", CELL_IRQ_COUNT)
{
    if (!m_cfg.flash_image.empty()) rom.load_image(m_cfg.flash_image);

    // Address map.
    bus.map(bus.attach(ram.target_socket), CELL_RAM_BASE, ram.size(), 0, "ram");
    bus.map(bus.attach(rom.array_socket), CELL_FLASH_BASE, rom.size(), 0, "flash");
    bus.map(bus.attach(rom.ctrl_socket), CELL_FLASHCTL_BASE, CELL_FLASHCTL_SIZE, 0, "flashctl");
    bus.map(bus.attach(nv.target_socket), CELL_NVRAM_BASE, nv.size(), 0, "nvram");
    bus.map(bus.attach(console.target_socket), CELL_UART_BASE, CELL_UART_SIZE, 0, "uart");
    bus.map(bus.attach(clint0.target_socket), CELL_CLINT_BASE, CLINT_SIZE, 0, "clint");
    bus.map(bus.attach(intc0.target_socket), CELL_INTC_BASE, CELL_INTC_SIZE, 0, "intc");
    bus.map(bus.attach(ctl.target_socket), CELL_CELLCTL_BASE, CELL_CELLCTL_SIZE, 0, "cellctl");
    bus.map(bus.attach(mbox.target_socket), CELL_MBOX_BASE, CELL_MBOX_SIZE, 0, "mbox");
    bus.map(bus.attach(fabric.target_socket), CELL_FABRIC_BASE, CELL_FABRIC_SIZE, 0, "fabric");
    bus.map(bus.attach(shadma.target_socket), CELL_SHADMA_BASE, CELL_SHADMA_SIZE, 0, "shadma");

    // The fabric port is an initiator on the bus beside the harts: its DMA and its window reach RAM there.
    fabric.initiator_socket.bind(bus.target_socket);
    // So is the SHA-256 engine: it reads flash, RAM or NVRAM and writes its copies there.
    shadma.initiator_socket.bind(bus.target_socket);

    // Harts: all start at the reset vector and share the bus.
    for (unsigned h = 0; h < m_cfg.harts; ++h) {
        hart_config hc = m_cfg.hart;
        hc.hart_id = h;
        hc.reset_pc = m_cfg.reset_vector;
        harts.push_back(std::make_unique<hart>(("hart" + std::to_string(h)).c_str(), hc));
        hart& x = *harts.back();
        x.initiator_socket.bind(bus.target_socket);
        x.reset.bind(m_reset_line);
        clint0.msip[h].bind(m_msip[h]);
        clint0.mtip[h].bind(m_mtip[h]);
        intc0.meip[h].bind(m_meip[h]);
        x.msip.bind(m_msip[h]);
        x.mtip.bind(m_mtip[h]);
        x.meip.bind(m_meip[h]);
    }

    // Device interrupts into the interrupt controller.
    console.irq.bind(m_irq[CELL_IRQ_UART]);
    rom.irq.bind(m_irq[CELL_IRQ_FLASH]);
    mbox.irq.bind(m_irq[CELL_IRQ_MBOX]);
    ctl.wdt_irq.bind(m_irq[CELL_IRQ_WDT]);
    fabric.irq.bind(m_irq[CELL_IRQ_FABRIC]);
    shadma.irq.bind(m_irq[CELL_IRQ_SHADMA]);
    for (unsigned i = 0; i < CELL_IRQ_COUNT; ++i) intc0.source[i].bind(m_irq[i]);

    // Resets and power.
    ctl.on_reset_request = [this](unsigned cause) { request_reset(cause); };
    mbox.on_remote_reset = [this] { request_reset(CELLCTL_RESET_REMOTE); };
    rom.on_power_cut = [this] { power_off(); };
    nv.on_power_cut = [this] { power_off(); };
    console.on_tx = [this](char c) {
        if (on_console) on_console(*this, c);
    };

    SC_HAS_PROCESS(cell);
    SC_THREAD(reset_thread);
}

void cell::install_image(unsigned slot, const std::vector<uint8_t>& image)
{
    if (slot > 1) throw std::invalid_argument("image slot " + std::to_string(slot) + ": a cell has slots 0 (A) and 1 (B)");
    if (image.size() > FLASH_SLOT_SIZE)
        throw std::invalid_argument("image of " + std::to_string(image.size()) + " bytes: a slot holds " +
                                    std::to_string(FLASH_SLOT_SIZE));
    std::vector<uint8_t> bytes(FLASH_SLOT_SIZE, 0xFF);
    std::copy(image.begin(), image.end(), bytes.begin());
    rom.program_host(FLASH_SLOT_OFFSET(slot), bytes);
}

void cell::load_program(const elf_file& program)
{
    for (const elf_file::segment& s : program.segments()) {
        uint64_t lo = s.addr, hi = uint64_t(s.addr) + s.mem_size;
        std::vector<uint8_t> bytes(s.data);
        bytes.resize(s.mem_size, 0);
        if (lo >= CELL_FLASH_BASE && hi <= CELL_FLASH_BASE + rom.size())
            rom.program_host(lo - CELL_FLASH_BASE, bytes);
        else if (lo >= CELL_RAM_BASE && hi <= CELL_RAM_BASE + ram.size())
            ram.write_host(lo - CELL_RAM_BASE, bytes.data(), bytes.size());
        else if (lo >= CELL_NVRAM_BASE && hi <= CELL_NVRAM_BASE + nv.size())
            nv.write_host(lo - CELL_NVRAM_BASE, bytes.data(), bytes.size());
        else
            throw elf_error(program.path() + ": segment at " + hex(lo) + ".." + hex(hi) +
                            " is in none of the cell's memories (flash, RAM, NVRAM)");
    }
    std::optional<uint32_t> tohost = program.symbol("tohost"), fromhost = program.symbol("fromhost");
    if (tohost && !m_htif) {
        m_htif = std::make_unique<htif>((std::string(basename()) + "_host").c_str());
        unsigned port = bus.attach(m_htif->target_socket);
        bus.map(port, *tohost, 8, htif::tohost_offset, "tohost");
        if (fromhost) bus.map(port, *fromhost, 8, htif::fromhost_offset, "fromhost");
        m_htif->initiator_socket.bind(bus.target_socket);
        m_htif->on_exit = [this](int code) {
            if (m_exit_code) return;
            m_exit_code = code;
            for (auto& h : harts) h->core().request_halt();
            if (on_exit) on_exit(*this, code);
        };
        m_htif->on_write = [this](int, const std::string& text) {
            if (on_host_output)
                on_host_output(*this, text);
            else if (on_console)
                for (char c : text) on_console(*this, c);
        };
    }
}

void cell::request_reset(unsigned cause)
{
    if (!m_powered) return;
    m_pending_cause = cause;
    m_reset_pending = true;
    m_reset_event.notify(sc_core::SC_ZERO_TIME);
}

void cell::power_off()
{
    if (!m_powered) return;
    m_powered = false;
    // The reset line has one driver, the reset thread. A cut injected from another process (a hart's store to
    // the NVRAM, the end of a flash operation) leaves the line to it, a delta later; the harts stop at once
    // anyway. From outside any process (elaboration, between sc_start calls) the line is written here.
    if (sc_core::sc_get_current_process_handle().valid())
        m_reset_event.notify(sc_core::SC_ZERO_TIME);
    else
        m_reset_line.write(true);
    for (auto& h : harts) h->core().request_halt(); // stop now, not at the end of the quantum
    rom.power_off();
    nv.power_off();
    fabric.reset(); // the link drops with the power; the counters stay
    shadma.reset(); // a run stops where it is
}

void cell::power_on()
{
    if (m_powered) return;
    m_powered = true;
    rom.power_on();
    nv.power_on();
    ctl.power_on();
    m_pending_cause = CELLCTL_RESET_POWER_ON;
    m_reset_pending = true;
    m_reset_event.notify(sc_core::SC_ZERO_TIME);
}

// Performs resets: harts held for the reset pulse while the devices reset and RAM gets its pattern.
void cell::reset_thread()
{
    for (;;) {
        sc_core::wait(m_reset_event);
        if (!m_powered) { // power_off() from a process: hold the harts until power_on()
            m_reset_line.write(true);
            continue;
        }
        if (!m_reset_pending) continue;
        m_reset_pending = false;
        unsigned cause = m_pending_cause;
        m_reset_line.write(true);
        for (auto& h : harts) h->core().request_halt();
        console.reset();
        rom.reset();
        mbox.reset();
        fabric.reset();
        shadma.reset();
        intc0.reset();
        clint0.reset();
        ctl.reset();
        ctl.set_reset_cause(cause);
        ram.fill(m_cfg.ram_reset_fill);
        ++m_resets;
        sc_core::wait(m_cfg.reset_pulse);
        if (m_powered) m_reset_line.write(false);
    }
}

} // namespace cellvp
