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

# The SQL terms are built in variables, never through command
# substitution: each one forks the shell, which costs milliseconds, and a
# job builds thousands of terms.  Each function VAR ... below sets VAR;
# its own locals start with "_" so that they never hide a caller's VAR.

# sql_q VAR NAME: set VAR to NAME as a quoted SQL identifier.
sql_q() {
	printf -v "$1" '"%s"' "${2//\"/\"\"}"
}

# sql_s VAR TEXT: set VAR to TEXT as an SQL string literal (table names
# only).
sql_s() {
	printf -v "$1" "'%s'" "${2//\'/\'\'}"
}

# sql_file VAR NAME: set VAR to NAME as a quoted argument of a
# dot-command.
sql_file() {
	case $2 in
	*"'"*)
		ca_err "$2: file name holds a quote"
		return 1
		;;
	esac
	printf -v "$1" "'%s'" "$2"
}

# sql_headers DIR EXPORTS [FILE...]: read into the caller's associative
# arrays fcols (file -> its columns, one a line) and hascol ("FILE<TAB>
# COLUMN" -> 1) the headers of the change files in DIR but the log, of
# their tables' exports in EXPORTS, and of the further FILEs; and into
# chgcol ("FILE<TAB>COLUMN" -> 1) and chgany (FILE -> 1) the columns each
# change file changes against its export, its primary key aside (csvget
# --changed-list, one process for them all; sql_update_terms).
sql_headers() {
	local dir=$1 ex=$2 f c t
	local -a hf=()
	shift 2
	: >"$CA_WORK/changed.list"
	for f in "$dir"/*.csv; do
		[ -e "$f" ] || continue
		[ "${f##*/}" != "$SPEC_LOGFILE" ] || continue
		hf+=("$f" "$ex/${f##*/}")
		t=${f##*/}
		spec_table_of t "${t%.csv}"
		[ -n "${SPEC_PK[$t]:-}" ] || continue
		printf '%s\t%s\t%s\n' "$ex/${f##*/}" "$f" \
		    "${SPEC_PK[$t]//|/$'\t'}" >>"$CA_WORK/changed.list"
	done
	hf+=("$@")
	[ "${#hf[@]}" -gt 0 ] || return 0
	"$CA_LIBEXEC/csvget" --header "${hf[@]}" >"$CA_WORK/headers" || return 1
	while IFS= read -r c; do
		fcols[${c%%$'\t'*}]+="${c#*$'\t'}"$'\n'
		hascol[$c]=1
	done <"$CA_WORK/headers"
	[ -s "$CA_WORK/changed.list" ] || return 0
	"$CA_LIBEXEC/csvget" --changed-list "$CA_WORK/changed.list" \
	    >"$CA_WORK/changed" || return 1
	while IFS= read -r c; do
		chgcol[$c]=1
		chgany[${c%%$'\t'*}]=1
	done <"$CA_WORK/changed"
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
# export (sql_headers' chgcol and chgany): the import checks, in its
# transaction, that each row still is as exported (sq_same_sql,
# pg_same_sql), so the other columns would be written as they are.  A
# file that changes no column (or whose rows csvget does not find in
# export order) sets every one.
sql_update_terms() {
	local c q all=1
	cdef= set= where=
	[ -z "${chgany[$dir/$f]:-}" ] || all=0
	for c in "${cols[@]}"; do
		sql_q q "$c"
		cdef+="${cdef:+, }$q $1"
		if [ -z "${hascol[$ex/$f$'\t'$c]:-}" ]; then
			printf "$2" "$qt" "$q"
		fi
		[ -z "${ispk[$c]:-}" ] || continue
		[ "$all" = 1 ] || [ -n "${chgcol[$dir/$f$'\t'$c]:-}" ] ||
		    continue
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
# (o and c the same row by PK) and tn (t and o the same row).  A PK
# column's term in cmp compares with SQL_SAME_KEYOP (default =): for
# PostgreSQL, IS NOT DISTINCT FROM (the same, o's values never NULL),
# which its planner does not merge with tn's t.PK = o.PK into a filter
# on t alone, t.PK = coalesce(t.PK, ''), estimated at one row: it then
# looped over the change file for each row of t (3.4 s for the 20,000
# Ship-to Addresses of a 100,000-customer company, against 13 ms).  Set
# empty here, so that the environment never writes SQL into the check.
SQL_SAME_KEYOP=
sql_same_terms() {
	local c q op
	local -A iskey=()
	mapfile -t ocols <<<"${fcols[$1]%$'\n'}"
	[ -n "${ocols[0]:-}" ] || { ca_err "$1: no header"; return 1; }
	shift
	for c in "$@"; do
		iskey[$c]=1
	done
	cdef= cmp= on= tn=
	for c in "${ocols[@]}"; do
		sql_q q "$c"
		op='='
		[ -z "${iskey[$c]:-}" ] || op=${SQL_SAME_KEYOP:-=}
		cdef+="${cdef:+, }$q text"
		cmp+="${cmp:+ AND }coalesce(CAST(t.$q AS text), '') $op o.$q"
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

# sql_cols VAR TABLE: set array VAR to TABLE's columns (SQL_COLS, in the
# table's order; the core's CORE_COLS).
sql_cols() {
	local -n _sc_out=$1
	mapfile -t _sc_out <<<"${SQL_COLS[$2]%$'\n'}"
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

# sql_similar VAR TABLE: set VAR to a table of the database whose name is
# TABLE's in another case (for messages), or to nothing.
sql_similar() {
	local _n
	printf -v "$1" '%s' ''
	for _n in "${!SQL_HAS[@]}"; do
		if [ "$_n" != "$2" ] && [ "${_n,,}" = "${2,,}" ]; then
			printf -v "$1" '%s' "$_n"
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

# sql_order VAR PK [FORMAT]: set VAR to the ORDER BY clause by primary key
# PK (columns joined by "|"), each key term FORMAT with the quoted column
# for %s (default: SQLite's bytes, 't.%s COLLATE BINARY').
sql_order() {
	local _ok _oo= _ot _oq
	while IFS= read -r _ok; do
		sql_q _oq "$_ok"
		printf -v _ot "${3:-t.%s COLLATE BINARY}" "$_oq"
		_oo+="${_oo:+, }$_ot"
	done <<<"${2//|/$'\n'}"
	printf -v "$1" ' ORDER BY %s' "$_oo"
}

# sql_phase_file VAR DIR PHASE TABLE PAR: set VAR to the script of export
# phase PHASE (checks, fetch) that exports TABLE: DIR/PHASE.beside.sql for
# SQL_BIG when PAR is 1 (a second client runs it beside the session), else
# DIR/PHASE.sql.  sql_phase_beside VAR DIR PHASE: set VAR to that beside
# script when it holds anything, else to nothing.  For SQLite and PostgreSQL.
sql_phase_file() {
	if [ "$5" = 1 ] && [ "$4" = "$SQL_BIG" ]; then
		printf -v "$1" '%s' "$2/$3.beside.sql"
	else
		printf -v "$1" '%s' "$2/$3.sql"
	fi
}

sql_phase_beside() {
	printf -v "$1" '%s' ''
	[ ! -s "$2/$3.beside.sql" ] || printf -v "$1" '%s' "$2/$3.beside.sql"
}

# sql_check_plan [setup]: the first phase's tables, one
# "TABLE<TAB>PK<TAB>COLUMNS" line each: every table of the spec whose
# columns the checks or the job read (SPEC_READS) that the database has
# (SQL_HAS), with those of its columns (SQL_COLS), in the table's order,
# joined by "|"; empty for every column ("*", or none of the wanted: the
# filters then say which is missing).  With setup, only the tables the
# checks read whole (no check key): the walk exports the others.  With
# sweep, instead, every table the spec sweeps, all its columns.
sql_check_plan() {
	local only=${1:-} table want c cols
	local -A w
	for table in "${SPEC_TABLES[@]}"; do
		if [ "$only" = sweep ]; then
			[ "${SPEC_SWEEP[$table]:-}" = yes ] &&
			    [ -n "${SQL_HAS[$table]:-}" ] &&
			    printf '%s\t%s\t\n' "$table" "${SPEC_PK[$table]}"
			continue
		fi
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

# sql_fetch_cond VAR TABLE KEYS KT SCHEMA: set VAR to the WHERE condition
# of sql_fetch_plan table TABLE (alias t, its rows read from
# sql_fetch_from) with customer key columns KEYS (joined by "|"): one of
# them, as text, is a number of table KT (column no); for a table reached
# through a link table (SPEC_VIA; in SCHEMA, "main." or empty), its key is
# named, in the link's via key column, by a row of the link table whose
# customer key is; with link steps (SPEC_STEPS), every row: they are the
# rows sql_steps_prep found.  A table keyed directly also gives its rows
# whose key is written otherwise than a Code (sql_key_in: read as
# nobody's, such a row would keep the customer's data).  A link table
# some table reaches in steps also gives every row of the rows so
# reached, so that linkpairs sees what else links them (keep shared).  A
# key column of SQL_DIRECT is compared as it is, through its index; any
# other as CAST AS text, which no index serves.  For both SQLite and
# PostgreSQL (which has no SQL_DIRECT).
sql_fetch_cond() {
	local _fk _fc= _fv=${SPEC_VIA[$2]:-} _ft _fa _fb _fq
	if [ -n "$_fv" ] && [ -n "${SPEC_STEPS[$2]:-}" ]; then
		printf -v "$1" '%s' '1 = 1'
		return
	fi
	if [ -n "$_fv" ]; then
		sql_key_text _fa "$2" "$3" t
		sql_q _fq "${SPEC_VIAKEY[$2]}"
		sql_q _ft "$_fv"
		sql_key_text _fb "$_fv" "${SPEC_KEYS[$_fv]}" b
		printf -v "$1" '%s IN (SELECT CAST(b.%s AS text) FROM %s%s AS b WHERE %s IN (SELECT no FROM %s))' \
		    "$_fa" "$_fq" "$5" "$_ft" "$_fb" "$4"
		return
	fi
	while IFS= read -r _fk; do
		sql_key_in _fa "$2" "$_fk" t "$4"
		_fc+="${_fc:+ OR }$_fa"
	done <<<"${3//|/$'\n'}"
	for _ft in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_VIA[$_ft]:-}" = "$2" ] && [ -n "${SPEC_STEPS[$_ft]:-}" ] &&
		    [ -n "${SQL_HAS[$_ft]:-}" ] || continue
		sql_key_text _fa "$2" "${SPEC_VIAKEY[$_ft]}" t
		sql_key_text _fb "$_ft" "${SPEC_KEYS[$_ft]}" x
		sql_steps_tmp _fq s "$_ft"
		_fc="($_fc) OR $_fa IN (SELECT $_fb FROM $_fq AS x)"
		sql_not_code _fa "$2" "${SPEC_VIAKEY[$_ft]}" t
		sql_not_code _fb "$2" "${SPEC_KEYS[$2]}" t
		_fc+=" OR $_fa OR $_fb"
	done
	printf -v "$1" '%s' "$_fc"
}

# sql_key_in VAR TABLE COLUMN ALIAS KT: set VAR to the condition that
# column COLUMN of TABLE (as ALIAS), as text, is a number of table KT
# (column no), or is one written otherwise than a Code field (in lower
# case, or padded: the fetch brings such rows, for scrub to refuse them as
# it does reading a full export).  A column of SQL_DIRECT is compared
# through its index, and the rows written otherwise are sql_not_code's
# (probed beside the fetch where it can be); any other is read in full
# anyway, and tested as it is read by the backend's SQL_CODE_IN (@K@ the
# column, @KT@ the table), which costs next to nothing in SQLite
# (NOCASE, comparisons) and a function call a row in PostgreSQL.  A
# column of SQL_JUDGED (sql_judged) is compared as it is: the checks
# have judged its keys.
SQL_CODE_IN=
declare -A SQL_JUDGED=()
sql_key_in() {
	local _ka _kb
	sql_key_text _ka "$2" "$3" "$4"
	if [ -n "${SQL_JUDGED[$2$'\t'$3]:-}" ]; then
		printf -v "$1" '%s IN (SELECT no FROM %s)' "$_ka" "$5"
		return
	fi
	if [ -n "${SQL_DIRECT[$2$'\t'$3]:-}" ]; then
		sql_not_code _kb "$2" "$3" "$4"
		printf -v "$1" '%s IN (SELECT no FROM %s) OR %s' "$_ka" "$5" \
		    "$_kb"
		return
	fi
	# (Quoted: an & in a name is not bash's matched text.)
	_kb=${SQL_CODE_IN//@KT@/"$5"}
	printf -v "$1" '%s' "${_kb//@K@/"$_ka"}"
}

# sql_judged [FILE]: SQL_JUDGED ("TABLE<TAB>KEY" -> 1) from FILE, the
# core's JUDGED (core.sh, CORE_FETCH): the key columns every row of which
# a check of this run has read, a key written otherwise among them
# naming a customer of its stream having stopped the run, so that no
# target is named by one.  The fetch compares them as they are, without
# looking for such keys again (on the ledger, under the retention check,
# that test was the fetch's longest part).
sql_judged() {
	local _jl
	SQL_JUDGED=()
	[ -n "${1:-}" ] || return 0
	while IFS= read -r _jl; do
		[ -z "$_jl" ] || SQL_JUDGED[$_jl]=1
	done <"$1"
}

# sql_fetch_from VAR TABLE SCHEMA: set VAR to what sql_fetch_plan table
# TABLE's fetch reads its rows from: for a table reached in link steps,
# the rows sql_steps_prep found; else the table, in SCHEMA.
sql_fetch_from() {
	local _fq
	if [ -n "${SPEC_VIA[$2]:-}" ] && [ -n "${SPEC_STEPS[$2]:-}" ]; then
		sql_steps_tmp "$1" s "$2"
		return
	fi
	sql_q _fq "$2"
	printf -v "$1" '%s%s' "$3" "$_fq"
}

# The rows that link steps may reach are found once a run, into temp
# tables of the session (never the user's database): "_custanon_pN", the
# pairs (sql_steps_pairs) of table N (its place in SPEC_TABLES), and
# "_custanon_sN", its rows reached (sql_steps_reached).  The table's fetch
# reads those, and its link table's fetch and the related customers'
# query look them up, instead of each scanning the link table and the
# table again: one scan of each a run.  The backend sets SQL_TEMP, the
# temp tables' schema with its dot (temp., pg_temp.), and SQL_TANALYZE, a
# statement (a printf format of the table) run on each once filled, or
# nothing; SQL_PREPPED ("SCRIPT<TAB>TABLE" -> 1) says where they are made
# already.
SQL_TEMP= SQL_TANALYZE=
declare -A SQL_PREPPED=()

# sql_steps_tmp VAR KIND TABLE [SCHEMA]: set VAR to the quoted name of
# temp table KIND (p: the pairs, s: the rows reached) of TABLE, headed by
# SCHEMA (default SQL_TEMP).
sql_steps_tmp() {
	local _si=0 _st
	for _st in "${SPEC_TABLES[@]}"; do
		_si=$((_si + 1))
		[ "$_st" != "$3" ] || break
	done
	printf -v "$1" '%s"_custanon_%s%d"' "${4-$SQL_TEMP}" "$2" "$_si"
}

# sql_steps_prep SCRIPT TABLE KT SCHEMA: append to SQL file SCRIPT, unless
# there already, the statements that make the temp tables, for the
# customers of table KT (in SCHEMA, "main." or empty), of each table
# reached in link steps that the fetch of TABLE reads or looks up: TABLE
# itself when reached so, else those reached through it.
sql_steps_prep() {
	local _xpt _xpp _xpr _xpq _xpb _xpc
	local -a _xpts=()
	if [ -n "${SPEC_VIA[$2]:-}" ] && [ -n "${SPEC_STEPS[$2]:-}" ]; then
		_xpts=("$2")
	else
		sql_related_tables _xpts "$2"
	fi
	for _xpt in ${_xpts[@]+"${_xpts[@]}"}; do
		[ -z "${SQL_PREPPED[$1$'\t'$_xpt]:-}" ] || continue
		SQL_PREPPED[$1$'\t'$_xpt]=1
		sql_steps_pairs _xpp "$_xpt" "$3" "$4"
		sql_steps_reached _xpr "$_xpt" "$4" t
		sql_q _xpq "$_xpt"
		sql_steps_tmp _xpb p "$_xpt" ''
		sql_steps_tmp _xpc p "$_xpt"
		printf 'DROP TABLE IF EXISTS %s;\nCREATE TEMP TABLE %s AS %s;\n' \
		    "$_xpc" "$_xpb" "$_xpp" >>"$1"
		[ -z "$SQL_TANALYZE" ] || printf "$SQL_TANALYZE\\n" "$_xpc" >>"$1"
		sql_steps_tmp _xpb s "$_xpt" ''
		sql_steps_tmp _xpc s "$_xpt"
		printf 'DROP TABLE IF EXISTS %s;\nCREATE TEMP TABLE %s AS SELECT * FROM %s%s AS t WHERE %s;\n' \
		    "$_xpc" "$_xpb" "$4" "$_xpq" "$_xpr" >>"$1"
		[ -z "$SQL_TANALYZE" ] || printf "$SQL_TANALYZE\\n" "$_xpc" >>"$1"
	done
}

# sql_has_col TABLE COLUMN: the database's TABLE has COLUMN (SQL_COLS).
sql_has_col() {
	local c
	while IFS= read -r c; do
		[ "$c" != "$2" ] || return 0
	done <<<"${SQL_COLS[$1]:-}"
	return 1
}

# sql_steps_pairs VAR TABLE KT SCHEMA: set VAR to a query of the pairs
# (cu: a number of table KT, ct: a key of TABLE's rows, as text) that
# TABLE's via table links, and the customers' primary step column names
# (when Customer has that column: else linkpairs says it is missing; an
# empty one names no row).  The link table's conditions are left to
# linkpairs: the rows fetched are a superset.
sql_steps_pairs() {
	local _pv=${SPEC_VIA[$2]} _pp _pq _pb _pk _pt _pc _pr
	sql_key_text _pb "$_pv" "${SPEC_KEYS[$_pv]}" b
	sql_q _pk "${SPEC_VIAKEY[$2]}"
	sql_q _pt "$_pv"
	printf -v _pr 'SELECT %s AS cu, CAST(b.%s AS text) AS ct FROM %s%s AS b WHERE %s IN (SELECT no FROM %s)' \
	    "$_pb" "$_pk" "$4" "$_pt" "$_pb" "$3"
	spec_step _pp "$2" primary
	if [ -n "$_pp" ] && sql_has_col Customer "$_pp"; then
		sql_q _pq "$_pp"
		sql_key_text _pc Customer No. c
		printf -v _pr '%s UNION SELECT %s, CAST(c.%s AS text) FROM %s"Customer" AS c WHERE %s IN (SELECT no FROM %s) AND CAST(c.%s AS text) <> '\'\''' \
		    "$_pr" "$_pc" "$_pq" "$4" "$_pc" "$3" "$_pq"
	fi
	printf -v "$1" '%s' "$_pr"
}

# sql_steps_reached VAR TABLE SCHEMA ALIAS: set VAR to the condition
# that a row of TABLE (as ALIAS; in SCHEMA, "main." or empty) is one its
# link steps may reach for the customers of the pairs' temp table
# (sql_steps_prep): its key is a pair's, or its under step column names
# one, or it is the row a pair's under step column names (the company
# contact whose live links keep a person reached directly).  A superset:
# linkpairs decides.
sql_steps_reached() {
	local _su _sq _sp _sk _st _sy _sn _sr
	sql_steps_tmp _sp p "$2"
	_sp="SELECT ct FROM $_sp"
	sql_key_text _sk "$2" "${SPEC_KEYS[$2]}" "$4"
	sql_not_code _sn "$2" "${SPEC_KEYS[$2]}" "$4"
	_sr="$_sk IN ($_sp) OR $_sn"
	spec_step _su "$2" under
	if [ -n "$_su" ] && sql_has_col "$2" "$_su"; then
		sql_not_code _sn "$2" "$_su" "$4"
		sql_q _sq "$_su"
		sql_q _st "$2"
		sql_key_text _sy "$2" "${SPEC_KEYS[$2]}" y
		_sr+=" OR $_sn"
		_sr+=" OR CAST($4.$_sq AS text) IN ($_sp)"
		_sr+=" OR $_sk IN (SELECT CAST(y.$_sq AS text) FROM $3$_st AS y WHERE $_sy IN ($_sp))"
	fi
	printf -v "$1" '%s' "$_sr"
}

# sql_related VIA: whether the database has a table reached through link
# table VIA in link steps (their links' customers are fetched into
# Customer.related.csv: sql_related_query).
sql_related() {
	local -a _ts
	sql_related_tables _ts "$1"
	[ "${#_ts[@]}" -gt 0 ]
}

# sql_related_tables VAR VIA: set array VAR to the tables the database
# has that are reached through link table VIA in link steps.
sql_related_tables() {
	local -n _rt_out=$1
	local _t
	_rt_out=()
	for _t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_VIA[$_t]:-}" = "$2" ] && [ -n "${SPEC_STEPS[$_t]:-}" ] &&
		    [ -n "${SQL_HAS[$_t]:-}" ] && _rt_out+=("$_t")
	done
	return 0
}

# sql_related_query VAR VIA SCHEMA ROWS: set VAR to a query of the
# customers (column No.; in SCHEMA, "main." or empty) that exist and that
# a row of link table VIA fetched (ROWS: its rows, alias t, as "FROM ...
# WHERE ..." text) names, or whose primary step column
# (sql_related_primary) names a row the steps may reach (the rows
# sql_steps_prep found), for linkpairs --customers, with
# their Anonymized column when Customer has it and that primary column:
# a relation to a customer keeps a contact only when the customer exists
# and is not anonymized already, and so does a live customer's primary
# contact.
sql_related_query() {
	local _a= _p _q _t _c _k _s _x _n _cond
	local -a _ts
	sql_has_col Customer Anonymized &&
	    _a=', CAST(c."Anonymized" AS text) AS "Anonymized"'
	sql_key_text _c Customer No. c
	sql_key_text _k "$2" "${SPEC_KEYS[$2]}" t
	_cond="$_c IN (SELECT $_k $4)"
	sql_related_primary _p "$2"
	if [ -n "$_p" ]; then
		sql_q _q "$_p"
		_a+=", CAST(c.$_q AS text) AS $_q"
		sql_related_tables _ts "$2"
		for _t in ${_ts[@]+"${_ts[@]}"}; do
			spec_step _s "$_t" primary
			[ -n "$_s" ] || continue
			sql_key_text _x "$_t" "${SPEC_KEYS[$_t]}" x
			sql_steps_tmp _s s "$_t"
			_cond+=" OR CAST(c.$_q AS text) IN (SELECT $_x FROM $_s AS x)"
		done
		sql_not_code _n Customer "$_p" c
		_cond+=" OR $_n"
	fi
	printf -v "$1" 'SELECT c."No." AS "No."%s FROM %s"Customer" AS c WHERE %s ORDER BY 1' \
	    "$_a" "$3" "$_cond"
}

# sql_related_primary VAR VIA: set VAR to the primary step column of the
# tables reached through VIA (the first that names one), when Customer
# has it; else to nothing.
sql_related_primary() {
	local _rp_t _rp_p
	local -a _rp_ts
	printf -v "$1" '%s' ''
	sql_related_tables _rp_ts "$2"
	for _rp_t in ${_rp_ts[@]+"${_rp_ts[@]}"}; do
		spec_step _rp_p "$_rp_t" primary
		[ -n "$_rp_p" ] && sql_has_col Customer "$_rp_p" || continue
		printf -v "$1" '%s' "$_rp_p"
		return
	done
}

# sql_related_header VAR VIA: set VAR to the header of
# sql_related_query's rows, as CSV (no line break).
sql_related_header() {
	local _p
	local -a _h=(No.)
	! sql_has_col Customer Anonymized || _h+=(Anonymized)
	sql_related_primary _p "$2"
	[ -z "$_p" ] || _h+=("$_p")
	spec_csv_header "$1" "${_h[@]}"
}

# sql_not_code VAR TABLE COLUMN ALIAS: set VAR to the condition that
# column COLUMN of TABLE (as ALIAS) is not a key as BC stores a Code
# field (padded with blanks, a lower-case letter: the backend's
# SQL_NOTCODE, @K@ the column as text, also takes any key outside
# printable ASCII, for the programs to judge): the fetch brings
# such rows too, so that linkpairs and scrub refuse them as they do
# reading a full export (a key that is not one would reach nothing).  With SQL_NCPROBE
# set, VAR is false instead and the condition goes into SQL_NCTERMS
# ("TABLE<TAB>ALIAS" -> the conditions, each on a line), for one probe of
# each table a run (sql_nc_probe): where it finds none, the conditions
# would have fetched no row.
SQL_NCPROBE= SQL_NOTCODE=
declare -A SQL_NCTERMS=()
sql_not_code() {
	local _k _nt
	sql_key_text _k "$2" "$3" "$4"
	_nt=${SQL_NOTCODE//@K@/"$_k"}
	printf -v "$1" '(%s)' "$_nt"
	[ -n "$SQL_NCPROBE" ] || return 0
	_nt=$2$'\t'$4
	case $'\n'${SQL_NCTERMS[$_nt]:-} in
	*$'\n'"${!1}"$'\n'*) ;;
	*) SQL_NCTERMS[$_nt]+="${!1}"$'\n' ;;
	esac
	printf -v "$1" '%s' '0 = 1'
}

# sql_odd_keys VAR SCHEMA: set VAR to the condition that a customer
# number of Customer (No.) or a check key (SPEC_CKEYS) of a table the
# checks read (sql_check_plan; in SCHEMA, "main." or empty) is written
# otherwise than a Code (sql_not_code).  The walk reads a check table's
# rows by ranges of numbers, where such a key is not: while there is one,
# the job scans, and the checks judge it.
sql_odd_keys() {
	local _ot _ok _oc _oq _oe _ol
	local SQL_NCPROBE=
	sql_not_code _oc Customer No. t
	_oe="EXISTS (SELECT 1 FROM $2\"Customer\" AS t WHERE $_oc)"
	while IFS= read -r _ol; do
		_ot=${_ol%%$'\t'*}
		sql_q _oq "$_ot"
		while IFS= read -r _ok; do
			[ -n "$_ok" ] || continue
			sql_not_code _oc "$_ot" "$_ok" t
			_oe+=" OR EXISTS (SELECT 1 FROM $2$_oq AS t WHERE $_oc)"
		done <<<"${SPEC_CKEYS[$_ot]//|/$'\n'}"
	done < <(sql_check_plan)
	printf -v "$1" '(%s)' "$_oe"
}

# sql_nc_probe VAR SCHEMA [PART]: set VAR to a query of one row, 1 when a
# row of a table (in SCHEMA, "main." or empty) meets one of its
# conditions in SQL_NCTERMS, else 0; to nothing when there are none.
# With PART (0 or 1), only every other table's, by turns in the order of
# their names: two clients share the probe.
sql_nc_probe() {
	local _pk _pt _pa _pq _pw _pe= _pi=0
	while IFS= read -r _pk; do
		[ -n "$_pk" ] || continue
		_pi=$((_pi + 1))
		[ -z "${3:-}" ] || [ $((_pi % 2)) != "$3" ] || continue
		_pt=${_pk%%$'\t'*} _pa=${_pk#*$'\t'}
		sql_q _pq "$_pt"
		_pw=${SQL_NCTERMS[$_pk]%$'\n'}
		_pe+="${_pe:+ OR }EXISTS (SELECT 1 FROM $2$_pq AS $_pa WHERE ${_pw//$'\n'/ OR })"
	done < <(printf '%s\n' "${!SQL_NCTERMS[@]}" | LC_ALL=C sort)
	[ -z "$_pe" ] || _pe="SELECT CASE WHEN $_pe THEN 1 ELSE 0 END"
	printf -v "$1" '%s' "$_pe"
}

# sql_key_text VAR TABLE COLUMN ALIAS: set VAR to column COLUMN of TABLE
# (as ALIAS) as the text the export shows: as it is for a column of
# SQL_DIRECT, else CAST.
sql_key_text() {
	local _kq
	sql_q _kq "$3"
	if [ -n "${SQL_DIRECT[$2$'\t'$3]:-}" ]; then
		printf -v "$1" '%s.%s' "$4" "$_kq"
	else
		printf -v "$1" 'CAST(%s.%s AS text)' "$4" "$_kq"
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

# sql_walk_keys VAR N HOW ALIAS TABLE: set VAR to the condition that one
# of TABLE's check keys (SPEC_CKEYS) falls in chunk N's range
# (sql_walk_range HOW).
sql_walk_keys() {
	local _wk _wc= _wt
	while IFS= read -r _wk; do
		sql_walk_range _wt "$2" "$3" "$4" "$5" "$_wk"
		_wc+="${_wc:+ OR }($_wt)"
	done <<<"${SPEC_CKEYS[$5]//|/$'\n'}"
	printf -v "$1" '%s' "$_wc"
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

# sql_walk_range VAR N HOW ALIAS TABLE COLUMN: set VAR to the condition
# that COLUMN of TABLE (as ALIAS) falls in chunk N's range of numbers (the
# bounds' table SQL_WT), in bytes (under its SQL_RANGE clause): from its
# first to its last (HOW: chunk); with no upper bound (the rest of the
# customers), through the index (HOW: open) or not (HOW: rest); after
# chunk N-1's last, or anywhere for chunk 1 (HOW: after).
sql_walk_range() {
	local _wn=$2 _whow=$3 _wq _wc _wr
	sql_q _wq "$6"
	_wq="$4.$_wq"
	_wc=${SQL_RANGE[$5$'\t'$6]}
	case $_whow in
	after)
		if [ "$_wn" = 1 ]; then
			printf -v "$1" '%s' true
		else
			printf -v "$1" '%s%s > (SELECT hi FROM %s WHERE i = %d)' \
			    "$_wq" "$_wc" "$SQL_WT" $((_wn - 1))
		fi
		return
		;;
	rest) _wq="($SQL_WPLUS$_wq)" ;;
	esac
	printf -v _wr '%s%s >= (SELECT lo FROM %s WHERE i = %d)' "$_wq" "$_wc" \
	    "$SQL_WT" "$_wn"
	[ "$_whow" != chunk ] ||
	    printf -v _wr '%s AND %s%s <= (SELECT hi FROM %s WHERE i = %d)' \
		"$_wr" "$_wq" "$_wc" "$SQL_WT" "$_wn"
	printf -v "$1" '%s' "$_wr"
}

# sql_walk_script DIR SIZE N: the script of sq_walk's chunk N.  For SQLite
# and PostgreSQL.
sql_walk_script() {
	local dir=$1 size=$2 n=$3 how=chunk own=chunk table pk cols sel line f
	local no=${SQL_RANGE[Customer$'\t'No.]} lim=1 r o qc
	[ "$size" != 0 ] || how=rest own=open
	[ "$how" != chunk ] || lim=$size
	printf '%s\n' 'CREATE TEMP TABLE IF NOT EXISTS "_custanon_w"(i integer PRIMARY KEY, lo text, hi text);'
	sql_walk_range r "$n" after t Customer No.
	sql_q qc Customer
	printf 'INSERT INTO %s(i, lo, hi) SELECT %d, min(no%s), max(no%s) FROM (SELECT t."No." AS no FROM %s AS t WHERE %s ORDER BY t."No."%s LIMIT %d) AS s;\n' \
	    "$SQL_WT" "$n" "$SQL_WBYTES" "$SQL_WBYTES" "$SQL_WSCHEMA$qc" \
	    "$r" "$no" "$lim"
	while IFS= read -r line; do
		ca_split "$line"
		table=${CA_F[0]} pk=${CA_F[1]} cols=${CA_F[2]}
		[ -n "${SPEC_CKEYS[$table]}" ] || continue
		sql_select sel "$cols"
		if [ "$table" = Customer ]; then
			sql_walk_range r "$n" "$own" t Customer No.
			sql_order o "$pk" "t.%s$no"
			"$SQL_WOUT" "$dir/Customer.csv" "$cols" "$sel" Customer \
			    " WHERE $r$o" || return 1
			sql_walk_keys r "$n" "$how" t Customer
			"$SQL_WOUT" "$dir/bill-to/Customer.csv" "$cols" "$sel" \
			    Customer " WHERE $r" || return 1
			continue
		fi
		spec_fname f "$table"
		sql_walk_keys r "$n" "$how" t "$table"
		"$SQL_WOUT" "$dir/$f.csv" "$cols" "$sel" "$table" \
		    " WHERE $r" || return 1
	done < <(sql_check_plan)
}

# sql_select VAR COLUMNS: set VAR to COLUMNS (joined by "|") as a select
# list of alias t.
sql_select() {
	local _c _sel= _q
	while IFS= read -r _c; do
		sql_q _q "$_c"
		_sel+="${_sel:+, }t.$_q"
	done <<<"${2//|/$'\n'}"
	printf -v "$1" '%s' "$_sel"
}

# The walk (CORE_WALK=sq_walk, pg_walk): on a database with the indexes, the
# checks read the customers a chunk at a time, in the order of No., with
# the rows of the checked tables whose check key (tables.csv) falls in the
# chunk's range of numbers, each looked up through its index; the core
# stops once the cap is reached, as a database administrator's SQL that
# walks the index would.  The chunks' bounds stay in the session (temp
# table _custanon_w: chunk i, its first and last No.), so no customer
# number is ever written into SQL text.
