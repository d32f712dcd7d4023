// The system view of a run as a waveform: see system_trace.h.
#include "trace/system_trace.h"

#include "cellvp/cell_map.h"
#include "cellvp/mbox_regs.h"
#include "cellvp/update_proto.h"

#include <sstream>

namespace cellvp {

namespace {

// Changes are written once they are this far behind the current time: a model reports a change at most a
// register access ahead of SystemC's time (the fabric port's DMA start), far less than this.
const sc_core::sc_time flush_lag(1, sc_core::SC_MS);
constexpr size_t flush_batch = 4096; // pending changes that trigger a write

std::string packet_kind(const std::vector<uint8_t>& payload)
{
    if (payload.empty()) return "empty";
    switch (payload[0]) {
    case UPD_GET_STATUS: return "GET_STATUS";
    case UPD_STATUS: return "STATUS";
    case UPD_ENABLE: return "ENABLE";
    case UPD_ENABLE_ACK: return "ENABLE_ACK";
    case UPD_IMAGE: return "IMAGE";
    case UPD_RESULT: return "RESULT";
    case UPD_DELEGATE: return "DELEGATE";
    case UPD_DELEGATE_DONE: return "DELEGATE_DONE";
    case MBOX_RESET_OPCODE: return payload.size() == MBOX_RESET_LEN ? "RESET" : "type_0xf0";
    default: {
        std::ostringstream o;
        o << "type_0x" << std::hex << unsigned(payload[0]);
        return o.str();
    }
    }
}

} // namespace

system_trace::system_trace(sc_core::sc_module_name name, cell_system& system, const system_trace_config& cfg)
    : sc_module(name), m_system(system),
      m_writer(cfg.path, cfg.format, uint64_t(cfg.from.value()),
               cfg.to == sc_core::sc_max_time() ? waveform_writer::end_of_time : uint64_t(cfg.to.value()), cfg.version)
{
    // sc_time's value() is in the kernel's resolution: 1 ps unless a model changed it, which none does.
    for (auto& c : m_system.cells) {
        const std::string scope = "system.cell" + std::to_string(c->id());
        const unsigned harts = unsigned(c->harts.size());
        cell_signals s{};
        s.reset = m_writer.add_bits(scope, "reset", 1, c->reset_line().read());
        s.fw_state = m_writer.add_text(scope, "fw_state", "booting");
        s.fw_phase = m_writer.add_text(scope, "fw_phase", "idle");
        s.link_up = m_writer.add_bits(scope, "link_up", 1, c->fabric.link_up());
        s.dma_busy = m_writer.add_bits(scope, "dma_busy", 1, c->fabric.dma_busy());
        s.irq_src = m_writer.add_bits(scope, "irq_src", CELL_IRQ_COUNT);
        s.msip = m_writer.add_bits(scope, "msip", harts);
        s.mtip = m_writer.add_bits(scope, "mtip", harts);
        s.meip = m_writer.add_bits(scope, "meip", harts);
        m_index[c->id()] = m_cells.size();
        m_cells.push_back(s);
    }
    m_mgmt.busy = m_writer.add_bits("system.mgmt", "busy", 1);
    m_mgmt.dest = m_writer.add_bits("system.mgmt", "dest", 8);
    m_mgmt.src = m_writer.add_bits("system.mgmt", "src", 8);
    m_mgmt.len = m_writer.add_bits("system.mgmt", "len", 8);
    m_mgmt.packet = m_writer.add_text("system.mgmt", "packet", "idle");

    for (size_t i = 0; i < m_system.cells.size(); ++i) {
        cell& c = *m_system.cells[i];
        cell_signals& s = m_cells[i];
        watch(c.reset_line().value_changed_event(), [this, &c, &s] {
            const bool held = c.reset_line().read();
            m_writer.set(s.reset, held, now_ps());
            s.state = held ? "reset" : "booting";
            s.phases.clear();
            s.updating = false;
            m_writer.set_text(s.fw_state, s.state, now_ps());
            set_phase_text(s, now_ps());
        });
        for (unsigned n = 0; n < CELL_IRQ_COUNT; ++n)
            watch(c.irq_source(n).value_changed_event(), [this, i] { sample_irqs(i); });
        for (unsigned h = 0; h < c.harts.size(); ++h)
            for (const sc_core::sc_signal<bool>* line : {&c.msip_line(h), &c.mtip_line(h), &c.meip_line(h)})
                watch(line->value_changed_event(), [this, i] { sample_irqs(i); });
        c.fabric.on_change = [this, &c, &s](const sc_core::sc_time& at) {
            const uint64_t t = uint64_t(at.value());
            m_writer.set(s.link_up, c.fabric.link_up(), t);
            m_writer.set(s.dma_busy, c.fabric.dma_busy(), t);
            maybe_flush();
        };
    }
    watch(m_system.mbus.busy.value_changed_event(), [this] { sample_mgmt(); });
    watch(m_system.mbus.header.value_changed_event(), [this] { sample_mgmt(); });
}

uint64_t system_trace::now_ps() const { return uint64_t(sc_core::sc_time_stamp().value()); }

void system_trace::watch(const sc_core::sc_event& e, std::function<void()> sample)
{
    sc_core::sc_spawn_options o;
    o.spawn_method();
    o.set_sensitivity(&e);
    o.dont_initialize();
    sc_core::sc_spawn(
        [this, sample = std::move(sample)] {
            if (m_finished) return;
            sample();
            maybe_flush();
        },
        sc_core::sc_gen_unique_name("watch"), &o);
}

void system_trace::sample_irqs(size_t index)
{
    const cell& c = *m_system.cells[index];
    const cell_signals& s = m_cells[index];
    uint64_t src = 0, msip = 0, mtip = 0, meip = 0;
    for (unsigned n = 0; n < CELL_IRQ_COUNT; ++n) src |= uint64_t(c.irq_source(n).read()) << n;
    for (unsigned h = 0; h < c.harts.size(); ++h) {
        msip |= uint64_t(c.msip_line(h).read()) << h;
        mtip |= uint64_t(c.mtip_line(h).read()) << h;
        meip |= uint64_t(c.meip_line(h).read()) << h;
    }
    const uint64_t t = now_ps();
    m_writer.set(s.irq_src, src, t);
    m_writer.set(s.msip, msip, t);
    m_writer.set(s.mtip, mtip, t);
    m_writer.set(s.meip, meip, t);
}

void system_trace::sample_mgmt()
{
    const uint64_t t = now_ps();
    const bool busy = m_system.mbus.busy.read();
    const uint32_t header = m_system.mbus.header.read();
    m_writer.set(m_mgmt.busy, busy, t);
    m_writer.set(m_mgmt.dest, header >> 16 & 0xff, t);
    m_writer.set(m_mgmt.src, header >> 8 & 0xff, t);
    m_writer.set(m_mgmt.len, header & 0xff, t);
    const mgmt_packet* p = m_system.mbus.current();
    if (busy && p) {
        std::ostringstream o;
        o << unsigned(p->src) << ">" << (p->dest == mgmt_broadcast ? std::string("all") : std::to_string(p->dest))
          << ":" << packet_kind(p->payload);
        m_writer.set_text(m_mgmt.packet, o.str(), t);
    } else if (!busy) {
        m_writer.set_text(m_mgmt.packet, "idle", t);
    }
}

void system_trace::set_phase_text(cell_signals& s, uint64_t at)
{
    std::string text;
    for (const std::string& p : s.phases) text += (text.empty() ? "" : "+") + p;
    m_writer.set_text(s.fw_phase, text.empty() ? "idle" : text, at);
}

void system_trace::record(uint32_t cell_id, const run_event& ev)
{
    auto at = m_index.find(cell_id);
    if (m_finished || at == m_index.end()) return;
    cell_signals& s = m_cells[at->second];
    const uint64_t t = now_ps();
    auto field = [&ev](const char* key) {
        auto f = ev.fields.find(key);
        return f == ev.fields.end() ? std::string() : f->second;
    };
    if (ev.kind == "boot") {
        s.state = field("state");
        if (!s.updating) m_writer.set_text(s.fw_state, s.state, t);
    } else if (ev.kind == "update_start" && !s.updating) {
        s.updating = true;
        m_writer.set_text(s.fw_state, "updating", t);
    } else if (ev.kind == "update_end") {
        s.updating = false;
        m_writer.set_text(s.fw_state, s.state, t);
    } else if (ev.kind == "phase") {
        // The phase's name; on the update cell with the target it works on ("transfer>2").
        std::string target = field("target"), name = field("name");
        std::string label = target == std::to_string(cell_id) || target.empty() ? name : name + ">" + target;
        if (field("edge") == "start") {
            s.phases.push_back(label);
        } else {
            for (auto p = s.phases.begin(); p != s.phases.end(); ++p)
                if (*p == label) {
                    s.phases.erase(p);
                    break;
                }
        }
        set_phase_text(s, t);
    }
    maybe_flush();
}

void system_trace::maybe_flush()
{
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    if (m_writer.pending() >= flush_batch && now > flush_lag) m_writer.flush_until(uint64_t((now - flush_lag).value()));
}

void system_trace::finish()
{
    if (m_finished) return;
    m_finished = true;
    for (auto& c : m_system.cells) c->fabric.on_change = nullptr;
    m_writer.close(now_ps());
}

std::string system_trace::gtkwave_save(const std::vector<uint32_t>& cell_ids, unsigned harts, const std::string& dump_file)
{
    std::ostringstream o;
    const std::string hbits = harts > 1 ? "[" + std::to_string(harts - 1) + ":0]" : "";
    o << "[*] GTKWave save file for the system view of cellvp run --trace (system.vcd or system.fst).\n"
      << "[*] Groups: one per cell (reset, firmware state and phase, fabric link and DMA, interrupts), the manageability bus.\n"
      << "[*] Open with:  gtkwave OUT/" << dump_file << " OUT/system.gtkw   (traces/README.md)\n"
      << "[dumpfile] \"" << dump_file << "\"\n"
      << "[timestart] 0\n"
      << "[treeopen] system.\n"
      << "[sst_width] 240\n[signals_width] 240\n[sst_expanded] 1\n[sst_vpaned_height] 200\n";
    for (uint32_t id : cell_ids) {
        const std::string p = "system.cell" + std::to_string(id) + ".";
        o << "@800200\n-cell " << id << "\n"
          << "@28\n" << p << "reset\n"
          << "@28\n" << p << "fw_state\n" << p << "fw_phase\n"
          << "@28\n" << p << "link_up\n" << p << "dma_busy\n"
          << "@22\n" << p << "irq_src[" << CELL_IRQ_COUNT - 1 << ":0]\n"
          << (harts > 1 ? "@22\n" : "@28\n") << p << "msip" << hbits << "\n" << p << "mtip" << hbits << "\n" << p << "meip" << hbits << "\n"
          << "@1000200\n-cell " << id << "\n";
    }
    o << "@800200\n-manageability bus\n"
      << "@28\nsystem.mgmt.busy\n"
      << "@22\nsystem.mgmt.dest[7:0]\nsystem.mgmt.src[7:0]\nsystem.mgmt.len[7:0]\n"
      << "@28\nsystem.mgmt.packet\n"
      << "@1000200\n-manageability bus\n";
    return o.str();
}

} // namespace cellvp
