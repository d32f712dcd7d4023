"""Shared by the CLI test scripts: named checks that print ok/FAIL, running cellvp, and the final verdict."""
import subprocess
import sys

EXIT_INVALID = 1
EXIT_LIMIT = 124
EXIT_ERROR = 125

failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f"\n     {detail}"))
    if not cond:
        failures.append(name)


def run(cellvp, *args, timeout=120):
    return subprocess.run([cellvp, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=timeout)


def finish():
    print(f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)
