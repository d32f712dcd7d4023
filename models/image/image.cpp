// Firmware images on the host: see image.h. Fields are read and written byte by byte, little-endian, at the
// offsets of the shared C structures, so the host never depends on its own struct layout or byte order.
#include "image/image.h"

#include "util/format.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace cellvp {

namespace {

constexpr size_t tlv_info_size = sizeof(struct image_tlv_info);
constexpr size_t tlv_header_size = sizeof(struct image_tlv);

uint16_t get16(const std::vector<uint8_t>& b, size_t at)
{
    return uint16_t(b[at] | b[at + 1] << 8);
}
uint32_t get32(const std::vector<uint8_t>& b, size_t at)
{
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 | uint32_t(b[at + 3]) << 24;
}
void put16(std::vector<uint8_t>& b, size_t at, uint16_t v)
{
    b[at] = uint8_t(v);
    b[at + 1] = uint8_t(v >> 8);
}
void put32(std::vector<uint8_t>& b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; ++i) b[at + i] = uint8_t(v >> (8 * i));
}

constexpr size_t h_version = offsetof(struct image_header, version);

uint64_t align4(uint64_t v)
{
    return (v + 3) & ~uint64_t(3);
}

bool in_cell_ram(uint32_t addr)
{
    return addr >= CELL_RAM_BASE && uint64_t(addr) < uint64_t(CELL_RAM_BASE) + CELL_RAM_MAX_SIZE;
}

// Parses a decimal number of at most `max`, advancing `pos`; false when there is none or it is too big.
bool parse_number(const std::string& s, size_t& pos, uint64_t max, uint64_t& out)
{
    size_t start = pos;
    out = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        out = out * 10 + uint64_t(s[pos] - '0');
        if (out > max) return false;
        ++pos;
    }
    return pos > start;
}

} // namespace

sha256_digest sha256(const uint8_t* data, size_t size)
{
    sha256_digest d{};
    unsigned int len = 0;
    if (EVP_Digest(data, size, d.data(), &len, EVP_sha256(), nullptr) != 1 || len != d.size())
        throw std::runtime_error("SHA-256 failed (OpenSSL)");
    return d;
}

std::string to_hex(const uint8_t* data, size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(size * 2);
    for (size_t i = 0; i < size; ++i) {
        s += digits[data[i] >> 4];
        s += digits[data[i] & 15];
    }
    return s;
}

std::optional<image_version_number> parse_image_version(const std::string& text)
{
    image_version_number v;
    size_t pos = 0;
    uint64_t n = 0;
    if (!parse_number(text, pos, 255, n)) return std::nullopt;
    v.major = uint8_t(n);
    if (pos >= text.size() || text[pos++] != '.' || !parse_number(text, pos, 255, n)) return std::nullopt;
    v.minor = uint8_t(n);
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        if (!parse_number(text, pos, 65535, n)) return std::nullopt;
        v.patch = uint16_t(n);
    }
    if (pos < text.size() && text[pos] == '+') {
        ++pos;
        if (!parse_number(text, pos, 0xFFFFFFFFu, n)) return std::nullopt;
        v.build = uint32_t(n);
    }
    if (pos != text.size()) return std::nullopt;
    return v;
}

std::string to_string(const image_version_number& v)
{
    return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch) + "+" +
           std::to_string(v.build);
}

// --- building ---

std::vector<uint8_t> pack_image(const elf_file& elf, const image_pack_options& opt)
{
    std::vector<const elf_file::segment*> segs;
    for (const auto& s : elf.segments())
        if (!s.data.empty()) segs.push_back(&s);
    if (segs.empty()) throw image_pack_error(elf.path() + ": no segment with bytes to load");
    std::sort(segs.begin(), segs.end(), [](auto* a, auto* b) { return a->addr < b->addr; });

    uint64_t load = segs.front()->addr;
    uint64_t end = load;
    for (size_t i = 0; i < segs.size(); ++i) {
        uint64_t a = segs[i]->addr, e = a + segs[i]->data.size();
        if (e > (uint64_t(1) << 32))
            throw image_pack_error(elf.path() + ": a segment at " + hex(a) + " runs past 4 GiB");
        if (i > 0 && a < uint64_t(segs[i - 1]->addr) + segs[i - 1]->data.size())
            throw image_pack_error(elf.path() + ": segments overlap: [" + hex(segs[i - 1]->addr) + ", " +
                                   hex(segs[i - 1]->addr + segs[i - 1]->data.size()) + ") and [" + hex(a) + ", " +
                                   hex(e) + ")");
        end = std::max(end, e);
    }
    const uint64_t span = end - load;
    const uint64_t body_size = align4(span);
    const uint64_t tlv_total = tlv_info_size + tlv_header_size + IMAGE_SHA256_SIZE;
    const uint64_t total = IMAGE_HEADER_SIZE + body_size + tlv_total;
    if (total > opt.slot_size)
        throw image_pack_error(elf.path() + ": too large for the slot: the image would take " + std::to_string(total) +
                               " bytes (" + std::to_string(span) + " loaded from " + hex(load) + " to " + hex(end) +
                               "), the slot holds " + std::to_string(opt.slot_size));
    if (elf.entry() < load || elf.entry() >= end)
        throw image_pack_error(elf.path() + ": the entry point " + hex(elf.entry()) + " is outside the loaded bytes [" +
                               hex(load) + ", " + hex(end) + ")");

    std::vector<uint8_t> img(total, 0);
    put32(img, offsetof(struct image_header, magic), IMAGE_MAGIC);
    put16(img, offsetof(struct image_header, header_size), IMAGE_HEADER_SIZE);
    put32(img, offsetof(struct image_header, image_size), uint32_t(body_size));
    put32(img, offsetof(struct image_header, load_addr), uint32_t(load));
    put32(img, offsetof(struct image_header, entry_addr), elf.entry());
    img[h_version + offsetof(struct image_version, major)] = opt.version.major;
    img[h_version + offsetof(struct image_version, minor)] = opt.version.minor;
    put16(img, h_version + offsetof(struct image_version, patch), opt.version.patch);
    put32(img, h_version + offsetof(struct image_version, build), opt.version.build);
    put32(img, offsetof(struct image_header, security_counter), opt.security_counter);
    put32(img, offsetof(struct image_header, flags), in_cell_ram(uint32_t(load)) ? IMAGE_FLAG_RAM_LOAD : 0u);
    put32(img, offsetof(struct image_header, hw_id), opt.hw_id);

    std::fill(img.begin() + IMAGE_HEADER_SIZE, img.begin() + IMAGE_HEADER_SIZE + body_size, uint8_t(0xFF));
    for (auto* s : segs) std::copy(s->data.begin(), s->data.end(), img.begin() + IMAGE_HEADER_SIZE + (s->addr - load));

    const size_t tlv = IMAGE_HEADER_SIZE + body_size;
    const sha256_digest digest = sha256(img.data(), tlv);
    put16(img, tlv + offsetof(struct image_tlv_info, magic), IMAGE_TLV_INFO_MAGIC);
    put16(img, tlv + offsetof(struct image_tlv_info, total), uint16_t(tlv_total));
    put16(img, tlv + tlv_info_size + offsetof(struct image_tlv, type), IMAGE_TLV_SHA256);
    put16(img, tlv + tlv_info_size + offsetof(struct image_tlv, length), IMAGE_SHA256_SIZE);
    std::copy(digest.begin(), digest.end(), img.begin() + tlv + tlv_info_size + tlv_header_size);
    return img;
}

std::vector<uint8_t> pack_image(const std::string& elf_path, const image_pack_options& opt)
{
    try {
        return pack_image(elf_file(elf_path), opt);
    } catch (const elf_error& e) {
        throw image_pack_error(e.what());
    }
}

// --- inspecting and verifying ---

const char* to_string(image_fault f)
{
    switch (f) {
    case image_fault::none: return "valid";
    case image_fault::truncated_header: return "truncated header";
    case image_fault::bad_magic: return "bad magic";
    case image_fault::bad_header_size: return "bad header size";
    case image_fault::bad_image_size: return "bad image size";
    case image_fault::truncated_body: return "truncated body";
    case image_fault::tlv_missing: return "TLV area missing";
    case image_fault::tlv_corrupt: return "TLV area corrupt";
    case image_fault::no_hash: return "no SHA-256";
    case image_fault::hash_mismatch: return "hash mismatch";
    case image_fault::unknown_flags: return "unknown flags";
    case image_fault::entry_outside: return "entry outside the body";
    case image_fault::wrong_hw_id: return "wrong hardware id";
    }
    return "?";
}

image_report inspect_image(const std::vector<uint8_t>& b, std::optional<uint32_t> expected_hw_id)
{
    image_report r;
    auto fail = [&r](image_fault f, std::string msg) {
        r.fault = f;
        r.message = std::string(to_string(f)) + ": " + msg;
        return r;
    };
    const uint64_t size = b.size();

    if (size < IMAGE_HEADER_SIZE)
        return fail(image_fault::truncated_header,
                    std::to_string(size) + " bytes, a header takes " + std::to_string(IMAGE_HEADER_SIZE));
    const uint32_t magic = get32(b, offsetof(struct image_header, magic));
    if (magic != IMAGE_MAGIC) {
        bool erased = std::all_of(b.begin(), b.begin() + IMAGE_HEADER_SIZE, [](uint8_t x) { return x == 0xFF; });
        return fail(image_fault::bad_magic, hex(magic) + " is not " + hex(IMAGE_MAGIC) +
                                                (erased ? " (erased flash: no image here)" : ": not a cellvp image"));
    }
    image_fields& h = r.header;
    h.magic = magic;
    h.header_size = get16(b, offsetof(struct image_header, header_size));
    h.image_size = get32(b, offsetof(struct image_header, image_size));
    h.load_addr = get32(b, offsetof(struct image_header, load_addr));
    h.entry_addr = get32(b, offsetof(struct image_header, entry_addr));
    h.version.major = b[h_version + offsetof(struct image_version, major)];
    h.version.minor = b[h_version + offsetof(struct image_version, minor)];
    h.version.patch = get16(b, h_version + offsetof(struct image_version, patch));
    h.version.build = get32(b, h_version + offsetof(struct image_version, build));
    h.security_counter = get32(b, offsetof(struct image_header, security_counter));
    h.flags = get32(b, offsetof(struct image_header, flags));
    h.hw_id = get32(b, offsetof(struct image_header, hw_id));
    r.header_read = true;

    if (h.header_size < IMAGE_HEADER_SIZE || h.header_size % 4 != 0 || h.header_size > size)
        return fail(image_fault::bad_header_size, std::to_string(h.header_size) + " (at least " +
                                                      std::to_string(IMAGE_HEADER_SIZE) +
                                                      ", a multiple of 4, within the file)");
    if (h.image_size % 4 != 0)
        return fail(image_fault::bad_image_size, std::to_string(h.image_size) + " is not a multiple of 4");
    const uint64_t body_end = uint64_t(h.header_size) + h.image_size;
    if (body_end > size)
        return fail(image_fault::truncated_body, "the header announces " + std::to_string(h.image_size) +
                                                     " bytes of body, the file holds " +
                                                     std::to_string(size - h.header_size) + " after the header");
    r.body.assign(b.begin() + h.header_size, b.begin() + body_end);
    r.computed_hash = sha256(b.data(), body_end);
    r.body_read = true;

    r.tlv_offset = uint32_t(body_end);
    if (size - body_end < tlv_info_size)
        return fail(image_fault::tlv_missing, "the file ends at " + hex(size) + ", right after the body: no TLV area");
    const uint16_t tlv_magic = get16(b, body_end + offsetof(struct image_tlv_info, magic));
    const uint16_t tlv_total = get16(b, body_end + offsetof(struct image_tlv_info, total));
    if (tlv_magic == 0xFFFF)
        return fail(image_fault::tlv_missing, "erased flash after the body (at " + hex(body_end) + "): no TLV area");
    if (tlv_magic != IMAGE_TLV_INFO_MAGIC)
        return fail(image_fault::tlv_corrupt, "bad TLV info magic " + hex(tlv_magic) + " at " + hex(body_end) +
                                                  " (expected " + hex(IMAGE_TLV_INFO_MAGIC) + ")");
    const uint64_t tlv_end = body_end + tlv_total;
    if (tlv_total < tlv_info_size || tlv_end > size)
        return fail(image_fault::tlv_corrupt, "the TLV info at " + hex(body_end) + " announces " +
                                                  std::to_string(tlv_total) + " bytes, the file holds " +
                                                  std::to_string(size - body_end) + " from there");
    for (uint64_t p = body_end + tlv_info_size; p < tlv_end;) {
        if (tlv_end - p < tlv_header_size)
            return fail(image_fault::tlv_corrupt,
                        "a TLV header at " + hex(p) + " overruns the TLV area (ends at " + hex(tlv_end) + ")");
        image_tlv_entry t;
        t.type = get16(b, p + offsetof(struct image_tlv, type));
        const uint16_t len = get16(b, p + offsetof(struct image_tlv, length));
        t.offset = uint32_t(p);
        if (len % 4 != 0)
            return fail(image_fault::tlv_corrupt, "the TLV at " + hex(p) + " (type " + hex(t.type) + ") has length " +
                                                      std::to_string(len) + ", not a multiple of 4");
        if (tlv_end - p - tlv_header_size < len)
            return fail(image_fault::tlv_corrupt, "the TLV at " + hex(p) + " (type " + hex(t.type) + ", length " +
                                                      std::to_string(len) + ") overruns the TLV area (ends at " +
                                                      hex(tlv_end) + ")");
        t.value.assign(b.begin() + p + tlv_header_size, b.begin() + p + tlv_header_size + len);
        r.tlvs.push_back(std::move(t));
        p += tlv_header_size + len;
    }
    r.tlvs_read = true;
    r.total_size = uint32_t(tlv_end);

    const image_tlv_entry* hash = nullptr;
    for (const auto& t : r.tlvs) {
        if (t.type != IMAGE_TLV_SHA256) continue;
        if (hash)
            return fail(image_fault::no_hash,
                        "two SHA-256 TLVs (at " + hex(hash->offset) + " and " + hex(t.offset) + ")");
        hash = &t;
    }
    if (!hash) return fail(image_fault::no_hash, "the TLV area holds no SHA-256 TLV");
    if (hash->value.size() != IMAGE_SHA256_SIZE)
        return fail(image_fault::no_hash, "the SHA-256 TLV at " + hex(hash->offset) + " has " +
                                              std::to_string(hash->value.size()) + " bytes, not 32");
    sha256_digest stored;
    std::copy(hash->value.begin(), hash->value.end(), stored.begin());
    r.stored_hash = stored;
    r.hash_ok = stored == r.computed_hash;
    if (!r.hash_ok)
        return fail(image_fault::hash_mismatch, "header and body hash to " + to_hex(r.computed_hash.data(), 32) +
                                                    ", the SHA-256 TLV says " + to_hex(stored.data(), 32));

    if (h.flags & ~IMAGE_FLAGS_KNOWN)
        return fail(image_fault::unknown_flags,
                    hex(h.flags & ~IMAGE_FLAGS_KNOWN) + " (known: " + hex(IMAGE_FLAGS_KNOWN) + ")");
    if (h.entry_addr < h.load_addr || uint64_t(h.entry_addr) >= uint64_t(h.load_addr) + h.image_size)
        return fail(image_fault::entry_outside, "entry " + hex(h.entry_addr) + " is not in [" + hex(h.load_addr) +
                                                    ", " + hex(uint64_t(h.load_addr) + h.image_size) + ")");
    if (expected_hw_id && h.hw_id != *expected_hw_id)
        return fail(image_fault::wrong_hw_id,
                    "the image is for hardware " + hex(h.hw_id) + ", expected " + hex(*expected_hw_id));
    return r;
}

// --- corrupting ---

std::vector<uint8_t> flip_byte(std::vector<uint8_t> bytes, uint64_t offset)
{
    if (offset >= bytes.size())
        throw std::out_of_range("offset " + std::to_string(offset) + " is past the end (" +
                                std::to_string(bytes.size()) + " bytes)");
    bytes[offset] ^= 0xFF;
    return bytes;
}

std::vector<uint8_t> truncate_bytes(std::vector<uint8_t> bytes, uint64_t length)
{
    if (length > bytes.size())
        throw std::out_of_range("length " + std::to_string(length) + " is longer than the input (" +
                                std::to_string(bytes.size()) + " bytes)");
    bytes.resize(length);
    return bytes;
}

// --- files ---

std::vector<uint8_t> read_binary_file(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw image_io_error(path + ": is a directory");
    std::ifstream f(path, std::ios::binary);
    if (!f) throw image_io_error(path + ": cannot open: " + std::strerror(errno));
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (f.bad()) throw image_io_error(path + ": cannot read");
    return bytes;
}

void write_binary_file(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (f) f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!f) throw image_io_error(path + ": cannot write");
}

} // namespace cellvp
