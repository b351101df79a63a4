#!/usr/bin/env python3
"""csvdiff: differential check of the CSV layer against Python's csv module.

For generated random CSV (quotes, delimiters, CR, LF, CRLF, empty fields,
empty lines, UTF-8 and stray high bytes, BOMs, long fields) it runs
tools/csvcopy, the project's reader and writer alone, and checks with
Python's csv module as the independent reference that:

  1. the output parses to the same rows as the input;
  2. the output is exactly the minimally quoted form SPEC section 3
     describes (a field quoted only when it holds the delimiter, a quote,
     CR or LF; a row of one empty field as ""; the BOM written back; the
     header's line ending, CRLF or LF, on every row), and with
     --quote-all every field quoted;
  3. malformed input (a ragged row, an unterminated quote, a stray quote,
     text after a closing quote, a NUL byte) is refused with exit 1 and
     one message "csvcopy: FILE:LINE: ..." naming the line where the bad
     record starts, and the message never holds a field's value.

Inputs go to csvcopy as a file or through a pipe (a pipe hands the reader
64 KiB at a time, so large cases cross read boundaries).  Cases come from
fixed seeds, so a run is reproducible; a failing case is written to
--keep DIR for replay with csvcopy.

usage: csvdiff.py [--cases N] [--bad N] [--seed S] [--csvcopy PATH]
                  [--keep DIR] [-v]
Exit status: 0 every case held, 1 a case failed, 2 usage or setup error.
"""

import argparse
import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

BOM = b"\xef\xbb\xbf"
DELIMS = [",", ";", "\t", "|"]
MARKER = "ZQXLEAKMARKER"

csv.field_size_limit(sys.maxsize)


def find_csvcopy(given):
    if given:
        return given
    found = shutil.which("csvcopy")
    if found:
        return found
    top = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    path = os.path.join(top, "build", "rel", "tools", "csvcopy")
    if os.access(path, os.X_OK):
        return path
    sys.exit("csvdiff: csvcopy not found (build it: make programs)")


# --- generation --------------------------------------------------------

PIECES = [
    "a", "Jane", "Doe", "10000", "42", "x y", " ", "  lead", "trail  ",
    "example.com", "jane.doe@example.com", "+1 555 0100", "2026-11-29",
    "\u00c5se", "\u00f8", "\u00e9t\u00e9", "\u4e2d\u6587", "\U0001f600",
    "\u041a\u0438\u0457\u0432", "\u03a9", "'", "=", "..", "*", "@", "\\",
    "#", "$(x)", "`y`",
]
SPECIAL = [",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r"]
HIGH = [b"\x80", b"\xff", b"\xc3", b"\xe2\x82", b"\xa0"]  # not UTF-8


def gen_field(rng, big, allow_lone_cr=True):
    """A field's bytes."""
    r = rng.random()
    if r < 0.12:
        return b""
    if big and r < 0.16:
        n = rng.choice([1000, 70000, 300000])
        return (rng.choice(["x", "\u00e9", "ab,", 'q"']) * n).encode()
    parts = []
    for _ in range(rng.randint(1, 5)):
        k = rng.random()
        if k < 0.55:
            parts.append(rng.choice(PIECES).encode())
        elif k < 0.9:
            s = rng.choice(SPECIAL)
            if s == "\r" and not allow_lone_cr:
                s = "\n"
            parts.append(s.encode())
        else:
            parts.append(rng.choice(HIGH))
    return b"".join(parts)


def gen_table(rng, big, allow_lone_cr=True):
    ncols = rng.randint(1, 8)
    header, seen = [], set()
    while len(header) < ncols:
        name = gen_field(rng, False, allow_lone_cr)
        if rng.random() < 0.5:
            name = rng.choice([b"No.", b"Name", b"E-Mail", b"Open",
                               b"Customer No.", b"Posting Date"]) + name
        if name not in seen:
            seen.add(name)
            header.append(name)
    nrows = rng.randint(0, 30) if not big else rng.randint(200, 3000)
    rows = [[gen_field(rng, big and rng.random() < 0.01, allow_lone_cr)
             for _ in range(ncols)] for _ in range(nrows)]
    return [header] + rows


def needs_quotes(field, delim):
    return any(c in field for c in (delim, b'"', b"\r", b"\n"))


def encode_field(rng, field, delim, minimal):
    if needs_quotes(field, delim) or (not minimal and rng.random() < 0.2):
        return b'"' + field.replace(b'"', b'""') + b'"'
    return field


def encode(rng, table, delim, minimal):
    """Input bytes for table; minimal inputs must come out byte for byte.

    Returns (data, header_crlf).  Non-minimal inputs quote some fields
    without need, end records with LF, CRLF or CR at random, put empty
    lines between records, and may leave off the final line break.
    """
    d = delim.encode()
    if minimal:
        term = rng.choice([b"\n", b"\r\n"])
    else:
        term = rng.choice([b"\n", b"\r\n", b"\r", None])
    out = []
    first_term = None
    for i, row in enumerate(table):
        line = d.join(encode_field(rng, f, d, minimal) for f in row)
        if len(row) == 1 and row[0] == b"":
            line = b'""'  # else it is an empty line, skipped by both
        t = term if term is not None else rng.choice([b"\n", b"\r\n",
                                                       b"\r"])
        if i == 0:
            first_term = t
        out.append(line + t)
        if not minimal and i > 0 and rng.random() < 0.05:
            # An empty line after a CR would join it into a CRLF pair.
            out.append(b"\n" if t != b"\r" else b"\r")
    data = b"".join(out)
    if not minimal and rng.random() < 0.2:
        data = data[:-len(first_term if len(table) == 1 else t)]
    return data, first_term == b"\r\n"


# --- reference -----------------------------------------------------------

def py_rows(data, delim):
    """Rows as Python's csv module reads data (bytes, Latin-1 mapped)."""
    text = data.decode("latin-1")
    rd = csv.reader(io.StringIO(text, newline=""), delimiter=delim,
                    quotechar='"', doublequote=True, strict=True,
                    skipinitialspace=False)
    return [r for r in rd if r != []]


def py_rows_lines(data, delim):
    """(start line, row) for each record, lines counted as the reader does."""
    text = data.decode("latin-1")
    rd = csv.reader(io.StringIO(text, newline=""), delimiter=delim,
                    strict=True)
    out, prev = [], 0
    for r in rd:
        if r != []:
            out.append((prev + 1, r))
        prev = rd.line_num
    return out


def minimal_form(rows, delim, crlf, bom, quote_all):
    """The bytes SPEC section 3 says the writer produces for rows."""
    d = delim.encode("latin-1")
    term = b"\r\n" if crlf else b"\n"
    out = [BOM] if bom else []
    for row in rows:
        fields = [f.encode("latin-1") for f in row]
        enc = []
        for f in fields:
            if quote_all or needs_quotes(f, d):
                enc.append(b'"' + f.replace(b'"', b'""') + b'"')
            else:
                enc.append(f)
        line = d.join(enc)
        if len(fields) == 1 and fields[0] == b"" and not quote_all:
            line = b'""'
        out.append(line + term)
    return b"".join(out)


# --- running -------------------------------------------------------------

class Runner:
    def __init__(self, csvcopy, tmp, keep, verbose):
        self.csvcopy = csvcopy
        self.tmp = tmp
        self.keep = keep
        self.verbose = verbose
        self.failed = 0
        self.ran = 0

    def run(self, data, delim, quote_all, via_pipe):
        args = [self.csvcopy]
        if delim != ",":
            args += ["-d", "tab" if delim == "\t" else delim]
        if quote_all:
            args.append("--quote-all")
        path = os.path.join(self.tmp, "in.csv")
        if via_pipe:
            p = subprocess.run(args, input=data, capture_output=True)
        else:
            with open(path, "wb") as f:
                f.write(data)
            p = subprocess.run(args + [path], capture_output=True,
                               stdin=subprocess.DEVNULL)
        return p, ("<stdin>" if via_pipe else path)

    def fail(self, name, why, data, extra=""):
        self.failed += 1
        print("FAIL %s: %s%s" % (name, why, extra), file=sys.stderr)
        if self.keep:
            os.makedirs(self.keep, exist_ok=True)
            path = os.path.join(self.keep, name.replace(" ", "-") + ".csv")
            with open(path, "wb") as f:
                f.write(data)
            print("  input kept in %s" % path, file=sys.stderr)

    def good(self, seed):
        rng = random.Random(seed)
        name = "good seed %d" % seed
        delim = rng.choice(DELIMS)
        big = seed % 50 == 0
        minimal = rng.random() < 0.4
        table = gen_table(rng, big)
        data, header_crlf = encode(rng, table, delim, minimal)
        bom = rng.random() < 0.2
        if bom:
            data = BOM + data
        quote_all = rng.random() < 0.15
        via_pipe = rng.random() < 0.5
        self.ran += 1
        # Python's csv module knows no BOM: it is taken off both sides.
        want_rows = py_rows(data[len(BOM):] if bom else data, delim)
        p, _ = self.run(data, delim, quote_all, via_pipe)
        if p.returncode != 0 or p.stderr:
            return self.fail(name, "csvcopy exit %d" % p.returncode, data,
                             ": " + p.stderr.decode("latin-1")[:200])
        if p.stdout.startswith(BOM) != bom:
            return self.fail(name, "BOM not kept" if bom else "BOM added",
                             data)
        try:
            got_rows = py_rows(p.stdout[len(BOM):] if bom else p.stdout,
                               delim)
        except csv.Error as e:
            return self.fail(name, "output does not parse: %s" % e, data)
        if got_rows != want_rows:
            return self.fail(name, "output parses to other rows", data,
                             first_diff(want_rows, got_rows))
        want = minimal_form(want_rows, delim, header_crlf, bom, quote_all)
        if p.stdout != want:
            return self.fail(name, "output is not the minimal form", data,
                             byte_diff(want, p.stdout))
        if minimal and not quote_all and p.stdout != data:
            return self.fail(name, "minimal input not kept byte for byte",
                             data, byte_diff(data, p.stdout))
        if self.verbose:
            print("ok %s: %d rows, %d bytes" % (name, len(want_rows),
                                                len(data)))

    def bad(self, seed):
        rng = random.Random(1000000 + seed)
        name = "bad seed %d" % seed
        delim = rng.choice(DELIMS)
        d = delim.encode()
        table = gen_table(rng, False, allow_lone_cr=False)
        while len(table) < 3:
            table.append([b"v"] * len(table[0]))
        data, _ = encode(rng, table, delim, True)
        recs = py_rows_lines(data, delim)
        at = rng.randint(1, len(recs) - 1)
        line = recs[at][0]
        # Rebuild: the records before the bad one, the bad one, the rest.
        enc = [d.join(encode_field(rng, f.encode("latin-1"), d, True)
                      for f in r) if r != [""] else b'""' for _, r in recs]
        term = b"\r\n" if data.endswith(b"\r\n") else b"\n"
        m = MARKER.encode()
        kind = rng.choice(["ragged", "unterminated", "stray", "after",
                           "nul"])
        ncols = len(table[0])
        if kind == "ragged":
            badrec = d.join([m] * (ncols + rng.choice([1, 2])))
            if ncols > 1 and rng.random() < 0.5:
                badrec = d.join([m] * (ncols - 1))
            msg = r"row has \d+ fields, header has %d" % ncols
        elif kind == "unterminated":
            badrec = m + d + b'"' + m + b"\nstill open"
            msg = "unterminated quoted field"
        elif kind == "stray":
            badrec = m + b'x"y' + m + d * (ncols - 1)
            msg = "malformed field: stray quote or text after a closing quote"
        elif kind == "after":
            badrec = b'"' + m + b'"junk' + d * (ncols - 1)
            msg = "malformed field: stray quote or text after a closing quote"
        else:
            badrec = m + b"\x00" + m + d * (ncols - 1)
            msg = "NUL byte in input"
        rest = enc[at:] if kind != "unterminated" else []
        data = term.join(enc[:at] + [badrec] + rest) + term
        self.ran += 1
        p, path = self.run(data, delim, False, rng.random() < 0.5)
        err = p.stderr.decode("latin-1")
        want = r"^csvcopy: %s:%d: %s\n$" % (re.escape(path), line, msg)
        if p.returncode != 1:
            return self.fail(name, "%s: exit %d, wanted 1" % (
                kind, p.returncode), data)
        if MARKER in err or MARKER in p.stdout.decode("latin-1"):
            return self.fail(name, "%s: a field value reached the output "
                             "or the message" % kind, data)
        if not re.match(want, err):
            return self.fail(name, "%s: message %r, wanted /%s/" % (
                kind, err, want), data)
        if self.verbose:
            print("ok %s: %s at line %d" % (name, kind, line))


def first_diff(want, got):
    for i, (a, b) in enumerate(zip(want, got)):
        if a != b:
            return " (row %d: wanted %r, got %r)" % (i + 1, a[:4], b[:4])
    return " (%d rows wanted, %d got)" % (len(want), len(got))


def byte_diff(want, got):
    i = 0
    while i < min(len(want), len(got)) and want[i] == got[i]:
        i += 1
    return " (first difference at byte %d: wanted %r, got %r)" % (
        i, want[i:i + 20], got[i:i + 20])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--bad", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csvcopy")
    ap.add_argument("--keep")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    csvcopy = find_csvcopy(a.csvcopy)
    with tempfile.TemporaryDirectory(prefix="csvdiff.") as tmp:
        r = Runner(csvcopy, tmp, a.keep, a.v)
        for s in range(a.seed, a.seed + a.cases):
            r.good(s)
        for s in range(a.seed, a.seed + a.bad):
            r.bad(s)
    print("csvdiff: %d cases, %d failed" % (r.ran, r.failed))
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
