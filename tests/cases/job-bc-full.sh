# A company with every field (tools/fullcompany.py): the fixture company
# whose scrubbed and checked tables carry every field Business Central
# stores in them, columns shuffled, a few dropped, values by type, and one
# extension column (Sales Invoice Header's "Contoso Delivery Note").  The
# nightly job, with --db and with --dir, runs on it as on the fixture once
# the extension column has a rule (in a copied --rules folder): the same
# customers, the same rows changed, no personal value left; without that
# rule it stops (exit 2) naming the table and the column, and changes
# nothing.  On SQLite; on PostgreSQL through job-pg-bc-full.sh.
. "$TOP/tests/job-lib.sh"

GEN=$TOP/tools/fullcompany.py
EXT='Contoso Delivery Note'

# fields.py RULES BC FIXTURE FULL: every table FULL widened holds the
# fixture's columns and BC's stored fields but a few, not in BC's order;
# prints every flaw, and on stderr the tables and fields it checked.
cat >"$WORK/fields.py" <<'PY'
import csv, os, sys

rules, bc, fix, full = sys.argv[1:5]


def head(path):
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def stored(t):
    base = os.path.join(bc, "fields", t.replace("/", "-"))
    out = []
    for suf in (".csv", ".tableext.csv"):
        if os.path.exists(base + suf):
            with open(base + suf, encoding="utf-8", newline="") as f:
                out += [r["name"] for r in csv.DictReader(f)
                        if r["class"] == "Normal" and
                        r["obsolete"] != "Removed"]
    return out


bad, nt, nf = [], 0, 0
with open(os.path.join(rules, "tables.csv"), encoding="utf-8",
          newline="") as f:
    spec = {r["table"]: r["decision"] for r in csv.DictReader(f)}
for t, d in spec.items():
    if d not in ("customer", "scrubbed", "checked"):
        continue
    fx = os.path.join(fix, t.replace("%", "%25").replace("/", "%2F") +
                      ".csv")
    if not os.path.exists(fx) or not stored(t):
        continue
    nt += 1
    h = head(os.path.join(full, os.path.basename(fx)))
    want = stored(t)
    nf += len(want)
    for c in head(fx):
        if c not in h:
            bad.append("%s: the fixture's %s is missing" % (t, c))
    missing = [c for c in want if c not in h]
    extra = set(want) - set(head(fx))
    if len(missing) > 3 or (len(extra) > 3 and not missing):
        bad.append("%s: %d of BC's fields missing" % (t, len(missing)))
    order = [c for c in h if c in want]
    if order == [c for c in want if c in h]:
        bad.append("%s: in BC's order" % t)
if bad:
    print("\n".join(bad))
print("tables %d, BC fields %d" % (nt, nf), file=sys.stderr)
PY

# rules_ext DIR: a copy of the shipped rules in DIR whose Sales Invoice
# Header files replace the extension column.
rules_ext() {
	local s
	cp -R "$PIPE/rules" "$1"
	for s in sell-to bill-to; do
		printf '?%s,replace,------,\n' "$EXT" \
		    >>"$1/Sales Invoice Header.$s.csv"
	done
}

tcase "the generator: every stored field, the fixture's columns, shuffled, some dropped, an extension column"
run 0 python3 "$GEN" --out full
cp err gen.err
ok "Customer widened" grep -qE '^Customer: [0-9]+ columns, 3 dropped$' err
ok "Sales Header Archive widened" \
    grep -qE '^Sales Header Archive: [0-9]+ columns, 3 dropped$' err
run 0 python3 "$WORK/fields.py" "$PIPE/rules" "$TOP/pipelines/bc" "$FIX" full
out_is </dev/null
err_has "tables $(grep -c ' columns, [0-9]* dropped$' gen.err), BC fields "
ok "the extension column" grep -q "$EXT" "full/Sales Invoice Header.csv"
ok "the same rows" test "$(csvget 'full/Sales Invoice Header.csv' No. | sort)" = \
    "$(csvget "$FIX/Sales Invoice Header.csv" No. | sort)"
run 0 python3 "$GEN" --out again
ok "a function of the seed" diff -r full again
run 2 python3 "$GEN"
err_has "--out is required"

tcase "--dir: with a rule for the extension column the job runs as on the fixture"
python3 "$GEN" --out full 2>/dev/null
rules_ext rules
run 0 "$PIPE/anonymize-customers" --dir full --out changes --user ADMIN \
    --now $NOW --rules rules
sed '/^time taken: /d' out >summary
file_is summary <<'EOF'
candidates: 22
anonymized: 11
held back: 11
  open sales document: 4
  open ledger entry: 4
  journal line: 1
  member: 2
  bill-to of a live customer: 1
contacts kept, shared with a live relation: 3
EOF
ok "every anonymized customer's row changed" test \
    "$(csvget changes/Customer.csv No. | sort | tr '\n' ' ')" = \
    "$(job_expect anonymized yes | sort | tr '\n' ' ')"
ok "the extension column replaced" test \
    "$(csvget --where "No.='SI-103001'" 'changes/Sales Invoice Header.csv' "$EXT")" = ------

tcase "--dir: without a rule for it the job stops, naming table and column"
python3 "$GEN" --out full 2>/dev/null
run 2 "$PIPE/anonymize-customers" --dir full --out changes --user ADMIN \
    --now $NOW
err_has "no rule for column '$EXT'"
err_has "Sales Invoice Header"
err_has "anonymize-customers: failed: nothing changed"
ok "no change set" test ! -e changes

tcase "--db: the same rows change as on the fixture, no personal value left"
python3 "$GEN" --out full 2>/dev/null
rules_ext rules
job_db co.db full
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
ok "11 anonymized" grep -qx 'anonymized: 11' out
job_py changed before.db co.db >changed
job_expect_changes yes >want
ok "exactly the fixture's rows changed" cmp changed want
# The contacts a live relation shares keep their names on purpose.
job_drop_shared co.db
job_py leaks before.db co.db $(job_expect anonymized yes) >leaks
ok "no original personal value left anywhere (the shared contacts aside)" \
    cmp leaks /dev/null

tcase "--db: without a rule for the extension column, exit 2 and nothing changed"
python3 "$GEN" --out full 2>/dev/null
job_db co.db full
job_py dump co.db >before
run 2 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "no rule for column '$EXT'"
err_has "Sales Invoice Header"
job_py dump co.db >after
ok "database untouched" cmp before after

tdone
