# Issue 12, item 7: every message the job gives about the company's data
# names the table (--db, --pg) or the user's own export file and line
# (--dir), and the customer number of a bad row; never one of the job's
# private files (its work folder, its copies).  A stream the job derives
# from a table (Customer sorted, the candidates, rows picked by a
# condition, a document scrubbed side by side) is named as the table or
# file without a line, its bad rows by their customer; a malformed row by
# its line alone (lib/core.sh, "Messages").  Each message is asserted
# whole.  job-pg-messages.sh runs the database cases against PostgreSQL.
. "$TOP/tests/job-lib.sh"

P=anonymize-customers

# msgs_are: stderr is standard input, and names no private file.
msgs_are() {
	err_is
	err_lacks "$TMPDIR"
	err_lacks "custanon-"
}

# failed WHAT: the message that closes a failed run of program WHAT.
failed() {
	printf '%s: failed: nothing changed\n' "${1:-$P}"
}

# db_bad SQL: co.db, the fixture company changed by SQL.
db_bad() {
	job_db co.db
	job_sql co.db "$1"
}

tcase "$(job_label x): a bad date in a table a check reads: the table, the customer"
db_bad 'UPDATE "Cust. Ledger Entry" SET "Posting Date" = '\''2020-13-45'\'' WHERE "Entry No." = '\''10001'\'''
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
msgs_are <<EOF
check-period: Cust. Ledger Entry: customer C00020: bad date in column 'Posting Date'
$(failed)
EOF
db_bad 'UPDATE "Item Ledger Entry" SET "Posting Date" = '\''2020-13-45'\'' WHERE "Entry No." = '\''20001'\'''
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW --dry-run
msgs_are <<EOF
check-period: Item Ledger Entry: customer C00060: bad date in column 'Posting Date'
$(failed)
EOF

tcase "$(job_label x): a bad Open flag: the table, the customer"
db_bad 'UPDATE "Cust. Ledger Entry" SET "Open" = '\''Maybe'\'' WHERE "Entry No." = '\''10001'\'''
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
msgs_are <<EOF
check-open-docs: Cust. Ledger Entry: customer C00020: not a boolean in column 'Open'
$(failed)
EOF
run 1 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --now $NOW \
    --yes C00010
msgs_are <<EOF
check-open-docs: Cust. Ledger Entry: customer C00020: not a boolean in column 'Open'
$(failed anonymize-customer)
EOF

tcase "$(job_label x): bad Customer values, read as they are and as candidates"
db_bad 'UPDATE "Customer" SET "Anonymized" = '\''Maybe'\'' WHERE "No." = '\''C00060'\'''
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
msgs_are <<EOF
select-eligible: Customer: customer C00060: bad boolean in column 'Anonymized'
$(failed)
EOF
# The candidates, a stream select-eligible derives, are still Customer.
db_bad 'UPDATE "Customer" SET "Last Date Modified" = '\''2020-13-45'\'' WHERE "No." = '\''C00060'\'''
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
msgs_are <<EOF
check-period: Customer: customer C00060: bad date in column 'Last Date Modified'
$(failed)
EOF

tcase "$(job_label x): a column a check reads is missing: the table"
db_bad 'ALTER TABLE "Cust. Ledger Entry" DROP COLUMN "Posting Date"'
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
msgs_are <<EOF
check-period: Cust. Ledger Entry: missing column 'Posting Date'
$(failed)
EOF

tcase "$(job_label x): Cust. Ledger Entry dropped, --without: no stand-in to complain"
db_bad 'DROP TABLE "Cust. Ledger Entry"'
run 0 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW \
    --without 'Cust. Ledger Entry'
err_empty
ok "its checks said not run" grep -qx \
    '  transaction after the cutoff (Cust. Ledger Entry)' out

tcase "$(job_label x): the walk names the table and the customer too"
db_bad 'UPDATE "Cust. Ledger Entry" SET "Posting Date" = '\''2020-13-45'\'' WHERE "Entry No." = '\''10001'\'''
walk_index co.db
rm -f times
CUSTANON_TIMES=$PWD/times CUSTANON_WALK_CHUNK=4 run 1 "$PIPE/$P" \
    $(job_at co.db) --user ADMIN --now $NOW
msgs_are <<EOF
check-period: Cust. Ledger Entry: customer C00020: bad date in column 'Posting Date'
$(failed)
EOF
ok "the job walked" grep -q $'\texporting customers to check (chunk 1)\t' times

if [ "$JOB_BACKEND" = sqlite ]; then
	# (PostgreSQL keeps no text that is not UTF-8.)
	tcase "$(job_label x): a scrubbed table: the table, the customer"
	db_bad 'UPDATE "Cust. Ledger Entry" SET "Description" = CAST(x'\''C3'\'' AS TEXT) WHERE "Entry No." = '\''10001'\'''
	run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
	msgs_are <<EOF
scrub: Cust. Ledger Entry: customer C00020: invalid utf-8 in column 'Description'
$(failed)
EOF
	# A document with a row per side: each side scrubbed in turn.
	db_bad 'UPDATE "Sales Invoice Header" SET "Your Reference" = CAST(x'\''C3'\'' AS TEXT) WHERE "No." = '\''SI-103001'\'''
	run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
	msgs_are <<EOF
scrub: Sales Invoice Header: customer C00020: invalid utf-8 in column 'Your Reference'
$(failed)
EOF
fi

[ "$JOB_BACKEND" = sqlite ] || { tdone; return 0 2>/dev/null || exit 0; }

# ---------------------------------------------------------------------
# --dir: the user's files, by the name the user gave the folder.

# addrow FILE COL=VALUE...: append to CSV FILE a row, empty but for the
# COLUMNs named (values needing no quotes); LINE: the line it starts on.
addrow() {
	local f=$1 c row= i=0
	local -A val=()
	shift
	for c in "$@"; do
		val[${c%%=*}]=${c#*=}
	done
	while IFS= read -r c; do
		[ "$i" = 0 ] || row+=,
		row+=${val[$c]:-}
		i=$((i + 1))
	done < <(csvget --header "$f")
	LINE=$(($(wc -l <"$f") + 1))
	printf '%s\n' "$row" >>"$f"
}

# ncols FILE: the number of columns of CSV file FILE.
ncols() {
	csvget --header "$1" | wc -l
}

# exports: a copy of the fixture company's export folder.
exports() {
	rm -rf exports changes
	cp -R "$FIX" exports
}

tcase "--dir: a bad value in a table a check reads: the file, its line, the customer"
exports
addrow 'exports/Item Ledger Entry.csv' 'Entry No.=20099' \
    'Posting Date=2020-13-45' 'Source Type=Customer' 'Source No.=C00010'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
check-period: exports/Item Ledger Entry.csv:$LINE: customer C00010: bad date in column 'Posting Date'
$(failed)
EOF
ok "no change set" test ! -e changes
exports
addrow 'exports/Cust. Ledger Entry.csv' 'Entry No.=10099' \
    'Customer No.=C00010' 'Posting Date=2015-01-01' 'Open=Maybe'
# (A trailing slash is not part of the name.)
run 1 "$PIPE/$P" --dir exports/ --out changes --user ADMIN --now $NOW
msgs_are <<EOF
check-open-docs: exports/Cust. Ledger Entry.csv:$LINE: customer C00010: not a boolean in column 'Open'
$(failed)
EOF

tcase "--dir: the caller's CUSTANON_NAMES does not rename the user's files"
exports
addrow 'exports/Item Ledger Entry.csv' 'Entry No.=20099' \
    'Posting Date=2020-13-45' 'Source Type=Customer' 'Source No.=C00010'
run 1 env CUSTANON_NAMES="$(printf 'exports/Customer.csv\tX\tno\nbad')" \
    "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
check-period: exports/Item Ledger Entry.csv:$LINE: customer C00010: bad date in column 'Posting Date'
$(failed)
EOF

tcase "--dir: a malformed row: the file and its line, no field"
exports
LINE=$(($(wc -l <'exports/Sales Header.csv') + 1))
printf 'Order,SO-9\n' >>'exports/Sales Header.csv'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
check-open-docs: exports/Sales Header.csv:$LINE: row has 2 fields, header has $(ncols 'exports/Sales Header.csv')
$(failed)
EOF
exports
addrow 'exports/Item Ledger Entry.csv' 'Entry No.=20099' 'Item No.=IT"EM' \
    'Posting Date=2020-01-01' 'Source Type=Customer' 'Source No.=C00010'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
check-period: exports/Item Ledger Entry.csv:$LINE: malformed field: stray quote or text after a closing quote
$(failed)
EOF

tcase "--dir: Customer.csv read as it is: its line; as candidates: no line"
exports
addrow exports/Customer.csv 'No.=C00990' 'Customer Posting Group=DOMESTIC' \
    'Gen. Bus. Posting Group=DOMESTIC' 'Anonymized=Maybe' \
    'Last Date Modified=2020-01-01'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
select-eligible: exports/Customer.csv:$LINE: customer C00990: bad boolean in column 'Anonymized'
$(failed)
EOF
exports
addrow exports/Customer.csv 'No.=C00990' 'Customer Posting Group=DOMESTIC' \
    'Gen. Bus. Posting Group=DOMESTIC' 'Anonymized=No' \
    'Last Date Modified=2020-13-45'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
check-period: exports/Customer.csv: customer C00990: bad date in column 'Last Date Modified'
$(failed)
EOF

tcase "--dir: an unsorted Customer.csv: the sorted copy is still the user's file"
exports
addrow exports/Customer.csv 'No.=C00005' 'Customer Posting Group=DOMESTIC' \
    'Gen. Bus. Posting Group=DOMESTIC' 'Anonymized=Maybe' \
    'Last Date Modified=2020-01-01'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
select-eligible: exports/Customer.csv: customer C00005: bad boolean in column 'Anonymized'
$(failed)
EOF
# A malformed row is found by the strict reader, sorted or not, once.
for no in C00005 C00995; do
	exports
	LINE=$(($(wc -l <exports/Customer.csv) + 1))
	printf '%s,x\n' "$no" >>exports/Customer.csv
	run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
	msgs_are <<EOF
csvget: exports/Customer.csv:$LINE: row has 2 fields, header has $(ncols exports/Customer.csv)
EOF
done
exports
rm exports/Customer.csv
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
$P: exports/Customer.csv: no Customer export
$(failed)
EOF

tcase "--dir: a scrubbed table read as it is: its line, the customer"
exports
addrow 'exports/Cust. Ledger Entry.csv' 'Entry No.=10099' \
    'Customer No.=C00010' 'Posting Date=2015-01-01' 'Open=No' \
    "Description=$(printf '\303')"
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
scrub: exports/Cust. Ledger Entry.csv:$LINE: customer C00010: invalid utf-8 in column 'Description'
$(failed)
EOF

tcase "--dir: a posted document's sides and a link table: the file's line, the customer"
# The sides of a posted document are scrubbed in one pass over the file
# as it is (scrub --side): the line is the user's.
exports
addrow 'exports/Sales Invoice Header.csv' 'No.=SI-103099' \
    'Sell-to Customer No.=C00020' 'Bill-to Customer No.=C00020' \
    "Your Reference=$(printf '\303')"
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
scrub: exports/Sales Invoice Header.csv:$LINE: customer C00020: invalid utf-8 in column 'Your Reference'
$(failed)
EOF
# A link table is read by the link steps' program (linkpairs): the
# reader's message alone, not the starved stage after it.
exports
LINE=$(($(wc -l <'exports/Contact Business Relation.csv') + 1))
printf 'CT00990,CUST,Customer\n' >>'exports/Contact Business Relation.csv'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
msgs_are <<EOF
linkpairs: exports/Contact Business Relation.csv:$LINE: row has 3 fields, header has 4
$(failed)
EOF

tcase "--dir: the leak check names the table's file, not a change file's line"
exports
cp -R "$PIPE/rules" rules
sed -i 's/^?E-Mail,replace,------@----,$/?E-Mail,keep,,/' rules/Customer.csv
run 4 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW \
    --rules rules
err_has "leakcheck: exports/Customer.csv: customer 'C00010': original value of column 'E-Mail' survives in column 'E-Mail'"
err_lacks "$TMPDIR"
ok "no line of a change file" eval '! grep -q "\.csv:[0-9]" err'

tcase "--dir: the one-customer request names the user's file too"
exports
addrow 'exports/Cust. Ledger Entry.csv' 'Entry No.=10099' \
    'Customer No.=C00010' 'Posting Date=2015-01-01' 'Open=Maybe'
run 1 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --yes C00010
msgs_are <<EOF
check-open-docs: exports/Cust. Ledger Entry.csv:$LINE: customer C00010: not a boolean in column 'Open'
$(failed anonymize-customer)
EOF
tdone
