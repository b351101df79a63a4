# The gate and the link table (the hostile review 13e): a company with
# Contact but without Contact Business Relation, through which the job
# reaches the contacts, is refused before anything is read (exit 2):
# the customer's primary contact would otherwise be left unscrubbed with
# exit 0.  A header-only export of it is a table without rows, and the
# run goes on.  A refusal in the scrub's feed prints no field value.
. "$TOP/tests/job-lib.sh"

CBR='Contact Business Relation'

if [ "$JOB_BACKEND" = sqlite ]; then

for p in anonymize-customer anonymize-customers; do
	a=()
	[ "$p" = anonymize-customers ] || a=(--yes C00080)
	tcase "--dir, $p: no $CBR export while Contact is there: refused (exit 2), nothing written"
	rm -rf exports changes
	cp -R "$FIX" exports
	rm "exports/$CBR.csv"
	run 2 "$PIPE/$p" --dir exports --out changes --user ADMIN --now $NOW \
	    "${a[@]}"
	err_is <<X
$p: Contact is there, but not $CBR, through which the job reaches its rows: export it (a header alone if the company has no rows)
$p: failed: nothing changed
X
	ok "no change set" test ! -e changes
	ok "no work folder left" job_nowork
done

tcase "--dir: a header-only $CBR: C00080's primary contact CT00080 is scrubbed"
rm -rf exports changes
cp -R "$FIX" exports
head -1 "exports/$CBR.csv" >x && mv x "exports/$CBR.csv"
run 0 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --yes C00080
ok "CT00080 in the change set" grep -q '^CT00080,' changes/Contact.csv

tcase "--dir: a bad Account Type names no value other than a customer number"
rm -rf exports changes
cp -R "$FIX" exports
printf '%s\n' 'Entry No.,VAT Registration No.,Account Type,Account No.' \
    '1,DK12345678,Kunde,ingolf.juhl@example.com' \
    >"exports/VAT Registration Log.csv"
run 1 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
err_has "not one of the options declared for column 'Account Type'"
ok "the e-mail address is not printed" \
    sh -c '! grep -q "ingolf.juhl@example.com" err'

fi

tcase "$(job_label x): no $CBR table while Contact is there: refused (exit 2), nothing changed"
rm -rf exports
cp -R "$FIX" exports
rm "exports/$CBR.csv"
job_db co.db exports
job_py dump co.db >before
run 2 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --now $NOW \
    --yes C00080
err_has "Contact is there, but not $CBR"
job_py dump co.db >after
ok "database unchanged" cmp before after
tdone
