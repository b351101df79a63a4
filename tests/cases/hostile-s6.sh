# Issues 11 and 12 attacked as a hostile user would (session 6): each
# case is a finding that the job failed open or misled, or a defect
# reported before that must stay fixed.
. "$TOP/tests/job-lib.sh"
. "$TOP/tests/failclosed-lib.sh"

P=anonymize-customers
RULES=$TOP/pipelines/rules

# no_private: stderr names none of the job's private files.
no_private() {
	err_lacks "$TMPDIR"
	err_lacks "custanon-"
}

tcase "a copied spec whose check lacks a key of the shipped check is refused"
cp -R "$RULES" rules
# A copy from before the bill-to key was added, its VERSION raised.
sed -i 's/^Sales Header,open,Sell-to Customer No.|Bill-to Customer No.,/Sales Header,open,Sell-to Customer No.,/' \
    rules/checks.csv
ok "the edit applies" eval '! cmp -s "$RULES/checks.csv" rules/checks.csv'
run 2 jobspec --shipped "$RULES" rules
err_has "rules/checks.csv:2: the open check 'open sales document' on Sales Header lacks the key 'Bill-to Customer No.'"
cp -R "$FIX" exports
run 2 "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW \
    --rules rules
err_has "lacks the key 'Bill-to Customer No.'"
ok "no change set" test ! -e changes
# More keys than shipped, and the shipped spec itself, are sound.
cp -R "$RULES" more
sed -i 's/^Reminder Header,open,Customer No.,/Reminder Header,open,Customer No.|Bill-to Customer No.,/' \
    more/checks.csv
ok "the edit applies" eval '! cmp -s "$RULES/checks.csv" more/checks.csv'
run 0 jobspec --check --shipped "$RULES" more
run 0 jobspec --check --shipped "$RULES" "$RULES"
