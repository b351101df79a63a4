# common.sh: what both entry points share: messages, the private work
# folder, where the programs are, option values, the summary.
#
# Sourced by pipelines/anonymize-customers and anonymize-customer after
# `set -eu -o pipefail`.  Functions return non-zero rather than exit,
# except ca_die and ca_usage.
#
# Settings it reads: CUSTANON_BIN (the programs; default ../bin beside the
# pipelines folder), TMPDIR.
# Variables it sets: CA_PROG, CA_HERE (the pipelines folder), CA_BIN,
# CA_WORK (after ca_workdir), CA_START.

CA_PROG=${0##*/}
CA_HERE=$(cd "$(dirname "$0")" && pwd)
CA_BIN=${CUSTANON_BIN:-$CA_HERE/../bin}
case $CA_BIN in /*) ;; *) CA_BIN=$PWD/$CA_BIN ;; esac
CA_WORK=
CA_CHILD=
CA_KIDS=()
CA_COMMITTED=0
CA_START=${EPOCHREALTIME//[!0-9]/}

umask 077

# ca_err MSG: "PROG: MSG" on standard error.
ca_err() {
	printf '%s: %s\n' "$CA_PROG" "$*" >&2
}

# ca_die CODE MSG: ca_err, then exit CODE.
ca_die() {
	local code=$1
	shift
	ca_err "$@"
	exit "$code"
}

# ca_usage MSG: a usage error (exit 2) with a hint.
ca_usage() {
	ca_err "$*"
	printf "Try '%s --help' for more information.\n" "$CA_PROG" >&2
	exit 2
}

# ca_progress MSG: MSG on standard error, only when it is a terminal.
# With CUSTANON_TIMES=FILE, each stage is also appended to FILE (see
# ca_mark).
ca_progress() {
	if [ -t 2 ]; then
		printf '%s: %s...\n' "$CA_PROG" "$*" >&2
	fi
	ca_mark "$*"
}

# ca_mark MSG: with CUSTANON_TIMES=FILE, append "SECONDS<TAB>MSG<TAB>
# EPOCH" to FILE: the seconds since the start, and since the epoch (for
# bench/run's stage times).
ca_mark() {
	[ -n "${CUSTANON_TIMES:-}" ] || return 0
	printf '%s\t%s\t%s\n' "$(ca_elapsed)" "$*" "$EPOCHREALTIME" \
	    >>"$CUSTANON_TIMES" || true
}

# ca_status RC: the exit status to report for a stage: 0, 1, 2 and 3
# pass, anything else (a signal, a crash) is 1.
ca_status() {
	case $1 in
	0 | 1 | 2 | 3) return "$1" ;;
	*) return 1 ;;
	esac
}

# ca_kids_stop: stop the long-lived helpers in CA_KIDS (a database
# session holding its snapshot, an export beside it) and wait for them.
ca_kids_stop() {
	local pid
	for pid in ${CA_KIDS[@]+"${CA_KIDS[@]}"}; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in ${CA_KIDS[@]+"${CA_KIDS[@]}"}; do
		wait "$pid" 2>/dev/null || true
	done
	CA_KIDS=()
}

# ca_kid_done PID: PID has ended; take it off CA_KIDS.
ca_kid_done() {
	local pid left=()
	for pid in ${CA_KIDS[@]+"${CA_KIDS[@]}"}; do
		[ "$pid" = "$1" ] || left+=("$pid")
	done
	CA_KIDS=(${left[@]+"${left[@]}"})
}

# The export's session (lib/sqlite.sh, lib/pg.sh): a database client
# fed its commands step by step on a pipe, so that one transaction spans
# the steps; each step ends by printing the line CA_SESS_MARK.
CA_SESS_PID= CA_SESS_IN= CA_SESS_OUT=
CA_SESS_MARK=__custanon_step_done__

# ca_session CMD...: start CMD as the session (one at a time), its
# standard error into WORK/session.err.
ca_session() {
	coproc CA_SESSION { exec "$@" 2>"$CA_WORK/session.err"; }
	CA_SESS_PID=$CA_SESSION_PID
	CA_KIDS+=("$CA_SESS_PID")
	exec {CA_SESS_IN}>&"${CA_SESSION[1]}" {CA_SESS_OUT}<&"${CA_SESSION[0]}"
}

# ca_session_send TEXT: write the lines TEXT to the session (one that has
# ended: status 1, not SIGPIPE).
ca_session_send() {
	(trap '' PIPE; printf '%s\n' "$1" >&"$CA_SESS_IN") 2>/dev/null
}

# ca_session_step TEXT: send the commands TEXT, which end by printing
# CA_SESS_MARK, and wait for the mark; 1 when the session ended first.
ca_session_step() {
	local line
	ca_session_send "$1" || return 1
	while IFS= read -r -u "$CA_SESS_OUT" line; do
		[ "$line" != "$CA_SESS_MARK" ] || return 0
	done
	return 1
}

# ca_session_end TEXT: send the closing commands TEXT, then wait for the
# session to end; its status.
ca_session_end() {
	local pid=$CA_SESS_PID rc=0
	[ -n "$pid" ] || return 0
	ca_session_send "$1" || true
	exec {CA_SESS_IN}>&- {CA_SESS_OUT}<&-
	wait "$pid" 2>/dev/null || rc=$?
	ca_kid_done "$pid"
	CA_SESS_PID=
	return "$rc"
}

# ca_session_with STEP SCRIPT BESIDE CMD...: run the session step "STEP
# SCRIPT" and, when BESIDE is not empty, CMD with standard input from file
# BESIDE at the same time (its standard error into WORK/beside.N.err);
# 0 when both succeeded.
CA_NBESIDE=0
ca_session_with() {
	local step=$1 script=$2 beside=$3 pid= ok=1
	shift 3
	if [ -n "$beside" ]; then
		CA_NBESIDE=$((CA_NBESIDE + 1))
		"$@" <"$beside" 2>"$CA_WORK/beside.$CA_NBESIDE.err" &
		pid=$!
		CA_KIDS+=("$pid")
	fi
	"$step" "$script" || ok=0
	if [ -n "$pid" ]; then
		wait "$pid" || ok=0
		ca_kid_done "$pid"
	fi
	[ "$ok" = 1 ]
}

# ca_session_fail CLIENT LABEL WHAT: say that WHAT failed on LABEL, after
# the messages of the session and of the exports beside it
# (WORK/beside.*.err), each line headed "CLIENT: ".
ca_session_fail() {
	local f
	for f in "$CA_WORK/session.err" "$CA_WORK"/beside.*.err; do
		[ -s "$f" ] && sed "s/^/$1: /" -- "$f" >&2
	done
	ca_err "$2: $3 failed"
	return 1
}

# ca_cleanup: stop the helpers, remove the work folder (it may hold
# personal data).
ca_cleanup() {
	ca_kids_stop
	if [ -n "$CA_WORK" ] && [ -d "$CA_WORK" ]; then
		rm -rf -- "$CA_WORK"
	fi
	CA_WORK=
}

# ca_signal NAME CODE: stop the running child, clean up, exit CODE.
ca_signal() {
	trap - EXIT INT TERM HUP
	if [ -n "$CA_CHILD" ]; then
		kill -TERM "$CA_CHILD" 2>/dev/null || true
		wait "$CA_CHILD" 2>/dev/null || true
	fi
	ca_kids_stop
	ca_cleanup
	if [ "$CA_COMMITTED" = 1 ]; then
		ca_err "interrupted by SIG$1 after the import was committed"
	else
		ca_err "interrupted by SIG$1: nothing changed"
	fi
	exit "$2"
}

# ca_workdir: create the private work folder CA_WORK (mode 0700), removed
# on exit and on INT, TERM and HUP.
ca_workdir() {
	CA_WORK=$(mktemp -d "${TMPDIR:-/tmp}/custanon.XXXXXXXX") ||
	    ca_die 1 "cannot create a temporary folder"
	chmod 700 "$CA_WORK"
	CA_WORK=$(cd "$CA_WORK" && pwd)
	trap ca_cleanup EXIT
	trap 'ca_signal INT 130' INT
	trap 'ca_signal TERM 143' TERM
	trap 'ca_signal HUP 129' HUP
}

# ca_run_in FILE CMD...: run CMD with standard input from FILE in the
# background and wait for it, so that a signal reaches the handler (which
# stops CMD) at once.
ca_run_in() {
	local rc=0 in=$1
	shift
	"$@" <"$in" &
	CA_CHILD=$!
	wait "$CA_CHILD" || rc=$?
	CA_CHILD=
	return "$rc"
}

# ca_need_programs: check that the programs the pipelines run exist.
ca_need_programs() {
	local p
	for p in select-eligible check-period check-open-docs scrub stamp \
	    leakcheck csvget; do
		[ -x "$CA_BIN/$p" ] || ca_die 2 "$CA_BIN/$p: program not found" \
		    "(build with make, or set CUSTANON_BIN)"
	done
}

# ca_split LINE: split a tab-separated csvget line into the array CA_F
# (empty fields kept).
ca_split() {
	local s=$1
	CA_F=()
	while :; do
		case $s in
		*$'\t'*)
			CA_F+=("${s%%$'\t'*}")
			s=${s#*$'\t'}
			;;
		*)
			CA_F+=("$s")
			return 0
			;;
		esac
	done
}

# ca_count FILE: the number of rows of CSV FILE (0 when absent or empty).
ca_count() {
	if [ -s "$1" ]; then
		"$CA_BIN/csvget" --count "$1"
	else
		echo 0
	fi
}

# ca_has_rows FILE: FILE, a CSV file the filters wrote, holds a row
# beyond its header: it has a second line (the filters never write an
# empty line, and column names hold no line break).
ca_has_rows() {
	local l
	[ -s "$1" ] && { IFS= read -r l && IFS= read -r l; } <"$1"
}

# ca_now: the moment of the run, ISO 8601 UTC.
ca_now() {
	date -u +%Y-%m-%dT%H:%M:%SZ
}

# ca_elapsed: seconds since the start, two decimals.
ca_elapsed() {
	local us=$(( ${EPOCHREALTIME//[!0-9]/} - CA_START ))
	printf '%d.%02d' $((us / 1000000)) $((us % 1000000 / 10000))
}

# ca_summary LOG CANDIDATES MODE [AFTER]: print the run's summary from its
# log (CSV, possibly absent): candidates, anonymized, held back by reason,
# candidates not attempted, the time taken.  MODE is run, dry (first one
# line per customer saying what would happen) or one (first the one
# customer's outcome).  AFTER, when the file exists, holds the No. after
# which a walk stopped at the cap (core.sh): the customers after it were
# not examined, so the candidates not attempted are not counted.
ca_summary() {
	local log=$1 ncand=$2 mode=$3 after=${4:-} dry=0 line no status reason r rest
	local nanon=0 nheld=0 nlog=0 i
	local -a rnames=() rcounts=() lines=()

	[ "$mode" != dry ] || dry=1
	if [ -s "$log" ]; then
		while IFS= read -r line; do
			ca_split "$line"
			no=${CA_F[0]} status=${CA_F[1]} reason=${CA_F[2]}
			nlog=$((nlog + 1))
			if [ "$status" = Anonymized ]; then
				nanon=$((nanon + 1))
				case $mode in
				dry) lines+=("$no"$'\t'"would anonymize $no") ;;
				one) lines+=("$no"$'\t'"anonymized $no") ;;
				esac
				continue
			fi
			nheld=$((nheld + 1))
			case $mode in
			dry) lines+=("$no"$'\t'"would hold back $no: $reason") ;;
			one) lines+=("$no"$'\t'"refused $no: $reason") ;;
			esac
			rest=$reason
			while [ -n "$rest" ]; do
				r=${rest%%; *}
				if [ "$r" = "$rest" ]; then
					rest=
				else
					rest=${rest#*; }
				fi
				for i in "${!rnames[@]}"; do
					if [ "${rnames[$i]}" = "$r" ]; then
						rcounts[$i]=$((rcounts[$i] + 1))
						continue 2
					fi
				done
				rnames+=("$r")
				rcounts+=(1)
			done
		done < <("$CA_BIN/csvget" --printable "$log" 'Customer No.' \
		    Status Reason)
	fi
	# One line per customer, in No. order.
	if [ "${#lines[@]}" -gt 0 ]; then
		printf '%s\n' "${lines[@]}" | LC_ALL=C sort -t $'\t' -k 1,1 |
		    cut -f 2-
	fi
	[ "$ncand" -ge "$nlog" ] || ncand=$nlog
	printf 'candidates: %d\n' "$ncand"
	if [ "$dry" = 1 ]; then
		printf 'would anonymize: %d\n' "$nanon"
	else
		printf 'anonymized: %d\n' "$nanon"
	fi
	printf 'held back: %d\n' "$nheld"
	for i in "${!rnames[@]}"; do
		printf '  %s: %d\n' "${rnames[$i]}" "${rcounts[$i]}"
	done
	if [ -n "$after" ] && [ -e "$after" ]; then
		no=$(cat -- "$after")
		if [ -n "$no" ]; then
			printf 'not examined (limit reached): the customers after %s\n' "$no"
		else
			printf 'not examined (limit reached): every customer\n'
		fi
	elif [ "$ncand" -gt "$nlog" ]; then
		printf 'not attempted (limit reached): %d\n' $((ncand - nlog))
	fi
	printf 'time taken: %s s\n' "$(ca_elapsed)"
}

# ca_exports_dir SRC: make CA_WORK/exports a view of the export folder
# SRC (links to its files, never written through), with Customer.csv
# sorted by No. when SRC's is not: through the strict reader (csvget
# --sort-lines, sort(1) spilling into the work folder, csvget
# --from-lines), so that a malformed file is the same data error sorted
# or not.
ca_exports_dir() {
	local src=$1 f ex=$CA_WORK/exports
	if ! [ -d "$src" ]; then
		ca_err "$src: no such folder"
		return 1
	fi
	src=$(cd "$src" && pwd)
	mkdir -m 700 "$ex"
	for f in "$src"/*.csv; do
		[ -e "$f" ] || continue
		ln -s -- "$f" "$ex/${f##*/}"
	done
	if [ -s "$ex/Customer.csv" ] &&
	    [ "$("$CA_BIN/csvget" --is-sorted 'No.' "$ex/Customer.csv")" = no ]
	then
		ca_progress "sorting Customer.csv by No."
		rm -f -- "$ex/Customer.csv"
		"$CA_BIN/csvget" --sort-lines 'No.' "$src/Customer.csv" |
		    LC_ALL=C sort -s -t $'\t' -k 1,1 -T "$CA_WORK" |
		    "$CA_BIN/csvget" --from-lines - >"$ex/Customer.csv" ||
		    return 1
	fi
}

# ca_check_out OUT: OUT can receive the changes: absent (its parent
# exists) or an empty folder.
ca_check_out() {
	local out=$1
	if [ -e "$out" ] || [ -L "$out" ]; then
		[ -d "$out" ] || ca_usage "--out $out: not a folder"
		[ -z "$(ls -A -- "$out")" ] ||
		    ca_usage "--out $out: folder not empty"
	else
		[ -d "$(dirname -- "$out")" ] ||
		    ca_usage "--out $out: no parent folder"
	fi
}

# ca_deliver CHANGES OUT: move the change files into OUT (mode 0700).
ca_deliver() {
	local from=$1 out=$2 f
	if [ -d "$out" ]; then
		chmod 700 "$out"
	else
		mkdir -m 700 -- "$out"
	fi
	for f in "$from"/*.csv; do
		[ -e "$f" ] && mv -- "$from"/*.csv "$out/"
		break
	done
}
