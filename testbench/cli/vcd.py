"""A small VCD reader for the trace tests: signal declarations by hierarchical name, and every value change in
file order as (time, name, value). Values are strings: '0'/'1' for one bit, the binary digits of a vector
('b' dropped), the text of a string variable ('s' dropped)."""


class Vcd:
    def __init__(self, path):
        self.timescale = None
        self.names = {}      # id code -> list of hierarchical names (a code may be shared)
        self.widths = {}     # name -> width (0 for a string)
        self.changes = []    # (time, name, value)
        self.dumpvars_time = None
        scope = []
        time = 0
        with open(path, encoding="utf-8", errors="replace") as f:
            tokens = f.read().split()
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t == "$timescale":
                j = tokens.index("$end", i)
                self.timescale = "".join(tokens[i + 1:j])
                i = j + 1
            elif t == "$scope":
                scope.append(tokens[i + 2])
                i = tokens.index("$end", i) + 1
            elif t == "$upscope":
                scope.pop()
                i += 2
            elif t == "$var":
                j = tokens.index("$end", i)
                kind, width, code, name = tokens[i + 1], tokens[i + 2], tokens[i + 3], tokens[i + 4]
                full = ".".join(scope + [name])
                self.names.setdefault(code, []).append(full)
                self.widths[full] = 0 if kind == "string" else int(width)
                i = j + 1
            elif t in ("$date", "$version", "$comment"):
                i = tokens.index("$end", i) + 1
            elif t in ("$enddefinitions",):
                i += 2
            elif t == "$dumpvars":
                self.dumpvars_time = time
                i += 1
            elif t == "$end":
                i += 1
            elif t.startswith("#"):
                time = int(t[1:])
                i += 1
            elif t[0] in "bBrR":
                self._add(time, tokens[i + 1], t[1:])
                i += 2
            elif t[0] == "s":
                self._add(time, tokens[i + 1], t[1:])
                i += 2
            elif t[0] in "01xXzZ":
                self._add(time, t[1:], t[0])
                i += 1
            else:
                raise ValueError(f"{path}: unexpected token {t!r}")

    def _add(self, time, code, value):
        for name in self.names[code]:
            self.changes.append((time, name, value))

    def of(self, name):
        """[(time, value)] of one signal, in order."""
        return [(t, v) for t, n, v in self.changes if n == name]

    def value_at(self, name, time):
        """The value in force at `time` (the last change at or before it)."""
        value = None
        for t, v in self.of(name):
            if t > time:
                break
            value = v
        return value

    def first(self, name, value, after=-1):
        """Time of the first change of `name` to `value` after `after`, or None."""
        for t, v in self.of(name):
            if t > after and v == value:
                return t
        return None
