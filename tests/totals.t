#!/bin/sh
# The stored totals (issue 8): written with the entries, a year opens
# from them, verify recomputes them, and a year without them (an older
# cchc's) is computed from its entries as before.
. tests/lib.sh
t=$TEST_TMP
db=$t/totals.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }

sh data/demo/build "$CCHC" "$db" >/dev/null
nags=$(sqlite3 "$db" "SELECT count(*) FROM agency WHERE year = 2024")
is "$(sqlite3 "$db" "SELECT count(DISTINCT agency) FROM total WHERE year = 2024")" "$nags" \
    "every agency has stored totals after init and import"
"$CCHC" --db "$db" report 2024 --format csv >"$t/before.csv"

# An edit writes its agency's totals in the same transaction.
c set 2024 SYT 1.1.1 --self 0.5
is $? 0 "an edit is taken"
is "$(sqlite3 "$db" "SELECT count(*) FROM total WHERE year = 2024 AND agency = 'SYT'")" \
    "$(sqlite3 "$db" "SELECT count(*) FROM total WHERE year = 2024 AND agency = 'STP'")" \
    "the edited agency's totals are whole (a row per side and area)"
c verify
is $? 0 "verify finds the totals equal to the entries"

# Totals changed outside cchc are found.
sqlite3 "$db" "UPDATE total SET points = points + 100 WHERE year = 2024 AND agency = 'SYT' AND side = 1"
c verify
is $? 65 "verify finds stored totals that differ from the entries"
grep -q 'total/2024/SYT' "$err"
ok $? "and names the agency"

sqlite3 "$db" "UPDATE total SET points = points - 100 WHERE year = 2024 AND agency = 'SYT' AND side = 1"

# Verify sums the entries in its one pass over them: a second year, and
# agencies without a single entry, are checked too.
c init 2025 --from 2024
is $? 0 "a second year, with no entries yet"
c verify
is $? 0 "verify is clean with two years"
# An agency's areas are one text, "max:points" an area: one put in front
# shifts every area's sums.
sqlite3 "$db" "UPDATE total SET areas = '1:1,' || areas WHERE year = 2025 AND agency = 'STP' AND side = 0"
c verify
is $? 65 "a changed total of an agency with no entries is found"
grep -q 'total/2025/STP' "$err"
ok $? "and named with its year"
grep -q 'total/2024' "$err"
is $? 1 "the other year is not blamed"
sqlite3 "$db" "UPDATE total SET areas = substr(areas, 5) WHERE year = 2025 AND agency = 'STP' AND side = 0"
c verify
is $? 0 "put back, verify is clean"
# Areas that do not read are not read past: the year still opens; verify
# finds them.
areas=$(sqlite3 "$db" "SELECT areas FROM total WHERE year = 2024 AND agency = 'SNV' AND side = 1")
case $areas in *:*,*:*) ok 0 "the areas are stored as max:points, ..." ;;
*) ok 1 "the areas are stored as max:points, ... (got '$areas')" ;; esac
for junk in 'junk' '100:' '100:50,x' ':,' '99999999999999999999999:1'; do
	sqlite3 "$db" "UPDATE total SET areas = '$junk' WHERE year = 2024 AND agency = 'SNV' AND side = 1"
	c report 2024
	is $? 0 "areas '$junk': the year still opens"
	c verify
	is $? 65 "areas '$junk': verify finds them"
done
sqlite3 "$db" "UPDATE total SET areas = '$areas' WHERE year = 2024 AND agency = 'SNV' AND side = 1"
c verify
is $? 0 "put back, verify is clean"

# A year without stored totals (as an older cchc left it) is computed
# from its entries, and reports the same.
sqlite3 "$db" "DELETE FROM total"
c set 2024 SYT 1.1.1 --self 1
"$CCHC" --db "$db" report 2024 --format csv >"$t/legacy.csv"
same_file "$t/legacy.csv" "$t/before.csv" "the ranking without stored totals is the same"
c verify
is $? 0 "and verify is clean (the agency edited got its totals back)"
is "$(sqlite3 "$db" "SELECT count(DISTINCT agency) FROM total WHERE year = 2024")" 1 \
    "only the edited agency has stored totals again"

# An import that fails leaves the totals as they were.
"$CCHC" --db "$db" export 2024 >"$t/all.csv"
sed '2s/^\([^,]*,[^,]*\),[^,]*,/\1,9999,/' "$t/all.csv" >"$t/bad.csv"
c import 2024 "$t/bad.csv"
is $? 65 "an import with a bad row is refused"
is "$(sqlite3 "$db" "SELECT count(DISTINCT agency) FROM total WHERE year = 2024")" 1 \
    "and writes no totals"
c import 2024 "$t/all.csv"
is $? 0 "the whole year imported again"
is "$(sqlite3 "$db" "SELECT count(DISTINCT agency) FROM total WHERE year = 2024")" "$nags" \
    "gives every agency touched its totals"
c verify
is $? 0 "and verify is clean"

# cchc set loads its agency's ranking group alone: the rank it prints is
# the one the whole year's report gives, for a commune (ranked within its
# district) and for a department.
for ag in HT-TT SYT; do
	"$CCHC" --db "$db" state 2024 "$ag" reopen --reason "test" >/dev/null 2>&1
	c set 2024 "$ag" 1.1.1 --self 0
	is $? 0 "set $ag: taken"
	got=$(sed -n 's/.*self [0-9.]*% (rank \([0-9]*\)).*/\1/p' "$out")
	want=$("$CCHC" --db "$db" report 2024 --format csv --self |
	    awk -F, -v a="$ag" '$3 == a { print $2 }')
	is "$got" "$want" "set $ag: the rank it prints is the year's ($want)"
done

done_testing
