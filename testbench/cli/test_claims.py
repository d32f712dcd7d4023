#!/usr/bin/env python3
"""The claims of ../shared/seed/claims.txt, each shown by a scenario (testbench/scenarios/claims/) run with
`cellvp run` on the real firmware, plus checks of what the run recorded (metrics.json, events.log, console logs)
that the scenario's own expectations cannot state. One --claim per CTest test, named after the behaviour.

  menu-ack     claims 1, 4, 5, 8, 11, 12: menu, update message, acknowledgement, load over the fabric
  auto-noack   claims 6, 13, 15, 19: automatic, no wait for the acknowledgement
  auto-ack     claims 7, 14, 20: automatic after the acknowledgement
  auto-flag-off claims 17, 18: no automatic update without the NVRAM flag
  reset-self   claims 2, 9: the update cell resets the updated cell and itself
  tree         claims 3, 10, 16: an updated cell passes the update on
  link-down    an errored cell whose link never comes up is reported; the others are still updated
  sixteen      16 cells with 5 errored, updated as a tree
  majority     the desired version is the partition's majority when the scenario says so
"""
import argparse
import json
import os
import re
import tempfile

from cli_check import check, finish, run


def load(out):
    with open(os.path.join(out, "metrics.json")) as f:
        m = json.load(f)
    events = []
    with open(os.path.join(out, "events.log")) as f:
        for line in f:
            t, cell, rest = line.rstrip("\n").split(" ", 2)
            kind = rest.split()[1]
            fields = dict(kv.split("=", 1) for kv in rest.split()[2:])
            events.append((float(t), kind, fields))
    return m, events


def console(out, cell):
    with open(os.path.join(out, f"cell{cell}.log")) as f:
        return f.read()


def phases(m, cell):
    return {p["name"]: p for c in m["cells"] if c["id"] == cell for p in c["phases"]}


def scenario(a, name, d, *extra):
    out = os.path.join(d, name)
    p = run(a.cellvp, "run", os.path.join(a.scenarios, "claims", name + ".toml"), "--out", out, "--quiet", *extra)
    check(f"{name}: cellvp run passes its expectations (status 0)", p.returncode == 0, p.stderr)
    return load(out) + (out,)


def menu_ack(a, d):
    m, ev, out = scenario(a, "menu-ack", d)
    by = {c["id"]: c for c in m["cells"]}
    check("claim 4/11: the errored cells are the old one and the corrupt one",
          any(k == "rendezvous" and f["errored"] == "1,2" for _, k, f in ev), [f for _, k, f in ev if k == "rendezvous"])
    check("claim 4/11: versions before: 1.0 and none (corrupt: recovery mode); after: 1.1",
          by[1]["version_before"] == "1.0.0+0" and by[2]["version_before"] == "none" and
          by[1]["version_after"] == by[2]["version_after"] == "1.1.0+0", by)
    check("claim 5/12: the update came from the menu (flow menu) after the operator's command",
          m["update"]["flow"] == "menu" and m["update"]["start_s"] >= 0.3, m["update"])
    menu = console(out, 0)
    check("claim 5/12: the menu asked and was confirmed", "update 2 cell(s) to 1.1.0+0? [y/n]" in menu, menu)
    for t in (1, 2):
        ph = phases(m, t)
        check(f"claim 1/8: cell {t} enabled its fabric link on the update message, before the transfer",
              "fabric enabled" in console(out, t) and ph["message"]["end_s"] <= ph["transfer"]["start_s"], ph.keys())
        check(f"claim 5/12: cell {t}: message (answered by the acknowledgement) took at least a packet's round trip",
              ph["message"]["end_s"] - ph["message"]["start_s"] > 0.002, ph["message"])
        check(f"claim 1/8: cell {t}: the image went over the fabric (transfer, verify, erase, program, reset, boot)",
              all(n in ph for n in ("transfer", "verify", "erase", "program", "reset", "boot")), list(ph))
    check("claim 1: fabric payload bytes carried at least two images", m["fabric"]["transfer_bytes"] >= 2 * 20000,
          m["fabric"])
    check("safety: the healthy cell at the desired version is left alone (one boot, no reset)",
          len(by[3]["boots"]) == 1 and by[3]["resets"] == 0, by[3])


def auto(a, d, name, ack):
    m, ev, out = scenario(a, name, d)
    check(f"{name}: the update ran automatically at boot with flow {name}",
          m["update"]["flow"] == name and m["update"]["ok"] == 2 and m["update"]["failed"] == 0, m["update"])
    for t in (1, 2):
        ph = phases(m, t)
        waited = ph["message"]["end_s"] - ph["message"]["start_s"]
        if ack:
            check(f"claim 7/14/20: cell {t}: the update cell loaded only after the acknowledgement arrived",
                  waited > 0.002 and ph["transfer"]["start_s"] >= ph["message"]["end_s"], ph["message"])
        else:
            check(f"claim 6/13/15: cell {t}: the update cell went on without waiting for an acknowledgement",
                  waited < 0.002, ph["message"])
    if not ack:
        check("claim 19: the update cell's processor ran the update (instructions on cell 0)",
              m["host"]["cells"][0]["instructions"] > 100000, m["host"]["cells"][0])


def auto_flag_off(a, d):
    m, ev, out = scenario(a, "auto-flag-off", d)
    check("claims 17/18: with the NVRAM flag clear, no update starts",
          not any(k in ("rendezvous", "update_start") for _, k, f in ev), [k for _, k, f in ev])
    menu = console(out, 0)
    check("claims 17/18: the menu shows the flag and changes it", "auto-update flag (off)" in menu and
          "cellfw: auto-update on" in menu, menu)
    # The same scenario with the flag set does update: the flag is what decides.
    m2, ev2, out2 = scenario(a, "auto-flag-off", d, "--set", "system.until=update_end", "--set",
                             "system.max_time_s=5", "--set", "cells.0.auto_update=true", "--set",
                             "cells.1.expect_version=1.1.0+0")
    check("claims 17/18: with the flag set, the same system is updated", m2["update"]["ok"] == 1, m2["update"])


def reset_self(a, d):
    m, ev, out = scenario(a, "reset-self", d)
    by = {c["id"]: c for c in m["cells"]}
    check("claims 2/9: the updated cell was reset by the update cell", "reset" in phases(m, 1) and by[1]["resets"] >= 1,
          by[1])
    check("claims 2/9: the update cell reset itself at the end and came back with the same version",
          by[0]["resets"] == 1 and len(by[0]["boots"]) == 2 and by[0]["version_after"] == "1.1.0+0", by[0])


def tree(a, d):
    m, ev, out = scenario(a, "tree", d)
    passed_on = [f for _, k, f in ev if k == "update_done" and f["cell"] != "0" and f["result"] == "ok"]
    check("claims 3/10/16: an updated cell updated a further errored cell over the fabric", len(passed_on) >= 1,
          [f for _, k, f in ev if k == "update_done"])
    check("claims 3/10/16: four errored cells, all updated", m["update"]["ok"] == 4, m["update"])


def link_down(a, d):
    m, ev, out = scenario(a, "link-down", d)
    done = {f["target"]: f for _, k, f in ev if k == "update_done"}
    check("an errored cell whose link never comes up is reported with the reason",
          done.get("2", {}).get("result") == "fail" and done["2"]["reason"] == "target-link-down", done)
    check("... and the other errored cell is still updated", done.get("1", {}).get("result") == "ok", done)


def majority(a, d):
    m, ev, out = scenario(a, "majority", d)
    rv = [f for _, k, f in ev if k == "rendezvous"]
    check("desired = majority: the rendezvous takes the majority's version (1.0) as desired",
          rv and rv[0]["desired"] == "1.0.0+0", rv)
    check("... and the update cell, holding 1.1, loads nothing", not any(k == "update_start" for _, k, f in ev),
          [k for _, k, f in ev])
    check("... and says why", "majority runs another version" in console(out, 0), console(out, 0))
    m2, ev2, out2 = scenario(a, "majority", d, "--set", "update.desired=own", "--set", "expect.version_after=1.1.0+0")
    check("desired = own: the same system is updated to the update cell's 1.1", m2["update"]["ok"] == 3, m2["update"])


def sixteen(a, d):
    out = os.path.join(d, "sixteen")
    p = run(a.cellvp, "run", os.path.join(a.scenarios, "sixteen-cells-tree.toml"), "--out", out, "--quiet")
    check("16 cells with 5 errored (3 old, 2 corrupt): cellvp run passes", p.returncode == 0, p.stderr)
    m, ev = load(out)
    check("... all 5 updated as a tree, at least one by a cell that was updated itself",
          m["update"]["ok"] == 5 and any(k == "update_done" and f["cell"] != "0" for _, k, f in ev), m["update"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--scenarios", required=True)
    ap.add_argument("--claim", required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        {"menu-ack": menu_ack, "auto-noack": lambda a, d: auto(a, d, "auto-noack", False),
         "auto-ack": lambda a, d: auto(a, d, "auto-ack", True), "auto-flag-off": auto_flag_off,
         "reset-self": reset_self, "tree": tree, "link-down": link_down, "majority": majority, "sixteen": sixteen}[a.claim](a, d)
    finish()


if __name__ == "__main__":
    main()
