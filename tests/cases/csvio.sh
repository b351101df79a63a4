# The CSV reader and writer alone (tools/csvcopy, tools/csvjson): the
# dialect of SPEC section 3 and the errors of section 5.

tcase 'minimal quoting passes through byte for byte'
printf 'a,b,c\n1,"x,y","say ""hi"""\n2,"two\nlines",\n' >in.csv
run 0 csvcopy in.csv
out_file_is in.csv

tcase 'fields quoted without need come out unquoted'
printf 'a,b\n"1","plain"\n' >in.csv
run 0 csvcopy in.csv
out_is <<'X'
a,b
1,plain
X

tcase 'CRLF in, CRLF out'
printf 'a,b\r\n1,2\r\n3,"x\r\ny"\r\n' >in.csv
run 0 csvcopy in.csv
out_file_is in.csv

tcase 'LF in, LF out, even when a later field holds CRLF'
printf 'a,b\n1,"x\r\ny"\n' >in.csv
run 0 csvcopy in.csv
out_file_is in.csv

tcase 'a UTF-8 byte-order mark is recognised and written back'
printf '\357\273\277No.,Name\n1,\303\205se\n' >in.csv
run 0 csvcopy in.csv
out_file_is in.csv
run 0 csvjson in.csv
ok 'BOM not part of the first column name' grep -q '^{"No.":"1"' out

tcase 'semicolon delimiter; commas need no quotes'
printf 'a;b\n1,5;"x;y"\n' >in.csv
run 0 csvcopy -d ';' in.csv
out_file_is in.csv

tcase 'tab delimiter'
printf 'a\tb\n1\t"x\ty"\n' >in.csv
run 0 csvcopy -d tab in.csv
out_file_is in.csv

tcase 'spaces around unquoted fields are data'
printf 'a,b\n  1 , x \n' >in.csv
run 0 csvcopy in.csv
out_file_is in.csv
run 0 csvjson in.csv
out_is <<'X'
[
{"a":"  1 ","b":" x "}
]
X

tcase 'empty lines between records are skipped'
printf 'a,b\n\n1,2\n\n\n3,4\n' >in.csv
run 0 csvcopy in.csv
out_is <<'X'
a,b
1,2
3,4
X

tcase 'a row of one empty field is written as "" so it survives'
printf 'a\n""\nx\n' >in.csv
run 0 csvcopy in.csv
out_file_is in.csv

tcase '--quote-all quotes every field'
printf 'a,b\n1,\n' >in.csv
run 0 csvcopy --quote-all in.csv
out_is <<'X'
"a","b"
"1",""
X

tcase 'a missing final line break is added'
printf 'a,b\n1,2' >in.csv
run 0 csvcopy in.csv
out_is <<'X'
a,b
1,2
X

tcase 'row too short: data error at the line where the record starts'
printf 'a,b\n1,"x\ny"\n\nSECRET\n' >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:5: row has 1 fields, header has 2
X

tcase 'row too long: data error'
printf 'a,b\r\n1,2\r\n1,2,SECRET\r\n' >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:3: row has 3 fields, header has 2
X

tcase 'unterminated quote at end of input'
printf 'a,b\n1,2\n3,"SECRET\n' >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:3: unterminated quoted field
X

tcase 'stray quote inside an unquoted field'
printf 'a,b\n1,SE"CRET\n' >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:2: malformed field: stray quote or text after a closing quote
X

tcase 'text after a closing quote'
printf 'a,b\n1,"SECRET" x\n' >in.csv
run 1 csvcopy in.csv
err_lacks SECRET
err_has 'csvcopy: in.csv:2: malformed field'

tcase 'NUL byte'
printf 'a,b\n1,2\n3,SE\000CRET\n' >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:3: NUL byte in input
X

tcase 'duplicate column in the header'
printf 'a,b,a\n1,2,3\n' >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:1: duplicate column 'a' in header
X

tcase 'empty input is an error: an export always has a header'
: >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv: empty input: no header row
X

tcase 'standard input is named <stdin> in messages'
printf 'a,b\n1\n' >in.csv
run 1 csvcopy <in.csv
err_is <<'X'
csvcopy: <stdin>:2: row has 1 fields, header has 2
X

tcase 'line numbers count CRLF once and quoted line breaks'
printf 'a,b\r\n"1\r\n2",x\r\n\r\n3,4\r\n5\r\n' >in.csv
run 1 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:6: row has 1 fields, header has 2
X

tcase 'a record across the reader'"'"'s chunk boundary'
{
	printf 'id,text\n'
	i=0
	while [ $i -lt 9000 ]; do
		printf '%d,"line one, with comma\nline ""two"" of record %d"\n' $i $i
		i=$((i + 1))
	done
} >in.csv
ok 'input is larger than one 256 KiB chunk' test "$(wc -c <in.csv)" -gt 300000
run 0 csvcopy in.csv
out_file_is in.csv

tcase 'a field larger than the reader chunk'
{
	printf 'a,b\n1,"'
	head -c 600000 /dev/zero | tr '\0' 'x'
	printf '"\n2,y\n'
} >in.csv
run 0 csvcopy in.csv
ok 'unquoted on output, otherwise equal' test "$(wc -c <out)" -eq $(( $(wc -c <in.csv) - 2 ))

tcase 'output to a full disk is an error'
printf 'a,b\n1,2\n' >in.csv
run 1 sh -c 'csvcopy in.csv >/dev/full'
err_has 'write error'

tcase 'a closed pipe downstream ends quietly'
{
	printf 'a,b\n'
	i=0
	while [ $i -lt 100000 ]; do echo "$i,x"; i=$((i + 1)); done
} >in.csv
run 0 sh -c 'csvcopy in.csv | head -1'
out_is <<'X'
a,b
X
err_empty

tcase 'CUSTANON_MAX_RECORD bounds a record; 0 lifts the bound'
{ printf 'a,b\n1,"'; head -c 5000 /dev/zero | tr '\0' 'x'; printf '"\n'; } >in.csv
run 1 env CUSTANON_MAX_RECORD=4096 csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:2: record larger than 4096 bytes
X
run 0 env CUSTANON_MAX_RECORD=0 csvcopy in.csv
run 2 env CUSTANON_MAX_RECORD=lots csvcopy in.csv
err_has 'CUSTANON_MAX_RECORD takes a number of bytes'

tcase 'CUSTANON_NAMES: messages name an input as it says, lines only when they are the user'"'"'s'
printf 'No.,Name\nC1,x\nC2\n' >in.csv
run 1 env CUSTANON_NAMES="$(printf 'in.csv\texports/Customer.csv\tyes')" \
    csvcopy in.csv
err_is <<'X'
csvcopy: exports/Customer.csv:3: row has 1 fields, header has 2
X
run 1 env CUSTANON_NAMES="$(printf 'other.csv\tOther\tno\nin.csv\tCustomer\tno\n')" \
    csvcopy in.csv
err_is <<'X'
csvcopy: Customer: row has 1 fields, header has 2
X
run 1 env CUSTANON_NAMES="$(printf -- '-\tex/Customer.csv\tno')" \
    csvcopy - <in.csv
err_is <<'X'
csvcopy: ex/Customer.csv: row has 1 fields, header has 2
X
# Another input's name does not apply.
run 1 env CUSTANON_NAMES="$(printf 'in.csv.x\tCustomer\tno')" csvcopy in.csv
err_is <<'X'
csvcopy: in.csv:3: row has 1 fields, header has 2
X

tcase 'CUSTANON_NAMES: a malformed list is a usage error'
printf 'No.\nC1\n' >in.csv
for bad in 'in.csv\tCustomer' 'in.csv\tCustomer\tno\tx' 'in.csv\tCustomer\tmaybe' \
    '\tCustomer\tno' 'in.csv\t\tno' 'in.csv\tCus\rtomer\tno' \
    'in.csv\tA\tno\nin.csv\tB\tno'; do
	run 2 env CUSTANON_NAMES="$(printf "$bad")" csvcopy in.csv
	err_has 'csvcopy: CUSTANON_NAMES: line '
done
err_is <<'X'
csvcopy: CUSTANON_NAMES: line 2: an input named twice
X

tcase 'a first field starting with BOM bytes is quoted, so it is not read as a BOM'
printf '"\357\273\277x",b\n1,2\n' >in.csv
run 0 csvcopy in.csv
out_file_is in.csv
run 0 sh -c 'csvcopy in.csv | csvjson'
ok 'the column keeps its bytes' grep -q "^{\"$(printf '\357\273\277')x\":\"1\"" out
