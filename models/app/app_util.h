// Helpers the `cellvp` subcommands share: opening a program and writing figures, each reporting its own
// errors on stderr in the same words.
#pragma once

#include "util/elf_file.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace cellvp {

// The program, or null after saying why it cannot be run.
inline std::unique_ptr<elf_file> open_program(const std::string& path)
{
    try {
        return std::make_unique<elf_file>(path);
    } catch (const elf_error& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return nullptr;
    }
}

// Writes `j` to `path`; false after saying it could not.
inline bool write_json(const std::string& path, const nlohmann::json& j)
{
    std::ofstream f(path);
    if (f) f << j.dump(2) << "\n";
    if (!f) std::cerr << "cellvp: cannot write " << path << "\n";
    return bool(f);
}

} // namespace cellvp
