#!/bin/sh
# The printed reports on the demo year: the decision's annex, score
# sheets, the area matrix and the comparison in text and CSV (golden
# files), XLSX (unzipped and checked), PDF (pdftotext, pdffonts,
# pdfinfo), the year's settings, and print with a stand-in lp.
. tests/lib.sh
t=$TEST_TMP/report
mkdir -p "$t"
db=$t/demo.db
out=$t/out
err=$t/err
g=tests/golden
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }
sh data/demo/build "$CCHC" "$db" >/dev/null

# --- settings -------------------------------------------------------------
c year show 2024
is $? 0 "year show exits 0"
is "$(cat "$out")" "decision-number=
decision-date=
signer=
signer-title=
authority=
rounds=" "every setting is unset at first"
c report 2024
grep -q 'Quyết định số ......../QĐ-UBND ngày ....../....../...... của' "$out"
ok $? "unset number and date are dotted blanks"
c year set 2024 decision-date 31/2/2025
is $? 65 "a date that is not a day is refused (65)"
grep -q 'not a date' "$err"
ok $? "and says why"
c year set 2024 colour red
is $? 64 "an unknown setting is a usage error"
c year set 2024 decision-number "2729/QĐ-UBND"
is $? 0 "year set decision-number"
c year set 2024 decision-date 29/12/2025
c year set 2024 signer "Nguyễn Văn An"
is $? 0 "year set signer"
c verify
is $? 0 "the settings are in the audit log (verify)"
is "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key LIKE 'setting/2024/%'")" 3 \
    "each setting written is one audit row"
c year set 2024 signer
c year show 2024
grep -qx 'signer=' "$out"
ok $? "a setting without a value is unset"
c year set 2024 signer "Nguyễn Văn An"

# --- ranking: the decision's annex ----------------------------------------
c report 2024
is $? 0 "report (the annex) exits 0"
same_file "$out" $g/demo-annex.txt "the annex as text"
c report 2024 --self
grep -q 'KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM' "$out"
ok $? "--self is titled as the self-assessed version"
c report 2024 --format csv
same_file "$out" $g/demo-ranking.csv "the ranking CSV is the published table"
c report 2024 --format csv --bom
is "$(head -c 3 "$out" | od -An -tx1 | tr -d ' ')" efbbbf "--bom starts with a byte order mark"
c report 2024 --width 132 --block huyen
is "$(awk '{ if (length($0) > m) m = length($0) } END { print (m > 100) }' "$out")" 1 \
    "--width 132 gives wider lines"

# --- text pages -----------------------------------------------------------------
# width FILE: the widest line, in display columns (combining marks take none).
width() {
	perl -CSD -ne 'chomp; s/^\f//; my $w = () = /\X/g; $m = $w if $w > $m;
	    END { print $m + 0, "\n" }' "$1"
}
# pages FILE: the lines of each page (pages start with a form feed).
pages() { perl -ne '$n++; if (/^\f/) { print $n - 1, "\n"; $n = 1 } END { print "$n\n" }' "$1"; }
c report 2024 -o "$t/annex.txt"
is $? 0 "-o FILE.txt writes text"
head -1 "$t/annex.txt" | grep -q '^DỰ THẢO — Kết quả Chỉ số CCHC năm 2024  *Trang 1/2$'
ok $? "in pages: a header with the draft mark, the report's name and Trang 1/2"
is "$(pages "$t/annex.txt" | awk '$1 > 60' | wc -l)" 0 "no page has more than 60 lines"
is "$(grep -c 'Trang [0-9]/2$' "$t/annex.txt")" 2 "every page has its number"
c report 2024 --page-length 0 -o "$t/annex0.txt"
same_file "$t/annex0.txt" $g/demo-annex.txt "--page-length 0: one run, as on the standard output"
c report 2024 --page-length 30
same_file "$out" $g/demo-annex-p30.txt "--page-length 30 (golden): the table header repeated where a part goes on"
is "$(pages "$out" | awk '$1 > 30' | wc -l)" 0 "no page passes 30 lines"
c report 2024 --kind sheet --agency SNV --page-length 30 -o "$t/sheet.txt"
np=$(grep -c "Trang [0-9]*/[0-9]*$" "$t/sheet.txt")
is "$(grep -c '^STT  *Tiêu chí, tiêu chí thành phần' "$t/sheet.txt")" "$np" \
    "a sheet in $np pages: its column headings on each"
grep -q "Trang $np/$np\$" "$t/sheet.txt"
ok $? "the last page says Trang $np/$np"
# Every row whole on one page: each page's first table line is a row's
# first line (a code or a number in the first column), never a wrapped rest.
perl -ne 'if (/^\f/) { $p = 1; next } if ($p && /^-{20}/) { $p = 2; next }
    if ($p == 2) { $bad = 1 if /^ {6}/; $p = 0 } END { exit $bad }' "$t/sheet.txt"
ok $? "no row is cut between pages"
for k in ranking areas compare; do
	c report 2024 --kind $k --width 80
	is "$(width "$out")" 80 "--width 80: the $k report is 80 columns at most"
done
c report 2024 --kind sheet --agency SNV --width 80
is "$(width "$out")" 80 "--width 80: a sheet too"
c report 2024 --kind areas
is "$(width "$out")" 132 "the area matrix is 132 columns by default"
c report 2024 --page-length 5
is $? 64 "--page-length under 20 is a usage error"
c print 2024 --page-length 30
is $? 64 "print takes no --page-length (it prints PDF)"

# --- sheet, areas, compare --------------------------------------------------
c report 2024 --kind sheet --agency SNV
is $? 0 "a score sheet exits 0"
same_file "$out" $g/demo-sheet-snv.txt "the sheet of SNV as text"
grep -q 'Không giao' "$out"
ok $? "a not-assigned item says so in words"
grep -q 'Thiếu tài liệu kiểm' "$out"
ok $? "points without evidence say why they count 0"
grep -q 'Điểm trừ cơ quan tham mưu' "$out"
ok $? "the advisory deduction is a line with its basis"
c report 2024 --kind sheet --agency SNV --format csv
same_file "$out" $g/demo-sheet-snv.csv "the sheet of SNV as CSV"
grep -q 'Thiếu tài liệu kiểm chứng → 0' "$out"
ok $? "in full in the CSV"
c report 2024 --kind sheet --agency NOPE
is $? 64 "an unknown agency is a usage error"
c report 2024 --kind sheet --agency all --block xa
is "$(grep -c 'KẾT QUẢ CHẤM ĐIỂM' "$out")" 6 "--agency all: a sheet per commune"
c report 2024 --kind areas
same_file "$out" $g/demo-areas.txt "the area matrix as text"
c report 2024 --kind areas --format csv
same_file "$out" $g/demo-areas.csv "the area matrix as CSV"
c report 2024 --kind compare
same_file "$out" $g/demo-compare.txt "the comparison as text"
c report 2024 --kind compare --agency SNV --format csv
same_file "$out" $g/demo-compare-snv.csv "one agency's comparison as CSV"
# Not-assigned items are never shown as a gap of 0 or as points.
grep -q ',8.4.1,' "$out"
is $? 1 "a not-assigned item is not in the comparison"

# The numbers agree: the annex's rates, in order, are the CSV's.
"$CCHC" --db "$db" report 2024 --format csv | awk -F, 'NR > 1 { print $(NF - 1) }' |
    tr . , >"$t/csv-rates"
perl -CSD -Mutf8 -ne 'print "$1\n" if /^ *\d+ .* (\d+,\d\d)  (Tốt|Khá|Trung bình|Kém)$/' \
    $g/demo-annex.txt >"$t/annex-rates"
same_file "$t/annex-rates" "$t/csv-rates" "every rate in the annex is the CSV's, in the same order"

# --- XLSX -------------------------------------------------------------------
c report 2024 -o "$t/rank.xlsx"
is $? 0 "-o FILE.xlsx writes a workbook"
unzip -p "$t/rank.xlsx" xl/sharedStrings.xml >"$t/ss.xml" 2>/dev/null
ok $? "the workbook is a zip with shared strings"
grep -q 'Sở Giáo dục và Đào tạo' "$t/ss.xml"
ok $? "shared strings hold the Vietnamese names"
grep -q 'KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024' "$t/ss.xml"
ok $? "and the title"
unzip -p "$t/rank.xlsx" xl/worksheets/sheet1.xml >"$t/s1.xml"
grep -Eq '<c r="D[0-9]+" s="[0-9]+"><v>92\.(1|09999+)</v>' "$t/s1.xml"
ok $? "points are numbers"
grep -q '<pane ' "$t/s1.xml" && grep -q '<mergeCell ' "$t/s1.xml"
ok $? "frozen header rows and merged title cells"
grep -q 'paperSize="9"' "$t/s1.xml"
ok $? "A4 print setup"
unzip -p "$t/rank.xlsx" xl/styles.xml | grep -q 'formatCode="0.00%"'
ok $? "rates are percentages with two decimals"
unzip -p "$t/rank.xlsx" xl/styles.xml | grep -q 'formatCode="0.00"'
ok $? "points are numbers with two decimals"
grep -q '<oddHeader>&amp;R.*DỰ THẢO</oddHeader>' "$t/s1.xml"
ok $? "the draft mark is in the print header: on every printed page"
c report 2024 --kind sheet --agency SNV -o "$t/snv.xlsx"
unzip -p "$t/snv.xlsx" xl/worksheets/sheet1.xml >"$t/snv.xml"
grep -Eq '<row r="[0-9]+"[^>]* ht="(31\.5|47\.25|63)" customHeight="1"' "$t/snv.xml"
ok $? "a row with wrapped text is as tall as its lines (LibreOffice does not fit it)"
grep -Eq '<col min="6" max="6" width="3[0-9]' "$t/snv.xml"
ok $? "the notes column is wide, capped: its long texts wrap"
c report 2024 --kind areas -o "$t/areas.xlsx"
unzip -p "$t/areas.xlsx" xl/styles.xml | grep -q 'rgb="FFC7E6CA"'
ok $? "the area matrix's rates are coloured by grade"
c report 2024 --kind sheet --agency all --block huyen -o "$t/sheets.xlsx"
is "$(unzip -l "$t/sheets.xlsx" | grep -c 'xl/worksheets/sheet[0-9]*.xml')" 9 \
    "one worksheet per agency"
# LibreOffice opens every kind: tests/report-lo.t.

# --- the module of the XLSX and PDF writers ----------------------------------
# The program links none of their libraries (they cost every start 15 ms);
# the module's calls into the program are all exported to it; without
# the module, XLSX and PDF say what is missing and leave no file.
mod=$(dirname "$CCHC")/cchc-out.so
[ -f "$mod" ]
ok $? "the module is built beside the program"
bad=$(ldd "$CCHC" | grep -E 'libpango|libcairo|libxlsxwriter|libglib|libfontconfig')
is "$bad" "" "the program links no pango, cairo, glib, fontconfig or libxlsxwriter"
nm -D --undefined-only "$mod" | awk '{ sub(/@.*/, "", $2); print $2 }' |
    sort -u >"$t/mod-needs"
nm -D --defined-only "$CCHC" | awk '{ print $3 }' | sort -u >"$t/prog-gives"
nm --defined-only "$BUILD"/*.o | awk '$2 ~ /^[TDBR]$/ { print $3 }' |
    sort -u >"$t/prog-has"
missing=$(comm -12 "$t/mod-needs" "$t/prog-has" | comm -23 - "$t/prog-gives")
is "$missing" "" "every function of the program the module calls is exported to it (src/out.list)"
mkdir -p "$t/alone"
cp "$CCHC" "$t/alone/cchc"
# CCHC_LIBDIR: not the installed module either, if one is installed.
CCHC_LIBDIR=$t/alone "$t/alone/cchc" --db "$db" report 2024 \
    -o "$t/alone/rank.pdf" >"$out" 2>"$err"
is $? 69 "without the module a PDF fails before any work (69)"
grep -q "need the module cchc-out.so: not found (looked for $t/alone/cchc-out.so)" "$err"
ok $? "saying which module is missing and where it was looked for"
[ ! -e "$t/alone/rank.pdf" ]
ok $? "and leaving no file"
CCHC_LIBDIR=$t/alone "$t/alone/cchc" --db "$db" report 2024 --format xlsx \
    >"$out" 2>"$err"
is $? 69 "nor XLSX to the standard output"
CCHC_LIBDIR=$t/alone "$t/alone/cchc" --db "$db" report 2024 --format csv \
    -o "$t/alone/rank.csv" >"$out" 2>"$err"
is $? 0 "while CSV needs no module"
# A module others may write to is refused, and so is one built from
# other headers (its ABI mark differs).
mkdir -p "$t/lib"
chmod 755 "$t/lib"
cp "$mod" "$t/lib/cchc-out.so"
chmod 666 "$t/lib/cchc-out.so"
CCHC_LIBDIR=$t/lib "$CCHC" --db "$db" report 2024 -o "$t/lib/r.pdf" \
    >"$out" 2>"$err"
is $? 69 "a module others may write to is not loaded (69)"
grep -q 'refused, others may write to it' "$err"
ok $? "and the message says why"
chmod 664 "$t/lib/cchc-out.so"
CCHC_LIBDIR=$t/lib "$CCHC" --db "$db" report 2024 -o "$t/lib/r.pdf" \
    >"$out" 2>"$err"
is $? 0 "the same module, writable by the user's own group alone, is loaded from CCHC_LIBDIR"
# Another group may write to it: refused.  Giving a file to a group one
# is not in needs root; elsewhere this check cannot be made.
other=$(awk -F: -v g="$(id -g)" '$3 != g { print $3; exit }' /etc/group)
if [ -n "$other" ] && chgrp "$other" "$t/lib/cchc-out.so" 2>/dev/null; then
	CCHC_LIBDIR=$t/lib "$CCHC" --db "$db" report 2024 \
	    -o "$t/lib/r3.pdf" >"$out" 2>"$err"
	is $? 69 "a module another group may write to is not loaded (69)"
	chgrp "$(id -g)" "$t/lib/cchc-out.so"
else
	n=$((n + 1))
	echo "ok $n # SKIP cannot give a file to another group (not root)"
fi
chmod 644 "$t/lib/cchc-out.so"
printf 'const char report_module_abi[] = "0.0.0 other";\n' >"$t/other.c"
${CC:-cc} -shared -fPIC -o "$t/lib/cchc-out.so" "$t/other.c"
CCHC_LIBDIR=$t/lib "$CCHC" --db "$db" report 2024 -o "$t/lib/r2.pdf" \
    >"$out" 2>"$err"
is $? 69 "a module of another build is not called (69)"
grep -q 'was built with another cchc' "$err"
ok $? "and the message says so"
[ ! -e "$t/lib/r2.pdf" ]
ok $? "leaving no file"

# --- PDF ----------------------------------------------------------------------
c report 2024 -o "$t/rank.pdf"
is $? 0 "-o FILE.pdf writes a PDF"
pdftotext -layout "$t/rank.pdf" "$t/rank.txt"
grep -q 'KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024' "$t/rank.txt"
ok $? "the PDF's text is exact Vietnamese (title)"
grep -q 'Quyết định số 2729/QĐ-UBND ngày 29/12/2025' "$t/rank.txt"
ok $? "with the decision's number and date"
grep -q 'Nguyễn Văn An' "$t/rank.txt"
ok $? "and the signer"
awk '/Sở Giáo dục và Đào tạo/ { a = NR } /Sở Giao thông vận tải/ { b = NR }
    END { exit !(a && b && a < b) }' "$t/rank.txt"
ok $? "agencies in rank order"
grep -q 'Sở Giáo dục và Đào tạo.*92,10' "$t/rank.txt"
ok $? "names with their numbers"
grep -q 'Trang 1/3' "$t/rank.txt" && grep -q 'DỰ THẢO' "$t/rank.txt"
ok $? "page numbers and the draft mark"
is "$(pdfinfo "$t/rank.pdf" | awk '/^Pages:/ { print $2 }')" 3 "the annex is 3 pages (2 of tables, 1 chart)"
pdfinfo "$t/rank.pdf" | grep -q 'Page size: *595.276 x 841.89 pts (A4)'
ok $? "A4 portrait"
pdffonts "$t/rank.pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'
ok $? "every font is embedded"
mkdir -p "$t/png"
pdftoppm -png -r 20 "$t/rank.pdf" "$t/png/p"
ok $? "the pages render"
is "$(ls "$t/png" | wc -l)" 3 "pdftoppm draws 3 pages"
is "$(perl -e 'open my $f, "<:raw", $ARGV[0] or exit 1; read $f, my $b, 24;
    my ($w, $h) = unpack "x16 N N", $b; print $h * 1000 / $w > 1400 &&
    $h * 1000 / $w < 1430 ? "A4 portrait" : "$w x $h"' "$t/png/p-1.png")" \
    "A4 portrait" "the first page is drawn A4 portrait"
# The README's picture of the annex's first page: a small PNG of an A4
# portrait page, shown (its markdown outside any code block).
png=doc/annex-2024.png
is "$(perl -e 'open my $f, "<:raw", $ARGV[0] or exit 1; read $f, my $b, 24;
    my ($w, $h) = unpack "x16 N N", $b; print substr($b, 1, 3), " ",
    ($h * 1000 / $w > 1400 && $h * 1000 / $w < 1430 ? "A4" : "$w x $h")' "$png")" \
    "PNG A4" "$png is a PNG of an A4 portrait page"
[ "$(wc -c <"$png")" -lt 200000 ]
ok $? "and small"
perl -ne '$in = !$in if /^```/; $ok = 1 if !$in && m{^!\[[^]]*\]\(doc/annex-2024\.png\)}; END { exit !$ok }' README.md
ok $? "the README shows it (not inside a code block)"
c report 2024 --kind sheet --agency all --block xa -o "$t/sheets.pdf"
pdftotext "$t/sheets.pdf" - | grep -c 'KẾT QUẢ CHẤM ĐIỂM' >"$t/n"
is "$(cat "$t/n")" 6 "all sheets of a block, each starting a page"
c report 2024 --kind areas --format pdf -o "$t/areas.pdf"
pdfinfo "$t/areas.pdf" | grep -q 'Page size: *841.89 x 595.276 pts (A4)'
ok $? "the area matrix is landscape"
c report 2024 --format pdf -o - 
is "$(head -c 5 "$out")" "%PDF-" "-o - writes the PDF to standard output"

# --- print --------------------------------------------------------------------
mkdir -p "$t/bin"
cat >"$t/bin/lp" <<'EOS'
#!/bin/sh
# A stand-in lp: records its arguments and a copy of the file.
printf '%s\n' "$@" >"$LP_LOG"
for f; do :; done
cp "$f" "$LP_LOG.pdf"
echo "request id is stand-in-1 (1 file(s))"
EOS
chmod +x "$t/bin/lp"
# A private TMPDIR, so that no other program's files are counted.
mkdir -p "$t/ptmp"
TMPDIR=$t/ptmp LP_LOG=$t/lp.log PATH="$t/bin:$PATH" "$CCHC" --db "$db" \
    print 2024 --block huyen --printer office --copies 2 >"$out" 2>"$err"
is $? 0 "print exits 0 with lp"
is "$(head -4 "$t/lp.log" | tr '\n' ' ')" "-d office -n 2 " "lp gets the printer and the copies"
grep -qx 'request id is stand-in-1 (1 file(s))' "$out"
ok $? "what lp says is printed"
pdftotext "$t/lp.log.pdf" - | grep -q 'UBND huyện Tân Biên'
ok $? "lp gets the PDF of the report"
is "$(ls "$t/ptmp")" "" "the temporary PDF is removed"
CCHC_PRINT=$t/bin/none "$CCHC" --db "$db" print 2024 >"$out" 2>"$err"
is $? 69 "no print command: exit 69"
grep -q 'no print system' "$err"
ok $? "with a clear message"
printf '#!/bin/sh\nexit 1\n' >"$t/bin/badlp"
chmod +x "$t/bin/badlp"
CCHC_PRINT=$t/bin/badlp "$CCHC" --db "$db" print 2024 >"$out" 2>"$err"
is $? 69 "a failing print command: exit 69"

# --- the manual ---------------------------------------------------------------
# Every option of report and print (their getopt table) is in cchc(1).
for o in $(sed -n '/static const struct option opts/,/NULL, 0, NULL, 0/p' \
    src/cmd-report.c | sed -n 's/^[^"]*{ "\([a-z-]*\)".*/\1/p'); do
	grep -q "Fl \\\\-$o" man/cchc.1
	ok $? "cchc(1) documents --$o"
done
for s in decision-number decision-date signer signer-title authority; do
	grep -q "^\.It Cm $s\$" man/cchc.1
	ok $? "cchc(1) documents the year setting $s"
done

# --- a published year: no draft mark, settings locked ---------------------------
appraised_as_self "$db" 2024 SYT >"$t/syt.csv"
"$CCHC" --db "$db" import 2024 "$t/syt.csv" >/dev/null
for a in SYT TPTN TXHT TXTB HGD HBC HCT HDMC HTBI HTCH HT-LH HT-LTB HT-LTT \
    HT-HT HT-LTN HT-TT; do
	"$CCHC" --db "$db" state 2024 "$a" submit >/dev/null 2>&1
	"$CCHC" --db "$db" state 2024 "$a" appraise >/dev/null 2>&1
done
"$CCHC" --db "$db" state 2024 publish >"$out" 2>"$err"
is $? 0 "the year is published"
c report 2024
grep -q 'DỰ THẢO' "$out"
is $? 1 "a published year has no draft mark"
c year set 2024 signer "Trần Văn B"
is $? 77 "a published year's settings are locked (77)"

done_testing
