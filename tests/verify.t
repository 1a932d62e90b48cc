#!/bin/sh
# verify's streaming pass over the entries (issue 8): entries read agency
# by agency from the primary key's index, merged with the audit log and
# the imports' logged lines in the order of the keys as text.  Codes where
# one is another followed by '-' or '.' ("HT", "HT-LH", "HT.C") sort
# differently as codes and as keys ("entry/2024/HT-LH/..." comes before
# "entry/2024/HT/..."): verify must still pair every row with its own
# log, find each row changed behind cchc's back, and nothing else.
. tests/lib.sh
t=$TEST_TMP
db=$t/v.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
q() { sqlite3 "$db" "$@"; }

sed -e 's/"TXHT"/"HT"/g' -e 's/"HTCH"/"HT.C"/g' tests/fixtures/two-forms.cfg \
    >"$t/prefix.cfg"
c init 2024 --agencies "$t/prefix.cfg"
is $? 0 "a year whose codes are prefixes of others (HT, HT-LH, HT.C)"
# Imported rows (logged by the import) for every agency, and edits
# (audited one by one) for three.
c export 2024
head -1 "$out" >"$t/in.csv"
for a in HT HT-HT HT-LH HT.C TCH-TH TCH-TT; do
	echo "$a,1.1.1,1,1,,,,,,,,,,"
done >>"$t/in.csv"
c import 2024 "$t/in.csv"
is $? 0 "an import of a row for each agency"
for a in HT HT-LH HT.C; do
	c set 2024 "$a" 1.1.2 --note "note of $a"
done
is $? 0 "edits of three agencies"
c verify
is $? 0 "verify finds every row as logged"
is "$(wc -l <"$err")" 0 "and says nothing is wrong"

# One edited and one imported row changed behind cchc's back: exactly
# those two are named.
q "UPDATE entry SET note = 'changed' WHERE agency = 'HT' AND item = '1.1.2'"
q "UPDATE entry SET self_points = 50 WHERE agency = 'HT-LH' AND item = '1.1.1'"
c verify
is $? 65 "verify finds the two rows changed"
grep -q 'entry/2024/HT/1.1.2: differs from audit row' "$err"
ok $? "the edited row of HT, against its audit row"
grep -q 'entry/2024/HT-LH/1.1.1: differs from what import 1 logged' "$err"
ok $? "the imported row of HT-LH, against its logged line"
is "$(grep -c 'entry/' "$err")" 2 "and no other row"

# A row removed, and one added, behind cchc's back.
q "UPDATE entry SET note = 'note of HT' WHERE agency = 'HT' AND item = '1.1.2'"
q "UPDATE entry SET self_points = 100 WHERE agency = 'HT-LH' AND item = '1.1.1'"
c verify
is $? 0 "put back, verify is clean"
cp "$db" "$t/clean.db"
q "PRAGMA foreign_keys = ON; DELETE FROM entry WHERE agency = 'HT.C' AND item = '1.1.2'"
q "INSERT INTO entry (year, agency, item, who, at) VALUES (2024, 'HT-HT', '1.1.3', 'x', 'now')"
c verify
is $? 65 "verify finds a row removed and a row added"
grep -q 'entry/2024/HT.C/1.1.2: differs from audit row .* deleted outside cchc' "$err"
ok $? "the row removed"
grep -q 'entry/2024/HT-HT/1.1.3: not in the audit log' "$err"
ok $? "the row added"
is "$(grep -c 'entry/' "$err")" 2 "and no other row"

# A logged line changed: the import's digest no longer holds.
cp "$t/clean.db" "$db"
c verify
is $? 0 "put back, verify is clean"
q "DROP TRIGGER logged_no_update; UPDATE logged SET hash = replace(hash, substr(hash, 1, 1), 'x') WHERE key = 'entry/2024/HT.C/1.1.1'"
c verify
is $? 65 "verify finds a logged line changed"
grep -q 'the rows logged by import 1 were changed' "$err"
ok $? "by the import's digest"

done_testing
