#!/bin/sh
# The analogy (vận dụng) and the two rounds of appraisal on the command
# line (issue 10): cchc set marks and unmarks a side's analogy, the CSV
# carries it (and, in a year of two rounds, the first round and the
# dispute) both ways, old files without the columns still import, the
# sheet shows them, and verify sees an analogy changed outside cchc.
. tests/lib.sh
t=$TEST_TMP/analogy
mkdir -p "$t"
db=$t/a.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
sh data/demo/build "$CCHC" "$db" >/dev/null

# --- set: the side, the description -------------------------------------
c set 2024 SYT 1.1.1 --analogy "Kế hoạch tương tự"
is $? 64 "--analogy without a side is a usage error"
grep -q 'which side' "$err"
ok $? "and says to name the side"
c set 2024 SYT 1.1.1 --self 1 --analogy ""
is $? 64 "an empty --analogy is refused (a description is required)"
c set 2024 SYT 1.1.1 --self-analogy "   "
is $? 65 "a description of blanks is refused"
c set 2024 SYT 1.1.1 --self-analogy "$(printf 'a\033[2Jb')"
is $? 65 "a control character in the description is refused"
c set 2024 SYT 1.1.1 --self 1 --analogy "Kế hoạch tương tự, \"có ngoặc\""
is $? 0 "set --self N --analogy TEXT marks the self side"
c export 2024
grep -qx 'SYT,1.1.1,1,,,,,,,,,,"Kế hoạch tương tự, ""có ngoặc""",' "$out"
ok $? "export: the description in self_analogy, appraised_analogy empty"
c set 2024 SYT 1.1.1 --self-status not_done
is $? 65 "another status while the analogy is marked is refused"
grep -q 'analogy' "$err"
ok $? "and says why"
c set 2024 SYT 1.1.1 --appraised-analogy "Việc khác"
is $? 65 "an analogy on a side not scored is refused"
# NFD in, NFC stored.
nfd=$(printf 'Nguye\314\202\314\203n')
nfc=$(printf 'Nguy\341\273\205n')
c set 2024 SYT 1.1.2 --self-analogy "$nfd"
is $? 0 "--self-analogy on a scored self side"
is "$(sqlite3 "$db" "SELECT self_analogy FROM entry WHERE year = 2024 AND agency = 'SYT' AND item = '1.1.2'")" \
    "$nfc" "stored in NFC"
c verify
is $? 0 "verify passes after analogies are set"

# --- verify sees a changed analogy ---------------------------------------
cp "$db" "$t/tampered.db"
sqlite3 "$t/tampered.db" "UPDATE entry SET self_analogy = 'Việc khác hẳn' WHERE year = 2024 AND agency = 'SYT' AND item = '1.1.1'"
"$CCHC" --db "$t/tampered.db" verify >"$out" 2>"$err"
is $? 65 "verify fails on an analogy changed outside cchc"
grep -q 'entry/2024/SYT/1.1.1: differs from audit row' "$err" "$out"
ok $? "and names the entry"
cp "$db" "$t/tampered.db"
sqlite3 "$t/tampered.db" "UPDATE entry SET appraised_analogy = 'thêm' WHERE year = 2024 AND agency = 'SNV' AND item = '1.1.1'"
"$CCHC" --db "$t/tampered.db" verify >"$out" 2>"$err"
is $? 65 "verify fails on an analogy added outside cchc"

# --- --no-analogy --------------------------------------------------------
c set 2024 SYT 1.1.2 --no-analogy
is $? 0 "--no-analogy alone unmarks both sides"
is "$(sqlite3 "$db" "SELECT quote(self_analogy) FROM entry WHERE year = 2024 AND agency = 'SYT' AND item = '1.1.2'")" \
    NULL "the column is NULL again"

# --- the sheet -----------------------------------------------------------
c report 2024 --kind sheet --agency SYT --format csv
is $? 0 "the sheet of SYT"
grep -q '^SYT,,1.1.1,.*,"Vận dụng (tự chấm): Kế hoạch tương tự' "$out"
ok $? "the sheet notes the analogy"

# --- the CSV both ways; an old file still imports -----------------------
c export 2024 -o "$t/one.csv"
sh data/demo/agencies >"$t/demo-agencies.cfg"
"$CCHC" --db "$t/b.db" init 2024 --agencies "$t/demo-agencies.cfg" >/dev/null 2>&1
"$CCHC" --db "$t/b.db" import 2024 "$t/one.csv" >"$out" 2>"$err"
is $? 0 "the export imports into a fresh year"
"$CCHC" --db "$t/b.db" export 2024 >"$t/two.csv"
cmp -s "$t/one.csv" "$t/two.csv"
ok $? "export -> import -> export keeps the analogy exactly"
printf 'agency,item,self,appraised,self_status,appraised_status,evidence,note\nSTP,1.1.2,1.5,,,,,\n' >"$t/old.csv"
"$CCHC" --db "$t/b.db" import 2024 "$t/old.csv" >"$out" 2>"$err"
is $? 0 "a file without the new columns imports"
printf 'agency,item,self,appraised,self_status,appraised_status,evidence,note,self_analogy\nSTP,1.1.2,,,not_done,,,,Tương tự\n' >"$t/bad.csv"
"$CCHC" --db "$t/b.db" import 2024 "$t/bad.csv" >"$out" 2>"$err"
is $? 65 "an analogy on a row not scored is refused"
grep -q 'bad.csv:2:' "$err"
ok $? "as FILE:LINE"

# --- two rounds ----------------------------------------------------------
c set 2024 SYT 1.1.1 --first 0.5
is $? 65 "a first-round score in a year of one round is refused"
grep -q 'rounds 2' "$err"
ok $? "and says how to set two rounds"
c year set 2024 rounds 2
is $? 0 "year set rounds 2"
c report 2024 --kind ranking --format csv
cp "$out" "$t/rank-before.csv"
c set 2024 SNV 1.1.1 --first 0.5 --dispute "Đã ban hành đúng hạn"
is $? 77 "an appraised agency's first round is frozen like its appraised score"
c set 2024 SYT 1.1.1 --first 0.5 --dispute "Đã ban hành đúng hạn"
is $? 0 "set --first N --dispute TEXT"
c set 2024 SYT 1.2.1 --first-status not_done
is $? 0 "set --first-status"
c set 2024 SYT 1.2.1 --first 1 --no-first
is $? 64 "--no-first with a first-round value is a usage error"
c report 2024 --kind ranking --format csv
same_file "$out" "$t/rank-before.csv" "the first round does not count: the ranking is the same"
c export 2024 -o "$t/r2.csv"
head -1 "$t/r2.csv" | grep -q ',self_analogy,appraised_analogy,first_appraised,first_appraised_status,first_appraised_inputs,dispute$'
ok $? "export in a year of two rounds has the round columns"
grep -qx 'SYT,1.1.1,1,,,,,,,,,,"Kế hoạch tương tự, ""có ngoặc""",,0.5,,,Đã ban hành đúng hạn' "$t/r2.csv"
ok $? "the first appraised score and the dispute in their columns"
grep -q '^SYT,1.2.1,.*,,,not_done,,$' "$t/r2.csv"
ok $? "a first-round status"
c report 2024 --kind sheet --agency SYT --format csv
head -1 "$out" | grep -qx 'page,part,code,title,max,self,first,appraised,note'
ok $? "the sheet has the first round's column"
# 1.1.1 needs evidence SYT has not given: its points count 0 on both.
grep -q '^SYT,,1.1.1,Ban hành kế hoạch CCHC năm của cơ quan,1,0,0,,"Vận dụng.*Giải trình kết quả thẩm định lần 1: Đã ban hành' "$out"
ok $? "and the dispute"
c verify
is $? 0 "verify passes with round-1 data"
cp "$db" "$t/tampered.db"
sqlite3 "$t/tampered.db" "UPDATE entry SET dispute = 'khác' WHERE year = 2024 AND agency = 'SYT' AND item = '1.1.1'"
"$CCHC" --db "$t/tampered.db" verify >"$out" 2>"$err"
is $? 65 "verify fails on a dispute changed outside cchc"
"$CCHC" --db "$t/c.db" init 2024 --agencies "$t/demo-agencies.cfg" >/dev/null 2>&1
"$CCHC" --db "$t/c.db" import 2024 "$t/r2.csv" >"$out" 2>"$err"
is $? 65 "the round columns into a year of one round: refused"
"$CCHC" --db "$t/c.db" year set 2024 rounds 2 >/dev/null 2>&1
"$CCHC" --db "$t/c.db" import 2024 "$t/r2.csv" >"$out" 2>"$err"
is $? 0 "and taken in a year of two rounds"
"$CCHC" --db "$t/c.db" export 2024 >"$t/r2b.csv"
cmp -s "$t/r2.csv" "$t/r2b.csv"
ok $? "the two-round CSV round-trips exactly"
"$CCHC" --db "$t/c.db" verify >"$out" 2>"$err"
is $? 0 "an import's rows with analogies and round-1 data verify"
sqlite3 "$t/c.db" "UPDATE entry SET first_points = 100 WHERE year = 2024 AND agency = 'SYT' AND item = '1.1.1'"
"$CCHC" --db "$t/c.db" verify >"$out" 2>"$err"
is $? 65 "and a first-round score changed outside cchc after an import is seen"
c year set 2024 rounds 1
is $? 65 "back to one round is refused while round-1 data exists"
grep -q 'no-first' "$err"
ok $? "and says how to clear it"
c set 2024 SYT 1.1.1 --no-first
c set 2024 SYT 1.2.1 --no-first
c year set 2024 rounds 1
is $? 0 "once cleared, one round again"
c export 2024
head -1 "$out" | grep -q 'appraised_analogy$'
ok $? "and the export is back to the one-round columns"
c verify
is $? 0 "verify passes at the end"

# Marking an analogy on a side not scored asks for the score first.
c set 2024 SYT 1.2.1 --self-status empty
c set 2024 SYT 1.2.1 --self-analogy "Việc tương tự"
is $? 65 "an analogy on an unscored side is refused"
grep -q 'marks a scored self score: score it first' "$err"
ok $? "and the message says to score the side first"

done_testing
