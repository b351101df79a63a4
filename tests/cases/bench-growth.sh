# The benchmark's section growth (bench/run, BENCH_ONLY=growth) at tiny
# sizes: a company and its database at each size, the job --db and
# --dir/--out on them, the report's table, stages and verdicts; a size
# the disk cannot hold is skipped and said so; each size's data deleted
# unless BENCH_KEEP=1.  Not a measurement: at these sizes the times are
# start-up costs.

# The job's private folders and the loader's scratch in $WORK.
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR"

# growth SIZES VAR=VALUE...: bench/run, section growth, cap 20, into ./w.
growth() {
	local sizes=$1
	shift
	run 0 env BENCH_ONLY=growth BENCH_GROWTH="$sizes" BENCH_CAP=20 \
	    BENCH_WORK="$PWD/w" \
	    BENCH_BIN="$(dirname "$(command -v scrub)")" \
	    BENCH_TOOLS="$(dirname "$(command -v gencompany)")" "$@" \
	    "$TOP/bench/run"
}

tcase 'section growth: each size measured, its data deleted, the verdicts'
# 999,999,999,999 customers: more than any disk holds.
growth '200 400 999999999999'
err_has 'growth: 200 customers'
err_has 'growth: 400 customers'
err_has 'growth: 999999999999 customers: about'
r=w/results.md
ok 'the section' grep -qxF '## How the cost grows' "$r"
ok 'a row for 200' grep -qE \
    '^\| 200 \| [0-9]+ MB \| [0-9]+ MB \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ MiB \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ MiB \| ' "$r"
ok 'a row for 400' grep -qE '^\| 400 \| [0-9]+ MB \| ' "$r"
ok 'the stages by size' grep -qE '^\| leak check \| [0-9.]+ \| [0-9.]+ \|$' "$r"
ok 'the growth from 200 to 400' grep -qE \
    '^\| 200 → 400 \| 2\.0 \| [0-9.]+ \| -?[0-9.]+ \| [0-9.]+ \| -?[0-9.]+ \| -?[0-9.]+ B, -?[0-9.]+ B \|$' "$r"
ok 'the time verdict' grep -qE \
    '^Time: linear or better \(every k ≤ 1\.1\): (yes|\*\*no\*\*) \(largest k -?[0-9.]+\)\. Memory: bounded by the key maps' "$r"
ok 'the size left out, said so' grep -qE \
    '^Not measured: 999,999,999,999 customers: not run: it needs about [0-9]+ GB of disk, [0-9]+ GB were free\.$' "$r"
ok_not 'no row for it' grep -qE '^\| 999,999,999,999 \|' "$r"
ok 'no company of the PostgreSQL or job sections' \
    test -z "$(ls -d w/company-* 2>/dev/null)"
ok 'each size deleted once measured' \
    test -z "$(ls -d w/growth-* 2>/dev/null)"
ok 'the table of sizes' test "$(cut -f1 w/growth.tsv | tr '\n' ' ')" = \
    '200 400 999999999999 '

tcase 'section growth: BENCH_KEEP=1 keeps the data'
growth 200 BENCH_KEEP=1
ok 'the company kept' test -s w/growth-200/Customer.csv
ok 'its database kept' test -s w/growth-200.db
ok 'anonymized by the job --db' test "$(sqlite3 w/growth-200.db \
    "SELECT count(*) FROM \"Customer GDPR Log Entries\"
     WHERE \"Status\" = 'Anonymized'")" = 20
