# A customer number written otherwise than Business Central writes a Code
# field (in lower case, or padded with blanks) in a table the job scrubs
# or checks.  Read as nobody's, such a row would keep an anonymized
# customer's data (a ship-to address left whole) or hold no customer
# back (an open order, a recent ledger entry): the run stops with a data
# error naming the table, the customer and the column, and changes
# nothing, from a database (--db: the fetch brings such rows beside the
# targets', through the probe of the second client in a rollback-journal
# database and inside the fetch in WAL mode) as from a folder (--dir).
# A live customer's key so written in a table that is only scrubbed is
# nobody's business: the run goes on and leaves the row alone.
# job-pg-codes.sh runs it against PostgreSQL.
. "$TOP/tests/job-lib.sh"

P=anonymize-customers
S='Ship-to Address'

# unchanged: co.db as before (db_bad), no work folder left.
unchanged() {
	db_unchanged
	ok "no work folder left" job_nowork
}

# mode: SQLite's journal mode and the customer key's index, which take
# the fetch down other paths: without the index it tests each row as it
# reads the table; through the index, a probe beside it looks for such
# rows (rollback journal) or the fetch reads the table in full (WAL).
modes=(plain)
[ "${JOB_BACKEND:-sqlite}" = pg ] || modes+=(wal indexed indexed-wal)

# setmode: co.db into the mode.
setmode() {
	case $mode in
	indexed*)
		job_sql co.db "CREATE INDEX \"x_ship\" ON \"$S\"(\"Customer No.\")"
		;;
	esac
	case $mode in
	*wal)
		ok "WAL mode" test "$(job_sql co.db 'PRAGMA journal_mode=WAL;')" = wal
		;;
	esac
}

for mode in "${modes[@]}"; do
	for key in c00010 'C00010 ' ' C00010' $'C00010\t'; do
		tcase "$(job_label x) ($mode): an anonymized customer's ship-to address keyed '$key': stop, nothing changed"
		db_bad "UPDATE \"$S\" SET \"Customer No.\" = '$key' WHERE \"Customer No.\" = 'C00010'"
		setmode
		run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
		err_has "key C00010 written otherwise (in lower case, or padded) in column 'Customer No.'"
		err_has "$P: failed: nothing changed"
		err_lacks "Sommerhus"
		err_lacks "Ødegård"
		unchanged
	done

	tcase "$(job_label x) ($mode): one customer's run stops as well"
	db_bad "UPDATE \"$S\" SET \"Customer No.\" = 'c00010' WHERE \"Customer No.\" = 'C00010'"
	setmode
	run 1 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN \
	    --now $NOW --yes C00010
	err_has "key C00010 written otherwise (in lower case, or padded) in column 'Customer No.'"
	unchanged
done

tcase "$(job_label x): a live customer's ship-to address keyed in lower case: left alone"
job_db co.db
job_sql co.db "INSERT INTO \"$S\" (\"Customer No.\", \"Code\", \"Name\") VALUES ('c00040', 'HOME', 'Henrik Dalgaard')"
job_db ref.db
job_sql ref.db "INSERT INTO \"$S\" (\"Customer No.\", \"Code\", \"Name\") VALUES ('c00040', 'HOME', 'Henrik Dalgaard')"
run 0 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
job_py dump co.db >after
ok "the row is there, whole" grep -q 'c00040.*HOME.*Henrik Dalgaard' after
# The same run without the row changes the same (C00010's address).
job_db plain.db
run 0 "$PIPE/$P" $(job_at plain.db) --user ADMIN --now $NOW
job_py dump plain.db >plain
grep -v 'c00040' after >after.less
ok "the rest as the run without the row" cmp plain after.less

tcase "$(job_label x): an open order of a customer keyed in lower case: stop, nothing changed"
db_bad "INSERT INTO \"Sales Header\" (\"Document Type\", \"No.\", \"Sell-to Customer No.\", \"Bill-to Customer No.\", \"Sell-to Customer Name\", \"Order Date\") VALUES ('Order', 'SO-9080', 'c00080', 'C00180', 'Peter Sand', '2026-11-20')"
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
err_has "check-open-docs: Sales Header: customer c00080: key C00080 written otherwise (in lower case, or padded) in column 'Sell-to Customer No.'"
err_lacks "Peter"
unchanged

tcase "$(job_label x): a recent ledger entry keyed in lower case: stop, nothing changed"
db_bad "INSERT INTO \"Cust. Ledger Entry\" (\"Entry No.\", \"Customer No.\", \"Customer Name\", \"Posting Date\", \"Document Type\", \"Document No.\", \"Amount\", \"Open\") VALUES ('99080', 'c00080', 'Peter Sand', '2026-11-20', 'Invoice', 'SI-99080', '10.00', 'No')"
run 1 "$PIPE/$P" $(job_at co.db) --check-period yes --user ADMIN --now $NOW
err_has "check-period: Cust. Ledger Entry: customer c00080: key C00080 written otherwise (in lower case, or padded) in column 'Customer No.'"
err_lacks "Peter"
unchanged

# A closed ledger entry without a date: no check holds the customer back
# for it, but under --check-period yes the retention check reads every
# row of the ledger and judges its key, so the fetch, which then compares
# the ledger's keys as they are (core_judged), need not look again; under
# --check-period no the fetch looks, and scrub stops the run.
for key in c00080 'C00080 ' $'C00080\t'; do
	tcase "$(job_label x): a closed ledger entry without a date keyed '$key', --check-period yes: the retention check stops the run"
	db_bad "INSERT INTO \"Cust. Ledger Entry\" (\"Entry No.\", \"Customer No.\", \"Customer Name\", \"Posting Date\", \"Document Type\", \"Document No.\", \"Amount\", \"Open\") VALUES ('99081', '$key', 'Peter Sand', '', 'Invoice', 'SI-99081', '10.00', 'No')"
	run 1 "$PIPE/$P" $(job_at co.db) --check-period yes --user ADMIN --now $NOW
	err_has "check-period: Cust. Ledger Entry: customer "
	err_has ": key C00080 written otherwise (in lower case, or padded) in column 'Customer No.'"
	err_lacks "Peter"
	unchanged

	tcase "$(job_label x): the same entry of C00330, a target under --check-period no: the fetch brings it, scrub stops the run"
	db_bad "INSERT INTO \"Cust. Ledger Entry\" (\"Entry No.\", \"Customer No.\", \"Customer Name\", \"Posting Date\", \"Document Type\", \"Document No.\", \"Amount\", \"Open\") VALUES ('99081', '${key/0080/0330}', 'Rasmus Falk', '', 'Invoice', 'SI-99081', '10.00', 'No')"
	run 1 "$PIPE/$P" $(job_at co.db) --check-period no --user ADMIN --now $NOW
	err_has "scrub: Cust. Ledger Entry"
	err_has "key C00330 written otherwise (in lower case, or padded) in column 'Customer No.'"
	err_lacks "check-period"
	err_lacks "Rasmus"
	unchanged
done

[ "${JOB_BACKEND:-sqlite}" = pg ] && { tdone; return 0; }

tcase "--dir: an anonymized customer's ship-to address keyed in lower case: the file and line, no change set"
cp -R "$FIX" exports
sed -i 's/^C00010,SOMMERHUS,/c00010,SOMMERHUS,/' "exports/$S.csv"
ok "the export changed" grep -q '^c00010,SOMMERHUS,' "exports/$S.csv"
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
err_has "exports/$S.csv:2: customer c00010: key C00010 written otherwise (in lower case, or padded) in column 'Customer No.'"
ok "no change set" test ! -e changes

tcase "--dir: an open order keyed in lower case: the file and line, no change set"
cp -R "$FIX" exports
printf '%s\n' 'Order,SO-9080,c00080,C00180,Peter Sand,2026-11-20' >>"exports/Sales Header.csv"
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
err_has "check-open-docs: exports/Sales Header.csv:9: customer c00080: key C00080 written otherwise (in lower case, or padded) in column 'Sell-to Customer No.'"
err_lacks "Peter"
ok "no change set" test ! -e changes
tdone
