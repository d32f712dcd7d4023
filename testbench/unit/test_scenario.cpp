// Scenario files of `cellvp run` (models/app/scenario.h): a good file read field by field, every kind of error
// naming file, line and field, and --set overrides checked like the file.
#include "app/scenario.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace cellvp;
namespace fs = std::filesystem;

namespace {

// A scratch folder with an images folder holding two (fake) releases: the parser only resolves names.
struct scratch {
    fs::path dir;
    scratch()
    {
        static int n = 0;
        dir = fs::temp_directory_path() / ("cellvp-scenario-" + std::to_string(getpid()) + "-" + std::to_string(n++));
        fs::create_directories(dir / "images");
        std::ofstream(dir / "images" / "rel-1.0.img") << "x";
        std::ofstream(dir / "images" / "rel-1.1.img") << "x";
        std::ofstream(dir / "own.img") << "x";
    }
    ~scratch() { fs::remove_all(dir); }
    std::string write(const std::string& text, const std::string& name = "s.toml")
    {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    }
    scenario load(const std::string& text, const std::vector<std::string>& sets = {})
    {
        return load_scenario(write(text), sets, (dir / "images").string());
    }
    // The message of the error loading `text` raises.
    std::string error(const std::string& text, const std::vector<std::string>& sets = {})
    {
        try {
            load(text, sets);
        } catch (const scenario_error& e) {
            return e.what();
        }
        return "no error";
    }
};

const char* good = R"(# a good scenario
[system]
cells = 3
harts = 2
clock_mhz = 50
max_time_s = 2.5
until = "all_booted"
seed = 7

[fabric]
clock_mhz = 500
ber = 1e-7
max_payload = 128

[mgmt]
bit_rate_hz = 100000

[update]
cell = 1
flow = "auto-noack"
strategy = "tree"
reset_self = true
force = true

[all_cells]
slot_a = "rel-1.1"

[[cells]]
id = 0
slot_a = "corrupt:rel-1.0"
slot_b = "own.img"
active = "B"
auto_update = true
console = [{ at_ms = 5, text = "u\n" }, { at_ms = 7.5, text = "y\n" }]

[[cells]]
id = 2
slot_a = "empty"
expect_version = "none"
expect_state = "recovery"

[expect]
result = "ok"
version_after = "1.1"
max_latency_s = 0.5
)";

} // namespace

TEST_CASE("scenario: a good file sets every field it names and defaults the rest")
{
    scratch s;
    scenario sc = s.load(good);
    CHECK(sc.cells == 3);
    CHECK(sc.harts == 2);
    CHECK(sc.clock_mhz == 50.0);
    CHECK(sc.max_time_s == 2.5);
    CHECK(sc.until == "all_booted");
    CHECK(sc.seed == 7);
    CHECK(sc.settle_ms == 50.0);
    CHECK(sc.lane_bits == 32);
    CHECK(sc.fabric_clock_mhz == 500.0);
    CHECK(sc.ber == 1e-7);
    CHECK(sc.max_payload == 128);
    CHECK(sc.bit_rate_hz == 100000);
    CHECK(sc.update_cell == 1);
    CHECK(sc.flow == "auto-noack");
    CHECK(sc.strategy == "tree");
    CHECK(sc.reset_self);
    CHECK(sc.force);
    REQUIRE(sc.cell.size() == 3);
    CHECK(sc.cell[0].slot_a.what == slot_content::kind::corrupt);
    CHECK(fs::path(sc.cell[0].slot_a.path).filename() == "rel-1.0.img");
    CHECK(sc.cell[0].slot_b.what == slot_content::kind::image);
    CHECK(fs::path(sc.cell[0].slot_b.path).filename() == "own.img");
    CHECK(sc.cell[0].active == 1);
    CHECK(sc.cell[0].auto_update == std::optional<bool>(true));
    REQUIRE(sc.cell[0].console.size() == 2);
    CHECK(sc.cell[0].console[1].at_ms == 7.5);
    CHECK(sc.cell[0].console[1].text == "y\n");
    CHECK(sc.cell[0].expect_version == std::optional<std::string>("1.1.0+0"));
    CHECK(sc.cell[1].slot_a.what == slot_content::kind::image); // from [all_cells]
    CHECK(!sc.cell[1].auto_update);
    CHECK(sc.cell[1].slot_b.what == slot_content::kind::empty);
    CHECK(sc.cell[2].slot_a.what == slot_content::kind::empty);
    CHECK(sc.cell[2].expect_version == std::optional<std::string>("none"));
    CHECK(sc.cell[2].expect_state == std::optional<std::string>("recovery"));
    CHECK(sc.expect_result == "ok");
    CHECK(sc.expect_max_latency_s == std::optional<double>(0.5));
}

TEST_CASE("scenario: an empty file is the default system")
{
    scratch s;
    scenario sc = s.load("");
    CHECK(sc.cells == 4);
    CHECK(sc.harts == 1);
    CHECK(sc.clock_mhz == 100.0);
    CHECK(sc.until == "update_end");
    CHECK(sc.flow == "menu");
    CHECK(sc.strategy == "sequential");
    CHECK(sc.bit_rate_hz == 400000);
    CHECK(sc.fabric_clock_mhz == 1000.0);
    CHECK(sc.cell.size() == 4);
    CHECK(sc.cell[3].slot_a.what == slot_content::kind::empty);
    CHECK(sc.expect_result == "any");
}

TEST_CASE("scenario: an unknown field is an error naming file, line and field")
{
    scratch s;
    std::string e = s.error("[system]\ncells = 2\ncelss = 3\n");
    CHECK_THAT(e, Catch::Contains("s.toml:3: system.celss: unknown field"));
    CHECK_THAT(s.error("[sytem]\ncells = 2\n"), Catch::Contains("s.toml:1: sytem: unknown field"));
    CHECK_THAT(s.error("[[cells]]\nid = 1\nslot = \"rel-1.0\"\n"),
               Catch::Contains("s.toml:3: cells[0].slot: unknown field"));
}

TEST_CASE("scenario: a value of the wrong type is an error naming file, line and field")
{
    scratch s;
    CHECK_THAT(s.error("[system]\n\ncells = \"four\"\n"),
               Catch::Contains("s.toml:3: system.cells: expected an integer, got a string"));
    CHECK_THAT(s.error("[update]\nreset_self = 1\n"),
               Catch::Contains("s.toml:2: update.reset_self: expected true or false"));
    CHECK_THAT(s.error("system = 3\n"), Catch::Contains("s.toml:1: system: expected a table"));
    CHECK_THAT(s.error("[[cells]]\nid = 0\nconsole = [\"u\"]\n"),
               Catch::Contains("s.toml:3: cells[id=0].console[0]: expected {at_ms"));
}

TEST_CASE("scenario: an out-of-range value is an error naming file, line and field")
{
    scratch s;
    CHECK_THAT(s.error("[system]\ncells = 65\n"),
               Catch::Contains("s.toml:2: system.cells: 65 is out of range (1 .. 64)"));
    CHECK_THAT(s.error("[system]\nharts = 0\n"), Catch::Contains("system.harts: 0 is out of range (1 .. 4)"));
    CHECK_THAT(s.error("[system]\ncells = 2\n[update]\ncell = 2\n"),
               Catch::Contains("s.toml:4: update.cell: 2 is out of range (0 .. 1)"));
    CHECK_THAT(s.error("[fabric]\nmax_payload = 130\n"),
               Catch::Contains("fabric.max_payload: must be a multiple of 4"));
    CHECK_THAT(s.error("[system]\nmax_time_s = 0\n"), Catch::Contains("system.max_time_s: 0 is out of range"));
    CHECK_THAT(s.error("[update]\nflow = \"menus\"\n"),
               Catch::Contains("s.toml:2: update.flow: 'menus' is not one of menu, auto-ack, auto-noack"));
    CHECK_THAT(s.error("[[cells]]\nid = 9\n"), Catch::Contains("s.toml:2: cells[0].id: 9 is out of range (0 .. 3)"));
    CHECK_THAT(s.error("[[cells]]\nid = 1\n[[cells]]\nid = 1\n"),
               Catch::Contains("s.toml:4: cells[1].id: cell 1 listed twice"));
    CHECK_THAT(s.error("[expect]\nversion_after = \"one\"\n"),
               Catch::Contains("s.toml:2: expect.version_after: 'one' is not a version"));
}

TEST_CASE("scenario: a slot naming a missing release or file is an error naming the field")
{
    scratch s;
    CHECK_THAT(s.error("[[cells]]\nid = 1\nslot_a = \"rel-9.9\"\n"),
               Catch::Contains("s.toml:3: cells[id=1].slot_a: 'rel-9.9': no release rel-9.9"));
    CHECK_THAT(s.error("[all_cells]\nslot_b = \"corrupt:nothere.img\"\n"),
               Catch::Contains("s.toml:2: all_cells.slot_b: 'corrupt:nothere.img': no such image file"));
}

TEST_CASE("scenario: a file that is not TOML is an error naming file and line")
{
    scratch s;
    CHECK_THAT(s.error("[system]\ncells = = 3\n"), Catch::Contains("s.toml:2: not valid TOML"));
    CHECK_THROWS_WITH(load_scenario((s.dir / "missing.toml").string(), {}, "."),
                      Catch::Contains("no such scenario file"));
}

TEST_CASE("scenario: --set overrides any field by its dotted path, with the same checks")
{
    scratch s;
    scenario sc = s.load(good, {"system.cells=16", "update.strategy=parallel", "fabric.ber=0", "cells.5.slot_a=rel-1.0",
                                "cells.0.active=A", "expect.version_after=1.0", "mgmt.corrupt_rate=0.25"});
    CHECK(sc.cells == 16);
    CHECK(sc.strategy == "parallel");
    CHECK(sc.ber == 0.0);
    CHECK(sc.cell[5].slot_a.what == slot_content::kind::image);
    CHECK(sc.cell[0].active == 0);
    CHECK(sc.cell[0].console.size() == 2); // the rest of the entry stays
    CHECK(sc.cell[7].expect_version == std::optional<std::string>("1.0.0+0"));
    CHECK(sc.corrupt_rate == 0.25);

    CHECK_THAT(s.error(good, {"system.cells=99"}),
               Catch::Contains("--set system.cells=99: system.cells: 99 is out of range"));
    CHECK_THAT(s.error(good, {"system.cellz=9"}), Catch::Contains("--set system.cellz=9: system.cellz: unknown field"));
    CHECK_THAT(
        s.error(good, {"update.reset_self=maybe"}),
        Catch::Contains("--set update.reset_self=maybe: update.reset_self: expected true or false, got a string"));
    CHECK_THAT(s.error(good, {"system"}), Catch::Contains("--set system: expected KEY=VALUE"));
    CHECK_THAT(s.error(good, {"system.cells.x=1"}), Catch::Contains("cells is not a table"));
    // The names people reach for get a pointer to the right field.
    CHECK_THAT(s.error(good, {"cells=16"}), Catch::Contains("the number of cells is system.cells"));
    CHECK_THAT(s.error(good, {"fabric.lane_width=32"}),
               Catch::Contains("fabric.lane_width: unknown field") && Catch::Contains("the lane width is lane_bits"));
}
