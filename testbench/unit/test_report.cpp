// `cellvp report`'s comparison with a baseline (models/app/report.h): directions, thresholds, matching of sweep
// points by their parameters, and the errored-cell count the plots use.
#include "app/report.h"
#include "app/svg_plot.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace cellvp;

namespace {

report_point point(size_t index, std::map<std::string, std::string> params, std::map<std::string, double> values,
                   const std::string& result = "pass")
{
    report_point p;
    p.index = index;
    p.parameters = std::move(params);
    p.values = std::move(values);
    p.result = result;
    return p;
}

report_data sweep(std::vector<report_point> points)
{
    report_data d;
    d.kind = report_data::sweep;
    d.source = "results.json";
    d.points = std::move(points);
    return d;
}

const comparison& row(const comparison_result& r, const std::string& point, const std::string& metric)
{
    for (const comparison& c : r.rows)
        if (c.point == point && c.metric == metric) return c;
    FAIL("no row " << point << " " << metric);
    throw 0;
}

} // namespace

TEST_CASE("report: a latency beyond the threshold is a regression, more bandwidth an improvement, small moves neither")
{
    report_data base =
        sweep({point(0, {{"system.cells", "4"}},
                     {{"update.latency_s", 1.0}, {"fabric.payload_bandwidth_Bps", 2e9}, {"sim.time_s", 2.0}})});
    report_data cur =
        sweep({point(0, {{"system.cells", "4"}},
                     {{"update.latency_s", 1.2}, {"fabric.payload_bandwidth_Bps", 3e9}, {"sim.time_s", 2.04}})});
    comparison_result r = compare_results(cur, base, {});
    CHECK(r.matched == 1);
    CHECK(row(r, "point 0", "update.latency_s").verdict == comparison::regression);
    CHECK(row(r, "point 0", "update.latency_s").change_pct == Approx(20));
    CHECK(row(r, "point 0", "fabric.payload_bandwidth_Bps").verdict == comparison::improvement);
    CHECK(row(r, "point 0", "sim.time_s").verdict == comparison::same); // +2 % <= 5 %
    CHECK(r.regressions() == 1);
    CHECK(r.improvements() == 1);
    CHECK(describe(row(r, "point 0", "update.latency_s")) == "point 0 update.latency_s 1 s -> 1.2 s (+20.0 % > 5 %)");

    // The same results against themselves: nothing moved.
    comparison_result same = compare_results(cur, cur, {});
    CHECK(same.regressions() == 0);
    CHECK(same.improvements() == 0);
}

TEST_CASE("report: less bandwidth or more failed cells is a regression; a move from zero is an infinite change")
{
    report_data base = sweep({point(0, {}, {{"fabric.payload_bandwidth_Bps", 2e9}, {"update.failed", 0}})});
    report_data cur = sweep({point(0, {}, {{"fabric.payload_bandwidth_Bps", 1.8e9}, {"update.failed", 1}})});
    comparison_result r = compare_results(cur, base, {});
    CHECK(row(r, "point 0", "fabric.payload_bandwidth_Bps").verdict == comparison::regression);
    CHECK(row(r, "point 0", "update.failed").verdict == comparison::regression);
    CHECK(std::isinf(row(r, "point 0", "update.failed").change_pct));
}

TEST_CASE("report: host figures have their own threshold and can be left out")
{
    report_data base = sweep({point(0, {}, {{"host.wall_s", 10}, {"host.mips", 100}})});
    report_data cur = sweep({point(0, {}, {{"host.wall_s", 14}, {"host.mips", 40}})});
    comparison_result r = compare_results(cur, base, {});
    CHECK(row(r, "point 0", "host.wall_s").verdict == comparison::same);     // +40 % <= 50 %
    CHECK(row(r, "point 0", "host.mips").verdict == comparison::regression); // -60 %
    compare_options ignore;
    ignore.ignore_host = true;
    CHECK(compare_results(cur, base, ignore).rows.empty());
}

TEST_CASE("report: sweep points are matched by their parameters, in any order; a pass that fails is a regression")
{
    report_data base = sweep({point(0, {{"update.strategy", "tree"}}, {{"update.latency_s", 1.0}}),
                              point(1, {{"update.strategy", "parallel"}}, {{"update.latency_s", 0.5}})});
    report_data cur = sweep({point(0, {{"update.strategy", "parallel"}}, {{"update.latency_s", 0.5}}, "fail"),
                             point(1, {{"update.strategy", "tree"}}, {{"update.latency_s", 1.0}}),
                             point(2, {{"update.strategy", "sequential"}}, {{"update.latency_s", 2.0}})});
    comparison_result r = compare_results(cur, base, {});
    CHECK(r.matched == 2);
    REQUIRE(r.unmatched.size() == 1);
    CHECK(r.unmatched[0].find("update.strategy=sequential") != std::string::npos);
    CHECK(row(r, "point 0", "result").verdict == comparison::regression);
    CHECK(describe(row(r, "point 0", "result")) == "point 0 result pass -> fail");
    CHECK(row(r, "point 0", "update.latency_s").verdict == comparison::same);
    CHECK(r.regressions() == 1);
}

TEST_CASE("report: a baseline of another kind, or with none of the points, is refused")
{
    report_data cur = sweep({point(0, {{"system.cells", "4"}}, {{"update.latency_s", 1.0}})});
    report_data run;
    run.points = {point(0, {}, {{"update.latency_s", 1.0}})};
    CHECK_THROWS_AS(compare_results(cur, run, {}), report_error);
    report_data other = sweep({point(0, {{"system.cells", "8"}}, {{"update.latency_s", 1.0}})});
    CHECK_THROWS_AS(compare_results(cur, other, {}), report_error);
}

TEST_CASE("report: errored cells are those whose first boot was not healthy or not on the desired version")
{
    nlohmann::json m = {
        {"update", {{"desired", "1.1.0+0"}}},
        {"cells",
         {{{"id", 0}, {"boots", {{{"state", "healthy"}, {"version", "1.1.0+0"}}}}},
          {{"id", 1},
           {"boots", {{{"state", "healthy"}, {"version", "1.0.0+0"}}, {{"state", "healthy"}, {"version", "1.1.0+0"}}}}},
          {{"id", 2}, {"boots", {{{"state", "recovery"}, {"version", "none"}}}}},
          {{"id", 3}, {"boots", nlohmann::json::array()}}}}};
    CHECK(errored_cells(m) == 3);
}

TEST_CASE("report: values are shown with a readable unit")
{
    CHECK(format_value(1.5, "s") == "1.5 s");
    CHECK(format_value(0.0123, "s") == "12.3 ms");
    CHECK(format_value(3.2e9, "B/s") == "3.2 GB/s");
    CHECK(format_value(87.5, "MIPS") == "87.5 MIPS");
}

TEST_CASE("report: plot axes get round ticks and every finite point is drawn")
{
    CHECK(nice_ticks(0, 1.3, 5) == std::vector<double>{0, 0.5, 1, 1.5});
    CHECK(nice_ticks(0, 1000, 5) == std::vector<double>{0, 200, 400, 600, 800, 1000});
    xy_plot p;
    p.title = "t <1>";
    p.series = {{"a", {{64, 1}, {128, 2}, {256, NAN}}}, {"b", {{64, 3}}}};
    p.log2_x = true;
    std::string svg = svg_xy_plot(p);
    CHECK(svg.find("data-points=\"3\"") != std::string::npos);
    CHECK(svg.find("t &lt;1&gt;") != std::string::npos);
    size_t circles = 0;
    for (size_t at = 0; (at = svg.find("class=\"pt\"", at)) != std::string::npos; ++at) ++circles;
    CHECK(circles == 3);
}
