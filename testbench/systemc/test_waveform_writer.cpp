// The waveform writer of the system view: VCD text as GTKWave reads it, changes sorted by time, late changes,
// the window, texts without spaces, and FST read back by fst2vcd (gtkwave's tool).
#include "trace/waveform_writer.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace cellvp;

namespace {

std::string temp_path(const char* name)
{
    return (std::filesystem::temp_directory_path() / (std::string("cellvp-ww-") + std::to_string(getpid()) + name))
        .string();
}

std::string slurp(const std::string& path)
{
    std::ifstream f(path);
    std::ostringstream o;
    o << f.rdbuf();
    return o.str();
}

// The part after $enddefinitions.
std::string body(const std::string& vcd) { return vcd.substr(vcd.find("$enddefinitions $end\n") + 21); }

} // namespace

TEST_CASE("waveform_writer: declarations nest scopes and the body is in time order whatever the report order",
          "[waveform]")
{
    const std::string path = temp_path("a.vcd");
    {
        waveform_writer w(path, waveform_format::vcd);
        auto a = w.add_bits("system.cell0", "reset", 1, 1);
        auto b = w.add_bits("system.cell0", "irq", 4);
        auto c = w.add_text("system.mgmt", "packet", "idle");
        w.set(b, 0x5, 300);
        w.set(a, 0, 100);         // reported after a later change: written first
        w.set_text(c, "0>1 ENABLE", 200);
        w.set(b, 0x5, 400);       // no change: not written
        w.close(1000);
    }
    const std::string vcd = slurp(path);
    CHECK(vcd.find("$timescale 1ps $end") != std::string::npos);
    CHECK(vcd.find("$scope module system $end\n$scope module cell0 $end\n$var wire 1 ! reset $end\n"
                   "$var wire 4 \" irq $end\n$upscope $end\n$scope module mgmt $end\n$var string 1 # packet $end\n"
                   "$upscope $end\n$upscope $end\n") != std::string::npos);
    CHECK(vcd.find("$date") == std::string::npos); // no wall-clock date: the same run gives the same bytes
    CHECK(body(vcd) == "#0\n$dumpvars\n1!\nb0000 \"\nsidle #\n$end\n#100\n0!\n#200\ns0>1_ENABLE #\n#300\nb0101 \"\n"
                       "#1000\n\n");
    std::remove(path.c_str());
}

TEST_CASE("waveform_writer: a change reported for a time already written is written at the current time", "[waveform]")
{
    const std::string path = temp_path("b.vcd");
    waveform_writer w(path, waveform_format::vcd);
    auto a = w.add_bits("top", "x", 1);
    w.set(a, 1, 500);
    w.flush_until(600);
    w.set(a, 0, 550); // too late for 550
    w.close(700);
    CHECK(w.late_changes() == 1);
    CHECK(body(slurp(path)) == "#0\n$dumpvars\n0!\n$end\n#500\n1!\n#600\n0!\n#700\n\n");
    std::remove(path.c_str());
}

TEST_CASE("waveform_writer: a window starts with the values in force and drops what lies outside", "[waveform]")
{
    const std::string path = temp_path("c.vcd");
    waveform_writer w(path, waveform_format::vcd, 1000, 2000);
    auto a = w.add_bits("top", "count", 8);
    auto t = w.add_text("top", "state", "");
    w.set(a, 1, 100);
    w.set_text(t, "boot", 200);
    w.set(a, 2, 900);
    w.set(a, 3, 1500);
    w.set(a, 4, 2500);
    w.close(3000);
    // Empty text is written as "-" (VCD cannot hold an empty value); the last time is the window's end.
    CHECK(body(slurp(path)) == "#1000\n$dumpvars\nb00000010 !\nsboot \"\n$end\n#1500\nb00000011 !\n#2000\n\n");
    CHECK_THROWS_AS(waveform_writer(temp_path("d.vcd"), waveform_format::vcd, 10, 5), std::invalid_argument);
    std::remove(path.c_str());
    std::remove(temp_path("d.vcd").c_str());
}

TEST_CASE("waveform_writer: FST holds the same changes as VCD (read back with fst2vcd)", "[waveform]")
{
    const std::string fst = temp_path("e.fst"), back = temp_path("e.vcd");
    {
        waveform_writer w(fst, waveform_format::fst);
        auto a = w.add_bits("system.cell0", "link_up", 1);
        auto t = w.add_text("system.cell0", "fw_state", "booting");
        w.set(a, 1, 12345);
        w.set_text(t, "healthy", 20000);
        w.close(30000);
    }
    REQUIRE(std::system(("fst2vcd " + fst + " > " + back).c_str()) == 0);
    const std::string vcd = slurp(back);
    CHECK(vcd.find("1ps") != std::string::npos);
    CHECK(vcd.find("$var wire 1 ! link_up $end") != std::string::npos);
    CHECK(vcd.find("#12345\n1!") != std::string::npos);
    CHECK(vcd.find("#20000\nshealthy \"") != std::string::npos);
    std::remove(fst.c_str());
    std::remove(back.c_str());
}

TEST_CASE("waveform_writer: a file that cannot be written is an error, not a crash", "[waveform]")
{
    CHECK_THROWS_AS(waveform_writer("/nonexistent-dir/x.vcd", waveform_format::vcd), std::runtime_error);
}
