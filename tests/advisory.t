#!/bin/sh
# The advisory-department deduction read from the province's overall PAR
# index and national rank (a form's advisory basis = "overall", the
# results entered with `province YEAR --overall`), and --area bounded by
# the areas of the year's forms.
. tests/lib.sh
t=$TEST_TMP/advisory
mkdir -p "$t"
out=$t/out
err=$t/err
db=$t/demo.db
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
sh data/demo/build "$CCHC" "$db" >/dev/null

# --- --area is bounded by the forms' areas ---------------------------------
c province 2024 --area 9 --index 50
is $? 64 "--area 9 is refused: the department form has 8 areas"
grep -q -- '--area 9: the province.s index has 8 areas in the forms of year 2024 (1..8)' "$err"
ok $? "and the message gives the range"
c province 2024 --area 8 --index 80
is $? 0 "--area 8 is accepted"
c province 2024 --overall --area 3 --index 80
is $? 64 "--overall with --area is a usage error"
c province 2024 --overall
is $? 64 "--overall needs --index"

# --- basis area (the shipped forms): the overall results change nothing ----
c deduct 2024 --list
cp "$out" "$t/before"
c province 2024 --overall --index 71.20 --rank 35 --prev-rank 30
is $? 0 "province --overall stores the overall results"
grep -qx 'year 2024: province overall index 71.20%' "$out"
ok $? "and says so"
c province 2024 --list
grep -qx 'overall: index 71.20%, rank 35, fell 5' "$out"
ok $? "--list shows them as overall"
c deduct 2024 --list
same_file "$out" "$t/before" "a form whose rule is by area ignores the overall results"
c verify
is $? 0 "the overall results are audited (province/2024/0)"

# --- basis overall ---------------------------------------------------------
mkdir -p "$t/forms"
cp forms/so.cfg forms/huyen.cfg forms/xa.cfg "$t/forms/"
perl -0pi -e 's/(advisory = \{\n)/$1\t\tbasis = "overall";\n\t\trank = ( { from = 30; points = 0.5; }, { from = 50; points = 1; } );\n/' \
    "$t/forms/so.cfg"
grep -q 'basis = "overall"' "$t/forms/so.cfg"
ok $? "a form with the rule on the overall index"
"$CCHC" check-forms "$t/forms/so.cfg" >"$out" 2>"$err"
is $? 0 "check-forms accepts basis and rank"
sh data/demo/agencies >"$t/agencies.cfg"
db=$t/overall.db
c init 2024 --forms "$t/forms" --agencies "$t/agencies.cfg"
is $? 0 "a year with it"
c province 2024 --area 7 --index 50 --rank 60 --prev-rank 40
c deduct 2024 --list
grep -q 'advisory' "$out"
is $? 1 "basis overall: the area results alone deduct nothing"
c province 2024 --overall --index 71.20 --rank 35 --prev-rank 30
c deduct 2024 --list
# 71.2 % is below 80: 0.5; fell 5 places: 0.5; 35th (30th or lower): 0.5.
is "$(grep 'advisory' "$out" | cut -f2,3 | sort | tr '\t\n' ': ')" \
    "SNV:-1.5 STC:-1.5 STP:-1.5 STTTT:-1.5 VPUB:-1.5 " \
    "every advising department loses 1.5 once, by the overall results"
c province 2024 --overall --index 59 --rank 55 --prev-rank 40
c deduct 2024 --list
# 1.5 + 1 (fell 15) + 1 (55th) = 3.5, capped at 3.
is "$(grep -c '	-3	advisory' "$out")" 5 "the form's cap still applies (3)"
c report 2024 --kind sheet --agency SNV --format csv
grep -qx 'SNV,,,Điểm trừ cơ quan tham mưu theo kết quả Chỉ số CCHC của tỉnh,,,-3,"Chỉ số CCHC của tỉnh: 59,00%, hạng 55, tụt 15 bậc"' "$out"
ok $? "the sheet shows the deduction with the overall results as its basis"

done_testing
