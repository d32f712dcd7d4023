// Unit tests of firmware images on the host (models/image): SHA-256 vectors, ELF to image, the round trip
// through inspect_image, and every way an image or an ELF is refused. Small ELFs are written by the tests;
// the round trip also uses the firmware the build produces (CELLVP_FIRMWARE_DIR).
#include "image/image.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace cellvp;

#ifndef CELLVP_FIRMWARE_DIR
#define CELLVP_FIRMWARE_DIR "firmware"
#endif

namespace {

namespace fs = std::filesystem;

std::string hex_of(const sha256_digest& d)
{
    return to_hex(d.data(), d.size());
}
sha256_digest sha256_of(const std::string& s)
{
    return sha256(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

void le(std::vector<uint8_t>& b, size_t at, uint64_t v, int bytes)
{
    if (b.size() < at + bytes) b.resize(at + bytes, 0);
    for (int i = 0; i < bytes; ++i) b[at + i] = uint8_t(v >> (8 * i));
}

// A file in a folder of its own that goes away with the test.
struct temp_dir {
    fs::path path;
    temp_dir()
    {
        static int n = 0;
        path =
            fs::temp_directory_path() / ("cellvp-image-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::create_directories(path);
    }
    ~temp_dir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

struct test_segment {
    uint32_t paddr;
    std::vector<uint8_t> bytes;
    uint32_t mem_size = 0; // 0: as many as bytes
};

// A minimal 32-bit little-endian executable: ELF header, program headers, the segments' bytes.
std::vector<uint8_t> make_elf32(uint32_t entry, const std::vector<test_segment>& segs, uint16_t machine = 243)
{
    std::vector<uint8_t> b(52 + 32 * segs.size(), 0);
    const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* LSB */, 1};
    std::memcpy(b.data(), ident, sizeof ident);
    le(b, 16, 2, 2); // ET_EXEC
    le(b, 18, machine, 2);
    le(b, 20, 1, 4);
    le(b, 24, entry, 4);
    le(b, 28, 52, 4); // e_phoff
    le(b, 40, 52, 2); // e_ehsize
    le(b, 42, 32, 2); // e_phentsize
    le(b, 44, segs.size(), 2);
    le(b, 46, 40, 2); // e_shentsize
    for (size_t i = 0; i < segs.size(); ++i) {
        const size_t ph = 52 + 32 * i;
        const size_t off = b.size();
        le(b, ph + 0, 1, 4); // PT_LOAD
        le(b, ph + 4, off, 4);
        le(b, ph + 8, segs[i].paddr, 4);
        le(b, ph + 12, segs[i].paddr, 4);
        le(b, ph + 16, segs[i].bytes.size(), 4);
        le(b, ph + 20, segs[i].mem_size ? segs[i].mem_size : segs[i].bytes.size(), 4);
        le(b, ph + 24, 5, 4); // R X
        le(b, ph + 28, 4, 4);
        b.insert(b.end(), segs[i].bytes.begin(), segs[i].bytes.end());
    }
    return b;
}

// A 64-bit executable with no segments: enough for the class check.
std::vector<uint8_t> make_elf64()
{
    std::vector<uint8_t> b(64, 0);
    const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1, 1};
    std::memcpy(b.data(), ident, sizeof ident);
    le(b, 16, 2, 2);
    le(b, 18, 243, 2);
    le(b, 20, 1, 4);
    le(b, 52, 64, 2); // e_ehsize
    le(b, 54, 56, 2); // e_phentsize
    le(b, 58, 64, 2); // e_shentsize
    return b;
}

std::vector<uint8_t> pattern(size_t n, uint8_t seed)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = uint8_t(seed + i * 7);
    return v;
}

// An image of a small program: code at 0x80000000, data after a gap, .bss.
struct small_image {
    temp_dir dir;
    std::string elf_path = dir.file("small.elf");
    std::vector<uint8_t> code = pattern(100, 1), data = pattern(24, 99);
    std::vector<uint8_t> bytes;
    small_image(image_pack_options opt = default_options())
    {
        write_binary_file(
            elf_path, make_elf32(0x80000000u, {{0x80000000u, code}, {0x80000200u, data}, {0x80000300u, {}, 0x1000}}));
        bytes = pack_image(elf_path, opt);
    }
    static image_pack_options default_options()
    {
        image_pack_options o;
        o.version = {1, 2, 3, 4};
        o.security_counter = 7;
        return o;
    }
};

// Offsets in an image as the format defines them.
constexpr size_t body_at = IMAGE_HEADER_SIZE;
size_t tlv_at(const std::vector<uint8_t>& img)
{
    return IMAGE_HEADER_SIZE + (img[8] | img[9] << 8 | img[10] << 16 | size_t(img[11]) << 24);
}

// Recomputes the SHA-256 TLV (the first TLV, as the tool writes it) after a deliberate header change.
void rehash(std::vector<uint8_t>& img)
{
    const size_t tlv = tlv_at(img);
    const sha256_digest d = sha256(img.data(), tlv);
    std::copy(d.begin(), d.end(), img.begin() + tlv + 8);
}

image_report expect_fault(const std::vector<uint8_t>& img, image_fault f, std::optional<uint32_t> hw = std::nullopt)
{
    image_report r = inspect_image(img, hw);
    CAPTURE(r.message);
    CHECK(to_string(r.fault) == std::string(to_string(f)));
    CHECK_FALSE(r.valid());
    CHECK(r.message.rfind(std::string(to_string(f)) + ": ", 0) == 0);
    return r;
}

} // namespace

// --- SHA-256 ---

TEST_CASE("image: SHA-256 of the empty string is the known vector")
{
    CHECK(hex_of(sha256_of("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("image: SHA-256 of \"abc\" is the known vector")
{
    CHECK(hex_of(sha256_of("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("image: SHA-256 of the two-block vector is the known vector")
{
    CHECK(hex_of(sha256_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// --- versions ---

TEST_CASE("image: version strings parse with optional patch and build, and malformed ones are refused")
{
    CHECK(parse_image_version("1.2.3+4") == image_version_number{1, 2, 3, 4});
    CHECK(parse_image_version("1.1") == image_version_number{1, 1, 0, 0});
    CHECK(parse_image_version("0.9.65535+4294967295") == image_version_number{0, 9, 65535, 4294967295u});
    CHECK(parse_image_version("1.2+7") == image_version_number{1, 2, 0, 7});
    for (const char* bad :
         {"", "1", "1.", "1.2.", "256.0", "1.2.65536", "1.2.3+4294967296", "1.2.3+", "v1.2", "1.2.3 ", "1.-2"})
        CHECK_FALSE(parse_image_version(bad));
    CHECK(to_string(image_version_number{1, 2, 3, 4}) == "1.2.3+4");
}

// --- building and the round trip ---

TEST_CASE("image: a firmware ELF packs and parses back to the same fields and body")
{
    for (const char* name : {"demo.elf", "cell-uart.elf"}) {
        const std::string path = std::string(CELLVP_FIRMWARE_DIR) + "/" + name;
        CAPTURE(path);
        const elf_file elf(path);
        image_pack_options opt;
        opt.version = {1, 1, 0, 42};
        opt.security_counter = 3;
        const std::vector<uint8_t> img = pack_image(path, opt);

        const image_report r = inspect_image(img, IMAGE_HW_ID_CELL_BOARD);
        CAPTURE(r.message);
        REQUIRE(r.valid());
        CHECK(r.header.magic == IMAGE_MAGIC);
        CHECK(r.header.header_size == IMAGE_HEADER_SIZE);
        CHECK(r.header.entry_addr == elf.entry());
        CHECK(r.header.version == opt.version);
        CHECK(r.header.security_counter == 3);
        CHECK(r.header.hw_id == IMAGE_HW_ID_CELL_BOARD);
        CHECK(r.header.image_size % 4 == 0);
        CHECK(r.body.size() == r.header.image_size);
        CHECK(r.total_size == img.size());
        CHECK(r.hash_ok);
        // Every file byte of every segment is in the body at its load address.
        uint32_t lowest = UINT32_MAX;
        for (const auto& s : elf.segments())
            if (!s.data.empty()) lowest = std::min(lowest, s.addr);
        CHECK(r.header.load_addr == lowest);
        for (const auto& s : elf.segments()) {
            if (s.data.empty()) continue;
            REQUIRE(s.addr - lowest + s.data.size() <= r.body.size());
            CHECK(std::equal(s.data.begin(), s.data.end(), r.body.begin() + (s.addr - lowest)));
        }
        // A program linked for RAM is copied there; one linked for flash runs in place.
        CHECK(r.header.flags == (lowest >= CELL_RAM_BASE ? IMAGE_FLAG_RAM_LOAD : 0u));
    }
}

TEST_CASE("image: the body lays segments out from the lowest load address, gaps and tail filled with 0xFF, no .bss")
{
    small_image s;
    const image_report r = inspect_image(s.bytes);
    REQUIRE(r.valid());
    CHECK(r.header.load_addr == 0x80000000u);
    CHECK(r.header.image_size == 0x200 + 24); // .bss at 0x80000300 has no file bytes: not in the body
    CHECK(std::equal(s.code.begin(), s.code.end(), r.body.begin()));
    CHECK(std::all_of(r.body.begin() + 100, r.body.begin() + 0x200, [](uint8_t b) { return b == 0xFF; }));
    CHECK(std::equal(s.data.begin(), s.data.end(), r.body.begin() + 0x200));
    CHECK(r.header.version == image_version_number{1, 2, 3, 4});
    CHECK(r.header.security_counter == 7);
    REQUIRE(r.tlvs.size() == 1);
    CHECK(r.tlvs[0].type == IMAGE_TLV_SHA256);
    CHECK(r.tlvs[0].value.size() == 32);
    CHECK(r.tlv_offset == IMAGE_HEADER_SIZE + r.header.image_size);
    CHECK(s.bytes.size() == IMAGE_HEADER_SIZE + r.header.image_size + 4 + 4 + 32);
    // The digest covers header and body.
    CHECK(r.computed_hash == sha256(s.bytes.data(), IMAGE_HEADER_SIZE + r.header.image_size));
}

TEST_CASE("image: a body whose length is not a multiple of 4 is padded with 0xFF")
{
    temp_dir dir;
    const std::string elf = dir.file("odd.elf");
    write_binary_file(elf, make_elf32(0x80000000u, {{0x80000000u, pattern(13, 5)}}));
    const image_report r = inspect_image(pack_image(elf, small_image::default_options()));
    REQUIRE(r.valid());
    CHECK(r.header.image_size == 16);
    CHECK(r.body[13] == 0xFF);
    CHECK(r.body[15] == 0xFF);
}

TEST_CASE("image: the hardware id given to pack is checked by verify")
{
    image_pack_options opt = small_image::default_options();
    opt.hw_id = 0x12345678u;
    small_image s(opt);
    CHECK(inspect_image(s.bytes).valid()); // no id asked for: only integrity
    CHECK(inspect_image(s.bytes, 0x12345678u).valid());
    const image_report r = expect_fault(s.bytes, image_fault::wrong_hw_id, IMAGE_HW_ID_CELL_BOARD);
    CHECK(r.message.find("0x12345678") != std::string::npos);
}

// --- rejections of ELF input ---

TEST_CASE("image: a file that is not an ELF is refused")
{
    temp_dir dir;
    const std::string f = dir.file("notes.txt");
    write_binary_file(f, {'h', 'e', 'l', 'l', 'o', '\n'});
    CHECK_THROWS_WITH(pack_image(f, {}), Catch::Contains("not an ELF"));
}

TEST_CASE("image: a missing ELF is refused with the reason")
{
    CHECK_THROWS_WITH(pack_image("/nonexistent/x.elf", {}), Catch::Contains("cannot open"));
}

TEST_CASE("image: an ELF of the wrong class (64-bit) is refused")
{
    temp_dir dir;
    const std::string f = dir.file("rv64.elf");
    write_binary_file(f, make_elf64());
    CHECK_THROWS_AS(pack_image(f, {}), image_pack_error);
    CHECK_THROWS_WITH(pack_image(f, {}), Catch::Contains("64-bit"));
}

TEST_CASE("image: an ELF for another architecture is refused")
{
    temp_dir dir;
    const std::string f = dir.file("arm.elf");
    write_binary_file(f, make_elf32(0x1000, {{0x1000, pattern(16, 0)}}, 40 /* EM_ARM */));
    CHECK_THROWS_WITH(pack_image(f, {}), Catch::Contains("not a RISC-V"));
}

TEST_CASE("image: an image too large for the slot is refused, one that just fits is not")
{
    temp_dir dir;
    const std::string f = dir.file("big.elf");
    write_binary_file(f, make_elf32(0x80000000u, {{0x80000000u, pattern(4096, 3)}}));
    image_pack_options opt;
    opt.slot_size = IMAGE_HEADER_SIZE + 4096 + 40;
    CHECK(pack_image(f, opt).size() == opt.slot_size);
    opt.slot_size -= 1;
    CHECK_THROWS_WITH(pack_image(f, opt), Catch::Contains("too large for the slot"));
}

TEST_CASE("image: segments far apart make an image too large for the slot, refused before the memory is taken")
{
    temp_dir dir;
    const std::string f = dir.file("apart.elf");
    write_binary_file(f, make_elf32(0x20000000u, {{0x20000000u, pattern(64, 3)}, {0x80000000u, pattern(64, 4)}}));
    CHECK_THROWS_WITH(pack_image(f, {}), Catch::Contains("too large for the slot"));
}

TEST_CASE("image: overlapping segments are refused")
{
    temp_dir dir;
    const std::string f = dir.file("overlap.elf");
    write_binary_file(f, make_elf32(0x80000000u, {{0x80000000u, pattern(64, 3)}, {0x80000020u, pattern(64, 4)}}));
    CHECK_THROWS_WITH(pack_image(f, {}), Catch::Contains("segments overlap"));
}

TEST_CASE("image: an entry point outside the loaded bytes is refused")
{
    temp_dir dir;
    const std::string f = dir.file("entry.elf");
    write_binary_file(f, make_elf32(0x90000000u, {{0x80000000u, pattern(64, 3)}}));
    CHECK_THROWS_WITH(pack_image(f, {}), Catch::Contains("entry point"));
}

TEST_CASE("image: an ELF with nothing to load is refused")
{
    temp_dir dir;
    const std::string f = dir.file("bss.elf");
    write_binary_file(f, make_elf32(0x80000000u, {{0x80000000u, {}, 0x100}}));
    CHECK_THROWS_WITH(pack_image(f, {}), Catch::Contains("no segment with bytes"));
}

// --- rejections of images ---

TEST_CASE("image: a flipped body byte fails the hash check")
{
    small_image s;
    expect_fault(flip_byte(s.bytes, body_at + 10), image_fault::hash_mismatch);
    expect_fault(flip_byte(s.bytes, tlv_at(s.bytes) - 1), image_fault::hash_mismatch); // padding is covered too
}

TEST_CASE("image: a flipped header byte fails the hash check")
{
    small_image s;
    for (size_t at : {12u, 16u, 20u, 28u, 36u, 60u}) { // load, entry, version, counter, hw id, reserved
        CAPTURE(at);
        expect_fault(flip_byte(s.bytes, at), image_fault::hash_mismatch);
    }
}

TEST_CASE("image: a flipped byte of the stored hash fails the hash check")
{
    small_image s;
    const image_report r = expect_fault(flip_byte(s.bytes, tlv_at(s.bytes) + 8 + 31), image_fault::hash_mismatch);
    CHECK(r.stored_hash);
    CHECK_FALSE(r.hash_ok);
}

TEST_CASE("image: a bad magic is rejected, and erased flash is said to be erased")
{
    small_image s;
    expect_fault(flip_byte(s.bytes, 0), image_fault::bad_magic);
    const image_report r = expect_fault(std::vector<uint8_t>(4096, 0xFF), image_fault::bad_magic);
    CHECK(r.message.find("erased") != std::string::npos);
    CHECK_FALSE(r.header_read);
}

TEST_CASE("image: a truncated header is rejected")
{
    small_image s;
    expect_fault(truncate_bytes(s.bytes, IMAGE_HEADER_SIZE - 1), image_fault::truncated_header);
    expect_fault({}, image_fault::truncated_header);
}

TEST_CASE("image: a truncated body is rejected")
{
    small_image s;
    const image_report r = expect_fault(truncate_bytes(s.bytes, tlv_at(s.bytes) - 4), image_fault::truncated_body);
    CHECK(r.header_read);
    CHECK_FALSE(r.body_read);
}

TEST_CASE("image: a missing TLV area is rejected")
{
    small_image s;
    expect_fault(truncate_bytes(s.bytes, tlv_at(s.bytes)), image_fault::tlv_missing);
    expect_fault(truncate_bytes(s.bytes, tlv_at(s.bytes) + 3), image_fault::tlv_missing);
    // As in a slot: the image's TLV area erased, the rest of the slot too.
    std::vector<uint8_t> erased = truncate_bytes(s.bytes, tlv_at(s.bytes));
    erased.resize(erased.size() + 256, 0xFF);
    expect_fault(erased, image_fault::tlv_missing);
}

TEST_CASE("image: a corrupt TLV area is rejected")
{
    small_image s;
    const size_t tlv = tlv_at(s.bytes);
    SECTION("bad info magic")
    {
        expect_fault(flip_byte(s.bytes, tlv), image_fault::tlv_corrupt);
    }
    SECTION("total past the end of the file")
    {
        std::vector<uint8_t> b = s.bytes;
        le(b, tlv + 2, 200, 2);
        expect_fault(b, image_fault::tlv_corrupt);
    }
    SECTION("total smaller than the info")
    {
        std::vector<uint8_t> b = s.bytes;
        le(b, tlv + 2, 2, 2);
        expect_fault(b, image_fault::tlv_corrupt);
    }
    SECTION("a TLV longer than the area")
    {
        std::vector<uint8_t> b = s.bytes;
        le(b, tlv + 6, 36, 2);
        expect_fault(b, image_fault::tlv_corrupt);
    }
    SECTION("a TLV length that is not a multiple of 4")
    {
        std::vector<uint8_t> b = s.bytes;
        le(b, tlv + 6, 30, 2);
        expect_fault(b, image_fault::tlv_corrupt);
    }
    SECTION("the file cut inside the TLV area")
    {
        expect_fault(truncate_bytes(s.bytes, s.bytes.size() - 1), image_fault::tlv_corrupt);
    }
}

TEST_CASE("image: an image without a SHA-256 TLV, with two, or with a short one is rejected")
{
    small_image s;
    const size_t tlv = tlv_at(s.bytes);
    std::vector<uint8_t> other = s.bytes;
    le(other, tlv + 4, 0x0099, 2); // the hash TLV becomes an unknown type
    expect_fault(other, image_fault::no_hash);

    std::vector<uint8_t> two = s.bytes;
    two.insert(two.end(), s.bytes.begin() + tlv + 4, s.bytes.end()); // the hash TLV twice
    le(two, tlv + 2, 4 + 2 * 36, 2);
    expect_fault(two, image_fault::no_hash);

    std::vector<uint8_t> shorter = truncate_bytes(s.bytes, s.bytes.size() - 4);
    le(shorter, tlv + 2, 36, 2);
    le(shorter, tlv + 6, 28, 2);
    expect_fault(shorter, image_fault::no_hash);
}

TEST_CASE("image: unknown TLVs are skipped and bytes after the image are not part of it")
{
    small_image s;
    const size_t tlv = tlv_at(s.bytes);
    std::vector<uint8_t> b = s.bytes;
    const std::vector<uint8_t> sig(4 + IMAGE_ED25519_SIZE, 0xAB);
    b.insert(b.end(), sig.begin(), sig.end());
    le(b, b.size() - sig.size(), IMAGE_TLV_ED25519, 2);
    le(b, b.size() - sig.size() + 2, IMAGE_ED25519_SIZE, 2);
    le(b, tlv + 2, 40 + sig.size(), 2);
    b.resize(b.size() + 100, 0xFF); // the rest of the slot
    const image_report r = inspect_image(b);
    CAPTURE(r.message);
    REQUIRE(r.valid());
    REQUIRE(r.tlvs.size() == 2);
    CHECK(r.tlvs[1].type == IMAGE_TLV_ED25519);
    CHECK(r.total_size == b.size() - 100);
}

TEST_CASE("image: a header size or image size that breaks the layout is rejected")
{
    small_image s;
    std::vector<uint8_t> b = s.bytes;
    le(b, 4, 62, 2);
    expect_fault(b, image_fault::bad_header_size);
    b = s.bytes;
    le(b, 4, 0xFFFC, 2);
    expect_fault(b, image_fault::bad_header_size);
    b = s.bytes;
    le(b, 8, 0x203, 4);
    expect_fault(b, image_fault::bad_image_size);
}

TEST_CASE("image: unknown flags and an entry outside the body are rejected even with a matching hash")
{
    small_image s;
    std::vector<uint8_t> b = s.bytes;
    le(b, 32, 0x80, 4);
    rehash(b);
    expect_fault(b, image_fault::unknown_flags);
    b = s.bytes;
    le(b, 16, 0x80001000u, 4);
    rehash(b);
    expect_fault(b, image_fault::entry_outside);
}

// --- corrupted copies ---

TEST_CASE("image: flip_byte inverts one byte and truncate_bytes cuts, neither goes past the end")
{
    const std::vector<uint8_t> b = {1, 2, 3, 4};
    CHECK(flip_byte(b, 2) == std::vector<uint8_t>{1, 2, 0xFC, 4});
    CHECK(truncate_bytes(b, 1) == std::vector<uint8_t>{1});
    CHECK(truncate_bytes(b, 4) == b);
    CHECK_THROWS_AS(flip_byte(b, 4), std::out_of_range);
    CHECK_THROWS_AS(truncate_bytes(b, 5), std::out_of_range);
}
