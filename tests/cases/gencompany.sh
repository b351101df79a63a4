# tools/gencompany: the benchmark's company generator.  Deterministic
# (same options, same bytes), readable by the project's reader, and as
# hostile as real exports.

# has FILTER: the jq FILTER holds for the records in ./out.
has() {
	jq -e "$1" out >/dev/null
}

tcase 'same seed and scale give identical bytes'
run 0 gencompany --customers 300 --out a
err_empty
run 0 gencompany --customers 300 --out b
ok 'Customer.csv identical' cmp a/Customer.csv b/Customer.csv
ok 'every table identical' diff -r a b

tcase 'another seed gives another company'
gencompany --customers 300 --out a
run 0 gencompany --customers 300 --seed 2 --out b
ok_not 'Customer.csv differs' cmp -s a/Customer.csv b/Customer.csv

tcase 'one file per table of SPEC section 6, named as the table'
run 0 gencompany --customers 300 --out co
(cd co && ls) >names
file_is names <<'EOF'
Bank Acc. Reconciliation Line.csv
Contact Business Relation.csv
Contact.csv
Cust. Ledger Entry.csv
Customer GDPR Log Entries.csv
Customer GDPR Setup.csv
Customer.csv
Finance Charge Memo Header.csv
Gen. Journal Line.csv
IC Inbox Sales Header.csv
IC Outbox Sales Header.csv
Issued Reminder Header.csv
Item Ledger Entry.csv
NPR MM Membership.csv
Purchase Header.csv
Reminder Header.csv
Return Receipt Header.csv
Sales Cr.Memo Header.csv
Sales Header.csv
Sales Invoice Header.csv
Sales Shipment Header.csv
Service Contract Header.csv
Service Header.csv
Ship-to Address.csv
User Setup.csv
EOF

tcase 'the company has every table a check of the shipped spec reads'
run 0 gencompany --customers 300 --out co
csvget "$TOP/pipelines/rules/checks.csv" table | sort -u >checked
while IFS= read -r t; do
	ok "$t" test -f "co/$t.csv"
done <checked
ok 'the checks read tables' test -s checked

tcase 'every table parses and copies back byte for byte'
gencompany --customers 300 --out co
for f in co/*.csv; do
	run 0 csvcopy "$f"
	out_file_is "$f"
done

tcase 'rows in proportion to the customers'
gencompany --customers 300 --out co
run 0 csvjson co/Customer.csv
ok '300 customers' test "$(jq length out)" = 300
run 0 csvjson 'co/Cust. Ledger Entry.csv'
ok '2400 ledger entries' test "$(jq length out)" = 2400
ok 'entry numbers in order' test "$(jq -r '.[2399]["Entry No."]' out)" = 2400

tcase 'hostile: CRLF, quoted delimiters and quotes, line breaks, UTF-8'
gencompany --customers 2000 --out co
ok 'CRLF header' test "$(head -1 co/Customer.csv | od -c | grep -c '\\r')" = 1
run 0 csvjson co/Customer.csv
ok 'a name holding a comma' has 'any(.[]; .Name | test(", "))'
ok 'a name holding a quote' has 'any(.[]; .Name | test("\""))'
ok 'an address holding CRLF' has 'any(.[]; .Address | test("\r\n"))'
ok 'an address holding LF alone' \
    has 'any(.[]; .Address | test("[^\r]\n"))'
ok 'blanks around an unquoted city' has 'any(.[]; .City | test("^ .* $"))'
ok '4-byte UTF-8' grep -q "$(printf '\360\237')" co/Customer.csv
ok '3-byte UTF-8' grep -q "$(printf '\346\235\261')" co/Customer.csv
run 0 csvjson 'co/Cust. Ledger Entry.csv'
ok 'a multi-kilobyte description' \
    has 'any(.[]; .Description | length > 4096)'

tcase '--sorted orders a ledger by customer, same rows'
gencompany --customers 300 --out a
run 0 gencompany --customers 300 --sorted --table 'Cust. Ledger Entry' --out s
(cd s && ls) >names
file_is names <<'EOF'
Cust. Ledger Entry.csv
EOF
csvjson 'a/Cust. Ledger Entry.csv' | jq -c 'sort_by(.["Entry No."])' >a.json
csvjson 's/Cust. Ledger Entry.csv' | jq -c 'sort_by(.["Entry No."])' >s.json
ok 'rows read' test -s a.json
ok 'same rows' cmp a.json s.json
csvjson 's/Cust. Ledger Entry.csv' | jq -r '.[]["Customer No."]' >keys
ok 'keys read' test -s keys
LC_ALL=C sort -c keys 2>sorterr
ok 'keys in byte order' test ! -s sorterr

tcase '--columns-from takes the column sets of a fixture company'
mkdir fx
printf 'No.,Extra Column,Name\r\n' >fx/Customer.csv
run 0 gencompany --customers 3 --columns-from fx --table Customer --out co
run 0 csvjson co/Customer.csv
ok 'known columns generated, unknown ones empty' \
    has '.[0] | keys_unsorted == ["No.","Extra Column","Name"] and
    .["No."] == "C0000001" and .["Extra Column"] == ""'

tcase 'usage errors'
run 2 gencompany --customers 3
err_is <<'EOF'
gencompany: --out DIR is required
Try 'gencompany --help' for more information.
EOF
run 2 gencompany --customers 0 --out x
err_has 'gencompany: --customers takes a whole number from 1 to 100000000'
run 2 gencompany --table Nope --out x
err_has "gencompany: no table 'Nope'"
