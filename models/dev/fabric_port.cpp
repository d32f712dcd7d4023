// Fabric port of a cell: see fabric_port.h.
#include "dev/fabric_port.h"

#include "bus/plain_access.h"
#include "cellvp/fabric_regs.h"
#include "util/format.h"
#include "util/reg_access.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace cellvp {

using fabric::tlp;
using fabric::tlp_status;
using fabric::tlp_type;

namespace {
constexpr uint64_t ps_per_us = 1000000ull;
constexpr const char* msg_type = "cellvp/fabric_port";
} // namespace

fabric_port::fabric_port(sc_core::sc_module_name name, const fabric_port_config& cfg)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket"), irq("irq"), m_cfg(cfg),
      m_action_queue("action_queue")
{
    if (cfg.max_payload < 4 || cfg.max_payload > FABRIC_BOUNDARY || cfg.max_payload % 4)
        throw std::invalid_argument(std::string(this->name()) + ": max_payload must be a multiple of 4 from 4 to 4096, not " +
                                    std::to_string(cfg.max_payload));
    if (cfg.max_reads_outstanding < 1 || cfg.max_reads_outstanding > 128)
        throw std::invalid_argument(std::string(this->name()) + ": max_reads_outstanding must be 1 to 128");
    target_socket.register_b_transport(this, &fabric_port::b_transport);
    target_socket.register_transport_dbg(this, &fabric_port::transport_dbg);
    SC_HAS_PROCESS(fabric_port);
    SC_METHOD(action_process);
    sensitive << m_action_queue;
    dont_initialize();
    SC_METHOD(timeout_process);
    sensitive << m_timeout_event;
    dont_initialize();
    SC_METHOD(irq_process); // also runs once at the start, to drive the line low
    sensitive << m_irq_event;
}

void fabric_port::attach(fabric::fabric_attach_if* fabric)
{
    m_fabric = fabric;
    m_link_told = false;
}

void fabric_port::reset()
{
    m_actions.clear();
    m_action_queue.cancel_all();
    m_timeout_event.cancel();
    if (m_dma.active) {
        for (const auto& r : m_dma.reads) m_stale_tags.insert(r.first);
        if (m_dma.ack_sent) m_stale_tags.insert(m_dma.ack_tag);
    }
    m_dma = transfer{};
    m_completions.clear();
    m_denied.fill(false);
    m_win_irq_pending = false;
    m_link_ctrl = 0;
    if (m_fabric && m_link_told) m_fabric->set_link_enable(false);
    m_link_told = false;
    m_int_status = m_int_enable = 0;
    m_dma_remote = m_dma_remote_addr = m_dma_local_addr = m_dma_len = m_dma_timeout_us = 0;
    m_dma_status = m_dma_bytes_done = 0;
    m_win_base = m_win_size = m_win_src = m_win_ctrl = 0;
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
    if (on_change) on_change(sc_core::sc_time_stamp());
}

// --- Deferred effects -------------------------------------------------------------------------------------

void fabric_port::schedule(const sc_core::sc_time& offset, std::function<void()> action)
{
    m_actions.emplace(sc_core::sc_time_stamp() + offset, std::move(action));
    m_action_queue.notify(offset);
}

void fabric_port::kick(const sc_core::sc_time& offset)
{
    schedule(offset, [this] {
        if (m_fabric) m_fabric->tx_kick();
    });
}

void fabric_port::action_process()
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    while (!m_actions.empty() && m_actions.begin()->first <= now) {
        std::function<void()> action = std::move(m_actions.begin()->second);
        m_actions.erase(m_actions.begin());
        action();
    }
}

// The only writer of the line (a signal has one driver): every change notifies m_irq_event.
void fabric_port::irq_process() { irq.write((m_int_status & m_int_enable) != 0); }

// --- DMA engine -------------------------------------------------------------------------------------------

void fabric_port::arm_timeout(const sc_core::sc_time& offset)
{
    const uint32_t us = m_dma_timeout_us ? m_dma_timeout_us : m_cfg.default_timeout_us;
    const sc_core::sc_time period = sc_core::sc_time::from_value(uint64_t(us) * ps_per_us);
    m_deadline = sc_core::sc_time_stamp() + offset + period;
    m_timeout_event.cancel(); // an earlier pending notification would win over the new one
    m_timeout_event.notify(offset + period);
}

void fabric_port::timeout_process()
{
    if (!m_dma.active) return;
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    if (now < m_deadline) {
        m_timeout_event.notify(m_deadline - now);
        return;
    }
    SC_REPORT_INFO_VERB(msg_type, (std::string(name()) + ": DMA timed out").c_str(), sc_core::SC_HIGH);
    finish_dma(FABRIC_ERR_TIMEOUT, sc_core::SC_ZERO_TIME);
}

void fabric_port::start_dma(bool read, const sc_core::sc_time& delay)
{
    if (m_dma_status & dma_busy_bit) {
        SC_REPORT_WARNING(msg_type, (std::string(name()) + ": DMA GO while busy: ignored").c_str());
        return;
    }
    m_dma_status = dma_busy_bit;
    if (on_change) on_change(sc_core::sc_time_stamp() + delay);
    m_dma_bytes_done = 0;
    ++m_stats.dma_transfers;
    m_dma = transfer{};
    m_dma.active = true;
    m_dma.write = !read;
    m_dma.remote = uint8_t(m_dma_remote);
    m_dma.remote_addr = m_dma_remote_addr;
    m_dma.local_addr = m_dma_local_addr;
    m_dma.length = m_dma_len;
    m_dma.start = sc_core::sc_time_stamp() + delay;
    const uint64_t len = m_dma_len;
    if (len == 0 || len > FABRIC_DMA_MAX_LEN || m_dma.remote == m_cfg.cell_id ||
        m_dma.remote_addr + len > (1ull << 32) || m_dma.local_addr + len > (1ull << 32)) {
        finish_dma(FABRIC_ERR_PARAM, delay);
        return;
    }
    if (!m_link_up) {
        finish_dma(FABRIC_ERR_LINK_DOWN, delay);
        return;
    }
    arm_timeout(delay);
    kick(delay);
}

void fabric_port::finish_dma(unsigned error, const sc_core::sc_time& offset)
{
    if (!m_dma.active) return;
    m_dma.active = false;
    for (const auto& r : m_dma.reads) m_stale_tags.insert(r.first);
    m_dma.reads.clear();
    if (m_dma.ack_sent && error != FABRIC_ERR_NONE) m_stale_tags.insert(m_dma.ack_tag);
    m_timeout_event.cancel();
    if (error != FABRIC_ERR_NONE) ++m_stats.dma_errors;
    if (error == FABRIC_ERR_TIMEOUT) ++m_stats.dma_timeouts;
    SC_REPORT_INFO_VERB(msg_type,
                        (std::string(name()) + ": DMA " + (m_dma.write ? "write" : "read") + " of " +
                         std::to_string(m_dma.length) + " bytes ended with error " + std::to_string(error))
                            .c_str(),
                        sc_core::SC_DEBUG);
    schedule(offset, [this, error] {
        m_dma_status = FABRIC_DMA_STATUS_DONE | (error << FABRIC_DMA_STATUS_ERR_SHIFT);
        m_int_status |= FABRIC_INT_DMA_DONE;
        m_irq_event.notify(sc_core::SC_ZERO_TIME);
        if (on_change) on_change(sc_core::sc_time_stamp());
    });
}

uint32_t fabric_port::chunk_at(uint32_t next) const
{
    const uint32_t remaining = m_dma.length - next;
    const uint32_t to_boundary = FABRIC_BOUNDARY - ((m_dma.remote_addr + next) & (FABRIC_BOUNDARY - 1));
    return std::min({m_cfg.max_payload, remaining, to_boundary});
}

uint8_t fabric_port::allocate_tag()
{
    for (unsigned i = 0; i < 256; ++i) {
        const uint8_t t = m_next_tag++;
        if (!m_dma.reads.count(t)) {
            m_stale_tags.erase(t); // reused: a very late answer to its old request is taken for the new one
            return t;
        }
    }
    return m_next_tag++; // not reached: at most 128 reads are outstanding
}

// Reads the next chunk of a write from local memory into the staging buffer. The engine reads a chunk while
// the previous one is on the link, at the rate the memory reports per word (as the SHA-256 engine reads it):
// from flash 60 ns per word (W25Q128JV quad read, 66 MB/s), so a DMA from flash goes at the flash's rate; RAM
// reports no latency and its chunks are ready at once.
bool fabric_port::stage_write(const sc_core::sc_time& offset)
{
    const uint32_t n = chunk_at(m_dma.next);
    m_dma.staged.resize(n);
    sc_core::sc_time latency;
    if (bus_access(tlm::TLM_READ_COMMAND, m_dma.local_addr + m_dma.next, m_dma.staged.data(), n, offset, &latency) !=
        tlm::TLM_OK_RESPONSE) {
        SC_REPORT_INFO_VERB(msg_type,
                            (std::string(name()) + ": DMA source " + hex(m_dma.local_addr + m_dma.next) +
                             " is not readable")
                                .c_str(),
                            sc_core::SC_DEBUG);
        finish_dma(FABRIC_ERR_LOCAL, offset);
        return false;
    }
    m_dma.has_staged = true;
    m_dma.staged_ready = sc_core::sc_time_stamp() + offset + latency * double((n + 3) / 4);
    return true;
}

bool fabric_port::make_write(tlp& out, const sc_core::sc_time& offset)
{
    if (!m_dma.has_staged && !stage_write(offset)) return false;
    const sc_core::sc_time now = sc_core::sc_time_stamp() + offset;
    if (now < m_dma.staged_ready) {
        kick(m_dma.staged_ready - sc_core::sc_time_stamp()); // the fabric asks again when the data is there
        return false;
    }
    const uint32_t n = uint32_t(m_dma.staged.size());
    out = tlp{};
    out.payload = std::move(m_dma.staged);
    m_dma.staged.clear();
    m_dma.has_staged = false;
    out.type = tlp_type::mem_write;
    out.dst = m_dma.remote;
    out.src = m_cfg.cell_id;
    out.length = uint16_t(n);
    out.address = m_dma.remote_addr + m_dma.next;
    m_dma.next += n;
    m_dma_bytes_done = m_dma.next;
    if (m_dma.next == m_dma.length) {
        out.flags = fabric::tlp_flag_ack_req;
        out.tag = m_dma.ack_tag = allocate_tag();
        m_dma.ack_sent = true;
    } else {
        stage_write(offset); // the next chunk is read while this one goes out (an error ends the DMA)
    }
    return true;
}

bool fabric_port::make_read(tlp& out)
{
    const uint32_t n = chunk_at(m_dma.next);
    out = tlp{};
    out.type = tlp_type::mem_read;
    out.dst = m_dma.remote;
    out.src = m_cfg.cell_id;
    out.tag = allocate_tag();
    out.length = uint16_t(n);
    out.address = m_dma.remote_addr + m_dma.next;
    m_dma.reads[out.tag] = {m_dma.next, n};
    m_dma.next += n;
    return true;
}

bool fabric_port::tx_pull(tlp& out, const sc_core::sc_time& offset)
{
    bool got = false;
    if (!m_completions.empty()) {
        out = std::move(m_completions.front());
        m_completions.pop_front();
        got = true;
    } else if (m_dma.active && m_link_up && sc_core::sc_time_stamp() + offset >= m_dma.start &&
               m_dma.next < m_dma.length) {
        if (m_dma.write)
            got = make_write(out, offset);
        else if (m_dma.reads.size() < m_cfg.max_reads_outstanding)
            got = make_read(out);
        if (got) arm_timeout(offset); // progress
    }
    if (got) {
        ++m_stats.tx_tlps;
        m_stats.tx_bytes += out.payload.size();
    }
    return got;
}

// --- Inbound ----------------------------------------------------------------------------------------------

tlm::tlm_response_status fabric_port::bus_access(tlm::tlm_command cmd, uint32_t address, uint8_t* data,
                                                 uint32_t length, const sc_core::sc_time& offset,
                                                 sc_core::sc_time* latency)
{
    if (length == 0) return tlm::TLM_OK_RESPONSE;
    tlm::tlm_generic_payload t;
    set_plain_access(t, cmd, address, data, length);
    sc_core::sc_time delay = offset;
    initiator_socket->b_transport(t, delay);
    if (latency) *latency = delay > offset ? delay - offset : sc_core::SC_ZERO_TIME;
    return t.get_response_status();
}

bool fabric_port::in_window(uint8_t src, uint32_t address, uint32_t length) const
{
    if (!(m_win_ctrl & FABRIC_WIN_CTRL_ENABLE) || src != m_win_src) return false;
    const uint64_t lo = address, hi = uint64_t(address) + length;
    return lo >= m_win_base && hi <= uint64_t(m_win_base) + m_win_size;
}

void fabric_port::reject(const tlp& in, const char* why)
{
    ++m_stats.rejected;
    SC_REPORT_INFO_VERB(msg_type,
                        (std::string(name()) + ": refused " + (in.type == tlp_type::mem_read ? "read" : "write") +
                         " of " + std::to_string(in.length) + " bytes at " + hex(in.address) + " from cell " +
                         std::to_string(in.src) + ": " + why)
                            .c_str(),
                        sc_core::SC_DEBUG);
}

void fabric_port::queue_completion(const tlp& request, tlp_status status, std::vector<uint8_t> data,
                                   const sc_core::sc_time& offset)
{
    tlp c;
    c.type = tlp_type::completion;
    c.dst = request.src;
    c.src = m_cfg.cell_id;
    c.tag = request.tag;
    c.flags = uint16_t(status);
    c.length = uint16_t(data.size());
    c.address = request.address;
    c.payload = std::move(data);
    m_completions.push_back(std::move(c));
    kick(offset);
}

void fabric_port::receive_request(const tlp& in, const sc_core::sc_time& offset)
{
    if (in.type == tlp_type::mem_write) {
        const char* why = nullptr;
        if (in.payload.size() != in.length)
            why = "payload length does not match the header";
        else if (!in_window(in.src, in.address, in.length))
            why = "outside the window";
        else if (bus_access(tlm::TLM_WRITE_COMMAND, in.address, const_cast<uint8_t*>(in.payload.data()), in.length,
                            offset) != tlm::TLM_OK_RESPONSE)
            why = "bus error";
        if (why) {
            reject(in, why);
            m_denied[in.src] = true;
        } else {
            m_stats.rx_bytes += in.length;
            if (!m_win_irq_pending) {
                m_win_irq_pending = true;
                schedule(offset, [this] {
                    m_win_irq_pending = false;
                    m_int_status |= FABRIC_INT_WIN_WRITE;
                    m_irq_event.notify(sc_core::SC_ZERO_TIME);
                });
            }
        }
        if (in.flags & fabric::tlp_flag_ack_req) {
            const tlp_status status = m_denied[in.src] ? tlp_status::access_denied : tlp_status::ok;
            m_denied[in.src] = false;
            queue_completion(in, status, {}, offset);
        }
        return;
    }
    // mem_read
    if (in.length > m_cfg.max_payload) {
        reject(in, "longer than the maximum payload");
        queue_completion(in, tlp_status::unsupported, {}, offset);
        return;
    }
    if (!in_window(in.src, in.address, in.length)) {
        reject(in, "outside the window");
        queue_completion(in, tlp_status::access_denied, {}, offset);
        return;
    }
    std::vector<uint8_t> data(in.length);
    if (bus_access(tlm::TLM_READ_COMMAND, in.address, data.data(), in.length, offset) != tlm::TLM_OK_RESPONSE) {
        reject(in, "bus error");
        queue_completion(in, tlp_status::access_denied, {}, offset);
        return;
    }
    queue_completion(in, tlp_status::ok, std::move(data), offset);
}

void fabric_port::receive_completion(const tlp& in, const sc_core::sc_time& offset)
{
    const bool ours = m_dma.active && in.src == m_dma.remote &&
                      ((m_dma.write && m_dma.ack_sent && in.tag == m_dma.ack_tag) ||
                       (!m_dma.write && m_dma.reads.count(in.tag)));
    if (!ours) {
        if (m_stale_tags.erase(in.tag)) return; // of a transfer that already ended
        ++m_stats.unexpected;
        SC_REPORT_INFO_VERB(msg_type,
                            (std::string(name()) + ": completion with tag " + std::to_string(in.tag) + " from cell " +
                             std::to_string(in.src) + " matches no request: dropped")
                                .c_str(),
                            sc_core::SC_DEBUG);
        return;
    }
    const tlp_status status = tlp_status(in.flags & 0xff);
    const uint32_t error = status == tlp_status::ok            ? FABRIC_ERR_NONE
                           : status == tlp_status::unreachable ? FABRIC_ERR_UNREACHABLE
                                                               : FABRIC_ERR_DENIED;
    if (m_dma.write) {
        m_dma.ack_sent = false; // answered
        finish_dma(error, offset);
        return;
    }
    if (status != tlp_status::ok) {
        m_dma.reads.erase(in.tag);
        finish_dma(error, offset);
        return;
    }
    const read_request r = m_dma.reads.at(in.tag);
    if (in.payload.size() != r.length) {
        ++m_stats.unexpected; // malformed: the request stays outstanding and times out
        return;
    }
    m_dma.reads.erase(in.tag);
    if (bus_access(tlm::TLM_WRITE_COMMAND, m_dma.local_addr + r.offset, const_cast<uint8_t*>(in.payload.data()),
                   r.length, offset) != tlm::TLM_OK_RESPONSE) {
        finish_dma(FABRIC_ERR_LOCAL, offset);
        return;
    }
    m_stats.rx_bytes += r.length;
    m_dma.done += r.length;
    m_dma_bytes_done = m_dma.done;
    if (m_dma.done == m_dma.length) {
        finish_dma(FABRIC_ERR_NONE, offset);
        return;
    }
    arm_timeout(offset); // progress
    kick(offset);        // a tag is free again
}

void fabric_port::rx_deliver(const tlp& in, const sc_core::sc_time& offset)
{
    ++m_stats.rx_tlps;
    if (in.type == tlp_type::completion)
        receive_completion(in, offset);
    else
        receive_request(in, offset);
}

void fabric_port::link_changed(bool up, const sc_core::sc_time& offset)
{
    if (!up) {
        finish_dma(FABRIC_ERR_LINK_DOWN, offset);
        m_completions.clear(); // answers to requests of the old link session
        m_denied.fill(false);
    }
    schedule(offset, [this, up] {
        if (up == m_link_up) return;
        m_link_up = up;
        m_int_status |= FABRIC_INT_LINK_CHANGE;
        m_irq_event.notify(sc_core::SC_ZERO_TIME);
        if (on_change) on_change(sc_core::sc_time_stamp());
        SC_REPORT_INFO_VERB(msg_type, (std::string(name()) + (up ? ": link up" : ": link down")).c_str(),
                            sc_core::SC_HIGH);
    });
}

// --- Registers --------------------------------------------------------------------------------------------

bool fabric_port::read_reg(uint64_t offset, uint32_t& v) const
{
    switch (offset) {
    case FABRIC_LINK_CTRL: v = m_link_ctrl; return true;
    case FABRIC_LINK_STATUS: v = m_link_up ? FABRIC_LINK_STATUS_UP : 0; return true;
    case FABRIC_ID: v = m_cfg.cell_id; return true;
    case FABRIC_MAX_PAYLOAD: v = m_cfg.max_payload; return true;
    case FABRIC_INT_STATUS: v = m_int_status; return true;
    case FABRIC_INT_ENABLE: v = m_int_enable; return true;
    case FABRIC_DMA_REMOTE_CELL: v = m_dma_remote; return true;
    case FABRIC_DMA_REMOTE_ADDR: v = m_dma_remote_addr; return true;
    case FABRIC_DMA_LOCAL_ADDR: v = m_dma_local_addr; return true;
    case FABRIC_DMA_LEN: v = m_dma_len; return true;
    case FABRIC_DMA_TIMEOUT_US: v = m_dma_timeout_us; return true;
    case FABRIC_DMA_CMD: v = 0; return true;
    case FABRIC_DMA_STATUS: v = m_dma_status; return true;
    case FABRIC_DMA_BYTES_DONE: v = m_dma_bytes_done; return true;
    case FABRIC_WIN_BASE: v = m_win_base; return true;
    case FABRIC_WIN_SIZE: v = m_win_size; return true;
    case FABRIC_WIN_SRC: v = m_win_src; return true;
    case FABRIC_WIN_CTRL: v = m_win_ctrl; return true;
    case FABRIC_TX_TLPS: v = uint32_t(m_stats.tx_tlps); return true;
    case FABRIC_TX_BYTES: v = uint32_t(m_stats.tx_bytes); return true;
    case FABRIC_RX_TLPS: v = uint32_t(m_stats.rx_tlps); return true;
    case FABRIC_RX_BYTES: v = uint32_t(m_stats.rx_bytes); return true;
    case FABRIC_REJECTED: v = uint32_t(m_stats.rejected); return true;
    case FABRIC_UNEXPECTED: v = uint32_t(m_stats.unexpected); return true;
    case FABRIC_DMA_TIMEOUTS: v = uint32_t(m_stats.dma_timeouts); return true;
    default: return false;
    }
}

bool fabric_port::write_reg(uint64_t offset, uint32_t v, const sc_core::sc_time& delay)
{
    switch (offset) {
    case FABRIC_LINK_CTRL:
        m_link_ctrl = v & FABRIC_LINK_CTRL_ENABLE;
        schedule(delay, [this] {
            const bool enable = m_link_ctrl & FABRIC_LINK_CTRL_ENABLE;
            if (m_fabric && enable != m_link_told) {
                m_link_told = enable;
                m_fabric->set_link_enable(enable);
            }
        });
        return true;
    case FABRIC_INT_STATUS:
        m_int_status &= ~(v & FABRIC_INT_ALL);
        m_irq_event.notify(delay);
        return true;
    case FABRIC_INT_ENABLE:
        m_int_enable = v & FABRIC_INT_ALL;
        m_irq_event.notify(delay);
        return true;
    case FABRIC_DMA_REMOTE_CELL: m_dma_remote = v & 0xff; return true;
    case FABRIC_DMA_REMOTE_ADDR: m_dma_remote_addr = v; return true;
    case FABRIC_DMA_LOCAL_ADDR: m_dma_local_addr = v; return true;
    case FABRIC_DMA_LEN: m_dma_len = v; return true;
    case FABRIC_DMA_TIMEOUT_US: m_dma_timeout_us = v; return true;
    case FABRIC_DMA_CMD:
        if (v & FABRIC_DMA_CMD_GO) start_dma(v & FABRIC_DMA_CMD_DIR, delay);
        return true;
    case FABRIC_WIN_BASE: m_win_base = v; return true;
    case FABRIC_WIN_SIZE: m_win_size = v; return true;
    case FABRIC_WIN_SRC: m_win_src = v & 0xff; return true;
    case FABRIC_WIN_CTRL: m_win_ctrl = v & FABRIC_WIN_CTRL_ENABLE; return true;
    default: {
        uint32_t ignored;
        return read_reg(offset, ignored); // read-only registers ignore writes; holes are errors
    }
    }
}

void fabric_port::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    word_register_transport(
        trans, delay,
        [&](uint64_t a, uint32_t& v) {
            if (a > FABRIC_LAST_REG) return false;
            delay += m_cfg.access_latency;
            return read_reg(a, v);
        },
        [this](uint64_t a, uint32_t v, sc_core::sc_time& d) {
            if (a > FABRIC_LAST_REG) return false;
            d += m_cfg.access_latency;
            return write_reg(a, v, d);
        });
}

// Debug reads only (no register has read side effects).
unsigned fabric_port::transport_dbg(tlm::tlm_generic_payload& trans)
{
    return word_register_debug_read(trans, [this](uint64_t a, uint32_t& v) { return read_reg(a, v); });
}

} // namespace cellvp
