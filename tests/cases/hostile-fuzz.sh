# hostile-fuzz: the fuzzing harnesses of tests/fuzz/ replayed, without
# libFuzzer, over their seed corpora and over every input a fuzzer found
# (tests/fuzz/regress/HARNESS/), so that make check keeps each finding
# fixed.  The harnesses are built here with the C compiler (CC, default
# cc) and ASan and UBSan where it has them; make fuzz is the search.

cc=${CC:-cc}
fz=$WORK/fuzz
mkdir -p "$fz/obj"
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
echo 'int main(void) { return 0; }' >"$fz/t.c"
$cc $san -o "$fz/t" "$fz/t.c" 2>/dev/null || san=
flags="-g -O1 -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I$TOP/lib"

tcase 'the library and the harnesses build for replay'
built=1
for src in "$TOP"/lib/*.c; do
	# shellcheck disable=SC2086
	$cc $flags $san -c -o "$fz/obj/$(basename "$src" .c).o" "$src" \
	    2>>build.err || built=0
done
for h in csv rules filter date pii; do
	libs="-lcsv -lpcre2-8 -lunistring"
	extra=
	if [ $h = rules ]; then
		extra=-DFUZZ_WRAP_EXIT
		libs="-l:libcsv.a -lpcre2-8 -lunistring -Wl,--wrap=exit,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=pcre2_compile_8,--wrap=pcre2_code_free_8"
	fi
	# shellcheck disable=SC2086
	$cc $flags $san $extra -o "$fz/replay_$h" \
	    "$TOP/tests/fuzz/fuzz_$h.c" "$TOP/tests/fuzz/replay.c" \
	    "$fz"/obj/*.o $libs 2>>build.err || built=0
done
ok 'everything compiled' test $built = 1
ok 'no compiler output' test ! -s build.err

for h in csv rules filter date pii; do
	tcase "fuzz_$h: the seed corpus replays cleanly"
	n=$(ls "$TOP/tests/fuzz/corpus/$h" | wc -l)
	run 0 "$fz/replay_$h" "$TOP/tests/fuzz/corpus/$h"
	out_is <<EOF
replayed $n inputs
EOF
done

for d in "$TOP"/tests/fuzz/regress/*/*; do
	[ -f "$d" ] || continue
	h=$(basename "$(dirname "$d")")
	tcase "fuzz_$h finding stays fixed: $(basename "$d")"
	run 0 "$fz/replay_$h" "$d"
	out_is <<'EOF'
replayed 1 inputs
EOF
done
