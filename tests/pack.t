#!/bin/sh
# The packed agency list (issue 8, schema step 8): a year keeps its list
# as read from its text in table year_pack, opens from it without parsing
# the text, falls back to the text when the pack is missing or does not
# read, packs the years of an older file when it is first written, and
# verify finds a pack that no longer agrees with the audited text.
. tests/lib.sh
t=$TEST_TMP
db=$t/pack.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
q() { sqlite3 "$db" "$@"; }

sh data/demo/build "$CCHC" "$db" >/dev/null
c init 2025 --from 2024
is $? 0 "a second year, started from the first"
is "$(q 'SELECT count(*) FROM year_pack')" 2 "init packs each year's list"
q "SELECT writefile('$t/pack.bin', pack) FROM year_pack WHERE year = 2024" >/dev/null
c report 2024 --format csv
cp "$out" "$t/packed.csv"
grep -q 'Sở Y tế' "$t/packed.csv"
ok $? "the report, from the packed list, names the agencies"
c verify
is $? 0 "verify finds the packs equal to the texts"

# Without its pack a year is read from its text, and gives the same.
q 'DELETE FROM year_pack WHERE year = 2024'
c report 2024 --format csv
is $? 0 "a year without a pack opens from its text"
cmp -s "$out" "$t/packed.csv"
ok $? "and reports the same, to the byte, as from its pack"
is "$(q 'SELECT count(*) FROM year_pack WHERE year = 2024')" 0 \
    "reading does not write the pack"
c set 2024 SYT 1.1.1 --self 0.5
is $? 0 "a write to the file"
is "$(q 'SELECT count(*) FROM year_pack WHERE year = 2024')" 1 \
    "packs the year that had none (an older cchc's file)"
q "SELECT writefile('$t/again.bin', pack) FROM year_pack WHERE year = 2024" >/dev/null
cmp -s "$t/pack.bin" "$t/again.bin"
ok $? "the same bytes as init wrote"

# The year opens from the pack, not the text: a name changed in the
# pack shows; verify finds the pack differs from the audited text.
perl -0pi -e 's/Sở Y tế/Sở Y tá/' "$t/again.bin"
q "UPDATE year_pack SET pack = readfile('$t/again.bin') WHERE year = 2024"
c report 2024
grep -q 'Sở Y tá' "$out"
ok $? "the year is opened from its pack"
c verify
is $? 65 "verify finds a pack that differs from the year's text"
grep -q 'year/2024: the agency list kept for opening the year differs' "$err"
ok $? "and names the year"
grep -q 'year/2025' "$err"
is $? 1 "and only that year"

# A pack that does not read (cut, or not a pack) is not used: the text is.
head -c $(($(wc -c <"$t/pack.bin") / 2)) "$t/pack.bin" >"$t/cut.bin"
q "UPDATE year_pack SET pack = readfile('$t/cut.bin') WHERE year = 2024"
c report 2024 --format csv
is $? 0 "a cut pack: the year opens from its text"
cmp -s "$out" "$t/packed.csv"
ok $? "and reports as before"
c verify
is $? 65 "verify finds the cut pack"
q "UPDATE year_pack SET pack = X'00' WHERE year = 2024"
c report 2024 --format csv
cmp -s "$out" "$t/packed.csv"
ok $? "a pack of one byte: the year opens from its text"

# Put back, all is clean again.
q "UPDATE year_pack SET pack = readfile('$t/pack.bin') WHERE year = 2024"
c verify
is $? 0 "with its own pack back, verify is clean"

# An amended list is packed in the same transaction.
sed 's/"Sở Tư pháp"/"Sở Tư pháp tỉnh"/' data/tayninh.cfg >"$t/list.cfg"
grep -q 'Sở Tư pháp tỉnh' "$t/list.cfg"
ok $? "a list with one name changed"
c year amend 2025 --agencies "$t/list.cfg" --forms forms
is $? 0 "year amend takes it"
c report 2025
grep -q 'Sở Tư pháp tỉnh' "$out"
ok $? "and the year opens with the new name"
c verify
is $? 0 "the new pack agrees with the new text"

done_testing
