#!/usr/bin/env python3
"""Checks `cellvp image` from the outside: pack, info, verify and corrupt on the firmware the build produces,
their outputs, exit statuses (0 valid, 1 invalid image, 125 unusable input) and error messages. Each check
prints one line; the script exits non-zero if any failed."""
import argparse
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_check import EXIT_ERROR, EXIT_INVALID, EXIT_LIMIT, check, finish, run  # noqa: E402

HEADER_SIZE = 64
MAGIC = 0x49505643
TLV_INFO_MAGIC = 0x5654
TLV_SHA256 = 0x10
HW_CELL = 0xCE110001

def decode(path):
    """The image's header fields and TLVs, read independently of cellvp, after the documented layout."""
    data = open(path, "rb").read()
    (magic, hsize, _, isize, load, entry, vmaj, vmin, vpatch, vbuild, counter, flags, hw) = struct.unpack_from(
        "<IHHIIIBBHIIII", data, 0)
    tlv = hsize + isize
    tmagic, total = struct.unpack_from("<HH", data, tlv)
    tlvs, p = [], tlv + 4
    while p < tlv + total:
        t, n = struct.unpack_from("<HH", data, p)
        tlvs.append((t, data[p + 4:p + 4 + n]))
        p += 4 + n
    return dict(data=data, magic=magic, hsize=hsize, isize=isize, load=load, entry=entry,
                version=(vmaj, vmin, vpatch, vbuild), counter=counter, flags=flags, hw=hw, tlv=tlv, tmagic=tmagic,
                total=total, tlvs=tlvs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cellvp", required=True)
    ap.add_argument("--firmware", required=True)
    a = ap.parse_args()
    cellvp, fw = a.cellvp, a.firmware
    tmp = tempfile.mkdtemp(prefix="cellvp-image-")
    try:
        out = lambda name: os.path.join(tmp, name)

        # Help documents the four commands.
        r = run(cellvp, "image", "--help")
        check("image --help lists pack, info, verify and corrupt",
              r.returncode == 0 and all(w in r.stdout for w in ("pack", "info", "verify", "corrupt")), r.stdout)
        r = run(cellvp, "image", "pack", "--help")
        check("image pack --help documents --version, --security-counter, --hw-id and --slot-size",
              r.returncode == 0 and all(w in r.stdout for w in ("--version", "--security-counter", "--hw-id", "--slot-size")),
              r.stdout)

        # pack: a firmware ELF becomes an image with the documented layout.
        demo = os.path.join(fw, "demo.elf")
        img = out("demo.img")
        r = run(cellvp, "image", "pack", demo, "-o", img, "--version", "1.2.3+4", "--security-counter", "5")
        check("pack: status 0 and a summary naming the output and the version",
              r.returncode == 0 and img in r.stdout and "1.2.3+4" in r.stdout, r.stdout + r.stderr)
        d = decode(img)
        check("pack: the header has the magic, a 64-byte header, the version, counter and the cell board id",
              (d["magic"], d["hsize"], d["version"], d["counter"], d["hw"]) == (MAGIC, HEADER_SIZE, (1, 2, 3, 4), 5, HW_CELL),
              str({k: d[k] for k in ("magic", "hsize", "version", "counter", "hw")}))
        check("pack: the image is header, body and a 40-byte TLV area with one SHA-256 TLV",
              d["tmagic"] == TLV_INFO_MAGIC and d["total"] == 40 and len(d["data"]) == d["tlv"] + 40
              and [t for t, _ in d["tlvs"]] == [TLV_SHA256], f"{d['tmagic']:#x} {d['total']} {d['tlvs']}")
        check("pack: the SHA-256 TLV is the digest of header and body (checked with Python's hashlib)",
              d["tlvs"][0][1] == hashlib.sha256(d["data"][:d["tlv"]]).digest())
        check("pack: a program linked for RAM loads at 0x80000000, enters there and is flagged RAM_LOAD",
              (d["load"], d["entry"], d["flags"]) == (0x80000000, 0x80000000, 1), f"{d['load']:#x} {d['entry']:#x} {d['flags']}")
        cell = out("cell-uart.img")
        r = run(cellvp, "image", "pack", os.path.join(fw, "cell-uart.elf"), "-o", cell, "--version", "1.1",
                "--hw-id", "0x12345678", "--slot-size", "0x100000")
        dc = decode(cell) if r.returncode == 0 else {}
        check("pack: --hw-id and a short version (1.1 is 1.1.0+0); a flash-linked program runs in place",
              r.returncode == 0 and dc["hw"] == 0x12345678 and dc["version"] == (1, 1, 0, 0) and dc["flags"] == 0
              and dc["load"] == 0x20000000, r.stderr)

        # pack: bad input is refused with status 125 and a clear message.
        text = out("notes.txt")
        with open(text, "w") as f:
            f.write("not a program\n")
        r = run(cellvp, "image", "pack", text, "-o", out("x.img"), "--version", "1.0")
        check("pack: not an ELF: status 125 and 'not an ELF'", r.returncode == EXIT_ERROR and "not an ELF" in r.stderr, r.stderr)
        r = run(cellvp, "image", "pack", sys.executable, "-o", out("x.img"), "--version", "1.0")
        check("pack: a 64-bit ELF: status 125 and '64-bit'", r.returncode == EXIT_ERROR and "64-bit" in r.stderr, r.stderr)
        other = out("arm.elf")
        shutil.copy(demo, other)
        with open(other, "r+b") as f:
            f.seek(18)
            f.write(struct.pack("<H", 40))  # EM_ARM
        r = run(cellvp, "image", "pack", other, "-o", out("x.img"), "--version", "1.0")
        check("pack: another architecture: status 125 and 'not a RISC-V'",
              r.returncode == EXIT_ERROR and "not a RISC-V" in r.stderr, r.stderr)
        r = run(cellvp, "image", "pack", demo, "-o", out("x.img"), "--version", "1.0", "--slot-size", "4096")
        check("pack: too large for the slot: status 125 and 'too large for the slot'",
              r.returncode == EXIT_ERROR and "too large for the slot" in r.stderr, r.stderr)
        r = run(cellvp, "image", "pack", out("missing.elf"), "-o", out("x.img"), "--version", "1.0")
        check("pack: a missing ELF: status 125 and 'cannot open'", r.returncode == EXIT_ERROR and "cannot open" in r.stderr, r.stderr)
        r = run(cellvp, "image", "pack", demo, "-o", out("x.img"), "--version", "1.2.x")
        check("pack: a malformed --version: status 125 and the expected form",
              r.returncode == EXIT_ERROR and "MAJOR.MINOR" in r.stderr, r.stderr)
        r = run(cellvp, "image", "pack", demo, "-o", out("x.img"), "--version", "1.0", "--hw-id", "cell")
        check("pack: a --hw-id that is not a number: status 125 naming the option",
              r.returncode == EXIT_ERROR and "--hw-id" in r.stderr, r.stderr)
        r = run(cellvp, "image", "pack", demo, "-o", out("x.img"))
        check("pack: --version is required", r.returncode != 0 and "--version" in r.stderr, r.stderr)
        r = run(cellvp, "image", "pack", demo, "-o", os.path.join(tmp, "no", "such", "dir.img"), "--version", "1.0")
        check("pack: an output that cannot be written: status 125 and 'cannot write'",
              r.returncode == EXIT_ERROR and "cannot write" in r.stderr, r.stderr)

        # info: every field, the TLVs and the hash verdict.
        r = run(cellvp, "image", "info", img)
        fields = ("magic", "header size", "image size", "load address", "entry address", "version",
                  "security counter", "flags", "hardware id", "TLV area", "SHA-256", "hash")
        check("info: status 0 and every header field, the TLVs and the hash verdict",
              r.returncode == 0 and all(f in r.stdout for f in fields) and "verifies" in r.stdout
              and "1.2.3+4" in r.stdout and "0x80000000" in r.stdout and "cell board" in r.stdout
              and d["tlvs"][0][1].hex() in r.stdout and "status            valid" in r.stdout, r.stdout + r.stderr)
        r = run(cellvp, "image", "info", out("missing.img"))
        check("info: a missing file: status 125 and 'cannot open'", r.returncode == EXIT_ERROR and "cannot open" in r.stderr, r.stderr)

        # verify.
        r = run(cellvp, "image", "verify", img)
        check("verify: a packed image is valid (status 0, one line)", r.returncode == 0 and "valid image" in r.stdout, r.stdout + r.stderr)
        r = run(cellvp, "image", "verify", img, "--hw-id", hex(HW_CELL))
        check("verify --hw-id: the right board: status 0", r.returncode == 0, r.stderr)
        r = run(cellvp, "image", "verify", cell, "--hw-id", hex(HW_CELL))
        check("verify --hw-id: an image for another board: status 1 and 'wrong hardware id'",
              r.returncode == EXIT_INVALID and "wrong hardware id" in r.stderr and "0x12345678" in r.stderr, r.stderr)
        r = run(cellvp, "image", "verify", out("missing.img"))
        check("verify: a missing file: status 125 and 'cannot open'", r.returncode == EXIT_ERROR and "cannot open" in r.stderr, r.stderr)
        r = run(cellvp, "image", "verify", tmp)
        check("verify: a folder: status 125", r.returncode == EXIT_ERROR and "directory" in r.stderr, r.stderr)

        # corrupt, then verify each damaged copy.
        def damaged(name, *how):
            path = out(name)
            rc = run(cellvp, "image", "corrupt", img, "-o", path, *how)
            check(f"corrupt {' '.join(how)}: status 0 and a line saying what was done",
                  rc.returncode == 0 and path in rc.stdout, rc.stdout + rc.stderr)
            return path

        cases = [
            ("body byte flipped", damaged("body.img", "--flip-byte", str(HEADER_SIZE + 100)), "hash mismatch"),
            ("header byte (version) flipped", damaged("hdr.img", "--flip-byte", "20"), "hash mismatch"),
            ("stored hash byte flipped", damaged("hash.img", "--flip-byte", hex(d["tlv"] + 8)), "hash mismatch"),
            ("magic flipped", damaged("magic.img", "--flip-byte", "0"), "bad magic"),
            ("TLV info magic flipped", damaged("tlvmagic.img", "--flip-byte", str(d["tlv"])), "TLV area corrupt"),
            ("truncated header", damaged("th.img", "--truncate", "10"), "truncated header"),
            ("truncated body", damaged("tb.img", "--truncate", str(d["tlv"] - 100)), "truncated body"),
            ("no TLV area", damaged("nt.img", "--truncate", str(d["tlv"])), "TLV area missing"),
            ("cut inside the TLV area", damaged("ct.img", "--truncate", str(len(d["data"]) - 1)), "TLV area corrupt"),
        ]
        for what, path, msg in cases:
            r = run(cellvp, "image", "verify", path)
            check(f"verify: {what}: status 1 and '{msg}'", r.returncode == EXIT_INVALID and msg in r.stderr, r.stderr)
        flipped = open(out("body.img"), "rb").read()
        check("corrupt --flip-byte: exactly one byte differs, inverted",
              len(flipped) == len(d["data"]) and
              [i for i in range(len(flipped)) if flipped[i] != d["data"][i]] == [HEADER_SIZE + 100] and
              flipped[HEADER_SIZE + 100] == d["data"][HEADER_SIZE + 100] ^ 0xFF)
        r = run(cellvp, "image", "info", out("body.img"))
        check("info on a damaged image: prints the header, says the hash does not verify, status 1",
              r.returncode == EXIT_INVALID and "1.2.3+4" in r.stdout and "DOES NOT verify" in r.stdout
              and "hash mismatch" in r.stdout, r.stdout + r.stderr)
        r = run(cellvp, "image", "corrupt", img, "-o", out("x.img"), "--flip-byte", str(len(d["data"])))
        check("corrupt: an offset past the end: status 125 and 'past the end'",
              r.returncode == EXIT_ERROR and "past the end" in r.stderr, r.stderr)
        r = run(cellvp, "image", "corrupt", img, "-o", out("x.img"), "--truncate", str(len(d["data"]) + 1))
        check("corrupt: a length beyond the file: status 125", r.returncode == EXIT_ERROR and "longer" in r.stderr, r.stderr)
        r = run(cellvp, "image", "corrupt", img, "-o", out("x.img"))
        check("corrupt: neither --flip-byte nor --truncate: refused", r.returncode != 0 and r.stderr, r.stderr)
        r = run(cellvp, "image", "corrupt", img, "-o", out("x.img"), "--flip-byte", "1", "--truncate", "2")
        check("corrupt: both --flip-byte and --truncate: refused", r.returncode != 0 and r.stderr, r.stderr)
        r = run(cellvp, "image", "corrupt", img, "-o", out("x.img"), "--flip-byte", "-1")
        check("corrupt: a negative offset: status 125 naming the option",
              r.returncode == EXIT_ERROR and "--flip-byte" in r.stderr, r.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
