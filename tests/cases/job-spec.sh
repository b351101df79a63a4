# The job spec (pipelines/rules/tables.csv, checks.csv, VERSION): a
# related table added by one row and one rules file; every flaw of a spec
# a configuration error before any row is read; an older copied spec
# refused; the shell names no table the spec declares; the leak check
# refuses a change file no --changes names.
. "$TOP/tests/job-lib.sh"

RULES=$TOP/pipelines/rules

# CLT: the values of Comment Line's Table Name (rules/options.csv), the
# names of BC's enum Comment Line Table Name.
CLT='G/L Account|Customer|Vendor|Item|Resource|Job|Resource Group|Bank Account|Campaign|Fixed Asset|Insurance|Nonstock Item|IC Partner|Vendor Agreement|Customer Agreement'

# comment_lines EXPORTS: add Business Central's Comment Line table to the
# export folder EXPORTS: for every customer a line naming it, and lines
# of an Item and a Vendor whose No. is a customer's.
comment_lines() {
	python3 - "$1" <<'PY'
import csv, sys
d = sys.argv[1]
with open(d + "/Customer.csv", newline="", encoding="utf-8") as f:
    custs = list(csv.DictReader(f))
w = csv.writer(open(d + "/Comment Line.csv", "w", newline="",
                    encoding="utf-8"), lineterminator="\n")
w.writerow(["Table Name", "No.", "Line No.", "Date", "Code", "Comment"])
for c in custs:
    w.writerow(["Customer", c["No."], "10000", "2026-01-05", "CALL",
                "Called " + c["Name"] + " about the invoice"])
    w.writerow(["Customer", c["No."], "20000", "", "", "Prefers e-mail"])
    w.writerow(["Item", c["No."], "10000", "", "", "Keep dry"])
w.writerow(["Vendor", "C00010", "10000", "", "", "Same number, a vendor"])
PY
}

# comment_rules DIR ACTION: a copy of the shipped rules in DIR with one
# spec row for Comment Line and its rules file, Comment scrubbed by
# ACTION.
comment_rules() {
	cp -R "$RULES" "$1"
	# (The shipped spec sweeps Comment Line: here it is scrubbed.)
	sed -i '/^Comment Line,97,/d' "$1/tables.csv"
	printf '%s\n' 'Comment Line,97,scrubbed,Table Name|No.|Line No.,No.,Table Name=Customer,,,Comment Line.csv,,,comment lines of the customer,,' \
	    >>"$1/tables.csv"
	printf '%s\n' 'column,action,argument,replacement' 'Table Name,keep,,' \
	    'No.,keep,,' 'Line No.,keep,,' 'Date,keep,,' 'Code,keep,,' \
	    "Comment,$2,," >"$1/Comment Line.csv"
	printf '%s\n' 'Comment Line,Table Name,'"$CLT" >>"$1/options.csv"
}

tcase "a related table added by one spec row and one rules file (--dir)"
cp -R "$FIX" exports
comment_lines exports
comment_rules rules redact-pii
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules
cp -R "$FIX" plain
run 0 "$PIPE/anonymize-customers" --dir plain --out base --user ADMIN \
    --now $NOW
ok "every other change file is the same" \
    diff -r -x 'Comment Line.csv' base changes
csvget changes/Customer.csv No. >anon
ok "11 anonymized" test "$(wc -l <anon)" = 11
python3 - exports changes anon <<'PY' >verdict
import csv, sys
ex, ch, anon = sys.argv[1:]
anon = set(open(anon).read().split())
def rows(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
orig = rows(ex + "/Comment Line.csv")
changed = rows(ch + "/Comment Line.csv")
want = [r for r in orig if r["Table Name"] == "Customer" and r["No."] in anon]
keys = lambda rs: [(r["Table Name"], r["No."], r["Line No."]) for r in rs]
print("rows", "ok" if keys(changed) == keys(want) else "differ")
bad = [r for r in changed if r["Comment"].startswith("Called ") and
       "[REDACTED]" not in r["Comment"]]
print("scrubbed", "ok" if not bad else "not")
kept = [r for r in changed if r["Line No."] == "20000"]
print("plain lines", "ok" if all(r["Comment"] == "Prefers e-mail"
                                 for r in kept) else "changed")
PY
file_is verdict <<'EOF'
rows ok
scrubbed ok
plain lines ok
EOF

tcase "a related table added by one spec row and one rules file (--db)"
cp -R "$FIX" exports
comment_lines exports
comment_rules rules redact-pii
job_db co.db exports
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
job_sql co.db "SELECT \"No.\" FROM Customer WHERE \"Anonymized Date\" = '$NOW'" >anon
ok "11 anonymized" test "$(wc -l <anon)" = 11
job_sql before.db 'SELECT * FROM "Comment Line" ORDER BY 1, 2, 3' >c.before
job_sql co.db 'SELECT * FROM "Comment Line" ORDER BY 1, 2, 3' >c.after
python3 - c.before c.after anon <<'PY' >verdict
import sys
b = open(sys.argv[1]).read().splitlines()
a = open(sys.argv[2]).read().splitlines()
anon = set(open(sys.argv[3]).read().split())
ok = len(a) == len(b)
for x, y in zip(b, a):
    f = x.split("|")
    mine = f[0] == "Customer" and f[1] in anon and f[2] == "10000"
    if mine and (x == y or "[REDACTED]" not in y):
        ok = False
    if not mine and x != y:
        ok = False
print("comment lines", "ok" if ok else "wrong")
PY
file_is verdict <<'EOF'
comment lines ok
EOF

tcase "a rules file that keeps the customer's name in a comment: every customer held back, nothing imported but the log"
cp -R "$FIX" exports
comment_lines exports
comment_rules rules keep
run 4 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules
err_has "Comment Line.csv:"
err_has "survives in column 'Comment'"
err_has "anonymize-customers: done in part: 11 customers held back, personal data would survive"
ok "the change set is the log alone" \
    test "$(ls changes)" = 'Customer GDPR Log Entries.csv'
ok "the log names the table and column" grep -q \
    '^C00010,Not anonymized,personal data would survive in Comment Line.Comment,' \
    'changes/Customer GDPR Log Entries.csv'
job_db co.db exports
job_cp co.db before.db
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "survives in column 'Comment'"
job_py dump before.db 'Customer GDPR Log Entries' >d.before
job_py dump co.db 'Customer GDPR Log Entries' >d.after
ok "the database is unchanged but the log" cmp -s d.before d.after

# spec_case NAME SED MESSAGE: a copy of the shipped rules whose
# tables.csv or checks.csv (SED's first word: the file) is edited by the
# sed script SED is a configuration error naming MESSAGE, before any row
# is read.
spec_case() {
	tcase "spec: $1"
	cp -R "$RULES" rules
	sed -i "$3" "rules/$2"
	ok "the edit applies" sh -c '! cmp -s "$1" "$2"' _ "$RULES/$2" "rules/$2"
	cp -R "$FIX" exports
	run 2 "$PIPE/anonymize-customers" --dir exports --out changes \
	    --user ADMIN --now $NOW --rules rules
	err_has "$4"
	ok "no change set" test ! -e changes
}

spec_case "a row without a primary key" tables.csv \
    's/^Ship-to Address,222,scrubbed,Customer No.|Code,/Ship-to Address,222,scrubbed,,/' \
    "tables.csv:11: Ship-to Address: no primary key"
spec_case "a rules file that is missing" tables.csv \
    's/,Ship-to Address.csv,/,Ship-to Adress.csv,/' \
    "tables.csv:11: Ship-to Address: rules file 'Ship-to Adress.csv'"
spec_case "a scrubbed row without customer keys" tables.csv \
    's/^\(Issued Reminder Header,297,scrubbed,No.,\)Customer No.,/\1,/' \
    "Issued Reminder Header: scrubbed without customer keys"
spec_case "a check without a reason" checks.csv \
    's/,open ledger entry$/,/' "checks.csv:3: a check without a reason"
spec_case "a check without a key" checks.csv \
    's/^Sales Header,open,Sell-to Customer No.|Bill-to Customer No.,/Sales Header,open,,/' \
    "checks.csv:2: a check without a key"
spec_case "a check's where that does not parse" checks.csv \
    's/,Open=Yes,/,Open=(Yes,/' "checks.csv:3: where: column 'Open'"
spec_case "a table's where that does not parse" tables.csv \
    's/Link to Table=@Customer/Link to Table=(@Customer/' \
    "tables.csv:3: where: column 'Link to Table'"
spec_case "a where without =" tables.csv \
    's/Link to Table=@Customer/Link to Table/' \
    "where: a condition is not COLUMN=FILTER"
spec_case "a check on a table the spec lacks" checks.csv \
    's/^NPR MM Membership,/NPR Membership,/' \
    "checks.csv:6: table 'NPR Membership' is not in tables.csv"
spec_case "a period check without a date" checks.csv \
    's/,Posting Date,transaction after the cutoff$/,,transaction after the cutoff/' \
    "a period check without a date column"
spec_case "an unknown decision" tables.csv \
    's/^Sales Header,36,checked,/Sales Header,36,chekced,/' \
    "Sales Header: unknown decision 'chekced'"
spec_case "a link through a table the spec lacks" tables.csv \
    's/,Contact Business Relation,Contact No.,/,Contact Relation,Contact No.,/' \
    "Contact: via 'Contact Relation': no such table in the spec"
spec_case "a table declared twice" tables.csv \
    '$a Sales Header,36,checked,No.,,,,,,,,again,,' \
    "Sales Header: declared twice"
spec_case "a bad rules file" "Ship-to Address.csv" \
    's/^?Name,replace,------,$/?Name,replace,,/' "Ship-to Address.csv:"

tcase "spec: an older copied spec is refused, naming what it lacks"
cp -R "$RULES" rules
echo 1 >rules/VERSION
sed -i '/^NPR MM Membership,/d' rules/tables.csv rules/checks.csv
cp -R "$FIX" exports
run 2 "$PIPE/anonymize-customers" --dir exports --out changes \
    --user ADMIN --now $NOW --rules rules
err_has "spec version 1 is older than the shipped"
err_has "it lacks the table 'NPR MM Membership'"
err_has "it lacks the open check 'member' on NPR MM Membership"
ok "no change set" test ! -e changes
run 2 "$PIPE/anonymize-customer" --dir exports --out changes \
    --user ADMIN --now $NOW --rules rules --yes C00010
err_has "spec version 1 is older than the shipped"

tcase "the shell names no table of the spec (Customer and the setup aside)"
python3 - "$RULES/tables.csv" "$TOP/pipelines" <<'PY' >found
import csv, glob, sys
rules, pipes = sys.argv[1:]
with open(rules, newline="", encoding="utf-8") as f:
    names = {r["table"] for r in csv.DictReader(f)}
names -= {"Customer", "User Setup", "Customer GDPR Setup"}
files = sorted(glob.glob(pipes + "/lib/*.sh")) + [
    pipes + "/anonymize-customers", pipes + "/anonymize-customer"]
for p in files:
    for i, line in enumerate(open(p, encoding="utf-8"), 1):
        if line.lstrip().startswith("#"):
            continue
        for n in sorted(names):
            if n in line:
                print("%s:%d: %s" % (p[len(pipes) + 1:], i, n))
PY
file_is found </dev/null
ok "the test sees a name when there is one" python3 -c '
import sys; sys.exit(0 if "Sales Header" in open(sys.argv[1]).read() else 1)' \
    "$RULES/tables.csv"

tcase "leakcheck --complete refuses a change file no --changes names"
mkdir ch
printf 'No.,Name\nC1,------\n' >orig.csv
printf 'column,action,argument\nNo.,keep,\nName,replace,------\n' >rules.csv
printf 'No.,Name\nC1,------\n' >ch/Customer.csv
printf 'Entry No.,Customer No.,Name\n1,C1,x\n' >"ch/Comment Line.csv"
cd ch
run 2 leakcheck --rules ../rules.csv --originals ../orig.csv --complete \
    --changes Customer.csv --key No.
err_has "Comment Line.csv: a change file no --changes names"
run 0 leakcheck --rules ../rules.csv --originals ../orig.csv \
    --changes Customer.csv --key No.

tcase "an empty --rules or --now is a usage error, not the default"
cp -R "$FIX" exports
run 2 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules ''
err_has "--rules is empty"
run 2 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now= 
err_has "--now is empty"
ok "no change set" test ! -e changes

tcase "an export whose % is not written %25 is refused, not taken as absent"
cp -R "$FIX" exports
comment_lines exports
mv "exports/Comment Line.csv" "exports/100% Line.csv"
cp -R "$RULES" rules
printf '%s\n' '100% Line,97,scrubbed,Table Name|No.|Line No.,No.,Table Name=Customer,,,100% Line.csv,,,comment lines of the customer,,' \
    >>rules/tables.csv
printf '%s\n' 'column,action,argument,replacement' 'Table Name,keep,,' \
    'No.,keep,,' 'Line No.,keep,,' 'Date,keep,,' 'Code,keep,,' \
    'Comment,redact-pii,,' >"rules/100% Line.csv"
printf '%s\n' '100% Line,Table Name,'"$CLT" >>rules/options.csv
run 1 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules
err_has "100% Line: no export '100%25 Line.csv', but '100% Line.csv' (a % in a name is written %25)"
ok "no change set" test ! -e changes
mv "exports/100% Line.csv" "exports/100%25 Line.csv"
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules
ok "its lines scrubbed" test -s "changes/100%25 Line.csv"
