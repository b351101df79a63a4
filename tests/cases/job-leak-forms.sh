# The leak check on the fixture company finds personal data in any form
# (issue 14, "Measured"): each planted form either stops the run with the
# database untouched, naming table, column and customer but never the
# value, or is redacted by the shipped rules before it is imported; and
# a post code equal to an entry number stops nothing.
. "$TOP/tests/job-lib.sh"

# planted SQL...: a fixture database co.db with the SQL applied, dumped
# into ./before.
planted() {
	local q
	job_db co.db
	for q in "$@"; do
		job_sql co.db "$q"
	done
	job_py dump co.db >before
}

# ledger SET: entry 10003 (closed) becomes customer C00010's, with SET.
ledger() {
	printf 'UPDATE "Cust. Ledger Entry" SET "Customer No." = %s, %s WHERE "Entry No." = %s' \
	    "'C00010'" "$1" "'10003'"
}

# untouched: the run stopped before importing anything.
untouched() {
	err_has "anonymize-customers: failed: nothing changed"
	job_py dump co.db >after
	ok "database untouched" cmp before after
}

tcase "Name 2 with its spaces trimmed, in a ledger entry's External Document No."
planted "UPDATE \"Customer\" SET \"Name 2\" = '  Holm Invest  ' WHERE \"No.\" = 'C00010'" \
    "$(ledger "\"External Document No.\" = 'HOLM INVEST'")"
run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "leakcheck: Cust. Ledger Entry: customer 'C00010': original value of column 'Name 2' survives in column 'External Document No.'"
err_lacks "Holm"
err_lacks "HOLM"
untouched

tcase "the phone number glued to letters, in a ledger entry"
planted "$(ledger "\"External Document No.\" = 'TLF4599990010'")"
run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "leakcheck: Cust. Ledger Entry: customer 'C00010': original value of column 'Phone No.' survives in column 'External Document No.'"
err_lacks "99990010"
untouched

tcase "the first line of a two-line address, in a return receipt's External Document No."
planted "UPDATE \"Return Receipt Header\" SET \"Sell-to Customer No.\" = 'C00010', \"Bill-to Customer No.\" = 'C00010', \"External Document No.\" = 'ÅBOULEVARDEN 17' WHERE \"No.\" = 'RR-107001'"
run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "leakcheck: Return Receipt Header: customer 'C00010': original value of column 'Address' survives in column 'External Document No.'"
err_lacks "boulevarden"
untouched

tcase "upper-case Turkish, Greek, Romanian and Vietnamese names in a ledger Description are redacted"
planted "UPDATE \"Customer\" SET \"Name\" = 'Elif Şimşek', \"Name 2\" = 'Νίκος Παππάς', \"Contact\" = 'Ion Mureșan', \"Search Name\" = 'Nguyễn Văn An' WHERE \"No.\" = 'C00010'" \
    "$(ledger "\"Description\" = 'ELİF ŞİMŞEK; ΝΙΚΟΣ ΠΑΠΠΑΣ; ION MUREȘAN; NGUYỄN VĂN AN'")"
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
job_sql co.db "SELECT \"Description\" FROM \"Cust. Ledger Entry\" WHERE \"Entry No.\" = '10003'" >d
file_is d <<'EOD'
[REDACTED]; [REDACTED]; [REDACTED]; [REDACTED]
EOD

tcase "a Contact's Surname kept by a rule is found (originals from Contact)"
planted "UPDATE \"Contact\" SET \"Name\" = 'Kari Kristiansen', \"Surname\" = 'Kristiansen' WHERE \"No.\" = 'CT00010'"
cp -R "$PIPE/rules" rules
sed -i 's/^?Surname,replace,------,$/?Surname,keep,,/' rules/Contact.csv
ok "the rule was changed" grep -qx '?Surname,keep,,' rules/Contact.csv
run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "leakcheck: Contact: customer 'C00010': original value of column 'Name' survives in column 'Surname'"
err_lacks "Kristiansen"
untouched

tcase "a post code equal to the entry number and the amount of a ledger entry is no survivor"
planted "$(ledger "\"Entry No.\" = '8000', \"Amount\" = '8000'")"
ok "the post code is the entry number" test "$(job_sql co.db "SELECT \"Post Code\" FROM \"Customer\" WHERE \"No.\" = 'C00010'")" = 8000
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_lacks "survive"
job_sql co.db "SELECT \"Anonymized\" FROM \"Customer\" WHERE \"No.\" = 'C00010'" >a
file_is a <<'EOA'
Yes
EOA
tdone
