// Keeps decoded-instruction caches coherent with memory: a memory that hands out DMI pointers owns one
// code_watch; harts mark the pages they decode, and every writer (DMI stores, b_transport, debug writes)
// reports writes to marked pages so that the harts drop what they decoded there.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cellvp {

class code_watch;

class code_watch_listener_if {
public:
    virtual ~code_watch_listener_if() = default;
    // Pages [host_begin, host_end) of the watched memory were written and may hold decoded code.
    virtual void code_written(const code_watch& watch, const uint8_t* host_begin, const uint8_t* host_end) = 0;
};

class code_watch {
public:
    static constexpr unsigned page_shift = 12;

    code_watch(const uint8_t* host_base, size_t size)
        : m_host_base(host_base), m_size(size), m_marked((size >> page_shift) + 1, 0)
    {}

    const uint8_t* host_base() const { return m_host_base; }
    size_t size() const { return m_size; }

    // A hart decoded instructions from these host bytes.
    void mark(const uint8_t* host, size_t len)
    {
        size_t first = size_t(host - m_host_base) >> page_shift, last = size_t(host + len - 1 - m_host_base) >> page_shift;
        for (size_t p = first; p <= last && p < m_marked.size(); ++p) m_marked[p] = 1;
    }

    // Cheap test for the store fast path: is any byte of [host, host+len) on a marked page?
    bool is_marked(const uint8_t* host, size_t len) const
    {
        size_t first = size_t(host - m_host_base) >> page_shift, last = size_t(host + len - 1 - m_host_base) >> page_shift;
        return m_marked[first] | m_marked[last];
    }

    // Something wrote host bytes [host, host+len): tell the listeners if decoded code may be there.
    void written(const uint8_t* host, size_t len)
    {
        if (len == 0) return;
        size_t first = size_t(host - m_host_base) >> page_shift, last = size_t(host + len - 1 - m_host_base) >> page_shift;
        bool any = false;
        for (size_t p = first; p <= last && p < m_marked.size(); ++p) {
            any |= m_marked[p] != 0;
            m_marked[p] = 0;
        }
        if (!any) return;
        // Whole pages: their marks are gone, so whatever was decoded anywhere on them must go too.
        const uint8_t* begin = m_host_base + (first << page_shift);
        const uint8_t* end = m_host_base + std::min(m_size, (last + 1) << page_shift);
        for (code_watch_listener_if* l : m_listeners) l->code_written(*this, begin, end);
    }

    void add_listener(code_watch_listener_if* l)
    {
        for (code_watch_listener_if* x : m_listeners)
            if (x == l) return;
        m_listeners.push_back(l);
    }
    void remove_listener(code_watch_listener_if* l)
    {
        for (size_t i = 0; i < m_listeners.size(); ++i)
            if (m_listeners[i] == l) {
                m_listeners.erase(m_listeners.begin() + long(i));
                return;
            }
    }

private:
    const uint8_t* m_host_base;
    size_t m_size;
    std::vector<uint8_t> m_marked;
    std::vector<code_watch_listener_if*> m_listeners;
};

} // namespace cellvp
