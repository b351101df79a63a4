# hostile-limits: inputs sized to hurt.  A field or row over the record
# limit (64 MiB, CSVR_MAXRECORD_DEFAULT) is a clear data error with bounded
# memory; long fields, wide headers and thousands of rules take time in
# proportion to their size; millions of customers stream in constant
# memory, and a document source with millions of keys stays within a
# fixed budget (about 32 bytes a key plus the key, SPEC section 5).

NOW=2026-11-29T23:15:00Z

# rss.py CMD...: run CMD (output discarded), print "STATUS MAXRSS_KB".
cat >"$WORK/rss.py" <<'EOF'
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF

# rss_under KB CMD...: assert CMD exits 0 with a peak RSS under KB.
rss_under() {
	local max=$1 st kb
	shift
	read -r st kb < <(python3 "$WORK/rss.py" "$@")
	ok "exit 0 and peak memory ${kb:-?} KB < $max KB: $1" \
	    test "$st" = 0 -a "${kb:-999999999}" -lt "$max"
}

# field N: a customer stream whose second field is N bytes of 'x'.
field() {
	printf 'No.,Name,Anonymized\nC0001,'
	head -c "$1" /dev/zero | tr '\0' x
	printf ',No\n'
}

printf 'column,action,argument,replacement\nNo.,keep,,\n*,blank,,\n' \
    >"$WORK/rules.csv"
printf 'Customer No.,Posting Date,Open\nC0001,2019-05-01,Yes\n' >"$WORK/cle.csv"

# Under ASan a field this size takes minutes while the reader's buffer
# grows linearly (see 'a 16 MiB field is read in linear time'), so the
# record limit itself is checked in the other flavours.
case ${FLAVOUR:-} in *san*) sanitized=1 ;; *) sanitized=0 ;; esac
if [ $sanitized = 0 ]; then
	field $((64 * 1024 * 1024 + 1)) >"$WORK/huge.csv"
	for cmd in 'select-eligible' \
	    'check-open-docs --docs cle.csv --key Customer&No.' \
	    'check-period --anonymize-after 3Y --now 2026-11-29 --docs cle.csv --key Customer&No. --date Posting&Date' \
	    'scrub --rules rules.csv' 'stamp --now 2026-11-29'; do
		prog=${cmd%% *}
		tcase "$prog: a field over the record limit is a clear error"
		cp "$WORK/rules.csv" "$WORK/cle.csv" .
		args=()
		for a in $cmd; do
			args+=("${a//&/ }")
		done
		run 1 "${args[@]}" "$WORK/huge.csv"
		err_is <<EOF
$prog: $WORK/huge.csv:2: record larger than 67108864 bytes
EOF
		read -r st kb < <(python3 "$WORK/rss.py" "${args[@]}" \
		    "$WORK/huge.csv" 2>/dev/null)
		ok "peak memory ${kb:-?} KB < 400 MB" test "${kb:-999999999}" -lt 409600
	done
	rm -f "$WORK/huge.csv"

	tcase 'a row over the record limit made of many fields'
	{
		printf 'A'
		for i in $(seq 2 70); do printf ',C%d' "$i"; done
		printf '\n'
		head -c $((1024 * 1024)) /dev/zero | tr '\0' x >field
		for i in $(seq 70); do
			[ "$i" -gt 1 ] && printf ','
			cat field
		done
		printf '\n'
	} >wide.csv
	run 1 csvcopy wide.csv
	err_is <<'EOF'
csvcopy: wide.csv:2: record larger than 67108864 bytes
EOF
fi

tcase 'a 16 MiB field is read in linear time'
field $((16 * 1024 * 1024)) >in.csv
run 0 timeout 20 csvcopy in.csv
ok 'the output is the input' cmp -s out in.csv

tcase 'a header of 100000 columns is read in linear time'
awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "%sC%d", (i > 1 ? "," : ""), i
    print ""; for (i = 1; i <= 100000; i++) printf "%sv", (i > 1 ? "," : "")
    print "" }' >in.csv
run 0 timeout 10 csvcopy in.csv
ok 'the output is the input' cmp -s out in.csv
awk 'BEGIN { for (i = 1; i <= 100000; i++)
    printf "%sC%d", (i > 1 ? "," : ""), i % 99999; print "" }' >dup.csv
run 1 timeout 10 csvcopy dup.csv
err_is <<'EOF'
csvcopy: dup.csv:1: duplicate column 'C1' in header
EOF

tcase 'scrub: a rules file with 5000 rules'
awk 'BEGIN { print "column,action,argument,replacement"
    split("keep,blank,mask,truncate,replace", act, ",")
    split(",,2,3,------", arg, ",")
    for (i = 0; i < 5000; i++)
	printf "Col %d,%s,%s,\n", i, act[i % 5 + 1], arg[i % 5 + 1] }' >rules.csv
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%sCol %d", (i ? "," : ""), i
    print ""; for (r = 0; r < 3; r++) { for (i = 0; i < 5000; i++)
    printf "%svalue%d", (i ? "," : ""), i; print "" } }' >in.csv
run 0 timeout 20 scrub --rules rules.csv in.csv
ok 'four rows out' test "$(wc -l <out)" = 4
ok 'each action applied' test "$(sed -n 2p out | cut -d, -f1-5)" = \
    'value0,,va****,val,------'
ok 'and at the far end' test "$(sed -n 4p out | cut -d, -f4996-5000)" = \
    'value4995,,va*******,val,------'

tcase 'scrub: 3000 bad rules are each reported, then exit 2'
awk 'BEGIN { print "column,action,argument"
    for (i = 0; i < 3000; i++) printf "Col %d,explode,\n", i }' >rules.csv
printf 'Col 0\nx\n' >in.csv
run 2 timeout 20 scrub --rules rules.csv in.csv
ok '3000 messages' test "$(grep -c "rules.csv:[0-9]*: unknown action 'explode'" err)" = 3000
out_is </dev/null

tcase 'two million customers stream through every filter in constant memory'
awk 'BEGIN { print "No.,Name,Anonymized,Last Date Modified"
    for (i = 1; i <= 2000000; i++)
	printf "C%07d,Ada Example,No,2020-01-01\n", i }' >cust.csv
cp "$WORK/rules.csv" "$WORK/cle.csv" .
rss_under 65536 select-eligible cust.csv
rss_under 65536 check-open-docs --docs cle.csv --key 'Customer No.' cust.csv
rss_under 65536 check-period --anonymize-after 3Y --now $NOW --docs cle.csv \
    --key 'Customer No.' --date 'Posting Date' cust.csv
rss_under 65536 scrub --rules rules.csv cust.csv
rss_under 65536 stamp --now $NOW cust.csv
rm -f cust.csv

tcase 'a document source with two million keys'
awk 'BEGIN { print "Document Type,No.,Sell-to Customer No."
    for (i = 1; i <= 2000000; i++) printf "Order,SO%d,C%07d\n", i, 2 * i }' >sh.csv
awk 'BEGIN { print "Customer No.,Posting Date"
    for (i = 1; i <= 2000000; i++) printf "C%07d,2019-05-01\n", 2 * i }' >cle.csv
printf 'No.,Name\nC0000001,Ada Example\nC0000002,Bo Sample\nC3999999,Cy Testperson\nC4000000,Di Fictional\n' >cust.csv
run 0 check-open-docs --docs sh.csv --key 'Sell-to Customer No.' cust.csv
out_is <<'EOF'
No.,Name
C0000001,Ada Example
C3999999,Cy Testperson
EOF
run 0 check-open-docs --sorted --docs sh.csv --key 'Sell-to Customer No.' \
    cust.csv
out_is <<'EOF'
No.,Name
C0000001,Ada Example
C3999999,Cy Testperson
EOF
run 0 check-period --anonymize-after 3Y --now $NOW --docs cle.csv \
    --key 'Customer No.' --date 'Posting Date' cust.csv
out_is <<'EOF'
No.,Name
C0000001,Ada Example
C0000002,Bo Sample
C3999999,Cy Testperson
C4000000,Di Fictional
EOF
printf 'column,action\nNo.,keep\nName,blank\n' >rules.csv
run 0 scrub --rules rules.csv --keys cle.csv --keys-column 'Customer No.' \
    --key No. cust.csv
out_is <<'EOF'
No.,Name
C0000002,
C4000000,
EOF
rss_under 409600 check-open-docs --docs sh.csv --key 'Sell-to Customer No.' \
    cust.csv
rss_under 32768 check-open-docs --sorted --docs sh.csv \
    --key 'Sell-to Customer No.' cust.csv
rss_under 409600 check-period --anonymize-after 3Y --now $NOW --docs cle.csv \
    --key 'Customer No.' --date 'Posting Date' cust.csv
rss_under 32768 check-period --sorted --anonymize-after 3Y --now $NOW \
    --docs cle.csv --key 'Customer No.' --date 'Posting Date' cust.csv
rss_under 409600 scrub --rules rules.csv --keys cle.csv \
    --keys-column 'Customer No.' --key No. cust.csv
