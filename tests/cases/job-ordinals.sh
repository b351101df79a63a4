# An export that holds an Option field as Business Central's SQL stores
# it, its ordinal (1 for Customer), where the job spec's conditions name
# the option (pipelines/rules/: Account Type=Customer, Link to Table=
# @Customer): the run stops with a data error naming the table, the
# customer and the column, and changes nothing.  Read as a mismatch, the
# journal line would not hold its customer back, the relation would not
# lead to its contact.  job-pg-ordinals.sh runs it against PostgreSQL.
. "$TOP/tests/job-lib.sh"

P=anonymize-customers

tcase "$(job_label x): a journal line's Account Type 1: stop, nothing changed"
db_bad 'UPDATE "Gen. Journal Line" SET "Account Type" = '\''1'\'' WHERE "Account No." = '\''C00230'\'''
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
err_is <<EOF2
check-open-docs: Gen. Journal Line: customer C00230: an option's number, not its name, in column 'Account Type'
$P: failed: nothing changed
EOF2
job_py dump co.db >after
ok "the database unchanged" cmp before after
ok "no work folder left" job_nowork
run 1 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --now $NOW \
    --yes C00010
err_has "check-open-docs: Gen. Journal Line: customer C00230: an option's number, not its name, in column 'Account Type'"
job_py dump co.db >after
ok "the database unchanged (one customer)" cmp before after

tcase "$(job_label x): a contact relation's Link to Table 1: stop, nothing changed"
db_bad 'UPDATE "Contact Business Relation" SET "Link to Table" = '\''1'\'' WHERE "No." = '\''C00010'\'''
run 1 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
err_is <<EOF2
linkpairs: Contact Business Relation: contact CT00010: an option's number, not its name, in column 'Link to Table'
$P: failed: nothing changed
EOF2
job_py dump co.db >after
ok "the database unchanged" cmp before after

tcase "--dir: a journal line's Account Type 1: the file and line, no change set"
cp -R "$FIX" exports
sed -i 's/^GENERAL,DEFAULT,10000,Customer,C00230,/GENERAL,DEFAULT,10000,1,C00230,/' \
    'exports/Gen. Journal Line.csv'
ok "the export changed" grep -q '^GENERAL,DEFAULT,10000,1,C00230,' \
    'exports/Gen. Journal Line.csv'
run 1 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
err_is <<EOF2
check-open-docs: exports/Gen. Journal Line.csv:2: customer C00230: an option's number, not its name, in column 'Account Type'
$P: failed: nothing changed
EOF2
ok "no change set" test ! -e changes
tdone
