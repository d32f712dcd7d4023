// Assembly of the bare machine: see bare_machine.h.
#include "platform/bare_machine.h"

#include "cellvp/bare_map.h"
#include "util/format.h"

namespace cellvp {

namespace {
hart_config with_entry(hart_config c, uint32_t entry)
{
    c.reset_pc = entry;
    return c;
}
} // namespace

bare_machine::bare_machine(sc_core::sc_module_name name, const bare_machine_config& cfg, const elf_file& program)
    : sc_module(name), bus("bus"), ram("ram", cfg.ram_size ? cfg.ram_size : BARE_RAM_SIZE, cfg.ram_latency, cfg.ram_latency),
      clint0("clint0", 1, cfg.hart.timebase_hz), irq_source("irq_source"), host("host"),
      cpu("cpu", with_entry(cfg.hart, program.entry()))
{
    // The program: every segment must lie in RAM.
    for (const elf_file::segment& s : program.segments()) {
        uint64_t lo = s.addr, hi = uint64_t(s.addr) + s.mem_size;
        if (lo < BARE_RAM_BASE || hi > BARE_RAM_BASE + ram.size())
            throw elf_error(program.path() + ": segment at " + hex(lo) + ".." + hex(hi) + " lies outside RAM (" +
                            hex(BARE_RAM_BASE) + ".." + hex(BARE_RAM_BASE + ram.size()) + ")");
        ram.write_host(lo - BARE_RAM_BASE, s.data.data(), s.data.size());
    }
    std::optional<uint32_t> tohost = program.symbol("tohost"), fromhost = program.symbol("fromhost");
    if (!tohost) throw elf_error(program.path() + ": no `tohost` symbol: the program cannot report its result");

    // Address map: RAM, CLINT, the test interrupt source, and HTIF over the program's tohost/fromhost words.
    unsigned ram_port = bus.attach(ram.target_socket);
    unsigned clint_port = bus.attach(clint0.target_socket);
    unsigned irq_port = bus.attach(irq_source.target_socket);
    unsigned htif_port = bus.attach(host.target_socket);
    bus.map(ram_port, BARE_RAM_BASE, ram.size(), 0, "ram");
    bus.map(clint_port, BARE_CLINT_BASE, CLINT_SIZE, 0, "clint");
    bus.map(irq_port, BARE_TESTIRQ_BASE, BARE_TESTIRQ_SIZE, 0, "test_irq");
    bus.map(htif_port, *tohost, 8, htif::tohost_offset, "tohost");
    if (fromhost) bus.map(htif_port, *fromhost, 8, htif::fromhost_offset, "fromhost");

    // Initiators: the hart, and HTIF reading system-call blocks.
    cpu.initiator_socket.bind(bus.target_socket);
    host.initiator_socket.bind(bus.target_socket);
    cpu.set_dmi_enabled(cfg.dmi);
    cpu.set_instruction_limit(cfg.max_instructions);

    // Interrupt lines.
    clint0.msip[0].bind(m_msip);
    clint0.mtip[0].bind(m_mtip);
    irq_source.irq.bind(m_meip);
    cpu.msip.bind(m_msip);
    cpu.mtip.bind(m_mtip);
    cpu.meip.bind(m_meip);

    // End of run.
    host.on_exit = [this](int code) {
        if (m_exit_code) return;
        m_exit_code = code;
        cpu.core().request_halt();
        sc_core::sc_stop();
    };
    host.on_write = [this](int fd, const std::string& text) {
        if (on_output) on_output(fd, text);
    };
}

} // namespace cellvp
