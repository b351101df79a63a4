# sqlite.sh: the SQLite side of the pipelines, through the sqlite3
# command-line shell: export the tables into a folder of CSV files, import
# a folder of changes in one transaction.  What it shares with pg.sh is in
# sql.sh.
#
# SQL text holds identifiers only, each quoted ("..." with " doubled);
# values (customer numbers included) reach the database only through
# .import of a CSV file into a TEMP table.  Values are stored as the text
# the CSV files carry: .import binds every field as text ('' for an
# empty field), and the temp tables' columns are TEXT.
#
# Settings it reads: CA_BIN; the job spec (spec.sh: the tables, their
# primary keys, what the checks read, what the job fetches).


# sq_check_db DB: DB is an existing SQLite file (sqlite3 would create it).
sq_check_db() {
	if ! [ -f "$1" ]; then
		ca_err "$1: no such database"
		return 1
	fi
}

# sq_import_sql DIR EXPORTS: the SQL script that imports the changes in
# DIR (an absolute path) in one transaction: each change file updates its
# table's rows by primary key, the columns it changes (sql_update_terms;
# a column the table lacks is added, as TEXT; an empty value keeps a
# NULL); each must
# match exactly one row, and each row must still be as EXPORTS holds it
# (no one changed it since the export: NULL exports as empty text), or
# the transaction fails.  The log rows are appended to the log table
# (created when missing) with Entry No. = the largest so far + 1, + 2,
# ...
sq_import_sql() {
	local dir=$1 ex=$2 f path table n=0 c q tmp set where cdef qt qf
	local -a cols pk
	local -A ispk fcols hascol chgcol chgany
	sql_headers "$dir" "$ex" || return 1
	printf '%s\n' '.bail on' '.timeout 10000' 'BEGIN IMMEDIATE;'
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_check"(ok INTEGER NOT NULL, CONSTRAINT "a change file row matches no row of its table, or several" CHECK (ok = 1));'
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_same"(ok INTEGER NOT NULL, CONSTRAINT "a row to change was changed since the export: run again" CHECK (ok = 1));'
	for path in "$dir"/*.csv; do
		sql_change_file "$dir" "$path" || { [ $? = 2 ] && continue; return 1; }
		n=$((n + 1))
		tmp="\"_custanon_c$n\""
		sql_q qt "$table"
		sql_update_terms TEXT 'ALTER TABLE main.%s ADD COLUMN %s TEXT;\n' ||
		    return 1
		printf 'CREATE TEMP TABLE %s(%s);\n' "$tmp" "$cdef"
		sql_file qf "$dir/$f" || return 1
		printf '.import --csv --skip 1 --schema temp %s %s\n' \
		    "$qf" "_custanon_c$n"
		sq_same_sql "$ex/$f" "$qt" "$n" "${pk[@]}" || return 1
		printf 'UPDATE main.%s AS t SET %s FROM temp.%s AS c WHERE %s;\n' \
		    "$qt" "$set" "$tmp" "$where"
		printf 'INSERT INTO temp."_custanon_check"(ok) VALUES (changes() = (SELECT count(*) FROM temp.%s));\n' "$tmp"
	done
	if [ -e "$dir/$SPEC_LOGFILE" ]; then
		local lc= lt= ls=
		for c in "${SQL_LOGCOLS[@]}"; do
			sql_q q "$c"
			lc+=", $q TEXT"
			lt+=", $q"
			ls+=", l.$q"
		done
		sql_q qt "$SPEC_LOG"
		printf 'CREATE TABLE IF NOT EXISTS main.%s("Entry No." TEXT%s);\n' \
		    "$qt" "$lc"
		printf 'CREATE TEMP TABLE "_custanon_log"(%s);\n' "${lc#, }"
		sql_file qf "$dir/$SPEC_LOGFILE" || return 1
		printf '.import --csv --skip 1 --schema temp %s _custanon_log\n' \
		    "$qf"
		printf 'CREATE TEMP TABLE "_custanon_base" AS SELECT ifnull(max(CAST("Entry No." AS INTEGER)), 0) AS b FROM main.%s;\n' \
		    "$qt"
		printf 'INSERT INTO main.%s("Entry No."%s) SELECT (SELECT b FROM temp."_custanon_base") + l.rowid%s FROM temp."_custanon_log" AS l ORDER BY l.rowid;\n' \
		    "$qt" "$lt" "$ls"
	fi
	printf '%s\n' 'COMMIT;'
}

# sq_same_sql ORIGINALS QTABLE N PK...: SQL that fails the transaction
# unless the rows of table QTABLE (quoted) that change file N updates
# (temp._custanon_cN, primary key PK...) are still as CSV file ORIGINALS
# (their export, read by sql_headers) holds them.
sq_same_sql() {
	local orig=$1 qt=$2 n=$3 cdef cmp on tn qf
	local -a ocols
	shift 3
	sql_same_terms "$orig" "$@" || return 1
	sql_file qf "$orig" || return 1
	printf 'CREATE TEMP TABLE "_custanon_o%d"(%s);\n' "$n" "$cdef"
	printf '.import --csv --skip 1 --schema temp %s _custanon_o%d\n' \
	    "$qf" "$n"
	printf 'INSERT INTO temp."_custanon_same"(ok) SELECT (SELECT count(*) FROM temp."_custanon_c%d" AS c JOIN temp."_custanon_o%d" AS o ON %s JOIN main.%s AS t ON %s WHERE %s) = (SELECT count(*) FROM temp."_custanon_c%d");\n' \
	    "$n" "$n" "$on" "$qt" "$tn" "$cmp" "$n"
}

# sq_import DB DIR EXPORTS: import the changes in DIR into DB in one
# transaction (see sq_import_sql); EXPORTS holds the exports the changes
# were made from (the tables' columns, the rows as they were).  On any
# error nothing changes.
sq_import() {
	local db=$1 dir=$2 ex=$3
	sq_check_db "$db" || return 1
	sq_import_sql "$dir" "$ex" >"$CA_WORK/import.sql" || return 1
	ca_import_run sqlite "$CA_WORK/import.sql" \
	    sqlite3 -init /dev/null -batch "$db" || {
		ca_err "$db: import failed: nothing changed"
		return 1
	}
}

# ---------------------------------------------------------------------
# The job's export in two phases (--db): first only the columns the
# checks read (tables.csv, "check columns"), then, once the core knows its
# targets, the full rows of the targets and of the related rows the scrub
# changes (CORE_FETCH=sq_fetch).  Both phases read one state of the
# database: a session (a sqlite3 process fed step by step) holds one read
# transaction from sq_begin to sq_end.  Where the database keeps a
# rollback journal, the session's shared lock lets no write commit, so a
# second sqlite3 process started meanwhile reads the same state: it
# exports the table the most checks read (spec_big) beside the session, on
# the second core.  In WAL mode a second process could see a later
# commit, so the session exports everything itself.

SQ_DB= SQ_PAR=0

# sq_step SCRIPT: run the SQL SCRIPT (a file) in the session and wait for
# it to finish.  Returns 1 when the session ended (its error in
# WORK/session.err).
sq_step() {
	local qf s
	sql_file qf "$1" || return 1
	printf -v s '.read %s\n.output stdout\n.system echo %s' "$qf" \
	    "$CA_SESS_MARK"
	ca_session_step "$s"
}

# sq_fail WHAT: say that WHAT failed, with sqlite3's messages.
sq_fail() {
	ca_session_fail sqlite3 "$SQ_DB" "$1"
}

# The key columns an index lets a query look customers up in (the columns
# of sql_keys_read; sq_keys_indexed).
read -r -d '' SQ_INDEXES <<'EOF' || true
SELECT m.name AS "table", x.name AS "column",
    i."unique" AND (SELECT count(*) FROM pragma_index_info(i.name)) = 1
        AS "unique",
    ' COLLATE BINARY' AS "range"
FROM sqlite_master AS m, pragma_index_list(m.name) AS i,
    pragma_index_xinfo(i.name) AS x, pragma_table_info(m.name) AS c
WHERE m.type = 'table' AND x.seqno = 0 AND x.cid >= 0 AND x."desc" = 0
    AND upper(x.coll) = 'BINARY' AND i.partial = 0 AND c.name = x.name
    AND m.name || x.name NOT GLOB ('*[' || char(9, 10, 13) || ']*')
    AND upper(c.type) NOT LIKE '%INT%'
    AND (upper(c.type) LIKE '%CHAR%' OR upper(c.type) LIKE '%CLOB%'
        OR upper(c.type) LIKE '%TEXT%')
ORDER BY 1, 2
EOF

# sq_codes [KEYS]: SQLite's SQL_NOTCODE and SQL_CODE_IN (lib/sql.sh).
# A key outside printable ASCII is taken as maybe written otherwise
# (UPPER folds ASCII alone): the programs judge it (text_code).  Both are
# written to cost as few function calls a row as they can, since they
# test every row of a table: comparisons are nearly free, a GLOB or a
# substr is not.  SQL_NOTCODE: a character other than a printable ASCII
# one that is no lower-case letter (one GLOB; a tab is one), a space
# first (below '!') or last.  In the fetch, NOCASE folds ASCII as scrub
# does, a blank first is below '!' and one last below it too; a key
# outside printable ASCII costs another GLOB a row, so it is fetched
# only when a target's number (KEYS, a CSV file) has such a character,
# or an I or an S: the upper case of two letters outside ASCII (U+0131
# dotless i, U+017F long s; text_code, uc_toupper), so that such a key
# names a target written in ASCII alone.
sq_codes() {
	local g='*[^ -`{-~]*'
	SQL_NOTCODE="@K@ GLOB '$g' OR (@K@ > '' AND (@K@ < '!' OR substr(@K@, -1) = ' '))"
	SQL_CODE_IN="@K@ COLLATE NOCASE IN (SELECT no FROM @KT@) OR (@K@ > '' AND (@K@ < '!' OR substr(@K@, -1) < '!'))"
	[ -n "${1:-}" ] && LC_ALL=C grep -q $'[\x80-\xffIS]' -- "$1" || return 0
	SQL_CODE_IN+=" OR @K@ GLOB '*[^ -~]*'"
}

# sq_begin DB: start the session on DB, in one read transaction, and read
# the tables, their columns (SQL_HAS, SQL_COLS: table -> columns one a
# line, in order) and the journal mode.
sq_begin() {
	local db=$1 s mode qc qj qe qi
	sq_check_db "$db" || return 1
	SQ_DB=$db
	sq_codes
	ca_session sqlite3 -init /dev/null -readonly -batch "$db"
	s=$CA_WORK/begin.sql
	sql_file qc "$CA_WORK/catalog.csv" || return 1
	sql_file qj "$CA_WORK/journal" || return 1
	sql_file qe "$CA_WORK/encoding" || return 1
	sql_file qi "$CA_WORK/indexes.csv" || return 1
	{
		printf '%s\n' '.bail on' '.timeout 10000' 'BEGIN;'
		printf '.headers on\n.mode csv\n.separator "," "\\n"\n'
		printf '.output %s\n' "$qc"
		printf '%s\n' "SELECT m.name AS \"table\", p.name AS \"column\" FROM sqlite_master AS m, pragma_table_info(m.name) AS p WHERE m.type IN ('table', 'view') ORDER BY m.name, p.cid;"
		printf '.headers off\n.mode list\n.output %s\n' "$qj"
		printf '%s\n' 'PRAGMA journal_mode;'
		printf '.output %s\n' "$qe"
		printf '%s\n' 'PRAGMA encoding;'
		printf '.headers on\n.mode csv\n.output %s\n' "$qi"
		printf '%s;\n' "$SQ_INDEXES"
		printf '.headers off\n.mode list\n.output stdout\n'
	} >"$s"
	sq_step "$s" || {
		sq_fail "reading the database"
		return 1
	}
	sql_catalog "$CA_WORK/catalog.csv"
	sql_fold
	spec_big SQL_BIG
	if [ -z "${SQL_HAS[Customer]:-}" ]; then
		ca_err "$db: no Customer table"
		return 1
	fi
	mode=
	IFS= read -r mode <"$CA_WORK/journal" || true
	SQ_PAR=0
	[ "${mode,,}" = wal ] || SQ_PAR=1
	sq_keys_indexed || return 1
}

# sq_keys_indexed: the key columns SQLite can look customers up in
# through an index (sql_keys_read): the first column of an index (not
# partial, ascending, BINARY collation, so in the bytes' order) of TEXT
# affinity (a number stored there became text) that holds no BLOB (the
# index orders a BLOB after all text, and the export shows its bytes as
# text: checked through the index).  Only in a UTF-8 database (in
# UTF-16, BINARY is not the bytes' order of the export).
sq_keys_indexed() {
	local s=$CA_WORK/blobs.sql line t c q qt st sc qf enc= sel=
	SQL_DIRECT=() SQL_UNIQUE=() SQL_RANGE=()
	IFS= read -r enc <"$CA_WORK/encoding" || true
	[ "$enc" = UTF-8 ] || return 0
	[ -s "$CA_WORK/indexes.csv" ] || return 0
	while IFS= read -r line; do
		ca_split "$line"
		t=${CA_F[0]} c=${CA_F[1]}
		sql_q qt "$t"
		sql_q q "$c"
		sql_s st "$t"
		sql_s sc "$c"
		sel+="${sel:+ UNION ALL }SELECT $st AS \"table\", $sc AS \"column\" WHERE EXISTS (SELECT 1 FROM main.$qt AS t WHERE t.$q >= x'')"
	done < <("$CA_LIBEXEC/csvget" "$CA_WORK/indexes.csv" table column)
	[ -n "$sel" ] || return 0
	sql_file qf "$CA_WORK/blobs.csv" || return 1
	{
		printf '.headers on\n.mode csv\n.output %s\n' "$qf"
		printf '%s;\n.headers off\n.mode list\n.output stdout\n' "$sel"
	} >"$s"
	sq_step "$s" || {
		sq_fail "reading the database"
		return 1
	}
	sql_keys_read "$CA_WORK/indexes.csv" "$CA_WORK/blobs.csv"
}

# sq_label: the database as messages name it.
sq_label() {
	printf '%s\n' "$SQ_DB"
}

# sq_end: end the session's transaction and the session.
sq_end() {
	ca_session_end $'COMMIT;\n.quit'
}

# sq_full_sql FILE TABLE TAIL [ROWS]: the SQL that writes every column of
# TABLE's rows (or of temp table ROWS, a copy of some) selected by TAIL
# (WHERE and ORDER BY clauses, or nothing) to FILE, with the header from
# the schema.
sq_full_sql() {
	local qf st qt
	sql_file qf "$1" || return 1
	sql_s st "$2"
	sql_q qt "$2"
	printf '.output %s\n.mode list\n' "$qf"
	printf '%s\n' "SELECT group_concat(CASE WHEN name GLOB '*[\",'||char(10, 13)||']*' THEN '\"'||replace(name, '\"', '\"\"')||'\"' ELSE name END, ',') FROM (SELECT name FROM pragma_table_info($st) ORDER BY cid);"
	printf '.mode csv\n.separator "," "\\n"\n'
	printf 'SELECT * FROM %s AS t%s;\n' "${4:-main.$qt}" "$3"
	printf '.output stdout\n'
}

# sq_run_scripts WHAT MINE BESIDE: run SQL file MINE in the session and,
# when BESIDE is not empty, SQL file BESIDE in a second sqlite3 process
# at the same time (in its own read transaction, begun while the session
# holds its own: the same state).
sq_run_scripts() {
	local what=$1 mine=$2 beside=$3
	if [ -n "$beside" ]; then
		{
			printf '%s\n' '.bail on' '.timeout 10000' '.headers off' \
			    'BEGIN;'
			cat -- "$beside"
			printf '%s\n' 'COMMIT;'
		} >"$beside.run"
		beside=$beside.run
	fi
	ca_session_with sq_step "$mine" "$beside" \
	    sqlite3 -init /dev/null -readonly -batch "$SQ_DB" || sq_fail "$what"
}

# sq_export_checks DIR [setup]: the first phase: into DIR/<table>.csv, for
# every table of sql_check_plan, its columns there (all for none), Customer
# ordered by No. (bytes).  With setup, only the tables the checks read
# whole (sql_check_plan setup).
sq_export_checks() {
	local dir=$1 only=${2:-} table pk cols tail f line n sel b
	: >"$CA_WORK/checks.sql"
	: >"$CA_WORK/checks.beside.sql"
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} cols=${CA_F[2]}
		spec_fname n "$table"
		sql_phase_file f "$CA_WORK" checks "$table" "$SQ_PAR"
		tail=
		[ "$table" != Customer ] || sql_order tail "$pk"
		if [ -z "$cols" ]; then
			sq_full_sql "$dir/$n.csv" "$table" "$tail" >>"$f" ||
			    return 1
			continue
		fi
		sql_select sel "$cols"
		sq_cols_sql "$dir/$n.csv" "$cols" "$sel" "$table" "$tail" \
		    >>"$f" || return 1
	done < <(sql_check_plan "$only")
	sql_phase_beside b "$CA_WORK" checks
	sq_run_scripts export "$CA_WORK/checks.sql" "$b"
}

# sq_fetch KEYS DIR [JUDGED]: the second phase (the core's CORE_FETCH): into
# DIR/<table>.csv, in full and ordered by primary key, the rows of every
# table of sql_fetch_plan one of whose customer keys is one of KEYS (a CSV
# file, header No.); of a table reached through a link table, the rows
# such a link names (in link steps: sql_fetch_cond).  Keys are compared as the text the
# export would show (CAST AS TEXT): the core picks its rows again from
# these by the same keys, so the rows fetched must hold every row it
# would pick from a full export.
#
# The rows whose keys are no Code fields (sql_not_code: they stop the
# run) cost a test of every row of the link steps' tables and of the
# tables whose key's index the fetch reads through.  Where a
# second client reads beside the session (SQ_PAR), it looks for them
# (one probe a table: sql_nc_probe; half the tables' in the session, for
# the second client reads the largest table) while the fetch runs without
# them; only when it finds one, or cannot say, does the fetch run again
# with them, so that linkpairs stops the run as it would have.
sq_fetch() {
	local b p i n
	SQL_NCPROBE=
	[ "$SQ_PAR" != 1 ] || SQL_NCPROBE=1
	while :; do
		sq_fetch_sql "$@" || return 1
		sql_phase_beside b "$CA_WORK" fetch
		sq_run_scripts export "$CA_WORK/fetch.sql" "$b" || return 1
		[ -n "$SQL_NCPROBE" ] && [ -n "$SQ_NCASKED" ] || return 0
		n=
		for i in $SQ_NCASKED; do
			IFS= read -r p <"$CA_WORK/ncprobe.$i" || p=
			[ "$p" = 0 ] || n=1
		done
		[ -n "$n" ] || return 0
		SQL_NCPROBE=
	done
}

# sq_fetch_sql KEYS DIR [JUDGED]: the scripts of sq_fetch, WORK/fetch.sql and
# WORK/fetch.beside.sql, with the probe of sql_nc_probe when SQL_NCPROBE
# is set, half in each (WORK/ncprobe.0 beside, WORK/ncprobe.1 in the
# session; SQ_NCASKED: the halves asked, "0 1", "0" or empty).
SQ_NCASKED=
sq_fetch_sql() {
	local keys_csv=$1 dir=$2 table pk keys cond f kt line n i=0 tmp
	local qt o qf h q from
	kt='temp."_custanon_k"'
	SQL_TEMP=temp. SQL_TANALYZE= SQL_PREPPED=() SQL_NCTERMS=() SQ_NCASKED=
	sq_codes "$keys_csv"
	sql_judged "${3:-}" || return 1
	: >"$CA_WORK/fetch.sql"
	: >"$CA_WORK/fetch.beside.sql"
	: >"$CA_WORK/fetch.sql.probe"
	: >"$CA_WORK/fetch.beside.sql.probe"
	rm -f -- "$CA_WORK"/ncprobe.*
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} keys=${CA_F[2]}
		spec_fname n "$table"
		i=$((i + 1))
		tmp="temp.\"_custanon_f$i\""
		sql_fetch_cond cond "$table" "$keys" "$kt" main.
		sql_fetch_from from "$table" main.
		sql_phase_file f "$CA_WORK" fetch "$table" "$SQ_PAR"
		[ -s "$f" ] || sq_keys_sql "$keys_csv" >"$f" || return 1
		sql_steps_prep "$f" "$table" "$kt" main.
		# The rows once, then written out and probed from there.
		sql_order o "$pk"
		printf 'DROP TABLE IF EXISTS %s;\n' "$tmp" >>"$f"
		printf 'CREATE TEMP TABLE "_custanon_f%d" AS SELECT * FROM %s AS t WHERE %s%s;\n' \
		    "$i" "$from" "$cond" "$o" >>"$f"
		sq_full_sql "$dir/$n.csv" "$table" "" "$tmp" >>"$f" || return 1
		if sql_related "$table"; then
			sql_file qf "$dir/Customer.related.csv" || return 1
			sql_related_header h "$table"
			sql_s h "$h"
			sql_related_query q "$table" main. "FROM $tmp AS t"
			# The header as a value, not .print (which folds runs
			# of spaces and quotes): as sq_cols_sql writes one.
			printf '.output %s\n.mode list\nSELECT %s;\n' "$qf" "$h" \
			    >>"$f"
			printf '.mode csv\n.separator "," "\\n"\n%s;\n.output stdout\n' \
			    "$q" >>"$f"
		fi
		sq_unsafe_sql "$table" "$keys" "$tmp" "$kt" >>"$f.probe"
	done < <(sql_fetch_plan)
	for f in "$CA_WORK/fetch.sql" "$CA_WORK/fetch.beside.sql"; do
		[ -s "$f.probe" ] || continue
		sql_file qf "$dir/unsafe.${f##*/}.csv" || return 1
		printf '.headers off\n.mode csv\n.separator "," "\\n"\n.output %s\n' \
		    "$qf" >>"$f"
		cat -- "$f.probe" >>"$f"
		printf '.output stdout\n.mode list\n' >>"$f"
	done
	[ -n "$SQL_NCPROBE" ] || return 0
	# The probe by turns: half the tables' in each client.
	for i in 0 1; do
		f=$CA_WORK/fetch.beside.sql
		[ "$i" = 0 ] || f=$CA_WORK/fetch.sql
		sql_nc_probe q main. "$i"
		[ -n "$q" ] || continue
		SQ_NCASKED+="${SQ_NCASKED:+ }$i"
		sql_file qf "$CA_WORK/ncprobe.$i" || return 1
		printf '.output %s\n.mode list\n%s;\n.output stdout\n' "$qf" "$q" \
		    >>"$f"
	done
}

# sq_unsafe_sql TABLE KEYS ROWS KT: the SQL that lists (CSV, no header:
# customer No., table, column) the customers of table KT (column no) one
# of whose rows of TABLE, fetched into temp table ROWS, holds a NUL byte
# (the CSV export cannot carry it: it would cut the value there), with
# the first such column of the row; KEYS the customer keys of TABLE,
# joined by "|"; through its link table for a table reached by one, in
# its link steps for one reached so.
sq_unsafe_sql() {
	local table=$1 keys=$2 rows=$3 kt=$4 k c via sel= q st qk qv qb p b
	# (No command substitution per column: a table has a hundred.)
	while IFS= read -r c; do
		[ -n "$c" ] || continue
		sql_q q "$c"
		sel+=" WHEN instr(CAST(t.$q AS BLOB), x'00') > 0 THEN '${c//\'/\'\'}'"
	done <<<"${SQL_COLS[$table]%$'\n'}"
	[ -n "$sel" ] || return 0
	via=${SPEC_VIA[$table]:-}
	if [ -n "$via" ] && [ -n "${SPEC_STEPS[$table]:-}" ]; then
		# Reached in link steps: the customers of every pair that
		# names the row, or the row it is under (a superset, as the
		# fetch's).
		spec_step k "$table" under
		if [ -n "$k" ] && sql_has_col "$table" "$k"; then
			sql_q q "$k"
			k="CAST(t.$q AS text)"
		else
			k=NULL
		fi
		sql_s st "$table"
		sql_q qk "$keys"
		sql_steps_tmp p p "$table"
		p="SELECT cu, ct FROM $p"
		printf 'SELECT p.cu, %s, u.c FROM (SELECT CAST(t.%s AS text) AS k, %s AS uk, CASE%s END AS c FROM %s AS t) AS u JOIN (%s) AS p ON p.ct = u.k OR p.ct = u.uk WHERE EXISTS (SELECT 1 FROM %s AS t WHERE CASE%s END IS NOT NULL) AND u.c IS NOT NULL;\n' \
		    "$st" "$qk" "$k" "$sel" "$rows" "$p" "$rows" "$sel"
		return
	fi
	sql_s st "$table"
	while IFS= read -r k; do
		sql_q qk "$k"
		if [ -n "$via" ]; then
			# The link is looked up only when a row holds one
			# (a constant term, evaluated once).
			sql_q q "${SPEC_KEYS[$via]}"
			sql_q qv "$via"
			sql_q qb "${SPEC_VIAKEY[$table]}"
			sql_key_text b "$via" "${SPEC_KEYS[$via]}" b
			printf 'SELECT b.%s, %s, c FROM (SELECT t.%s AS k, CASE%s END AS c FROM %s AS t) AS u JOIN main.%s AS b ON CAST(b.%s AS text) = CAST(u.k AS text) WHERE EXISTS (SELECT 1 FROM %s AS t WHERE CASE%s END IS NOT NULL) AND u.c IS NOT NULL AND %s IN (SELECT no FROM %s);\n' \
			    "$q" "$st" "$qk" "$sel" "$rows" "$qv" "$qb" \
			    "$rows" "$sel" "$b" "$kt"
			continue
		fi
		printf 'SELECT k, %s, c FROM (SELECT CAST(t.%s AS text) AS k, CASE%s END AS c FROM %s AS t) WHERE c IS NOT NULL AND k IN (SELECT no FROM %s);\n' \
		    "$st" "$qk" "$sel" "$rows" "$kt"
	done <<<"${keys//|/$'\n'}"
}

# sq_keys_sql KEYS: the SQL that loads CSV file KEYS (header No.) into
# temp._custanon_k.
sq_keys_sql() {
	printf '%s\n' 'DROP TABLE IF EXISTS temp."_custanon_k";'
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_k"(no TEXT);'
	local qf
	sql_file qf "$1" || return 1
	printf '.import --csv --skip 1 --schema temp %s _custanon_k\n' "$qf"
}

# ---------------------------------------------------------------------
# The walk (CORE_WALK=sq_walk): on a database with the indexes, the
# checks read the customers a chunk at a time, in the order of No., with
# the rows of the checked tables whose check key (tables.csv) falls in the
# chunk's range of numbers, each looked up through its index; the core
# stops once the cap is reached, as a database administrator's SQL that
# walks the index would.  The chunks' bounds stay in the session (temp
# table _custanon_w: chunk i, its first and last No.), so no customer
# number is ever written into SQL text.


# sq_walkable: whether the database can be walked (sql_walk_indexed, and
# no customer's No. NULL or empty, so that no key NULL or empty names a
# customer); sets SQL_WALK_TOTAL, the number of customers.  1 when not, 2
# when the session failed.
sq_walkable() {
	local s=$CA_WORK/walkable.sql qf q
	sql_walk_indexed || return 1
	sql_file qf "$CA_WORK/walkable" || return 2
	{
		printf '.headers off\n.mode list\n.output %s\n' "$qf"
		sql_odd_keys q main.
	printf '%s\n' "SELECT (SELECT count(*) FROM main.\"Customer\") || char(9) || (EXISTS (SELECT 1 FROM main.\"Customer\" AS t WHERE t.\"No.\" IS NULL OR t.\"No.\" = '') OR $q);"
		printf '.output stdout\n'
	} >"$s"
	sq_step "$s" || {
		sq_fail "reading the database"
		return 2
	}
	SQL_WT='temp."_custanon_w"' SQL_WSCHEMA=main. SQL_WPLUS=+
	SQL_WBYTES=' COLLATE BINARY' SQL_WOUT=sq_cols_sql
	sql_walk_counted "$CA_WORK/walkable"
}

# sq_walk DIR SIZE: the next chunk (the core's CORE_WALK): into DIR, the
# check columns (sql_check_plan) of the next SIZE customers after the last
# chunk's, in the order of No. (SIZE 0: all the rest) as Customer.csv;
# of every other table with a check key, its rows whose key falls in the
# chunk's range of numbers as <table>.csv; and the Customer rows whose
# Bill-to Customer No. does, as bill-to/Customer.csv.
sq_walk() {
	SQL_WALK_N=$((SQL_WALK_N + 1))
	mkdir -p -- "$1/bill-to"
	sql_walk_script "$1" "$2" "$SQL_WALK_N" >"$CA_WORK/walk.sql" ||
	    return 1
	sq_step "$CA_WORK/walk.sql" || sq_fail export
}

# sq_cols_sql FILE COLUMNS SELECT TABLE TAIL: the SQL that writes to FILE
# the header COLUMNS (joined by "|") and SELECT (the columns, alias t) of
# TABLE's rows (TAIL: WHERE and ORDER BY clauses, or nothing).
sq_cols_sql() {
	local qf h qh qt
	local -a names
	mapfile -t names <<<"${2//|/$'\n'}"
	sql_file qf "$1" || return 1
	spec_csv_header h "${names[@]}"
	sql_s qh "$h"
	sql_q qt "$4"
	printf '.output %s\n.mode list\n' "$qf"
	printf 'SELECT %s;\n' "$qh"
	printf '.mode csv\n.separator "," "\\n"\n'
	printf 'SELECT %s FROM main.%s AS t%s;\n' "$3" "$qt" "$5"
	printf '.output stdout\n'
}

