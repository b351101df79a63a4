# Issue 12, item 2: a signal after the point of no return (the import's
# COMMIT; with --dir, the rename of the change set to --out) ends the job
# with its summary and exit 0, and a line saying the signal came after
# the changes were made; one before it changes nothing (exit 128 + N).
# Each moment is reached through the test-only pause points
# (CUSTANON_TEST_PAUSE).  On SQLite; on PostgreSQL through
# failclosed-pg-signal.sh.
. "$TOP/tests/job-lib.sh"
. "$TOP/tests/failclosed-lib.sh"

P=anonymize-customers

tcase "the reference: a whole run"
job_db ref.db
run 0 "$PIPE/$P" $(job_at ref.db) --user ADMIN --now $NOW
ok "anonymized" grep -qx 'anonymized: 11' out
job_py dump ref.db >"$WORK/done.dump"

for moment in commit committed; do
	tcase "SIGTERM at '$moment' (the import commits): summary, exit 0"
	job_db co.db
	ok "the job reached '$moment'" paused $moment \
	    "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
	kill -TERM "$pid"
	sleep 1
	resume $moment
	reap
	ok "exit 0 (was $rc)" test "$rc" = 0
	ok "the summary" grep -qx 'anonymized: 11' job.out
	ok "the signal came after the changes" grep -qx \
	    "$P: SIGTERM came after the changes were made: the run finished" \
	    job.err
	ok "never 'nothing changed'" eval '! grep -q "nothing changed" job.err'
	job_py dump co.db >after
	ok "the database holds the finished run" cmp after "$WORK/done.dump"
	ok "no work folder left" job_nowork
done

tcase "SIGTERM at the commit gate, before the COMMIT: nothing changed"
job_db co.db
job_py dump co.db >before
ok "the job reached 'gate'" paused gate \
    "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
kill -TERM "$pid"
reap
ok "exit 143 (was $rc)" test "$rc" = 143
ok "the message" grep -qx "$P: interrupted by SIGTERM: nothing changed" job.err
ok "no summary" test ! -s job.out
job_py dump co.db >after
ok "unchanged" cmp before after
ok "integrity" test "$(job_integrity co.db)" = ok
ok "no work folder left" job_nowork
# (The killed client's gate still waits, holding what it inherited: the
# job's locks are released all the same.)
run 0 "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
ok "a new run does the whole job" grep -qx 'anonymized: 11' out
resume gate

# (SIGINT: a job started in the background by a script ignores it.)
tcase "SIGHUP at the commit: summary, exit 0"
if hup_ignored; then
	# A job started with SIGHUP ignored cannot catch it: this case is
	# reported skipped, not passed.
	tskip "SIGHUP at the commit: SIGHUP is ignored on entry (nohup?)"
else
	job_db co.db
	ok "the job reached 'commit'" paused commit \
	    "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
	kill -HUP "$pid"
	sleep 1
	resume commit
	reap
	ok "exit 0 (was $rc)" test "$rc" = 0
	ok "the line" grep -qx \
	    "$P: SIGHUP came after the changes were made: the run finished" \
	    job.err
	job_py dump co.db >after
	ok "the finished run" cmp after "$WORK/done.dump"
fi

tcase "SIGTERM to the whole process group at the commit: it completes"
job_db co.db
ok "the job reached 'commit'" paused commit \
    "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
kill -TERM -- -"$pid"
sleep 0.3
resume commit
reap
ok "exit 0 (was $rc)" test "$rc" = 0
job_py dump co.db >after
ok "the finished run" cmp after "$WORK/done.dump"

tcase "one customer: SIGTERM at the commit: its summary, exit 0"
job_db co.db
ok "the job reached 'commit'" paused commit \
    "$PIPE/anonymize-customer" $(job_at co.db) --user ADMIN --yes \
    --now $NOW C00010
kill -TERM "$pid"
sleep 0.3
resume commit
reap
ok "exit 0 (was $rc)" test "$rc" = 0
ok "the summary" grep -qx 'anonymized C00010' job.out
ok "the line" grep -q 'SIGTERM came after the changes were made' job.err

[ "$JOB_BACKEND" = sqlite ] || { tdone; return 0 2>/dev/null || exit 0; }

tcase "SIGTERM at the commit, and the COMMIT then fails: nothing changed"
job_db co.db
job_py dump co.db >before
ok "the job reached 'commit'" paused commit \
    "$PIPE/$P" $(job_at co.db) --user ADMIN --now $NOW
# A reader holding its read transaction keeps the COMMIT from its lock
# past the import's busy timeout (10 s).
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN")
c.execute("SELECT count(*) FROM Customer").fetchall()
open("held", "w").close()
time.sleep(20)' co.db &
reader=$!
for i in $(seq 100); do [ -e held ] && break; sleep 0.1; done
kill -TERM "$pid"
sleep 0.3
resume commit
reap
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
ok "exit 143 (was $rc)" test "$rc" = 143
ok "the message" grep -qx "$P: interrupted by SIGTERM: nothing changed" job.err
ok "never 'came after'" eval '! grep -q "came after" job.err'
job_py dump co.db >after
ok "unchanged" cmp before after
ok "no work folder left" job_nowork

tcase "--dir: SIGTERM before the rename to --out: no --out, nothing beside it"
cp -R "$FIX" exports
ok "the job reached 'deliver'" paused deliver \
    "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
ok "the change set waits beside --out" \
    eval 'test "$(ls -A .changes.custanon.*/ | wc -l)" = "$(job_nfiles)"'
kill -TERM "$pid"
sleep 0.3
resume deliver
reap
ok "exit 143 (was $rc)" test "$rc" = 143
ok "the message" grep -qx "$P: interrupted by SIGTERM: nothing changed" job.err
ok "no --out" test ! -e changes
ok "nothing beside it" test "$(ls -A | tr '\n' ' ')" = \
    "exports job.err job.out pause "
ok "no work folder left" job_nowork

tcase "--dir: SIGTERM after the rename: all the files, summary, exit 0"
cp -R "$FIX" exports
ok "the job reached 'delivered'" paused delivered \
    "$PIPE/$P" --dir exports --out changes --user ADMIN --now $NOW
kill -TERM "$pid"
sleep 0.3
resume delivered
reap
ok "exit 0 (was $rc)" test "$rc" = 0
ok "the summary" grep -qx 'anonymized: 11' job.out
ok "the line" grep -qx \
    "$P: SIGTERM came after the changes were made: the run finished" job.err
ok "every change file" test "$(ls changes | wc -l)" = "$(job_nfiles)"
ok "nothing beside it" test "$(ls -A | tr '\n' ' ')" = \
    "changes exports job.err job.out pause "
ok "no work folder left" job_nowork
tdone
