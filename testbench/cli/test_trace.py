#!/usr/bin/env python3
"""`cellvp run --trace` from the outside, on the default scenario: the waveforms are parsed back and checked
against what the run recorded in events.log (reset, firmware state and phase, link up, DMA, manageability
packets), the system view and the fabric RTL line up in time, tracing changes no result, FST holds the same
changes as VCD, a window keeps only its part, the same seed gives the same bytes, the GTKWave save files name
signals that exist, and bad options are refused."""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

from cli_check import EXIT_ERROR, check, finish, run
from vcd import Vcd

PS = 10 ** 12


def events(path):
    """events.log as (time_ps, cell, kind, fields)."""
    out = []
    with open(path) as f:
        for line in f:
            t, cell, _, kind, *rest = line.split()
            out.append((round(float(t) * PS), int(cell[4:]), kind, dict(x.split("=", 1) for x in rest)))
    return out


def phase(evs, cell, target, name):
    """(start_ps, end_ps) of the first phase `name` cell `cell` printed for `target`."""
    start = next(t for t, c, k, f in evs if c == cell and k == "phase" and f["target"] == str(target)
                 and f["name"] == name and f["edge"] == "start")
    end = next(t for t, c, k, f in evs if c == cell and k == "phase" and f["target"] == str(target)
               and f["name"] == name and f["edge"] == "end" and t >= start)
    return start, end


def without_host(m):
    m = dict(m)
    m.pop("host")
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--scenarios", required=True)
    ap.add_argument("--traces", required=True, help="the repository's traces/ folder (GTKWave save files)")
    a = ap.parse_args()
    scenario = os.path.join(a.scenarios, "default.toml")
    with tempfile.TemporaryDirectory() as d:
        plain, traced, again, fst, window = (os.path.join(d, n) for n in ("plain", "traced", "again", "fst", "window"))
        p = run(a.cellvp, "run", scenario, "--out", plain, "--quiet")
        check("the default scenario passes untraced", p.returncode == 0, p.stderr)
        p = run(a.cellvp, "run", scenario, "--out", traced, "--quiet", "--trace")
        check("--trace: the run passes", p.returncode == 0, p.stderr)
        files = sorted(os.listdir(traced))
        check("--trace writes system.vcd, system.gtkw and one fabric_linkN.vcd per cell",
              all(f in files for f in ["system.vcd", "system.gtkw"] + [f"fabric_link{i}.vcd" for i in range(4)]), files)
        with open(os.path.join(plain, "metrics.json")) as f1, open(os.path.join(traced, "metrics.json")) as f2:
            check("tracing changes no result: metrics.json is the same but for host figures",
                  without_host(json.load(f1)) == without_host(json.load(f2)))

        evs = events(os.path.join(traced, "events.log"))
        s = Vcd(os.path.join(traced, "system.vcd"))
        check("system view: 1 ps resolution, as SystemC's", s.timescale == "1ps", s.timescale)
        check("system view: a scope per cell and one for the manageability bus",
              all(f"system.cell{i}.fw_state" in s.widths for i in range(4)) and "system.mgmt.packet" in s.widths,
              sorted(s.widths))

        # Boot records: each cell's fw_state becomes the record's state at the record's time (events.log has ns).
        for t, c, k, f in evs:
            if k == "boot":
                hit = [tt for tt, v in s.of(f"system.cell{c}.fw_state") if v == f["state"] and abs(tt - t) <= 1000]
                check(f"fw_state of cell {c} becomes {f['state']} when it prints its boot record at {t} ps", hit,
                      s.of(f"system.cell{c}.fw_state"))
        check("cell 2 (corrupt) is in recovery, then healthy after its update",
              [v for _, v in s.of("system.cell2.fw_state") if v in ("recovery", "healthy")] == ["recovery", "healthy"],
              s.of("system.cell2.fw_state"))

        # The update cell's phases for cell 1, and what they drive.
        for name in ("message", "training", "transfer", "reset"):
            start, end = phase(evs, 0, 1, name)
            check(f"fw_phase of cell 0 shows {name}>1 from its start record to its end record",
                  s.value_at("system.cell0.fw_phase", start) == f"{name}>1" and
                  s.value_at("system.cell0.fw_phase", end) == "idle", (start, end, s.of("system.cell0.fw_phase")[:20]))
        tr_start, tr_end = phase(evs, 0, 1, "transfer")
        check("cell 0's DMA engine is busy during its transfer to cell 1",
              any(v == "1" and tr_start <= t <= tr_end for t, v in s.of("system.cell0.dma_busy")),
              s.of("system.cell0.dma_busy")[:10])
        up = s.first("system.cell1.link_up", "1")
        check("cell 1's link comes up before the transfer to it", up is not None and up < tr_start, (up, tr_start))
        rs_start, rs_end = phase(evs, 0, 1, "reset")
        r1 = s.first("system.cell1.reset", "1")
        r0 = s.first("system.cell1.reset", "0", after=r1 or 0)
        check("cell 1's reset line pulses during cell 0's reset phase for it",
              r1 is not None and r0 is not None and rs_start <= r1 < r0 <= rs_end + 10 ** 9, (r1, r0, rs_start, rs_end))
        check("... and its link goes down with the reset",
              s.first("system.cell1.link_up", "0", after=up) is not None and
              abs(s.first("system.cell1.link_up", "0", after=up) - r1) < 10 ** 6)
        packets = [v for _, v in s.of("system.mgmt.packet")]
        check("the manageability bus shows 0>1:ENABLE then 1>0:ENABLE_ACK",
              "0>1:ENABLE" in packets and "1>0:ENABLE_ACK" in packets and
              packets.index("0>1:ENABLE") < packets.index("1>0:ENABLE_ACK"), packets[:20])
        on_wire = [(t, v) for t, v in s.of("system.mgmt.packet") if v != "idle"]
        check("mgmt busy is high whenever a packet is shown, and low when none is",
              on_wire and all(s.value_at("system.mgmt.busy", t) == "1" for t, _ in on_wire) and
              all(s.value_at("system.mgmt.busy", t) == "0" for t, v in s.of("system.mgmt.packet") if v == "idle" and t > 0),
              on_wire[:5])
        check("interrupt lines move (the mailbox's source and the harts' meip)",
              len(s.of("system.cell0.irq_src")) > 2 and len(s.of("system.cell0.meip")) > 2)

        # The fabric RTL's file lines up with the system view.
        f = Vcd(os.path.join(traced, "fabric_link1.vcd"))
        check("fabric RTL: 1 ps resolution too", f.timescale == "1ps", f.timescale)
        rtl_up = f.first("TOP.a_link_up_o", "1")
        check("link 1 comes up in the RTL within a lane clock of the system view's link_up",
              rtl_up is not None and abs(rtl_up - up) <= 1000, (rtl_up, up))
        rx = f.first("TOP.a_rx_valid_o", "1")
        check("the first packet reaches cell 1's end of the link during cell 0's transfer",
              rx is not None and tr_start - 10 ** 8 <= rx <= tr_end, (rx, tr_start, tr_end))

        # FST holds the same changes.
        p = run(a.cellvp, "run", scenario, "--out", fst, "--quiet", "--trace=fst")
        check("--trace=fst: the run passes and writes system.fst and fabric_linkN.fst",
              p.returncode == 0 and os.path.exists(os.path.join(fst, "system.fst")) and
              os.path.exists(os.path.join(fst, "fabric_link1.fst")), p.stderr)
        back = os.path.join(d, "back.vcd")
        with open(back, "w") as out:
            subprocess.run(["fst2vcd", os.path.join(fst, "system.fst")], stdout=out, check=True, timeout=60)
        b = Vcd(back)
        check("system.fst read back (fst2vcd) has the same changes as system.vcd (in any order within a time)",
              sorted(b.changes) == sorted(s.changes), (len(b.changes), len(s.changes)))

        # A window.
        p = run(a.cellvp, "run", scenario, "--out", window, "--quiet", "--trace", "--trace-from", "400ms",
                "--trace-to", "0.5s")
        check("--trace-from 400ms --trace-to 0.5s: the run passes", p.returncode == 0, p.stderr)
        w = Vcd(os.path.join(window, "system.vcd"))
        lo, hi = 400 * 10 ** 9, 500 * 10 ** 9
        check("the window's system view holds only times in [400 ms, 500 ms]",
              w.changes and all(lo <= t <= hi for t, _, _ in w.changes), (w.changes[:2], w.changes[-2:]))
        check("... starting with every signal's value at 400 ms",
              all(w.value_at(n, lo) == s.value_at(n, lo) for n in s.widths), [
                  (n, w.value_at(n, lo), s.value_at(n, lo)) for n in s.widths if w.value_at(n, lo) != s.value_at(n, lo)])
        check("... and the same changes as the full trace inside it",
              [c for c in w.changes if c[0] > lo] == [c for c in s.changes if lo < c[0] <= hi])
        fw = Vcd(os.path.join(window, "fabric_link1.vcd"))
        check("the fabric's files keep to the window too",
              fw.changes and all(lo <= t <= hi for t, _, _ in fw.changes[len(fw.widths):]),
              (fw.changes[:1], fw.changes[-1:]))
        check("the window's files are smaller (cell 2's link, busy only after the window, much smaller)",
              os.path.getsize(os.path.join(window, "fabric_link2.vcd")) <
              os.path.getsize(os.path.join(traced, "fabric_link2.vcd")) / 10 and
              os.path.getsize(os.path.join(window, "system.vcd")) < os.path.getsize(os.path.join(traced, "system.vcd")))

        # Determinism.
        p = run(a.cellvp, "run", scenario, "--out", again, "--quiet", "--trace")
        same = all(open(os.path.join(traced, n), "rb").read() == open(os.path.join(again, n), "rb").read()
                   for n in ("system.vcd", "fabric_link0.vcd", "fabric_link1.vcd", "system.gtkw"))
        check("the same scenario and seed give the same waveforms, byte for byte", p.returncode == 0 and same)

        # GTKWave save files.
        with open(os.path.join(traced, "system.gtkw")) as g:
            gtkw = g.read()
        listed = [l for l in gtkw.splitlines() if l.startswith("system.")]
        declared = set(s.widths)
        base = lambda n: n.split("[")[0]
        check("system.gtkw lists every signal of the system view, and only those",
              sorted(base(n) for n in listed) == sorted(declared), (listed, sorted(declared)))
        with open(os.path.join(a.traces, "system.gtkw")) as g:
            check("traces/system.gtkw is the one a default run writes", g.read() == gtkw)
        with open(os.path.join(a.traces, "fabric_link.gtkw")) as g:
            rtl = [l for l in g.read().splitlines() if l.startswith("TOP.")]
        check("traces/fabric_link.gtkw names signals of the fabric's files",
              rtl and all(base(n) in f.widths for n in rtl), [n for n in rtl if base(n) not in f.widths])

        # Bad options.
        for args, words in ((["--trace", "--trace-from", "soon"], "not a time"),
                            (["--trace", "--trace-from", "5"], "no unit"),
                            (["--trace", "--trace-from", "2ms", "--trace-to", "1ms"], "before"),
                            (["--trace-from", "1ms"], "need --trace")):
            p = run(a.cellvp, "run", scenario, "--out", os.path.join(d, "bad"), "--quiet", *args)
            check(f"{' '.join(args)}: refused with status 125 saying '{words}'",
                  p.returncode == EXIT_ERROR and words in p.stderr, (p.returncode, p.stderr))
        p = run(a.cellvp, "run", scenario, "--out", os.path.join(d, "bad"), "--quiet", "--trace=lxt")
        check("--trace=lxt: refused by the command line, naming the formats",
              p.returncode != 0 and "vcd" in p.stderr and "fst" in p.stderr, p.stderr)
        p = run(a.cellvp, "run", scenario, "--out", os.path.join(d, "w16"), "--quiet", "--trace",
                "--set", "fabric.lane_bits=16")
        check("16-bit lanes: the system view is written, the fabric's RTL waveform is not, with a warning",
              p.returncode == 0 and os.path.exists(os.path.join(d, "w16", "system.vcd")) and
              not os.path.exists(os.path.join(d, "w16", "fabric_link0.vcd")) and "32-bit lanes only" in p.stderr,
              p.stderr)
    finish()


if __name__ == "__main__":
    main()
