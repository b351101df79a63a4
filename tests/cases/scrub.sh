# scrub: the actions, the rules file and its checks (fail closed), CSV
# dialects, bad input, and messages that never hold a field value.
# redact-pii and --keys: scrub-pii.sh.

tcase "every action but redact-pii; keep is byte for byte"
cat >rules.csv <<'EOF'
column,action,argument,replacement
No.,keep
Name,replace,------
E-Mail,blank
Phone No.,mask,3
City,truncate,2
Born,year
Code,regex,([A-Z]+)-(\d+),$2/$1
EOF
cat >in.csv <<'EOF'
No.,Name,E-Mail,Phone No.,City,Born,Code
C0001,Åse Ødegård,ase@example.com,+47 00 00 00 00,Østerås,1980-05-17,AB-12 CD-3
C0002,"Quote ""Q"" Example",,,,,
 C 3 ,"Comma, Example",x@example.org,12,O,2026-11-29T23:15:00Z,none
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Name,E-Mail,Phone No.,City,Born,Code
C0001,------,,+47************,Øs,1980-01-01,12/AB 3/CD
C0002,------,,,,,
 C 3 ,------,,12,O,2026-01-01,none
EOF
err_empty

tcase "mask and truncate count UTF-8 characters, not bytes"
cat >rules.csv <<'EOF'
column,action,argument
Name,mask,1
Short,truncate,4
Zero,mask,0
EOF
cat >in.csv <<'EOF'
Name,Short,Zero
Åse Ødegård,Ødegård,Åå
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Name,Short,Zero
Å**********,Ødeg,**
EOF

tcase "year: ISO date, date-time, empty and 0001-01-01"
cat >rules.csv <<'EOF'
column,action
No.,keep
Born,year
EOF
cat >in.csv <<'EOF'
No.,Born
1,1980-05-17
2,2026-11-29T23:15:00Z
3,2026-11-29 23:15:00
4,
5,0001-01-01
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Born
1,1980-01-01
2,2026-01-01
3,2026-01-01
4,
5,0001-01-01
EOF

tcase "year: --date-format reads and writes the locale format"
cat >rules.csv <<'EOF'
column,action
No.,keep
Born,year
EOF
cat >in.csv <<'EOF'
No.,Born
1,17.05.1980
2,
EOF
run 0 scrub --date-format '%d.%m.%Y' --rules rules.csv in.csv
out_is <<'EOF'
No.,Born
1,01.01.1980
2,
EOF
printf 'No.,Born\n1,5/17/1980\n' >us.csv
run 0 scrub --date-format '%m/%d/%Y' --rules rules.csv us.csv
out_is <<'EOF'
No.,Born
1,01/01/1980
EOF
run 2 scrub --date-format '%d.%m' --rules rules.csv us.csv
err_has "scrub: --date-format"

tcase "year: a bad date is a data error naming file, line and column"
cat >rules.csv <<'EOF'
column,action
No.,keep
Born,year
EOF
cat >in.csv <<'EOF'
No.,Born
1,1980-05-17
2,"Secretvalue
1980"
3,1980-02-30
EOF
run 1 scrub --rules rules.csv in.csv
err_is <<'EOF'
scrub: in.csv:3: bad date in column 'Born'
EOF
err_lacks Secretvalue

tcase "--customer-key: a message about a row names its customer"
printf 'No.,Born\nC1,1980-05-06\nC2,1980-13-01\n' >in.csv
printf 'column,action\nNo.,keep\nBorn,year\n' >rules.csv
run 1 scrub --rules rules.csv --customer-key No. in.csv
err_is <<'EOF'
scrub: in.csv:3: customer C2: bad date in column 'Born'
EOF
run 1 env CUSTANON_NAMES="$(printf 'in.csv\tCustomer\tno')" \
    scrub --rules rules.csv --customer-key No. in.csv
err_is <<'EOF'
scrub: Customer: customer C2: bad date in column 'Born'
EOF
run 1 scrub --rules rules.csv --customer-key Nr in.csv
err_is <<'EOF'
scrub: in.csv:1: missing column 'Nr'
EOF
run 2 scrub --rules rules.csv --customer-key '' in.csv
err_has "--customer-key takes a column name"
run 2 scrub --rules rules.csv --customer-key No. --customer-key No. in.csv
err_has "--customer-key given twice"

tcase "regex: every match, capture references, named groups, deletion"
cat >rules.csv <<'EOF'
column,action,argument,replacement
A,regex,(\w+)@(\w+),$2 at $1
B,regex,(?<digit>\d),<${digit}>
C,regex,\s*secret\s*
D,regex,(?i)ada,X
EOF
cat >in.csv <<'EOF'
A,B,C,D
a@b c@d,x1y22,keep secret here,Ada and ADA
EOF
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
A,B,C,D
b at a d at c,x<1>y<2><2>,keephere,X and X
EOF

tcase "regex: a field that is not UTF-8 is a data error naming the column"
cat >rules.csv <<'EOF'
column,action,argument,replacement
No.,keep
Note,regex,x,y
EOF
printf 'No.,Note\n1,ok\n2,bad\377Plantedvalue\n' >in.csv
run 1 scrub --rules rules.csv in.csv
err_is <<'EOF'
scrub: in.csv:3: invalid utf-8 in column 'Note'
EOF
err_lacks Plantedvalue

tcase "rules file: optional argument columns, comment column, action case"
cat >rules.csv <<'EOF'
comment,action,column
"keep the key",KEEP,No.
,Blank,Name
EOF
printf 'No.,Name\n1,Kari Placeholder\n' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Name
1,
EOF

tcase "fail closed: a column without a rule, nothing written, exit 2"
cat >rules.csv <<'EOF'
column,action
No.,keep
Name,blank
EOF
printf 'No.,Name,Fax No.,Pager\n1,Kari Placeholder,000,111\n' >in.csv
run 2 scrub --rules rules.csv <in.csv
out_is </dev/null
err_is <<'EOF'
scrub: rules.csv: no rule for column 'Fax No.' of <stdin>
scrub: rules.csv: no rule for column 'Pager' of <stdin>
EOF

tcase "fail closed: a rule for a missing column is an error, ?optional not"
cat >rules.csv <<'EOF'
column,action
No.,keep
Name,blank
?Fax No.,blank
Pager,blank
EOF
printf 'No.,Name\n1,Kari Placeholder\n' >in.csv
run 2 scrub --rules rules.csv in.csv
out_is </dev/null
err_is <<'EOF'
scrub: rules.csv:5: no column 'Pager' in in.csv
EOF
printf 'No.,Name,Fax No.,Pager\n1,Kari Placeholder,000,111\n' >in2.csv
run 0 scrub --rules rules.csv in2.csv
out_is <<'EOF'
No.,Name,Fax No.,Pager
1,,,
EOF

tcase "the * rule covers every column no other rule names"
cat >rules.csv <<'EOF'
column,action,argument
No.,keep
*,replace,x
EOF
printf 'No.,Name,New Column\n1,Kari Placeholder,data\n' >in.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
No.,Name,New Column
1,x,x
EOF

tcase "bad rules: every bad line is reported, then exit 2"
cat >rules.csv <<'EOF'
column,action,argument,replacement
No.,keep
Name,foo
Phone,mask,three
City,truncate,-1
Memo,regex,(unclosed
Memo,blank
Fax,replace
Note,regex
Tag,regex,(a),$2
Keep,keep,oops
,blank
Pager,blank,,x
Extra,blank,,,toomany
EOF
printf 'No.\n1\n' >in.csv
run 2 scrub --rules rules.csv in.csv
out_is </dev/null
err_is <<'EOF'
scrub: rules.csv:3: unknown action 'foo'
scrub: rules.csv:4: bad number 'three' for mask
scrub: rules.csv:5: bad number '-1' for truncate
scrub: rules.csv:6: bad regex at offset 9: missing closing parenthesis
scrub: rules.csv:7: duplicate rule for column 'Memo' (first on line 6)
scrub: rules.csv:8: missing argument for replace (blank empties a column)
scrub: rules.csv:9: missing argument for regex
scrub: rules.csv:10: bad replacement: no group 2 in the pattern
scrub: rules.csv:11: keep takes no argument
scrub: rules.csv:12: empty column name
scrub: rules.csv:13: blank takes no replacement
scrub: rules.csv:14: row has 5 fields, header has 4
EOF

tcase "bad rules: header, empty file, missing file, malformed CSV"
printf 'name,action\nNo.,keep\n' >nocol.csv
printf 'No.\n1\n' >in.csv
run 2 scrub --rules nocol.csv in.csv
err_is <<'EOF'
scrub: nocol.csv:1: missing column 'column'
EOF
: >empty.csv
run 2 scrub --rules empty.csv in.csv
err_is <<'EOF'
scrub: empty.csv: empty rules file
EOF
run 2 scrub --rules absent.csv in.csv
err_is <<'EOF'
scrub: absent.csv: No such file or directory
EOF
printf 'column,action\n"No.,keep\n' >bad.csv
run 2 scrub --rules bad.csv in.csv
err_is <<'EOF'
scrub: bad.csv:2: unterminated quoted field
EOF
printf 'column,action\nNo.,keep\nNo.,keep\n' >dup.csv
run 2 scrub --rules dup.csv in.csv
err_is <<'EOF'
scrub: dup.csv:3: duplicate rule for column 'No.' (first on line 2)
EOF
printf 'column,action\nNo.,keep\n?No.,blank\n' >dup2.csv
run 2 scrub --rules dup2.csv in.csv
err_has "dup2.csv:3: duplicate rule for column 'No.'"

tcase "keep everything: a minimally quoted file passes byte for byte"
printf 'column,action\n*,keep\n' >rules.csv
printf 'No.,Name,Memo\r\nC1,"Comma, Example","two\r\nlines"\r\nC2, spaced ,"say ""hi"""\r\n' >crlf.csv
run 0 scrub --rules rules.csv crlf.csv
out_file_is crlf.csv
printf '\357\273\277No.;Name\nC1;"Semi; Colon"\nC2;a,b\n' >bom.csv
run 0 scrub -d ';' --rules rules.csv bom.csv
out_file_is bom.csv
printf 'No.\tName\nC1\tTab Example\n' >tab.csv
run 0 scrub -d tab --rules rules.csv <tab.csv
out_file_is tab.csv

tcase "--quote-all quotes every field; CRLF and BOM follow the input"
cat >rules.csv <<'EOF'
column,action,argument
No.,keep
Name,replace,"x,y"
EOF
printf '\357\273\277No.,Name\r\nC1,Kari Placeholder\r\n' >in.csv
run 0 scrub --quote-all --rules rules.csv in.csv
printf '\357\273\277"No.","Name"\r\n"C1","x,y"\r\n' >want
out_file_is want
run 0 scrub --rules rules.csv in.csv
printf '\357\273\277No.,Name\r\nC1,"x,y"\r\n' >want
out_file_is want

tcase "empty input is a data error; header only gives the header"
printf 'column,action\nNo.,keep\n' >rules.csv
run 1 scrub --rules rules.csv </dev/null
out_is </dev/null
err_is <<'EOF'
scrub: <stdin>: empty input: no header row
EOF
printf 'No.\n' | run 0 scrub --rules rules.csv
out_is <<'EOF'
No.
EOF

tcase "bad input: unterminated quote, short and long rows exit 1"
printf 'column,action\n*,blank\n' >rules.csv
printf 'No.,Name\n1,"Plantedvalue\n' >unterminated.csv
run 1 scrub --rules rules.csv unterminated.csv
err_is <<'EOF'
scrub: unterminated.csv:2: unterminated quoted field
EOF
printf 'No.,Name\n1,a\n2\n' >short.csv
run 1 scrub --rules rules.csv short.csv
err_is <<'EOF'
scrub: short.csv:3: row has 1 fields, header has 2
EOF
printf 'No.,Name\n1,Plantedvalue,extra\n' | run 1 scrub --rules rules.csv
err_is <<'EOF'
scrub: <stdin>:2: row has 3 fields, header has 2
EOF
err_lacks Plantedvalue
run 1 scrub --rules rules.csv absent.csv
err_is <<'EOF'
scrub: absent.csv: No such file or directory
EOF

tcase "a write error (disk full) exits 1"
printf 'column,action\n*,keep\n' >rules.csv
printf 'No.\n1\n' >in.csv
scrub --rules rules.csv in.csv >/dev/full 2>err
status_is 1 "scrub to /dev/full"
err_has "scrub: <stdout>: write error"

tcase "usage errors exit 2; --help and --version exit 0"
printf 'column,action\n*,keep\n' >rules.csv
printf 'No.\n1\n' >in.csv
run 2 scrub in.csv
err_has "scrub: --rules is required"
run 2 scrub --rules rules.csv --keys in.csv in.csv
err_has "scrub: --keys needs at least one --key"
run 2 scrub --rules rules.csv --key No. in.csv
err_has "need --keys"
run 2 scrub --rules rules.csv --all-rows in.csv
err_has "need --keys"
run 2 scrub --rules rules.csv --bogus in.csv
err_has "Try 'scrub --help'"
run 2 scrub --rules rules.csv in.csv in.csv
err_has "too many files"
run 2 scrub --rules - <in.csv
err_has "only one input can be standard input"
run 0 scrub --help
ok "usage on stdout" grep -q '^usage: scrub --rules FILE' out
run 0 scrub --version
ok "version line" grep -q '^scrub custanon [0-9]' out

tcase "--originals-out: the selected rows as they were, beside the scrubbed ones"
printf 'No.,Name\nC1,"Ann, Lee"\nC2,Bob\nC3,Cy\n' >in.csv
printf 'No.\nC2\nC3\n' >keys.csv
printf 'column,action,argument\nNo.,keep,\nName,replace,X\n' >rules.csv
run 0 scrub --rules rules.csv --keys keys.csv --key No. \
    --originals-out orig.csv in.csv
out_is <<'EOT'
No.,Name
C2,X
C3,X
EOT
file_is orig.csv <<'EOT'
No.,Name
C2,Bob
C3,Cy
EOT
ok "private" test "$(stat -c %a orig.csv)" = 600
run 2 scrub --rules rules.csv --originals-out orig.csv in.csv
err_has "need --keys"
run 2 scrub --rules rules.csv --keys keys.csv --key No. \
    --originals-out o1 --originals-out o2 in.csv
err_has "--originals-out given twice"

tcase "--key-where: each key counts only in the rows that meet its own conditions"
cat >in.csv <<'EOT'
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,VAT Registration No.
1,Customer,C1,G/L Account,2910,DK1
2,G/L Account,6100,Customer,C1,DK2
3,G/L Account,C1,Bank Account,B1,DK3
4,Customer,C7,G/L Account,C1,DK4
5,Vendor,C1,Customer,C1,DK5
EOT
printf 'No.\nC1\n' >keys.csv
printf 'column,action,argument\n*,keep,\n?VAT Registration No.,blank,\n' >rules.csv
run 0 scrub --rules rules.csv --keys keys.csv \
    --key 'Account No.' --key-where 'Account Type=Customer' \
    --key 'Bal. Account No.' --key-where 'Bal. Account Type=Customer' in.csv
out_is <<'EOT'
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,VAT Registration No.
1,Customer,C1,G/L Account,2910,
2,G/L Account,6100,Customer,C1,
5,Vendor,C1,Customer,C1,
EOT
run 0 scrub --rules rules.csv --keys keys.csv --all-rows \
    --key 'Bal. Account No.' --key-where 'Bal. Account Type=Customer' \
    --key-where 'Line No.=<5' in.csv
out_is <<'EOT'
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,VAT Registration No.
1,Customer,C1,G/L Account,2910,DK1
2,G/L Account,6100,Customer,C1,
3,G/L Account,C1,Bank Account,B1,DK3
4,Customer,C7,G/L Account,C1,DK4
5,Vendor,C1,Customer,C1,DK5
EOT
run 2 scrub --rules rules.csv --keys keys.csv --key-where 'A=B' \
    --key 'Account No.' in.csv
err_has "scrub: --key-where must follow a --key"
run 2 scrub --rules rules.csv --keys keys.csv --key 'Account No.' \
    --key-where 'Account Type' in.csv
err_has "--key-where"
run 1 scrub --rules rules.csv --keys keys.csv --key 'Account No.' \
    --key-where 'Source Type=Customer' in.csv
err_has "missing column 'Source Type'"
printf 'No.,Open\nC1,maybe\n' >open.csv
run 1 scrub --rules rules.csv --keys keys.csv --key No. \
    --key-where 'Open=Yes' open.csv
err_has "not a boolean in column 'Open'"

tcase "a key of the keys file in lower case or padded is a data error, naming the key, not the row's data"
printf 'Customer No.,Name\nC1,Ann\nc2,Bob\nC9,Cy\n' >in.csv
printf 'No.\nC1\n' >keys.csv
printf 'column,action,argument\nCustomer No.,keep,\nName,replace,X\n' >rules.csv
run 0 scrub --rules rules.csv --keys keys.csv --key 'Customer No.' in.csv
out_is <<'EOT'
Customer No.,Name
C1,X
EOT
for k in c1 ' C1' 'C1 ' 'c1  '; do
	printf 'Customer No.,Name\nC9,Cy\n"%s",Ann Lee\n' "$k" >in.csv
	run 1 scrub --rules rules.csv --keys keys.csv --key 'Customer No.' \
	    --all-rows in.csv
	err_is <<'EOT'
scrub: in.csv:3: key C1 written otherwise (in lower case, or padded) in column 'Customer No.'
EOT
done

tcase "--values: a --key-where column's field that is not a declared option is a data error"
# A journal line whose Bal. Account Type is Debitor: read as a mismatch,
# C1's balancing side would be left unscrubbed.  The value is not named.
GJ='G/L Account|Customer|Vendor|Bank Account|Fixed Asset|IC Partner|Employee|Allocation Account'
printf 'No.\nC1\n' >keys.csv
printf 'column,action,argument\n*,keep,\n?VAT Registration No.,blank,\n' >rules.csv
for v in Debitor '' Zq9Kunde; do
	cat >in.csv <<EOT
Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,VAT Registration No.
1,Customer,C1,G/L Account,2910,DK1
2,G/L Account,6100,"$v",C1,DK2
EOT
	run 1 scrub --rules rules.csv --keys keys.csv \
	    --key 'Account No.' --key-where 'Account Type=Customer' \
	    --key 'Bal. Account No.' --key-where 'Bal. Account Type=Customer' \
	    --values "Account Type=$GJ" --values "Bal. Account Type=$GJ" in.csv
	err_is <<'EOT'
scrub: in.csv:3: not one of the options declared for column 'Bal. Account Type'
EOT
	err_lacks Zq9Kunde
done
# Declared options pass; the output is the one without --values.
sed -i 's/^2,G\/L Account,6100,"Zq9Kunde",C1,/2,G\/L Account,6100,Customer,C1,/' in.csv
run 0 scrub --rules rules.csv --keys keys.csv \
    --key 'Account No.' --key-where 'Account Type=Customer' \
    --key 'Bal. Account No.' --key-where 'Bal. Account Type=Customer' in.csv
mv out plain
run 0 scrub --rules rules.csv --keys keys.csv \
    --key 'Account No.' --key-where 'Account Type=Customer' \
    --key 'Bal. Account No.' --key-where 'Bal. Account Type=Customer' \
    --values "Account Type=$GJ" --values "Bal. Account Type=$GJ" in.csv
out_file_is plain
ok "both rows scrubbed" test "$(grep -c ',$' out)" = 2
