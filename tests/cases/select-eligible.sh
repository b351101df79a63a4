# select-eligible: the three modes, the anonymized skip, filters, the
# permission check, manual refusals, --limit, --count, the log, CSV dialects.

C=$DATA/select/customers.csv
U=$DATA/select/user-setup.csv
NOW=2026-11-29T23:15:00Z
H='No.,Name,Customer Posting Group,Gen. Bus. Posting Group,Anonymized,To Anonymize,To Anonymize On'

tcase "all mode: every customer not yet anonymized"
run 0 select-eligible --now $NOW "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
C0003,Carol Test,EXPORT,EU,No,No,
C0005,Erin Fake,ABROAD,EU,No,Yes,0001-01-01
C0006,Frank Mock,,DOMESTIC,,Yes,2026-11-29T23:59:59Z
EOF
err_empty

tcase "all mode reads standard input and -"
run 0 select-eligible --count <"$C"
out_is <<'EOF'
5
EOF
run 0 select-eligible --count - <"$C"
out_is <<'EOF'
5
EOF

tcase "due: on today selected, tomorrow, empty, 0001-01-01 not; date-time"
run 0 select-eligible --due --now $NOW "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
C0006,Frank Mock,,DOMESTIC,,Yes,2026-11-29T23:59:59Z
EOF
err_empty

tcase "due: today is the UTC date of --now"
run 0 select-eligible --due --now 2026-11-30 "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
C0006,Frank Mock,,DOMESTIC,,Yes,2026-11-29T23:59:59Z
EOF
run 0 select-eligible --due --now 2026-11-28T23:59:59Z "$C"
out_is <<EOF
$H
EOF
run 0 select-eligible --due --now 2026-11-29T01:00:00+02:00 "$C"
out_is <<EOF
$H
EOF

tcase "due: --now makes a run reproducible"
select-eligible --due --now $NOW "$C" >first
run 0 select-eligible --due --now $NOW "$C"
out_file_is first

tcase "due: --date-format reads locale dates"
cat >in.csv <<'EOF'
No.,To Anonymize On
D1,29.11.2026
D2,30.11.2026
D3,
D4,01.01.2020
EOF
run 0 select-eligible --due --date-format '%d.%m.%Y' --now $NOW in.csv
out_is <<'EOF'
No.,To Anonymize On
D1,29.11.2026
D4,01.01.2020
EOF

tcase "due: a bad date is a data error naming file, line and column"
cat >in.csv <<'EOF'
No.,Name,To Anonymize On
D1,Gina Invented,2026-11-01
D2,Hank Invented,2026-02-30
EOF
run 1 select-eligible --due --now $NOW in.csv
err_is <<'EOF'
select-eligible: in.csv:3: customer D2: bad date in column 'To Anonymize On'
EOF
err_lacks 2026-02-30

tcase "due: the ISO reader refuses a locale date"
printf 'No.,To Anonymize On\nD1,29.11.2026\n' >in.csv
run 1 select-eligible --due --now $NOW in.csv
err_is <<'EOF'
select-eligible: in.csv:2: customer D1: bad date in column 'To Anonymize On'
EOF

tcase "due: the column is required"
printf 'No.,Name\nD1,Ida Invented\n' >in.csv
run 1 select-eligible --due --now $NOW in.csv
err_is <<'EOF'
select-eligible: in.csv:1: missing column 'To Anonymize On'
EOF
out_is </dev/null

tcase "due: --to-anonymize-on-column renames the column"
printf 'No.,NPR To Anonymize On\nD1,2026-11-01\nD2,2027-01-01\n' >in.csv
run 0 select-eligible --due --to-anonymize-on-column 'NPR To Anonymize On' \
    --now $NOW in.csv
out_is <<'EOF'
No.,NPR To Anonymize On
D1,2026-11-01
EOF

tcase "already anonymized skipped in every boolean spelling"
cat >in.csv <<'EOF'
No.,Anonymized
A1,Yes
A2,yes
A3,TRUE
A4,true
A5,1
A6,No
A7,false
A8,0
A9,FALSE
A10,
A11,YES
EOF
run 0 select-eligible in.csv
out_is <<'EOF'
No.,Anonymized
A6,No
A7,false
A8,0
A9,FALSE
A10,
EOF

tcase "no Anonymized column: nobody is anonymized yet"
printf 'No.,Name\nB1,Jan Invented\nB2,Kim Invented\n' >in.csv
run 0 select-eligible in.csv
out_is <<'EOF'
No.,Name
B1,Jan Invented
B2,Kim Invented
EOF

tcase "a non-boolean Anonymized value fails closed"
printf 'No.,Anonymized\nB1,No\nB2,Maybe\nB3,No\n' >in.csv
run 1 select-eligible in.csv
err_is <<'EOF'
select-eligible: in.csv:3: customer B2: bad boolean in column 'Anonymized'
EOF
err_lacks Maybe

tcase "--anonymized-column renames the column"
printf 'No.,NPR Anonymized,Anonymized\nB1,Yes,No\nB2,No,Yes\n' >in.csv
run 0 select-eligible --anonymized-column 'NPR Anonymized' in.csv
out_is <<'EOF'
No.,NPR Anonymized,Anonymized
B2,No,Yes
EOF

tcase "customer posting group: RETAIL|WEB"
run 0 select-eligible --customer-posting-group 'RETAIL|WEB' --count "$C"
out_is <<'EOF'
2
EOF
run 0 select-eligible --customer-posting-group 'RETAIL|WEB' "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
EOF

tcase "customer posting group: <>EXPORT"
run 0 select-eligible --customer-posting-group '<>EXPORT' "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
C0005,Erin Fake,ABROAD,EU,No,Yes,0001-01-01
C0006,Frank Mock,,DOMESTIC,,Yes,2026-11-29T23:59:59Z
EOF

tcase "customer posting group: A* and ''"
run 0 select-eligible --customer-posting-group 'A*' "$C"
out_is <<EOF
$H
C0005,Erin Fake,ABROAD,EU,No,Yes,0001-01-01
EOF
run 0 select-eligible --customer-posting-group "''" "$C"
out_is <<EOF
$H
C0006,Frank Mock,,DOMESTIC,,Yes,2026-11-29T23:59:59Z
EOF

tcase "an empty posting-group filter means no filter"
run 0 select-eligible --customer-posting-group '' --gen-bus-posting-group '' \
    --count "$C"
out_is <<'EOF'
5
EOF

tcase "gen. bus. posting group filter, combined with the customer one"
run 0 select-eligible --gen-bus-posting-group EU "$C"
out_is <<EOF
$H
C0003,Carol Test,EXPORT,EU,No,No,
C0005,Erin Fake,ABROAD,EU,No,Yes,0001-01-01
EOF
run 0 select-eligible --gen-bus-posting-group EU \
    --customer-posting-group '<>EXPORT' "$C"
out_is <<EOF
$H
C0005,Erin Fake,ABROAD,EU,No,Yes,0001-01-01
EOF

tcase "posting-group column options rename the columns, in any order"
printf 'No.,NPR Cust Group,NPR Bus Group\nP1,RETAIL,EU\nP2,WEB,EU\nP3,RETAIL,DOMESTIC\n' >in.csv
run 0 select-eligible --customer-posting-group RETAIL --gen-bus-posting-group EU \
    --customer-posting-group-column 'NPR Cust Group' \
    --gen-bus-posting-group-column 'NPR Bus Group' in.csv
out_is <<'EOF'
No.,NPR Cust Group,NPR Bus Group
P1,RETAIL,EU
EOF

tcase "a posting-group filter on a missing column is a data error"
printf 'No.,Name\nP1,Lou Invented\n' >in.csv
run 1 select-eligible --customer-posting-group RETAIL in.csv
err_is <<'EOF'
select-eligible: in.csv:1: missing column 'Customer Posting Group'
EOF

tcase "--where with spaces and dots in the column name, repeatable"
run 0 select-eligible --where 'Gen. Bus. Posting Group=DOMESTIC' \
    --where 'To Anonymize=Yes' "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
C0006,Frank Mock,,DOMESTIC,,Yes,2026-11-29T23:59:59Z
EOF

tcase "--where splits at the first ="
printf 'No.,Note\nW1,x\nW2,y\n' >in.csv
run 0 select-eligible --where 'Note==x' in.csv
out_is <<'EOF'
No.,Note
W1,x
EOF

tcase "--where: a boolean filter matches every spelling"
printf 'No.,Flag\nW1,1\nW2,true\nW3,No\nW4,YES\n' >in.csv
run 0 select-eligible --where 'Flag=Yes' in.csv
out_is <<'EOF'
No.,Flag
W1,1
W2,true
W4,YES
EOF

tcase "--where: an option's number where the condition names the option is a data error"
printf 'No.,Blocked,Customer Posting Group\nW1,,10\nW2,Ship,10\nW3,3,10\n' >in.csv
run 1 select-eligible --where 'Blocked=<>All' in.csv
err_is <<'EOF'
select-eligible: in.csv:4: customer W3: an option's number, not its name, in column 'Blocked'
EOF
out_is </dev/null
# The posting-group shorthands compare codes, which may be numbers.
run 0 select-eligible --customer-posting-group DOMESTIC \
    --where "Blocked='3'|''" in.csv
out_is <<'EOF'
No.,Blocked,Customer Posting Group
EOF

tcase "--where without = is a usage error"
run 2 select-eligible --where 'Blocked' "$C"
out_is </dev/null

tcase "manual: exactly the customers named, in input order"
run 0 select-eligible --customer C0005 --customer C0002 --now $NOW "$C"
out_is <<EOF
$H
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
C0005,Erin Fake,ABROAD,EU,No,Yes,0001-01-01
EOF
err_empty

tcase "manual: a customer named twice counts once"
run 0 select-eligible --customer C0003 --customer C0003 --count "$C"
out_is <<'EOF'
1
EOF

tcase "manual: the due date does not matter"
run 0 select-eligible --customer C0002 --now 2020-01-01 "$C"
out_is <<EOF
$H
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
EOF

tcase "manual refusals without --strict: exit 0, messages, log rows"
run 0 select-eligible --customer C0001 --customer C0004 --customer C9999 \
    --user CLERK --now $NOW --log log.csv "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
EOF
err_is <<'EOF'
select-eligible: customer 'C0004' not anonymized: already anonymized
select-eligible: customer 'C9999' not anonymized: customer not found
EOF
err_lacks Dave
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C0004,Not anonymized,already anonymized,2026-11-29T23:15:00Z,CLERK
C9999,Not anonymized,customer not found,2026-11-29T23:15:00Z,CLERK
EOF

tcase "manual refusals with --strict: exit 3 after writing the output"
run 3 select-eligible --customer C0001 --customer C9999 --strict "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
EOF
err_is <<'EOF'
select-eligible: customer 'C9999' not anonymized: customer not found
EOF

tcase "manual: --strict with nothing refused exits 0"
run 0 select-eligible --customer C0001 --strict --count "$C"
out_is <<'EOF'
1
EOF

tcase "manual: a customer left out by a filter is refused"
run 3 select-eligible --customer C0003 --customer C0001 \
    --customer-posting-group RETAIL --strict --log log.csv --user CLERK \
    --now $NOW "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
EOF
err_is <<'EOF'
select-eligible: customer 'C0003' not anonymized: does not match the selection filters
EOF
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C0003,Not anonymized,does not match the selection filters,2026-11-29T23:15:00Z,CLERK
EOF

tcase "manual: --customer-key names the key column"
printf 'Customer,No.\nK1,X\nK2,Y\n' >in.csv
run 0 select-eligible --customer-key Customer --customer K2 in.csv
out_is <<'EOF'
Customer,No.
K2,Y
EOF
run 1 select-eligible --customer-key Nr --customer K2 in.csv
err_is <<'EOF'
select-eligible: in.csv:1: missing column 'Nr'
EOF

tcase "manual and --due exclude each other"
run 2 select-eligible --customer C0001 --due "$C"
err_is <<'EOF'
select-eligible: --customer and --due exclude each other
Try 'select-eligible --help' for more information.
EOF
out_is </dev/null

tcase "an empty --customer is a usage error"
run 2 select-eligible --customer '' "$C"
err_has "--customer takes a customer number"

tcase "permission: allowed user, ID compared case-insensitively"
run 0 select-eligible --customer C0001 --user admin --user-setup "$U" \
    --count "$C"
out_is <<'EOF'
1
EOF
err_empty

tcase "permission: Anonymize Customers = No is refused before reading"
run 3 select-eligible --customer C0001 --customer C9999 --user CLERK \
    --user-setup "$U" --now $NOW --log log.csv "$C"
out_is </dev/null
err_is <<'EOF'
select-eligible: user 'CLERK' may not anonymize customers (User Setup)
EOF
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C0001,Not anonymized,user not allowed to anonymize customers,2026-11-29T23:15:00Z,CLERK
C9999,Not anonymized,user not allowed to anonymize customers,2026-11-29T23:15:00Z,CLERK
EOF

tcase "permission: an empty flag is No"
run 3 select-eligible --due --user AUDITOR --user-setup "$U" --now $NOW "$C"
out_is </dev/null
err_is <<'EOF'
select-eligible: user 'AUDITOR' may not anonymize customers (User Setup)
EOF

tcase "permission: no User Setup row is refused, even with bad customers"
printf 'broken "csv\n' >bad.csv
run 3 select-eligible --customer C0001 --user NOBODY --user-setup "$U" \
    --now $NOW --log log.csv bad.csv
out_is </dev/null
err_is <<'EOF'
select-eligible: user 'NOBODY' has no User Setup row
EOF
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C0001,Not anonymized,user not allowed to anonymize customers,2026-11-29T23:15:00Z,NOBODY
EOF

tcase "permission: --user-setup without --user uses the login name"
printf 'User ID,Anonymize Customers\n%s,Yes\n' "$(id -un)" >us.csv
run 0 select-eligible --user-setup us.csv --count "$C"
out_is <<'EOF'
5
EOF
printf 'User ID,Anonymize Customers\n%s,No\n' "$(id -un)" >us.csv
run 3 select-eligible --user-setup us.csv --count "$C"
out_is </dev/null

tcase "permission: renamed User Setup columns and -d"
printf 'Benutzer;Darf anonymisieren\nADMIN;1\n' >us.csv
printf 'No.;Name\nE1;Max Invented\n' >in.csv
run 0 select-eligible -d ';' --user ADMIN --user-setup us.csv \
    --user-id-column Benutzer --permission-column 'Darf anonymisieren' in.csv
out_is <<'EOF'
No.;Name
E1;Max Invented
EOF
run 1 select-eligible -d ';' --user ADMIN --user-setup us.csv in.csv
err_is <<'EOF'
select-eligible: us.csv:1: missing column 'User ID'
EOF

tcase "permission: an unreadable User Setup file is an error"
run 1 select-eligible --user ADMIN --user-setup missing.csv "$C"
err_is <<'EOF'
select-eligible: missing.csv: No such file or directory
EOF
out_is </dev/null

tcase "--limit: the first N rows in input order"
run 0 select-eligible --limit 2 "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
C0002,Bob Sample,WEB,DOMESTIC,No,Yes,2026-11-30
EOF
run 0 select-eligible --limit 0 "$C"
out_is <<EOF
$H
EOF

tcase "--limit: manual mode still finds refusals past the limit"
run 3 select-eligible --customer C0001 --customer C0002 --customer C9999 \
    --limit 1 --strict "$C"
out_is <<EOF
$H
C0001,Alice Example,RETAIL,DOMESTIC,No,Yes,2026-11-29
EOF
err_is <<'EOF'
select-eligible: customer 'C9999' not anonymized: customer not found
EOF

tcase "--limit: rows past the limit are not read (no error from them)"
printf 'No.,Anonymized\nL1,No\nL2,No\nL3,bogus\n' >in.csv
run 0 select-eligible --limit 2 in.csv
out_is <<'EOF'
No.,Anonymized
L1,No
L2,No
EOF

tcase "--limit takes a whole number"
for v in -1 abc '' 1x; do
	run 2 select-eligible --limit "$v" "$C"
	err_is <<'EOF'
select-eligible: --limit takes a whole number from 0 to 9223372036854775807
Try 'select-eligible --help' for more information.
EOF
done

tcase "--count counts after --limit, no CSV"
run 0 select-eligible --count --limit 3 "$C"
out_is <<'EOF'
3
EOF
run 0 select-eligible --count --due --now $NOW "$C"
out_is <<'EOF'
2
EOF

tcase "an empty input is a data error, even with --count"
: >empty.csv
run 1 select-eligible --count empty.csv
err_is <<'EOF'
select-eligible: empty.csv: empty input: no header row
EOF
out_is </dev/null
run 1 select-eligible --customer C0001 empty.csv
out_is </dev/null

tcase "header only: the header is written"
printf 'No.,Anonymized\r\n' >in.csv
run 0 select-eligible in.csv
printf 'No.,Anonymized\r\n' >want
out_file_is want

tcase "log: header written once across two appends, mode 0600"
run 0 select-eligible --customer C9998 --log log.csv --user CLERK \
    --now $NOW "$C"
run 0 select-eligible --customer C9999 --log log.csv --user CLERK \
    --now 2026-11-30T08:00:00Z "$C"
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C9998,Not anonymized,customer not found,2026-11-29T23:15:00Z,CLERK
C9999,Not anonymized,customer not found,2026-11-30T08:00:00Z,CLERK
EOF
ok "log is mode 0600" [ "$(stat -c %a log.csv)" = 600 ]

tcase "log: rows selected are not logged here"
run 0 select-eligible --customer C0001 --log log.csv --now $NOW "$C"
ok_not "no row for a selected customer" grep -qs C0001 log.csv

tcase "-d ';' with CRLF and BOM preserved"
printf '\357\273\277No.;Name;Anonymized\r\nS1;"Ann; Invented";No\r\nS2;Bo Invented;Ja\r\n' >in.csv
run 1 select-eligible -d ';' in.csv
err_is <<'EOF'
select-eligible: in.csv:3: customer S2: bad boolean in column 'Anonymized'
EOF
printf '\357\273\277No.;Name;Anonymized\r\nS1;"Ann; Invented";No\r\nS2;Bo Invented;Yes\r\nS3;Cy, Invented;0\r\n' >in.csv
run 0 select-eligible -d ';' in.csv
printf '\357\273\277No.;Name;Anonymized\r\nS1;"Ann; Invented";No\r\nS3;Cy, Invented;0\r\n' >want
out_file_is want

tcase "tab delimiter and --quote-all"
printf 'No.\tName\nT1\tDee Invented\n' >in.csv
run 0 select-eligible -d tab --quote-all in.csv
printf '"No."\t"Name"\n"T1"\t"Dee Invented"\n' >want
out_file_is want

tcase "malformed CSV is a data error"
printf 'No.,Name\nM1,Eve Invented\nM2,"Fay, Invented\n' >in.csv
run 1 select-eligible in.csv
err_has "select-eligible: in.csv:3: "
printf 'No.,Name\nM1,Eve Invented,extra\n' >in.csv
run 1 select-eligible in.csv
err_is <<'EOF'
select-eligible: in.csv:2: row has 3 fields, header has 2
EOF

tcase "a missing input file is an error"
run 1 select-eligible nosuch.csv
err_is <<'EOF'
select-eligible: nosuch.csv: No such file or directory
EOF

tcase "unknown option and extra files are usage errors"
run 2 select-eligible --frobnicate "$C"
err_has "Try 'select-eligible --help' for more information."
out_is </dev/null
run 2 select-eligible "$C" "$C"
err_has "too many files"

tcase "a bad --now is a usage error"
run 2 select-eligible --due --now yesterday "$C"
out_is </dev/null

tcase "a bad --date-format is a usage error"
run 2 select-eligible --due --date-format '%Q' "$C"
out_is </dev/null

tcase "writing to a full disk fails"
run 1 sh -c 'select-eligible "$1" >/dev/full' _ "$C"
ok "stderr names the write error" grep -q 'write error' err

tcase "--count to a full disk fails"
run 1 sh -c 'select-eligible --count "$1" >/dev/full' _ "$C"
ok "stderr names the write error" grep -q 'write error' err

tcase "--help and --version"
run 0 select-eligible --help
ok "usage on stdout" grep -q '^usage: select-eligible' out
err_empty
run 0 select-eligible --version
ok "name and version" grep -q '^select-eligible custanon [0-9]' out
