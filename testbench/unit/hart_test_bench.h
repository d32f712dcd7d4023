// A test bench for hart_core without SystemC: a flat RAM behind hart_bus_if that logs every access, a halt
// port that ends a program, and helpers to lay out programs and run them to the end.
#pragma once

#include "hart/hart_core.h"
#include "rv32_asm.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <vector>

namespace cellvp_test {

using cellvp::hart_core;

// RAM at `base` behind the bus; addresses outside it are refused (an access fault for the hart), except the
// halt port, where a write stops the hart after the writing instruction retires (as tohost does).
class test_bus final : public cellvp::hart_bus_if {
public:
    struct access {
        uint32_t addr;
        unsigned len;
        bool write;
    };

    test_bus(uint32_t base, uint32_t size) : base(base), mem(size, 0) {}

    bool bus_read(uint32_t addr, uint8_t* data, unsigned len, uint64_t& cycle) override
    {
        log.push_back({addr, len, false});
        if (!contains(addr, len)) return false;
        std::memcpy(data, &mem[addr - base], len);
        cycle += latency;
        return true;
    }

    bool bus_write(uint32_t addr, const uint8_t* data, unsigned len, uint64_t& cycle) override
    {
        log.push_back({addr, len, true});
        if (addr == halt_port && halt_target) {
            halt_target->request_halt();
            cycle += latency;
            return true;
        }
        if (!contains(addr, len)) return false;
        std::memcpy(&mem[addr - base], data, len);
        // As the platform's memory does for b_transport: decoded copies of these bytes are stale.
        if (watch) watch->written(&mem[addr - base], len);
        cycle += latency;
        return true;
    }

    bool contains(uint32_t addr, unsigned len) const
    {
        return addr >= base && uint64_t(addr - base) + len <= mem.size();
    }
    uint8_t* host(uint32_t addr) { return &mem.at(addr - base); }

    // Direct access for the test itself: not logged, not seen by the code watch.
    uint32_t peek32(uint32_t addr) const
    {
        uint32_t v;
        std::memcpy(&v, &mem.at(addr - base), 4);
        return v;
    }
    void poke32(uint32_t addr, uint32_t v) { std::memcpy(&mem.at(addr - base), &v, 4); }
    void poke16(uint32_t addr, uint16_t v) { std::memcpy(&mem.at(addr - base), &v, 2); }

    // Accesses (reads, writes or both) that touched [lo, hi).
    size_t accesses(uint32_t lo, uint32_t hi, bool reads = true, bool writes = true) const
    {
        size_t n = 0;
        for (const access& a : log)
            if (a.addr < hi && a.addr + a.len > lo && (a.write ? writes : reads)) ++n;
        return n;
    }

    static constexpr uint32_t halt_port = 0x100; // reachable as `sw x0, 0x100(x0)`

    uint32_t base;
    std::vector<uint8_t> mem;
    std::vector<access> log;
    uint32_t latency = 0; // cycles per access
    hart_core* halt_target = nullptr;
    cellvp::code_watch* watch = nullptr;
};

// One instruction word of a test program: 32 bits, or 16 when made with rvc().
struct code_word {
    code_word(uint32_t bits) : bits(bits), len(4) {} // NOLINT: implicit, so programs list plain words
    uint32_t bits;
    unsigned len;
};
inline code_word rvc(uint16_t bits)
{
    code_word w(bits);
    w.len = 2;
    return w;
}

// Ends a test program: a store to the halt port.
constexpr uint32_t halt() { return rv32asm::sw(rv32asm::x0, test_bus::halt_port, rv32asm::x0); }

// Every instruction costs one cycle and a taken branch no more: tests that count cycles use this (and set
// what else they need), so that they do not depend on the default timing table.
inline cellvp::hart_config one_cycle_per_instruction()
{
    cellvp::hart_config cfg;
    cfg.timing.cycles.fill(1);
    cfg.timing.taken_branch_penalty = 0;
    return cfg;
}

// Where the memory is: all of RAM through DMI (the fast paths, code in the decode cache), all of it through
// the bus, or code (the lower half of RAM) through DMI and data (the upper half) through the bus.
enum class memory_map { dmi, bus, dmi_code_bus_data };

// A hart on a test_bus, with RAM at 0x80000000 (the default reset pc): code from ram_base, a trap handler
// that halts at trap_vector, data at data_base.
class test_machine {
public:
    static constexpr uint32_t ram_base = 0x80000000u, ram_size = 0x10000;
    static constexpr uint32_t trap_vector = ram_base + 0x4000;
    static constexpr uint32_t data_base = ram_base + 0x8000;

    explicit test_machine(memory_map map = memory_map::dmi, const cellvp::hart_config& cfg = {})
        : bus(ram_base, ram_size), watch(bus.mem.data(), bus.mem.size()), hart(cfg, bus)
    {
        bus.halt_target = &hart;
        bus.watch = &watch;
        if (map == memory_map::dmi) map_dmi(ram_base, ram_size);
        if (map == memory_map::dmi_code_bus_data) map_dmi(ram_base, data_base - ram_base);
        put_code(trap_vector, {halt()});
        REQUIRE(hart.csr_write(cellvp::csr::mtvec, trap_vector));
    }

    // A DMI region over RAM bytes [base, base + size).
    cellvp::dmi_region region(uint32_t base, uint32_t size)
    {
        cellvp::dmi_region r;
        r.base = base;
        r.size = size;
        r.host = bus.host(base);
        r.readable = r.writable = true;
        r.watch = &watch;
        return r;
    }
    void map_dmi(uint32_t base, uint32_t size) { hart.add_dmi_region(region(base, size)); }

    // Lays out a program from `at`, as a loader's debug writes would: not logged, but reported to the code
    // watch (bus.poke*() writes without telling anyone); returns the end of the program.
    uint32_t put_code(uint32_t at, std::initializer_list<code_word> words)
    {
        uint32_t begin = at;
        for (const code_word& w : words) {
            if (w.len == 4)
                bus.poke32(at, w.bits);
            else
                bus.poke16(at, uint16_t(w.bits));
            at += w.len;
        }
        watch.written(bus.host(begin), at - begin);
        return at;
    }

    hart_core::stop_reason run(uint64_t cycles = 100000) { return hart.run(hart.cycle() + cycles); }

    // Runs until the program writes the halt port; returns the pc after that store.
    uint32_t run_to_halt()
    {
        REQUIRE(run() == hart_core::stop_reason::halted);
        REQUIRE_FALSE(hart.stuck());
        hart.resume();
        return hart.pc();
    }

    uint32_t csr(uint16_t n) const
    {
        uint32_t v = 0xdeadbeef;
        REQUIRE(hart.csr_read(n, v));
        return v;
    }

    test_bus bus;
    cellvp::code_watch watch;
    hart_core hart;
};

} // namespace cellvp_test
