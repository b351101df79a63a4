# The leak check before import (SPEC section 5): a rules file that lets
# personal data through aborts the run with the database untouched, and
# the message names the table, column and customer, never the value.
# On SQLite; on PostgreSQL through job-pg-leak.sh.
. "$TOP/tests/job-lib.sh"

# rulesdir: a copy of the shipped rules in ./rules.
rulesdir() {
	cp -R "$PIPE/rules" rules
}

tcase "a Customer rules file that keeps Name aborts the run"
job_db co.db
job_py dump co.db >before
rulesdir
sed -i 's/^?Name,replace,------,$/?Name,keep,,/' rules/Customer.csv
ok "the rule was changed" grep -qx '?Name,keep,,' rules/Customer.csv
run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "leakcheck: Customer: customer 'C00010': original value of column 'Name' survives in column 'Name'"
err_has "original values of anonymized customers would survive"
err_has "anonymize-customers: failed: nothing changed"
err_lacks "Ødegård"
err_lacks "Bjørk"
out_is </dev/null
job_py dump co.db >after
ok "database untouched, no log" cmp before after
ok "no temporary folder left" job_nowork

tcase "a ledger Description holding the customer's e-mail, kept by the rules"
job_db co.db
job_sql co.db "UPDATE \"Cust. Ledger Entry\" SET \"Description\" = 'Refund sent to ase.odegard@example.com' WHERE \"Entry No.\" = '10003'"
job_sql co.db "UPDATE \"Cust. Ledger Entry\" SET \"Customer No.\" = 'C00010' WHERE \"Entry No.\" = '10003'"
job_cp co.db planted.db
job_py dump co.db >before
rulesdir
sed -i 's/^?Description,redact-pii,,$/?Description,keep,,/' \
    "rules/Cust. Ledger Entry.csv"
ok "the rule was changed" grep -qx '?Description,keep,,' \
    "rules/Cust. Ledger Entry.csv"
run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "customer 'C00010': original value of column 'E-Mail' survives in column 'Description'"
err_lacks "example.com"
job_py dump co.db >after
ok "database untouched" cmp before after
run 0 "$PIPE/anonymize-customers" $(job_at planted.db) --user ADMIN --now $NOW
job_sql planted.db "SELECT \"Description\" FROM \"Cust. Ledger Entry\" WHERE \"Entry No.\" = '10003'" >d
file_is d <<'EOF'
Refund sent to [EMAIL]
EOF

tcase "the one-customer request and --dir abort on a leak too"
cp -R "$FIX" exports
rulesdir
sed -i 's/^?E-Mail,replace,------@----,$/?E-Mail,keep,,/' rules/Customer.csv
run 1 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules
err_has "original value of column 'E-Mail' survives in column 'E-Mail'"
ok "no change files" test ! -e changes
job_db co.db
job_py dump co.db >before
run 1 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --yes --now $NOW \
    --rules rules C00010
err_has "leakcheck: Customer: customer 'C00010': original value of column 'E-Mail' survives in column 'E-Mail'"
job_py dump co.db >after
ok "database untouched, no log row" cmp before after

tcase "a rules file missing a column is a configuration error, nothing changed"
job_db co.db
job_py dump co.db >before
rulesdir
sed -i '/^?GLN,/d' rules/Customer.csv
ok "the rule was removed" sh -c '! grep -q "^?GLN," rules/Customer.csv'
run 2 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "GLN"
err_has "anonymize-customers: failed: nothing changed"
job_py dump co.db >after
ok "database untouched" cmp before after
