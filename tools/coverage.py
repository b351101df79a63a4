#!/usr/bin/env python3
"""coverage.py: the README's table of what the job does with each table.

    python3 tools/coverage.py           rewrite README.md's coverage table
    python3 tools/coverage.py --check   exit 1 when README.md is not current

The table is generated from the job spec (pipelines/rules/tables.csv and
checks.csv), between the markers "<!-- generated:coverage -->" and
"<!-- end:coverage -->" of README.md, so that it cannot drift from what
the job does.  Beside each table: what the reference (NP Retail's
anonymization) does with it, per SPEC section 1 (Customer, the Contact
linked through Contact Business Relation, the four posted sales headers,
Issued Reminder Header) and Job's bill-to fields.
"""

import csv
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = os.path.join(TOP, "pipelines", "rules")
README = os.path.join(TOP, "README.md")

REFERENCE = {
    "Customer": "scrubbed",
    "Contact": "scrubbed (the contacts linked through Contact Business "
               "Relation, the Primary Contact No., the persons under a "
               "company contact; a contact shared with a live relation "
               "kept)",
    "Sales Invoice Header": "scrubbed",
    "Sales Cr.Memo Header": "scrubbed",
    "Sales Shipment Header": "scrubbed",
    "Return Receipt Header": "scrubbed",
    "Issued Reminder Header": "scrubbed",
    "Job": "bill-to fields scrubbed",
    "Sales Header": "checked (sell-to only)",
    "Cust. Ledger Entry": "checked",
    "Gen. Journal Line": "checked",
    "NPR MM Membership": "checked",
}

DECISION_ORDER = ["customer", "scrubbed", "checked", "link", "swept",
                  "not applicable", "setup", "log"]


def read(name):
    with open(os.path.join(RULES, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def side_name(key):
    return {"Sell-to Customer No.": "sell-to",
            "Bill-to Customer No.": "bill-to",
            "Customer No.": "customer"}.get(key, key)


def table():
    tables = {}
    order = []
    for r in read("tables.csv"):
        t = r["table"]
        if t not in tables:
            order.append(t)
            tables[t] = {"no": r["no"], "dec": r["decision"] or "scrubbed",
                         "sides": [], "reason": r["reason"],
                         "where": r["where"], "via": r["via"],
                         "steps": r.get("steps", ""), "wheres": [],
                         "sweep": r.get("sweep", "")}
        if r["customer keys"] and r["decision"] in ("scrubbed", "customer",
                                                     ""):
            tables[t]["sides"].append(r["customer keys"])
            tables[t]["wheres"].append(r["where"])
    checks = {}
    for c in read("checks.csv"):
        checks.setdefault(c["table"], []).append(c)
    rows = []
    for t in sorted(order, key=lambda t: (DECISION_ORDER.index(
            tables[t]["dec"]), t)):
        d = tables[t]
        what = d["dec"]
        if d["dec"] in ("scrubbed", "customer"):
            if d["via"]:
                what += " (through %s" % d["via"]
                if d["steps"]:
                    # A "|" in a filter is escaped: a table cell.
                    what += "; link steps `%s`" % d["steps"].replace(
                        "|", "\\|").replace("\n", "`, `")
                what += ")"
            elif len(set(d["wheres"])) > 1:
                # Each side under its own conditions.
                what += " (%s)" % ", ".join(
                    "`%s`%s" % (s, " where `%s`" % w.replace(
                        "\n", "`, `") if w else "")
                    for s, w in zip(d["sides"], d["wheres"]))
            elif len(d["sides"]) > 1:
                what += " (%s)" % ", ".join(side_name(s) for s in d["sides"])
            else:
                what += " (`%s`)" % d["sides"][0]
            if d["where"] and len(set(d["wheres"])) <= 1:
                what += " where `%s`" % d["where"].replace("\n", "`, `")
        for c in checks.get(t, []):
            kind = "held back" if c["kind"] == "open" else "retention"
            what += "; %s: %s (`%s`)" % (kind, c["reason"],
                                         c["keys"].replace("|", "` or `"))
        if d["sweep"] == "yes" and d["dec"] != "swept":
            what += "; swept"
        if d["dec"] == "not applicable":
            what += ": " + d["reason"]
        rows.append("| %s | %s | %s | %s |" % (
            t, d["no"], what, REFERENCE.get(t, "–")))
    return "\n".join(["| table | no. | custanon | reference (NP Retail) |",
                      "|---|---:|---|---|"] + rows)


def main():
    text = open(README, encoding="utf-8").read()
    pat = re.compile(r"(<!-- generated:coverage -->\n).*?"
                     r"(<!-- end:coverage -->)", re.S)
    if not pat.search(text):
        sys.exit("coverage.py: README.md lacks the coverage markers")
    new = pat.sub(lambda m: m.group(1) + table() + "\n" + m.group(2), text)
    if "--check" in sys.argv[1:]:
        if new != text:
            sys.stderr.write("coverage.py: README.md's coverage table is not "
                             "current: run python3 tools/coverage.py\n")
            return 1
        return 0
    with open(README, "w", encoding="utf-8") as f:
        f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
