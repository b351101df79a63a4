# leakcheck: the check before import (SPEC section 5, last bullet):
# scrubbed columns, substring and whole-cell matches, case folding, keys,
# the --map of contacts, --fields of two-customer documents, --pii.

rules() {
	cat >rules.csv <<'EOF'
column,action,argument,replacement
No.,keep,,
Name,replace,------,
City,blank,,
Country/Region Code,blank,,
E-Mail,replace,------@----,
Customer Posting Group,keep,,
EOF
	cat >orig.csv <<'EOF'
No.,Name,City,Country/Region Code,E-Mail,Customer Posting Group
C1,Åse Ødegård,Aarhus C,DK,ase@example.com,DOMESTIC
C2,Ida,Odense,DK,,DOMESTIC
EOF
}

tcase "clean changes pass silently"
rules
cat >Customer.csv <<'EOF'
No.,Name,City,Country/Region Code,E-Mail,Customer Posting Group
C1,------,,,------@----,DOMESTIC
C2,------,,,------@----,DOMESTIC
EOF
run 0 leakcheck --rules rules.csv --originals orig.csv \
    --changes Customer.csv --key No.
out_is </dev/null
err_empty

tcase "a kept name survives: file:line, customer and columns, never the value"
rules
cat >Customer.csv <<'EOF'
No.,Name,City,Country/Region Code,E-Mail,Customer Posting Group
C1,------,,,------@----,DOMESTIC
C2,Ida,,,------@----,DOMESTIC
EOF
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Customer.csv --key No.
err_is <<'EOF'
leakcheck: Customer.csv:3: customer 'C2': original value of column 'Name' survives in column 'Name'
leakcheck: 1 original value of anonymized customers would survive
EOF

tcase "five characters or more: found inside text, case-insensitively (UTF-8)"
rules
cat >Ledger.csv <<'EOF'
Entry No.,Customer No.,Description
1,C1,Paid by ÅSE ØDEGÅRD at the desk
2,C1,Mail ASE@EXAMPLE.COM
3,C1,Moved to aarhus c
EOF
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.'
err_is <<'EOF'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'E-Mail' survives in column 'Description'
leakcheck: Ledger.csv:4: customer 'C1': original value of column 'City' survives in column 'Description'
leakcheck: 3 original values of anonymized customers would survive
EOF
err_lacks "Ødegård"

tcase "shorter than five characters: only as the whole cell"
rules
cat >Ledger.csv <<'EOF'
Entry No.,Customer No.,Description,Country
1,C2,Ida's order,DKK
2,C2,ida,
3,C2,Order,dk
EOF
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.'
err_is <<'EOF'
leakcheck: Ledger.csv:3: customer 'C2': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:4: customer 'C2': original value of column 'Country/Region Code' survives in column 'Country'
leakcheck: 2 original values of anonymized customers would survive
EOF

tcase "key columns, kept columns, empty values and other customers are not checked"
rules
cat >Ledger.csv <<'EOF'
Entry No.,Customer No.,Description,Posting Group
1,C1,DOMESTIC sale,DOMESTIC
2,C9,Åse Ødegård,
3,,Åse Ødegård,
EOF
run 0 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.'
err_empty

tcase "a customer number with a line break cannot forge a message line"
printf 'column,action,argument\nNo.,keep,\nName,replace,------\n' >r.csv
printf 'No.,Name\n"C1\nleakcheck: forged",Åse Ødegård\n' >o.csv
printf 'No.,Name\n"C1\nleakcheck: forged",Åse Ødegård\n' >Customer.csv
run 1 leakcheck --rules r.csv --originals o.csv --changes Customer.csv --key No.
err_is <<'EOF'
leakcheck: Customer.csv:2: customer 'C1?leakcheck: forged': original value of column 'Name' survives in column 'Name'
leakcheck: 1 original value of anonymized customers would survive
EOF

tcase "several change files in one run, each with its keys"
rules
printf 'No.,Name\nC1,------\n' >Customer.csv
printf 'Code,Customer No.,Name\nA,C1,Åse Ødegård\n' >Ship.csv
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Customer.csv --key No. --changes Ship.csv --key 'Customer No.'
err_is <<'EOF'
leakcheck: Ship.csv:2: customer 'C1': original value of column 'Name' survives in column 'Name'
leakcheck: 1 original value of anonymized customers would survive
EOF

tcase "a contact is reached through the --map file"
rules
cat >links.csv <<'EOF'
Contact No.,Business Relation Code,Link to Table,No.
CT1,CUST,Customer,C1
CT2,CUST,Customer,C9
EOF
cat >Contact.csv <<'EOF'
No.,Name,City
CT1,------,Aarhus C
CT2,Åse Ødegård,
EOF
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Contact.csv --key No. --map links.csv
err_is <<'EOF'
leakcheck: Contact.csv:2: customer 'C1': original value of column 'City' survives in column 'City'
leakcheck: 1 original value of anonymized customers would survive
EOF

tcase "--fields: another customer's fields are not checked, the shared ones are"
rules
printf 'column,action,argument\nSell-to Name,replace,------\nShip-to City,blank\nNote,redact-pii\n*,keep\n' >sell.csv
printf 'column,action,argument\nBill-to Name,replace,------\nBill-to Country,blank\nNote,redact-pii\n*,keep\n' >bill.csv
cat >Invoice.csv <<'EOF'
No.,Sell-to Customer No.,Sell-to Name,Ship-to City,Bill-to Customer No.,Bill-to Name,Bill-to Country,Note
I1,C1,------,,C9,Åse Ødegård,DK,
I2,C9,Åse Ødegård,Aarhus C,C1,------,,
I3,C1,------,,C1,------,DK,
I4,C1,------,,C9,Someone,DK,for Åse Ødegård
EOF
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Invoice.csv \
    --key 'Sell-to Customer No.' --fields sell.csv \
    --key 'Bill-to Customer No.' --fields bill.csv
err_is <<'EOF'
leakcheck: Invoice.csv:4: customer 'C1': original value of column 'Country/Region Code' survives in column 'Bill-to Country'
leakcheck: Invoice.csv:5: customer 'C1': original value of column 'Name' survives in column 'Note'
leakcheck: 2 original values of anonymized customers would survive
EOF

tcase "several rules files: a column is scrubbed when any of them scrubs it"
rules
printf 'column,action\nNo.,keep\n*,keep\n' >keepall.csv
printf 'No.,Name\nC1,Åse Ødegård\n' >Customer.csv
run 0 leakcheck --rules keepall.csv --originals orig.csv \
    --changes Customer.csv --key No.
run 1 leakcheck --rules keepall.csv --rules rules.csv --originals orig.csv \
    --changes Customer.csv --key No.
err_has "customer 'C1': original value of column 'Name' survives in column 'Name'"

tcase "placeholders are no personal data: no letter or digit, or a replace argument"
printf 'column,action,argument\nNo.,keep,\nName,replace,------\nHome Page,replace,nowhere.com\nCity,blank,\n' >r.csv
printf 'No.,Name,Home Page,City\nC1,------,NOWHERE.COM,--\n' >o.csv
printf 'No.,Name,Home Page,City\nC1,------,nowhere.com,--\n' >Customer.csv
run 0 leakcheck --rules r.csv --originals o.csv --changes Customer.csv --key No.
err_empty
run 0 leakcheck --pii --rules r.csv --originals o.csv
out_is <<'EOF'
No.,Name,Home Page,City
C1,------,NOWHERE.COM,--
EOF

tcase "--pii writes the key and the scrubbed columns"
rules
run 0 leakcheck --pii --rules rules.csv --originals orig.csv
out_is <<'EOF'
No.,Name,City,Country/Region Code,E-Mail
C1,Åse Ødegård,Aarhus C,DK,ase@example.com
C2,Ida,Odense,DK,
EOF

tcase "a * rule other than keep scrubs every column not named"
printf 'column,action\nNo.,keep\nBlocked,keep\n*,blank\n' >r.csv
printf 'No.,Name,Blocked,Phone\nC1,Ann Berg,,555\n' >o.csv
run 0 leakcheck --pii --rules r.csv --originals o.csv
out_is <<'EOF'
No.,Name,Phone
C1,Ann Berg,555
EOF

tcase "errors: usage, missing column, duplicate customer, malformed CSV"
rules
run 2 leakcheck --originals orig.csv --changes orig.csv --key No.
err_is <<'EOF'
leakcheck: no --rules given
Try 'leakcheck --help' for more information.
EOF
run 2 leakcheck --rules rules.csv --key No.
err_has "--key must follow a --changes"
printf 'Entry No.,Description\n1,x\n' >L.csv
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes L.csv --key 'Customer No.'
err_is <<'EOF'
leakcheck: L.csv:1: missing column 'Customer No.'
EOF
printf 'No.,Name\nC1,A\nC1,B\n' >dup.csv
run 1 leakcheck --rules rules.csv --originals dup.csv \
    --changes L.csv --key 'Entry No.'
err_is <<'EOF'
leakcheck: dup.csv:3: duplicate customer 'C1'
EOF
printf 'No.,Name\nC1,"open\n' >bad.csv
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes bad.csv --key No.
err_has "leakcheck: bad.csv:2:"

tcase "--complete: a --changes without --key is named, checked for no one; an --also needs one"
rules
mkdir ch
printf 'No.,Name\nC1,------\n' >ch/Customer.csv
printf 'Entry No.,Description\n1,[REDACTED] paid\n' >'ch/G%2FL Entry.csv'
(cd ch && leakcheck --rules ../rules.csv --originals ../orig.csv \
    --complete --changes Customer.csv --key No.) >out 2>err
status_is 2 "an unnamed change file is refused"
run 0 sh -c 'cd ch && exec leakcheck --rules ../rules.csv \
    --originals ../orig.csv --complete --changes Customer.csv --key No. \
    --changes "G%2FL Entry.csv" --primary-key "Entry No."'
err_empty
run 2 leakcheck --rules rules.csv --originals orig.csv --also orig.csv \
    --changes ch/Customer.csv --key No.
err_has "--also orig.csv: no --key given"

tcase "--help and --version"
run 0 leakcheck --help
ok "usage on stdout" grep -q '^usage: leakcheck' out
run 0 leakcheck --version
out_is <<'EOF'
leakcheck custanon 0.1.0
EOF

tcase "a post code is no survivor inside a longer number, only as a number"
cat >rules.csv <<'EOF2'
column,action
No.,keep
Post Code,blank
EOF2
cat >orig.csv <<'EOF2'
No.,Post Code
C1,00100
EOF2
cat >Ledger.csv <<'EOF2'
Entry No.,Customer No.,Document No.,Description
1,C1,PSI00100123,posted
2,C1,PSI-7,sent to 00100 Helsinki
EOF2
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.'
err_is <<'EOF2'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'Post Code' survives in column 'Description'
leakcheck: 1 original value of anonymized customers would survive
EOF2

tcase "a short value is no survivor in a boolean cell"
cat >rules.csv <<'EOF2'
column,action
No.,keep
Country/Region Code,blank
County,blank
EOF2
cat >orig.csv <<'EOF2'
No.,Country/Region Code,County
C1,NO,Fyn
EOF2
cat >Ledger.csv <<'EOF2'
Entry No.,Customer No.,Open,Region
1,C1,No,
2,C1,Yes,fyn
EOF2
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.'
err_is <<'EOF2'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'County' survives in column 'Region'
leakcheck: 1 original value of anonymized customers would survive
EOF2

tcase "--survivors lists each customer, file and column once, never the value, and exits 0"
rules
cat >Customer.csv <<'EOF2'
No.,Name,City,Country/Region Code,E-Mail,Customer Posting Group
C1,------,,,------@----,DOMESTIC
C2,Ida,,,------@----,DOMESTIC
EOF2
cat >Ledger.csv <<'EOF2'
Entry No.,Customer No.,Description
1,C1,Paid by ÅSE ØDEGÅRD at the desk
2,C1,"Mail ASE@EXAMPLE.COM, and Åse Ødegård again"
3,C2,Clean
EOF2
run 0 leakcheck --rules rules.csv --originals orig.csv \
    --changes Customer.csv --key No. \
    --changes Ledger.csv --key 'Customer No.' --survivors surv.csv
err_is <<'EOF2'
leakcheck: Customer.csv:3: customer 'C2': original value of column 'Name' survives in column 'Name'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'E-Mail' survives in column 'Description'
EOF2
file_is surv.csv <<'EOF2'
No.,File,Column
C2,Customer.csv,Name
C1,Ledger.csv,Description
EOF2
ok "the list is mode 0600" test "$(stat -c %a surv.csv)" = 600
printf 'Entry No.,Customer No.,Description\n3,C2,Clean\n' >Clean.csv
run 0 leakcheck --rules rules.csv --originals orig.csv \
    --changes Clean.csv --key 'Customer No.' --survivors surv.csv
ok "without survivors the list is its header" sh -c \
    '[ "$(cat surv.csv)" = "No.,File,Column" ]'

tcase "--survivors: a data error still fails"
rules
printf 'Entry No.,Customer No.,Description\n1,C1,"open\n' >Ledger.csv
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.' --survivors surv.csv
err_lacks "ÅSE"

tcase "a change file holding a primary key twice is a data error (the export held the row twice)"
rules
printf 'Entry No.,Line,Customer No.,Description\n1,1,C1,a\n1,2,C1,b\n2,1,C2,c\n1,1,C2,d\n' >Ledger.csv
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.' \
    --primary-key 'Entry No.' --primary-key Line
err_is <<'EOF'
leakcheck: Ledger.csv:5: a row whose primary key an earlier row has (the export holds the row twice)
EOF
printf 'Entry No.,Line,Customer No.,Description\n1,1,C1,a\n1,2,C1,b\n2,1,C2,c\n' >Ledger.csv
run 0 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.' \
    --primary-key 'Entry No.' --primary-key Line
err_empty
