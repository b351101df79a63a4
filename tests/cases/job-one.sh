# The one-customer request (anonymize-customer): no retention check;
# refusals with their reason leave the database as it was but for their
# log row; permission; confirmation.  On SQLite; on PostgreSQL through
# job-pg-one.sh.
. "$TOP/tests/job-lib.sh"

tcase "a customer the nightly job would not take is anonymized on request"
job_db co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --yes --now $NOW \
    C00040
sed '/^time taken: /d' out >summary
file_is summary <<'EOF'
anonymized C00040
candidates: 1
anonymized: 1
held back: 0
EOF
err_empty
job_py changed before.db co.db >changed
file_is changed <<'EOF'
Cust. Ledger Entry	10005
Customer	C00040
Sales Shipment Header	SS-102002
EOF
job_py log co.db >log
file_is log <<'EOF'
C00040	Anonymized		ADMIN	2026-11-29T12:00:00Z
EOF
job_py leaks before.db co.db C00040 >leaks
ok "no original personal value left" cmp leaks /dev/null
job_cp co.db "$WORK/c00040.db"

tcase "the same request again is refused: already anonymized"
job_cp "$WORK/c00040.db" co.db
job_py dump co.db "Customer GDPR Log Entries" >before
run 3 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --yes --now $NOW \
    C00040
job_py dump co.db "Customer GDPR Log Entries" >after
ok "no data changed" cmp before after
job_sql co.db "SELECT \"Entry No.\", \"Status\", \"Reason\" FROM \"Customer GDPR Log Entries\" ORDER BY CAST(\"Entry No.\" AS INTEGER)" >log
file_is log <<'EOF'
1|Anonymized|
2|Not anonymized|already anonymized
EOF

tcase "each refusal writes only its log row, with the reason, and exits 3"
job_db co.db
job_py dump co.db "Customer GDPR Log Entries" >before
for req in 'ADMIN C99999 customer not found' \
    'ADMIN C00150 already anonymized' \
    'ADMIN C00180 open sales document' \
    'ADMIN C00260 bill-to of a live customer' \
    'ADMIN C00900 open sales document; open ledger entry; journal line; member; open service document; drop shipment; open reminder; service contract; unposted bank reconciliation' \
    'ADMIN C00310 open sales document' \
    'CLERK C00010 user not allowed to anonymize customers' \
    'AUDITOR C00010 user not allowed to anonymize customers' \
    'NOBODY C00010 user not allowed to anonymize customers'; do
	read -r user no reason <<<"$req"
	run 3 "$PIPE/anonymize-customer" $(job_at co.db) --user "$user" --yes \
	    --now $NOW "$no"
	job_sql co.db "SELECT \"Customer No.\" || '|' || \"Status\" || '|' || \"Reason\" || '|' || \"User\" FROM \"Customer GDPR Log Entries\" ORDER BY CAST(\"Entry No.\" AS INTEGER) DESC LIMIT 1" >last
	printf '%s|Not anonymized|%s|%s\n' "$no" "$reason" "$user" >want
	ok "$no by $user: its log row" cmp last want
	ok "$no by $user: the outcome in the summary" grep -qxF "refused $no: $reason" out
	ok "$no by $user: the reason counted" grep -qxF "  ${reason##*; }: 1" out
done
job_py dump co.db "Customer GDPR Log Entries" >after
ok "no data changed" cmp before after
ok "nine log rows" test "$(job_sql co.db 'SELECT count(*) FROM "Customer GDPR Log Entries"')" = 9
err_has "user 'NOBODY' has no User Setup row"

tcase "a hostile customer number is data: its log row holds it exactly"
job_db co.db
job_py dump co.db "Customer GDPR Log Entries" >before
no=$'x\'; DROP TABLE "Customer"; --\n"C9",\t007'
run 3 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --yes --now $NOW \
    "$no"
ok "one summary line for it, control characters shown as ?" \
    grep -qxF "refused x'; DROP TABLE \"Customer\"; --?\"C9\",?007: customer not found" out
job_py dump co.db "Customer GDPR Log Entries" >after
ok "no data changed" cmp before after
job_sqlite co.db co.sqlite
python3 - co.sqlite "$no" <<'PY' >check
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute('SELECT "Customer No." = ?, Reason FROM "Customer GDPR Log Entries"',
                 (sys.argv[2],)).fetchall())
PY
file_is check <<'EOF'
[(1, 'customer not found')]
EOF

tcase "GDPR.OFFICER may; posting-group filters do not apply"
job_db co.db
run 0 "$PIPE/anonymize-customer" $(job_at co.db) --user GDPR.OFFICER --yes \
    --now $NOW C00120
job_sql co.db "SELECT \"Name\", \"Anonymized\" FROM \"Customer\" WHERE \"No.\" = 'C00120'" >r
file_is r <<'EOF'
------|Yes
EOF

tcase "without a terminal and without --yes the request is refused, nothing logged"
job_db co.db
job_py dump co.db >before
run 3 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --now $NOW C00010
err_is <<'EOF'
anonymize-customer: refused: no terminal to confirm on (use --yes)
EOF
job_py dump co.db >after
ok "nothing changed" cmp before after

tcase "on a terminal it asks; no is a refusal without a log row, yes goes ahead"
job_db co.db
job_py dump co.db >before
echo n | script -qec "'$PIPE/anonymize-customer' $(job_at co.db) --user ADMIN --now $NOW C00010" /dev/null >tty.out 2>&1
status_is 3 "the answer no: refused"
ok "it asked" grep -qF "anonymize customer 'C00010'? This cannot be undone. [y/N]" tty.out
ok "progress shown on a terminal" grep -qF 'anonymize-customer: scrubbing...' tty.out
job_py dump co.db >after
ok "no: nothing changed" cmp before after
echo y | script -qec "'$PIPE/anonymize-customer' $(job_at co.db) --user ADMIN --now $NOW C00010" /dev/null >tty.out 2>&1
status_is 0 "the answer yes: done"
ok "yes: anonymized" test "$(job_sql co.db "SELECT \"Name\" FROM \"Customer\" WHERE \"No.\" = 'C00010'")" = ------

tcase "usage errors"
job_db co.db
run 2 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --yes
err_is <<'EOF'
anonymize-customer: give one customer number
Try 'anonymize-customer --help' for more information.
EOF
run 2 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --yes C00010 C00020
err_has "give one customer number"
run 2 "$PIPE/anonymize-customer" --db co.db --pg dbname=x --user ADMIN \
    --yes C00010
err_has "--db and --pg exclude each other"
run 2 "$PIPE/anonymize-customer" --pg '' --user ADMIN --yes C00010
err_has "--pg: empty connection string"
run 2 "$PIPE/anonymize-customer" --user ADMIN --yes C00010
err_has "--db, --pg or --dir is required"
run 2 "$PIPE/anonymize-customer" $(job_at co.db) --bogus C00010
err_has "bad option: --bogus"
if [ "$JOB_BACKEND" = pg ]; then
	run 1 "$PIPE/anonymize-customer" --pg "dbname=${JOB_PGPFX}nosuch" \
	    --user ADMIN --yes C00010
	err_has "database \"${JOB_PGPFX}nosuch\" does not exist"
	err_has "anonymize-customer: PostgreSQL: cannot connect, or cannot read the catalog"
	ok "no database created" test "$(job_pgadm "SELECT count(*) FROM pg_database WHERE datname = '${JOB_PGPFX}nosuch'")" = 0
else
	run 1 "$PIPE/anonymize-customer" --db nosuch.db --user ADMIN --yes \
	    C00010
	err_has "nosuch.db: no such database"
	ok "no database created" test ! -e nosuch.db
fi
run 0 "$PIPE/anonymize-customer" --help
ok "usage on stdout" grep -q '^usage: anonymize-customer ' out
