# The sweep (--sweep, --mentions FILE): after the scrub, every table the
# spec sweeps (rules/tables.csv, sweep yes) is searched for the
# anonymized customers' e-mail addresses, phones, IBANs, VAT numbers and
# names, whatever row holds them; listed by table, column, key and
# customer, never the value; a swept table the company lacks is said.
# job-pg-sweep.sh runs the first case against PostgreSQL.
. "$TOP/tests/job-lib.sh"

# sweep_company DIR: the fixture company, with a general ledger and
# comment lines that name anonymized customers (C00010 Åse Ødegård,
# C00030 Zoë Marchetti, C00060 Łukasz Wiśniewski) and one held back
# (C00040 Henrik Dalgaard), and a ledger entry of a live customer that
# names C00010.
sweep_company() {
	cp -R "$FIX" "$1"
	cat >"$1/G%2FL Entry.csv" <<'EOF'
Entry No.,G/L Account No.,Posting Date,Document No.,Description,Amount
1,GL-6110,2026-01-10,G-0101,Refund ASE.ODEGARD@example.com,-10.00
2,GL-6110,2026-01-11,G-0102,"Call Zoë
Marchetti on +39 06 5550 0030",0.00
3,GL-6110,2026-01-12,G-0103,Henrik Dalgaard visit,0.00
4,GL-6110,2026-01-13,G-0104,Office supplies,99.00
EOF
	cat >"$1/Comment Line.csv" <<'EOF'
Table Name,No.,Line No.,Date,Code,Comment
Customer,C00060,10000,2026-01-05,,ŁUKASZ WIŚNIEWSKI asked for a call back
G/L Account,GL-6110,10000,2026-01-05,,no one named here
EOF
	printf '%s\n' '90001,C00040,Henrik Dalgaard,2026-01-20,Payment,P-90001,"Paid for ase.odegard@example.com",-5.00,No,,,,' \
	    >>"$1/Cust. Ledger Entry.csv"
}

MENTIONS='Customer No.,Table,Column,Key
C00010,Cust. Ledger Entry,Description,90001
C00010,G/L Entry,Description,1
C00030,G/L Entry,Description,2
C00060,Comment Line,Comment,Customer|C00060|10000'

tcase "$([ "$JOB_BACKEND" = pg ] && echo --pg || echo --db) --sweep: the same mentions, the tables exported in the run's snapshot"
sweep_company exports
job_db co.db exports
job_sql co.db <<'EOF'
ALTER TABLE "G%2FL Entry" RENAME TO "G/L Entry";
EOF
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW \
    --sweep --mentions mentions.csv
err_empty
ok "the summary counts them" grep -qx 'residual mentions: 4' out
file_is mentions.csv <<<"$MENTIONS"
ok "no temporary folder left" job_nowork

# The rest reads no database.
[ "$JOB_BACKEND" = sqlite ] || return 0

tcase "--dir --sweep --mentions: every swept table searched, each mention listed by key, never the value"
sweep_company exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --sweep --mentions mentions.csv
sed '/^time taken: /d' out >summary
file_is summary <<'EOF'
candidates: 22
anonymized: 11
held back: 11
  open sales document: 4
  open ledger entry: 4
  journal line: 1
  member: 2
  bill-to of a live customer: 1
contacts kept, shared with a live relation: 3
residual mentions: 4
not swept (not in the export):
  Posted Gen. Journal Line
EOF
err_empty
file_is mentions.csv <<<"$MENTIONS"
ok "the list is private" test "$(stat -c %a mentions.csv)" = 600
ok "no value in the list" \
    test -z "$(grep -i -e odegard -e marchetti -e 5550 -e dalgaard mentions.csv)"
ok "no temporary folder left" job_nowork

tcase "without --sweep: nothing swept, the summary as before"
sweep_company exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
err_empty
ok "no sweep line" test -z "$(grep -e 'residual' -e 'not swept' out)"

tcase "--mentions alone sweeps; a company without any swept table"
cp -R "$FIX" exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --mentions m.csv
sed -n '/^residual/,/^time/p' out | sed '/^time taken: /d' >summary
file_is summary <<'EOF'
residual mentions: 0
not swept (not in the export):
  Posted Gen. Journal Line
  G/L Entry
  Comment Line
EOF
file_is m.csv <<'EOF'
Customer No.,Table,Column,Key
EOF

tcase "a scrubbed table swept: its changed rows as changed, another customer's as they are"
sweep_company exports
printf '%s\n' 'C00040,GAVE,Åse Ødegård,,Parkvej 1,,Odense C,5000,,DK,,,,,,,MAIN,2026-01-01' \
    >>"exports/Ship-to Address.csv"
cp -R "$PIPE/rules" rules
sed -i 's/^\(Ship-to Address,222,.*\),$/\1,yes/' rules/tables.csv
ok "the spec sweeps Ship-to Address" \
    grep -q '^Ship-to Address,222,.*,yes$' rules/tables.csv
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --rules rules --mentions m.csv
err_empty
ok "the live customer's row names C00010" \
    grep -qx 'C00010,Ship-to Address,Name,C00040|GAVE' m.csv
ok "C00010's own ship-to rows, scrubbed, name no one" \
    test -z "$(grep ',C00010|' m.csv)"

tcase "--redact-mentions (--dir): the mentions redacted in the change files, one row once"
sweep_company exports
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --redact-mentions
err_empty
ok "the summary counts them" grep -qx '  rows redacted: 4' out
file_is 'changes/G%2FL Entry.csv' <<'EOF'
Entry No.,G/L Account No.,Posting Date,Document No.,Description,Amount
1,GL-6110,2026-01-10,G-0101,Refund [REDACTED],-10.00
2,GL-6110,2026-01-11,G-0102,Call [REDACTED] on [REDACTED],0.00
EOF
file_is 'changes/Comment Line.csv' <<'EOF'
Table Name,No.,Line No.,Date,Code,Comment
Customer,C00060,10000,2026-01-05,,[REDACTED] asked for a call back
EOF
grep -c '^90001,' 'changes/Cust. Ledger Entry.csv' >n
file_is n <<<1
grep '^90001,' 'changes/Cust. Ledger Entry.csv' >row
file_is row <<'EOF'
90001,C00040,Henrik Dalgaard,2026-01-20,Payment,P-90001,Paid for [REDACTED],-5.00,No,,,,
EOF

tcase "a live customer named as an anonymized one: its own name in its entries is no mention, nor redacted"
sweep_company exports
# C00041, live (modified this year), shares C00010's name.
sed -i '/^C00040,/a C00041,Åse Ødegård,ÅSE ØDEGÅRD,,Vestergade 9,,Odense C,5000,,DK,Åse Ødegård,+45 99 99 00 41,,,,ase.odegard41@example.org,,,,,DOMESTIC,DOMESTIC,DOMESTIC,14D,,DAN,,,,No,2026-06-01,No,,No,' \
    exports/Customer.csv
ok "C00041 added" grep -q '^C00041,Åse Ødegård,' exports/Customer.csv
printf '%s\n' '90002,C00041,Åse Ødegård,2026-06-02,Payment,P-90002,"Paid by Åse Ødegård",-5.00,No,,,,' \
    >>"exports/Cust. Ledger Entry.csv"
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW --redact-mentions --mentions mentions.csv
err_empty
ok "the summary counts the same mentions" grep -qx 'residual mentions: 4' out
file_is mentions.csv <<<"$MENTIONS"
ok "C00041's entry is not redacted" \
    test -z "$(grep '^90002,' 'changes/Cust. Ledger Entry.csv')"
ok "C00041 is not anonymized" \
    test -z "$(grep '^C00041,' changes/Customer.csv)"
ok "no temporary folder left" job_nowork

tcase "--redact-mentions (--db): the redacted rows imported in the same transaction, every other row byte-identical"
sweep_company exports
job_db swept.db exports
job_sql swept.db <<'EOF'
ALTER TABLE "G%2FL Entry" RENAME TO "G/L Entry";
EOF
job_cp swept.db redacted.db
run 0 "$PIPE/anonymize-customers" $(job_at swept.db) --user ADMIN \
    --now $NOW --sweep
run 0 "$PIPE/anonymize-customers" $(job_at redacted.db) --user ADMIN \
    --now $NOW --redact-mentions
err_empty
ok "the summary counts them" grep -qx '  rows redacted: 4' out
job_py dump swept.db >a
job_py dump redacted.db >b
diff a b | sed -n 's/^> //p' | cut -f 1,3 | sort >changed
file_is changed <<'EOF'
Comment Line	('Customer', 'C00060', '10000', '2026-01-05', '', '[REDACTED] asked for a call back')
Cust. Ledger Entry	('90001', 'C00040', 'Henrik Dalgaard', '2026-01-20', 'Payment', 'P-90001', 'Paid for [REDACTED]', '-5.00', 'No', '', '', '', '')
G/L Entry	('1', 'GL-6110', '2026-01-10', 'G-0101', 'Refund [REDACTED]', '-10.00')
G/L Entry	('2', 'GL-6110', '2026-01-11', 'G-0102', 'Call [REDACTED] on [REDACTED]', '0.00')
EOF
ok "as many rows before as after" \
    test "$(diff a b | grep -c '^<')" = "$(diff a b | grep -c '^>')"
ok "no value left in the swept tables" test -z "$(grep -e '^G/L Entry' \
    -e '^Comment Line' b | grep -i -e odegard -e marchetti -e 5550 -e wiśniewski)"
ok "no temporary folder left" job_nowork

tcase "anonymize-customer --redact-mentions --mentions: the one customer's mentions, as the nightly job's"
sweep_company exports
run 0 "$PIPE/anonymize-customer" --dir exports --out changes --user ADMIN \
    --now $NOW --yes --redact-mentions --mentions m.csv C00010
err_empty
ok "the summary counts them" grep -qx 'residual mentions: 2' out
ok "and the rows redacted" grep -qx '  rows redacted: 2' out
file_is m.csv <<'EOF'
Customer No.,Table,Column,Key
C00010,Cust. Ledger Entry,Description,90001
C00010,G/L Entry,Description,1
EOF
ok "the list is private" test "$(stat -c %a m.csv)" = 600
file_is 'changes/G%2FL Entry.csv' <<'EOF'
Entry No.,G/L Account No.,Posting Date,Document No.,Description,Amount
1,GL-6110,2026-01-10,G-0101,Refund [REDACTED],-10.00
EOF
grep '^90001,' 'changes/Cust. Ledger Entry.csv' >row
file_is row <<'EOF'
90001,C00040,Henrik Dalgaard,2026-01-20,Payment,P-90001,Paid for [REDACTED],-5.00,No,,,,
EOF
run 0 "$PIPE/anonymize-customer" --dir exports --out changes2 --user ADMIN \
    --now $NOW --yes --sweep C00030
ok "--sweep alone: counted, nothing redacted" \
    test "$(grep -e '^residual' -e 'redacted' out)" = 'residual mentions: 1'
run 2 "$PIPE/anonymize-customer" --dir exports --out changes3 --user ADMIN \
    --now $NOW --yes --mentions '' C00030
err_has "--mentions is empty"
ok "no temporary folder left" job_nowork

tcase "a setup table is never swept: the spec is refused"
cp -R "$PIPE/rules" rules
sed -i 's/^\(User Setup,91,.*\),$/\1,yes/' rules/tables.csv
run 2 "$PIPE/anonymize-customers" --dir "$FIX" --out changes --user ADMIN \
    --now $NOW --rules rules --sweep
err_has "User Setup: a setup table is never swept"

tdone
