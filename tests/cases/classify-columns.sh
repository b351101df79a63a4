# classify-columns: the columns no rule covers, as rules lines to paste
# with a suggested action; exit 0 when every column has a rule, 2 when
# not, 1 on a data error.  The --db cases run against PostgreSQL too
# (classify-columns-pg.sh sets JOB_BACKEND=pg); the --dir cases only here;
# the program classify itself: classify.sh.
. "$TOP/tests/job-lib.sh"

RULES=$TOP/pipelines/rules
CC=$TOP/pipelines/classify-columns
ALL='^classify-columns: all [0-9]+ columns of [0-9]+ tables have a rule( \([0-9]+ tables of the spec not in the company\))?'

# addcol FILE COLUMN KIND: append column COLUMN to the export FILE, its
# values by KIND, and write to FILE.count "ROWS FILLED NAMES": the rows,
# the non-empty values, and those equal to the row's Name (as compared:
# case and spaces aside; a Name without a letter or digit is none).
#   email       rows 1, 3, ...: free text holding an e-mail address
#   nick        rows 1, 4, ...: the row's Name upper-cased, spaces
#               doubled; the others a nickname no customer has
#   late-email  empty in row 1, an e-mail address in the others
#   name        the row's Bill-to Name
addcol() {
	python3 - "$@" <<'PY'
import csv, re, sys
path, col, kind = sys.argv[1:]
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
h = rows[0]
filled = names = 0
for i, r in enumerate(rows[1:]):
    v = ""
    if kind == "email" and i % 2 == 0:
        v = "write to person%d@example.org please" % i
    elif kind == "nick":
        name = r[h.index("Name")]
        if i % 3 == 0:
            v = name.upper().replace(" ", "  ")
            names += bool(re.search(r"[0-9A-Za-z\u0080-\U0010ffff]", name))
        else:
            v = "Nick%d" % i
    elif kind == "late-email" and i > 0:
        v = "person%d@example.org" % i
    elif kind == "name":
        v = r[h.index("Bill-to Name")]
    r.append(v)
    filled += v.strip() != ""
h.append(col)
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
open(path + ".count", "w").write("%d %d %d\n" % (len(rows) - 1, filled, names))
PY
}

# paste_rules OUT DIR: what classify-columns wrote to standard output
# (OUT) pasted into the rules folder DIR: the lines under "# FILE" at the
# end of DIR/FILE.
paste_rules() {
	local l f=
	while IFS= read -r l; do
		case $l in
		'# '*) f=$2/${l#'# '} ;;
		*) printf '%s\n' "$l" >>"$f" ;;
		esac
	done <"$1"
}

# census DIR: "COLUMNS TABLES ABSENT" of the exports in DIR: the columns
# of the tables with a rules file in the shipped spec (jobspec's side
# lines) that DIR holds, those tables, and those it lacks.
census() {
	local t f n=0 nt=0 na=0 c
	while IFS= read -r t; do
		f=${t//%/%25}
		f=$1/${f//\//%2F}.csv
		if ! [ -f "$f" ]; then
			na=$((na + 1))
			continue
		fi
		c=$(csvget --header "$f" | wc -l)
		n=$((n + c))
		nt=$((nt + 1))
	done < <(jobspec "$RULES" | awk -F '\t' '$1 == "side" { print $2 }' |
	    uniq)
	echo "$n $nt $na"
}

# state DIR: every file of DIR with its size, mode and checksum.
state() {
	(cd "$1" && find . -printf '%p %s %m\n' | sort &&
	    find . -type f -exec md5sum {} + | sort)
}

# The fixture company with the extra columns Note (e-mail addresses) and
# Customer Nickname (some customers' names) on Customer.
extra() {
	cp -R "$FIX" "$1"
	addcol "$1/Customer.csv" Note email
	cp "$1/Customer.csv.count" note.count
	addcol "$1/Customer.csv" 'Customer Nickname' nick
	cp "$1/Customer.csv.count" nick.count
	rm -f "$1"/*.count
}

if [ "$JOB_BACKEND" = sqlite ]; then

tcase "--dir: the fixture company is fully classified"
cp -R "$FIX" exports
state exports >before
run 0 "$CC" --dir exports
out_is </dev/null
ok "one line on standard error" test "$(wc -l <err)" = 1
ok "it says all columns have a rule" grep -Eqx "$ALL" err
read -r n nt na < <(census exports)
ok "every column of every table with rules counted" grep -q \
    "all $n columns of $nt tables have a rule" err
ok "the export folder unchanged" cmp -s before <(state exports)
ok "no work folder left" job_nowork

tcase "--dir: Note (e-mail addresses) and Customer Nickname (names): exit 2, their lines"
extra exports
read -r rows filled _ <note.count
read -r _ nfill names <nick.count
state exports >before
run 2 "$CC" --dir exports
out_is <<'EOF'
# Customer.csv
?Note,redact-pii,,
?Customer Nickname,replace,------,
EOF
err_has "# Customer.csv: ?Note: redact-pii: its values hold personal data, though no naming rule matches its name; values: $filled non-empty in $rows rows: $filled e-mail, 0 phone, 0 IBAN, 0 other identifier, 0 a customer's name"
err_has "# Customer.csv: ?Customer Nickname: replace ------: its name says a name (it ends in \"name\"); values: $nfill non-empty in $rows rows: 0 e-mail, 0 phone, 0 IBAN, 0 other identifier, $names a customer's name"
err_has "classify-columns: 2 columns of 1 table without a rule: the lines under each \"# FILE\" on standard output go into that file"
ok "names were found" test "$names" -gt 5
ok "the export folder unchanged" cmp -s before <(state exports)
# No value of the new columns, nor any Name, in what it printed.
python3 - exports/Customer.csv >values <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        for c in ("Note", "Customer Nickname", "Name", "E-Mail"):
            for v in (r[c], r[c].upper().replace(" ", "  ")):
                if len(v.strip()) >= 4 and any(ch.isalnum() for ch in v):
                    print(v)
PY
ok "values to look for" test "$(wc -l <values)" -gt 60
ok "no value in standard output or standard error" \
    sh -c '! grep -F -f values out err'

tcase "--dir: the lines pasted into a copy of the rules make the job run"
extra exports
cp -R "$RULES" rules
run 2 "$PIPE/anonymize-customers" --dir exports --out c0 --user ADMIN \
    --now $NOW --rules rules
err_has "no rule for column 'Note'"
run 2 "$CC" --dir exports --rules rules
cp out todo
paste_rules todo rules
run 0 "$CC" --dir exports --rules rules
ok "now all have a rule" grep -Eqx "$ALL" err
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules
ok "11 anonymized" grep -qx 'anonymized: 11' out
python3 - changes/Customer.csv >verdict <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
print("nicknames", "replaced" if all(r["Customer Nickname"] == "------"
                                     for r in rows) else "left")
print("notes", "redacted" if all("@" not in r["Note"] for r in rows)
      else "left")
PY
file_is verdict <<'EOF'
nicknames replaced
notes redacted
EOF

tcase "--dir: each side of a document its own rules file and suggestion"
cp -R "$FIX" exports
addcol "exports/Sales Invoice Header.csv" 'Bill-to Name 3' name
addcol "exports/Sales Invoice Header.csv" 'Courier Tip Amount' empty
rm -f exports/*.count
run 2 "$CC" --dir exports
out_is <<'EOF'
# Sales Invoice Header.sell-to.csv
?Bill-to Name 3,keep,,
?Courier Tip Amount,keep,,
# Sales Invoice Header.bill-to.csv
?Bill-to Name 3,replace,------,
?Courier Tip Amount,keep,,
EOF
err_has '# Sales Invoice Header.sell-to.csv: ?Bill-to Name 3: keep: the other columns starting "Bill-to" that hold personal data are kept in this file (another party'
err_has "# Sales Invoice Header.bill-to.csv: ?Bill-to Name 3: replace ------: its name says a name"
err_has '?Courier Tip Amount: keep: its name says an amount (it ends in "Amount")'
err_has "classify-columns: 2 columns of 1 table without a rule: the lines under each \"# FILE\" on standard output go into that file"

tcase "--dir: a rules file two sides share is listed once"
cp -R "$FIX" exports
printf 'Journal Template Name,Journal Batch Name,Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,Courier Tip Amount\nGENERAL,DEFAULT,10000,Customer,C00080,G/L Account,2910,5\n' \
    >"exports/Posted Gen. Journal Line.csv"
run 2 "$CC" --dir exports
out_is <<'EOF'
# Posted Gen. Journal Line.csv
?Courier Tip Amount,keep,,
EOF
ok "one suggestion" test "$(grep -c 'Courier Tip Amount' err)" = 1
err_has "classify-columns: 1 column of 1 table without a rule"

tcase "--dir: a missing table is skipped"
cp -R "$FIX" exports
rm "exports/Issued Reminder Header.csv" "exports/Sales Shipment Header.csv"
run 0 "$CC" --dir exports
out_is </dev/null
read -r n nt na < <(census exports)
err_is <<EOF
classify-columns: all $n columns of $nt tables have a rule ($na tables of the spec not in the company)
EOF
ok "the two counted" test "$na" -ge 2
addcol exports/Contact.csv Mood empty
run 2 "$CC" --dir exports
out_is <<'EOF'
# Contact.csv
?Mood,keep,,
EOF
err_has "?Mood: keep: no naming rule matches its name, and no value looks personal; values: 0 non-empty"

tcase "--dir: a table whose name holds a / is found as %2F, a % as %25"
cp -R "$FIX" exports
cp -R "$RULES" rules
printf '%s\n' 'Loyalty/Member Card,,scrubbed,Entry No.,Source No.,Source Type=Customer,,,Loyalty-Member Card.csv,,,entries naming the customer,,' \
    '5% Note,,scrubbed,Entry No.,Customer No.,,,,Five Note.csv,,,a table named with a %,,' \
    >>rules/tables.csv
printf '%s\n' "Loyalty/Member Card,Source Type,''|Customer|Vendor" >>rules/options.csv
printf '%s\n' 'column,action,argument,replacement' 'Entry No.,keep,,' \
    'Source Type,keep,,' 'Source No.,keep,,' 'Description,redact-pii,,' \
    >"rules/Loyalty-Member Card.csv"
printf '%s\n' 'column,action,argument,replacement' 'Entry No.,keep,,' \
    'Customer No.,keep,,' >"rules/Five Note.csv"
printf '%s\n' 'Entry No.,Source Type,Source No.,Description,Amount,Note' \
    '1,Customer,C00010,Invoice,100,' >"exports/Loyalty%2FMember Card.csv"
printf '%s\n' 'Entry No.,Customer No.,Text' '1,C00010,' >"exports/5%25 Note.csv"
run 2 "$CC" --dir exports --rules rules
out_is <<'EOF'
# Loyalty-Member Card.csv
?Amount,keep,,
?Note,keep,,
# Five Note.csv
?Text,keep,,
EOF
printf '%s\n' 'Entry No.,Source Type,Source No.,Description' \
    >"exports/Loyalty%2FMember Card.csv"
run 2 "$CC" --dir exports --rules rules
out_is <<'EOF'
# Five Note.csv
?Text,keep,,
EOF

tcase "--dir: --sample bounds the rows whose values are scanned"
cp -R "$FIX" exports
addcol "exports/Cust. Ledger Entry.csv" Note late-email
read -r rows filled _ <"exports/Cust. Ledger Entry.csv.count"
rm -f exports/*.count
run 2 "$CC" --dir exports --sample 1
out_is <<'EOF'
# Cust. Ledger Entry.csv
?Note,keep,,
EOF
err_has "values: 0 non-empty in 1 row: 0 e-mail"
run 2 "$CC" --dir exports --sample 0
out_is <<'EOF'
# Cust. Ledger Entry.csv
?Note,redact-pii,,
EOF
err_has "values: $filled non-empty in $rows rows: $filled e-mail"
run 2 "$CC" --dir exports
err_has "values: $filled non-empty in $rows rows: $filled e-mail"

tcase "--dir: a data error exits 1, nothing on standard output"
cp -R "$FIX" exports
: >exports/Contact.csv
run 1 "$CC" --dir exports
out_is </dev/null
err_has "Contact.csv"
cp -R "$FIX" e2
printf '"Customer No.,Code\n' >"e2/Ship-to Address.csv"
run 1 "$CC" --dir e2
out_is </dev/null
cp -R "$FIX" e3
mv e3/Contact.csv e3/contact.csv
run 1 "$CC" --dir e3
err_has "Contact: no export 'Contact.csv', but 'contact.csv' (names are exact)"
cp -R "$FIX" e4
rm e4/Customer.csv
run 1 "$CC" --dir e4
err_has "no Customer.csv"
run 1 "$CC" --dir nosuch
err_has "nosuch: no such folder"

tcase "usage and configuration errors exit 2 with nothing on standard output"
run 2 "$CC"
out_is </dev/null
err_has "--db, --pg or --dir is required"
run 2 "$CC" --dir "$FIX" --db x.db
out_is </dev/null
run 2 "$CC" --dir "$FIX" --sample ten
out_is </dev/null
err_has "--sample takes a whole number"
run 2 "$CC" --dir "$FIX" --rules nosuch
out_is </dev/null
cp -R "$RULES" bad
printf 'Nowhere,1,scrubbed,No.,No.,,,,Nowhere.csv,,,,,\n' >>bad/tables.csv
run 2 "$CC" --dir "$FIX" --rules bad
out_is </dev/null
run 0 "$CC" --help
ok "usage on standard output" grep -q '^usage: classify-columns' out

tcase "classify-columns names no table of the spec but Customer (job-spec.sh's rule)"
python3 - "$RULES/tables.csv" "$CC" <<'PY' >found
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    names = {r["table"] for r in csv.DictReader(f)} - {"Customer"}
for i, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    if not line.lstrip().startswith("#"):
        for n in sorted(names):
            if n in line:
                print("%d: %s" % (i, n))
PY
file_is found </dev/null

fi

tcase "$JOB_BACKEND: the fixture company is fully classified; nothing written"
job_db co.db
job_py rows co.db >before
[ "$JOB_BACKEND" = pg ] || md5sum co.db >before.sum
run 0 "$CC" $(job_at co.db)
out_is </dev/null
ok "one line on standard error" test "$(wc -l <err)" = 1
read -r n nt na < <(census "$FIX")
ok "all have a rule" grep -q "all $n columns of $nt tables have a rule" err
job_py rows co.db >after
ok "the database unchanged" cmp -s before after
[ "$JOB_BACKEND" = pg ] || ok "the file unchanged" md5sum -c --quiet before.sum
ok "nothing beside the database" test -z "$(ls -A | grep '^co\.db.')"
ok "no work folder left" job_nowork

tcase "$JOB_BACKEND: Note and Customer Nickname: their lines, exit 2; pasted, the job runs"
extra exports
read -r rows filled _ <note.count
read -r _ nfill names <nick.count
job_db co.db exports
job_py rows co.db >before
run 2 "$CC" $(job_at co.db)
out_is <<'EOF'
# Customer.csv
?Note,redact-pii,,
?Customer Nickname,replace,------,
EOF
err_has "?Note: redact-pii: its values hold personal data, though no naming rule matches its name; values: $filled non-empty in $rows rows: $filled e-mail"
err_has "?Customer Nickname: replace ------: its name says a name (it ends in \"name\"); values: $nfill non-empty in $rows rows: 0 e-mail, 0 phone, 0 IBAN, 0 other identifier, $names a customer's name"
job_py rows co.db >after
ok "the database unchanged" cmp -s before after
cp out todo
cp -R "$RULES" rules
paste_rules todo rules
run 0 "$CC" $(job_at co.db) --rules rules --sample 5
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --rules rules \
    --user ADMIN --now $NOW
ok "11 anonymized" grep -qx 'anonymized: 11' out
ok "their nicknames replaced" test "$(job_sql co.db "SELECT count(*) FROM \"Customer\" WHERE \"Anonymized Date\" LIKE '2026-11-29%' AND \"Customer Nickname\" = '------'")" = 11

tcase "$JOB_BACKEND: a missing table is skipped, a table named with a / found"
cp -R "$FIX" exports
rm "exports/Issued Reminder Header.csv"
printf '%s\n' 'Entry No.,Source Type,Source No.,Description,Note' \
    '1,Customer,C00010,Invoice,' >"exports/Loyalty Member Card.csv"
job_db co.db exports
job_sql co.db 'ALTER TABLE "Loyalty Member Card" RENAME TO "Loyalty/Member Card"'
run 0 "$CC" $(job_at co.db)
read -r n nt na < <(census exports)
err_has "all $n columns of $nt tables have a rule ($na table"
cp -R "$RULES" rules
printf '%s\n' 'Loyalty/Member Card,,scrubbed,Entry No.,Source No.,Source Type=Customer,,,Loyalty-Member Card.csv,,,entries naming the customer,,' \
    >>rules/tables.csv
printf '%s\n' "Loyalty/Member Card,Source Type,''|Customer|Vendor" >>rules/options.csv
printf '%s\n' 'column,action,argument,replacement' 'Entry No.,keep,,' \
    'Source Type,keep,,' 'Source No.,keep,,' 'Description,redact-pii,,' \
    >"rules/Loyalty-Member Card.csv"
run 2 "$CC" $(job_at co.db) --rules rules
out_is <<'EOF'
# Loyalty-Member Card.csv
?Note,keep,,
EOF

tcase "$JOB_BACKEND: no such database: a data error"
if [ "$JOB_BACKEND" = pg ]; then
	run 1 "$CC" --pg "dbname=${JOB_PGPFX}nosuch"
	err_has "cannot connect"
else
	run 1 "$CC" --db nosuch.db
	err_has "nosuch.db: no such database"
	ok "not created" test ! -e nosuch.db
fi
out_is </dev/null

if [ "$JOB_BACKEND" = pg ]; then
	tcase "--pg needs no sqlite3"
	mkdir -p nosql
	printf '#!/bin/sh\ntouch "%s/called"\nexit 127\n' "$PWD" >nosql/sqlite3
	chmod +x nosql/sqlite3
	extra exports
	job_db co.db exports
	run 2 env PATH="$PWD/nosql:$PATH" "$CC" $(job_at co.db)
	ok "its lines" grep -qx '?Note,redact-pii,,' out
	ok "sqlite3 never called" test ! -e called
fi

if [ "$JOB_BACKEND" = sqlite ] && [ "$FLAVOUR" = rel ]; then
	tcase "make install: classify-columns on the PATH, its man page, classify in libexec"
	run 0 make -s -C "$TOP" install PREFIX="$PWD/inst"
	ok "installed" test -x inst/bin/classify-columns
	ok "its man page" test -f inst/share/man/man1/classify-columns.1
	ok "classify off the PATH" test -x inst/lib/custanon/libexec/classify
	ok "classify's man page beside it" test -f inst/lib/custanon/man/man1/classify.1
	extra exports
	run 2 env -u CUSTANON_BIN PATH=/usr/bin:/bin inst/bin/classify-columns \
	    --dir exports
	ok "the installed one runs" grep -qx '?Note,redact-pii,,' out
fi
