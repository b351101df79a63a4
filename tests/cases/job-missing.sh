# A table that a check reads and the company lacks (no export file, a
# file under another case, a folder in its place, no such database
# table) is a data error naming every missing check table and the
# --without options that accept them, nothing changed, in the dry run
# too; --without runs the job without those checks and says so.
# job-pg-missing.sh runs the database cases against PostgreSQL.
. "$TOP/tests/job-lib.sh"

# The tables the checks read, and whether only the retention check
# (--check-period yes) reads them.
CHECKED=('Sales Header' 'Cust. Ledger Entry' 'Gen. Journal Line'
    'NPR MM Membership' 'Item Ledger Entry')

# missing_dir TABLE HOW: an export folder without TABLE's file (HOW:
# gone, renamed in lower case, a folder in its place).
missing_dir() {
	cp -R "$FIX" exports
	case $2 in
	gone) rm "exports/$1.csv" ;;
	case) mv "exports/$1.csv" "exports/${1,,}.csv" ;;
	folder) rm "exports/$1.csv" && mkdir "exports/$1.csv" ;;
	esac
}

if [ "$JOB_BACKEND" = sqlite ]; then
	for t in "${CHECKED[@]}"; do
		for how in gone case folder; do
			tcase "--dir: $t missing ($how) stops the job"
			missing_dir "$t" "$how"
			run 1 "$PIPE/anonymize-customers" --dir exports \
			    --out changes --user ADMIN --now $NOW
			if [ "$how" = case ]; then
				err_has "$t: no export '$t.csv', but '${t,,}.csv' (names are exact)"
			else
				err_has "missing tables that checks read: $t"
				err_has "--without \"$t\""
			fi
			ok "no change set" test ! -e changes
			run 1 "$PIPE/anonymize-customers" --dir exports \
			    --dry-run --user ADMIN --now $NOW
			err_has "$t"
		done
	done

	tcase "--dir: an export of 0 bytes, or in another case, of a scrubbed table"
	cp -R "$FIX" exports
	: >"exports/Ship-to Address.csv"
	mv exports/Contact.csv exports/contact.csv
	run 1 "$PIPE/anonymize-customers" --dir exports --out changes \
	    --user ADMIN --now $NOW
	err_has "Ship-to Address: its export is empty"
	err_has "Contact: no export 'Contact.csv', but 'contact.csv'"
	ok "no change set" test ! -e changes

	tcase "--dir: no retention check left: a data error"
	cp -R "$FIX" exports
	rm "exports/Cust. Ledger Entry.csv" "exports/Item Ledger Entry.csv"
	run 1 "$PIPE/anonymize-customers" --dir exports --dry-run --user ADMIN \
	    --now $NOW --without 'Cust. Ledger Entry' --without 'Item Ledger Entry'
	err_has "no retention check can run"

	tcase "--dir: every missing check table named at once"
	cp -R "$FIX" exports
	rm "exports/Sales Header.csv" "exports/NPR MM Membership.csv"
	run 1 "$PIPE/anonymize-customers" --dir exports --out changes \
	    --user ADMIN --now $NOW
	err_has "missing tables that checks read: Sales Header, NPR MM Membership"
	err_has "--without \"Sales Header\" --without \"NPR MM Membership\""

	tcase "--dir: a header-only file is a present, empty table"
	cp -R "$FIX" exports
	head -n 1 "exports/Sales Header.csv" >sh && mv sh "exports/Sales Header.csv"
	run 0 "$PIPE/anonymize-customers" --dir exports --dry-run \
	    --user ADMIN --now $NOW
	ok "C00300 held back for its membership only" \
	    grep -qx 'would hold back C00300: member' out
	ok_not "no open sales document any more" \
	    grep -q 'open sales document' out
	err_empty

	tcase "--dir, due mode: the retention check's table is not needed"
	cp -R "$FIX" exports
	rm "exports/Item Ledger Entry.csv"
	run 0 "$PIPE/anonymize-customers" --dir exports --dry-run \
	    --user ADMIN --now $NOW --check-period no
	err_empty
	run 1 "$PIPE/anonymize-customers" --dir exports --dry-run \
	    --user ADMIN --now $NOW --check-period yes
	err_has "missing tables that checks read: Item Ledger Entry"

	tcase "--dir: the one-customer request needs the open-document tables"
	cp -R "$FIX" exports
	rm "exports/Gen. Journal Line.csv"
	run 1 "$PIPE/anonymize-customer" --dir exports --out changes \
	    --user ADMIN --now $NOW --yes C00010
	err_has "missing tables that checks read: Gen. Journal Line"
	ok "no change set" test ! -e changes
fi

for t in "${CHECKED[@]}"; do
	tcase "$(job_label x): table $t dropped stops the job, nothing changed"
	job_db co.db
	job_sql co.db "DROP TABLE \"$t\""
	job_cp co.db before.db
	run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW
	err_has "missing tables that checks read: $t"
	err_has "--without \"$t\""
	run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW --dry-run
	err_has "missing tables that checks read: $t"
	job_sql before.db "SELECT count(*) FROM \"Customer\" WHERE \"Anonymized\" = 'Yes'" >b
	job_sql co.db "SELECT count(*) FROM \"Customer\" WHERE \"Anonymized\" = 'Yes'" >a
	ok "nothing changed" cmp -s a b
done

tcase "$(job_label x): a table in another case"
job_db co.db
job_sql co.db 'ALTER TABLE "Sales Header" RENAME TO "sh_tmp"; ALTER TABLE "sh_tmp" RENAME TO "sales header"'
if [ "$JOB_BACKEND" = sqlite ]; then
	run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW --dry-run
	ok "SQLite ignores case: its orders still hold back" \
	    grep -q '^  open sales document: 4$' out
else
	run 1 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW --dry-run
	err_has "Sales Header: no such table, but 'sales header'"
fi

tcase "$(job_label x): --without runs without the check and says so"
job_db co.db
job_sql co.db 'DROP TABLE "NPR MM Membership"'
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --without 'NPR MM Membership'
sed '/^time taken: /d' out >summary
file_is summary <<'EOF'
candidates: 22
anonymized: 12
held back: 10
  open sales document: 4
  open ledger entry: 4
  journal line: 1
  bill-to of a live customer: 1
contacts kept, shared with a live relation: 3
checks not run (--without):
  member (NPR MM Membership)
EOF

tcase "$(job_label x): --without a table that is there: its check still runs"
job_db co.db
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --without 'NPR MM Membership' --dry-run
ok "members held back" grep -q '^  member: 2$' out
ok_not "no check said skipped" grep -q 'checks not run' out
