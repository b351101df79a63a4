# tests/job-lib.sh: helpers of the end-to-end cases (tests/cases/job-*.sh),
# which source it; it defines no case of its own.
#
# The pipelines under test are $TOP/pipelines/...; they run the programs
# of the flavour under test: CUSTANON_BIN is the folder of the scrub on
# PATH.  Python's sqlite3 module is the independent eye that compares
# databases.
#
# The backend: JOB_BACKEND=sqlite (the default) or pg, which the
# job-pg-*.sh files set before sourcing a case file, so that the same
# cases run against PostgreSQL.  A database is named by a handle, a path
# in the case's folder: the SQLite file, or for PostgreSQL a file holding
# "pg:NAME", NAME a database on the test server that tests/pg/with-cluster
# starts (PGHOST, PGPORT, PGUSER and CUSTANON_TEST_PG in the
# environment).  Without a server a PostgreSQL case file reports itself
# skipped (CUSTANON_TEST_PG unset; CUSTANON_TEST_PG_SKIP says why) or
# failed (CUSTANON_TEST_PG_ERROR: installed, but it did not start).  Its
# databases are dropped when the case file ends.
#
#   job_db DB [DIR]    a new database from DIR/*.csv (default: the
#                      fixture company), one table per file, every
#                      column TEXT, every value the file's text
#   job_cp DB COPY     COPY: a new database with DB's content
#   job_at DB          the pipelines' option naming DB, one word each:
#                      --db FILE or --pg dbname=NAME
#   job_label DB       DB as the pipelines' messages name it
#   job_sql DB [SQL]   run SQL (default: standard input) on DB
#   job_integrity DB   "ok" when DB is sound
#   job_sqlite DB FILE FILE: a SQLite database with DB's tables and rows
#   job_py ...         the Python side, on SQLite files (a PostgreSQL
#                      handle among its arguments is read into one first);
#                      its failure fails the case
#   job_wrap DIR       a stand-in for the database client

[ -n "${JOB_LIB:-}" ] && return 0
JOB_LIB=1

PIPE=$TOP/pipelines
FIX=$TOP/fixtures/company
EXPECT=$TOP/fixtures/expected
NOW=2026-11-29T12:00:00Z
CUSTANON_BIN=$(dirname "$(command -v scrub)")
export CUSTANON_BIN
JOB_SQLITE3=$(command -v sqlite3)
JOB_PSQL=$(command -v psql || true)
JOB_BACKEND=${JOB_BACKEND:-sqlite}
# The pipelines' private folders go here, where a case can look: their
# work folders in JOB_WORK (XDG_RUNTIME_DIR, which would come first, is
# unset).
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR"
unset XDG_RUNTIME_DIR
JOB_WORK=$TMPDIR/custanon-$(id -u)

# db_bad SQL: co.db, the fixture company changed by SQL; its dump in
# ./before (for db_unchanged).
db_bad() {
	job_db co.db
	job_sql co.db "$1"
	job_py dump co.db >before
}

# db_unchanged: co.db as ./before.
db_unchanged() {
	job_py dump co.db >after
	ok "the database unchanged" cmp before after
}

# job_nowork: no work folder is left in JOB_WORK (its lock file aside).
job_nowork() {
	[ -z "$(ls -A "$JOB_WORK" 2>/dev/null | grep -vx '\.lock')" ]
}

# job_unavailable SKIP|FAIL REASON: end the case file at once, reporting
# it skipped (no PostgreSQL) or failed (PostgreSQL, but not working).
job_unavailable() {
	if [ "$1" = SKIP ] && declare -F tskip >/dev/null; then
		tskip "$2"
	elif [ "$1" = SKIP ]; then
		echo "SKIP $_tfile: $2" >>"$RESULTS"
	else
		echo "FAIL $_tfile: PostgreSQL: $2" >>"$RESULTS"
		printf '  %s: PostgreSQL: %s\n' "$_tfile" "$2" >>"$FAILLOG"
	fi
	exit 0
}

# job_pg ARG...: psql on the test server: quiet, unaligned, tuples only.
job_pg() {
	PGCLIENTENCODING=UTF8 "$JOB_PSQL" -X -w -q -A -t -v ON_ERROR_STOP=1 \
	    "$@"
}

# job_pgadm SQL: SQL on the test server's maintenance database.
job_pgadm() {
	job_pg -d "$CUSTANON_TEST_PG" -c "$1"
}

JOB_PGPFX=ct_$$_
JOB_NDB=0
if [ "$JOB_BACKEND" = pg ]; then
	if [ -n "${CUSTANON_TEST_PG_ERROR:-}" ]; then
		job_unavailable FAIL "$CUSTANON_TEST_PG_ERROR"
	elif [ -z "${CUSTANON_TEST_PG:-}" ]; then
		job_unavailable SKIP "${CUSTANON_TEST_PG_SKIP:-no PostgreSQL server for the tests (run them through tests/pg/with-cluster)}"
	elif [ -z "$JOB_PSQL" ]; then
		job_unavailable FAIL "psql not found"
	elif ! job_pgadm 'SELECT 1' >/dev/null; then
		job_unavailable FAIL "the test server does not answer"
	fi
	# The fixture company, loaded once per server and content: the
	# template of the cases' databases.
	JOB_PGFIX=custanon_fx_$(cat "$TOP/tests/pg/load-company" "$FIX"/*.csv |
	    md5sum | cut -c 1-12)
	# job_pgdrop: drop the databases of this case file.
	job_pgdrop() {
		local d
		job_pgadm "SELECT datname FROM pg_database WHERE datname LIKE '${JOB_PGPFX//_/\\_}%'" |
		    while IFS= read -r d; do
			job_pgadm "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)"
		done
	}
	trap job_pgdrop EXIT
fi

# job_pgname DB: the PostgreSQL database of handle DB; nothing when DB
# is not a PostgreSQL handle.
job_pgname() {
	local l=
	if [ -f "$1" ] && [ "$(head -c 3 -- "$1")" = pg: ]; then
		IFS= read -r l <"$1"
		printf '%s\n' "${l#pg:}"
	fi
}

# job_pgnew DB [TEMPLATE]: DB, the handle of a new PostgreSQL database,
# empty or a copy of database TEMPLATE.
job_pgnew() {
	local name
	JOB_NDB=$((JOB_NDB + 1))
	name=$JOB_PGPFX$JOB_NDB
	job_pgadm "CREATE DATABASE \"$name\"${2:+ TEMPLATE \"$2\"}" || return 1
	rm -f -- "$1"
	printf 'pg:%s\n' "$name" >"$1"
}

# job_pgfixture: the fixture company's template database, made when
# missing.
job_pgfixture() {
	local t=${JOB_PGPFX}fx
	[ "$(job_pgadm "SELECT count(*) FROM pg_database WHERE datname = '$JOB_PGFIX'")" = 1 ] &&
	    return 0
	job_pgadm "CREATE DATABASE \"$t\"" &&
	    "$TOP/tests/pg/load-company" "dbname=$t" "$FIX" || return 1
	# Another run may have made it meanwhile.
	job_pgadm "ALTER DATABASE \"$t\" RENAME TO \"$JOB_PGFIX\"" 2>/dev/null ||
	    job_pgadm "DROP DATABASE \"$t\""
}

# job_files: the names of the change files a --dir run on the fixture
# company writes (CHECK_PERIOD = Yes), sorted: one for each table with a
# row the fixture's model changes (fixtures/expected/changes.csv), and
# the log's; job_nfiles: how many.
job_files() {
	{ echo 'Customer GDPR Log Entries.csv'
	  csvget --where 'Run=yes' "$TOP/fixtures/expected/changes.csv" Table |
	    sed 's|%|%25|g; s|/|%2F|g; s|$|.csv|'; } | sort -u
}
job_nfiles() {
	job_files | wc -l
}

# job_drop_shared DB: delete from DB's Contact the fixture's contacts that
# a live relation shares (a vendor, the live C00910), which the job keeps
# as they are on purpose (job-contacts.sh), so that a scan for original
# values passes them over.
job_drop_shared() {
	job_sql "$1" "DELETE FROM \"Contact\" WHERE \"No.\" IN ('CT00110', 'CT00240', 'CT00241')"
}

# job_db DB [DIR]: a new database from DIR/*.csv (default: the fixture
# company), one table per file, every column TEXT.
job_db() {
	local db=$1 dir=${2:-$FIX} f t c cols sql=$'.bail on\nBEGIN;\n'
	if [ "$JOB_BACKEND" = pg ]; then
		if [ "$dir" = "$FIX" ]; then
			job_pgfixture && job_pgnew "$db" "$JOB_PGFIX"
		else
			job_pgnew "$db" && "$TOP/tests/pg/load-company" \
			    "dbname=$(job_pgname "$db")" "$dir"
		fi
		return
	fi
	rm -f -- "$db"
	if [ "$dir" = "$FIX" ] && [ -s "$WORK/fixture.db" ]; then
		cp "$WORK/fixture.db" "$db"
		return
	fi
	for f in "$dir"/*.csv; do
		t=$(basename "$f" .csv)
		cols=
		while IFS= read -r c; do
			cols+="${cols:+, }\"${c//\"/\"\"}\" TEXT"
		done < <(csvget --header "$f")
		sql+="CREATE TABLE \"${t//\"/\"\"}\"($cols);"$'\n'
		sql+=".import --csv --skip 1 '$f' '$t'"$'\n'
	done
	sql+=$'COMMIT;\n'
	"$JOB_SQLITE3" -init /dev/null -batch "$db" <<<"$sql"
	if [ "$dir" = "$FIX" ]; then
		cp "$db" "$WORK/fixture.db"
	fi
}

# job_cp DB COPY: COPY, a new database with DB's content.
job_cp() {
	local name
	name=$(job_pgname "$1")
	if [ -n "$name" ]; then
		job_pgnew "$2" "$name"
	else
		cp -- "$1" "$2"
	fi
}

# job_at DB: the option naming DB for the pipelines.
job_at() {
	local name
	name=$(job_pgname "$1")
	if [ -n "$name" ]; then
		printf -- '--pg dbname=%s\n' "$name"
	else
		printf -- '--db %s\n' "$1"
	fi
}

# job_label DB: DB as the pipelines' messages name it.
job_label() {
	local name
	name=$(job_pgname "$1")
	if [ -n "$name" ]; then
		printf "PostgreSQL database '%s'\n" "$name"
	else
		printf '%s\n' "$1"
	fi
}

# job_integrity DB: "ok" when DB is sound: SQLite's integrity check;
# PostgreSQL: no session of the pipelines is left open on it (a killed
# job's goes within 5 s, its transaction rolled back).
job_integrity() {
	local name i
	name=$(job_pgname "$1")
	if [ -z "$name" ]; then
		job_sql "$1" 'PRAGMA integrity_check'
		return
	fi
	for i in $(seq 50); do
		if [ "$(job_pgadm "SELECT count(*) FROM pg_stat_activity WHERE datname = '$name' AND application_name = 'custanon'")" = 0 ]; then
			echo ok
			return
		fi
		sleep 0.1
	done
	echo "a session of the pipelines is still open"
}

# job_sqlite DB FILE: FILE, a new SQLite database with DB's tables and
# rows, values as they are (text, NULL).  From PostgreSQL: the tables of
# the current schema, columns TEXT, each table's rows in the order of
# their primary key (tables.csv) and then of the whole row, bytes.
job_sqlite() {
	local name
	name=$(job_pgname "$1")
	rm -f -- "$2"
	if [ -z "$name" ]; then
		cp -- "$1" "$2"
		return
	fi
	PGCLIENTENCODING=UTF8 python3 - "$TOP/pipelines/rules/tables.csv" "$JOB_PSQL" \
	    "$name" "$2" <<'PY'
import csv, json, sqlite3, subprocess, sys

tables, psql_, name, out = sys.argv[1:]

def q(n):
    return '"' + n.replace('"', '""') + '"'

def psql(script):
    r = subprocess.run([psql_, "-X", "-w", "-q", "-A", "-t", "-v",
                        "ON_ERROR_STOP=1", "-d", "dbname=" + name, "-f", "-"],
                       input=script.encode(), capture_output=True)
    if r.returncode:
        sys.exit(r.stderr.decode())
    return r.stdout.decode().splitlines()

with open(tables, newline="", encoding="utf-8") as f:
    pks = {r["table"]: r["primary key"].split("|") for r in csv.DictReader(f)}
meta = json.loads(psql(
    "SELECT coalesce(jsonb_agg(jsonb_build_array(c.relname, "
    "(SELECT jsonb_agg(a.attname ORDER BY a.attnum) FROM pg_attribute AS a "
    "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) "
    "ORDER BY c.relname), '[]') FROM pg_class AS c "
    "WHERE c.relkind = 'r' AND c.relnamespace = "
    "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())")[0])
script = ""
for t, cols in meta:
    order = ["CAST(t.%s AS text) COLLATE \"C\"" % q(k)
             for k in pks.get(t, []) if k in cols]
    order.append("CAST(t AS text) COLLATE \"C\"")
    # A function takes at most 100 arguments: a wide table's row is
    # built 100 columns at a time.
    vals = ["CAST(t.%s AS text)" % q(c) for c in cols]
    row = " || ".join("jsonb_build_array(%s)" % ", ".join(vals[i:i + 100])
                      for i in range(0, len(vals), 100)) or \
        "jsonb_build_array()"
    script += ("SELECT coalesce(jsonb_agg(%s ORDER BY %s), "
               "'[]') FROM %s AS t;\n" % (row, ", ".join(order), q(t)))
rows = psql(script) if meta else []
db = sqlite3.connect(out)
for (t, cols), line in zip(meta, rows):
    db.execute("CREATE TABLE %s (%s)" % (
        q(t), ", ".join(q(c) + " TEXT" for c in cols)))
    db.executemany("INSERT INTO %s VALUES (%s)" % (
        q(t), ", ".join("?" * len(cols))), json.loads(line))
db.commit()
PY
}

# job_py COMMAND ARG...: the Python side.
#   dump DB [TABLE...]       every row of every table but TABLEs, exactly
#                            (types and bytes), in rowid order
#   rows DB [TABLE...]       the same without rowids, each table's rows in
#                            the order of their primary key (tables.csv),
#                            then of the whole row: comparable across
#                            backends
#   changed BEFORE AFTER     "Table<TAB>key" of each row that differs
#                            (keys as in tables.csv), sorted; rows added
#                            or removed as "+Table" / "-Table"; the log
#                            table left out
#   leaks BEFORE AFTER NO... every cell of AFTER holding an original
#                            personal value (of five characters or more)
#                            of customer NO in BEFORE
#   log DB                   the log rows: No., Status, Reason, User,
#                            Logged At (tab-separated), sorted by No.
#   apply DB DIR             apply a folder of change files to DB: each
#                            row updates the row with its primary key
#                            (exactly one), the log rows are appended
#                            with Entry No. = the largest + 1, ...
# A PostgreSQL handle is first read into a SQLite file (job_sqlite); apply
# takes a SQLite file only.  When the Python side fails, the case fails:
# what it wrote is cut short (an empty dump compares equal to another).
job_py() {
	local st=0
	_job_py "$@" || st=$?
	[ "$st" = 0 ] || _tbad "job_py $1 failed (exit $st)"
	return "$st"
}

_job_py() {
	local a n=0
	local -a args=()
	for a in "$@"; do
		if [ -n "$(job_pgname "$a")" ]; then
			n=$((n + 1))
			mkdir -p "$WORK/snap"
			job_sqlite "$a" "$WORK/snap/$n.db" || return 1
			a=$WORK/snap/$n.db
		fi
		args+=("$a")
	done
	python3 - "$TOP/pipelines/rules/tables.csv" "${args[@]}" <<'PY'
import csv, sqlite3, sys

tables, cmd, args = sys.argv[1], sys.argv[2], sys.argv[3:]
LOG = "Customer GDPR Log Entries"

def q(name):
    return '"' + name.replace('"', '""') + '"'

def names(db):
    return [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

def cols(db, t):
    return [r[1] for r in db.execute(
        "SELECT * FROM pragma_table_info(?) ORDER BY cid", (t,))]

def pks():
    with open(tables, newline="", encoding="utf-8") as f:
        return {r["table"]: r["primary key"].split("|")
                for r in csv.DictReader(f)}

if cmd == "dump":
    db = sqlite3.connect(args[0])
    for t in names(db):
        if t in args[1:]:
            continue
        print(t, "columns", repr(cols(db, t)), sep="\t")
        for row in db.execute("SELECT rowid, * FROM %s ORDER BY rowid" % q(t)):
            print(t, row[0], repr(row[1:]), sep="\t")
elif cmd == "rows":
    db = sqlite3.connect(args[0])
    keys = pks()
    for t in names(db):
        if t in args[1:]:
            continue
        c = cols(db, t)
        print(t, "columns", repr(c), sep="\t")
        k = [c.index(x) for x in keys.get(t, []) if x in c]
        def order(r):
            return ([str(r[i]).encode() for i in k], repr(r).encode())
        for row in sorted(db.execute("SELECT * FROM %s" % q(t)), key=order):
            print(t, repr(row), sep="\t")
elif cmd == "changed":
    a, b = sqlite3.connect(args[0]), sqlite3.connect(args[1])
    keys = pks()
    out = []
    for t in names(a):
        if t == LOG:
            continue
        ca, cb = cols(a, t), cols(b, t)
        ra = {r[0]: r for r in a.execute("SELECT rowid, * FROM %s" % q(t))}
        rb = {r[0]: r for r in b.execute("SELECT rowid, * FROM %s" % q(t))}
        for rid in set(ra) - set(rb):
            out.append("-" + t)
        for rid in set(rb) - set(ra):
            out.append("+" + t)
        for rid in set(ra) & set(rb):
            da = dict(zip(ca, ra[rid][1:]))
            db_ = dict(zip(cb, rb[rid][1:]))
            if da != db_:
                k = "|".join(str(da[c]) for c in keys.get(t, ["rowid"]))
                out.append(t + "\t" + k)
    print("\n".join(sorted(out)))
elif cmd == "leaks":
    a, b = sqlite3.connect(args[0]), sqlite3.connect(args[1])
    personal = ["Name", "Search Name", "Name 2", "Address", "Address 2",
                "Contact", "Phone No.", "Mobile Phone No.", "Fax No.",
                "Telex No.", "E-Mail", "Home Page", "VAT Registration No.",
                "GLN"]
    c = cols(a, "Customer")
    values = []
    for no in args[2:]:
        row = a.execute('SELECT * FROM "Customer" WHERE "No." = ?',
                        (no,)).fetchone()
        for col, v in zip(c, row):
            if col in personal and v and len(v.strip()) >= 5:
                values.append((no, col, v.strip().casefold()))
    for t in names(b):
        tc = cols(b, t)
        for row in b.execute("SELECT rowid, * FROM %s" % q(t)):
            for col, cell in zip(tc, row[1:]):
                if not isinstance(cell, str):
                    continue
                cf = cell.casefold()
                for no, vc, v in values:
                    if v in cf:
                        print("%s:%s:%s: %s of %s" % (t, row[0], col, vc, no))
elif cmd == "apply":
    import os
    db = sqlite3.connect(args[0])
    keys = pks()
    for f in sorted(os.listdir(args[1])):
        t = f[:-4]
        with open(os.path.join(args[1], f), newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        head, rows = rows[0], rows[1:]
        if t == LOG:
            if t not in names(db):
                db.execute("CREATE TABLE %s (%s)" % (q(t), ", ".join(
                    q(c) + " TEXT" for c in ["Entry No."] + head)))
            n = db.execute('SELECT ifnull(max(CAST("Entry No." AS INTEGER)), 0) '
                           'FROM %s' % q(t)).fetchone()[0]
            for r in rows:
                n += 1
                db.execute("INSERT INTO %s (%s) VALUES (%s)" % (
                    q(t), ", ".join(q(c) for c in ["Entry No."] + head),
                    ", ".join("?" * (len(head) + 1))), [str(n)] + r)
            continue
        have = cols(db, t)
        for c in head:
            if c not in have:
                db.execute("ALTER TABLE %s ADD COLUMN %s TEXT" % (q(t), q(c)))
        k = keys[t]
        for r in rows:
            d = dict(zip(head, r))
            cur = db.execute("UPDATE %s SET %s WHERE %s" % (
                q(t), ", ".join(q(c) + " = ?" for c in head),
                " AND ".join(q(c) + " = ?" for c in k)),
                r + [d[c] for c in k])
            if cur.rowcount != 1:
                sys.exit("%s: %d rows for one change" % (f, cur.rowcount))
    db.commit()
elif cmd == "log":
    db = sqlite3.connect(args[0])
    rows = db.execute('SELECT "Customer No.", "Status", "Reason", "User", '
                      '"Logged At" FROM %s' % q(LOG)).fetchall()
    for r in sorted(rows):
        print(*r, sep="\t")
PY
}

# job_expect_changes RUN: the rows the run changes, "Table<TAB>key",
# sorted (fixtures/expected/changes.csv).
job_expect_changes() {
	csvget --where "Run='$1'" "$EXPECT/changes.csv" Table Key | LC_ALL=C sort
}

# job_expect OUTCOME RUN: the customers with that outcome in the run.
job_expect() {
	csvget --where "Run='$2'" --where "Outcome=$1" "$EXPECT/outcomes.csv" \
	    'Customer No.'
}

# job_expect_log RUN: the log rows the run writes (No., Status, Reason,
# User, Logged At), sorted.
job_expect_log() {
	local no outcome reason
	while IFS=$'\t' read -r no outcome reason; do
		case $outcome in
		anonymized) printf '%s\tAnonymized\t\tADMIN\t%s\n' "$no" "$NOW" ;;
		'held back' | refused)
			printf '%s\tNot anonymized\t%s\tADMIN\t%s\n' "$no" \
			    "$reason" "$NOW"
			;;
		esac
	done < <(csvget --where "Run='$1'" "$EXPECT/outcomes.csv" \
	    'Customer No.' Outcome Reason) | LC_ALL=C sort
}

# job_sql DB [SQL]: run SQL (default: standard input) on DB, values
# separated by |, NULL as empty (SQLite waits up to 5 s for a lock held
# by a process that is being killed).  The SQL must read the same on
# both backends: identifiers quoted, strings in '...', no boolean in a
# result (SQLite prints 1, PostgreSQL t), an ORDER BY where the order
# matters.
job_sql() {
	local name sql
	if [ $# -ge 2 ]; then
		sql=$2
	else
		sql=$(cat)
	fi
	name=$(job_pgname "$1")
	if [ -n "$name" ]; then
		job_pg -F '|' -d "dbname=$name" -f - <<<"$sql"
	else
		"$JOB_SQLITE3" -init /dev/null -batch -noheader -list \
		    -cmd ".timeout 5000" "$1" "$sql"
	fi
}

# job_wrap DIR: in DIR, to put first on PATH for the pipelines, a
# stand-in for the backend's client (sqlite3 or psql).  It runs the real
# one.  For the export's session (its commands on a pipe, step by step)
# it first runs DIR/export.sql, when present, with the same arguments
# (the same database, writable: another user's work), and with
#   DIR/hold-export  creates DIR/mark after the session's first step (its
#                    transaction begun, its snapshot taken) and waits for
#                    DIR/go (at most 300 s) before the rest.
# For the import script (a file on standard input) it first runs
# DIR/import.sql, when present, the same way, and with
#   DIR/hold-import  creates DIR/mark after every statement but the
#                    closing COMMIT and waits for DIR/go (at most 300 s)
#                    before the COMMIT.
# The client itself creates DIR/mark, in the script's order: when it
# appears, the statements before it have run.
job_wrap() {
	local dir client real im touch
	mkdir -p "$1"
	dir=$(cd "$1" && pwd)
	if [ "$JOB_BACKEND" = pg ]; then
		client=psql real=$JOB_PSQL
		im='^BEGIN ISOLATION LEVEL READ COMMITTED;'
		touch="\\! touch '$dir/mark'"
	else
		client=sqlite3 real=$JOB_SQLITE3
		im='^BEGIN IMMEDIATE;'
		touch=".system touch '$dir/mark'"
	fi
	{
		printf '#!/usr/bin/env bash\n'
		printf '# A stand-in for %s (tests/job-lib.sh: job_wrap).\n' \
		    "$client"
		printf 'real=%q dir=%q client=%q\n' "$real" "$dir" "$client"
		printf 'im=%q touch=%q\n' "$im" "$touch"
		cat <<'EOF'
if [ "$client" = sqlite3 ]; then
	case ${@: -1} in *.db) ;; *) exec "$real" "$@" ;; esac
else
	for a in "$@"; do
		case $a in
		-c | -f | --command* | --file* | -l | --list)
			exec "$real" "$@"
			;;
		esac
	done
fi
waitgo() {
	local i
	for i in $(seq 3000); do
		[ -e "$dir/go" ] && return
		sleep 0.1
	done
}
if ! [ -f /dev/stdin ]; then
	# The export's session.
	args=()
	for a in "$@"; do
		[ "$a" = -readonly ] || args+=("$a")
	done
	if [ -e "$dir/export.sql" ]; then
		"$real" "${args[@]}" <"$dir/export.sql" || exit
	fi
	[ -e "$dir/hold-export" ] || exec "$real" "$@"
	exec "$real" "$@" < <(IFS= read -r l
	    printf '%s\n' "$l" "$touch"
	    waitgo
	    exec cat)
fi
script=$(mktemp "$dir/script.XXXXXX")
cat >"$script"
if grep -q -e "$im" "$script"; then
	if [ -e "$dir/import.sql" ]; then
		"$real" "$@" <"$dir/import.sql" || exit
	fi
	if [ -e "$dir/hold-import" ]; then
		exec "$real" "$@" < <(sed '$d' "$script"
		    printf '%s\n' "$touch"; waitgo; tail -n 1 "$script")
	fi
fi
exec "$real" "$@" <"$script"
EOF
	} >"$dir/$client"
	chmod +x "$dir/$client"
}

# walk_index DB: (the walk cases, job-walk.sh and job-messages.sh) the indexes a database administrator adds: Customer's
# No. unique, and every column a check or the fetch looks a customer up by.
walk_index() {
	job_sql "$1" '
CREATE UNIQUE INDEX "t_customer_no" ON "Customer"("No.");
CREATE INDEX "t_customer_billto" ON "Customer"("Bill-to Customer No.");
CREATE INDEX "t_cle_customer" ON "Cust. Ledger Entry"("Customer No.");
CREATE INDEX "t_ile_source" ON "Item Ledger Entry"("Source No.");
CREATE INDEX "t_sh_sellto" ON "Sales Header"("Sell-to Customer No.");
CREATE INDEX "t_gjl_account" ON "Gen. Journal Line"("Account No.");
CREATE INDEX "t_mm_customer" ON "NPR MM Membership"("Customer No.");
CREATE INDEX "t_shipto_customer" ON "Ship-to Address"("Customer No.");
CREATE INDEX "t_cbr_no" ON "Contact Business Relation"("No.");
CREATE INDEX "t_contact_no" ON "Contact"("No.");
CREATE INDEX "t_sih_sellto" ON "Sales Invoice Header"("Sell-to Customer No.");
CREATE INDEX "t_sih_billto" ON "Sales Invoice Header"("Bill-to Customer No.");
CREATE INDEX "t_irh_customer" ON "Issued Reminder Header"("Customer No.");
CREATE INDEX "t_sh_billto" ON "Sales Header"("Bill-to Customer No.");
CREATE INDEX "t_gjl_bal" ON "Gen. Journal Line"("Bal. Account No.");
CREATE INDEX "t_svh_customer" ON "Service Header"("Customer No.");
CREATE INDEX "t_svh_billto" ON "Service Header"("Bill-to Customer No.");
CREATE INDEX "t_ph_sellto" ON "Purchase Header"("Sell-to Customer No.");
CREATE INDEX "t_rh_customer" ON "Reminder Header"("Customer No.");
CREATE INDEX "t_fcm_customer" ON "Finance Charge Memo Header"("Customer No.");
CREATE INDEX "t_sch_customer" ON "Service Contract Header"("Customer No.");
CREATE INDEX "t_sch_billto" ON "Service Contract Header"("Bill-to Customer No.");
CREATE INDEX "t_ico_sellto" ON "IC Outbox Sales Header"("Sell-to Customer No.");
CREATE INDEX "t_ico_billto" ON "IC Outbox Sales Header"("Bill-to Customer No.");
CREATE INDEX "t_ici_sellto" ON "IC Inbox Sales Header"("Sell-to Customer No.");
CREATE INDEX "t_ici_billto" ON "IC Inbox Sales Header"("Bill-to Customer No.");
CREATE INDEX "t_bar_account" ON "Bank Acc. Reconciliation Line"("Account No.");'
}
