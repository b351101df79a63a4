# job-lib.sh: helpers of the end-to-end cases (tests/cases/job-*.sh),
# which source it; it defines no case of its own.
#
# The pipelines under test are $TOP/pipelines/...; they run the programs
# of the flavour under test: CUSTANON_BIN is the folder of the scrub on
# PATH.  Databases are built fresh from fixtures/company/*.csv in the
# case's folder, every column TEXT.  Python's sqlite3 module is the
# independent eye that compares databases.

[ -n "${JOB_LIB:-}" ] && return 0
JOB_LIB=1

PIPE=$TOP/pipelines
FIX=$TOP/fixtures/company
EXPECT=$TOP/fixtures/expected
NOW=2026-11-29T12:00:00Z
CUSTANON_BIN=$(dirname "$(command -v scrub)")
export CUSTANON_BIN
JOB_SQLITE3=$(command -v sqlite3)
# The pipelines' private folders go here, where a case can look.
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR"

# job_db DB [DIR]: a new SQLite database from DIR/*.csv (default: the
# fixture company), one table per file, every column TEXT.
job_db() {
	local db=$1 dir=${2:-$FIX} f t c cols sql=$'.bail on\nBEGIN;\n'
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

# job_py COMMAND ARG...: the Python side.
#   dump DB [TABLE...]       every row of every table but TABLEs, exactly
#                            (types and bytes), in rowid order
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
job_py() {
	python3 - "$TOP/pipelines/tables.csv" "$@" <<'PY'
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

# job_sql DB SQL: run SQL on DB (waiting up to 5 s for a lock held by a
# process that is being killed), values separated by |.
job_sql() {
	"$JOB_SQLITE3" -init /dev/null -batch -noheader -list \
	    -cmd ".timeout 5000" "$1" "$2"
}
