// VCD and FST writer of the system view: see waveform_writer.h. FST goes through the FST writer that Verilator
// ships with its runtime (gtkwave/fstapi.h, compiled into cellvp_rtl), the same one the fabric's traces use.
#include "trace/waveform_writer.h"

#include "gtkwave/fstapi.h"

#include <algorithm>
#include <stdexcept>

namespace cellvp {

namespace {

// VCD identifiers: printable ASCII 33..126, shortest first.
std::string vcd_code(uint32_t n)
{
    std::string s;
    do {
        s += char(33 + n % 94);
        n /= 94;
    } while (n);
    return s;
}

std::vector<std::string> split_scope(const std::string& scope)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= scope.size()) {
        size_t dot = scope.find('.', start);
        if (dot == std::string::npos) dot = scope.size();
        if (dot > start) parts.push_back(scope.substr(start, dot - start));
        start = dot + 1;
    }
    return parts;
}

// VCD separates values by spaces and cannot hold an empty text either: "-" stands for nothing.
std::string no_spaces(std::string s)
{
    if (s.empty()) return "-";
    for (char& c : s)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '_';
    return s;
}

} // namespace

waveform_writer::waveform_writer(const std::string& path, waveform_format format, uint64_t from_ps, uint64_t to_ps,
                                 std::string version)
    : m_path(path), m_format(format), m_from(from_ps), m_to(to_ps), m_version(std::move(version))
{
    if (m_to < m_from) throw std::invalid_argument("the trace window ends before it starts");
    if (m_format == waveform_format::vcd) {
        m_vcd.open(path, std::ios::binary);
        if (!m_vcd) throw std::runtime_error("cannot write " + path);
    } else {
        m_fst = fstWriterCreate(path.c_str(), 1);
        if (!m_fst) throw std::runtime_error("cannot write " + path);
        fstWriterSetTimescale(m_fst, -12); // 1 ps, as SystemC's resolution and the fabric's traces
        fstWriterSetDate(m_fst, "");        // no wall-clock date: the same run gives the same file
        fstWriterSetVersion(m_fst, m_version.c_str());
    }
}

waveform_writer::~waveform_writer()
{
    if (!m_closed) close(m_time);
}

waveform_writer::signal waveform_writer::add_bits(const std::string& scope, const std::string& name, unsigned width,
                                                  uint64_t initial)
{
    if (m_started) throw std::logic_error("waveform_writer: signals are declared before the first change is written");
    if (width < 1 || width > 64) throw std::invalid_argument("waveform_writer: width must be 1 .. 64");
    if (width < 64) initial &= (uint64_t(1) << width) - 1;
    m_vars.push_back({scope, name, width, initial, {}, 0, vcd_code(uint32_t(m_vars.size()))});
    return signal(m_vars.size() - 1);
}

waveform_writer::signal waveform_writer::add_text(const std::string& scope, const std::string& name, std::string initial)
{
    if (m_started) throw std::logic_error("waveform_writer: signals are declared before the first change is written");
    m_vars.push_back({scope, name, 0, 0, no_spaces(std::move(initial)), 0, vcd_code(uint32_t(m_vars.size()))});
    return signal(m_vars.size() - 1);
}

void waveform_writer::set(signal s, uint64_t value, uint64_t at_ps) { queue({at_ps, s, value, {}}); }

void waveform_writer::set_text(signal s, std::string value, uint64_t at_ps)
{
    queue({at_ps, s, 0, no_spaces(std::move(value))});
}

void waveform_writer::queue(change c)
{
    if (m_closed || c.s >= m_vars.size()) return;
    if (c.at < m_flushed) { // too late for its time: written at the earliest time still open
        c.at = m_flushed;
        ++m_late;
    }
    m_pending.push_back(std::move(c));
}

void waveform_writer::flush_until(uint64_t until_ps)
{
    if (m_closed) return;
    // Reported in order of time, mostly: sort what is pending (equal times keep the order they came in).
    std::stable_sort(m_pending.begin(), m_pending.end(),
                     [](const change& a, const change& b) { return a.at < b.at; });
    size_t n = 0;
    while (n < m_pending.size() && m_pending[n].at <= until_ps) apply(m_pending[n++]);
    m_pending.erase(m_pending.begin(), m_pending.begin() + ptrdiff_t(n));
    m_flushed = std::max(m_flushed, until_ps);
}

void waveform_writer::close(uint64_t end_ps)
{
    if (m_closed) return;
    flush_until(end_of_time - 1);
    if (!m_started) start(m_from);
    uint64_t last = std::min(std::max(end_ps, m_from), m_to);
    if (last > m_time) emit_time(last);
    if (m_format == waveform_format::vcd) {
        m_vcd << "\n";
        m_vcd.close();
    } else {
        fstWriterClose(m_fst);
        m_fst = nullptr;
    }
    m_closed = true;
}

void waveform_writer::apply(const change& c)
{
    var& v = m_vars[c.s];
    const uint64_t bits = v.width < 64 ? c.bits & ((uint64_t(1) << v.width) - 1) : c.bits;
    // Outside the window a change only updates the value, which is written when the window opens.
    const bool inside = c.at >= m_from && c.at <= m_to;
    if (inside) start(m_from);
    const bool same = v.width ? v.bits == bits : v.text == c.text;
    if (v.width) v.bits = bits;
    else v.text = c.text;
    if (inside && !same) emit(c.s, c.at);
}

std::string waveform_writer::bits_text(const var& v) const
{
    std::string s(v.width, '0');
    for (unsigned i = 0; i < v.width; ++i)
        if (v.bits >> (v.width - 1 - i) & 1) s[i] = '1';
    return s;
}

void waveform_writer::emit_time(uint64_t at)
{
    if (m_time_written && at == m_time) return;
    m_time = at;
    m_time_written = true;
    if (m_format == waveform_format::vcd) m_vcd << "#" << at << "\n";
    else fstWriterEmitTimeChange(m_fst, at);
}

void waveform_writer::emit(signal s, uint64_t at)
{
    emit_time(at);
    ++m_written;
    write_value(m_vars[s]);
}

void waveform_writer::write_value(const var& v)
{
    if (m_format == waveform_format::vcd) {
        if (v.width == 1) m_vcd << (v.bits ? '1' : '0') << v.code << "\n";
        else if (v.width) m_vcd << "b" << bits_text(v) << " " << v.code << "\n";
        else m_vcd << "s" << v.text << " " << v.code << "\n";
    } else if (v.width) {
        fstWriterEmitValueChange(m_fst, v.handle, bits_text(v).c_str());
    } else {
        fstWriterEmitVariableLengthValueChange(m_fst, v.handle, v.text.c_str(), uint32_t(v.text.size()));
    }
}

void waveform_writer::write_header()
{
    std::vector<std::string> open; // the scopes open now
    auto enter = [&](const std::string& scope) {
        std::vector<std::string> want = split_scope(scope);
        size_t common = 0;
        while (common < open.size() && common < want.size() && open[common] == want[common]) ++common;
        while (open.size() > common) {
            if (m_format == waveform_format::vcd) m_vcd << "$upscope $end\n";
            else fstWriterSetUpscope(m_fst);
            open.pop_back();
        }
        for (size_t i = common; i < want.size(); ++i) {
            if (m_format == waveform_format::vcd) m_vcd << "$scope module " << want[i] << " $end\n";
            else fstWriterSetScope(m_fst, FST_ST_VCD_MODULE, want[i].c_str(), nullptr);
            open.push_back(want[i]);
        }
    };
    if (m_format == waveform_format::vcd)
        m_vcd << "$version " << m_version << " $end\n$timescale 1ps $end\n";
    for (var& v : m_vars) {
        enter(v.scope);
        if (m_format == waveform_format::vcd) {
            m_vcd << "$var " << (v.width ? "wire " + std::to_string(v.width) : std::string("string 1")) << " " << v.code
                  << " " << v.name << " $end\n";
        } else {
            v.handle = fstWriterCreateVar(m_fst, v.width ? FST_VT_VCD_WIRE : FST_VT_GEN_STRING, FST_VD_IMPLICIT,
                                          v.width, v.name.c_str(), 0);
        }
    }
    enter("");
    if (m_format == waveform_format::vcd) m_vcd << "$enddefinitions $end\n";
}

void waveform_writer::start(uint64_t at)
{
    if (m_started) return;
    m_started = true;
    write_header();
    emit_time(at);
    if (m_format == waveform_format::vcd) m_vcd << "$dumpvars\n";
    for (const var& v : m_vars) write_value(v);
    if (m_format == waveform_format::vcd) m_vcd << "$end\n";
}

} // namespace cellvp
