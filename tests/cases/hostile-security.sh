# hostile-security: customer numbers, column names, values, file names,
# reasons and user IDs holding shell and SQL metacharacters are plain data
# in the five filters; no message or log row carries a field value (a
# marker value is planted in every kind of bad input and searched for in
# everything the filter wrote); a user without permission can do nothing.

NOW=2026-11-29T23:15:00Z
SQL=''\''; DROP TABLE "CUSTOMER"; --'
M=ZQXMARKER

# hostile: customers whose numbers are SQL, command substitutions,
# backticks and a line break, with plain neighbours.
hostile() {
	cat >cust.csv <<'EOF'
No.,Name,Anonymized
C0001,Ada Example,No
"'; DROP TABLE ""CUSTOMER""; --",Bo Sample,No
$(>PWNED),Cy Testperson,No
`>PWNED`,Di Fictional,No
"C1
C2",Ed Newline,No
EOF
}

# nothing_ran: no command substitution or backtick was ever executed.
nothing_ran() {
	ok 'no command ran' test -z "$(find "$WORK" -iname 'pwned*')"
}

tcase 'select-eligible: metacharacters in customer numbers are plain data'
hostile
run 0 select-eligible --customer "$SQL" --customer '$(>PWNED)' \
    --customer '`>PWNED`' --customer $'C1\nC2' cust.csv
out_is <<'EOF'
No.,Name,Anonymized
"'; DROP TABLE ""CUSTOMER""; --",Bo Sample,No
$(>PWNED),Cy Testperson,No
`>PWNED`,Di Fictional,No
"C1
C2",Ed Newline,No
EOF
err_empty
run 0 select-eligible --where "No.='''; DROP TABLE \"CUSTOMER\"; --'" cust.csv
out_is <<'EOF'
No.,Name,Anonymized
"'; DROP TABLE ""CUSTOMER""; --",Bo Sample,No
EOF
run 0 select-eligible --where "No.='\$(>PWNED)'|\`>PWNED\`" cust.csv
out_is <<'EOF'
No.,Name,Anonymized
$(>PWNED),Cy Testperson,No
`>PWNED`,Di Fictional,No
EOF
nothing_ran

tcase 'select-eligible: a refused number is one quoted log row'
hostile
run 0 select-eligible --customer "$SQL; --x" --customer $'C9\nC9,Anonymized' \
    --now $NOW --user ADMIN --log log.csv cust.csv
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
"'; DROP TABLE ""CUSTOMER""; --; --x",Not anonymized,customer not found,2026-11-29T23:15:00Z,ADMIN
"C9
C9,Anonymized",Not anonymized,customer not found,2026-11-29T23:15:00Z,ADMIN
EOF
nothing_ran

tcase 'a customer number with a line break cannot forge a message line'
hostile
run 0 select-eligible --customer $'C9\nselect-eligible: forged' cust.csv
ok 'one message line' test "$(wc -l <err)" = 1
ok 'no forged message line' test "$(grep -c '^select-eligible: forged' err)" = 0

tcase 'check-open-docs: hostile keys, column, file name, reason and user'
hostile
cat >'$(>PWNED);'\''".csv' <<'EOF'
Document Type,No.,Sell-to Customer No.,$(>PWNED) `x`
Order,SO-1,"'; DROP TABLE ""CUSTOMER""; --",Yes
Order,SO-2,`>PWNED`,No
EOF
run 0 check-open-docs --docs '$(>PWNED);'\''".csv' \
    --key 'Sell-to Customer No.' --where '$(>PWNED) `x`=Yes' \
    --reason '$(reboot); DROP TABLE x' --user "$SQL" --now $NOW \
    --log log.csv cust.csv
out_is <<'EOF'
No.,Name,Anonymized
C0001,Ada Example,No
$(>PWNED),Cy Testperson,No
`>PWNED`,Di Fictional,No
"C1
C2",Ed Newline,No
EOF
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
"'; DROP TABLE ""CUSTOMER""; --",Not anonymized,$(reboot); DROP TABLE x,2026-11-29T23:15:00Z,"'; DROP TABLE ""CUSTOMER""; --"
EOF
run 1 check-open-docs --docs '$(>PWNED);'\''".csv' --key 'Customer No.' \
    cust.csv
err_is <<'EOF'
check-open-docs: $(>PWNED);'".csv:1: missing column 'Customer No.'
EOF
nothing_ran

tcase 'check-period: a hostile key matches only itself'
hostile
cat >cle.csv <<'EOF'
Customer No.,Posting Date
"'; DROP TABLE ""CUSTOMER""; --",2026-05-01
"C1
C2",2019-05-01
EOF
run 0 check-period --anonymize-after 3Y --now $NOW --docs cle.csv \
    --key 'Customer No.' --date 'Posting Date' cust.csv
out_is <<'EOF'
No.,Name,Anonymized
C0001,Ada Example,No
$(>PWNED),Cy Testperson,No
`>PWNED`,Di Fictional,No
"C1
C2",Ed Newline,No
EOF
nothing_ran

tcase 'scrub: hostile column names, rule arguments and keys'
cat >rules.csv <<'EOF'
column,action,argument,replacement
No.,keep,,
$(>PWNED),blank,,
"'; DROP TABLE ""x""; --",replace,`>PWNED`,
EOF
cat >in.csv <<'EOF'
No.,$(>PWNED),"'; DROP TABLE ""x""; --"
"'; DROP TABLE ""CUSTOMER""; --",Ada,Example
C0002,Bo,Sample
EOF
printf '%s\n' No. '"'\''; DROP TABLE ""CUSTOMER""; --"' >keys.csv
run 0 scrub --rules rules.csv --keys keys.csv --key No. in.csv
out_is <<'EOF'
No.,$(>PWNED),"'; DROP TABLE ""x""; --"
"'; DROP TABLE ""CUSTOMER""; --",,`>PWNED`
EOF
nothing_ran

tcase 'stamp: hostile --set value and user are written literally'
hostile
run 0 stamp --set 'Name=$(>PWNED)' --user '`>PWNED`' --now $NOW \
    --log log.csv cust.csv
out_is <<'EOF'
No.,Name,Anonymized,Anonymized Date
C0001,$(>PWNED),Yes,2026-11-29T23:15:00Z
"'; DROP TABLE ""CUSTOMER""; --",$(>PWNED),Yes,2026-11-29T23:15:00Z
$(>PWNED),$(>PWNED),Yes,2026-11-29T23:15:00Z
`>PWNED`,$(>PWNED),Yes,2026-11-29T23:15:00Z
"C1
C2",$(>PWNED),Yes,2026-11-29T23:15:00Z
EOF
run 0 csvjson log.csv
ok 'the log reads back as five rows of five fields' \
    test "$(grep -c '"User":"`>PWNED`"' out)" = 5
nothing_ran

# -- No field value in any message or log row ------------------------------

# noleak STATUS CMD...: run CMD, assert STATUS, and that the marker is in
# nothing it wrote: standard error, the log, and unless it succeeded (and
# so passed the row through) standard output.
noleak() {
	local outs="err log.csv"
	[ "$1" = 0 ] || outs="out $outs"
	run "$@"
	# shellcheck disable=SC2086
	ok "no marker in $outs" \
	    test -z "$(cat $outs 2>/dev/null | grep -a "$M")"
}

# bad KIND: a customer stream whose third record is malformed as KIND
# says, the marker inside it.
bad() {
	printf 'No.,Name,E-Mail,Anonymized,To Anonymize On,Last Date Modified\n'
	printf 'C0001,Ada Example,ada@example.com,No,2026-01-01,2020-01-01\n'
	case $1 in
	ragged)	printf 'C0002,%s,x,No,2026-01-01,2020-01-01,%s\n' $M $M ;;
	short)	printf 'C0002,%s\n' $M ;;
	open)	printf 'C0002,"%s,x,No,2026-01-01,2020-01-01\n' $M ;;
	stray)	printf 'C0002,%s"x,x,No,2026-01-01,2020-01-01\n' $M ;;
	after)	printf 'C0002,"%s"x,x,No,2026-01-01,2020-01-01\n' $M ;;
	nul)	printf 'C0002,%s\000%s,x,No,2026-01-01,2020-01-01\n' $M $M ;;
	bool)	printf 'C0002,Bo,bo@example.org,%s,2026-01-01,2020-01-01\n' $M ;;
	date)	printf 'C0002,Bo,bo@example.org,No,%s,%s\n' $M $M ;;
	utf8)	printf 'C0002,%s\377,x,No,2026-01-01,2020-01-01\n' $M ;;
	esac
	printf 'C0003,Cy Testperson,cy@example.com,No,2026-01-01,2020-01-01\n'
}

cat >"$WORK/rules.csv" <<'EOF'
column,action,argument,replacement
No.,keep,,
Name,redact-pii,,
E-Mail,regex,@.*,@example.invalid
To Anonymize On,year,,
Last Date Modified,year,,
*,keep,,
EOF
printf 'Entry No.,Customer No.,Posting Date,Open\n1,C0003,2019-01-01,Yes\n' \
    >"$WORK/cle.csv"

for kind in ragged short open stray after nul bool date utf8; do
	tcase "no field value in any message: $kind input"
	bad $kind >in.csv
	cp "$WORK/rules.csv" "$WORK/cle.csv" .
	case $kind in
	bool)	noleak 1 select-eligible --now $NOW --log log.csv in.csv ;;
	date)	noleak 1 select-eligible --due --now $NOW --log log.csv in.csv ;;
	utf8)	noleak 0 select-eligible --now $NOW --log log.csv in.csv ;;
	*)	noleak 1 select-eligible --now $NOW --log log.csv in.csv ;;
	esac
	case $kind in
	bool|date|utf8) st=0 ;;
	*) st=1 ;;
	esac
	noleak $st check-open-docs --docs cle.csv --key 'Customer No.' \
	    --where Open=Yes --now $NOW --log log.csv in.csv
	noleak $st check-open-docs --docs in.csv --key 'No.' --now $NOW \
	    --customer-key 'Customer No.' --log log.csv cle.csv
	case $kind in
	date)	st=1 ;;
	esac
	noleak $st check-period --anonymize-after 3Y --now $NOW --docs cle.csv \
	    --key 'Customer No.' --date 'Posting Date' \
	    --customer-date 'Last Date Modified' --log log.csv in.csv
	noleak $st check-period --anonymize-after 3Y --now $NOW --docs in.csv \
	    --key 'No.' --date 'Last Date Modified' \
	    --customer-key 'Customer No.' --log log.csv cle.csv
	case $kind in
	bool)	st=0 ;;
	utf8)	st=1 ;;
	esac
	noleak $st scrub --rules rules.csv in.csv
	case $kind in
	bool|date|utf8) st=0 ;;
	esac
	noleak $st stamp --now $NOW --log log.csv in.csv
done

tcase 'no field value in any message: held back under --strict'
printf 'No.,Name\nC0001,%s\n' $M >in.csv
printf 'Customer No.,Open\nC0001,Yes\n' >cle.csv
noleak 3 check-open-docs --docs cle.csv --key 'Customer No.' \
    --where Open=Yes --strict --now $NOW --log log.csv in.csv
printf 'Customer No.,Posting Date\nC0001,2026-11-01\n' >cle.csv
noleak 3 check-period --anonymize-after 3Y --now $NOW --docs cle.csv \
    --key 'Customer No.' --date 'Posting Date' --strict --log log.csv in.csv

tcase 'no field value in any message: a bad permission value'
printf 'User ID,Anonymize Customers\nADMIN,%s\n' $M >us.csv
printf 'No.,Name\nC0001,Ada Example\n' >in.csv
noleak 3 select-eligible --user ADMIN --user-setup us.csv --now $NOW \
    --log log.csv in.csv
err_is <<'EOF'
select-eligible: user 'ADMIN' may not anonymize customers (User Setup)
EOF

# -- A user without permission can do nothing -----------------------------

tcase 'a user without permission selects nothing, in every mode'
printf '%s\n' 'User ID,Anonymize Customers' ADMIN,Yes CLERK,No AUDITOR, \
    DUP,Yes DUP,No 'SPACE,Yes ' '"'\''; DROP TABLE ""CUSTOMER""; --",Yes' \
    >us.csv
printf '%s\n' 'No.,Name,Anonymized,To Anonymize On' \
    'C0001,Ada Example,No,2026-01-01' >in.csv
for u in CLERK AUDITOR DUP SPACE NOBODY '' "'"; do
	for mode in '' --due --count '--customer C0001' '--limit 1'; do
		# shellcheck disable=SC2086
		run 3 select-eligible $mode --user "$u" --user-setup us.csv \
		    --now $NOW in.csv
		out_is </dev/null
	done
done
run 3 select-eligible --user CLERK --user-setup us.csv in.csv
err_is <<'EOF'
select-eligible: user 'CLERK' may not anonymize customers (User Setup)
EOF
run 3 select-eligible --user NOBODY --user-setup us.csv in.csv
err_is <<'EOF'
select-eligible: user 'NOBODY' has no User Setup row
EOF
run 0 select-eligible --count --user "$SQL" --user-setup us.csv in.csv
out_is <<'EOF'
1
EOF
