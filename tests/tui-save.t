#!/bin/sh
# Saving in the item screen never throws work away without a question,
# and takes what the operator would type: ^U then Enter on a score or on
# an evidence row asks first; a status that drops points or inputs asks;
# marking an item not assigned keeps (or asks for) its reason; evidence
# needs its number and date, and a refusal names the right reference;
# digits choose numbered levels; "92,5%" is a percentage.  The year's
# settings are changed from the years screen (issue 11).
. tests/lib.sh
t=$TEST_TMP/tui-save
mkdir -p "$t"
db=$t/save.db
sock="cchc-save-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh

sh data/demo/build "$CCHC" "$db" >/dev/null

# item CODE: from SYT's walk-through, open the entry of an item.
item() {
	keys /
	wait_for "Tìm tiêu chí"
	type_ "$1"
	keys Enter
	wait_gone "Tìm tiêu chí"
	keys Enter
	wait_for "tiêu chí thành phần $1"
}
# back: from an item screen with nothing unsaved, to the walk-through.
back() {
	keys Escape
	wait_for "Đánh dấu"
}
# line TEXT: the screen's first line holding TEXT.
line() { screen | grep -F -- "$1" | head -1; }

start
wait_for "Văn phòng UBND tỉnh"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "Sở Y tế (SYT)"
ok $? "the walk-through of SYT, a draft"

# --- a percentage with its sign; ^U then Enter asks before clearing -------
item 1.1.2
type_ "92,5%"
keys Enter
wait_for "Đã lưu"
ok $? "\"92,5%\" is accepted where a percentage is asked"
is "$(field SYT 1.1.2 11)" "value=92.5" "on disk: the measured value 92.5 (exact)"
is "$(field SYT 1.1.2 3)" "1" "and its points, 1 (90 % to 100 %)"
keys C-u
type_ "92.5 %"
keys Enter
wait_for "Đã lưu"
ok $? "\"92.5 %\" too"
keys C-u
keys Enter
wait_for "Xóa điểm tự chấm của tiêu chí 1.1.2 (1 điểm)? (c/k)"
ok $? "^U then Enter on a scored field asks before clearing the score"
keys n
wait_for "Không có gì thay đổi"
ok $? "n: nothing is changed"
is "$(field SYT 1.1.2 3)" "1" "the score is still on disk"
line "Giá trị thực tế" | grep -q "92,5"
ok $? "and the field shows it again"
keys C-u
keys Enter
wait_for "Xóa điểm tự chấm"
keys c
wait_for "Đã lưu"
is "$(field SYT 1.1.2 5)" "" "c: the score is cleared"
is "$(field SYT 1.1.2 3)" "" "(no points)"

# --- evidence: number and date; the right reference named; removal asks ---
type_ "95"
keys Enter
wait_for "Đã lưu"
keys Down Down Down Down
type_ "2/B|31/02/2024"
keys Enter
wait_for "tài liệu 2: ngày \"31/02/2024\""
ok $? "a bad date in a new second reference names tài liệu 2"
keys C-u
type_ "abc"
keys Enter
wait_for "tài liệu 2: \"abc\" chưa có ngày"
ok $? "a number alone is refused: the date is required"
line "Tài liệu kiểm chứng mới" | grep -q "abc"
ok $? "what was typed stays in the field"
screen | grep -A1 "Tài liệu kiểm chứng mới" | grep -q "chưa có ngày"
ok $? "with the reason next to it"
is "$(field SYT 1.1.2 7)" "316/KH-SYT|01/01/2024|Kế hoạch Mức độ hoàn thành kế hoạch CCHC năm" \
    "nothing was stored"
keys C-u
type_ "25/KH-SYT | 5/3/2024 | Kế hoạch kiểm tra"
keys Enter
wait_for "Tài liệu kiểm chứng 2"
ok $? "number | date | title is saved as reference 2"
keys Up
keys C-u
keys Enter
wait_for "Xóa tài liệu kiểm chứng 1 (316/KH-SYT"
ok $? "^U then Enter on an evidence row asks before deleting it"
keys n
wait_for "Không có gì thay đổi"
is "$(field SYT 1.1.2 7 | tr ';' '\n' | wc -l)" 2 "n: both references stay"
line "Tài liệu kiểm chứng 1" | grep -q "316/KH-SYT"
ok $? "and the row shows its reference again"
keys C-u
keys Enter
wait_for "Xóa tài liệu kiểm chứng 1"
keys c
wait_for "Đã lưu"
is "$(field SYT 1.1.2 7)" "25/KH-SYT|5/3/2024|Kế hoạch kiểm tra" "c: the first is deleted"
# The focus stays on the row, now the one reference left.
keys C-u
keys Enter
wait_for "Đây là tài liệu duy nhất"
ok $? "deleting the only reference says the points will count 0"
keys n
wait_for "Không có gì thay đổi"

# --- a status that drops what was entered asks first --------------------
keys Up Up Up Up
wait_for "◀ đã chấm ▶"
keys Right
wait_for "◀ không phát sinh ▶"
keys Enter
wait_for "Đổi tình trạng của điểm tự chấm sang \"không phát sinh\"?"
ok $? "not arising over a score asks before dropping it"
screen | grep -q "Giá trị thực tế (%) = 95"
ok $? "and says what would be dropped (the value typed)"
keys n
wait_for "Không có gì thay đổi"
is "$(field SYT 1.1.2 11)" "value=95" "n: the value stays on disk"
line "Tự chấm: tình trạng" | grep -q "đã chấm"
ok $? "and the status shows the saved one again"
keys Right
wait_for "◀ không phát sinh ▶"
keys Enter
wait_for "Đổi tình trạng"
keys c
wait_for "Vì sao nhiệm vụ không phát sinh"
ok $? "c: the form wants an explanation for not arising: it is asked for"
type_ "Kế hoạch năm không có nhiệm vụ"
keys Enter
wait_for "Đã lưu"
is "$(field SYT 1.1.2 5)" "not_arising" "not arising is stored"
is "$(field SYT 1.1.2 9)" "Kế hoạch năm không có nhiệm vụ" "with the explanation typed at the question"
back

# --- not assigned keeps its reason ---------------------------------------
item 1.2.1
keys Down Down Down Down Down Down Down
wait_for "Lý do không giao"
type_ "Không được giao báo cáo"
keys Up Up Up Up Up Up Up Up
wait_for "◀ đã chấm ▶"
keys Right Right
wait_for "◀ không giao ▶"
keys Enter
wait_for "Đổi tình trạng của điểm tự chấm sang \"không giao\"?"
keys c
wait_for "Đã lưu"
ok $? "not assigned with a reason typed in its field is saved"
is "$(field SYT 1.2.1 5)" "not_assigned" "on disk: not assigned"
is "$(field SYT 1.2.1 10)" "Không được giao báo cáo" "with the reason typed"
line "Tự chấm: tình trạng" | grep -q "không giao"
ok $? "the status stays not assigned on the screen"
line "Lý do không giao" | grep -q "Không được giao báo cáo"
ok $? "and the reason stays in its field"
screen | grep -q '^\*'
[ $? -ne 0 ]; ok $? "nothing is left unsaved"
back
item 1.2.2
keys Up
keys Right Right
wait_for "◀ không giao ▶"
keys Enter
wait_for "Đổi tình trạng"
keys c
wait_for "Lý do không giao (bắt buộc):"
ok $? "not assigned without a reason: the reason is asked for"
type_ "Năm nay không phải báo cáo"
keys Enter
wait_for "Đã lưu"
is "$(field SYT 1.2.2 5),$(field SYT 1.2.2 10)" "not_assigned,Năm nay không phải báo cáo" \
    "status and reason saved together"
line "Tự chấm: tình trạng" | grep -q "không giao"
ok $? "the status does not revert"
back

# --- digits choose numbered levels -----------------------------------------
item 1.1.1
wait_for "◀ 1) Ban hành đúng thời hạn ▶"
keys 2
wait_for "◀ 2) Ban hành chậm so với thời hạn ▶"
ok $? "2 chooses level 2"
keys Enter
wait_for "Đã lưu"
is "$(field SYT 1.1.1 3)" "0.5" "on disk: the level's points, 0.5"
keys 7
wait_for "Không có mức 7: các mức từ 1 đến 3"
ok $? "a level that does not exist is refused, saying which exist"
back

# --- the year's settings from the years screen -----------------------------
keys Escape Escape Escape
wait_for "Khối"
screen | grep -q "e thiết lập"
ok $? "the years screen offers e (settings)"
keys e
wait_for "Số quyết định"
ok $? "e opens the year's settings"
keys Enter
wait_for "Số quyết định:"
type_ "2729/QĐ-UBND"
keys Enter
wait_for "Đã lưu"
keys Down Enter
wait_for "Ngày quyết định:"
type_ "31/02/2024"
keys Enter
wait_for "không phải là ngày"
ok $? "a date that is not a day is refused with the app's reason"
keys Enter
wait_for "Ngày quyết định: 31/02/2024"
ok $? "the refused answer is offered again to be mended"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
type_ "29/12/2024"
keys Enter
wait_for "Đã lưu"
keys Down Enter
type_ "Nguyễn Văn An"
keys Enter
wait_for "Đã lưu"
"$CCHC" --db "$db" year show 2024 >"$t/show"
grep -qx "decision-number=2729/QĐ-UBND" "$t/show" &&
    grep -qx "decision-date=29/12/2024" "$t/show" &&
    grep -qx "signer=Nguyễn Văn An" "$t/show"
ok $? "cchc year show gives what the screen set"
is "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key LIKE 'setting/2024/%'")" 3 \
    "each setting is audited (as year set does)"
"$CCHC" --db "$db" verify >/dev/null 2>&1
ok $? "and the file verifies"
"$CCHC" --db "$db" year set 2024 signer "Trần Thị Bình" >/dev/null
wait_for "Trần Thị Bình"
ok $? "a setting changed by cchc year set shows in the open screen"
keys Escape
wait_for "Khối"
keys q
wait_for "EXITED 0"

done_testing
