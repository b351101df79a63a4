# sweep: the anonymized customers' distinctive values (e-mail, phone,
# IBAN, VAT number, name) in whole tables, by shape; listed by table,
# column, key and customer, never the value; --redact.

originals() {
	cat >rules.csv <<'EOF'
column,action,argument,replacement
No.,keep,,
Name,replace,------,
Phone No.,blank,,
E-Mail,replace,------@----,
VAT Registration No.,blank,,
Note,redact-pii,,
City,blank,,
Customer Posting Group,keep,,
EOF
	cat >orig.csv <<'EOF'
No.,Name,Phone No.,E-Mail,VAT Registration No.,Note,City,Customer Posting Group
C1,Elif Şimşek,+45 99 99 00 20,Elif.Simsek@Example.com,DK 12 34 56 78,elif@note.dk,Aarhus C,DOMESTIC
C2,Ida,06 12 34 56 78,,,,Odense,DOMESTIC
C3,Νίκος Παππάς,,nikos@example.gr,,,,FOREIGN
EOF
}

sweep_gl() {
	run 0 sweep --rules rules.csv --originals orig.csv \
	    --table 'G/L Entry' gl.csv --primary-key 'Entry No.' \
	    --number Amount "$@"
}

tcase "each shape is found, listed by table, column, key and customer"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount,External Document No.
1,Paid by Elif Şimşek,0,
2,Mail from elif.simsek@example.com.,0,
3,Call +45 9999 0020,0,
4,,0,VAT DK12345678
5,Nothing to see,0,DOMESTIC
EOF
sweep_gl --count n.txt
out_is <<'EOF'
Customer No.,Table,Column,Key
C1,G/L Entry,Description,1
C1,G/L Entry,Description,2
C1,G/L Entry,Description,3
C1,G/L Entry,External Document No.,4
EOF
err_empty
file_is n.txt <<<4

tcase "a phone as its digits: country code, 00, leading 0, glued to a word"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount
1,TLF4599990020,0
2,0045 99990020,0
3,tel. 99-99-00-20,0
4,(+45) 99 99 00 20,0
5,ring 0612345678 or +31 6 12345678,0
6,9999002,0
EOF
sweep_gl
out_is <<'EOF'
Customer No.,Table,Column,Key
C1,G/L Entry,Description,1
C1,G/L Entry,Description,2
C1,G/L Entry,Description,3
C1,G/L Entry,Description,4
C2,G/L Entry,Description,5
EOF

tcase "an IBAN compacted, in a column of another table's values"
originals
printf 'column,action\nNo.,keep\nCustomer No.,keep\nIBAN,blank\n' >bank.rules
cat >bank.csv <<'EOF'
Customer No.,Code,IBAN
C2,MAIN,DK50 0040 0440 1162 43
C9,MAIN,GB29 NWBK 6016 1331 9268 19
EOF
cat >gl.csv <<'EOF'
Entry No.,Description,Amount
1,IBAN: DK5000400440116243,0
2,to dk50-0040-0440-1162-43 today,0
3,GB29 NWBK 6016 1331 9268 19,0
EOF
sweep_gl --also bank.csv --key 'Customer No.' --fields bank.rules \
    --primary-key Code
out_is <<'EOF'
Customer No.,Table,Column,Key
C2,G/L Entry,Description,1
C2,G/L Entry,Description,2
EOF

tcase "a value inside a longer word or number is no mention"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount
1,joelif.simsek@example.com,0
2,nikos@example.group,0
3,Elif Şimşekoğlu,0
4,1999990020,0
5,DK1234567890,0
6,XDK50 0040 0440 1162 43,0
EOF
sweep_gl
out_is <<'EOF'
Customer No.,Table,Column,Key
EOF

tcase "a name across a line break, in Turkish and Greek capitals"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount
1,"Elif
Şimşek",0
2,ELİF ŞİMŞEK,0
3,ΝΙΚΟΣ ΠΑΠΠΑΣ paid,0
4,Νίκος alone,0
EOF
sweep_gl
out_is <<'EOF'
Customer No.,Table,Column,Key
C1,G/L Entry,Description,1
C1,G/L Entry,Description,2
C3,G/L Entry,Description,3
EOF

tcase "a one-word name of under four letters is not distinctive; kept and free-text columns give none"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount
1,Ida,0
2,Aarhus C,0
3,elif@note.dk,0
4,DOMESTIC,0
EOF
sweep_gl
out_is <<'EOF'
Customer No.,Table,Column,Key
EOF

tcase "keys and number columns are not searched; a key of several columns"
originals
cat >comments.csv <<'EOF'
Table Name,No.,Line No.,Comment,Amount
Customer,99990020,10000,Elif Şimşek called,99990020
Customer,C9,20000,nothing,0
EOF
run 0 sweep --rules rules.csv --originals orig.csv \
    --table 'Comment Line' comments.csv --primary-key 'Table Name' \
    --primary-key 'No.' --primary-key 'Line No.' --number Amount
out_is <<'EOF'
Customer No.,Table,Column,Key
C1,Comment Line,Comment,Customer|99990020|10000
EOF

tcase "--skip: rows whose key another file has are not read"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount
1,Elif Şimşek,0
2,Elif Şimşek,0
EOF
printf 'Description,Entry No.\n[REDACTED],2\n' >changed.csv
sweep_gl --skip changed.csv
out_is <<'EOF'
Customer No.,Table,Column,Key
C1,G/L Entry,Description,1
EOF

tcase "a value two customers share lists both; a cell lists a customer once"
originals
printf 'No.,Name,Phone No.\nC1,Ann Berg,\nC2,Ann Berg,\n' >orig.csv
printf 'Entry No.,Description,Amount\n1,Ann Berg and ann berg,0\n' >gl.csv
sweep_gl
out_is <<'EOF'
Customer No.,Table,Column,Key
C2,G/L Entry,Description,1
C1,G/L Entry,Description,1
EOF

tcase "a contact's values through --map"
originals
printf 'column,action\nNo.,keep\nName,blank\nE-Mail,blank\n' >contact.rules
printf 'Contact No.,No.\nCT1,C2\nCT2,C9\n' >links.csv
printf 'No.,Name,E-Mail\nCT1,Karin Holm,karin@holm.dk\nCT2,Per Lund,per@lund.dk\n' \
    >contact.csv
printf 'Entry No.,Description,Amount\n1,Karin Holm,0\n2,per@lund.dk,0\n3,KARIN@holm.dk,0\n' \
    >gl.csv
sweep_gl --also contact.csv --key No. --fields contact.rules --map links.csv
out_is <<'EOF'
Customer No.,Table,Column,Key
C2,G/L Entry,Description,1
C2,G/L Entry,Description,3
EOF

tcase "--redact: the rows holding a mention, each mention replaced, mode 0600"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount,External Document No.
1,"Paid by ELİF ŞİMŞEK, tel +45 9999 0020",10,x
2,Nothing to see,0,
3,"mail elif.simsek@example.com
or Elif
Şimşek",0,DK 12345678
EOF
sweep_gl --redact red.csv
file_is red.csv <<'EOF'
Entry No.,Description,Amount,External Document No.
1,"Paid by [REDACTED], tel [REDACTED]",10,x
3,"mail [REDACTED]
or [REDACTED]",0,[REDACTED]
EOF
ok "red.csv is private" test "$(stat -c %a red.csv)" = 600

tcase "--redact --before --all-rows: every row, the changed ones as they were"
originals
cat >gl.csv <<'EOF'
Entry No.,Description,Amount
1,Elif Şimşek,0
2,clean,0
3,tel 99 99 00 20,0
EOF
printf 'Entry No.,Description,Amount\n3,x,0\n' >other.csv
printf 'Description,Entry No.\n' >changed-none.csv
sweep_gl --skip changed-none.csv --skip other.csv --redact red.csv \
    --before was.csv --all-rows
file_is red.csv <<'EOF'
Entry No.,Description,Amount
1,[REDACTED],0
2,clean,0
EOF
file_is was.csv <<'EOF'
Entry No.,Description,Amount
1,Elif Şimşek,0
EOF
ok "was.csv is private" test "$(stat -c %a was.csv)" = 600
run 2 sweep --rules rules.csv --originals orig.csv --table T gl.csv \
    --all-rows
err_has "--table T: --before and --all-rows go with --redact"

tcase "--redact: overlapping and adjacent mentions become one"
originals
printf 'No.,Name,Phone No.\nC1,Ann Berg,\nC2,Berg Olsen,99887766\n' >orig.csv
printf 'Entry No.,Description,Amount\n1,Ann Berg Olsen 99887766 x,0\n' >gl.csv
sweep_gl --redact red.csv
file_is red.csv <<'EOF'
Entry No.,Description,Amount
1,[REDACTED] [REDACTED] x,0
EOF

tcase "a live customer's own name (--own-name) is no mention of its namesake; its other values are"
originals
cat >cle.csv <<'EOF'
Entry No.,Customer No.,Customer Name,Description,Amount
1,L9,Elif Şimşek,Paid by ELİF ŞİMŞEK,0
2,L9,Elif Şimşek,"Elif Şimşek, call +45 9999 0020",0
3,L9,Elif Şimşek,Mail elif.simsek@example.com,0
4,L9,Elif Şimşek Berg,Reminder to Elif Şimşek Berg,0
5,L9,Elif Şimşek Berg,Reminder to Elif Şimşek,0
6,L8,Bo Hansen,Paid for Elif Şimşek,0
7,C1,Elif Şimşek,Paid by Elif Şimşek,0
8,,Elif Şimşek,Paid by Elif Şimşek,0
EOF
run 0 sweep --rules rules.csv --originals orig.csv \
    --table 'Cust. Ledger Entry' cle.csv --primary-key 'Entry No.' \
    --number Amount --key 'Customer No.' --own-name 'Customer Name' \
    --redact red.csv
out_is <<'EOF'
Customer No.,Table,Column,Key
C1,Cust. Ledger Entry,Description,2
C1,Cust. Ledger Entry,Description,3
C1,Cust. Ledger Entry,Description,5
C1,Cust. Ledger Entry,Description,6
C1,Cust. Ledger Entry,Customer Name,7
C1,Cust. Ledger Entry,Description,7
C1,Cust. Ledger Entry,Customer Name,8
C1,Cust. Ledger Entry,Description,8
EOF
file_is red.csv <<'EOF'
Entry No.,Customer No.,Customer Name,Description,Amount
2,L9,Elif Şimşek,"Elif Şimşek, call [REDACTED]",0
3,L9,Elif Şimşek,Mail [REDACTED],0
5,L9,Elif Şimşek Berg,Reminder to [REDACTED],0
6,L8,Bo Hansen,Paid for [REDACTED],0
7,C1,[REDACTED],Paid by [REDACTED],0
8,,[REDACTED],Paid by [REDACTED],0
EOF

tcase "--key-where: a key that names no customer in the row makes it no one's"
originals
cat >pgl.csv <<'EOF'
Line No.,Account Type,Account No.,Account Name,Description
1,Customer,L9,Elif Şimşek,Elif Şimşek
2,G/L Account,L9,Elif Şimşek,Elif Şimşek
EOF
run 0 sweep --rules rules.csv --originals orig.csv \
    --table 'Posted Gen. Journal Line' pgl.csv --primary-key 'Line No.' \
    --key 'Account No.' --key-where 'Account Type=Customer' \
    --own-name 'Account Name'
out_is <<'EOF'
Customer No.,Table,Column,Key
C1,Posted Gen. Journal Line,Account Name,2
C1,Posted Gen. Journal Line,Description,2
EOF
run 2 sweep --rules rules.csv --originals orig.csv --own-name X
err_has "--own-name must follow a --table NAME FILE"

tcase "usage and data errors"
originals
printf 'Entry No.,Description,Amount\n1,x,0\n' >gl.csv
run 2 sweep --rules rules.csv --originals orig.csv --table 'G/L Entry'
err_has "--table G/L Entry: no FILE given"
run 2 sweep --rules rules.csv --originals orig.csv gl.csv
err_has "unexpected argument"
run 2 sweep --rules rules.csv --originals orig.csv --table T gl.csv \
    --fields rules.csv
err_has "--fields must follow an --also"
run 1 sweep --rules rules.csv --originals orig.csv --table T gl.csv \
    --primary-key 'Line No.'
err_has "missing column 'Line No.'"
printf 'No.,Name\nC1,Ann Berg\nC1,Ann Berg\n' >dup.csv
run 1 sweep --rules rules.csv --originals dup.csv --table T gl.csv
err_has "dup.csv:3: duplicate customer 'C1'"
run 0 sweep --help
ok "usage on stdout" grep -q '^usage: sweep' out
run 0 sweep --version
out_is <<'EOF'
sweep custanon 0.1.0
EOF

tdone
