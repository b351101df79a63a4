# --dir and --pg need no sqlite3: with a stand-in on PATH that only
# notes that it was called, they run as before and never call it.
# job-pg-nosqlite.sh runs the --pg case (with the test server).
. "$TOP/tests/job-lib.sh"

# nosqlite: a folder to put first on PATH whose sqlite3 fails and leaves
# the file called behind.
nosqlite() {
	mkdir -p nosql
	printf '#!/bin/sh\ntouch "%s/called"\nexit 127\n' "$PWD" >nosql/sqlite3
	chmod +x nosql/sqlite3
}

if [ "$JOB_BACKEND" = sqlite ]; then
	tcase "--dir runs without sqlite3"
	nosqlite
	cp -R "$FIX" exports
	run 0 env PATH="$PWD/nosql:$PATH" "$PIPE/anonymize-customers" \
	    --dir exports --out changes --user ADMIN --now $NOW
	ok "11 anonymized" grep -qx 'anonymized: 11' out
	ok "sqlite3 never called" test ! -e called
	ok "the stand-in works" sh -c 'PATH="$1:$PATH" sqlite3; test -e called' \
	    _ "$PWD/nosql"
else
	tcase "--pg runs without sqlite3"
	nosqlite
	job_db co.db
	run 0 env PATH="$PWD/nosql:$PATH" "$PIPE/anonymize-customers" \
	    $(job_at co.db) --user ADMIN --now $NOW
	ok "11 anonymized" grep -qx 'anonymized: 11' out
	ok "sqlite3 never called" test ! -e called
	job_db co2.db
	run 0 env PATH="$PWD/nosql:$PATH" "$PIPE/anonymize-customer" \
	    $(job_at co2.db) --user ADMIN --now $NOW --yes C00010
	ok "sqlite3 never called by the one-customer request" test ! -e called
fi
