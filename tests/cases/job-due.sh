# The nightly job with CHECK_PERIOD = No: customers whose To Anonymize On
# is due, no retention check, no posting-group filters.  On SQLite; on
# PostgreSQL through job-pg-due.sh.
. "$TOP/tests/job-lib.sh"

tcase "check period no: the due customers, their rows, the log"
job_db co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --check-period no \
    --user ADMIN --now $NOW
sed '/^time taken: /d' out >summary
file_is summary <<'EOF'
candidates: 4
anonymized: 3
held back: 1
  open ledger entry: 1
EOF
err_empty
job_py changed before.db co.db >changed
job_expect_changes no >want
ok "exactly the expected rows changed" cmp changed want
job_py log co.db >log
job_expect_log no >want
ok "one log row per candidate" cmp log want
job_py leaks before.db co.db $(job_expect anonymized no) >leaks
ok "no original personal value left anywhere" cmp leaks /dev/null
job_sql co.db "SELECT CASE WHEN \"Description\" LIKE '%[CARD]%' THEN 1 ELSE 0 END, CASE WHEN \"Description\" LIKE '%4111%' THEN 1 ELSE 0 END FROM \"Cust. Ledger Entry\" WHERE \"Entry No.\" = '10014'" >d
file_is d <<'EOF'
1|0
EOF

tcase "check period no, capped at 2: rows 1-2 in No. order"
job_db co.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --check-period NO \
    --no-of-customers 2 --user ADMIN --now $NOW
job_py log co.db | cut -f1,2 >log
file_is log <<'EOF'
C00320	Anonymized
C00330	Anonymized
EOF
ok "C00370 and C00380 not attempted" grep -qx 'not attempted (limit reached): 2' out

tcase "check period no, dry run"
job_db co.db
job_py dump co.db >before
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --check-period no \
    --user ADMIN --now $NOW --dry-run
job_py dump co.db >after
ok "nothing changed" cmp before after
sed '/^time taken: /d' out >lists
file_is lists <<'EOF'
would anonymize C00320
would anonymize C00330
would hold back C00370: open ledger entry
would anonymize C00380
candidates: 4
would anonymize: 3
held back: 1
  open ledger entry: 1
EOF
