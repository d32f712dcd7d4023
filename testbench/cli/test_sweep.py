#!/usr/bin/env python3
"""`cellvp sweep` from the outside: a grid over the default scenario with a point that fails its expectation
(a latency bound it cannot meet): the sweep runs every point anyway, names the failed ones, exits 1, and
collects one row per point into results.csv and results.json; the same sweep as a Slurm job array whose tasks
run here with SLURM_ARRAY_TASK_ID set, then collected, gives the same table; ranges expand; a malformed sweep
file is refused with status 125 naming file, line and field."""
import argparse
import csv
import json
import os
import tempfile

from cli_check import EXIT_ERROR, check, finish, run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--scenarios", required=True)
    a = ap.parse_args()
    base = os.path.join(a.scenarios, "default.toml")
    with tempfile.TemporaryDirectory() as d:
        sweep = os.path.join(d, "grid.toml")
        with open(sweep, "w") as f:
            f.write(f'base = "{base}"\n[vary]\n"update.strategy" = ["sequential", "parallel"]\n'
                    f'"expect.max_latency_s" = [0.001, 100]\n')
        out = os.path.join(d, "out")
        p = run(a.cellvp, "sweep", sweep, "--out", out, "--jobs", "2", timeout=600)
        check("a failed point: status 1, the other points still run", p.returncode == 1, p.stderr)
        check("the failed points are named with their reason",
              "sweep point 0 failed" in p.stderr and "sweep point 1 failed" in p.stderr and "max_latency_s" in p.stderr,
              p.stderr)
        with open(os.path.join(out, "results.csv")) as f:
            rows = list(csv.DictReader(f))
        check("results.csv: one row per point with its parameters", len(rows) == 4 and
              [r["update.strategy"] for r in rows] == ["sequential", "parallel"] * 2, rows)
        check("... failing points fail, the others pass with a latency",
              [r["result"] for r in rows] == ["fail", "fail", "pass", "pass"] and
              all(float(r["update.latency_s"]) > 0 for r in rows), rows)
        check("... parallel beats sequential on latency",
              float(rows[3]["update.latency_s"]) < float(rows[2]["update.latency_s"]), rows)
        with open(os.path.join(out, "results.json")) as f:
            j = json.load(f)
        check("results.json: the same points, with the reasons of failed ones",
              len(j["points"]) == 4 and j["points"][0]["status"] == 1 and j["points"][0]["reasons"], j["points"][0])

        # The same sweep as a Slurm job array, its tasks run here with SLURM_ARRAY_TASK_ID set, then collected.
        import subprocess
        script = os.path.join(d, "job.sh")
        slout = os.path.join(d, "slurm-out")
        p = run(a.cellvp, "sweep", sweep, "--out", slout, "--slurm", script)
        with open(script) as f:
            text = f.read()
        check("--slurm writes a job array script, one task per point", p.returncode == 0 and
              "#SBATCH --array=0-3" in text, text[:400])
        codes = [subprocess.run(["bash", script], env=dict(os.environ, SLURM_ARRAY_TASK_ID=str(t)),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode for t in range(4)]
        check("its tasks run locally: the two tight points fail, the others pass", codes == [1, 1, 0, 0], codes)
        p = run(a.cellvp, "sweep", sweep, "--out", slout, "--collect")
        with open(os.path.join(slout, "results.csv")) as f:
            srows = list(csv.DictReader(f))
        check("--collect builds the same table from the tasks' outputs", p.returncode == 1 and
              [(r["update.strategy"], r["result"], r["update.latency_s"]) for r in srows] ==
              [(r["update.strategy"], r["result"], r["update.latency_s"]) for r in rows], (srows, rows))

        ranged = os.path.join(d, "range.toml")
        with open(ranged, "w") as f:
            f.write(f'base = "{base}"\n[vary]\n"system.settle_ms" = {{ from = 10, to = 30, step = 10 }}\n')
        p = run(a.cellvp, "sweep", ranged, "--out", os.path.join(d, "r"), "--quiet", timeout=600)
        with open(os.path.join(d, "r", "results.csv")) as f:
            rows = list(csv.DictReader(f))
        check("a range {from, to, step} gives its values", p.returncode == 0 and
              [r["system.settle_ms"] for r in rows] == ["10", "20", "30"], (p.stderr, rows))

        bad = os.path.join(d, "bad.toml")
        with open(bad, "w") as f:
            f.write(f'base = "{base}"\n[vary]\n"update.strategy" = "tree"\n')
        p = run(a.cellvp, "sweep", bad, "--out", os.path.join(d, "b"))
        check("a malformed sweep file: status 125 naming file, line and field",
              p.returncode == EXIT_ERROR and "bad.toml:3: vary.update.strategy" in p.stderr, p.stderr)
    finish()


if __name__ == "__main__":
    main()
