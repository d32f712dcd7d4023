// Firmware images on the host (format: firmware/include/cellvp/image_format.h): build one from an ELF, inspect
// and verify one, write corrupted copies for tests. Pure C++ (SHA-256 from OpenSSL's libcrypto), no SystemC.
#pragma once

#include "cellvp/cell_map.h"
#include "cellvp/image_format.h"
#include "util/elf_file.h"

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cellvp {

using sha256_digest = std::array<uint8_t, 32>;
sha256_digest sha256(const uint8_t* data, size_t size);
std::string to_hex(const uint8_t* data, size_t size);

struct image_version_number {
    uint8_t major = 0;
    uint8_t minor = 0;
    uint16_t patch = 0;
    uint32_t build = 0;
    bool operator==(const image_version_number& o) const
    {
        return major == o.major && minor == o.minor && patch == o.patch && build == o.build;
    }
};
// "1.2.3+4", "1.2.3" (build 0), "1.2" (patch 0); nullopt when malformed or a part is out of range.
std::optional<image_version_number> parse_image_version(const std::string& text);
std::string to_string(const image_version_number& v);

// The header's fields, decoded.
struct image_fields {
    uint32_t magic = 0;
    uint16_t header_size = 0;
    uint32_t image_size = 0;
    uint32_t load_addr = 0;
    uint32_t entry_addr = 0;
    image_version_number version;
    uint32_t security_counter = 0;
    uint32_t flags = 0;
    uint32_t hw_id = 0;
};

// --- building ---

// Bad input for building an image (the ELF, or what the caller asked for).
struct image_pack_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct image_pack_options {
    image_version_number version;
    uint32_t security_counter = 0;
    uint32_t hw_id = IMAGE_HW_ID_CELL_BOARD;
    uint64_t slot_size = FLASH_SLOT_SIZE; // the whole image (header, body, TLVs) must fit in this many bytes (a slot of flash_layout.h)
};

// The image of a loaded program: the body is the file bytes of its segments laid out from the lowest load
// address, gaps and the tail up to a multiple of 4 filled with 0xFF. Segments without file bytes (.bss,
// stacks) are not part of it: the program's start-up code clears them. Throws image_pack_error when segments
// overlap, nothing is loadable, the entry lies outside the body, or the image does not fit in the slot.
std::vector<uint8_t> pack_image(const elf_file& elf, const image_pack_options& opt);
// The same from a file; also throws image_pack_error for what elf_file refuses (not an ELF, not RV32, ...).
std::vector<uint8_t> pack_image(const std::string& elf_path, const image_pack_options& opt);

// --- inspecting and verifying ---

// Why an image is not valid, in the order they are checked: the structure, then the hash, then what the
// (now trusted) header says. The firmware's boot reports the same kinds.
enum class image_fault {
    none,
    truncated_header, // shorter than a header
    bad_magic,        // not an image (erased flash, garbage)
    bad_header_size,  // header_size below IMAGE_HEADER_SIZE, not a multiple of 4, or past the end
    bad_image_size,   // image_size not a multiple of 4
    truncated_body,   // the file ends inside the body
    tlv_missing,      // nothing, or erased flash, after the body
    tlv_corrupt,      // TLV info magic wrong, total too small or past the end, a TLV overrunning the area
    no_hash,          // no SHA-256 TLV, or one of the wrong length, or two
    hash_mismatch,    // SHA-256 of header and body differs from the TLV
    unknown_flags,    // a flag this tool (and the boot) does not know
    entry_outside,    // entry_addr not in the body
    wrong_hw_id,      // built for another board
};
const char* to_string(image_fault f);

struct image_tlv_entry {
    uint16_t type = 0;
    uint32_t offset = 0; // of the TLV's own header in the image
    std::vector<uint8_t> value;
};

// What could be read of an image, up to its first fault.
struct image_report {
    image_fault fault = image_fault::none;
    std::string message;      // the first fault, in words (empty when valid)
    bool header_read = false; // `header` holds the file's header fields
    image_fields header;
    bool body_read = false; // `body` and `computed_hash` are valid
    std::vector<uint8_t> body;
    sha256_digest computed_hash{};
    bool tlvs_read = false; // `tlvs` holds the whole TLV area
    std::vector<image_tlv_entry> tlvs;
    uint32_t tlv_offset = 0; // where the TLV area starts
    uint32_t total_size = 0; // header, body and TLV area (when tlvs_read)
    std::optional<sha256_digest> stored_hash;
    bool hash_ok = false;

    bool valid() const { return fault == image_fault::none; }
};

// Reads and checks an image; never throws on bad content. With `expected_hw_id`, an image for another board
// is invalid (wrong_hw_id).
image_report inspect_image(const std::vector<uint8_t>& bytes, std::optional<uint32_t> expected_hw_id = std::nullopt);

// --- corrupting (for tests) ---

// A copy with the byte at `offset` inverted; throws std::out_of_range past the end.
std::vector<uint8_t> flip_byte(std::vector<uint8_t> bytes, uint64_t offset);
// The first `length` bytes; throws std::out_of_range when longer than the input.
std::vector<uint8_t> truncate_bytes(std::vector<uint8_t> bytes, uint64_t length);

// --- files ---

struct image_io_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};
std::vector<uint8_t> read_binary_file(const std::string& path);                     // throws image_io_error
void write_binary_file(const std::string& path, const std::vector<uint8_t>& bytes); // throws image_io_error

} // namespace cellvp
