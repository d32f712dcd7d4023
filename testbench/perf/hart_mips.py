#!/usr/bin/env python3
"""Hart speed benchmark: runs the compute-bound firmware benchmarks through `cellvp run-elf --stats` and
prints MIPS per program and the median across programs. Run it on a Release build:

    python3 testbench/perf/hart_mips.py --build build [--runs 3] [--quantum-us 1]

Target (issue 2): median >= 300 MIPS with a quantum of 1 us or more and DMI on.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

PROGRAMS = ["bench-crc32", "bench-memops", "bench-intmix", "bench-sort"]
TARGET_MIPS = 300.0


def run_once(cellvp, elf, quantum_us, extra):
    with tempfile.NamedTemporaryFile(suffix=".json") as stats:
        cmd = [cellvp, "run-elf", elf, "--stats", stats.name, "--quantum-us", str(quantum_us)] + extra
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.exit(f"{os.path.basename(elf)} failed with status {proc.returncode}:\n{proc.stdout}{proc.stderr}")
        with open(stats.name) as f:
            return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build", help="build folder (holds models/cellvp and firmware/)")
    ap.add_argument("--runs", type=int, default=3, help="runs per program; the median is reported")
    ap.add_argument("--quantum-us", type=float, default=1.0)
    ap.add_argument("--short", action="store_true", help="use the -short programs (a quick check, not a figure)")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("extra", nargs="*", help="further run-elf options, after --")
    args = ap.parse_args()

    cellvp = os.path.join(args.build, "models", "cellvp")
    rows = []
    print(f"{'program':<16} {'instructions':>14} {'sim s':>9} {'wall s':>8} {'MIPS':>8}")
    for name in PROGRAMS:
        elf = os.path.join(args.build, "firmware", name + ("-short" if args.short else "") + ".elf")
        runs = [run_once(cellvp, elf, args.quantum_us, args.extra) for _ in range(args.runs)]
        mips = statistics.median(r["mips"] for r in runs)
        wall = statistics.median(r["wall_s"] for r in runs)
        r0 = runs[0]
        rows.append({"program": name, "instret": r0["instret"], "sim_time_s": r0["sim_time_s"], "wall_s": wall,
                     "mips": mips})
        print(f"{name:<16} {r0['instret']:>14,} {r0['sim_time_s']:>9.3f} {wall:>8.3f} {mips:>8.1f}")
    median = statistics.median(r["mips"] for r in rows)
    verdict = "meets" if median >= TARGET_MIPS else "MISSES"
    print(f"median across programs: {median:.1f} MIPS (quantum {args.quantum_us} us, {args.runs} runs each; "
          f"{verdict} the {TARGET_MIPS:.0f} MIPS target)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"quantum_us": args.quantum_us, "programs": rows, "median_mips": median}, f, indent=2)


if __name__ == "__main__":
    main()
