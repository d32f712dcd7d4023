#!/usr/bin/env python3
"""Waveform cost benchmark (issue 7): runs a scenario (default: the default scenario) untraced, with --trace
(VCD) and with --trace=fst, several times each, interleaved, and prints the median process wall time of each,
the ratio to the untraced run (target: at most 3x), and the size of the files written.

Run on a Release build:  python3 testbench/perf/trace_cost.py --build build [--runs 5] [--scenario FILE]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(cellvp, scenario, out, extra):
    t0 = time.monotonic()
    p = subprocess.run([cellvp, "run", scenario, "--out", out, "--quiet", *extra], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit(f"{scenario} {extra} failed ({p.returncode}):\n{p.stderr}")
    size = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out) if f.endswith((".vcd", ".fst")))
    return wall, size


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scenario", default=os.path.join(here, "..", "scenarios", "default.toml"))
    a = ap.parse_args()
    cellvp = os.path.join(a.build, "models", "cellvp")
    modes = {"untraced": [], "--trace (vcd)": ["--trace"], "--trace=fst": ["--trace=fst"]}
    walls = {m: [] for m in modes}
    sizes = {}
    with tempfile.TemporaryDirectory() as d:
        for i in range(a.runs):
            for k, (m, extra) in enumerate(modes.items()):
                out = os.path.join(d, f"run{i}-mode{k}")
                wall, size = run(cellvp, a.scenario, out, extra)
                walls[m].append(wall)
                sizes[m] = size
    base = statistics.median(walls["untraced"])
    print(f"scenario: {os.path.relpath(a.scenario)}, {a.runs} runs each (process wall time, median)")
    for m in modes:
        w = statistics.median(walls[m])
        print(f"  {m:14s} {w:6.3f} s  x{w / base:5.2f}  waveforms {sizes[m] / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
