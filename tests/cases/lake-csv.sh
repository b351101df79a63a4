# custanon-lakecsv: bc2adls's CSV dialect (text always quoted, a quote
# or backslash escaped by a backslash) to RFC 4180 and back: exactly,
# strictly, never quoting a value in a message.

# map: the column map of the small Customer table below.
map() {
	cat >map.csv <<'EOF'
column,name,type
No-1,No.,Code[20]
Name-2,Name,Text[100]
Blocked-39,Blocked,"Enum ""Customer Blocked"""
PrivacyBlocked-150,Privacy Blocked,Boolean
LastDateModified-54,Last Date Modified,Date
timestamp-0,timestamp,BigInteger
systemId-2000000000,SystemId,Guid
SystemModifiedAt-2000000003,SystemModifiedAt,DateTime
$Company,$Company,Text[30]
EOF
}

# lake [EOL]: a lake file of that table, lines ended by EOL (default LF):
# quotes, backslashes, a line break and non-ASCII names in values, an
# option blank as a space, a deletion (only timestamp and systemId set).
lake() {
	local e=${1:-\\n}
	printf "No-1,Name-2,Blocked-39,PrivacyBlocked-150,LastDateModified-54,timestamp-0,systemId-2000000000,SystemModifiedAt-2000000003,\$Company$e" >lake.csv
	printf "\"C1\",\"Jens \\\\\"Kok\\\\\" S\303\270rensen\", ,false,2026-11-29,101,\"{6F1C2A90-0000-4000-8000-000000000001}\",2026-11-29T12:00:00.000Z,\"Nordlys A/S\"$e" >>lake.csv
	printf "\"C2\",\"back\\\\\\\\slash, and\\nline\",Invoice,true,0001-01-01,102,\"{6F1C2A90-0000-4000-8000-000000000002}\",2026-11-29T12:30:00.120Z,\"Caf\303\251 \\\\\"\303\230st\\\\\" ApS\"$e" >>lake.csv
	printf "\"\",\"\",,false,,103,\"{6F1C2A90-0000-4000-8000-000000000003}\",,\"Nordlys A/S\"$e" >>lake.csv
}

tcase "from the lake: the values unescaped, quoted minimally, renamed by the map"
map
lake
run 0 custanon-lakecsv --from-lake --map map.csv lake.csv
out_is <<'EOF'
No.,Name,Blocked,Privacy Blocked,Last Date Modified,timestamp,SystemId,SystemModifiedAt,$Company
C1,"Jens ""Kok"" Sørensen", ,false,2026-11-29,101,{6F1C2A90-0000-4000-8000-000000000001},2026-11-29T12:00:00.000Z,Nordlys A/S
C2,"back\slash, and
line",Invoice,true,0001-01-01,102,{6F1C2A90-0000-4000-8000-000000000002},2026-11-29T12:30:00.120Z,"Café ""Øst"" ApS"
,,,false,,103,{6F1C2A90-0000-4000-8000-000000000003},,Nordlys A/S
EOF
err_empty
# The RFC 4180 side reads back through the project's reader.
cp out rfc.csv
run 0 csvget --printable rfc.csv Name
ok 'a backslash is one byte' grep -q '^back\\slash, and?line$' out

tcase "and back: the lake's file byte for byte, LF and CRLF, with a BOM"
map
for eol in '\n' '\r\n'; do
	lake "$eol"
	custanon-lakecsv --from-lake --map map.csv lake.csv >rfc.csv
	run 0 custanon-lakecsv --to-lake --map map.csv rfc.csv
	out_file_is lake.csv
	err_empty
done
ok 'CRLF kept on the RFC side' grep -q $'Invoice,true,0001-01-01.*\r$' rfc.csv
{ printf '\357\273\277'; cat lake.csv; } >bom.csv
custanon-lakecsv --from-lake --map map.csv bom.csv >rfc.csv
ok 'the BOM passes to the RFC side' cmp -n 3 bom.csv rfc.csv
run 0 custanon-lakecsv --to-lake --map map.csv rfc.csv
out_file_is bom.csv

tcase "without a map: the lake's names, standard input"
lake
run 0 custanon-lakecsv --from-lake <lake.csv
ok 'the header as the lake has it' test "$(head -1 out)" = \
    "$(head -1 lake.csv)"
ok 'values unescaped' grep -q '^C1,"Jens ""Kok"" Sørensen"' out

tcase "to the lake: booleans true/false, date-times with milliseconds, text escaped"
map
cat >rfc.csv <<'EOF'
No.,Name,Blocked,Privacy Blocked,Last Date Modified,timestamp,SystemId,SystemModifiedAt,$Company
C1,------,All,Yes,2026-11-29,101,{X},2026-11-29T23:15:00Z,Nordlys A/S
C2,"a ""b"" \c",,No,,102,{Y},,Nordlys A/S
C3,x,,1,,103,{Z},2026-11-29T23:15:00.5Z,Nordlys A/S
C4,x,,0,,104,{W},,"Caf""e"
EOF
run 0 custanon-lakecsv --to-lake --map map.csv rfc.csv
out_is <<'EOF'
No-1,Name-2,Blocked-39,PrivacyBlocked-150,LastDateModified-54,timestamp-0,systemId-2000000000,SystemModifiedAt-2000000003,$Company
"C1","------",All,true,2026-11-29,101,"{X}",2026-11-29T23:15:00.000Z,"Nordlys A/S"
"C2","a \"b\" \\c",,false,,102,"{Y}",,"Nordlys A/S"
"C3","x",,true,,103,"{Z}",2026-11-29T23:15:00.5Z,"Nordlys A/S"
"C4","x",,false,,104,"{W}",,"Caf\"e"
EOF

tcase "to the lake: a value its column cannot hold is a data error, naming the column, not the value"
map
printf 'No.,Name,Privacy Blocked\nC1,x,Yes\nC2,x,Secretly\n' >rfc.csv
run 1 custanon-lakecsv --to-lake --map map.csv rfc.csv
err_is <<'EOF'
custanon-lakecsv: rfc.csv:3: column 'Privacy Blocked': a value the lake cannot hold as a boolean
EOF
printf 'No.,Last Date Modified\nC1,"29,11,2026"\n' >rfc.csv
run 1 custanon-lakecsv --to-lake --map map.csv rfc.csv
err_has "rfc.csv:2: column 'Last Date Modified': a value the lake cannot hold unquoted"
err_lacks '2026'

tcase "to the lake: a column the map lacks, or of no type, stops it before a row (exit 2)"
map
printf 'column,name,type\nNo-1,No.,Code[20]\nNPRStore-6014400,NPR Store,\n' >m2.csv
printf 'No.,NPR Store,Extra\nC1,S1,x\n' >rfc.csv
run 2 custanon-lakecsv --to-lake --map m2.csv rfc.csv
err_is <<'EOF'
custanon-lakecsv: rfc.csv:1: column 'NPR Store': the map gives no type, so how the lake writes it is unknown (give its type in the field list)
custanon-lakecsv: rfc.csv:1: column 'Extra' is not in the map m2.csv
EOF
out_is </dev/null
run 2 custanon-lakecsv --to-lake rfc.csv
err_has '--to-lake needs --map MAP'

tcase "from the lake: a value quoted against its column's type is a data error"
map
printf 'No-1,Name-2,Blocked-39\nC1,"x",All\n' >l.csv
run 1 custanon-lakecsv --from-lake --map map.csv l.csv
err_is <<'EOF'
custanon-lakecsv: l.csv:2: column 'No-1': not quoted, but its type is text
EOF
printf 'No-1,Name-2,Blocked-39\n"C1","x","All"\n' >l.csv
run 1 custanon-lakecsv --from-lake --map map.csv l.csv
err_has "l.csv:2: column 'Blocked-39': quoted, but its type is no text"
printf 'No-1,Name-2,Foo-9\n"C1","x",1\n' >l.csv
run 2 custanon-lakecsv --from-lake --map map.csv l.csv
err_has "column 'Foo-9' is not in the map map.csv"
# Without a map, a column is quoted in every row or in none.
printf 'No-1,Name-2\n"C1","x"\n"C2",y\n' >l.csv
run 1 custanon-lakecsv --from-lake l.csv
err_has "l.csv:3: column 'Name-2': quoted in one row and not in another"

tcase "malformed lake files: data errors at the line the record starts, no value printed"
bad() {	# bad LINE MESSAGE: l.csv fails so
	run 1 custanon-lakecsv --from-lake l.csv
	err_is <<EOF
custanon-lakecsv: l.csv:$1: $2
EOF
	err_lacks Secret
}
printf 'A-1,B-2\n"a","Secret\n' >l.csv
bad 2 'unterminated quoted field'
printf 'A-1,B-2\n"a","Se\\cret"\n' >l.csv
bad 2 'a backslash before neither a quote nor a backslash in a quoted field'
printf 'A-1,B-2\n"a","x\ny"\n"b",Sec\\ret\n' >l.csv
bad 4 'a backslash in an unquoted field'
printf 'A-1,B-2\n"a","Secret""x"\n' >l.csv
bad 2 'text after a closing quote'
printf 'A-1,B-2\n"a",Se"cret\n' >l.csv
bad 2 'a quote in an unquoted field'
printf 'A-1,B-2\n"a","Secret",1\n' >l.csv
bad 2 'row has 3 fields, header has 2'
printf 'A-1,B-2\n"a","Secret"\r\n' >l.csv
bad 2 "line ending differs from the header's"
printf 'A-1,B-2\n"a","Secret"\rx\n' >l.csv
bad 2 'a carriage return not followed by a line feed'
printf 'A-1,B-2\n"a","Sec\000ret"\n' >l.csv
bad 2 'NUL byte in input'

tcase "a header bc2adls repeats inside a file, and empty lines, are skipped"
printf 'A-1,B-2\n"a",1\nA-1,B-2\n\n"b",2\n' >l.csv
run 0 custanon-lakecsv --from-lake l.csv
out_is <<'EOF'
A-1,B-2
a,1
b,2
EOF

tcase "messages name the file as CUSTANON_NAMES says"
printf 'A-1,B-2\n"a","Secret\n' >l.csv
run 1 env CUSTANON_NAMES="l.csv	lake/deltas/X-1/p.csv	yes" \
    custanon-lakecsv --from-lake l.csv
err_is <<'EOF'
custanon-lakecsv: lake/deltas/X-1/p.csv:2: unterminated quoted field
EOF

tcase "usage"
run 0 custanon-lakecsv --help
ok 'usage on stdout' grep -q '^usage: custanon-lakecsv --from-lake' out
run 2 custanon-lakecsv
err_has '--from-lake or --to-lake is required'
run 2 custanon-lakecsv --from-lake --to-lake
err_has 'exclude each other'
run 2 custanon-lakecsv --bogus
run 0 custanon-lakecsv --version
ok 'version' grep -q '^custanon-lakecsv custanon ' out

tdone
