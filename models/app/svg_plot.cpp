// Inline SVG plots of `cellvp report`: see svg_plot.h.
#include "app/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace cellvp {

namespace {

// Colours that stay apart for the colour-blind and on paper (Tableau 10's first ones).
const char* const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                               "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
constexpr size_t palette_size = sizeof(palette) / sizeof(palette[0]);

std::string num(double v)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

} // namespace

std::string html_escape(const std::string& s)
{
    std::string o;
    for (char c : s) {
        switch (c) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += c;
        }
    }
    return o;
}

std::string short_number(double v)
{
    if (!std::isfinite(v)) return v > 0 ? "inf" : v < 0 ? "-inf" : "nan";
    char b[32];
    double a = std::fabs(v);
    if (a != 0 && (a >= 1e7 || a < 1e-3))
        std::snprintf(b, sizeof b, "%.3g", v);
    else if (a >= 100)
        std::snprintf(b, sizeof b, "%.0f", v);
    else
        std::snprintf(b, sizeof b, "%.3g", v);
    return b;
}

std::vector<double> nice_ticks(double lo, double hi, int count)
{
    if (!(hi > lo)) return {lo};
    double raw = (hi - lo) / std::max(1, count);
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag * 1.0000001) {
            step = m * mag;
            break;
        }
    // From the round value at or below lo to the one at or above hi, so the axis ends on a labelled tick.
    std::vector<double> t;
    const double first = std::floor(lo / step + 1e-9), last = std::ceil(hi / step - 1e-9);
    for (double k = first; k <= last; ++k) t.push_back(k == 0 ? 0.0 : k * step);
    return t;
}

std::string svg_xy_plot(const xy_plot& p)
{
    // The legend goes under the axes, one entry per line, so long series names stay readable.
    const double left = 72, right = 24, top = 34, bottom = 52, legend_line = 18;
    const double w = p.width - left - right, h = p.height - top - bottom;
    const double total_height = p.height + 8 + legend_line * double(p.series.size());
    auto fx = [&](double x) { return p.log2_x ? std::log2(x) : x; };

    size_t n_points = 0;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const plot_series& s : p.series)
        for (auto [x, y] : s.points) {
            if (!std::isfinite(x) || !std::isfinite(y) || (p.log2_x && x <= 0)) continue;
            ++n_points;
            x0 = std::min(x0, fx(x));
            x1 = std::max(x1, fx(x));
            y0 = std::min(y0, y);
            y1 = std::max(y1, y);
        }
    if (!n_points) x0 = y0 = 0, x1 = y1 = 1;
    if (y0 >= 0) y0 = 0; // quantities: the axis starts at zero, so heights compare honestly
    if (y1 <= y0) y1 = y0 + 1;

    std::vector<double> xt;
    if (p.log2_x) {
        x0 = std::floor(x0);
        x1 = std::ceil(x1);
        if (x1 <= x0) x0 -= 1, x1 += 1;
        for (double e = x0; e <= x1; ++e) xt.push_back(e);
    } else {
        if (x1 <= x0) x0 -= 1, x1 += 1;
        xt = nice_ticks(x0, x1, 6);
        if (p.integer_x) {
            xt.erase(std::remove_if(xt.begin(), xt.end(), [](double t) { return t != std::floor(t); }), xt.end());
            if (xt.empty()) xt = {std::floor(x0), std::ceil(x1)};
        }
        x0 = std::min(x0, xt.front());
        x1 = std::max(x1, xt.back());
    }
    std::vector<double> yt = nice_ticks(y0, y1, 5);
    y1 = std::max(y1, yt.back());
    auto px = [&](double x) { return left + (fx(x) - x0) / (x1 - x0) * w; };
    auto pxt = [&](double t) { return left + (t - x0) / (x1 - x0) * w; };
    auto py = [&](double y) { return top + h - (y - y0) / (y1 - y0) * h; };

    std::ostringstream o;
    o << "<svg class=\"plot\" data-points=\"" << n_points << "\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
      << p.width << "\" height=\"" << num(total_height) << "\" viewBox=\"0 0 " << p.width << " " << num(total_height)
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    o << "<title>" << html_escape(p.title) << "</title>\n";
    o << "<rect x=\"0\" y=\"0\" width=\"" << p.width << "\" height=\"" << num(total_height)
      << "\" fill=\"#ffffff\"/>\n";
    o << "<text x=\"" << num(left + w / 2)
      << "\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">" << html_escape(p.title)
      << "</text>\n";
    // Grid and ticks.
    for (double t : yt) {
        o << "<line x1=\"" << num(left) << "\" x2=\"" << num(left + w) << "\" y1=\"" << num(py(t)) << "\" y2=\""
          << num(py(t)) << "\" stroke=\"#e0e0e0\"/>\n";
        o << "<text x=\"" << num(left - 6) << "\" y=\"" << num(py(t) + 4) << "\" text-anchor=\"end\">"
          << short_number(t) << "</text>\n";
    }
    for (double t : xt) {
        double x = pxt(t);
        o << "<line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"" << num(top) << "\" y2=\"" << num(top + h)
          << "\" stroke=\"#f0f0f0\"/>\n";
        o << "<line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"" << num(top + h) << "\" y2=\""
          << num(top + h + 5) << "\" stroke=\"#333\"/>\n";
        o << "<text x=\"" << num(x) << "\" y=\"" << num(top + h + 18) << "\" text-anchor=\"middle\">"
          << short_number(p.log2_x ? std::exp2(t) : t) << "</text>\n";
    }
    o << "<rect x=\"" << num(left) << "\" y=\"" << num(top) << "\" width=\"" << num(w) << "\" height=\"" << num(h)
      << "\" fill=\"none\" stroke=\"#333\"/>\n";
    o << "<text x=\"" << num(left + w / 2) << "\" y=\"" << num(top + h + 40) << "\" text-anchor=\"middle\">"
      << html_escape(p.x_label) << "</text>\n";
    o << "<text transform=\"translate(16," << num(top + h / 2) << ") rotate(-90)\" text-anchor=\"middle\">"
      << html_escape(p.y_label) << "</text>\n";
    // Series.
    for (size_t i = 0; i < p.series.size(); ++i) {
        const plot_series& s = p.series[i];
        const char* colour = palette[i % palette_size];
        auto pts = s.points;
        pts.erase(std::remove_if(pts.begin(), pts.end(),
                                 [&](auto& q) {
                                     return !std::isfinite(q.first) || !std::isfinite(q.second) ||
                                            (p.log2_x && q.first <= 0);
                                 }),
                  pts.end());
        std::stable_sort(pts.begin(), pts.end(), [](auto& a, auto& b) { return a.first < b.first; });
        if (p.lines && pts.size() > 1) {
            o << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"";
            for (auto [x, y] : pts) o << num(px(x)) << "," << num(py(y)) << " ";
            o << "\"/>\n";
        }
        for (auto [x, y] : pts)
            o << "<circle class=\"pt\" cx=\"" << num(px(x)) << "\" cy=\"" << num(py(y)) << "\" r=\"4\" fill=\""
              << colour << "\"><title>" << html_escape(s.name) << ": " << short_number(x) << ", " << short_number(y)
              << "</title></circle>\n";
        double ly = p.height + 8 + legend_line * double(i);
        o << "<rect x=\"" << num(left) << "\" y=\"" << num(ly - 6) << "\" width=\"16\" height=\"3\" fill=\"" << colour
          << "\"/>\n";
        o << "<circle cx=\"" << num(left + 8) << "\" cy=\"" << num(ly - 4.5) << "\" r=\"4\" fill=\"" << colour
          << "\"/>\n";
        o << "<text x=\"" << num(left + 24) << "\" y=\"" << num(ly) << "\">" << html_escape(s.name) << "</text>\n";
    }
    o << "</svg>\n";
    return o.str();
}

std::string svg_gantt(const gantt_chart& g)
{
    const double left = 80, right = 20, top = 34, row_h = 22, legend_h = 40, bottom = 46;
    const double w = g.width - left - right, h = row_h * double(std::max<size_t>(1, g.rows.size()));
    const double height = top + h + bottom + legend_h;
    std::map<std::string, size_t> row_of, colour_of;
    for (size_t i = 0; i < g.rows.size(); ++i) row_of[g.rows[i]] = i;
    for (size_t i = 0; i < g.kinds.size(); ++i) colour_of[g.kinds[i]] = i;

    double x1 = 0;
    for (const gantt_bar& b : g.bars) x1 = std::max(x1, b.end);
    for (const gantt_mark& m : g.marks) x1 = std::max(x1, m.at);
    if (x1 <= 0) x1 = 1;
    std::vector<double> xt = nice_ticks(0, x1, 10);
    x1 = std::max(x1, xt.back());
    auto px = [&](double x) { return left + x / x1 * w; };

    std::ostringstream o;
    o << "<svg class=\"plot gantt\" data-points=\"" << g.bars.size()
      << "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << g.width << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << g.width << " " << num(height) << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    o << "<title>" << html_escape(g.title) << "</title>\n";
    o << "<rect x=\"0\" y=\"0\" width=\"" << g.width << "\" height=\"" << num(height) << "\" fill=\"#ffffff\"/>\n";
    o << "<text x=\"" << num(left + w / 2)
      << "\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">" << html_escape(g.title)
      << "</text>\n";
    for (size_t i = 0; i < g.rows.size(); ++i) {
        double y = top + row_h * double(i);
        if (i % 2)
            o << "<rect x=\"" << num(left) << "\" y=\"" << num(y) << "\" width=\"" << num(w) << "\" height=\""
              << num(row_h) << "\" fill=\"#f6f6f6\"/>\n";
        o << "<text x=\"" << num(left - 6) << "\" y=\"" << num(y + row_h / 2 + 4) << "\" text-anchor=\"end\">"
          << html_escape(g.rows[i]) << "</text>\n";
    }
    for (double t : xt) {
        o << "<line x1=\"" << num(px(t)) << "\" x2=\"" << num(px(t)) << "\" y1=\"" << num(top) << "\" y2=\""
          << num(top + h + 5) << "\" stroke=\"#e0e0e0\"/>\n";
        o << "<text x=\"" << num(px(t)) << "\" y=\"" << num(top + h + 18) << "\" text-anchor=\"middle\">"
          << short_number(t) << "</text>\n";
    }
    o << "<rect x=\"" << num(left) << "\" y=\"" << num(top) << "\" width=\"" << num(w) << "\" height=\"" << num(h)
      << "\" fill=\"none\" stroke=\"#333\"/>\n";
    o << "<text x=\"" << num(left + w / 2) << "\" y=\"" << num(top + h + 36) << "\" text-anchor=\"middle\">"
      << html_escape(g.x_label) << "</text>\n";
    for (const gantt_bar& b : g.bars) {
        auto r = row_of.find(b.row);
        if (r == row_of.end()) continue;
        auto c = colour_of.find(b.kind);
        const char* colour = c == colour_of.end() ? "#999999" : palette[c->second % palette_size];
        double y = top + row_h * double(r->second) + 3;
        o << "<rect class=\"pt\" x=\"" << num(px(b.start)) << "\" y=\"" << num(y) << "\" width=\""
          << num(std::max(1.0, px(b.end) - px(b.start))) << "\" height=\"" << num(row_h - 6) << "\" fill=\"" << colour
          << "\"><title>" << html_escape(b.detail) << "</title></rect>\n";
    }
    for (const gantt_mark& m : g.marks) {
        auto r = row_of.find(m.row);
        if (r == row_of.end()) continue;
        double y = top + row_h * double(r->second);
        o << "<line x1=\"" << num(px(m.at)) << "\" x2=\"" << num(px(m.at)) << "\" y1=\"" << num(y + 1) << "\" y2=\""
          << num(y + row_h - 1) << "\" stroke=\"#000\" stroke-width=\"2\"><title>" << html_escape(m.detail)
          << "</title></line>\n";
    }
    // Legend, one line under the axis.
    double lx = left, ly = top + h + bottom + 14;
    for (size_t i = 0; i < g.kinds.size(); ++i) {
        o << "<rect x=\"" << num(lx) << "\" y=\"" << num(ly - 10) << "\" width=\"14\" height=\"12\" fill=\""
          << palette[i % palette_size] << "\"/>\n";
        o << "<text x=\"" << num(lx + 18) << "\" y=\"" << num(ly) << "\">" << html_escape(g.kinds[i]) << "</text>\n";
        lx += 30 + 7.0 * double(g.kinds[i].size());
    }
    if (!g.marks.empty()) {
        o << "<line x1=\"" << num(lx + 6) << "\" x2=\"" << num(lx + 6) << "\" y1=\"" << num(ly - 11) << "\" y2=\""
          << num(ly + 2) << "\" stroke=\"#000\" stroke-width=\"2\"/>\n";
        o << "<text x=\"" << num(lx + 14) << "\" y=\"" << num(ly) << "\">" << html_escape(g.mark_label) << "</text>\n";
    }
    o << "</svg>\n";
    return o.str();
}

} // namespace cellvp
