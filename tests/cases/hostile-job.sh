# The job with hostile data: customer numbers, names and a user ID that
# hold SQL and shell metacharacters are plain data end to end (export,
# filters, import, log); a user without permission changes nothing.

PIPE=$TOP/pipelines
CUSTANON_BIN=$(dirname "$(command -v scrub)")
export CUSTANON_BIN
NOW=2026-11-29T12:00:00Z
SQLI=$'\'; DROP TABLE "Customer"; --'
# A customer number is a Code (upper case): a lower-case one is refused.
SQLC=$'\'; DROP TABLE "CUSTOMER"; --'

# hostile_db FILE: a small company whose keys are hostile.
hostile_db() {
	cat >cust.csv <<'EOF'
No.,Name,Search Name,Name 2,Address,Address 2,City,Post Code,County,Country/Region Code,Contact,Phone No.,Mobile Phone No.,Fax No.,Telex No.,E-Mail,Home Page,VAT Registration No.,GLN,Customer Posting Group,Gen. Bus. Posting Group,Bill-to Customer No.,Blocked,Last Date Modified,To Anonymize,To Anonymize On,Anonymized,Anonymized Date,Primary Contact No.
"'; DROP TABLE ""CUSTOMER""; --",Quentin Injectson,QUENTIN INJECTSON,,1 Quote Lane,,Tabletown,90001,,DK,Quentin Injectson,+45 70 00 00 01,,,,quentin@example.com,,,,DOMESTIC,DOMESTIC,,,2019-01-01,No,2026-01-01,No,,
$(>PWNED),Dollar Subshell,DOLLAR SUBSHELL,,2 Paren Road,,Shellby,90002,,DK,Dollar Subshell,+45 70 00 00 02,,,,dollar@example.com,,,,DOMESTIC,DOMESTIC,,,2019-01-01,No,2026-01-01,No,,
`>PWNED`,Tick Backquote,TICK BACKQUOTE,,3 Tick Street,,Graveton,90003,,DK,Tick Backquote,+45 70 00 00 03,,,,tick@example.com,,,,DOMESTIC,DOMESTIC,,,2019-01-01,No,2026-01-01,No,,
"C-NL
X",Nora Newline,NORA NEWLINE,,4 Break Way,,Linefeed,90004,,DK,Nora Newline,+45 70 00 00 04,,,,nora@example.com,,,,DOMESTIC,DOMESTIC,,,2019-01-01,No,2026-01-01,No,,
C-LIVE,Liv Active,LIV ACTIVE,,5 Live Street,,Keepsby,90005,,DK,Liv Active,+45 70 00 00 05,,,,liv@example.com,,,,DOMESTIC,DOMESTIC,,,2026-11-01,No,,No,,
EOF
	printf 'User ID,Anonymize Customers\nADMIN,Yes\n"%s",Yes\nCLERK,No\n' \
	    "${SQLI//\"/\"\"}" >users.csv
	printf 'Primary Key,Anonymize After,Customer Posting Group Filter,Gen. Bus. Posting Group Filter\n,3Y,,\n' >setup.csv
	printf 'Entry No.,Customer No.,Customer Name,Posting Date,Document Type,Document No.,Description,Amount,Open\n1,C-LIVE,Liv Active,2026-10-01,Invoice,I-1,Sale,10,Yes\n' >cle.csv
	# The tables the checks read, empty.
	printf 'Document Type,No.,Sell-to Customer No.,Bill-to Customer No.\n' >sh.csv
	printf 'Journal Template Name,Journal Batch Name,Line No.,Account Type,Account No.,Bal. Account Type,Bal. Account No.\n' >gjl.csv
	printf 'Entry No.,Customer No.\n' >mm.csv
	printf 'Entry No.,Source Type,Source No.,Posting Date\n' >ile.csv
	rm -f "$1"
	{
		for t in 'Customer:cust.csv' 'User Setup:users.csv' \
		    'Customer GDPR Setup:setup.csv' 'Cust. Ledger Entry:cle.csv' \
		    'Sales Header:sh.csv' 'Gen. Journal Line:gjl.csv' \
		    'NPR MM Membership:mm.csv' 'Item Ledger Entry:ile.csv'; do
			name=${t%%:*} file=${t#*:}
			cols=$(csvget --header "$file" |
			    sed 's/"/""/g; s/.*/"&" TEXT/' | paste -sd, -)
			printf 'CREATE TABLE "%s"(%s);\n' "$name" "$cols"
			printf '.import --csv --skip 1 "%s" "%s"\n' "$file" "$name"
		done
		# The other tables the shipped checks read, empty (their
		# columns as in the fixture company).
		csvget "$TOP/pipelines/rules/checks.csv" table | sort -u |
		while IFS= read -r name; do
			case $name in
			Customer | 'Cust. Ledger Entry' | 'Sales Header' | \
			    'Gen. Journal Line' | 'NPR MM Membership' | \
			    'Item Ledger Entry') continue ;;
			esac
			cols=$(csvget --header "$TOP/fixtures/company/$name.csv" |
			    sed 's/"/""/g; s/.*/"&" TEXT/' | paste -sd, -)
			printf 'CREATE TABLE "%s"(%s);\n' "$name" "$cols"
		done
	} | sqlite3 -bail -init /dev/null "$1"
}

tcase 'hostile customer numbers go through the nightly job as plain data'
hostile_db co.db
run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW \
    --check-period no
ok 'the Customer table is still there, all five rows' \
    test "$(sqlite3 co.db 'SELECT count(*) FROM "Customer"')" = 5
ok 'the four due customers anonymized' \
    test "$(sqlite3 co.db "SELECT count(*) FROM \"Customer\" WHERE \"Anonymized\" = 'Yes'")" = 4
ok 'their names are gone' \
    test "$(sqlite3 co.db "SELECT count(*) FROM \"Customer\" WHERE \"Name\" = '------'")" = 4
ok 'the hostile numbers are unchanged' \
    test "$(sqlite3 co.db "SELECT count(*) FROM \"Customer\" WHERE \"No.\" IN ('''; DROP TABLE \"CUSTOMER\"; --', '\$(>PWNED)', '\`>PWNED\`', 'C-NL' || char(10) || 'X')")" = 4
ok 'the log names them exactly' \
    test "$(sqlite3 co.db "SELECT count(*) FROM \"Customer GDPR Log Entries\" WHERE \"Status\" = 'Anonymized'")" = 4
ok 'no command substitution ran' test ! -e PWNED
ok 'the live customer untouched' \
    test "$(sqlite3 co.db "SELECT \"Name\" FROM \"Customer\" WHERE \"No.\" = 'C-LIVE'")" = 'Liv Active'

tcase 'a hostile number on request, and a hostile user ID'
hostile_db co.db
run 0 "$PIPE/anonymize-customer" --db co.db --user "$SQLI" --yes --now $NOW \
    "$SQLC"
ok 'that customer anonymized' \
    test "$(sqlite3 co.db "SELECT \"Anonymized\" FROM \"Customer\" WHERE \"Name\" = '------'")" = Yes
ok 'the user ID logged as given' \
    test "$(sqlite3 co.db "SELECT count(*) FROM \"Customer GDPR Log Entries\" WHERE \"User\" = '''; DROP TABLE \"Customer\"; --'")" = 1
ok 'no command substitution ran' test ! -e PWNED

tcase 'a user without permission changes nothing'
hostile_db co.db
sqlite3 co.db .dump >before
run 3 "$PIPE/anonymize-customers" --db co.db --user CLERK --now $NOW \
    --check-period no
sqlite3 co.db .dump >after
ok 'database unchanged' cmp before after
err_has 'may not anonymize customers'
err_lacks 'Quentin'
