# Issue 12, item 5: with --dir, an unsorted Customer.csv is sorted through
# the project's strict reader (csvget --sort-lines, sort(1), csvget
# --from-lines), never sqlite3's lenient .import: a ragged row is the same
# data error sorted or not; values come back byte for byte.
. "$TOP/tests/job-lib.sh"

P=anonymize-customers

# reorder FILE MODE: rewrite CSV FILE's rows reversed (MODE rev) or as
# they are (MODE same), with C00010's row cut short by its last field.
reorder() {
	python3 - "$1" "$2" <<'PY'
import csv, io, sys
data = open(sys.argv[1], encoding="utf-8", newline="").read()
rows = list(csv.reader(io.StringIO(data, newline="")))
body = rows[1:]
for r in body:
    if r[0] == "C00010":
        r.pop()
if sys.argv[2] == "rev":
    body.reverse()
w = csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""),
               lineterminator="\n")
w.writerow(rows[0])
w.writerows(body)
PY
}

for mode in same rev; do
	tcase "a ragged Customer row ($mode order) is a data error"
	cp -R "$FIX" exports
	reorder exports/Customer.csv $mode
	mkdir nosq
	printf '#!/bin/sh\necho "sqlite3 must not run" >&2\nexit 99\n' >nosq/sqlite3
	chmod +x nosq/sqlite3
	run 1 env PATH="$PWD/nosq:$PATH" "$PIPE/$P" --dir exports \
	    --out changes --user ADMIN --now $NOW
	# Once, by the strict reader, naming the user's file: not "not
	# sorted", not twice.
	err_has "csvget: exports/Customer.csv:"
	err_has "fields, header has"
	ok "one message" test "$(wc -l <err)" = 1
	err_lacks "sqlite3 must not run"
	ok "no --out" test ! -e changes
done

tcase "an unsorted Customer.csv: sorted without sqlite3, values kept"
cp -R "$FIX" exports
python3 - exports/Customer.csv <<'PY'
import csv, io, sys
data = open(sys.argv[1], encoding="utf-8", newline="").read()
rows = list(csv.reader(io.StringIO(data, newline="")))
w = csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""),
               lineterminator="\r\n")
w.writerow(rows[0])
w.writerows(reversed(rows[1:]))
PY
mkdir nosq
printf '#!/bin/sh\necho "sqlite3 must not run" >&2\nexit 99\n' >nosq/sqlite3
chmod +x nosq/sqlite3
run 0 env PATH="$PWD/nosq:$PATH" "$PIPE/$P" --dir exports --out changes \
    --user ADMIN --now $NOW
ok "anonymized" grep -qx 'anonymized: 11' out
err_empty
"$PIPE/$P" --dir "$FIX" --out ref --user ADMIN --now $NOW >/dev/null 2>&1
csvget changes/Customer.csv No. 'Language Code' Name >got
csvget ref/Customer.csv No. 'Language Code' Name >want
ok "the same changes as from the sorted export" cmp got want

tcase "csvget --sort-lines, sort, --from-lines: byte for byte, header first, stable"
printf '\357\273\277No.,Name,Code\r\nC3,"a\tb",x\r\nC1,"line\r\nbreak \\ back",y\r\nC2,"",z\r\nC1,"say ""hi""",w\r\n,empty key,v\r\n' >in.csv
csvget --sort-lines No. in.csv | LC_ALL=C sort -s -t "$(printf '\t')" -k 1,1 |
    csvget --from-lines - >sorted.csv
printf '\357\273\277No.,Name,Code\r\n,empty key,v\r\nC1,"line\r\nbreak \\ back",y\r\nC1,"say ""hi""",w\r\nC2,,z\r\nC3,a\tb,x\r\n' >want.csv
ok "sorted" cmp sorted.csv want.csv
run 0 csvget --is-sorted No. sorted.csv
out_is <<'EOF'
no
EOF
printf 'No.,Name\nB,1\nA,2,extra\n' >bad.csv
run 1 csvget --sort-lines No. bad.csv
err_has "bad.csv:3:"
printf 'No.,Name\nB,"x"y\n' >bad.csv
run 1 csvget --sort-lines No. bad.csv
printf 'x\th1,0,0\tNo.\n\tr\tA\tB\n' >lines
run 1 csvget --from-lines lines
err_has "lines:2: 2 fields, the header has 1"
run 2 csvget --sort-lines No. in.csv Name
tdone
