# jobspec called directly (no job runs here): the shipped spec's plan as
# spec.sh reads it, and malformed specs, each an error path of
# pipelines/libexec/jobspec.c: exit 2 and "jobspec: FILE:LINE: message",
# every flaw reported.  The job's own refusals of a bad spec are in
# job-spec.sh.

RULES=$TOP/pipelines/rules

# bad NAME FILE SED MESSAGE...: a copy of the shipped spec with FILE
# edited by SED is refused (exit 2) with each MESSAGE, printing no plan.
bad() {
	tcase "bad spec: $1"
	cp -R "$RULES" rules
	sed -i "$3" "rules/$2"
	ok "the edit applies" sh -c '! cmp -s "$1" "$2"' _ "$RULES/$2" "rules/$2"
	run 2 jobspec rules
	shift 3
	for m in "$@"; do
		err_has "$m"
	done
	out_is </dev/null
}

tcase "the shipped spec: sound, every record kind, the version"
run 0 jobspec "$RULES"
err_empty
ok "version first" test "$(head -1 out)" = "$(printf 'version\t%s' "$(cat "$RULES/VERSION")")"
cut -f1 out | uniq | sort -u >kinds
file_is kinds <<'EOF'
check
checkwhere
side
sidewhere
step
table
type
values
version
where
EOF
ok "no field holds a line break: every record a known kind" \
    test "$(grep -cvE '^(version|table|side|where|sidewhere|check|checkwhere|step|type|values)	' out)" = 0

tcase "the shipped spec: the Contact row's link steps as linkpairs reads them"
run 0 jobspec "$RULES"
grep '^step	Contact	' out >steps
file_is steps <<'EOF'
step	Contact	primary	Primary Contact No.
step	Contact	under	Company No.
step	Contact	under where	Type=@Person
step	Contact	under known	Type=@Person
step	Contact	above known	Type=@Company
step	Contact	keep shared	
step	Contact	shared where	Link to Table=@Vendor|@Bank Account|@Employee
EOF

tcase "the shipped spec: Contact reached through Contact Business Relation"
run 0 jobspec "$RULES"
grep -E '^table	(Contact|Contact Business Relation|Customer)	' out | cut -f1-7 >t
file_is t <<'EOF'
table	Customer	customer	No.	No.		
table	Contact Business Relation	link	Contact No.|Business Relation Code	No.		
table	Contact	scrubbed	No.	No.	Contact Business Relation	Contact No.
EOF
grep '^where	Contact Business Relation	' out >w
file_is w <<'EOF'
where	Contact Business Relation	Link to Table	@Customer
EOF

tcase "the shipped spec: a side per rules file, paths into the folder"
run 0 jobspec "$RULES"
ok "a side per rules file" test "$(grep -P '^side\t' out | cut -f4 | sort -u | wc -l)" = \
    "$(ls "$RULES" | grep -cv '^tables.csv$\|^checks.csv$\|^types.csv$\|^options.csv$\|^VERSION$\|^README.md$')"
grep -P '^side\tShip-to Address\t' out >s
file_is s <<EOF
side	Ship-to Address	Customer No.	$RULES/Ship-to Address.csv
EOF

tcase "the shipped spec: a journal line's two sides, each under its own condition"
run 0 jobspec "$RULES"
grep -P '^(side|sidewhere|where)\tPosted Gen. Journal Line\t' out >s
file_is s <<EOF
side	Posted Gen. Journal Line	Account No.	$RULES/Posted Gen. Journal Line.csv
side	Posted Gen. Journal Line	Bal. Account No.	$RULES/Posted Gen. Journal Line.csv
sidewhere	Posted Gen. Journal Line	Account No.	Account Type	Customer
sidewhere	Posted Gen. Journal Line	Bal. Account No.	Bal. Account Type	Customer
EOF
ok "sides that agree keep one where" \
    test "$(grep -cP '^sidewhere\t' out)" = 2

tcase "sides whose conditions differ in part: each side all of its own"
cp -R "$RULES" rules
sed -i 's/^\(Sales Invoice Header,.*,Bill-to Customer No.,\),/\1"Document Exchange Status=<>Sent\nCorrection=No",/' \
    rules/tables.csv
echo "Sales Invoice Header,Document Exchange Status,''|Sent|Delivered" \
    >>rules/options.csv
ok "the edit applies" sh -c '! cmp -s "$1" "$2"' _ "$RULES/tables.csv" rules/tables.csv
run 0 jobspec rules
grep -P '^(sidewhere|where)\tSales Invoice Header\t' out >s
file_is s <<'EOF'
sidewhere	Sales Invoice Header	Bill-to Customer No.	Document Exchange Status	<>Sent
sidewhere	Sales Invoice Header	Bill-to Customer No.	Correction	No
EOF

tcase "the shipped spec: checks and their conditions"
run 0 jobspec "$RULES"
grep -P '^check\t\d+\tSales Header\t' out | cut -f3-5 >c
file_is c <<'EOF'
Sales Header	open	Sell-to Customer No.|Bill-to Customer No.
EOF
ok "a checkwhere names a check" grep -qP '^checkwhere\t\d+\tOpen\tYes\t0$' out

tcase "--shipped: the shipped spec against itself; --check prints nothing"
run 0 jobspec --shipped "$RULES" "$RULES"
ok "a plan" grep -q '^version' out
run 0 jobspec --check "$RULES"
out_is </dev/null
err_empty

tcase "usage: one folder, known options; --help, --version"
run 2 jobspec
err_has "one spec folder expected"
run 2 jobspec "$RULES" "$RULES"
err_has "one spec folder expected"
run 2 jobspec --bogus "$RULES"
run 0 jobspec --help
ok "usage" grep -q 'usage: jobspec' out
run 0 jobspec --version
ok "version" grep -q '^jobspec custanon ' out

tcase "a folder without the spec: each file named"
mkdir empty
run 2 jobspec empty
err_has "jobspec: empty/VERSION: cannot open"
err_has "jobspec: empty/tables.csv: cannot open"
err_has "jobspec: empty/checks.csv: cannot open"
err_has "jobspec: empty/options.csv: missing: the values of each column"
err_has "jobspec: empty: the job spec has 4 errors"

tcase "the version: a whole number on one line; newer or older than --shipped"
cp -R "$RULES" rules
echo x >rules/VERSION
run 2 jobspec rules
err_has "jobspec: rules/VERSION:1: not a spec version"
printf '4\n5\n' >rules/VERSION
run 2 jobspec rules
err_has "rules/VERSION:1: not a spec version"
echo 99 >rules/VERSION
run 2 jobspec --shipped "$RULES" rules
err_has "spec version 99 is newer than this release's"
echo 1 >rules/VERSION
sed -i '/^NPR MM Membership,/d' rules/tables.csv rules/checks.csv
run 2 jobspec --shipped "$RULES" rules
err_has "spec version 1 is older than the shipped"
err_has "it lacks the table 'NPR MM Membership'"
err_has "it lacks the open check 'member' on NPR MM Membership"

tcase "the shipped spec: the declared values of each condition's column"
run 0 jobspec "$RULES"
grep -P '^values\t(Gen. Journal Line|Custom Report Selection|Service Contract Header|Contact)\t' out >v
file_is v <<'EOF'
values	Contact	Type	Company|Person
values	Custom Report Selection	Source Type	#integer
values	Gen. Journal Line	Account Type	G/L Account|Customer|Vendor|Bank Account|Fixed Asset|IC Partner|Employee|Allocation Account
values	Gen. Journal Line	Bal. Account Type	G/L Account|Customer|Vendor|Bank Account|Fixed Asset|IC Partner|Employee|Allocation Account
values	Service Contract Header	Status	''|Signed|Cancelled
EOF

tcase "a copy from before options.csv (version 6) is refused, naming it"
cp -R "$RULES" rules
rm rules/options.csv
echo 6 >rules/VERSION
run 2 jobspec --shipped "$RULES" rules
err_has "spec version 6 is older than the shipped"
err_has "jobspec: rules/options.csv: missing: the values of each column the conditions read (added in spec version 7"
ok "one line for the file, none per condition" \
    sh -c '! grep -q "has no row in options.csv" err'
echo 7 >rules/VERSION
run 2 jobspec rules
err_has "jobspec: rules/options.csv: missing"

tcase "--shipped: a copy lacking a link step is refused at any version"
cp -R "$RULES" rules
sed -i '/^keep shared$/d' rules/tables.csv
run 0 jobspec rules
run 2 jobspec --shipped "$RULES" rules
err_has "Contact: it lacks the link step 'keep shared'"

tcase "--shipped: a copy whose shared where names more values is taken, one naming fewer refused"
cp -R "$RULES" rules
SW='shared where=Link to Table=@Vendor|@Bank Account|@Employee'
ok "the shipped step is as this case reads it" grep -q "^$SW\"," rules/tables.csv
sed -i "s/^$SW\",/$SW|@NPR POS Entity\",/" rules/tables.csv
sed -i 's/^\(Contact Business Relation,Link to Table,.*\)$/\1|NPR POS Entity/' \
    rules/options.csv
run 0 jobspec --shipped "$RULES" rules
ok "the plan holds the wider step" grep -qF "step	Contact	shared where	Link to Table=@Vendor|@Bank Account|@Employee|@NPR POS Entity" out
sed -i "s/|@Bank Account|/|/" rules/tables.csv
run 2 jobspec --shipped "$RULES" rules
err_has "Contact: it lacks the link step '$SW'"
sed -i "s/^shared where=Link to Table=@Vendor|/shared where=Type=@Vendor|@Bank Account|/" \
    rules/tables.csv
run 2 jobspec --shipped "$RULES" rules
err_has "Contact: it lacks the link step '$SW'"

tcase "every flaw is reported, not only the first"
cp -R "$RULES" rules
sed -i 's/,open ledger entry$/,/; s/,member$/,/' rules/checks.csv
run 2 jobspec rules
err_has "jobspec: rules/checks.csv:3: a check without a reason"
err_has "jobspec: rules/checks.csv:6: a check without a reason"
err_has "jobspec: rules: the job spec has 2 errors"

bad "tables.csv without a required column" tables.csv \
    '1s/,customer keys,/,customer_keys,/' \
    "jobspec: rules/tables.csv:1: missing column 'customer keys'"
bad "malformed CSV" tables.csv '3s/^/"/' "jobspec: rules/tables.csv:"
bad "a step that does not exist" tables.csv 's/^under known=/under knwn=/' \
    "rules/tables.csv:4: steps: 'under knwn': no such step"
bad "a step without its value" tables.csv 's/"primary=Primary Contact No.$/"primary/' \
    "rules/tables.csv:4: steps: primary takes =VALUE"
bad "a step with a value it does not take" tables.csv \
    's/^keep shared$/keep shared=yes/' \
    "rules/tables.csv:4: steps: keep shared takes no value"
bad "a step naming a column twice (the job and linkpairs would each take another)" \
    tables.csv 's/^keep shared$/keep shared\nunder=Company No./' \
    "rules/tables.csv:4: steps: under: twice"
bad "a step condition that is not COLUMN=FILTER" tables.csv \
    's/^under where=Type=@Person$/under where=Type/' \
    "rules/tables.csv:4: steps: under where: not COLUMN=FILTER"
bad "a step filter that does not parse" tables.csv \
    's/^under where=Type=@Person$/under where=Type=(@Person/' \
    "rules/tables.csv:4: steps: under where: "
bad "steps without a via table" tables.csv \
    's/,Contact Business Relation,Contact No.,Contact.csv,/,,,Contact.csv,/' \
    "Contact: steps without a via table"
bad "a row without a table name" tables.csv 's/^Sales Header,36,/,36,/' \
    "no table name"
bad "a row without a decision" tables.csv 's/^Sales Header,36,checked,/Sales Header,36,,/' \
    "Sales Header: no decision"
bad "an unknown decision" tables.csv 's/^Sales Header,36,checked,/Sales Header,36,chekced,/' \
    "rules/tables.csv:14: Sales Header: unknown decision 'chekced'"
bad "a row without a primary key" tables.csv \
    's/^Ship-to Address,222,scrubbed,Customer No.|Code,/Ship-to Address,222,scrubbed,,/' \
    "rules/tables.csv:11: Ship-to Address: no primary key"
bad "a scrubbed row without customer keys" tables.csv \
    's/^\(Issued Reminder Header,297,scrubbed,No.,\)Customer No.,/\1,/' \
    "Issued Reminder Header: scrubbed without customer keys"
bad "a scrubbed row without a rules file" tables.csv \
    's/,Ship-to Address.csv,/,,/' "Ship-to Address: scrubbed without a rules file"
bad "a rules file that is missing" tables.csv \
    's/,Ship-to Address.csv,/,Ship-to Adress.csv,/' \
    "rules/tables.csv:11: Ship-to Address: rules file 'Ship-to Adress.csv'"
bad "a rules file that is a path" tables.csv \
    's/,Ship-to Address.csv,/,..\/Ship-to Address.csv,/' \
    "Ship-to Address: rules file '../Ship-to Address.csv' is not a name"
bad "a bad rules file" "Ship-to Address.csv" \
    's/^?Name,replace,------,$/?Name,replace,,/' "rules/Ship-to Address.csv:"
bad "a link through a table the spec lacks" tables.csv \
    's/,Contact Business Relation,Contact No.,/,Contact Relation,Contact No.,/' \
    "Contact: via 'Contact Relation': no such table in the spec"
bad "via without via key" tables.csv \
    's/,Contact Business Relation,Contact No.,Contact.csv,/,Contact Business Relation,,Contact.csv,/' \
    "Contact: via and via key go together"
bad "a table declared twice" tables.csv '$a Sales Header,36,checked,No.,,,,,,,,again,,' \
    "Sales Header: declared twice"
bad "a sweep that is neither yes nor empty" tables.csv \
    's/^\(G\/L Entry,17,.*\),yes$/\1,no/' "G/L Entry: sweep 'no': yes or empty"
bad "a swept table whose sweep is not yes" tables.csv \
    's/^\(G\/L Entry,17,.*\),yes$/\1,/' \
    "G/L Entry: decision swept, but sweep is not yes"
bad "a setup table swept" tables.csv 's/^\(User Setup,91,.*\),$/\1,yes/' \
    "User Setup: a setup table is never swept"

tcase "the shipped spec: the tables --sweep searches, whatever their decision"
run 0 jobspec "$RULES"
awk -F '\t' '$1 == "table" && $11 == "yes" { print $2 "\t" $3 }' out >swept
file_is swept <<'EOF'
Cust. Ledger Entry	scrubbed
Gen. Journal Line	checked
Posted Gen. Journal Line	scrubbed
G/L Entry	swept
Comment Line	swept
Customer GDPR Log Entries	log
EOF
bad "a table's where that does not parse" tables.csv \
    's/Link to Table=@Customer/Link to Table=(@Customer/' \
    "rules/tables.csv:3: where: column 'Link to Table'"
bad "a where without =" tables.csv 's/Link to Table=@Customer/Link to Table/' \
    "where: a condition is not COLUMN=FILTER"
bad "no customer table" tables.csv 's/^Customer,18,customer,/Customer,18,checked,/' \
    "table Customer (decision customer)"
bad "a check without a reason" checks.csv 's/,open ledger entry$/,/' \
    "rules/checks.csv:3: a check without a reason"
bad "a check without a key" checks.csv \
    's/^Sales Header,open,Sell-to Customer No.|Bill-to Customer No.,/Sales Header,open,,/' \
    "rules/checks.csv:2: a check without a key"
bad "a check's where that does not parse" checks.csv 's/,Open=Yes,/,Open=(Yes,/' \
    "rules/checks.csv:3: where: column 'Open'"
bad "a check on a table the spec lacks" checks.csv 's/^NPR MM Membership,/NPR Membership,/' \
    "rules/checks.csv:6: table 'NPR Membership' is not in tables.csv"
bad "a check of an unknown kind" checks.csv \
    's/^Sales Header,open,/Sales Header,opn,/' "rules/checks.csv:2: kind 'opn': open or period"
bad "a period check without a date" checks.csv \
    's/,Posting Date,transaction after the cutoff$/,,transaction after the cutoff/' \
    "a period check without a date column"
bad "a check twice" checks.csv '3p' "rules/checks.csv:4: the check "
bad "no open-document check" checks.csv '/,open,/d' "no open-document check"
bad "types.csv naming a table the spec lacks" types.csv '2s/^Customer,/Kunde,/' \
    "rules/types.csv:2: Kunde: no such table"
bad "types.csv with an unknown type" types.csv '2s/,code$/,colour/' \
    "rules/types.csv:2: Customer: unknown type 'colour'"

# The sides of a document (a row of tables.csv each) may keep and scrub
# a column differently only when the sides that scrub it name it in
# their own columns, and no side that keeps it does: the leak check
# takes such a column for the scrubbing side's customer, and does not
# hold it to the keeping side's.
J='Posted Gen. Journal Line'
SIH='Sales Invoice Header'

# journal_split DIR RULE: a copy of the shipped spec in DIR whose
# journal line's balancing side has a rules file of its own, the shipped
# one with "?VAT Registration No.,RULE".
journal_split() {
	cp -R "$RULES" "$1"
	sed "s/^?VAT Registration No.,blank,,\$/?VAT Registration No.,$2/" \
	    "$1/$J.csv" >"$1/$J.balancing.csv"
	sed -i "s/^\($J,.*,Bal. Account No.,.*\),$J.csv,/\1,$J.balancing.csv,/" \
	    "$1/tables.csv"
}

tcase "the shipped spec: its documents' sides disagree on columns, each named as the scrubbing side's own"
ok "the sell-to side of an invoice keeps the VAT number" \
    grep -q '^?VAT Registration No.,keep,,$' "$RULES/$SIH.sell-to.csv"
ok "its bill-to side blanks it" \
    grep -q '^?VAT Registration No.,blank,,$' "$RULES/$SIH.bill-to.csv"
ok "and names it as its own" \
    grep -q "^$SIH,.*,$SIH.bill-to.csv,Bill-to \*|VAT Registration No.|" "$RULES/tables.csv"
run 0 jobspec --check --shipped "$RULES" "$RULES"
err_empty

tcase "journal sides whose files disagree on a column neither names as its own: refused, both files named"
journal_split rules 'keep,,'
ok "the balancing side has a file of its own" \
    grep -q "^$J,.*,Bal. Account No.,.*,$J.balancing.csv," rules/tables.csv
ok "which keeps the VAT number" \
    grep -q '^?VAT Registration No.,keep,,$' "rules/$J.balancing.csv"
run 2 jobspec rules
err_is <<END
jobspec: rules/tables.csv:79: $J: sides disagree on column 'VAT Registration No.' ($J.balancing.csv keeps it, $J.csv does not), and the side 'Account No.' does not name it in its own columns
jobspec: rules: the job spec has 1 error
END
out_is </dev/null
run 2 jobspec --check --shipped "$RULES" rules
err_has "$J: sides disagree on column 'VAT Registration No.'"

tcase "journal sides with files of their own that agree (both scrub, by other actions): sound"
journal_split rules 'replace,------,'
ok "the balancing side replaces the VAT number" \
    grep -q '^?VAT Registration No.,replace,------,$' "rules/$J.balancing.csv"
run 0 jobspec --shipped "$RULES" rules
err_empty
grep -P "^side\t$J\t" out >s
file_is s <<END
side	$J	Account No.	rules/$J.csv
side	$J	Bal. Account No.	rules/$J.balancing.csv
END

tcase "journal sides that disagree on a column the scrubbing side names as its own: sound"
journal_split rules 'keep,,'
sed -i "s/^\($J,.*,Account No.,.*,$J.csv,\),/\1VAT Registration No.,/" \
    rules/tables.csv
ok "the account side names it" \
    grep -q "^$J,.*,Account No.,.*,$J.csv,VAT Registration No.," rules/tables.csv
run 0 jobspec --shipped "$RULES" rules
err_empty

bad "a document's scrubbing side that no longer names a column as its own" \
    tables.csv "s/^\($SIH,.*,Bill-to \*\)|VAT Registration No.|/\1|/" \
    "jobspec: rules/tables.csv:18: $SIH: sides disagree on column 'VAT Registration No.' ($SIH.sell-to.csv keeps it, $SIH.bill-to.csv does not), and the side 'Bill-to Customer No.' does not name it in its own columns"
bad "a side that keeps a column it names as its own, the other scrubbing it" \
    tables.csv "s/,$SIH.sell-to.csv,Sell-to \*|Ship-to \*,/,$SIH.sell-to.csv,Sell-to *|Ship-to *|Bill-to Name,/" \
    "jobspec: rules/tables.csv:17: $SIH: sides disagree on column 'Bill-to Name' ($SIH.sell-to.csv keeps it, $SIH.bill-to.csv does not), and it is an own column of the side 'Sell-to Customer No.', which keeps it"
bad "own columns on a row without a rules file" tables.csv \
    's/^\(Sales Header,36,checked,Document Type|No.,,,,,,\)/\1Name/' \
    "rules/tables.csv:14: Sales Header: own columns, but no rules file"
bad "an own column with a '*' inside" tables.csv \
    "s/,Bill-to \*|VAT Registration No.|/,Bill*-to|VAT Registration No.|/" \
    "rules/tables.csv:18: $SIH: own columns: 'Bill*-to': a '*' only ends a prefix ('Bill-to *')"
bad "an own column '*' alone (every column)" tables.csv \
    "s/,Bill-to \*|VAT Registration No.|/,*|VAT Registration No.|/" \
    "rules/tables.csv:18: $SIH: own columns: '*': a '*' only ends a prefix"

tcase "sides whose '*' rules disagree: refused (the columns no rule names)"
cp -R "$RULES" rules
echo '*,keep,,' >>"rules/$SIH.sell-to.csv"
echo '*,blank,,' >>"rules/$SIH.bill-to.csv"
run 2 jobspec rules
err_has "jobspec: rules/tables.csv:18: $SIH: sides disagree on the columns no rule names ('*': $SIH.sell-to.csv keeps them, $SIH.bill-to.csv does not)"
out_is </dev/null

tcase "a spec copied before 'own columns' was added: refused, saying so"
cp -R "$RULES" rules
python3 - rules/tables.csv <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
i = rows[0].index("own columns")
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(r[:i] + r[i + 1:] for r in rows)
PY
ok "no column 'own columns'" sh -c '! head -1 rules/tables.csv | grep -q "own columns"'
run 2 jobspec rules
err_lacks "sides disagree on column"
err_has "jobspec: rules/tables.csv: no column 'own columns': the sides of its tables disagree on "
err_has " columns, and a spec copied before the column was added names no side's own (compare it with the shipped tables.csv)"
ok "two lines: that and the count" test "$(wc -l <err)" -le 2
out_is </dev/null

bad "a condition's column without a row in options.csv" options.csv \
    '/^Gen. Journal Line,Account Type,/d' \
    "jobspec: rules/checks.csv:4: Gen. Journal Line: where: column 'Account Type' has no row in options.csv"
bad "a link step's column without a row in options.csv" options.csv \
    '/^Contact,Type,/d' \
    "jobspec: rules/tables.csv:4: Contact: under where: column 'Type' has no row in options.csv" \
    "jobspec: rules/tables.csv:4: Contact: above known: column 'Type' has no row"
bad "the link table's shared where without a row in options.csv" options.csv \
    '/^Contact Business Relation,Link to Table,/d' \
    "jobspec: rules/tables.csv:3: Contact Business Relation: where: column 'Link to Table' has no row" \
    "jobspec: rules/tables.csv:4: Contact Business Relation: shared where: column 'Link to Table' has no row"
bad "an options row naming a table the spec lacks" options.csv \
    '$a Gen. Jnl. Line,Account Type,Customer' \
    "jobspec: rules/options.csv:18: Gen. Jnl. Line: no such table in tables.csv"
bad "an empty list of values" options.csv \
    's/^Contact,Type,.*/Contact,Type,/' \
    "jobspec: rules/options.csv:3: Contact: column 'Type': no values"
bad "an empty value in the list" options.csv \
    's/^Contact,Type,.*/Contact,Type,Company||Person/' \
    "rules/options.csv:3: Contact: column 'Type': an empty value (write '' for the blank option)"
bad "a column declared twice" options.csv \
    '$a Contact,Type,Company|Person' \
    "rules/options.csv:18: Contact: column 'Type' declared twice"
bad "an unknown type" options.csv \
    's/^Custom Report Selection,Source Type,.*/Custom Report Selection,Source Type,#int/' \
    "Custom Report Selection: column 'Source Type': '#int': no such type (#integer)"
bad "a condition's word that is not a declared value" checks.csv \
    's/,Account No.,Account Type=Customer,/,Account No.,Account Type=Debtor,/' \
    "jobspec: rules/checks.csv:4: Gen. Journal Line: where: column 'Account Type': 'Debtor' is not one of the values options.csv declares for it"
bad "a status spelt otherwise than BC's value (Canceled, BC writes Cancelled)" checks.csv \
    's/Status=<>Cancelled/Status=<>Canceled/' \
    "Service Contract Header: where: column 'Status': 'Canceled' is not one of the values"
bad "a link step's word that is not a declared value" tables.csv \
    's/^above known=Type=@Company$/above known=Type=@Firm/' \
    "Contact: above known: column 'Type': 'firm' is not one of the values"
bad "an #integer column compared with a number not written plainly" tables.csv \
    's/Source Type=18,/Source Type=18.0,/' \
    "Custom Report Selection: where: column 'Source Type': '18.0' is not one of the values"
