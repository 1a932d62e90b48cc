#!/bin/sh
# The audit of an import (issue 8): the rows an import creates are logged
# by hash under one audit record naming the file and its SHA-256; a row it
# changes keeps its own audit row (old and new text); verify proves every
# row's value and finds every kind of tampering with the logged rows.
. tests/lib.sh
t=$TEST_TMP/bulk
mkdir -p "$t"
db=$t/bulk.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
ver() { "$CCHC" --db "$1" verify >"$out" 2>"$err"; }

sh data/demo/build "$CCHC" "$db" >/dev/null
rows=$(sqlite3 "$db" "SELECT count(*) FROM entry WHERE year = 2024")
is "$(sqlite3 "$db" "SELECT count(*) FROM logged")" "$rows" \
    "every row the import created is logged"
is "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key LIKE 'entry/%'")" 0 \
    "and has no audit row of its own"
is "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key LIKE 'import/2024/%'")" 1 \
    "one audit record for the import"
sum=$(sha256sum data/demo/scores.csv | cut -c1-64)
rec=$(sqlite3 "$db" "SELECT new FROM audit WHERE key LIKE 'import/2024/%'")
case $rec in *"sha256=$sum"*) r=0 ;; *) r=1 ;; esac
ok $r "the record holds the file's SHA-256"
case $rec in *"rows=$rows"*) r=0 ;; *) r=1 ;; esac
ok $r "and the number of rows"
ver "$db"
is $? 0 "verify proves the imported year"

# A second import of changed values: the changed rows get audit rows with
# the old text (nothing lost), the new ones are logged.
cp "$db" "$t/base.db"
head -1 data/demo/scores.csv >"$t/two.csv"
grep '^SYT,1\.1\.1,' data/demo/scores.csv | sed 's/^SYT,1\.1\.1,[^,]*,/SYT,1.1.1,0.5,/' >>"$t/two.csv"
c import 2024 "$t/two.csv"
is $? 0 "a re-import of a changed row is taken"
is "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key = 'entry/2024/SYT/1.1.1' AND old <> ''")" 1 \
    "the changed row has an audit row with its old text"
ver "$db"
is $? 0 "verify passes after the second import"
c set 2024 SYT 1.1.2 --self 0
ver "$db"
is "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key = 'entry/2024/SYT/1.1.2'")" 1 "a set on an imported row gets its audit row"
ver "$db"
is $? 0 "and verify passes after it"

# Tampering.
cp "$t/base.db" "$t/a.db"
sqlite3 "$t/a.db" "UPDATE entry SET self_points = 1 WHERE year = 2024 AND agency = 'STP' AND item = '1.1.1'"
ver "$t/a.db"
is $? 65 "an imported row changed with sqlite3 is found"
grep -q 'entry/2024/STP/1.1.1: differs from what import 1 logged' "$err"
ok $? "and named"

cp "$t/base.db" "$t/b.db"
sqlite3 "$t/b.db" "UPDATE entry SET self_points = 1 WHERE year = 2024 AND agency = 'STP' AND item = '1.1.1';
    DROP TRIGGER logged_no_update;
    UPDATE logged SET hash = (SELECT hash FROM logged WHERE key <> 'entry/2024/STP/1.1.1' LIMIT 1) WHERE key = 'entry/2024/STP/1.1.1'"
ver "$t/b.db"
is $? 65 "a logged hash re-written to match is found"
grep -q 'the rows logged by import 1 were changed' "$err"
ok $? "by the import's digest"

cp "$t/base.db" "$t/c.db"
sqlite3 "$t/c.db" "DROP TRIGGER logged_no_delete; DELETE FROM logged WHERE key = 'entry/2024/STP/1.1.1'; DELETE FROM entry WHERE year = 2024 AND agency = 'STP' AND item = '1.1.1'"
ver "$t/c.db"
is $? 65 "a row deleted with its logged line is found"

cp "$t/base.db" "$t/d.db"
sqlite3 "$t/d.db" "INSERT INTO logged VALUES ('entry/2024/STP/9.9.9', 7, 'x')"
ver "$t/d.db"
is $? 65 "a line of an import the chain does not have is found"
grep -q 'logged by import 7, which is not in the audit log' "$err"
ok $? "and named"

cp "$t/base.db" "$t/f.db"
sqlite3 "$t/f.db" "DELETE FROM evidence WHERE year = 2024 AND agency = 'STP' AND item = '1.1.1'; DELETE FROM entry WHERE year = 2024 AND agency = 'STP' AND item = '1.1.1'"
ver "$t/f.db"
is $? 65 "an imported row deleted with sqlite3 is found"
grep -q 'entry/2024/STP/1.1.1: differs from what import 1 logged.*deleted' "$err"
ok $? "and said to be deleted"

cp "$db" "$t/g.db"
sqlite3 "$t/g.db" "UPDATE entry SET note = 'x' WHERE year = 2024 AND agency = 'SYT' AND item = '1.1.2'"
ver "$t/g.db"
is $? 65 "a row set after its import, then changed with sqlite3, is found"
grep -q 'entry/2024/SYT/1.1.2: differs from audit row' "$err"
ok $? "against its last audit row, not the import"

cp "$t/base.db" "$t/h.db"
sqlite3 "$t/h.db" "UPDATE evidence SET number = 'X' WHERE year = 2024 AND agency = 'STP' AND item = '1.1.1'"
ver "$t/h.db"
is $? 65 "evidence changed with sqlite3 is found"

# A failed import writes nothing: no logged line, no record.
cp "$t/base.db" "$t/e.db"
printf 'agency,item,self\nSTP,1.1.1,0.5\nNOPE,1.1.1,1\n' >"$t/bad.csv"
"$CCHC" --db "$t/e.db" import 2024 "$t/bad.csv" >"$out" 2>"$err"
is $? 65 "an import with a bad row is refused"
is "$(sqlite3 "$t/e.db" "SELECT count(*) FROM logged")" "$rows" "and logs nothing"
is "$(sqlite3 "$t/e.db" "SELECT count(*) FROM audit WHERE key LIKE 'import/%'")" 1 "and records nothing"

done_testing
