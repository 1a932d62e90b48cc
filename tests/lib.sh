# TAP helpers for the shell tests.  Source it; call done_testing at the end.
# The command line speaks Vietnamese by default; the tests read its English
# messages (tests/cli-lang.t checks both languages, the screen tests
# start the screens without it).
LANGUAGE=en
export LANGUAGE
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

# appraised_as_self DB YEAR AGENCY: a CSV giving AGENCY's appraised
# scores the values of its self scores (every field quoted).
appraised_as_self() {
	"$CCHC" --db "$1" export "$2" | A="$3" perl -CSD -MText::ParseWords \
	    -ne 'chomp; my @f = parse_line(",", 0, $_); $#f = 7;
	    if ($. == 1) { print join(",", @f[0..7]), "\n"; next }
	    next unless $f[0] eq $ENV{A};
	    @f[3, 5] = @f[2, 4];
	    print join(",", map { my $x = $_ // ""; $x =~ s/"/""/g; "\"$x\"" }
	    @f[0..7]), "\n"'
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
