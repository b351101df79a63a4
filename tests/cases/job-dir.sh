# The job's core on a folder of CSV exports (--dir EXPORTS --out
# CHANGES): the change files, applied, give what --db gives; the exports
# are never written; modes; absent tables; an unsorted Customer export.
# job-pg-dir.sh runs the first case against PostgreSQL: the change files,
# applied to SQLite, give what --pg gives.
. "$TOP/tests/job-lib.sh"

tcase "--dir --out: change files that, applied, give exactly the $([ "$JOB_BACKEND" = pg ] && echo --pg || echo --db) result"
cp -R "$FIX" exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
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
err_empty
ok "the exports are not modified" diff -r "$FIX" exports
ls changes >files
job_files >want
ok "a change file for each table the fixture changes" cmp files want
ok "at least the ten tables of the first fixture" test "$(wc -l <files)" -ge 10
ok "the folder is private" test "$(stat -c %a changes)" = 700
ok "the files are private" test -z "$(find changes -type f ! -perm 600)"
ok "11 customer rows" test "$(csvget --count changes/Customer.csv)" = 11
JOB_BACKEND=sqlite job_db applied.db
job_py apply applied.db changes
job_db co.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
if [ "$JOB_BACKEND" = pg ]; then
	# The same rows, in key order: PostgreSQL has no rowid.
	job_py rows applied.db >a
	job_py rows co.db >b
	ok "applied changes = the --pg run, byte for byte" cmp a b
else
	job_py dump applied.db >a
	job_py dump co.db >b
	ok "applied changes = the --db run, byte for byte" cmp a b
fi
ok "no temporary folder left" job_nowork
# The rest has no database.
[ "$JOB_BACKEND" = sqlite ] || return 0

tcase "--dir, check period no, and the one-customer request"
cp -R "$FIX" exports
run 0 "$PIPE/anonymize-customers" --dir exports --out no --check-period no \
    --user ADMIN --now $NOW
ok "3 customers" test "$(csvget --count no/Customer.csv)" = 3
run 0 "$PIPE/anonymize-customer" --dir exports --out one --user ADMIN --yes \
    --now $NOW C00050
csvget one/Customer.csv No. Name Anonymized >c
file_is c <<'EOF'
C00050	------	Yes
EOF
run 3 "$PIPE/anonymize-customer" --dir exports --out refused --user ADMIN \
    --yes --now $NOW C00250
ls refused >files
file_is files <<'EOF'
Customer GDPR Log Entries.csv
EOF
file_is "refused/Customer GDPR Log Entries.csv" <<'EOF'
Customer No.,Status,Reason,Logged At,User
C00250,Not anonymized,member,2026-11-29T12:00:00Z,ADMIN
EOF
ok "the exports are not modified" diff -r "$FIX" exports

tcase "a check table the company lacks, accepted with --without"
cp -R "$FIX" exports
rm "exports/NPR MM Membership.csv" "exports/Gen. Journal Line.csv"
run 0 "$PIPE/anonymize-customers" --dir exports --dry-run --user ADMIN \
    --now $NOW --without 'NPR MM Membership' --without 'Gen. Journal Line'
sed -n '/^checks not run/,/^time taken/p' out | sed '$d' >skipped
file_is skipped <<'EOF'
checks not run (--without):
  journal line (Gen. Journal Line)
  journal line, balancing account (Gen. Journal Line)
  member (NPR MM Membership)
EOF
ok "C00250 no longer held back" grep -qx 'would anonymize C00250' out
ok "C00230 neither" grep -qx 'would anonymize C00230' out
ok "C00300 for its open order only" \
    grep -qx 'would hold back C00300: open sales document' out

tcase "an unsorted Customer export is taken in No. order"
cp -R "$FIX" exports
python3 - exports/Customer.csv <<'PY'
import sys
data = open(sys.argv[1], encoding="utf-8", newline="").read()
import csv, io
rows = list(csv.reader(io.StringIO(data, newline="")))
w = csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""),
               lineterminator="\n")
w.writerow(rows[0])
w.writerows(reversed(rows[1:]))
PY
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --no-of-customers 3
csvget changes/Customer.csv No. >anon
file_is anon <<'EOF'
C00010
C00020
C00030
EOF

tcase "--dry-run with --dir writes nothing"
cp -R "$FIX" exports
run 0 "$PIPE/anonymize-customers" --dir exports --dry-run --user ADMIN \
    --now $NOW --check-period no
ok "the lists" grep -qx 'would anonymize C00380' out
ok "no --out folder" test "$(ls | tr '\n' ' ')" = "err exports out "

tcase "--out must be new; usage errors"
cp -R "$FIX" exports
mkdir full
touch full/x
run 2 "$PIPE/anonymize-customers" --dir exports --out full --user ADMIN
err_is <<'EOF'
anonymize-customers: --out full: exists (give a new name: the job creates it)
Try 'anonymize-customers --help' for more information.
EOF
run 2 "$PIPE/anonymize-customers" --dir exports --out nosuch/out --user ADMIN
err_has "--out nosuch/out: no parent folder"
run 2 "$PIPE/anonymize-customers" --dir exports --user ADMIN
err_has "--dir needs --out (or --dry-run)"
run 2 "$PIPE/anonymize-customers" --db x.db --dir exports --out o
err_has "--db and --dir exclude each other"
run 2 "$PIPE/anonymize-customers" --dir exports --out o --check-period maybe
err_has "--check-period takes yes or no"
run 2 "$PIPE/anonymize-customers" --dir exports --out o --no-of-customers -1
err_has "--no-of-customers takes a whole number"
run 2 "$PIPE/anonymize-customers" --pg 'dbname=erp' --dir exports --out o
err_has "--pg and --dir exclude each other"
run 2 "$PIPE/anonymize-customers" --pg=
err_has "--pg: empty connection string"
run 2 "$PIPE/anonymize-customers" --user ADMIN
err_has "--db, --pg or --dir is required"
run 1 "$PIPE/anonymize-customers" --dir nosuch --out o --user ADMIN
err_has "nosuch: no such folder"
mkdir empty
run 1 "$PIPE/anonymize-customers" --dir empty --out o --user ADMIN
err_has "no Customer export"
ok "no --out left behind" test ! -e o
ok "nothing left beside it" test -z "$(ls -A | grep -e '^\.o\.' -e '^o\.')"
mkdir emptyout
run 2 "$PIPE/anonymize-customers" --dir exports --out emptyout --user ADMIN \
    --now $NOW --check-period=no
err_has "--out emptyout: exists"
ok "an empty --out is refused too" test -z "$(ls -A emptyout)"
run 0 "$PIPE/anonymize-customers" --version
out_is <<'EOF'
anonymize-customers custanon 0.1.0
EOF
