# hostile-io: fault injection for the five filters.  A full disk, a
# closed pipe, missing, unreadable and malformed inputs (also in the
# middle of a document or keys file), a log that cannot be written, and
# SIGTERM or SIGKILL mid-stream: each ends with the documented exit status
# and one exact message, or quietly where a Unix filter should.

NOW=2026-11-29T23:15:00Z

# company: a customer stream and one file of each other kind a filter
# reads, all synthetic.
company() {
	cat >cust.csv <<'EOF'
No.,Name,E-Mail,Anonymized,To Anonymize On,Last Date Modified
C0001,Ada Example,ada@example.com,No,2026-01-01,2020-01-01
C0002,Bo Sample,bo@example.org,No,2026-01-01,2020-01-01
EOF
	cat >cle.csv <<'EOF'
Entry No.,Customer No.,Posting Date,Open
1,C0001,2019-05-01,No
2,C0002,2026-05-01,Yes
EOF
	printf 'column,action,argument,replacement\nNo.,keep,,\n*,blank,,\n' \
	    >rules.csv
	printf 'No.\nC0001\n' >keys.csv
}

# Each filter with the options it needs, customers last (appended).
SE='select-eligible --now 2026-11-29T23:15:00Z'
COD='check-open-docs --docs cle.csv --key Customer&No. --where Open=Yes'
CP='check-period --anonymize-after 3Y --now 2026-11-29T23:15:00Z --docs cle.csv --key Customer&No. --date Posting&Date'
SC='scrub --rules rules.csv'
ST='stamp --now 2026-11-29T23:15:00Z'

# dflpipe.py CMD...: run CMD with SIGPIPE at its default even when the
# test runner inherited it ignored.
cat >"$WORK/dflpipe.py" <<'EOF'
import os, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])
EOF

# filt NAME ARG...: run the filter command held in variable NAME ('&'
# there stands for a space inside an argument), then ARG...; with DFL set,
# with SIGPIPE at its default.
filt() {
	local spec=$1 a args=()
	shift
	for a in ${!spec}; do
		args+=("${a//&/ }")
	done
	if [ -n "${DFL:-}" ]; then
		python3 "$WORK/dflpipe.py" "${args[@]}" "$@"
	else
		"${args[@]}" "$@"
	fi
}

# bigcust N: a customer stream of N rows.
bigcust() {
	echo 'No.,Name,E-Mail,Anonymized,To Anonymize On,Last Date Modified'
	awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "C%07d,Ada Example,ada@example.com,No,2026-01-01,2020-01-01\n", i }'
}

export -f filt
export SE COD CP SC ST

for f in SE COD CP SC ST; do
	tcase "$f: output to a full disk is a write error, exit 1"
	company
	prog=${!f%% *}
	run 1 bash -c 'filt "$1" cust.csv >/dev/full' _ "$f"
	err_is <<EOF
$prog: <stdout>: write error: No space left on device
EOF
done

tcase 'select-eligible --count to a full disk is a write error'
company
run 1 bash -c 'select-eligible --count cust.csv >/dev/full'
err_is <<'EOF'
select-eligible: <stdout>: write error: No space left on device
EOF

tcase 'a log on a full disk is a write error, not a lost proof'
company
run 1 stamp --now $NOW --log /dev/full cust.csv
err_is <<'EOF'
stamp: /dev/full: write error: No space left on device
EOF
run 1 check-open-docs --docs cle.csv --key 'Customer No.' --where Open=Yes \
    --log /dev/full cust.csv
err_is <<'EOF'
check-open-docs: /dev/full: write error: No space left on device
EOF

tcase 'a log in a missing directory is refused before any output'
company
run 1 stamp --now $NOW --log missing/log.csv cust.csv
err_is <<'EOF'
stamp: missing/log.csv: No such file or directory
EOF
out_is </dev/null

bigcust 200000 >"$WORK/big.csv"
for f in SE COD CP SC ST; do
	tcase "$f: a closed pipe downstream ends it quietly"
	company
	ln -s "$WORK/big.csv" big.csv
	run 0 bash -c 'DFL=1 filt "$1" big.csv 2>ferr | head -1 >hout
	    echo "${PIPESTATUS[0]}" >status' _ "$f"
	file_is status <<'EOF'
141
EOF
	ok 'no message' test ! -s ferr
	ok 'the header got through' grep -q '^No\.,' hout
done
rm -f "$WORK/big.csv"

for f in SE COD CP SC ST; do
	tcase "$f: a missing input file, exit 1, nothing written"
	company
	prog=${!f%% *}
	run 1 filt "$f" nonexistent.csv
	err_is <<EOF
$prog: nonexistent.csv: No such file or directory
EOF
	out_is </dev/null

	tcase "$f: a directory as input is a read error"
	company
	mkdir adir
	run 1 filt "$f" adir
	err_is <<EOF
$prog: adir: read error: Is a directory
EOF
	out_is </dev/null

	if [ "$(id -u)" != 0 ]; then
		tcase "$f: an unreadable input file"
		company
		chmod 000 cust.csv
		run 1 filt "$f" cust.csv
		err_is <<EOF
$prog: cust.csv: Permission denied
EOF
		out_is </dev/null
	fi
done

tcase 'missing configuration files: documents, rules, keys, user setup'
company
run 1 check-open-docs --docs nope.csv --key 'Customer No.' cust.csv
err_is <<'EOF'
check-open-docs: nope.csv: No such file or directory
EOF
out_is </dev/null
run 1 check-period --anonymize-after 3Y --now $NOW --docs nope.csv \
    --key 'Customer No.' --date 'Posting Date' cust.csv
err_is <<'EOF'
check-period: nope.csv: No such file or directory
EOF
run 2 scrub --rules nope.csv cust.csv
err_is <<'EOF'
scrub: nope.csv: No such file or directory
EOF
out_is </dev/null
run 1 scrub --rules rules.csv --keys nope.csv --key No. cust.csv
err_is <<'EOF'
scrub: nope.csv: No such file or directory
EOF
out_is </dev/null
run 1 select-eligible --user ADMIN --user-setup nope.csv cust.csv
err_is <<'EOF'
select-eligible: nope.csv: No such file or directory
EOF
out_is </dev/null

# docs N BAD: a ledger of N entries, entry BAD (a data line) malformed as
# $KIND says, holding a marker value that must never be printed.
docs() {
	awk -v n="$1" -v bad="$2" -v kind="$3" 'BEGIN {
		print "Entry No.,Customer No.,Posting Date,Open"
		for (i = 1; i <= n; i++) {
			if (i != bad)
				printf "%d,C%07d,2019-05-01,No\n", i, i
			else if (kind == "ragged")
				printf "%d,C%07d,2019-05-01,No,ZQXMARKER\n", i, i
			else if (kind == "date")
				printf "%d,C%07d,ZQXMARKER,No\n", i, i
			else if (kind == "quote")
				printf "%d,C%07d,2019-05-01,\"ZQXMARKER\n", i, i
		}
	}'
}

tcase 'check-open-docs: a document file malformed in the middle'
company
docs 3000 1500 ragged >cle-bad.csv
run 1 check-open-docs --docs cle-bad.csv --key 'Customer No.' \
    --where Open=Yes cust.csv
err_is <<'EOF'
check-open-docs: cle-bad.csv:1501: row has 5 fields, header has 4
EOF
out_is </dev/null
run 1 check-open-docs --sorted --docs cle-bad.csv --key 'Customer No.' \
    --where Open=Yes cust.csv
err_is <<'EOF'
check-open-docs: cle-bad.csv:1501: row has 5 fields, header has 4
EOF
ok 'no marker in the output' bash -c '! grep -q ZQXMARKER out'

tcase 'check-open-docs: a quote left open in the middle of a document file'
company
docs 3000 1500 quote >cle-bad.csv
run 1 check-open-docs --docs cle-bad.csv --key 'Customer No.' cust.csv
err_is <<'EOF'
check-open-docs: cle-bad.csv:1501: unterminated quoted field
EOF
out_is </dev/null

tcase 'check-period: a bad date in the middle of a transaction file'
company
docs 3000 1500 date >cle-bad.csv
run 1 check-period --anonymize-after 3Y --now $NOW --docs cle-bad.csv \
    --key 'Customer No.' --date 'Posting Date' cust.csv
err_is <<'EOF'
check-period: cle-bad.csv:1501: customer C0001500: bad date in column 'Posting Date'
EOF
out_is </dev/null
docs 3000 1500 ragged >cle-bad.csv
run 1 check-period --anonymize-after 3Y --now $NOW --docs cle-bad.csv \
    --key 'Customer No.' --date 'Posting Date' cust.csv
err_is <<'EOF'
check-period: cle-bad.csv:1501: row has 5 fields, header has 4
EOF
out_is </dev/null

tcase 'scrub: a keys file malformed in the middle'
company
{ echo 'No.'; seq -f 'C%07g' 1 999; echo 'C1000,ZQXMARKER'; } >keys-bad.csv
run 1 scrub --rules rules.csv --keys keys-bad.csv --key No. cust.csv
err_is <<'EOF'
scrub: keys-bad.csv:1001: row has 2 fields, header has 1
EOF
out_is </dev/null

for f in SE COD CP SC ST; do
	tcase "$f: a customer stream malformed in the middle"
	company
	prog=${!f%% *}
	{ bigcust 3000 | sed '2001s/$/,ZQXMARKER/'; } >cust-bad.csv
	run 1 filt "$f" cust-bad.csv
	err_is <<EOF
$prog: cust-bad.csv:2001: row has 7 fields, header has 6
EOF
	ok 'no marker in the output' bash -c '! grep -q ZQXMARKER out'
done

# killmid SIGNAL LOG CMD...: start CMD on a FIFO, feed it 1000 customers,
# wait until it has logged them all, send SIGNAL; leaves the exit status
# in ./status.
killmid() {
	local sig=$1 log=$2 pid i
	shift 2
	mkfifo fifo
	"$@" <fifo >kout 2>kerr &
	pid=$!
	exec 3>fifo
	bigcust 1000 >&3
	for i in $(seq 100); do
		[ "$(wc -l 2>/dev/null <"$log")" = 1001 ] && break
		sleep 0.1
	done
	kill -s "$sig" "$pid"
	{ wait "$pid"; } 2>/dev/null
	echo $? >status
	exec 3>&-
}

tcase 'stamp killed by SIGTERM mid-stream: only customers written out are logged'
mkfifo fifo
stamp --now $NOW --user ADMIN --log log.csv <fifo >kout 2>kerr &
pid=$!
exec 3>fifo
bigcust 1000 >&3
sleep 0.5
kill -s TERM "$pid"
{ wait "$pid"; } 2>/dev/null
echo $? >status
exec 3>&-
file_is status <<'EOF'
143
EOF
run 0 csvcopy log.csv
out_file_is log.csv
sed -n 's/^\([^,]*\),Anonymized,.*/\1/p' log.csv | sort >logged
{ csvget kout No. 2>/dev/null || true; } | sort >written
ok 'every logged customer was written out' \
    test -z "$(comm -23 logged written)"
ok 'no message' test ! -s kerr

tcase 'check-open-docs killed by SIGKILL mid-stream: the log holds whole rows'
bigcust 1000 | awk -F, 'NR > 1 { print "x," $1 }' |
    sed '1i Document Type,Sell-to Customer No.' >sh.csv
killmid KILL log.csv check-open-docs --docs sh.csv \
    --key 'Sell-to Customer No.' --now $NOW --user ADMIN --log log.csv
file_is status <<'EOF'
137
EOF
run 0 csvcopy log.csv
out_file_is log.csv
ok 'every customer logged once as held back' \
    test "$(grep -c ',Not anonymized,' log.csv)" = 1000
