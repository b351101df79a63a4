# The SQLite side: values go out and come back exactly (spaces, quotes,
# commas, line breaks, numeric-looking text, empty text and NULL),
# SQL-looking values stay values, missing columns and tables, the log
# table created when missing.
. "$TOP/tests/job-lib.sh"

tcase "values survive export and import exactly, NULL kept, text stays text"
job_db co.db
job_sql co.db "
UPDATE Customer SET \"Payment Terms Code\" = '  007', \"Salesperson Code\" = '1.50',
    \"Language Code\" = 'a \"q\", b', \"Currency Code\" = NULL,
    \"VAT Bus. Posting Group\" = 'two
lines', \"Privacy Blocked\" = ' 0 '
    WHERE \"No.\" IN ('C00010', 'C00120');
UPDATE Customer SET Name = ''' OR 1=1; DROP TABLE Customer; --', \"Name 2\" = '  \"x\",
y  ', City = NULL WHERE \"No.\" = 'C00120';
UPDATE \"Cust. Ledger Entry\" SET Amount = '007', \"Currency Code\" = NULL
    WHERE \"Customer No.\" = 'C00020';"
job_sql co.db "SELECT quote(\"Payment Terms Code\"), quote(\"Salesperson Code\"), quote(\"Language Code\"), quote(\"Currency Code\"), quote(\"VAT Bus. Posting Group\"), quote(\"Privacy Blocked\") FROM Customer WHERE \"No.\" = 'C00010'" >want10
job_sql co.db "SELECT quote(\"Amount\"), quote(\"Currency Code\") FROM \"Cust. Ledger Entry\" WHERE \"Customer No.\" = 'C00020'" >wantle
cp co.db before.db
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
ok "11 anonymized" grep -qx 'anonymized: 11' out
job_sql co.db "SELECT quote(\"Payment Terms Code\"), quote(\"Salesperson Code\"), quote(\"Language Code\"), quote(\"Currency Code\"), quote(\"VAT Bus. Posting Group\"), quote(\"Privacy Blocked\") FROM Customer WHERE \"No.\" = 'C00010'" >got10
ok "kept columns of an anonymized customer: exact text, NULL kept" cmp got10 want10
job_sql co.db "SELECT quote(\"Amount\"), quote(\"Currency Code\") FROM \"Cust. Ledger Entry\" WHERE \"Customer No.\" = 'C00020'" >gotle
ok "ledger rows: 007 stays '007', NULL stays NULL" cmp gotle wantle
file_is gotle <<'EOF'
'007'|NULL
'007'|NULL
EOF
job_py changed before.db co.db >changed
job_expect_changes yes >want
ok "the live customer with hostile values is untouched" cmp changed want
job_sql co.db "SELECT count(*), sum(typeof(\"Name\") = 'text') FROM Customer" >n
file_is n <<'EOF'
40|40
EOF

# Without the Anonymized column C00150 (anonymized earlier, To Anonymize
# On still set) is due again: its placeholders ("------", "nowhere.com")
# are no personal data, and the leak check must not stop on them.
tcase "a Customer table without Anonymized columns gets them; no log table: created"
job_db co.db
job_sql co.db "ALTER TABLE Customer DROP COLUMN \"Anonymized\";
ALTER TABLE Customer DROP COLUMN \"Anonymized Date\";
DROP TABLE \"Customer GDPR Log Entries\";
DROP TABLE \"NPR MM Membership\";
DELETE FROM \"Sales Header\";"
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW \
    --check-period no --without 'NPR MM Membership'
sed '/^time taken: /d' out >summary
file_is summary <<'EOF'
candidates: 5
anonymized: 4
held back: 1
  open ledger entry: 1
checks not run (--without):
  member (NPR MM Membership)
EOF
job_sql co.db "SELECT \"No.\", Anonymized, \"Anonymized Date\" FROM Customer WHERE Anonymized IS NOT NULL" >a
file_is a <<'EOF'
C00150|Yes|2026-11-29T12:00:00Z
C00320|Yes|2026-11-29T12:00:00Z
C00330|Yes|2026-11-29T12:00:00Z
C00380|Yes|2026-11-29T12:00:00Z
EOF
job_sql co.db "SELECT * FROM \"Customer GDPR Log Entries\"" >log
file_is log <<'EOF'
1|C00370|Not anonymized|open ledger entry|2026-11-29T12:00:00Z|ADMIN
2|C00150|Anonymized||2026-11-29T12:00:00Z|ADMIN
3|C00320|Anonymized||2026-11-29T12:00:00Z|ADMIN
4|C00330|Anonymized||2026-11-29T12:00:00Z|ADMIN
5|C00380|Anonymized||2026-11-29T12:00:00Z|ADMIN
EOF
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW \
    --check-period no --dry-run --without "NPR MM Membership"
ok "the added columns are read on the next run" grep -qx 'would anonymize: 0' out

tcase "a database without a Customer table, or not a database"
job_sql empty.db "CREATE TABLE x(a)"
run 1 "$PIPE/anonymize-customers" --db empty.db --user ADMIN --now $NOW
err_has "empty.db: no Customer table"
printf 'not a database\n' >junk.db
run 1 "$PIPE/anonymize-customers" --db junk.db --user ADMIN --now $NOW
err_has "junk.db:"
file_is junk.db <<'EOF'
not a database
EOF

tcase "a customer changed by someone else during the run: nothing imported"
job_db co.db
mkdir slow
cat >slow/sqlite3 <<EOF
#!/usr/bin/env bash
# sqlite3, but just before the import another user edits C00010.
case \${@: -1} in *.db) ;; *) exec "$JOB_SQLITE3" "\$@" ;; esac
# The export's session is fed step by step: pass it through.
case " \$* " in *" -readonly "*) exec "$JOB_SQLITE3" "\$@" ;; esac
script=\$(mktemp "$PWD/sql.XXXXXX")
cat >"\$script"
if grep -q '^BEGIN IMMEDIATE;' "\$script"; then
	"$JOB_SQLITE3" "\${@: -1}" "UPDATE Customer SET \"Phone No.\" = '+45 99 99 77 77' WHERE \"No.\" = 'C00010'"
fi
exec "$JOB_SQLITE3" "\$@" <"\$script"
EOF
chmod +x slow/sqlite3
job_sql co.db "UPDATE Customer SET \"Phone No.\" = '+45 99 99 77 77' WHERE \"No.\" = 'C00010'"
job_py dump co.db >want
job_db co.db
PATH=$PWD/slow:$PATH run 1 "$PIPE/anonymize-customers" --db co.db \
    --user ADMIN --now $NOW
err_has "CHECK constraint failed: a row to change was changed since the export: run again"
err_has "anonymize-customers: co.db: import failed: nothing changed"
job_py dump co.db >got
ok "only the other user's change is in" cmp got want
# The check's SQL is the job's own: a variable of the caller's
# environment named like the one PostgreSQL's passes it (SQL_SAME_KEYOP,
# lib/sql.sh) writes nothing into it.
job_db co.db
SQL_SAME_KEYOP='= o.rowid OR 1 OR o.rowid =' PATH=$PWD/slow:$PATH \
    run 1 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
err_has "a row to change was changed since the export: run again"
job_py dump co.db >got
ok "... with SQL in the environment too" cmp got want

# The export's two phases (what the checks read, then the rows to change)
# read one state: the session's read transaction lets no write commit in
# between (rollback journal), or the fetch reads the snapshot of the first
# phase (WAL, where the export runs in the session alone).
tcase "a WAL database: the same changes as with a rollback journal"
job_db co.db
cp co.db wal.db
job_sql wal.db "PRAGMA journal_mode = WAL" >mode
file_is mode <<'EOF'
wal
EOF
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
sed '/^time taken: /d' out >want
run 0 "$PIPE/anonymize-customers" --db wal.db --user ADMIN --now $NOW
sed '/^time taken: /d' out >got
ok "the same summary" cmp got want
ok "11 anonymized" grep -qx 'anonymized: 11' got
job_py dump co.db >want
job_py dump wal.db >got
ok "the same database" cmp got want

# slowcod: ./bin, the programs with a check-open-docs that creates
# ./mark and waits 3 s before it starts: the job is then between the two
# phases of its export.
slowcod() {
	mkdir bin
	ln -s "$CUSTANON_BIN"/* bin/
	rm bin/check-open-docs
	printf '#!/bin/sh\ntouch "%s/mark"\nsleep 3\nexec "%s/check-open-docs" "$@"\n' \
	    "$PWD" "$CUSTANON_BIN" >bin/check-open-docs
	chmod +x bin/check-open-docs
}

# waitmark: wait (at most 120 s: the machine may be loaded) for ./mark.
waitmark() {
	local i
	for i in $(seq 1200); do
		[ -e mark ] && return 0
		sleep 0.1
	done
	return 1
}

tcase "between the export's two phases no write commits (rollback journal)"
job_db co.db
slowcod
CUSTANON_BIN=$PWD/bin "$PIPE/anonymize-customers" --db co.db --user ADMIN \
    --now $NOW >job.out 2>job.err &
pid=$!
ok "the job reached its checks" waitmark
run 5 "$JOB_SQLITE3" -cmd '.timeout 0' co.db \
    "UPDATE Customer SET \"Phone No.\" = '+45 99 99 66 66' WHERE \"No.\" = 'C00010'"
err_has "database is locked"
wait "$pid"
status_is 0 "the job then ends well"
ok "11 anonymized" grep -qx 'anonymized: 11' job.out
job_sql co.db "SELECT count(*) FROM Customer WHERE \"Phone No.\" = '+45 99 99 66 66'" >n
file_is n <<'EOF'
0
EOF

# walchange WHAT SQL: in WAL mode, SQL (another user's change to a row the
# job changes) commits between the export's two phases: the import
# refuses, and only that change is in.
walchange() {
	tcase "WAL: $1 changed between the two phases: the import refuses"
	job_db co.db
	job_sql co.db "PRAGMA journal_mode = WAL" >/dev/null
	job_py dump co.db >before
	rm -rf bin mark
	slowcod
	CUSTANON_BIN=$PWD/bin "$PIPE/anonymize-customers" --db co.db \
	    --user ADMIN --now $NOW >job.out 2>job.err &
	pid=$!
	ok "the job reached its checks" waitmark
	job_sql co.db "$2"
	job_py dump co.db >want
	wait "$pid"
	status_is 1 "the job fails"
	ok "a row changed since the export" grep -q 'a row to change was changed since the export: run again' job.err
	job_py dump co.db >got
	ok "only the other user's change is in" cmp got want
	ok "which is a change" eval '! cmp -s before want'
}

walchange "a target customer" \
    "UPDATE Customer SET \"Phone No.\" = '+45 99 99 66 66' WHERE \"No.\" = 'C00010'"
walchange "a target's ledger entries" \
    "UPDATE \"Cust. Ledger Entry\" SET \"Open\" = 'No'"

# The import writes the columns a change file changes, not every column
# (issue 16): a trigger per column records which columns an UPDATE sets.
# A kept column (Amount, Customer Posting Group) must not be set; a scrubbed one
# (Customer Name, Name) and a stamped one (Anonymized) must: proving the
# import ran and took the narrow path.
tcase "the import sets only the columns the change files change"
job_db co.db
job_sql co.db "
CREATE TABLE seen(tab TEXT, col TEXT);
CREATE TRIGGER s1 AFTER UPDATE OF \"Amount\" ON \"Cust. Ledger Entry\"
    BEGIN INSERT INTO seen VALUES ('Cust. Ledger Entry', 'Amount'); END;
CREATE TRIGGER s2 AFTER UPDATE OF \"Customer Name\" ON \"Cust. Ledger Entry\"
    BEGIN INSERT INTO seen VALUES ('Cust. Ledger Entry', 'Customer Name'); END;
CREATE TRIGGER s3 AFTER UPDATE OF \"Customer Posting Group\" ON Customer
    BEGIN INSERT INTO seen VALUES ('Customer', 'Customer Posting Group'); END;
CREATE TRIGGER s4 AFTER UPDATE OF \"Name\" ON Customer
    BEGIN INSERT INTO seen VALUES ('Customer', 'Name'); END;
CREATE TRIGGER s5 AFTER UPDATE OF \"Anonymized\" ON Customer
    BEGIN INSERT INTO seen VALUES ('Customer', 'Anonymized'); END;"
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
ok "11 anonymized" grep -qx 'anonymized: 11' out
job_sql co.db "SELECT tab, col, count(*) > 0 FROM seen GROUP BY tab, col ORDER BY tab, col" >seen
file_is seen <<'EOF'
Cust. Ledger Entry|Customer Name|1
Customer|Anonymized|1
Customer|Name|1
EOF
