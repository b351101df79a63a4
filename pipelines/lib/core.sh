# core.sh: the anonymization job on a folder of CSV exports (SPEC
# sections 1, 5 and 6).  No database code here: the wrappers export the
# tables into a folder, call core_run, and import what it writes.
#
# core_run EXPORTS CHANGES WORK
#   EXPORTS  one CSV file per table, named as the table ("Customer.csv",
#            "<table>.csv" for each table of the spec), comma-separated; Customer.csv
#            is required and must be sorted by No. (bytes); a related
#            table that is absent or empty counts as empty.
#   CHANGES  an empty folder; receives, per table, the rows the job
#            changed, in full, under the table's file name, and the log
#            rows under the log table's file name (the held back in No.
#            order, then the anonymized in No. order).  A table without
#            changes gets no file.  Every change file has passed the leak
#            check (leakcheck) when core_run returns 0 or 4.
#   WORK     a private scratch folder (created by the caller).
# Settings:
#   CORE_MODE      period (CHECK_PERIOD = Yes), due (CHECK_PERIOD = No)
#                  or manual (the one-customer request)
#   CORE_CUSTOMER  the customer number (manual)
#   CORE_CAP       at most this many anonymized (period, due)
#   CORE_USER      the user: permission and log rows
#   CORE_NOW       the clock, ISO 8601
#   CORE_SHOW      the user's folder of exports as messages name it
#                  (--dir), or empty: a database's export, whose files
#                  messages name by their table (see core_names)
#   CORE_RULES     the rules folder; its spec (spec.sh, spec_load) is
#                  loaded: every table and check comes from it
#   CORE_WITHOUT   table -> 1 (an associative array): the check tables the
#                  company lacks (--without); their checks do not run and
#                  WORK/skipped lists them.  Any other check table that is
#                  missing is a data error (status 1), nothing run.
#   CORE_HAS       when set, the command CORE_HAS TABLE says whether the
#                  database has TABLE (the export holds only some tables);
#                  otherwise a table is there when EXPORTS has its file
#   CORE_COLS      with CORE_HAS: the command CORE_COLS VAR TABLE sets
#                  array VAR to the database's TABLE's columns (the gate,
#                  core_gate); otherwise a table's columns are its
#                  export's header
#   CORE_PII_RULES further Customer rules files, separated by newlines,
#                  whose scrubbed columns the leak check also guards
#   CORE_JOBS      how many scrubs of related tables run at once
#                  (default 2)
#   CORE_FETCH     when set, EXPORTS holds only what the checks read
#                  (tables.csv, "check columns"; Customer sorted by No.),
#                  and the command CORE_FETCH KEYS DIR JUDGED is run
#                  once the targets are known (KEYS: a CSV file of their
#                  No.s, header No., sorted; JUDGED: a file of
#                  "TABLE<TAB>KEY" lines, the key columns every row of
#                  which a check of this run has read, a key written
#                  otherwise among them naming a customer of its stream
#                  having stopped the run: core_judged): it writes into
#                  DIR, in full and
#                  with a header, the targets' Customer rows (sorted by
#                  No.) and at least every row of the other tables the
#                  scrub would change; and, when some of those rows hold
#                  a value the export cannot carry (a NUL byte in
#                  SQLite), DIR/unsafe*.csv (no header: No., table,
#                  column): those customers are held back, logged.
#                  The scrub then reads DIR (WORK/full).
#   CORE_WALK      when set (with CORE_FETCH; period and due modes), the
#                  checks read the customers a chunk at a time, in the
#                  order of No., and stop at the chunk where the cap is
#                  reached: CORE_WALK DIR SIZE writes into DIR (new) the
#                  check columns of the next SIZE customers after the last
#                  chunk's (0: all the rest) as Customer.csv, sorted by
#                  No.; of every table a check looks customers up in by a
#                  key (tables.csv, "check key"), at least the rows whose
#                  key is one of those customers' No.; of Customer, at
#                  least the rows whose Bill-to Customer No. is, as
#                  bill-to/Customer.csv.  EXPORTS holds only the tables
#                  the checks read whole.
#   CORE_WALK_TOTAL   with CORE_WALK: the number of customers
#   CORE_WALK_CHUNK   with CORE_WALK: every chunk's size; by default
#                  twice the cap (at least 1000), then what the chunks so
#                  far say the rest of the cap needs, and all the rest
#                  at once when that is a quarter of them or more.
#   CORE_SWEEP     when set, a folder of the tables the spec sweeps, in
#                  full (a table the company lacks has no file): after
#                  the leak check they are searched for the anonymized
#                  customers' distinctive values (core_sweep)
#   CORE_REDACT    with CORE_SWEEP, when set: each mention becomes
#                  [REDACTED] in its row, written to its table's change
#                  file, leak-checked (core_redact)
#   CA_BIN         the programs
# Returns 0 when done; 4 when done in part (period and due modes): the
# leak check found personal data of some targets that would survive, so
# they were held back, logged ("personal data would survive in
# TABLE.COLUMN"), and the rest scrubbed and checked again (see
# core_survivors); CHANGES holds the rest's changes and every log row,
# and WORK/survivors.count the number held back; 3 when refused (manual
# mode: CHANGES then holds the log row only, the one customer held back
# by a check or the leak check; other modes: the user lacks
# permission); otherwise the status of the stage that failed, after its
# message.  Leaves in
# WORK/candidates.count the number of candidates that passed selection
# and the retention check; when a walk (CORE_WALK) stopped at the cap,
# those up to the last one anonymized, and in WORK/walk.after that one's
# No. (empty when the cap is 0): the customers after it were not
# examined.
#
# The stages run side by side where they can: the check that Customer.csv
# is sorted beside the selection; select-eligible, check-period and
# check-open-docs as one pipe; the related tables' scrubs as jobs.  What
# they write to standard error is kept aside and replayed as if they had
# run one after another, up to the first that failed.

# core_first STATUS...: return the first non-zero STATUS of a pipeline
# (the stage that failed, not a later one starved of input).
core_first() {
	local st
	for st in "$@"; do
		[ "$st" = 0 ] || return "$st"
	done
	return 0
}

# core_pipe_status NAME STATUS...: after a pipeline whose stage i wrote its
# standard error into WORK/NAME.i.err, replay those messages and return
# the status of the stage that failed first on its own, as if the stages
# had run one after another: a stage that a later failing stage starved
# of its reader (killed by SIGPIPE, or a write error "Broken pipe") is
# not that stage; the messages of the stages after it, starved of input,
# are dropped.
core_pipe_status() {
	local name=$1 i n root=-1 later=0
	shift
	local -a st=("$@")
	n=${#st[@]}
	for ((i = n - 1; i >= 0; i--)); do
		[ "${st[$i]}" != 0 ] || continue
		if [ "$later" = 1 ] && { [ "${st[$i]}" = 141 ] ||
		    grep -q 'Broken pipe' "$CORE_WORK/$name.$i.err"; }; then
			continue
		fi
		root=$i
		later=1
	done
	# (The files stay: the next pipeline of that NAME truncates them,
	# and the work folder goes at the end; an rm each would cost a
	# process per pipeline.)
	for ((i = 0; i < n; i++)); do
		if { [ "$root" -lt 0 ] || [ "$i" -le "$root" ]; } &&
		    [ -s "$CORE_WORK/$name.$i.err" ]; then
			cat -- "$CORE_WORK/$name.$i.err" >&2
		fi
	done
	[ "$root" -lt 0 ] || return "${st[$root]}"
	return 0
}

# core_file VAR TABLE: set VAR to the path of TABLE's export.
core_file() {
	local n
	spec_fname n "$2"
	printf -v "$1" '%s' "$CORE_EX/$n.csv"
}

# Messages.  No message of the job names one of its private files: the
# filters name an input as CUSTANON_NAMES says (diag.h), which core_names
# sets for every file of the job that holds a table's rows.  A table is
# named as the user knows it (core_name): with --dir, the user's export
# file, with the line of a bad row when the filter reads that file as it
# is, and the row's customer number; from a database, the table, and the
# row's customer number (no line: the export's lines are not the
# database's).  A stream derived from a table (Customer sorted, the
# candidates and targets, rows picked by a condition, a table scrubbed
# side by side) is named as its table, without lines, its bad rows by
# their customer number; a malformed row (a short row, a stray quote) is
# named by its line alone, never by a field.

# core_name VAR TABLE: set VAR to TABLE as messages name it: its export
# file under CORE_SHOW, or the table (control characters shown as '?').
core_name() {
	local _core_n=$2
	if [ -n "${CORE_SHOW:-}" ]; then
		spec_fname _core_n "$2"
		if [ "$CORE_SHOW" = / ]; then
			_core_n=/$_core_n.csv
		else
			_core_n=$CORE_SHOW/$_core_n.csv
		fi
	fi
	printf -v "$1" '%s' "${_core_n//[[:cntrl:]]/?}"
}

# core_names_add FILE TABLE LINES: add to CORE_NAMES that FILE holds rows
# of TABLE, with the user's line numbers when LINES is yes.
core_names_add() {
	local n
	core_name n "$2"
	CORE_NAMES+=$1$'\t'$n$'\t'$3$'\n'
}

# core_names: export CUSTANON_NAMES for the files of CORE_EX (with the
# user's lines when it links to the user's own file: --dir, not sorted
# here) and the job's files derived from a table: the candidates and
# targets, the bill-to customers of a walk's chunk, the rows of a
# document table picked for its sides.
core_names() {
	local t n f lines
	CORE_NAMES=
	for t in "${SPEC_TABLES[@]}"; do
		spec_fname n "$t"
		f=$CORE_EX/$n.csv
		lines=no
		[ -z "${CORE_SHOW:-}" ] || [ ! -L "$f" ] || lines=yes
		core_names_add "$f" "$t" "$lines"
		[ "${SPEC_DEC[$t]}" != scrubbed ] ||
		    core_names_add "$CORE_WORK/sel.$n.csv" "$t" no
	done
	core_names_add "$CORE_WORK/candidates.csv" Customer no
	core_names_add "$CORE_WORK/targets.csv" Customer no
	[ -z "${CORE_BILLTO:-}" ] ||
	    core_names_add "$CORE_BILLTO" Customer no
	export CUSTANON_NAMES=$CORE_NAMES
}

# core_stdin TABLE CMD...: run CMD with its standard input named as
# TABLE's rows (a stream derived from them: no lines).
core_stdin() {
	local n
	core_name n "$1"
	shift
	CUSTANON_NAMES=$CORE_NAMES-$'\t'$n$'\t'no "$@"
}

# core_present TABLE: the company has TABLE (CORE_HAS, or its export is a
# regular file).
core_present() {
	local f
	if [ -n "${CORE_HAS:-}" ]; then
		"$CORE_HAS" "$1"
		return
	fi
	core_file f "$1"
	[ -f "$f" ]
}

# core_setup_src VAR TABLE COLUMN...: set VAR to the path of setup table
# TABLE's export, or, when it is absent, of a stand-in holding only a
# header of COLUMNs.
core_setup_src() {
	local _v=$1 _t=$2 _f _h
	shift 2
	core_file _f "$_t"
	if ! [ -f "$_f" ]; then
		mkdir -p -- "$CORE_WORK/without"
		_f="$CORE_WORK/without/$_t.csv"
		spec_csv_header _h "$@"
		printf '%s\n' "$_h" >"$_f" || return 1
	fi
	printf -v "$_v" '%s' "$_f"
}

# core_has TABLE: TABLE's export is there and not empty.
core_has() {
	local f
	core_file f "$1"
	[ -s "$f" ]
}

# core_need_tables: every table a check of this mode reads is there, or
# named by --without (its checks then listed in WORK/skipped, one
# "REASON (TABLE)" a line); otherwise say which are missing, and how to
# accept them, and return 1.
core_need_tables() {
	local c t r miss= opts= f bad=0 sim nper=0
	local -A seen=() said=() chk=()
	: >"$CORE_WORK/skipped"
	for c in "${SPEC_CHECKS[@]}"; do
		ca_split "$c"
		chk[${CA_F[1]}]=1
	done
	# An export is a file of at least its header, named exactly; one
	# that is there but no regular file (a folder, a FIFO, a link to
	# nothing) is no table a check can read (missing, below), nor one
	# the job can take as absent.
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_DEC[$t]}" != 'not applicable' ] || continue
		if [ -n "${CORE_HAS:-}" ]; then
			"$CORE_HAS" "$t" && continue
			sql_similar sim "$t"
			[ -n "$sim" ] || continue
			ca_err "$t: no such table, but '$sim' (names are exact)"
			bad=1
			continue
		fi
		core_file f "$t"
		if [ -e "$f" ] || [ -L "$f" ]; then
			if [ -f "$f" ] && [ ! -s "$f" ]; then
				ca_err "$t: its export is empty (an export has" \
				    "at least its header line)"
				bad=1
			elif ! [ -f "$f" ] && [ -z "${chk[$t]:-}" ]; then
				ca_err "$t: its export is not a regular file"
				bad=1
			fi
			continue
		fi
		spec_misnamed "$CORE_EX" "$t" || bad=1
	done
	[ "$bad" = 0 ] || return 1
	while IFS= read -r c; do
		ca_split "$c"
		t=${CA_F[1]} r=${CA_F[6]}
		if [ "${CA_F[2]}" = period ] && { [ "$t" = Customer ] ||
		    core_present "$t"; }; then
			nper=$((nper + 1))
		fi
		[ "$t" != Customer ] || continue
		core_present "$t" && continue
		if [ -n "${CORE_WITHOUT[$t]:-}" ]; then
			[ -n "${said[$r$'\t'$t]:-}" ] ||
			    printf '%s (%s)\n' "$r" "$t" >>"$CORE_WORK/skipped"
			said[$r$'\t'$t]=1
			continue
		fi
		[ -z "${seen[$t]:-}" ] || continue
		seen[$t]=1
		miss+="${miss:+, }$t"
		opts+=" --without \"$t\""
	done < <(spec_checks_of "$CORE_MODE")
	if [ -n "$miss" ]; then
		ca_err "missing tables that checks read: $miss"
		ca_err "if the company truly lacks them, say so:$opts"
		return 1
	fi
	# The retention check needs a table to read.
	if [ "$CORE_MODE" = period ] && [ "$nper" = 0 ]; then
		ca_err "no retention check can run: every table it reads is" \
		    "missing (--without)"
		return 1
	fi
}

# core_gate: before any row is read, whether or not a table has rows to
# scrub, every table the company has among those the job scrubs or links
# through holds the columns the job needs (its customer keys, the columns
# its conditions and a via key name: else a data error, status 1, as a
# filter says it, "missing column"), and every one of its columns is
# covered by each of its rules files (else a configuration error, status
# 2, each such column named as scrub names it).  One classify --gate
# for all tables, on the headers alone: the exports' first lines, or,
# from a database (CORE_COLS), header files of its catalog's columns.
core_gate() {
	local t n f h r plan= need via c k
	local -a sides cols
	local -A needs=()
	# A table reached through a link table the company lacks: its rows
	# could not be found (not even by the link steps' primary), and a
	# table left out of the run is no table counted as empty.
	for t in "${SPEC_TABLES[@]}"; do
		via=${SPEC_VIA[$t]}
		[ -n "$via" ] && [ "${SPEC_DEC[$t]}" = scrubbed ] || continue
		core_present "$t" && ! core_present "$via" || continue
		ca_err "$t is there, but not $via, through which the job" \
		    "reaches its rows: export it (a header alone if the" \
		    "company has no rows)"
		return 2
	done
	for t in "${SPEC_TABLES[@]}"; do
		via=${SPEC_VIA[$t]}
		[ -z "$via" ] || needs[$via]+="|${SPEC_VIAKEY[$t]}"
		while IFS= read -r c; do
			[ -z "$c" ] || needs[$t]+="|${c%%$'\t'*}"
		done <<<"${SPEC_WHERE[$t]:-}"
		for k in "${!SPEC_SWHERE[@]}"; do
			[ "${k%%$'\t'*}" = "$t" ] || continue
			while IFS= read -r c; do
				[ -z "$c" ] || needs[$t]+="|${c%%$'\t'*}"
			done <<<"${SPEC_SWHERE[$k]}"
		done
		# The columns the link steps read (spec_step_col).
		while IFS=$'\t' read -r k c; do
			spec_step_col "$t" "$k" "$c"
			[ -z "$SPEC_SC_C" ] ||
			    needs[$SPEC_SC_T]+="|$SPEC_SC_C"
		done <<<"${SPEC_STEPS[$t]:-}"
	done
	[ -z "${CORE_COLS:-}" ] || mkdir -m 700 "$CORE_WORK/heads"
	for t in "${SPEC_TABLES[@]}"; do
		case ${SPEC_DEC[$t]} in
		customer | scrubbed | link) ;;
		*) continue ;;
		esac
		core_present "$t" || continue
		spec_fname n "$t"
		if [ -n "${CORE_COLS:-}" ]; then
			"$CORE_COLS" cols "$t"
			spec_csv_header h "${cols[@]}"
			f=$CORE_WORK/heads/$n.csv
			printf '%s\n' "$h" >"$f" || return 1
			core_names_add "$f" "$t" no
		else
			core_has "$t" || continue
			core_file f "$t"
		fi
		need=${SPEC_KEYS[$t]}${needs[$t]:-}
		r=
		spec_sides sides "$t"
		for h in ${sides[@]+"${sides[@]}"}; do
			case $'\t'$r$'\t' in
			*$'\t'"${h#*$'\t'}"$'\t'*) ;;
			*) r+=$'\t'${h#*$'\t'} ;;
			esac
		done
		plan+=$f$'\t'${need#|}$r$'\n'
	done
	[ -n "$plan" ] || return 0
	CUSTANON_NAMES=$CORE_NAMES "$CA_LIBEXEC/classify" --gate - \
	    <<<"${plan%$'\n'}"
}

# core_setup: read the Customer GDPR Setup into CORE_AFTER, CORE_CPG and
# CORE_GBPG (period mode).  A missing setup or Anonymize After is a
# configuration error.
core_setup() {
	local t='Customer GDPR Setup' f line=
	core_file f "$t"
	if [ -s "$f" ]; then
		line=$("$CA_LIBEXEC/csvget" --first "$f" 'Anonymize After' \
		    '?Customer Posting Group Filter' \
		    '?Gen. Bus. Posting Group Filter') || return $?
	fi
	if [ -z "$line" ]; then
		ca_err "$t: no setup row (Anonymize After)"
		return 2
	fi
	ca_split "$line"
	CORE_AFTER=${CA_F[0]} CORE_CPG=${CA_F[1]} CORE_GBPG=${CA_F[2]}
	if [ -z "$CORE_AFTER" ]; then
		ca_err "$t: Anonymize After is empty"
		return 2
	fi
}

# core_select_args CUST LOG: the options of select-eligible into CORE_SE.
core_select_args() {
	local us
	core_setup_src us 'User Setup' 'User ID' 'Anonymize Customers' ||
	    return 1
	CORE_SE=(--user "$CORE_USER" --user-setup "$us" --now "$CORE_NOW")
	case $CORE_MODE in
	period)
		core_setup || return $?
		CORE_SE+=(--customer-posting-group "$CORE_CPG"
		    --gen-bus-posting-group "$CORE_GBPG")
		;;
	due)
		CORE_SE+=(--due)
		;;
	manual)
		CORE_SE+=(--customer "$CORE_CUSTOMER" --strict --log "$2")
		;;
	esac
}

# core_check_opts CHECK: append to CORE_ARGS the options of the source
# of SPEC_CHECKS line CHECK (--docs, --key, --where, --self-key, --date)
# but --reason.  A check of Customer reads CORE_BILLTO, or the candidates
# CUST; a condition on an optional column ("?COLUMN") only when the
# source has the column.
core_check_opts() {
	local n t kind keys self date src k line hdr= col
	ca_split "$1"
	n=${CA_F[0]} t=${CA_F[1]} kind=${CA_F[2]} keys=${CA_F[3]}
	self=${CA_F[4]} date=${CA_F[5]}
	if [ "$t" = Customer ]; then
		src=${CORE_BILLTO:-$CORE_CUST}
	else
		core_file src "$t"
	fi
	CORE_ARGS+=(--docs "$src")
	while IFS= read -r k; do
		CORE_ARGS+=(--key "$k")
	done <<<"${keys//|/$'\n'}"
	[ -z "$self" ] || CORE_ARGS+=(--self-key "$self")
	[ -z "$date" ] || CORE_ARGS+=(--date "$date")
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		ca_split "$line"
		col=${CA_F[0]}
		if [ "${CA_F[2]}" = 1 ]; then
			if [ -z "$hdr" ]; then
				hdr=$'\n'
				if [ -s "$src" ]; then
					hdr+=$("$CA_LIBEXEC/csvget" --header "$src") ||
					    return $?
					hdr+=$'\n'
				fi
			fi
			[[ $hdr == *$'\n'"$col"$'\n'* ]] || continue
		fi
		CORE_ARGS+=(--where "$col=${CA_F[1]}")
		spec_values CORE_ARGS "$t" "$col"
	done <<<"${SPEC_CWHERE[$n]:-}"
}

# core_period_args: the options of check-period into CORE_CP: the
# retention checks of the spec.
core_period_args() {
	local c
	CORE_ARGS=(--anonymize-after "$CORE_AFTER" --now "$CORE_NOW"
	    --customer-date 'Last Date Modified')
	while IFS= read -r c; do
		ca_split "$c"
		[ "${CA_F[2]}" = period ] || continue
		core_skipped "$c" && continue
		core_check_opts "$c" || return $?
	done < <(spec_checks_of period)
	CORE_CP=("${CORE_ARGS[@]}")
}

# core_skipped CHECK: SPEC_CHECKS line CHECK reads a table the company
# lacks (--without): it does not run.
core_skipped() {
	local t
	ca_split "$1"
	t=${CA_F[1]}
	[ "$t" != Customer ] && [ -n "${CORE_WITHOUT[$t]:-}" ] &&
	    ! core_present "$t"
}

# core_check_args CUST LOG: the options of check-open-docs into CORE_COD:
# the open-document checks of the spec.
core_check_args() {
	local c
	CORE_CUST=$1
	CORE_ARGS=(--now "$CORE_NOW" --user "$CORE_USER" --log "$2")
	while IFS= read -r c; do
		core_skipped "$c" && continue
		core_check_opts "$c" || return $?
		ca_split "$c"
		CORE_ARGS+=(--reason "${CA_F[6]}")
	done < <(spec_checks_of open)
	if [ "$CORE_MODE" = manual ]; then
		CORE_ARGS+=(--strict)
	else
		CORE_ARGS+=(--limit "$CORE_CAP")
	fi
	CORE_COD=("${CORE_ARGS[@]}")
}

# core_period: check-period on standard input, but its input's header line
# (column names hold no line break) passed on at once, not after its key
# maps are loaded, so that check-open-docs, which reads the header first,
# loads its own beside it.  The status is check-period's (with pipefail,
# the last stage's that failed).
core_period() {
	local h
	if ! IFS= read -r h; then
		# No header: check-period says what is wrong with the input.
		"$CA_BIN/check-period" "${CORE_CP[@]}"
		return
	fi
	printf '%s\n' "$h"
	{ printf '%s\n' "$h" && cat; } | "$CA_BIN/check-period" "${CORE_CP[@]}" |
	    tail -n +2
}

# core_retention: the retention check (core_period) in period mode; in
# due mode the candidates pass as they are.
core_retention() {
	if [ "$CORE_MODE" = period ]; then
		core_period
	else
		cat
	fi
}

# core_sort_start FILE [LABEL]: start, in the background, the check that
# CSV file FILE ascends strictly by No. (core_sorted waits for it; LABEL
# names the file in its message, default Customer's name, core_name).
core_sort_start() {
	if [ -n "${2:-}" ]; then
		CORE_SORTLABEL=$2
	else
		core_name CORE_SORTLABEL Customer
	fi
	"$CA_LIBEXEC/csvget" --is-sorted 'No.' "$1" \
	    >"$CORE_WORK/sorted" 2>"$CORE_WORK/sorted.err" &
	CORE_SORTPID=$!
}

# core_sorted: wait for the check core_sort_start started (CORE_SORTPID);
# when the file cannot be read (csvget's message), or does not ascend,
# say so and return 1.
core_sorted() {
	local pid=$CORE_SORTPID st=0
	[ -n "$pid" ] || return 0
	CORE_SORTPID=
	wait "$pid" || st=$?
	if [ "$st" != 0 ]; then
		cat -- "$CORE_WORK/sorted.err" >&2
		return 1
	fi
	if [ "$(cat -- "$CORE_WORK/sorted")" != yes ]; then
		cat -- "$CORE_WORK/sorted.err" >&2
		ca_err "$CORE_SORTLABEL: not sorted by No., or a No. is" \
		    "repeated"
		return 1
	fi
	rm -f -- "$CORE_WORK/sorted" "$CORE_WORK/sorted.err"
}

# core_targets CUST LOG: the candidates into WORK/candidates.csv and those
# that pass the open-document checks into WORK/targets.csv, the held back
# logged.  Period and due modes run the stages as one pipe (the key maps
# of check-period and check-open-docs load side by side); the one-customer
# request runs them in turn, check-open-docs only for a candidate.
core_targets() {
	local cust=$1 log=$2 w=$CORE_WORK
	local -a ps=()

	core_select_args "$cust" "$log" || return $?
	if [ "$CORE_MODE" = period ]; then
		core_period_args || return $?
	fi
	core_check_args "$cust" "$log" || return $?
	ca_progress "selecting candidates and checking them"
	case $CORE_MODE in
	period | due)
		"$CA_BIN/select-eligible" "${CORE_SE[@]}" "$cust" \
		    2>"$w/sel.0.err" |
		    core_stdin Customer core_retention 2>"$w/sel.1.err" |
		    tee -- "$w/candidates.csv" 2>"$w/sel.2.err" |
		    core_stdin Customer "$CA_BIN/check-open-docs" \
		    "${CORE_COD[@]}" >"$w/targets.csv" 2>"$w/sel.3.err" ||
		    ps=("${PIPESTATUS[@]}")
		;;
	manual)
		"$CA_BIN/select-eligible" "${CORE_SE[@]}" "$cust" \
		    >"$w/candidates.csv" || return $?
		ca_count "$w/candidates.csv" >"$w/candidates.count" ||
		    return $?
		[ "$(cat "$w/candidates.count")" != 0 ] || return 0
		"$CA_BIN/check-open-docs" "${CORE_COD[@]}" \
		    "$w/candidates.csv" >"$w/targets.csv"
		return
		;;
	esac
	core_sorted || return $?
	if [ "${#ps[@]}" != 0 ]; then
		core_pipe_status sel "${ps[@]}"
		return
	fi
	core_pipe_status sel 0 0 0 0 || return $?
	ca_count "$w/candidates.csv" >"$w/candidates.count"
}

# The scrub jobs of the related tables (core_scrub): each runs in a
# subshell, writes only its own files, and returns its first failing
# stage's status.

# core_feed TABLE CMD...: run CMD on TABLE's export, only the rows that
# meet its conditions (the spec's where): as its last argument, or, with
# conditions, on standard input ("-") through csvget (the messages of
# the stage that failed first, core_pipe_status).
core_feed() {
	local f t=$1 e
	local -a ps=(0 0)
	core_file f "$t"
	spec_where_args "$t"
	shift
	if [ "${#SPEC_ARGS[@]}" = 0 ]; then
		"$@" "$f"
		return
	fi
	e=feed.$BASHPID
	"$CA_LIBEXEC/csvget" --csv "${SPEC_ARGS[@]}" -- "$f" \
	    2>"$CORE_WORK/$e.0.err" |
	    core_stdin "$t" "$@" - 2>"$CORE_WORK/$e.1.err" ||
	    ps=("${PIPESTATUS[@]}")
	core_pipe_status "$e" "${ps[@]}"
}

# core_links TABLE: the rows of TABLE (a link table) that belong to the
# targets, into WORK/links/TABLE.csv (once).
core_links() {
	local t=$1 n out k
	local -a ka=()
	spec_fname n "$t"
	out=$CORE_WORK/links/$n.csv
	[ ! -e "$out" ] || return 0
	mkdir -p -- "$CORE_WORK/links"
	while IFS= read -r k; do
		ka+=(--key "$k")
	done <<<"${SPEC_KEYS[$t]//|/$'\n'}"
	core_feed "$t" "$CA_BIN/scrub" --rules "$CORE_KEEPALL" \
	    --keys "$CORE_WORK/targets.csv" "${ka[@]}" >"$out.part" ||
	    return $?
	mv -- "$out.part" "$out"
}

# core_link_file VAR TABLE: set VAR to the link file of TABLE, a table
# reached through a link table (via): the pairs linkpairs computed for
# it when it has link steps, else the via table's rows of the targets.
core_link_file() {
	local _core_k
	if [ -n "${SPEC_STEPS[$2]:-}" ]; then
		spec_fname _core_k "$2"
		printf -v "$1" '%s' "$CORE_WORK/links/$_core_k.steps.csv"
	else
		spec_fname _core_k "${SPEC_VIA[$2]}"
		printf -v "$1" '%s' "$CORE_WORK/links/$_core_k.csv"
	fi
}

# core_steps_scrub TABLE: core_steps, then core_scrub_table: a job of
# core_jobs, as linkpairs reads whole exports (--dir) beside the other
# tables' scrubs.
core_steps_scrub() {
	core_steps "$1" && core_scrub_table "$1"
}

# core_steps TABLE: the pairs of TABLE's rows and the targets that its
# via table reaches in its link steps (libexec/linkpairs), into its link
# file (core_link_file); the rows kept because a live relation shares
# them counted into WORK/kept, a summary line ("contacts kept, shared
# with a live relation: N") when there are any.
core_steps() {
	local t=$1 via=${SPEC_VIA[$1]} out f fv n k cu
	local -a args
	core_link_file out "$t"
	[ ! -e "$out" ] || return 0
	mkdir -p -- "$CORE_WORK/links"
	spec_where_args "$via"
	args=("${SPEC_ARGS[@]}")
	spec_steps_args "$t"
	args+=("${SPEC_ARGS[@]}")
	core_file f "$t"
	core_file fv "$via"
	spec_fname n "$t"
	# The customers that exist: the export's, or the fetch's of the
	# customers the links name.
	if [ -n "${CORE_FETCH:-}" ]; then
		cu=$CORE_EX/Customer.related.csv
	else
		core_file cu Customer
	fi
	"$CA_LIBEXEC/linkpairs" --targets "$CORE_WORK/targets.csv" \
	    --link "$fv" --rows "$f" --link-key "${SPEC_VIAKEY[$t]}" \
	    --link-customer "${SPEC_KEYS[$via]}" --key "${SPEC_KEYS[$t]}" \
	    --link-unique "${SPEC_PK[$via]}" --customers "$cu" \
	    --kept "$CORE_WORK/kept.$n" "${args[@]}" >"$out.part" ||
	    return $?
	mv -- "$out.part" "$out"
	k=$(cat -- "$CORE_WORK/kept.$n")
	rm -f -- "$CORE_WORK/kept.$n"
	[ "$k" = 0 ] || printf '%ss kept, shared with a live relation: %s\n' \
	    "${t,,}" "$k" >>"$CORE_WORK/kept"
}

# core_scrub_table TABLE: the changed rows of TABLE into WORK/changes,
# and their rows as they were into WORK/sel.TABLE.csv (core_leakcheck):
# reached through a link table (via), the rows the targets' links name;
# with one side (a customer key and its rules), the rows of the targets;
# with several (a document's sell-to and bill-to), the rows any side
# names, each side scrubbing the fields of its own customer in turn (one
# scrub, a --side each).
core_scrub_table() {
	local t=$1 n out pii=$CORE_WORK/pii.csv side k sel first=1
	local -a sides ka=()
	spec_fname n "$t"
	out=$CORE_WORK/changes/$n.csv
	# The original rows of the targets (the leak check's originals).
	sel=$CORE_WORK/sel.$n.csv
	spec_sides sides "$t"
	if [ -n "${SPEC_VIA[$t]}" ]; then
		core_link_file k "$t"
		core_feed "$t" "$CA_BIN/scrub" --rules "${sides[0]#*$'\t'}" \
		    --keys "$k" --key "${SPEC_KEYS[$t]}" \
		    --keys-column "${SPEC_VIAKEY[$t]}" \
		    --originals-out "$sel" >"$out"
		return
	fi
	for side in "${sides[@]}"; do
		k=${side%%$'\t'*}
		[ "$first" = 1 ] || ka+=(--side)
		first=0
		ka+=(--rules "${side#*$'\t'}")
		spec_key_args ka "$t" "$k"
		ka+=(--customer-key "$k")
	done
	core_feed "$t" "$CA_BIN/scrub" --keys "$pii" --keys-pii \
	    --originals-out "$sel" "${ka[@]}" >"$out"
}

# core_job_add CMD... -- TABLE...: queue the job CMD, weighed by the size
# of the TABLEs' exports (the largest start first: core_jobs).
core_job_add() {
	local cmd=() files= f q
	while [ "$1" != -- ]; do
		cmd+=("$1")
		shift
	done
	shift
	for f in "$@"; do
		core_file f "$f"
		files+=$f$'\n'
	done
	printf -v q '%q ' "${cmd[@]}"
	CORE_JOB_CMD+=("$q")
	CORE_JOB_FILES+=("$files")
}

# core_jobs_order: set the caller's order to the numbers of the queued
# jobs, the largest first (the sum of the sizes of its files, one stat
# for them all), in queue order on a tie.
core_jobs_order() {
	local i j f s t
	local -a paths=() sizes=() size=()
	local -A bytes=()
	for ((i = 0; i < ${#CORE_JOB_CMD[@]}; i++)); do
		while IFS= read -r f; do
			[ -z "$f" ] || [ ! -f "$f" ] || [ -n "${bytes[$f]+1}" ] ||
			    { paths+=("$f"); bytes[$f]=0; }
		done <<<"${CORE_JOB_FILES[$i]}"
	done
	if [ "${#paths[@]}" -gt 0 ]; then
		mapfile -t sizes < <(stat -L -c %s -- "${paths[@]}" 2>/dev/null)
		for ((i = 0; i < ${#paths[@]}; i++)); do
			[[ ${sizes[$i]:-} =~ ^[0-9]+$ ]] &&
			    bytes[${paths[$i]}]=${sizes[$i]}
		done
	fi
	order=()
	for ((i = 0; i < ${#CORE_JOB_CMD[@]}; i++)); do
		s=0
		while IFS= read -r f; do
			[ -z "$f" ] || s=$((s + ${bytes[$f]:-0}))
		done <<<"${CORE_JOB_FILES[$i]}"
		size[$i]=$s
		# Insertion: after every job at least as large.
		for ((j = ${#order[@]}; j > 0; j--)); do
			[ "${size[${order[$((j - 1))]}]}" -lt "$s" ] || break
			order[$j]=${order[$((j - 1))]}
		done
		order[$j]=$i
	done
}

# core_jobs_stop: stop the running jobs, each a process group (those of
# the shell's job table too: one just started may not be listed yet).
core_jobs_stop() {
	local pid
	for pid in ${CORE_JOB_PIDS[@]+"${CORE_JOB_PIDS[@]}"} $(jobs -p); do
		kill -TERM -- "-$pid" 2>/dev/null || true
	done
	CORE_JOB_PIDS=()
}

# core_jobs: run the queued jobs, at most CORE_JOBS (default 2) at a
# time, the largest first, each in its own process group (so that a
# signal stops all its processes) with its standard error kept aside.
# When all are done, their messages are replayed in queue order up to
# the first job that failed, whose status is returned: what running them
# one after another, stopping at the first failure, would have shown.
# INT, TERM and HUP stop the jobs, then act as before.
core_jobs() {
	local n=${#CORE_JOB_CMD[@]} max=${CORE_JOBS:-2} i j p st sig fd
	local -a order st_of=() old=() left
	local -A idx=()
	CORE_JOB_PIDS=()
	[ "$n" -gt 0 ] || return 0
	[[ $max =~ ^[1-9][0-9]*$ ]] || max=1
	for sig in INT TERM HUP; do
		old+=("$(trap -p "$sig")")
		eval "set -- ${old[${#old[@]} - 1]}"
		if [ -z "${old[${#old[@]} - 1]}" ]; then
			trap "core_jobs_stop; trap - $sig; kill -$sig \$BASHPID" \
			    "$sig"
		elif [ -n "${3:-}" ]; then
			trap "core_jobs_stop; $3" "$sig"
		fi
	done
	core_jobs_order
	# Each job says on this pipe that it is done (its number; then it
	# exits), and the shell waits for exactly that process: "wait -n"
	# can miss a job that ended just before it is called, and then
	# waits for the next child to end, which may be a session that
	# lives as long as the job (bash 5.2).
	rm -f -- "$CORE_WORK/jobs.fifo"
	mkfifo -m 600 -- "$CORE_WORK/jobs.fifo" || return 1
	exec {fd}<>"$CORE_WORK/jobs.fifo"
	for i in "${order[@]}" end; do
		while [ "${#CORE_JOB_PIDS[@]}" -ge "$max" ] ||
		    { [ "$i" = end ] && [ "${#CORE_JOB_PIDS[@]}" -gt 0 ]; }; do
			# A job's word, or a second's pause: a job killed
			# before it could say so is one the shell has reaped.
			read -r -t 1 -u "$fd" j || j=
			left=()
			for p in "${CORE_JOB_PIDS[@]}"; do
				if [ "${idx[$p]}" = "$j" ] ||
				    ! kill -0 "$p" 2>/dev/null; then
					st=0
					wait "$p" || st=$?
					st_of[${idx[$p]}]=$st
				else
					left+=("$p")
				fi
			done
			CORE_JOB_PIDS=(${left[@]+"${left[@]}"})
		done
		[ "$i" != end ] || break
		set -m
		{
			eval "${CORE_JOB_CMD[$i]}" 2>"$CORE_WORK/job.$i.err"
			st=$?
			printf '%s\n' "$i" >&"$fd"
			exit "$st"
		} &
		CORE_JOB_PIDS+=("$!")
		set +m
		idx[$!]=$i
	done
	exec {fd}>&-
	rm -f -- "$CORE_WORK/jobs.fifo"
	for sig in INT TERM HUP; do
		if [ -n "${old[0]}" ]; then
			eval "${old[0]}"
		else
			trap - "$sig"
		fi
		old=("${old[@]:1}")
	done
	for ((i = 0; i < n; i++)); do
		[ ! -s "$CORE_WORK/job.$i.err" ] ||
		    cat -- "$CORE_WORK/job.$i.err" >&2
		[ "${st_of[$i]}" = 0 ] || return "${st_of[$i]}"
	done
	rm -f -- "$CORE_WORK"/job.*.err
}

# core_scrub LOG: the changed rows of every table into WORK/changes: the
# targets' Customer rows, stamped (their log rows into LOG), then every
# scrubbed table of the spec that the company has.
core_scrub() {
	local log=$1 r out=$CORE_WORK/changes t f via
	local tg=$CORE_WORK/targets.csv pii=$CORE_WORK/pii.csv
	local -a pr tabs=()

	ca_progress "scrubbing"
	mkdir -p "$out"
	rm -f -- "$CORE_WORK/kept"
	spec_sides pr Customer
	r=${pr[0]#*$'\t'}
	"$CA_BIN/scrub" --rules "$r" --customer-key 'No.' "$tg" |
	    core_stdin Customer "$CA_BIN/stamp" --now "$CORE_NOW" \
	    --user "$CORE_USER" --log "$log" >"$out/Customer.csv" ||
	    core_first "${PIPESTATUS[@]}" || return $?

	# The customers' original personal values, for redact-pii.
	pr=(--rules "$r")
	while IFS= read -r f; do
		[ -n "$f" ] && pr+=(--rules "$f")
	done <<<"${CORE_PII_RULES:-}"
	CORE_PII_ARGS=("${pr[@]}")
	"$CA_LIBEXEC/leakcheck" --pii "${pr[@]}" --originals "$tg" >"$pii" ||
	    return $?

	# The links first (their tables only read), then the scrubbed
	# tables, each a job (one reached in link steps with its
	# linkpairs), at most CORE_JOBS at a time.
	CORE_JOB_CMD=() CORE_JOB_FILES=()
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_DEC[$t]}" = scrubbed ] || continue
		core_has "$t" || continue
		via=${SPEC_VIA[$t]}
		if [ -n "$via" ]; then
			core_has "$via" || continue
			if [ -n "${SPEC_STEPS[$t]:-}" ]; then
				core_job_add core_steps_scrub "$t" -- "$t" "$via"
				continue
			fi
			core_links "$via" || return $?
			core_job_add core_scrub_table "$t" -- "$t" "$via"
		else
			core_job_add core_scrub_table "$t" -- "$t"
		fi
	done
	core_jobs || return $?
	# A table without changed rows gets no file.
	for f in "$out"/*.csv; do
		[ -e "$f" ] || continue
		ca_has_rows "$f" || rm -f -- "$f"
	done
}

# core_leak_cols TABLE: append to lc the --primary-key options of TABLE's
# primary key columns, and for a change file (with a second argument) the
# --number and --code options of its columns of numbers and codes.
core_leak_cols() {
	local c o l
	for o in primary-key number code; do
		case $o in
		primary-key) l=${SPEC_PK[$1]} ;;
		number) l=${SPEC_NUM[$1]:-} ;;
		code) l=${SPEC_CODE[$1]:-} ;;
		esac
		[ "$o" = primary-key ] || [ $# = 2 ] || continue
		while IFS= read -r c; do
			[ -z "$c" ] || lc+=("--$o" "$c")
		done <<<"${l//|/$'\n'}"
	done
}

# core_leak_keys TABLE: append to lc the options that say whose TABLE's
# rows are: its customer keys, through its link table (--map), or a key
# a side, with the side's rules (--fields) when FIELDS is yes or the
# table has more than one side.
core_leak_keys() {
	local t=$1 fields=$2 via k side
	local -a sides
	via=${SPEC_VIA[$t]}
	spec_sides sides "$t"
	if [ -n "$via" ]; then
		core_link_file k "$t"
		lc+=(--key "${SPEC_KEYS[$t]}")
		[ "$fields" != yes ] || lc+=(--fields "${sides[0]#*$'\t'}")
		lc+=(--map "$k"
		    --map-key "${SPEC_VIAKEY[$t]}"
		    --map-customer "${SPEC_KEYS[$via]}")
		return
	fi
	if [ "${#sides[@]}" = 1 ] && [ "$fields" != yes ]; then
		lc+=(--key "${sides[0]%%$'\t'*}")
		return
	fi
	for side in "${sides[@]}"; do
		spec_key_args lc "$t" "${side%%$'\t'*}"
		lc+=(--fields "${side#*$'\t'}")
	done
}

# core_leakcheck [SURVIVORS]: no original value of a scrubbed column of an
# anonymized customer survives in a change file (SPEC section 5).  The
# originals are the targets' Customer rows and their rows of every
# scrubbed table (as the scrub selected them, before it changed them:
# WORK/sel.TABLE.csv, core_scrub_table); primary keys and customer keys
# are never survivors, nor short numbers in the columns of numbers and
# dates.
# Every change file is named to leakcheck (--complete: it refuses any
# other in the folder).  With SURVIVORS (a file), a survivor is no
# failure: leakcheck lists it there (--survivors).
core_leakcheck() {
	local out=$CORE_WORK/changes t n f
	local -a lc
	# Its messages name each change file as its table (core_name).
	local CORE_NAMES=$CORE_NAMES

	[ -e "$out/Customer.csv" ] || return 0
	ca_progress "checking for leaks"
	lc=("${CORE_PII_ARGS[@]}" --originals "$CORE_WORK/targets.csv")
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_DEC[$t]}" = scrubbed ] || continue
		spec_fname n "$t"
		f=$CORE_WORK/sel.$n.csv
		[ -e "$f" ] || continue
		lc+=(--also "$f")
		core_leak_keys "$t" yes
		core_leak_cols "$t"
	done
	[ $# = 0 ] || lc+=(--survivors "$1")
	lc+=(--complete --changes Customer.csv --key 'No.')
	core_leak_cols Customer changes
	core_names_add Customer.csv Customer no
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_DEC[$t]}" = scrubbed ] || continue
		spec_fname n "$t"
		[ -e "$out/$n.csv" ] || continue
		lc+=(--changes "$n.csv")
		core_names_add "$n.csv" "$t" no
		core_leak_keys "$t" no
		core_leak_cols "$t" changes
	done
	# The redacted rows of a table only swept (core_redact) name no
	# customer: named, and checked by the sweep.
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_SWEEP[$t]:-}" = yes ] || continue
		case ${SPEC_DEC[$t]} in customer | scrubbed) continue ;; esac
		spec_fname n "$t"
		[ -e "$out/$n.csv" ] || continue
		lc+=(--changes "$n.csv")
		core_names_add "$n.csv" "$t" no
		core_leak_cols "$t" changes
	done
	(cd "$out" && CUSTANON_NAMES=$CORE_NAMES "$CA_LIBEXEC/leakcheck" \
	    "${lc[@]}")
}

# core_judged: the key columns every row of which a check of this run has
# read, one "TABLE<TAB>KEY" line each (CORE_FETCH): Customer's No.; those of the retention
# checks without conditions, in period mode.  check-period judges a key
# written otherwise in every row its conditions let through, with a date
# or without, and every target passed it: a fetch of the same table by
# the same key need not look for such keys again (the walk, which reads
# rows by ranges of numbers, runs only when the checks' tables hold no
# such key: sql_odd_keys).
core_judged() {
	local c k
	# Customer's own No.: select-eligible refuses a customer selected
	# whose No. is written otherwise, so every target's is a Code and
	# the fetch reads the targets' rows by it, no other customer's.
	printf 'Customer\tNo.\n'
	[ "$CORE_MODE" = period ] || return 0
	while IFS= read -r c; do
		ca_split "$c"
		[ "${CA_F[2]}" = period ] && [ -z "${SPEC_CWHERE[${CA_F[0]}]:-}" ] ||
		    continue
		core_skipped "$c" && continue
		ca_split "$c"
		while IFS= read -r k; do
			printf '%s\t%s\n' "${CA_F[1]}" "$k"
		done <<<"${CA_F[3]//|/$'\n'}"
	done < <(spec_checks_of period)
}

# core_fetch LOG: the full rows of the targets and the related rows through
# CORE_FETCH into WORK/full, which the scrub reads from then on; the
# fetched Customer rows replace the targets' rows, and must be the same
# customers in the same order.
core_fetch() {
	local w=$CORE_WORK
	ca_progress "fetching the rows to change"
	mkdir -p -- "$w/full"
	"$CA_LIBEXEC/csvget" --csv "$w/targets.csv" 'No.' >"$w/targets.no" ||
	    return $?
	core_judged >"$w/judged" || return $?
	"$CORE_FETCH" "$w/targets.no" "$w/full" "$w/judged" || return $?
	"$CA_LIBEXEC/csvget" --csv "$w/full/Customer.csv" 'No.' >"$w/full.no" ||
	    return $?
	if ! cmp -s -- "$w/targets.no" "$w/full.no"; then
		ca_err "Customer: the rows fetched are not the targets'"
		return 1
	fi
	rm -f -- "$w/targets.no" "$w/full.no"
	mv -- "$w/full/Customer.csv" "$w/targets.csv"
	cat -- /dev/null "$w/full"/unsafe*.csv >"$w/unsafe.csv" 2>/dev/null ||
	    true
	rm -f -- "$w/full"/unsafe*.csv
	if [ -s "$w/unsafe.csv" ]; then
		core_hold "$1" "$w/unsafe.csv" 'a value the export cannot carry' ||
		    return $?
	fi
	rm -f -- "$w/unsafe.csv"
	cp -- "$w/targets.csv" "$w/full/Customer.csv"
	CORE_EX=$w/full
	core_names
}

# core_hold LOG FILE TEXT: hold back the targets FILE names (CSV, no
# header: No., table, column), each logged into LOG with the reason
# "TEXT in TABLE.COLUMN" for each of its tables and columns (never a
# value): those whose rows hold a value the export cannot carry
# (core_fetch: importing their rows would change them), those whose
# personal data would survive (core_survivors).  LOG holds only held
# back customers (no stamp has run): it is left sorted by No.  A
# check-open-docs takes at most 32 sources (one a table and column):
# with more, they are held back in turn, 32 at a time, a customer's log
# row naming those of the first turn that holds it.
core_hold() {
	local w=$CORE_WORK log=$1 line k i=0 j h
	local -A file=()
	local -a ks=()
	rm -rf -- "$w/hold"
	mkdir -p -- "$w/hold"
	{ printf 'No.,Table,Column\n'; cat -- "$2"; } |
	    "$CA_LIBEXEC/csvget" - 'No.' Table Column >"$w/hold/lines" ||
	    core_first "${PIPESTATUS[@]}" || return $?
	while IFS= read -r line; do
		ca_split "$line"
		k=${CA_F[1]}.${CA_F[2]}
		if [ -z "${file[$k]:-}" ]; then
			i=$((i + 1))
			file[$k]=$w/hold/$i.csv
			ks+=("$k")
			printf 'No.\n' >"${file[$k]}"
		fi
		spec_csv_header h "${CA_F[0]}"
		printf '%s\n' "$h" >>"${file[$k]}"
	done <"$w/hold/lines"
	for ((i = 0; i < ${#ks[@]}; i += 32)); do
		local -a cod=(--now "$CORE_NOW" --user "$CORE_USER" --log "$log")
		for ((j = i; j < i + 32 && j < ${#ks[@]}; j++)); do
			k=${ks[$j]}
			cod+=(--docs "${file[$k]}" --key 'No.'
			    --reason "$3 in $k")
		done
		"$CA_BIN/check-open-docs" "${cod[@]}" "$w/targets.csv" \
		    >"$w/targets.held" || return $?
		mv -- "$w/targets.held" "$w/targets.csv"
	done
	rm -rf -- "$w/hold"
	[ -s "$log" ] || return 0
	"$CA_LIBEXEC/csvget" --sort-lines 'Customer No.' "$log" |
	    LC_ALL=C sort -s -t $'\t' -k 1,1 -T "$w" |
	    "$CA_LIBEXEC/csvget" --from-lines - >"$log.sorted" ||
	    core_first "${PIPESTATUS[@]}" || return $?
	mv -- "$log.sorted" "$log"
}

# core_survivors LOG: after a leak check that listed survivors
# (WORK/survivors.csv, leakcheck --survivors: No., change file,
# column), hold back their customers (core_hold: "personal data would
# survive in TABLE.COLUMN"), the log as the checks left it
# (WORK/log.checks; the stamp's rows go), and scrub and check again
# what remains: a survivor then stops the run (SPEC section 5).  The
# number of customers held back into WORK/survivors.count.  Their
# places under the cap are not refilled.
core_survivors() {
	local log=$1 w=$CORE_WORK line t n h
	ca_progress "holding back the customers whose data would survive"
	"$CA_LIBEXEC/csvget" "$w/survivors.csv" 'No.' File Column \
	    >"$w/survivors.lines" || return $?
	while IFS= read -r line; do
		ca_split "$line"
		spec_table_of t "${CA_F[1]%.csv}"
		spec_csv_header h "${CA_F[0]}" "$t" "${CA_F[2]}"
		printf '%s\n' "$h"
	done <"$w/survivors.lines" >"$w/survivors.held"
	"$CA_LIBEXEC/csvget" --csv "$w/survivors.csv" 'No.' | tail -n +2 |
	    LC_ALL=C sort -u | wc -l >"$w/survivors.count" || return $?
	if [ -e "$w/log.checks" ]; then
		mv -- "$w/log.checks" "$log"
	else
		rm -f -- "$log"
	fi
	core_hold "$log" "$w/survivors.held" 'personal data would survive' ||
	    return $?
	rm -f -- "$w/survivors.held" "$w/survivors.lines"
	# What the first pass made from the targets goes.
	rm -rf -- "$w/changes" "$w/links" "$w/pii.csv"
	rm -f -- "$w"/sel.*.csv
	[ "$CORE_EX" != "$w/full" ] || cp -- "$w/targets.csv" "$w/full/Customer.csv"
	ca_has_rows "$w/targets.csv" || return 0
	core_scrub "$log" || return $?
	core_leakcheck
}

# core_walk_size VAR SIZE SEEN ANON: set VAR to the next chunk's size
# after chunks of SEEN customers in all gave ANON targets, the last SIZE
# long (see CORE_WALK_CHUNK); 0 for all the rest.
core_walk_size() {
	local _size=$2 _seen=$3 _anon=$4 _left _next
	if [ -n "${CORE_WALK_CHUNK:-}" ]; then
		printf -v "$1" '%s' "$CORE_WALK_CHUNK"
		return
	fi
	if [ "$_seen" = 0 ]; then
		_next=$((2 * CORE_CAP))
	elif [ "$_anon" = 0 ]; then
		_next=$((4 * _size))
	else
		# As many as the rate so far needs for the rest of the cap,
		# a quarter more.
		_next=$(((CORE_CAP - _anon) * _seen / _anon * 5 / 4 + 1))
	fi
	[ "$_seen" = 0 ] || [ "$_next" -le $((8 * _size)) ] ||
	    _next=$((8 * _size))
	[ "$_next" -ge 1000 ] || _next=1000
	_left=$((${CORE_WALK_TOTAL:-0} - _seen))
	[ $((4 * _next)) -lt "$_left" ] || _next=0
	printf -v "$1" '%s' "$_next"
}

# core_walk LOG: core_targets on the chunks CORE_WALK gives, until the
# cap is reached or no customer is left: the candidates and targets of
# them all into WORK/candidates.csv and WORK/targets.csv, the held back
# logged into LOG.
core_walk() {
	local log=$1 w=$CORE_WORK base=$CORE_EX cap=$CORE_CAP
	local size=0 seen=0 anon=0 i=0 rows n d f rc=0 hdr=1
	local -a lf
	printf 'No.\n' >"$w/walk.no.csv"
	rm -f -- "$w/walk.candidates.csv" "$w/walk.targets.csv" \
	    "$w/walk.after"
	while :; do
		i=$((i + 1))
		core_walk_size size "$size" "$seen" "$anon"
		d=$w/walk/$i
		mkdir -p -- "$d"
		# (One ln for them all: a process each would cost the walk
		# a process per table and chunk.)
		lf=()
		for f in "$base"/*.csv; do
			[ ! -e "$f" ] || lf+=("$f")
		done
		[ "${#lf[@]}" = 0 ] || ln -s -- "${lf[@]}" "$d/" || return 1
		ca_progress "exporting customers to check (chunk $i)"
		"$CORE_WALK" "$d" "$size" || return $?
		# The chunk ascends by No., and from the last chunk's.
		"$CA_LIBEXEC/csvget" --csv "$d/Customer.csv" 'No.' >"$d/no.csv" ||
		    return $?
		tail -n +2 -- "$d/no.csv" >>"$w/walk.no.csv"
		core_sort_start "$w/walk.no.csv" "Customer (chunk $i)"
		CORE_EX=$d CORE_BILLTO=$d/bill-to/Customer.csv
		CORE_CAP=$((cap - anon))
		core_names
		core_targets "$d/Customer.csv" "$log" || rc=$?
		CORE_EX=$base CORE_BILLTO= CORE_CAP=$cap
		core_names
		core_sorted || return $?
		[ "$rc" = 0 ] || return "$rc"
		{ printf 'No.\n'; tail -n +2 -- "$d/no.csv"; } >"$w/walk.no.csv"
		rows=$(ca_count "$d/no.csv")
		n=$(ca_count "$w/targets.csv")
		for f in candidates targets; do
			[ -s "$w/$f.csv" ] || continue
			if [ "$hdr" = 1 ]; then
				cat -- "$w/$f.csv"
			else
				tail -n +2 -- "$w/$f.csv"
			fi >>"$w/walk.$f.csv"
		done
		[ ! -s "$w/candidates.csv" ] || hdr=0
		seen=$((seen + rows)) anon=$((anon + n))
		if [ "$anon" -ge "$cap" ]; then
			# The last one anonymized: every candidate before it
			# was logged, none after it examined.
			"$CA_LIBEXEC/csvget" --printable "$w/targets.csv" 'No.' |
			    tail -n 1 >"$w/walk.after" || return $?
			break
		fi
		[ "$size" != 0 ] && [ "$rows" -ge "$size" ] || break
	done
	mv -f -- "$w/walk.candidates.csv" "$w/candidates.csv" 2>/dev/null ||
	    : >"$w/candidates.csv"
	mv -f -- "$w/walk.targets.csv" "$w/targets.csv" 2>/dev/null ||
	    cp -- "$w/candidates.csv" "$w/targets.csv"
	if [ -e "$w/walk.after" ]; then
		echo $(($(ca_count "$log") + anon)) >"$w/candidates.count"
	else
		ca_count "$w/candidates.csv" >"$w/candidates.count"
	fi
	rm -rf -- "$w/walk" "$w/walk.no.csv"
}

# core_sweep: with CORE_SWEEP, search every table the spec sweeps for the
# anonymized customers' e-mail addresses, phones, IBANs, VAT numbers and
# names (libexec/sweep; the originals as the leak check has them): its
# export less the rows the scrub changed, and those as changed.  The
# mentions (Customer No., Table, Column, Key; never a value) into
# WORK/mentions.csv, their number into WORK/mentions.count, the swept
# tables the company lacks into WORK/unswept, one a line.  With
# CORE_REDACT, each mention becomes [REDACTED] in its row (the log
# aside), the row merged into the table's change file (core_redact) and
# checked as the rest.
core_sweep() {
	local out=$CORE_WORK/changes red=$CORE_WORK/redact t n f full r
	local -a lc
	local CORE_NAMES=$CORE_NAMES
	[ -n "${CORE_SWEEP:-}" ] || return 0
	: >"$CORE_WORK/unswept"
	printf 'Customer No.,Table,Column,Key\n' >"$CORE_WORK/mentions.csv"
	echo 0 >"$CORE_WORK/mentions.count"
	ca_has_rows "$CORE_WORK/targets.csv" || return 0
	ca_progress "sweeping"
	rm -rf -- "$red"
	mkdir -p -- "$red"
	core_sweep_originals
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_SWEEP[$t]:-}" = yes ] || continue
		spec_fname n "$t"
		f=$CORE_SWEEP/$n.csv
		if ! [ -f "$f" ]; then
			printf '%s\n' "$t" >>"$CORE_WORK/unswept"
			continue
		fi
		case $'\n'$CORE_NAMES in
		*$'\n'"$f"$'\t'*) ;;
		*) core_names_add "$f" "$t" no ;;
		esac
		# The rows fetched for the scrub (--db, --pg) are read as
		# fetched: the import compares a row with them.
		full=
		[ -z "${CORE_FETCH:-}" ] || [ "$CORE_EX" = "$CORE_SWEEP" ] ||
		    [ ! -f "$CORE_EX/$n.csv" ] || full=$CORE_EX/$n.csv
		r=
		[ -z "${CORE_REDACT:-}" ] || [ "$t" = "$SPEC_LOG" ] || r=$red/$n
		core_sweep_table "$t" "$f" "${r:+$r.a}" "$full" "$out/$n.csv"
		[ -z "$full" ] ||
		    core_sweep_table "$t" "$full" "${r:+$r.b}" "$out/$n.csv"
		[ ! -e "$out/$n.csv" ] ||
		    core_sweep_table "$t" "$out/$n.csv" "${r:+$r.c}"
		[ ! -e "$out/$n.csv" ] || core_names_add "$out/$n.csv" "$t" no
	done
	CUSTANON_NAMES=$CORE_NAMES "$CA_LIBEXEC/sweep" "${lc[@]}" \
	    --count "$CORE_WORK/mentions.count" >"$CORE_WORK/mentions.csv" ||
	    return $?
	[ -z "${CORE_REDACT:-}" ] || core_redact || return $?
	rm -rf -- "$red"
}

# core_sweep_originals: set the caller's lc to the sweep's originals: the
# targets' Customer rows and their rows of every scrubbed table, as the
# leak check takes them (core_leakcheck).
core_sweep_originals() {
	local t n f
	lc=("${CORE_PII_ARGS[@]}" --originals "$CORE_WORK/targets.csv")
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_DEC[$t]}" = scrubbed ] || continue
		spec_fname n "$t"
		f=$CORE_WORK/sel.$n.csv
		[ -e "$f" ] || continue
		lc+=(--also "$f")
		core_leak_keys "$t" yes
		core_leak_cols "$t"
	done
}

# core_sweep_table TABLE FILE [RED [SKIP...]]: append to the caller's lc
# the sweep of FILE, rows of TABLE (its primary key, its columns of
# numbers and dates and of codes, its customer keys and the columns that copy their
# customer's name), less the rows of each SKIP that exists; with RED,
# their rows redacted into RED.csv and as they were into RED.was.csv
# (a change file, RED ending in ".c": every row into RED.csv).
core_sweep_table() {
	local t=$1 f=$2 r=${3:-} c o
	shift 2
	[ $# = 0 ] || shift
	lc+=(--table "$t" "$f")
	for o in primary-key number code own-name; do
		case $o in
		primary-key) c=${SPEC_PK[$t]} ;;
		number) c=${SPEC_NUM[$t]:-} ;;
		code) c=${SPEC_CODE[$t]:-} ;;
		own-name) c=${SPEC_OWN[$t]:-} ;;
		esac
		while IFS= read -r c; do
			[ -z "$c" ] || lc+=("--$o" "$c")
		done <<<"${c//|/$'\n'}"
	done
	core_sweep_keys "$t"
	for f in "$@"; do
		[ -z "$f" ] || [ ! -e "$f" ] || lc+=(--skip "$f")
	done
	[ -n "$r" ] || return 0
	lc+=(--redact "$r.csv" --before "$r.was.csv")
	[ "${r##*.}" != c ] || lc+=(--all-rows)
}

# core_sweep_keys TABLE: append to the caller's lc the customer keys of
# TABLE's rows (the spec's), each with the conditions under which it
# names a customer: in a row whose keys name live customers only, the
# sweep takes no copy of their own name for a namesake's (--own-name).
# A table reached through a link table has none: its key names a row of
# the link, not a customer.
core_sweep_keys() {
	local t=$1 k l w
	[ -n "${SPEC_KEYS[$t]:-}" ] && [ -z "${SPEC_VIA[$t]:-}" ] || return 0
	while IFS= read -r k; do
		[ -n "$k" ] || continue
		lc+=(--key "$k")
		w=${SPEC_SWHERE[$t$'\t'$k]:-${SPEC_WHERE[$t]:-}}
		while IFS= read -r l; do
			[ -n "$l" ] || continue
			lc+=(--key-where "${l%%$'\t'*}=${l#*$'\t'}")
			spec_values lc "$t" "${l%%$'\t'*}"
		done <<<"$w"
	done <<<"${SPEC_KEYS[$t]//|/$'\n'}"
}

# core_redact: merge the sweep's redacted rows (core_sweep, WORK/redact)
# into the change files: a table's change file redacted in place, then
# the redacted rows of its export, one row once; with CORE_FETCH, their
# rows as exported into CORE_EX, which the import compares them with.
# The number of rows redacted into WORK/redacted.count.  Then the leak
# check again, and a sweep of the change files that must find nothing.
core_redact() {
	local out=$CORE_WORK/changes red=$CORE_WORK/redact t n f new k=0 x
	local -a lc
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_SWEEP[$t]:-}" = yes ] && [ "$t" != "$SPEC_LOG" ] ||
		    continue
		spec_fname n "$t"
		f=$red/$n
		[ -e "$f.a.csv" ] || continue
		new=$f.new.csv
		if [ -e "$f.c.csv" ]; then
			cp -- "$f.c.csv" "$new"
		else
			head -n 1 -- "$f.a.csv" >"$new"
		fi
		for x in b a; do
			[ -e "$f.$x.csv" ] || continue
			tail -n +2 -- "$f.$x.csv" >>"$new"
			k=$((k + $(ca_count "$f.$x.was.csv")))
			[ "$x" = a ] && [ -n "${CORE_FETCH:-}" ] &&
			    ca_has_rows "$f.a.was.csv" || continue
			if [ -e "$CORE_EX/$n.csv" ]; then
				tail -n +2 -- "$f.a.was.csv" >>"$CORE_EX/$n.csv"
			else
				cp -- "$f.a.was.csv" "$CORE_EX/$n.csv"
			fi
		done
		[ ! -e "$f.c.was.csv" ] || k=$((k + $(ca_count "$f.c.was.csv")))
		if ca_has_rows "$new"; then
			mv -- "$new" "$out/$n.csv"
		fi
	done
	echo "$k" >"$CORE_WORK/redacted.count"
	[ "$k" != 0 ] || return 0
	core_leakcheck || return $?
	# What the redaction left: nothing.
	core_sweep_originals
	for t in "${SPEC_TABLES[@]}"; do
		[ "${SPEC_SWEEP[$t]:-}" = yes ] && [ "$t" != "$SPEC_LOG" ] ||
		    continue
		spec_fname n "$t"
		[ ! -e "$out/$n.csv" ] || core_sweep_table "$t" "$out/$n.csv"
	done
	CUSTANON_NAMES=$CORE_NAMES "$CA_LIBEXEC/sweep" "${lc[@]}" \
	    >"$red/left.csv" || return $?
	if ca_has_rows "$red/left.csv"; then
		ca_err "$(ca_count "$red/left.csv") mentions of anonymized" \
		    "customers survive the redaction"
		return 1
	fi
}

core_run() {
	local log rc=0 f part=0
	CORE_EX=$1 CORE_OUT=$2 CORE_WORK=$3
	log=$CORE_WORK/log.csv
	local cust=$CORE_EX/Customer.csv n

	CORE_SORTPID=
	CORE_KEEPALL=$CORE_WORK/keep-all.csv
	printf 'column,action\n*,keep\n' >"$CORE_KEEPALL"
	core_names
	if [ -z "${CORE_WALK:-}" ] && ! [ -f "$cust" ]; then
		core_name n Customer
		ca_err "$n: no Customer export"
		return 1
	fi
	core_need_tables || return $?
	core_gate || return $?
	if [ -n "${CORE_WALK:-}" ] && [ "$CORE_MODE" != manual ]; then
		core_walk "$log" || rc=$?
	else
		if [ -s "$cust" ]; then
			core_sort_start "$cust"
			# The one-customer request: the verdict before anything
			# runs.
			if [ "$CORE_MODE" = manual ]; then
				core_sorted || return $?
			fi
		fi
		core_targets "$cust" "$log" || rc=$?
	fi
	core_sorted || return $?
	if [ "$rc" = 3 ] && [ "$CORE_MODE" = manual ]; then
		if [ -s "$log" ]; then
			cp -- "$log" "$CORE_OUT/$SPEC_LOGFILE"
		fi
		return 3
	fi
	[ "$rc" = 0 ] || return "$rc"

	if ca_has_rows "$CORE_WORK/targets.csv" && [ -n "${CORE_FETCH:-}" ]
	then
		core_fetch "$log" || return $?
	fi
	rm -f -- "$CORE_WORK/survivors.count"
	if ca_has_rows "$CORE_WORK/targets.csv"; then
		# The log as the checks left it, for core_survivors.
		if [ -e "$log" ]; then
			cp -- "$log" "$CORE_WORK/log.checks"
		fi
		core_scrub "$log" || return $?
		core_leakcheck "$CORE_WORK/survivors.csv" || return $?
		if ca_has_rows "$CORE_WORK/survivors.csv"; then
			core_survivors "$log" || return $?
			part=1
		fi
		rm -f -- "$CORE_WORK/log.checks" "$CORE_WORK/survivors.csv"
	fi
	core_sweep || return $?
	# The one customer held back: refused, its log row only.
	if [ "$part" = 1 ] && [ "$CORE_MODE" = manual ]; then
		cp -- "$log" "$CORE_OUT/$SPEC_LOGFILE"
		return 3
	fi
	for f in "$CORE_WORK/changes"/*.csv; do
		[ -e "$f" ] && mv -- "$CORE_WORK/changes"/*.csv "$CORE_OUT/"
		break
	done
	if [ -s "$log" ]; then
		cp -- "$log" "$CORE_OUT/$SPEC_LOGFILE"
	fi
	[ "$part" = 0 ] || return 4
	return 0
}
