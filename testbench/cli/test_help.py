#!/usr/bin/env python3
"""`cellvp --help` and `cellvp COMMAND --help` document everything: every command (and `image`'s subcommands)
has a help page; every option and positional on it has a description; every command that runs something states
its exit statuses; and every option is documented in the repository's README (by name), so the page and the
manual cannot drift apart. A usage error says why and exits with CLI11's status (above 100)."""
import argparse
import re

from cli_check import check, finish, run


def sections(text):
    """The lines of the Options/Positionals sections: [(name, description)], joining wrapped descriptions."""
    items, section = [], None
    for line in text.splitlines():
        if re.match(r"^(Options|Positionals):\s*$", line):
            section = line
            continue
        if re.match(r"^\S", line):
            section = None if not line.startswith("  ") else section
            continue
        if section is None or not line.strip():
            continue
        if line.startswith("  ") and not line.startswith("   "):
            # CLI11's layout: the name from column 2, the description from column 30 (or on the next line).
            items.append([line[:30].strip(), line[30:].strip()])
        elif items:  # a wrapped description
            items[-1][1] = (items[-1][1] + " " + line.strip()).strip()
    return items


def subcommands(text):
    out, on = [], False
    for line in text.splitlines():
        if line.startswith("Subcommands:"):
            on = True
            continue
        if on:
            m = re.match(r"^  (\S+)\s", line)
            if m:
                out.append(m.group(1))
            elif line and not line.startswith(" "):
                on = False
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--readme", required=True)
    a = ap.parse_args()
    with open(a.readme) as f:
        readme = f.read()
    top = run(a.cellvp, "--help")
    check("cellvp --help: status 0 and a list of commands", top.returncode == 0 and subcommands(top.stdout), top.stdout)
    commands = [[c] for c in subcommands(top.stdout)]
    for need in ("run", "run-elf", "run-cells", "sweep", "image"):
        check(f"cellvp --help lists {need}", [need] in commands, commands)
    pages = {}
    for cmd in list(commands):
        p = run(a.cellvp, *cmd, "--help")
        pages[" ".join(cmd)] = p.stdout
        check(f"cellvp {' '.join(cmd)} --help: status 0", p.returncode == 0, p.stderr)
        commands += [cmd + [s] for s in subcommands(p.stdout)]
    for name, page in pages.items():
        items = sections(page)
        undocumented = [n for n, d in items if not d and not n.startswith("-h,")]
        check(f"cellvp {name} --help: every option and positional has a description", not undocumented, undocumented)
        options = [re.findall(r"--[a-z][a-z0-9-]*", n) for n, _ in items]
        options = sorted({o for os_ in options for o in os_} - {"--help"})
        missing = [o for o in options if o not in readme]
        check(f"cellvp {name}: every option is in the README ({len(options)} options)", not missing, missing)
        if name in ("run", "run-elf", "run-cells", "sweep", "image"):
            check(f"cellvp {name} --help states its exit statuses",
                  "Exit status" in page or "Status:" in page, page[-400:])
    p = run(a.cellvp, "run", "--no-such-option", "x.toml")
    check("an unknown option: refused with a status above 100 naming it",
          p.returncode > 100 and "--no-such-option" in p.stderr, (p.returncode, p.stderr))
    finish()


if __name__ == "__main__":
    main()
