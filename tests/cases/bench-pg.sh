# The benchmark's section pg (bench/run, BENCH_ONLY=pg) at a tiny scale,
# on the test server of tests/pg/with-cluster (without one, reported
# skipped): the company loaded into PostgreSQL, custanon's --pg scan and
# walk beside the SQL job written for PostgreSQL, the report's rows, the
# logs compared, and a bench whose two jobs log differently fails.  Not
# a measurement: the figures of 300 customers are start-up costs.

if [ -n "${CUSTANON_TEST_PG_ERROR:-}" ]; then
	echo "FAIL $_tfile: PostgreSQL: $CUSTANON_TEST_PG_ERROR" >>"$RESULTS"
	printf '  %s: PostgreSQL: %s\n' "$_tfile" \
	    "$CUSTANON_TEST_PG_ERROR" >>"$FAILLOG"
	return 0
elif [ -z "${CUSTANON_TEST_PG:-}" ]; then
	tskip "${CUSTANON_TEST_PG_SKIP:-no PostgreSQL server for the tests (run them through tests/pg/with-cluster)}"
	return 0
fi

# The job's private folders and the loader's scratch in $WORK.
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR"

# bench TREE VAR=VALUE...: TREE/bench/run, section pg, 300 customers, a
# cap of 20 and walk chunks of 50 (so that the walk stops before the
# end), into ./w.
bench() {
	local tree=$1
	shift
	run "${WANT:-0}" env BENCH_ONLY=pg BENCH_CUSTOMERS=300 BENCH_RUNS=1 \
	    BENCH_CAP=20 CUSTANON_WALK_CHUNK=50 BENCH_WORK="$PWD/w" \
	    BENCH_BIN="$(dirname "$(command -v scrub)")" \
	    BENCH_TOOLS="$(dirname "$(command -v gencompany)")" "$@" \
	    "$tree/bench/run"
}

# bench_dbs: the databases the bench left on the server.
bench_dbs() {
	psql -X -w -A -t -d "$CUSTANON_TEST_PG" -c "SELECT datname
	    FROM pg_database WHERE datname LIKE 'custanon\_bench\_%'"
}

tcase 'section pg: the jobs on PostgreSQL, their rows, the logs agree'
bench "$TOP"
err_has 'loading the company into PostgreSQL'
r=w/results.md
ok 'the section' grep -qxF \
    '## The whole job on PostgreSQL (CHECK_PERIOD = Yes)' "$r"
ok 'its load' grep -qF \
    '| (setup: load: tests/pg/load-company --csvget, once) |' "$r"
ok 'the scan' grep -qE '^\| `anonymize-customers --pg --scan` \| [0-9.]+ ' "$r"
ok 'the walk' grep -qE '^\| `anonymize-customers --pg, indexed` \| [0-9.]+ ' "$r"
ok 'the scan against the set-based SQL job' grep -qE \
    '^\| `anonymize-customers --pg` vs SQL job in PostgreSQL without the customer-key indexes \(pg-job.sql, set-based\), `--pg --scan` \| [0-9.]+ s, [0-9.]+ MiB \| [0-9.]+ s, [0-9.]+ MiB \| [0-9.]+× \| – \| faster: ≥ 1× ' "$r"
ok 'the walk against the indexed SQL job' grep -qE \
    '^\| `anonymize-customers --pg` vs SQL job in PostgreSQL with the customer-key indexes \(pg-job-indexed.sql, .* \| [0-9.]+× \| – \| within 5×: ≥ 0.2× ' "$r"
ok 'custanon and the SQL job logged the same' grep -qF \
    'On PostgreSQL, the SQL job (pg-job.sql) and custanon (`--pg --scan`) logged the same customers with the same statuses and reasons: yes.' "$r"
ok 'the walk logged as the scan' grep -qF \
    'On PostgreSQL, custanon walking the indexed database logged the same as scanning the one without the indexes: yes.' "$r"
ok 'the two SQL jobs logged the same' grep -qF \
    'On PostgreSQL, the SQL job walked through the indexes (pg-job-indexed.sql) logged the same as the set-based one: yes.' "$r"
ok 'the job walked' grep -qF \
    'The job walked the indexed database (stopped at the cap with customers left unexamined): yes.' "$r"
ok 'the logs are the same rows' cmp w/log-pg-custanon.tsv w/log-pg-sql.tsv
ok 'twenty anonymized' test "$(grep -c $'\tAnonymized\t' w/log-pg-sql.tsv)" = 20
ok 'some held back' grep -q $'\tNot anonymized\t.' w/log-pg-sql.tsv
ok 'no database left on the server' test -z "$(bench_dbs)"
# Kept for the next case: the company, generated once.
mv w "$WORK/w"

tcase 'section pg: a SQL job that logs otherwise fails the bench'
# A copy of the bench whose SQL job logs another status.
mkdir -p tree
cp -R "$TOP/bench" tree/bench
for d in pipelines tests fixtures; do
	ln -s "$TOP/$d" "tree/$d"
done
sed -i "s/THEN 'Anonymized'/THEN 'Anonymised'/" tree/bench/sql/apply.sql
ok 'the status changed' grep -qF "THEN 'Anonymised'" tree/bench/sql/apply.sql
mv "$WORK/w" w
WANT=1 bench "$PWD/tree"
err_has 'two jobs that must log the same did not (PGSAME): see'
r=w/results.md
ok 'the report says so' grep -qF \
    'On PostgreSQL, the SQL job (pg-job.sql) and custanon (`--pg --scan`) logged the same customers with the same statuses and reasons: **no**.' "$r"
ok 'the two SQL jobs still agree' grep -qF \
    'On PostgreSQL, the SQL job walked through the indexes (pg-job-indexed.sql) logged the same as the set-based one: yes.' "$r"
ok 'no database left on the server' test -z "$(bench_dbs)"
