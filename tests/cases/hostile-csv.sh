# hostile-csv: the CSV layer and the rules against what the fuzzers found,
# as the user meets it.  Input that arrives in pieces, as through a pipe
# from a slow or line-buffered producer, must read as if it came at once;
# a rules file is blamed for its own faults, not the data.

# slowly PIECE...: write each piece to standard output, pausing between,
# so a reader gets them in separate reads.
slowly() {
	local p first=1
	for p in "$@"; do
		[ $first = 1 ] || sleep 0.3
		first=0
		printf "$p"
	done
}

tcase 'a BOM that arrives in two reads is still recognised'
printf '\357\273\277No.,Name\nC0001,Ada Example\n' >want
slowly '\357' '\273\277No.,Name\nC0001,Ada Example\n' | run 0 csvcopy
out_file_is want
slowly '\357' '\273\277No.,Name\nC0001,Ada Example\n' |
    run 0 select-eligible --customer C0001
out_file_is want
err_empty

tcase 'a CRLF header that arrives in two reads keeps CRLF'
printf 'No.,Name\r\nC0001,Ada Example\r\n' >want
slowly 'No.,Name\r' '\nC0001,Ada Example\r\n' | run 0 csvcopy
out_file_is want
slowly 'No.,' 'Name\r\nC0001,Ada Example\r\n' | run 0 csvcopy
out_file_is want
slowly 'No.,"Na' 'me"\r\nC0001,Ada Example\r\n' | run 0 csvcopy
out_file_is want

tcase 'scrub: a regex replacement that is not UTF-8 is the rules file'\''s fault'
printf 'column,action,argument,replacement\nNo.,keep,,\nName,regex,Ada,A\377\n' \
    >rules.csv
printf 'No.,Name\nC0001,Ada Example\n' >in.csv
run 2 scrub --rules rules.csv in.csv
err_has 'scrub: rules.csv:3: '
err_lacks 'in.csv'
out_is </dev/null
