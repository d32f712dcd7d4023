#!/usr/bin/env python3
"""Checks `cellvp run-elf --gdb`, `cellvp run-cells --gdb` and `cellvp run --gdb` with the real gdb-multiarch in batch mode: the
stub waits at the reset vector, a breakpoint stops at its symbol, stepi moves by one instruction, register and
memory writes change how the program ends, continue runs it to its exit code, simulated time does not include
the time GDB held the target; and, talking the protocol directly, bad packets are answered without harm,
ebreak stops to GDB, Ctrl-C stops a running program, kill and detach work, a port in use is refused. Every step has a timeout."""
import argparse
import json
import os
import re
import select
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_check import EXIT_ERROR, check, finish, run  # noqa: E402

TIMEOUT = 60


def start_stub(cellvp, *args):
    """Starts cellvp with --gdb 0 and returns (process, port) once it waits for GDB."""
    p = subprocess.Popen([cellvp, *args, "--gdb", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + TIMEOUT
    line = ""
    while time.time() < deadline:
        ready, _, _ = select.select([p.stderr], [], [], 1.0)
        if ready:
            line = p.stderr.readline()
            m = re.search(r"waiting for GDB on port (\d+)", line)
            if m:
                return p, int(m.group(1))
            if not line:
                break
    p.kill()
    raise RuntimeError("cellvp did not wait for GDB: " + line)


def finish_stub(p):
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return -1, out, err
    return p.returncode, out, err


def gdb(elf, port, *commands):
    cmd = ["gdb-multiarch", "-batch", "-nx", "-ex", "set pagination off", "-ex", f"target remote :{port}"]
    for c in commands:
        cmd += ["-ex", c]
    if elf:
        cmd.append(elf)
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)


def symbol(elf, name):
    out = subprocess.run(["riscv64-unknown-elf-nm", elf], stdout=subprocess.PIPE, text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == name:
            return int(f[0], 16)
    raise RuntimeError(f"{name} not in {elf}")


def elf_entry(elf):
    with open(elf, "rb") as f:
        return struct.unpack_from("<I", f.read(28), 24)[0]


def value(text, key):
    m = re.search(key + r"=(0x[0-9a-f]+|-?\d+)", text)
    return int(m.group(1), 0) if m else None


class rsp:
    """The protocol by hand, for what gdb never sends."""

    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""

    def send_raw(self, data):
        self.s.sendall(data)

    def send(self, payload):
        body = payload.encode()
        self.s.sendall(b"$" + body + b"#" + b"%02x" % (sum(body) & 0xff))

    def read(self):
        """Next '-' or packet payload (acks skipped)."""
        while True:
            while self.buf[:1] == b"+":
                self.buf = self.buf[1:]
            if self.buf[:1] == b"-":
                self.buf = self.buf[1:]
                return "-"
            m = re.match(rb"\$([^#]*)#[0-9a-f]{2}", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                self.s.sendall(b"+")
                return m.group(1).decode()
            chunk = self.s.recv(4096)
            if not chunk:
                return None
            self.buf += chunk

    def ask(self, payload):
        self.send(payload)
        return self.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--firmware", required=True)
    a = ap.parse_args()
    cellvp, fw = a.cellvp, a.firmware
    elf = os.path.join(fw, "gdb-target.elf")
    if not shutil.which("gdb-multiarch"):
        print("gdb-multiarch is not installed (apt-get install gdb-multiarch)")
        sys.exit(1)
    tmp = tempfile.mkdtemp(prefix="cellvp-gdb-")
    add = symbol(elf, "gdb_add")
    answer = symbol(elf, "gdb_answer")
    try:
        # Alone, the program ends with 1 (gdb_answer + 0).
        base_stats = os.path.join(tmp, "base.json")
        r = run(cellvp, "run-elf", elf, "--stats", base_stats, timeout=TIMEOUT)
        check("without GDB the program exits 1", r.returncode == 1 and "answer 1" in r.stdout, f"{r.returncode} {r.stdout}")
        base = json.load(open(base_stats))

        # The debug info places functions right (crt0's extent no longer covers the next function): a breakpoint by
        # name lands after gdb_add's prologue, in target.c, and the address is named gdb_add, not _start.
        sym = subprocess.run(["gdb-multiarch", "-batch", "-nx", "-ex", "break gdb_add", "-ex", f"info symbol {add}",
                              elf], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT).stdout
        m = re.search(r"Breakpoint 1 at (0x[0-9a-f]+): file \S*target\.c", sym)
        check("break gdb_add (by name): in target.c, past the prologue; the address is gdb_add's",
              m is not None and int(m.group(1), 16) > add and "gdb_add in section" in sym, sym)

        # The session of the issue: breakpoint, step, registers, memory, continue.
        p, port = start_stub(cellvp, "run-elf", elf)
        g = gdb(elf, port,
                'printf "START pc=%#x\\n", $pc',
                "set var gdb_answer = 40",
                f'printf "MEM answer=%d\\n", *(unsigned *){answer}',
                "x/4wx 0x%x" % answer,
                "break *gdb_add",
                "continue",
                "info registers pc",
                'printf "BREAK pc=%#x a0=%d\\n", $pc, $a0',
                "set $a1 = 2",
                'printf "WROTE a1=%d\\n", $a1',
                "stepi",
                'printf "STEP pc=%#x\\n", $pc',
                'printf "CSR mhartid=%d misa=%#x\\n", $mhartid, $misa',
                "x/1wx 0",
                "info threads",
                "delete",
                "continue")
        rc, out, err = finish_stub(p)
        text = g.stdout
        check("gdb connects and the hart waits at the reset vector (the ELF entry)",
              value(text, "START pc") == elf_entry(elf), text)
        check("a memory write (set var) reads back", value(text, "MEM answer") == 40 and "0x00000028" in text, text)
        check("the breakpoint stops at the symbol's address", value(text, "BREAK pc") == add and
              "Breakpoint 1" in text, text)
        check("the program saw the memory write: a0 = 40 at gdb_add", value(text, r"BREAK pc=\S+ a0") == 40, text)
        check("a register write reads back", value(text, "WROTE a1") == 2, text)
        step = (value(text, "STEP pc") or 0) - add
        check("stepi moves pc by one instruction (2 or 4 bytes)", step in (2, 4), text)
        check("CSRs through the target description (mhartid 0, misa RV32IMAC)",
              value(text, "CSR mhartid") == 0 and value(text, r"CSR mhartid=\S+ misa") == 0x40001105, text)
        check("an unmapped address gives GDB an error, not a crash", "Cannot access memory at address 0x0" in text, text)
        check("info threads shows the hart", re.search(r"\* 1\s+Thread 1 .*bare hart 0", text) is not None, text)
        check("continue runs to the end and GDB gets the exit code", "exited with code 052" in text, text)
        check("the writes changed the outcome: exit 42 (40 + 2)", rc == 42 and "answer 42" in out, f"{rc} {out} {err}")

        # Simulated time stands still while GDB holds the target: the same figures as without GDB, though
        # GDB kept it stopped for a second at the start and at a breakpoint.
        stats = os.path.join(tmp, "held.json")
        p, port = start_stub(cellvp, "run-elf", elf, "--stats", stats)
        t0 = time.time()
        g = gdb(elf, port, "shell sleep 0.5", "break *gdb_add", "continue", "shell sleep 0.5", "delete", "continue")
        rc, out, err = finish_stub(p)
        held = json.load(open(stats)) if os.path.exists(stats) else {}
        check("held for a second, the run still exits 1", rc == 1 and time.time() - t0 >= 1.0, f"{rc} {g.stdout} {err}")
        check("simulated time and cycles do not include the time GDB held the target",
              held.get("sim_time_s") == base["sim_time_s"] and held.get("cycles") == base["cycles"] and
              held.get("instret") == base["instret"], f"{held} vs {base}")

        # Bad input over the protocol itself: answered, never fatal; then detach lets the program run on.
        p, port = start_stub(cellvp, "run-elf", elf)
        c = rsp(port)
        c.send_raw(b"$g#00")
        check("a bad checksum is answered '-'", c.read() == "-")
        check("an unknown packet gets the empty reply", c.ask("xyzzy") == "")
        check("a malformed m packet gets an error", c.ask("mzz") == "E01")
        check("memory where nothing is mapped gets an error", c.ask("m0,4") == "E01")
        check("a register that does not exist gets an error", c.ask("p1000") == "E01")
        check("'?' reports the stop at the start (SIGTRAP, thread 1)", c.ask("?") == "T05thread:1;")
        check("detach is acknowledged", c.ask("D") == "OK")
        rc, out, err = finish_stub(p)
        check("after detach the program runs freely to its end", rc == 1 and "answer 1" in out, f"{rc} {out} {err}")

        # ebreak in the firmware stops to GDB (SIGTRAP, pc at the ebreak) instead of trapping; after a detach
        # it traps again as the ISA says, and the ISA test passes.
        p, port = start_stub(cellvp, "run-elf", os.path.join(fw, "isa-ebreak.elf"))
        c = rsp(port)
        stop = c.ask("c")
        pc = c.ask("p20")
        insn = c.ask("m%x,4" % int.from_bytes(bytes.fromhex(pc), "little")) if pc and len(pc) == 8 else ""
        check("ebreak stops to GDB with SIGTRAP, pc at the ebreak",
              stop == "T05thread:1;" and insn == "73001000", f"{stop} {pc} {insn}")
        check("detach after an ebreak stop is acknowledged", c.ask("D") == "OK")
        rc, out, err = finish_stub(p)
        check("after detach ebreak traps as the ISA says (the ISA test passes)", rc == 0, f"{rc} {out} {err}")

        # Ctrl-C stops a running program (SIGINT), and kill ends the run.
        long_elf = os.path.join(fw, "bench-crc32.elf")
        p, port = start_stub(cellvp, "run-elf", long_elf)
        c = rsp(port)
        c.send("c")
        time.sleep(0.3)
        c.send_raw(b"\x03")
        check("Ctrl-C stops the running program with SIGINT", c.read() == "T02thread:1;")
        pc = c.ask("p20")
        check("and its registers can be read there", pc is not None and re.fullmatch(r"[0-9a-f]{8}", pc) is not None, pc)
        c.send("k")
        rc, out, err = finish_stub(p)
        check("kill ends the run (status 125, 'killed from GDB')", rc == EXIT_ERROR and "killed from GDB" in err,
              f"{rc} {err}")

        # A port that is taken: a clear message and status 125.
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        r = run(cellvp, "run-elf", elf, "--gdb", str(busy.getsockname()[1]), timeout=TIMEOUT)
        busy.close()
        check("a port in use: status 125 and 'cannot listen'", r.returncode == EXIT_ERROR and "cannot listen" in r.stderr,
              f"{r.returncode} {r.stderr}")

        # run-cells: the chosen cell's harts are GDB's threads.
        cell_elf = os.path.join(fw, "cell-multihart.elf")
        p, port = start_stub(cellvp, "run-cells", cell_elf, "--harts", "4", "--cells", "2", "--gdb-cell", "1", "--quiet")
        g = gdb(cell_elf, port, "info threads", "thread 3", 'printf "T3 mhartid=%d\\n", $mhartid', "continue")
        rc, out, err = finish_stub(p)
        text = g.stdout
        check("run-cells: info threads lists the cell's 4 harts",
              all(f"cell 1 hart {i}" in text for i in range(4)), text)
        check("run-cells: thread 3 is hart 2", value(text, "T3 mhartid") == 2, text)
        check("run-cells: continue runs every cell to its end (exit 0)", rc == 0 and "exited normally" in text,
              f"{rc} {text} {err}")

        # cellvp run: a scenario's cell, here cell 1 of boot-all-current, booting its real firmware.
        scen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "boot-all-current.toml")
        boot = os.path.join(fw, "boot.elf")
        p, port = start_stub(cellvp, "run", scen, "--out", os.path.join(tmp, "run"), "--quiet", "--gdb-cell", "1")
        g = gdb(boot, port, "break main", "continue", 'printf "RUN pc=%#x mhartid=%d\\n", $pc, $mhartid', "info threads",
                "delete", "continue")
        rc, out, err = finish_stub(p)
        text = g.stdout
        check("run: the scenario's cell stops at a breakpoint in the boot firmware",
              value(text, "RUN pc") == symbol(boot, "main") or "Breakpoint 1, main" in text, text)
        check("run: the threads are the chosen cell's harts", "cell 1 hart 0" in text, text)
        check("run: continue runs the scenario to its verdict (pass)", rc == 0 and "exited normally" in text,
              f"{rc} {text} {err}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
