# check-open-docs: the five open-document checks of the reference, the
# log, --limit, --strict, delimiters and line endings, --sorted.

# company: a synthetic company with one customer per case.
#   C0002 C0003  an order and a quote (any document type holds back)
#   C0004-C0006  an open ledger entry, Open spelled Yes, true, 1
#   C0007        closed ledger entries only (No, false)
#   C0008        a journal line for the customer; C0009 one for a vendor
#   C0010        a member
#   C0011        bill-to of the live C0012; C0013 of the anonymized C0014
#   C0015        its own bill-to; C0017 bill-to of C0016 (Anonymized empty)
company() {
	cat >Customer.csv <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0002,Bo Sample,,No
C0003,Cy Testperson,,No
C0004,Di Fictional,,No
C0005,Ed Madeup,,No
C0006,Fa Invented,,No
C0007,Gu Placeholder,,No
C0008,Ha Synthetic,,No
C0009,Io Dummy,,No
C0010,Ju Fake,,No
C0011,Ka Billto,,No
C0012,Lu Live,C0011,No
C0013,Mo Billto,,No
C0014,------,C0013,Yes
C0015,No Self,C0015,No
C0016,Ob Empty,C0017,
C0017,Pa Billto,,No
EOF
	cat >'Sales Header.csv' <<'EOF'
Document Type,No.,Sell-to Customer No.,Bill-to Customer No.
Order,SO-1001,C0002,C0002
Quote,SQ-2001,C0003,C0003
Invoice,SI-3001,,C0001
EOF
	cat >'Cust. Ledger Entry.csv' <<'EOF'
Entry No.,Customer No.,Posting Date,Open
1,C0004,2025-01-10,Yes
2,C0005,2025-01-11,true
3,C0006,2025-01-12,1
4,C0007,2025-01-13,No
5,C0007,2025-01-14,false
6,C0001,2025-01-15,0
EOF
	cat >'Gen. Journal Line.csv' <<'EOF'
Journal Template Name,Line No.,Account Type,Account No.
GENERAL,10000,Customer,C0008
GENERAL,20000,Vendor,C0009
GENERAL,30000,G/L Account,C0001
EOF
	cat >'NPR MM Membership.csv' <<'EOF'
Entry No.,Membership Code,Customer No.
1,GOLD,C0010
2,SILVER,
EOF
}

# all_checks: the five checks of the reference, as the pipelines give them.
all_checks() {
	check-open-docs \
	    --docs 'Sales Header.csv' --key 'Sell-to Customer No.' \
	    --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
	    --where Open=Yes \
	    --docs 'Gen. Journal Line.csv' --key 'Account No.' \
	    --where 'Account Type=Customer' \
	    --docs 'NPR MM Membership.csv' --key 'Customer No.' \
	    --docs Customer.csv --key 'Bill-to Customer No.' --self-key No. \
	    --where Anonymized=No "$@"
}

tcase "open sales document of any document type"
company
run 0 check-open-docs --docs 'Sales Header.csv' --key 'Sell-to Customer No.' \
    Customer.csv
ok_not "order holds back" grep -q '^C0002,' out
ok_not "quote holds back" grep -q '^C0003,' out
ok "bill-to of an invoice is not the sell-to" grep -q '^C0001,' out
ok "others pass" test "$(wc -l <out)" -eq 16
err_empty

tcase "open ledger entry: Open=Yes in any spelling"
company
run 0 check-open-docs --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
    --where Open=Yes Customer.csv
out_is <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0002,Bo Sample,,No
C0003,Cy Testperson,,No
C0007,Gu Placeholder,,No
C0008,Ha Synthetic,,No
C0009,Io Dummy,,No
C0010,Ju Fake,,No
C0011,Ka Billto,,No
C0012,Lu Live,C0011,No
C0013,Mo Billto,,No
C0014,------,C0013,Yes
C0015,No Self,C0015,No
C0016,Ob Empty,C0017,
C0017,Pa Billto,,No
EOF

tcase "without --where every ledger entry counts"
company
run 0 check-open-docs --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
    Customer.csv
ok_not "closed entries hold back too" grep -q -e '^C0007,' -e '^C0001,' out
ok "twelve customers pass" test "$(wc -l <out)" -eq 13

tcase "journal line only with Account Type=Customer"
company
run 0 check-open-docs --docs 'Gen. Journal Line.csv' --key 'Account No.' \
    --where 'Account Type=Customer' Customer.csv
ok_not "customer line holds back" grep -q '^C0008,' out
ok "vendor line does not" grep -q '^C0009,' out
ok "g/l line does not" grep -q '^C0001,' out
ok "sixteen customers pass" test "$(wc -l <out)" -eq 17

tcase "member, empty customer number ignored"
company
run 0 check-open-docs --docs 'NPR MM Membership.csv' --key 'Customer No.' \
    Customer.csv
ok_not "member held back" grep -q '^C0010,' out
ok "sixteen customers pass" test "$(wc -l <out)" -eq 17

tcase "bill-to of a live customer, not itself, not anonymized"
company
run 0 check-open-docs --docs Customer.csv --key 'Bill-to Customer No.' \
    --self-key No. --where Anonymized=No Customer.csv
out_is <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0002,Bo Sample,,No
C0003,Cy Testperson,,No
C0004,Di Fictional,,No
C0005,Ed Madeup,,No
C0006,Fa Invented,,No
C0007,Gu Placeholder,,No
C0008,Ha Synthetic,,No
C0009,Io Dummy,,No
C0010,Ju Fake,,No
C0012,Lu Live,C0011,No
C0013,Mo Billto,,No
C0014,------,C0013,Yes
C0015,No Self,C0015,No
C0016,Ob Empty,C0017,
EOF
err_empty

tcase "without --self-key a customer billing itself is held back"
company
run 0 check-open-docs --docs Customer.csv --key 'Bill-to Customer No.' \
    --where Anonymized=No Customer.csv
ok_not "self bill-to held" grep -q '^C0015,' out

tcase "all five checks"
company
run 0 all_checks Customer.csv
out_is <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0007,Gu Placeholder,,No
C0009,Io Dummy,,No
C0012,Lu Live,C0011,No
C0013,Mo Billto,,No
C0014,------,C0013,Yes
C0015,No Self,C0015,No
C0016,Ob Empty,C0017,
EOF
err_empty

tcase "the stream on standard input, a row passes unchanged"
company
printf 'Name,No.,Note\n"Quoted, Name",C0001, spaced \nX,C0002,\n' >in.csv
run 0 all_checks <in.csv
out_is <<'EOF'
Name,No.,Note
"Quoted, Name",C0001, spaced 
EOF

tcase "log: one row per held customer, reasons joined in source order"
company
cat >>'Sales Header.csv' <<'EOF'
Order,SO-1002,C0010,C0010
Blanket Order,SB-1003,C0004,C0004
EOF
run 0 all_checks --log log.csv --now 2026-11-29T23:15:00Z --user TESTER \
    Customer.csv
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C0002,Not anonymized,open document in Sales Header,2026-11-29T23:15:00Z,TESTER
C0003,Not anonymized,open document in Sales Header,2026-11-29T23:15:00Z,TESTER
C0004,Not anonymized,open document in Sales Header; open document in Cust. Ledger Entry,2026-11-29T23:15:00Z,TESTER
C0005,Not anonymized,open document in Cust. Ledger Entry,2026-11-29T23:15:00Z,TESTER
C0006,Not anonymized,open document in Cust. Ledger Entry,2026-11-29T23:15:00Z,TESTER
C0008,Not anonymized,open document in Gen. Journal Line,2026-11-29T23:15:00Z,TESTER
C0010,Not anonymized,open document in Sales Header; open document in NPR MM Membership,2026-11-29T23:15:00Z,TESTER
C0011,Not anonymized,open document in Customer,2026-11-29T23:15:00Z,TESTER
C0017,Not anonymized,open document in Customer,2026-11-29T23:15:00Z,TESTER
EOF
ok "log is private" test "$(stat -c %a log.csv)" = 600
ok "output unchanged by the log" test "$(wc -l <out)" -eq 9

tcase "log: --reason per source, appended under one header"
company
mkdir sub
cp 'NPR MM Membership.csv' sub/Members.CSV
args='--now 2026-11-29 --user U1 --log log.csv Customer.csv'
run 0 check-open-docs --docs 'Sales Header.csv' --key 'Sell-to Customer No.' \
    --reason 'open sales document' \
    --docs sub/Members.CSV --key 'Customer No.' $args
run 0 check-open-docs --docs 'Gen. Journal Line.csv' --key 'Account No.' \
    --reason 'journal line' --where 'Account Type=Customer' $args
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C0002,Not anonymized,open sales document,2026-11-29T00:00:00Z,U1
C0003,Not anonymized,open sales document,2026-11-29T00:00:00Z,U1
C0010,Not anonymized,open document in Members,2026-11-29T00:00:00Z,U1
C0008,Not anonymized,journal line,2026-11-29T00:00:00Z,U1
EOF

tcase "a key named in any of several --key columns"
company
run 0 check-open-docs --docs 'Sales Header.csv' --key 'Sell-to Customer No.' \
    --key 'Bill-to Customer No.' --log log.csv --now 2026-01-01 --user U \
    Customer.csv
ok_not "bill-to of the invoice now held" grep -q '^C0001,' out
ok "one log row per customer" test "$(grep -c '^C0002,' log.csv)" -eq 1
ok "three held back" test "$(wc -l <log.csv)" -eq 4

tcase "--limit: stops after N customers passed, held ones do not count"
company
run 0 all_checks --limit 3 --log log.csv --now 2026-01-01 --user U \
    Customer.csv
out_is <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0007,Gu Placeholder,,No
C0009,Io Dummy,,No
EOF
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C0002,Not anonymized,open document in Sales Header,2026-01-01T00:00:00Z,U
C0003,Not anonymized,open document in Sales Header,2026-01-01T00:00:00Z,U
C0004,Not anonymized,open document in Cust. Ledger Entry,2026-01-01T00:00:00Z,U
C0005,Not anonymized,open document in Cust. Ledger Entry,2026-01-01T00:00:00Z,U
C0006,Not anonymized,open document in Cust. Ledger Entry,2026-01-01T00:00:00Z,U
C0008,Not anonymized,open document in Gen. Journal Line,2026-01-01T00:00:00Z,U
EOF

tcase "--limit 0 passes nobody and checks nobody"
company
run 0 all_checks --limit 0 --log log.csv --strict Customer.csv
out_is <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
EOF
ok "no log row" test "$(wc -l <log.csv)" -le 1

tcase "--limit reads the whole stream: the writer is not killed"
company
gen() {
	echo 'No.,Name'
	i=0
	while [ $i -lt 30000 ]; do
		echo "X$i,Padding Name Number $i"
		i=$((i + 1))
	done
}
gen >big.csv
ok "pipe writer ends normally" bash -c 'set -o pipefail; cat big.csv |
    check-open-docs --docs "NPR MM Membership.csv" --key "Customer No." \
    --limit 2 >out'
out_is <<'EOF'
No.,Name
X0,Padding Name Number 0
X1,Padding Name Number 1
EOF

tcase "--limit takes a whole number"
company
run 2 all_checks --limit 2x Customer.csv
err_is <<'EOF'
check-open-docs: --limit takes a whole number from 0 to 9223372036854775807
Try 'check-open-docs --help' for more information.
EOF

tcase "--strict: exit 3 after writing the output"
company
run 3 all_checks --strict Customer.csv
ok "output written" test "$(wc -l <out)" -eq 9
err_empty

tcase "--strict: exit 0 when nobody is held back"
company
printf 'No.,Name\nC0001,Ada Example\n' >one.csv
run 0 all_checks --strict one.csv
out_is <<'EOF'
No.,Name
C0001,Ada Example
EOF

tcase "-d ';' for every input"
company
for f in *.csv; do tr ',' ';' <"$f" >"semi-$f"; done
run 0 check-open-docs -d ';' \
    --docs 'semi-Sales Header.csv' --key 'Sell-to Customer No.' \
    --docs 'semi-Cust. Ledger Entry.csv' --key 'Customer No.' \
    --where Open=Yes \
    --docs 'semi-Gen. Journal Line.csv' --key 'Account No.' \
    --where 'Account Type=Customer' \
    --docs 'semi-NPR MM Membership.csv' --key 'Customer No.' \
    --docs semi-Customer.csv --key 'Bill-to Customer No.' --self-key No. \
    --where Anonymized=No semi-Customer.csv
out_is <<'EOF'
No.;Name;Bill-to Customer No.;Anonymized
C0001;Ada Example;;No
C0007;Gu Placeholder;;No
C0009;Io Dummy;;No
C0012;Lu Live;C0011;No
C0013;Mo Billto;;No
C0014;------;C0013;Yes
C0015;No Self;C0015;No
C0016;Ob Empty;C0017;
EOF

tcase "CRLF inputs, CRLF output"
company
for f in *.csv; do sed 's/$/\r/' "$f" >x && mv x "$f"; done
run 0 all_checks Customer.csv
printf 'No.,Name,Bill-to Customer No.,Anonymized\r\nC0001,Ada Example,,No\r\n' >want
ok "crlf kept" cmp -s want <(head -2 out)
ok "same customers" test "$(wc -l <out)" -eq 9
ok "no bare LF" test "$(grep -c $'\r$' out)" -eq 9

tcase "--customer-key names the stream's key column"
company
printf 'Customer,Name\nC0002,Bo Sample\nC0099,Zed Nobody\n' >cust.csv
run 0 all_checks --customer-key Customer cust.csv
out_is <<'EOF'
Customer,Name
C0099,Zed Nobody
EOF

# Sorted copies: every source ordered by its key, the stream by No.
sorted_company() {
	company
	cat >Billto.csv <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0002,Bo Sample,,No
C0011,Ka Billto,,No
C0017,Pa Billto,,No
C0012,Lu Live,C0011,No
C0014,------,C0013,Yes
C0015,No Self,C0015,No
C0016,Ob Empty,C0017,
EOF
	cat >'Sales Header.csv' <<'EOF'
Document Type,No.,Sell-to Customer No.,Bill-to Customer No.
Invoice,SI-3001,,C0001
Order,SO-1001,C0002,C0002
Order,SO-1004,C0002,C0002
Quote,SQ-2001,C0003,C0003
EOF
	cat >'Cust. Ledger Entry.csv' <<'EOF'
Entry No.,Customer No.,Posting Date,Open
6,C0001,2025-01-15,0
1,C0004,2025-01-10,Yes
2,C0005,2025-01-11,true
7,C0006,2025-01-12,No
3,C0006,2025-01-12,1
4,C0007,2025-01-13,No
5,C0007,2025-01-14,false
EOF
	cat >'Gen. Journal Line.csv' <<'EOF'
Journal Template Name,Line No.,Account Type,Account No.
GENERAL,30000,G/L Account,C0001
GENERAL,10000,Customer,C0008
GENERAL,20000,Vendor,C0009
GENERAL,40000,Customer,C9999
EOF
	cat >'NPR MM Membership.csv' <<'EOF'
Entry No.,Membership Code,Customer No.
2,SILVER,
1,GOLD,C0010
EOF
}

sorted_checks() {
	check-open-docs \
	    --docs 'Sales Header.csv' --key 'Sell-to Customer No.' \
	    --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
	    --where Open=Yes \
	    --docs 'Gen. Journal Line.csv' --key 'Account No.' \
	    --where 'Account Type=Customer' \
	    --docs 'NPR MM Membership.csv' --key 'Customer No.' \
	    --docs Billto.csv --key 'Bill-to Customer No.' --self-key No. \
	    --where Anonymized=No "$@"
}

tcase "--sorted gives the same output and log as the key map"
sorted_company
run 0 sorted_checks --log log1.csv --now 2026-01-01 --user U Customer.csv
mv out out1
run 0 sorted_checks --sorted --log log2.csv --now 2026-01-01 --user U \
    Customer.csv
out_file_is out1
ok "same log" cmp -s log1.csv log2.csv
ok "nine held back" test "$(wc -l <log2.csv)" -eq 10
out_is <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0007,Gu Placeholder,,No
C0009,Io Dummy,,No
C0012,Lu Live,C0011,No
C0013,Mo Billto,,No
C0014,------,C0013,Yes
C0015,No Self,C0015,No
C0016,Ob Empty,C0017,
EOF

tcase "--sorted: a key that is a prefix of another sorts first"
printf 'No.\nA\nAB\nB\n' >c.csv
printf 'K\nA\nAB\nABC\n' >d.csv
run 0 check-open-docs --sorted --docs d.csv --key K c.csv
out_is <<'EOF'
No.
B
EOF

tcase "--sorted with --limit and customers absent from the sources"
sorted_company
run 0 sorted_checks --sorted --limit 4 Customer.csv
out_is <<'EOF'
No.,Name,Bill-to Customer No.,Anonymized
C0001,Ada Example,,No
C0007,Gu Placeholder,,No
C0009,Io Dummy,,No
C0012,Lu Live,C0011,No
EOF

tcase "--sorted: customer stream out of order"
sorted_company
printf 'No.,Name\nC0001,A\nC0009,B\nC0005,C\n' >c.csv
run 1 sorted_checks --sorted c.csv
err_is <<'EOF'
check-open-docs: c.csv:4: customer C0005: input not sorted by 'No.'
EOF
run 0 sorted_checks c.csv
ok "unsorted mode accepts it" test "$(wc -l <out)" -eq 3

tcase "--sorted: a source out of order"
company
run 1 check-open-docs --sorted --docs Customer.csv \
    --key 'Bill-to Customer No.' Customer.csv
err_is <<'EOF'
check-open-docs: Customer.csv:14: input not sorted by 'Bill-to Customer No.'
EOF

tcase "--sorted: a source out of order after the last customer"
printf 'No.\nA\n' >c.csv
printf 'K\nB\nC\nBB\n' >d.csv
run 1 check-open-docs --sorted --docs d.csv --key K c.csv
err_is <<'EOF'
check-open-docs: d.csv:4: customer BB: input not sorted by 'K'
EOF

tcase "--sorted takes one --key a source"
company
run 2 check-open-docs --sorted --docs 'Sales Header.csv' \
    --key 'Sell-to Customer No.' --key 'Bill-to Customer No.' Customer.csv
err_is <<'EOF'
check-open-docs: --sorted takes one --key for --docs Sales Header.csv
Try 'check-open-docs --help' for more information.
EOF

tcase "missing column in a source"
company
run 1 check-open-docs --docs 'Sales Header.csv' --key 'Sell-to Customer' \
    Customer.csv
err_is <<'EOF'
check-open-docs: Sales Header.csv:1: missing column 'Sell-to Customer'
EOF
out_is </dev/null

tcase "missing --where and --self-key columns"
company
run 1 check-open-docs --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
    --where Opened=Yes Customer.csv
err_is <<'EOF'
check-open-docs: Cust. Ledger Entry.csv:1: missing column 'Opened'
EOF
run 1 check-open-docs --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
    --self-key No. Customer.csv
err_is <<'EOF'
check-open-docs: Cust. Ledger Entry.csv:1: missing column 'No.'
EOF

tcase "an empty source is a data error"
company
: >empty.csv
run 1 check-open-docs --docs empty.csv --key 'Customer No.' Customer.csv
err_is <<'EOF'
check-open-docs: empty.csv: empty input: no header row
EOF
out_is </dev/null

tcase "a source with a header only holds back nobody"
company
head -1 'NPR MM Membership.csv' >m.csv
run 0 check-open-docs --docs m.csv --key 'Customer No.' --strict Customer.csv
out_file_is Customer.csv

tcase "missing key column in the customer stream"
company
run 1 all_checks --customer-key Number Customer.csv
err_is <<'EOF'
check-open-docs: Customer.csv:1: missing column 'Number'
EOF

tcase "malformed source: its file and line, nothing written"
company
printf 'Entry No.,Customer No.\n1,C0001\n2,C0002,extra\n' >bad.csv
run 1 check-open-docs --docs bad.csv --key 'Customer No.' Customer.csv
err_is <<'EOF'
check-open-docs: bad.csv:3: row has 3 fields, header has 2
EOF
out_is </dev/null

tcase "missing source file"
company
run 1 check-open-docs --docs nosuch.csv --key K Customer.csv
err_is <<'EOF'
check-open-docs: nosuch.csv: No such file or directory
EOF

tcase "empty customer stream: a data error, no output"
company
run 1 all_checks </dev/null
err_is <<'EOF'
check-open-docs: <stdin>: empty input: no header row
EOF
out_is </dev/null

tcase "usage: a source option before any --docs"
company
run 2 check-open-docs --key 'Customer No.' --docs m.csv Customer.csv
err_is <<'EOF'
check-open-docs: --key must follow the --docs it applies to
Try 'check-open-docs --help' for more information.
EOF

tcase "usage: a source without --key"
company
run 2 check-open-docs --docs 'Sales Header.csv' --reason x \
    --docs 'NPR MM Membership.csv' --key 'Customer No.' Customer.csv
err_is <<'EOF'
check-open-docs: --docs Sales Header.csv needs a --key
Try 'check-open-docs --help' for more information.
EOF

tcase "usage: no source, two reasons, bad filter, bad option"
company
run 2 check-open-docs Customer.csv
err_has "check-open-docs: no --docs given"
run 2 check-open-docs --docs m.csv --key K --reason a --reason b Customer.csv
err_has "check-open-docs: --reason given twice for --docs m.csv"
run 2 check-open-docs --docs m.csv --key K --where Open Customer.csv
err_has "check-open-docs: --where takes COLUMN=VALUE"
run 2 check-open-docs --docs m.csv --key K --date D Customer.csv
err_has "Try 'check-open-docs --help'"
run 2 check-open-docs --docs m.csv --key K -d ab Customer.csv
err_has "check-open-docs: --delimiter takes one character"
run 2 check-open-docs --docs m.csv --key K Customer.csv extra.csv
err_has "check-open-docs: too many files"
run 2 check-open-docs --docs - --key K
err_has "check-open-docs: standard input given twice"
run 2 check-open-docs --docs m.csv --key K --now yesterday Customer.csv
err_has "check-open-docs: --now takes"

tcase "usage: more than 32 sources"
company
set --
for i in $(seq 33); do set -- "$@" --docs 'NPR MM Membership.csv' \
    --key 'Customer No.'; done
run 2 check-open-docs "$@" Customer.csv
err_has "check-open-docs: at most 32 --docs"
set --
for i in $(seq 32); do set -- "$@" --docs 'NPR MM Membership.csv' \
    --key 'Customer No.' --reason "r$i"; done
run 0 check-open-docs "$@" --log log.csv Customer.csv
ok "32 reasons joined" grep -q '^C0010,Not anonymized,r1; r2; .*; r31; r32,' \
    log.csv

tcase "a source may be standard input"
company
run 0 check-open-docs --docs - --key 'Customer No.' Customer.csv \
    <'NPR MM Membership.csv'
ok_not "member held back" grep -q '^C0010,' out
ok "others pass" test "$(wc -l <out)" -eq 17

tcase "--help and --version"
run 0 check-open-docs --help
ok "usage on stdout" grep -q '^usage: check-open-docs (--docs FILE' out
err_empty
run 0 check-open-docs --version
out_is <<'EOF'
check-open-docs custanon 0.1.0
EOF

tcase 'a boolean condition on a field that is not a boolean is a data error'
printf 'No.,Name\nC1,Ann\n' >cust.csv
printf 'Customer No.,Open\nC1,SECRETxyz\n' >cle.csv
run 1 check-open-docs --docs cle.csv --key 'Customer No.' --where Open=Yes cust.csv
err_is <<'X'
check-open-docs: cle.csv:2: customer C1: not a boolean in column 'Open'
X
out_is </dev/null

tcase "an option's number where the condition names the option is a data error"
# A SQL-side export of Business Central holds an Option field's ordinal:
# 1 for Customer in a journal line's Account Type.  Read as a mismatch,
# C1's open journal line would not hold it back.
printf 'No.,Name\nC1,Ann\nC2,Bo\nC3,Cy\n' >cust.csv
printf 'Account Type,Account No.\nCustomer,C2\n1,C1\n' >gjl.csv
run 1 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=Customer' cust.csv
err_is <<'X'
check-open-docs: gjl.csv:3: customer C1: an option's number, not its name, in column 'Account Type'
X
out_is </dev/null
# So with <>, @ and alternatives, and a signed number.
printf 'Account Type,Account No.\n-1,C1\n' >gjl.csv
run 1 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=<>@Vendor&<>@G/L Account' cust.csv
err_is <<'X'
check-open-docs: gjl.csv:2: customer C1: an option's number, not its name, in column 'Account Type'
X
# An empty field is no option's number: no match, or ''.
printf 'Account Type,Account No.\n,C1\n,C3\n' >gjl.csv
run 0 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=Customer' cust.csv
out_is <<'X'
No.,Name
C1,Ann
C2,Bo
C3,Cy
X
run 0 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where "Account Type=Customer|''" cust.csv
out_is <<'X'
No.,Name
C2,Bo
X
# A quoted value, a number or a wildcard names no option: text as before.
printf 'Account Type,Account No.\n1,C1\n2,C2\n' >gjl.csv
run 0 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where "Account Type='Customer'" --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=2' --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=Cust*' cust.csv
out_is <<'X'
No.,Name
C1,Ann
C3,Cy
X

tcase 'a quoted filter value compares as text, not as a boolean'
printf 'No.,Name\nC1,Ann\nC2,Bo\n' >cust.csv
printf 'Customer No.,Flag\nC1,yes\nC2,maybe\n' >docs.csv
run 0 check-open-docs --docs docs.csv --key 'Customer No.' --where "Flag='yes'" cust.csv
out_is <<'X'
No.,Name
C2,Bo
X

tcase 'a key written otherwise than a Code: a data error when it names a customer checked, else nobody'"'"'s'
printf 'No.,Name\nC1,Ann\nC2,Bo\n' >cust.csv
for key in c2 ' C2' 'C2 '; do
	printf 'Document Type,No.,Sell-to Customer No.\nOrder,SO1,C1\nOrder,SO2,"%s"\n' "$key" >sh.csv
	run 1 check-open-docs --docs sh.csv --key 'Sell-to Customer No.' cust.csv
	err_is <<X
check-open-docs: sh.csv:3: customer $key: key C2 written otherwise (in lower case, or padded) in column 'Sell-to Customer No.'
X
	# Sorted, where it is out of its customer's place: any such key,
	# its value never printed (it may be anything).
	run 1 check-open-docs --docs sh.csv --key 'Sell-to Customer No.' \
	    --sorted cust.csv
	err_has "check-open-docs: sh.csv:3: "
done
# A tab: the message shows it as '?', as any control character.
printf 'Document Type,No.,Sell-to Customer No.\nOrder,SO2,"C2\t"\n' >sh.csv
run 1 check-open-docs --docs sh.csv --key 'Sell-to Customer No.' cust.csv
err_is <<'X'
check-open-docs: sh.csv:2: customer C2?: key C2 written otherwise (in lower case, or padded) in column 'Sell-to Customer No.'
X
# Named by no customer of the stream: nobody's, never printed.
printf 'Document Type,No.,Sell-to Customer No.\nOrder,SO1,C1\nOrder,SO2,c9\nOrder,SO3,ann@example.com\n' >sh.csv
run 0 check-open-docs --docs sh.csv --key 'Sell-to Customer No.' cust.csv
out_is <<'X'
No.,Name
C2,Bo
X
err_empty
# A row that does not count (its --where unmet, its key empty) is not read.
printf 'Document Type,No.,Sell-to Customer No.\nOrder,SO1,C1\nQuote,SO2,c2\nOrder,SO3,\n' >sh.csv
run 0 check-open-docs --docs sh.csv --key 'Sell-to Customer No.' \
    --where 'Document Type=Order' cust.csv
out_is <<'X'
No.,Name
C2,Bo
X

tcase "--values: a field that is not one of the column's declared options is a data error"
# An export with the options' captions in another language (Debitor), or
# an empty option where BC always stores one, read as a mismatch: C1's
# open journal line would not hold it back.  No value is named.
printf 'No.,Name\nC1,Ann\nC2,Bo\nC3,Cy\n' >cust.csv
GJ='G/L Account|Customer|Vendor|Bank Account|Fixed Asset|IC Partner|Employee|Allocation Account'
for v in Debitor '' 'Xq7Debitor' 'Customer Vendor'; do
	printf 'Account Type,Account No.\nCustomer,C2\n"%s",C1\n' "$v" >gjl.csv
	run 1 check-open-docs --docs gjl.csv --key 'Account No.' \
	    --where 'Account Type=Customer' --values "Account Type=$GJ" cust.csv
	err_is <<'X'
check-open-docs: gjl.csv:3: customer C1: not one of the options declared for column 'Account Type'
X
	out_is </dev/null
done
err_lacks Xq7Debitor
# Without --values, the same rows read as before: C1 passes (the flaw).
run 0 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=Customer' cust.csv
ok "without --values C1 passes" grep -q '^C1,' out
# A <> condition reads a caption as another option: refused too.
printf 'Account Type,Account No.\nDebitor,C1\n' >gjl.csv
run 1 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=<>Vendor' --values "Account Type=$GJ" cust.csv
err_has "gjl.csv:2: customer C1: not one of the options declared for column 'Account Type'"
# A declared option passes and reads as before; the ordinal and the name
# written otherwise keep their own messages, checked first.
printf 'Account Type,Account No.\nCustomer,C2\nG/L Account,C1\nAllocation Account,C3\n' >gjl.csv
run 0 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=Customer' --values "Account Type=$GJ" cust.csv
out_is <<'X'
No.,Name
C1,Ann
C3,Cy
X
err_empty
printf 'Account Type,Account No.\n1,C1\n' >gjl.csv
run 1 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=Customer' --values "Account Type=$GJ" cust.csv
err_has "an option's number, not its name, in column 'Account Type'"
for v in customer ' Customer' 'VENDOR'; do
	printf 'Account Type,Account No.\n"%s",C1\n' "$v" >gjl.csv
	run 1 check-open-docs --docs gjl.csv --key 'Account No.' \
	    --where 'Account Type=Customer' --values "Account Type=$GJ" cust.csv
	err_is <<'X'
check-open-docs: gjl.csv:2: customer C1: an option's name written otherwise (in another case, or padded) in column 'Account Type'
X
done
# The blank option, declared '', is one of them.
printf 'Source Type,Source No.\n,C1\nCustomer,C2\n' >ile.csv
run 0 check-open-docs --docs ile.csv --key 'Source No.' \
    --where 'Source Type=Customer' --values "Source Type=''|Customer|Vendor|Item" cust.csv
out_is <<'X'
No.,Name
C1,Ann
C3,Cy
X

tcase "--values COL=#integer: a whole number written plainly, nothing else"
printf 'No.,Name\nC1,Ann\nC2,Bo\n' >cust.csv
for v in ' 18' '18.0' '018' '18 ' '+18' '' 'Customer'; do
	printf 'Source Type,Source No.\n36,C2\n"%s",C1\n' "$v" >crs.csv
	run 1 check-open-docs --docs crs.csv --key 'Source No.' \
	    --where 'Source Type=18' --values 'Source Type=#integer' cust.csv
	err_is <<'X'
check-open-docs: crs.csv:3: customer C1: not a whole number written plainly, as declared for column 'Source Type'
X
done
printf 'Source Type,Source No.\n18,C1\n36,C2\n' >crs.csv
run 0 check-open-docs --docs crs.csv --key 'Source No.' \
    --where 'Source Type=18' --values 'Source Type=#integer' cust.csv
out_is <<'X'
No.,Name
C2,Bo
X

tcase "--values: usage errors"
printf 'No.,Name\nC1,Ann\n' >cust.csv
printf 'Account Type,Account No.\nCustomer,C1\n' >gjl.csv
run 2 check-open-docs --values 'Account Type=Customer' --docs gjl.csv \
    --key 'Account No.' cust.csv
err_has "--values must follow the --docs it applies to"
run 2 check-open-docs --docs gjl.csv --key 'Account No.' \
    --values 'Account Type=Customer||Vendor' cust.csv
err_has "--values: column 'Account Type': an empty value (write '' for the blank option)"
run 2 check-open-docs --docs gjl.csv --key 'Account No.' \
    --values 'Account Type=Customer' --values 'Account Type=Vendor' cust.csv
err_has "--values: column 'Account Type' declared twice, with other values"
run 2 check-open-docs --docs gjl.csv --key 'Account No.' \
    --values 'Account Type' cust.csv
err_has "--values takes COLUMN=VALUE"
run 0 check-open-docs --docs gjl.csv --key 'Account No.' \
    --where 'Account Type=Customer' \
    --values 'Account Type=Customer|Vendor' \
    --values 'Account Type=Customer|Vendor' cust.csv
out_is <<'X'
No.,Name
X
