# Issue 12, item 6: the work folders live in $XDG_RUNTIME_DIR/custanon,
# else ${TMPDIR:-/tmp}/custanon-UID (mode 0700, this user's, refused
# otherwise), each locked by its job for its life; every run first
# removes those whose job is gone, and says so.
. "$TOP/tests/job-lib.sh"
. "$TOP/tests/failclosed-lib.sh"

P=anonymize-customers

tcase "SIGKILL leaves personal data; the next run removes it and says so"
job_db co.db
ok "the job reached the import" paused gate \
    "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
kill -KILL -- -"$pid"
reap
ok "killed" test "$rc" = 137
left=$(ls -d "$JOB_WORK"/job.* 2>/dev/null)
ok "its work folder is left" test -n "$left" -a -d "$left"
ok "with the targets' personal data" test -s "$left/pii.csv"
ok "marked with its job" grep -qx "program $P" "$left/job"
ok "mode 0700" test "$(stat -c %a "$left")" = 700
run 0 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
ok "the run did the whole job" grep -qx 'anonymized: 11' out
err_is <<EOF2
$P: removed the work folder of a job that ended without cleaning up: $left
EOF2
ok "it is gone" test ! -e "$left"
ok "no work folder left" job_nowork

tcase "a running job's folder is left alone"
cp -R "$FIX" exports
ok "job 1 reached 'deliver'" paused deliver \
    "$PIPE/$P" --dir exports --out one --user ADMIN --now $NOW
mine=$(ls -d "$JOB_WORK"/job.*)
ok "job 1's folder" test -d "$mine"
run 0 "$PIPE/$P" --dir exports --dry-run --user ADMIN --now $NOW
err_empty
ok "still there" test -d "$mine"
resume deliver
reap
ok "job 1: exit 0 (was $rc)" test "$rc" = 0
ok "job 1 delivered" test -s one/Customer.csv

tcase "XDG_RUNTIME_DIR is used first"
cp -R "$FIX" exports
mkdir -m 700 run
ok "the job reached 'deliver'" env XDG_RUNTIME_DIR=$PWD/run \
    bash -c '. "$TOP/tests/failclosed-lib.sh"; paused deliver "$@"; touch ok' \
    _ "$PIPE/$P" --dir exports --out one --user ADMIN --now $NOW
ok "the work folder is there" test -d run/custanon -a -e ok
ok "mode 0700" test "$(stat -c %a run/custanon)" = 700
ok "one job's" test "$(ls -d run/custanon/job.* | wc -l)" = 1
resume deliver
for i in $(seq 100); do [ -e one ] && break; sleep 0.1; done
sleep 0.3
ok "delivered" test -s one/Customer.csv
ok "the job's folder gone" test -z "$(ls -d run/custanon/job.* 2>/dev/null)"

tcase "a work base not private to the user is refused"
cp -R "$FIX" exports
mkdir -m 755 "$JOB_WORK.x"
rm -rf "$JOB_WORK"
mv "$JOB_WORK.x" "$JOB_WORK"
run 2 "$PIPE/$P" --dir exports --out one --user ADMIN --now $NOW
err_has "custanon-$(id -u): not a folder of mode 0700 owned by this user: refused"
ok "no --out" test ! -e one
rm -rf "$JOB_WORK"
mkdir -m 700 elsewhere
ln -s "$PWD/elsewhere" "$JOB_WORK"
run 2 "$PIPE/$P" --dir exports --out one --user ADMIN --now $NOW
err_has "not a folder of mode 0700 owned by this user: refused"
ok "nothing made through the link" test -z "$(ls -A elsewhere)"
rm -f "$JOB_WORK"
run 0 "$PIPE/$P" --dir exports --out one --user ADMIN --now $NOW
ok "made anew" test "$(stat -c %a "$JOB_WORK")" = 700
tdone
