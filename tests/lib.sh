# tests/lib.sh: the assertions of the data-driven cases (sourced by
# tests/run into a fresh bash per case file).
#
#   tcase NAME          start a case in a fresh empty directory
#   run STATUS CMD...   run CMD (stdin passes through), keep stdout in
#                       ./out and stderr in ./err, assert its exit status
#   out_is              assert ./out equals standard input
#   out_file_is FILE    assert ./out equals FILE
#   file_is FILE        assert FILE equals standard input
#   err_is              assert ./err equals standard input
#   err_has TEXT        assert ./err contains TEXT
#   err_lacks TEXT      assert ./err does not contain TEXT
#   err_empty           assert ./err is empty
#   status_is WANT DESC assert the command just before exited WANT
#                       (after `wait PID`, or one whose output `run`
#                       cannot take): `CMD; status_is 1 "what it is"`
#   ok DESC CMD...      assert CMD succeeds
#   ok_not DESC CMD...  assert CMD fails
#   tskip REASON        report the rest of the case file skipped (an
#                       optional dependency is missing); the caller then
#                       stops the file (exit 0, or return at its top
#                       level); a case under way is dropped unjudged.
#                       Within a case, to skip that case alone (what it
#                       asserts cannot be seen here), the file goes on
#                       with its next tcase; REASON then names the case
#
# A case passes when it made at least one assertion and none failed.
# $DATA is tests/data, $TOP the source tree; programs are on PATH.

_tname=
_tfail=0
_tasserts=0
_tn=0

_tfinish() {
	[ -n "$_tname" ] || return 0
	if [ "$_tasserts" -eq 0 ]; then
		_tmsg "asserts nothing"
		_tfail=1
	fi
	if [ "$_tfail" -eq 0 ]; then
		echo "PASS $_tfile: $_tname" >>"$RESULTS"
	else
		echo "FAIL $_tfile: $_tname" >>"$RESULTS"
	fi
	_tname=
}

_tmsg() {
	printf '  %s: %s: %s\n' "$_tfile" "$_tname" "$*" >>"$FAILLOG"
}

_tbad() {
	_tfail=1
	_tmsg "$@"
}

tcase() {
	_tfinish
	_tname=$1
	_tfail=0
	_tasserts=0
	_tn=$((_tn + 1))
	cd "$WORK" || exit 1
	[ ! -e "c$_tn" ] || rm -rf "c$_tn"
	mkdir "c$_tn" && cd "c$_tn" || exit 1
}

tdone() {
	_tfinish
}

tskip() {
	_tname=
	echo "SKIP $_tfile: $*" >>"$RESULTS"
}

run() {
	local want=$1 got
	shift
	_tasserts=$((_tasserts + 1))
	"$@" >out 2>err
	got=$?
	if [ "$got" != "$want" ]; then
		_tbad "exit status $got, wanted $want: $*"
		sed 's/^/    stderr: /' err | head -5 >>"$FAILLOG"
	fi
	# (grep only a stderr that holds something: a process each counts.)
	if [ -s err ] && grep -q -e 'ERROR: AddressSanitizer' \
	    -e 'ERROR: LeakSanitizer' -e 'runtime error:' err; then
		_tbad "sanitizer report: $*"
		head -20 err | sed 's/^/    /' >>"$FAILLOG"
	fi
	return 0
}

_tcmp() {	# _tcmp WHAT GOT WANT
	_tasserts=$((_tasserts + 1))
	if ! cmp -s "$2" "$3"; then
		_tbad "$1 differs (- got, + wanted)"
		diff -u "$2" "$3" | tail -n +3 | head -20 | sed 's/^/    /' \
		    >>"$FAILLOG"
	fi
}

out_is() {
	cat >.want
	_tcmp stdout out .want
}

out_file_is() {
	_tcmp stdout out "$1"
}

file_is() {
	cat >.want
	_tcmp "$1" "$1" .want
}

err_is() {
	cat >.want
	_tcmp stderr err .want
}

err_has() {
	_tasserts=$((_tasserts + 1))
	grep -qF -- "$1" err || _tbad "stderr lacks: $1 (has: $(head -c 300 err))"
}

err_lacks() {
	_tasserts=$((_tasserts + 1))
	! grep -qF -- "$1" err || _tbad "stderr has: $1"
}

err_empty() {
	_tasserts=$((_tasserts + 1))
	[ ! -s err ] || _tbad "stderr not empty: $(head -c 300 err)"
}

status_is() {
	local got=$?
	_tasserts=$((_tasserts + 1))
	[ "$got" = "$1" ] || _tbad "exit status $got, wanted $1: $2"
}

ok() {
	local desc=$1
	shift
	_tasserts=$((_tasserts + 1))
	"$@" || _tbad "failed: $desc"
}

ok_not() {
	local desc=$1
	shift
	_tasserts=$((_tasserts + 1))
	! "$@" || _tbad "unexpectedly succeeded: $desc"
}
