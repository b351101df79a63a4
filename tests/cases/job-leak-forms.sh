# The leak check on the fixture company finds personal data in any form
# (issue 14, "Measured"): each planted form either holds back its
# customer (C00010) alone, its rows untouched, naming table, column and
# customer but never the value (exit 4, done in part), or is redacted by
# the shipped rules before it is imported; and a post code equal to an
# entry number holds back nobody.
. "$TOP/tests/job-lib.sh"

# planted SQL...: a fixture database co.db with the SQL applied, dumped
# into ./before (the log aside).
planted() {
	local q
	job_db co.db
	for q in "$@"; do
		job_sql co.db "$q"
	done
	job_py dump co.db 'Customer GDPR Log Entries' >before
}

# ledger SET: entry 10003 (closed) becomes customer C00010's, with SET.
ledger() {
	printf 'UPDATE "Cust. Ledger Entry" SET "Customer No." = %s, %s WHERE "Entry No." = %s' \
	    "'C00010'" "$1" "'10003'"
}

# held N TABLE.COLUMN: the run held back N customers (exit 4), C00010
# among them, its log row naming TABLE.COLUMN, its rows (and those of its
# contact CT00010) untouched; the others of the run's 11 anonymized.
held() {
	local s=s
	[ "$1" != 1 ] || s=
	err_has "anonymize-customers: done in part: $1 customer$s held back, personal data would survive"
	job_py log co.db | grep '^C00010' | cut -f 2,3 >l
	ok "C00010 held back, $2 named" grep -q \
	    "^Not anonymized	.*personal data would survive in $2" l
	job_py dump co.db 'Customer GDPR Log Entries' >after
	grep -F -e "'C00010'" -e "'CT00010'" before >b10
	grep -F -e "'C00010'" -e "'CT00010'" after >a10
	ok "C00010's rows untouched" cmp b10 a10
	ok "the others anonymized" grep -qx "anonymized: $((11 - $1))" out
}

tcase "Name 2 with its spaces trimmed, in a ledger entry's External Document No."
planted "UPDATE \"Customer\" SET \"Name 2\" = '  Holm Invest  ' WHERE \"No.\" = 'C00010'" \
    "$(ledger "\"External Document No.\" = 'HOLM INVEST'")"
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "leakcheck: Cust. Ledger Entry: customer 'C00010': original value of column 'Name 2' survives in column 'External Document No.'"
err_lacks "Holm"
err_lacks "HOLM"
held 1 "Cust. Ledger Entry.External Document No."

tcase "the phone number glued to letters, in a ledger entry"
planted "$(ledger "\"External Document No.\" = 'TLF4599990010'")"
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "leakcheck: Cust. Ledger Entry: customer 'C00010': original value of column 'Phone No.' survives in column 'External Document No.'"
err_lacks "99990010"
held 1 "Cust. Ledger Entry.External Document No."

tcase "the first line of a two-line address, in a return receipt's External Document No."
planted "UPDATE \"Return Receipt Header\" SET \"Sell-to Customer No.\" = 'C00010', \"Bill-to Customer No.\" = 'C00010', \"External Document No.\" = 'ÅBOULEVARDEN 17' WHERE \"No.\" = 'RR-107001'"
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "leakcheck: Return Receipt Header: customer 'C00010': original value of column 'Address' survives in column 'External Document No.'"
err_lacks "boulevarden"
held 1 "Return Receipt Header.External Document No."

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
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "leakcheck: Contact: customer 'C00010': original value of column 'Name' survives in column 'Surname'"
err_lacks "Kristiansen"
held 4 "Contact.Surname"

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
