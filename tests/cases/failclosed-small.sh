# Issue 12, item 8: --user "" is a usage error, never the login name.
. "$TOP/tests/cases/job-lib.sh"

tcase "--user \"\" is a usage error"
cp -R "$FIX" exports
for u in "--user=" "--user "; do
	run 2 "$PIPE/anonymize-customers" --dir exports --out o $u"" --now $NOW
	err_is <<'EOF2'
anonymize-customers: --user is empty
Try 'anonymize-customers --help' for more information.
EOF2
	run 2 "$PIPE/anonymize-customer" --dir exports --out o --yes $u"" \
	    --now $NOW C00010
	err_has "anonymize-customer: --user is empty"
done
ok "no --out" test ! -e o
tdone
