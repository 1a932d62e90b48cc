#!/bin/sh
# Every kind of report as XLSX opens cleanly in LibreOffice: one headless
# soffice run (a private profile and HOME) converts all the workbooks to
# PDF, and the text of each is there.  Skipped only when soffice is not
# installed; under CI (CI=true) that is a failure, since .ci/deps
# installs it.
. tests/lib.sh
soffice=$(command -v soffice || command -v libreoffice)
if [ -z "$soffice" ]; then
	if [ "${CI:-}" = true ]; then
		echo "not ok 1 - soffice is installed (.ci/deps installs libreoffice-calc-nogui)"
		echo "1..1"
		exit 1
	fi
	echo "1..0 # SKIP soffice (LibreOffice) is not installed: sh .ci/deps installs libreoffice-calc-nogui"
	exit 0
fi
t=$(mktemp -d "$TEST_TMP/lo.XXXXXX")
db=$t/demo.db
sh data/demo/build "$CCHC" "$db" >/dev/null
"$CCHC" --db "$db" year set 2024 decision-number "2729/QĐ-UBND" >/dev/null
"$CCHC" --db "$db" year set 2024 signer "Nguyễn Văn An" >/dev/null

x() {	# x NAME REPORT-OPTIONS...: the report as $t/NAME.xlsx
	name=$1
	shift
	"$CCHC" --db "$db" report 2024 "$@" -o "$t/$name.xlsx" 2>"$t/err"
	ok $? "report $* -o $name.xlsx"
}
x ranking
x self --self --block so
x sheet --kind sheet --agency SNV
x sheets --kind sheet --agency all --block xa
x areas --kind areas
x compare --kind compare

# One soffice for every file: it starts in seconds, not once per file.
start=$(date +%s)
(cd "$t" && HOME=$t/home "$soffice" -env:UserInstallation="file://$t/profile" \
    --headless --norestore --convert-to pdf --outdir "$t/pdf" \
    ranking.xlsx self.xlsx sheet.xlsx sheets.xlsx areas.xlsx compare.xlsx \
    >"$t/soffice.out" 2>&1)
ok $? "soffice --headless --convert-to pdf exits 0"
echo "# soffice took $(($(date +%s) - start)) s for 6 workbooks"

has() {	# has NAME TEXT DESCRIPTION: the converted PDF holds TEXT
	pdftotext -layout "$t/pdf/$1.pdf" - 2>/dev/null | grep -qF -- "$2"
	ok $? "$3"
}
for f in ranking self sheet sheets areas compare; do
	[ -s "$t/pdf/$f.pdf" ]
	ok $? "LibreOffice converted $f.xlsx"
done
has ranking "KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024" \
    "the annex's title (a merged cell)"
has ranking "2729/QĐ-UBND" "the decision's number"
has ranking "Sở Giáo dục và Đào tạo" "the names, in Vietnamese"
has ranking "92.10%" "rates as percentages with two decimals"
has ranking "Nguyễn Văn An" "the signer"
has ranking "UBND phường Long Thành Trung" "the communes' part"
has self "KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM" "the self-assessed annex is titled so"
has sheet "Sở Nội vụ" "a sheet: the agency"
has sheet "Thiếu tài liệu kiểm chứng" "a sheet: the notes"
has sheet "81.05" "a sheet: the final points"
has sheets "UBND xã Trường Tây" "every sheet of a block"
is "$(pdftotext "$t/pdf/sheets.pdf" - | grep -c 'KẾT QUẢ CHẤM ĐIỂM')" 6 \
    "one sheet per commune"
has areas "Chung cả khối" "the area matrix"
has areas "100.00%" "its rates"
has compare "SO SÁNH ĐIỂM TỰ CHẤM" "the comparison"
has compare "SGDDT" "its codes"
done_testing
