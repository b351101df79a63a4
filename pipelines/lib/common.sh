# common.sh: what both entry points share: messages, the private work
# folder, where the programs are, option values, the summary.
#
# Sourced by pipelines/anonymize-customers and anonymize-customer after
# `set -eu -o pipefail`.  Functions return non-zero rather than exit,
# except ca_die and ca_usage.
#
# Settings it reads: CUSTANON_BIN (the programs; default ../bin beside the
# pipelines folder), CUSTANON_LIBEXEC (the pipelines' own programs),
# XDG_RUNTIME_DIR, TMPDIR, and for the tests only CUSTANON_TEST_PAUSE and
# CUSTANON_TEST_PAUSE_DIR (see ca_pause).
# Variables it sets: CA_PROG, CA_HERE (the pipelines folder), CA_BIN,
# CA_LIBEXEC,
# CA_WORK (after ca_workdir), CA_START.
#
# Failing closed.  The job's point of no return is the COMMIT of the
# import (--db, --pg) or the rename of the change set to --out (--dir):
# before it a signal stops the job and nothing changed; after it a signal
# only makes the job say so, and it ends with its summary (CA_PHASE,
# CA_COMMITTED, ca_signal).  Whether the COMMIT happened is known for
# sure: the import's client runs immune to INT, TERM and HUP, and its
# script ends in a gate (ca_import_run) that it and the signal handler
# race for with mkdir: the client sends COMMIT only when it won, the
# handler kills the client only when it won.  Work folders are private
# (ca_workbase), locked for the job's life and swept when their job is
# gone (ca_sweep); --out and a SQLite database are locked (ca_lock).

CA_PROG=${0##*/}
CA_HERE=$(cd "$(dirname "$0")" && pwd)
CA_BIN=${CUSTANON_BIN:-$CA_HERE/../bin}
case $CA_BIN in /*) ;; *) CA_BIN=$PWD/$CA_BIN ;; esac
# The pipelines' own programs (csvget, leakcheck, jobspec): installed off
# the PATH in libexec beside the pipelines; in the source tree (and
# wherever CUSTANON_BIN names the programs) with the filters.
if [ -n "${CUSTANON_LIBEXEC:-}" ]; then
	CA_LIBEXEC=$CUSTANON_LIBEXEC
elif [ -z "${CUSTANON_BIN:-}" ] && [ -d "$CA_HERE/../libexec" ]; then
	CA_LIBEXEC=$CA_HERE/../libexec
else
	CA_LIBEXEC=$CA_BIN
fi
case $CA_LIBEXEC in /*) ;; *) CA_LIBEXEC=$PWD/$CA_LIBEXEC ;; esac
CA_WORK=
CA_CHILD=
CA_KIDS=()
CA_COMMITTED=0
CA_PHASE=
CA_NSIG=0
CA_LATE_SIG=
CA_LATE_CODE=
CA_BASE=
CA_OUTTMP=
CA_LOCKS=()
CA_START=${EPOCHREALTIME//[!0-9]/}
# The names the programs give their inputs in messages are the job's
# (lib/core.sh, core_names), never the caller's.
unset CUSTANON_NAMES

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
# personal data) and a change set not delivered, release the locks; say
# so when a signal came after the point of no return.
ca_cleanup() {
	local l
	ca_kids_stop
	if [ -n "$CA_WORK" ] && [ -d "$CA_WORK" ]; then
		rm -rf -- "$CA_WORK"
	fi
	CA_WORK=
	if [ -n "$CA_OUTTMP" ] && [ -d "$CA_OUTTMP" ]; then
		rm -rf -- "$CA_OUTTMP"
	fi
	CA_OUTTMP=
	# A lock file goes while it is held: a job that opened it meanwhile
	# finds, once it holds the lock, that the name is no longer its file.
	for l in ${CA_LOCKS[@]+"${CA_LOCKS[@]}"}; do
		rm -f -- "$l"
	done
	CA_LOCKS=()
	if [ -n "$CA_LATE_SIG" ]; then
		ca_err "SIG$CA_LATE_SIG came after the changes were made: the run finished"
		CA_LATE_SIG=
	fi
}

# ca_signal NAME CODE: the handler of INT, TERM and HUP.  Before the
# point of no return: stop the running child, clean up, exit CODE
# ("nothing changed").  After it, or while the import's client commits:
# note the signal (CA_LATE_SIG, said at the end) and let the job finish.
ca_signal() {
	CA_NSIG=$((CA_NSIG + 1))
	case $CA_PHASE in
	import)
		# The gate: whoever makes the folder first decides.
		if ! mkdir -- "$CA_WORK/gate.claim" 2>/dev/null; then
			CA_LATE_SIG=$1 CA_LATE_CODE=$2
			return 0
		fi
		;;
	deliver)
		# The rename is atomic: the private folder gone means
		# delivered.
		if [ -n "$CA_OUTTMP" ] && ! [ -e "$CA_OUTTMP" ]; then
			CA_COMMITTED=1
		fi
		;;
	esac
	if [ "$CA_COMMITTED" = 1 ]; then
		CA_LATE_SIG=$1
		return 0
	fi
	trap - EXIT INT TERM HUP
	if [ -n "$CA_CHILD" ]; then
		# The import's client ignores TERM.
		kill -TERM "$CA_CHILD" 2>/dev/null || true
		[ "$CA_PHASE" != import ] || kill -KILL "$CA_CHILD" 2>/dev/null || true
		wait "$CA_CHILD" 2>/dev/null || true
	fi
	ca_kids_stop
	ca_cleanup
	ca_err "interrupted by SIG$1: nothing changed"
	exit "$2"
}

# ca_pause NAME: for the tests only, a pause point: when NAME is among
# the comma-separated names of CUSTANON_TEST_PAUSE, create the file NAME
# in the folder CUSTANON_TEST_PAUSE_DIR and wait (at most 60 s) for
# NAME.go there.  The moments: gate (the import's client at its gate,
# before the claim), commit (it won the claim, before its COMMIT),
# committed (the import returned), deliver (the change set complete
# beside --out, before the rename), delivered (after it).
ca_pause() {
	local i=0
	case ,${CUSTANON_TEST_PAUSE:-}, in
	*,"$1",*) ;;
	*) return 0 ;;
	esac
	: >"${CUSTANON_TEST_PAUSE_DIR:-.}/$1"
	while ! [ -e "${CUSTANON_TEST_PAUSE_DIR:-.}/$1.go" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# ca_workbase: CA_BASE, the folder of the work folders:
# $XDG_RUNTIME_DIR/custanon when XDG_RUNTIME_DIR is set, else
# ${TMPDIR:-/tmp}/custanon-UID; created mode 0700, refused (exit 2)
# unless a folder (not a link) of this user's, mode 0700.
ca_workbase() {
	local base v
	for v in TMPDIR XDG_RUNTIME_DIR; do
		case ${!v-} in
		*[[:cntrl:]]*) ca_die 2 "$v holds a control character: refused" ;;
		esac
	done
	if [ -n "${XDG_RUNTIME_DIR:-}" ]; then
		base=$XDG_RUNTIME_DIR/custanon
	else
		base=${TMPDIR:-/tmp}/custanon-$(id -u)
	fi
	case $base in /*) ;; *) base=$PWD/$base ;; esac
	mkdir -m 700 -- "$base" 2>/dev/null || true
	if [ -L "$base" ] || ! [ -d "$base" ] || ! [ -O "$base" ] ||
	    [ "$(stat -c %a -- "$base")" != 700 ]; then
		ca_die 2 "$base: not a folder of mode 0700 owned by this user: refused"
	fi
	CA_BASE=$base
}

# ca_sweep: remove the work folders in CA_BASE whose job is gone: its
# lock (the file lock in the folder, which the job and its programs hold
# until they end) can be taken, or it has none (its job died making it).
# The caller holds CA_BASE/.lock, so no folder is being made meanwhile.
ca_sweep() {
	local d fd
	for d in "$CA_BASE"/job.*; do
		[ -d "$d" ] && ! [ -L "$d" ] || continue
		if [ -e "$d/lock" ]; then
			exec {fd}<"$d/lock" || continue
			if ! flock -n "$fd"; then
				exec {fd}<&-
				continue
			fi
			exec {fd}<&-
		fi
		rm -rf -- "$d"
		ca_err "removed the work folder of a job that ended without cleaning up: $d"
	done
}

# ca_workdir: sweep the stale work folders, then create the private work
# folder CA_WORK (mode 0700) in CA_BASE, locked for the job's life and
# marked with it (WORK/job: process, program, start), removed on exit
# and on INT, TERM and HUP.
CA_WORK_FD=
ca_workdir() {
	local bfd
	ca_workbase
	trap ca_cleanup EXIT
	trap 'ca_signal INT 130' INT
	trap 'ca_signal TERM 143' TERM
	trap 'ca_signal HUP 129' HUP
	exec {bfd}>>"$CA_BASE/.lock" && flock "$bfd" ||
	    ca_die 1 "$CA_BASE/.lock: cannot lock"
	ca_sweep
	CA_WORK=$(mktemp -d "$CA_BASE/job.XXXXXXXX") ||
	    ca_die 1 "cannot create a temporary folder"
	chmod 700 "$CA_WORK"
	exec {CA_WORK_FD}>"$CA_WORK/lock" && flock -n "$CA_WORK_FD" ||
	    ca_die 1 "$CA_WORK/lock: cannot lock"
	printf 'pid %s\nprogram %s\nstarted %s\n' "$$" "$CA_PROG" \
	    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$CA_WORK/job"
	exec {bfd}>&-
}

# ca_lock FILE WHAT: hold an exclusive lock on FILE (created when
# missing, never through a symbolic link) until the job ends; when
# another job holds it, exit 1 saying WHAT is in use.  The file is
# removed at the end (ca_cleanup).
ca_lock() {
	local f=$1 fd
	while :; do
		[ ! -L "$f" ] || ca_die 1 "$f: a symbolic link: refused"
		exec {fd}>>"$f" || ca_die 1 "$f: cannot create the lock file"
		flock -n "$fd" || ca_die 1 "$2 is in use by another job" \
		    "(it holds $f): nothing changed"
		# Still the file of that name (its last holder removes it)?
		[ "$(stat -L -c %d:%i -- "/dev/fd/$fd")" != \
		    "$(stat -c %d:%i -- "$f" 2>/dev/null)" ] || break
		exec {fd}>&-
	done
	CA_LOCKS+=("$f")
}

# ca_lock_db FILE: lock the SQLite database FILE against a second job:
# the lock file FILE.custanon-lock beside it (the real path).
ca_lock_db() {
	local f
	f=$(realpath -e -- "$1" 2>/dev/null) || return 0
	ca_lock "$f.custanon-lock" "$1"
}

# ca_lock_pg: lock the PostgreSQL database of pg.sh's pg_start against a
# second job: custanon's session advisory lock (pg_try_advisory_lock,
# per database), held by a psql connected until the job ends (in
# CA_KIDS; the server drops it when that session ends, however the job
# ends); exit 1 when another job holds it.
ca_lock_pg() {
	local in=$CA_WORK/pglock.in out=$CA_WORK/pglock.out fd line
	mkfifo -m 600 -- "$in" "$out"
	# psql itself, not a subshell running it, so that ca_kids_stop
	# ends the session.
	(exec env PGCLIENTENCODING=UTF8 PGAPPNAME="${PGAPPNAME:-custanon}" \
	    psql "${PG_ARGS[@]}" -A -t) <"$in" >"$out" 2>"$CA_WORK/pglock.err" &
	CA_KIDS+=("$!")
	exec {CA_PGLOCK}>"$in" {fd}<"$out"
	printf '%s\n' 'SELECT pg_catalog.pg_try_advisory_lock(1668641652, 1);' \
	    >&"$CA_PGLOCK"
	IFS= read -r -u "$fd" line || line=
	exec {fd}<&-
	case $line in
	t) ;;
	f) ca_die 1 "$PG_LABEL is in use by another job (it holds custanon's advisory lock): nothing changed" ;;
	*)
		sed 's/^/psql: /' -- "$CA_WORK/pglock.err" >&2
		ca_die 1 "$PG_LABEL: cannot take custanon's advisory lock"
		;;
	esac
}

# ca_import_run KIND SCRIPT CMD...: run the import: CMD, the database
# client (KIND sqlite or psql), reading the SQL SCRIPT, which ends in
# COMMIT.  The COMMIT is replaced by the gate: a command (WORK/gate) whose
# output the client runs, which prints COMMIT only when it makes the
# folder WORK/gate.claim first; ca_signal tries the same before it stops
# the client.  The client ignores INT, TERM and HUP, so a signal to the
# process group cannot cut a COMMIT short.  0 (and CA_COMMITTED=1) when
# the client claimed the gate and ended with status 0: committed.
ca_import_run() {
	local kind=$1 script=$2 rc n gate=$CA_WORK/gate
	shift 2
	if [ "$(tail -n 1 -- "$script")" != 'COMMIT;' ]; then
		ca_err "$script: the import does not end in COMMIT"
		return 1
	fi
	sed -i '$d' -- "$script"
	case $kind in
	sqlite)
		printf '%s\n' ".read '|\"\$CUSTANON_GATE\"'" >>"$script"
		;;
	psql)
		printf '%s\n' '\set custanon_end `"$CUSTANON_GATE"` \\ :custanon_end' \
		    >>"$script"
		;;
	esac
	{
		printf '#!%s\n' "$BASH"
		printf '# The commit gate (pipelines/lib/common.sh: ca_import_run).\n'
		declare -f ca_pause
		printf 'ca_pause gate\n'
		printf 'mkdir -- %q 2>/dev/null || exit 0\n' "$CA_WORK/gate.claim"
		printf 'ca_pause commit\n'
		printf "echo 'COMMIT;'\n"
	} >"$gate"
	chmod 700 "$gate"
	CA_PHASE=import
	(
		trap '' INT TERM HUP
		CUSTANON_GATE=$gate
		export CUSTANON_GATE
		exec "$@"
	) <"$script" &
	CA_CHILD=$!
	while :; do
		n=$CA_NSIG rc=0
		wait "$CA_CHILD" || rc=$?
		[ "$n" != "$CA_NSIG" ] || break
	done
	CA_CHILD=
	if [ "$rc" = 0 ] && [ -d "$CA_WORK/gate.claim" ]; then
		CA_COMMITTED=1
		CA_PHASE=
		ca_pause committed
		return 0
	fi
	CA_PHASE=
	if [ -n "$CA_LATE_SIG" ]; then
		# A signal came while the client committed, and the COMMIT
		# failed: an interruption like any other.
		set -- "$CA_LATE_SIG" "$CA_LATE_CODE"
		CA_LATE_SIG=
		ca_signal "$@"
	fi
	[ "$rc" != 0 ] || rc=1
	return "$rc"
}

# ca_need_programs: check that the programs the pipelines run exist.
ca_need_programs() {
	local p
	for p in select-eligible check-period check-open-docs scrub stamp; do
		[ -x "$CA_BIN/$p" ] || ca_die 2 "$CA_BIN/$p: program not found" \
		    "(build with make, or set CUSTANON_BIN)"
	done
	for p in classify leakcheck csvget jobspec linkpairs; do
		[ -x "$CA_LIBEXEC/$p" ] ||
		    ca_die 2 "$CA_LIBEXEC/$p: program not found" \
		    "(build with make, or set CUSTANON_BIN)"
	done
}

# ca_version: the release, as the programs report it (lib/version.h).
ca_version() {
	local v
	v=$("$CA_LIBEXEC/jobspec" --version) || return 1
	printf '%s\n' "${v##* }"
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
		"$CA_LIBEXEC/csvget" --count "$1"
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
# log (CSV, possibly absent): candidates, anonymized, held back by reason
# (the leak check's reasons, one per table and column, as one: "personal
# data would survive", once a customer),
# candidates not attempted, the time taken.  MODE is run, dry (first one
# line per customer saying what would happen) or one (first the one
# customer's outcome).  AFTER, when the file exists, holds the No. after
# which a walk stopped at the cap (core.sh): the customers after it were
# not examined, so the candidates not attempted are not counted.
ca_summary() {
	local log=$1 ncand=$2 mode=$3 after=${4:-} dry=0 line no status reason r rest
	local nanon=0 nheld=0 nlog=0 i
	local -a rnames=() rcounts=() lines=()
	local -A mine

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
			mine=()
			while [ -n "$rest" ]; do
				r=${rest%%; *}
				if [ "$r" = "$rest" ]; then
					rest=
				else
					rest=${rest#*; }
				fi
				# The leak check's reasons, one per table and
				# column (core.sh, core_survivors), count as
				# one, once a customer.
				case $r in
				'personal data would survive in '*)
					r='personal data would survive'
					;;
				esac
				[ -z "${mine[$r]:-}" ] || continue
				mine[$r]=1
				for i in "${!rnames[@]}"; do
					if [ "${rnames[$i]}" = "$r" ]; then
						rcounts[$i]=$((rcounts[$i] + 1))
						continue 2
					fi
				done
				rnames+=("$r")
				rcounts+=(1)
			done
		done < <("$CA_LIBEXEC/csvget" --printable "$log" 'Customer No.' \
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
	# The rows a link step kept, shared with a live relation (core.sh).
	[ ! -s "$CA_WORK/kept" ] || cat -- "$CA_WORK/kept"
	# The sweep (--sweep; core.sh, core_sweep).
	if [ -s "$CA_WORK/mentions.count" ]; then
		read -r i <"$CA_WORK/mentions.count"
		printf 'residual mentions: %s\n' "$i"
		if [ -s "$CA_WORK/redacted.count" ]; then
			read -r i <"$CA_WORK/redacted.count"
			printf '  rows redacted: %s\n' "$i"
		fi
		if [ -s "$CA_WORK/unswept" ]; then
			printf 'not swept (not in the export):\n'
			sed 's/^/  /' -- "$CA_WORK/unswept"
		fi
	fi
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
	# The checks whose tables the company lacks (--without; core.sh).
	if [ -s "$CA_WORK/skipped" ]; then
		printf 'checks not run (--without):\n'
		sed 's/^/  /' -- "$CA_WORK/skipped"
	fi
	printf 'time taken: %s s\n' "$(ca_elapsed)"
}

# ca_show_dir DIR: folder DIR as messages name it: as given, without
# trailing slashes ("/" stays).
ca_show_dir() {
	local d=$1
	while [ "${#d}" -gt 1 ] && [ "${d%/}" != "$d" ]; do
		d=${d%/}
	done
	printf '%s\n' "$d"
}

# ca_exports_dir SRC: make CA_WORK/exports a view of the export folder
# SRC (links to its files, never written through), with Customer.csv
# sorted by No. when SRC's is not: through the strict reader (csvget
# --sort-lines, sort(1) spilling into the work folder, csvget
# --from-lines), so that a malformed file is the same data error sorted
# or not.  The user's files are read by the names the user gave them, so
# that messages name them so.
ca_exports_dir() {
	local src=$1 abs f ex=$CA_WORK/exports cust st=0 sorted
	if ! [ -d "$src" ]; then
		ca_err "$src: no such folder"
		return 1
	fi
	abs=$(cd "$src" && pwd)
	cust=$(ca_show_dir "$src")
	[ "$cust" = / ] || cust+=/
	cust+=Customer.csv
	mkdir -m 700 "$ex"
	for f in "$abs"/*.csv; do
		# A link to nothing too: the core says it is no table.
		[ -e "$f" ] || [ -L "$f" ] || continue
		ln -s -- "$f" "$ex/${f##*/}"
	done
	[ -s "$ex/Customer.csv" ] || return 0
	sorted=$("$CA_LIBEXEC/csvget" --is-sorted 'No.' "$cust") || st=$?
	[ "$st" = 0 ] || return 1
	[ "$sorted" = no ] || return 0
	ca_progress "sorting Customer.csv by No."
	rm -f -- "$ex/Customer.csv"
	"$CA_LIBEXEC/csvget" --sort-lines 'No.' "$cust" |
	    LC_ALL=C sort -s -t $'\t' -k 1,1 -T "$CA_WORK" |
	    "$CA_LIBEXEC/csvget" --from-lines - >"$ex/Customer.csv" ||
	    return 1
}

# ca_check_out OUT: OUT can receive the changes: it does not exist (not
# even as a symbolic link) and its parent folder does.
ca_check_out() {
	local out=$1
	if [ -e "$out" ] || [ -L "$out" ]; then
		ca_usage "--out $out: exists (give a new name: the job creates it)"
	fi
	[ -d "$(dirname -- "$out")" ] ||
	    ca_usage "--out $out: no parent folder"
}

# ca_out_begin OUT: hold OUT's name for the run (the lock file
# OUT.custanon-lock; a second job on it exits 1), check again that OUT
# does not exist, remove the private folders a job on OUT killed before
# it could (SIGKILL) left beside it, and create the private folder
# CA_OUTTMP beside it (mode 0700) that ca_deliver renames to OUT.
ca_out_begin() {
	local out dir base d
	out=$(ca_show_dir "$1")
	dir=$(dirname -- "$out") base=$(basename -- "$out")
	ca_lock "$out.custanon-lock" "--out $1"
	if [ -e "$out" ] || [ -L "$out" ]; then
		ca_die 2 "--out $1: exists (give a new name: the job creates it)"
	fi
	# Under the lock, no other job is using them.
	for d in "$dir/.$base.custanon."????????; do
		[ -d "$d" ] && ! [ -L "$d" ] && [ -O "$d" ] &&
		    [ "$(stat -c %a -- "$d")" = 700 ] || continue
		rm -rf -- "$d"
		ca_err "removed the unfinished change set of a job on --out" \
		    "$1 that ended without cleaning up: $d"
	done
	CA_OUTTMP=$(mktemp -d -- "$dir/.$base.custanon.XXXXXXXX") ||
	    ca_die 1 "--out $1: cannot create a folder beside it"
	chmod 700 -- "$CA_OUTTMP"
}

# ca_deliver CHANGES OUT: move the change files into the private folder
# beside OUT, then rename it to OUT: the point of no return of --dir.
# The rename fails when OUT exists (even as a symbolic link, never
# followed), so OUT holds a whole change set or none.
ca_deliver() {
	local from=$1 out f
	out=$(ca_show_dir "$2")
	for f in "$from"/*.csv; do
		[ -e "$f" ] && mv -- "$from"/*.csv "$CA_OUTTMP/"
		break
	done
	ca_pause deliver
	CA_PHASE=deliver
	if ! "$CA_LIBEXEC/csvget" --rename "$CA_OUTTMP" "$out"; then
		CA_PHASE=
		ca_die 1 "--out $2: not delivered: nothing changed"
	fi
	CA_COMMITTED=1 CA_PHASE= CA_OUTTMP=
	ca_pause delivered
}
