# Issue 12, item 8: a TMPDIR holding a line break is refused at once (it
# made the job hang); --user "" is a usage error, never the login name.
. "$TOP/tests/job-lib.sh"

tcase "TMPDIR with a line break: refused, no hang"
cp -R "$FIX" exports
mkdir -p "$TMPDIR/a
b"
job_db co.db
job_py dump co.db >before
run 2 env TMPDIR="$TMPDIR/a
b" timeout 60 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
    --now $NOW
err_has "anonymize-customers: TMPDIR holds a control character: refused"
job_py dump co.db >after
ok "unchanged" cmp before after
run 2 env TMPDIR="$TMPDIR/a
b" timeout 60 "$PIPE/anonymize-customer" --dir exports --out one \
    --user ADMIN --yes --now $NOW C00010
err_has "anonymize-customer: TMPDIR holds a control character: refused"
ok "no --out" test ! -e one
run 2 env XDG_RUNTIME_DIR="$TMPDIR/a
b" timeout 60 "$PIPE/anonymize-customers" --dir exports --dry-run \
    --user ADMIN --now $NOW
err_has "XDG_RUNTIME_DIR holds a control character: refused"

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
