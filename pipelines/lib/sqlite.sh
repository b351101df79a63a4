# sqlite.sh: the SQLite side of the pipelines, through the sqlite3
# command-line shell: export the tables into a folder of CSV files, import
# a folder of changes in one transaction.
#
# SQL text holds identifiers only, each quoted ("..." with " doubled);
# values (customer numbers included) reach the database only through
# .import of a CSV file into a TEMP table.  Values are stored as the text
# the CSV files carry: .import binds every field as text ('' for an
# empty field), and the temp tables' columns are TEXT.
#
# Settings it reads: CA_BIN, CA_HERE (tables.csv, the tables and their
# primary keys).

SQ_TABLES=$CA_HERE/tables.csv
SQ_LOG='Customer GDPR Log Entries'
SQ_LOGCOLS=('Customer No.' Status Reason 'Logged At' User)

# sq_ident NAME: NAME as a quoted SQL identifier.
sq_ident() {
	printf '"%s"' "${1//\"/\"\"}"
}

# sq_q VAR NAME: set VAR to NAME as a quoted SQL identifier.
sq_q() {
	printf -v "$1" '"%s"' "${2//\"/\"\"}"
}

# sq_string TEXT: TEXT as an SQL string literal (table names only).
sq_string() {
	printf "'%s'" "${1//\'/\'\'}"
}

# sq_file NAME: NAME as a quoted argument of a dot-command.
sq_file() {
	case $1 in
	*"'"*)
		ca_err "$1: file name holds a quote"
		return 1
		;;
	esac
	printf "'%s'" "$1"
}

# sq_tables: the table, primary key and rules columns of tables.csv, one
# tab-separated line each.
sq_tables() {
	"$CA_BIN/csvget" "$SQ_TABLES" table 'primary key' rules
}

# sq_load_pks: read the primary keys of tables.csv into SQ_PK (table ->
# columns joined by |).
declare -A SQ_PK=()
sq_load_pks() {
	local line
	while IFS= read -r line; do
		ca_split "$line"
		SQ_PK[${CA_F[0]}]=${CA_F[1]}
	done < <(sq_tables)
}

# sq_check_db DB: DB is an existing SQLite file (sqlite3 would create it).
sq_check_db() {
	if ! [ -f "$1" ]; then
		ca_err "$1: no such database"
		return 1
	fi
}

# sq_headers DIR EXPORTS [FILE...]: read into the caller's associative
# arrays fcols (file -> its columns, one a line) and hascol ("FILE<TAB>
# COLUMN" -> 1) the headers of the change files in DIR but the log, of
# their tables' exports in EXPORTS, and of the further FILEs.
sq_headers() {
	local dir=$1 ex=$2 f c
	local -a hf=()
	shift 2
	for f in "$dir"/*.csv; do
		[ -e "$f" ] || continue
		[ "${f##*/}" != "$SQ_LOG.csv" ] || continue
		hf+=("$f" "$ex/${f##*/}")
	done
	hf+=("$@")
	[ "${#hf[@]}" -gt 0 ] || return 0
	"$CA_BIN/csvget" --header "${hf[@]}" >"$CA_WORK/headers" || return 1
	while IFS= read -r c; do
		fcols[${c%%$'\t'*}]+="${c#*$'\t'}"$'\n'
		hascol[$c]=1
	done <"$CA_WORK/headers"
}

# sq_change_file DIR PATH: set the caller's f (the file name), table, pk
# (its primary key columns), ispk (column -> 1) and cols (the file's
# columns) for change file PATH of DIR.  Returns 2 for a file to pass
# over (absent, or the log), 1 with a message on an error.
sq_change_file() {
	local c
	[ -e "$2" ] || return 2
	f=${2##*/}
	table=${f%.csv}
	[ "$table" != "$SQ_LOG" ] || return 2
	if [ -z "${SQ_PK[$table]:-}" ]; then
		ca_err "$table: no primary key known (tables.csv)"
		return 1
	fi
	mapfile -t pk <<<"${SQ_PK[$table]//|/$'\n'}"
	ispk=()
	for c in "${pk[@]}"; do
		ispk[$c]=1
	done
	mapfile -t cols <<<"${fcols[$1/$f]%$'\n'}"
	[ -n "${cols[0]:-}" ] || { ca_err "$f: no header"; return 1; }
}

# sq_import_sql DIR EXPORTS: the SQL script that imports the changes in
# DIR (an absolute path) in one transaction: each change file updates its
# table's rows by primary key, every column of the file (a column the
# table lacks is added, as TEXT; an empty value keeps a NULL); each must
# match exactly one row, and each row must still be as EXPORTS holds it
# (no one changed it since the export: NULL exports as empty text), or
# the transaction fails.  The log rows are appended to the log table
# (created when missing) with Entry No. = the largest so far + 1, + 2,
# ...
sq_import_sql() {
	local dir=$1 ex=$2 f path table n=0 c q tmp set where cdef qt
	local -a cols pk
	local -A ispk fcols hascol
	sq_load_pks
	sq_headers "$dir" "$ex" || return 1
	printf '%s\n' '.bail on' '.timeout 10000' 'BEGIN IMMEDIATE;'
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_check"(ok INTEGER NOT NULL, CONSTRAINT "a change file row matches no row of its table, or several" CHECK (ok = 1));'
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_same"(ok INTEGER NOT NULL, CONSTRAINT "a row to change was changed since the export: run again" CHECK (ok = 1));'
	for path in "$dir"/*.csv; do
		sq_change_file "$dir" "$path" || { [ $? = 2 ] && continue; return 1; }
		n=$((n + 1))
		tmp="\"_custanon_c$n\""
		sq_q qt "$table"
		set= cdef=
		for c in "${cols[@]}"; do
			sq_q q "$c"
			cdef+="${cdef:+, }$q TEXT"
			if [ -z "${hascol[$ex/$f$'\t'$c]:-}" ]; then
				printf 'ALTER TABLE main.%s ADD COLUMN %s TEXT;\n' \
				    "$qt" "$q"
			fi
			[ -z "${ispk[$c]:-}" ] || continue
			set+="${set:+, }$q = CASE WHEN c.$q = '' AND t.$q IS NULL THEN NULL ELSE c.$q END"
		done
		where=
		for c in "${pk[@]}"; do
			sq_q q "$c"
			where+="${where:+ AND }t.$q = c.$q"
		done
		printf 'CREATE TEMP TABLE %s(%s);\n' "$tmp" "$cdef"
		printf '.import --csv --skip 1 --schema temp %s %s\n' \
		    "$(sq_file "$dir/$f")" "_custanon_c$n"
		sq_same_sql "$ex/$f" "$qt" "$n" "${pk[@]}" || return 1
		printf 'UPDATE main.%s AS t SET %s FROM temp.%s AS c WHERE %s;\n' \
		    "$qt" "$set" "$tmp" "$where"
		printf 'INSERT INTO temp."_custanon_check"(ok) VALUES (changes() = (SELECT count(*) FROM temp.%s));\n' "$tmp"
	done
	if [ -e "$dir/$SQ_LOG.csv" ]; then
		local lc= lt= ls=
		for c in "${SQ_LOGCOLS[@]}"; do
			sq_q q "$c"
			lc+=", $q TEXT"
			lt+=", $q"
			ls+=", l.$q"
		done
		sq_q qt "$SQ_LOG"
		printf 'CREATE TABLE IF NOT EXISTS main.%s("Entry No." TEXT%s);\n' \
		    "$qt" "$lc"
		printf 'CREATE TEMP TABLE "_custanon_log"(%s);\n' "${lc#, }"
		printf '.import --csv --skip 1 --schema temp %s _custanon_log\n' \
		    "$(sq_file "$dir/$SQ_LOG.csv")"
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
# (their export, read by sq_headers) holds them.
sq_same_sql() {
	local orig=$1 qt=$2 n=$3 cdef cmp on tn
	local -a ocols
	shift 3
	sq_same_terms "$orig" "$@" || return 1
	printf 'CREATE TEMP TABLE "_custanon_o%d"(%s);\n' "$n" "$cdef"
	printf '.import --csv --skip 1 --schema temp %s _custanon_o%d\n' \
	    "$(sq_file "$orig")" "$n"
	printf 'INSERT INTO temp."_custanon_same"(ok) SELECT (SELECT count(*) FROM temp."_custanon_c%d" AS c JOIN temp."_custanon_o%d" AS o ON %s JOIN main.%s AS t ON %s WHERE %s) = (SELECT count(*) FROM temp."_custanon_c%d");\n' \
	    "$n" "$n" "$on" "$qt" "$tn" "$cmp" "$n"
}

# sq_same_terms ORIGINALS PK...: for sq_same_sql and pg_same_sql, set the
# caller's ocols (the columns of ORIGINALS, from sq_headers' fcols), cdef
# (their TEXT columns), cmp (each equal in t, NULL as empty text), on
# (o and c the same row by PK) and tn (t and o the same row).
sq_same_terms() {
	local c q
	mapfile -t ocols <<<"${fcols[$1]%$'\n'}"
	[ -n "${ocols[0]:-}" ] || { ca_err "$1: no header"; return 1; }
	shift
	cdef= cmp= on= tn=
	for c in "${ocols[@]}"; do
		sq_q q "$c"
		cdef+="${cdef:+, }$q text"
		cmp+="${cmp:+ AND }coalesce(CAST(t.$q AS text), '') = o.$q"
	done
	for c in "$@"; do
		sq_q q "$c"
		on+="${on:+ AND }o.$q = c.$q"
		tn+="${tn:+ AND }t.$q = o.$q"
	done
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
# exports the largest table (Cust. Ledger Entry) beside the session, on
# the second core.  In WAL mode a second process could see a later
# commit, so the session exports everything itself.

SQ_BIG='Cust. Ledger Entry'	# exported beside the session
SQ_DB= SQ_PAR=0
declare -A SQ_HAS=() SQ_COLS=() SQ_DIRECT=() SQ_UNIQUE=() SQ_RANGE=()

# sq_step SCRIPT: run the SQL SCRIPT (a file) in the session and wait for
# it to finish.  Returns 1 when the session ended (its error in
# WORK/session.err).
sq_step() {
	ca_session_step "$(printf '.read %s\n.output stdout\n.system echo %s' \
	    "$(sq_file "$1")" "$CA_SESS_MARK")"
}

# sq_fail WHAT: say that WHAT failed, with sqlite3's messages.
sq_fail() {
	ca_session_fail sqlite3 "$SQ_DB" "$1"
}

# sq_catalog FILE: read the tables and their columns of CSV FILE
# (columns table, column; in the tables' order) into SQ_HAS (table -> 1)
# and SQ_COLS (table -> its columns, one a line).  A name with a control
# character is read with it as "?", so that it matches no name the job
# wants.
sq_catalog() {
	local line
	SQ_HAS=() SQ_COLS=()
	while IFS= read -r line; do
		ca_split "$line"
		SQ_HAS[${CA_F[0]}]=1
		SQ_COLS[${CA_F[0]}]+="${CA_F[1]}"$'\n'
	done < <("$CA_BIN/csvget" --printable "$1" table column)
}

# sq_begin DB: start the session on DB, in one read transaction, and read
# the tables, their columns (SQ_HAS, SQ_COLS: table -> columns one a
# line, in order) and the journal mode.
sq_begin() {
	local db=$1 s mode
	sq_check_db "$db" || return 1
	SQ_DB=$db
	ca_session sqlite3 -init /dev/null -readonly -batch "$db"
	s=$CA_WORK/begin.sql
	{
		printf '%s\n' '.bail on' '.timeout 10000' 'BEGIN;'
		printf '.headers on\n.mode csv\n.separator "," "\\n"\n'
		printf '.output %s\n' "$(sq_file "$CA_WORK/catalog.csv")"
		printf '%s\n' "SELECT m.name AS \"table\", p.name AS \"column\" FROM sqlite_master AS m, pragma_table_info(m.name) AS p WHERE m.type = 'table' ORDER BY m.name, p.cid;"
		printf '.headers off\n.mode list\n.output %s\n' \
		    "$(sq_file "$CA_WORK/journal")"
		printf '%s\n' 'PRAGMA journal_mode;'
		printf '.output %s\n' "$(sq_file "$CA_WORK/encoding")"
		printf '%s\n' 'PRAGMA encoding;'
		printf '.headers on\n.mode csv\n.output %s\n' \
		    "$(sq_file "$CA_WORK/indexes.csv")"
		printf '%s\n' "SELECT m.name AS \"table\", x.name AS \"column\", i.\"unique\" AND (SELECT count(*) FROM pragma_index_info(i.name)) = 1 AS \"unique\", ' COLLATE BINARY' AS \"range\" FROM sqlite_master AS m, pragma_index_list(m.name) AS i, pragma_index_xinfo(i.name) AS x, pragma_table_info(m.name) AS c WHERE m.type = 'table' AND x.seqno = 0 AND x.cid >= 0 AND x.\"desc\" = 0 AND upper(x.coll) = 'BINARY' AND i.partial = 0 AND c.name = x.name AND m.name || x.name NOT GLOB ('*[' || char(9, 10, 13) || ']*') AND upper(c.type) NOT LIKE '%INT%' AND (upper(c.type) LIKE '%CHAR%' OR upper(c.type) LIKE '%CLOB%' OR upper(c.type) LIKE '%TEXT%') ORDER BY 1, 2;"
		printf '.headers off\n.mode list\n.output stdout\n'
	} >"$s"
	sq_step "$s" || {
		sq_fail "reading the database"
		return 1
	}
	sq_catalog "$CA_WORK/catalog.csv"
	if [ -z "${SQ_HAS[Customer]:-}" ]; then
		ca_err "$db: no Customer table"
		return 1
	fi
	mode=$(cat -- "$CA_WORK/journal")
	SQ_PAR=0
	[ "${mode,,}" = wal ] || SQ_PAR=1
	sq_keys_indexed || return 1
}

# sq_keys_indexed: the key columns SQLite can look customers up in
# through an index (sq_keys_read): the first column of an index (not
# partial, ascending, BINARY collation, so in the bytes' order) of TEXT
# affinity (a number stored there became text) that holds no BLOB (the
# index orders a BLOB after all text, and the export shows its bytes as
# text: checked through the index).  Only in a UTF-8 database (in
# UTF-16, BINARY is not the bytes' order of the export).
sq_keys_indexed() {
	local s=$CA_WORK/blobs.sql line t c q qt sel=
	SQ_DIRECT=() SQ_UNIQUE=() SQ_RANGE=()
	[ "$(cat -- "$CA_WORK/encoding")" = UTF-8 ] || return 0
	[ -s "$CA_WORK/indexes.csv" ] || return 0
	while IFS= read -r line; do
		ca_split "$line"
		t=${CA_F[0]} c=${CA_F[1]}
		sq_q qt "$t"
		sq_q q "$c"
		sel+="${sel:+ UNION ALL }SELECT $(sq_string "$t") AS \"table\", $(sq_string "$c") AS \"column\" WHERE EXISTS (SELECT 1 FROM main.$qt AS t WHERE t.$q >= x'')"
	done < <("$CA_BIN/csvget" "$CA_WORK/indexes.csv" table column)
	[ -n "$sel" ] || return 0
	{
		printf '.headers on\n.mode csv\n.output %s\n' \
		    "$(sq_file "$CA_WORK/blobs.csv")"
		printf '%s;\n.headers off\n.mode list\n.output stdout\n' "$sel"
	} >"$s"
	sq_step "$s" || {
		sq_fail "reading the database"
		return 1
	}
	sq_keys_read "$CA_WORK/indexes.csv" "$CA_WORK/blobs.csv"
}

# sq_keys_read INDEXES [EXCLUDED]: read CSV file INDEXES (table, column,
# unique, range: one row per index whose first column is a text key
# column an equality can look customers up in through it; unique 1 when
# a single-column UNIQUE index; range the COLLATE clause under which the
# index orders the column in the bytes' order, or empty) into SQ_DIRECT
# (table<TAB>column -> 1: the fetch compares the column as it is),
# SQ_RANGE (-> the COLLATE clause: a range in bytes can walk the index)
# and SQ_UNIQUE (-> 1: unique, and in SQ_RANGE); without the columns of
# CSV file EXCLUDED (table, column; absent or empty: none).  For SQLite
# and PostgreSQL.
sq_keys_read() {
	local line k
	local -A out=()
	if [ -s "${2:-}" ]; then
		while IFS= read -r line; do
			ca_split "$line"
			out[${CA_F[0]}$'\t'${CA_F[1]}]=1
		done < <("$CA_BIN/csvget" "$2" table column)
	fi
	while IFS= read -r line; do
		ca_split "$line"
		k=${CA_F[0]}$'\t'${CA_F[1]}
		[ -z "${out[$k]:-}" ] || continue
		SQ_DIRECT[$k]=1
		[ -n "${CA_F[3]}" ] || continue
		SQ_RANGE[$k]=${CA_F[3]}
		[ "${CA_F[2]}" != 1 ] || SQ_UNIQUE[$k]=1
	done < <("$CA_BIN/csvget" "$1" table column unique range)
}

# sq_end: end the session's transaction and the session.
sq_end() {
	ca_session_end $'COMMIT;\n.quit'
}

# sq_csv_header NAME...: the NAMEs as a CSV header line.
sq_csv_header() {
	local n out= q
	for n in "$@"; do
		case $n in
		*[\",$'\n\r']*) q=\"${n//\"/\"\"}\" ;;
		*) q=$n ;;
		esac
		out+="${out:+,}$q"
	done
	printf '%s\n' "$out"
}

# sq_order PK [FORMAT]: the ORDER BY clause by primary key PK (columns
# joined by "|"), each key term FORMAT with the quoted column for %s
# (default: SQLite's bytes, 't.%s COLLATE BINARY').
sq_order() {
	local k order= t
	while IFS= read -r k; do
		printf -v t "${2:-t.%s COLLATE BINARY}" "$(sq_ident "$k")"
		order+="${order:+, }$t"
	done <<<"${1//|/$'\n'}"
	printf ' ORDER BY %s' "$order"
}

# sq_full_sql FILE TABLE TAIL: the SQL that writes every column of
# TABLE's rows selected by TAIL (WHERE and ORDER BY clauses, or nothing)
# to FILE, with the header from the schema.
sq_full_sql() {
	printf '.output %s\n.mode list\n' "$(sq_file "$1")"
	printf '%s\n' "SELECT group_concat(CASE WHEN name GLOB '*[\",'||char(10, 13)||']*' THEN '\"'||replace(name, '\"', '\"\"')||'\"' ELSE name END, ',') FROM (SELECT name FROM pragma_table_info($(sq_string "$2")) ORDER BY cid);"
	printf '.mode csv\n.separator "," "\\n"\n'
	printf 'SELECT * FROM main.%s AS t%s;\n' "$(sq_ident "$2")" "$3"
	printf '.output stdout\n'
}

# sq_phase_file DIR PHASE TABLE PAR: the script of export phase PHASE
# (checks, fetch) that exports TABLE: DIR/PHASE.beside.sql for SQ_BIG when
# PAR is 1 (a second client runs it beside the session), else
# DIR/PHASE.sql.  sq_phase_beside DIR PHASE: that beside script, when it
# holds anything.  For SQLite and PostgreSQL.
sq_phase_file() {
	if [ "$4" = 1 ] && [ "$3" = "$SQ_BIG" ]; then
		printf '%s\n' "$1/$2.beside.sql"
	else
		printf '%s\n' "$1/$2.sql"
	fi
}

sq_phase_beside() {
	[ ! -s "$1/$2.beside.sql" ] || printf '%s\n' "$1/$2.beside.sql"
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

# sq_check_plan [setup]: the first phase's tables, one
# "TABLE<TAB>PK<TAB>COLUMNS" line each: every table of tables.csv with
# check columns that the database has (SQ_HAS), with those of its
# columns (SQ_COLS), in the table's order, joined by "|"; empty for every
# column ("*", or none of the wanted: the filters then say which is
# missing).  With setup, only the tables the checks read whole (no check
# key): the walk exports the others.
sq_check_plan() {
	local only=${1:-} line table pk want c cols
	local -A w
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} want=${CA_F[2]}
		[ -n "$want" ] && [ -n "${SQ_HAS[$table]:-}" ] || continue
		[ -z "$only" ] || [ -z "${CA_F[3]}" ] || continue
		cols=
		if [ "$want" != '*' ]; then
			w=()
			while IFS= read -r c; do
				w[$c]=1
			done <<<"${want//|/$'\n'}"
			while IFS= read -r c; do
				[ -z "${w[$c]:-}" ] || cols+="${cols:+|}$c"
			done <<<"${SQ_COLS[$table]%$'\n'}"
		fi
		printf '%s\t%s\t%s\n' "$table" "$pk" "$cols"
	done < <("$CA_BIN/csvget" "$SQ_TABLES" table 'primary key' \
	    'check columns' 'check key')
}

# sq_fetch_plan: the second phase's tables, one "TABLE<TAB>PK<TAB>KEYS"
# line each: every table of tables.csv the job may change (rules) and
# Contact Business Relation, that the database has, with its customer
# key columns joined by "|"; Contact (no customer key: reached through
# Contact Business Relation) only when both are there.
sq_fetch_plan() {
	local line table
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]}
		[ -n "${SQ_HAS[$table]:-}" ] || continue
		[ -n "${CA_F[3]}" ] || [ "$table" = 'Contact Business Relation' ] ||
		    continue
		[ "$table" != Contact ] ||
		    [ -n "${SQ_HAS['Contact Business Relation']:-}" ] || continue
		printf '%s\t%s\t%s\n' "$table" "${CA_F[1]}" "${CA_F[2]}"
	done < <("$CA_BIN/csvget" "$SQ_TABLES" table 'primary key' \
	    'customer keys' rules)
}

# sq_export_checks DIR [setup]: the first phase: into DIR/<table>.csv, for
# every table of sq_check_plan, its columns there (all for none), Customer
# ordered by No. (bytes).  With setup, only the tables the checks read
# whole (sq_check_plan setup).
sq_export_checks() {
	local dir=$1 only=${2:-} table pk cols tail f
	: >"$CA_WORK/checks.sql"
	: >"$CA_WORK/checks.beside.sql"
	while IFS=$'\t' read -r table pk cols; do
		f=$(sq_phase_file "$CA_WORK" checks "$table" "$SQ_PAR")
		tail=
		[ "$table" != Customer ] || tail=$(sq_order "$pk")
		if [ -z "$cols" ]; then
			sq_full_sql "$dir/$table.csv" "$table" "$tail" >>"$f"
			continue
		fi
		sq_cols_sql "$dir/$table.csv" "$cols" "$(sq_select "$cols")" \
		    "$table" "$tail" >>"$f"
	done < <(sq_check_plan "$only")
	sq_run_scripts export "$CA_WORK/checks.sql" \
	    "$(sq_phase_beside "$CA_WORK" checks)"
}

# sq_fetch KEYS DIR: the second phase (the core's CORE_FETCH): into
# DIR/<table>.csv, in full and ordered by primary key, the rows of every
# table of sq_fetch_plan one of whose customer keys is one of KEYS (a CSV
# file, header No.); of Contact, the contacts such a Contact Business
# Relation names.  Keys are compared as the text the
# export would show (CAST AS TEXT): the core picks its rows again from
# these by the same keys, so the rows fetched must hold every row it
# would pick from a full export.
sq_fetch() {
	local keys_csv=$1 dir=$2 table pk keys cond f kt
	kt='temp."_custanon_k"'
	: >"$CA_WORK/fetch.sql"
	: >"$CA_WORK/fetch.beside.sql"
	while IFS=$'\t' read -r table pk keys; do
		cond=$(sq_fetch_cond "$table" "$keys" "$kt" main.)
		f=$(sq_phase_file "$CA_WORK" fetch "$table" "$SQ_PAR")
		[ -s "$f" ] || sq_keys_sql "$keys_csv" >"$f"
		sq_full_sql "$dir/$table.csv" "$table" \
		    " WHERE $cond$(sq_order "$pk")" >>"$f"
	done < <(sq_fetch_plan)
	sq_run_scripts export "$CA_WORK/fetch.sql" \
	    "$(sq_phase_beside "$CA_WORK" fetch)"
}

# sq_fetch_cond TABLE KEYS KT SCHEMA: the WHERE condition of sq_fetch_plan
# table TABLE (alias t) with customer key columns KEYS (joined by "|"):
# one of them, as text, is a number of table KT (column no); for Contact,
# its No. is named by a Contact Business Relation (in SCHEMA, "main." or
# empty) whose No. is.  A key column of SQ_DIRECT is compared as it is,
# through its index; any other as CAST AS text, which no index serves.
# For both SQLite and PostgreSQL (which has no SQ_DIRECT).
sq_fetch_cond() {
	local k q cond=
	if [ "$1" = Contact ]; then
		printf '%s IN (SELECT CAST(b."Contact No." AS text) FROM %s"Contact Business Relation" AS b WHERE %s IN (SELECT no FROM %s))' \
		    "$(sq_key_text Contact 'No.' t)" "$4" \
		    "$(sq_key_text 'Contact Business Relation' 'No.' b)" "$3"
		return
	fi
	while IFS= read -r k; do
		cond+="${cond:+ OR }$(sq_key_text "$1" "$k" t) IN (SELECT no FROM $3)"
	done <<<"${2//|/$'\n'}"
	printf '%s' "$cond"
}

# sq_key_text TABLE COLUMN ALIAS: column COLUMN of TABLE (as ALIAS) as the
# text the export shows: as it is for a column of SQ_DIRECT, else CAST.
sq_key_text() {
	local q
	sq_q q "$2"
	if [ -n "${SQ_DIRECT[$1$'\t'$2]:-}" ]; then
		printf '%s.%s' "$3" "$q"
	else
		printf 'CAST(%s.%s AS text)' "$3" "$q"
	fi
}

# sq_keys_sql KEYS: the SQL that loads CSV file KEYS (header No.) into
# temp._custanon_k.
sq_keys_sql() {
	printf '%s\n' 'DROP TABLE IF EXISTS temp."_custanon_k";'
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_k"(no TEXT);'
	printf '.import --csv --skip 1 --schema temp %s _custanon_k\n' \
	    "$(sq_file "$1")"
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

declare -A SQ_CKEY=()
SQ_WALK_N=0
# The backend's part (set by sq_walkable and pg_walkable): the bounds'
# table, the schema that names the tables, the unary operator that keeps
# a term off the indexes, the COLLATE clause that orders text in bytes,
# and the command that writes a query's rows (FILE COLUMNS SELECT TABLE
# TAIL, as sq_cols_sql).
SQ_WT= SQ_WSCHEMA= SQ_WPLUS= SQ_WBYTES= SQ_WOUT=

# sq_check_keys: the check key of every table of tables.csv that has one
# into SQ_CKEY (table -> column): the column its check looks a customer
# up by (for Customer, the bill-to check's).
sq_check_keys() {
	local line
	SQ_CKEY=()
	while IFS= read -r line; do
		ca_split "$line"
		[ -z "${CA_F[1]}" ] || SQ_CKEY[${CA_F[0]}]=${CA_F[1]}
	done < <("$CA_BIN/csvget" "$SQ_TABLES" table 'check key')
}

# sq_walk_indexed: whether the indexes let the job walk the customers:
# Customer's No. unique through a single-column index (SQ_UNIQUE), and
# every check key of the tables the checks read (sq_check_plan) in
# SQ_RANGE.  For SQLite and PostgreSQL.
sq_walk_indexed() {
	local table pk cols
	sq_check_keys
	[ -n "${SQ_UNIQUE[Customer$'\t'No.]:-}" ] || return 1
	while IFS=$'\t' read -r table pk cols; do
		[ -n "${SQ_CKEY[$table]:-}" ] || continue
		[ -n "${SQ_RANGE[$table$'\t'${SQ_CKEY[$table]}]:-}" ] || return 1
	done < <(sq_check_plan)
}

# sq_walkable: whether the database can be walked (sq_walk_indexed, and
# no customer's No. NULL or empty, so that no key NULL or empty names a
# customer); sets SQ_WALK_TOTAL, the number of customers.  1 when not, 2
# when the session failed.
sq_walkable() {
	local s=$CA_WORK/walkable.sql
	sq_walk_indexed || return 1
	{
		printf '.headers off\n.mode list\n.output %s\n' \
		    "$(sq_file "$CA_WORK/walkable")"
		printf '%s\n' 'SELECT (SELECT count(*) FROM main."Customer") || char(9) || EXISTS (SELECT 1 FROM main."Customer" AS t WHERE t."No." IS NULL OR t."No." = '\'\'');'
		printf '.output stdout\n'
	} >"$s"
	sq_step "$s" || {
		sq_fail "reading the database"
		return 2
	}
	SQ_WT='temp."_custanon_w"' SQ_WSCHEMA=main. SQ_WPLUS=+
	SQ_WBYTES=' COLLATE BINARY' SQ_WOUT=sq_cols_sql
	sq_walk_counted "$CA_WORK/walkable"
}

# sq_walk_counted FILE: read FILE's line "CUSTOMERS<TAB>EMPTY" (EMPTY 1
# when a No. is NULL or empty) into SQ_WALK_TOTAL; 0 when the walk may
# go, 1 when not, 2 when FILE is unreadable.  For SQLite and PostgreSQL.
sq_walk_counted() {
	local line
	IFS= read -r line <"$1" || return 2
	ca_split "$line"
	SQ_WALK_TOTAL=${CA_F[0]}
	[[ $SQ_WALK_TOTAL =~ ^[0-9]+$ ]] || return 2
	[ "${CA_F[1]:-}" = 0 ]
}

# sq_walk_range N HOW ALIAS TABLE COLUMN: the condition that COLUMN of
# TABLE (as ALIAS) falls in chunk N's range of numbers (the bounds' table
# SQ_WT), in bytes (under its SQ_RANGE clause): from its first to its
# last (HOW: chunk); with no upper bound (the rest of the customers),
# through the index (HOW: open) or not (HOW: rest); after chunk N-1's
# last, or anywhere for chunk 1 (HOW: after).
sq_walk_range() {
	local n=$1 how=$2 q c
	sq_q q "$5"
	q="$3.$q"
	c=${SQ_RANGE[$4$'\t'$5]}
	case $how in
	after)
		if [ "$n" = 1 ]; then
			printf 'true'
		else
			printf '%s%s > (SELECT hi FROM %s WHERE i = %d)' \
			    "$q" "$c" "$SQ_WT" $((n - 1))
		fi
		return
		;;
	rest) q="($SQ_WPLUS$q)" ;;
	esac
	printf '%s%s >= (SELECT lo FROM %s WHERE i = %d)' "$q" "$c" "$SQ_WT" "$n"
	[ "$how" != chunk ] ||
	    printf ' AND %s%s <= (SELECT hi FROM %s WHERE i = %d)' \
		"$q" "$c" "$SQ_WT" "$n"
}

# sq_walk_script DIR SIZE N: the script of sq_walk's chunk N.  For SQLite
# and PostgreSQL.
sq_walk_script() {
	local dir=$1 size=$2 n=$3 how=chunk own=chunk table pk cols sel key
	local no=${SQ_RANGE[Customer$'\t'No.]}
	[ "$size" != 0 ] || how=rest own=open
	printf '%s\n' 'CREATE TEMP TABLE IF NOT EXISTS "_custanon_w"(i integer PRIMARY KEY, lo text, hi text);'
	printf 'INSERT INTO %s(i, lo, hi) SELECT %d, min(no%s), max(no%s) FROM (SELECT t."No." AS no FROM %s AS t WHERE %s ORDER BY t."No."%s LIMIT %d) AS s;\n' \
	    "$SQ_WT" "$n" "$SQ_WBYTES" "$SQ_WBYTES" \
	    "$SQ_WSCHEMA$(sq_ident Customer)" \
	    "$(sq_walk_range "$n" after t Customer No.)" "$no" \
	    "$([ "$how" = chunk ] && echo "$size" || echo 1)"
	while IFS=$'\t' read -r table pk cols; do
		key=${SQ_CKEY[$table]:-}
		[ -n "$key" ] || continue
		sel=$(sq_select "$cols")
		if [ "$table" = Customer ]; then
			"$SQ_WOUT" "$dir/Customer.csv" "$cols" "$sel" Customer \
			    " WHERE $(sq_walk_range "$n" "$own" t Customer \
			    No.)$(sq_order "$pk" "t.%s$no")"
			"$SQ_WOUT" "$dir/bill-to/Customer.csv" "$cols" "$sel" \
			    Customer " WHERE $(sq_walk_range "$n" "$how" t \
			    Customer "$key")"
			continue
		fi
		"$SQ_WOUT" "$dir/$table.csv" "$cols" "$sel" "$table" \
		    " WHERE $(sq_walk_range "$n" "$how" t "$table" "$key")"
	done < <(sq_check_plan)
}

# sq_walk DIR SIZE: the next chunk (the core's CORE_WALK): into DIR, the
# check columns (sq_check_plan) of the next SIZE customers after the last
# chunk's, in the order of No. (SIZE 0: all the rest) as Customer.csv;
# of every other table with a check key, its rows whose key falls in the
# chunk's range of numbers as <table>.csv; and the Customer rows whose
# Bill-to Customer No. does, as bill-to/Customer.csv.
sq_walk() {
	SQ_WALK_N=$((SQ_WALK_N + 1))
	mkdir -p -- "$1/bill-to"
	sq_walk_script "$1" "$2" "$SQ_WALK_N" >"$CA_WORK/walk.sql"
	sq_step "$CA_WORK/walk.sql" || sq_fail export
}

# sq_select COLUMNS: COLUMNS (joined by "|") as a select list of alias t.
sq_select() {
	local c sel=
	while IFS= read -r c; do
		sel+="${sel:+, }t.$(sq_ident "$c")"
	done <<<"${1//|/$'\n'}"
	printf '%s' "$sel"
}

# sq_cols_sql FILE COLUMNS SELECT TABLE TAIL: the SQL that writes to FILE
# the header COLUMNS (joined by "|") and SELECT (the columns, alias t) of
# TABLE's rows (TAIL: WHERE and ORDER BY clauses, or nothing).
sq_cols_sql() {
	local -a names
	mapfile -t names <<<"${2//|/$'\n'}"
	printf '.output %s\n.mode list\n' "$(sq_file "$1")"
	printf 'SELECT %s;\n' "$(sq_string "$(sq_csv_header "${names[@]}")")"
	printf '.mode csv\n.separator "," "\\n"\n'
	printf 'SELECT %s FROM main.%s AS t%s;\n' "$3" "$(sq_ident "$4")" "$5"
	printf '.output stdout\n'
}

