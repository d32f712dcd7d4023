// Serial NOR flash with its controller: see flash.h.
#include "mem/flash.h"

#include "bus/code_watch_extension.h"
#include "bus/poll_hint_extension.h"
#include "util/format.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace cellvp {

namespace {

constexpr const char* msg_type = "cellvp/flash";
constexpr uint32_t status_w1c = FLASH_STATUS_DONE | FLASH_STATUS_ERR_NOT_ERASED | FLASH_STATUS_ERR_PROTECTED |
                                FLASH_STATUS_ERR_RANGE | FLASH_STATUS_ERR_BUSY;
constexpr unsigned sector_shift = 12;
static_assert((1u << sector_shift) == FLASH_SECTOR_4K, "erase counters are per 4 KiB sector");

// splitmix64 (Steele, Lea, Flood 2014): fully specified, so the same seed gives the same numbers on every host
// and standard library (std:: distributions do not promise that).
uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

struct splitmix64 {
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = mix64(state);
        state += 0x9e3779b97f4a7c15ull;
        return z;
    }
};

// One independent stream per operation and purpose: an operation's times and torn bits depend only on the
// seed and its number, not on what other operations drew.
enum stream : uint64_t { stream_jitter = 1, stream_tear = 2 };
splitmix64 stream_for(uint64_t seed, uint64_t number, stream s)
{
    return {mix64(seed ^ mix64(number * 4 + s))};
}

std::string describe(bool program, uint64_t offset, uint64_t len)
{
    return (program ? "program of " + std::to_string(len) + " byte(s)"
                    : "erase of " + std::to_string(len >> 10) + " KiB") +
           " at flash offset " + hex(offset);
}

} // namespace

// A fresh part is erased: every byte 0xFF.
std::unique_ptr<uint8_t[]> flash::allocate_erased(const std::string& name, uint64_t size)
{
    if (size == 0 || size % FLASH_BLOCK_64K != 0 || size >= (uint64_t(1) << 32))
        throw std::invalid_argument(name + ": flash size " + hex(size) +
                                    " must be a non-zero multiple of 64 KiB below 4 GiB");
    std::unique_ptr<uint8_t[]> p(new uint8_t[size_t(size)]);
    std::memset(p.get(), 0xFF, size_t(size));
    return p;
}

flash::flash(sc_core::sc_module_name name, const flash_config& cfg)
    : sc_module(name), array_socket("array_socket"), ctrl_socket("ctrl_socket"), irq("irq"), m_cfg(cfg),
      m_data(allocate_erased(this->name(), cfg.size)), m_watch(m_data.get(), size_t(cfg.size)),
      m_erase_counts(size_t(cfg.size >> sector_shift), 0)
{
    m_buf.fill(0xFF);

    array_socket.register_b_transport(this, &flash::array_b_transport);
    array_socket.register_get_direct_mem_ptr(this, &flash::array_get_dmi);
    array_socket.register_transport_dbg(this, &flash::array_transport_dbg);
    ctrl_socket.register_b_transport(this, &flash::ctrl_b_transport);
    ctrl_socket.register_transport_dbg(this, &flash::ctrl_transport_dbg);

    SC_HAS_PROCESS(flash);
    SC_METHOD(update); // also runs once at the start, to drive irq low
    sensitive << m_op_event << m_irq_event;
}

// --- host-side API -------------------------------------------------------------------------------------------

void flash::program_host(uint64_t offset, const void* src, uint64_t len)
{
    if (offset > m_cfg.size || len > m_cfg.size - offset)
        throw std::out_of_range(std::string(name()) + ": program_host of " + std::to_string(len) + " bytes at " +
                                hex(offset) + " is outside the " + hex(m_cfg.size) + "-byte part");
    if (len == 0) return;
    std::memcpy(m_data.get() + offset, src, size_t(len));
    m_watch.written(m_data.get() + offset, size_t(len));
}

void flash::load_image(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw std::runtime_error(std::string(name()) + ": cannot open flash image '" + path +
                                 "': " + std::strerror(errno));
    f.seekg(0, std::ios::end);
    std::streamoff n = f.tellg();
    if (n < 0 || uint64_t(n) != m_cfg.size)
        throw std::runtime_error(std::string(name()) + ": flash image '" + path + "' has " + std::to_string(n) +
                                 " bytes, the part has " + std::to_string(m_cfg.size));
    f.seekg(0, std::ios::beg);
    std::vector<uint8_t> image(size_t(m_cfg.size)); // read it all first: a failed load changes nothing
    if (!f.read(reinterpret_cast<char*>(image.data()), std::streamsize(image.size())))
        throw std::runtime_error(std::string(name()) + ": cannot read flash image '" + path + "'");
    program_host(0, image.data(), image.size());
}

void flash::save_image(const std::string& path) const
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f)
        throw std::runtime_error(std::string(name()) + ": cannot write flash image '" + path +
                                 "': " + std::strerror(errno));
    f.write(reinterpret_cast<const char*>(m_data.get()), std::streamsize(m_cfg.size));
    f.close();
    if (!f) throw std::runtime_error(std::string(name()) + ": writing flash image '" + path + "' failed");
}

uint64_t flash::erase_count(uint64_t offset) const
{
    if (offset >= m_cfg.size)
        throw std::out_of_range(std::string(name()) + ": erase_count at " + hex(offset) + " is outside the part");
    return m_erase_counts[size_t(offset >> sector_shift)];
}

void flash::reset()
{
    reset_registers();
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
}

void flash::reset_registers()
{
    m_cmd = m_addr = m_len = m_irq_en = m_wp_start = m_wp_end = 0;
    m_wp_lock = false;
    m_status = m_op.active ? FLASH_STATUS_BUSY : 0; // the part keeps working through a cell reset
    m_buf.fill(0xFF);
}

void flash::cut_power_before(uint64_t n)
{
    m_cut = n ? cut_kind::before : cut_kind::none;
    m_cut_at = m_operations + n;
}

void flash::cut_power_during(uint64_t n)
{
    m_cut = n ? cut_kind::during : cut_kind::none;
    m_cut_at = m_operations + n;
}

void flash::power_off()
{
    if (!m_powered) return;
    if (m_op.active) tear_op();
    stop_power();
}

void flash::power_on()
{
    if (m_powered) return;
    m_powered = true;
    reset_registers();
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
}

void flash::stop_power()
{
    m_powered = false;
    m_op.active = false;
    m_op_event.cancel();
    m_status = 0;
    invalidate_dmi(); // nothing may read the array behind the part's back
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
}

void flash::invalidate_dmi()
{
    // Before the end of elaboration the sockets are not bound yet, and nobody holds a pointer.
    const sc_core::sc_status st = sc_core::sc_get_status();
    if (st == sc_core::SC_ELABORATION || st == sc_core::SC_BEFORE_END_OF_ELABORATION) return;
    array_socket->invalidate_direct_mem_ptr(0, m_cfg.size - 1);
}

// --- operations ----------------------------------------------------------------------------------------------

sc_core::sc_time flash::duration(op_kind kind, uint64_t len, uint64_t number) const
{
    uint64_t typ, max;
    if (kind == op_kind::program) {
        // Linear from the first-byte time (1 byte) to the page time (a whole page).
        auto between = [len](uint64_t one, uint64_t page) {
            uint64_t k = len - 1, n = FLASH_PAGE_SIZE - 1;
            return page >= one ? one + (page - one) * k / n : one - (one - page) * k / n;
        };
        typ = between(m_cfg.program_first_byte_typ.value(), m_cfg.program_page_typ.value());
        max = between(m_cfg.program_first_byte_max.value(), m_cfg.program_page_max.value());
    } else if (len == FLASH_SECTOR_4K) {
        typ = m_cfg.erase_4k_typ.value();
        max = m_cfg.erase_4k_max.value();
    } else {
        typ = m_cfg.erase_64k_typ.value();
        max = m_cfg.erase_64k_max.value();
    }
    if (!m_cfg.jitter || max <= typ) return sc_core::sc_time::from_value(typ);
    // Uniform in [typ, max): the top 32 bits of the stream scale the spread.
    uint64_t r = stream_for(m_cfg.seed, number, stream_jitter).next() >> 32;
    uint64_t extra = uint64_t(((unsigned __int128)(max - typ) * r) >> 32);
    return sc_core::sc_time::from_value(typ + extra);
}

void flash::refuse(uint32_t error_bit, const std::string& why)
{
    // The command completes at once, unsuccessfully: DONE with the error, so a driver waiting for DONE or for
    // the interrupt is not left hanging.
    m_status |= error_bit | FLASH_STATUS_DONE;
    SC_REPORT_INFO_VERB(msg_type, (std::string(name()) + ": refused " + why).c_str(), sc_core::SC_DEBUG);
}

void flash::command(uint32_t cmd, const sc_core::sc_time& delay)
{
    if (cmd == 0) return;
    if (m_op.active) {
        m_status |= FLASH_STATUS_ERR_BUSY;
        SC_REPORT_INFO_VERB(msg_type,
                            (std::string(name()) + ": command " + std::to_string(cmd) + " while busy ignored").c_str(),
                            sc_core::SC_DEBUG);
        return;
    }
    if (cmd != FLASH_CMD_PROGRAM && cmd != FLASH_CMD_ERASE_4K && cmd != FLASH_CMD_ERASE_64K) {
        SC_REPORT_WARNING(msg_type,
                          (std::string(name()) + ": unknown command " + std::to_string(cmd) + " ignored").c_str());
        return;
    }
    const bool program = cmd == FLASH_CMD_PROGRAM;
    const uint64_t off = m_addr;
    const uint64_t len = program ? m_len : cmd == FLASH_CMD_ERASE_4K ? FLASH_SECTOR_4K : FLASH_BLOCK_64K;
    const std::string what = describe(program, off, len);

    if (program) {
        if (len == 0 || len > FLASH_PAGE_SIZE || off >= m_cfg.size || len > m_cfg.size - off ||
            off % FLASH_PAGE_SIZE + len > FLASH_PAGE_SIZE)
            return refuse(FLASH_STATUS_ERR_RANGE, what + ": empty, beyond the part or across a 256-byte page");
    } else if (off % len != 0 || off >= m_cfg.size) {
        return refuse(FLASH_STATUS_ERR_RANGE, what + ": not aligned or beyond the part");
    }
    if (m_wp_end > m_wp_start && off < m_wp_end && off + len > m_wp_start)
        return refuse(FLASH_STATUS_ERR_PROTECTED,
                      what + ": touches the write-protected range [" + hex(m_wp_start) + ", " + hex(m_wp_end) + ")");

    const uint64_t number = ++m_operations;
    const bool cut_here = m_cut != cut_kind::none && m_cut_at == number;
    if (cut_here && m_cut == cut_kind::before) {
        m_cut = cut_kind::none;
        SC_REPORT_INFO_VERB(
            msg_type,
            (std::string(name()) + ": power cut before operation " + std::to_string(number) + " (" + what + ")")
                .c_str(),
            sc_core::SC_MEDIUM);
        stop_power();
        if (on_power_cut) on_power_cut();
        return;
    }

    m_op.active = true;
    m_op.kind = program ? op_kind::program : op_kind::erase;
    m_op.number = number;
    m_op.offset = off;
    m_op.len = len;
    if (program) std::copy(m_buf.begin(), m_buf.begin() + long(len), m_op.data.begin());
    m_op.cut = cut_here;
    if (cut_here) m_cut = cut_kind::none;
    const sc_core::sc_time d = duration(m_op.kind, len, number);
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    m_op.end = now + delay + d;
    m_op.fire = m_op.cut ? now + delay + sc_core::sc_time::from_value(d.value() / 2) : m_op.end;
    m_op_event.notify(m_op.fire - now);
    m_status |= FLASH_STATUS_BUSY;
    invalidate_dmi(); // every array read returns 0xFF until the end

    if (!program) {
        for (uint64_t s = off >> sector_shift; s < (off + len) >> sector_shift; ++s)
            if (++m_erase_counts[size_t(s)] == m_cfg.endurance + 1)
                SC_REPORT_WARNING(msg_type, (std::string(name()) + ": the sector at " + hex(s << sector_shift) +
                                             " passed its rated " + std::to_string(m_cfg.endurance) + " erase cycles")
                                                .c_str());
        return;
    }

    // Erase-before-write: bits that would have to go from 0 to 1 stay 0 (the part cannot set them).
    uint64_t bad = 0, first = 0;
    for (uint64_t i = 0; i < len; ++i)
        if (m_op.data[i] & ~m_data[off + i] & 0xFF) {
            if (!bad) first = i;
            ++bad;
        }
    if (!bad) return;
    m_status |= FLASH_STATUS_ERR_NOT_ERASED;
    const std::string msg = std::string(name()) + ": " + what + ": " + std::to_string(bad) +
                            " byte(s) need a 0 -> 1 change, first at " + hex(off + first) + " (" +
                            hex(m_op.data[first]) + " over " + hex(m_data[off + first]) +
                            "): a program only clears bits, erase first";
    SC_REPORT_WARNING(msg_type, msg.c_str());
    if (m_cfg.strict) SC_REPORT_ERROR(msg_type, (msg + " (strict)").c_str()); // throws: the run fails
}

void flash::finish_op()
{
    uint8_t* p = m_data.get() + m_op.offset;
    if (m_op.kind == op_kind::program)
        for (uint64_t i = 0; i < m_op.len; ++i) p[i] &= m_op.data[i];
    else
        std::memset(p, 0xFF, size_t(m_op.len));
    m_watch.written(p, size_t(m_op.len));
    m_op.active = false;
    m_status = (m_status & ~FLASH_STATUS_BUSY) | FLASH_STATUS_DONE;
}

// A torn result: each bit the operation would change has changed or not, drawn from the seed and the
// operation's number (half of them on average: the cut falls at the midpoint).
void flash::tear_op()
{
    uint8_t* p = m_data.get() + m_op.offset;
    splitmix64 rng = stream_for(m_cfg.seed, m_op.number, stream_tear);
    uint64_t r = 0;
    for (uint64_t i = 0; i < m_op.len; ++i) {
        if (i % 8 == 0) r = rng.next();
        uint8_t target = m_op.kind == op_kind::program ? uint8_t(p[i] & m_op.data[i]) : uint8_t(0xFF);
        uint8_t change = uint8_t(p[i] ^ target);
        p[i] ^= uint8_t(change & uint8_t(r >> (8 * (i % 8))));
    }
    m_watch.written(p, size_t(m_op.len));
    m_op.active = false;
}

void flash::update()
{
    if (m_op.active && sc_core::sc_time_stamp() >= m_op.fire) {
        if (m_op.cut) {
            SC_REPORT_INFO_VERB(msg_type,
                                (std::string(name()) + ": power cut during operation " + std::to_string(m_op.number) +
                                 " (" + describe(m_op.kind == op_kind::program, m_op.offset, m_op.len) + ")")
                                    .c_str(),
                                sc_core::SC_MEDIUM);
            tear_op();
            stop_power();
            if (on_power_cut) on_power_cut();
        } else {
            finish_op();
        }
    }
    irq.write(m_powered && (m_irq_en & 1) && (m_status & FLASH_STATUS_DONE));
}

// --- the array (XIP window) ----------------------------------------------------------------------------------

void flash::array_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    uint64_t addr = trans.get_address();
    unsigned len = trans.get_data_length();
    if (addr >= m_cfg.size || len > m_cfg.size - addr) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (trans.get_streaming_width() < len) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (trans.is_write()) {
        SC_REPORT_INFO_VERB(msg_type, (std::string(name()) + ": write to the array at " + hex(addr)).c_str(),
                            sc_core::SC_DEBUG);
        trans.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
    }
    if (trans.is_read()) {
        if (readable()) {
            std::memcpy(trans.get_data_ptr(), m_data.get() + addr, len);
            trans.set_dmi_allowed(true);
        } else {
            std::memset(trans.get_data_ptr(), 0xFF, len); // busy or without power: the part does not answer
            hint_until_op_end(trans, delay);
        }
        delay += m_cfg.read_latency;
    }
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool flash::array_get_dmi(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi)
{
    dmi.set_start_address(0);
    dmi.set_end_address(m_cfg.size - 1);
    if (!readable()) return false; // the whole array is off limits until the operation ends
    dmi.set_dmi_ptr(m_data.get());
    dmi.set_read_latency(m_cfg.read_latency);
    dmi.set_write_latency(sc_core::SC_ZERO_TIME);
    dmi.allow_read();
    if (code_watch_extension* ext = trans.get_extension<code_watch_extension>()) ext->watch = &m_watch;
    return true;
}

unsigned flash::array_transport_dbg(tlm::tlm_generic_payload& trans)
{
    uint64_t addr = trans.get_address();
    if (addr >= m_cfg.size) return 0;
    unsigned len = unsigned(std::min<uint64_t>(trans.get_data_length(), m_cfg.size - addr));
    if (trans.is_read())
        std::memcpy(trans.get_data_ptr(), m_data.get() + addr, len);
    else if (trans.is_write())
        program_host(addr, trans.get_data_ptr(), len);
    return len;
}

// --- the controller registers --------------------------------------------------------------------------------

void flash::ctrl_b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (trans.get_streaming_width() < trans.get_data_length()) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (!trans.is_read() && !trans.is_write()) {
        trans.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    tlm::tlm_response_status s =
        reg_access(trans.is_write(), trans.get_address(), trans.get_data_ptr(), trans.get_data_length(), delay, false);
    if (s == tlm::TLM_OK_RESPONSE && trans.is_write()) m_irq_event.notify(delay);
    if (s == tlm::TLM_OK_RESPONSE && trans.is_read() && trans.get_address() == FLASH_STATUS)
        hint_until_op_end(trans, delay);
    trans.set_response_status(s);
}

// While an operation runs, what a read returns (STATUS, 0xFF from the array) stays until it ends or is cut
// (or someone writes the controller): a polling hart may let time jump there instead of polling through it.
void flash::hint_until_op_end(tlm::tlm_generic_payload& trans, const sc_core::sc_time& delay)
{
    if (!m_powered || !m_op.active) return;
    const sc_core::sc_time at = sc_core::sc_time_stamp() + delay;
    if (m_op.fire > at) set_poll_hint(trans, m_op.fire - at);
}

unsigned flash::ctrl_transport_dbg(tlm::tlm_generic_payload& trans)
{
    if (!trans.is_read()) return 0;
    uint64_t addr = trans.get_address();
    unsigned len = trans.get_data_length();
    if (addr >= FLASH_BUF && addr < FLASH_BUF + FLASH_PAGE_SIZE) { // any span of the page buffer
        unsigned n = unsigned(std::min<uint64_t>(len, FLASH_BUF + FLASH_PAGE_SIZE - addr));
        std::memcpy(trans.get_data_ptr(), m_buf.data() + (addr - FLASH_BUF), n);
        return n;
    }
    bool ok = reg_access(false, addr, trans.get_data_ptr(), len, sc_core::SC_ZERO_TIME, true) == tlm::TLM_OK_RESPONSE;
    return ok ? len : 0;
}

tlm::tlm_response_status flash::reg_access(bool write, uint64_t addr, uint8_t* data, unsigned len,
                                           const sc_core::sc_time& delay, bool debug)
{
    const bool in_buf = addr >= FLASH_BUF && addr < FLASH_BUF + FLASH_PAGE_SIZE;
    const bool is_reg = addr % 4 == 0 && addr <= FLASH_SIZE_REG;
    if (!in_buf && !is_reg) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    if (in_buf ? (len != 1 && len != 2 && len != 4) : len != 4) return tlm::TLM_BURST_ERROR_RESPONSE;
    if (addr % len) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    if (!m_powered && !debug) { // the controller is dead: reads float high, writes vanish
        if (!write) std::memset(data, 0xFF, len);
        return tlm::TLM_OK_RESPONSE;
    }
    if (in_buf) {
        uint8_t* b = m_buf.data() + (addr - FLASH_BUF);
        if (write)
            std::memcpy(b, data, len);
        else
            std::memcpy(data, b, len);
        return tlm::TLM_OK_RESPONSE;
    }
    uint32_t v = 0;
    if (write) {
        std::memcpy(&v, data, 4);
        reg_write(addr, v, delay);
    } else {
        v = reg_read(addr);
        std::memcpy(data, &v, 4);
    }
    return tlm::TLM_OK_RESPONSE;
}

uint32_t flash::reg_read(uint64_t addr) const
{
    switch (addr) {
    case FLASH_CMD: return m_cmd;
    case FLASH_ADDR: return m_addr;
    case FLASH_LEN: return m_len;
    case FLASH_STATUS: return m_status;
    case FLASH_IRQ_EN: return m_irq_en;
    case FLASH_WP_START: return m_wp_start;
    case FLASH_WP_END: return m_wp_end;
    case FLASH_WP_LOCK: return m_wp_lock ? 1u : 0u;
    case FLASH_SIZE_REG: return uint32_t(m_cfg.size);
    default: return 0;
    }
}

void flash::reg_write(uint64_t addr, uint32_t v, const sc_core::sc_time& delay)
{
    switch (addr) {
    case FLASH_CMD:
        m_cmd = v;
        command(v, delay);
        break;
    case FLASH_ADDR: m_addr = v; break;
    case FLASH_LEN: m_len = v; break;
    case FLASH_STATUS: m_status &= ~(v & status_w1c); break;
    case FLASH_IRQ_EN: m_irq_en = v & 1; break;
    case FLASH_WP_START:
        if (!m_wp_lock) m_wp_start = v;
        break;
    case FLASH_WP_END:
        if (!m_wp_lock) m_wp_end = v;
        break;
    case FLASH_WP_LOCK:
        if (v & 1) m_wp_lock = true;
        break;
    default: break; // FLASH_SIZE_REG is read-only
    }
}

} // namespace cellvp
