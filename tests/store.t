#!/bin/sh
# The store and the command line: init, export, import (all or nothing,
# round trip), set, deduct, province, report, state, verify, backup, and
# the database file itself (modes, migration, foreign files).
. tests/lib.sh
fx=tests/fixtures
t=$TEST_TMP
db=$t/a.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }

# --- init --------------------------------------------------------------
c init 2024
is $? 0 "init 2024 starts a year"
grep -q 'year 2024 started' "$out"
ok $? "init says so"
is "$(stat -c %a "$db")" 600 "the database file is created 0600"
c init 2024
is $? 65 "init of an existing year exits 65"
grep -q 'year 2024 already exists' "$err"
ok $? "and says the year exists"
mkdir -p "$t/badforms"
cp $fx/bad-form.cfg "$t/badforms/"
"$CCHC" --db "$t/x.db" init 2030 --forms "$t/badforms" >"$out" 2>"$err"
is $? 78 "init with a bad form exits 78"
grep -q 'bad-form.cfg:25: duplicate item code "1.1.1"' "$err"
ok $? "and lists the form's errors with lines"
[ ! -e "$t/x.db" ]
ok $? "nothing of the failed year was written (not even the file)"
"$CCHC" --db "$t/x.db" init 2030 --agencies "$t/none.cfg" >"$out" 2>"$err"
is $? 66 "init with a missing agency file exits 66"

# The default database lives in XDG_DATA_HOME, folder 0700.
"$CCHC" init 2025 >"$out" 2>"$err"
is $? 0 "init without --db uses the default database"
is "$(stat -c %a "$XDG_DATA_HOME/cchc")" 700 "its folder is 0700"
is "$(stat -c %a "$XDG_DATA_HOME/cchc/cchc.db")" 600 "the file is 0600"

# --- export: a blank template ------------------------------------------
c export 2024
is $? 0 "export exits 0"
is "$(head -1 "$out")" \
    "agency,item,self,appraised,self_status,appraised_status,evidence,note,explanation,reason,self_inputs,appraised_inputs,self_analogy,appraised_analogy" \
    "export header"
is "$(grep -c '^VPUB,' "$out")" 65 "VPUB (profile hep) has 65 of 89 items"
is "$(grep -c '^SNV,' "$out")" 86 "SNV (profile giam) has 86 of 89 items"
is "$(grep -c '^STP,' "$out")" 89 "STP (no profile) has all 89 items"
grep -q '^STP,1.1.1,,,,,,,,,,,,$' "$out"
ok $? "nothing scored yet: empty fields"
cp "$out" "$t/blank.csv"

# --- import: all or nothing ---------------------------------------------
c import 2024 $fx/bad-scores.csv
is $? 65 "a file with bad rows exits 65"
same_file "$err" $fx/bad-scores.err "every bad row is reported as FILE:LINE"
c export 2024
same_file "$out" "$t/blank.csv" "nothing of the bad file was stored"
c import 2024 "$t/no-such.csv"
is $? 66 "a missing CSV exits 66"
printf 'agency,item,self,appraised,self_status,appraised_status,evidence,note\nSNV,1.1.1,"1,1\n' >"$t/open.csv"
c import 2024 "$t/open.csv"
is $? 65 "an unclosed quote exits 65"
grep -q 'open.csv:2:' "$err"
ok $? "and names the line"

c import 2024 data/demo/scores.csv
is $? 0 "the demo scores import"
grep -q '2729 rows stored' "$out"
ok $? "all 2729 rows"
c export 2024
cp "$out" "$t/a.csv"
sort "$out" >"$t/a.all"
# The list has 94 communes, the demo scores 6: the rows of the agencies the
# file names reproduce it (the file predates the analogy columns, empty
# here), every other agency's rows are empty.
sed -e 's/,self_analogy,appraised_analogy$//' -e 's/,,$//' "$out" |
    awk -F, 'NR == FNR { a[$1]; next } ($1 in a)' data/demo/scores.csv - |
    sort >"$t/a.sorted"
sort data/demo/scores.csv >"$t/d.sorted"
same_file "$t/a.sorted" "$t/d.sorted" "export reproduces the imported file"
is "$(awk -F, 'NR == FNR { a[$1]; next } !($1 in a) && $0 !~ /^[^,]*,[^,]*,+$/' \
    data/demo/scores.csv "$out" | wc -l)" 0 "the agencies it does not name have empty rows"
is "$(awk -F, 'NR == FNR { a[$1]; next } !($1 in a) { print $1 }' \
    data/demo/scores.csv "$out" | sort -u | wc -l)" 88 "the 88 communes without scores are exported too"

# Round trip into a fresh year of a fresh database.
"$CCHC" --db "$t/b.db" init 2024 >/dev/null 2>&1
"$CCHC" --db "$t/b.db" import 2024 "$t/a.csv" >"$out" 2>"$err"
is $? 0 "the export imports into a fresh year"
"$CCHC" --db "$t/b.db" export 2024 | sort >"$t/b.sorted"
same_file "$t/b.sorted" "$t/a.all" "export -> import -> export is exact"
# The same file again: every row is taken, none is written.
"$CCHC" --db "$t/b.db" import 2024 "$t/a.csv" >"$out" 2>"$err"
is $? 0 "the same file imports again"
grep -q ': 0 rows stored in year 2024' "$out"
ok $? "and says no row was stored"
grep -q 'rows read, .* of them already as stored' "$out"
ok $? "nor claims to have stored the unchanged ones"

# Vietnamese status words and the decimal comma, NFD text stored NFC.
nfd=$(printf 'Nguye\314\202\314\203n')
nfc=$(printf 'Nguy\341\273\205n')
printf 'agency,item,self,appraised,self_status,appraised_status,evidence,note,explanation\nSTP,1.1.2,"1,5",,,không phát sinh,,%s,Không có\n' "$nfd" >"$t/vi.csv"
c import 2024 "$t/vi.csv"
is $? 0 "Vietnamese status words and a decimal comma import"
c export 2024
grep -q "^STP,1.1.2,1.5,,,not_arising,,$nfc,Không có,,,,,\$" "$out"
ok $? "stored as 1.5 / not_arising, the note in NFC"

# Rule inputs travel in their own columns: set by inputs, exported,
# imported into a fresh year, they come back the same.
c set 2024 STP 1.5.1 --self-input "done=9;planned=10"
is $? 0 "a ratio item is scored from its inputs (9 of 10)"
c export 2024
grep -q '^STP,1.5.1,.*,done=9;planned=10,,,$' "$out"
ok $? "export writes the inputs with the points"
grep '^agency,\|^STP,1.5.1,' "$out" >"$t/inputs.csv"
"$CCHC" --db "$t/c.db" init 2024 >/dev/null 2>&1
"$CCHC" --db "$t/c.db" import 2024 "$t/inputs.csv" >/dev/null 2>&1
"$CCHC" --db "$t/c.db" export 2024 | grep '^STP,1.5.1,' >"$t/inputs2.csv"
grep '^STP,1.5.1,' "$t/inputs.csv" >"$t/inputs1.csv"
same_file "$t/inputs2.csv" "$t/inputs1.csv" "the inputs survive a round trip"
sed 's/done=9;planned=10/done=5;planned=10/' "$t/inputs.csv" >"$t/bad-inputs.csv"
"$CCHC" --db "$t/c.db" import 2024 "$t/bad-inputs.csv" >"$out" 2>"$err"
is $? 65 "inputs that do not give the points are refused"

# --- set ----------------------------------------------------------------
c set 2024 STP 1.4.2 --appraised 0,25
is $? 0 "set accepts a decimal comma"
grep -q '^STP 1.4.2 stored' "$out"
ok $? "set reports the new totals"
c set 2024 STP 1.4.2 --appraised 0.3
is $? 65 "an off-step value exits 65"
grep -q 'not a multiple of 0.25' "$err"
ok $? "and says the allowed step and range"
c set 2024 STP 1.4.2 --appraised 9
is $? 65 "an out-of-range value exits 65"
grep -q '9 is outside 0..' "$err"
ok $? "and gives the range"
c set 2024 STP 1.4.2 --appraised 0.255
grep -q 'more than two decimals' "$err"
ok $? "three decimals are refused"
c export 2024
grep -q '^STP,1.4.2,[^,]*,0.25,' "$out"
ok $? "the refused values left 0.25 in place"
c set 2024 STP 1.1.1 --status not_assigned
is $? 65 "not assigned without a reason is refused"
grep -q 'needs a reason' "$err"
ok $? "and asks for --reason"
c set 2024 STP 1.1.1 --status not_assigned --reason "Không giao nhiệm vụ"
is $? 0 "not assigned with a reason is stored"
c report 2024 --block so --format csv
grep -q '^so,[0-9]*,STP,Sở Tư pháp,99,' "$out"
ok $? "the not-assigned item shrinks STP's maximum to 99"
c set 2024 NOPE 1.1.1 --appraised 1
is $? 65 "an unknown agency exits 65"
c set 2024 STP 1.1.1
is $? 64 "set with nothing to set is a usage error"

# --- report -------------------------------------------------------------
sh data/demo/build "$CCHC" "$t/demo.db" >/dev/null
"$CCHC" --db "$t/demo.db" verify >"$out" 2>"$err"
is $? 0 "the demo database verifies: every row is in the audit log"
"$CCHC" --db "$t/demo.db" report 2024 --format csv >"$out" 2>"$err"
is $? 0 "report --format csv exits 0"
same_file "$out" tests/golden/demo-ranking.csv "the demo ranking (CSV) is as published"
"$CCHC" --db "$t/demo.db" report 2024 >"$out" 2>"$err"
same_file "$out" tests/golden/demo-ranking.txt "the demo ranking (text) is as published"
# Every rate is round_half_up(10000 * points / max), in integers.
sed 's/"[^"]*"/name/' tests/golden/demo-ranking.csv | awk -F, 'NR > 1 {
	split($5, m, "."); split($6, p, "."); split($7, r, ".");
	mx = m[1] * 100 + (length(m[2]) == 1 ? m[2] * 10 : m[2] + 0);
	pt = p[1] * 100 + p[2]; rt = r[1] * 100 + r[2];
	want = mx ? int((2 * pt * 10000 + mx) / (2 * mx)) : 0;
	if (want != rt) { print "bad rate: " $0; bad = 1 }
} END { exit bad }'
ok $? "every rate in the ranking is the exact rounded quotient"
"$CCHC" --db "$t/demo.db" report 2024 --kind sheet >"$out" 2>"$err"
is $? 64 "a sheet report without --agency is a usage error"

# --- deductions and the province ----------------------------------------
"$CCHC" --db "$t/demo.db" deduct 2024 --list >"$out" 2>"$err"
grep -q '^-	STTTT	-1.25	advisory' "$out"
ok $? "the advisory deduction of STTTT is 1 (index 68.75) + 0.25 (fell 1)"
grep -q '^1	SNGV	-0.5	' "$out"
ok $? "the manual deduction line is listed"
"$CCHC" --db "$t/demo.db" deduct 2024 SNGV 0 --reason x >"$out" 2>"$err"
is $? 65 "a zero deduction is refused"
grep -q 'a positive number of points' "$err"
ok $? "and says a deduction is positive"
"$CCHC" --db "$t/demo.db" deduct 2024 SNGV 1 >"$out" 2>"$err"
is $? 64 "a deduction without a reason is refused"
"$CCHC" --db "$t/demo.db" province 2024 --area 7 --index 101 >"$out" 2>"$err"
is $? 64 "an index above 100 is refused"

# --- workflow and the publish lock ---------------------------------------
d() { "$CCHC" --db "$t/demo.db" "$@" >"$out" 2>"$err"; }
d state 2024 publish
is $? 65 "publish is refused while an agency is a draft"
grep -q 'agency SYT is draft' "$err"
ok $? "and names it"
d set 2024 VPUB 1.1.1 --appraised 0.5
is $? 77 "an appraised agency's score is frozen"
d set 2024 SYT 1.1.1 --appraised 1 --evidence "5/KH-SYT|03/01/2024"
is $? 0 "a draft agency's appraised score can be entered"
d state 2024 SYT appraise
is $? 65 "appraise needs a submitted agency"
d state 2024 SYT submit
is $? 0 "SYT submits its complete self-assessment"
d state 2024 SYT appraise
is $? 65 "appraise is refused while items have no appraised score"
grep -q 'SYT has 88 items without an appraised score' "$err"
ok $? "and says how many"
appraised_as_self "$t/demo.db" 2024 SYT >"$t/syt.csv"
d import 2024 "$t/syt.csv"
is $? 0 "SYT's appraisal is completed from a CSV"
for a in SYT TPTN TXHT TXTB HGD HBC HCT HDMC HTBI HTCH \
    HT-LH HT-LTB HT-LTT HT-HT HT-LTN HT-TT; do
	"$CCHC" --db "$t/demo.db" state 2024 $a appraise >/dev/null
done
d state 2024 publish
is $? 0 "the year publishes once every agency is appraised"
d set 2024 SYT 1.1.2 --self 1
is $? 77 "a published year refuses set (77)"
grep -q 'published and locked' "$err"
ok $? "and says how to reopen"
d import 2024 data/demo/scores.csv
is $? 77 "a published year refuses import"
d deduct 2024 SYT 1 --reason "x"
is $? 77 "a published year refuses a deduction"
d province 2024 --area 1 --index 50
is $? 77 "a published year refuses province results"
d state 2024 reopen
is $? 65 "reopen needs a reason"
d state 2024 reopen --reason "Điều chỉnh theo kết luận thanh tra"
is $? 0 "reopen with a reason"
cnt=$(sqlite3 "$t/demo.db" "SELECT count(*) FROM audit WHERE key = 'year/2024' AND new LIKE '%Điều chỉnh theo kết luận thanh tra%'")
is "$cnt" 1 "the reopen and its reason are in the audit log"
d state 2024 SYT reopen --reason "Bổ sung hồ sơ"
is $? 0 "an agency can be reopened to draft"
d set 2024 SYT 1.1.2 --self 1
is $? 0 "and then takes changes again"

# --- verify and backup --------------------------------------------------
d verify
is $? 0 "verify passes after all of that"
sqlite3 "$t/demo.db" "UPDATE entry SET appraised_points = 100 WHERE year = 2024 AND agency = 'SNV' AND item = '1.1.2'"
d verify
is $? 65 "verify catches an UPDATE made with the sqlite3 CLI"
grep -q 'entry/2024/SNV/1.1.2: differs from what import [0-9]* logged' "$err"
ok $? "and names the row it broke"
sqlite3 "$t/demo.db" "DROP TRIGGER audit_no_update; UPDATE audit SET new = 'x' WHERE id = 5"
d verify
grep -q 'audit row 5 (.*): its hash does not match' "$err"
ok $? "verify catches an edited audit row"
c backup "$t/copy.db"
is $? 0 "backup exits 0"
grep -q 'backup written and verified' "$out"
ok $? "backup verifies its copy"
"$CCHC" --db "$t/copy.db" verify >"$out" 2>"$err"
is $? 0 "the copy verifies on its own"
c backup "$t/copy.db"
is $? 73 "backup refuses to overwrite (73)"

# --- the file: migration, foreign files ---------------------------------
: >"$t/empty.db"
"$CCHC" --db "$t/empty.db" export 2024 >"$out" 2>"$err"
is $? 65 "an empty file holds no year"
"$CCHC" --db "$t/empty.db" init 2024 >"$out" 2>"$err"
is $? 0 "an empty file is migrated to the schema by init"
is "$(sqlite3 "$t/empty.db" 'PRAGMA user_version')" 9 "user_version is the schema version"
is "$(sqlite3 "$t/empty.db" 'PRAGMA application_id')" 1667459171 "application_id marks the file"
sqlite3 "$t/other.db" "CREATE TABLE t (x)"
"$CCHC" --db "$t/other.db" init 2024 >"$out" 2>"$err"
is $? 65 "another program's database is refused"
grep -q 'not a cchc database' "$err"
ok $? "and said to be not ours"
cp "$t/empty.db" "$t/newer.db"
sqlite3 "$t/newer.db" "PRAGMA user_version = 99"
"$CCHC" --db "$t/newer.db" export 2024 >"$out" 2>"$err"
is $? 65 "a database from a newer cchc is refused"
grep -q 'newer cchc' "$err"
ok $? "and said to be newer"
echo "hello" >"$t/text.db"
"$CCHC" --db "$t/text.db" export 2024 >"$out" 2>"$err"
is $? 65 "a text file is refused"
"$CCHC" --db "$t/missing.db" export 2024 >"$out" 2>"$err"
is $? 66 "a missing database exits 66"

done_testing
