# A value the export cannot carry (a NUL byte inside SQLite text: the
# CSV export would cut it there) holds back its customer alone, with a
# logged reason naming the table and column (never the value), in the
# dry run too; the other customers go through.
. "$TOP/tests/job-lib.sh"

tcase "a NUL inside a value holds back that customer only"
job_db co.db
job_sql co.db <<'EOF'
UPDATE "Customer" SET "Name" = CAST(x'50657465720053616e64' AS TEXT) WHERE "No." = 'C00080';
UPDATE "Cust. Ledger Entry" SET "Description" = CAST(x'410042' AS TEXT) WHERE "Customer No." = 'C00020';
UPDATE "Contact" SET "Job Title" = CAST(x'410042' AS TEXT) WHERE "No." = 'CT00010';
EOF
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW --dry-run
grep 'cannot carry' out >held
file_is held <<'EOF'
would hold back C00010: a value the export cannot carry in Contact.Job Title
would hold back C00020: a value the export cannot carry in Cust. Ledger Entry.Description
would hold back C00080: a value the export cannot carry in Customer.Name
  a value the export cannot carry in Contact.Job Title: 1
  a value the export cannot carry in Cust. Ledger Entry.Description: 1
  a value the export cannot carry in Customer.Name: 1
EOF
ok "eight others would go" grep -qx 'would anonymize: 8' out
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
err_empty
ok "eight anonymized" grep -qx 'anonymized: 8' out
job_sql co.db "SELECT \"No.\" FROM \"Customer\" WHERE \"No.\" IN ('C00010', 'C00020', 'C00080') AND \"Anonymized\" = 'Yes'" >anon
file_is anon </dev/null
job_sql co.db "SELECT \"Customer No.\", \"Reason\" FROM \"Customer GDPR Log Entries\" WHERE \"Reason\" LIKE '%cannot carry%' ORDER BY 1" >log
file_is log <<'EOF'
C00010|a value the export cannot carry in Contact.Job Title
C00020|a value the export cannot carry in Cust. Ledger Entry.Description
C00080|a value the export cannot carry in Customer.Name
EOF
job_sql co.db "SELECT hex(\"Name\") FROM \"Customer\" WHERE \"No.\" = 'C00080'" >v
file_is v <<'EOF'
50657465720053616E64
EOF
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
ok "the next run holds them back again, and no one else" \
    grep -qx 'anonymized: 0' out
