# The leak check finds personal data in any form (issue 14): values
# compared folded (norm: case, accents, compatibility forms, spacing),
# phone numbers as digit sequences, multi-line values line by line, the
# words of names; originals of every scrubbed table (--also); the keys
# and the number columns aside.  The job-level cases on the fixture
# company are at the end.

rules() {
	cat >rules.csv <<'EOR'
column,action,argument,replacement
No.,keep,,
Name,replace,------,
Name 2,replace,------,
Address,replace,------ --,
Post Code,blank,,
Phone No.,blank,,
E-Mail,replace,------@----,
EOR
	printf '%s\n' 'No.,Name,Name 2,Address,Post Code,Phone No.,E-Mail' \
	    'C1,Elif Şimşek,  Jensen Holding  ,"Rue Longue 12' \
	    'Bâtiment B",8000,+45 99 99 00 20,elif@example.com' \
	    'C2,Ion MUREȘAN,,,,,' \
	    'C3,Νίκος Παππάς,,,,,' \
	    'C4,Nguyễn Văn An,,,,,' >orig.csv
}

# check FILE: leakcheck on FILE, a ledger of the customers of orig.csv.
check() {
	run "$1" leakcheck --rules rules.csv --originals orig.csv \
	    --changes Ledger.csv --key 'Customer No.' \
	    --primary-key 'Entry No.' --number Amount
}

tcase "Name 2 trimmed of its spaces, in External Document No."
rules
printf 'Entry No.,Customer No.,Description,External Document No.,Amount\n2,C1,,JENSEN HOLDING,\n' >Ledger.csv
check 1
err_is <<'EOE'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Name 2' survives in column 'External Document No.'
leakcheck: 1 original value of anonymized customers would survive
EOE

tcase "a phone number written otherwise: spaced, with a country code, glued to letters"
rules
cat >Ledger.csv <<'EOL'
Entry No.,Customer No.,Description,External Document No.,Amount
3,C1,call +45 9999 0020,,
4,C1,TLF4599990020,,
5,C1,,0045-99-99-00-20,
6,C1,ring 99990020 after six,,
7,C1,order 1999900201,,
EOL
check 1
err_is <<'EOE'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Phone No.' survives in column 'Description'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'Phone No.' survives in column 'Description'
leakcheck: Ledger.csv:4: customer 'C1': original value of column 'Phone No.' survives in column 'External Document No.'
leakcheck: Ledger.csv:5: customer 'C1': original value of column 'Phone No.' survives in column 'Description'
leakcheck: 4 original values of anonymized customers would survive
EOE
err_lacks "9999"

tcase "the first line of a two-line address"
rules
printf 'Entry No.,Customer No.,Description,External Document No.,Amount\n5,C1,,rue longue 12,\n' >Ledger.csv
check 1
err_is <<'EOE'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Address' survives in column 'External Document No.'
leakcheck: 1 original value of anonymized customers would survive
EOE

tcase "upper-case names: Turkish, Romanian, Greek, Vietnamese"
rules
cat >Ledger.csv <<'EOL'
Entry No.,Customer No.,Description,External Document No.,Amount
1,C1,Paid by ELİF ŞİMŞEK,,
2,C2,ION MUREȘAN,,
3,C3,ΝΙΚΟΣ ΠΑΠΠΑΣ,,
4,C4,NGUYỄN VĂN AN,,
EOL
check 1
err_is <<'EOE'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:3: customer 'C2': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:4: customer 'C3': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:5: customer 'C4': original value of column 'Name' survives in column 'Description'
leakcheck: 4 original values of anonymized customers would survive
EOE

tcase "a word of a name, four letters or more, as a whole word"
rules
cat >Ledger.csv <<'EOL'
Entry No.,Customer No.,Description,External Document No.,Amount
1,C1,Refund ŞİMŞEK,,
2,C2,for mureşan,,
3,C3,Παππάς family,,
4,C1,Elifant and Şimşeks,,
5,C4,Van An,,
EOL
check 1
err_is <<'EOE'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:3: customer 'C2': original value of column 'Name' survives in column 'Description'
leakcheck: Ledger.csv:4: customer 'C3': original value of column 'Name' survives in column 'Description'
leakcheck: 3 original values of anonymized customers would survive
EOE

tcase "keys aside: a post code equal to the entry number, or to an amount"
rules
cat >Ledger.csv <<'EOL'
Entry No.,Customer No.,Description,External Document No.,Amount
8000,C1,,,8000
1,C1,,8000,
EOL
check 1
err_is <<'EOE'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'Post Code' survives in column 'External Document No.'
leakcheck: 1 original value of anonymized customers would survive
EOE
run 0 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.' --primary-key 'Entry No.' \
    --number Amount --number 'External Document No.'
err_empty

tcase "a word of a name in a code column is a code; the whole name is not"
rules
printf 'Entry No.,Customer No.,Ship-to Code,External Document No.\n1,C1,ŞİMŞEK,\n2,C1,,ŞİMŞEK\n3,C1,Elif Şimşek,\n' >Ledger.csv
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Ledger.csv --key 'Customer No.' --primary-key 'Entry No.' \
    --code 'Ship-to Code'
err_is <<'EOE'
leakcheck: Ledger.csv:3: customer 'C1': original value of column 'Name' survives in column 'External Document No.'
leakcheck: Ledger.csv:4: customer 'C1': original value of column 'Name' survives in column 'Ship-to Code'
leakcheck: 2 original values of anonymized customers would survive
EOE

tcase "--also: a Contact's kept surname, a journal line's name: originals of the customer; free text is not"
rules
printf 'column,action,argument\nNo.,keep,\nSurname,replace,------\nHome Page,replace,www.nowhere.com\nCity,keep,\n' >contact.csv
printf 'Contact No.,No.\nCT1,C1\nCT2,C9\n' >links.csv
printf 'No.,Surname,Home Page,City\nCT1,Dalgaard,www.nowhere.com,Vejle\nCT2,Bjerregaard,,\n' >Contact.orig.csv
printf 'column,action,argument\nLine No.,keep,\nAccount Type,keep,\nAccount No.,keep,\nPayer Name,replace,------\nDescription,redact-pii,\n' >journal.csv
printf 'Line No.,Account Type,Account No.,Payer Name,Description\n1,Customer,C1,Frederiksen Udlejning,Faktura 1001\n2,Vendor,C1,Vendorsen Transport,\n' >Journal.orig.csv
cat >Ledger.csv <<'EOL'
Entry No.,Customer No.,Description,External Document No.,Amount
1,C1,met DALGAARD,,
2,C1,Bjerregaard,,
3,C1,www.nowhere.com,,
4,C1,Vejle,,
5,C1,FREDERIKSEN UDLEJNING,,
6,C1,Vendorsen Transport,,
7,C1,Faktura 1001,,
EOL
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --also Contact.orig.csv --key No. --fields contact.csv --map links.csv \
    --also Journal.orig.csv --key 'Account No.' --fields journal.csv \
    --where 'Account Type=Customer' --primary-key 'Line No.' \
    --changes Ledger.csv --key 'Customer No.' --primary-key 'Entry No.'
err_is <<'EOE'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Surname' survives in column 'Description'
leakcheck: Ledger.csv:6: customer 'C1': original value of column 'Payer Name' survives in column 'Description'
leakcheck: 2 original values of anonymized customers would survive
EOE
err_lacks Dalgaard
err_lacks Frederiksen

tcase "--key-where: a journal line's balancing account is a customer only when its type says so"
rules
printf 'column,action,argument\nLine No.,keep,\nAccount Type,keep,\nAccount No.,keep,\nBal. Account Type,keep,\nBal. Account No.,keep,\nPayer Name,replace,------\nDescription,redact-pii,\n' >journal.csv
cat >Journal.orig.csv <<'EOL'
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,Payer Name,Description
1,G/L Account,6100,Customer,C1,Frederiksen Udlejning,
2,Customer,C9,G/L Account,C2,Vendorsen Transport,
EOL
cat >Ledger.csv <<'EOL'
Entry No.,Customer No.,Description,External Document No.,Amount
1,C1,FREDERIKSEN UDLEJNING,,
2,C2,Vendorsen Transport,,
EOL
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --also Journal.orig.csv \
    --key 'Account No.' --key-where 'Account Type=Customer' --fields journal.csv \
    --key 'Bal. Account No.' --key-where 'Bal. Account Type=Customer' \
    --fields journal.csv --primary-key 'Line No.' \
    --changes Ledger.csv --key 'Customer No.' --primary-key 'Entry No.'
err_is <<'EOE'
leakcheck: Ledger.csv:2: customer 'C1': original value of column 'Payer Name' survives in column 'Description'
leakcheck: 1 original value of anonymized customers would survive
EOE
# The changes: a G/L account numbered like C2 names nobody, so the line
# is not checked for C2's name; the balancing customer C1's is.
cat >Journal.csv <<'EOL'
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,Payer Name,Description
1,G/L Account,C2,Customer,C1,------,Paid by Elif Şimşek
2,Customer,C9,G/L Account,C2,------,Ion Mureșan
EOL
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Journal.csv \
    --key 'Account No.' --key-where 'Account Type=Customer' --fields journal.csv \
    --key 'Bal. Account No.' --key-where 'Bal. Account Type=Customer' \
    --fields journal.csv --primary-key 'Line No.'
err_is <<'EOE'
leakcheck: Journal.csv:2: customer 'C1': original value of column 'Name' survives in column 'Description'
leakcheck: 1 original value of anonymized customers would survive
EOE
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --changes Journal.csv --key 'Account No.' --key 'Bal. Account No.' \
    --primary-key 'Line No.'
err_has "Journal.csv:3: customer 'C2': original value of column 'Name' survives in column 'Description'"
run 2 leakcheck --rules rules.csv --originals orig.csv \
    --changes Journal.csv --key-where 'Account Type=Customer' --key 'Account No.'
err_has "--key-where must follow a --key"
run 2 leakcheck --rules rules.csv --originals orig.csv \
    --changes Journal.csv --key 'Account No.' --key-where 'Account Type=(('
err_has "--key-where: bad filter for column 'Account Type'"

tcase "--also --where: an option's number where the condition names the option is a data error"
# A SQL-side export holds the journal line's Account Type as 1: read as
# a mismatch, its payer name would give no original.
rules
printf 'column,action,argument\nLine No.,keep,\nAccount Type,keep,\nAccount No.,keep,\nPayer Name,replace,------\n' >journal.csv
printf 'Line No.,Account Type,Account No.,Payer Name\n1,Customer,C1,Frederiksen Udlejning\n2,1,C1,Vendorsen Transport\n' >Journal.orig.csv
printf 'Entry No.,Customer No.,Description\n1,C1,Vendorsen Transport\n' >Ledger.csv
run 1 leakcheck --rules rules.csv --originals orig.csv \
    --also Journal.orig.csv --key 'Account No.' --fields journal.csv \
    --where 'Account Type=Customer' --primary-key 'Line No.' \
    --changes Ledger.csv --key 'Customer No.' --primary-key 'Entry No.'
err_is <<'EOE'
leakcheck: Journal.orig.csv:3: an option's number, not its name, in column 'Account Type'
EOE
err_lacks Vendorsen
# Quoted, the value is text: the 1 is another account's line, as before.
run 0 leakcheck --rules rules.csv --originals orig.csv \
    --also Journal.orig.csv --key 'Account No.' --fields journal.csv \
    --where "Account Type='Customer'" --primary-key 'Line No.' \
    --changes Ledger.csv --key 'Customer No.' --primary-key 'Entry No.'
err_empty

tcase "types.csv: a table the spec lacks or an unknown type is a flaw of the spec"
cp -R "$TOP/pipelines/rules" rules
printf 'No Such Table,Amount,number\nCustomer,Balance,money\n' >>rules/types.csv
run 2 jobspec rules
err_has "types.csv:$(($(wc -l <rules/types.csv) - 1)): No Such Table: no such table in tables.csv"
err_has "types.csv:$(wc -l <rules/types.csv): Customer: unknown type 'money' (number, date, code or customer name)"
run 0 jobspec "$TOP/pipelines/rules"
ok "the shipped types are in the plan" grep -q "$(printf '^type\tCust. Ledger Entry\tAmount\tnumber$')" out

tcase "--also: usage errors"
rules
run 2 leakcheck --rules rules.csv --originals orig.csv --also x.csv --key No.
err_has "--also x.csv: --key No. without --fields"
run 2 leakcheck --rules rules.csv --originals orig.csv --changes x.csv --key No. --where A=B
err_has "--where must follow a --also"
run 2 leakcheck --rules rules.csv --originals orig.csv --also x.csv --key No. --fields rules.csv --number A
err_has "--number must follow a --changes"
tdone
