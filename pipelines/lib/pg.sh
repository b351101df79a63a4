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
# Settings it reads: CA_BIN, CA_HERE, CA_WORK; sqlite.sh's SQ_LOG,
# SQ_LOGCOLS, sq_tables, sq_load_pks (tables.csv: the tables and their
# primary keys), sq_ident and sq_q; PGAPPNAME (default custanon, so that
# a DBA sees whose sessions these are).  Programs: psql, sqlite3 (to
# convert the change files, see pg_text), csvget.

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
# relative to it), as the child ca_signal stops.
pg_run() {
	ca_run_in "$1" env -C "$2" PGCLIENTENCODING=UTF8 \
	    PGAPPNAME="${PGAPPNAME:-custanon}" psql "${PG_ARGS[@]}"
}

# pg_export CONNINFO DIR: export every table of tables.csv the database
# has (but the log) into DIR/<table>.csv, with a header, in one
# REPEATABLE READ, READ ONLY transaction: one snapshot.  Tables the job
# may change are ordered by their primary key, as text, in byte order
# (COLLATE "C").  NULL exports as an unquoted empty field, empty text as
# "".  An empty table gives a file with a header only.
pg_export() {
	local conn=$1 dir=$2 line table pk rules k order n=0 script
	local -a names=()
	pg_start "$conn" || return 1
	if [ -z "${PG_HAVE[Customer]:-}" ]; then
		ca_err "$PG_LABEL: no Customer table"
		return 1
	fi
	script=$CA_WORK/export.sql
	{
		echo 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;'
		while IFS= read -r line; do
			ca_split "$line"
			table=${CA_F[0]} pk=${CA_F[1]} rules=${CA_F[2]}
			[ "$table" != "$SQ_LOG" ] || continue
			[ -n "${PG_HAVE[$table]:-}" ] || continue
			order=
			if [ -n "$rules" ] || [ "$table" = Customer ]; then
				while IFS= read -r k; do
					order+="${order:+, }CAST(t.$(sq_ident "$k") AS text) COLLATE \"C\""
				done <<<"${pk//|/$'\n'}"
				order=" ORDER BY $order"
			fi
			n=$((n + 1))
			names+=("$table")
			printf '\\copy (SELECT * FROM %s AS t%s) TO %s WITH (FORMAT csv, HEADER)\n' \
			    "$(sq_ident "$table")" "$order" "'$n.csv'"
		done < <(sq_tables)
		echo 'COMMIT;'
	} >"$script"
	pg_run "$script" "$dir" || {
		ca_err "$PG_LABEL: export failed"
		return 1
	}
	for n in "${!names[@]}"; do
		mv -- "$dir/$((n + 1)).csv" "$dir/${names[$n]}.csv" || return 1
	done
}

# pg_text CSV TXT COLUMN...: the sqlite3 commands that convert CSV file
# CSV (with a header of COLUMNs) into TXT in COPY's text format, in file
# order: every field as text (an empty one as empty text, never NULL),
# "\", tab, LF and CR escaped.  (psql's \copy ends its data at a line
# "\." even inside a quoted CSV field; the text format has no such line.)
# sqlite3's CSV reader is RFC 4180 and keeps every value as text.
pg_text() {
	local in=$1 out=$2 t q sel= c
	t="t_${out%.txt}"
	shift 2
	for c in "$@"; do
		sq_q q "$c"
		sel+="${sel:+ || char(9) || }replace(replace(replace(replace($q, '\\', '\\\\'), char(9), '\\t'), char(10), '\\n'), char(13), '\\r')"
	done
	printf '.import --csv %s %s\n' "$in" "$t"
	printf '.once %s\n' "$out"
	printf 'SELECT %s FROM %s ORDER BY rowid;\n' "$sel" "$t"
}

# pg_import_sql DIR EXPORTS [ORIGINALS]: the psql script that imports the
# changes in DIR in one transaction, and (into WORK/pgin/convert.sql) the
# SQLite commands that first convert the files it reads.  Each change
# file updates its table's rows by primary key, every column of the file
# (a column the table lacks is added, as text; an empty value keeps a
# NULL); each row must match exactly one row, or the transaction fails.
# The log rows are appended to the log table (created when missing) with
# Entry No. = the largest so far + 1, + 2, ..., the table locked against
# other writers meanwhile.
pg_import_sql() {
	local dir=$1 ex=$2 orig=${3:-} in=$CA_WORK/pgin f path table n=0 c q
	local tmp set where cdef qt cl
	local -a cols pk
	local -A ispk fcols hascol
	sq_load_pks
	sq_headers "$dir" "$ex" ${orig:+"$orig"} || return 1
	: >"$in/convert.sql"
	echo 'BEGIN ISOLATION LEVEL READ COMMITTED;'
	echo 'SET LOCAL client_min_messages = warning;'
	echo 'CREATE TEMP TABLE "_custanon_check"(ok boolean NOT NULL, CONSTRAINT "a change file row matches no row of its table, or several" CHECK (ok));'
	if [ -n "$orig" ]; then
		# The targets' Customer rows still as exported, locked.
		ln -s -- "$orig" "$in/o.csv"
		mapfile -t cols <<<"${fcols[$orig]%$'\n'}"
		pg_text o.csv o.txt "${cols[@]}" >>"$in/convert.sql"
		cdef= where=
		for c in "${cols[@]}"; do
			sq_q q "$c"
			cdef+="${cdef:+, }$q text"
			where+="${where:+ AND }coalesce(CAST(t.$q AS text), '') = o.$q"
		done
		printf 'CREATE TEMP TABLE "_custanon_orig"(%s);\n' "$cdef"
		printf '\\copy pg_temp."_custanon_orig" FROM %s\n' "'o.txt'"
		echo 'ANALYZE pg_temp."_custanon_orig";'
		echo 'CREATE TEMP TABLE "_custanon_same"(ok boolean NOT NULL, CONSTRAINT "a customer changed since the export: run again" CHECK (ok));'
		printf 'INSERT INTO pg_temp."_custanon_same"(ok) SELECT (SELECT count(*) FROM (SELECT 1 FROM "Customer" AS t JOIN pg_temp."_custanon_orig" AS o ON t."No." = o."No." WHERE %s FOR UPDATE OF t) AS x) = (SELECT count(*) FROM pg_temp."_custanon_orig");\n' \
		    "$where"
	fi
	for path in "$dir"/*.csv; do
		sq_change_file "$dir" "$path" || { [ $? = 2 ] && continue; return 1; }
		n=$((n + 1))
		tmp="pg_temp.\"_custanon_c$n\""
		sq_q qt "$table"
		ln -s -- "$dir/$f" "$in/$n.csv"
		pg_text "$n.csv" "$n.txt" "${cols[@]}" >>"$in/convert.sql"
		set= cdef=
		for c in "${cols[@]}"; do
			sq_q q "$c"
			cdef+="${cdef:+, }$q text"
			if [ -z "${hascol[$ex/$f$'\t'$c]:-}" ]; then
				printf 'ALTER TABLE %s ADD COLUMN %s text;\n' "$qt" "$q"
			fi
			[ -z "${ispk[$c]:-}" ] || continue
			set+="${set:+, }$q = CASE WHEN c.$q = '' AND t.$q IS NULL THEN NULL ELSE c.$q END"
		done
		where=
		for c in "${pk[@]}"; do
			sq_q q "$c"
			where+="${where:+ AND }t.$q = c.$q"
		done
		printf 'CREATE TEMP TABLE "_custanon_c%d"(%s);\n' "$n" "$cdef"
		printf '\\copy %s FROM %s\n' "$tmp" "'$n.txt'"
		printf 'ANALYZE %s;\n' "$tmp"
		printf 'WITH u AS (UPDATE %s AS t SET %s FROM %s AS c WHERE %s RETURNING 1) INSERT INTO pg_temp."_custanon_check"(ok) SELECT (SELECT count(*) FROM u) = (SELECT count(*) FROM %s);\n' \
		    "$qt" "$set" "$tmp" "$where" "$tmp"
	done
	if [ -e "$dir/$SQ_LOG.csv" ]; then
		local lc= lt= ls=
		for c in "${SQ_LOGCOLS[@]}"; do
			sq_q q "$c"
			lc+=", $q text"
			lt+=", $q"
			ls+=", l.$q"
		done
		ln -s -- "$dir/$SQ_LOG.csv" "$in/log.csv"
		pg_text log.csv log.txt "${SQ_LOGCOLS[@]}" \
		    >>"$in/convert.sql"
		sq_q qt "$SQ_LOG"
		cl="CAST(\"Entry No.\" AS text)"
		if [ -z "${PG_HAVE[$SQ_LOG]:-}" ]; then
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

# pg_import CONNINFO DIR EXPORTS [ORIGINALS]: import the changes in DIR
# in one transaction (see pg_import_sql); EXPORTS holds the exports the
# changes were made from (the tables' columns); ORIGINALS, the exported
# Customer rows of the customers anonymized, must still be in the
# database as they were, and are locked until the end (other writers
# wait).  On any error, or a kill before the COMMIT, nothing changes.
pg_import() {
	local conn=$1 dir=$2 ex=$3 orig=${4:-} in=$CA_WORK/pgin
	[ "${#PG_ARGS[@]}" -gt 0 ] || pg_start "$conn" || return 1
	rm -rf -- "$in"
	mkdir -m 700 "$in"
	pg_import_sql "$dir" "$ex" "$orig" >"$CA_WORK/import.sql" || return 1
	if [ -s "$in/convert.sql" ]; then
		(cd "$in" && sqlite3 -init /dev/null -batch -bail \
		    -cmd '.headers off' -cmd '.mode list' :memory: \
		    <convert.sql) || {
			ca_err "$PG_LABEL: cannot read the changes: nothing changed"
			return 1
		}
	fi
	pg_run "$CA_WORK/import.sql" "$in" || {
		ca_err "$PG_LABEL: import failed: nothing changed"
		return 1
	}
}
