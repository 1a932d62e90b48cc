#!/bin/sh
# The screens' print key (p): the dialog asks what and how, and writes
# what cchc report and cchc print write (the same calls): the annex as
# PDF and as text, an agency's sheet as XLSX from the walk-through (the
# walk-through still works after), the area matrix's default, a stand-in
# printer with the progress on screen while it prints, no print system,
# a file that exists, and the decision's settings set from the dialog.
. tests/lib.sh
t=$(mktemp -d "$TEST_TMP/tui-print.XXXXXX")
db=$t/print.db
sock="cchc-print-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh
mkdir -p "$t/out" "$t/bin" "$t/tmp"

sh data/demo/build "$CCHC" "$db" >/dev/null

# begin [ENV=VALUE...]: the program on $db, its folder $t/out (where the
# dialog offers to save), TMPDIR private.
begin() {
	stop_server
	i=0
	while [ $i -lt 100 ]; do
		$T new-session -d -s cchc -x 100 -y 30 -c "$t/out" "env -u LANGUAGE \
		    LANG=C.UTF-8 TMPDIR=$t/tmp $* $CCHC --db $db; echo EXITED \$?; \
		    sleep 30" 2>/dev/null && $T has-session -t cchc 2>/dev/null &&
		    return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
# saved FILE: wait (10 s at most) until FILE is there.
saved() {
	i=0
	while [ $i -lt 200 ]; do
		[ -s "$1" ] && return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}

# --- the annex as PDF, from the agencies ----------------------------------
begin
wait_for "Văn phòng UBND tỉnh"
keys p
wait_for "In — 1/2: in gì?"
ok $? "p opens the print dialog over the agencies"
screen | grep -q "Tất cả phiếu chấm điểm của khối Sở, ban, ngành tỉnh (19 cơ quan, đơn vị)"
ok $? "it offers every sheet of the block"
screen | grep -q "Phiếu chấm điểm của Sở Nội vụ"
ok $? "and the selected agency's sheet (the first in the official order)"
keys F1
wait_for "chọn"
ok $? "F1 lists the dialog's keys"
keys Escape
wait_for "In — 1/2: in gì?"
keys Enter
wait_for "In — 2/2: in thế nào?"
ok $? "Enter: how"
screen | grep -q "Tệp XLSX (bảng tính)…"
ok $? "printer, PDF, XLSX or text"
keys Enter
wait_for "Lưu thành tệp: ket-qua-2024-so.pdf"
ok $? "a PDF file: the name asked, with a default"
keys Enter
saved "$t/out/ket-qua-2024-so.pdf"
ok $? "Enter writes it in the current folder"
wait_for "Đã lưu $t/out/ket-qua-2024-so.pdf."
ok $? "and says where"
"$CCHC" --db "$db" report 2024 --block so -o "$t/cli.pdf"
pdftotext -layout "$t/out/ket-qua-2024-so.pdf" "$t/tui.txt"
pdftotext -layout "$t/cli.pdf" "$t/cli.txt"
same_file "$t/tui.txt" "$t/cli.txt" "the screen's PDF is cchc report's, word for word"

# --- the same as text: byte for byte ---------------------------------------
keys p
wait_for "In — 1/2: in gì?"
keys Enter
wait_for "In — 2/2"
keys Down Down
keys Enter
wait_for "Lưu thành tệp: ket-qua-2024-so.txt"
keys Enter
saved "$t/out/ket-qua-2024-so.txt"
"$CCHC" --db "$db" report 2024 --block so -o "$t/cli-so.txt"
cmp -s "$t/out/ket-qua-2024-so.txt" "$t/cli-so.txt"
ok $? "the screen's text file is cchc report -o FILE.txt's, byte for byte"

# --- a file that exists ------------------------------------------------------
keys p
wait_for "In — 1/2"
keys Enter
wait_for "In — 2/2"
keys Enter
wait_for "Lưu thành tệp:"
keys Enter
wait_for "ket-qua-2024-so.pdf đã có. Ghi đè? (c/k)"
ok $? "an existing file is replaced only when confirmed"
keys k
wait_for "In — 2/2"
ok $? "k: back in the dialog, nothing written"
keys Escape
wait_for "In — 1/2"
keys Escape
wait_gone "In — 1/2"
ok $? "Esc twice closes the dialog"

# --- an agency's sheet as XLSX, from the walk-through ------------------------
keys /
type_ "noi vu"
keys Enter
wait_for "SNV"
keys Enter
wait_for "Lĩnh vực 1"
keys p
wait_for "In — 1/2"
keys Enter
wait_for "In — 2/2"
screen | grep -q "Phiếu chấm điểm của Sở Nội vụ"
ok $? "from the walk-through, the agency's sheet comes first"
keys Down
keys Enter
wait_for "Lưu thành tệp: phieu-2024-SNV.xlsx"
keys Enter
saved "$t/out/phieu-2024-SNV.xlsx"
ok $? "the sheet as XLSX"
"$CCHC" --db "$db" report 2024 --kind sheet --agency SNV -o "$t/cli.xlsx"
for part in xl/sharedStrings.xml xl/worksheets/sheet1.xml xl/styles.xml; do
	unzip -p "$t/out/phieu-2024-SNV.xlsx" $part >"$t/a.xml"
	unzip -p "$t/cli.xlsx" $part >"$t/b.xml"
	cmp -s "$t/a.xml" "$t/b.xml"
	ok $? "its $part is cchc report's"
done
wait_for "Lĩnh vực 1"
keys Right
wait_for "Lĩnh vực 2"
ok $? "the walk-through goes on after printing its agency (its entries kept)"
screen | grep -q "2.1.1"
ok $? "and shows the items"
keys Escape
wait_for "Sở Nội vụ"
keys Escape
wait_for "Văn phòng UBND tỉnh"
keys q
wait_for "EXITED 0"
ok $? "the program ends cleanly"

# --- the ranking screen's area matrix: the default follows the screen -------
begin
wait_for "Văn phòng UBND tỉnh"
keys r
wait_for "xếp hạng"
keys m
wait_for "LV"
keys p
wait_for "In — 1/2"
keys Enter
wait_for "In — 2/2"
keys Enter
wait_for "Lưu thành tệp: linh-vuc-2024-so.pdf"
ok $? "over the area matrix the matrix is offered first"
keys Escape
keys Escape
keys Escape
wait_gone "In — "

# --- no print system ---------------------------------------------------------
begin CCHC_PRINT=$t/bin/none
wait_for "Văn phòng UBND tỉnh"
keys p
wait_for "In — 1/2"
keys Enter
wait_for "In — 2/2"
keys Up
keys Enter
wait_for "Không có hệ thống in"
ok $? "no print system: a clear message"
screen | grep -q "In — 2/2"
ok $? "and the dialog stays, for a PDF instead"
is "$(ls "$t/tmp")" "" "nothing was made"

# --- a printer: the stand-in lp waits, the progress shows -------------------
cat >"$t/bin/lp" <<'EOS'
#!/bin/sh
# A stand-in lp: records its arguments and the file, then waits for go.
printf '%s\n' "$@" >"$LP_LOG"
for f; do :; done
cp "$f" "$LP_LOG.pdf"
i=0
while [ ! -e "$LP_GO" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
echo "request id is stand-in-9 (1 file(s))"
EOS
chmod +x "$t/bin/lp"
begin LP_LOG=$t/lp.log LP_GO=$t/go CCHC_PRINT=$t/bin/lp
wait_for "Văn phòng UBND tỉnh"
keys p
wait_for "In — 1/2"
keys Down Down Down
keys Enter
wait_for "In — 2/2"
keys Up
keys Enter
wait_for "Máy in (Enter: máy in mặc định):"
ok $? "the printer: its name asked"
type_ "phong-cchc"
keys Enter
wait_for "Đang ghi: 100%"
ok $? "the progress shows while the job runs"
touch "$t/go"
wait_for "Đã gửi đến máy in phong-cchc. request id is stand-in-9"
ok $? "then what lp said"
is "$(head -4 "$t/lp.log" | tr '\n' ' ')" "-d phong-cchc -n 1 " "lp got the printer"
is "$(pdftotext "$t/lp.log.pdf" - | grep -c 'KẾT QUẢ CHẤM ĐIỂM')" 19 \
    "and every sheet of the block, one per agency"
is "$(ls "$t/tmp")" "" "the temporary PDF is removed"

# --- the decision's settings --------------------------------------------------
keys p
wait_for "In — 1/2"
keys End
keys Enter
wait_for "Số quyết định (ví dụ 2729/QĐ-UBND):"
ok $? "the decision's settings from the dialog"
type_ "15/QĐ-UBND"
keys Enter
wait_for "Ngày quyết định (ngày/tháng/năm):"
type_ "31/2/2025"
keys Enter
wait_for "không phải là ngày"
ok $? "a date that is not one is refused with the reason"
keys End
keys Enter
wait_for "Số quyết định"
keys Enter
wait_for "Ngày quyết định"
type_ "3/2/2025"
keys Enter
wait_for "Họ tên người ký:"
type_ "Trần Thị Bình"
keys Enter
wait_for "Đã lưu số, ngày quyết định và người ký"
ok $? "saved"
"$CCHC" --db "$db" year show 2024 >"$t/show"
grep -qx 'decision-number=15/QĐ-UBND' "$t/show" &&
    grep -qx 'decision-date=3/2/2025' "$t/show" &&
    grep -qx 'signer=Trần Thị Bình' "$t/show"
ok $? "cchc year show has them"
"$CCHC" --db "$db" verify >/dev/null 2>&1
ok $? "in the audit log (verify)"
keys Escape
keys q
wait_for "EXITED 0"
done_testing
