#!/bin/sh
# The appraisal as the regulation runs it: the merged province of 2025,
# which agency list a year takes by default, and the rules of the forms.
. tests/lib.sh
out="$TEST_TMP/out"
err="$TEST_TMP/err"
db="$TEST_TMP/r.db"

# Two lists in data/: a year takes the dated list that applies to it.
"$CCHC" --db "$db" init 2024 >"$out" 2>"$err"
is $? 0 "init 2024 without --agencies works with two lists in data/"
grep -q 'agencies from .*data/tayninh.cfg$' "$out"
ok $? "2024 takes data/tayninh.cfg"
"$CCHC" --db "$db" init 2025 >"$out" 2>"$err"
is $? 0 "init 2025 without --agencies works"
grep -q 'agencies from .*data/tayninh-2025.cfg$' "$out"
ok $? "2025 takes data/tayninh-2025.cfg"
"$CCHC" --db "$db" init 2026 --agencies data/tayninh-2025.cfg >"$out" 2>"$err"
is $? 0 "init 2026 --agencies data/tayninh-2025.cfg works"

# The merged province: departments and communes, no district block.
"$CCHC" --db "$db" report 2025 >"$out" 2>"$err"
is $? 0 "the 2025 ranking prints"
grep -q '^II. UBND CẤP XÃ' "$out"
ok $? "the communes are the second block"
grep -q 'UBND CẤP HUYỆN' "$out"
is $? 1 "there is no district block"
is "$(grep -c 'UBND phường\|UBND xã' "$out")" 96 "96 communes and wards are ranked"
grep -q 'Sở Nông nghiệp và Môi trường' "$out" && ! grep -q 'Sở Kế hoạch và Đầu tư' "$out"
ok $? "the departments are those after the 2025 mergers"
"$CCHC" --db "$db" export 2025 >"$out" 2>"$err"
is $? 0 "the 2025 scores export"
"$CCHC" --db "$db" import 2025 "$out" >"$TEST_TMP/imp" 2>"$err"
is $? 0 "the 2025 template imports back"
# Scores for a ward of the former Long An and a commune of the former
# Tây Ninh: both ranked in one table of the province's 96, not by a
# district that no longer exists.
cat >"$TEST_TMP/2025.csv" <<'CSV'
agency,item,self,appraised,self_status,appraised_status,evidence,note,explanation
P-TANAN,1.1.1,1,1,,,12/KH-UBND|10/01/2025|Kế hoạch CCHC,,
P-TANAN,1.1.2,,,not_arising,not_arising,,,Không có nhiệm vụ phát sinh trong năm
X-TANBIEN,1.1.1,0.5,0.5,,,3/KH-UBND|20/02/2025|Kế hoạch CCHC,,
CSV
"$CCHC" --db "$db" import 2025 "$TEST_TMP/2025.csv" >"$TEST_TMP/imp" 2>"$err"
is $? 0 "scores for two communes of the merged province import"
"$CCHC" --db "$db" report 2025 --block xa --format csv >"$out" 2>"$err"
is $? 0 "the communes' ranking prints as CSV"
rank() { awk -F, -v c="$1" '$3 == c { print $2 }' "$out"; }
is "$(rank P-TANAN)" 1 "the ward with most points ranks first in the province"
is "$(rank X-TANBIEN)" 2 "the commune of the former Tây Ninh ranks second"
is "$(awk -F, 'NR > 1 && $2 == 3' "$out" | wc -l | tr -d ' ')" 94 \
    "the other 94 share the third place: one table, no district groups"
"$CCHC" --db "$db" verify >"$TEST_TMP/imp" 2>"$err"
is $? 0 "verify passes on the merged province's year"

# Several undated lists and no dated one: the choice is the operator's.
dd="$TEST_TMP/datadir"
mkdir -p "$dd/data"
cp -r forms "$dd/forms"
cp data/tayninh.cfg "$dd/data/a.cfg"
cp data/tayninh.cfg "$dd/data/b.cfg"
CCHC_DATADIR="$dd" "$CCHC" --db "$TEST_TMP/x.db" init 2024 >"$out" 2>"$err"
is $? 66 "two undated lists cannot be chosen between"
grep -q 'several agency lists' "$err"
ok $? "the lists are named"
cp data/tayninh-2025.cfg "$dd/data/c-2025.cfg"
CCHC_DATADIR="$dd" "$CCHC" --db "$TEST_TMP/x.db" init 2024 >"$out" 2>"$err"
is $? 66 "a dated list does not apply before its year"
CCHC_DATADIR="$dd" "$CCHC" --db "$TEST_TMP/x.db" init 2027 >"$out" 2>"$err"
is $? 0 "a dated list applies from its year on"
grep -q 'agencies from .*c-2025.cfg$' "$out"
ok $? "and is named"

# --- the rules the shipped forms state -----------------------------------
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
c set 2024 SNV 1.3.2 --appraised-input "a=3; b=2; c=2"
is $? 65 "impossible counts (b + c > a) are refused"
grep -q 'item 1.3.2: the inputs cannot be: b + c <= a must hold, but a = 3, b = 2, c = 2' "$err"
ok $? "the message names the constraint and the inputs"
c set 2024 SNV 1.3.2 --appraised-input "a=0; b=0; c=0"
is $? 0 "a = 0 is accepted: the form says when_zero = max"
c export 2024
grep -q '^SNV,1.3.2,,1,,,,,,,,a=0;b=0;c=0,,$' "$out"
ok $? "and gives the item's max (1), keeping the inputs"
c set 2024 SNV 1.1.1 --status not_arising
is $? 65 "not_arising without an explanation is refused"
grep -q 'item 1.1.1: not_arising needs an explanation' "$err"
ok $? "the message says why"
c set 2024 SNV 1.1.1 --status not_arising --explanation "Không phát sinh trong năm"
is $? 0 "not_arising with an explanation is taken"
c set 2024 SNV 1.1.1 --explanation ""
is $? 65 "the explanation of a not_arising entry cannot be cleared"
printf 'agency,item,self,appraised,self_status,appraised_status\nSTP,1.1.1,,,not_arising,\n' >"$TEST_TMP/na.csv"
c import 2024 "$TEST_TMP/na.csv"
is $? 65 "an import's not_arising row without an explanation is refused"
c deduct 2024 STP 5.25 --reason "quá mức trần"
is $? 65 "a manual deduction past the form's manual_cap (5) is refused"
grep -q "more than the form's ceiling of 5 points (0 already)" "$err"
ok $? "the message gives the ceiling"
c deduct 2024 STP 5 --reason "đúng mức trần"
is $? 0 "a deduction up to the ceiling is taken"

done_testing
