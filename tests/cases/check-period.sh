# check-period: the retention rule of the nightly job (CHECK_PERIOD = Yes):
# no transaction after the cutoff, --customer-date, dates and formulas.

# company: synthetic customers, with --now 2026-11-29 and 3Y the cutoff is
# 2023-11-29.
#   P001 a transaction on the cutoff; P002 one day after it
#   P003 an old and a new transaction; P010 an ISO date-time after it
#   P004 P005 no transaction, Last Date Modified on / after the cutoff
#   P006 P013 no Last Date Modified (empty, 0001-01-01)
#   P007 an old transaction, Last Date Modified after the cutoff
#   P008 an item ledger entry of the customer after the cutoff; P009 one
#        of a vendor with the same number; P014 an old one only
#   P011 P012 ledger entries without a date (0001-01-01, empty)
#   P015 transactions after the cutoff in both tables, no date modified
company() {
	cat >Customer.csv <<'EOF'
No.,Name,Last Date Modified
P001,Ann Ontime,2020-05-05
P002,Ben Late,2020-05-05
P003,Cat Mixed,2020-05-05
P004,Dan Notx,2023-11-29
P005,Eve Notx,2023-11-30
P006,Fay Nodate,
P007,Gil Oldtx,2026-01-01
P008,Hal Item,2020-05-05
P009,Ida Vendor,2020-05-05
P010,Jon Iso,2020-05-05
P011,Kim Zero,2020-01-01
P012,Lea Empty,2020-01-01
P013,Max Zero,0001-01-01
P014,Ned Itemonly,2026-05-05
P015,Oli Both,
EOF
	cat >'Cust. Ledger Entry.csv' <<'EOF'
Entry No.,Customer No.,Posting Date
10,,2025-01-01
1,P001,2023-11-29
2,P002,2023-11-30
3,P003,2024-05-05
4,P003,2020-01-01
5,P006,2021-01-01
6,P007,2021-06-30
7,P010,2024-01-01T10:00:00Z
8,P011,0001-01-01
9,P012,
11,P015,2025-03-03
EOF
	cat >'Item Ledger Entry.csv' <<'EOF'
Entry No.,Source Type,Source No.,Posting Date
4,,P002,2026-01-01
1,Customer,P008,2025-02-02
2,Vendor,P009,2025-02-02
3,Customer,P014,2022-02-02
5,Customer,P015,2025-04-04
EOF
}

# period: the job's retention check; more options follow.
period() {
	check-period --now 2026-11-29 \
	    --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
	    --date 'Posting Date' \
	    --docs 'Item Ledger Entry.csv' --key 'Source No.' \
	    --date 'Posting Date' --where 'Source Type=Customer' "$@"
}

tcase "transactions after the cutoff hold back, one on it does not"
company
run 0 period --anonymize-after 3Y Customer.csv
out_is <<'EOF'
No.,Name,Last Date Modified
P001,Ann Ontime,2020-05-05
P004,Dan Notx,2023-11-29
P005,Eve Notx,2023-11-30
P006,Fay Nodate,
P007,Gil Oldtx,2026-01-01
P009,Ida Vendor,2020-05-05
P011,Kim Zero,2020-01-01
P012,Lea Empty,2020-01-01
P013,Max Zero,0001-01-01
P014,Ned Itemonly,2026-05-05
EOF
err_empty

tcase "3Y, -3Y, <3Y>, <-3Y> and 36M are the same cutoff"
company
run 0 period --anonymize-after 3Y Customer.csv
mv out want
for f in -3Y '<3Y>' '<-3Y>' 36M 3y; do
	run 0 period --anonymize-after "$f" Customer.csv
	out_file_is want
done

tcase "a longer period holds back more, a shorter one less"
company
run 0 period --anonymize-after 4Y Customer.csv
ok_not "P001 now held back" grep -q '^P001,' out
ok "P014 still passes" grep -q '^P014,' out
run 0 period --anonymize-after 2Y Customer.csv
ok "P002 now passes" grep -q '^P002,' out
ok_not "P008 still held back" grep -q '^P008,' out

tcase "--customer-date: no date, and no transaction after the cutoff"
company
run 0 period --anonymize-after 3Y --customer-date 'Last Date Modified' \
    Customer.csv
out_is <<'EOF'
No.,Name,Last Date Modified
P001,Ann Ontime,2020-05-05
P004,Dan Notx,2023-11-29
P007,Gil Oldtx,2026-01-01
P009,Ida Vendor,2020-05-05
P011,Kim Zero,2020-01-01
P012,Lea Empty,2020-01-01
P014,Ned Itemonly,2026-05-05
EOF

tcase "--log: the reasons of every rule, in order"
company
run 0 period --anonymize-after 3Y --customer-date 'Last Date Modified' \
    --log log.csv --user TESTER Customer.csv
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
P002,Not anonymized,transaction after cutoff in Cust. Ledger Entry,2026-11-29T00:00:00Z,TESTER
P003,Not anonymized,transaction after cutoff in Cust. Ledger Entry,2026-11-29T00:00:00Z,TESTER
P005,Not anonymized,Last Date Modified after cutoff,2026-11-29T00:00:00Z,TESTER
P006,Not anonymized,no Last Date Modified,2026-11-29T00:00:00Z,TESTER
P008,Not anonymized,transaction after cutoff in Item Ledger Entry,2026-11-29T00:00:00Z,TESTER
P010,Not anonymized,transaction after cutoff in Cust. Ledger Entry,2026-11-29T00:00:00Z,TESTER
P013,Not anonymized,no Last Date Modified,2026-11-29T00:00:00Z,TESTER
P015,Not anonymized,transaction after cutoff in Cust. Ledger Entry; transaction after cutoff in Item Ledger Entry; no Last Date Modified,2026-11-29T00:00:00Z,TESTER
EOF

tcase "--reason per source; nothing logged without --log"
company
run 0 period --anonymize-after 3Y --reason 'recent item entry' \
    --log log.csv --user U Customer.csv
ok "item reason" grep -q '^P008,Not anonymized,recent item entry,' log.csv
ok "ledger reason by default" grep -q \
    '^P002,Not anonymized,transaction after cutoff in Cust. Ledger Entry,' \
    log.csv
run 0 period --anonymize-after 3Y Customer.csv
ok "no log file" test ! -e Customer\ GDPR\ Log\ Entries.csv
ok "no other file written" test "$(ls | wc -l)" -eq 6

tcase "--strict: exit 3 after writing the output"
company
run 3 period --anonymize-after 3Y --strict Customer.csv
ok "output written" test "$(wc -l <out)" -eq 11
run 0 period --anonymize-after 1D --strict Customer.csv
ok "nobody held" test "$(wc -l <out)" -eq 16

tcase "--now: today is the UTC date of a date-time"
company
run 0 check-period --now 2026-11-30T00:30:00+01:00 --anonymize-after 3Y \
    --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
    --date 'Posting Date' Customer.csv
ok "P001 on the cutoff passes" grep -q '^P001,' out
ok_not "P002 after it is held" grep -q '^P002,' out
run 0 check-period --now 2026-11-30T00:30:00Z --anonymize-after 3Y \
    --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' \
    --date 'Posting Date' Customer.csv
ok "a day later P002 passes" grep -q '^P002,' out

tcase "month arithmetic clamps to the month's end"
cat >c.csv <<'EOF'
No.
M1
M2
EOF
cat >t.csv <<'EOF'
Customer No.,Posting Date
M1,2026-02-28
M2,2026-03-01
EOF
run 0 check-period --now 2026-03-31 --anonymize-after 1M --docs t.csv \
    --key 'Customer No.' --date 'Posting Date' c.csv
out_is <<'EOF'
No.
M1
EOF
cat >t.csv <<'EOF'
Customer No.,Posting Date
M1,2023-02-28
M2,2023-03-01
EOF
run 0 check-period --now 2024-02-29 --anonymize-after '<-1Y>' --docs t.csv \
    --key 'Customer No.' --date 'Posting Date' c.csv
out_is <<'EOF'
No.
M1
EOF
cat >t.csv <<'EOF'
Customer No.,Posting Date
M1,2026-01-28
M2,2026-01-29
EOF
run 0 check-period --now 2026-02-28 --anonymize-after 1M --docs t.csv \
    --key 'Customer No.' --date 'Posting Date' c.csv
out_is <<'EOF'
No.
M1
EOF

tcase "--date-format for every date column"
cat >c.csv <<'EOF'
No.;Last Date Modified
D1;29.11.2023
D2;30.11.2023
D3;01.01.2020
D4;
EOF
cat >t.csv <<'EOF'
Customer No.;Posting Date
D3;30.11.2023
D3;5.1.2019
EOF
run 0 check-period -d ';' --date-format '%d.%m.%Y' --now 2026-11-29 \
    --anonymize-after 3Y --docs t.csv --key 'Customer No.' \
    --date 'Posting Date' --customer-date 'Last Date Modified' \
    --log log.csv --user U c.csv
out_is <<'EOF'
No.;Last Date Modified
D1;29.11.2023
EOF
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
D2,Not anonymized,Last Date Modified after cutoff,2026-11-29T00:00:00Z,U
D3,Not anonymized,transaction after cutoff in t,2026-11-29T00:00:00Z,U
D4,Not anonymized,no Last Date Modified,2026-11-29T00:00:00Z,U
EOF

tcase "ISO dates rejected under --date-format"
cat >c.csv <<'EOF'
No.,Last Date Modified
D1,2023-11-29
EOF
printf 'Customer No.,Posting Date\n' >t.csv
run 1 check-period --date-format '%m/%d/%Y' --now 2026-11-29 \
    --anonymize-after 3Y --docs t.csv --key 'Customer No.' \
    --date 'Posting Date' --customer-date 'Last Date Modified' c.csv
err_is <<'EOF'
check-period: c.csv:2: customer D1: bad date in column 'Last Date Modified'
EOF

tcase "bad date in a source: exit 1, nothing written"
company
printf '12,P001,2023-02-30\n' >>'Cust. Ledger Entry.csv'
run 1 period --anonymize-after 3Y Customer.csv
err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:13: customer P001: bad date in column 'Posting Date'
EOF
out_is </dev/null

tcase "--where: an option's number where the condition names the option is a data error"
# An item ledger entry whose Source Type is the ordinal 1 (Customer):
# read as a mismatch, P002's later transaction would not hold it back.
company
printf '12,1,P002,2026-01-01\n' >>'Item Ledger Entry.csv'
run 1 period --anonymize-after 3Y Customer.csv
err_is <<'EOF'
check-period: Item Ledger Entry.csv:7: customer P002: an option's number, not its name, in column 'Source Type'
EOF
out_is </dev/null

tcase "bad date in a row --where leaves out is still an error"
company
printf '6,Vendor,V0001,yesterday\n' >>'Item Ledger Entry.csv'
run 1 period --anonymize-after 3Y Customer.csv
err_is <<'EOF'
check-period: Item Ledger Entry.csv:7: bad date in column 'Posting Date'
EOF

tcase "bad date in the customer stream"
company
printf 'P016,Pat Bad,2023-13-01\n' >>Customer.csv
run 1 period --anonymize-after 3Y --customer-date 'Last Date Modified' \
    Customer.csv
err_is <<'EOF'
check-period: Customer.csv:17: customer P016: bad date in column 'Last Date Modified'
EOF
run 0 period --anonymize-after 3Y Customer.csv
ok "not read without --customer-date" grep -q '^P016,' out

tcase "missing columns: source and customer stream"
company
run 2 period --anonymize-after 3Y --date 'Date' Customer.csv
err_has "check-period: --date given twice for --docs Item Ledger Entry.csv"
run 1 check-period --now 2026-11-29 --anonymize-after 3Y \
    --docs 'Cust. Ledger Entry.csv' --key 'Customer No.' --date Date \
    Customer.csv
err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:1: missing column 'Date'
EOF
run 1 period --anonymize-after 3Y --customer-date 'Modified' Customer.csv
err_is <<'EOF'
check-period: Customer.csv:1: missing column 'Modified'
EOF
run 1 period --anonymize-after 3Y --customer-key Number Customer.csv
err_is <<'EOF'
check-period: Customer.csv:1: missing column 'Number'
EOF

tcase "--sorted gives the same output and log"
company
run 0 period --anonymize-after 3Y --customer-date 'Last Date Modified' \
    --log log1.csv --user U Customer.csv
mv out out1
run 0 period --anonymize-after 3Y --customer-date 'Last Date Modified' \
    --log log2.csv --user U --sorted Customer.csv
out_file_is out1
ok "same log" cmp -s log1.csv log2.csv
ok "eight held" test "$(wc -l <log2.csv)" -eq 9

tcase "--sorted: a source out of order"
company
printf '12,P001,2020-01-01\n' >>'Cust. Ledger Entry.csv'
run 1 period --anonymize-after 3Y --sorted Customer.csv
err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:13: customer P001: input not sorted by 'Customer No.'
EOF
run 0 period --anonymize-after 3Y Customer.csv
ok "fine without --sorted" grep -q '^P001,' out

tcase "--sorted: customer stream out of order"
company
printf 'P000,Zed Early,2020-01-01\n' >>Customer.csv
run 1 period --anonymize-after 3Y --sorted Customer.csv
err_is <<'EOF'
check-period: Customer.csv:17: customer P000: input not sorted by 'No.'
EOF

tcase "CRLF in, CRLF out"
company
for f in *.csv; do sed 's/$/\r/' "$f" >x && mv x "$f"; done
run 0 period --anonymize-after 3Y Customer.csv
ok "eleven CRLF lines" test "$(grep -c $'\r$' out)" -eq 11
ok_not "P002 held back" grep -q '^P002,' out

tcase "usage: --anonymize-after required and checked"
company
run 2 period Customer.csv
err_is <<'EOF'
check-period: --anonymize-after is required
Try 'check-period --help' for more information.
EOF
run 2 period --anonymize-after 3X Customer.csv
err_is <<'EOF'
check-period: --anonymize-after: unknown unit in date formula (use D, W, M, Q or Y)
Try 'check-period --help' for more information.
EOF
run 2 period --anonymize-after '<3Y' Customer.csv
err_has "check-period: --anonymize-after: unbalanced '<' in date formula"

tcase "usage: a source needs one --key and one --date"
company
run 2 check-period --anonymize-after 3Y --docs t.csv --key K Customer.csv
err_has "check-period: --docs t.csv needs a --date"
run 2 check-period --anonymize-after 3Y --docs t.csv --date D Customer.csv
err_has "check-period: --docs t.csv needs a --key"
run 2 check-period --anonymize-after 3Y --docs t.csv --date D --key A \
    --key B Customer.csv
err_has "check-period: --key given twice for --docs t.csv"
run 2 check-period --anonymize-after 3Y --date D --docs t.csv --key K \
    Customer.csv
err_has "check-period: --date must follow the --docs it applies to"
run 2 check-period --anonymize-after 3Y Customer.csv
err_has "check-period: no --docs given"

tcase "usage: bad option values"
company
run 2 period --anonymize-after 3Y --date-format '%d.%m' Customer.csv
err_has "check-period: --date-format takes"
run 2 period --anonymize-after 3Y --now 2026-02-30 Customer.csv
err_has "check-period: --now takes"
run 2 period --anonymize-after 3Y --self-key No. Customer.csv
err_has "Try 'check-period --help'"
run 2 period --anonymize-after 3Y --where 'Open' Customer.csv
err_has "check-period: --where takes COLUMN=VALUE"
run 2 period --anonymize-after 3Y --customer-date '' Customer.csv
err_has "check-period: --customer-date takes a column name"

tcase "--help and --version"
run 0 check-period --help
ok "usage on stdout" grep -q '^usage: check-period --anonymize-after' out
run 0 check-period --version
out_is <<'EOF'
check-period custanon 0.1.0
EOF

tcase "a customer key written otherwise than a Code: a data error when it names a customer checked"
company
printf '12,p002,2026-01-01\n' >>'Cust. Ledger Entry.csv'
run 1 period --anonymize-after 3Y Customer.csv
err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:13: customer p002: key P002 written otherwise (in lower case, or padded) in column 'Customer No.'
EOF
run 1 period --anonymize-after 3Y --sorted Customer.csv
err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:13: a key written otherwise (in lower case, or padded) in column 'Customer No.'
EOF
company
printf '12,P001 ,2026-01-01\n' >>'Cust. Ledger Entry.csv'
run 1 period --anonymize-after 3Y Customer.csv
err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:13: customer P001 : key P001 written otherwise (in lower case, or padded) in column 'Customer No.'
EOF
company
printf '12,p999,2026-01-01\n' >>'Cust. Ledger Entry.csv'
run 0 period --anonymize-after 3Y Customer.csv
ok "a key no customer's: nobody's" grep -q '^P001,' out

tcase "a key written otherwise is judged in a row without a date too, and only where --where is met"
# The job fetches the ledger without looking for such keys again, since
# this check reads every row (pipelines/lib/sql.sh, sql_key_in).
for d in '' 0001-01-01; do
	company
	printf '12,p001,%s\n' "$d" >>'Cust. Ledger Entry.csv'
	run 1 period --anonymize-after 3Y Customer.csv
	err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:13: customer p001: key P001 written otherwise (in lower case, or padded) in column 'Customer No.'
EOF
	run 1 period --anonymize-after 3Y --sorted Customer.csv
	err_is <<'EOF'
check-period: Cust. Ledger Entry.csv:13: a key written otherwise (in lower case, or padded) in column 'Customer No.'
EOF
done
company
printf '6,Vendor,p001,\n7,Customer,p001,\n' >>'Item Ledger Entry.csv'
run 1 period --anonymize-after 3Y Customer.csv
err_is <<'EOF'
check-period: Item Ledger Entry.csv:8: customer p001: key P001 written otherwise (in lower case, or padded) in column 'Source No.'
EOF
company
printf '6,Vendor,p001,\n' >>'Item Ledger Entry.csv'
run 0 period --anonymize-after 3Y Customer.csv
ok "a vendor's key is no customer's" grep -q '^P001,' out

tcase "--values: a Source Type that is not one of the declared options is a data error"
# Debitor, a caption in another language: read as a mismatch, P002's
# later transaction would not hold it back.  An empty one is declared
# (the blank option) and reads as before.
company
printf '12,Debitor,P002,2026-01-01\n' >>'Item Ledger Entry.csv'
run 1 period --values "Source Type=''|Customer|Vendor|Item" \
    --anonymize-after 3Y Customer.csv
err_is <<'EOF'
check-period: Item Ledger Entry.csv:7: customer P002: not one of the options declared for column 'Source Type'
EOF
out_is </dev/null
company
run 0 period --anonymize-after 3Y Customer.csv
mv out plain
run 0 period --values "Source Type=''|Customer|Vendor|Item" \
    --anonymize-after 3Y Customer.csv
out_file_is plain
