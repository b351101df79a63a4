# classify --gate PLAN: the job's gate over every table in one process
# (job-gate.sh runs it through the job).  A line of PLAN: EXPORT, the
# columns the job needs joined by '|', then the rules files, tab-separated.
# A missing needed column: exit 1 at once, as a filter says it; then every
# column a rules file does not cover, all of them, as scrub says it: exit 2.

# files: the exports and rules files of a case, in its folder.  b2.rules
# names Gone, which b.csv lacks: a rule for a missing column is left to
# the stage that needs the column (scrub, when it has rows to scrub).
files() {
	printf 'No.,Name,Amount\nC1,Ada Quill,5\n' >a.csv
	printf 'Entry No.,Customer No.,Memo\n' >b.csv
	printf 'column,action\nNo.,keep\n?Name,blank\nAmount,keep\n' >a.rules
	printf 'column,action\n*,keep\n' >star.rules
	printf 'column,action\nEntry No.,keep\nCustomer No.,keep\n' >b.rules
	printf 'column,action\n?Memo,blank\nEntry No.,keep\nCustomer No.,keep\nGone,keep\n' >b2.rules
}

tcase "every column covered (a rule, a ?rule, a * rule): exit 0, silent"
files
printf 'a.csv\tNo.\ta.rules\tstar.rules\nb.csv\tCustomer No.|Entry No.\tb2.rules\n' >plan
run 0 classify --gate plan
out_is </dev/null
err_empty

tcase "columns no rule covers: every one, every table, as scrub names them; exit 2"
files
printf 'a.csv\tNo.\tstar.rules\tb.rules\nb.csv\t\tb.rules\ta.rules\n' >plan
run 2 classify --gate - <plan
out_is </dev/null
err_is <<'EOF'
classify: b.rules: no rule for column 'No.' of a.csv
classify: b.rules: no rule for column 'Name' of a.csv
classify: b.rules: no rule for column 'Amount' of a.csv
classify: b.rules: no rule for column 'Memo' of b.csv
classify: a.rules: no rule for column 'Entry No.' of b.csv
classify: a.rules: no rule for column 'Customer No.' of b.csv
classify: a.rules: no rule for column 'Memo' of b.csv
EOF

tcase "a needed column missing: exit 1 before any rule is looked at"
files
printf 'a.csv\tNo.\tb.rules\nb.csv\tEntry No.|Bal. Account No.\tb.rules\n' >plan
run 1 classify --gate plan
err_is <<'EOF'
classify: b.csv:1: missing column 'Bal. Account No.'
EOF

tcase "a table linked through, without rules: its needed columns only"
files
printf 'b.csv\tCustomer No.\n' >plan
run 0 classify --gate plan
err_empty
printf 'b.csv\tContact No.\n' >plan
run 1 classify --gate plan
err_is <<'EOF'
classify: b.csv:1: missing column 'Contact No.'
EOF

tcase "a bad plan, a missing export, a bad rules file, a bad command line"
files
printf 'a.csv\n' >plan
run 2 classify --gate plan
err_is <<'EOF'
classify: plan:1: no tab after the export
EOF
printf 'none.csv\t\n' >plan
run 1 classify --gate plan
err_has "none.csv"
printf 'column,action\nNo.,frobnicate\n' >bad.rules
printf 'a.csv\t\tbad.rules\n' >plan
run 2 classify --gate plan
err_has "bad.rules:2:"
run 2 classify --gate nosuch.plan
err_is <<'EOF'
classify: nosuch.plan: cannot open
EOF
run 2 classify --gate plan a.csv a.rules
err_has "--gate takes no other option or argument"

tdone
