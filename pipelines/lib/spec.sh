# spec.sh: the job spec (rules/tables.csv, rules/checks.csv, rules/VERSION;
# see rules/README.md), read once through jobspec into the lists every
# other part of the pipelines derives from.  No table but Customer, the
# two setup tables and the log is named in the shell: everything else
# comes from here.
#
# spec_load DIR [SHIPPED]: check the spec in DIR (against the shipped one
# in SHIPPED: an older spec is refused) and read its plan.  A bad spec is
# a configuration error: jobspec says what is wrong, and spec_load
# returns 2.  Sets:
#   SPEC_TABLES   the tables, in the spec's order
#   SPEC_DEC      table -> decision (customer, scrubbed, link, checked,
#                 setup, log, not applicable)
#   SPEC_PK       table -> primary key columns, joined by "|"
#   SPEC_KEYS     table -> customer key columns of all its rows, "|"
#   SPEC_VIA      table -> the link table its rows are reached through
#   SPEC_VIAKEY   table -> the link table's column naming its rows
#   SPEC_STEPS    table -> its link steps (reached through a link in
#                 steps, libexec/linkpairs), "NAME<TAB>VALUE" a line
#   SPEC_READS    table -> the columns the checks and the job read ("*":
#                 all; empty: none)
#   SPEC_CKEYS    table -> the keys its checks look customers up by, "|"
#   SPEC_NUM      table -> its columns of numbers and dates (types.csv),
#                 "|" (the leak check's --number)
#   SPEC_CODE     table -> its columns of codes (types.csv), "|" (--code)
#   SPEC_SIDES    "TABLE<TAB>KEY<TAB>RULES" for each row with a rules file
#   SPEC_WHERE    table -> its conditions, "COLUMN<TAB>FILTER" a line
#   SPEC_CHECKS   "N<TAB>TABLE<TAB>KIND<TAB>KEYS<TAB>SELF<TAB>DATE<TAB>
#                 REASON" for each check
#   SPEC_CWHERE   N -> its conditions, "COLUMN<TAB>FILTER<TAB>OPTIONAL" a
#                 line (OPTIONAL 1: skipped when the table lacks COLUMN)
#   SPEC_LOG      the log table; SPEC_LOGFILE its file name

SPEC_TABLES=() SPEC_SIDES=() SPEC_CHECKS=()
declare -A SPEC_DEC=() SPEC_PK=() SPEC_KEYS=() SPEC_VIA=() SPEC_VIAKEY=()
declare -A SPEC_READS=() SPEC_CKEYS=() SPEC_WHERE=() SPEC_CWHERE=()
declare -A SPEC_STEPS=() SPEC_NUM=() SPEC_CODE=()
SPEC_LOG=

spec_load() {
	local dir=$1 shipped=${2:-} line t rc=0
	local -a args=()
	[ -z "$shipped" ] || args=(--shipped "$shipped")
	"$CA_LIBEXEC/jobspec" "${args[@]}" -- "$dir" >"$CA_WORK/spec.plan" ||
	    rc=$?
	if [ "$rc" != 0 ]; then
		[ "$rc" = 1 ] || return 2
		return 1
	fi
	while IFS= read -r line; do
		ca_split "$line"
		case ${CA_F[0]} in
		table)
			t=${CA_F[1]}
			SPEC_TABLES+=("$t")
			SPEC_DEC[$t]=${CA_F[2]} SPEC_PK[$t]=${CA_F[3]}
			SPEC_KEYS[$t]=${CA_F[4]} SPEC_VIA[$t]=${CA_F[5]}
			SPEC_VIAKEY[$t]=${CA_F[6]} SPEC_READS[$t]=${CA_F[7]}
			SPEC_CKEYS[$t]=${CA_F[8]}
			[ "${CA_F[2]}" != log ] || SPEC_LOG=$t
			;;
		side)
			SPEC_SIDES+=("${CA_F[1]}"$'\t'"${CA_F[2]}"$'\t'"${CA_F[3]}")
			;;
		step)
			SPEC_STEPS[${CA_F[1]}]+="${CA_F[2]}"$'\t'"${CA_F[3]}"$'\n'
			;;
		where)
			SPEC_WHERE[${CA_F[1]}]+="${CA_F[2]}"$'\t'"${CA_F[3]}"$'\n'
			;;
		check)
			SPEC_CHECKS+=("${line#check$'\t'}")
			;;
		type)
			# number and date alike: short numbers are no one's
			if [ "${CA_F[3]}" = code ]; then
				SPEC_CODE[${CA_F[1]}]+=${SPEC_CODE[${CA_F[1]}]:+|}${CA_F[2]}
			else
				SPEC_NUM[${CA_F[1]}]+=${SPEC_NUM[${CA_F[1]}]:+|}${CA_F[2]}
			fi
			;;
		checkwhere)
			SPEC_CWHERE[${CA_F[1]}]+="${CA_F[2]}"$'\t'"${CA_F[3]}"$'\t'"${CA_F[4]}"$'\n'
			;;
		esac
	done <"$CA_WORK/spec.plan"
	if [ -z "$SPEC_LOG" ]; then
		ca_err "$dir/tables.csv: no log table (decision log)"
		return 2
	fi
	spec_fname SPEC_LOGFILE "$SPEC_LOG"
	SPEC_LOGFILE+=.csv
}

# spec_sides TABLE: the rows "KEY<TAB>RULES" of TABLE, one a line.
spec_sides() {
	local s
	for s in "${SPEC_SIDES[@]}"; do
		[ "${s%%$'\t'*}" != "$1" ] || printf '%s\n' "${s#*$'\t'}"
	done
}

# spec_where_args TABLE: set SPEC_ARGS to the --where options of TABLE's
# conditions (none: empty).
spec_where_args() {
	local line
	SPEC_ARGS=()
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		SPEC_ARGS+=(--where "${line%%$'\t'*}=${line#*$'\t'}")
	done <<<"${SPEC_WHERE[$1]:-}"
}

# spec_steps_args TABLE: set SPEC_ARGS to linkpairs' options of TABLE's
# link steps (each step NAME=VALUE as --NAME VALUE, its spaces written
# "-"; a step without a value as --NAME).
spec_steps_args() {
	local line k
	SPEC_ARGS=()
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		k=${line%%$'\t'*}
		SPEC_ARGS+=("--${k// /-}")
		[ -z "${line#*$'\t'}" ] || SPEC_ARGS+=("${line#*$'\t'}")
	done <<<"${SPEC_STEPS[$1]:-}"
}

# spec_step TABLE NAME: the value of TABLE's link step NAME (none: empty).
spec_step() {
	local line
	while IFS= read -r line; do
		[ "${line%%$'\t'*}" != "$2" ] || printf '%s\n' "${line#*$'\t'}"
	done <<<"${SPEC_STEPS[$1]:-}"
}

# spec_checks_of MODE: the checks that run in MODE (period: every check;
# due and manual: the open-document checks), one SPEC_CHECKS line each.
spec_checks_of() {
	local c
	for c in "${SPEC_CHECKS[@]}"; do
		ca_split "$c"
		[ "${CA_F[2]}" = open ] || [ "$1" = period ] || continue
		printf '%s\n' "$c"
	done
}

# spec_fname VAR TABLE: set VAR to TABLE's file name without ".csv": the
# name itself, "%" written "%25" and "/" written "%2F" ("G%2FL Entry").
spec_fname() {
	local _spec_n=${2//%/%25}
	printf -v "$1" '%s' "${_spec_n//\//%2F}"
}

# spec_csv_header NAME...: the NAMEs as a CSV header line.
spec_csv_header() {
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

# spec_table_of VAR FILE: set VAR to the table whose file name (see
# spec_fname) is FILE without ".csv".
spec_table_of() {
	local _spec_n=${2//%2F//}
	printf -v "$1" '%s' "${_spec_n//%25/%}"
}

# spec_big: the table the most checks read (Customer aside; the first
# such in the spec on a tie): most often the largest, a ledger, which an
# export may read beside the rest.
spec_big() {
	local c t best= n
	local -A count=()
	for c in "${SPEC_CHECKS[@]}"; do
		ca_split "$c"
		t=${CA_F[1]}
		[ "$t" != Customer ] || continue
		count[$t]=$((${count[$t]:-0} + 1))
	done
	n=0
	for t in "${SPEC_TABLES[@]}"; do
		[ "${count[$t]:-0}" -gt "$n" ] || continue
		n=${count[$t]}
		best=$t
	done
	printf '%s\n' "$best"
}
