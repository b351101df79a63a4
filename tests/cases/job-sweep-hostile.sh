# The sweep (--sweep, --mentions, --redact-mentions) attacked: where the
# list of mentions may go and what it may say, the forms a value takes
# in free text, and the summary against the list.  job-sweep.sh has the
# ordinary cases.
. "$TOP/tests/job-lib.sh"

# gl_company DIR: the fixture company and a general ledger (G/L Entry,
# read from its file name) whose descriptions are the lines of standard
# input, entry 1 onwards; C00080 (Peter Sand, +45 99 99 00 80,
# peter.sand@example.com) is anonymized by a default run.
gl_company() {
	local i=0 l
	cp -R "$FIX" "$1"
	printf 'Entry No.,G/L Account No.,Posting Date,Document No.,Description,Amount\n' \
	    >"$1/G%2FL Entry.csv"
	while IFS= read -r l; do
		i=$((i + 1))
		printf '%s,GL-6110,2026-01-10,G-%04d,"%s",0.00\n' "$i" "$i" "$l" \
		    >>"$1/G%2FL Entry.csv"
	done
}

tcase "--mentions naming the database, its link, a file of --dir or a folder: refused before anything is read"
gl_company exports <<<'Refund peter.sand@example.com'
job_db co.db exports
job_py dump co.db >before
ln -s co.db link.db
for m in co.db ./link.db; do
	run 2 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW --sweep --mentions "$m"
	err_has "--mentions $m: the database's own file"
done
db_unchanged
ok "co.db still a database" test "$(job_integrity co.db)" = ok
cp exports/Customer.csv customer.before
run 2 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --mentions exports/Customer.csv
err_has "--mentions exports/Customer.csv: a file of --dir (the exports)"
ok "the export as it was" cmp exports/Customer.csv customer.before
ok "no --out made" test ! -e changes
mkdir folder
run 2 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --yes --mentions folder C00080
err_has "--mentions folder: a folder (give a file)"
ok "nothing written into the folder" test -z "$(ls -A folder)"
ok "no temporary folder left" job_nowork

tcase "--mentions over an existing file and a link to another file: the file replaced (mode 0600), the link's target untouched"
gl_company exports <<<'Refund peter.sand@example.com'
printf 'old list\n' >old.csv
chmod 644 old.csv
printf 'not ours\n' >target
ln -s target link.csv
for m in old.csv link.csv; do
	rm -rf changes
	run 0 "$PIPE/anonymize-customers" --dir exports --out changes \
	    --user ADMIN --now $NOW --mentions "$m"
	err_empty
	ok "$m: a file of its own" test -f "$m" -a ! -L "$m"
	ok "$m: mode 0600" test "$(stat -c %a "$m")" = 600
	ok "$m: the list" grep -qx 'C00080,G/L Entry,Description,1' "$m"
done
file_is target <<<'not ours'

tcase "a run that stops (a stray quote in a swept export) writes no list and says nothing of a value"
gl_company exports <<<'Refund peter.sand@example.com'
printf '%s\n' '2,GL-6110,2026-01-10,G-0002,Paid "xq7marker,0.00' \
    >>'exports/G%2FL Entry.csv'
run 1 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --redact-mentions --mentions m.csv
err_has 'failed: nothing changed'
err_lacks xq7marker
ok "no list" test ! -e m.csv
ok "no --out made" test ! -e changes
ok "no temporary folder left" job_nowork

tcase "a value never in what the run writes: stdout, stderr, the list, the change files"
gl_company exports <<'EOF'
Refund PETER.SAND@EXAMPLE.COM for xq7marker
Call +45 99 99 00 80 re xq7marker
EOF
sed -i 's/^C00080,Peter Sand,PETER SAND,/C00080,Peter Xqmarkson,PETER XQMARKSON,/' \
    exports/Customer.csv
ok "the marker planted" grep -q '^C00080,Peter Xqmarkson,' exports/Customer.csv
printf '%s\n' '3,GL-6110,2026-01-10,G-0003,Visit by peter xqmarkson,0.00' \
    >>'exports/G%2FL Entry.csv'
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --redact-mentions --mentions m.csv
err_empty
ok "the three rows listed" test "$(grep -c '^C00080,G/L Entry,Description,' m.csv)" = 3
ok "no marker, e-mail or phone anywhere" test -z "$(grep -ril \
    -e xqmarkson -e peter.sand@ -e '99 99 00 80' out err m.csv changes)"

tcase "the forms of a value in free text: each found, redacted, counted once in the summary and the list"
gl_company exports <<'EOF'
mail PETER.SAND@EXAMPLE.COM
mail peter.sand@example.com.
see mailto:peter.sand@example.com?subject=x
https://x.example/peter.sand@example.com/
call 99.99.00.80
call 99-99-00-80
call 0045 99990080
call 99990080
call +4599990080
call (+45) 99 99 00 80
TLF4599990080
PETER  SAND
peter.sand＠example.com
EOF
printf '%s\n' '14,GL-6110,2026-01-10,G-0014,"Peter' 'Sand",0.00' \
    '15,GL-6110,2026-01-10,G-0015,Petersen Sandström,0.00' \
    '16,GL-6110,2026-01-10,G-0016,call 999900800,0.00' \
    >>'exports/G%2FL Entry.csv'
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --redact-mentions --mentions m.csv
err_empty
{ grep '^C00080,G/L Entry,' m.csv | cut -d, -f 4 | tr '\n' ' '; echo; } >keys
file_is keys <<<'1 2 3 4 5 6 7 8 9 10 11 12 13 14 '
ok "the summary counts the list's rows" grep -qx \
    "residual mentions: $(($(wc -l <m.csv) - 1))" out
ok "longer words, a longer number: no mention, not redacted" \
    test -z "$(grep -e '^1[56],' 'changes/G%2FL Entry.csv')"
ok "no e-mail or phone left in the change file" test -z "$(grep -i \
    -e 'sand@' -e 'sand＠' -e '99.99.00.80' -e 99990080 'changes/G%2FL Entry.csv')"

tcase "an empty swept table and a field of 1 MB: swept, the field's mention redacted, every other byte kept"
gl_company exports </dev/null
printf 'Table Name,No.,Line No.,Date,Code,Comment\n' >'exports/Comment Line.csv'
{
	printf '1,GL-6110,2026-01-10,G-0001,"'
	head -c 1000000 /dev/zero | tr '\0' x
	printf ' peter.sand@example.com",0.00\n'
} >>'exports/G%2FL Entry.csv'
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --redact-mentions --mentions m.csv
err_empty
ok "one mention" grep -qx 'residual mentions: 1' out
ok "the field redacted, its length less the address plus the mark" \
    test "$(cut -d, -f 5 'changes/G%2FL Entry.csv' | tail -n 1 | wc -c)" = \
    $((1000000 + 1 + 10 + 1))
ok "the empty table no unswept one" test -z "$(grep -x '  Comment Line' out)"

tdone

# The review's findings: the sweep searched (and --redact-mentions
# rewrote) the codes and amounts of a swept table that types.csv did not
# type, and took a first name or a surname alone for a mention, so a
# nightly run would blank every "Peter" of the ledger.
tcase "--redact-mentions: a code or an amount that spells a phone, a first name or a surname alone: neither listed nor redacted"
cp -R "$FIX" exports
cat >"exports/G%2FL Entry.csv" <<'EOF'
Entry No.,G/L Account No.,Posting Date,Document No.,Description,Amount
1,99990080,2026-01-10,G-0001,Sand for the yard 2 t,99990080
2,GL-6110,2026-01-10,99990080,Peter from IT approved,0.00
3,GL-6110,2026-01-10,G-0003,Refund Peter Sand,0.00
4,GL-6110,2026-01-10,G-0004,Call +45 99 99 00 80,0.00
EOF
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --redact-mentions --mentions m.csv
ok "the full name and the phone in a description: listed" \
    test "$(grep -c '^C00080,G/L Entry,Description,[34]$' m.csv)" = 2
ok "nothing else listed" test "$(grep -c '^C00080,' m.csv)" = 2
ok "entries 3 and 4 redacted" \
    test "$(grep -c '^[34],GL-6110,.*\[REDACTED\]' "changes/G%2FL Entry.csv")" = 2
ok "entries 1 and 2 left as they are" \
    test "$(grep -c '^[12],' "changes/G%2FL Entry.csv")" = 0
ok "two mentions in the summary" grep -qx "residual mentions: 2" out

tcase "--mentions -: refused (standard output carries the summary); the list lands whole, nothing left beside it"
gl_company exports <<<'Refund peter.sand@example.com'
run 2 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --mentions -
err_has "--mentions -: give a file (standard output carries the summary)"
ok "no file named -" test ! -e ./-
mkdir lists
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --mentions lists/m.csv
ok "the list" grep -qx 'C00080,G/L Entry,Description,1' lists/m.csv
ok "mode 0600" test "$(stat -c %a lists/m.csv)" = 600
ok "nothing else in its folder" test "$(ls -A lists)" = m.csv
