# make install: programs, man pages and the pipelines into a prefix, and
# the installed job runs from there (normal build only).

[ "$FLAVOUR" = rel ] || return 0

tcase 'make install puts the programs, man pages and pipelines in PREFIX'
run 0 make -s -C "$TOP" install PREFIX="$PWD/inst"
for p in select-eligible check-open-docs check-period scrub stamp \
    anonymize-customers anonymize-customer; do
	ok "bin/$p installed" test -x "inst/bin/$p"
done
for p in csvget leakcheck jobspec linkpairs custanon-lakecsv custanon-lakemap; do
	ok "$p installed off the PATH" test -x "inst/lib/custanon/libexec/$p"
	ok "$p not in bin" test ! -e "inst/bin/$p"
	ok "its man page beside it" test -f "inst/lib/custanon/man/man1/$p.1"
done
for m in select-eligible check-open-docs check-period scrub stamp; do
	ok "man page of $m installed" test -f "inst/share/man/man1/$m.1"
done
ok 'the default rules installed' \
    test -f inst/lib/custanon/pipelines/rules/Customer.csv
ok 'the job spec installed' \
    test -f inst/lib/custanon/pipelines/rules/VERSION
ok "BC's field lists installed, every one" test \
    "$(ls inst/lib/custanon/pipelines/bc/fields | wc -l)" = \
    "$(ls "$TOP/pipelines/bc/fields" | wc -l)"
ok 'a field list byte for byte' cmp "$TOP/pipelines/bc/fields/Customer.csv" \
    inst/lib/custanon/pipelines/bc/fields/Customer.csv

tcase 'the installed job runs on the fixture company'
make -s -C "$TOP" install PREFIX="$PWD/inst" >/dev/null 2>&1
run 0 env -u CUSTANON_BIN PATH=/usr/bin:/bin inst/bin/anonymize-customers \
    --dir "$TOP/fixtures/company" --out changes --user ADMIN \
    --now 2026-11-29T12:00:00Z
ok 'summary printed' grep -q '^anonymized: 11$' out
ok 'customer changes written' test -s changes/Customer.csv
run 0 env -u CUSTANON_BIN PATH=/usr/bin:/bin inst/bin/anonymize-customers \
    --version
out_is <<EOF
anonymize-customers custanon $(sed -n 's/.*CUSTANON_VERSION "\(.*\)"/\1/p' "$TOP/lib/version.h")
EOF
