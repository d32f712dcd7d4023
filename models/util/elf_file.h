// Reads a RISC-V program through libelf: its loadable segments, entry point and symbols. Refuses, with a
// message that says why, anything that is not a 32-bit little-endian RISC-V executable.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cellvp {

struct elf_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class elf_file {
public:
    struct segment {
        uint32_t addr;              // load (physical) address
        uint32_t mem_size;          // bytes in memory; beyond data.size() they are zero
        std::vector<uint8_t> data;  // bytes from the file
    };

    explicit elf_file(const std::string& path);

    const std::string& path() const { return m_path; }
    uint32_t entry() const { return m_entry; }
    const std::vector<segment>& segments() const { return m_segments; }
    std::optional<uint32_t> symbol(const std::string& name) const;

private:
    std::string m_path;
    uint32_t m_entry = 0;
    std::vector<segment> m_segments;
    std::map<std::string, uint32_t> m_symbols;
};

} // namespace cellvp
