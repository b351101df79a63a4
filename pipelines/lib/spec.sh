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
#                 setup, log, swept, not applicable)
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
#   SPEC_OWN      table -> its columns that copy the name of the customer
#                 its customer key names (types.csv, customer name), "|"
#                 (the sweep's --own-name)
#   SPEC_SWEEP    table -> "yes" when --sweep searches its rows, or empty
#   SPEC_SIDES    "TABLE<TAB>KEY<TAB>RULES" for each row with a rules file
#   SPEC_WHERE    table -> its conditions, "COLUMN<TAB>FILTER" a line
#                 (when its rows agree on them)
#   SPEC_SWHERE   "TABLE<TAB>KEY" -> the conditions under which KEY names
#                 a customer, "COLUMN<TAB>FILTER" a line (a document
#                 whose sides' conditions differ; spec_key_args)
#   SPEC_CHECKS   "N<TAB>TABLE<TAB>KIND<TAB>KEYS<TAB>SELF<TAB>DATE<TAB>
#                 REASON" for each check
#   SPEC_CWHERE   N -> its conditions, "COLUMN<TAB>FILTER<TAB>OPTIONAL" a
#                 line (OPTIONAL 1: skipped when the table lacks COLUMN)
#   SPEC_VALUES   "TABLE<TAB>COLUMN" -> the values COLUMN may hold
#                 (options.csv: V1|V2|..., '' the blank option, or
#                 #integer), for each column a condition reads but the
#                 booleans; passed with every condition as --values
#                 (spec_values)
#   SPEC_LOG      the log table; SPEC_LOGFILE its file name

SPEC_TABLES=() SPEC_SIDES=() SPEC_CHECKS=()
declare -A SPEC_DEC=() SPEC_PK=() SPEC_KEYS=() SPEC_VIA=() SPEC_VIAKEY=()
declare -A SPEC_READS=() SPEC_CKEYS=() SPEC_WHERE=() SPEC_CWHERE=()
declare -A SPEC_STEPS=() SPEC_NUM=() SPEC_CODE=() SPEC_SWHERE=()
declare -A SPEC_SWEEP=() SPEC_OWN=() SPEC_VALUES=()
SPEC_LOG=

spec_load() {
	local dir=$1 shipped=${2:-} line t r c k rc=0
	local -a args=()
	[ -z "$shipped" ] || args=(--shipped "$shipped")
	"$CA_LIBEXEC/jobspec" "${args[@]}" -- "$dir" >"$CA_WORK/spec.plan" ||
	    rc=$?
	if [ "$rc" != 0 ]; then
		[ "$rc" = 1 ] || return 2
		return 1
	fi
	while IFS= read -r line; do
		# A column's type (most lines, three fields that hold no
		# tab) without ca_split's loop.
		if [ "${line:0:5}" = type$'\t' ]; then
			r=${line:5}
			t=${r%%$'\t'*}
			r=${r#*$'\t'}
			c=${r%%$'\t'*}
			k=${r#*$'\t'}
			# number and date alike: short numbers are no one's
			if [ "$k" = code ]; then
				SPEC_CODE[$t]+=${SPEC_CODE[$t]:+|}$c
			elif [ "$k" = 'customer name' ]; then
				SPEC_OWN[$t]+=${SPEC_OWN[$t]:+|}$c
			else
				SPEC_NUM[$t]+=${SPEC_NUM[$t]:+|}$c
			fi
			continue
		fi
		ca_split "$line"
		case ${CA_F[0]} in
		table)
			t=${CA_F[1]}
			SPEC_TABLES+=("$t")
			SPEC_DEC[$t]=${CA_F[2]} SPEC_PK[$t]=${CA_F[3]}
			SPEC_KEYS[$t]=${CA_F[4]} SPEC_VIA[$t]=${CA_F[5]}
			SPEC_VIAKEY[$t]=${CA_F[6]} SPEC_READS[$t]=${CA_F[7]}
			SPEC_CKEYS[$t]=${CA_F[8]} SPEC_SWEEP[$t]=${CA_F[10]}
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
		sidewhere)
			SPEC_SWHERE[${CA_F[1]}$'\t'${CA_F[2]}]+="${CA_F[3]}"$'\t'"${CA_F[4]}"$'\n'
			;;
		check)
			SPEC_CHECKS+=("${line#check$'\t'}")
			;;
		values)
			SPEC_VALUES[${CA_F[1]}$'\t'${CA_F[2]}]=${CA_F[3]}
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

# spec_sides VAR TABLE: set array VAR to the rows "KEY<TAB>RULES" of
# TABLE.
spec_sides() {
	local -n _spec_out=$1
	local _spec_s
	_spec_out=()
	for _spec_s in "${SPEC_SIDES[@]}"; do
		[ "${_spec_s%%$'\t'*}" != "$2" ] ||
		    _spec_out+=("${_spec_s#*$'\t'}")
	done
}

# spec_values VAR TABLE COLUMN: append to array VAR the --values option
# of TABLE's COLUMN (options.csv), when it has one (a boolean has none).
spec_values() {
	local -n _sv_out=$1
	[ -z "${SPEC_VALUES[$2$'\t'$3]:-}" ] ||
	    _sv_out+=(--values "$3=${SPEC_VALUES[$2$'\t'$3]}")
}

# spec_where_args TABLE: set SPEC_ARGS to the --where options of TABLE's
# conditions, each with its column's --values (none: empty).
spec_where_args() {
	local line
	SPEC_ARGS=()
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		SPEC_ARGS+=(--where "${line%%$'\t'*}=${line#*$'\t'}")
		spec_values SPEC_ARGS "$1" "${line%%$'\t'*}"
	done <<<"${SPEC_WHERE[$1]:-}"
}

# spec_key_args VAR TABLE KEY: append to array VAR the options of TABLE's
# customer key KEY: --key KEY, and a --key-where for each condition of
# its side (SPEC_SWHERE) when the sides' conditions differ, each with its
# column's --values.
spec_key_args() {
	local -n _ska_out=$1
	local _ska_l
	_ska_out+=(--key "$3")
	[ -n "${SPEC_SWHERE[$2$'\t'$3]:-}" ] || return 0
	while IFS= read -r _ska_l; do
		[ -n "$_ska_l" ] || continue
		_ska_out+=(--key-where "${_ska_l%%$'\t'*}=${_ska_l#*$'\t'}")
		spec_values _ska_out "$2" "${_ska_l%%$'\t'*}"
	done <<<"${SPEC_SWHERE[$2$'\t'$3]:-}"
}

# spec_step_col TABLE NAME VALUE: set SPEC_SC_T and SPEC_SC_C to the
# table and column that TABLE's link step NAME=VALUE reads: primary,
# Customer's column; under, TABLE's; a condition (COLUMN=FILTER), its
# column, of the link table (via) for shared where, else of TABLE; none
# (both empty) for keep shared.  SPEC_SC_W is 1 for a condition.
spec_step_col() {
	SPEC_SC_T= SPEC_SC_C= SPEC_SC_W=
	case $2 in
	primary) SPEC_SC_T=Customer SPEC_SC_C=$3 ;;
	under) SPEC_SC_T=$1 SPEC_SC_C=$3 ;;
	'shared where') SPEC_SC_T=${SPEC_VIA[$1]} SPEC_SC_C=${3%%=*} SPEC_SC_W=1 ;;
	*where | *known) SPEC_SC_T=$1 SPEC_SC_C=${3%%=*} SPEC_SC_W=1 ;;
	esac
}

# spec_steps_args TABLE: set SPEC_ARGS to linkpairs' options of TABLE's
# link steps (each step NAME=VALUE as --NAME VALUE, its spaces written
# "-"; a step without a value as --NAME), each condition (where, known)
# with its column's --values (spec_step_col).
spec_steps_args() {
	local line k v
	SPEC_ARGS=()
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		k=${line%%$'\t'*} v=${line#*$'\t'}
		SPEC_ARGS+=("--${k// /-}")
		[ -z "$v" ] || SPEC_ARGS+=("$v")
		spec_step_col "$1" "$k" "$v"
		[ -z "$SPEC_SC_W" ] ||
		    spec_values SPEC_ARGS "$SPEC_SC_T" "$SPEC_SC_C"
	done <<<"${SPEC_STEPS[$1]:-}"
}

# spec_step VAR TABLE NAME: set VAR to the value of TABLE's link step NAME
# (none: empty).
spec_step() {
	local _spec_l _spec_v=
	while IFS= read -r _spec_l; do
		[ "${_spec_l%%$'\t'*}" != "$3" ] || _spec_v=${_spec_l#*$'\t'}
	done <<<"${SPEC_STEPS[$2]:-}"
	printf -v "$1" '%s' "$_spec_v"
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

# spec_misnamed DIR TABLE: 1, each said, when DIR holds no export of
# TABLE under its file name (spec_fname) but one in another case, or
# with a % not written %25; else 0.
spec_misnamed() {
	local _spec_f _spec_g _spec_rc=0
	spec_fname _spec_f "$2"
	_spec_f+=.csv
	for _spec_g in "$1"/*.csv; do
		_spec_g=${_spec_g##*/}
		if [ "${_spec_g,,}" = "${_spec_f,,}" ]; then
			ca_err "$2: no export '$_spec_f', but '$_spec_g'" \
			    "(names are exact)"
			_spec_rc=1
		elif [ "$_spec_g" != "$_spec_f" ] &&
		    [ "$_spec_g" = "${2//\//%2F}.csv" ]; then
			# The name as it is, a % not written %25.
			ca_err "$2: no export '$_spec_f', but '$_spec_g'" \
			    "(a % in a name is written %25)"
			_spec_rc=1
		fi
	done
	return "$_spec_rc"
}

# spec_csv_header VAR NAME...: set VAR to the NAMEs as a CSV header line
# (no line break).
spec_csv_header() {
	local _spec_v=$1 _spec_n _spec_o= _spec_q
	shift
	for _spec_n in "$@"; do
		case $_spec_n in
		*[\",$'\n\r']*) _spec_q=\"${_spec_n//\"/\"\"}\" ;;
		*) _spec_q=$_spec_n ;;
		esac
		_spec_o+="${_spec_o:+,}$_spec_q"
	done
	printf -v "$_spec_v" '%s' "$_spec_o"
}

# spec_table_of VAR FILE: set VAR to the table whose file name (see
# spec_fname) is FILE without ".csv".
spec_table_of() {
	local _spec_n=${2//%2F//}
	printf -v "$1" '%s' "${_spec_n//%25/%}"
}

# spec_big VAR: set VAR to the table the most checks read (Customer aside;
# the first such in the spec on a tie): most often the largest, a ledger,
# which an export may read beside the rest.
spec_big() {
	local _c _t _best= _n=0
	local -A _count=()
	for _c in "${SPEC_CHECKS[@]}"; do
		ca_split "$_c"
		_t=${CA_F[1]}
		[ "$_t" != Customer ] || continue
		_count[$_t]=$((${_count[$_t]:-0} + 1))
	done
	for _t in "${SPEC_TABLES[@]}"; do
		[ "${_count[$_t]:-0}" -gt "$_n" ] || continue
		_n=${_count[$_t]}
		_best=$_t
	done
	printf -v "$1" '%s' "$_best"
}
