#!/bin/sh
# One set of numbers: every kind of report in every format, and the
# screens, show each agency's max, points, rate, grade and rank (and its
# area rates, self points and gaps) exactly as report --format csv does.
# Each source is reduced to lines "key|field|field..." in integer
# hundredths by tests/agree.pl and compared with what the CSV says.
. tests/lib.sh
t=$(mktemp -d "$TEST_TMP/agree.XXXXXX")
db=$t/agree.db
sock="cchc-agree-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh
sh data/demo/build "$CCHC" "$db" >/dev/null
r() { "$CCHC" --db "$db" report 2024 "$@"; }
f() { perl -CSD tests/agree.pl "$@"; }
# agree WHAT GOT EXPECTED: the two fact lists are the same (sorted).
agree() {
	sort "$2" >"$t/got"
	sort "$3" >"$t/want"
	n_got=$(wc -l <"$t/got")
	if [ "$n_got" -eq 0 ]; then
		is "$n_got" "some" "$1 (no facts found)"
		return
	fi
	same_file "$t/got" "$t/want" "$1 ($n_got rows)"
}
# xl FILE.xlsx DIR: the workbook unzipped into DIR.
xl() { rm -rf "$2"; mkdir -p "$2"; (cd "$2" && unzip -q "$1"); }

# --- the reference: report --format csv ----------------------------------
r --format csv >"$t/rank.csv"
r --self --format csv >"$t/self.csv"
f ref "$t/rank.csv" >"$t/ref-a"
f ref "$t/self.csv" >"$t/ref-s"
is "$(wc -l <"$t/ref-a")" 34 "the CSV ranks the demo's 34 agencies"
f refcode "$t/rank.csv" >"$t/ref-code"

# --- ranking (the annex) ----------------------------------------------------
r --width 132 >"$t/annex.txt"
f annex-text "$t/annex.txt" >"$t/x"
agree "annex as text = CSV" "$t/x" "$t/ref-a"
r --self --width 132 >"$t/annex-self.txt"
f annex-text "$t/annex-self.txt" >"$t/x"
agree "self-assessed annex as text = CSV --self" "$t/x" "$t/ref-s"
r -o "$t/annex.pdf"
pdftotext -raw "$t/annex.pdf" "$t/annex-pdf.txt"
f annex-pdf "$t/annex-pdf.txt" >"$t/x"
agree "annex as PDF = CSV" "$t/x" "$t/ref-a"
r -o "$t/annex.xlsx"
xl "$t/annex.xlsx" "$t/annex.x"
f annex-xlsx "$t/annex.x" >"$t/x"
agree "annex as XLSX = CSV" "$t/x" "$t/ref-a"
# In pages of 80 columns long names wrap: the numbers are compared.
r -o "$t/annex-paged.txt"
f annex-text "$t/annex-paged.txt" | cut -d'|' -f2- >"$t/x"
cut -d'|' -f2- "$t/ref-a" >"$t/y"
agree "annex as text in pages (-o FILE.txt) = CSV" "$t/x" "$t/y"

# --- areas --------------------------------------------------------------------
r --kind areas --format csv >"$t/areas.csv"
f areas-csv "$t/areas.csv" >"$t/ref-areas"
cut -d'|' -f1-3 "$t/ref-areas" >"$t/x"
cut -d'|' -f1,2,5 "$t/ref-a" >"$t/y"
agree "area matrix as CSV: each agency's rank and index = CSV" "$t/x" "$t/y"
r --kind areas --width 132 >"$t/areas.txt"
f areas-text "$t/areas.txt" >"$t/x"
agree "area matrix as text = its CSV" "$t/x" "$t/ref-areas"
r --kind areas -o "$t/areas.pdf"
pdftotext -raw "$t/areas.pdf" "$t/areas-pdf.txt"
f areas-text "$t/areas-pdf.txt" >"$t/x"
agree "area matrix as PDF = its CSV" "$t/x" "$t/ref-areas"
r --kind areas -o "$t/areas.xlsx"
xl "$t/areas.xlsx" "$t/areas.x"
f areas-xlsx "$t/areas.x" >"$t/x"
agree "area matrix as XLSX = its CSV" "$t/x" "$t/ref-areas"

# --- compare --------------------------------------------------------------------
f compare-ref "$t/ref-a" "$t/ref-s" >"$t/ref-cmp"
r --kind compare --format csv >"$t/cmp.csv"
f compare-csv "$t/cmp.csv" "$t/ref-a" >"$t/x"
agree "comparison as CSV = the CSVs' self and appraised points" "$t/x" "$t/ref-cmp"
r --kind compare --width 132 >"$t/cmp.txt"
f compare-text "$t/cmp.txt" "$t/ref-a" >"$t/x"
agree "comparison as text = CSV" "$t/x" "$t/ref-cmp"
r --kind compare -o "$t/cmp.pdf"
pdftotext -raw "$t/cmp.pdf" "$t/cmp-pdf.txt"
f compare-text "$t/cmp-pdf.txt" "$t/ref-a" >"$t/x"
agree "comparison as PDF = CSV" "$t/x" "$t/ref-cmp"
r --kind compare -o "$t/cmp.xlsx"
xl "$t/cmp.xlsx" "$t/cmp.x"
f compare-xlsx "$t/cmp.x" "$t/ref-a" >"$t/x"
agree "comparison as XLSX = CSV" "$t/x" "$t/ref-cmp"

# --- every score sheet --------------------------------------------------------
r --kind sheet --agency all --format csv >"$t/sheets.csv"
f sheet-csv "$t/sheets.csv" >"$t/sheets-csv"
f sheet-ref "$t/sheets.csv" "$t/ref-code" "$t/ref-a" "$t/ref-s" >"$t/ref-sheets"
agree "every sheet's totals as CSV = the CSVs" "$t/sheets-csv" "$t/ref-sheets"
r --kind sheet --agency all >"$t/sheets.txt"
f sheet-text "$t/sheets.txt" "$t/sheets.csv" >"$t/x"
agree "every sheet's totals as text = CSV" "$t/x" "$t/ref-sheets"
r --kind sheet --agency all -o "$t/sheets.pdf"
pdftotext -raw "$t/sheets.pdf" "$t/sheets-pdf.txt"
f sheet-text "$t/sheets-pdf.txt" "$t/sheets.csv" >"$t/x"
agree "every sheet's totals as PDF = CSV" "$t/x" "$t/ref-sheets"
r --kind sheet --agency all -o "$t/sheets.xlsx"
xl "$t/sheets.xlsx" "$t/sheets.x"
f sheet-xlsx "$t/sheets.x" "$t/sheets.csv" >"$t/x"
agree "every sheet's totals as XLSX = CSV" "$t/x" "$t/ref-sheets"

# --- the screens ----------------------------------------------------------------
# shot NAME: the screen into $t/NAME.
shot() { screen >"$t/$1"; }
stop_server
$T new-session -d -s cchc -x 160 -y 50 "env -u LANGUAGE LANG=C.UTF-8 $CCHC --db $db; \
    echo EXITED \$?; sleep 30"
: >"$t/scr-a"
: >"$t/scr-s"
: >"$t/scr-ag"
: >"$t/scr-m"
wait_for "Văn phòng UBND tỉnh"
ok $? "the screens open"
keys Escape
wait_for "Khối"
for b in 0 1 2; do
	keys Home
	i=0
	while [ $i -lt $b ]; do keys Down; i=$((i + 1)); done
	keys Enter
	wait_for "Đã HT"
	shot ag
	f screen-agencies "$t/ag" >>"$t/scr-ag"
	keys r
	wait_for "theo điểm thẩm định"
	shot rk
	f screen-ranking "$t/rk" >>"$t/scr-a"
	keys t
	wait_for "theo điểm tự chấm"
	shot rk
	f screen-ranking "$t/rk" >>"$t/scr-s"
	keys t
	wait_for "theo điểm thẩm định"
	keys m
	wait_for "LV1"
	shot mx
	f screen-matrix "$t/mx" >>"$t/scr-m"
	keys Escape
	wait_for "Đã HT"
	keys Escape
	wait_for "Khối"
done
agree "the ranking screens (appraised) = CSV" "$t/scr-a" "$t/ref-a"
agree "the ranking screens (self) = CSV --self" "$t/scr-s" "$t/ref-s"
f agencies-ref "$t/rank.csv" "$t/self.csv" >"$t/y"
agree "the agencies screens = CSV (rank, max, self, appraised, rate, grade)" "$t/scr-ag" "$t/y"
cut -d'|' -f1,2,4- "$t/ref-areas" >"$t/y"
agree "the area matrix screens = the areas CSV" "$t/scr-m" "$t/y"

# The walk-through's totals bar, for an agency with a deduction.
keys Home
keys Enter
wait_for "Đã HT"
keys /
type_ "noi vu"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "Thẩm định:"
shot walk
f screen-walk "$t/walk" SNV >"$t/x"
grep '^Sở Nội vụ|' "$t/ref-a" | sed 's/^/a|/' >"$t/y"
grep '^Sở Nội vụ|' "$t/ref-s" | sed 's/^/s|/' >>"$t/y"
agree "the walk-through's totals bar = CSV (both sides)" "$t/x" "$t/y"
keys q
wait_for "EXITED 0"

# The comparison can fail: a changed number is caught.
sed 's/|9210|/|9211|/' "$t/ref-a" >"$t/bad"
f annex-pdf "$t/annex-pdf.txt" | sort >"$t/x"
sort "$t/bad" >"$t/y"
cmp -s "$t/x" "$t/y"
[ $? -ne 0 ]
ok $? "a number off by one hundredth is caught"
done_testing
