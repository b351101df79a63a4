# sql.sh: what the SQLite and PostgreSQL sides share (lib/sqlite.sh,
# lib/pg.sh): quoting, the catalog and its key indexes, the plans of the
# export's two phases and of the walk, and the SQL terms both dialects
# write alike.  Each backend reads its catalog into SQL_HAS and SQL_COLS
# and its key indexes into SQL_DIRECT, SQL_RANGE and SQL_UNIQUE
# (sql_keys_read), and sets the walk's dialect (SQL_WT ... SQL_WOUT).
#
# SQL text holds identifiers only, each quoted ("..." with " doubled);
# values (customer numbers included) reach the database only as data of
# a file, never as SQL text.
#
# Settings it reads: CA_BIN, CA_WORK; the job spec (spec.sh).

SQL_LOGCOLS=('Customer No.' Status Reason 'Logged At' User)
SQL_BIG=		# the table an export may read beside the rest (spec_big)
declare -A SQL_HAS=() SQL_COLS=() SQL_DIRECT=() SQL_UNIQUE=() SQL_RANGE=()
SQL_WALK_N=0
# The backend's part (set by sq_walkable and pg_walkable): the bounds'
# table, the schema that names the tables, the unary operator that keeps
# a term off the indexes, the COLLATE clause that orders text in bytes,
# and the command that writes a query's rows (FILE COLUMNS SELECT TABLE
# TAIL, as sq_cols_sql).
SQL_WT= SQL_WSCHEMA= SQL_WPLUS= SQL_WBYTES= SQL_WOUT=

# sql_ident NAME: NAME as a quoted SQL identifier.
sql_ident() {
	printf '"%s"' "${1//\"/\"\"}"
}

# sql_q VAR NAME: set VAR to NAME as a quoted SQL identifier.
sql_q() {
	printf -v "$1" '"%s"' "${2//\"/\"\"}"
}

# sql_string TEXT: TEXT as an SQL string literal (table names only).
sql_string() {
	printf "'%s'" "${1//\'/\'\'}"
}

# sql_file NAME: NAME as a quoted argument of a dot-command.
sql_file() {
	case $1 in
	*"'"*)
		ca_err "$1: file name holds a quote"
		return 1
		;;
	esac
	printf "'%s'" "$1"
}

# sql_headers DIR EXPORTS [FILE...]: read into the caller's associative
# arrays fcols (file -> its columns, one a line) and hascol ("FILE<TAB>
# COLUMN" -> 1) the headers of the change files in DIR but the log, of
# their tables' exports in EXPORTS, and of the further FILEs.
sql_headers() {
	local dir=$1 ex=$2 f c
	local -a hf=()
	shift 2
	for f in "$dir"/*.csv; do
		[ -e "$f" ] || continue
		[ "${f##*/}" != "$SPEC_LOGFILE" ] || continue
		hf+=("$f" "$ex/${f##*/}")
	done
	hf+=("$@")
	[ "${#hf[@]}" -gt 0 ] || return 0
	"$CA_LIBEXEC/csvget" --header "${hf[@]}" >"$CA_WORK/headers" || return 1
	while IFS= read -r c; do
		fcols[${c%%$'\t'*}]+="${c#*$'\t'}"$'\n'
		hascol[$c]=1
	done <"$CA_WORK/headers"
}

# sql_change_file DIR PATH: set the caller's f (the file name), table, pk
# (its primary key columns), ispk (column -> 1) and cols (the file's
# columns) for change file PATH of DIR.  Returns 2 for a file to pass
# over (absent, or the log), 1 with a message on an error.
sql_change_file() {
	local c
	[ -e "$2" ] || return 2
	f=${2##*/}
	spec_table_of table "${f%.csv}"
	[ "$table" != "$SPEC_LOG" ] || return 2
	if [ -z "${SPEC_PK[$table]:-}" ]; then
		ca_err "$table: no primary key known (the job spec)"
		return 1
	fi
	mapfile -t pk <<<"${SPEC_PK[$table]//|/$'\n'}"
	ispk=()
	for c in "${pk[@]}"; do
		ispk[$c]=1
	done
	mapfile -t cols <<<"${fcols[$1/$f]%$'\n'}"
	[ -n "${cols[0]:-}" ] || { ca_err "$f: no header"; return 1; }
}

# sql_update_terms TYPE ALTER: for sq_import_sql and pg_import_sql, of
# the change file the caller's sql_change_file read (cols, pk, ispk; its
# table quoted in qt; the headers in hascol, the exports in ex, the
# change files in dir): set the caller's cdef (its columns, each of
# TYPE), set (each column the file changes, from c, NULL kept where the
# table had NULL and the change is empty) and where (t and c the same
# row by the primary key), and print, for each column the table lacks,
# the statement ALTER (a printf format of the quoted table and column).
# The columns it changes are those in which some row differs from its
# export (csvget --changed): the import checks, in its transaction, that
# each row still is as exported (sq_same_sql, pg_same_sql), so the other
# columns would be written as they are.  A file that changes no column
# (or whose rows csvget does not find in export order) sets every one.
sql_update_terms() {
	local c q l
	local -A chg=()
	cdef= set= where=
	l=$("$CA_LIBEXEC/csvget" --changed "$ex/$f" "$dir/$f" "${pk[@]}") ||
	    return 1
	while IFS= read -r c; do
		[ -z "$c" ] || chg[$c]=1
	done <<<"$l"
	for c in "${cols[@]}"; do
		sql_q q "$c"
		cdef+="${cdef:+, }$q $1"
		if [ -z "${hascol[$ex/$f$'\t'$c]:-}" ]; then
			printf "$2" "$qt" "$q"
		fi
		[ -z "${ispk[$c]:-}" ] || continue
		[ "${#chg[@]}" = 0 ] || [ -n "${chg[$c]:-}" ] || continue
		set+="${set:+, }$q = CASE WHEN c.$q = '' AND t.$q IS NULL"
		set+=" THEN NULL ELSE c.$q END"
	done
	for c in "${pk[@]}"; do
		sql_q q "$c"
		where+="${where:+ AND }t.$q = c.$q"
	done
}

# sql_same_terms ORIGINALS PK...: for sq_same_sql and pg_same_sql, set the
# caller's ocols (the columns of ORIGINALS, from sql_headers' fcols), cdef
# (their TEXT columns), cmp (each equal in t, NULL as empty text), on
# (o and c the same row by PK) and tn (t and o the same row).
sql_same_terms() {
	local c q
	mapfile -t ocols <<<"${fcols[$1]%$'\n'}"
	[ -n "${ocols[0]:-}" ] || { ca_err "$1: no header"; return 1; }
	shift
	cdef= cmp= on= tn=
	for c in "${ocols[@]}"; do
		sql_q q "$c"
		cdef+="${cdef:+, }$q text"
		cmp+="${cmp:+ AND }coalesce(CAST(t.$q AS text), '') = o.$q"
	done
	for c in "$@"; do
		sql_q q "$c"
		on+="${on:+ AND }o.$q = c.$q"
		tn+="${tn:+ AND }t.$q = o.$q"
	done
}

# sql_has TABLE: the database has TABLE (SQL_HAS; the core's CORE_HAS).
sql_has() {
	[ -n "${SQL_HAS[$1]:-}" ]
}

# sql_catalog FILE: read the tables and their columns of CSV FILE
# (columns table, column; in the tables' order) into SQL_HAS (table -> 1)
# and SQL_COLS (table -> its columns, one a line).  A name with a control
# character is read with it as "?", so that it matches no name the job
# wants.
sql_catalog() {
	local line
	SQL_HAS=() SQL_COLS=()
	while IFS= read -r line; do
		ca_split "$line"
		SQL_HAS[${CA_F[0]}]=1
		SQL_COLS[${CA_F[0]}]+="${CA_F[1]}"$'\n'
	done < <("$CA_LIBEXEC/csvget" --printable "$1" table column)
}

# sql_fold: for a database whose names ignore case (SQLite), each table
# of the spec that SQL_HAS lacks but holds in another case is taken as
# that one (a query names it as the spec does).
sql_fold() {
	local t n
	for t in "${SPEC_TABLES[@]}"; do
		[ -z "${SQL_HAS[$t]:-}" ] || continue
		for n in "${!SQL_HAS[@]}"; do
			[ "${n,,}" = "${t,,}" ] || continue
			SQL_HAS[$t]=1
			SQL_COLS[$t]=${SQL_COLS[$n]}
			break
		done
	done
}

# sql_similar TABLE: a table of the database whose name is TABLE's in
# another case (for messages), or nothing.
sql_similar() {
	local n
	for n in "${!SQL_HAS[@]}"; do
		if [ "$n" != "$1" ] && [ "${n,,}" = "${1,,}" ]; then
			printf '%s\n' "$n"
			return
		fi
	done
}

# sql_keys_read INDEXES [EXCLUDED]: read CSV file INDEXES (table, column,
# unique, range: one row per index whose first column is a text key
# column an equality can look customers up in through it; unique 1 when
# a single-column UNIQUE index; range the COLLATE clause under which the
# index orders the column in the bytes' order, or empty) into SQL_DIRECT
# (table<TAB>column -> 1: the fetch compares the column as it is),
# SQL_RANGE (-> the COLLATE clause: a range in bytes can walk the index)
# and SQL_UNIQUE (-> 1: unique, and in SQL_RANGE); without the columns of
# CSV file EXCLUDED (table, column; absent or empty: none).  For SQLite
# and PostgreSQL.
sql_keys_read() {
	local line k
	local -A out=()
	if [ -s "${2:-}" ]; then
		while IFS= read -r line; do
			ca_split "$line"
			out[${CA_F[0]}$'\t'${CA_F[1]}]=1
		done < <("$CA_LIBEXEC/csvget" "$2" table column)
	fi
	while IFS= read -r line; do
		ca_split "$line"
		k=${CA_F[0]}$'\t'${CA_F[1]}
		[ -z "${out[$k]:-}" ] || continue
		SQL_DIRECT[$k]=1
		[ -n "${CA_F[3]}" ] || continue
		SQL_RANGE[$k]=${CA_F[3]}
		[ "${CA_F[2]}" != 1 ] || SQL_UNIQUE[$k]=1
	done < <("$CA_LIBEXEC/csvget" "$1" table column unique range)
}

# sql_order PK [FORMAT]: the ORDER BY clause by primary key PK (columns
# joined by "|"), each key term FORMAT with the quoted column for %s
# (default: SQLite's bytes, 't.%s COLLATE BINARY').
sql_order() {
	local k order= t
	while IFS= read -r k; do
		printf -v t "${2:-t.%s COLLATE BINARY}" "$(sql_ident "$k")"
		order+="${order:+, }$t"
	done <<<"${1//|/$'\n'}"
	printf ' ORDER BY %s' "$order"
}

# sql_phase_file DIR PHASE TABLE PAR: the script of export phase PHASE
# (checks, fetch) that exports TABLE: DIR/PHASE.beside.sql for SQL_BIG when
# PAR is 1 (a second client runs it beside the session), else
# DIR/PHASE.sql.  sql_phase_beside DIR PHASE: that beside script, when it
# holds anything.  For SQLite and PostgreSQL.
sql_phase_file() {
	if [ "$4" = 1 ] && [ "$3" = "$SQL_BIG" ]; then
		printf '%s\n' "$1/$2.beside.sql"
	else
		printf '%s\n' "$1/$2.sql"
	fi
}

sql_phase_beside() {
	[ ! -s "$1/$2.beside.sql" ] || printf '%s\n' "$1/$2.beside.sql"
}

# sql_check_plan [setup]: the first phase's tables, one
# "TABLE<TAB>PK<TAB>COLUMNS" line each: every table of the spec whose
# columns the checks or the job read (SPEC_READS) that the database has
# (SQL_HAS), with those of its columns (SQL_COLS), in the table's order,
# joined by "|"; empty for every column ("*", or none of the wanted: the
# filters then say which is missing).  With setup, only the tables the
# checks read whole (no check key): the walk exports the others.
sql_check_plan() {
	local only=${1:-} table want c cols
	local -A w
	for table in "${SPEC_TABLES[@]}"; do
		want=${SPEC_READS[$table]}
		[ -n "$want" ] && [ -n "${SQL_HAS[$table]:-}" ] || continue
		[ -z "$only" ] || [ -z "${SPEC_CKEYS[$table]}" ] || continue
		cols=
		if [ "$want" != '*' ]; then
			w=()
			while IFS= read -r c; do
				w[$c]=1
			done <<<"${want//|/$'\n'}"
			while IFS= read -r c; do
				[ -z "${w[$c]:-}" ] || cols+="${cols:+|}$c"
			done <<<"${SQL_COLS[$table]%$'\n'}"
		fi
		printf '%s\t%s\t%s\n' "$table" "${SPEC_PK[$table]}" "$cols"
	done
}

# sql_fetch_plan: the second phase's tables, one "TABLE<TAB>PK<TAB>KEYS"
# line each: Customer, every table the spec scrubs and every link table,
# that the database has, with its customer key columns joined by "|"; a
# table reached through a link table only when the database has that.
sql_fetch_plan() {
	local table via
	for table in "${SPEC_TABLES[@]}"; do
		case ${SPEC_DEC[$table]} in
		customer | scrubbed | link) ;;
		*) continue ;;
		esac
		[ -n "${SQL_HAS[$table]:-}" ] || continue
		via=${SPEC_VIA[$table]}
		[ -z "$via" ] || [ -n "${SQL_HAS[$via]:-}" ] || continue
		printf '%s\t%s\t%s\n' "$table" "${SPEC_PK[$table]}" \
		    "${SPEC_KEYS[$table]}"
	done
}

# sql_fetch_cond TABLE KEYS KT SCHEMA: the WHERE condition of sql_fetch_plan
# table TABLE (alias t) with customer key columns KEYS (joined by "|"):
# one of them, as text, is a number of table KT (column no); for a table
# reached through a link table (SPEC_VIA; in SCHEMA, "main." or empty),
# its key is named, in the link's via key column, by a row of the link
# table whose customer key is; with link steps (SPEC_STEPS), the rows
# sql_steps_reached gives.  A link table some table reaches in steps
# also gives every row of the rows so reached, so that linkpairs sees
# what else links them (keep shared).  A key column of SQL_DIRECT is
# compared as it is, through its index; any other as CAST AS text, which
# no index serves.  For both SQLite and PostgreSQL (which has no
# SQL_DIRECT).
sql_fetch_cond() {
	local k cond= via=${SPEC_VIA[$1]:-} t
	if [ -n "$via" ] && [ -n "${SPEC_STEPS[$1]:-}" ]; then
		sql_steps_reached "$1" "$3" "$4" t
		return
	fi
	if [ -n "$via" ]; then
		printf '%s IN (SELECT CAST(b.%s AS text) FROM %s%s AS b WHERE %s IN (SELECT no FROM %s))' \
		    "$(sql_key_text "$1" "$2" t)" \
		    "$(sql_ident "${SPEC_VIAKEY[$1]}")" "$4" "$(sql_ident "$via")" \
		    "$(sql_key_text "$via" "${SPEC_KEYS[$via]}" b)" "$3"
		return
	fi
	while IFS= read -r k; do
		cond+="${cond:+ OR }$(sql_key_text "$1" "$k" t) IN (SELECT no FROM $3)"
	done <<<"${2//|/$'\n'}"
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_VIA[$t]:-}" = "$1" ] && [ -n "${SPEC_STEPS[$t]:-}" ] &&
		    [ -n "${SQL_HAS[$t]:-}" ] || continue
		cond="($cond) OR $(sql_key_text "$1" "${SPEC_VIAKEY[$t]}" t) IN (SELECT $(sql_key_text "$t" "${SPEC_KEYS[$t]}" x) FROM $4$(sql_ident "$t") AS x WHERE $(sql_steps_reached "$t" "$3" "$4" x))"
		cond+=" OR $(sql_not_code "$1" "${SPEC_VIAKEY[$t]}" t)"
		cond+=" OR $(sql_not_code "$1" "${SPEC_KEYS[$1]}" t)"
	done
	printf '%s' "$cond"
}

# sql_has_col TABLE COLUMN: the database's TABLE has COLUMN (SQL_COLS).
sql_has_col() {
	local c
	while IFS= read -r c; do
		[ "$c" != "$2" ] || return 0
	done <<<"${SQL_COLS[$1]:-}"
	return 1
}

# sql_steps_pairs TABLE KT SCHEMA: a query of the pairs (cu: a number of
# table KT, ct: a key of TABLE's rows, as text) that TABLE's via table
# links, and the customers' primary step column names (when Customer has
# that column: else linkpairs says it is missing; an empty one names no
# row).  The link table's
# conditions are left to linkpairs: the rows fetched are a superset.
sql_steps_pairs() {
	local t=$1 via=${SPEC_VIA[$1]} p q
	printf 'SELECT %s AS cu, CAST(b.%s AS text) AS ct FROM %s%s AS b WHERE %s IN (SELECT no FROM %s)' \
	    "$(sql_key_text "$via" "${SPEC_KEYS[$via]}" b)" \
	    "$(sql_ident "${SPEC_VIAKEY[$t]}")" "$3" "$(sql_ident "$via")" \
	    "$(sql_key_text "$via" "${SPEC_KEYS[$via]}" b)" "$2"
	p=$(spec_step "$t" primary)
	[ -n "$p" ] && sql_has_col Customer "$p" || return 0
	sql_q q "$p"
	printf ' UNION SELECT %s, CAST(c.%s AS text) FROM %s"Customer" AS c WHERE %s IN (SELECT no FROM %s) AND CAST(c.%s AS text) <> '\'\''' \
	    "$(sql_key_text Customer No. c)" "$q" "$3" \
	    "$(sql_key_text Customer No. c)" "$2" "$q"
}

# sql_steps_reached TABLE KT SCHEMA ALIAS: the condition that a row of
# TABLE (as ALIAS) is one its link steps may reach for the customers of
# KT: its key is a pair's (sql_steps_pairs), or its under step column
# names one, or it is the row a pair's under step column names (the
# company contact whose live links keep a person reached directly).  A
# superset: linkpairs decides.
sql_steps_reached() {
	local u q pairs k
	pairs=$(sql_steps_pairs "$1" "$2" "$3")
	k=$(sql_key_text "$1" "${SPEC_KEYS[$1]}" "$4")
	printf '%s IN (SELECT ct FROM (%s) AS p)' "$k" "$pairs"
	printf ' OR %s' "$(sql_not_code "$1" "${SPEC_KEYS[$1]}" "$4")"
	u=$(spec_step "$1" under)
	[ -n "$u" ] && sql_has_col "$1" "$u" || return 0
	printf ' OR %s' "$(sql_not_code "$1" "$u" "$4")"
	sql_q q "$u"
	printf ' OR CAST(%s.%s AS text) IN (SELECT ct FROM (%s) AS p)' "$4" "$q" \
	    "$pairs"
	printf ' OR %s IN (SELECT CAST(y.%s AS text) FROM %s%s AS y WHERE %s IN (SELECT ct FROM (%s) AS p))' \
	    "$k" "$q" "$3" "$(sql_ident "$1")" \
	    "$(sql_key_text "$1" "${SPEC_KEYS[$1]}" y)" "$pairs"
}

# sql_related VIA: the tables reached through link table VIA in link
# steps that the database has, one a line (their links' customers are
# fetched into Customer.related.csv: sql_related_query).
sql_related() {
	local t
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_VIA[$t]:-}" = "$1" ] && [ -n "${SPEC_STEPS[$t]:-}" ] &&
		    [ -n "${SQL_HAS[$t]:-}" ] || continue
		printf '%s\n' "$t"
	done
}

# sql_related_query VIA SCHEMA ROWS KT: a query of the customers (column
# No.; in SCHEMA, "main." or empty) that exist and that a row of link
# table VIA fetched (ROWS: its rows, alias t, as "FROM ... WHERE ..."
# text) names, or whose primary step column (sql_related_primary) names
# a row the steps may reach for the customers of KT (sql_steps_reached),
# for linkpairs --customers, with their Anonymized column when Customer
# has it and that primary column: a relation to a customer keeps a
# contact only when the customer exists and is not anonymized already,
# and so does a live customer's primary contact.
sql_related_query() {
	local a= p q t cond
	sql_has_col Customer Anonymized &&
	    a=', CAST(c."Anonymized" AS text) AS "Anonymized"'
	cond="$(sql_key_text Customer No. c) IN (SELECT $(sql_key_text "$1" "${SPEC_KEYS[$1]}" t) $3)"
	p=$(sql_related_primary "$1")
	if [ -n "$p" ]; then
		sql_q q "$p"
		a+=", CAST(c.$q AS text) AS $q"
		while IFS= read -r t; do
			[ -n "$(spec_step "$t" primary)" ] || continue
			cond+=" OR CAST(c.$q AS text) IN (SELECT $(sql_key_text "$t" "${SPEC_KEYS[$t]}" x) FROM $2$(sql_ident "$t") AS x WHERE $(sql_steps_reached "$t" "$4" "$2" x))"
		done < <(sql_related "$1")
		cond+=" OR $(sql_not_code Customer "$p" c)"
	fi
	printf 'SELECT c."No." AS "No."%s FROM %s AS c WHERE %s ORDER BY 1' \
	    "$a" "$2$(sql_ident Customer)" "$cond"
}

# sql_related_primary VIA: the primary step column of the tables reached
# through VIA (the first that names one), when Customer has it; else
# empty.
sql_related_primary() {
	local t p
	while IFS= read -r t; do
		[ -n "$t" ] || continue
		p=$(spec_step "$t" primary)
		[ -n "$p" ] && sql_has_col Customer "$p" || continue
		printf '%s' "$p"
		return
	done < <(sql_related "$1")
}

# sql_related_header VIA: the header of sql_related_query's rows, as CSV.
sql_related_header() {
	local -a h=(No.)
	! sql_has_col Customer Anonymized || h+=(Anonymized)
	local p
	p=$(sql_related_primary "$1")
	[ -z "$p" ] || h+=("$p")
	spec_csv_header "${h[@]}"
}

# sql_not_code TABLE COLUMN ALIAS: the condition that column COLUMN of
# TABLE (as ALIAS) is not a key as BC stores a Code field (padded with
# spaces, lower-case ASCII letters): the fetch brings such rows too, so
# that linkpairs refuses them as it does reading a full export (a key
# that is not one would reach nothing).
sql_not_code() {
	local k
	k=$(sql_key_text "$1" "$2" "$3")
	printf '%s <> UPPER(TRIM(%s))' "$k" "$k"
}

# sql_key_text TABLE COLUMN ALIAS: column COLUMN of TABLE (as ALIAS) as the
# text the export shows: as it is for a column of SQL_DIRECT, else CAST.
sql_key_text() {
	local q
	sql_q q "$2"
	if [ -n "${SQL_DIRECT[$1$'\t'$2]:-}" ]; then
		printf '%s.%s' "$3" "$q"
	else
		printf 'CAST(%s.%s AS text)' "$3" "$q"
	fi
}

# sql_walk_indexed: whether the indexes let the job walk the customers:
# Customer's No. unique through a single-column index (SQL_UNIQUE), and
# every check key (SPEC_CKEYS) of the tables the checks read
# (sql_check_plan) in SQL_RANGE.  For SQLite and PostgreSQL.
sql_walk_indexed() {
	local line table k
	[ -n "${SQL_UNIQUE[Customer$'\t'No.]:-}" ] || return 1
	while IFS= read -r line; do
		table=${line%%$'\t'*}
		while IFS= read -r k; do
			[ -n "$k" ] || continue
			[ -n "${SQL_RANGE[$table$'\t'$k]:-}" ] || return 1
		done <<<"${SPEC_CKEYS[$table]//|/$'\n'}"
	done < <(sql_check_plan)
}

# sql_walk_keys N HOW ALIAS TABLE: the condition that one of TABLE's check
# keys (SPEC_CKEYS) falls in chunk N's range (sql_walk_range HOW).
sql_walk_keys() {
	local k cond= t
	while IFS= read -r k; do
		t=$(sql_walk_range "$1" "$2" "$3" "$4" "$k")
		cond+="${cond:+ OR }($t)"
	done <<<"${SPEC_CKEYS[$4]//|/$'\n'}"
	printf '%s' "$cond"
}

# sql_walk_counted FILE: read FILE's line "CUSTOMERS<TAB>EMPTY" (EMPTY 1
# when a No. is NULL or empty) into SQL_WALK_TOTAL; 0 when the walk may
# go, 1 when not, 2 when FILE is unreadable.  For SQLite and PostgreSQL.
sql_walk_counted() {
	local line
	IFS= read -r line <"$1" || return 2
	ca_split "$line"
	SQL_WALK_TOTAL=${CA_F[0]}
	[[ $SQL_WALK_TOTAL =~ ^[0-9]+$ ]] || return 2
	[ "${CA_F[1]:-}" = 0 ]
}

# sql_walk_range N HOW ALIAS TABLE COLUMN: the condition that COLUMN of
# TABLE (as ALIAS) falls in chunk N's range of numbers (the bounds' table
# SQL_WT), in bytes (under its SQL_RANGE clause): from its first to its
# last (HOW: chunk); with no upper bound (the rest of the customers),
# through the index (HOW: open) or not (HOW: rest); after chunk N-1's
# last, or anywhere for chunk 1 (HOW: after).
sql_walk_range() {
	local n=$1 how=$2 q c
	sql_q q "$5"
	q="$3.$q"
	c=${SQL_RANGE[$4$'\t'$5]}
	case $how in
	after)
		if [ "$n" = 1 ]; then
			printf 'true'
		else
			printf '%s%s > (SELECT hi FROM %s WHERE i = %d)' \
			    "$q" "$c" "$SQL_WT" $((n - 1))
		fi
		return
		;;
	rest) q="($SQL_WPLUS$q)" ;;
	esac
	printf '%s%s >= (SELECT lo FROM %s WHERE i = %d)' "$q" "$c" "$SQL_WT" "$n"
	[ "$how" != chunk ] ||
	    printf ' AND %s%s <= (SELECT hi FROM %s WHERE i = %d)' \
		"$q" "$c" "$SQL_WT" "$n"
}

# sql_walk_script DIR SIZE N: the script of sq_walk's chunk N.  For SQLite
# and PostgreSQL.
sql_walk_script() {
	local dir=$1 size=$2 n=$3 how=chunk own=chunk table pk cols sel line f
	local no=${SQL_RANGE[Customer$'\t'No.]}
	[ "$size" != 0 ] || how=rest own=open
	printf '%s\n' 'CREATE TEMP TABLE IF NOT EXISTS "_custanon_w"(i integer PRIMARY KEY, lo text, hi text);'
	printf 'INSERT INTO %s(i, lo, hi) SELECT %d, min(no%s), max(no%s) FROM (SELECT t."No." AS no FROM %s AS t WHERE %s ORDER BY t."No."%s LIMIT %d) AS s;\n' \
	    "$SQL_WT" "$n" "$SQL_WBYTES" "$SQL_WBYTES" \
	    "$SQL_WSCHEMA$(sql_ident Customer)" \
	    "$(sql_walk_range "$n" after t Customer No.)" "$no" \
	    "$([ "$how" = chunk ] && echo "$size" || echo 1)"
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} cols=${CA_F[2]}
		[ -n "${SPEC_CKEYS[$table]}" ] || continue
		sel=$(sql_select "$cols")
		if [ "$table" = Customer ]; then
			"$SQL_WOUT" "$dir/Customer.csv" "$cols" "$sel" Customer \
			    " WHERE $(sql_walk_range "$n" "$own" t Customer \
			    No.)$(sql_order "$pk" "t.%s$no")"
			"$SQL_WOUT" "$dir/bill-to/Customer.csv" "$cols" "$sel" \
			    Customer " WHERE $(sql_walk_keys "$n" "$how" t \
			    Customer)"
			continue
		fi
		spec_fname f "$table"
		"$SQL_WOUT" "$dir/$f.csv" "$cols" "$sel" "$table" \
		    " WHERE $(sql_walk_keys "$n" "$how" t "$table")"
	done < <(sql_check_plan)
}

# sql_select COLUMNS: COLUMNS (joined by "|") as a select list of alias t.
sql_select() {
	local c sel=
	while IFS= read -r c; do
		sel+="${sel:+, }t.$(sql_ident "$c")"
	done <<<"${1//|/$'\n'}"
	printf '%s' "$sel"
}

# The walk (CORE_WALK=sq_walk, pg_walk): on a database with the indexes, the
# checks read the customers a chunk at a time, in the order of No., with
# the rows of the checked tables whose check key (tables.csv) falls in the
# chunk's range of numbers, each looked up through its index; the core
# stops once the cap is reached, as a database administrator's SQL that
# walks the index would.  The chunks' bounds stay in the session (temp
# table _custanon_w: chunk i, its first and last No.), so no customer
# number is ever written into SQL text.
