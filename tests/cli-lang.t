#!/bin/sh
# The command line speaks Vietnamese unless LANGUAGE says otherwise, in its
# errors, usage lines and reports of what it did, with the language's
# decimal mark in the numbers of its messages; the exit codes and the
# FILE:LINE: prefixes do not depend on the language.
. tests/lib.sh
# A folder of its own, and anchors apart: a later test's database at the
# same path must not meet the anchor of the year published here.
T=$TEST_TMP/cli-lang
mkdir -p "$T"
export CCHC_ANCHORS="$T/anchors"
out="$T/out"
err="$T/err"
db="$T/demo.db"
in=tests/bad-input/in

# vi ARGS / en ARGS: cchc with no LANGUAGE (the default) or LANGUAGE=en;
# the exit code in $rc_vi / $rc_en, stderr in $err.vi / $err.en.
vi() {
	env -u LANGUAGE "$CCHC" "$@" >"$out.vi" 2>"$err.vi"
	rc_vi=$?
}
en() {
	LANGUAGE=en "$CCHC" "$@" >"$out.en" 2>"$err.en"
	rc_en=$?
}
both() { vi "$@"; en "$@"; }
has() {	# has FILE TEXT DESCRIPTION: FILE holds TEXT (fixed string)
	grep -qF -- "$2" "$1"
	ok $? "$3"
}

sh data/demo/build "$CCHC" "$db" >/dev/null
ok $? "the demo year is built"

# A usage error: an unknown option, then the usage line of a command.
both --frobnicate
is "$rc_vi" 64 "an unknown option exits 64 in Vietnamese"
is "$rc_en" 64 "and 64 in English"
has "$err.vi" "cchc: không có tùy chọn --frobnicate (xem cchc --help)" \
    "the unknown option is refused in Vietnamese by default"
has "$err.en" "cchc: unknown option --frobnicate (see cchc --help)" \
    "and in English with LANGUAGE=en"
both --db "$db" set 2024 SNV
is "$rc_vi" "$rc_en" "a usage error exits the same in both ($rc_vi)"
has "$err.vi" "cách dùng: cchc set NĂM CƠ_QUAN TIÊU_CHÍ [--self ĐIỂM]" \
    "the usage line is introduced in Vietnamese"
has "$err.en" "usage: cchc set YEAR AGENCY ITEM" "and in English"

# --help: the commands' help in the language.
both --help
is "$rc_vi$rc_en" 00 "--help exits 0 in both"
has "$out.vi" "bắt đầu một năm đánh giá" "--help describes init in Vietnamese"
has "$out.en" "start an assessment year" "and in English"

# A bad input from a file: the FILE:LINE: prefix is the same, the text in
# the language, the numbers with its decimal mark.
both --db "$db" import 2024 "$in/one-bad-among-good.csv"
is "$rc_vi" 65 "a bad import exits 65 in Vietnamese"
is "$rc_en" 65 "and 65 in English"
has "$err.vi" "$in/one-bad-among-good.csv:5: điểm tự chấm: 1 không phải là một mức của tiêu chí 1.4.1 (0,5, 0,25, 0)" \
    "a bad row is named FILE:LINE: in Vietnamese, its levels with a comma"
has "$err.en" "$in/one-bad-among-good.csv:5: self score: 1 is not a level of item 1.4.1 (0.5, 0.25, 0)" \
    "and in English, its levels with a point"
has "$err.vi" "không lưu gì (2 lỗi)" "nothing is stored, said in Vietnamese"
has "$err.en" "nothing stored (2 errors)" "and in English"
cut -d: -f1,2 "$err.vi" >"$T/pfx.vi"
cut -d: -f1,2 "$err.en" >"$T/pfx.en"
same_file "$T/pfx.vi" "$T/pfx.en" \
    "the FILE:LINE: prefixes do not depend on the language"

# A form file with an error: the loader's messages too.
both check-forms "$in/form-item-sum.cfg"
is "$rc_vi" 78 "a bad form exits 78 in Vietnamese"
is "$rc_en" 78 "and 78 in English"
has "$err.vi" "$in/form-item-sum.cfg:22: tiêu chí 1.1: tối đa là 3 nhưng các tiêu chí thành phần cộng lại được 3,5" \
    "the form loader speaks Vietnamese, its sum with a comma"
has "$err.en" "$in/form-item-sum.cfg:22: criterion 1.1: max is 3 but its items add up to 3.5" \
    "and English, its sum with a point"

# What a command did: a number in points with the language's mark.
cp "$db" "$T/d1.db"
cp "$db" "$T/d2.db"
env -u LANGUAGE "$CCHC" --db "$T/d1.db" deduct 2024 SNV 0.5 \
    --reason "Chậm báo cáo" >"$out.vi" 2>"$err.vi"
rc_vi=$?
LANGUAGE=en "$CCHC" --db "$T/d2.db" deduct 2024 SNV 0.5 \
    --reason "Chậm báo cáo" >"$out.en" 2>"$err.en"
rc_en=$?
is "$rc_vi$rc_en" 00 "a deduction is stored in both"
has "$out.vi" "điểm trừ 3: SNV -0,5 (Chậm báo cáo)" \
    "Vietnamese writes the points with a comma"
has "$out.en" "deduction 3: SNV -0.5 (Chậm báo cáo)" \
    "English writes them with a point"
vi --db "$T/d1.db" set 2024 HBC 1.1.1 --appraised 0.5
en --db "$T/d2.db" set 2024 HBC 1.1.1 --appraised 0.5
is "$rc_vi$rc_en" 00 "set stores an appraised score in both"
has "$out.vi" "đã lưu HBC 1.1.1; HBC: tự chấm 79,20% (hạng 9), thẩm định 70,3/100 = 70,30% (hạng 9)" \
    "set says what it stored in Vietnamese, with commas"
has "$out.en" "HBC 1.1.1 stored; HBC: self 79.20% (rank 9), appraised 70.3/100 = 70.30% (rank 9)" \
    "and in English, with points"
# The exported CSV does not follow the language: always a point.
env -u LANGUAGE "$CCHC" --db "$T/d1.db" export 2024 >"$out.vi"
LANGUAGE=en "$CCHC" --db "$T/d1.db" export 2024 >"$out.en"
same_file "$out.vi" "$out.en" "the CSV export is the same in both languages"
# The reports are the decision's Vietnamese tables in either language.
for f in text csv; do
	env -u LANGUAGE "$CCHC" --db "$T/d1.db" report 2024 --block so \
	    --format $f >"$out.vi"
	LANGUAGE=en "$CCHC" --db "$T/d1.db" report 2024 --block so \
	    --format $f >"$out.en"
	same_file "$out.vi" "$out.en" "report --format $f is the same in both"
done

# A published year refuses a change: in the language, with the same code.
P() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
appraised_as_self "$db" 2024 SYT >"$T/syt.csv"
P import 2024 "$T/syt.csv"
for a in $(sqlite3 "$db" \
    "SELECT code FROM agency WHERE year = 2024 AND state = 'draft'"); do
	P state 2024 "$a" submit
done
for a in $(sqlite3 "$db" \
    "SELECT code FROM agency WHERE year = 2024 AND state = 'submitted'"); do
	P state 2024 "$a" appraise
done
vi --db "$db" state 2024 publish
is "$rc_vi" 0 "the year is published"
has "$out.vi" "năm 2024: đã công bố" "publishing is reported in Vietnamese"
has "$out.vi" "đã ghi tệp neo: " "and so is its anchor"
both --db "$db" set 2024 SNV 1.1.1 --self 1
is "$rc_vi" 77 "set on a published year exits 77 in Vietnamese"
is "$rc_en" 77 "and 77 in English"
has "$err.vi" "năm 2024 đã công bố và bị khóa" \
    "set on a published year is refused in Vietnamese"
has "$err.en" "year 2024 is published and locked" "and in English"

# A missing database, under LANG=C as well (cron): still UTF-8 Vietnamese.
env -u LANGUAGE LANG=C LC_ALL=C "$CCHC" --db "$T/none.db" \
    state 2024 >"$out" 2>"$err"
rc_vi=$?
en --db "$T/none.db" state 2024
is "$rc_vi" "$rc_en" "a missing database exits the same in both ($rc_vi)"
has "$err" "không có cơ sở dữ liệu ở đây" \
    "Vietnamese under LANG=C too"
has "$err.en" "no database here" "English with LANGUAGE=en"

done_testing
