#!/bin/sh
# The command line: --help, --version, usage errors and exit codes.
. tests/lib.sh
out="$TEST_TMP/out"
err="$TEST_TMP/err"

"$CCHC" --version >"$out" 2>"$err"
is $? 0 "--version exits 0"
grep -Eq '^cchc [0-9]+\.[0-9]+\.[0-9]+$' "$out"
ok $? "--version prints the version"

"$CCHC" --help >"$out" 2>"$err"
is $? 0 "--help exits 0"
grep -q '^usage: cchc' "$out"
ok $? "--help prints the usage"
grep -q 'check-forms' "$out"
ok $? "--help lists check-forms"

"$CCHC" --frobnicate >"$out" 2>"$err"
is $? 64 "an unknown option exits 64"
grep -q 'unknown option --frobnicate' "$err"
ok $? "the unknown option is named"

"$CCHC" frobnicate >"$out" 2>"$err"
is $? 64 "an unknown command exits 64"
grep -q 'unknown command "frobnicate"' "$err"
ok $? "the unknown command is named"

"$CCHC" --db >"$out" 2>"$err"
is $? 64 "--db without a file exits 64"

done_testing
