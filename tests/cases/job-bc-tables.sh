# The scrubbed tables of the job spec with the most identity fields
# (tests/data/bc/customer-tables.csv: the 25, and any tied with the 25th),
# on the fixture company: each is there, with rows of anonymized and kept
# customers (for a document, each side anonymized alone and both); the
# nightly job, with --db and with --dir, replaces or blanks every identity
# field the rules give the anonymized customer's side (no value left as
# it was), changes nothing of the other side, and leaves the kept
# customers' rows byte for byte; and the leak check reads every one of
# them: a rules folder that keeps a name in each holds back the customers
# whose name survives (exit 4), naming each table.  The list comes from the spec and customer-tables.csv.  On
# SQLite; on PostgreSQL through job-pg-bc-tables.sh.
. "$TOP/tests/job-lib.sh"

RULES=$TOP/pipelines/rules
BC=$DATA/bc

# bct.py CMD RULES BC ...:
#   top                       the tables, most identity fields first
#   check BEFORE AFTER NO...  BEFORE: the company (a folder of exports or a
#                             SQLite file); AFTER: the change set (a
#                             folder: a row not in it is unchanged) or the
#                             SQLite file after the run; NO...: the
#                             customers the run anonymized.  Prints every
#                             flaw; on stderr what it checked.
#   flip                      in the rules folder RULES, the first side of
#                             each table keeps its first "... Name"
#                             identity field; prints the tables
cat >"$WORK/bct.py" <<'PY'
import csv, io, os, sqlite3, sys

cmd, rules_dir, bc = sys.argv[1:4]
args = sys.argv[4:]


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


spec = read(os.path.join(rules_dir, "tables.csv"))
ident = {r["table"]: r for r in read(os.path.join(bc, "customer-tables.csv"))}
sides = {}
for r in spec:
    if r["decision"] == "scrubbed":
        sides.setdefault(r["table"], []).append(r)


def fields(t, kind):
    return [x for x in ident[t][kind + " fields"].split("|") if x]


def top():
    ts = sorted((t for t in sides if t in ident),
                key=lambda t: (-len(fields(t, "identity")), t))
    last = len(fields(ts[24], "identity"))
    return [t for t in ts if len(fields(t, "identity")) >= last]


def rules(f):
    return {r["column"].lstrip("?"): r["action"]
            for r in read(os.path.join(rules_dir, f))}


def table(src, t):
    """(columns, rows as dicts) of table t in src; None when absent."""
    if os.path.isdir(src):
        p = os.path.join(src, t.replace("%", "%25").replace("/", "%2F") +
                         ".csv")
        if not os.path.exists(p):
            return None
        with open(p, encoding="utf-8", newline="") as f:
            rd = csv.reader(f)
            head = next(rd)
            return head, [dict(zip(head, r)) for r in rd]
    db = sqlite3.connect(src)
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                      (t,)).fetchone():
        return None
    cur = db.execute('SELECT * FROM "%s"' % t.replace('"', '""'))
    head = [d[0] for d in cur.description]
    return head, [dict(zip(head, r)) for r in cur]


def check(before, after, anon):
    bad, nt, ns, nk = [], 0, 0, 0
    for t in top():
        sd = [(r["customer keys"], rules(r["rules"])) for r in sides[t]]
        pk = sides[t][0]["primary key"].split("|")
        b, a = table(before, t), table(after, t)
        if b is None or not b[1]:
            bad.append("%s: not in the company, or no rows" % t)
            continue
        nt += 1
        head, brows = b
        arows = {tuple(r[c] for c in pk): r for r in (a[1] if a else [])}
        idf = [c for c in fields(t, "identity") if c in head]
        seen, tried = set(), set()
        for r in brows:
            k = tuple(r[c] for c in pk)
            key = "%s %s" % (t, "|".join(k))
            got = arows.get(k)
            on = [i for i, (ck, _) in enumerate(sd) if r[ck] in anon]
            if not on:
                nk += 1
                if got is not None and got != r:
                    bad.append("%s: a kept customer's row changed" % key)
                continue
            ns += 1
            seen.add(tuple(on))
            if got is None:
                bad.append("%s: not scrubbed" % key)
                continue
            for c in idf:
                mine = [i for i, (_, rs) in enumerate(sd)
                        if rs.get(c, "keep") != "keep"]
                if not mine:
                    continue        # no side's (a vendor's VAT number)
                if any(i in on for i in mine):
                    if r[c] != "":
                        tried.add(c)
                        if got[c] == r[c]:
                            bad.append("%s: %s left as it was" % (key, c))
                elif got[c] != r[c]:
                    bad.append("%s: %s of the other side changed"
                               % (key, c))
        for c in idf:
            if c not in tried and any(rs.get(c, "keep") != "keep"
                                      for _, rs in sd):
                bad.append("%s: no scrubbed row holds a %s" % (t, c))
        want = {(0,), (1,), (0, 1)} if len(sd) > 1 else {(0,)}
        for s in sorted(want - seen):
            bad.append("%s: no row scrubbed for %s alone" % (
                t, " and ".join(sd[i][0] for i in s)))
        if not any(all(r[ck] not in anon for ck, _ in sd)
                              for r in brows):
            bad.append("%s: no row of a kept customer" % t)
    if bad:
        print("\n".join(bad))
    print("tables %d, rows scrubbed %d, rows kept %d" % (nt, ns, nk),
          file=sys.stderr)


def flip():
    for t in top():
        f = sides[t][0]["rules"]
        rs = rules(f)
        col = next(c for c in fields(t, "identity")
                   if c.endswith("Name") and rs.get(c, "keep") != "keep")
        p = os.path.join(rules_dir, f)
        out = []
        for line in open(p, encoding="utf-8").read().split("\n"):
            r = next(csv.reader([line])) if line else []
            if r and r[0].lstrip("?") == col:
                s = io.StringIO()
                csv.writer(s, lineterminator="").writerow(
                    [r[0], "keep", "", ""])
                line = s.getvalue()
            out.append(line)
        open(p, "w", encoding="utf-8").write("\n".join(out))
        print(t)


if cmd == "top":
    print("\n".join(top()))
elif cmd == "check":
    check(args[0], args[1], set(args[2:]))
elif cmd == "flip":
    flip()
PY

bct() {
	python3 "$WORK/bct.py" "$@"
}

bct top "$RULES" "$BC" >"$WORK/top"
ANON=$(job_expect anonymized yes)

tcase "the 25 tables with the most identity fields are the spec's, in the fixture"
ok "25 or more" test "$(wc -l <"$WORK/top")" -ge 25
ok "Service Invoice Header among them" grep -qx 'Service Invoice Header' \
    "$WORK/top"
ok "Return Shipment Header among them" grep -qx 'Return Shipment Header' \
    "$WORK/top"
while IFS= read -r t; do
	ok "$t: an export in the fixture" test -s "$FIX/$t.csv"
done <"$WORK/top"

tcase "--db: identity fields of the anonymized side scrubbed, kept customers' rows unchanged"
job_db co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
ok "11 anonymized" grep -qx 'anonymized: 11' out
job_sqlite before.db b.sqlite
job_sqlite co.db a.sqlite
run 0 bct check "$RULES" "$BC" b.sqlite a.sqlite $ANON
out_is </dev/null
err_has "tables $(wc -l <"$WORK/top"), rows scrubbed "
# The check itself finds a row left as it was, and a kept row changed.
job_sql co.db "UPDATE \"Job\" SET \"Bill-to Name\" = 'Bjørk & Berg, \"Nordic\" Trading ApS' WHERE \"No.\" = 'JOB-9001'"
job_sql co.db "UPDATE \"Customer Bank Account\" SET \"IBAN\" = '' WHERE \"Customer No.\" = 'C00180'"
job_sqlite co.db a.sqlite
run 0 bct check "$RULES" "$BC" b.sqlite a.sqlite $ANON
out_is <<'EOF'
Job JOB-9001: Bill-to Name left as it was
Customer Bank Account C00180|BANK1: a kept customer's row changed
EOF

tcase "--dir: the change set scrubs the same, and holds no kept customer's row"
cp -R "$FIX" exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
ok "11 anonymized" grep -qx 'anonymized: 11' out
run 0 bct check "$RULES" "$BC" "$FIX" changes $ANON
out_is </dev/null
err_has "tables $(wc -l <"$WORK/top"), rows scrubbed "
ok "a change file for each" test "$(cd changes && while IFS= read -r t; do
	[ -e "$t.csv" ] && echo "$t"; done <"$WORK/top" | wc -l)" = \
    "$(wc -l <"$WORK/top")"

tcase "the leak check reads each of them: a name kept in each holds back the customer, naming each"
cp -R "$RULES" rules
run 0 bct flip rules "$BC"
ok "a rule changed in each" cmp out "$WORK/top"
job_db co.db
c20="SELECT * FROM \"Customer\" WHERE \"No.\" = 'C00020'"
job_sql co.db "$c20" >before
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
while IFS= read -r t; do
	err_has "leakcheck: $t: customer 'C00020': original value of column 'Name' survives"
done <"$WORK/top"
err_has "anonymize-customers: done in part: "
err_lacks "Bjørk"
job_sql co.db "$c20" >after
ok "C00020 untouched" cmp before after
job_py log co.db | grep '^C00020' | cut -f 2,3 >l
ok "C00020 held back, a table and column named" grep -q \
    '^Not anonymized	personal data would survive in ' l
cp -R "$FIX" exports2
run 4 "$PIPE/anonymize-customers" --dir exports2 --out changes2 \
    --user ADMIN --now $NOW --rules rules
while IFS= read -r t; do
	err_has "leakcheck: exports2/$t.csv: customer 'C00020': original value of column 'Name' survives"
done <"$WORK/top"
csvget --where 'Customer No.=C00020' \
    'changes2/Customer GDPR Log Entries.csv' Status >l
file_is l <<'EOF'
Not anonymized
EOF

tdone
