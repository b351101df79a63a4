# pg.sh: the PostgreSQL side of the pipelines, through Debian's psql:
# export the tables into a folder of CSV files in one snapshot, import a
# folder of changes in one transaction.  The same contract as sqlite.sh.
#
# CONNINFO is what psql takes as its database: a conninfo string
# ("host=db.example.org dbname=erp user=gdpr"), a URI
# ("postgresql://gdpr@db.example.org/erp") or a database name; libpq's
# environment (PGHOST, PGUSER, PGSERVICE, PGPASSFILE, ...) applies.  psql
# never prompts for a password (-w): use ~/.pgpass or a service file.
#
# The database holds the SQLite layout (SPEC section 6, tables.csv): one
# table per BC table, named as it, found through the search path, every
# column text.  SQL text holds identifiers only, each quoted ("..." with
# " doubled); values, customer numbers included, reach the server only as
# COPY data into text columns, so they are stored as the CSV text.
#
# Every psql runs with -X (no ~/.psqlrc), ON_ERROR_STOP, terse errors (no
# DETAIL or CONTEXT, which could quote a row) and client encoding UTF8.
#
# Settings it reads: CA_BIN, CA_HERE, CA_WORK; common.sh's session
# (ca_session...); the job spec (spec.sh); what sql.sh shares with
# sqlite.sh (quoting, the catalog, the plans, the walk); PGAPPNAME (default custanon, so that
# a DBA sees whose sessions these are).  Programs: psql, csvget (never
# sqlite3).

PG_LABEL=PostgreSQL
PG_ARGS=()
declare -A PG_HAVE=()

# pg_start CONNINFO: check for psql, connect, and read the database's name
# (into PG_LABEL, for messages: a conninfo may hold a password) and the
# tables and views it has on the search path (into PG_HAVE).
pg_start() {
	local out line first=1
	if ! command -v psql >/dev/null; then
		ca_err "psql not found (Debian: apt-get install postgresql-client)"
		return 1
	fi
	PG_ARGS=(-X -w -q -v ON_ERROR_STOP=1 -v VERBOSITY=terse
	    -v SHOW_CONTEXT=never --dbname="$1")
	PG_HAVE=()
	out=$(pg_psql -A -t -c 'SELECT pg_catalog.current_database()' \
	    -c "SELECT c.relname FROM pg_catalog.pg_class AS c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_catalog.pg_table_is_visible(c.oid)") &&
	    [ -n "$out" ] || {
		ca_err "$PG_LABEL: cannot connect, or cannot read the catalog"
		return 1
	}
	while IFS= read -r line; do
		if [ "$first" = 1 ]; then
			PG_LABEL="PostgreSQL database '$line'"
			first=0
		else
			PG_HAVE[$line]=1
		fi
	done <<<"$out"
}

# pg_psql ARG...: psql on the database with the options above.
pg_psql() {
	PGCLIENTENCODING=UTF8 PGAPPNAME=${PGAPPNAME:-custanon} \
	    psql "${PG_ARGS[@]}" "$@"
}

# pg_run SCRIPT DIR: run the psql SCRIPT in DIR (its files are named
# relative to it), through the commit gate (ca_import_run).
pg_run() {
	ca_import_run psql "$1" env -C "$2" PGCLIENTENCODING=UTF8 \
	    PGAPPNAME="${PGAPPNAME:-custanon}" psql "${PG_ARGS[@]}"
}

# pg_text CSV TXT COLUMN...: convert CSV file CSV (with a header holding
# the COLUMNs) into TXT in COPY's text format, those columns in that
# order, in file order: every field as text (an empty one as empty text,
# never NULL), "\", tab, LF and CR escaped (csvget --copy, through the
# strict reader).  (psql's \copy ends its data at a line "\." even inside
# a quoted CSV field; the text format has no such line.)
pg_text() {
	local in=$1 out=$2
	shift 2
	"$CA_LIBEXEC/csvget" --copy -- "$in" "$@" >"$out"
}

# pg_text_later CSV TXT COLUMN...: pg_text, queued in WORK/pgin/copy.list
# for pg_text_now, which converts every file queued in one process.  A
# name with a tab or line break, which the list cannot hold, is an error.
pg_text_later() {
	local a l=
	for a in "$@"; do
		case $a in *[$'\t\n']*)
			ca_err "$PG_LABEL: a name holds a tab or line break"
			return 1 ;;
		esac
		l+=${l:+$'\t'}$a
	done
	printf '%s\n' "$l" >>"$CA_WORK/pgin/copy.list"
}

# pg_text_now: the files pg_text_later queued.
pg_text_now() {
	[ ! -s "$CA_WORK/pgin/copy.list" ] ||
	    "$CA_LIBEXEC/csvget" --copy-list "$CA_WORK/pgin/copy.list" ||
	    return 1
	rm -f -- "$CA_WORK/pgin/copy.list"
}

# pg_same_sql ORIGINALS QTABLE N PK...: the psql commands (and, into
# WORK/pgin, ORIGINALS in COPY's text format) that fail the
# transaction unless the rows of table QTABLE (quoted) that change file N
# updates (pg_temp._custanon_cN, primary key PK...) are still as CSV file
# ORIGINALS (their export, read by sql_headers) holds them; they stay
# locked until the end.
pg_same_sql() {
	local orig=$1 qt=$2 n=$3 in=$CA_WORK/pgin cdef cmp on tn
	local -a ocols
	shift 3
	SQL_SAME_KEYOP='IS NOT DISTINCT FROM' sql_same_terms "$orig" "$@" ||
	    return 1
	pg_text_later "$orig" "$in/o$n.txt" "${ocols[@]}" || return 1
	printf 'CREATE TEMP TABLE "_custanon_o%d"(%s);\n' "$n" "$cdef"
	printf '\\copy pg_temp."_custanon_o%d" FROM %s\n' "$n" "'o$n.txt'"
	printf 'ANALYZE pg_temp."_custanon_o%d";\n' "$n"
	printf 'INSERT INTO pg_temp."_custanon_same"(ok) SELECT (SELECT count(*) FROM (SELECT 1 FROM %s AS t JOIN pg_temp."_custanon_o%d" AS o ON %s JOIN pg_temp."_custanon_c%d" AS c ON %s WHERE %s FOR UPDATE OF t) AS x) = (SELECT count(*) FROM pg_temp."_custanon_c%d");\n' \
	    "$qt" "$n" "$tn" "$n" "$on" "$cmp" "$n"
}

# pg_import_sql DIR EXPORTS: the psql script that imports the changes in
# DIR in one transaction, and (into WORK/pgin) the files it reads in
# COPY's text format.  Each change file
# updates its table's rows by primary key, the columns it changes
# (sql_update_terms; a column the table lacks is added, as text; an empty
# value keeps a NULL);
# each row must match exactly one row, and must still be as EXPORTS holds
# it (pg_same_sql; locked until the end), or the transaction fails.
# The log rows are appended to the log table (created when missing) with
# Entry No. = the largest so far + 1, + 2, ..., the table locked against
# other writers meanwhile.
pg_import_sql() {
	local dir=$1 ex=$2 in=$CA_WORK/pgin f path table n=0 c q
	local tmp set where cdef qt cl
	local -a cols pk
	local -A ispk fcols hascol chgcol chgany
	sql_headers "$dir" "$ex" || return 1
	echo 'BEGIN ISOLATION LEVEL READ COMMITTED;'
	echo 'SET LOCAL client_min_messages = warning;'
	echo 'CREATE TEMP TABLE "_custanon_check"(ok boolean NOT NULL, CONSTRAINT "a change file row matches no row of its table, or several" CHECK (ok));'
	echo 'CREATE TEMP TABLE "_custanon_same"(ok boolean NOT NULL, CONSTRAINT "a row to change was changed since the export: run again" CHECK (ok));'
	for path in "$dir"/*.csv; do
		sql_change_file "$dir" "$path" || { [ $? = 2 ] && continue; return 1; }
		n=$((n + 1))
		tmp="pg_temp.\"_custanon_c$n\""
		sql_q qt "$table"
		pg_text_later "$dir/$f" "$in/$n.txt" "${cols[@]}" || return 1
		sql_update_terms text 'ALTER TABLE %s ADD COLUMN %s text;\n' ||
		    return 1
		printf 'CREATE TEMP TABLE "_custanon_c%d"(%s);\n' "$n" "$cdef"
		printf '\\copy %s FROM %s\n' "$tmp" "'$n.txt'"
		printf 'ANALYZE %s;\n' "$tmp"
		pg_same_sql "$ex/$f" "$qt" "$n" "${pk[@]}" || return 1
		printf 'WITH u AS (UPDATE %s AS t SET %s FROM %s AS c WHERE %s RETURNING 1) INSERT INTO pg_temp."_custanon_check"(ok) SELECT (SELECT count(*) FROM u) = (SELECT count(*) FROM %s);\n' \
		    "$qt" "$set" "$tmp" "$where" "$tmp"
	done
	if [ -e "$dir/$SPEC_LOGFILE" ]; then
		local lc= lt= ls=
		for c in "${SQL_LOGCOLS[@]}"; do
			sql_q q "$c"
			lc+=", $q text"
			lt+=", $q"
			ls+=", l.$q"
		done
		pg_text_later "$dir/$SPEC_LOGFILE" "$in/log.txt" \
		    "${SQL_LOGCOLS[@]}" ||
		    return 1
		sql_q qt "$SPEC_LOG"
		cl="CAST(\"Entry No.\" AS text)"
		if [ -z "${PG_HAVE[$SPEC_LOG]:-}" ]; then
			printf 'CREATE TABLE IF NOT EXISTS %s("Entry No." text%s);\n' \
			    "$qt" "$lc"
		fi
		printf 'LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE;\n' "$qt"
		printf 'CREATE TEMP TABLE "_custanon_log"(n bigint GENERATED ALWAYS AS IDENTITY%s);\n' \
		    "$lc"
		printf '\\copy pg_temp."_custanon_log"(%s) FROM %s\n' \
		    "${lt#, }" "'log.txt'"
		printf 'INSERT INTO %s("Entry No."%s) SELECT b.b + l.n%s FROM pg_temp."_custanon_log" AS l CROSS JOIN (SELECT coalesce(max(CASE WHEN %s ~ '"'"'^ *[0-9]{1,18} *$'"'"' THEN CAST(btrim(%s) AS bigint) END), 0) AS b FROM %s) AS b ORDER BY l.n;\n' \
		    "$qt" "$lt" "$ls" "$cl" "$cl" "$qt"
	fi
	echo 'COMMIT;'
}

# pg_import CONNINFO DIR EXPORTS: import the changes in DIR in one
# transaction (see pg_import_sql); EXPORTS holds the exports the changes
# were made from (the tables' columns, the rows as they were).  On any
# error, or a kill before the COMMIT, nothing changes.
pg_import() {
	local conn=$1 dir=$2 ex=$3 in=$CA_WORK/pgin
	[ "${#PG_ARGS[@]}" -gt 0 ] || pg_start "$conn" || return 1
	rm -rf -- "$in"
	mkdir -m 700 "$in"
	pg_import_sql "$dir" "$ex" >"$CA_WORK/import.sql" && pg_text_now || {
		ca_err "$PG_LABEL: cannot read the changes: nothing changed"
		return 1
	}
	pg_run "$CA_WORK/import.sql" "$in" || {
		ca_err "$PG_LABEL: import failed: nothing changed"
		return 1
	}
}

# ---------------------------------------------------------------------
# The job's export in two phases (--pg), as sqlite.sh's for --db: first
# the check columns, then, through CORE_FETCH=pg_fetch, the full rows of
# the targets and of the related rows the scrub changes.  A psql session
# holds one REPEATABLE READ transaction from pg_begin to pg_end; a second
# psql beside it joins that snapshot (pg_export_snapshot, SET TRANSACTION
# SNAPSHOT) to export the table the most checks read (spec_big) at the same time.  The
# transactions are not READ ONLY only because the second phase loads the
# targets' numbers into a temporary table: no other table is written.

PG_SNAP= PG_NFILE=0
PG_X=

# The key columns an index lets a query look customers up in (the
# columns of sql_keys_read): the first column, text or varchar, of a valid
# btree or hash index that is not partial; range: a btree index, its
# column ascending, its operator class the type's default, its collation
# "C" or "POSIX" (or the database's default when that is), which order
# text in bytes; unique: a single-column unique btree index, as range.
# (The text is joined into one line where psql's \copy reads it.)
read -r -d '' PG_INDEXES <<'EOF' || true
SELECT c.relname AS "table", a.attname AS "column",
    CASE WHEN x.indisunique AND x.indnkeyatts = 1 AND am.amname = 'btree'
        THEN 1 ELSE 0 END AS "unique",
    CASE WHEN am.amname = 'btree' AND (x.indoption[0] & 1) = 0
        AND oc.opcdefault
        AND (co.collname IN ('C', 'POSIX')
            OR (x.indcollation[0] = 100 AND d.datcollate IN ('C', 'POSIX')))
        THEN ' COLLATE ' || pg_catalog.quote_ident(co.collname) END
        AS "range"
FROM pg_catalog.pg_index AS x
JOIN pg_catalog.pg_class AS c ON c.oid = x.indrelid
JOIN pg_catalog.pg_class AS ic ON ic.oid = x.indexrelid
JOIN pg_catalog.pg_am AS am ON am.oid = ic.relam
JOIN pg_catalog.pg_attribute AS a
    ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
JOIN pg_catalog.pg_opclass AS oc ON oc.oid = x.indclass[0]
LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = x.indcollation[0]
CROSS JOIN (SELECT datcollate FROM pg_catalog.pg_database
    WHERE datname = pg_catalog.current_database()) AS d
WHERE pg_catalog.pg_table_is_visible(c.oid)
    AND x.indpred IS NULL AND x.indexprs IS NULL AND x.indisvalid
    AND x.indkey[0] > 0 AND am.amname IN ('btree', 'hash')
    AND a.atttypid IN ('pg_catalog.text'::pg_catalog.regtype,
        'pg_catalog.varchar'::pg_catalog.regtype)
    AND c.relname !~ '[\t\n\r]' AND a.attname !~ '[\t\n\r]'
ORDER BY 1, 2
EOF

# The tables and views on the search path, and their columns in order.
read -r -d '' PG_CATALOG <<'EOF' || true
SELECT c.relname AS "table", a.attname AS "column"
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND pg_catalog.pg_table_is_visible(c.oid)
    AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
EOF

# pg_oneline VAR SQL: set VAR to SQL on one line (for psql's \copy).
pg_oneline() {
	local _q=${2//$'\n'/ }
	printf -v "$1" '%s' "${_q//    / }"
}

# pg_step SCRIPT: run the psql SCRIPT (a file) in the session
# and wait for it to finish; 1 when the session ended.
pg_step() {
	local qf s
	sql_file qf "$1" || return 1
	printf -v s '\\i %s\n\\! echo %s' "$qf" "$CA_SESS_MARK"
	ca_session_step "$s"
}

# pg_fail WHAT: say that WHAT failed, with psql's messages.
pg_fail() {
	ca_session_fail psql "$PG_LABEL" "$1"
}

# pg_begin CONNINFO: start the session, begin its transaction, read the
# tables and their columns (SQL_HAS, SQL_COLS) and export its snapshot.
pg_begin() {
	local qc qi
	pg_start "$1" || return 1
	if [ -z "${PG_HAVE[Customer]:-}" ]; then
		ca_err "$PG_LABEL: no Customer table"
		return 1
	fi
	PG_X=$CA_WORK/pgx
	mkdir -m 700 -- "$PG_X"
	# lib/sql.sh: a blank is a space or a tab, as scrub reads one; a key
	# outside printable ASCII is taken as maybe written otherwise (UPPER
	# folds ASCII alone under the C locale): the programs judge it.
	SQL_NOTCODE="@K@ <> UPPER(BTRIM(@K@, E' \\t')) OR @K@ ~ '[^ -~]'"
	SQL_CODE_IN="@K@ IN (SELECT no FROM @KT@) OR $SQL_NOTCODE"
	ca_session env -C "$PG_X" PGCLIENTENCODING=UTF8 \
	    PGAPPNAME="${PGAPPNAME:-custanon}" psql "${PG_ARGS[@]}"
	pg_oneline qc "$PG_CATALOG"
	pg_oneline qi "$PG_INDEXES"
	{
		echo 'BEGIN ISOLATION LEVEL REPEATABLE READ;'
		echo "\\copy ($qc) TO 'catalog.csv' WITH (FORMAT csv, HEADER)"
		echo "\\copy (SELECT pg_catalog.pg_export_snapshot()) TO 'snapshot'"
		echo "\\copy ($qi) TO 'indexes.csv' WITH (FORMAT csv, HEADER)"
	} >"$PG_X/begin.sql"
	pg_step "$PG_X/begin.sql" || {
		pg_fail "reading the database"
		return 1
	}
	sql_catalog "$PG_X/catalog.csv"
	spec_big SQL_BIG
	SQL_DIRECT=() SQL_RANGE=() SQL_UNIQUE=()
	sql_keys_read "$PG_X/indexes.csv"
	PG_SNAP=
	IFS= read -r PG_SNAP <"$PG_X/snapshot" || true
	[[ $PG_SNAP =~ ^[0-9A-Fa-f-]+$ ]] || {
		ca_err "$PG_LABEL: no snapshot to share"
		return 1
	}
}

# pg_label: the database as messages name it (never the conninfo, which
# may hold a password).
pg_label() {
	printf '%s\n' "$PG_LABEL"
}

# pg_end: end the session's transaction and the session.
pg_end() {
	ca_session_end $'COMMIT;\n\\q'
}

# pg_copy_out DIR TABLE SELECT: the \copy of the rows of query SELECT to
# a numbered file of WORK/pgx, renamed DIR/TABLE.csv by pg_run_scripts
# (WORK/pgx/renames).
pg_copy_out() {
	local n
	spec_fname n "$2"
	PG_NFILE=$((PG_NFILE + 1))
	printf '%s\t%s\n' "$PG_X/$PG_NFILE.csv" "$1/$n.csv" >>"$PG_X/renames"
	printf '\\copy (%s) TO %s WITH (FORMAT csv, HEADER)\n' "$3" \
	    "'$PG_NFILE.csv'"
}

# pg_run_scripts WHAT MINE BESIDE: run psql file MINE in the session and, when BESIDE is not empty, psql file BESIDE in a second
# psql in the session's snapshot at the same time; then give the files
# written their names.
pg_run_scripts() {
	local what=$1 mine=$2 beside=$3
	if [ -n "$beside" ]; then
		{
			echo 'BEGIN ISOLATION LEVEL REPEATABLE READ;'
			echo "SET TRANSACTION SNAPSHOT '$PG_SNAP';"
			cat -- "$beside"
			echo 'COMMIT;'
		} >"$beside.run"
		beside=$beside.run
	fi
	ca_session_with pg_step "$mine" "$beside" env -C "$PG_X" \
	    PGCLIENTENCODING=UTF8 PGAPPNAME="${PGAPPNAME:-custanon}" \
	    psql "${PG_ARGS[@]}" || { pg_fail "$what"; return 1; }
	# (One process for them all: a mv each cost the export a process
	# per table.)
	[ ! -s "$PG_X/renames" ] ||
	    "$CA_LIBEXEC/csvget" --rename-list "$PG_X/renames" || return 1
	: >"$PG_X/renames"
}

# pg_order VAR PK: set VAR to the ORDER BY clause by primary key PK, as
# text in byte order.
pg_order() {
	sql_order "$1" "$2" 'CAST(t.%s AS text) COLLATE "C"'
}

# pg_export_checks DIR [setup]: the first phase (see sq_export_checks).
pg_export_checks() {
	local dir=$1 only=${2:-} table pk cols f sel c tail line q qt b
	: >"$PG_X/checks.sql"
	: >"$PG_X/checks.beside.sql"
	: >"$PG_X/renames"
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} cols=${CA_F[2]}
		sql_phase_file f "$PG_X" checks "$table" 1
		tail=
		[ "$table" != Customer ] || pg_order tail "$pk"
		sel=
		while IFS= read -r c; do
			[ -n "$c" ] || continue
			sql_q q "$c"
			sel+="${sel:+, }t.$q"
		done <<<"${cols//|/$'\n'}"
		sql_q qt "$table"
		pg_copy_out "$dir" "$table" "SELECT ${sel:-*} FROM $qt AS t$tail" >>"$f"
	done < <(sql_check_plan "$only")
	sql_phase_beside b "$PG_X" checks
	pg_run_scripts export "$PG_X/checks.sql" "$b"
}

# pg_fetch KEYS DIR [JUDGED]: the second phase (see sq_fetch).
pg_fetch() {
	local dir=$2 table pk keys cond f kt line o q b from
	kt='pg_temp."_custanon_k"'
	SQL_TEMP=pg_temp. SQL_TANALYZE='ANALYZE %s;' SQL_PREPPED=()
	sql_judged "${3:-}" || return 1
	pg_text "$1" "$PG_X/keys.txt" 'No.' || {
		ca_err "$PG_LABEL: cannot read the targets"
		return 1
	}
	: >"$PG_X/fetch.sql"
	: >"$PG_X/fetch.beside.sql"
	: >"$PG_X/renames"
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} keys=${CA_F[2]}
		sql_fetch_cond cond "$table" "$keys" "$kt" ''
		sql_fetch_from from "$table" ''
		sql_phase_file f "$PG_X" fetch "$table" 1
		if ! [ -s "$f" ]; then
			printf '%s\n' "CREATE TEMP TABLE IF NOT EXISTS \"_custanon_k\"(no text);" \
			    "TRUNCATE $kt;" \
			    "\\copy $kt FROM 'keys.txt'" "ANALYZE $kt;" >"$f"
		fi
		sql_steps_prep "$f" "$table" "$kt" ''
		pg_order o "$pk"
		pg_copy_out "$dir" "$table" "SELECT * FROM $from AS t WHERE $cond$o" >>"$f"
		if sql_related "$table"; then
			sql_related_query q "$table" '' \
			    "FROM $from AS t WHERE $cond"
			pg_copy_out "$dir" Customer.related "$q" >>"$f"
		fi
	done < <(sql_fetch_plan)
	sql_phase_beside b "$PG_X" fetch
	pg_run_scripts export "$PG_X/fetch.sql" "$b"
}

# pg_walkable: sq_walkable for PostgreSQL.
pg_walkable() {
	local q
	sql_walk_indexed || return 1
	sql_odd_keys q ''
	printf '%s\n' "\\copy (SELECT (SELECT count(*) FROM \"Customer\"), CASE WHEN EXISTS (SELECT 1 FROM \"Customer\" AS t WHERE t.\"No.\" IS NULL OR t.\"No.\" = '') OR $q THEN 1 ELSE 0 END) TO 'walkable' WITH (FORMAT text)" \
	    >"$PG_X/walkable.sql"
	pg_step "$PG_X/walkable.sql" || {
		pg_fail "reading the database"
		return 2
	}
	SQL_WT='pg_temp."_custanon_w"' SQL_WSCHEMA= SQL_WPLUS=
	SQL_WBYTES=' COLLATE "C"' SQL_WOUT=pg_walk_out
	sql_walk_counted "$PG_X/walkable"
}

# pg_walk_out FILE COLUMNS SELECT TABLE TAIL: sq_cols_sql for PostgreSQL
# (the header from the select list).
pg_walk_out() {
	local f=${1##*/} qt
	spec_table_of f "${f%.csv}"
	sql_q qt "$4"
	pg_copy_out "${1%/*}" "$f" "SELECT $3 FROM $qt AS t$5"
}

# pg_walk DIR SIZE: sq_walk for PostgreSQL (CORE_WALK=pg_walk).
pg_walk() {
	SQL_WALK_N=$((SQL_WALK_N + 1))
	mkdir -p -- "$1/bill-to"
	: >"$PG_X/renames"
	sql_walk_script "$1" "$2" "$SQL_WALK_N" >"$PG_X/walk.sql" || return 1
	pg_run_scripts export "$PG_X/walk.sql" ""
}

