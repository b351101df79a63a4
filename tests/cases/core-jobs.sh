# core_jobs (pipelines/lib/core.sh), which runs the scrubs of the related
# tables side by side: it never waits for a child that is not one of its
# jobs (the export's session lives beside them, to the end of the job),
# it returns the first failing job's status in queue order and replays
# the messages up to it, and a job killed before it can say it is done
# is found.

# jobs_script FILE BODY: FILE, a bash script that loads the pipelines'
# libraries into a private folder, starts a child that outlives the jobs
# (as the export's session does), runs BODY and prints "done".  BODY may
# call status JOB... (each JOB a command, its words separated by
# spaces): queue them, run them, print "status" and core_jobs' status.
jobs_script() {
	cat >"$1" <<EOF
#!/usr/bin/env bash
set -eu -o pipefail
. "$TOP/pipelines/lib/common.sh"
. "$TOP/pipelines/lib/spec.sh"
. "$TOP/pipelines/lib/core.sh"
CORE_WORK=\$(mktemp -d "$PWD/w.XXXXXX") CORE_EX=\$CORE_WORK
sleep 300 &
long=\$!
status() {
	local job st=0
	CORE_JOB_CMD=() CORE_JOB_FILES=()
	for job in "\$@"; do
		core_job_add \$job -- none
	done
	core_jobs || st=\$?
	echo "status \$st"
}
$2
kill "\$long"
echo done
EOF
	chmod +x "$1"
}

if [ "${FLAVOUR:-rel}" != rel ]; then
	# Nothing here runs a program of the build under test.
	return 0
fi

tcase "200 rounds of 8 quick jobs beside a long-lived child: none hangs"
jobs_script race.sh '
for r in $(seq 200); do
	status : : : : : : : :
done >/dev/null'
run 0 timeout 600 ./race.sh
out_is <<'EOF'
done
EOF

tcase "the first failing job in queue order: its status, the messages up to it"
jobs_script fail.sh '
say() { echo "job $1" >&2; return "$2"; }
status "say 1 0" "say 2 4" "say 3 0" "say 4 5"'
run 0 timeout 300 ./fail.sh
out_is <<'EOF'
status 4
done
EOF
err_is <<'EOF'
job 1
job 2
EOF

tcase "a job killed before it says it is done: found, its status returned"
jobs_script killed.sh '
die() { kill -KILL "$BASHPID"; }
status die'
run 0 timeout 300 ./killed.sh
out_is <<'EOF'
status 137
done
EOF
