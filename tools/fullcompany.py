#!/usr/bin/env python3
"""fullcompany.py: the fixture company with every stored field of BC.

    python3 tools/fullcompany.py --out DIR [--from DIR] [--seed N]
                                 [--drop N] [--extension TABLE=COLUMN]

Writes DIR/<Table>.csv for every export of the fixture company (--from,
default fixtures/company).  Each table the job spec (pipelines/rules/
tables.csv) scrubs or checks, and Customer, carries every field Business
Central 26.3 stores in it (pipelines/bc/fields/: class Normal, not
Removed, with the fields other base-app objects add), beside the
fixture's own columns; its columns are shuffled, and N of the fields the
fixture lacks are dropped at random (--drop, default 3 a table: an export
carries a subset).  The fixture's rows keep their values, so the job's
outcomes are the fixture's (fixtures/README.md); the added fields get
values by type: synthetic people in text fields, codes, dates, decimals,
booleans, GUIDs, every value distinct from every other, so that no kept
cell holds a scrubbed one.  --extension adds one column no rule names (an
extension's field) to one table, default "Sales Invoice Header=Contoso
Delivery Note", holding a synthetic person.  The other exports are
copied as they are.  The output is a function of the seed alone.

On stderr, one line a table it widened: "TABLE: N columns, D dropped".
Exit status: 0 written, 1 an input missing, 2 usage error.
"""

import csv
import os
import random
import re
import shutil
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = os.path.join(TOP, "pipelines", "rules")
FIELDS = os.path.join(TOP, "pipelines", "bc", "fields")

FIRST = ["Åse", "Bjarke", "Cecilie", "Dorte", "Eskil", "Frida", "Gorm",
         "Hanne", "Ingolf", "Jytte", "Kaj", "Lene", "Mogens", "Nanna"]
LAST = ["Abildgaard", "Bisgaard", "Christoffersen", "Damgaard", "Elkjær",
        "Frandsen", "Gyldenløve", "Hjorth", "Iversen", "Juhl", "Krag"]


def usage(msg):
    sys.stderr.write("fullcompany: %s\nusage: fullcompany.py --out DIR "
                     "[--from DIR] [--seed N] [--drop N] "
                     "[--extension TABLE=COLUMN]\n" % msg)
    sys.exit(2)


def parse(argv):
    a = {"from": os.path.join(TOP, "fixtures", "company"), "out": None,
         "seed": 26, "drop": 3,
         "extension": "Sales Invoice Header=Contoso Delivery Note"}
    i = 0
    while i < len(argv):
        k = argv[i]
        if k in ("-h", "--help"):
            sys.stdout.write(__doc__)
            sys.exit(0)
        name, eq, val = k.partition("=")
        if name not in ("--from", "--out", "--seed", "--drop",
                        "--extension"):
            usage("unknown option %s" % k)
        if not eq:
            i += 1
            if i == len(argv):
                usage("%s takes a value" % name)
            val = argv[i]
        a[name[2:]] = val
        i += 1
    if not a["out"]:
        usage("--out is required")
    try:
        a["seed"], a["drop"] = int(a["seed"]), int(a["drop"])
    except ValueError:
        usage("--seed and --drop take whole numbers")
    if "=" not in a["extension"]:
        usage("--extension takes TABLE=COLUMN")
    return a


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def bc_fields(t):
    """BC's stored fields of table t as (name, type), or None."""
    base = os.path.join(FIELDS, t.replace("/", "-"))
    if not os.path.exists(base + ".csv"):
        return None
    out = []
    for suf in (".csv", ".tableext.csv"):
        if os.path.exists(base + suf):
            rows = read(base + suf)
            h = rows[0]
            for r in rows[1:]:
                d = dict(zip(h, r))
                if d["class"] == "Normal" and d["obsolete"] != "Removed":
                    out.append((d["name"], d["type"]))
    return out


class Values:
    """Values by type, each distinct from every other one written."""

    def __init__(self, rnd):
        self.rnd, self.n = rnd, 0

    def __call__(self, typ):
        self.n += 1
        n, rnd = self.n, self.rnd
        m = re.match(r"(Code|Text)\[(\d+)\]", typ)
        if m:
            size = int(m.group(2))
            if m.group(1) == "Text" and size >= 30:
                return "%s %s %05d" % (rnd.choice(FIRST), rnd.choice(LAST), n)
            if m.group(1) == "Text":
                return ("T%05d" % n)[:size]
            return ("K%05d" % n)[:size]
        if typ == "Decimal":
            return "%d.%02d" % (rnd.randint(1, 99999), rnd.randint(0, 99))
        if typ in ("Integer", "BigInteger"):
            return str(rnd.randint(1, 999))
        if typ == "Date":
            return "20%02d-%02d-%02d" % (rnd.randint(15, 25),
                                         rnd.randint(1, 12),
                                         rnd.randint(1, 28))
        if typ == "DateTime":
            return "20%02d-%02d-%02dT%02d:%02d:00Z" % (
                rnd.randint(15, 25), rnd.randint(1, 12), rnd.randint(1, 28),
                rnd.randint(0, 23), rnd.randint(0, 59))
        if typ == "Time":
            return "%02d:%02d:00" % (rnd.randint(0, 23), rnd.randint(0, 59))
        if typ == "Boolean":
            return rnd.choice(["Yes", "No"])
        if typ == "Guid":
            return "%08X-%04X-4%03X-8%03X-%012X" % (
                rnd.getrandbits(32), rnd.getrandbits(16),
                rnd.getrandbits(12), rnd.getrandbits(12), n)
        if typ == "DateFormula":
            return rnd.choice(["1M", "14D", "1Y", "CM"])
        if typ.startswith("Enum") or typ == "Option":
            return rnd.choice(["Standard", "Default", "Manual", "Automatic"])
        if typ == "Duration":
            return str(rnd.randint(0, 86400000))
        return ""      # Blob, Media, MediaSet, RecordId: not in an export


def main():
    a = parse(sys.argv[1:])
    rnd = random.Random(a["seed"])
    val = Values(rnd)
    ext_t, ext_c = a["extension"].split("=", 1)
    wide = set()
    for r in csv.DictReader(open(os.path.join(RULES, "tables.csv"),
                                 encoding="utf-8", newline="")):
        if r["decision"] in ("customer", "scrubbed", "checked"):
            wide.add(r["table"])
    if not os.path.isdir(a["from"]):
        sys.stderr.write("fullcompany: %s: no such folder\n" % a["from"])
        return 1
    os.makedirs(a["out"])
    for f in sorted(os.listdir(a["from"])):
        if not f.endswith(".csv"):
            continue
        t = f[:-4].replace("%2F", "/").replace("%25", "%")
        src, dst = os.path.join(a["from"], f), os.path.join(a["out"], f)
        bc = bc_fields(t) if t in wide else None
        if bc is None and t != ext_t:
            shutil.copyfile(src, dst)
            continue
        rows = read(src)
        head, body = rows[0], rows[1:]
        add = [(c, ty) for c, ty in (bc or []) if c not in head]
        drop = set(rnd.sample([c for c, _ in add],
                              min(a["drop"], len(add))))
        add = [(c, ty) for c, ty in add if c not in drop]
        if t == ext_t:
            add.append((ext_c, "Text[100]"))
        cols = head + [c for c, _ in add]
        rnd.shuffle(cols)
        types = dict(add)
        with open(dst, "w", encoding="utf-8", newline="") as out:
            w = csv.writer(out, lineterminator="\n")
            w.writerow(cols)
            for r in body:
                d = dict(zip(head, r))
                w.writerow([d[c] if c in d else val(types[c]) for c in cols])
        sys.stderr.write("%s: %d columns, %d dropped\n" % (t, len(cols),
                                                           len(drop)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
