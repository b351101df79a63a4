# The walk (pipelines/lib/sqlite.sh, sq_walk, and pg.sh, pg_walk;
# lib/core.sh, core_walk): on a database with the customer-key indexes
# the nightly job checks the customers a chunk at a time in the order of
# No. and stops at the chunk where the cap is reached.  Every database it
# leaves is the one the full scan (--scan) leaves, whatever the cap, the
# chunk size and the mode; the summary says where it stopped; a database
# the walk cannot read exactly is scanned.  On SQLite; on PostgreSQL
# through job-pg-walk.sh (its test cluster's collation is C).  A case that
# compares the walk with the scan also asserts the walk ran (its chunks'
# CUSTANON_TIMES marks, walk_chunks) and the scan did not: without that
# it would pass with the walk disabled, comparing the scan with itself.
. "$TOP/tests/job-lib.sh"

# walk_dump DB: DB's every table and row, as text.
walk_dump() {
	job_sqlite "$1" dump.db
	"$JOB_SQLITE3" -init /dev/null -batch dump.db .dump
}

# walk_chunks TIMES: the chunks a run walked: its CUSTANON_TIMES marks
# "exporting customers to check (chunk N)" (lib/core.sh, core_walk), which
# only a walk writes; nothing when there is no TIMES.
walk_chunks() {
	[ -e "$1" ] || return 0
	grep -c $'\texporting customers to check (chunk [0-9]*)\t' "$1"
}

# walked WHAT: assert the last walk_same walked and its scan did not:
# else the case compares the scan with itself and passes with no walk.
walked() {
	ok "$1: the job walked" test "$(walk_chunks walk.times)" -ge 1
	ok "$1: the scan did not" test "$(walk_chunks scan.times)" = 0
}

# walk_same DB MODE CAP CHUNK: the job walked on a copy of DB (chunks of
# CHUNK customers, or the default for empty) and scanned on another leave
# the same database; the walk's summary into walk.out, the scan's into
# scan.out, their times (CUSTANON_TIMES) into walk.times and scan.times.
walk_same() {
	local db=$1 mode=$2 cap=$3 chunk=$4
	job_cp "$db" w.db
	job_cp "$db" s.db
	rm -f walk.times scan.times
	CUSTANON_WALK_CHUNK=$chunk CUSTANON_TIMES=$PWD/walk.times \
	    "$PIPE/anonymize-customers" $(job_at w.db) --check-period "$mode" \
	    --no-of-customers "$cap" --user ADMIN --now $NOW >walk.out 2>&1 ||
	    return 1
	CUSTANON_TIMES=$PWD/scan.times "$PIPE/anonymize-customers" \
	    $(job_at s.db) --scan --check-period "$mode" \
	    --no-of-customers "$cap" --user ADMIN --now $NOW >scan.out 2>&1 ||
	    return 1
	walk_dump w.db >w.sql || return 1
	walk_dump s.db >s.sql || return 1
	[ -s w.sql ] && cmp -s w.sql s.sql
}

# walk_scans WHAT SQL: on the fixture company with the indexes changed
# by SQL, the job scans: its summary counts every candidate.
walk_scans() {
	job_db co.db
	walk_index co.db
	job_sql co.db "$2"
	rm -f times
	CUSTANON_TIMES=$PWD/times CUSTANON_WALK_CHUNK=2 run 0 \
	    "$PIPE/anonymize-customers" $(job_at co.db) --no-of-customers 5 \
	    --user ADMIN --now $NOW
	ok "$1: scanned" grep -qx 'not attempted (limit reached): 17' out
	ok "$1: no chunk walked" test "$(walk_chunks times)" = 0
}

tcase "the walk leaves the database the full scan leaves: every cap, chunk size and mode"
job_db co.db
walk_index co.db
# The whole sweep once (SQLite, the release build); the sanitizer build
# and PostgreSQL, whose filters and session are those of the other cases,
# a smaller one, in chunks of 2 (a chunk costs a query and a pass of the
# filters: the same walk in half the chunks).  Cap 100 is never reached
# (11 anonymized at most): every chunk walked, the cap aside as any cap
# above 11 would be.
bad= nowalk= caps='0 1 5 100' chunks='1 4 default'
if [ "$JOB_BACKEND" != sqlite ] || [ "${FLAVOUR:-rel}" != rel ]; then
	caps='0 5 100' chunks='2 default'
fi
if [ "$JOB_BACKEND" != sqlite ] && [ "${FLAVOUR:-rel}" != rel ]; then
	caps=5 chunks=2
fi
for mode in yes no; do
	for cap in $caps; do
		for chunk in $chunks; do
			[ "$chunk" != default ] || chunk=
			[ "$mode" = yes ] || [ "$chunk" != 4 ] || continue
			walk_same co.db "$mode" "$cap" "$chunk" ||
			    bad+=" $mode/$cap/${chunk:-default}"
			[ "$(walk_chunks walk.times)" -ge 1 ] &&
			    [ "$(walk_chunks scan.times)" = 0 ] ||
			    nowalk+=" $mode/$cap/${chunk:-default}"
		done
	done
done
ok "the same database after the walk and the scan (failed:${bad:-none})" \
    test -z "$bad"
ok "each time the job walked and the scan did not (failed:${nowalk:-none})" \
    test -z "$nowalk"

tcase "the walk stops at the chunk where the cap is reached, and says so"
job_db co.db
walk_index co.db
ok "cap 5, chunks of 4" walk_same co.db yes 5 4
# C00010 to C00080: the first five candidates, all anonymized.
sed '/^time taken: /d' walk.out >summary
file_is summary <<'EOF'
candidates: 5
anonymized: 5
held back: 0
not examined (limit reached): the customers after C00080
EOF
ok "two chunks of 4 customers reach C00080" test "$(walk_chunks walk.times)" = 2
ok "the scan counts every candidate past the cap" \
    grep -qx 'not attempted (limit reached): 17' scan.out
ok "cap 100: one walk over every chunk" walk_same co.db yes 100 4
# 40 customers: 10 full chunks, and an 11th that finds none left.
ok "... 40 customers in 11 chunks" test "$(walk_chunks walk.times)" = 11
sed '/^time taken: /d' walk.out >w
sed '/^time taken: /d' scan.out >s
ok "the cap not reached: the same summary as the scan" cmp -s w s
ok "cap 0: nothing anonymized" walk_same co.db yes 0 4
walked "cap 0"
ok "... nobody examined" grep -qx \
    'not examined (limit reached): every customer' walk.out
ok "default chunks on a small company: one pass over all" \
    walk_same co.db no 1 ''
ok "... one chunk" test "$(walk_chunks walk.times)" = 1

tcase "a chunk size that is not a whole number above 0 is a usage error"
job_db co.db
walk_index co.db
for n in 0 x -3 1e3; do
	CUSTANON_WALK_CHUNK=$n run 2 "$PIPE/anonymize-customers" \
	    $(job_at co.db) --user ADMIN --now $NOW
	err_has "CUSTANON_WALK_CHUNK takes a whole number above 0"
done

tcase "a dry run walks too: the same customers listed"
job_db co.db
walk_index co.db
CUSTANON_TIMES=$PWD/walk.times CUSTANON_WALK_CHUNK=3 run 0 \
    "$PIPE/anonymize-customers" $(job_at co.db) --no-of-customers 5 \
    --user ADMIN --now $NOW --dry-run
grep '^would ' out >walk
CUSTANON_TIMES=$PWD/scan.times run 0 "$PIPE/anonymize-customers" \
    $(job_at co.db) --scan --no-of-customers 5 --user ADMIN --now $NOW \
    --dry-run
grep '^would ' out >scan
ok "the same lines" cmp -s walk scan
ok "five would be anonymized" test "$(grep -c '^would anonymize ' walk)" = 5
walked "the dry run"

if [ "$JOB_BACKEND" = pg ]; then
	tcase "an index that does not order keys in bytes, or not unique: the job scans"
	walk_scans "text_pattern_ops on a check key" 'DROP INDEX "t_cle_customer"; CREATE INDEX "t_cle_customer" ON "Cust. Ledger Entry"("Customer No." text_pattern_ops);'
	walk_scans "a hash index on No." 'DROP INDEX "t_customer_no"; CREATE INDEX "t_customer_no" ON "Customer" USING hash ("No.");'
	walk_scans "a descending index on a check key" 'DROP INDEX "t_sh_sellto"; CREATE INDEX "t_sh_sellto" ON "Sales Header"("Sell-to Customer No." DESC);'
	return 0
fi

tcase "in WAL mode the walk gives the same database"
job_db co.db
walk_index co.db
job_sql co.db 'PRAGMA journal_mode = WAL' >/dev/null
ok "cap 5, chunks of 2" walk_same co.db yes 5 2
ok "... it walked" grep -q '^not examined (limit reached)' walk.out
walked "WAL"

tcase "without a unique index on No., or with a NOCASE index, the job scans"
walk_scans "a plain index on No." 'DROP INDEX "t_customer_no"; CREATE INDEX "t_customer_no" ON "Customer"("No.");'
walk_scans "a NOCASE index on a check key" 'DROP INDEX "t_cle_customer"; CREATE INDEX "t_cle_customer" ON "Cust. Ledger Entry"("Customer No." COLLATE NOCASE);'
walk_scans "a check key without an index" 'DROP INDEX "t_mm_customer";'
walk_scans "an empty No." "UPDATE Customer SET \"No.\" = '' WHERE \"No.\" = 'C00910'"

# A BLOB key exports as its bytes, so the filters match it as text, but
# an index orders it after all text: a range or an IN through the index
# would miss it.
tcase "a BLOB key: a check key makes the job scan; a changed table's is fetched"
job_db co.db
walk_index co.db
# C00200 has an open ledger entry: held back however its key is stored.
job_sql co.db "UPDATE \"Cust. Ledger Entry\" SET \"Customer No.\" = CAST(\"Customer No.\" AS BLOB) WHERE \"Customer No.\" = 'C00200'"
ok "a BLOB ledger key: the same database" walk_same co.db yes 11 2
ok "... scanned" grep -qx 'not attempted (limit reached): 1' walk.out
ok "... no chunk walked" test "$(walk_chunks walk.times)" = 0
job_sql w.db "SELECT Reason FROM \"Customer GDPR Log Entries\" WHERE \"Customer No.\" = 'C00200' AND Status = 'Not anonymized'" >reason
file_is reason <<'EOF'
open ledger entry
EOF
job_db co.db
walk_index co.db
# SI-103003's bill-to customer C00030 is anonymized at cap 5.
job_sql co.db "UPDATE \"Sales Invoice Header\" SET \"Bill-to Customer No.\" = CAST(\"Bill-to Customer No.\" AS BLOB) WHERE \"No.\" = 'SI-103003'"
job_sql co.db "SELECT quote(\"Bill-to Name\") FROM \"Sales Invoice Header\" WHERE \"No.\" = 'SI-103003'" >before
ok "a BLOB bill-to key of an invoice: the same database" walk_same co.db yes 5 2
ok "... walked" grep -q '^not examined (limit reached)' walk.out
walked "a BLOB bill-to key"
job_sql w.db "SELECT quote(\"Bill-to Name\") FROM \"Sales Invoice Header\" WHERE \"No.\" = 'SI-103003'" >after
ok "... the invoice was fetched and its bill-to side scrubbed" \
    test "$(cat before)/$(cat after)" = "'Zoë Marchetti'/'------'"
