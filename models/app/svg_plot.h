// Small plots as inline SVG for `cellvp report`: line/scatter plots with axes, ticks, labels and a legend, and a
// Gantt chart of phases per row. No scripts and no external resources, so a report is one self-contained file.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cellvp {

struct plot_series {
    std::string name;
    std::vector<std::pair<double, double>> points; // (x, y); drawn in x order, joined by a line
};

struct xy_plot {
    std::string title, x_label, y_label;
    std::vector<plot_series> series;
    bool log2_x = false;           // an x axis in powers of two (payload sizes, lane widths)
    bool lines = true;             // join the points of a series
    bool integer_x = false;        // ticks only at whole numbers (counts, point numbers)
    int width = 560, height = 320; // height of the plot area and axes; the legend below adds to it
};

// An <svg class="plot" data-points="N"> element; each data point is a <circle class="pt">.
std::string svg_xy_plot(const xy_plot& p);

struct gantt_bar {
    std::string row;    // the row's label (cell 2)
    std::string kind;   // the phase: its colour and legend entry
    double start, end;  // x units (ms)
    std::string detail; // tooltip text
};

struct gantt_mark {
    std::string row;
    double at;
    std::string detail;
};

struct gantt_chart {
    std::string title, x_label;
    std::vector<std::string> rows;  // top to bottom
    std::vector<std::string> kinds; // legend order; colours follow it
    std::vector<gantt_bar> bars;
    std::vector<gantt_mark> marks; // instants (boot records), drawn as ticks
    std::string mark_label;        // legend entry of the marks
    int width = 1000;
};

// An <svg class="plot gantt" data-points="N">; each bar is a <rect class="pt">.
std::string svg_gantt(const gantt_chart& g);

// Ticks of a linear axis covering [lo, hi]: about `count` round values (1, 2, 5 x 10^k steps), the first at or
// below lo, the last at or above hi.
std::vector<double> nice_ticks(double lo, double hi, int count);

// Text safe inside HTML/SVG elements and attributes.
std::string html_escape(const std::string& s);

// A number in few characters: 3 significant digits, no exponent for ordinary magnitudes.
std::string short_number(double v);

} // namespace cellvp
