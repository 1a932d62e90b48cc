# TAP helpers for the shell tests.  Source it; call done_testing at the end.
n=0
failed=0

ok() {	# ok CONDITION-EXIT-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

is() {	# is GOT EXPECTED DESCRIPTION
	n=$((n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $n - $3"
	else
		echo "not ok $n - $3"
		printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"
		failed=$((failed + 1))
	fi
}

same_file() {	# same_file GOT-FILE EXPECTED-FILE DESCRIPTION
	n=$((n + 1))
	if diff -u "$2" "$1" >"$TEST_TMP/diff" 2>&1; then
		echo "ok $n - $3"
	else
		echo "not ok $n - $3"
		sed 's/^/#   /' "$TEST_TMP/diff"
		failed=$((failed + 1))
	fi
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
