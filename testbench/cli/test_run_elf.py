#!/usr/bin/env python3
"""Checks `cellvp run-elf` from the outside: exit statuses, error messages for bad input, --stats,
--trace-instructions, --max-instructions, --misaligned, --no-dmi and determinism. Each check prints one
line; the script exits non-zero if any failed."""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_check import EXIT_ERROR, EXIT_INVALID, EXIT_LIMIT, check, finish, run  # noqa: E402


def assemble(tmp, name, source):
    """Builds a tiny bare-machine program with the cross toolchain the firmware uses."""
    src = os.path.join(tmp, name + ".S")
    elf = os.path.join(tmp, name + ".elf")
    with open(src, "w") as f:
        f.write(source)
    subprocess.run(["riscv64-unknown-elf-gcc", "-march=rv32imac_zicsr", "-mabi=ilp32", "-nostdlib", "-nostartfiles",
                    "-Wl,--no-relax", "-Wl,-N", "-Wl,-Ttext=0x80000000", "-Wl,--no-warn-rwx-segments", "-o", elf, src],
                   check=True)
    return elf


TOHOST = """
.section .tohost,"aw",@progbits
.align 6
.globl tohost
tohost: .dword 0
.align 6
.globl fromhost
fromhost: .dword 0
"""


def patch_first_load_paddr(path, paddr):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        phoff, = struct.unpack_from("<I", data, 28)
        phentsize, phnum = struct.unpack_from("<HH", data, 42)
        for i in range(phnum):
            off = phoff + i * phentsize
            if struct.unpack_from("<I", data, off)[0] == 1:  # PT_LOAD
                struct.pack_into("<I", data, off + 12, paddr)
                break
        f.seek(0)
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--firmware", required=True)
    a = ap.parse_args()
    cellvp, fw = a.cellvp, a.firmware
    good = os.path.join(fw, "bench-crc32-short.elf")
    tmp = tempfile.mkdtemp(prefix="cellvp-cli-")
    try:
        # Bad input: a clear message and status 125.
        r = run(cellvp, "run-elf", os.path.join(tmp, "missing.elf"))
        check("missing file: status 125 and 'cannot open'", r.returncode == EXIT_ERROR and "cannot open" in r.stderr, r.stderr)
        text = os.path.join(tmp, "notes.txt")
        with open(text, "w") as f:
            f.write("not a program\n")
        r = run(cellvp, "run-elf", text)
        check("not an ELF: status 125 and 'not an ELF'", r.returncode == EXIT_ERROR and "not an ELF" in r.stderr, r.stderr)
        r = run(cellvp, "run-elf", sys.executable if os.path.exists(sys.executable) else "/bin/true")
        check("64-bit ELF: status 125 and '64-bit'", r.returncode == EXIT_ERROR and "64-bit" in r.stderr, r.stderr)
        other = os.path.join(tmp, "other-arch.elf")
        shutil.copy(good, other)
        with open(other, "r+b") as f:
            f.seek(18)
            f.write(struct.pack("<H", 40))  # EM_ARM
        r = run(cellvp, "run-elf", other)
        check("non-RISC-V ELF: status 125 and 'not a RISC-V'", r.returncode == EXIT_ERROR and "not a RISC-V" in r.stderr, r.stderr)
        outside = os.path.join(tmp, "outside.elf")
        shutil.copy(good, outside)
        patch_first_load_paddr(outside, 0x00010000)
        r = run(cellvp, "run-elf", outside)
        check("segment outside RAM: status 125 and 'outside RAM'", r.returncode == EXIT_ERROR and "outside RAM" in r.stderr, r.stderr)
        stripped = os.path.join(tmp, "stripped.elf")
        subprocess.run(["riscv64-unknown-elf-objcopy", "--strip-all", good, stripped], check=True)
        r = run(cellvp, "run-elf", stripped)
        check("no tohost symbol: status 125 and 'tohost'", r.returncode == EXIT_ERROR and "tohost" in r.stderr, r.stderr)
        truncated = os.path.join(tmp, "truncated.elf")
        with open(good, "rb") as f:
            head = f.read(300)
        with open(truncated, "wb") as f:
            f.write(head)
        r = run(cellvp, "run-elf", truncated)
        check("truncated ELF: status 125 with a message", r.returncode == EXIT_ERROR and "cellvp:" in r.stderr, r.stderr)
        r = run(cellvp, "run-elf", good, "--misaligned", "sometimes")
        check("bad option value: non-zero status and the option named", r.returncode != 0 and "--misaligned" in r.stderr, r.stderr)

        # run-cells: its bad input gets the same treatment.
        cell_prog = os.path.join(fw, "cell-uart_rx.elf")
        r = run(cellvp, "run-cells", cell_prog, "--console-input", "0-hello")
        check("run-cells: a malformed --console-input is refused with status 125 and the expected form",
              r.returncode == EXIT_ERROR and "ID@MS:TEXT" in r.stderr, r.stderr)
        r = run(cellvp, "run-cells", cell_prog, "--console-input", "7@1:x")
        check("run-cells: --console-input for a cell that does not exist is refused",
              r.returncode == EXIT_ERROR, r.stderr)
        r = run(cellvp, "run-cells", os.path.join(tmp, "missing.elf"))
        check("run-cells: missing file: status 125", r.returncode == EXIT_ERROR and "cannot open" in r.stderr, r.stderr)
        r = run(cellvp, "run-cells", os.path.join(fw, "bench-idle.elf"), "--max-time", "0.5")
        check("run-cells: a cell that does not report in time: status 124 and a message",
              r.returncode == EXIT_LIMIT and "did not report" in r.stderr, f"{r.returncode} {r.stderr}")

        nvdir = os.path.join(tmp, "nv")
        os.mkdir(nvdir)
        r = run(cellvp, "run-cells", os.path.join(fw, "cell-nvram.elf"), "--nvram-dir", nvdir, "--quiet")
        nvfile = os.path.join(nvdir, "cell0.nvram")
        saved = open(nvfile, "rb").read() if os.path.exists(nvfile) else b""
        check("run-cells --nvram-dir: the cell's NVRAM is saved as a 128 KiB file holding what firmware wrote",
              r.returncode == 0 and len(saved) == 128 * 1024 and any(saved), f"{r.returncode} {len(saved)} {r.stderr}")
        r = run(cellvp, "run-cells", os.path.join(fw, "bench-idle.elf"), "--nvram-dir", nvdir, "--quiet", "--max-time", "11")
        again = open(nvfile, "rb").read()
        check("run-cells --nvram-dir: the next run starts from the saved contents and keeps them",
              r.returncode == 0 and again == saved, f"{r.returncode} {r.stderr}")
        r = run(cellvp, "run-cells", os.path.join(fw, "bench-idle.elf"), "--flash-image", os.path.join(tmp, "none.img"))
        check("run-cells: a missing flash image: status 125 naming the file",
              r.returncode == EXIT_ERROR and "none.img" in r.stderr, r.stderr)

        # The program's status and output.
        exit7 = assemble(tmp, "exit7", """
.text
.globl _start
_start:
  li t0, (7 << 1) | 1
  la t1, tohost
  sw t0, 0(t1)
  sw zero, 4(t1)
1: j 1b
""" + TOHOST)
        r = run(cellvp, "run-elf", exit7)
        check("program exit code becomes the status (7)", r.returncode == 7, f"status {r.returncode}: {r.stderr}")
        spin = assemble(tmp, "spin", ".text\n.globl _start\n_start:\n1: addi a0, a0, 1\n j 1b\n" + TOHOST)
        r = run(cellvp, "run-elf", spin, "--max-instructions", "100000")
        check("--max-instructions stops a runaway program: status 124 and a message",
              r.returncode == EXIT_LIMIT and "100000 instructions" in r.stderr, f"{r.returncode}: {r.stderr}")
        trapper = assemble(tmp, "trapper", ".text\n.globl _start\n_start:\n lw a0, 0(zero)\n j _start\n" + TOHOST)
        r = run(cellvp, "run-elf", trapper)
        check("a trap vector that cannot be fetched is reported, not an endless loop",
              r.returncode == EXIT_ERROR and "stuck" in r.stderr, f"{r.returncode}: {r.stderr}")

        # --stats and --trace-instructions.
        stats = os.path.join(tmp, "stats.json")
        trace = os.path.join(tmp, "trace.txt")
        r = run(cellvp, "run-elf", good, "--stats", stats, "--trace-instructions", trace)
        check("good program: status 0 and its own 'ok' line", r.returncode == 0 and " ok " in r.stdout, r.stdout + r.stderr)
        with open(stats) as f:
            s = json.load(f)
        check("--stats has instret, cycles, sim_time_s, wall_s, mips",
              all(k in s for k in ("instret", "cycles", "sim_time_s", "wall_s", "mips")), str(s))
        check("--stats: sim_time_s is cycles at the default 100 MHz",
              abs(s["sim_time_s"] - s["cycles"] * 1e-8) < 1e-6, str(s))
        with open(trace) as f:
            lines = f.readlines()
        check("--trace-instructions: one line per retired instruction", len(lines) == s["instret"],
              f"{len(lines)} lines, instret {s['instret']}")
        check("--trace-instructions: starts at the entry with pc, raw bits and mnemonic",
              lines[0].startswith("0x80000000 (") and len(lines[0].split()) >= 3, lines[0])

        # Determinism and equivalence.
        stats2 = os.path.join(tmp, "stats2.json")
        run(cellvp, "run-elf", good, "--stats", stats2)
        with open(stats2) as f:
            s2 = json.load(f)
        check("same program twice: same instret, cycles and simulated time",
              (s["instret"], s["cycles"], s["sim_time_s"]) == (s2["instret"], s2["cycles"], s2["sim_time_s"]), f"{s} {s2}")
        stats3 = os.path.join(tmp, "stats3.json")
        r = run(cellvp, "run-elf", good, "--stats", stats3, "--no-dmi")
        with open(stats3) as f:
            s3 = json.load(f)
        check("--no-dmi (every access through b_transport): same result and instret",
              r.returncode == 0 and s3["instret"] == s["instret"], f"{r.returncode} {s3}")
        stats4 = os.path.join(tmp, "stats4.json")
        run(cellvp, "run-elf", good, "--stats", stats4, "--quantum-us", "50")
        with open(stats4) as f:
            s4 = json.load(f)
        check("another quantum: same instret", s4["instret"] == s["instret"], f"{s4} {s}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
