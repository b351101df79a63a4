# classify, the program: the action it suggests for a column by its
# name (Business Central's naming) and by what a scan of its values
# finds.  Run directly, so that the sanitizer build runs them too; the
# pipeline around it, classify-columns, is classify-columns.sh's.
tcase "classify: the suggestion of a column's name (Business Central's naming)"
printf 'column,action,argument,replacement\nNo.,keep,,\n' >r.csv
spec_cols=('No.' 'Assistant Name' 'Surname' 'Name 2' 'Private Address'
    'Private Address 2' 'Private City' 'Private Post Code' 'Private County'
    'Private Country/Region Code' 'Car Phone No.' 'Fax No.'
    'Telex Answer Back' 'Private E-Mail' 'E-Mail 2' 'Private Home Page'
    'VAT Registration No.' 'GLN' 'IBAN' 'SWIFT Code' 'Bank Account No.'
    'Registration Number' 'Sell-to Contact' 'Initials' 'Job Title'
    'Extra Description' 'Comment' 'Your Reference' 'Budget Code'
    'Last Visit Date' 'Remaining Amount' 'Balance (LCY)' 'Contact No.'
    'Mood' 'Odd, "Pet" Name')
python3 -c 'import csv, sys; csv.writer(sys.stdout, lineterminator="\n").writerow(sys.argv[1:])' \
    "${spec_cols[@]}" >t.csv
run 2 classify t.csv r.csv
out_is <<'EOF'
# r.csv
?Assistant Name,replace,------,
?Surname,replace,------,
?Name 2,replace,------,
?Private Address,replace,------ --,
?Private Address 2,replace,------ --,
?Private City,blank,,
?Private Post Code,blank,,
?Private County,blank,,
?Private Country/Region Code,blank,,
?Car Phone No.,blank,,
?Fax No.,blank,,
?Telex Answer Back,blank,,
?Private E-Mail,replace,------@----,
?E-Mail 2,replace,------@----,
?Private Home Page,replace,nowhere.com,
?VAT Registration No.,blank,,
?GLN,blank,,
?IBAN,blank,,
?SWIFT Code,blank,,
?Bank Account No.,blank,,
?Registration Number,blank,,
?Sell-to Contact,replace,------,
?Initials,replace,------,
?Job Title,replace,------,
?Extra Description,redact-pii,,
?Comment,redact-pii,,
?Your Reference,redact-pii,,
?Budget Code,keep,,
?Last Visit Date,keep,,
?Remaining Amount,keep,,
?Balance (LCY),keep,,
?Contact No.,keep,,
?Mood,keep,,
"?Odd, ""Pet"" Name",replace,------,
EOF
err_has "names not compared"
ok "one reason per line" test "$(grep -c '^# r.csv: ' err)" = 34
run 2 classify --check t.csv r.csv
out_is <<'EOF'
35	34
EOF
err_empty
printf 'column,action,argument,replacement\n*,keep,,\n' >star.csv
run 0 classify --check t.csv star.csv
out_is <<'EOF'
35	0
EOF
run 0 classify t.csv star.csv
out_is </dev/null

tcase "classify: a value scan hit turns keep into redact-pii or a name's replace"
printf 'column,action,argument,replacement\nNo.,keep,,\n' >r.csv
cat >t.csv <<'EOF'
No.,Memo,Memo 2,Memo 3,Label,Code
1,call +45 20 30 40 50,IBAN DK5000400440116243,,Aurora  Lind,
2,,,,x,
3,,,see 10.0.0.1,,
EOF
printf 'No.,Name\nC1,aurora lind\nC2,------\n' >names.csv
run 2 classify --names names.csv t.csv r.csv
out_is <<'EOF'
# r.csv
?Memo,redact-pii,,
?Memo 2,redact-pii,,
?Memo 3,redact-pii,,
?Label,replace,------,
?Code,keep,,
EOF
err_has "?Memo: redact-pii: its values hold personal data, though no naming rule matches its name; values: 1 non-empty in 3 rows: 0 e-mail, 1 phone, 0 IBAN, 0 other identifier, 0 a customer's name"
err_has "?Memo 2: redact-pii: its values hold personal data, though no naming rule matches its name; values: 1 non-empty in 3 rows: 0 e-mail, 0 phone, 1 IBAN,"
err_has "?Memo 3: redact-pii: its values hold personal data, though no naming rule matches its name; values: 1 non-empty in 3 rows: 0 e-mail, 0 phone, 0 IBAN, 1 other identifier"
err_has "?Label: replace ------: its values equal customers' names, though no naming rule matches its name; values: 2 non-empty in 3 rows: 0 e-mail, 0 phone, 0 IBAN, 0 other identifier, 1 a customer's name"
ok "no value in standard error" sh -c '! grep -i -e aurora -e 5000400 -e 10.0.0 -e "20 30" err'
run 1 classify --names nosuch.csv t.csv r.csv
out_is </dev/null
printf 'No.,,Code\n1,x,\n' >noname.csv
run 1 classify noname.csv r.csv
out_is </dev/null
err_has "noname.csv:1: column 2 has no name: no rule can name it"
printf 'column,action,argument,replacement\n*,keep,,\n' >star.csv
run 0 classify noname.csv star.csv
out_is </dev/null
printf 'No.\nC1\n' >nonames.csv
run 1 classify --names nonames.csv t.csv r.csv
err_has "missing column 'Name'"
