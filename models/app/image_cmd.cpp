// `cellvp image`: see image_cmd.h; the format is firmware/include/cellvp/image_format.h.
#include "app/image_cmd.h"

#include "app/run_elf.h"
#include "image/image.h"
#include "util/format.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <optional>

namespace cellvp {

namespace {

// A number in decimal or 0x hex, at most `max`; nullopt (after saying why) when it is not one.
std::optional<uint64_t> parse_number_option(const char* name, const std::string& text, uint64_t max)
{
    if (text.empty() || text[0] == '-' || text[0] == '+' || text[0] == ' ') {
        std::cerr << "cellvp: image: " << name << ": '" << text << "' is not a number\n";
        return std::nullopt;
    }
    errno = 0;
    char* end = nullptr;
    unsigned long long v = std::strtoull(text.c_str(), &end, 0);
    if (errno || *end || v > max) {
        std::cerr << "cellvp: image: " << name << ": '" << text << "' is not a number from 0 to " << max << "\n";
        return std::nullopt;
    }
    return v;
}

std::string hw_name(uint32_t id)
{
    return hex(id) + (id == IMAGE_HW_ID_CELL_BOARD ? " (cell board)" : " (not a board this platform knows)");
}

std::string tlv_name(uint16_t type)
{
    switch (type) {
    case IMAGE_TLV_SHA256: return "SHA-256";
    case IMAGE_TLV_ED25519: return "Ed25519 signature";
    default: return "unknown type";
    }
}

int pack(const image_cmd_options& o)
{
    image_pack_options p;
    auto version = parse_image_version(o.version);
    if (!version) {
        std::cerr << "cellvp: image pack: --version: '" << o.version
                  << "' is not MAJOR.MINOR[.PATCH][+BUILD] (major, minor up to 255, patch up to 65535)\n";
        return exit_cellvp_error;
    }
    p.version = *version;
    auto counter = parse_number_option("--security-counter", o.security_counter, 0xFFFFFFFFu);
    if (!counter) return exit_cellvp_error;
    p.security_counter = uint32_t(*counter);
    if (!o.hw_id.empty()) {
        auto id = parse_number_option("--hw-id", o.hw_id, 0xFFFFFFFFu);
        if (!id) return exit_cellvp_error;
        p.hw_id = uint32_t(*id);
    }
    if (!o.slot_size.empty()) {
        auto slot = parse_number_option("--slot-size", o.slot_size, 0xFFFFFFFFu);
        if (!slot) return exit_cellvp_error;
        p.slot_size = *slot;
    }
    std::vector<uint8_t> img;
    try {
        img = pack_image(o.file, p);
        write_binary_file(o.output, img);
    } catch (const std::runtime_error& e) {
        std::cerr << "cellvp: image pack: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    const image_report r = inspect_image(img);
    std::cout << o.output << ": version " << to_string(r.header.version) << ", " << r.header.image_size
              << "-byte body at " << hex(r.header.load_addr) << ", entry " << hex(r.header.entry_addr) << ", "
              << img.size() << " bytes in all\n";
    return 0;
}

// The image file, or nullopt after saying why it cannot be read.
std::optional<std::vector<uint8_t>> read_image(const char* cmd, const std::string& path)
{
    try {
        return read_binary_file(path);
    } catch (const image_io_error& e) {
        std::cerr << "cellvp: image " << cmd << ": " << e.what() << "\n";
        return std::nullopt;
    }
}

int info(const image_cmd_options& o)
{
    auto bytes = read_image("info", o.file);
    if (!bytes) return exit_cellvp_error;
    const image_report r = inspect_image(*bytes);
    const image_fields& h = r.header;
    auto line = [](const char* name) -> std::ostream& { return std::cout << std::left << std::setw(18) << name; };
    line("file") << o.file << " (" << bytes->size() << " bytes)\n";
    if (r.header_read) {
        line("magic") << hex(h.magic) << "\n";
        line("header size") << h.header_size << "\n";
        line("image size") << h.image_size << " (body)\n";
        line("load address") << hex(h.load_addr) << "\n";
        line("entry address") << hex(h.entry_addr) << "\n";
        line("version") << to_string(h.version) << "\n";
        line("security counter") << h.security_counter << "\n";
        line("flags") << hex(h.flags)
                      << ((h.flags & IMAGE_FLAG_RAM_LOAD) ? " (RAM_LOAD: copied to the load address and run there)"
                                                          : " (runs in place)")
                      << ((h.flags & ~IMAGE_FLAGS_KNOWN) ? " + unknown flags" : "") << "\n";
        line("hardware id") << hw_name(h.hw_id) << "\n";
    }
    if (r.tlvs_read) {
        line("TLV area") << "at " << hex(r.tlv_offset) << ", " << (r.total_size - r.tlv_offset) << " bytes, "
                         << r.tlvs.size() << " TLV(s)\n";
        for (const auto& t : r.tlvs)
            std::cout << "  TLV " << hex(t.type) << " " << tlv_name(t.type) << " at " << hex(t.offset) << ", "
                      << t.value.size() << " bytes: " << to_hex(t.value.data(), t.value.size()) << "\n";
        if (r.total_size < bytes->size())
            line("after the image") << (bytes->size() - r.total_size) << " bytes (not part of it)\n";
    }
    if (r.body_read) line("computed SHA-256") << to_hex(r.computed_hash.data(), r.computed_hash.size()) << "\n";
    if (r.stored_hash) line("hash") << (r.hash_ok ? "verifies" : "DOES NOT verify") << "\n";
    line("status") << (r.valid() ? "valid" : "INVALID: " + r.message) << "\n";
    return r.valid() ? 0 : exit_invalid_image;
}

int verify(const image_cmd_options& o)
{
    std::optional<uint32_t> hw;
    if (!o.hw_id.empty()) {
        auto id = parse_number_option("--hw-id", o.hw_id, 0xFFFFFFFFu);
        if (!id) return exit_cellvp_error;
        hw = uint32_t(*id);
    }
    auto bytes = read_image("verify", o.file);
    if (!bytes) return exit_cellvp_error;
    const image_report r = inspect_image(*bytes, hw);
    if (!r.valid()) {
        std::cerr << "cellvp: image verify: " << o.file << ": invalid image: " << r.message << "\n";
        return exit_invalid_image;
    }
    std::cout << o.file << ": valid image, version " << to_string(r.header.version) << ", security counter "
              << r.header.security_counter << ", hardware " << hw_name(r.header.hw_id) << ", " << r.total_size
              << " bytes\n";
    return 0;
}

int corrupt(const image_cmd_options& o)
{
    auto bytes = read_image("corrupt", o.file);
    if (!bytes) return exit_cellvp_error;
    std::vector<uint8_t> out;
    std::string what;
    try {
        if (!o.flip_byte.empty()) {
            auto at = parse_number_option("--flip-byte", o.flip_byte, UINT64_MAX);
            if (!at) return exit_cellvp_error;
            out = flip_byte(*bytes, *at);
            what = "byte " + hex(*at) + " inverted (" + hex((*bytes)[*at]) + " -> " + hex(out[*at]) + ")";
        } else {
            auto len = parse_number_option("--truncate", o.truncate, UINT64_MAX);
            if (!len) return exit_cellvp_error;
            out = truncate_bytes(*bytes, *len);
            what = "truncated to " + std::to_string(*len) + " of " + std::to_string(bytes->size()) + " bytes";
        }
        write_binary_file(o.output, out);
    } catch (const std::out_of_range& e) {
        std::cerr << "cellvp: image corrupt: " << o.file << ": " << e.what() << "\n";
        return exit_cellvp_error;
    } catch (const image_io_error& e) {
        std::cerr << "cellvp: image corrupt: " << e.what() << "\n";
        return exit_cellvp_error;
    }
    std::cout << o.output << ": " << what << "\n";
    return 0;
}

} // namespace

CLI::App* add_image_command(CLI::App& app, image_cmd_options& o)
{
    CLI::App* image = app.add_subcommand(
        "image", "Firmware images (format: firmware/include/cellvp/image_format.h): pack an ELF, print, verify, "
                 "corrupt for tests.\nStatus: 0 done (info, verify: the image is valid), 1 the image is not valid, "
                 "125 unusable input (missing file, not an RV32 ELF, too large for the slot, bad option value)");
    image->require_subcommand(1);

    CLI::App* pack = image->add_subcommand("pack", "Package an RV32 ELF into an image: header, body, SHA-256 TLV");
    pack->add_option("elf", o.file, "RV32 executable: its loadable segments become the body")
        ->required()
        ->type_name("ELF");
    pack->add_option("-o,--output", o.output, "Image file to write")->required()->type_name("OUT");
    pack->add_option("--version", o.version, "Image version, e.g. 1.2.3+4 (major, minor 0-255, patch 0-65535)")
        ->required()
        ->type_name("MAJOR.MINOR[.PATCH][+BUILD]");
    pack->add_option("--security-counter", o.security_counter, "Anti-rollback counter (the boot refuses lower ones)")
        ->capture_default_str()
        ->type_name("N");
    pack->add_option("--hw-id", o.hw_id,
                     "Hardware (board type) id; default the cell board, " + hex(IMAGE_HW_ID_CELL_BOARD))
        ->type_name("ID");
    pack->add_option("--slot-size", o.slot_size,
                     "Bytes of the slot the image must fit in (header, body, TLVs); default " +
                         std::to_string(FLASH_SLOT_SIZE) + ", an image slot of a cell (cellvp/flash_layout.h)")
        ->type_name("BYTES");

    CLI::App* info = image->add_subcommand("info", "Print every header field and TLV, and whether the hash verifies");
    info->add_option("file", o.file, "Image file")->required()->type_name("FILE");

    CLI::App* verify =
        image->add_subcommand("verify", "Check an image: structure, SHA-256, hardware id; exit 0 if valid, 1 if not");
    verify->add_option("file", o.file, "Image file")->required()->type_name("FILE");
    verify->add_option("--hw-id", o.hw_id, "Also require this hardware id (e.g. " + hex(IMAGE_HW_ID_CELL_BOARD) + ")")
        ->type_name("ID");

    CLI::App* corrupt = image->add_subcommand("corrupt", "Write a damaged copy of a file, for tests");
    corrupt->add_option("file", o.file, "File to copy (need not be a valid image)")->required()->type_name("FILE");
    corrupt->add_option("-o,--output", o.output, "Where to write the damaged copy")->required()->type_name("OUT");
    CLI::Option_group* how = corrupt->add_option_group("damage", "What to do to the copy");
    how->add_option("--flip-byte", o.flip_byte, "Invert every bit of the byte at OFFSET (decimal or 0x hex)")
        ->type_name("OFFSET");
    how->add_option("--truncate", o.truncate, "Keep only the first LENGTH bytes")->type_name("LENGTH");
    how->require_option(1);
    return image;
}

int run_image_command(const CLI::App& image_cmd, const image_cmd_options& o)
{
    if (*image_cmd.get_subcommand("pack")) return pack(o);
    if (*image_cmd.get_subcommand("info")) return info(o);
    if (*image_cmd.get_subcommand("verify")) return verify(o);
    if (*image_cmd.get_subcommand("corrupt")) return corrupt(o);
    return exit_cellvp_error;
}

} // namespace cellvp
