#!/usr/bin/env python3
"""Boot speed benchmark (issue 5): a cell boots a 1 MiB image (build/images/cellfw-1.1-1mib.img: release 1.1
with 1 MiB of constant data). Prints the simulated time from reset to the jump into the image, as the boot
measured it (release 1.1 prints it: "cellfw: boot took N us"; it includes the boot's console line, about
2.6 ms at 115200 baud), and the wall time of the whole process, which simulates 30 ms. The boot hashes and
copies on the cell's SHA-256 engine at the flash's streaming rate (W25Q128JV quad read, 66 MB/s: 15.7 ms per
MiB); the small release image is shown for comparison.

Run on a Release build:  python3 testbench/perf/boot_speed.py --build build [--runs 3]
"""
import argparse
import os
import re
import subprocess
import sys
import time


def boot(cellvp, boot_elf, image):
    t0 = time.monotonic()
    p = subprocess.run([cellvp, "run-cells", boot_elf, "--slot", f"A={image}", "--max-time", "0.03"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    m = re.search(r"cellfw: boot took (\d+) us", p.stdout)
    if not m:
        sys.exit(f"{image}: no boot time in the output (status {p.returncode}):\n{p.stdout}{p.stderr}")
    size = os.path.getsize(image)
    return size, int(m.group(1)), wall


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    cellvp = os.path.join(a.build, "models", "cellvp")
    boot_elf = os.path.join(a.build, "firmware", "boot.elf")
    print(f"{'image':<24} {'bytes':>9} {'boot sim ms':>12} {'process wall s (best of runs)':>30}")
    for name in ("cellfw-1.1.img", "cellfw-1.1-1mib.img"):
        image = os.path.join(a.build, "images", name)
        results = [boot(cellvp, boot_elf, image) for _ in range(a.runs)]
        size, us, _ = results[0]
        if any(r[1] != us for r in results):
            sys.exit(f"{name}: the simulated boot time differs between runs: {[r[1] for r in results]}")
        print(f"{name:<24} {size:>9} {us / 1000:>12.3f} {min(r[2] for r in results):>30.3f}")


if __name__ == "__main__":
    main()
