# failclosed-lib.sh: helpers of the failclosed-*.sh cases, which source
# it after job-lib.sh; it defines no case of its own.
#
#   paused NAME CMD...   run CMD in the background, in its own process
#                        group, stopped at the pipelines' test-only pause
#                        point NAME (CUSTANON_TEST_PAUSE, files in
#                        ./pause); true once it is there (at most 30 s).
#                        $pid: its process; its output in job.out and
#                        job.err (PFX.out, PFX.err with PFX=name)
#   resume NAME          let the job paused at NAME go on
#   reap                 wait for $pid; $rc: its exit status
#   hup_ignored          true when SIGHUP is ignored in this shell, and so
#                        in every job it starts (the suite run under
#                        nohup): a shell cannot catch a signal ignored at
#                        its entry, so a case that sends one skips it
[ -n "${FAILCLOSED_LIB:-}" ] && return 0
FAILCLOSED_LIB=1

paused() {
	local name=$1 i pfx=${PFX:-job}
	shift
	mkdir -p pause
	rm -f "pause/$name" "pause/$name.go"
	CUSTANON_TEST_PAUSE=$name CUSTANON_TEST_PAUSE_DIR=$PWD/pause \
	    setsid "$@" >"$pfx.out" 2>"$pfx.err" &
	pid=$!
	for i in $(seq 300); do
		[ -e "pause/$name" ] && return 0
		sleep 0.1
	done
	return 1
}

resume() {
	touch "pause/$1.go"
}

reap() {
	rc=0
	{ wait "$pid"; } 2>/dev/null || rc=$?
}

hup_ignored() {
	local ign=
	if [ -r "/proc/$BASHPID/status" ]; then
		ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$BASHPID/status")
	fi
	if [[ $ign =~ ^[0-9a-fA-F]+$ ]]; then
		# Bit 0: SIGHUP (signal 1).
		(((16#$ign & 1) != 0))
		return
	fi
	[ "$(trap -p HUP)" = "trap -- '' SIGHUP" ]
}
