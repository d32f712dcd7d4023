#!/usr/bin/env python3
"""Cell platform speed benchmark (issue 3): prints simulated and wall time of
  1. bench-flash1m: firmware erases and programs 1 MiB of flash (target: under 1 s of wall time);
  2. bench-idle on 1 and 16 cells: cells sleeping 10 s of simulated time in WFI (an idle cell costs almost
     nothing).
Run on a Release build:  python3 testbench/perf/cell_speed.py --build build
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def run(cellvp, elf, *args):
    with tempfile.NamedTemporaryFile(suffix=".json") as stats:
        t0 = time.monotonic()
        p = subprocess.run([cellvp, "run-cells", elf, "--stats", stats.name, "--quiet", "--max-time", "60", *args],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        process_s = time.monotonic() - t0
        if p.returncode != 0:
            sys.exit(f"{os.path.basename(elf)} {' '.join(args)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
        with open(stats.name) as f:
            s = json.load(f)
    s["process_s"] = process_s
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    a = ap.parse_args()
    cellvp = os.path.join(a.build, "models", "cellvp")
    fw = os.path.join(a.build, "firmware")
    print(f"{'run':<34} {'sim s':>8} {'wall s':>8} {'process s':>10} {'instructions':>14}")
    rows = [("flash: erase+program 1 MiB", os.path.join(fw, "bench-flash1m.elf"), []),
            ("idle: 1 cell sleeps 10 s", os.path.join(fw, "bench-idle.elf"), []),
            ("idle: 16 cells sleep 10 s", os.path.join(fw, "bench-idle.elf"), ["--cells", "16"])]
    for name, elf, args in rows:
        s = run(cellvp, elf, *args)
        print(f"{name:<34} {s['sim_time_s']:>8.3f} {s['wall_s']:>8.3f} {s['process_s']:>10.3f} {s['instret']:>14,}")


if __name__ == "__main__":
    main()
