#!/bin/sh
# Absurd numbers never reach the database: from the command line, a CSV
# or a deduction, each is refused with a message and exit 65, and the
# year is what it was (its export unchanged, verify clean).
. tests/lib.sh
t=$TEST_TMP
db=$t/bounds.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }

sh data/demo/build "$CCHC" "$db" >/dev/null
"$CCHC" --db "$db" export 2024 >"$t/before.csv"

# --- set: a ratio item whose max is 1.5 ------------------------------------
for v in -90000000000000 -18446744073708.2 9223372036854775807 \
    -9223372036854775808 99999999999999999999 1e9 1.6; do
	c set 2024 SYT 1.5.1 --self="$v"
	is $? 65 "set --self=$v is refused (65)"
done
grep -q . "$err"
ok $? "with a message"
c set 2024 SYT 1.5.1 --self-input "done=-90000000000000;planned=1"
is $? 65 "a negative count is refused"
c set 2024 SYT 1.5.1 --self-input "done=1;planned=99999999999999999"
is $? 65 "a count past the bound is refused"

# --- import: the same values in a CSV ----------------------------------------
head -1 "$t/before.csv" >"$t/bad.csv"
grep '^SYT,1\.5\.1,' "$t/before.csv" |
    sed 's/^SYT,1\.5\.1,[^,]*,/SYT,1.5.1,-18446744073708.2,/' >>"$t/bad.csv"
c import 2024 "$t/bad.csv"
is $? 65 "import of -18446744073708.2 is refused (65)"
grep -q "bad.csv:2:" "$err"
ok $? "naming the file and line"

# --- deductions --------------------------------------------------------------
c deduct 2024 SYT 100000000000000 --reason "một dòng quá lớn"
is $? 65 "a deduction of 10^14 points is refused"
c deduct 2024 SYT 92233720368547749 --reason "tràn số"
is $? 65 "a deduction of 92233720368547749 points is refused"
c deduct 2024 SYT 4 --reason "một phần"
is $? 0 "a deduction within the max and the form's ceiling is taken"
c deduct 2024 SYT 97 --reason "quá điểm tối đa"
is $? 65 "a second one past the agency's max is refused"
grep -q 'maximum' "$err"
ok $? "and says the maximum"
c deduct 2024 SYT 1.25 --reason "quá mức trần"
is $? 65 "a second one past the form's manual_cap (5) is refused"
grep -q "more than the form's ceiling of 5 points (4 already)" "$err"
ok $? "and says the ceiling and what is already deducted"
c deduct 2024 SYT 1 --reason "đến đúng mức trần"
is $? 0 "a line that reaches the ceiling exactly is taken"

c deduct 2024 SYT 1 --reason "chứng từ sai" --evidence "12/TB-SNV|abc"
is $? 65 "a deduction's evidence with a bad date is refused"
c state 2024 SYT frobnicate
is $? 64 "an unknown workflow action is a usage error (64)"

# --- nothing changed but the good deductions ---------------------------
"$CCHC" --db "$db" export 2024 >"$t/after.csv"
same_file "$t/after.csv" "$t/before.csv" "the scores are as they were"
c verify
is $? 0 "verify finds the database whole"
c report 2024 --format csv
is $? 0 "the year still loads and ranks"

done_testing
