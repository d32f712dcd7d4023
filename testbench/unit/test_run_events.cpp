// Event records of the firmware (models/app/run_events.h): the documented lines parse, malformed ones are
// refused with a reason, and a run's events assemble into phases, versions and the update latency.
#include "app/run_events.h"

#include <catch2/catch.hpp>

using namespace cellvp;

namespace {

run_event ev(const std::string& line)
{
    std::string error;
    std::optional<run_event> e = parse_event(line, error);
    INFO(line << ": " << error);
    REQUIRE(e);
    return *e;
}

std::string refused(const std::string& line)
{
    std::string error;
    return parse_event(line, error) ? "parsed" : error;
}

} // namespace

TEST_CASE("events: every documented record parses")
{
    run_event b = ev("@ev boot cell=3 state=healthy version=1.1.0+0 slot=A reason=none boot_us=812\r");
    CHECK(b.kind == "boot");
    CHECK(b.at("cell") == "3");
    CHECK(b.at("version") == "1.1.0+0");
    CHECK(b.at("boot_us") == "812");
    CHECK(ev("@ev boot cell=2 state=recovery version=none slot=none reason=hash-mismatch boot_us=0").at("state") ==
          "recovery");
    CHECK(ev("@ev rendezvous cell=0 desired=1.1.0+0 errored=1,2").at("errored") == "1,2");
    CHECK(ev("@ev rendezvous cell=0 desired=1.1 errored=none").at("desired") == "1.1.0+0");
    CHECK(ev("@ev update_start cell=0 target=2 strategy=tree flow=auto-noack").at("flow") == "auto-noack");
    CHECK(ev("@ev phase cell=0 target=1 name=transfer edge=end bytes=4096").at("bytes") == "4096");
    CHECK(ev("@ev phase cell=1 target=1 name=program edge=start").fields.count("bytes") == 0);
    CHECK(ev("@ev update_done cell=0 target=1 result=fail reason=no-ack-within-1000-ms").at("reason") ==
          "no-ack-within-1000-ms");
    CHECK(ev("@ev update_end cell=0 ok=2 failed=1").at("failed") == "1");
    CHECK(ev("@ev update_end cell=0 ok=2 failed=0 extra=kept").at("extra") == "kept");
}

TEST_CASE("events: malformed records are refused with the reason")
{
    CHECK_THAT(refused("cellfw: ready"), Catch::Contains("no '@ev ' prefix"));
    CHECK_THAT(refused("@ev "), Catch::Contains("no event kind"));
    CHECK_THAT(refused("@ev reboot cell=1"), Catch::Contains("unknown event kind 'reboot'"));
    CHECK_THAT(refused("@ev update_end cell=0 ok=1"), Catch::Contains("field 'failed' missing"));
    CHECK_THAT(refused("@ev update_end cell=0 ok=1 failed"), Catch::Contains("'failed' is not key=value"));
    CHECK_THAT(refused("@ev update_end cell=0 ok=1 ok=2 failed=0"), Catch::Contains("field 'ok' given twice"));
    CHECK_THAT(refused("@ev boot cell=x state=healthy version=1.0 slot=A reason=none boot_us=1"),
               Catch::Contains("cell='x'"));
    CHECK_THAT(refused("@ev boot cell=1 state=fine version=1.0 slot=A reason=none boot_us=1"),
               Catch::Contains("state='fine'"));
    CHECK_THAT(refused("@ev boot cell=1 state=healthy version=1.x slot=A reason=none boot_us=1"),
               Catch::Contains("version='1.x'"));
    CHECK_THAT(refused("@ev boot cell=1 state=healthy version=1.0 slot=C reason=none boot_us=1"),
               Catch::Contains("slot='C'"));
    CHECK_THAT(refused("@ev phase cell=0 target=1 name=copy edge=start"), Catch::Contains("name='copy'"));
    CHECK_THAT(refused("@ev phase cell=0 target=1 name=verify edge=middle"), Catch::Contains("edge='middle'"));
    CHECK_THAT(refused("@ev rendezvous cell=0 desired=1.1 errored=1,,2"), Catch::Contains("errored='1,,2'"));
}

TEST_CASE("events: versions are normalized to M.m.p+b")
{
    CHECK(normalize_version("1.2") == std::optional<std::string>("1.2.0+0"));
    CHECK(normalize_version("1.2.3+4") == std::optional<std::string>("1.2.3+4"));
    CHECK(normalize_version("1.2+5") == std::optional<std::string>("1.2.0+5"));
    CHECK(normalize_version("none") == std::optional<std::string>("none"));
    CHECK(!normalize_version("1"));
    CHECK(!normalize_version("1.2.3.4"));
    CHECK(!normalize_version("256.0"));
    CHECK(!normalize_version("1.2+"));
}

TEST_CASE("events: a run's records give phases, the boot phase, versions and the update latency")
{
    run_timeline t;
    t.add(0.010, ev("@ev boot cell=0 state=healthy version=1.1.0+0 slot=A reason=none boot_us=900"));
    t.add(0.011, ev("@ev boot cell=1 state=healthy version=1.0.0+0 slot=A reason=none boot_us=900"));
    t.add(0.020, ev("@ev rendezvous cell=0 desired=1.1.0+0 errored=1"));
    t.add(0.100, ev("@ev update_start cell=0 target=1 strategy=sequential flow=menu"));
    t.add(0.100, ev("@ev phase cell=0 target=1 name=message edge=start"));
    t.add(0.102, ev("@ev phase cell=0 target=1 name=message edge=end"));
    t.add(0.102, ev("@ev phase cell=0 target=1 name=transfer edge=start"));
    t.add(0.104, ev("@ev phase cell=0 target=1 name=transfer edge=end bytes=8000"));
    t.add(0.110, ev("@ev phase cell=0 target=1 name=reset edge=start"));
    t.add(0.111, ev("@ev phase cell=0 target=1 name=reset edge=end"));
    CHECK(t.reboot_pending(1));
    CHECK(!t.latency_s(0.100));
    t.add(0.125, ev("@ev boot cell=1 state=healthy version=1.1.0+0 slot=B reason=none boot_us=900"));
    t.add(0.130, ev("@ev update_done cell=0 target=1 result=ok reason=none"));
    t.add(0.131, ev("@ev update_end cell=0 ok=1 failed=0"));

    CHECK(!t.reboot_pending(1));
    CHECK(t.update_start_s() == std::optional<double>(0.100));
    CHECK(t.update_end_s() == std::optional<double>(0.131));
    CHECK(t.updated_ok() == 1);
    CHECK(t.desired() == std::optional<std::string>("1.1.0+0"));
    REQUIRE(t.targets().size() == 1);
    CHECK(t.cell(1)->boots.front().version == "1.0.0+0");
    CHECK(t.cell(1)->boots.back().version == "1.1.0+0");
    CHECK(t.cell(1)->result == std::optional<std::string>("ok"));
    std::vector<phase_span> p = t.phases_with_boot(1);
    REQUIRE(p.size() == 4);
    CHECK(p[0].name == "message");
    CHECK(p[1].name == "transfer");
    CHECK(p[1].bytes == 8000);
    CHECK(p[3].name == "boot");
    CHECK(p[3].start_s == Approx(0.111));
    CHECK(p[3].end_s == Approx(0.125));
    CHECK(t.latency_s(0.100).value() == Approx(0.025));
    CHECK(t.latency_s(0.0).value() == Approx(0.125)); // automatic flows count from time 0
    CHECK(t.transfer_bytes() == 8000);
    CHECK(t.transfer_s() == Approx(0.002));
}
