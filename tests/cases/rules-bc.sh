# The shipped rules files (pipelines/rules/) against Business Central's
# own field lists (pipelines/bc/, Base Application 26.3): every stored
# field of a scrubbed table has a rule, no rule names a field BC lacks
# (NP Retail's aside), every identity field is scrubbed whole (replaced,
# blanked or redacted; never kept, masked or truncated) and every
# free-text field redacted, only the job's own columns are required, and
# each file loads and runs on an export with all of BC's fields or only
# the required ones.  Also: the README's per-table summary is current,
# and fixtures/mkcompany.py still wants a rule for every fixture column.

RULES=$TOP/pipelines/rules
BC=$TOP/pipelines/bc
IDENT=$DATA/bc/customer-tables.csv

# check.py RULES: every flaw of the rules folder RULES, one a line.
cat >"$WORK/check.py" <<'PY'
import csv, os, sys

rules_dir, bc, fix, ident_csv = sys.argv[1:5]

# NP Retail's fields (SPEC sections 1 and 2), not in BC's lists.
NPR = {"Customer": {"To Anonymize", "To Anonymize On", "Anonymized",
                    "Anonymized Date"}}
# Columns of the fixture company that BC 26.3's tables lack; each must
# still be in the fixture (when it goes, its rule goes).
FIXTURE_ONLY = {"Return Receipt Header": {"Sell-to Phone No.",
                                          "Sell-to E-Mail",
                                          "Work Description", "Amount"},
                "Sales Shipment Header": {"Amount"}}
# Identity fields of customer-tables.csv that are not the customer's: a
# purchase document's VAT Registration No. is its vendor's.
NOT_THE_CUSTOMERS = {(t, "VAT Registration No.") for t in (
    "Purch. Rcpt. Header", "Purch. Inv. Header", "Purch. Cr. Memo Hdr.",
    "Return Shipment Header", "Purchase Header Archive")}
# What stamp needs but does not add (SPEC section 2).
STAMP = {"Customer": {"Blocked"}}


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def bc_fields(t):
    """(stored, flowfields, never data) of table t, or None."""
    base = os.path.join(bc, "fields", t.replace("/", "-"))
    if not os.path.exists(base + ".csv"):
        return None
    stored, flow, other = [], set(), set()
    for suf in (".csv", ".tableext.csv"):
        if not os.path.exists(base + suf):
            continue
        for r in read(base + suf):
            cl = r["class"].lower()
            if r["obsolete"] == "Removed" or cl == "flowfilter":
                other.add(r["name"])
            elif cl == "normal":
                stored.append(r["name"])
            else:
                flow.add(r["name"])
    return stored, flow, other - set(stored) - flow


def cols(w):
    """The columns a where (one condition a line) reads, '?' ones
    aside."""
    return {c.split("=", 1)[0] for c in w.split("\n")
            if c and not c.startswith("?")}


bad = []
tables = read(os.path.join(rules_dir, "tables.csv"))
checks = read(os.path.join(rules_dir, "checks.csv"))
need, sides = {}, {}
for r in tables:
    t = r["table"]
    n = need.setdefault(t, set())
    n.update(x for x in (r["primary key"] + "|" + r["customer keys"])
             .split("|") if x)
    n |= cols(r["where"])
    if r["job columns"] and r["job columns"] != "*":
        n.update(r["job columns"].split("|"))
    if r["decision"] in ("customer", "scrubbed", "link") and \
            r["rules"] not in sides.get(t, []):
        sides.setdefault(t, []).append(r["rules"])
    # The columns the link steps read: the primary step's of Customer,
    # the others' of the table, shared where's of its via table.
    for st in r.get("steps", "").split("\n"):
        name, _, val = st.partition("=")
        if name == "primary":
            need.setdefault("Customer", set()).add(val)
        elif name == "under":
            n.add(val)
        elif name in ("under where", "under known", "above known"):
            n.add(val.split("=", 1)[0])
        elif name == "shared where":
            need.setdefault(r["via"], set()).add(val.split("=", 1)[0])
for c in checks:
    n = need.setdefault(c["table"], set())
    n.update(x for x in (c["keys"] + "|" + c["self key"] + "|" + c["date"])
             .split("|") if x)
    n |= cols(c["where"])
ident = {r["table"]: r for r in read(ident_csv)}
nfiles = 0
for t, files in sides.items():
    facts = bc_fields(t)
    if facts is None:
        bad.append("%s: no field facts" % t)
        continue
    stored, flow, never = facts
    extra_ok = NPR.get(t, set()) | FIXTURE_ONLY.get(t, set())
    if FIXTURE_ONLY.get(t):
        with open(os.path.join(fix, t + ".csv"), encoding="utf-8") as f:
            head = next(csv.reader(f))
        for c in sorted(FIXTURE_ONLY[t] - set(head)):
            bad.append("%s: %s is no longer in the fixture: drop its rule"
                       % (t, c))
    want = (need[t] - NPR.get(t, set())) | STAMP.get(t, set())
    acts = {}
    for f in files:
        nfiles += 1
        rs = {}
        for r in read(os.path.join(rules_dir, f)):
            c = r["column"]
            if c.lstrip("?") in rs:
                bad.append("%s: %s twice" % (f, c.lstrip("?")))
            rs[c.lstrip("?")] = (r["action"], c.startswith("?"))
        acts[f] = rs
        # (a) every stored field and FlowField has a rule, no other
        for c in stored:
            if c not in rs:
                bad.append("%s: no rule for BC's %s" % (f, c))
        for c in sorted(flow):
            if c not in rs:
                bad.append("%s: no rule for the FlowField %s" % (f, c))
            elif rs[c] != ("keep", True):
                bad.append("%s: the FlowField %s is not an optional keep"
                           % (f, c))
        for c in sorted(set(rs) - set(stored) - flow - extra_ok):
            why = "never data" if c in never else "not a field of BC's %s" % t
            bad.append("%s: rule for %s: %s" % (f, c, why))
        for c in sorted(NPR.get(t, set())):
            if rs.get(c) != ("keep", True):
                bad.append("%s: NP Retail's %s is not an optional keep"
                           % (f, c))
        # (c) the job's own columns are required, no other
        req = {c for c, (_, opt) in rs.items() if not opt}
        for c in sorted(want - req):
            bad.append("%s: %s is the job's and not required" % (f, c))
        for c in sorted(req - want):
            bad.append("%s: %s is required but not the job's" % (f, c))
    # (b) identity fields scrubbed by a side, free text by every side
    it = ident.get(t)
    if it is None:
        continue
    for c in (x for x in it["identity fields"].split("|") if x):
        if (t, c) in NOT_THE_CUSTOMERS:
            continue
        how = [acts[f].get(c, ("keep",))[0] for f in files]
        if all(a == "keep" for a in how):
            bad.append("%s: identity field %s kept by every side" % (t, c))
        # scrubbed whole: mask, truncate, year and regex leave part of it
        for f, a in zip(files, how):
            if a not in ("keep", "replace", "blank", "redact-pii"):
                bad.append("%s: identity field %s only partly scrubbed "
                           "(%s)" % (f, c, a))
    for c in (x for x in it["free-text fields"].split("|") if x):
        for f in files:
            if acts[f].get(c, ("keep",))[0] == "keep":
                bad.append("%s: free text %s kept" % (f, c))
for t in ident:
    if t not in sides and t in {r["table"] for r in tables
                                if r["decision"] == "scrubbed"}:
        bad.append("%s: scrubbed without rules" % t)
if bad:
    print("\n".join(bad))
print("files checked: %d" % nfiles, file=sys.stderr)
PY

# hdr.py RULES OUT: for each rules file, OUT/N.rules (its path), OUT/N.all
# (every BC field of its table, shuffled, and one row of invented
# values) and OUT/N.req (its required columns only, one row).
cat >"$WORK/hdr.py" <<'PY'
import csv, os, random, sys

rules_dir, bc, out = sys.argv[1:4]
os.makedirs(out)
rnd = random.Random(13)
n = 0
done = set()
for r in csv.DictReader(open(os.path.join(rules_dir, "tables.csv"),
                             encoding="utf-8")):
    # Each rules file once (two sides may share one).
    if r["decision"] not in ("customer", "scrubbed", "link") or r["rules"] in done:
        continue
    done.add(r["rules"])
    t = r["table"]
    base = os.path.join(bc, "fields", t.replace("/", "-"))
    fields = []
    for suf in (".csv", ".tableext.csv"):
        if os.path.exists(base + suf):
            fields += [x["name"] for x in csv.DictReader(
                open(base + suf, encoding="utf-8"))
                if x["obsolete"] != "Removed" and
                x["class"].lower() != "flowfilter"]
    req = [x["column"] for x in csv.DictReader(
        open(os.path.join(rules_dir, r["rules"]), encoding="utf-8"))
        if not x["column"].startswith("?")]
    rnd.shuffle(fields)
    n += 1
    with open(os.path.join(out, "%d.rules" % n), "w") as f:
        f.write(os.path.join(rules_dir, r["rules"]))
    for name, cs in (("all", fields), ("req", req)):
        with open(os.path.join(out, "%d.%s" % (n, name)), "w",
                  encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cs)
            w.writerow(["Val %d, %s" % (i, "Ødegård") for i in
                        range(len(cs))])
PY

# scrubbed.py DIR: each DIR/N.*.out against its input and rules: a
# replace rule's text, blank empty, keep unchanged.
cat >"$WORK/scrubbed.py" <<'PY'
import csv, glob, os, sys

d = sys.argv[1]
bad = 0
for out in sorted(glob.glob(os.path.join(d, "*.out"))):
    n, kind = os.path.basename(out).split(".")[:2]
    rules = open(os.path.join(d, n + ".rules")).read()
    act = {x["column"].lstrip("?"): (x["action"], x["argument"])
           for x in csv.DictReader(open(rules, encoding="utf-8"))}
    inp = list(csv.reader(open(os.path.join(d, n + "." + kind),
                               encoding="utf-8")))
    got = list(csv.reader(open(out, encoding="utf-8")))
    if got[0] != inp[0] or len(got) != 2:
        print("%s: header or row count differs" % out)
        bad = 1
        continue
    # Every invented value holds the word "Ødegård": redact-pii removes
    # it when another column of the row is scrubbed.
    other = sum(act[c][0] not in ("keep", "redact-pii") for c in inp[0])
    for c, was, now in zip(inp[0], inp[1], got[1]):
        a, arg = act[c]
        want = {"keep": was, "blank": "", "replace": arg}.get(a)
        if a == "redact-pii":
            ok = ("Ødegård" not in now) if other else now == was
        else:
            ok = now == want
        if not ok:
            print("%s: %s: %s" % (os.path.basename(rules), c, a))
            bad = 1
sys.exit(bad)
PY

# NFILES: the rules files the shipped spec names.
NFILES=$(csvget "$RULES/tables.csv" rules | sed '/^$/d' | sort -u | wc -l)

tcase "every field of BC's tables classified, the job's own columns required"
ok "the spec names rules files" test "$NFILES" -gt 50
run 0 python3 "$WORK/check.py" "$RULES" "$BC" "$TOP/fixtures/company" "$IDENT"
out_is </dev/null
err_has "files checked: $NFILES"

tcase "the checks find a missing field, a field BC lacks, a kept or partly scrubbed identity"
cp -R "$RULES" rules
f="rules/Sales Invoice Header.sell-to.csv"
grep -v '^?Sell-to City,' "$f" >x && mv x "$f"
printf '%s\n' '?Foo Extension Field,keep,,' >>"$f"
sed -i 's/^?Bill-to Name,replace,------,$/?Bill-to Name,keep,,/' \
    "rules/Sales Invoice Header.bill-to.csv"
sed -i 's/^?Message to Recipient,redact-pii,,$/?Message to Recipient,keep,,/' \
    "rules/Cust. Ledger Entry.csv"
sed -i 's/^Open,keep,,$/?Open,keep,,/; s/^?Due Date,/Due Date,/' \
    "rules/Cust. Ledger Entry.csv"
sed -i 's/^?Remaining Amount,keep,,$/?Remaining Amount,blank,,/' \
    "rules/Cust. Ledger Entry.csv"
sed -i 's/^?Customer Name,replace,------,$/?Customer Name,truncate,3,/' \
    "rules/Cust. Ledger Entry.csv"
run 0 python3 "$WORK/check.py" rules "$BC" "$TOP/fixtures/company" "$IDENT"
out_is <<'EOF'
Cust. Ledger Entry.csv: the FlowField Remaining Amount is not an optional keep
Cust. Ledger Entry.csv: Open is the job's and not required
Cust. Ledger Entry.csv: Due Date is required but not the job's
Cust. Ledger Entry.csv: identity field Customer Name only partly scrubbed (truncate)
Cust. Ledger Entry.csv: free text Message to Recipient kept
Sales Invoice Header.sell-to.csv: no rule for BC's Sell-to City
Sales Invoice Header.sell-to.csv: rule for Foo Extension Field: not a field of BC's Sales Invoice Header
Sales Invoice Header: identity field Bill-to Name kept by every side
Sales Invoice Header: identity field Sell-to City kept by every side
EOF

tcase "the job spec and every rules file load"
run 0 jobspec "$RULES"
err_empty
ok "jobspec names no rules file" test -z "$(grep 'rules file' err)"

tcase "each rules file runs on all of BC's fields, shuffled, and on its required columns alone"
run 0 python3 "$WORK/hdr.py" "$RULES" "$BC" h
for r in h/*.rules; do
	n=${r%.rules}
	run 0 scrub --rules "$(cat "$r")" "$n.all"
	cp out "$n.all.out"
	run 0 scrub --rules "$(cat "$r")" "$n.req"
	cp out "$n.req.out"
done
ok "$NFILES rules files" test "$(ls h/*.rules | wc -l)" = "$NFILES"
run 0 python3 "$WORK/scrubbed.py" h
out_is </dev/null

tcase "a column in no rule stops scrub, naming it; a missing required one too"
printf 'No.,Customer Posting Group,Gen. Bus. Posting Group,Blocked,Bill-to Customer No.,Last Date Modified,NPR Magento Store Code\n' >in.csv
run 2 scrub --rules "$RULES/Customer.csv" in.csv
err_has "no rule for column 'NPR Magento Store Code'"
printf 'No.,Customer Posting Group,Gen. Bus. Posting Group,Blocked,Last Date Modified,Name\n' >in.csv
run 2 scrub --rules "$RULES/Customer.csv" in.csv
err_has "no column 'Bill-to Customer No.'"

tcase "the README's per-table summary is current, and a stale one is found"
run 0 python3 "$TOP/tools/rulesdoc.py" --check
err_empty
mkdir -p t/tools t/pipelines/bc
cp "$TOP/tools/rulesdoc.py" t/tools/
cp -R "$RULES" t/pipelines/rules
cp -R "$BC/fields" t/pipelines/bc/fields
sed -i 's/^?Contact,replace,------,$/?Contact,keep,,/' \
    "t/pipelines/rules/Issued Reminder Header.csv"
run 1 python3 t/tools/rulesdoc.py --check
err_has "pipelines/rules/README.md is not current"
run 0 python3 t/tools/rulesdoc.py
run 0 python3 t/tools/rulesdoc.py --check

tcase "mkcompany wants a rule for every fixture column, not only those"
mkdir -p t/fixtures t/pipelines t/tests/data/bc
cp "$TOP/fixtures/mkcompany.py" "$TOP/fixtures/README.md" t/fixtures/
cp "$IDENT" t/tests/data/bc/
cp -R "$RULES" t/pipelines/rules
run 0 python3 t/fixtures/mkcompany.py
f="t/pipelines/rules/Return Receipt Header.bill-to.csv"
grep -v '^?Sell-to E-Mail,' "$f" >x && mv x "$f"
sed -i 's/^?EORI Number,/EORI Number,/' t/pipelines/rules/Customer.csv
run 1 python3 t/fixtures/mkcompany.py
out_is <<'EOF'
mkcompany: Customer.csv: requires 'EORI Number', which the fixture lacks
mkcompany: Return Receipt Header.bill-to.csv: no rule for 'Sell-to E-Mail'
EOF

tdone
