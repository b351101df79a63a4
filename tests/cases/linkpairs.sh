# linkpairs called directly, as pipelines/lib/core.sh calls it for the
# Contact row's link steps (pipelines/rules/tables.csv): every step, each
# relation kept or not, the errors (exit status, "linkpairs: FILE:LINE:"
# and no field value but a contact's or customer's number), empty inputs
# and the CSV dialect.  No job runs here: these cases exercise the C code
# itself, in the normal and the sanitizer build.

LH='Contact No.,Business Relation Code,Link to Table,No.'

# base: the targets (C1, C2: C1's Primary Contact No. CT9), the customers
# that exist (C1 C2 live-able C3, C4 anonymized already), the relations
# and the contacts of a small company.  CT1 is C1's company contact, CT5
# a person under it; CT2 C2's person; CT3 C1's and a vendor's; CT4 C1's
# and C3's; CT6 C1's and C4's; CT7 C1's with an empty relation too; CT8
# no one's.
base() {
	cat >t.csv <<'EOF'
No.,Primary Contact No.
C1,CT9
C2,
EOF
	cat >cu.csv <<'EOF'
No.,Primary Contact No.,Anonymized
C1,CT9,false
C2,,No
C3,,false
C4,,Yes
EOF
	cat >l.csv <<EOF
$LH
CT1,CUST,Customer,C1
CT2,CUST,Customer,C2
CT3,CUST,Customer,C1
CT3,VEND,Vendor,V1
CT4,CUST,Customer,C1
CT4,CUST2,Customer,C3
CT6,CUST,Customer,C1
CT6,CUST2,Customer,C4
CT7,CUST,Customer,C1
CT7,NONE,,
EOF
	cat >r.csv <<'EOF'
No.,Type,Company No.
CT1,Company,CT1
CT2,Person,
CT3,Person,
CT4,Person,
CT5,Person,CT1
CT6,Person,
CT7,Person,
CT8,Person,
CT9,Person,
EOF
}

# lp STATUS [OPTION...]: linkpairs with the job's options (core_steps and
# the Contact row's steps), --kept into ./kept; under the command LP_WRAP
# when set.
lp() {
	local want=$1
	shift
	run "$want" ${LP_WRAP:-} linkpairs --targets t.csv --link l.csv --rows r.csv \
	    --link-key 'Contact No.' --link-customer No. --key No. \
	    --where 'Link to Table=@Customer' \
	    --primary 'Primary Contact No.' --under 'Company No.' \
	    --under-where 'Type=@Person' --under-known 'Type=@Person' \
	    --above-known 'Type=@Company' --keep-shared \
	    --shared-where 'Link to Table=@Vendor|@Bank Account|@Employee' \
	    --link-unique 'Contact No.|Business Relation Code' \
	    --kept kept "$@"
}

# rel LINE...: the relations, LH and LINEs.
rel() {
	printf '%s\n' "$LH" "$@" >l.csv
}

tcase "the job's options: each kind reached, each shared one kept and counted"
base
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT6,C1
CT7,C1
CT5,C1
EOF
err_empty
file_is kept <<'EOF'
2
EOF

tcase "without --customers a relation to any customer not a target is live"
base
lp 0
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT7,C1
CT5,C1
EOF
file_is kept <<'EOF'
3
EOF

tcase "--customers without an Anonymized column: every customer of it is live"
base
cut -d, -f1,2 cu.csv >cu2.csv
lp 0 --customers cu2.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT7,C1
CT5,C1
EOF
file_is kept <<'EOF'
3
EOF

tcase "a relation to a customer --customers lacks keeps nothing"
base
grep -v '^C3,' cu.csv >cu2.csv
lp 0 --customers cu2.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT4,C1
CT6,C1
CT7,C1
CT5,C1
EOF
file_is kept <<'EOF'
1
EOF

tcase "an anonymized customer's relation keeps nothing; its Anonymized read as a boolean, any case"
base
sed -i 's/^C3,,false$/C3,,TRUE/; s/^C4,,Yes$/C4,,1/' cu.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT4,C1
CT6,C1
CT7,C1
CT5,C1
EOF
file_is kept <<'EOF'
1
EOF

tcase "a bad boolean in Anonymized: data error naming the customer, not the value"
base
sed -i 's/^C4,,Yes$/C4,,Ja-secret/' cu.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: cu.csv:5: customer C4: bad boolean in column 'Anonymized'
EOF
out_is </dev/null

tcase "the vendor, bank account and employee relations each keep the contact"
base
for t in Vendor 'Bank Account' Employee; do
	rel 'CT3,CUST,Customer,C1' "CT3,X,$t,V1"
	lp 0 --customers cu.csv
	out_is <<'EOF'
Contact No.,No.
CT9,C1
EOF
	file_is kept <<'EOF'
1
EOF
done

tcase "a contact two targets share is theirs twice; one a target also names as primary, once"
base
sed -i 's/^C2,$/C2,CT1/' t.csv
rel 'CT1,CUST,Customer,C1' 'CT1,CUST2,Customer,C2'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C2
CT1,C1
CT5,C2
CT5,C1
EOF
file_is kept <<'EOF'
0
EOF

tcase "Link to Table and Type match without case and surrounding spaces (@)"
base
rel 'CT1,CUST,  cUSTOMER ,C1' 'CT3,CUST,customer,C1' 'CT3,V, vendor	,V1'
sed -i 's/^CT5,Person,CT1$/CT5, PERSON ,CT1/' r.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT5,C1
EOF
file_is kept <<'EOF'
1
EOF

tcase "primary step: the customer's Primary Contact No. reaches the contact alone"
base
rel
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
EOF
file_is kept <<'EOF'
0
EOF

tcase "without --primary the targets need no Primary Contact No. column"
base
rel
printf 'No.\nC1\n' >t.csv
run 0 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No.
out_is <<'EOF'
Contact No.,No.
EOF
err_empty

tcase "under step: persons under a company contact reached by its primary contact"
base
rel
sed -i 's/^C1,CT9$/C1,CT1/' t.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT1,C1
CT5,C1
EOF

tcase "under step: a reached person's company contact is not reached through it"
base
rel 'CT5,CUST,Customer,C1'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT5,C1
EOF

tcase "under where: a person under the company, reached; the company's own Company No. is itself"
base
lp 0 --customers cu.csv
ok "CT5 reached" grep -qx 'CT5,C1' out
ok "CT1 once" test "$(grep -c '^CT1,' out)" = 1

tcase "keep shared: a person under a company contact a vendor shares is kept too"
base
rel 'CT1,CUST,Customer,C1' 'CT1,V,Vendor,V1'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
EOF
file_is kept <<'EOF'
2
EOF

tcase "keep shared: a reached person whose company contact a vendor shares is kept"
base
rel 'CT5,CUST,Customer,C1' 'CT1,V,Vendor,V1'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
EOF
file_is kept <<'EOF'
1
EOF

tcase "keep shared: a person under the company with a live relation of its own is kept, its company not"
base
rel 'CT1,CUST,Customer,C1' 'CT5,V,Employee,E1'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
EOF
file_is kept <<'EOF'
1
EOF

tcase "without --keep-shared a shared contact is reached all the same"
base
run 0 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. \
    --where 'Link to Table=@Customer' --primary 'Primary Contact No.' \
    --kept kept
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT3,C1
CT4,C1
CT6,C1
CT7,C1
EOF
file_is kept <<'EOF'
0
EOF

tcase "without --shared-where any relation not to a customer is live, an unknown one too"
base
rel 'CT3,CUST,Customer,C1' 'CT3,X,Whatever,W1' 'CT7,CUST,Customer,C1'
run 0 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. \
    --where 'Link to Table=@Customer' --keep-shared --kept kept
out_is <<'EOF'
Contact No.,No.
CT7,C1
EOF
file_is kept <<'EOF'
1
EOF

tcase "a relation without a link (every column empty) links nothing"
base
rel 'CT7,CUST,Customer,C1' 'CT7,NONE,,' 'CT8,NONE,,'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT7,C1
EOF
file_is kept <<'EOF'
0
EOF

tcase "an unknown Link to Table of a contact reached: data error naming the contact"
base
rel 'CT3,CUST,Customer,C1' 'CT3,X,Secret Table,V1'
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv:3: contact CT3: a relation it does not know (column 'Link to Table')
EOF
out_is </dev/null

tcase "an unknown Link to Table naming a target: data error"
base
rel 'CT3,X,Secret Table,C1'
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv:2: contact CT3: a relation it does not know (column 'Link to Table')
EOF

tcase "an empty Link to Table with a No.: data error"
base
rel 'CT3,X,,C1'
lp 1 --customers cu.csv
err_has "l.csv:2: contact CT3: a relation it does not know"

tcase "an empty No. in a live relation of a contact reached: data error"
base
rel 'CT3,CUST,Customer,C1' 'CT3,V,Vendor,'
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv:3: contact CT3: column 'No.' empty or with surrounding spaces in a relation
EOF

tcase "a padded No. in a live relation of a contact reached: data error, the value not shown"
base
rel 'CT3,CUST,Customer,C1' 'CT3,V,Vendor, V77 '
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv:3: contact CT3: column 'No.': a key with surrounding spaces or lower case
EOF
err_lacks V77

tcase "an unknown Type of a person under a company contact reached: data error"
base
sed -i 's/^CT5,Person,CT1$/CT5,Robot,CT1/' r.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv:6: contact CT5: under another, a value it does not allow (column 'Type')
EOF
out_is </dev/null

tcase "an unknown Type of a contact no one reaches: no error"
base
echo 'CT10,Robot,CT8' >>r.csv
lp 0 --customers cu.csv
ok "CT10 not reached" sh -c '! grep -q CT10 out'

tcase "a company contact the decision reads through a person must be known too"
base
rel 'CT5,CUST,Customer,C1'
sed -i 's/^CT1,Company,CT1$/CT1,Company,CT1/; s/^CT5,Person,CT1$/CT5,Person,CT1/' r.csv
lp 0 --customers cu.csv
ok "CT5 reached" grep -qx 'CT5,C1' out

tcase "missing columns are configuration errors (exit 2), named with the file"
base
cut -d, -f1,2 l.csv >l2.csv && mv l2.csv l.csv
lp 2 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv: missing column 'No.'
EOF
base
cut -d, -f1,3,4 l.csv >l2.csv && mv l2.csv l.csv
lp 2 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv: missing column 'Business Relation Code'
EOF
base
printf 'No.\nC1\n' >t.csv
lp 2 --customers cu.csv
err_is <<'EOF'
linkpairs: t.csv: missing column 'Primary Contact No.'
EOF
base
cut -d, -f1,2 r.csv >r2.csv && mv r2.csv r.csv
lp 2 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv: missing column 'Company No.'
EOF
base
cut -d, -f1,3 r.csv >r2.csv && mv r2.csv r.csv
lp 2 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv: missing column 'Type'
EOF
base
cut -d, -f2,3 cu.csv >cu2.csv
lp 2 --customers cu2.csv
err_is <<'EOF'
linkpairs: cu2.csv: missing column 'No.'
EOF
base
printf 'Name\nC1\n' >t.csv
lp 2 --customers cu.csv
err_is <<'EOF'
linkpairs: t.csv: missing column 'No.'
EOF

tcase "a missing column is found before any row is read: an empty ROWS with its header runs"
base
head -1 r.csv >r2.csv && mv r2.csv r.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT6,C1
CT7,C1
EOF

tcase "empty inputs: no targets, no relations, no contacts"
base
head -1 t.csv >t2.csv && mv t2.csv t.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
EOF
file_is kept <<'EOF'
0
EOF
base
rel
head -1 r.csv >r2.csv && mv r2.csv r.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
EOF

tcase "an input without even a header: data error"
base
: >l.csv
lp 1 --customers cu.csv
err_has "linkpairs: l.csv"
out_is </dev/null

tcase "CRLF line ends, quoted fields and a byte-order mark are read"
base
printf '\357\273\277"Contact No.",Business Relation Code,"Link to Table",No.\r\n"CT1",CUST,"Customer","C1"\r\n"CT3","a, b",Customer,C1\r\nCT3,V,"Vendor",V1\r\n' >l.csv
printf 'No.,Type,Company No.\r\nCT1,Company,CT1\r\nCT3,Person,\r\n"CT5","Person","CT1"\r\n' >r.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT5,C1
EOF
file_is kept <<'EOF'
1
EOF

tcase "a key holding the delimiter is written quoted"
base
rel '"CT,1",CUST,Customer,C1'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
"CT,1",C1
EOF

tcase "malformed CSV: data error with the line"
base
printf '%s\nCT1,CUST,"Customer,C1\n' "$LH" >l.csv
lp 1 --customers cu.csv
err_has "linkpairs: l.csv:"
out_is </dev/null

tcase "-d: another delimiter for every input and the output"
base
for f in t cu l r; do tr , ';' <$f.csv >$f.x && mv $f.x $f.csv; done
lp 0 --customers cu.csv -d ';'
out_is <<'EOF'
Contact No.;No.
CT9;C1
CT1;C1
CT2;C2
CT6;C1
CT7;C1
CT5;C1
EOF

tcase "an option's number in Link to Table or Type is a data error, not a mismatch"
# A SQL-side export holds the Option fields as ordinals: a relation to
# a customer (Link to Table 1) read as a mismatch would leave its contact
# unscrubbed; a person under the company (Type 1) would not be followed.
base
sed -i 's/^CT3,CUST,Customer,C1$/CT3,CUST,1,C1/' l.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv:4: contact CT3: an option's number, not its name, in column 'Link to Table'
EOF
out_is </dev/null
base
sed -i 's/^CT5,Person,CT1$/CT5,1,CT1/' r.csv
lp 1 --customers cu.csv
err_has "r.csv:6: contact CT5: an option's number, not its name, in column 'Type'"
out_is </dev/null
base
sed -i 's/^CT1,Company,CT1$/CT1,0,CT1/' r.csv
lp 1 --customers cu.csv
err_has "r.csv:2: contact CT1: an option's number, not its name, in column 'Type'"

tcase "usage errors: exit 2"
base
run 2 linkpairs --link l.csv --rows r.csv --link-key 'Contact No.' \
    --link-customer No.
err_has "--targets, --link and --rows are required"
run 2 linkpairs --targets t.csv --link l.csv --rows r.csv
err_has "--link-key and --link-customer are required"
run 2 linkpairs --targets t.csv --link - --rows r.csv \
    --link-key 'Contact No.' --link-customer No.
err_has "not standard input"
run 2 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. --customers -
err_has "not standard input"
run 2 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. --under-where Type=Person
err_has "need --under"
run 2 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. extra
err_has "no operand expected"
run 2 linkpairs --bogus
run 2 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. --where 'Link to Table'
out_is </dev/null

tcase "an input that cannot be opened: data error naming it"
base
lp 1 --customers nosuch.csv
err_has "nosuch.csv"

tcase "--kept into a folder that does not exist: data error"
base
lp 1 --customers cu.csv --kept nodir/kept
err_has "nodir/kept"

tcase "--help and --version"
run 0 linkpairs --help
ok "usage" grep -q '^usage: linkpairs --targets FILE' out
run 0 linkpairs --version
ok "version" grep -q '^linkpairs custanon ' out

# Keys as Business Central stores Code fields: upper case, trimmed (K4,
# second hostile review: a padded or lower-case key reached nothing).

tcase "K4: a lower-case Primary Contact No.: data error naming the customer"
base
sed -i 's/^C1,CT9$/C1,ct9/' t.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: t.csv:2: customer C1: column 'Primary Contact No.': a key with surrounding spaces or lower case
EOF
out_is </dev/null

tcase "K4: a padded Primary Contact No.: data error"
base
sed -i 's/^C1,CT9$/C1,CT9 /' t.csv
lp 1 --customers cu.csv
err_has "t.csv:2: customer C1: column 'Primary Contact No.': a key with surrounding spaces"

tcase "K4: a padded or lower-case Company No.: data error naming the contact, not the value"
base
sed -i 's/^CT5,Person,CT1$/CT5,Person, CT1/' r.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv:6: contact CT5: column 'Company No.': a key with surrounding spaces or lower case
EOF
base
sed -i 's/^CT5,Person,CT1$/CT5,Person,ct1/' r.csv
lp 1 --customers cu.csv
err_has "r.csv:6: contact CT5: column 'Company No.': a key with"
err_lacks ct1

tcase "K4: a contact's own No. padded, lower case (non-ASCII too) or empty: data error with the line"
for k in 'CT3 ' ct3 'CTö' ''; do
	base
	sed -i "s/^CT3,Person,\$/$k,Person,/" r.csv
	lp 1 --customers cu.csv
	err_is <<'EOF'
linkpairs: r.csv:4: column 'No.': an empty key, or one with surrounding spaces or lower case
EOF
done

tcase "K4: an upper-case non-ASCII key is one"
base
sed -i 's/^CT3,Person,$/CTÖ,Person,/' r.csv
rel 'CTÖ,CUST,Customer,C1'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CTÖ,C1
EOF

tcase "K4: a relation's Contact No. padded, lower case or empty: data error, any relation"
for k in ' CT1' ct8 ''; do
	base
	rel 'CT1,CUST,Customer,C1' "$k,V,Vendor,V1"
	lp 1 --customers cu.csv
	err_is <<'EOF'
linkpairs: l.csv:3: column 'Contact No.': an empty key, or one with surrounding spaces or lower case
EOF
done

tcase "K4: a relation's No. lower case or padded: data error naming the contact, even one no one reaches"
base
rel 'CT1,CUST,Customer,c1'
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv:2: contact CT1: column 'No.': a key with surrounding spaces or lower case
EOF
base
rel 'CT8,V,Vendor,V1 '
lp 1 --customers cu.csv
err_has "l.csv:2: contact CT8: column 'No.': a key with surrounding spaces"

# A contact's Company No. names a company contact (K2, second hostile
# review: one naming a person shared with a live customer kept the
# anonymized customer's contact).

tcase "K2: a reached contact's Company No. naming a person (shared with a live customer): data error naming that contact"
base
rel 'CT5,CUST,Customer,C1' 'CT4,CUST2,Customer,C3'
sed -i 's/^CT5,Person,CT1$/CT5,Person,CT4/' r.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv:5: contact CT4: the 'Company No.' of a contact reached, with a value it does not allow there (column 'Type')
EOF
out_is </dev/null

tcase "K2: a person under a reached person: data error naming the one above"
base
sed -i 's/^CT5,Person,CT1$/CT5,Person,CT3/' r.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv:4: contact CT3: the 'Company No.' of a contact reached, with a value it does not allow there (column 'Type')
EOF

tcase "K2: a reached contact's Company No. naming no contact: data error"
base
sed -i 's/^CT5,Person,CT1$/CT5,Person,CT1/; s/^CT2,Person,$/CT2,Person,CT77/' r.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv: contact CT77: the 'Company No.' of a contact reached, but no row of it
EOF

tcase "K2: Company with any case and spaces is a company; a contact no one reaches is not checked"
base
sed -i 's/^CT1,Company,CT1$/CT1, company ,CT1/' r.csv
echo 'CT10,Person,CT8' >>r.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT6,C1
CT7,C1
CT5,C1
EOF

# ROWS is read once when the rows above a reached row are rows the
# first two steps reach (their rows are checked as they are read), again
# only when one is reached by nothing but the under column; the messages
# are the same either way.

# lp_once STATUS [OPTION...]: lp with ROWS (r.csv) a pipe that gives its
# rows once: a second reading would wait for ever (timeout: status 124).
lp_once() {
	local pid
	rm -f rows.fifo && mkfifo rows.fifo || return 1
	cat r.csv >rows.fifo &
	pid=$!
	LP_WRAP='timeout 30' lp "$@" --rows rows.fifo
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

tcase "above known: ROWS read once when the rows above are reached by the first steps"
base
lp 0 --customers cu.csv
mv out once.want
lp_once 0 --customers cu.csv
out_file_is once.want
ok "a company contact above" grep -qx 'CT5,C1' out

tcase "above known, read once: the first row at fault in the file is named, whatever the order the steps reach them in"
base
rel 'CT4,CUST,Customer,C1' 'CT3,CUST,Customer,C1' 'CT1,CUST,Customer,C1'
printf '%s\n' 'CT10,Person,CT4' 'CT11,Person,CT3' >>r.csv
lp_once 1 --customers cu.csv
err_is <<'EOF'
linkpairs: rows.fifo:4: contact CT3: the 'Company No.' of a contact reached, with a value it does not allow there (column 'Type')
EOF

tcase "above known, read once: a related contact with persons under it but no row of its own"
base
rel 'CT1,CUST,Customer,C1' 'CT20,CUST,Customer,C1'
echo 'CT21,Person,CT20' >>r.csv
lp_once 1 --customers cu.csv
err_is <<'EOF'
linkpairs: rows.fifo: contact CT20: the 'Company No.' of a contact reached, but no row of it
EOF

tcase "above known, read again: a reached person's Company No. naming a person no step reaches"
base
sed -i 's/^CT2,Person,$/CT2,Person,CT8/' r.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv:9: contact CT8: the 'Company No.' of a contact reached, with a value it does not allow there (column 'Type')
EOF

tcase "K2: --above-known needs --under"
base
run 2 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. --above-known Type=Company
err_has "need --under"

# A live customer's primary contact is a live relation (K5, second
# hostile review: it was scrubbed with the anonymized customer's data).

tcase "K5: a contact a live customer names as its Primary Contact No. is kept, with the persons under it, and counted"
base
sed -i 's/^C3,,false$/C3,CT1,false/' cu.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT2,C2
CT6,C1
CT7,C1
EOF
file_is kept <<'EOF'
4
EOF

tcase "K5: a live customer's primary contact reached only through a target's primary is kept"
base
sed -i 's/^C3,,false$/C3,CT9,false/' cu.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT1,C1
CT2,C2
CT6,C1
CT7,C1
CT5,C1
EOF
file_is kept <<'EOF'
3
EOF

tcase "K5: a target's or an anonymized customer's Primary Contact No. keeps nothing"
base
sed -i 's/^C2,,No$/C2,CT1,No/; s/^C4,,Yes$/C4,CT2,Yes/' cu.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT6,C1
CT7,C1
CT5,C1
EOF

tcase "K5: --customers must have the --primary column (exit 2); a lower-case one is a data error"
base
cut -d, -f1,3 cu.csv >cu2.csv
lp 2 --customers cu2.csv
err_is <<'EOF'
linkpairs: cu2.csv: missing column 'Primary Contact No.'
EOF
base
sed -i 's/^C3,,false$/C3,ct1,false/' cu.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: cu.csv:4: customer C3: column 'Primary Contact No.': a key with surrounding spaces or lower case
EOF

# A contact under another is a person (K3, second hostile review: a
# company contact whose Company No. names the customer's company contact
# was neither scrubbed nor refused).

tcase "K3: a company contact whose Company No. names a reached company contact: data error naming it"
base
sed -i 's/^CT8,Person,$/CT8,Company,CT1/' r.csv
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: r.csv:9: contact CT8: under another, a value it does not allow (column 'Type')
EOF
out_is </dev/null

tcase "K3: a reached company contact whose Company No. names another contact: data error"
base
sed -i 's/^CT1,Company,CT1$/CT1,Company,CT8/' r.csv
lp 1 --customers cu.csv
err_has "r.csv:2: contact CT1: under another, a value it does not allow (column 'Type')"

tcase "K3: a company contact whose Company No. is itself or empty is no one's"
base
sed -i 's/^CT1,Company,CT1$/CT1,Company,/' r.csv
echo 'CT12,Company,CT12' >>r.csv
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT2,C2
CT6,C1
CT7,C1
CT5,C1
EOF

# A relation's key is its own (K6, second hostile review: the same
# Contact Business Relation key twice went unnoticed).

tcase "K6: a relation key twice: data error naming the contact"
base
rel 'CT1,CUST,Customer,C1' 'CT1,CUST,Customer,C3'
lp 1 --customers cu.csv
err_is <<'EOF'
linkpairs: l.csv:3: contact CT1: a relation whose key (Contact No.|Business Relation Code) another row has too
EOF
out_is </dev/null

tcase "K6: the same row twice, of a contact reached only through a target's primary: data error"
base
rel 'CT9,V,Vendor,V1' 'CT9,V,Vendor,V1'
lp 1 --customers cu.csv
err_has "l.csv:3: contact CT9: a relation whose key"

tcase "K6: one contact's relations under two codes, and one code for two contacts, are no duplicates"
base
rel 'CT1,CUST,Customer,C1' 'CT1,CUST2,Customer,C2' 'CT2,CUST,Customer,C2'
lp 0 --customers cu.csv
out_is <<'EOF'
Contact No.,No.
CT9,C1
CT1,C1
CT1,C2
CT2,C2
CT5,C1
CT5,C2
EOF

tcase "K6: a key twice of a contact no one reaches is not read"
base
echo 'CT8,X,Vendor,V8' >>l.csv
echo 'CT8,X,Vendor,V8' >>l.csv
lp 0 --customers cu.csv
ok "no error" test ! -s err

tcase "K6: --link-unique without --keep-shared reads the relations again all the same"
base
rel 'CT1,CUST,Customer,C1' 'CT1,CUST,Customer,C1'
run 1 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. \
    --link-unique 'Contact No.|Business Relation Code'
err_has "l.csv:3: contact CT1: a relation whose key"
run 2 linkpairs --targets t.csv --link l.csv --rows r.csv \
    --link-key 'Contact No.' --link-customer No. --link-unique ''
err_has "--link-unique is empty"

tcase "--values: a Link to Table or Type that is not a declared option is a data error"
# A relation whose Link to Table is Debitor read as a mismatch would leave
# its contact unscrubbed; an empty Type is no contact BC stores.  The
# values are compared trimmed and, where the condition folds, in any
# case, as the conditions are.
LV=(--values "Link to Table=''|Customer|Vendor|Bank Account|Employee"
    --values 'Type=Company|Person')
base
sed -i 's/^CT3,CUST,Customer,C1$/CT3,CUST,Debitor,C1/' l.csv
lp 1 --customers cu.csv "${LV[@]}"
err_is <<'EOF'
linkpairs: l.csv:4: contact CT3: not one of the options declared for column 'Link to Table'
EOF
out_is </dev/null
base
sed -i 's/^CT5,Person,CT1$/CT5,,CT1/' r.csv
lp 1 --customers cu.csv "${LV[@]}"
err_has "r.csv:6: contact CT5: not one of the options declared for column 'Type'"
base
sed -i 's/^CT5,Person,CT1$/CT5,Persona,CT1/' r.csv
lp 1 --customers cu.csv "${LV[@]}"
err_has "r.csv:6: contact CT5: not one of the options declared for column 'Type'"
# Declared values, trimmed and in another case where @ folds, read as
# without --values.
base
sed -i 's/^CT5,Person,CT1$/CT5, person ,CT1/' r.csv
lp 0 --customers cu.csv
mv out plain
lp 0 --customers cu.csv "${LV[@]}"
out_file_is plain
err_empty
