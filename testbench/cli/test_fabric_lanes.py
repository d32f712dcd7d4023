#!/usr/bin/env python3
"""`cellvp run-cells --fabric-lane-bits`: a built lane width runs firmware over the fabric and the stats carry
the width and the line rate; another width, or waveforms at a width other than 32, are refused with a message
naming what is built. Runs firmware/tests/cell/fabric_dma.c on three cells."""
import argparse
import json
import os
import tempfile

from cli_check import EXIT_ERROR, check, finish, run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--firmware", required=True)
    a = ap.parse_args()
    elf = os.path.join(a.firmware, "cell-fabric_dma.elf")
    with tempfile.TemporaryDirectory() as d:
        stats = os.path.join(d, "stats.json")
        p = run(a.cellvp, "run-cells", elf, "--cells", "3", "--quiet", "--fabric-lane-bits", "8",
                "--fabric-clock-mhz", "2000", "--stats", stats)
        check("--fabric-lane-bits 8: the fabric DMA firmware passes", p.returncode == 0, p.stdout + p.stderr)
        if p.returncode == 0:
            fab = json.load(open(stats))["fabric"]
            check("--fabric-lane-bits 8: the stats carry the lane width and clocks",
                  fab.get("lane_bits") == 8 and fab.get("lane_clock_mhz") == 2000 and fab.get("core_clock_mhz") == 500,
                  json.dumps({k: fab.get(k) for k in ("lane_bits", "lane_clock_mhz", "core_clock_mhz")}))
            check("--fabric-lane-bits 8 at 2000 MHz: a line rate of 2 GB/s", fab.get("line_rate_Bps") == 2e9,
                  str(fab.get("line_rate_Bps")))
            check("--fabric-lane-bits 8: packets crossed", sum(l["tlps_up"] for l in fab["links"]) > 0)

        p = run(a.cellvp, "run-cells", elf, "--cells", "3", "--quiet", "--fabric-lane-bits", "12")
        check("--fabric-lane-bits 12 is refused", p.returncode != 0, f"status {p.returncode}")
        check("--fabric-lane-bits 12: the message names the built widths",
              "lane width must be one of 8, 16, 32, 64, 128" in p.stderr and "not 12" in p.stderr, p.stderr)

        p = run(a.cellvp, "run-cells", elf, "--cells", "3", "--quiet", "--fabric-lane-bits", "16",
                "--fabric-trace", "vcd", "--trace-dir", d)
        check("--fabric-trace with 16-bit lanes is refused (status 125)", p.returncode == EXIT_ERROR,
              f"status {p.returncode}")
        check("--fabric-trace with 16-bit lanes: the message says waveforms are 32-bit only",
              "waveforms are built for 32-bit lanes only" in p.stderr, p.stderr)
    finish()


if __name__ == "__main__":
    main()
