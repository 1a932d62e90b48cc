#!/bin/sh
# Golden tests of `cchc check-forms`: the shipped files are clean, and each
# broken fixture lists every one of its errors, with its line, and exits 78.
. tests/lib.sh
fx=tests/fixtures
out="$TEST_TMP/out"
err="$TEST_TMP/err"

"$CCHC" check-forms forms/*.cfg data/*.cfg >"$out" 2>"$err"
is $? 0 "shipped forms and agency files are clean"
is "$(cat "$err")" "" "no message for the shipped files"
is "$(grep -c ': form ' "$out")" 3 "three forms summarised"
grep -q 'data/tayninh.cfg: agency list of Tây Ninh: 3 blocks, 34 agencies' "$out"
ok $? "the agency list is summarised"

for f in bad-form bad-syntax bad-kind bad-agencies bad-numbers; do
	"$CCHC" check-forms "$fx/$f.cfg" >"$out" 2>"$err"
	is $? 78 "$f.cfg exits 78"
	same_file "$err" "$fx/$f.err" "$f.cfg reports all its errors with lines"
done

# Cross-check: a profile an agency names must exist in its block's form.
"$CCHC" check-forms "$fx/small.cfg" "$fx/bad-profile.cfg" >"$out" 2>"$err"
is $? 78 "an unknown profile exits 78"
same_file "$err" "$fx/bad-profile.err" "the unknown profile is reported"

# One bad file among good ones still fails, and the good ones are summarised.
"$CCHC" check-forms forms/so.cfg "$fx/bad-kind.cfg" >"$out" 2>"$err"
is $? 78 "a bad file among good ones fails the run"
grep -q '^forms/so.cfg: form so' "$out"
ok $? "the good file is still summarised"

"$CCHC" check-forms "$fx/no-such-file.cfg" >"$out" 2>"$err"
is $? 66 "a missing file exits 66"
grep -q 'no-such-file.cfg: No such file or directory' "$err"
ok $? "a missing file is named with the reason"

"$CCHC" check-forms >"$out" 2>"$err"
is $? 64 "no file is a usage error"

# The form's sums are checked: break one number of a shipped form.
sed '0,/max = 10;/s//max = 11;/' forms/so.cfg >"$TEST_TMP/so.cfg"
"$CCHC" check-forms "$TEST_TMP/so.cfg" >"$out" 2>"$err"
is $? 78 "a changed area max in so.cfg is refused"
grep -Eq 'so.cfg:[0-9]+: (area|form) .*: max is' "$err"
ok $? "the sum mismatch is reported with its line"

done_testing
