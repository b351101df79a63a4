# job.sh: what both entry points do around the core, whatever the source:
# the export (--db, --pg: one backend, chosen once; --dir: a folder),
# the core's settings, the end of the export's snapshot, and the import
# or delivery of the changes.
#
# A backend is a prefix (sq: lib/sqlite.sh, pg: lib/pg.sh) whose
# functions are, with AT its database (a file, a conninfo):
#   PREFIX_begin AT            one read snapshot from here to PREFIX_end;
#                              the catalog into SQL_HAS and SQL_COLS
#   PREFIX_label               the database as messages name it
#   PREFIX_walkable            0 when the indexes let the checks walk the
#                              customers (sets SQL_WALK_TOTAL), 1 when
#                              not, 2 when the session failed
#   PREFIX_export_checks DIR [setup|sweep]   what the checks read
#                              (setup: only the tables read whole;
#                              sweep: the tables the spec sweeps, whole)
#   PREFIX_fetch KEYS DIR JUDGED   the core's CORE_FETCH
#   PREFIX_walk DIR SIZE       the core's CORE_WALK
#   PREFIX_end                 end the snapshot
#   PREFIX_import AT DIR EXPORTS   the changes in one transaction
#
# Variables it sets: JOB_BE (the backend's prefix, empty for --dir),
# JOB_AT (its database), JOB_DIR and JOB_OUT (--dir, --out), JOB_USER,
# JOB_NOW, JOB_RULES, JOB_EX (the exports the changes were made from, for
# the import), JOB_LOG (the log file, once delivered).  The sweep's
# options (job_sweep_opt) set JOB_SWEEP to 1 (core.sh, CORE_SWEEP),
# JOB_MENTIONS (--mentions) and CORE_REDACT.

JOB_BE= JOB_AT= JOB_DIR= JOB_OUT= JOB_EX= JOB_LOG= JOB_LOCK=1
JOB_USER= JOB_NOW= JOB_RULES= JOB_SWEEP=0 JOB_MENTIONS=

# job_sweep_usage WIDTH: the usage lines of the sweep's options, their
# names padded to WIDTH.
job_sweep_usage() {
	local w=$1
	printf '  %-*s%s\n' "$w" --sweep \
	    'after the scrub, search every table the spec' \
	    "$w" '' 'sweeps (rules/tables.csv) for the anonymized' \
	    "$w" '' "customers' e-mail addresses, phones, IBANs, VAT" \
	    "$w" '' 'numbers and names; the summary counts them' \
	    "$w" '--mentions FILE' \
	    'with --sweep (implied): list them in FILE (CSV,' \
	    "$w" '' 'mode 0600: customer, table, column, key; never' \
	    "$w" '' 'the value)' \
	    "$w" --redact-mentions \
	    'with --sweep (implied): each mention becomes' \
	    "$w" '' '[REDACTED] in its row, imported with the rest' \
	    "$w" '' "(the log's rows aside)"
}

# job_sweep_opt OPT VAL: apply OPT, one of the sweep's options the entry
# points share (--sweep; --mentions FILE and --redact-mentions, which
# imply it); 1 when it is none of them.
job_sweep_opt() {
	case $1 in
	--sweep) JOB_SWEEP=1 ;;
	--redact-mentions) JOB_SWEEP=1 CORE_REDACT=1 ;;
	--mentions)
		[ -n "$2" ] || ca_usage "--mentions is empty"
		[ -d "$(dirname -- "$2")" ] ||
		    ca_usage "--mentions $2: no such folder"
		JOB_MENTIONS=$2 JOB_SWEEP=1
		;;
	*) return 1 ;;
	esac
}

# job_mentions: with --mentions, the sweep's list (core_sweep) into its
# file, mode 0600 (mktemp's), written beside it and renamed over it.
job_mentions() {
	local t
	[ -n "$JOB_MENTIONS" ] || return 0
	# Whole or not at all: a reader never sees half a list.
	t=$(mktemp -- "$(dirname -- "$JOB_MENTIONS")/.custanon-mentions.XXXXXXXX") ||
	    return 1
	cat -- "$CA_WORK/mentions.csv" >"$t" &&
	    mv -f -- "$t" "$JOB_MENTIONS" || {
		rm -f -- "$t"
		return 1
	}
}

# job_source DB PG DIR: choose the source from the options --db, --pg and
# --dir (exactly one given, else a usage error).
job_source() {
	local -a src=()
	[ -z "$1" ] || src+=(--db)
	[ -z "$2" ] || src+=(--pg)
	[ -z "$3" ] || src+=(--dir)
	[ "${#src[@]}" -gt 0 ] || ca_usage "--db, --pg or --dir is required"
	[ "${#src[@]}" = 1 ] ||
	    ca_usage "${src[0]} and ${src[1]} exclude each other"
	if [ -n "$1" ]; then
		JOB_BE=sq JOB_AT=$1
	elif [ -n "$2" ]; then
		JOB_BE=pg JOB_AT=$2
	else
		JOB_DIR=$3
	fi
}

# job_settings OUT USER NOW RULES: check what both entry points take
# alike (--out, --user, --now, --rules; the programs) and set JOB_OUT,
# JOB_USER (default: the login name), JOB_NOW (default: now) and
# JOB_RULES (an absolute path; default: the shipped spec).
job_settings() {
	JOB_OUT=$1 JOB_USER=$2 JOB_NOW=$3 JOB_RULES=${4:-$CA_HERE/rules}
	[ -z "$JOB_OUT" ] || [ -n "$JOB_DIR" ] ||
	    ca_usage "--out goes with --dir"
	[ -z "$JOB_OUT" ] || ca_check_out "$JOB_OUT"
	[ -n "$JOB_USER" ] || JOB_USER=$(id -un)
	[ -n "$JOB_USER" ] || ca_usage "no login name: give --user"
	[ -n "$JOB_NOW" ] || JOB_NOW=$(ca_now)
	[ -d "$JOB_RULES" ] || ca_usage "--rules $JOB_RULES: no such folder"
	JOB_RULES=$(cd "$JOB_RULES" && pwd)
	job_mentions_check
	ca_need_programs
}

# job_mentions_check: --mentions names a file the run may replace: not a
# folder, not the SQLite database (nor its journal), not a file of --dir
# (an export); the list is written before the import, which would then
# read a CSV file as the database.
job_mentions_check() {
	local m=$JOB_MENTIONS f
	[ -n "$m" ] || return 0
	[ ! -d "$m" ] || ca_usage "--mentions $m: a folder (give a file)"
	[ "$m" != - ] ||
	    ca_usage "--mentions -: give a file (standard output carries the summary)"
	if [ "$JOB_BE" = sq ]; then
		for f in "$JOB_AT" "$JOB_AT-journal" "$JOB_AT-wal" "$JOB_AT-shm"
		do
			[ ! -e "$f" ] || ! [ "$m" -ef "$f" ] ||
			    ca_usage "--mentions $m: the database's own file"
		done
	fi
	[ -z "$JOB_DIR" ] || ! [ "$(dirname -- "$m")" -ef "$JOB_DIR" ] ||
	    ca_usage "--mentions $m: a file of --dir (the exports)"
}

# job_start LOCK: the private work folder; --out's name held for the
# run; with LOCK 1, the SQLite database locked against a second job (a
# PostgreSQL database is locked once connected, job_export); the job spec
# read (a bad spec exits 2 before any row is read).
job_start() {
	JOB_LOCK=$1
	ca_workdir
	[ -z "$JOB_OUT" ] || ca_out_begin "$JOB_OUT"
	[ "$JOB_BE" != sq ] || [ "$JOB_LOCK" = 0 ] || ca_lock_db "$JOB_AT"
	spec_load "$JOB_RULES" "$CA_HERE/rules" || exit $?
	job_without
}

# job_without: every table of --without (CORE_WITHOUT) is one a check of
# the spec reads (Customer aside, in any mode): any other name (a typo, a
# table the job only scrubs) would accept nothing, so it is a usage error.
job_without() {
	local c t
	local -A checked=()
	for c in "${SPEC_CHECKS[@]}"; do
		ca_split "$c"
		[ "${CA_F[1]}" = Customer ] || checked[${CA_F[1]}]=1
	done
	for t in "${!CORE_WITHOUT[@]}"; do
		[ "$t" != Customer ] ||
		    ca_usage "--without Customer: the job cannot run without it"
		[ -n "${checked[$t]:-}" ] ||
		    ca_usage "--without ${t//[[:cntrl:]]/?}: no check reads" \
		    "that table (names are exact)"
	done
}

# job_export WALK: export into WORK/exports what the checks read (--db,
# --pg), or view the folder of exports (--dir).  With WALK 1, a database
# whose indexes allow it is walked (CORE_WALK) instead of read whole.
job_export() {
	local walk=$1 st
	ca_progress "exporting"
	if [ -z "$JOB_BE" ]; then
		ca_exports_dir "$JOB_DIR" || return 1
		[ "$JOB_SWEEP" = 0 ] || CORE_SWEEP=$CA_WORK/exports
		return
	fi
	# What the checks read now, the rows to change once the targets
	# are known: one read snapshot from PREFIX_begin to PREFIX_end.
	mkdir -m 700 "$CA_WORK/exports"
	"${JOB_BE}_begin" "$JOB_AT" || return 1
	[ "$JOB_BE" != pg ] || [ "$JOB_LOCK" = 0 ] || ca_lock_pg
	if [ "$walk" = 1 ]; then
		st=0
		"${JOB_BE}_walkable" || st=$?
		[ "$st" != 2 ] || return 1
		[ "$st" = 0 ] || walk=0
	fi
	if [ "$walk" = 1 ]; then
		# The indexes let the checks walk the customers in chunks
		# and stop at the cap.
		"${JOB_BE}_export_checks" "$CA_WORK/exports" setup || return 1
		CORE_WALK=${JOB_BE}_walk CORE_WALK_TOTAL=$SQL_WALK_TOTAL
		CORE_WALK_CHUNK=${CUSTANON_WALK_CHUNK:-}
	else
		"${JOB_BE}_export_checks" "$CA_WORK/exports" || return 1
	fi
	# --sweep: the tables it searches, whole, in the same snapshot.
	if [ "$JOB_SWEEP" = 1 ]; then
		mkdir -m 700 "$CA_WORK/swept"
		"${JOB_BE}_export_checks" "$CA_WORK/swept" sweep || return 1
		CORE_SWEEP=$CA_WORK/swept
	fi
	CORE_FETCH=${JOB_BE}_fetch CORE_HAS=sql_has CORE_COLS=sql_cols
}

# job_core: run the core on the exports into WORK/changes-out (CORE_MODE,
# CORE_CAP and CORE_CUSTOMER set by the caller), then end the export's
# snapshot; the core's status (4: done in part, the changes of the
# customers the leak check did not hold back).
job_core() {
	local rules=$JOB_RULES rc=0
	CORE_USER=$JOB_USER CORE_NOW=$JOB_NOW
	CORE_RULES=$rules CORE_PII_RULES=
	# Messages name the user's files as the user named the folder.
	CORE_SHOW=
	[ -z "$JOB_DIR" ] || CORE_SHOW=$(ca_show_dir "$JOB_DIR")
	# A user's rules: the shipped rules' scrubbed Customer columns are
	# guarded too.
	if [ "$rules" != "$(cd "$CA_HERE/rules" 2>/dev/null && pwd)" ] &&
	    [ -e "$CA_HERE/rules/Customer.csv" ]; then
		CORE_PII_RULES=$CA_HERE/rules/Customer.csv
	fi
	mkdir -m 700 "$CA_WORK/changes-out"
	core_run "$CA_WORK/exports" "$CA_WORK/changes-out" "$CA_WORK" || rc=$?
	if [ -n "$JOB_BE" ] && ! "${JOB_BE}_end" &&
	    { [ "$rc" = 0 ] || [ "$rc" = 4 ]; }; then
		ca_err "$("${JOB_BE}_label"): the export's session failed"
		rc=1
	fi
	# The tables' columns, for the import: the full rows when fetched.
	JOB_EX=$CA_WORK/exports
	[ ! -d "$CA_WORK/full" ] || JOB_EX=$CA_WORK/full
	return "$rc"
}

# job_deliver: import the changes in one transaction (--db, --pg) or
# move them into --out (--dir); sets JOB_LOG to the log file the summary
# reads.
job_deliver() {
	JOB_LOG=$CA_WORK/changes-out/$SPEC_LOGFILE
	if [ -n "$JOB_BE" ]; then
		ca_progress "importing"
		"${JOB_BE}_import" "$JOB_AT" "$CA_WORK/changes-out" "$JOB_EX" ||
		    return 1
		CA_COMMITTED=1
	else
		ca_deliver "$CA_WORK/changes-out" "$JOB_OUT"
		JOB_LOG=$JOB_OUT/$SPEC_LOGFILE
	fi
}
