# Contacts as Business Central links them (the Contact row's link steps
# in pipelines/rules/tables.csv; pipelines/libexec/linkpairs): the
# contacts Contact Business Relation links to an anonymized customer, its
# Primary Contact No., and the persons whose Company No. is such a
# contact are scrubbed; a contact a relation also links to something live
# (a vendor, a customer this run leaves) is kept byte for byte, with the
# persons under it, and counted in the summary.  The fixture company has
# one of each (fixtures/README.md).  On SQLite and --dir; on PostgreSQL
# through job-pg-contacts.sh.
. "$TOP/tests/job-lib.sh"

RULES=$TOP/pipelines/rules
SCRUBBED='CT00010 CT00020 CT00021 CT00022 CT00060 CT00080'
KEPT='CT00110 CT00240 CT00241'

# contacts DB: the contacts of DB whose Name is the placeholder, one a line.
contacts() {
	job_sql "$1" "SELECT \"No.\" FROM \"Contact\" WHERE \"Name\" = '------' ORDER BY 1"
}

# rows DB NO...: the whole rows of contacts NO..., in No. order.
rows() {
	local db=$1 in=
	shift
	for n in "$@"; do
		in+="${in:+, }'$n'"
	done
	job_sql "$db" "SELECT * FROM \"Contact\" WHERE \"No.\" IN ($in) ORDER BY \"No.\""
}

# relate DB CONTACT CODE TABLE NO: add a Contact Business Relation row.
relate() {
	job_sql "$1" "INSERT INTO \"Contact Business Relation\"(\"Contact No.\", \"Business Relation Code\", \"Link to Table\", \"No.\") VALUES ('$2', '$3', '$4', '$5')"
}

tcase "$(job_label x): each kind of contact scrubbed, each shared one kept byte for byte and counted"
job_db co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
ok "11 anonymized" grep -qx 'anonymized: 11' out
ok "the summary counts the kept contacts" \
    grep -qx 'contacts kept, shared with a live relation: 3' out
contacts co.db >got
printf '%s\n' $SCRUBBED >want
# CT00010 CT00060 by a relation, CT00020 a company contact by a relation,
# CT00021 CT00022 persons under it, CT00080 as Primary Contact No. only.
ok "every kind scrubbed: relation, company, persons under it, primary contact" \
    cmp got want
job_sql co.db "SELECT \"Surname\", \"E-Mail\", \"Phone No.\", \"Company No.\" FROM \"Contact\" WHERE \"No.\" IN ('CT00021', 'CT00080') ORDER BY \"No.\"" >p
file_is p <<'EOF'
------|------@----||CT00020
------|------@----||
EOF
rows before.db $KEPT >want
rows co.db $KEPT >got
ok "the shared contacts and the person under one: byte for byte" cmp got want
ok "... which are whole rows" test "$(wc -l <got)" = 3
job_py changed before.db co.db >changed
job_expect_changes yes >want
ok "the rows changed are the fixture model's" cmp changed want

if [ "$JOB_BACKEND" != pg ]; then
tcase "--dir: the same contacts in the change file; a dry run counts them too"
cp -R "$FIX" exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
ok "the summary line" \
    grep -qx 'contacts kept, shared with a live relation: 3' out
csvget changes/Contact.csv No. | LC_ALL=C sort >got
printf '%s\n' $SCRUBBED >want
ok "the change file holds the scrubbed contacts only" cmp got want
run 0 "$PIPE/anonymize-customers" --dir exports --dry-run --user ADMIN \
    --now $NOW
ok "the dry run's summary line" \
    grep -qx 'contacts kept, shared with a live relation: 3' out
fi

tcase "$(job_label x): a contact shared by two anonymized customers is scrubbed; by one the cap leaves, kept (walk)"
job_db co.db
relate co.db CT00010 CUST2 Customer C00020
walk_index co.db
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
ok "still 3 kept" \
    grep -qx 'contacts kept, shared with a live relation: 3' out
ok "CT00010 scrubbed" grep -qx CT00010 <(contacts co.db)
job_cp before.db co.db
rm -f times
CUSTANON_TIMES=$PWD/times CUSTANON_WALK_CHUNK=1 run 0 \
    "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --no-of-customers 1
ok "the job walked" grep -q $'\texporting customers to check (chunk 1)\t' times
ok "1 anonymized" grep -qx 'anonymized: 1' out
ok "CT00010 kept: C00020 is live in this run" \
    grep -qx 'contacts kept, shared with a live relation: 1' out
rows before.db CT00010 >want
rows co.db CT00010 >got
ok "CT00010 byte for byte" cmp got want
ok "nothing else of contacts changed" test -z "$(contacts co.db)"

tcase "$(job_label x): a person under the customer's company contact with a vendor relation of its own is kept"
job_db co.db
relate co.db CT00022 VEND Vendor V0022
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
ok "4 kept" grep -qx 'contacts kept, shared with a live relation: 4' out
rows before.db CT00022 >want
rows co.db CT00022 >got
ok "CT00022 byte for byte" cmp got want
ok "CT00021, under the same company, scrubbed" \
    grep -qx CT00021 <(contacts co.db)

tcase "$(job_label x): a person under the company contact whose kept Surname holds the customer's contact is caught by the leak check"
job_db co.db
job_sql co.db "UPDATE \"Contact\" SET \"Surname\" = 'Ib Berg' WHERE \"No.\" = 'CT00022'"
job_cp co.db before.db
cp -R "$RULES" rules
sed -i 's/^?Surname,replace,------,$/?Surname,keep,,/' rules/Contact.csv
ok "the rule was changed" grep -qx '?Surname,keep,,' rules/Contact.csv
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "leakcheck: Contact: customer 'C00020': original value of column 'Contact' survives in column 'Surname'"
err_has "anonymize-customers: done in part: "
err_lacks "Ib Berg"
rows before.db CT00020 CT00021 CT00022 >want
rows co.db CT00020 CT00021 CT00022 >got
ok "C00020's contacts untouched" cmp got want
job_py log co.db | grep '^C00020' | cut -f 2,3 >l
ok "C00020 held back, Contact.Surname named" grep -q \
    '^Not anonymized	.*personal data would survive in Contact.Surname' l

if [ "$JOB_BACKEND" != pg ]; then
# SQLite only: PostgreSQL text holds no NUL byte.
tcase "--db: a NUL byte in a person under the company contact holds the customer back"
job_db co.db
job_sql co.db "UPDATE \"Contact\" SET \"Job Title\" = CAST(x'410042' AS TEXT) WHERE \"No.\" = 'CT00021'"
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
ok "10 anonymized" grep -qx 'anonymized: 10' out
ok "C00020 held back, the table and column named" \
    grep -qx '  a value the export cannot carry in Contact.Job Title: 1' out
ok "C00020 not anonymized" test -z "$(job_sql co.db "SELECT 1 FROM \"Customer\" WHERE \"No.\" = 'C00020' AND \"Anonymized Date\" = '$NOW'")"

tcase "--dir: a Customer export without the primary step's column stops the run at the gate (exit 1)"
cp -R "$FIX" exports
python3 - exports/Customer.csv <<'PY'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline="", encoding="utf-8")))
i = rows[0].index("Primary Contact No.")
with open(p, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(
        [r[:i] + r[i + 1:] for r in rows])
PY
run 1 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
err_is <<EOF
classify: exports/Customer.csv:1: missing column 'Primary Contact No.'
anonymize-customers: failed: nothing changed
EOF
ok "no change set" test ! -e changes

tcase "spec: link steps are checked, and a copied spec lacking one is refused"
cp -R "$RULES" rules
python3 - rules/tables.csv <<'PY'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline="", encoding="utf-8")))
h = rows[0]
for r in rows[1:]:
    if r[h.index("table")] == "Contact":
        r[h.index("steps")] = "primary=Primary Contact No.\nunder=Company No."
    if r[h.index("table")] == "Ship-to Address":
        r[h.index("steps")] = "keep shared"
    if r[h.index("table")] == "My Customer":
        r[h.index("steps")] = "sideways=No.\nunder where=Type"
with open(p, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
run 2 jobspec --shipped "$RULES" rules
err_has "Contact: it lacks the link step 'under where=Type=@Person'"
err_has "Contact: it lacks the link step 'under known=Type=@Person'"
err_has "Contact: it lacks the link step 'keep shared'"
err_has "Contact: it lacks the link step 'shared where=Link to Table=@Vendor|@Bank Account|@Employee'"
err_has "Ship-to Address: steps without a via table"
err_has "steps: 'sideways': no such step"
err_has "steps: under where: not COLUMN=FILTER"
# (The shipped steps as jobspec gives them: jobspec.sh.)

tcase "linkpairs: its options as the man page and README give them"
run 0 linkpairs --help
sed -n 's/^ *\(--[a-z-]*\).*/\1/p' out | sort -u >opts
ok "--help lists options" test "$(wc -l <opts)" -ge 10
while IFS= read -r o; do
	ok "the man page has $o" grep -qE -- "Fl ${o#-}( |\$)" \
	    "$TOP/pipelines/libexec/linkpairs.1"
done <opts
ok "pipelines/README.md describes it" grep -q 'linkpairs' \
    "$TOP/pipelines/README.md"
run 2 linkpairs --targets - --link l --rows r --link-key a \
    --link-customer b
err_has "linkpairs: the inputs are files, not standard input"
fi

# The cases below run on a copy of the fixture's exports, edited, both
# --db (or --pg) and, but on PostgreSQL, --dir: the two must agree.
# CBR: the Contact Business Relation export's file.
CBR='exports/Contact Business Relation.csv'

# exports: a fresh copy of the fixture's exports.
exports() {
	rm -rf exports changes
	cp -R "$FIX" exports
}

# setcol FILE KEY COLUMN VALUE: set COLUMN of FILE's row whose No. is KEY
# (COLUMN "-": drop the column from every row).
setcol() {
	python3 - "$@" <<'PY'
import csv, sys
p, key, col, val = sys.argv[1:5]
rows = list(csv.reader(open(p, newline="", encoding="utf-8")))
i = rows[0].index(col if key != "-" else val)
for r in rows[1:]:
    if key == "-":
        pass
    elif r[0] == key:
        r[i] = val
if key == "-":
    rows = [r[:i] + r[i + 1:] for r in rows]
with open(p, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
}

# both RC: run the job on exports --db (or --pg) and --dir, wanting exit
# status RC from each; the scrubbed contacts of each into db.got and
# dir.got, each's output into db.out and dir.out, stderr db.err dir.err.
# With RC other than 0, the database is compared with its copy before.
both() {
	job_db co.db exports
	job_py dump co.db >db.before
	run "$1" "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW
	cp out db.out
	cp err db.err
	contacts co.db >db.got
	if [ "$1" != 0 ]; then
		job_py dump co.db >db.after
		ok "$(job_label x): database untouched" cmp db.before db.after
	fi
	[ "$JOB_BACKEND" != pg ] || return 0
	run "$1" "$PIPE/anonymize-customers" --dir exports --out changes \
	    --user ADMIN --now $NOW
	cp out dir.out
	cp err dir.err
	if [ "$1" != 0 ]; then
		ok "--dir: no change set" test ! -e changes
		return
	fi
	csvget changes/Contact.csv No. | LC_ALL=C sort >dir.got
	ok "--dir: the same contacts scrubbed as $(job_label x)" \
	    cmp db.got dir.got
	ok "--dir: the same summary as $(job_label x)" cmp \
	    <(grep -v '^time taken' db.out) <(grep -v '^time taken' dir.out)
}

# kept N: both runs' summaries say N contacts kept.
kept() {
	local f
	for f in db.out dir.out; do
		[ -e "$f" ] || continue
		ok "$f: $1 kept" \
		    grep -qx "contacts kept, shared with a live relation: $1" "$f"
	done
}

# errs TEXT: both runs' stderr has TEXT.
errs() {
	local f
	for f in db.err dir.err; do
		[ -e "$f" ] || continue
		ok "$f has: $1" grep -qF -- "$1" "$f"
	done
}

# A relation linkpairs does not know stops the run (fail closed): before,
# it kept the anonymized customer's contact as "shared" byte for byte.
# Link to Table 1, an option's number (BC's ordinal), is refused as such,
# by the table (or file and line) and column.
for rel in 'JUNK,1,C00110' 'JUNK,Custard,C00110' 'VEND,Vendor,' \
    'CUST3,Customer,C00110 ' 'CUST3,Customer, C00110' 'BANK,Bank Account,  '; do
	tcase "$(job_label x): a relation '$rel' of a scrubbed contact stops the run, naming the contact or the column"
	exports
	rm -f db.out dir.out db.err dir.err
	printf 'CT00010,%s\n' "$rel" >>"$CBR"
	both 1
	case $rel in
	*,)	errs "contact CT00010: column 'No.' empty or with surrounding spaces in a relation" ;;
	*,1,*)	errs "an option's number, not its name, in column 'Link to Table'" ;;
	*,Customer,* | *,Bank\ Account,*)
		errs "contact CT00010: column 'No.': a key with surrounding spaces or lower case" ;;
	# Custard is none of the values options.csv declares: refused as
	# such, before linkpairs would ask whether it knows the relation.
	*,Custard,*)
		errs "not one of the options declared for column 'Link to Table'" ;;
	*)	errs "contact CT00010: a relation it does not know (column 'Link to Table')" ;;
	esac
	errs "anonymize-customers: failed: nothing changed"
	ok "no customer number of the relation named" \
	    eval '! grep -q C00110 db.err && ! grep -q C00110 dir.err 2>/dev/null'
done

# A Company No. names a company contact (K2, second hostile review):
# before, CT00010 under the person CT00110, whom a vendor shares, was
# kept as "under a shared company", byte for byte.
tcase "$(job_label x): a scrubbed contact's Company No. naming a shared person stops the run, naming that person"
exports
setcol exports/Contact.csv CT00010 'Company No.' CT00110
both 1
errs "contact CT00110: the 'Company No.' of a contact reached, with a value it does not allow there (column 'Type')"
errs "anonymize-customers: failed: nothing changed"

# A live customer's primary contact is a live relation (K5, second
# hostile review): before, C00010's contact CT00010 was scrubbed though
# the live C00910 names it as its Primary Contact No.; the fetch brings
# C00910 (Customer.related.csv) with that column.
tcase "$(job_label x): a contact a live customer names as its primary contact is kept and counted"
exports
setcol exports/Customer.csv C00910 'Primary Contact No.' CT00010
both 0
ok "$(job_label x): CT00010 kept" sh -c '! grep -qx CT00010 db.got'
ok "$(job_label x): counted" \
    grep -qx 'contacts kept, shared with a live relation: 4' db.out
job_db before.db exports
rows before.db CT00010 >want
rows co.db CT00010 >got
ok "CT00010 byte for byte" cmp got want

# A contact under another is a person (K3, second hostile review):
# before, a company contact whose Company No. named the customer's
# company contact was neither scrubbed nor refused.
tcase "$(job_label x): a company contact under the customer's company contact stops the run, naming it"
exports
setcol exports/Contact.csv CT00110 Type Company
setcol exports/Contact.csv CT00110 'Company No.' CT00020
both 1
errs "contact CT00110: under another, a value it does not allow (column 'Type')"
errs "anonymize-customers: failed: nothing changed"

# A relation's key is its own (K6, second hostile review).
tcase "$(job_label x): a relation key twice stops the run, naming the contact"
exports
printf 'CT00010,CUST,Customer,C00010\n' >>"$CBR"
both 1
errs "contact CT00010: a relation whose key (Contact No.|Business Relation Code) another row has too"
errs "anonymize-customers: failed: nothing changed"

# Keys as BC stores them (K4, second hostile review): before, a
# lower-case Company No. reached nothing, and the fetch did not even bring
# the row, so the person under the customer's company contact kept its
# data; a lower-case relation No. or Primary Contact No. likewise.
# lower FILE KEY COLUMN VALUE WHO: a lower-case COLUMN of FILE's row KEY
# stops the run, naming WHO (the row's contact or customer), not VALUE.
lower() {
	tcase "$(job_label x): a lower-case $3 in $1 stops the run, naming $5"
	exports
	setcol "exports/$1" "$2" "$3" "$4"
	both 1
	errs "$5: column '$3': a key with surrounding spaces or lower case"
	errs "anonymize-customers: failed: nothing changed"
}
lower Contact.csv CT00021 'Company No.' ct00020 'contact CT00021'
lower Customer.csv C00910 'Primary Contact No.' ct00010 'customer C00910'
# With a rollback journal the keys are probed beside the fetch, which
# runs again with them only when the probe finds one (the cases above);
# in WAL mode, no second client: the fetch's own conditions bring them.
if [ "$JOB_BACKEND" != pg ]; then
	tcase "a WAL database: a lower-case Company No. stops the run too, naming the contact"
	exports
	setcol exports/Contact.csv CT00021 'Company No.' ct00020
	job_db co.db exports
	job_sql co.db "PRAGMA journal_mode = WAL" >mode
	file_is mode <<'EOF'
wal
EOF
	job_py dump co.db >db.before
	run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
	err_has "contact CT00021: column 'Company No.': a key with surrounding spaces or lower case"
	job_py dump co.db >db.after
	ok "database untouched" cmp db.before db.after
fi

tcase "$(job_label x): a lower-case relation No. stops the run, naming the contact"
exports
printf 'CT00022,CUST9,Customer,c00010\n' >>"$CBR"
both 1
errs "contact CT00022: column 'No.': a key with surrounding spaces or lower case"

tcase "$(job_label x): relations as BC writes them: any case and spaces in Link to Table; a dangling customer and a blank relation keep nothing"
exports
rm -f db.out dir.out
cat >>"$CBR" <<'X'
CT00010,CUST3,customer,C00180
CT00060,CUST3,Customer,C99999
CT00060,PRESS,,
CT00080,BANK, bank account ,BA0001
CT00021,EMPL,EMPLOYEE,E0001
X
both 0
printf '%s\n' CT00020 CT00022 CT00060 >want
ok "CT00010, CT00080, CT00021 kept; CT00060 scrubbed" cmp db.got want
kept 6

tcase "$(job_label x): Type as BC exports it: any case, surrounding spaces"
exports
rm -f db.out dir.out
setcol exports/Contact.csv CT00021 Type ' person '
setcol exports/Contact.csv CT00022 Type 'PERSON'
both 0
printf '%s\n' $SCRUBBED >want
ok "the persons under the company contact scrubbed" cmp db.got want
kept 3

tcase "$(job_label x): a Type neither Person nor Company under a reached contact stops the run"
exports
rm -f db.out dir.out db.err dir.err
setcol exports/Contact.csv CT00021 Type 'Persona'
both 1
# Persona is none of the values options.csv declares for Type.
errs "not one of the options declared for column 'Type'"

tcase "$(job_label x): a primary contact under a live customer's company contact is kept and counted"
exports
rm -f db.out dir.out
# CT09100: C00900's company contact (C00900 is not anonymized).
setcol exports/Contact.csv CT00080 'Company No.' CT09100
both 0
printf '%s\n' CT00010 CT00020 CT00021 CT00022 CT00060 >want
ok "CT00080 kept" cmp db.got want
kept 4

for col in Type 'Company No.'; do
	tcase "$(job_label x): a Contact export without '$col', a column the link steps need, stops the run at the gate (exit 1)"
	exports
	rm -f db.out dir.out db.err dir.err
	setcol exports/Contact.csv - - "$col"
	both 1
	errs "missing column '$col'"
done

# A customer anonymized by an earlier run is no live relation (the
# second hostile review, K1): C00150, anonymized in 2024, keeps nothing.
tcase "$(job_label x): a relation to a customer anonymized already keeps nothing"
exports
rm -f db.out dir.out
cat >>"$CBR" <<'X'
CT00010,CUST2,Customer,C00150
X
both 0
printf '%s\n' $SCRUBBED >want
ok "CT00010 scrubbed" cmp db.got want
kept 3

tcase "$(job_label x): a contact two customers share is scrubbed when the second is anonymized in a later run"
job_db co.db
relate co.db CT00010 CUST2 Customer C00020
job_cp co.db before.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --no-of-customers 1
ok "1 anonymized" grep -qx 'anonymized: 1' out
ok "CT00010 kept: C00020 is live in the first run" \
    grep -qx 'contacts kept, shared with a live relation: 1' out
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
ok "CT00010 scrubbed by the second run: C00010 is anonymized already" \
    grep -qx CT00010 <(contacts co.db)
