# Posted Gen. Journal Line names a customer on two sides, each under a
# condition of its own: the account (Account Type = Customer) and the
# balancing account (Bal. Account Type = Customer).  A line is scrubbed
# for an anonymized customer on either side; a G/L account or a vendor
# numbered like an anonymized customer is nobody's; the leak check holds
# each side to its condition; a copied spec without the balancing side is
# refused.
. "$TOP/tests/job-lib.sh"

RULES=$TOP/pipelines/rules
T='Posted Gen. Journal Line'

# journal EXPORTS: the fixture company in EXPORTS with posted journal
# lines.  C00080 (Peter Sand) is anonymized, C00040 (Henrik Dalgaard)
# is live.
journal() {
	cp -R "$FIX" "$1"
	cat >"$1/$T.csv" <<'EOF'
Journal Template Name,Journal Batch Name,Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.,Description,VAT Registration No.,Country/Region Code,Comment,Amount
GENERAL,DEFAULT,10000,Customer,C00080,G/L Account,2910,Payment Peter Sand,DK11111111,DK,call +45 99 99 00 80,100
GENERAL,DEFAULT,20000,G/L Account,6100,Customer,C00080,Refund Peter Sand,DK22222222,DK,call +45 99 99 00 80,-50
GENERAL,DEFAULT,30000,G/L Account,C00080,Bank Account,B1,Transfer Sand Street,DK33333333,DK,a G/L account numbered like him,10
GENERAL,DEFAULT,40000,Customer,C00040,G/L Account,C00080,Payment Henrik Dalgaard,DK44444444,DK,Henrik's own line,20
GENERAL,DEFAULT,50000,Customer,C00040,Customer,C00080,Settle Henrik Dalgaard with Peter Sand,DK55555555,DK,both customers,30
GENERAL,DEFAULT,60000,Vendor,C00080,Customer,C00080,Vendor Peter Sand pays,DK66666666,DK,a vendor numbered like him,40
GENERAL,DEFAULT,70000,Vendor,C00080,G/L Account,C00080,Vendor Sand Street,DK77777777,DK,nobody's,50
EOF
}

# verdict ORIG CHANGED: the lines the change file holds (Line No.), and
# what became of their personal columns.
verdict() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
def rows(p):
    with open(p, newline="", encoding="utf-8") as f:
        return {r["Line No."]: r for r in csv.DictReader(f)}
orig, ch = rows(sys.argv[1]), rows(sys.argv[2])
print("lines", " ".join(sorted(ch)))
for n, r in sorted(ch.items()):
    o = orig[n]
    same = [c for c in r if r[c] == o[c]]
    print(n, "vat", "blank" if r["VAT Registration No."] == "" else "kept",
          "name", "gone" if "Peter" not in r["Description"] else "left",
          "phone", "gone" if "99 99" not in r["Comment"] else "left",
          "keys", "same" if all(r[c] == o[c] for c in
                                ("Account No.", "Bal. Account No.",
                                 "Account Type", "Bal. Account Type",
                                 "Amount")) else "changed")
PY
}

tcase "either side of a journal line names the customer, under its own type (--dir)"
journal exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
verdict "exports/$T.csv" "changes/$T.csv" >got
file_is got <<'EOF'
lines 10000 20000 50000 60000
10000 vat blank name gone phone gone keys same
20000 vat blank name gone phone gone keys same
50000 vat blank name gone phone gone keys same
60000 vat blank name gone phone gone keys same
EOF
run 0 "$PIPE/anonymize-customers" --dir "$FIX" --out base --user ADMIN \
    --now $NOW
ok "every other change file is the fixture's" diff -r -x "$T.csv" base changes

tcase "the same lines with --db, the others left byte for byte"
journal exports
job_db co.db exports
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
job_sql co.db >after.txt <<EOF
SELECT "Line No.", "VAT Registration No.", "Description", "Comment"
FROM "$T" ORDER BY "Line No.";
EOF
file_is after.txt <<'EOF'
10000||Payment [REDACTED]|call [PHONE]
20000||Refund [REDACTED]|call [PHONE]
30000|DK33333333|Transfer Sand Street|a G/L account numbered like him
40000|DK44444444|Payment Henrik Dalgaard|Henrik's own line
50000||Settle Henrik Dalgaard with [REDACTED]|both customers
60000||Vendor [REDACTED] pays|a vendor numbered like him
70000|DK77777777|Vendor Sand Street|nobody's
EOF

tcase "a rules file that keeps the journal line's text: its customer is held back"
journal exports
cp -R "$RULES" rules
sed -i 's/^?Description,redact-pii,,$/?Description,keep,,/' "rules/$T.csv"
ok "the rule changed" grep -q '^?Description,keep,,$' "rules/$T.csv"
job_db co.db exports
job_sql co.db >before.txt <<EOF
SELECT * FROM "$T" ORDER BY "Line No.";
SELECT "Name", "Anonymized" FROM "Customer" WHERE "No." = 'C00080';
EOF
run 4 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "customer 'C00080': original value of column 'Name' survives in column 'Description'"
err_has "done in part: 1 customer held back, personal data would survive"
job_sql co.db >after.txt <<EOF
SELECT * FROM "$T" ORDER BY "Line No.";
SELECT "Name", "Anonymized" FROM "Customer" WHERE "No." = 'C00080';
EOF
ok "his journal lines and his card as they were" cmp -s before.txt after.txt
ok "his name still there" grep -q '^Peter Sand|No$' after.txt

tcase "a copied spec without the balancing side is refused"
cp -R "$RULES" rules
grep -v '^Posted Gen. Journal Line,.*,Bal. Account No.,' "$RULES/tables.csv" \
    >rules/tables.csv
ok "the row is gone" test "$(grep -c "^$T," rules/tables.csv)" = 1
run 2 "$PIPE/anonymize-customers" --dir "$FIX" --out changes --user ADMIN \
    --now $NOW --rules rules
err_has "it lacks the side 'Bal. Account No.' of Posted Gen. Journal Line"
ok "nothing written" test ! -e changes/Customer.csv

# his_vat EXPORTS: C00080's card gets a VAT number, and so does line
# 50000, whose account is Henrik (live) and whose balancing account is
# C00080.
his_vat() {
	python3 - "$1/Customer.csv" <<'PY'
import csv, sys
p = sys.argv[1]
with open(p, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
i = rows[0].index("VAT Registration No.")
for r in rows[1:]:
    if r[0] == "C00080":
        r[i] = "DK80808080"
with open(p, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
	sed -i 's/^\(GENERAL,DEFAULT,50000,.*\),DK55555555,/\1,DK80808080,/' \
	    "$1/$T.csv"
}

# split_rules DIR RULE: a copy of the shipped spec in DIR whose balancing
# side of the journal line has a rules file of its own: the shipped one
# with the rule of VAT Registration No. made "?VAT Registration No.,RULE".
split_rules() {
	cp -R "$RULES" "$1"
	sed "s/^?VAT Registration No.,blank,,\$/?VAT Registration No.,$2/" \
	    "$1/$T.csv" >"$1/$T.balancing.csv"
	sed -i "s/^\($T,.*,Bal. Account No.,.*\),$T.csv,/\1,$T.balancing.csv,/" \
	    "$1/tables.csv"
}

# The sides' files disagree on a column that neither names as its own:
# the leak check would take the VAT number kept by the balancing side
# for the account's (Henrik's), and let C00080's through.
DISAGREE="$T: sides disagree on column 'VAT Registration No.' ($T.balancing.csv keeps it, $T.csv does not)"

tcase "journal sides whose rules files disagree on the VAT number are refused (--dir), nothing written"
journal exports
his_vat exports
ok "his VAT number on his card and on line 50000" \
    test "$(cat exports/Customer.csv "exports/$T.csv" | grep -c DK80808080)" = 2
split_rules rules 'keep,,'
ok "the balancing side has its own file" \
    grep -q "^$T,.*,Bal. Account No.,.*,$T.balancing.csv," rules/tables.csv
ok "which keeps the VAT number" \
    grep -q '^?VAT Registration No.,keep,,$' "rules/$T.balancing.csv"
run 2 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules
err_has "$DISAGREE"
err_lacks "DK80808080"
ok "nothing written" test ! -e changes
run 2 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules --yes C00080
err_has "$DISAGREE"
ok "nothing written" test ! -e changes

tcase "journal sides whose rules files disagree on the VAT number are refused (--db), nothing changed"
journal exports
his_vat exports
split_rules rules 'keep,,'
job_db co.db exports
job_py dump co.db >before
run 2 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
err_has "$DISAGREE"
err_lacks "DK80808080"
job_py dump co.db >after
ok "the database unchanged" cmp -s before after

tcase "journal sides with files of their own that agree (both scrub the VAT number) still run"
journal exports
his_vat exports
split_rules rules 'replace,------,'
ok "the balancing side replaces it" \
    grep -q '^?VAT Registration No.,replace,------,$' "rules/$T.balancing.csv"
job_db co.db exports
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --rules rules
job_sql co.db >after.txt <<EOF
SELECT "Line No.", "VAT Registration No." FROM "$T" ORDER BY "Line No.";
SELECT "No.", "VAT Registration No." FROM "Customer" WHERE "No." = 'C00080';
EOF
file_is after.txt <<'EOF'
10000|
20000|------
30000|DK33333333
40000|DK44444444
50000|------
60000|------
70000|DK77777777
C00080|
EOF


# typed TYPE MESSAGE: the balancing account's type of the line naming
# C00080 written TYPE: the run stops with MESSAGE, nothing changed.
typed() {
	tcase "a balancing account's type written '$1' stops the run, nothing changed"
	journal exports
	sed -i "s/^GENERAL,DEFAULT,20000,G\/L Account,6100,Customer,/GENERAL,DEFAULT,20000,G\/L Account,6100,$1,/" \
	    "exports/$T.csv"
	ok "the edit applies" grep -q "^GENERAL,DEFAULT,20000,G/L Account,6100,$1,C00080," "exports/$T.csv"
	job_db co.db exports
	job_py dump co.db >before
	run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
	err_has "$2 in column 'Bal. Account Type'"
	err_lacks "Peter"
	job_py dump co.db >after
	ok "the database unchanged" cmp -s before after
	run 1 "$PIPE/anonymize-customers" --dir exports --out changes \
	    --user ADMIN --now $NOW
	err_has "$T.csv:3: $2 in column 'Bal. Account Type'"
	ok "no change set" test ! -e changes
}
typed 1 "an option's number, not its name,"
typed customer "an option's name written otherwise (in another case, or padded)"
typed 'Customer ' "an option's name written otherwise (in another case, or padded)"

tcase "a journal line's customer key in lower case stops the run (--dir), nothing written"
journal exports
sed -i 's/^GENERAL,DEFAULT,20000,G\/L Account,6100,Customer,C00080,/GENERAL,DEFAULT,20000,G\/L Account,6100,Customer,c00080,/' \
    "exports/$T.csv"
ok "the edit applies" grep -q '^GENERAL,DEFAULT,20000,G/L Account,6100,Customer,c00080,' "exports/$T.csv"
run 1 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
err_has "$T.csv:3: key C00080 written otherwise (in lower case, or padded) in column 'Bal. Account No.'"
err_lacks "Peter"
ok "no change set" test ! -e changes

tcase "a scrubbed export holding a row twice stops the run, nothing changed"
journal exports
grep '^GENERAL,DEFAULT,20000,' "exports/$T.csv" >again
cat again >>"exports/$T.csv"
ok "the row twice" test "$(grep -c '^GENERAL,DEFAULT,20000,' "exports/$T.csv")" = 2
run 1 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
err_has "leakcheck: exports/$T.csv: a row whose primary key an earlier row has (the export holds the row twice)"
ok "no change set" test ! -e changes
job_db co.db exports
job_py dump co.db >before
run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
err_has "$T: a row whose primary key an earlier row has (the export holds the row twice)"
job_py dump co.db >after
ok "the database unchanged" cmp -s before after
