// SHA-256 engine with DMA of a cell: see sha_dma.h.
#include "dev/sha_dma.h"

#include "bus/plain_access.h"
#include "bus/poll_hint_extension.h"
#include "cellvp/shadma_regs.h"
#include "util/format.h"
#include "util/reg_access.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace cellvp {

namespace {
constexpr const char* msg_type = "cellvp/sha_dma";

// FIPS 180-4, 4.2.2 and 5.3.3.
constexpr std::array<uint32_t, 64> round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
constexpr std::array<uint32_t, 8> initial_hash = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

// 32-bit words touched by `len` bytes from `addr`.
inline uint64_t words_of(uint32_t addr, uint32_t len) { return ((addr & 3u) + uint64_t(len) + 3) / 4; }
} // namespace

sha_dma::sha_dma(sc_core::sc_module_name name, const sha_dma_config& cfg)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket"), irq("irq"), m_cfg(cfg),
      m_period_ps(cfg.clock_period.value())
{
    if (cfg.burst < SHADMA_BLOCK_SIZE || cfg.burst % SHADMA_BLOCK_SIZE || cfg.burst > 65536)
        throw std::invalid_argument(std::string(this->name()) + ": burst must be a multiple of 64 up to 64 KiB");
    if (m_period_ps == 0 || cfg.block_cycles == 0)
        throw std::invalid_argument(std::string(this->name()) + ": clock period and block cycles must not be 0");
    m_buf.resize(2 * size_t(cfg.burst));
    new_message();
    target_socket.register_b_transport(this, &sha_dma::b_transport);
    target_socket.register_transport_dbg(this, &sha_dma::transport_dbg);
    SC_HAS_PROCESS(sha_dma);
    SC_THREAD(engine_thread);
    SC_METHOD(irq_process); // also runs once at the start, to drive the line low
    sensitive << m_irq_event;
}

void sha_dma::reset()
{
    if (m_status & busy_bit) {
        ++m_stats.aborted;
        SC_REPORT_INFO_VERB(msg_type, (std::string(name()) + ": run stopped by reset").c_str(), sc_core::SC_HIGH);
    }
    ++m_generation;
    m_start_pending = false;
    m_start_event.cancel();
    m_abort_event.notify(sc_core::SC_ZERO_TIME);
    m_src = m_dst = m_len = m_status = m_irq_en = m_erraddr = 0;
    m_digest.fill(0);
    new_message();
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
}

void sha_dma::irq_process() { irq.write((m_status & SHADMA_STATUS_DONE) && (m_irq_en & SHADMA_IRQ_EN_DONE)); }

// --- SHA-256 (FIPS 180-4, 6.2.2) ----------------------------------------------------------------------------

void sha_dma::new_message()
{
    m_h = initial_hash;
    m_msg_bytes = 0;
}

void sha_dma::compress(const uint8_t* block)
{
    uint32_t w[64];
    for (unsigned t = 0; t < 16; ++t)
        w[t] = uint32_t(block[4 * t]) << 24 | uint32_t(block[4 * t + 1]) << 16 | uint32_t(block[4 * t + 2]) << 8 |
               uint32_t(block[4 * t + 3]);
    for (unsigned t = 16; t < 64; ++t) {
        const uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = m_h[0], b = m_h[1], c = m_h[2], d = m_h[3], e = m_h[4], f = m_h[5], g = m_h[6], h = m_h[7];
    for (unsigned t = 0; t < 64; ++t) {
        const uint32_t t1 =
            h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + round_constants[t] + w[t];
        const uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    m_h[0] += a;
    m_h[1] += b;
    m_h[2] += c;
    m_h[3] += d;
    m_h[4] += e;
    m_h[5] += f;
    m_h[6] += g;
    m_h[7] += h;
}

// DIGESTi = bytes 4i..4i+3 of the digest (H_i big-endian), byte 4i in bits 7:0: a little-endian store of the
// words gives the digest's bytes in order.
void sha_dma::publish_digest()
{
    for (unsigned i = 0; i < 8; ++i) {
        const uint32_t h = m_h[i];
        m_digest[i] = (h >> 24) | ((h >> 8) & 0xff00u) | ((h << 8) & 0xff0000u) | (h << 24);
    }
}

// --- The engine ---------------------------------------------------------------------------------------------

uint64_t sha_dma::word_cost(uint64_t latency_ps) const { return std::max(latency_ps, m_period_ps); }

bool sha_dma::access(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, uint32_t len, uint64_t at_ps,
                     uint64_t& latency_ps)
{
    const uint64_t now = sc_core::sc_time_stamp().value();
    const sc_core::sc_time before = sc_core::sc_time::from_value(at_ps > now ? at_ps - now : 0);
    sc_core::sc_time delay = before;
    set_plain_access(m_trans, cmd, addr, data, len);
    initiator_socket->b_transport(m_trans, delay);
    latency_ps = delay > before ? (delay - before).value() : 0;
    return m_trans.is_response_ok();
}

// One burst. A refused burst is retried a word at a time (1 and 2 bytes at the edges), which also finds the
// exact address of a failing word; each word costs word_cost(the latency its target reported).
sha_dma::transfer_result sha_dma::transfer(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, uint32_t len,
                                           uint64_t at_ps)
{
    transfer_result r;
    uint64_t latency = 0;
    if (access(cmd, addr, data, len, at_ps, latency)) {
        r.cost_ps = words_of(addr, len) * word_cost(latency);
        return r;
    }
    uint64_t t = 0;
    for (uint32_t off = 0; off < len;) {
        const uint32_t a = addr + off;
        uint32_t n = std::min<uint32_t>(4 - (a & 3u), len - off);
        if (n == 3) n = (a & 1u) ? 1 : 2;
        if (!access(cmd, a, data + off, n, at_ps + t, latency)) {
            r.ok = false;
            r.bad_addr = a;
            r.fail_ps = t;
            return r;
        }
        t += word_cost(latency);
        off += n;
    }
    r.cost_ps = t;
    return r;
}

bool sha_dma::wait_until(uint64_t at_ps, uint64_t generation)
{
    for (;;) {
        if (generation != m_generation) return false;
        const uint64_t now = sc_core::sc_time_stamp().value();
        if (at_ps <= now) return true;
        m_next_wake = sc_core::sc_time::from_value(at_ps);
        sc_core::wait(sc_core::sc_time::from_value(at_ps - now), m_abort_event);
    }
}

// A flag rather than the event alone: a START that comes while the thread is still leaving a run stopped by
// reset() (it wakes a delta later) must not be missed.
void sha_dma::engine_thread()
{
    for (;;) {
        if (!m_start_pending) {
            sc_core::wait(m_start_event);
            continue;
        }
        const sc_core::sc_time now = sc_core::sc_time_stamp();
        if (now < m_start_at) {
            sc_core::wait(m_start_at - now, m_start_event);
            continue;
        }
        m_start_pending = false;
        run(m_job);
    }
}

// The pipeline's timelines, absolute in ps: when the read port, the hash core and the write port are free,
// and when each of the two burst buffers is free again (both its hash and its write done).
void sha_dma::run(const job& j)
{
    const uint64_t generation = m_generation;
    const uint64_t start = sc_core::sc_time_stamp().value();
    const uint64_t hash_ps = uint64_t(m_cfg.block_cycles) * m_period_ps;
    const uint64_t quantum = tlm::tlm_global_quantum::instance().get().value();
    uint64_t read_free = start, hash_free = start, write_free = start;
    std::array<uint64_t, 2> buffer_free{start, start};
    if (j.init) new_message();
    const uint64_t message_bytes = m_msg_bytes + j.len;

    auto fail = [&](uint32_t addr, uint64_t at) {
        if (!wait_until(at, generation)) return;
        ++m_stats.bus_errors;
        SC_REPORT_INFO_VERB(msg_type, (std::string(name()) + ": bus error at " + hex(addr)).c_str(), sc_core::SC_HIGH);
        m_erraddr = addr;
        m_status = SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_BUS | (m_status & SHADMA_STATUS_ERR_BUSY);
        new_message();
        m_digest.fill(0);
        m_irq_event.notify(sc_core::SC_ZERO_TIME);
    };

    std::array<uint8_t, 2 * SHADMA_BLOCK_SIZE> tail{};
    uint32_t tail_len = 0;
    for (uint32_t off = 0, k = 0; off < j.len; off += m_cfg.burst, ++k) {
        const uint32_t n = std::min(m_cfg.burst, j.len - off);
        uint8_t* buf = m_buf.data() + size_t(k & 1) * m_cfg.burst;
        const uint64_t rs = std::max(read_free, buffer_free[k & 1]);
        // Run ahead of SystemC by at most a quantum (plus a burst), as the harts do.
        if (rs > sc_core::sc_time_stamp().value() + quantum && !wait_until(rs, generation)) return;

        const transfer_result r = transfer(tlm::TLM_READ_COMMAND, j.src + off, buf, n, rs);
        if (generation != m_generation) return; // the access cut the power
        if (!r.ok) return fail(r.bad_addr, rs + r.fail_ps);
        read_free = rs + r.cost_ps;
        // Each whole block is hashed once its last word has arrived (the words arrive at an even rate).
        uint32_t b = 0;
        for (; b + SHADMA_BLOCK_SIZE <= n; b += SHADMA_BLOCK_SIZE) {
            const uint64_t arrived = rs + r.cost_ps * (b + SHADMA_BLOCK_SIZE) / n;
            hash_free = std::max(hash_free, arrived) + hash_ps;
            compress(buf + b);
        }
        if (b < n) { // the final run's last, partial block
            tail_len = n - b;
            std::memcpy(tail.data(), buf + b, tail_len);
        }
        m_stats.bytes_hashed += n;

        if (j.copy) {
            const uint64_t ws = std::max(write_free, read_free);
            const transfer_result w = transfer(tlm::TLM_WRITE_COMMAND, j.dst + off, buf, n, ws);
            if (generation != m_generation) return;
            if (!w.ok) return fail(w.bad_addr, ws + w.fail_ps);
            write_free = ws + w.cost_ps;
            m_stats.bytes_copied += n;
        }
        buffer_free[k & 1] = std::max(hash_free, write_free);
    }

    if (j.final) { // FIPS 180-4, 5.1.1: 0x80, zeros, the length in bits, big-endian, to a multiple of 64 bytes
        tail[tail_len++] = 0x80;
        const uint32_t padded = tail_len + 8 <= SHADMA_BLOCK_SIZE ? SHADMA_BLOCK_SIZE : 2 * SHADMA_BLOCK_SIZE;
        std::fill(tail.begin() + tail_len, tail.begin() + padded, uint8_t(0));
        const uint64_t bits = message_bytes * 8;
        for (unsigned i = 0; i < 8; ++i) tail[padded - 1 - i] = uint8_t(bits >> (8 * i));
        for (uint32_t b = 0; b < padded; b += SHADMA_BLOCK_SIZE) {
            hash_free = std::max(hash_free, read_free) + hash_ps;
            compress(tail.data() + b);
        }
    }
    m_msg_bytes = message_bytes;

    if (!wait_until(std::max({read_free, hash_free, write_free}), generation)) return;
    publish_digest();
    if (j.final) new_message();
    m_status = SHADMA_STATUS_DONE | (m_status & SHADMA_STATUS_ERR_BUSY); // a refused START stays reported
    m_irq_event.notify(sc_core::SC_ZERO_TIME);
    const sc_core::sc_time took = sc_core::sc_time::from_value(sc_core::sc_time_stamp().value() - start);
    SC_REPORT_INFO_VERB(msg_type,
                        (std::string(name()) + ": run of " + std::to_string(j.len) + " bytes from " + hex(j.src) +
                         " done in " + took.to_string())
                            .c_str(),
                        sc_core::SC_DEBUG);
}

void sha_dma::start(uint32_t ctrl, const sc_core::sc_time& delay)
{
    if (m_status & busy_bit) {
        m_status |= SHADMA_STATUS_ERR_BUSY;
        SC_REPORT_INFO_VERB(msg_type, (std::string(name()) + ": START while busy: ignored").c_str(), sc_core::SC_HIGH);
        return;
    }
    job j;
    j.src = m_src;
    j.dst = m_dst;
    j.len = m_len;
    j.init = ctrl & SHADMA_CTRL_INIT;
    j.copy = ctrl & SHADMA_CTRL_COPY;
    j.final = ctrl & SHADMA_CTRL_FINAL;
    m_irq_event.notify(delay); // DONE clears
    const uint64_t end = uint64_t(j.len);
    if ((!j.final && j.len % SHADMA_BLOCK_SIZE) || j.src + end > (1ull << 32) ||
        (j.copy && j.dst + end > (1ull << 32))) {
        m_status = SHADMA_STATUS_DONE | SHADMA_STATUS_ERR_LEN;
        return;
    }
    ++m_stats.runs;
    m_job = j;
    m_status = busy_bit;
    m_next_wake = m_start_at = sc_core::sc_time_stamp() + delay;
    m_start_pending = true;
    m_start_event.notify(delay);
}

// --- Registers ----------------------------------------------------------------------------------------------

bool sha_dma::read_reg(uint64_t offset, uint32_t& v) const
{
    switch (offset) {
    case SHADMA_SRC: v = m_src; return true;
    case SHADMA_DST: v = m_dst; return true;
    case SHADMA_LEN: v = m_len; return true;
    case SHADMA_CTRL: v = 0; return true;
    case SHADMA_STATUS: v = m_status; return true;
    case SHADMA_IRQ_EN: v = m_irq_en; return true;
    case SHADMA_ERRADDR: v = m_erraddr; return true;
    default:
        if (offset >= SHADMA_DIGEST(0) && offset <= SHADMA_DIGEST(7)) {
            v = m_digest[(offset - SHADMA_DIGEST(0)) / 4];
            return true;
        }
        return false;
    }
}

bool sha_dma::write_reg(uint64_t offset, uint32_t v, const sc_core::sc_time& delay)
{
    switch (offset) {
    case SHADMA_SRC: m_src = v; return true;
    case SHADMA_DST: m_dst = v; return true;
    case SHADMA_LEN: m_len = v; return true;
    case SHADMA_CTRL:
        if (v & SHADMA_CTRL_START) start(v, delay);
        return true;
    case SHADMA_STATUS:
        m_status &= ~(v & (SHADMA_STATUS_DONE | SHADMA_STATUS_ERRORS));
        m_irq_event.notify(delay);
        return true;
    case SHADMA_IRQ_EN:
        m_irq_en = v & SHADMA_IRQ_EN_DONE;
        m_irq_event.notify(delay);
        return true;
    default: {
        uint32_t ignored;
        return read_reg(offset, ignored); // read-only registers ignore writes; holes are errors
    }
    }
}

void sha_dma::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay)
{
    const bool read = word_register_transport(
        trans, delay,
        [&](uint64_t a, uint32_t& v) {
            if (a > SHADMA_LAST_REG) return false;
            delay += m_cfg.access_latency;
            return read_reg(a, v);
        },
        [&](uint64_t a, uint32_t v, sc_core::sc_time& d) {
            if (a > SHADMA_LAST_REG) return false;
            d += m_cfg.access_latency;
            return write_reg(a, v, d);
        });
    // While busy the status changes only at a step of the engine thread: promise it until then.
    const sc_core::sc_time at = sc_core::sc_time_stamp() + delay;
    if (read && trans.get_address() == SHADMA_STATUS && (m_status & busy_bit) && m_next_wake > at)
        set_poll_hint(trans, m_next_wake - at);
}

// Debug reads only (no register has read side effects).
unsigned sha_dma::transport_dbg(tlm::tlm_generic_payload& trans)
{
    return word_register_debug_read(trans, [this](uint64_t a, uint32_t& v) { return read_reg(a, v); });
}

} // namespace cellvp
