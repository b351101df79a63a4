# The nightly job with CHECK_PERIOD = Yes (the default), on the fixture
# company: who is anonymized, how, what else changes (nothing), the log,
# the summary, the cap, a dry run and a second run.  On SQLite; on
# PostgreSQL through job-pg-period.sh.
. "$TOP/tests/job-lib.sh"

tcase "check period yes: the expected customers and rows, nothing else"
job_db co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
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
ok "the time taken is reported" grep -qE '^time taken: [0-9]+\.[0-9]{2} s$' out
err_empty
job_py changed before.db co.db >changed
job_expect_changes yes >want
ok "exactly the expected rows changed" cmp changed want
job_py log co.db >log
job_expect_log yes >want
ok "one log row per candidate, with status and reasons" cmp log want
# The contacts a live relation shares (a vendor, the live C00910) keep
# their names on purpose (job-contacts.sh): the scan passes them over.
job_cp co.db scan.db
job_drop_shared scan.db
job_py leaks before.db scan.db $(job_expect anonymized yes) >leaks
ok "no original personal value left anywhere (the shared contacts aside)" \
    cmp leaks /dev/null
job_py leaks before.db co.db $(job_expect anonymized yes) | cut -d: -f1 |
    sort -u >leaks
file_is leaks <<'EOF'
Contact
EOF
ok "integrity" test "$(job_integrity co.db)" = ok
ok "no temporary folder left" job_nowork
job_cp co.db "$WORK/yes.db"

tcase "customer rows are written as the reference writes them"
job_cp "$WORK/yes.db" co.db
job_sql co.db "SELECT * FROM \"Customer\" WHERE \"No.\" IN ('C00020', 'C00030') ORDER BY \"No.\"" >rows
file_is rows <<'EOF'
C00020|------|------|------|------ --|------ --|||||------|||||------@----|nowhere.com|||CT00020|DOMESTIC|DOMESTIC|DOMESTIC|14D||DAN|JR||All|No|2020-05-21|No||Yes|2026-11-29T12:00:00Z
C00030|------|------|------|------ --|------ --|||||------|||||------@----|nowhere.com||||EU|EU|EU|14D|EUR|ITA|||All|No|2023-11-29|No||Yes|2026-11-29T12:00:00Z
EOF
job_sql co.db "SELECT \"Anonymized Date\" FROM \"Customer\" WHERE \"No.\" = 'C00150'" >kept
ok "the already anonymized keep their date" test -s kept
ok "... which is not this run's" test "$(cat kept)" != "$NOW"

tcase "related tables: contact, ship-to, ledger, posted headers, reminder"
job_cp "$WORK/yes.db" co.db
job_sql co.db "SELECT \"Name\", \"First Name\", \"Surname\", \"E-Mail\", \"Search E-Mail\", \"Home Page\", \"City\" FROM \"Contact\" WHERE \"No.\" = 'CT00020'" >c
file_is c <<'EOF'
------|------|------|------@----|------@----|www.nowhere.com|
EOF
job_sql co.db "SELECT \"Name\", \"City\" FROM \"Ship-to Address\" WHERE \"Customer No.\" = 'C00010'" >s
file_is s <<'EOF'
------|
EOF
job_sql co.db "SELECT \"Customer Name\", CASE WHEN \"Description\" LIKE '%[EMAIL]%' THEN 1 ELSE 0 END FROM \"Cust. Ledger Entry\" WHERE \"Entry No.\" = '10001'" >l
file_is l <<'EOF'
------|1
EOF
job_sql co.db "SELECT \"Sell-to Customer Name\", \"Bill-to Name\", CASE WHEN \"Your Reference\" LIKE '%Birgitta Nyström%' THEN 1 ELSE 0 END FROM \"Sales Invoice Header\" WHERE \"No.\" = 'SI-103002'" >i
file_is i <<'EOF'
------|Nordljus Kontorsservice AB|1
EOF
job_sql co.db "SELECT \"Sell-to Customer Name\", \"Ship-to City\", \"Bill-to Name\" FROM \"Sales Invoice Header\" WHERE \"No.\" = 'SI-103003'" >i3
file_is i3 <<'EOF'
Havnens Bageri A/S|Esbjerg|------
EOF
job_sql co.db "SELECT \"Name\" FROM \"Issued Reminder Header\" ORDER BY \"No.\"" >r
ok "the reminder of an anonymized customer only" test "$(head -1 r)" = ------ -a "$(sed -n 2p r)" != ------
job_sql co.db "SELECT \"Name\" FROM \"Contact\" WHERE \"No.\" = 'CT09001'" >v
ok "a vendor's contact with a customer's number is left alone" test "$(cat v)" != ------

tcase "the cap takes the first N anonymizable customers in No. order"
job_db co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --no-of-customers 9
sed '/^time taken: /d' out >summary
file_is summary <<'EOF'
candidates: 22
anonymized: 9
held back: 8
  open sales document: 2
  open ledger entry: 3
  journal line: 1
  member: 1
  bill-to of a live customer: 1
contacts kept, shared with a live relation: 3
not attempted (limit reached): 5
EOF
job_sql co.db "SELECT \"No.\" FROM \"Customer\" WHERE \"Anonymized Date\" = '$NOW' ORDER BY 1" >anon
csvget --where "Run='yes'" --where 'Rank=1..9' "$EXPECT/outcomes.csv" 'Customer No.' >want
ok "ranks 1 to 9" cmp anon want
ok "17 log rows: up to the ninth anonymized" \
    test "$(job_sql co.db 'SELECT count(*) FROM "Customer GDPR Log Entries"')" = 17
# Its status asserted: a query that failed would list nobody too.
run 0 job_sql co.db "SELECT \"Customer No.\" FROM \"Customer GDPR Log Entries\" WHERE \"Customer No.\" > 'C00280'"
out_is </dev/null

tcase "a cap of 3 scrubs only one side of a document with two anonymizable customers"
job_db co.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --no-of-customers 3
job_sql co.db "SELECT CASE WHEN \"Sell-to Customer Name\" = '------' THEN 1 ELSE 0 END, CASE WHEN \"Bill-to Name\" = '------' THEN 1 ELSE 0 END FROM \"Return Receipt Header\" WHERE \"No.\" = 'RR-107001'" >rr
file_is rr <<'EOF'
0|1
EOF
ok "3 log rows" test "$(job_sql co.db 'SELECT count(*) FROM "Customer GDPR Log Entries"')" = 3

tcase "a cap of 0 anonymizes and logs nobody"
job_db co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --no-of-customers 0
job_py dump before.db >a
job_py dump co.db >b
ok "database unchanged" cmp a b
ok "22 not attempted" grep -qx 'not attempted (limit reached): 22' out

tcase "a dry run lists who would be anonymized and who is held back, changes nothing"
job_db co.db
job_py dump co.db >before
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW --dry-run
job_py dump co.db >after
ok "database unchanged, no log" cmp before after
grep '^would' out >lists
ok "11 would be anonymized" test "$(grep -c '^would anonymize C' lists)" = 11
ok "C00300 with both reasons" grep -qx 'would hold back C00300: open sales document; member' lists
ok "the summary says would" grep -qx 'would anonymize: 11' out
job_expect anonymized yes | sed 's/^/would anonymize /' >want
grep '^would anonymize C' lists | LC_ALL=C sort >got
ok "exactly the expected ones" cmp got want

tcase "a second run anonymizes nobody and changes no data"
job_cp "$WORK/yes.db" co.db
job_py dump co.db "Customer GDPR Log Entries" >first
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
job_py dump co.db "Customer GDPR Log Entries" >second
ok "no data changed" cmp first second
ok "the summary" grep -qx 'anonymized: 0' out
job_sql co.db "SELECT count(*), sum(CASE WHEN \"Status\" = 'Anonymized' THEN 1 ELSE 0 END) FROM \"Customer GDPR Log Entries\" WHERE CAST(\"Entry No.\" AS INTEGER) > 22" >n
file_is n <<'EOF'
11|0
EOF
job_sql co.db "SELECT min(CAST(\"Entry No.\" AS INTEGER)), max(CAST(\"Entry No.\" AS INTEGER)), count(DISTINCT \"Entry No.\") FROM \"Customer GDPR Log Entries\"" >e
file_is e <<'EOF'
1|33|33
EOF

tcase "the user needs Anonymize Customers in User Setup"
job_db co.db
job_py dump co.db >before
for u in CLERK AUDITOR NOBODY; do
	run 3 "$PIPE/anonymize-customers" $(job_at co.db) --user $u --now $NOW
done
job_py dump co.db >after
ok "nothing changed, nothing logged" cmp before after
err_has "refused: nothing changed"
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user GDPR.OFFICER --now $NOW --dry-run
ok "GDPR.OFFICER may" grep -qx 'would anonymize: 11' out

tcase "the setup is read from the database"
job_db co.db
job_sql co.db "UPDATE \"Customer GDPR Setup\" SET \"Anonymize After\" = '<-2Y>', \"Customer Posting Group Filter\" = ''"
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW --dry-run
ok "C00040 and C00120 now qualify" grep -qx 'would anonymize C00040' out
ok "C00120 (FOREIGN) too" grep -qx 'would anonymize C00120' out
job_sql co.db "UPDATE \"Customer GDPR Setup\" SET \"Anonymize After\" = ''"
run 2 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "Customer GDPR Setup: Anonymize After is empty"
job_sql co.db "DELETE FROM \"Customer GDPR Setup\""
run 2 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "Customer GDPR Setup: no setup row (Anonymize After)"
