# A kill at any moment leaves the database as it was (SPEC section 5):
# SIGKILL of the whole job during the export, the filters and the import
# (each held by a stand-in so the moment is certain), SIGKILL after a
# few hundred milliseconds in a loop, and SIGTERM of the script alone.
# On SQLite; on PostgreSQL through job-pg-kill.sh.
. "$TOP/tests/job-lib.sh"

# slow STAGE: stand-ins that stop the job at STAGE until ./slow/go
# appears (at most 30 s): the database client (job_wrap; ./slow, to put
# on PATH) after the first table's export, or with every statement of
# the import but the COMMIT run; or scrub (./bin, CUSTANON_BIN) before
# it starts, for $SLOW_FILTER seconds (default 30).  ./slow/mark appears
# at that moment.
slow() {
	job_wrap slow
	case $1 in
	export | import) touch "slow/hold-$1" ;;
	esac
	mkdir bin
	ln -s "$CUSTANON_BIN"/* bin/
	if [ "$1" = filter ]; then
		rm bin/scrub
		cat >bin/scrub <<EOF
#!/bin/sh
touch "$PWD/slow/mark"
sleep \${SLOW_FILTER:-30}
exec "$CUSTANON_BIN/scrub" "\$@"
EOF
		chmod +x bin/scrub
	fi
}

# waitmark: wait (at most 120 s: the machine may be loaded) for ./slow/mark.
waitmark() {
	local i
	for i in $(seq 1200); do
		[ -e slow/mark ] && return 0
		sleep 0.1
	done
	return 1
}

# killjob STAGE: run the job slowed at STAGE in its own process group,
# SIGKILL the group at that moment.
killjob() {
	slow "$1"
	PATH=$PWD/slow:$PATH CUSTANON_BIN=$PWD/bin setsid \
	    "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW >job.out 2>job.err &
	local pid=$!
	ok "the job reached the $1" waitmark
	kill -KILL -- -"$pid"
	{ wait "$pid"; } 2>/dev/null
	status_is 137 "the job killed"
}

for stage in export filter import; do
	tcase "SIGKILL during the $stage leaves the database as it was"
	job_db co.db
	job_py dump co.db >before
	killjob $stage
	ok "integrity" test "$(job_integrity co.db)" = ok
	job_py dump co.db >after
	ok "unchanged" cmp before after
	[ $stage = import ] || continue
	run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW
	ok "a new run does the whole job" grep -qx 'anonymized: 11' out
done

tcase "SIGKILL at random moments: the database is as before or as after"
job_db co.db
job_py dump co.db >before
run 0 "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN --now $NOW
job_py dump co.db >done
for ms in 100 250 400 600; do
	job_db co.db
	setsid "$PIPE/anonymize-customers" $(job_at co.db) --user ADMIN \
	    --now $NOW >job.out 2>job.err &
	pid=$!
	sleep "0.$(printf %03d $ms)"
	kill -KILL -- -"$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	ok "${ms} ms: integrity" \
	    test "$(job_integrity co.db)" = ok
	job_py dump co.db >now
	ok "${ms} ms: as before or as after" eval 'cmp -s now before || cmp -s now done'
done

tcase "SIGTERM of the script: it stops, cleans up, changes nothing"
rm -rf "${TMPDIR:?}"/*
job_db co.db
job_py dump co.db >before
slow filter
SLOW_FILTER=1 CUSTANON_BIN=$PWD/bin "$PIPE/anonymize-customers" \
    $(job_at co.db) --user ADMIN --now $NOW >job.out 2>job.err &
pid=$!
ok "the job reached the filters" waitmark
kill -TERM "$pid"
wait "$pid"
status_is 143 "the job stopped by SIGTERM"
ok "the message" grep -qx 'anonymize-customers: interrupted by SIGTERM: nothing changed' job.err
ok "no temporary folder left" job_nowork
job_py dump co.db >after
ok "unchanged" cmp before after

for stage in export import; do
	tcase "SIGTERM during the $stage: nothing changed, nothing left behind"
	rm -rf "${TMPDIR:?}"/*
	job_db co.db
	job_py dump co.db >before
	slow $stage
	PATH=$PWD/slow:$PATH "$PIPE/anonymize-customers" $(job_at co.db) \
	    --user ADMIN --now $NOW >job.out 2>job.err &
	pid=$!
	ok "the job reached the $stage" waitmark
	kill -TERM "$pid"
	wait "$pid"
	status_is 143 "the job stopped by SIGTERM"
	ok "no temporary folder left" job_nowork
	ok "integrity" test "$(job_integrity co.db)" = ok
	job_py dump co.db >after
	ok "unchanged" cmp before after
	touch slow/go
done
