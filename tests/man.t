#!/bin/sh
# The manual pages: clean under mandoc's linter, and the KEYS section of
# cchc(1) is exactly the key table the help screen shows.
. tests/lib.sh
for m in man/cchc.1 man/cchc.5; do
	out=$(mandoc -T lint -W warning "$m" 2>&1)
	is "$out" "" "$m is clean under mandoc -T lint"
done

# KEYS as "screen / keys / help" lines, from the page and from the program.
awk '
/^\.Sh KEYS/ { k = 1; next }
/^\.Sh / { k = 0 }
k && /^\.Ss / { sub(/^\.Ss /, ""); print; next }
k && /^\.It Ic / { sub(/^\.It Ic /, ""); gsub(/\\&/, ""); keys = $0; getline; printf "\t%s\t%s\n", keys, $0 }
' man/cchc.1 >"$TEST_TMP/man-keys"
"$CCHC" --keys >"$TEST_TMP/keys"
is $? 0 "cchc --keys prints the key table"
same_file "$TEST_TMP/man-keys" "$TEST_TMP/keys" "the KEYS section of cchc(1) matches the help screen's table"

# Every command of --help is documented.
for c in $("$CCHC" --help | awk '/^  [a-z]/ { print $1 }'); do
	grep -q "^\.It Cm $c" man/cchc.1
	ok $? "cchc(1) documents the $c command"
done
done_testing
