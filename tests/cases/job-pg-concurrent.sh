# The job on PostgreSQL with other sessions at work: a reader during the
# import sees the old state or the new, never a mix; the export reads one
# snapshot; a second run meanwhile refuses at once (the job's advisory
# lock) and changes nothing.  Needs the test server (tests/pg/with-cluster); without
# one these cases are reported skipped.
JOB_BACKEND=pg
. "$TOP/tests/job-lib.sh"

# STATE: what a reader sees, in one statement (one snapshot): customers
# anonymized now, log rows, contacts, ledger entries and posted invoices
# with a placeholder name.
STATE="SELECT (SELECT count(*) FROM \"Customer\" WHERE \"Anonymized Date\" = '$NOW'),
    (SELECT count(*) FROM \"Customer GDPR Log Entries\"),
    (SELECT count(*) FROM \"Contact\" WHERE \"Name\" = '------'),
    (SELECT count(*) FROM \"Cust. Ledger Entry\" WHERE \"Customer Name\" = '------'),
    (SELECT count(*) FROM \"Sales Invoice Header\" WHERE \"Sell-to Customer Name\" = '------')"

# waitmark: wait (at most 120 s: the machine may be loaded) for ./slow/mark.
waitmark() {
	local i
	for i in $(seq 1200); do
		[ -e slow/mark ] && return 0
		sleep 0.1
	done
	return 1
}

# waitlock DB: wait (at most 120 s) until a session of the pipelines on DB
# waits for a lock.
waitlock() {
	local i
	for i in $(seq 1200); do
		[ "$(job_pgadm "SELECT count(*) FROM pg_stat_activity WHERE datname = '$(job_pgname "$1")' AND application_name = 'custanon' AND wait_event_type = 'Lock'")" != 0 ] &&
		    return 0
		sleep 0.1
	done
	return 1
}

# lock DB NO: lock customer NO's row, or fail at once.
lock() {
	job_sql "$1" "SELECT 1 FROM \"Customer\" WHERE \"No.\" = '$2' FOR UPDATE NOWAIT" \
	    >/dev/null 2>&1
}

# heldjob STAGE [NAME]: the job on co.db (its process in pid, its output
# in NAME.out and NAME.err, default job) held at STAGE: export, after its
# export session's first step (its snapshot taken); import, with every
# statement but the COMMIT run.
heldjob() {
	job_wrap slow
	touch "slow/hold-$1"
	PATH=$PWD/slow:$PATH "$PIPE/anonymize-customers" $(job_at co.db) \
	    --user ADMIN --now $NOW >"${2:-job}.out" 2>"${2:-job}.err" &
	pid=$!
	ok "the job is held at its $1" waitmark
}

tcase "a reader during the import sees the old state until the COMMIT, then all of the new"
job_db co.db
job_cp co.db before.db
job_sql co.db "$STATE" >before
job_py dump co.db >dump.before
heldjob import
ok_not "the import holds C00010's row" lock co.db C00010
ok "... not C00180's (held back)" lock co.db C00180
job_sql co.db "$STATE" >during
ok "the reader sees the old state" cmp during before
job_py dump co.db >dump.during
ok "all of it" cmp dump.during dump.before
touch slow/go
wait "$pid"
status_is 0 "the job succeeds"
job_sql co.db "$STATE" >after
file_is after <<'EOF'
11|22|6|6|4
EOF
job_py changed before.db co.db >changed
job_expect_changes yes >want
ok "then all of the new" cmp changed want

tcase "a reader polling during a run sees the old state or the new, never a mix"
job_db co.db
job_sql co.db "$STATE" >before
(
	while [ ! -e stop ]; do
		job_sql co.db "$STATE"
	done
) >seen 2>seen.err &
reader=$!
sleep 0.2
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
touch stop
wait "$reader"
job_sql co.db "$STATE" >after
ok "the run changed what a reader sees" eval '! cmp -s before after'
ok "the reader read" test "$(grep -c . seen)" -gt 2
ok "the reader was never refused" test ! -s seen.err
sort -u before after >both
sort -u seen >kinds
ok "only the old and the new state seen" eval 'comm -23 kinds both | cmp -s - /dev/null'

# Cust. Ledger Entry is exported by a second psql beside the session, in
# its snapshot.  (The entries changed are of customers held back: a row
# the job changes, changed meanwhile, fails the import.)
tcase "the export reads one snapshot: a change committed meanwhile is not seen"
job_db co.db
heldjob export
job_sql co.db <<'EOF'
DELETE FROM "Sales Header";
DELETE FROM "NPR MM Membership";
UPDATE "Cust. Ledger Entry" SET "Open" = 'No' WHERE "Open" = 'Yes';
EOF
touch slow/go
wait "$pid"
status_is 0 "the job succeeds"
sed '/^time taken: /d' job.out >summary
file_is summary <<'EOF'
candidates: 22
anonymized: 11
held back: 11
  open sales document: 4
  open ledger entry: 4
  journal line: 1
  member: 2
  bill-to of a live customer: 1
contacts kept, shared with a live relation: 3
EOF
ok "the other session's change stays" \
    test "$(job_sql co.db 'SELECT count(*) FROM "Sales Header"')" = 0
ok "... in the ledger too" test "$(job_sql co.db \
    "SELECT count(*) FROM \"Cust. Ledger Entry\" WHERE \"Open\" = 'Yes'")" = 0
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --dry-run
ok "the next run sees it" grep -qx 'would anonymize C00300' out

tcase "a row the job changes, changed during the run: the import refuses"
job_db co.db
heldjob export
job_sql co.db 'UPDATE "Cust. Ledger Entry" SET "Open" = '"'No'"
job_py dump co.db >want
touch slow/go
wait "$pid"
status_is 1 "the job fails"
ok "as a row changed" grep -qF 'a row to change was changed since the export: run again' job.err
job_py dump co.db >got
ok "only the other session's change is in" cmp got want

tcase "a second run during the first's import refuses at once, changing nothing"
job_db co.db
job_cp co.db before.db
heldjob import first
first=$pid
run 1 timeout 60 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
    --now $NOW
err_has "anonymize-customers: $(job_label co.db) is in use by another job (it holds custanon's advisory lock): nothing changed"
touch slow/go
wait "$first"
status_is 0 "the first run succeeds"
job_py changed before.db co.db >changed
job_expect_changes yes >want
ok "the rows of one run" cmp changed want
job_py log co.db >log
job_expect_log yes >want
ok "the log of one run" cmp log want
