#!/usr/bin/env python3
"""Update speed benchmark (issue 6): runs scenarios with `cellvp run` and prints, per run, the simulated time,
the update latency (from the update command, or from power-on for automatic flows, to every errored cell
running the desired version), the fabric payload bandwidth during transfers, and the host wall time.

  1. the default scenario (4 cells, menu), with the small release image and with a 1 MiB image
     (cellfw-1.1-1mib: release 1.1 with 1 MiB of constant data) as the update cell's firmware;
  2. 16 cells with 5 errored (testbench/scenarios/sixteen-cells-tree.toml) with the 1 MiB image, for each
     strategy: sequential, parallel, tree.

Run on a Release build:  python3 testbench/perf/update_speed.py --build build
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def run(cellvp, scenario, *sets):
    with tempfile.TemporaryDirectory() as out:
        args = [cellvp, "run", scenario, "--out", out, "--quiet"]
        for s in sets:
            args += ["--set", s]
        t0 = time.monotonic()
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - t0
        if p.returncode != 0:
            sys.exit(f"{scenario} {sets} failed ({p.returncode}):\n{p.stderr}")
        with open(os.path.join(out, "metrics.json")) as f:
            m = json.load(f)
    return m, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    scen = os.path.join(here, "..", "scenarios")
    cellvp = os.path.join(a.build, "models", "cellvp")
    big = "cells.0.slot_a=cellfw-1.1-1mib"
    rows = [("default, small image", os.path.join(scen, "default.toml"), []),
            ("default, 1 MiB image", os.path.join(scen, "default.toml"), [big, "system.max_time_s=30"])]
    for strategy in ("sequential", "parallel", "tree"):
        rows.append((f"16 cells, 5 errored, 1 MiB, {strategy}", os.path.join(scen, "sixteen-cells-tree.toml"),
                     [big, "all_cells.slot_a=cellfw-1.1-1mib", f"update.strategy={strategy}", "system.max_time_s=60"]))
    print(f"{'run':<40} {'sim s':>8} {'latency s':>10} {'fabric GB/s':>12} {'wall s':>8} {'process s':>10}")
    for name, path, sets in rows:
        m, wall = run(cellvp, path, *sets)
        bw = (m["fabric"].get("payload_bandwidth_Bps") or 0) / 1e9
        print(f"{name:<40} {m['sim']['time_s']:>8.3f} {m['update']['latency_s']:>10.3f} {bw:>12.3f} "
              f"{m['host']['wall_s']:>8.3f} {wall:>10.3f}")


if __name__ == "__main__":
    main()
