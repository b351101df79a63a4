# scrub: redact-pii (detectors and the row's own values) and --keys
# (selection, --all-rows, repeated --key, --keys-pii).

pii_rules() {
	cat >rules.csv <<'EOF'
column,action
No.,keep
Note,redact-pii
EOF
}

tcase "redact-pii: e-mail addresses"
pii_rules
cat >in.csv <<'EOF'
No.,Note
1,"write to kari.test+news@mail.example.com, or <b@example.org>."
2,"not an address: @home, 2 @ 5.00"
3,"RFC 5321 allows user@localhost, ""a b""@example.org, x@[192.0.2.1]"
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Note
1,"write to [EMAIL], or <[EMAIL]>."
2,"not an address: @home, 2 @ 5.00"
3,"RFC 5321 allows [EMAIL], [EMAIL], [EMAIL]"
EOF

tcase "redact-pii: phone numbers, international and national"
pii_rules
cat >in.csv <<'EOF'
No.,Note
1,call +47 00 00 00 00 or 0047 22 33 44 55
2,"Tel.: +49 (0)30 1234567, mobile +1 (555) 010-0000"
3,office (030) 123 45-67 or 030/123-4567 or 0301234567.
4,short 555-0100 and 01.23.45.67.89
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Note
1,call [PHONE] or [PHONE]
2,"Tel.: [PHONE], mobile [PHONE]"
3,office [PHONE] or [PHONE] or [PHONE].
4,short [PHONE] and [PHONE]
EOF

tcase "redact-pii: dates, amounts and short numbers are not phones"
pii_rules
cat >in.csv <<'EOF'
No.,Note
1,"on 2026-11-29, 29.11.2026 23:15 and 11/29/2026"
2,at 2026-11-29T23:15:00Z paid 1234.50 of 1234567.50
3,"EUR 1.234.567,00 for 2020-2026, open 10.30-12.00"
4,customer 10000 invoice 103045 order 22334455
EOF
run 0 scrub --rules rules.csv in.csv
out_file_is in.csv

tcase "redact-pii: IBAN with a valid checksum, not with an invalid one"
pii_rules
cat >in.csv <<'EOF'
No.,Note
1,pay to GB82 WEST 1234 5698 7654 32 today
2,or DE89370400440532013000.
3,not GB82WEST12345698765433 nor DE00 1234
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Note
1,pay to [IBAN] today
2,or [IBAN].
3,not GB82WEST12345698765433 nor DE00 1234
EOF

tcase "redact-pii: Luhn-valid cards only"
pii_rules
cat >in.csv <<'EOF'
No.,Note
1,card 4111 1111 1111 1111 exp 12/29
2,card 4111-1111-1111-1111
3,not a card 4111 1111 1111 1112
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Note
1,card [CARD] exp 12/29
2,card [CARD]
3,not a card 4111 1111 1111 1112
EOF

tcase "redact-pii: IPv4 and IPv6"
pii_rules
cat >in.csv <<'EOF'
No.,Note
1,"from 192.0.2.10, 2001:db8::7 and fe80:0:0:0:0:0:0:1"
2,not 256.1.1.1 nor std::string at 12:30:45
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Note
1,"from [IP], [IP] and [IP]"
2,not 256.1.1.1 nor std::string at 12:30:45
EOF

tcase "redact-pii: own values of the row's other scrubbed columns"
cat >rules.csv <<'EOF'
column,action,argument
No.,keep
Salesperson,keep
Name,replace,------
City,blank
County,blank
Note,redact-pii
EOF
cat >in.csv <<'EOF'
No.,Salesperson,Name,City,County,Note
C1,Trond,Åse Ødegård,Oslo,Ko,"ÅSE ØDEGÅRD met Trond in OSLO; ødegårds, oslofjord, Åse, Ko and kool"
C2,Trond,Lin Mock,Springfield,,"Lin: springfieldian, Lina, Mock, mockery"
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Salesperson,Name,City,County,Note
C1,Trond,------,,,"[REDACTED] met Trond in [REDACTED]; [REDACTED]s, oslofjord, [REDACTED], [REDACTED] and kool"
C2,Trond,------,,,"[REDACTED]: [REDACTED]ian, Lina, [REDACTED], mockery"
EOF

tcase "redact-pii: keep and other redact-pii columns are not own values"
cat >rules.csv <<'EOF'
column,action
No.,keep
Memo,keep
Note,redact-pii
Note 2,redact-pii
EOF
cat >in.csv <<'EOF'
No.,Memo,Note,Note 2
C1,Hanne Example,Hanne Example was here,Example here
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Memo,Note,Note 2
C1,Hanne Example,Hanne Example was here,Example here
EOF

tcase "redact-pii: own values are trimmed of surrounding spaces"
cat >rules.csv <<'EOF'
column,action,argument
No.,keep
Name,replace,------
Note,redact-pii
EOF
cat >in.csv <<'EOF'
No.,Name,Note
C1, Zoë Marchetti ,Payment from Zoë Marchetti today
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Name,Note
C1,------,Payment from [REDACTED] today
EOF

tcase "redact-pii: a field that is not UTF-8 is a data error"
pii_rules
printf 'No.,Note\n1,Plantedvalue \377\n' >in.csv
run 1 scrub --rules rules.csv in.csv
err_is <<'EOF'
scrub: in.csv:2: invalid utf-8 in column 'Note'
EOF
err_lacks Plantedvalue

keys_setup() {
	cat >rules.csv <<'EOF'
column,action,argument
Entry No.,keep
Customer No.,keep
Bill-to No.,keep
Name,replace,------
Description,redact-pii
EOF
	cat >keys.csv <<'EOF'
No.,Name,Phone No.
C1,Kari Nordmann,+47 00 00 00 01
C3,Ola Testesen,
EOF
	cat >in.csv <<'EOF'
Entry No.,Customer No.,Bill-to No.,Name,Description
1,C1,,Kari Nordmann,Kari Nordmann ordered
2,C2,,Per Example,Per Example ordered
3,C2,C3,Per Example,billed to Ola Testesen
4,,,Nobody Example,no customer
EOF
}

tcase "--keys: only rows whose key is in the file; the others dropped"
keys_setup
run 0 scrub --rules rules.csv --keys keys.csv --key 'Customer No.' in.csv
out_is <<'EOF'
Entry No.,Customer No.,Bill-to No.,Name,Description
1,C1,,------,[REDACTED] ordered
EOF
err_empty

tcase "--keys --all-rows passes the other rows unchanged"
keys_setup
run 0 scrub --rules rules.csv --keys keys.csv --key 'Customer No.' \
    --all-rows in.csv
out_is <<'EOF'
Entry No.,Customer No.,Bill-to No.,Name,Description
1,C1,,------,[REDACTED] ordered
2,C2,,Per Example,Per Example ordered
3,C2,C3,Per Example,billed to Ola Testesen
4,,,Nobody Example,no customer
EOF

tcase "--key is repeatable: a row matches on any of its key columns"
keys_setup
run 0 scrub --rules rules.csv --keys keys.csv --key 'Customer No.' \
    --key 'Bill-to No.' in.csv
out_is <<'EOF'
Entry No.,Customer No.,Bill-to No.,Name,Description
1,C1,,------,[REDACTED] ordered
3,C2,C3,------,billed to Ola Testesen
EOF

tcase "--keys-pii: the keys file's other columns are own values"
keys_setup
run 0 scrub --rules rules.csv --keys keys.csv --key 'Customer No.' \
    --key 'Bill-to No.' --keys-pii in.csv
out_is <<'EOF'
Entry No.,Customer No.,Bill-to No.,Name,Description
1,C1,,------,[REDACTED] ordered
3,C2,C3,------,billed to [REDACTED]
EOF

tcase "--keys-pii: values of every row of a key, only for matching rows"
cat >rules.csv <<'EOF'
column,action
Customer No.,keep
Description,redact-pii
EOF
cat >keys.csv <<'EOF'
No.;Name;Address
C1;Kari Nordmann;Storgata 1
C1;Kari N. Nordmann;Lillegata 2
C2;Per Example;
EOF
cat >in.csv <<'EOF'
Customer No.;Description
C1;moved from Storgata to Lillegata
C2;Per wrote to Kari
C9;Kari Nordmann is not a customer here
EOF
run 0 scrub -d ';' --rules rules.csv --keys keys.csv --key 'Customer No.' \
    --keys-pii --all-rows in.csv
out_is <<'EOF'
Customer No.;Description
C1;moved from [REDACTED] to [REDACTED]
C2;[REDACTED] wrote to Kari
C9;Kari Nordmann is not a customer here
EOF

tcase "--keys-column names the key column of the keys file"
keys_setup
printf 'Customer\nC2\n' >other.csv
run 0 scrub --rules rules.csv --keys other.csv --keys-column Customer \
    --key 'Customer No.' in.csv
out_is <<'EOF'
Entry No.,Customer No.,Bill-to No.,Name,Description
2,C2,,------,[REDACTED] ordered
3,C2,C3,------,billed to Ola Testesen
EOF
run 1 scrub --rules rules.csv --keys other.csv --key 'Customer No.' in.csv
err_is <<'EOF'
scrub: other.csv:1: missing column 'No.'
EOF
run 1 scrub --rules rules.csv --keys keys.csv --key 'Sell-to No.' in.csv
err_is <<'EOF'
scrub: in.csv:1: missing column 'Sell-to No.'
EOF

tcase "a field of thousands of digit groups is no error (the pattern needs no stack)"
printf 'column,action\nText,redact-pii\n' >rules.csv
python3 -c "
print('Text')
print('\"' + ' '.join(str(103215 + i) for i in range(2000)) + '\"')
print('7' * 20000)
print('\"Tel +45 99 99 00 20, mail a@b.dk\"')" >in.csv
run 0 scrub --rules rules.csv in.csv
sed -n 4p out >last
file_is last <<'EOF'
"Tel [PHONE], mail [EMAIL]"
EOF
err_empty

tcase "Nordic words naming a number; article numbers and payment references in groups stay"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text 'Mobilnr 20304050' 'telefonnr. 99990020' 'SMS til 20304050' \
    'kontakt 99990020' 'EAN 5 701234 567899' 'KID 1234 5678 9012 3' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
Mobilnr [PHONE]
telefonnr. [PHONE]
SMS til [PHONE]
kontakt [PHONE]
EAN 5 701234 567899
KID 1234 5678 9012 3
EOF

# The shapes a hostile review of redact-pii found (issue 15): personal
# data it left in place, and business text it redacted.

tcase "redact-pii: a second e-mail address after / = | &"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text 'a.b@x.dk/c.d@y.dk' 'mail=a@b.dk&cc=c@d.dk' \
    'x@y.dk|z@w.dk ok' 'a@b.dk=c@d.dk' 'path/to/a@b.dk' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
[EMAIL]/[EMAIL]
[EMAIL]&[EMAIL]
[EMAIL]|[EMAIL] ok
[EMAIL]=[EMAIL]
[EMAIL]
EOF

tcase "redact-pii: compound words that name a phone number"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text 'Telefonnummer 611234568' 'Mobilnr. 20304050' \
    'Tlf.nr 20304050' 'Handynummer 20304050' 'Mobiltelefon 20304050' \
    'Puhelinnumero 20304050' 'Telefoonnummer: 20304050' \
    'Tlf 20261129' 'Nummer 20304050' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
Telefonnummer [PHONE]
Mobilnr. [PHONE]
Tlf.nr [PHONE]
Handynummer [PHONE]
Mobiltelefon [PHONE]
Puhelinnumero [PHONE]
Telefoonnummer: [PHONE]
Tlf [PHONE]
Nummer 20304050
EOF

tcase "redact-pii: document, item and serial numbers are not phones or cards"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text 1020304050 'Order 2000012345' 'Invoice no. 5551234567' \
    'SN 4711-0815-2201' 'S/N 6307-0365-1765' 'ITEM 1000-2000-30' \
    'Art.-Nr. 214-085-1258' 'Artikelnummer 5061 5494 94' \
    'Order 3104664531' >in.csv
run 0 scrub --rules rules.csv in.csv
out_file_is in.csv

tcase "redact-pii: dotted millions, versions and a lower-case de are kept"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text 123.456.789 '"1.234.567,89"' 'limit 12.345.678' \
    'version 10.0.19.1' 'Build 21.5.65.50' 'version 10.0.19045.1' \
    'Factura de 136695976' >in.csv
run 0 scrub --rules rules.csv in.csv
out_file_is in.csv

tcase "redact-pii: the same shapes named as personal data are still found"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text 'from 10.0.19.1' 'DE 136695976' 'De 136695976' \
    'VAT de 136695976' 'USt-IdNr.: de 136695976' 'Tel. 123.456.789' \
    'call 2125550147' 'Order paid with 4111 1111 1111 1111' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
from [IP]
[VAT]
[VAT]
VAT [VAT]
USt-IdNr.: [VAT]
Tel. [PHONE]
call [PHONE]
Order paid with [CARD]
EOF

tcase "redact-pii: phone numbers side by side"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text '611 234 567 / 612 345 678' \
    '"+45 99 99 00 20, +45 99 99 00 21"' '+45 99990020/+45 99990021' \
    '20 30 40 50 / 21 31 41 51' '0171 1234567 - 0172 7654321' \
    '611-234-567/612-345-678' '(415) 555-0132/(415) 555-0133' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
[PHONE] / [PHONE]
"[PHONE], [PHONE]"
[PHONE]/[PHONE]
[PHONE] / [PHONE]
[PHONE] - [PHONE]
[PHONE]/[PHONE]
[PHONE]/[PHONE]
EOF

tcase "redact-pii: a card number with its expiry or code beside it"
printf 'column,action\nText,redact-pii\n' >rules.csv
printf '%s\n' Text '4111111111111111 12/27' 'card 4111 1111 1111 1111 12/2027' \
    'exp 12/27 5555555555554444 ok' 'Maestro 6759 2081 4174 12 27' \
    'Amex 378282246310005 1234' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
[CARD] 12/27
card [CARD] 12/2027
exp 12/27 [CARD] ok
Maestro [CARD] 12 27
Amex [CARD] 1234
EOF

# The job's document tables (a sell-to and a bill-to customer) go
# through one scrub with a --side each (pipelines/lib/core.sh,
# core_scrub_table); it must write what the sides' scrubs piped into one
# another write, the rows any side names selected first.
tcase "--side: a document's sides in one scrub, as the sides piped one into the next"
cat >in.csv <<'EOT'
No.,Sell-to Customer No.,Sell-to Name,Bill-to Customer No.,Bill-to Name,Posting Date,Work Description
D1,C1,Ann Lee,C1,Ann Lee,2024-05-17,Call Ann Lee on 555-0101 or Bo Fry
D2,C1,Ann Lee,C2,Bo Fry,2024-06-01,Invoice Bo Fry at bo@example.com; ship to Ann Lee
D3,C7,Cy Dee,C2,Bo Fry,2024-07-02,"Bo Fry, pays for Cy Dee"
D4,C7,Cy Dee,C8,Di Eck,2024-08-03,nobody's
D5,C2,Bo Fry,C7,Cy Dee,2024-09-04,Bo Fry ordered; Cy Dee pays
EOT
cat >keys.csv <<'EOT'
No.,Name,E-Mail
C1,Ann Lee,ann@example.com
C2,Bo Fry,bo@example.com
EOT
cat >sell.csv <<'EOT'
column,action,argument
*,keep,
Sell-to Name,replace,------
Posting Date,year,
Work Description,redact-pii,
EOT
cat >bill.csv <<'EOT'
column,action,argument
*,keep,
Bill-to Name,replace,------
Work Description,redact-pii,
EOT
printf 'column,action\n*,keep\n' >keepall.csv
# The sides piped: the rows either names, then each side --all-rows.
run 0 scrub --rules keepall.csv --keys keys.csv --key 'Sell-to Customer No.' \
    --key 'Bill-to Customer No.' in.csv
mv out sel.csv
run 0 scrub --rules sell.csv --keys keys.csv --key 'Sell-to Customer No.' \
    --keys-pii --all-rows sel.csv
mv out mid.csv
run 0 scrub --rules bill.csv --keys keys.csv --key 'Bill-to Customer No.' \
    --keys-pii --all-rows mid.csv
mv out piped.csv
ok "the piped sides changed the rows" test "$(grep -c -- ------ piped.csv)" = 4
ok "... and each side its own" grep -q '^D3,C7,Cy Dee,C2,------,2024-07-02,' piped.csv
run 0 scrub --keys keys.csv --keys-pii --originals-out orig.csv \
    --rules sell.csv --key 'Sell-to Customer No.' \
    --side --rules bill.csv --key 'Bill-to Customer No.' in.csv
err_empty
out_file_is piped.csv
ok "the originals: the rows either side names, as they were" cmp -s orig.csv sel.csv
ok "... D4, named by neither, dropped" grep -qv '^D4,' out
ok "D2 scrubbed on both sides" \
    grep -q '^D2,C1,------,C2,------,2024-01-01,' out
ok "... each side redacting its own customer's values in the text" \
    grep -q '^D2,.*,Invoice \[REDACTED\] at \[EMAIL\]; ship to \[REDACTED\]$' out
ok "... and no other's" grep -q '^D1,.*,Call \[REDACTED\] on \[PHONE\] or Bo Fry$' out
run 0 scrub --keys keys.csv --keys-pii --all-rows \
    --rules sell.csv --key 'Sell-to Customer No.' \
    --side --rules bill.csv --key 'Bill-to Customer No.' in.csv
ok "--all-rows: the row no side names written unchanged" \
    grep -qx "D4,C7,Cy Dee,C8,Di Eck,2024-08-03,nobody's" out
ok "... in its place" test "$(sed -n 5p out | cut -d, -f1)" = D4

tcase "--side: a side's conditions; its messages name its own customer"
cat >in.csv <<'EOT'
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,Description,Posting Date
1,Customer,C1,G/L Account,C1,Ann Lee,2024-05-17
2,G/L Account,6100,Customer,C1,Ann Lee,2024-05-17
3,Vendor,C1,Customer,C2,Ann Lee,2024-05-17
EOT
printf 'No.,Name\nC1,Ann Lee\nC2,Bo Fry\n' >keys.csv
printf 'column,action,argument\n*,keep,\nDescription,replace,A\n' >acc.csv
printf 'column,action,argument\n*,keep,\nDescription,replace,B\nPosting Date,year,\n' >bal.csv
run 0 scrub --keys keys.csv \
    --rules acc.csv --key 'Account No.' --key-where 'Account Type=Customer' \
    --customer-key 'Account No.' \
    --side --rules bal.csv --key 'Bal. Account No.' \
    --key-where 'Bal. Account Type=Customer' --customer-key 'Bal. Account No.' \
    in.csv
out_is <<'EOT'
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,Description,Posting Date
1,Customer,C1,G/L Account,C1,A,2024-05-17
2,G/L Account,6100,Customer,C1,B,2024-01-01
3,Vendor,C1,Customer,C2,B,2024-01-01
EOT
sed -i '4s/2024-05-17/17.05.2024/' in.csv
run 1 scrub --keys keys.csv \
    --rules acc.csv --key 'Account No.' --key-where 'Account Type=Customer' \
    --customer-key 'Account No.' \
    --side --rules bal.csv --key 'Bal. Account No.' \
    --key-where 'Bal. Account Type=Customer' --customer-key 'Bal. Account No.' \
    in.csv
err_is <<'EOT'
scrub: in.csv:4: customer C2: bad date in column 'Posting Date'
EOT
err_lacks 17.05.2024

tcase "--side: usage errors"
printf 'column,action\n*,keep\n' >rules.csv
printf 'No.,Bill-to\nC1,C2\n' >in.csv
printf 'No.\nC1\n' >keys.csv
run 2 scrub --rules rules.csv --side --rules rules.csv --key No. in.csv
err_has "scrub: --side needs --keys"
run 2 scrub --keys keys.csv --rules rules.csv --key No. --side --key Bill-to in.csv
err_has "scrub: each --side needs its --rules"
run 2 scrub --keys keys.csv --key No. --side --rules rules.csv --key Bill-to in.csv
err_has "scrub: the first side needs its --rules, before the first --side"
run 2 scrub --keys keys.csv --rules rules.csv --key No. --side --rules rules.csv in.csv
err_has "scrub: each --side needs at least one --key"
run 2 scrub --keys keys.csv --rules rules.csv --key No. --side --rules rules.csv \
    --rules rules.csv --key Bill-to in.csv
err_has "scrub: --rules given twice in a side"
run 2 scrub --keys keys.csv --rules rules.csv --key No. --side \
    --rules rules.csv --key Bill-to --customer-key No. --customer-key No. in.csv
err_has "scrub: --customer-key given twice"
run 2 scrub --keys - --rules rules.csv --key No. --side --rules - \
    --key Bill-to in.csv <keys.csv
err_has "only one input can be standard input"
run 0 scrub --keys keys.csv --rules rules.csv --key No. --side \
    --rules rules.csv --key Bill-to in.csv
out_is <<'EOT'
No.,Bill-to
C1,C2
EOT
