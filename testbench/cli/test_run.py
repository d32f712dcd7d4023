#!/usr/bin/env python3
"""`cellvp run` from the outside. --part errors: malformed scenarios and options give status 125 with a message
naming file, line and field; an expectation that does not hold gives status 1 and names it. --part boot: a system
whose cells all hold the desired release boots every cell (end to end, real firmware). --part default: the README's
scenario updates an old and a corrupt cell from the menu, with every phase timed. --part determinism: the same
scenario and seed give the same metrics.json except the host figures."""
import argparse
import json
import os
import tempfile

from cli_check import EXIT_ERROR, check, finish, run


def write(d, name, text):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def errors(a, d):
    def bad(name, text, expect, *extra):
        path = write(d, name + ".toml", text)
        p = run(a.cellvp, "run", path, "--out", os.path.join(d, "out"), "--quiet", *extra)
        check(f"{name}: status 125 and '{expect}'", p.returncode == EXIT_ERROR and expect in p.stderr,
              f"status {p.returncode}, stderr: {p.stderr.strip()}")

    bad("unknown-field", "[system]\ncells = 2\ncelss = 3\n", "unknown-field.toml:3: system.celss: unknown field")
    bad("wrong-type", "[system]\ncells = \"two\"\n", "wrong-type.toml:2: system.cells: expected an integer, got a string")
    bad("out-of-range", "[update]\nstrategy = \"star\"\n",
        "out-of-range.toml:2: update.strategy: 'star' is not one of sequential, parallel, tree")
    bad("not-toml", "[system\n", "not-toml.toml:1: not valid TOML")
    bad("no-release", "[[cells]]\nid = 0\nslot_a = \"cellfw-0.9\"\n", "no-release.toml:3: cells[id=0].slot_a: 'cellfw-0.9': no release")
    bad("set-range", "", "--set system.cells=65: system.cells: 65 is out of range (1 .. 64)", "--set", "system.cells=65")
    bad("set-syntax", "", "--set cells: expected KEY=VALUE", "--set", "cells")
    bad("lane-bits", "[fabric]\nlane_bits = 24\n", "lane-bits.toml:2: fabric.lane_bits: fabric: lane width")
    p = run(a.cellvp, "run", os.path.join(d, "nothere.toml"), "--quiet")
    check("a missing scenario: status 125", p.returncode == EXIT_ERROR and "no such scenario file" in p.stderr, p.stderr)
    p = run(a.cellvp, "run", "--help")
    check("run --help documents --set, --seed, --out", all(o in p.stdout for o in ("--set", "--seed", "--out", "--quiet")),
          p.stdout)
    # An expectation that does not hold: status 1, the expectation named on stderr.
    scen = os.path.join(a.scenarios, "boot-all-current.toml")
    p = run(a.cellvp, "run", scen, "--out", os.path.join(d, "wrong"), "--quiet", "--set", "expect.version_after=1.0",
            "--set", "system.max_time_s=0.05")
    check("an expectation that does not hold: status 1 naming it",
          p.returncode == 1 and "expectation failed: cell 0: version_after" in p.stderr, f"{p.returncode}: {p.stderr}")
    with open(os.path.join(d, "wrong", "metrics.json")) as f:
        m = json.load(f)
    check("... and metrics.json says fail with the reasons", m["result"] == "fail" and m["reasons"], m.get("reasons"))


def boot(a, d):
    scen = os.path.join(a.scenarios, "boot-all-current.toml")
    out = os.path.join(d, "out")
    p = run(a.cellvp, "run", scen, "--out", out)
    with open(os.path.join(out, "metrics.json")) as f:
        m = json.load(f)
    for key in ("result", "reasons", "cells", "update", "fabric", "mgmt", "sim", "host", "seed", "scenario_sha256",
                "cellvp_version"):
        check(f"metrics.json has {key}", key in m)
    check("four cells in metrics.json", [c["id"] for c in m["cells"]] == [0, 1, 2, 3], m["cells"])
    check("fabric line rate 4 GB/s", m["fabric"]["line_rate_Bps"] == 4e9, m["fabric"])
    check("every cell booted 1.1.0+0 (its @ev boot record) and the run passed", p.returncode == 0 and
          m["result"] == "pass" and all(c["version_after"] == "1.1.0+0" and c["state"] == "healthy" for c in m["cells"]),
          f"{p.returncode}: {m['reasons']}\n{p.stderr}")
    check("the run ended when every cell had booted, not at the time limit", m["sim"]["time_s"] < 0.5, m["sim"])
    for i in range(4):
        with open(os.path.join(out, f"cell{i}.log")) as f:
            log = f.read()
        check(f"cell {i}'s console log has its boot line and no event records",
              f"cellfw 1.1.0+0: cell {i}, slot A" in log and "@ev" not in log, log)
    check("the timeline summary is printed", "cellvp run " in p.stdout and "cell 3: " in p.stdout, p.stdout[-2000:])


def default(a, d):
    scen = os.path.join(a.scenarios, "default.toml")
    out = os.path.join(d, "out")
    p = run(a.cellvp, "run", scen, "--out", out)
    with open(os.path.join(out, "metrics.json")) as f:
        m = json.load(f)
    check("the default scenario passes", p.returncode == 0 and m["result"] == "pass", f"{p.returncode}: {p.stderr}")
    before = [c["version_before"] for c in m["cells"]]
    after = [c["version_after"] for c in m["cells"]]
    check("versions before: 1.1, 1.0, none (corrupt), 1.1", before == ["1.1.0+0", "1.0.0+0", "none", "1.1.0+0"], before)
    check("every cell runs 1.1 after the update", after == ["1.1.0+0"] * 4, after)
    check("two cells updated, none failed", m["update"]["ok"] == 2 and m["update"]["failed"] == 0, m["update"])
    for i in (1, 2):
        names = [ph["name"] for ph in m["cells"][i]["phases"]]
        check(f"cell {i} went through every phase", all(n in names for n in (
            "message", "training", "transfer", "verify", "erase", "program", "reset", "boot")), names)
    lat = m["update"]["latency_s"]
    check("the update latency runs from the menu's confirmation to the last boot",
          lat is not None and 0 < lat < m["sim"]["time_s"] - m["update"]["start_s"] + 1e-9, m["update"])
    bw = m["fabric"]["payload_bandwidth_Bps"]
    check("payload bandwidth during transfers is below the line rate",
          bw is not None and 0 < bw <= m["fabric"]["line_rate_Bps"], m["fabric"])
    check("management bus messages counted", m["mgmt"]["messages"] > 0, m["mgmt"])
    check("the timeline shows the phases in ms", "transfer " in p.stdout and "update latency:" in p.stdout,
          p.stdout[-1500:])


def determinism(a, d):
    scen = os.path.join(a.scenarios, "default.toml")

    def metrics(name, seed):
        out = os.path.join(d, name)
        p = run(a.cellvp, "run", scen, "--out", out, "--quiet", "--seed", str(seed), "--set", "fabric.ber=1e-5")
        check(f"{name}: ran (status {p.returncode})", p.returncode in (0, 1), p.stderr)
        with open(os.path.join(out, "metrics.json")) as f:
            m = json.load(f)
        m.pop("host")
        return m

    m1, m2, m3 = metrics("first", 5), metrics("second", 5), metrics("other-seed", 6)
    check("same scenario and seed: the same metrics.json except host.*", m1 == m2,
          json.dumps(m1, sort_keys=True)[:500] + "\n" + json.dumps(m2, sort_keys=True)[:500])
    check("the seed is recorded", m1["seed"] == 5 and m3["seed"] == 6)


def progress(a, d):
    """On a terminal (util-linux `script` gives the run one) a long run shows one progress line; piped, or with
    --quiet, none; and the terminal changes no result."""
    import shutil
    import subprocess
    scen = os.path.join(a.scenarios, "default.toml")
    piped = run(a.cellvp, "run", scen, "--out", os.path.join(d, "piped"))
    check("piped: no progress line", piped.returncode == 0 and "ms simulated" not in piped.stdout, piped.stdout[-300:])
    if not shutil.which("script"):
        check("util-linux script is there to give the run a terminal", False)
        return
    tty_log = os.path.join(d, "typescript")
    cmd = f"{a.cellvp} run {scen} --out {os.path.join(d, 'tty')}"
    p = subprocess.run(["script", "-qec", cmd, tty_log], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       timeout=300)
    with open(tty_log, errors="replace") as f:
        shown = f.read()
    check("on a terminal: progress lines with simulated time, phase and cells updated",
          p.returncode == 0 and "ms simulated | " in shown and "cells updated" in shown, shown[-500:])
    quiet_log = os.path.join(d, "typescript-quiet")
    subprocess.run(["script", "-qec", cmd + " --quiet", quiet_log], stdout=subprocess.DEVNULL, timeout=300)
    with open(quiet_log, errors="replace") as f:
        check("on a terminal with --quiet: nothing", "ms simulated" not in f.read())
    with open(os.path.join(d, "piped", "metrics.json")) as f1, open(os.path.join(d, "tty", "metrics.json")) as f2:
        m1, m2 = json.load(f1), json.load(f2)
    m1.pop("host")
    m2.pop("host")
    check("the terminal changes no result: the same metrics.json except host.*", m1 == m2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--scenarios", required=True)
    ap.add_argument("--part", choices=["errors", "boot", "default", "determinism", "progress"], required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        {"errors": errors, "boot": boot, "default": default, "determinism": determinism,
         "progress": progress}[a.part](a, d)
    finish()


if __name__ == "__main__":
    main()
