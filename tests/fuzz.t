#!/bin/sh
# The fuzzing harnesses (tests/fuzz/fuzz-*.c) without libFuzzer: each is
# linked with tests/fuzz/replay.c and run on its seed corpus and on every
# input that once found a bug (tests/fuzz/TARGET/), under the build's
# sanitizers when make check SANITIZE=1.  A harness aborts on a finding:
# a sanitizer report or a property of the code that does not hold.
# make fuzz runs the same harnesses under libFuzzer (tests/RELIABILITY.md).
. tests/lib.sh
t=$TEST_TMP/fuzz
mkdir -p "$t"
for target in expr parse formload import; do
	bin=$BUILD/tests/replay-$target
	want=$(find "tests/fuzz/$target" -type f | wc -l)
	[ "$want" -ge 10 ]
	ok $? "$target: a seed corpus ($want inputs)"
	TMPDIR=$t "$bin" "tests/fuzz/$target" >"$t/out" 2>"$t/err"
	rc=$?
	is $rc 0 "$target: every input runs without a finding"
	[ $rc -eq 0 ] || tail -20 "$t/err" | sed 's/^/#   /'
	is "$(cat "$t/out")" "replayed $want inputs" "$target: all of them ran"
done
# A replay that cannot read an input fails (it never passes on nothing).
"$BUILD/tests/replay-parse" "$t/nowhere" >"$t/out" 2>"$t/err"
is $? 1 "a missing input fails the replay"
ls "$t" | grep -q 'cchc-fuzz-import'
[ $? -ne 0 ]
ok $? "the import harness leaves no database behind"
done_testing
