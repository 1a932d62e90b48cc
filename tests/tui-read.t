#!/bin/sh
# Everything on the screens can be read whole, and the pictures say what
# the numbers say, with or without colour (issue 11): long texts wrap in
# the item screen (guidance, explanation, note, formula inputs, a lock
# message), a field and a question wrap while typing, Enter shows a
# deduction line whole; compare leaves out items not assigned; the
# footnote of * is there exactly when a * is; the ranking has a bar per
# agency with the grade bounds, the area matrix shades its cells, the
# walk-through's tabs show each area's progress.
. tests/lib.sh
t=$TEST_TMP/tui-read
mkdir -p "$t"
db=$t/read.db
sock="cchc-read-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh

sh data/demo/build "$CCHC" "$db" >/dev/null
c() { "$CCHC" --db "$db" "$@" >/dev/null; }
long_ex="Giải trình: trong năm cơ quan đã ban hành kế hoạch cải cách hành chính nhưng chậm so với thời hạn do phải chờ ý kiến góp ý của các phòng chuyên môn và đơn vị trực thuộc, sau đó đã khắc phục ngay KẾT THÚC GIẢI TRÌNH"
long_note="Ý kiến thẩm định: hồ sơ kiểm chứng chưa đầy đủ, đề nghị cơ quan bổ sung quyết định ban hành kế hoạch và báo cáo kết quả thực hiện các nhiệm vụ trong kế hoạch HẾT Ý KIẾN"
long_ded="Chậm gửi báo cáo cải cách hành chính quý III và quý IV so với thời hạn của Ủy ban nhân dân tỉnh, đã được Sở Nội vụ nhắc nhở bằng văn bản hai lần trong năm CUỐI LÝ DO"
c set 2024 SYT 1.1.1 --explanation "$long_ex" --note "$long_note"
c deduct 2024 SYT 0.25 --reason "$long_ded"
c set 2024 HTCH 3.1.2 --appraised-status not_assigned --reason "Không giao năm nay"

# row TEXT: the screen's first line holding TEXT; colours: with escapes.
row() { screen | grep -F -- "$1" | head -1; }
colours() { $T capture-pane -e -p -t cchc | grep -F -- "$1" | head -1; }
esc=$(printf '\033')

# --- the footnote of * is there when a * is -------------------------------
start
wait_for "Văn phòng UBND tỉnh"
screen | grep -q "Sở Y tế \*"
ok $? "the departments: Sở Y tế has a *"
screen | grep -q "^ \* còn tiêu chí thành phần chưa chấm"
ok $? "and the footnote says what it means"
keys Escape
wait_for "Khối"
keys Down Enter
wait_for "UBND huyện Tân Châu"
screen | grep -q " \*"
[ $? -ne 0 ]; ok $? "the districts: no agency has a *"
screen | grep -q "còn tiêu chí thành phần chưa chấm"
[ $? -ne 0 ]; ok $? "and no footnote is printed"

# --- compare leaves out items not assigned ---------------------------------
# (An item of Tân Châu left unscored by another program meanwhile.)
c set 2024 HTCH 3.1.1 --appraised-status ""
wait_for "UBND huyện Tân Châu *"
keys /
type_ "HTCH"
keys Enter
wait_gone "UBND huyện Gò Dầu"
keys Enter
wait_for "HTCH"

# --- the walk-through's tabs: each area's progress -------------------------
screen | sed -n 2p | grep -q " 1█  2█  3[▁▂▃▄▅▆▇]  4█"
ok $? "each area's tab shows its progress: area 3 partly appraised, the others done"
screen | grep -q "▁…█ phần tiêu chí thành phần của lĩnh vực đã có điểm thẩm định"
ok $? "the legend says what the marks mean (the appraised side: submitted)"
keys c
wait_for "tự chấm so với thẩm định"
screen | grep -q "^ HTCH *3\.1\.2 "
[ $? -ne 0 ]; ok $? "compare: 3.1.2, not assigned on the appraised side, is not shown as 0"
screen | tr -d "\n" | grep -q "bỏ qua 1 tiêu chí thành phần không giao"
ok $? "and the header says how many items not assigned are left out"
keys Escape
wait_for "HTCH"
keys Escape
wait_for "UBND huyện Tân Châu"
keys Escape Escape
wait_for "Khối"

# --- the ranking: bars, bounds, footnote -------------------------------------
keys g
keys r
wait_for "— xếp hạng —"
screen | grep -q "50  60   70   80       100"
ok $? "the bars' scale marks the grade bounds"
row "Sở Giáo dục và Đào tạo" | grep -q "Tốt  *████"
ok $? "a bar per agency"
row "Sở Nông nghiệp" | grep -q "██.*┊"
ok $? "a bar that does not reach a grade bound shows the bound (┊)"
colours "Sở Giao thông vận tải" | grep -q "$esc\[32m█"
ok $? "a Tốt bar is green"
colours "Sở Nông nghiệp" | grep -q "$esc\[36m█"
ok $? "a Khá bar is cyan"
screen | grep -q "^ \* còn tiêu chí thành phần chưa chấm"
ok $? "the ranking explains its * with a footnote"
screen | grep -q "█ Tốt ≥ 80,00%   ▓ Khá ≥ 70,00%"
ok $? "and says what the shades mean"
keys m
wait_for "LV8"
colours "Sở Giao thông vận tải" | grep -q "$esc\[30m$esc\[42m 90,00"
ok $? "the area matrix: cells shaded by their grade band (green)"
colours "Sở Y tế" | grep -q "$esc\[37m$esc\[41m  0,00"
ok $? "(red for the lowest band)"

# --- a resize keeps the pictures ---------------------------------------------
keys m
wait_gone "LV8"
$T resize-window -t cchc -x 80 -y 24
wait_for "Sở Giáo dục và Đào …"
row "Sở Giáo dục và Đào" | grep -q "████"
ok $? "at 80×24 the bars are still drawn"
$T resize-window -t cchc -x 100 -y 30
wait_for "50  60   70   80       100"
keys q
wait_for "EXITED 0"

# --- without colour: the same information in characters ----------------------
start NO_COLOR=1
wait_for "Văn phòng UBND tỉnh"
keys r
wait_for "— xếp hạng —"
row "Sở Nông nghiệp" | grep -q "Khá  *▓▓▓▓"
ok $? "NO_COLOR: a Khá bar is drawn with ▓ (Tốt █)"
row "Sở Giáo dục và Đào tạo" | grep -q "Tốt  *████"
ok $? "NO_COLOR: a Tốt bar with █"
keys m
wait_for "LV8"
row "Ban Quản lý Khu kinh tế" | grep -q "90,00█100,00█ 77,59▓"
ok $? "NO_COLOR: each area's cell carries its band's shade"
$T capture-pane -e -p -t cchc | grep -q "$esc\[[0-9;]*4[0-7]m"
[ $? -ne 0 ]; ok $? "NO_COLOR: no colour at all"
keys q
wait_for "EXITED 0"

# --- the item screen: long texts whole --------------------------------------
start
wait_for "Văn phòng UBND tỉnh"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "Sở Y tế (SYT)"
keys Enter
wait_for "tiêu chí thành phần 1.1.1"
screen | grep -q "KẾT THÚC GIẢI TRÌNH"
ok $? "a long explanation is shown whole (wrapped)"
screen | grep -q "HẾT Ý KIẾN"
ok $? "a long appraiser's note too"
keys Tab Tab Tab Tab Tab Tab
wait_for "Ý kiến thẩm định"
keys C-u
type_ "Bắt đầu ý kiến mới: cơ quan cần bổ sung đầy đủ hồ sơ kiểm chứng theo hướng dẫn của Sở Nội vụ trước khi thẩm định lại, kết thúc"
wait_for "kết thúc"
screen | grep -q "Bắt đầu ý kiến mới"
ok $? "while typing a long text, the field wraps: its beginning and its end show"
keys Escape
wait_for "HẾT Ý KIẾN"
keys Escape
wait_for "Sở Y tế (SYT)"
keys /
type_ "1.3.2"
keys Enter Enter
wait_for "tiêu chí thành phần 1.3.2"
screen | grep -q "Số vấn đề đã xử lý nhưng chưa hoàn thành"
ok $? "a formula's input labels are whole"
keys Escape
wait_for "Sở Y tế (SYT)"
keys /
type_ "7.5.1"
keys Enter Enter
wait_for "tiêu chí thành phần 7.5.1"
screen | grep -q "thông báo cho Sở Khoa học và Công nghệ\."
ok $? "a long guidance is shown whole"
keys Escape
wait_for "Sở Y tế (SYT)"

# --- a deduction line whole; a long answer wraps ------------------------------
keys d
wait_for "Các dòng điểm trừ"
screen | grep -q "CUỐI LÝ DO"
[ $? -ne 0 ]; ok $? "(the list cuts a long reason)"
keys Enter
wait_for "CUỐI LÝ DO"
ok $? "Enter shows the deduction line whole"
screen | grep -q "Toàn văn dòng điểm trừ"
ok $? "in a pane that says so"
keys Enter
wait_gone "CUỐI LÝ DO"
ok $? "Enter again closes it"
keys a
wait_for "Số điểm trừ:"
type_ "0,25"
keys Enter
wait_for "Lý do:"
type_ "Bắt đầu lý do: chậm gửi báo cáo chuyên đề về cải cách thủ tục hành chính theo yêu cầu của Văn phòng UBND tỉnh, kết thúc"
wait_for "kết thúc"
screen | grep -q "Lý do: Bắt đầu lý do"
ok $? "a long answer to a question wraps: its beginning stays in view"
keys Escape
wait_gone "Bắt đầu lý do"
keys Escape
wait_for "Sở Y tế (SYT)"
keys Escape Escape Escape
wait_for "Khối"

# --- a lock message whole -------------------------------------------------
keys Enter
wait_for "Văn phòng UBND tỉnh"
keys /
type_ "nong nghiep"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "SNNPTNT"
keys Enter
wait_for "tiêu chí thành phần 1.1.1"
keys Right
keys Enter
wait_for "điểm thẩm định bị khóa"
keys Tab
keys BTab
screen | tr -d '\n' | grep -q "reopen --reason LÝ_DO)"
ok $? "a refusal (the lock) stays beside its field whole, after the message line is gone"
keys Escape
keys q
wait_for "EXITED 0"

done_testing
