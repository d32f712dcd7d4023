// `cellvp image`: package an ELF into a firmware image, print and verify images, write corrupted copies.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace cellvp {

struct image_cmd_options {
    std::string file;    // pack: the ELF; info, verify, corrupt: the image
    std::string output;  // pack, corrupt
    std::string version; // pack: major.minor[.patch][+build]
    std::string security_counter = "0";
    std::string hw_id;     // pack: default the cell board; verify: checked only when given
    std::string slot_size; // pack: default the largest flash of a cell
    std::string flip_byte; // corrupt
    std::string truncate;  // corrupt
};

// Exit status of `info` and `verify` for an image that is not valid (unusable input is exit_cellvp_error).
constexpr int exit_invalid_image = 1;

// Adds `image` and its subcommands to `app`; returns the `image` subcommand.
CLI::App* add_image_command(CLI::App& app, image_cmd_options& opt);

// Runs the subcommand of `image` that was given; returns the exit status.
int run_image_command(const CLI::App& image_cmd, const image_cmd_options& opt);

} // namespace cellvp
