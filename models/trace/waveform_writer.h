// A waveform file (VCD or FST, 1 ps resolution) written from value changes that models report as they happen:
// the system view of `cellvp run --trace` (system_trace.h). Not tied to SystemC signals: a change is a value
// and a simulated time, so a model can report a state that is not a signal (a DMA engine's busy bit, the
// firmware's phase) and a change it schedules a little ahead of SystemC's time (a loosely timed model).
//
// Changes are kept in memory and written in time order once the caller says no earlier change can come
// (flush_until); a change reported for a time before what is already written is written at that time instead
// (counted in late_changes()). Only the window [from, to] is written: the file starts at `from` with every
// signal's value at that time, and changes after `to` are dropped. The files hold no wall-clock date, so the
// same run gives the same bytes.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace cellvp {

enum class waveform_format { vcd, fst };

class waveform_writer {
public:
    using signal = uint32_t;
    static constexpr uint64_t end_of_time = UINT64_MAX;

    // Opens `path` (throws std::runtime_error when it cannot be written). Times are in ps.
    waveform_writer(const std::string& path, waveform_format format, uint64_t from_ps = 0,
                    uint64_t to_ps = end_of_time, std::string version = "cellvp");
    ~waveform_writer();
    waveform_writer(const waveform_writer&) = delete;
    waveform_writer& operator=(const waveform_writer&) = delete;

    // Declares a signal in a scope ("system.cell0": dots nest scopes) before the first change. A bit vector of
    // `width` bits (1..64) starting at `initial`, or a text (a string variable, shown as text by GTKWave).
    signal add_bits(const std::string& scope, const std::string& name, unsigned width, uint64_t initial = 0);
    signal add_text(const std::string& scope, const std::string& name, std::string initial = "");

    // A change at `at_ps`. Text is written without spaces (a space becomes '_': VCD cannot hold one).
    void set(signal s, uint64_t value, uint64_t at_ps);
    void set_text(signal s, std::string value, uint64_t at_ps);

    // Writes every change up to `until_ps` (no change at an earlier time will be reported after this).
    void flush_until(uint64_t until_ps);
    // Writes everything left and closes the file; `end_ps` is the end of the run (written as the last time, so
    // a viewer shows the last values up to it). Called by the destructor when not called before.
    void close(uint64_t end_ps);

    const std::string& path() const { return m_path; }
    uint64_t late_changes() const { return m_late; }
    size_t pending() const { return m_pending.size(); }
    uint64_t changes_written() const { return m_written; }

private:
    struct var {
        std::string scope, name;
        unsigned width; // 0: text
        uint64_t bits;
        std::string text;
        uint32_t handle = 0; // FST handle
        std::string code;    // VCD identifier
    };
    struct change {
        uint64_t at;
        signal s;
        uint64_t bits;
        std::string text;
    };

    void queue(change c);
    void write_header();
    void start(uint64_t at);
    void apply(const change& c);
    void emit(signal s, uint64_t at);
    void write_value(const var& v);
    void emit_time(uint64_t at);
    std::string bits_text(const var& v) const;

    std::string m_path;
    waveform_format m_format;
    uint64_t m_from, m_to;
    std::string m_version;
    std::vector<var> m_vars;
    std::vector<change> m_pending;
    uint64_t m_flushed = 0;   // every change before this is written
    bool m_started = false;   // the header and the values at `from` are written
    bool m_closed = false;
    uint64_t m_time = 0;      // the last time written
    bool m_time_written = false;
    uint64_t m_late = 0, m_written = 0;
    std::ofstream m_vcd;
    void* m_fst = nullptr;
};

} // namespace cellvp
