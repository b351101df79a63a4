# Issue 12, item 3: --out is created only by the final rename, never
# followed through a symbolic link, and held for the run by the lock file
# OUT.custanon-lock: a second job on the same --out, or importing into
# the same SQLite database, refuses at once (exit 1) and says why; jobs
# that only read the same exports run side by side.  The database's lock
# on PostgreSQL (an advisory lock) through failclosed-pg-lock.sh.
. "$TOP/tests/job-lib.sh"
. "$TOP/tests/failclosed-lib.sh"

P=anonymize-customers

tcase "a second job importing into the same database refuses at once"
job_db co.db
ok "job 1 reached 'gate'" paused gate \
    "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
run 1 timeout 60 "$PIPE/$P" $(job_at co.db) --check-period no \
    --user ADMIN --now $NOW
err_has "$P: $(job_label co.db) is in use by another job (it holds"
run 1 timeout 60 "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN \
    --yes --now $NOW C00010
err_has "$(job_label co.db) is in use by another job"
run 0 "$PIPE/$P" $(job_at co.db) --dry-run --user ADMIN --now $NOW
ok "a dry run reads beside it" grep -qx 'would anonymize: 11' out
resume gate
reap
ok "job 1: exit 0 (was $rc)" test "$rc" = 0
ok "job 1 did the whole job" grep -qx 'anonymized: 11' job.out
[ "$JOB_BACKEND" = pg ] ||
    ok "the lock file is gone" test ! -e co.db.custanon-lock
# The rest: --dir, once.
if [ "$JOB_BACKEND" = pg ]; then
	tdone
	return 0 2>/dev/null || exit 0
fi

tcase "a second job on the same --out refuses at once; the first delivers"
cp -R "$FIX" exports
ok "job 1 reached 'deliver'" paused deliver \
    "$PIPE/$P" --dir exports --out changes --check-period yes --user ADMIN \
    --now $NOW
ok "the lock file" test -e changes.custanon-lock
run 1 timeout 60 "$PIPE/$P" --dir exports --out changes --check-period no \
    --user ADMIN --now $NOW
err_has "$P: --out changes is in use by another job (it holds"
err_has "nothing changed"
resume deliver
reap
ok "job 1: exit 0 (was $rc)" test "$rc" = 0
"$PIPE/$P" --dir exports --out ref --check-period yes --user ADMIN \
    --now $NOW >/dev/null 2>&1
for f in ref/*.csv; do
	[ "${f##*/}" = "Customer GDPR Log Entries.csv" ] && continue
	ok "${f##*/}: job 1's" cmp "$f" "changes/${f##*/}"
done
ok "the lock file is gone" test ! -e changes.custanon-lock
ok "job 2 wrote nothing" test "$(ls changes | wc -l)" = "$(ls ref | wc -l)"

tcase "a symbolic link put in place of --out after the start is not followed"
cp -R "$FIX" exports
mkdir target
echo keep >target/Customer.csv
chmod 750 target
ok "the job reached 'deliver'" paused deliver \
    "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
ln -s target changes
resume deliver
reap
ok "exit 1 (was $rc)" test "$rc" = 1
ok "the message" grep -q 'not delivered: nothing changed' job.err
ok "the link's target untouched" test "$(cat target/Customer.csv)" = keep
ok "its mode too" test "$(stat -c %a target)" = 750
ok "only the target's file" test "$(ls -A target)" = Customer.csv
ok "nothing beside --out" test "$(ls -A | tr '\n' ' ')" = \
    "changes exports job.err job.out pause target "
ok "no work folder left" job_nowork

tcase "a folder made in place of --out after the start is left alone"
cp -R "$FIX" exports
ok "the job reached 'deliver'" paused deliver \
    "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
mkdir changes
resume deliver
reap
ok "exit 1 (was $rc)" test "$rc" = 1
ok "still empty" test -z "$(ls -A changes)"

tcase "jobs reading the same exports run side by side"
cp -R "$FIX" exports
ok "job 1 reached 'deliver'" paused deliver \
    "$PIPE/$P" --dir exports --out one --user ADMIN --now $NOW
run 0 "$PIPE/$P" --dir exports --out two --check-period no --user ADMIN \
    --now $NOW
err_empty
resume deliver
reap
ok "job 1: exit 0 (was $rc)" test "$rc" = 0
ok "both delivered" test -s one/Customer.csv -a -s two/Customer.csv

tdone
