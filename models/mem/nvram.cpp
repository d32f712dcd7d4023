// FRAM NVRAM: see nvram.h.
#include "mem/nvram.h"

#include "bus/code_watch_extension.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace cellvp {

namespace {
constexpr uint64_t ps_per_s = 1000000000000ull;
constexpr unsigned spi_header_bytes = 4; // READ/WRITE opcode and a 3-byte address (FM25V10)
} // namespace

nvram::nvram(sc_core::sc_module_name name, const nvram_config& cfg)
    : sc_module(name), target_socket("target_socket"), m_cfg(cfg), m_data(size_t(cfg.size), 0),
      m_watch(m_data.data(), m_data.size()), m_rng(cfg.cut_seed)
{
    if (cfg.size == 0) throw std::invalid_argument(std::string(this->name()) + ": an NVRAM of size 0");
    if (cfg.spi_hz == 0) throw std::invalid_argument(std::string(this->name()) + ": an SPI clock of 0 Hz");
    target_socket.register_b_transport(this, &nvram::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &nvram::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &nvram::transport_dbg);
    load();
}

nvram::~nvram()
{
    try {
        save();
    } catch (const std::exception& e) {
        try {
            SC_REPORT_WARNING("cellvp/nvram", e.what());
        } catch (...) {
        }
    }
}

void nvram::load()
{
    if (m_cfg.path.empty()) return;
    std::ifstream in(m_cfg.path, std::ios::binary);
    if (!in) return; // no file yet: a fresh part
    in.seekg(0, std::ios::end);
    auto file_size = uint64_t(std::streamoff(in.tellg()));
    if (file_size != m_data.size())
        throw std::runtime_error("nvram: " + m_cfg.path + " holds " + std::to_string(file_size) + " bytes, expected " +
                                 std::to_string(m_data.size()));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(m_data.data()), std::streamsize(m_data.size())))
        throw std::runtime_error("nvram: cannot read " + m_cfg.path);
}

void nvram::save() const
{
    if (m_cfg.path.empty()) return;
    const std::string tmp = m_cfg.path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out || !out.write(reinterpret_cast<const char*>(m_data.data()), std::streamsize(m_data.size())) ||
            !out.flush())
            throw std::runtime_error("nvram: cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), m_cfg.path.c_str()) != 0)
        throw std::runtime_error("nvram: cannot replace " + m_cfg.path + ": " + std::strerror(errno));
}

void nvram::write_host(uint64_t offset, const void* src, uint64_t len)
{
    if (offset > m_data.size() || len > m_data.size() - offset)
        throw std::out_of_range(std::string(name()) + ": host write outside the NVRAM");
    std::memcpy(m_data.data() + offset, src, size_t(len));
    m_watch.written(m_data.data() + offset, size_t(len));
}

sc_core::sc_time nvram::access_time(unsigned bytes) const
{
    uint64_t bits = uint64_t(spi_header_bytes + bytes) * 8;
    return sc_core::sc_time::from_value((bits * ps_per_s + m_cfg.spi_hz - 1) / m_cfg.spi_hz);
}

void nvram::cut_power_at_write(uint64_t n, std::optional<unsigned> prefix)
{
    m_cut_at = n == 0 ? 0 : m_writes + n;
    m_cut_prefix = prefix;
}

void nvram::power_on()
{
    m_powered = true;
    m_cut_at = 0;
}

void nvram::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    uint64_t addr = trans.get_address();
    unsigned len = trans.get_data_length();
    if (trans.get_byte_enable_ptr()) {
        trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if ((len != 1 && len != 2 && len != 4) || trans.get_streaming_width() < len) {
        trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (addr >= m_data.size() || len > m_data.size() - addr) {
        trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    uint8_t* p = m_data.data() + addr;
    if (trans.is_read()) {
        std::memcpy(trans.get_data_ptr(), p, len);
    } else if (trans.is_write()) {
        ++m_writes;
        unsigned written = m_powered ? len : 0;
        bool cut = m_powered && m_cut_at != 0 && m_writes == m_cut_at;
        if (cut) {
            // The cut falls inside the transfer: bytes already clocked in are stored, the rest never arrive.
            written = m_cut_prefix ? std::min(*m_cut_prefix, len - 1) : unsigned(m_rng() % len);
            m_powered = false;
            m_cut_at = 0;
        }
        std::memcpy(p, trans.get_data_ptr(), written);
        m_watch.written(p, written);
        if (cut) {
            SC_REPORT_INFO_VERB("cellvp/nvram",
                                (std::string(name()) + ": power cut during write " + std::to_string(m_writes) + " (" +
                                 std::to_string(written) + " of " + std::to_string(len) + " bytes written)")
                                    .c_str(),
                                sc_core::SC_HIGH);
            if (on_power_cut) on_power_cut();
        }
    }
    delay += access_time(len);
    trans.set_dmi_allowed(true);
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool nvram::get_direct_mem_ptr(tlm::tlm_generic_payload& trans, tlm::tlm_dmi& dmi)
{
    dmi.set_dmi_ptr(m_data.data());
    dmi.set_start_address(0);
    dmi.set_end_address(m_data.size() - 1);
    dmi.set_read_latency(access_time(4));
    dmi.set_write_latency(access_time(4));
    dmi.allow_read();
    if (code_watch_extension* ext = trans.get_extension<code_watch_extension>()) ext->watch = &m_watch;
    return true;
}

unsigned nvram::transport_dbg(tlm::tlm_generic_payload& trans)
{
    uint64_t addr = trans.get_address();
    if (addr >= m_data.size()) return 0;
    unsigned len = unsigned(std::min<uint64_t>(trans.get_data_length(), m_data.size() - addr));
    uint8_t* p = m_data.data() + addr;
    if (trans.is_read()) {
        std::memcpy(trans.get_data_ptr(), p, len);
    } else if (trans.is_write()) {
        std::memcpy(p, trans.get_data_ptr(), len);
        m_watch.written(p, len);
    }
    return len;
}

} // namespace cellvp
