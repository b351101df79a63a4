# An export whose option fields are not what Business Central writes
# (pipelines/rules/options.csv): a caption in another language (Debitor
# for Customer), an empty Account Type, where BC always stores an option,
# or a table number written otherwise than a plain whole number (" 18"
# for Customer in Custom Report Selection's Source Type).  Read as a
# mismatch, C00230's open journal line would hold nobody back, and C00010's
# report selection would keep its e-mail address: the run stops with a
# data error naming the table (and the customer where the check knows
# it; the scrub's feed, csvget, does not), the column, never the value,
# and changes nothing.  job-pg-options.sh runs it against
# PostgreSQL.
. "$TOP/tests/job-lib.sh"

P=anonymize-customers
GJ='Gen. Journal Line'

for v in Debitor Zq8Debitor ''; do
	tcase "$(job_label x): a journal line's Account Type '$v': stop, nothing changed"
	db_bad "UPDATE \"$GJ\" SET \"Account Type\" = '$v' WHERE \"Account No.\" = 'C00230'"
	run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
	err_is <<EOF2
check-open-docs: $GJ: customer C00230: not one of the options declared for column 'Account Type'
$P: failed: nothing changed
EOF2
	err_lacks Zq8Debitor
	db_unchanged
	ok "no work folder left" job_nowork
	run 1 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN \
	    --now $NOW --yes C00010
	err_has "check-open-docs: $GJ: customer C00230: not one of the options declared for column 'Account Type'"
	db_unchanged
done

tcase "$(job_label x): a journal line's Account Type as BC writes it: the run as before"
job_db co.db
run 0 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
ok "C00230 held back by its journal line" grep -q 'journal line' out

tcase "--dir: a journal line's Account Type Debitor: the file and line, no change set"
cp -R "$FIX" exports
sed -i 's/^GENERAL,DEFAULT,10000,Customer,C00230,/GENERAL,DEFAULT,10000,Debitor,C00230,/' \
    "exports/$GJ.csv"
ok "the export changed" grep -q '^GENERAL,DEFAULT,10000,Debitor,C00230,' \
    "exports/$GJ.csv"
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
err_is <<EOF2
check-open-docs: exports/$GJ.csv:2: customer C00230: not one of the options declared for column 'Account Type'
$P: failed: nothing changed
EOF2
ok "no change set" test ! -e changes

# Custom Report Selection, which the fixture company lacks: its Source
# Type an Integer (18, the Customer table).
CRS='Custom Report Selection'
CRSH='Source Type,Source No.,Usage,Sequence,Send To Email'

tcase "--dir: a report selection's Source Type ' 18': stop, no change set"
cp -R "$FIX" exports
printf '%s\n" 18",C00010,S.Invoice,1,zq8-sel@example.net\n' "$CRSH" \
    >"exports/$CRS.csv"
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
err_has "csvget: exports/$CRS.csv:2: not a whole number written plainly, as declared for column 'Source Type'"
err_has "$P: failed: nothing changed"
err_lacks "zq8-sel"
ok "no change set" test ! -e changes

tcase "--dir: a report selection's Source Type 18: scrubbed as before"
cp -R "$FIX" exports
printf '%s\n18,C00010,S.Invoice,1,zq8-sel@example.net\n36,C00010,S.Invoice,1,vendor@example.net\n' \
    "$CRSH" >"exports/$CRS.csv"
run 0 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
ok "the customer's selection scrubbed" grep -q '^18,C00010,S.Invoice,1,------@----' \
    "changes/$CRS.csv"
ok "the table 36 row left alone" sh -c '! grep -q "^36," "$1"' _ "changes/$CRS.csv"

if [ "$JOB_BACKEND" != pg ]; then
	for v in ' 18' '18.0' '018'; do
		tcase "$(job_label x): a report selection's Source Type '$v': stop, nothing changed"
		job_db co.db
		job_sql co.db "CREATE TABLE \"$CRS\" (\"Source Type\" TEXT, \"Source No.\" TEXT, \"Usage\" TEXT, \"Sequence\" TEXT, \"Send To Email\" TEXT, PRIMARY KEY (\"Source Type\", \"Source No.\", \"Usage\", \"Sequence\"))"
		job_sql co.db "INSERT INTO \"$CRS\" VALUES ('$v', 'C00010', 'S.Invoice', '1', 'zq8-sel@example.net')"
		job_py dump co.db >before
		run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
		err_has "csvget: $CRS: not a whole number written plainly, as declared for column 'Source Type'"
		err_has "$P: failed: nothing changed"
		err_lacks "zq8-sel"
		db_unchanged
	done
fi

if [ "$JOB_BACKEND" = sqlite ]; then
	# A value an extension adds to Link to Table: refused as shipped;
	# declared (options.csv) and live (the Contact row's shared where, a
	# copy may name more values than the shipped one), the contact it
	# links is kept as shared.
	CBR='Contact Business Relation'
	tcase "--dir: a relation to an extension's Link to Table value: refused as shipped, kept as shared once declared"
	rm -rf exports changes rules
	cp -R "$FIX" exports
	printf 'CT00080,POS,NPR POS Entity,P1\n' >>"exports/$CBR.csv"
	run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
	err_has "linkpairs: exports/$CBR.csv:13: contact CT00080: not one of the options declared for column 'Link to Table'"
	ok "no change set" test ! -e changes
	cp -R "$TOP/pipelines/rules" rules
	sed -i 's/^\(shared where=Link to Table=.*\)",$/\1|@NPR POS Entity",/' \
	    rules/tables.csv
	sed -i "s/^\($CBR,Link to Table,.*\)\$/\1|NPR POS Entity/" rules/options.csv
	run 0 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW \
	    --rules rules
	ok "one contact more kept" \
	    grep -qx 'contacts kept, shared with a live relation: 4' out
	ok "CT00080 not changed" sh -c '! grep -q "^CT00080," changes/Contact.csv'
fi
tdone
