# core.sh: the anonymization job on a folder of CSV exports (SPEC
# sections 1, 5 and 6).  No database code here: the wrappers export the
# tables into a folder, call core_run, and import what it writes.
#
# core_run EXPORTS CHANGES WORK
#   EXPORTS  one CSV file per table, named as the table ("Customer.csv",
#            "Cust. Ledger Entry.csv", ...), comma-separated; Customer.csv
#            is required and must be sorted by No. (bytes); a related
#            table that is absent or empty counts as empty.
#   CHANGES  an empty folder; receives, per table, the rows the job
#            changed, in full, under the table's file name, and the log
#            rows as "Customer GDPR Log Entries.csv" (the held back in No.
#            order, then the anonymized in No. order).  A table without
#            changes gets no file.  Every change file has passed the leak
#            check (leakcheck) when core_run returns 0.
#   WORK     a private scratch folder (created by the caller).
# Settings:
#   CORE_MODE      period (CHECK_PERIOD = Yes), due (CHECK_PERIOD = No)
#                  or manual (the one-customer request)
#   CORE_CUSTOMER  the customer number (manual)
#   CORE_CAP       at most this many anonymized (period, due)
#   CORE_USER      the user: permission and log rows
#   CORE_NOW       the clock, ISO 8601
#   CORE_RULES     the rules folder (<Table>.csv, <Table>.sell-to.csv,
#                  <Table>.bill-to.csv, keep-all.csv)
#   CORE_PII_RULES further Customer rules files, separated by newlines,
#                  whose scrubbed columns the leak check also guards
#   CA_BIN         the programs
# Returns 0 when done; 3 when refused (manual mode: CHANGES then holds
# the log row only; other modes: the user lacks permission); otherwise
# the status of the stage that failed, after its message.  Leaves in
# WORK/candidates.count the number of candidates that passed selection
# and the retention check.

# The reasons of the open-document checks, as the log writes them.
CORE_R_SALES='open sales document'
CORE_R_LEDGER='open ledger entry'
CORE_R_JOURNAL='journal line'
CORE_R_MEMBER='member'
CORE_R_BILLTO='bill-to of a live customer'

# The posted documents scrubbed with a sell-to and a bill-to pass.
CORE_POSTED=('Sales Invoice Header' 'Sales Cr.Memo Header'
    'Sales Shipment Header' 'Return Receipt Header')

# core_first STATUS...: return the first non-zero STATUS of a pipeline
# (the stage that failed, not a later one starved of input).
core_first() {
	local st
	for st in "$@"; do
		[ "$st" = 0 ] || return "$st"
	done
	return 0
}

# core_src TABLE COLUMN...: the path of TABLE's export, or, when it is
# absent or empty, of a stand-in holding only a header of COLUMNs.
core_src() {
	local table=$1 f
	shift
	f="$CORE_EX/$table.csv"
	if [ -s "$f" ]; then
		printf '%s\n' "$f"
		return 0
	fi
	f="$CORE_WORK/empty/$table.csv"
	mkdir -p "$CORE_WORK/empty"
	(IFS=,; printf '%s\n' "$*") >"$f"
	printf '%s\n' "$f"
}

# core_has TABLE: TABLE's export is present and not empty.
core_has() {
	[ -s "$CORE_EX/$1.csv" ]
}

# core_setup: read the Customer GDPR Setup into CORE_AFTER, CORE_CPG and
# CORE_GBPG (period mode).  A missing setup or Anonymize After is a
# configuration error.
core_setup() {
	local f="$CORE_EX/Customer GDPR Setup.csv" line=
	if [ -s "$f" ]; then
		line=$("$CA_BIN/csvget" --first "$f" 'Anonymize After' \
		    '?Customer Posting Group Filter' \
		    '?Gen. Bus. Posting Group Filter') || return $?
	fi
	if [ -z "$line" ]; then
		ca_err "Customer GDPR Setup: no setup row (Anonymize After)"
		return 2
	fi
	ca_split "$line"
	CORE_AFTER=${CA_F[0]} CORE_CPG=${CA_F[1]} CORE_GBPG=${CA_F[2]}
	if [ -z "$CORE_AFTER" ]; then
		ca_err "Customer GDPR Setup: Anonymize After is empty"
		return 2
	fi
}

# core_select: candidates into WORK/candidates.csv.
core_select() {
	local cust=$1 log=$2 us rc=0
	local -a se cp
	us=$(core_src 'User Setup' 'User ID' 'Anonymize Customers')
	se=(--user "$CORE_USER" --user-setup "$us" --now "$CORE_NOW")
	case $CORE_MODE in
	period)
		core_setup || return $?
		se+=(--customer-posting-group "$CORE_CPG"
		    --gen-bus-posting-group "$CORE_GBPG")
		;;
	due)
		se+=(--due)
		;;
	manual)
		se+=(--customer "$CORE_CUSTOMER" --strict --log "$log")
		;;
	esac
	ca_progress "selecting candidates"
	"$CA_BIN/select-eligible" "${se[@]}" "$cust" \
	    >"$CORE_WORK/eligible.csv" || rc=$?
	[ "$rc" = 0 ] || return "$rc"
	if [ "$CORE_MODE" != period ] ||
	    ! ca_has_rows "$CORE_WORK/eligible.csv"; then
		mv "$CORE_WORK/eligible.csv" "$CORE_WORK/candidates.csv"
		return 0
	fi
	ca_progress "checking the retention period"
	cp=(--anonymize-after "$CORE_AFTER" --now "$CORE_NOW"
	    --customer-date 'Last Date Modified'
	    --docs "$(core_src 'Cust. Ledger Entry' 'Customer No.' \
		'Posting Date')"
	    --key 'Customer No.' --date 'Posting Date'
	    --docs "$(core_src 'Item Ledger Entry' 'Source Type' 'Source No.' \
		'Posting Date')"
	    --key 'Source No.' --date 'Posting Date'
	    --where 'Source Type=Customer')
	"$CA_BIN/check-period" "${cp[@]}" "$CORE_WORK/eligible.csv" \
	    >"$CORE_WORK/candidates.csv"
}

# core_check: candidates that pass the open-document checks into
# WORK/targets.csv, the held back logged.
core_check() {
	local cust=$1 log=$2 hdr
	local -a cod
	cod=(--now "$CORE_NOW" --user "$CORE_USER" --log "$log"
	    --docs "$(core_src 'Sales Header' 'Sell-to Customer No.')"
	    --key 'Sell-to Customer No.' --reason "$CORE_R_SALES"
	    --docs "$(core_src 'Cust. Ledger Entry' 'Customer No.' 'Open')"
	    --key 'Customer No.' --where 'Open=Yes' --reason "$CORE_R_LEDGER"
	    --docs "$(core_src 'Gen. Journal Line' 'Account Type' \
		'Account No.')"
	    --key 'Account No.' --where 'Account Type=Customer'
	    --reason "$CORE_R_JOURNAL"
	    --docs "$(core_src 'NPR MM Membership' 'Customer No.')"
	    --key 'Customer No.' --reason "$CORE_R_MEMBER"
	    --docs "$cust" --key 'Bill-to Customer No.' --self-key 'No.')
	# Without an Anonymized column no customer is anonymized yet.
	hdr=$("$CA_BIN/csvget" --header "$cust") || return $?
	if grep -qxF Anonymized <<<"$hdr"; then
		cod+=(--where 'Anonymized=No')
	fi
	cod+=(--reason "$CORE_R_BILLTO")
	if [ "$CORE_MODE" = manual ]; then
		cod+=(--strict)
	else
		cod+=(--limit "$CORE_CAP")
	fi
	ca_progress "checking open documents"
	"$CA_BIN/check-open-docs" "${cod[@]}" "$CORE_WORK/candidates.csv" \
	    >"$CORE_WORK/targets.csv"
}

# core_scrub: the changed rows of every table into WORK/changes.
core_scrub() {
	local log=$1 r=$CORE_RULES out=$CORE_WORK/changes t f
	local tg=$CORE_WORK/targets.csv pii=$CORE_WORK/pii.csv
	local links=$CORE_WORK/links.csv
	local -a pr

	ca_progress "scrubbing"
	mkdir -p "$out"
	"$CA_BIN/scrub" --rules "$r/Customer.csv" "$tg" |
	    "$CA_BIN/stamp" --now "$CORE_NOW" --user "$CORE_USER" \
	    --log "$log" >"$out/Customer.csv" ||
	    core_first "${PIPESTATUS[@]}" || return $?

	# The customers' original personal values, for redact-pii.
	pr=(--rules "$r/Customer.csv")
	while IFS= read -r f; do
		[ -n "$f" ] && pr+=(--rules "$f")
	done <<<"${CORE_PII_RULES:-}"
	CORE_PII_ARGS=("${pr[@]}")
	"$CA_BIN/leakcheck" --pii "${pr[@]}" --originals "$tg" >"$pii" ||
	    return $?

	if core_has 'Contact Business Relation' && core_has Contact; then
		"$CA_BIN/csvget" --csv --where 'Link to Table=Customer' \
		    "$CORE_EX/Contact Business Relation.csv" |
		    "$CA_BIN/scrub" --rules "$r/keep-all.csv" --keys "$tg" \
		    --key 'No.' >"$links" ||
		    core_first "${PIPESTATUS[@]}" || return $?
		"$CA_BIN/scrub" --rules "$r/Contact.csv" --keys "$links" \
		    --key 'No.' --keys-column 'Contact No.' \
		    "$CORE_EX/Contact.csv" >"$out/Contact.csv" || return $?
	fi
	for t in 'Ship-to Address' 'Cust. Ledger Entry' \
	    'Issued Reminder Header'; do
		core_has "$t" || continue
		"$CA_BIN/scrub" --rules "$r/$t.csv" --keys "$pii" \
		    --key 'Customer No.' --keys-pii "$CORE_EX/$t.csv" \
		    >"$out/$t.csv" || return $?
	done
	for t in "${CORE_POSTED[@]}"; do
		core_has "$t" || continue
		# The documents of the customers, then each side of them.
		"$CA_BIN/scrub" --rules "$r/keep-all.csv" --keys "$pii" \
		    --key 'Sell-to Customer No.' --key 'Bill-to Customer No.' \
		    "$CORE_EX/$t.csv" >"$CORE_WORK/posted.csv" || return $?
		ca_has_rows "$CORE_WORK/posted.csv" || continue
		"$CA_BIN/scrub" --rules "$r/$t.sell-to.csv" --keys "$pii" \
		    --key 'Sell-to Customer No.' --all-rows --keys-pii \
		    "$CORE_WORK/posted.csv" |
		    "$CA_BIN/scrub" --rules "$r/$t.bill-to.csv" --keys "$pii" \
		    --key 'Bill-to Customer No.' --all-rows --keys-pii \
		    >"$out/$t.csv" || core_first "${PIPESTATUS[@]}" || return $?
	done
	# A table without changed rows gets no file.
	for f in "$out"/*.csv; do
		[ -e "$f" ] || continue
		ca_has_rows "$f" || rm -f -- "$f"
	done
}

# core_leakcheck: no original value of a scrubbed column of an anonymized
# customer survives in a change file (SPEC section 5).
core_leakcheck() {
	local out=$CORE_WORK/changes r=$CORE_RULES t
	local -a lc

	[ -e "$out/Customer.csv" ] || return 0
	ca_progress "checking for leaks"
	lc=("${CORE_PII_ARGS[@]}" --originals "$CORE_WORK/targets.csv"
	    --changes Customer.csv --key 'No.')
	if [ -e "$out/Contact.csv" ]; then
		lc+=(--changes Contact.csv --key 'No.'
		    --map "$CORE_WORK/links.csv" --map-key 'Contact No.'
		    --map-customer 'No.')
	fi
	for t in 'Ship-to Address' 'Cust. Ledger Entry' \
	    'Issued Reminder Header'; do
		[ -e "$out/$t.csv" ] || continue
		lc+=(--changes "$t.csv" --key 'Customer No.')
	done
	for t in "${CORE_POSTED[@]}"; do
		[ -e "$out/$t.csv" ] || continue
		lc+=(--changes "$t.csv"
		    --key 'Sell-to Customer No.' --fields "$r/$t.sell-to.csv"
		    --key 'Bill-to Customer No.' --fields "$r/$t.bill-to.csv")
	done
	(cd "$out" && "$CA_BIN/leakcheck" "${lc[@]}")
}

core_run() {
	local log rc=0 f ncand
	CORE_EX=$1 CORE_OUT=$2 CORE_WORK=$3
	log=$CORE_WORK/log.csv
	local cust=$CORE_EX/Customer.csv

	if ! [ -f "$cust" ]; then
		ca_err "$cust: no Customer export"
		return 1
	fi
	if [ -s "$cust" ] &&
	    [ "$("$CA_BIN/csvget" --is-sorted 'No.' "$cust")" != yes ]; then
		ca_err "$cust: not sorted by No., or a No. is repeated"
		return 1
	fi

	core_select "$cust" "$log" || rc=$?
	if [ "$rc" = 0 ]; then
		ncand=$(ca_count "$CORE_WORK/candidates.csv")
		echo "$ncand" >"$CORE_WORK/candidates.count"
		if [ "$ncand" != 0 ]; then
			core_check "$cust" "$log" || rc=$?
		fi
	fi
	if [ "$rc" = 3 ] && [ "$CORE_MODE" = manual ]; then
		if [ -s "$log" ]; then
			cp -- "$log" "$CORE_OUT/Customer GDPR Log Entries.csv"
		fi
		return 3
	fi
	[ "$rc" = 0 ] || return "$rc"

	if ca_has_rows "$CORE_WORK/targets.csv"; then
		core_scrub "$log" || return $?
		core_leakcheck || return $?
	fi
	for f in "$CORE_WORK/changes"/*.csv; do
		[ -e "$f" ] && mv -- "$CORE_WORK/changes"/*.csv "$CORE_OUT/"
		break
	done
	if [ -s "$log" ]; then
		cp -- "$log" "$CORE_OUT/Customer GDPR Log Entries.csv"
	fi
	return 0
}
