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

# sq_export DB DIR: export every table of tables.csv that DB holds (but
# the log) into DIR/<table>.csv, with a header, in one read transaction:
# a consistent snapshot.  Tables the job may change are ordered by their
# primary key (bytes).  The header comes from the schema, so an empty
# table gives a file with a header only.
sq_export() {
	local db=$1 dir=$2 line table pk rules sql k order
	local -A have=()
	sq_check_db "$db" || return 1
	while IFS= read -r line; do
		have[$line]=1
	done < <(sqlite3 -init /dev/null -readonly -batch -noheader -list "$db" \
	    "SELECT name FROM sqlite_master WHERE type = 'table'")
	[ "${#have[@]}" -gt 0 ] || {
		ca_err "$db: cannot read the database, or it holds no table"
		return 1
	}
	if [ -z "${have[Customer]:-}" ]; then
		ca_err "$db: no Customer table"
		return 1
	fi
	sql=$'.bail on\n.timeout 10000\n.headers off\nBEGIN;\n'
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} rules=${CA_F[2]}
		[ "$table" != "$SQ_LOG" ] || continue
		[ -n "${have[$table]:-}" ] || continue
		order=
		if [ -n "$rules" ] || [ "$table" = Customer ]; then
			while IFS= read -r k; do
				order+="${order:+, }t.$(sq_ident "$k") COLLATE BINARY"
			done <<<"${pk//|/$'\n'}"
			order=" ORDER BY $order"
		fi
		# The header from the schema, so that an empty table has one.
		sql+=".output $(sq_file "$dir/$table.csv")"$'\n'
		sql+=$'.mode list\n'
		sql+="SELECT group_concat(CASE WHEN name GLOB '*[\",'||char(10, 13)||']*' THEN '\"'||replace(name, '\"', '\"\"')||'\"' ELSE name END, ',') FROM (SELECT name FROM pragma_table_info($(sq_string "$table")) ORDER BY cid);"$'\n'
		sql+=$'.mode csv\n.separator "," "\\n"\n'
		sql+="SELECT * FROM main.$(sq_ident "$table") AS t$order;"$'\n'
		sql+=$'.output stdout\n'
	done < <(sq_tables)
	sql+=$'COMMIT;\n'
	printf '%s' "$sql" >"$CA_WORK/export.sql"
	ca_run_in "$CA_WORK/export.sql" sqlite3 -init /dev/null -readonly \
	    -batch "$db" || {
		ca_err "$db: export failed"
		return 1
	}
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
# DIR (an absolute path) in one transaction: each change file
# updates its table's rows by primary key, every column of the file (a
# column the table lacks is added, as TEXT; an empty value keeps a NULL);
# each must match exactly one row, or the transaction fails.  The log
# rows are appended to the log table (created when missing) with Entry
# No. = the largest so far + 1, + 2, ...
sq_import_sql() {
	local dir=$1 ex=$2 orig=${3:-} f path table n=0 c q tmp set where cdef qt
	local -a cols pk
	local -A ispk fcols hascol
	sq_load_pks
	sq_headers "$dir" "$ex" || return 1
	printf '%s\n' '.bail on' '.timeout 10000' 'BEGIN IMMEDIATE;'
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_check"(ok INTEGER NOT NULL, CONSTRAINT "a change file row matches no row of its table, or several" CHECK (ok = 1));'
	if [ -n "$orig" ]; then
		sq_unchanged_sql "$orig" || return 1
	fi
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

# sq_unchanged_sql ORIGINALS: SQL that fails the transaction unless the
# Customer rows in CSV file ORIGINALS (the exported rows of the customers
# being anonymized) are still as exported: no other run or user changed
# them since (NULL exports as empty text).
sq_unchanged_sql() {
	local orig=$1 c q cdef= cmp=
	while IFS= read -r c; do
		sq_q q "$c"
		cdef+="${cdef:+, }$q TEXT"
		cmp+=" AND CAST(ifnull(t.$q, '') AS TEXT) = o.$q"
	done < <("$CA_BIN/csvget" --header "$orig")
	[ -n "$cdef" ] || return 1
	printf 'CREATE TEMP TABLE "_custanon_orig"(%s);\n' "$cdef"
	printf '.import --csv --skip 1 --schema temp %s _custanon_orig\n' \
	    "$(sq_file "$orig")"
	printf '%s\n' 'CREATE TEMP TABLE "_custanon_same"(ok INTEGER NOT NULL, CONSTRAINT "a customer changed since the export: run again" CHECK (ok = 1));'
	printf 'INSERT INTO temp."_custanon_same"(ok) SELECT (SELECT count(*) FROM temp."_custanon_orig" AS o JOIN main."Customer" AS t ON t."No." = o."No."%s) = (SELECT count(*) FROM temp."_custanon_orig");\n' \
	    "$cmp"
}

# sq_import DB DIR EXPORTS [ORIGINALS]: import the changes in DIR into DB
# in one transaction (see sq_import_sql); EXPORTS holds the exports the
# changes were made from (the tables' columns); ORIGINALS, the exported
# Customer rows of the customers anonymized, must still be in DB as they
# were (see sq_unchanged_sql).  On any error nothing changes.
sq_import() {
	local db=$1 dir=$2 ex=$3 orig=${4:-} sql
	sq_check_db "$db" || return 1
	sq_import_sql "$dir" "$ex" "$orig" >"$CA_WORK/import.sql" || return 1
	ca_run_in "$CA_WORK/import.sql" sqlite3 -init /dev/null -batch "$db" || {
		ca_err "$db: import failed: nothing changed"
		return 1
	}
}

# sq_sort_csv IN OUT COLUMN: write CSV file IN sorted by COLUMN (bytes)
# to OUT, through a private SQLite database.
sq_sort_csv() {
	local in=$1 out=$2 col=$3 db sql
	db=$CA_WORK/sort.db
	sql=$'.bail on\n'
	sql+=".import --csv $(sq_file "$in") t"$'\n'
	sql+=$'.headers on\n.mode csv\n.separator "," "\\n"\n'
	sql+=".once $(sq_file "$out")"$'\n'
	sql+="SELECT * FROM t ORDER BY t.$(sq_ident "$col") COLLATE BINARY;"$'\n'
	sqlite3 -init /dev/null -batch "$db" <<<"$sql" || return 1
	rm -f -- "$db"
}
