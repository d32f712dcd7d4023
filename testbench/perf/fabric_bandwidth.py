#!/usr/bin/env python3
"""Fabric bandwidth and host-speed benchmark (issue 4). Runs build/testbench/fabric_bench once per point and
prints, per point: achieved payload bandwidth per flow, the line rate, their ratio, the ratio the framing
arithmetic predicts (rtl/README.md), mean packet latency, and the host speed in fabric cycles per second.

  1. one flow through a 16-port switch, payload 64 .. 4096 B, 32-bit lanes at 1 GHz (4 GB/s);
  2. four parallel flows (disjoint ports) and four flows into one output (incast), 256 B;
  3. host speed: one active flow in a 16-port fabric (target: at least 5 M fabric cycles per host second);
  4. lane widths 8, 16, 32, 64, 128 bits at 1 GHz lane clock, one flow, 256 B: the line rate is lane bits x clock,
     and the measured efficiency should equal the framing arithmetic at every width (or --lanes-only).

A fabric cycle is a core clock (one DW per direction: lane clock x lane bits / 32), so host speed in fabric
cycles per second is comparable across widths; the lane table also gives simulated payload per host second.

Run on a Release build:  python3 testbench/perf/fabric_bandwidth.py --build build [--mib 16] [--json out.json]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def point(bench, **kw):
    args = [bench]
    for k, v in kw.items():
        args += ["--" + k.replace("_", "-"), str(v)]
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def lanes(bench, mib, rows):
    print(f"\nlane widths, one flow of 256 B writes through a 16-port switch, 1 GHz lane clock:")
    print(f"{'lane':>4} {'core MHz':>8} {'line GB/s':>9} {'GB/s':>7} {'measured':>8} {'expected':>8} {'latency':>9} "
          f"{'Mcyc/s':>7} {'Mlane/s':>7} {'MB moved/host s':>15}")
    for lane in (8, 16, 32, 64, 128):
        r = point(bench, ports=16, lane_bits=lane, payload=256, flows=1, mib=mib)
        rows.append(r)
        print(f"{lane:>4} {r['core_clock_mhz']:>8.0f} {r['line_rate_Bps'] / 1e9:>9.3f} "
              f"{r['payload_bandwidth_per_flow_Bps'] / 1e9:>7.3f} {r['efficiency_per_flow'] * 100:>7.3f}% "
              f"{r['expected_efficiency'] * 100:>7.3f}% {r['latency_mean_s'] * 1e9:>7.0f}ns "
              f"{r['fabric_cycles_per_host_s'] / 1e6:>7.2f} {r['lane_cycles_per_host_s'] / 1e6:>7.2f} "
              f"{r['payload_Bps_per_host_s'] / 1e6:>15.1f}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--mib", type=float, default=16, help="MiB per flow (default 16)")
    ap.add_argument("--json", help="also write all points to this file")
    ap.add_argument("--lanes-only", action="store_true", help="only the lane-width table (4.)")
    a = ap.parse_args()
    bench = os.path.join(a.build, "testbench", "fabric_bench")
    rows = []
    if a.lanes_only:
        lanes(bench, a.mib, rows)
        if a.json:
            with open(a.json, "w") as f:
                json.dump(rows, f, indent=1)
        return
    hdr = f"{'lane':>4} {'payload':>7} {'flows':>5} {'pattern':>8} {'GB/s/flow':>9} {'line GB/s':>9} " \
          f"{'ratio':>6} {'expected':>8} {'latency':>9} {'Mcyc/s':>7} {'wall s':>6}"
    print(hdr)

    def show(r):
        rows.append(r)
        print(f"{r['lane_bits']:>4} {r['payload_B']:>7} {r['flows']:>5} {r['pattern']:>8} "
              f"{r['payload_bandwidth_per_flow_Bps'] / 1e9:>9.3f} {r['line_rate_Bps'] / 1e9:>9.3f} "
              f"{r['efficiency_per_flow'] * 100:>5.2f}% {r['expected_efficiency'] * 100:>7.2f}% "
              f"{r['latency_mean_s'] * 1e9:>7.0f}ns {r['fabric_cycles_per_host_s'] / 1e6:>7.2f} "
              f"{r['host_wall_s']:>6.2f}", flush=True)

    for payload in (64, 128, 256, 512, 1024, 2048, 4096):
        show(point(bench, ports=16, lane_bits=32, payload=payload, flows=1, mib=a.mib))
    show(point(bench, ports=16, lane_bits=32, payload=256, flows=4, pattern="parallel", mib=a.mib / 4))
    r = point(bench, ports=16, lane_bits=32, payload=256, flows=4, pattern="incast", mib=a.mib / 4)
    r["expected_efficiency"] /= r["flows"]  # four flows share one output: a quarter each
    show(r)
    print(f"     incast: the four flows together carry {r['payload_bandwidth_total_Bps'] / 1e9:.3f} GB/s into one "
          f"output ({r['payload_bandwidth_total_Bps'] / r['line_rate_Bps'] * 100:.2f} % of its line rate)")
    speed = [r for r in rows if r["payload_B"] == 256 and r["flows"] == 1][0]
    print(f"\nat 256 B, 32-bit lanes: measured {speed['efficiency_per_flow'] * 100:.2f} % of the line rate, "
          f"framing arithmetic {speed['expected_efficiency'] * 100:.2f} % (PCIe-class: about 92.8 %)")
    print(f"host speed, one flow in a 16-port fabric: {speed['fabric_cycles_per_host_s'] / 1e6:.2f} M fabric "
          f"cycles/s (target 5), {speed['link_cycles_per_host_s'] / 1e6:.2f} M link cycles/s")
    lanes(bench, a.mib, rows)
    # An idle fabric in a system run: 16 cells programming flash from firmware (bench-flash1m), with and without
    # the fabric; the fabric's own accounting of the host time it spent clocking links.
    cellvp = os.path.join(a.build, "models", "cellvp")
    elf = os.path.join(a.build, "firmware", "bench-flash1m.elf")
    walls = {}
    for label, extra in (("with fabric", []), ("without fabric", ["--no-fabric"])):
        with tempfile.NamedTemporaryFile(suffix=".json") as st:
            t0 = time.monotonic()
            p = subprocess.run([cellvp, "run-cells", elf, "--cells", "16", "--quiet", "--max-time", "60",
                                "--stats", st.name, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                sys.exit(f"run-cells failed ({p.returncode}): {p.stderr}")
            walls[label] = (time.monotonic() - t0, json.load(open(st.name)))
    w, s = walls["with fabric"]
    w0, _ = walls["without fabric"]
    fab = s["fabric"]
    print(f"\nidle fabric in a system run (16 cells, bench-flash1m, {s['sim_time_s']:.3f} s simulated): "
          f"process wall {w:.2f} s with the fabric, {w0:.2f} s without; the fabric clocked {fab['cycles']} "
          f"cycles using {fab['host_s'] * 1e3:.2f} ms = {100 * fab['host_s'] / s['wall_s']:.3f} % of the "
          f"simulation's wall time (target: under 1 %)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
