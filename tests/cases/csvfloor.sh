# tools/csvfloor: the benchmark's floor, a plain libcsv loop.  It must
# write what the project's reader and writer (tools/csvcopy) write, byte
# for byte, or the bench would compare two different jobs.

# same FILE: csvfloor and csvcopy both succeed on FILE, write something,
# and write the same bytes.
same() {
	run 0 csvfloor "$1"
	err_empty
	csvcopy "$1" >copy
	status_is 0 "csvcopy $1"
	ok "csvfloor wrote something" test -s out
	ok "csvcopy wrote something" test -s copy
	out_file_is copy
}

for csv in "$TOP"/tests/conformance/csv-spectrum/csvs/*.csv; do
	tcase "csv-spectrum $(basename "$csv" .csv): as csvcopy writes it"
	same "$csv"
done

tcase 'a generated company: every table as csvcopy writes it'
gencompany --customers 300 --out co
ok 'the company has its tables' test -s co/Customer.csv
for f in co/*.csv; do
	same "$f"
done

tcase 'BOM, CRLF, empty lines, quotes, spaces and a lone empty field'
printf '\357\273\277No.,Note\r\n1,"two\r\nlines"\r\n\r\n\r\n"a ""b""", c \r\n' >in.csv
printf 'x\n""\n"y,z"\n' >one.csv
same in.csv
same one.csv
out_is <<'EOF'
x
""
"y,z"
EOF

tcase 'a header ending in a lone CR is followed by LF, as csvcopy does'
printf 'a,b\r1,2\r' >cr.csv
same cr.csv

tcase 'standard input'
printf 'a,b\n"1,2",3\n' >in.csv
run 0 csvfloor <in.csv
out_is <<'EOF'
a,b
"1,2",3
EOF

tcase 'an unterminated quote is an error'
printf 'a,b\n1,"2\n' >in.csv
run 1 csvfloor in.csv
err_has 'csvfloor:'
