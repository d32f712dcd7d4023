#!/usr/bin/env python3
"""`cellvp report` from the outside, on the results of real short sweeps of the default scenario.

--part baseline: a report of a sweep, alone and against itself, exits 0 with no regression; against a baseline
  copy in which one point's update latency was lower (an injected regression) it exits 1 and names the point and
  the metric on stderr and in summary.md; against one in which it was higher (an improvement) it exits 0;
  a malformed baseline, a baseline of another kind and missing results are refused with status 125.
--part html: the HTML report of a sweep over strategy, cells and payload size has its six plots, each with data
  points; a single run's report says which plots it has no data for; headless Chromium (Debian's `chromium`,
  installed by tools/quickstart) renders the report and the screenshot is not blank: many non-white pixels, many
  colours, the plots' series colours, and drawing in the lower part of the page where the plots are.
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib

from cli_check import EXIT_ERROR, check, finish, run


def sweep(cellvp, scenarios, d, name, vary):
    path = os.path.join(d, name + ".toml")
    with open(path, "w") as f:
        f.write(f'base = "{os.path.abspath(os.path.join(scenarios, "default.toml"))}"\n[vary]\n{vary}')
    out = os.path.join(d, name)
    p = run(cellvp, "sweep", path, "--out", out, "--jobs", "2", "--quiet", timeout=600)
    check(f"sweep {name}: every point passes", p.returncode == 0, p.stderr)
    return out


def scale_latency(folder, point, factor):
    """Multiplies one point's update latency in a copy of a sweep (its metrics.json and results.json)."""
    mf = os.path.join(folder, f"point-{point}", "metrics.json")
    with open(mf) as f:
        m = json.load(f)
    m["update"]["latency_s"] *= factor
    with open(mf, "w") as f:
        json.dump(m, f)
    rf = os.path.join(folder, "results.json")
    with open(rf) as f:
        r = json.load(f)
    r["points"][point]["update.latency_s"] *= factor
    with open(rf, "w") as f:
        json.dump(r, f)


def read(path):
    with open(path) as f:
        return f.read()


def part_baseline(a, d):
    out = sweep(a.cellvp, a.scenarios, d, "grid",
                '"system.cells" = [4, 5]\n"update.strategy" = ["sequential", "parallel"]\n')
    p = run(a.cellvp, "report", out, "--out", os.path.join(d, "r0"))
    check("a report without a baseline exits 0 and prints the summary",
          p.returncode == 0 and "# cellvp report" in p.stdout and "4 points, 4 passed" in p.stdout, p.stdout + p.stderr)
    check("... and writes report.html and summary.md",
          os.path.exists(os.path.join(d, "r0", "report.html")) and os.path.exists(os.path.join(d, "r0", "summary.md")))

    p = run(a.cellvp, "report", out, "--baseline", out, "--out", os.path.join(d, "r1"))
    check("a report against itself: exit 0, no regression", p.returncode == 0 and "Regressions: 0" in p.stdout and
          "regression:" not in p.stderr, p.stdout + p.stderr)

    # The baseline was faster at point 2 (sequential on 5 cells): now 25 % slower, beyond the 5 % threshold.
    slower = os.path.join(d, "baseline-faster")
    shutil.copytree(out, slower)
    scale_latency(slower, 2, 0.8)
    p = run(a.cellvp, "report", out, "--baseline", slower, "--out", os.path.join(d, "r2"))
    check("an injected regression: exit 1", p.returncode == 1, p.stdout + p.stderr)
    check("... the point and the metric are named on stderr",
          re.search(r"regression: point 2 update\.latency_s .* -> .* \(\+25\.0 % > 5 %\)", p.stderr) is not None,
          p.stderr)
    check("... only that one", p.stderr.count("regression:") == 1, p.stderr)
    md = read(os.path.join(d, "r2", "summary.md"))
    check("... and in summary.md's regressions table",
          "Regressions: 1" in md and re.search(r"\| point 2 \| .* \| update\.latency_s \|", md) is not None, md)
    html = read(os.path.join(d, "r2", "report.html"))
    check("... and marked in the HTML report", 'class="regression"' in html and "1 regression," in html, html[:2000])

    # The baseline was slower at point 1: now an improvement, which does not fail.
    faster = os.path.join(d, "baseline-slower")
    shutil.copytree(out, faster)
    scale_latency(faster, 1, 1.25)
    p = run(a.cellvp, "report", out, "--baseline", faster, "--out", os.path.join(d, "r3"))
    md = read(os.path.join(d, "r3", "summary.md"))
    check("an improvement: exit 0, marked as such", p.returncode == 0 and "Improvements: 1" in md and
          "Regressions: 0" in md and re.search(r"\| point 1 \| .* \| update\.latency_s \|", md) is not None, md)
    p = run(a.cellvp, "report", out, "--baseline", slower, "--threshold", "30", "--out", os.path.join(d, "r4"))
    check("--threshold: a move within it is no regression", p.returncode == 0, p.stdout + p.stderr)

    bad = os.path.join(d, "bad.json")
    with open(bad, "w") as f:
        f.write('{"points": [ {"point": 0, ')
    p = run(a.cellvp, "report", out, "--baseline", bad, "--out", os.path.join(d, "r5"))
    check("a malformed baseline: status 125 naming the file", p.returncode == EXIT_ERROR and
          "bad.json: not valid JSON" in p.stderr, p.stderr)
    p = run(a.cellvp, "report", out, "--baseline", os.path.join(out, "point-0", "metrics.json"),
            "--out", os.path.join(d, "r6"))
    check("a baseline of another kind (a run against a sweep): status 125", p.returncode == EXIT_ERROR and
          "same kind" in p.stderr, p.stderr)
    p = run(a.cellvp, "report", os.path.join(d, "nothing-here"))
    check("missing results: status 125", p.returncode == EXIT_ERROR and "nothing-here" in p.stderr, p.stderr)

    # A single run, against itself with a regression injected in its metrics.json.
    run_dir = os.path.join(out, "point-0")
    base_run = os.path.join(d, "run-baseline.json")
    m = json.loads(read(os.path.join(run_dir, "metrics.json")))
    m["sim"]["time_s"] *= 0.5
    with open(base_run, "w") as f:
        json.dump(m, f)
    p = run(a.cellvp, "report", run_dir, "--baseline", base_run, "--out", os.path.join(d, "r7"))
    check("a run against a run's metrics.json: the regression is named", p.returncode == 1 and
          "regression: run sim.time_s" in p.stderr, p.stderr)


def png_pixels(path):
    """Width, height and rows of (r, g, b) of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            ul = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + left) & 255
            elif f == 2:
                line[i] = (line[i] + up) & 255
            elif f == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(up - ul), abs(left - ul), abs(left + up - 2 * ul)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else ul)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def part_html(a, d):
    out = sweep(a.cellvp, a.scenarios, d, "grid",
                '"fabric.max_payload" = [128, 1024]\n"system.cells" = [4, 6]\n'
                '"update.strategy" = ["sequential", "tree"]\n')
    rep = os.path.join(d, "report")
    p = run(a.cellvp, "report", out, "--out", rep)
    check("the report of an 8-point sweep exits 0", p.returncode == 0, p.stdout + p.stderr)
    html = read(os.path.join(rep, "report.html"))
    plots = re.findall(r'<svg class="plot[^"]*" data-points="(\d+)"', html)
    check("six plots: bandwidth, latency against cells and errored cells, wall time, MIPS, phases",
          len(plots) == 6 and "nodata" not in html.split("<h2>Plots</h2>")[1], (plots, p.stdout))
    check("... each with data points", plots and all(int(n) > 0 for n in plots) and
          html.count('class="pt"') >= 8 * 5, plots)
    for title in ("payload size", "against cells", "against errored cells", "Host wall time", "Host speed",
                  "Phases per cell"):
        check(f"... the plot '{title}' is there", title in html)
    check("... self-contained: no script, no external resource",
          "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and
          "https://" not in html)

    single = os.path.join(d, "single")
    p = run(a.cellvp, "report", os.path.join(out, "point-0"), "--out", single)
    shtml = read(os.path.join(single, "report.html"))
    check("a single run: host and phase plots, and plain words for the plots it has no data for",
          p.returncode == 0 and len(re.findall(r"<svg class=\"plot", shtml)) == 3 and
          "No plot: no sweep varies fabric.max_payload or fabric.lane_bits (this is a single run)" in shtml and
          "No plot: every run has 4 cells" in shtml, p.stdout + p.stderr)

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    ok = os.path.exists(chromium)
    check("headless Chromium is installed (tools/quickstart installs Debian's chromium)", ok, chromium)
    if not ok:
        return
    shot = os.path.join(d, "report.png")
    r = subprocess.run([chromium, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                        f"--user-data-dir={os.path.join(d, 'chromium-profile')}", f"--screenshot={shot}",
                        "--window-size=1200,3000", "file://" + os.path.abspath(os.path.join(rep, "report.html"))],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=180,
                       env=dict(os.environ, HOME=d))
    check("Chromium renders the report to a screenshot", r.returncode == 0 and os.path.exists(shot),
          r.stdout + r.stderr[-2000:])
    if not os.path.exists(shot):
        return
    w, h, rows = png_pixels(shot)
    colours, nonwhite, lower = set(), 0, 0
    series = {(0x1f, 0x77, 0xb4): 0, (0xd6, 0x27, 0x28): 0}
    for y, line in enumerate(rows):
        for px in line:
            colours.add(px)
            if px != (255, 255, 255):
                nonwhite += 1
                if y > h // 3:
                    lower += 1
            if px in series:
                series[px] += 1
    print(f"     screenshot {w}x{h}: {nonwhite} non-white pixels, {len(colours)} colours, series {series}, "
          f"{lower} drawn below the first third")
    check("the screenshot is not blank: many non-white pixels and colours",
          nonwhite > w * h // 50 and len(colours) > 50, (nonwhite, len(colours)))
    check("... the plots' series colours are drawn", all(n > 200 for n in series.values()), series)
    check("... the lower part of the page, where the plots are, is drawn on", lower > w * h // 100, lower)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--scenarios", required=True)
    ap.add_argument("--part", choices=["baseline", "html"], required=True)
    ap.add_argument("--keep", help="work in this folder and keep it (to look at the report)")
    a = ap.parse_args()
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        (part_baseline if a.part == "baseline" else part_html)(a, a.keep)
    else:
        with tempfile.TemporaryDirectory() as d:
            (part_baseline if a.part == "baseline" else part_html)(a, d)
    finish()


if __name__ == "__main__":
    main()
