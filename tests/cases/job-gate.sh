# The job's gate (issue 13, the hostile review's B6, B9, H11 and H12):
# before any row changes, every table the job scrubs or links through
# holds the columns the job needs, its link steps' among them (else exit
# 1, "missing column", naming table and column) and each of its columns is
# covered by each of its rules files (a link table's only keep)
# (else exit 2, as scrub says it) -- whether or not the table has rows of
# a customer to scrub.  Nothing is written or imported on a refusal.
# --dir and SQLite here; PostgreSQL through job-pg-gate.sh.
. "$TOP/tests/job-lib.sh"

RULES=$TOP/pipelines/rules
EXT='Contoso Delivery Note'
PGJL='Posted Gen. Journal Line'
# Both entry points: the one-customer request for C00080 (no invoice, no
# posted journal line) and the nightly job.
ONE=("$PIPE/anonymize-customer" --yes C00080)
ALL=("$PIPE/anonymize-customers")

# addcol FILE COLUMN VALUE: append COLUMN to the export FILE, VALUE in
# every row.
addcol() {
	python3 - "$@" <<'PY'
import csv, sys
path, col, val = sys.argv[1:]
rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
rows[0].append(col)
for r in rows[1:]:
    r.append(val)
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
}

# dropcol FILE COLUMN: take COLUMN out of the export FILE.
dropcol() {
	python3 - "$@" <<'PY'
import csv, sys
path, col = sys.argv[1:]
rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
i = rows[0].index(col)
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(r[:i] + r[i + 1:] for r in rows)
PY
}

CBR='Contact Business Relation'

# journal DIR [COLUMN]: DIR's posted journal holds one G/L line only (no
# customer's), with an extension column; with COLUMN, without that column.
journal() {
	python3 - "$1/$PGJL.csv" "$EXT" "${2:-}" <<'PY'
import csv, sys
path, ext, drop = sys.argv[1:]
h = ["Journal Template Name", "Journal Batch Name", "Line No.",
     "Account Type", "Account No.", "Bal. Account Type", "Bal. Account No.",
     "Description", ext]
r = ["GENERAL", "DEFAULT", "10", "G/L Account", "2910", "Bank Account",
     "B1", "Accrual", "Ingolf Juhl"]
if drop:
    i = h.index(drop)
    del h[i], r[i]
    del h[-1], r[-1]
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows([h, r])
PY
}

# db_run STATUS: load the exports into the database, dump it into
# ./before, and run the entry point of cmd on it, wanting STATUS.
db_run() {
	job_db co.db exports
	job_py dump co.db >before
	run "$1" "${cmd[0]}" $(job_at co.db) --user ADMIN --now $NOW "${cmd[@]:1}"
}

# no_change DB BEFORE: DB's dump is BEFORE's, and no work folder is left.
no_change() {
	job_py dump "$1" >after
	ok "database unchanged" cmp "$2" after
	ok "no work folder left" job_nowork
}

if [ "$JOB_BACKEND" = sqlite ]; then

for e in ONE ALL; do
	declare -n cmd=$e
	tcase "--dir, ${cmd[0]##*/}: an extension column of Sales Invoice Header stops the run, no invoice to scrub (exit 2)"
	rm -rf exports changes
	cp -R "$FIX" exports
	addcol "exports/Sales Invoice Header.csv" "$EXT" 'Ingolf Juhl'
	run 2 "${cmd[0]}" --dir exports --out changes --user ADMIN \
	    --now $NOW "${cmd[@]:1}"
	err_is <<EOF
classify: $RULES/Sales Invoice Header.sell-to.csv: no rule for column '$EXT' of exports/Sales Invoice Header.csv
classify: $RULES/Sales Invoice Header.bill-to.csv: no rule for column '$EXT' of exports/Sales Invoice Header.csv
${cmd[0]##*/}: failed: nothing changed
EOF
	ok "no change set" test ! -e changes
	ok "no work folder left" job_nowork

	tcase "--dir, ${cmd[0]##*/}: an extension column of a journal with G/L lines only stops the run (exit 2)"
	rm -rf exports changes
	cp -R "$FIX" exports
	journal exports
	run 2 "${cmd[0]}" --dir exports --out changes --user ADMIN \
	    --now $NOW "${cmd[@]:1}"
	err_is <<EOF
classify: $RULES/$PGJL.csv: no rule for column '$EXT' of exports/$PGJL.csv
${cmd[0]##*/}: failed: nothing changed
EOF
	ok "no change set" test ! -e changes

	tcase "--dir, ${cmd[0]##*/}: a journal without a customer key column stops the run (exit 1)"
	rm -rf exports changes
	cp -R "$FIX" exports
	journal exports 'Bal. Account No.'
	run 1 "${cmd[0]}" --dir exports --out changes --user ADMIN \
	    --now $NOW "${cmd[@]:1}"
	err_is <<EOF
classify: exports/$PGJL.csv:1: missing column 'Bal. Account No.'
${cmd[0]##*/}: failed: nothing changed
EOF
	ok "no change set" test ! -e changes

	# H11: the columns the link steps read are the gate's too, so the
	# run stops before a check has read a row, with one message.
	for tc in "Customer:Primary Contact No." "Contact:Company No." \
	    "Contact:Type" "$CBR:Link to Table"; do
		tcase "--dir, ${cmd[0]##*/}: ${tc%%:*} without '${tc#*:}', a column the contacts' link steps read, stops the run at the gate (exit 1)"
		rm -rf exports changes
		cp -R "$FIX" exports
		dropcol "exports/${tc%%:*}.csv" "${tc#*:}"
		run 1 "${cmd[0]}" --dir exports --out changes --user ADMIN \
		    --now $NOW "${cmd[@]:1}"
		err_is <<EOF
classify: exports/${tc%%:*}.csv:1: missing column '${tc#*:}'
${cmd[0]##*/}: failed: nothing changed
EOF
		ok "no change set" test ! -e changes
		ok "no work folder left" job_nowork
	done

	# H12: the link table, never changed, has its columns classified
	# too (its rules only keep): one the export adds stops the run.
	tcase "--dir, ${cmd[0]##*/}: an extension column of $CBR stops the run (exit 2)"
	rm -rf exports changes
	cp -R "$FIX" exports
	addcol "exports/$CBR.csv" "$EXT" 'Ingolf Juhl'
	run 2 "${cmd[0]}" --dir exports --out changes --user ADMIN \
	    --now $NOW "${cmd[@]:1}"
	err_is <<EOF
classify: $RULES/$CBR.csv: no rule for column '$EXT' of exports/$CBR.csv
${cmd[0]##*/}: failed: nothing changed
EOF
	ok "no change set" test ! -e changes
done

tcase "--dir: a keep for the link table's extension column lets the run go on; a blank for it is refused (a link table is never changed)"
rm -rf exports changes rules
cp -R "$FIX" exports
cp -R "$RULES" rules
addcol "exports/$CBR.csv" "$EXT" 'Ingolf Juhl'
printf '?%s,keep,,\n' "$EXT" >>"rules/$CBR.csv"
run 0 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules --yes C00080
ok "anonymized" grep -qx 'anonymized C00080' out
ok "no change file for the link table" test ! -e "changes/$CBR.csv"
rm -rf changes
sed -i "s/^?$EXT,keep,,\$/?$EXT,blank,,/" "rules/$CBR.csv"
run 2 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules --yes C00080
err_has "rules/tables.csv:3: $CBR: a link table is never changed, but its rules file '$CBR.csv' does not keep column '$EXT'"
ok "no change set" test ! -e changes

tcase "--dir: a ?COLUMN rule or a * rule covers the extension column: the run goes on"
rm -rf exports changes rules
cp -R "$FIX" exports
cp -R "$RULES" rules
addcol "exports/Sales Invoice Header.csv" "$EXT" 'Ingolf Juhl'
journal exports
for s in sell-to bill-to; do
	printf '?%s,replace,------,\n' "$EXT" >>"rules/Sales Invoice Header.$s.csv"
done
printf '*,blank,,\n' >>"rules/$PGJL.csv"
run 0 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules --yes C00080
ok "anonymized" grep -qx 'anonymized C00080' out
ok "its Customer row changed" test "$(csvget changes/Customer.csv No.)" = C00080

fi

for e in ONE ALL; do
	declare -n cmd=$e
	tcase "$JOB_BACKEND, ${cmd[0]##*/}: an extension column of Sales Invoice Header stops the run, no invoice to scrub (exit 2)"
	rm -rf exports
	cp -R "$FIX" exports
	addcol "exports/Sales Invoice Header.csv" "$EXT" 'Ingolf Juhl'
	db_run 2
	err_is <<EOF
classify: $RULES/Sales Invoice Header.sell-to.csv: no rule for column '$EXT' of Sales Invoice Header
classify: $RULES/Sales Invoice Header.bill-to.csv: no rule for column '$EXT' of Sales Invoice Header
${cmd[0]##*/}: failed: nothing changed
EOF
	no_change co.db before

	tcase "$JOB_BACKEND, ${cmd[0]##*/}: an extension column of a journal with G/L lines only stops the run (exit 2)"
	rm -rf exports
	cp -R "$FIX" exports
	journal exports
	db_run 2
	err_is <<EOF
classify: $RULES/$PGJL.csv: no rule for column '$EXT' of $PGJL
${cmd[0]##*/}: failed: nothing changed
EOF
	no_change co.db before

	tcase "$JOB_BACKEND, ${cmd[0]##*/}: a journal without a customer key column: the table and column named, before any SQL names it (exit 1)"
	rm -rf exports
	cp -R "$FIX" exports
	journal exports 'Bal. Account No.'
	db_run 1
	err_is <<EOF
classify: $PGJL: missing column 'Bal. Account No.'
${cmd[0]##*/}: failed: nothing changed
EOF
	no_change co.db before

	for tc in "Customer:Primary Contact No." "Contact:Company No."; do
		tcase "$JOB_BACKEND, ${cmd[0]##*/}: ${tc%%:*} without '${tc#*:}', a column the contacts' link steps read, stops the run at the gate (exit 1)"
		rm -rf exports
		cp -R "$FIX" exports
		dropcol "exports/${tc%%:*}.csv" "${tc#*:}"
		db_run 1
		err_is <<EOF
classify: ${tc%%:*}: missing column '${tc#*:}'
${cmd[0]##*/}: failed: nothing changed
EOF
		no_change co.db before
	done

	tcase "$JOB_BACKEND, ${cmd[0]##*/}: an extension column of $CBR stops the run (exit 2)"
	rm -rf exports
	cp -R "$FIX" exports
	addcol "exports/$CBR.csv" "$EXT" 'Ingolf Juhl'
	db_run 2
	err_is <<EOF
classify: $RULES/$CBR.csv: no rule for column '$EXT' of $CBR
${cmd[0]##*/}: failed: nothing changed
EOF
	no_change co.db before
done

tdone
