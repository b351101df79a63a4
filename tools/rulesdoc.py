#!/usr/bin/env python3
"""rulesdoc.py: the per-table summary of the shipped scrub rules.

    python3 tools/rulesdoc.py           rewrite the summary in the README
    python3 tools/rulesdoc.py --check   exit 1 when the README's is stale

Writes, between the "<!-- generated:rules -->" and "<!-- end:rules -->"
markers of pipelines/rules/README.md, what the rules files of the job
spec do, table by table in the order of tables.csv: the columns the job
requires (no "?"), then each action with the fields it takes, for every
side of the table at once where its sides agree and side by side where
they do not, and what is kept: how many fields, and by name the text and
media fields among them (the field types are Business Central's, from
pipelines/bc/fields/), and the rules for columns Business Central's
table lacks.  The rules files are the decisions; this is their digest,
so a reviewer reads them in one sitting.  tests/cases/rules-bc.sh runs
--check.
"""

import csv
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = os.path.join(TOP, "pipelines", "rules")
README = os.path.join(RULES, "README.md")
FIELDS = os.path.join(TOP, "pipelines", "bc", "fields")
BEGIN, END = "<!-- generated:rules -->\n", "<!-- end:rules -->"


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def bc_types(table):
    """Business Central's stored fields and FlowFields of table: name ->
    type, or None when the field facts lack the table."""
    base = os.path.join(FIELDS, table.replace("/", "-"))
    if not os.path.exists(base + ".csv"):
        return None
    out = {}
    for suf in (".csv", ".tableext.csv"):
        if os.path.exists(base + suf):
            for r in rows(base + suf):
                if r["obsolete"] != "Removed" and \
                        r["class"].lower() != "flowfilter":
                    out[r["name"]] = r["type"]
    return out


def label(action, arg):
    if action == "replace":
        return "`%s`" % arg
    if action == "blank":
        return "empty"
    if action == "redact-pii":
        return "redact-pii"
    return "`%s %s`" % (action, arg) if arg else "`%s`" % action


def names(cols):
    return ", ".join(cols)


def table_doc(table, no, sides):
    """The summary of one table; sides: [(rules file, reason)]."""
    rules = []
    for f, _ in sides:
        rs = {}
        order = []
        for r in rows(os.path.join(RULES, f)):
            c = r["column"]
            rs[c.lstrip("?")] = (r["action"].lower(), r["argument"],
                                 not c.startswith("?"))
            order.append(c.lstrip("?"))
        rules.append((rs, order))
    cols = list(rules[0][1])
    for rs, order in rules[1:]:
        cols += [c for c in order if c not in cols]
    types = bc_types(table) or {}
    head = "### %s%s" % (table, " (%s)" % no if no else "")
    out = [head, ""]
    for f, reason in sides:
        out.append("- `%s`: %s" % (f, reason))
    req = [c for c in cols if any(rs.get(c, ("", "", False))[2]
                                  for rs, _ in rules)]
    out.append("- required: %s" % names(req))
    common, apart, kept = {}, [{} for _ in sides], []
    for c in cols:
        acts = [rs.get(c, ("keep", "", False))[:2] for rs, _ in rules]
        if all(a == ("keep", "") for a in acts):
            kept.append(c)
        elif all(a == acts[0] for a in acts):
            common.setdefault(label(*acts[0]), []).append(c)
        else:
            for i, a in enumerate(acts):
                if a != ("keep", ""):
                    apart[i].setdefault(label(*a), []).append(c)
    every = "every side, " if len(sides) > 1 else ""
    for lab, cs in common.items():
        out.append("- %s%s: %s" % (every, lab, names(cs)))
    for (f, _), acts in zip(sides, apart):
        if acts:
            out.append("- `%s` only: %s" % (f, "; ".join(
                "%s: %s" % (lab, names(cs)) for lab, cs in acts.items())))
    text = [c for c in kept if types.get(c, "").startswith("Text")
            or types.get(c) in ("Blob", "Media", "MediaSet")]
    line = "- kept%s: %d fields" % (" by every side" if every else "",
                                    len(kept))
    if text:
        line += "; the text and media among them: %s" % names(text)
    out.append(line)
    if types:
        extra = [c for c in cols if c not in types]
        if extra:
            out.append("- not fields of Business Central's table: %s"
                       % names(extra))
    out.append("")
    return out


def generate():
    order, sides, nos = [], {}, {}
    for r in rows(os.path.join(RULES, "tables.csv")):
        if r["decision"] not in ("customer", "scrubbed", "link") or not r["rules"]:
            continue
        t = r["table"]
        if t not in sides:
            order.append(t)
            sides[t] = []
            nos[t] = r["no"]
        sides[t].append((r["rules"], r["reason"]))
    out = []
    for t in order:
        out += table_doc(t, nos[t], sides[t])
    return "\n".join(out)


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] and not check:
        sys.exit("usage: rulesdoc.py [--check]")
    with open(README, encoding="utf-8") as f:
        text = f.read()
    a = text.find(BEGIN)
    b = text.find(END)
    if a < 0 or b < a:
        sys.exit("rulesdoc: %s lacks the generated:rules markers" % README)
    new = text[:a + len(BEGIN)] + generate() + "\n" + text[b:]
    if check:
        if new != text:
            sys.exit("rulesdoc: %s is not current: run python3 "
                     "tools/rulesdoc.py" % os.path.relpath(README, TOP))
        return
    with open(README, "w", encoding="utf-8") as f:
        f.write(new)


if __name__ == "__main__":
    main()
