#!/usr/bin/env python3
"""The fabric is deterministic: the same program, options and seed give the same counters and the same
waveforms, bit for bit; another seed gives other bit errors. Runs firmware/tests/cell/fabric_dma.c on three
cells with a bit error rate, through `cellvp run-cells`."""
import argparse
import filecmp
import json
import os
import subprocess
import sys
import tempfile


def run(cellvp, elf, out, seed):
    stats = os.path.join(out, "stats.json")
    p = subprocess.run([cellvp, "run-cells", elf, "--cells", "3", "--quiet", "--fabric-ber", "2e-5",
                        "--seed", str(seed), "--stats", stats, "--fabric-trace", "vcd", "--trace-dir", out],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"run-cells failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    with open(stats) as f:
        s = json.load(f)
    for k in ("wall_s", "mips"):
        s.pop(k)
    s["fabric"].pop("host_s")
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--firmware", required=True)
    a = ap.parse_args()
    elf = os.path.join(a.firmware, "cell-fabric_dma.elf")
    with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2, \
            tempfile.TemporaryDirectory() as d3:
        s1, s2, s3 = run(a.cellvp, elf, d1, 5), run(a.cellvp, elf, d2, 5), run(a.cellvp, elf, d3, 6)
        flips = sum(l["bit_flips"] for l in s1["fabric"]["links"])
        replays = sum(l["replays"] for l in s1["fabric"]["links"])
        assert flips > 0 and replays > 0, f"the bit error rate did nothing: {flips} flips, {replays} replays"
        assert s1 == s2, "same seed, different figures:\n" + json.dumps(s1) + "\n" + json.dumps(s2)
        for n in range(3):
            name = f"fabric_link{n}.vcd"
            assert filecmp.cmp(os.path.join(d1, name), os.path.join(d2, name), shallow=False), \
                f"same seed, different waveform {name}"
        assert s1["fabric"] != s3["fabric"], "another seed gave the same bit errors"
    print(f"deterministic: {flips} bit flips, {replays} replays, identical counters and waveforms")


if __name__ == "__main__":
    main()
