// NVRAM of a cell: an SPI FRAM (Infineon FM25V10, 128 KiB) behind a memory-mapped controller, with its
// contents kept in a host file across cell resets and processes, and power cuts injected on writes.
//
// Models: byte-addressable reads and writes of 1, 2 or 4 bytes at any alignment; each access costs one SPI
// transfer at `spi_hz` (opcode, 3 address bytes, the data bytes, 8 bits each: 1.0/1.2/1.6 us at 40 MHz);
// FRAM has no write delay beyond the bus (FM25V10 datasheet: "NoDelay writes"), and writes each byte as it
// is clocked in, so a power cut during a multi-byte write leaves a prefix of it written.
// DMI: reads only (with the latency of a 4-byte access, also charged to narrower DMI reads), handed out with
// a code_watch as `memory` does. Writes always go through b_transport, so that every write is counted and
// can be cut (a DMI store would bypass both); settings writes are rare, so this costs little simulation speed.
// A fresh part reads 0x00: Cypress/Infineon FRAM ships with all bytes 0x00 (Cypress KBA88164).
// Accesses of another size: TLM_BURST_ERROR_RESPONSE; byte enables: TLM_BYTE_ENABLE_ERROR_RESPONSE; beyond the
// part: TLM_ADDRESS_ERROR_RESPONSE. transport_dbg reads and writes any length, neither counted nor cut.
// Does NOT model: the WREN command a controller sends before each WRITE (8 more bit-times per write), the
// chip-select high time between commands, the status register and block write protection, sleep mode,
// device ID, endurance (10^14 cycles: never reached in simulation).
#pragma once

#include "cellvp/cell_map.h"
#include "hart/code_watch.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace cellvp {

struct nvram_config {
    uint64_t size = CELL_NVRAM_SIZE; // FM25V10: 1 Mbit = 128 KiB (cell_map.h)
    uint64_t spi_hz = 40000000;      // FM25V10 maximum SCK, 40 MHz (datasheet; domain.md)
    std::string path;                // backing file: loaded if it exists, written by save(); empty: volatile
    uint64_t cut_seed = 1;           // seeds the length of the prefix a cut write leaves (any fixed value:
                                     // runs repeat exactly)
};

class nvram : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<nvram> target_socket;

    // Called inside the b_transport of the write that was cut (it must not wait); typically it stops the cell.
    std::function<void()> on_power_cut;

    // Loads cfg.path if that file exists (a file of another size: std::runtime_error naming it); otherwise
    // the part reads 0x00 everywhere, as Cypress/Infineon FRAM ships from the factory (KBA88164).
    nvram(sc_core::sc_module_name name, const nvram_config& cfg = {});
    // Saves to the path, if one is set (errors are reported as warnings: a destructor must not throw).
    ~nvram() override;

    // Writes the contents to cfg.path (through a temporary file and a rename, so a crash never leaves half a
    // file). Throws std::runtime_error naming the file when it cannot be written; does nothing without a path.
    void save() const;
    const std::string& path() const { return m_cfg.path; }

    uint8_t* data() { return m_data.data(); }
    const uint8_t* data() const { return m_data.data(); }
    uint64_t size() const { return m_data.size(); }
    code_watch& watch() { return m_watch; }
    // Host-side write (preset settings in a test or a platform), neither counted nor subject to power cuts.
    void write_host(uint64_t offset, const void* src, uint64_t len);

    // Time of one SPI transfer of `bytes` data bytes (opcode + 3 address bytes + data, 8 bits each).
    sc_core::sc_time access_time(unsigned bytes) const;

    // Write transactions received through b_transport since construction (debug and host writes excluded),
    // including those ignored while the power is off.
    uint64_t writes() const { return m_writes; }

    // Arms a power cut at the n-th write transaction from now (n = 1: the next one; n = 0 disarms). That write
    // leaves `prefix` of its bytes written (0 .. length-1; larger values are clipped), or a seeded random
    // prefix when none is given; the power stays off until power_on(): later writes are ignored (answered OK,
    // as a controller on a dead SPI bus cannot tell), reads still return the contents.
    void cut_power_at_write(uint64_t n, std::optional<unsigned> prefix = std::nullopt);
    // The cell loses power for another reason (a cut injected elsewhere): writes are ignored until power_on().
    // on_power_cut is not called (the caller knows).
    void power_off() { m_powered = false; }
    // Restores operation after a cut or power_off() (and disarms any cut still pending).
    void power_on();
    bool powered() const { return m_powered; }

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi);
    unsigned transport_dbg(tlm::tlm_generic_payload& trans);
    void load();

    nvram_config m_cfg;
    std::vector<uint8_t> m_data;
    code_watch m_watch;
    uint64_t m_writes = 0;
    uint64_t m_cut_at = 0; // value of m_writes at which the power is cut; 0: not armed
    std::optional<unsigned> m_cut_prefix;
    bool m_powered = true;
    std::mt19937_64 m_rng;
};

} // namespace cellvp
