# csvget: the pipelines' reader of CSV values (columns of matching rows,
# counts, headers, CSV subsets, the sort check).

data() {
	cat >t.csv <<'EOF'
table,primary key,rules
Customer,No.,Customer.csv
Cust. Ledger Entry,Entry No.,
"Sales Header, old",Document Type|No.,
Contact,No.,Contact.csv
EOF
}

tcase "columns of every row, tab-separated, empty values kept"
data
run 0 csvget t.csv table rules
out_is <<'EOF'
Customer	Customer.csv
Cust. Ledger Entry	
Sales Header, old	
Contact	Contact.csv
EOF
err_empty

tcase "--where with the filter syntax, --first"
data
run 0 csvget --where "table='Cust. Ledger Entry'" t.csv 'primary key'
out_is <<'EOF'
Entry No.
EOF
run 0 csvget --where "rules=<>''" t.csv table
out_is <<'EOF'
Customer
Contact
EOF
run 0 csvget --first --where "rules=<>''" t.csv table
out_is <<'EOF'
Customer
EOF

tcase "--where: an option's number where the condition names the option is a data error"
# A SQL-side export holds an Option field as its ordinal (1 for
# Customer); read as a mismatch, C2's line would silently be dropped.
printf 'Account Type,Account No.\nCustomer,C1\n1,C2\n' >o.csv
run 1 csvget --csv --where 'Account Type=Customer' -- o.csv
err_is <<'EOF'
csvget: o.csv:3: an option's number, not its name, in column 'Account Type'
EOF
out_is </dev/null
run 1 csvget --count --where 'Account Type=@customer|@Vendor' o.csv
err_has "o.csv:3: an option's number, not its name"
# An empty field is no number: no match, or ''.
printf 'Account Type,Account No.\nCustomer,C1\n,C2\n' >o.csv
run 0 csvget --where "Account Type=Customer|''" o.csv 'Account No.'
out_is <<'EOF'
C1
C2
EOF
run 0 csvget --where 'Account Type=<>Customer' o.csv 'Account No.'
out_is <<'EOF'
C2
EOF
# A quoted value, a number or a wildcard names no option: as before.
printf 'Account Type,Account No.\nCustomer,C1\n,C2\n7,C3\n' >o.csv
run 0 csvget --where "Account Type='Customer'|7" o.csv 'Account No.'
out_is <<'EOF'
C1
C3
EOF
run 0 csvget --where 'Account Type=C*' o.csv 'Account No.'
out_is <<'EOF'
C1
EOF

tcase "?COL reads as empty when the column is absent"
data
run 0 csvget --first t.csv table '?Filter' rules
out_is <<'EOF'
Customer		Customer.csv
EOF

tcase "--count, --header"
data
run 0 csvget --count t.csv
out_is <<'EOF'
4
EOF
run 0 csvget --count --where "rules=''" t.csv
out_is <<'EOF'
2
EOF
run 0 csvget --header t.csv
out_is <<'EOF'
table
primary key
rules
EOF

tcase "--csv: the matching rows, or some columns, as CSV"
data
run 0 csvget --csv --where "rules=''" t.csv
out_is <<'EOF'
table,primary key,rules
Cust. Ledger Entry,Entry No.,
"Sales Header, old",Document Type|No.,
EOF
run 0 csvget --csv t.csv rules table
out_is <<'EOF'
rules,table
Customer.csv,Customer
,Cust. Ledger Entry
,"Sales Header, old"
Contact.csv,Contact
EOF

tcase "--is-sorted: strictly ascending in byte order"
printf 'No.,Name\nC1,a\nC2,b\nc0,c\n' >s.csv
run 0 csvget --is-sorted No. s.csv
out_is <<'EOF'
yes
EOF
printf 'No.,Name\nC2,a\nC10,b\n' >u.csv
run 0 csvget --is-sorted No. u.csv
out_is <<'EOF'
no
EOF
printf 'No.,Name\nC1,a\nC1,b\n' >d.csv
run 0 csvget --is-sorted No. d.csv
out_is <<'EOF'
no
EOF

tcase "an empty file is an error: an export always has its header"
: >e.csv
run 1 csvget --count e.csv
err_is <<'EOF'
csvget: e.csv: empty input: no header row
EOF

tcase "a value with a line break or tab cannot be one line"
printf 'No.,Name\nC1,"two\nlines"\n' >n.csv
run 1 csvget n.csv Name
err_is <<'EOF'
csvget: n.csv:2: column 'Name' holds a tab or line break
EOF
run 0 csvget n.csv No.
out_is <<'EOF'
C1
EOF

tcase "errors: missing column, malformed CSV, usage"
data
run 1 csvget t.csv Nope
err_is <<'EOF'
csvget: t.csv:1: missing column 'Nope'
EOF
printf 'a,b\n1,2,3\n' >w.csv
run 1 csvget w.csv a
err_has "csvget: w.csv:2:"
run 2 csvget t.csv
err_has "no column given"
run 2 csvget --count --header t.csv
err_has "exclude each other"
run 0 csvget --version
out_is <<'EOF'
csvget custanon 0.1.0
EOF

tcase "--changed: the columns some row changes, keys aside, in the file's order"
printf 'No.,Line,Name,Amount,City\nC1,1,Ann,5,Oslo\nC1,2,Bo,6,Rome\nC2,1,Cy,7,Oslo\n' >o.csv
printf 'No.,Line,Amount,Name,City,Added\nC1,2,6,X,Rome,\nC2,1,7,Cy,Oslo,y\n' >c.csv
run 0 csvget --changed o.csv c.csv No. Line
out_is <<'EOF'
Name
Added
EOF
printf 'No.,Line,Name,Amount,City\nC1,1,Ann,5,Oslo\n' >same.csv
run 0 csvget --changed o.csv same.csv No. Line
out_is </dev/null

tcase "--changed: a row not found in the originals' order makes every column changed"
printf 'No.,Line,Name,Amount,City\nC1,1,Ann,5,Oslo\nC1,2,Bo,6,Rome\nC2,1,Cy,7,Oslo\n' >o.csv
printf 'No.,Line,Name,Amount,City\nC2,1,Cy,7,Oslo\nC1,1,Ann,5,Oslo\n' >back.csv
run 0 csvget --changed o.csv back.csv No. Line
out_is <<'EOF'
Name
Amount
City
EOF
printf 'No.,Line,Name,Amount,City\nC9,1,Ann,5,Oslo\n' >none.csv
run 0 csvget --changed o.csv none.csv No. Line
out_is <<'EOF'
Name
Amount
City
EOF

tcase "--changed: errors"
printf 'No.,Line,Name,Amount,City\nC1,1,Ann,5,Oslo\nC1,2,Bo,6,Rome\nC2,1,Cy,7,Oslo\n' >o.csv
printf 'No.,Line,Amount\nC1,2,6\n' >c.csv
run 2 csvget --changed o.csv c.csv
err_has "no column given"
run 1 csvget --changed o.csv c.csv Nope
err_is <<'EOF'
csvget: o.csv:1: missing column 'Nope'
EOF
printf 'No.,Line,Name\nC1,2\n' >rag.csv
run 1 csvget --changed o.csv rag.csv No. Line
err_has "csvget: rag.csv:2:"
run 2 csvget --changed o.csv --count c.csv No.
err_has "exclude each other"

tcase "--changed-list: each line's answer as --changed gives it, prefixed by its file"
printf 'No.,Line,Name,Amount,City\nC1,1,Ann,5,Oslo\nC1,2,Bo,6,Rome\nC2,1,Cy,7,Oslo\n' >o.csv
printf 'No.,Line,Amount,Name,City,Added\nC1,2,6,X,Rome,\nC2,1,7,Cy,Oslo,y\n' >c.csv
printf 'No.,Line,Name,Amount,City\nC1,1,Ann,5,Oslo\n' >same.csv
printf 'No.,Line,Name,Amount,City\nC2,1,Cy,7,Oslo\nC1,1,Ann,5,Oslo\n' >back.csv
printf 'No.,Name\nC1,Zed\n' >o2.csv
printf 'No.,Name\nC1,Zed\n' >c2.csv
printf 'o.csv\tc.csv\tNo.\tLine\no.csv\tsame.csv\tNo.\tLine\no.csv\tback.csv\tNo.\tLine\no2.csv\tc2.csv\tNo.\n' >list
run 0 csvget --changed-list list
out_is <<'EOF'
c.csv	Name
c.csv	Added
back.csv	Name
back.csv	Amount
back.csv	City
EOF
cp out from-file
run 0 csvget --changed-list - <list
out_file_is from-file
run 0 csvget --changed-list /dev/null
out_is </dev/null

tcase "--changed-list: errors"
printf 'No.,Name\nC1,Zed\n' >o.csv
printf 'o.csv\to.csv\n' >short
run 1 csvget --changed-list short
err_is <<'EOF'
csvget: short:1: not ORIGINALS, FILE and a KEY separated by tabs
EOF
printf 'o.csv\to.csv\tNope\n' >nokey
run 1 csvget --changed-list nokey
err_is <<'EOF'
csvget: o.csv:1: missing column 'Nope'
EOF
run 1 csvget --changed-list missing
err_has "csvget: missing: No such file or directory"
run 2 csvget --changed-list list extra
err_has "--changed-list takes one FILE"
run 2 csvget --changed-list --csv list
err_has "exclude each other"

tcase "--copy-list: each line's IN as --copy writes it, into OUT (0600)"
printf 'No.,Name,Note\nC1,"Ann\tLee","a\\b"\nC2,Bo,"two\nlines"\n' >a.csv
printf 'Key,Val\nk,v\n' >b.csv
printf 'a.csv\ta.txt\tNote\tNo.\nb.csv\tb.txt\tVal\n' >list
run 0 csvget --copy-list list
out_is </dev/null
run 0 csvget --copy a.csv Note No.
out_file_is a.txt
run 0 csvget --copy b.csv Val
out_file_is b.txt
ok "a.txt is private" test "$(stat -c %a a.txt)" = 600
ok "... and holds the escapes" grep -qF 'two\nlines' a.txt
printf 'stale\nstale\nstale\nstale\n' >b.txt
run 0 csvget --copy-list - <list
ok "an OUT is truncated" test "$(cat b.txt)" = v
run 0 csvget --copy-list /dev/null
out_is </dev/null

tcase "--copy-list: errors stop it, naming the file at fault"
printf 'No.,Name\nC1,Ann\n' >a.csv
printf 'Key,Val\nk,v\n' >b.csv
printf 'a.csv\ta.txt\tNo.\n' >list
printf 'a.csv\ta.txt\n' >short
run 1 csvget --copy-list short
err_is <<'EOF'
csvget: short:1: not IN, OUT and a COLUMN separated by tabs
EOF
printf 'b.csv\tb.txt\tVal\na.csv\ta.txt\tNope\n' >nocol
rm -f b.txt
run 1 csvget --copy-list nocol
err_is <<'EOF'
csvget: a.csv:1: missing column 'Nope'
EOF
ok "the file before the fault written" test "$(cat b.txt)" = v
printf 'missing.csv\tm.txt\tNo.\n' >nofile
run 1 csvget --copy-list nofile
err_has "missing.csv"
printf 'b.csv\tnodir/b.txt\tVal\n' >noout
run 1 csvget --copy-list noout
err_has "csvget: nodir/b.txt: No such file or directory"
run 2 csvget --copy-list list extra
err_has "--copy-list takes one FILE"
run 2 csvget --copy-list --csv list
err_has "exclude each other"
run 2 csvget --copy-list --where 'No.=C1' list
err_has "--copy-list takes no --where"

tcase "--rename-list: each line FROM<TAB>TO renamed, never over a file"
printf 'one\n' >f1
printf 'two\n' >f2
printf 'f1\tg1\nf2\tg2\n' >list
run 0 csvget --rename-list list
ok "both renamed" test "$(cat g1)/$(cat g2)" = one/two
ok "... from their names" test ! -e f1 -a ! -e f2
printf 'three\n' >f3
printf 'keep\n' >g3
printf 'f3\tg3\n' >list
run 1 csvget --rename-list list
err_has "csvget: list:1: cannot rename f3 to g3: File exists"
ok "the target kept" test "$(cat g3)" = keep
printf 'f3\tg4\textra\n' >list
run 1 csvget --rename-list list
err_is <<'EOF'
csvget: list:1: not FROM and TO separated by a tab
EOF
printf 'f3\t\n' >list
run 1 csvget --rename-list list
err_has "not FROM and TO separated by tabs"
run 2 csvget --rename-list list extra
err_has "--rename-list takes one FILE"
