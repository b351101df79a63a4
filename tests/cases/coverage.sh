# README.md's table of what the job does with each table is generated
# from the job spec (tools/coverage.py): it must be current, and it must
# name every table the spec declares.

tcase "README's coverage table is generated from the current job spec"
ok "tools/coverage.py --check" python3 "$TOP/tools/coverage.py" --check
csvget "$TOP/pipelines/rules/tables.csv" table | sort -u >declared
sed -n '/<!-- generated:coverage -->/,/<!-- end:coverage -->/p' \
    "$TOP/README.md" | awk -F' [|] ' 'NR > 3 && /^[|]/ { sub(/^[|] /, "", $1); print $1 }' |
    sort -u >listed
ok "every declared table is listed" cmp declared listed
ok "the spec declares the 57 tables and more" \
    test "$(wc -l <declared)" -ge 60
