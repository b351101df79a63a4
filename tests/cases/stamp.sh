# stamp: the columns it sets, appended columns, boolean spellings kept,
# --set, log rows, CSV dialects and bad inputs.

NOW=2026-11-29T23:15:00Z

tcase "every column: Anonymized, Anonymized Date, To Anonymize, Blocked"
cat >in.csv <<'EOF'
No.,Name,Blocked,Anonymized,Anonymized Date,To Anonymize,City
C0001,------,,No,,Yes,
C0002,------,Ship,No,2020-01-01T00:00:00Z,No,
EOF
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
No.,Name,Blocked,Anonymized,Anonymized Date,To Anonymize,City
C0001,------,All,Yes,2026-11-29T23:15:00Z,No,
C0002,------,All,Yes,2026-11-29T23:15:00Z,No,
EOF
err_empty

tcase "--now given as a date means its midnight UTC; runs are reproducible"
printf 'No.,Anonymized,Anonymized Date\nC1,No,\n' >in.csv
run 0 stamp --now 2026-11-29 in.csv
out_is <<'EOF'
No.,Anonymized,Anonymized Date
C1,Yes,2026-11-29T00:00:00Z
EOF
stamp --now 2026-11-29 in.csv >first
run 0 stamp --now 2026-11-29 in.csv
out_file_is first

tcase "--now with an offset is written in UTC"
printf 'No.,Anonymized,Anonymized Date\nC1,No,\n' >in.csv
run 0 stamp --now 2026-11-30T01:15:00+02:00 in.csv
out_is <<'EOF'
No.,Anonymized,Anonymized Date
C1,Yes,2026-11-29T23:15:00Z
EOF

tcase "without --now the clock is used"
printf 'No.,Anonymized Date\nC1,\n' >in.csv
run 0 stamp in.csv
ok "a current ISO 8601 UTC stamp" \
    grep -qE "^C1,$(date -u +%Y-%m-%d)T[0-9]{2}:[0-9]{2}:[0-9]{2}Z,Yes\$" out

tcase "missing Anonymized and Anonymized Date are appended, in that order"
printf 'No.,Name\nC1,------\nC2,------\n' >in.csv
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
No.,Name,Anonymized,Anonymized Date
C1,------,Yes,2026-11-29T23:15:00Z
C2,------,Yes,2026-11-29T23:15:00Z
EOF

tcase "only the missing one is appended"
printf 'No.,Anonymized Date,Name\nC1,,------\n' >in.csv
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
No.,Anonymized Date,Name,Anonymized
C1,2026-11-29T23:15:00Z,------,Yes
EOF
printf 'Anonymized,No.\nfalse,C1\n' >in.csv
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
Anonymized,No.,Anonymized Date
true,C1,2026-11-29T23:15:00Z
EOF

tcase "To Anonymize and Blocked only when the columns exist"
printf 'No.,Anonymized,Anonymized Date\nC1,No,\n' >in.csv
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
No.,Anonymized,Anonymized Date
C1,Yes,2026-11-29T23:15:00Z
EOF

tcase "boolean spellings are kept: family and letter case"
cat >in.csv <<'EOF'
No.,Anonymized,To Anonymize
S1,0,1
S2,false,true
S3,FALSE,TRUE
S4,False,True
S5,no,yes
S6,NO,YES
S7,No,Yes
S8,,
S9,1,0
S10,n/a,maybe
EOF
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
No.,Anonymized,To Anonymize,Anonymized Date
S1,1,0,2026-11-29T23:15:00Z
S2,true,false,2026-11-29T23:15:00Z
S3,TRUE,FALSE,2026-11-29T23:15:00Z
S4,True,False,2026-11-29T23:15:00Z
S5,yes,no,2026-11-29T23:15:00Z
S6,YES,NO,2026-11-29T23:15:00Z
S7,Yes,No,2026-11-29T23:15:00Z
S8,Yes,No,2026-11-29T23:15:00Z
S9,1,0,2026-11-29T23:15:00Z
S10,Yes,No,2026-11-29T23:15:00Z
EOF
err_empty

tcase "--set sets further columns"
printf 'No.,Name,Comment,Anonymized,Anonymized Date\nC1,Ola Invented,vip,No,\n' >in.csv
run 0 stamp --set 'Name=------' --set 'Comment=' --now $NOW in.csv
out_is <<'EOF'
No.,Name,Comment,Anonymized,Anonymized Date
C1,------,,Yes,2026-11-29T23:15:00Z
EOF

tcase "--set overrides the defaults, also of appended columns"
printf 'No.,Blocked,To Anonymize\nC1,,Yes\n' >in.csv
run 0 stamp --set Blocked=Invoice --set 'To Anonymize=Later' \
    --set Anonymized=1 --set 'Anonymized Date=2026-11-29' --now $NOW in.csv
out_is <<'EOF'
No.,Blocked,To Anonymize,Anonymized,Anonymized Date
C1,Invoice,Later,1,2026-11-29
EOF

tcase "--set: the last of the same column wins; values are quoted as needed"
printf 'No.,Note\nC1,x\n' >in.csv
run 0 stamp --set Note=a --set 'Note=b, "c"' --now $NOW in.csv
out_is <<'EOF'
No.,Note,Anonymized,Anonymized Date
C1,"b, ""c""",Yes,2026-11-29T23:15:00Z
EOF

tcase "--set on a missing column is a data error"
printf 'No.,Name\nC1,Pia Invented\n' >in.csv
run 1 stamp --set 'Name 2=------' --now $NOW in.csv
err_is <<'EOF'
stamp: in.csv:1: missing column 'Name 2'
EOF
out_is </dev/null

tcase "--set without = is a usage error"
run 2 stamp --set Name in.csv
err_is <<'EOF'
stamp: --set takes COLUMN=VALUE
Try 'stamp --help' for more information.
EOF

tcase "column options rename what is written"
printf 'No.,NPR Anonymized,NPR Anonymized Date,NPR To Anonymize,Status\nC1,0,,1,\n' >in.csv
run 0 stamp --anonymized-column 'NPR Anonymized' \
    --anonymized-date-column 'NPR Anonymized Date' \
    --to-anonymize-column 'NPR To Anonymize' --blocked-column Status \
    --now $NOW in.csv
out_is <<'EOF'
No.,NPR Anonymized,NPR Anonymized Date,NPR To Anonymize,Status
C1,1,2026-11-29T23:15:00Z,0,All
EOF

tcase "the Anonymized and Anonymized Date columns must differ"
run 2 stamp --anonymized-date-column Anonymized --now $NOW /dev/null
err_has "must differ"

tcase "log: one Anonymized row per stamped row, --user, --now"
printf 'No.,Name\nC1,------\nC2,------\n' >in.csv
run 0 stamp --log log.csv --user ADMIN --now $NOW in.csv
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C1,Anonymized,,2026-11-29T23:15:00Z,ADMIN
C2,Anonymized,,2026-11-29T23:15:00Z,ADMIN
EOF
ok "log is mode 0600" [ "$(stat -c %a log.csv)" = 600 ]

tcase "log: header written once across two appends"
printf 'No.,Name\nC1,------\n' >a.csv
printf 'No.,Name\nC2,------\n' >b.csv
run 0 stamp --log log.csv --user ADMIN --now $NOW a.csv
run 0 stamp --log log.csv --user ADMIN --now 2026-11-30T06:00:00Z b.csv
file_is log.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C1,Anonymized,,2026-11-29T23:15:00Z,ADMIN
C2,Anonymized,,2026-11-30T06:00:00Z,ADMIN
EOF

tcase "log: without --user the login name"
printf 'No.,Name\nC1,------\n' >in.csv
run 0 stamp --log log.csv --now $NOW in.csv
file_is log.csv <<EOF
Customer No.,Status,Reason,Logged At,User
C1,Anonymized,,2026-11-29T23:15:00Z,$(id -un)
EOF

tcase "log: the key column must exist; --customer-key renames it"
printf 'Nr,Name\nC1,------\n' >in.csv
run 1 stamp --log log.csv --now $NOW in.csv
err_is <<'EOF'
stamp: in.csv:1: missing column 'No.'
EOF
out_is </dev/null
run 0 stamp --log log2.csv --customer-key Nr --user ADMIN --now $NOW in.csv
file_is log2.csv <<'EOF'
Customer No.,Status,Reason,Logged At,User
C1,Anonymized,,2026-11-29T23:15:00Z,ADMIN
EOF

tcase "without --log the key column is not needed"
printf 'Nr,Name\nC1,------\n' >in.csv
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
Nr,Name,Anonymized,Anonymized Date
C1,------,Yes,2026-11-29T23:15:00Z
EOF

tcase "header only: the header is written, with appended columns"
printf 'No.,Name\n' >in.csv
run 0 stamp --now $NOW in.csv
out_is <<'EOF'
No.,Name,Anonymized,Anonymized Date
EOF

tcase "-d ';', CRLF and BOM are preserved; standard input"
printf '\357\273\277No.;Name;Anonymized\r\nC1;"A; B";Nein\r\n' >in.csv
run 0 stamp -d ';' --now $NOW <in.csv
printf '\357\273\277No.;Name;Anonymized;Anonymized Date\r\nC1;"A; B";Yes;2026-11-29T23:15:00Z\r\n' >want
out_file_is want
run 0 stamp -d ';' --now $NOW - <in.csv
out_file_is want

tcase "--quote-all"
printf 'No.\nC1\n' >in.csv
run 0 stamp --quote-all --now $NOW in.csv
out_is <<'EOF'
"No.","Anonymized","Anonymized Date"
"C1","Yes","2026-11-29T23:15:00Z"
EOF

tcase "malformed CSV is a data error"
printf 'No.,Name\nC1,Quinn Invented,extra\n' >in.csv
run 1 stamp --now $NOW in.csv
err_is <<'EOF'
stamp: in.csv:2: row has 3 fields, header has 2
EOF
err_lacks Quinn
printf 'No.,Name\nC1,"Rae Invented\n' >in.csv
run 1 stamp --now $NOW in.csv
err_has "stamp: in.csv:2: "

tcase "an empty input is a data error"
: >in.csv
run 1 stamp --now $NOW in.csv
err_is <<'EOF'
stamp: in.csv: empty input: no header row
EOF

tcase "a missing input file is an error"
run 1 stamp --now $NOW nosuch.csv
err_is <<'EOF'
stamp: nosuch.csv: No such file or directory
EOF

tcase "unknown option, bad --now, extra files: usage errors"
printf 'No.\nC1\n' >in.csv
run 2 stamp --frobnicate in.csv
err_has "Try 'stamp --help' for more information."
out_is </dev/null
run 2 stamp --now tomorrow in.csv
out_is </dev/null
run 2 stamp in.csv in.csv
err_has "too many files"

tcase "writing to a full disk fails"
printf 'No.\nC1\n' >in.csv
run 1 sh -c 'stamp --now 2026-11-29 in.csv >/dev/full'
ok "stderr names the write error" grep -q 'write error' err

tcase "--help and --version"
run 0 stamp --help
ok "usage on stdout" grep -q '^usage: stamp' out
err_empty
run 0 stamp --version
ok "name and version" grep -q '^stamp custanon [0-9]' out

tcase 'a customer is logged only once its stamped row was written out'
printf 'No.,Name\nC1,x\nC2,y\n' >in.csv
run 1 sh -c 'stamp --now 2026-11-29T12:00:00Z --user U --log log.csv in.csv >/dev/full'
err_has 'write error'
ok 'no Anonymized row logged for an unwritten customer' \
    sh -c '! grep -q Anonymized log.csv 2>/dev/null'
