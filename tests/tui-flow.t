#!/bin/sh
# The year's workflow in the screens, the side u searches, and live data:
# what another program writes to the file shows in open screens within a
# second, and typing in progress is kept (issue 11).
. tests/lib.sh
t=$TEST_TMP
db=$t/flow.db
sock="cchc-flow-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh

# wait_within TENTHS TEXT: TEXT shows within TENTHS tenths of a second.
wait_within() {
	end=$(($(date +%s%N) / 1000000 + $1 * 100))
	while [ $(($(date +%s%N) / 1000000)) -le $end ]; do
		screen | grep -qF -- "$2" && return 0
		sleep 0.05
	done
	screen | sed 's/^/#   | /' >&2
	return 1
}
# row TEXT: the screen's line holding TEXT.
row() { screen | grep -F -- "$1" | head -1; }
# row_within TENTHS TEXT WORD: the line holding TEXT shows WORD in time.
row_within() {
	end=$(($(date +%s%N) / 1000000 + $1 * 100))
	while [ $(($(date +%s%N) / 1000000)) -le $end ]; do
		row "$2" | grep -qF -- "$3" && return 0
		sleep 0.05
	done
	row "$2" | sed 's/^/#   | /' >&2
	return 1
}

sh data/demo/build "$CCHC" "$db" >/dev/null

# --- the workflow ---------------------------------------------------------
start
wait_for "Văn phòng UBND tỉnh"
ok $? "the demo year opens on the departments"
screen | grep -q "S gửi  A thẩm định xong"
ok $? "the key line shows S (submit)"
keys F1
wait_for "kết thúc thẩm định (khóa điểm thẩm định)"
ok $? "help lists A (close the appraisal)"
screen | grep -q "mở lại (hỏi lý do)"
ok $? "help lists R (reopen)"
keys Escape
wait_gone "kết thúc thẩm định (khóa"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys S
wait_for "Điểm tự chấm sẽ bị khóa"
ok $? "S asks, saying the self scores will be frozen"
keys n
wait_gone "Điểm tự chấm sẽ bị khóa"
row "Sở Y tế" | grep -q "dự thảo"
ok $? "n answers no: still a draft"
keys S
wait_for "Điểm tự chấm sẽ bị khóa"
keys c
wait_for "Sở Y tế nay ở bước: đã gửi"
ok $? "c submits: the message says the new state"
row "Sở Y tế" | grep -q "đã gửi"
ok $? "the row shows submitted"
keys A
wait_for "Điểm thẩm định và kết quả của cơ quan sẽ bị khóa"
keys c
wait_for "chưa có điểm thẩm định; hãy chấm"
ok $? "A on an agency with unscored appraised items is refused with app's reason"
keys R
wait_for "Mở lại Sở Y tế (về dự thảo), lý do:"
ok $? "R asks the reason"
type_ "Sửa lại điểm"
keys Enter
wait_for "Sở Y tế nay ở bước: dự thảo"
ok $? "reopened to draft"
keys Escape
wait_for "Văn phòng UBND tỉnh"
keys Escape
wait_for "1 dự thảo · 0 gửi · 18 thẩm định"
ok $? "the years screen shows each block's state"

# --- u searches the side being worked on ----------------------------------
keys Enter
wait_for "Văn phòng UBND tỉnh"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "u chưa chấm tiếp (tự chấm)"
ok $? "on a draft agency the key line says u searches the self scores"
keys u
wait_for "89 tiêu chí chờ thẩm định"
ok $? "u on a fully self-scored draft says the appraised ones wait"
keys Escape Escape Escape
wait_for "0 dự thảo · 9 gửi · 0 thẩm định"
ok $? "the districts' block: every agency submitted"
keys Down
keys Enter
wait_for "UBND thành phố Tây Ninh"
keys Enter
wait_for "u chưa chấm tiếp (thẩm định)"
ok $? "on a submitted agency the key line says u searches the appraised scores"
keys Escape
wait_for "UBND thành phố Tây Ninh"
keys Escape
wait_for "Năm"
keys q
wait_for "EXITED 0"

# --- live data ------------------------------------------------------------
start
wait_for "Văn phòng UBND tỉnh"
row "Sở Nông nghiệp" | grep -q "đã thẩm định"
ok $? "SNNPTNT is appraised"
"$CCHC" --db "$db" state 2024 SNNPTNT reopen --reason "thử" >/dev/null
row_within 10 "Sở Nông nghiệp" "dự thảo"
ok $? "a state changed by cchc state shows in the row within a second"

keys /
type_ "nong nghiep"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "SNNPTNT"
keys Enter
wait_for "Ý kiến thẩm định"
ok $? "the entry of SNNPTNT's first item"
keys Tab Tab Tab Tab
type_ "Đang gõ dở"
"$CCHC" --db "$db" set 2024 SNNPTNT 1.1.1 --self 0.5 >/dev/null
wait_within 10 "nội dung bạn đang gõ vẫn giữ"
ok $? "the item changed by cchc set: the operator is told within a second"
screen | grep -q "Đang gõ dở"
ok $? "and the typing is kept in its field"
is "$(field SNNPTNT 1.1.1 3)" "0.5" "on disk: the other program's value"
keys Escape
keys Escape
wait_for "Tự chấm:"
keys Escape
wait_for "Sở Nông nghiệp"

# Two screens on one file: what one does shows in the other.
$T new-window -d -t cchc -n two "env -u LANGUAGE LANG=C.UTF-8 $CCHC --db $db; sleep 30"
two() {
	$T capture-pane -p -t cchc:two 2>/dev/null |
	    perl -CSD -MUnicode::Normalize -ne 'print NFC($_)'
}
i=0
until two | grep -qF "Văn phòng UBND tỉnh" || [ $i -gt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
$T send-keys -t cchc:two /
$T send-keys -t cchc:two -l "nong nghiep"
$T send-keys -t cchc:two Enter
i=0
while two | grep -qF "Văn phòng UBND tỉnh" && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
$T send-keys -t cchc:two S
i=0
until two | grep -qF "(c/k)" || [ $i -gt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
$T send-keys -t cchc:two c
row_within 10 "Sở Nông nghiệp" "đã gửi"
ok $? "submitted in a second screen: the first shows it within a second"
two | grep -q "nay ở bước: đã gửi"
ok $? "(the second screen said so)"
keys q
wait_for "EXITED 0"

# --- a formula's missing inputs are named ----------------------------------
start
wait_for "Văn phòng UBND tỉnh"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "Sở Y tế (SYT)"
keys /
type_ "1.3.2"
keys Enter Enter
wait_for "Tổng số vấn đề phát hiện qua kiểm tra"
type_ "4"
keys Enter
wait_for "tiêu chí 1.3.2: thiếu các số liệu b, c"
ok $? "a = 4 alone: the missing inputs b and c are named"

# --- deductions: each field checked as it is left -------------------------
start
wait_for "Văn phòng UBND tỉnh"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys d
wait_for "Số điểm trừ" 2>/dev/null
keys a
wait_for "Số điểm trừ:"
type_ "500"
keys Enter
wait_for "sẽ vượt điểm tối đa"
ok $? "a deduction over the maximum is refused as soon as the amount is left"
screen | grep -q "Lý do:"
[ $? -ne 0 ]; ok $? "without asking the reason first"
keys Escape Escape
wait_for "Văn phòng UBND tỉnh"
keys Escape
wait_for "Năm"

# --- publish and reopen the year from the years screen ---------------------
appraised_as_self "$db" 2024 SYT >"$t/syt.csv"
"$CCHC" --db "$db" import 2024 "$t/syt.csv" >/dev/null
for a in SYT SNNPTNT TPTN TXHT TXTB HGD HBC HCT HDMC HTBI HTCH HT-LH HT-LTB \
    HT-LTT HT-HT HT-LTN HT-TT; do
	"$CCHC" --db "$db" state 2024 "$a" submit >/dev/null 2>&1
	"$CCHC" --db "$db" state 2024 "$a" appraise >/dev/null 2>&1
done
row_within 100 "UBND cấp xã" "sẵn sàng công bố"
ok $? "every agency appraised elsewhere: the years screen says ready to publish"
is "$(screen | grep -c "sẵn sàng công bố")" 4 "each block, and the district of the communes"
screen | grep -q "· UBND thị xã Hòa"
ok $? "the communes' block has a row per district"
keys P
wait_for "Công bố Sở, ban, ngành tỉnh, năm 2024?"
ok $? "P on a block's row asks to publish that block"
screen | grep -q "sẽ bị khóa"
ok $? "saying what will be frozen"
keys c
wait_for "Sở, ban, ngành tỉnh, năm 2024, đã công bố"
ok $? "the block is published"
is "$(screen | grep -c "đã công bố$")" 1 "only that block shows published"
row "UBND cấp huyện" | grep -q "sẵn sàng công bố"
ok $? "the districts' block stays open"
ls "$XDG_DATA_HOME/cchc/anchors/flow.db-"*.anchor >/dev/null 2>&1
ok $? "publishing from the screens writes an anchor of the audit log"
keys Down Down Down
keys P
wait_for "UBND cấp xã thuộc UBND thị xã Hòa Thành, năm 2024?"
ok $? "P on a district's row asks to publish its communes"
keys c
wait_for "đã công bố: đã khóa"
row "· UBND thị xã Hòa" | grep -q "đã công bố$"
ok $? "the district's communes are published"
row "UBND cấp xã  " | grep -q "đã công bố$"
ok $? "and with them the whole communes' block"
keys Up Up
keys P
wait_for "Công bố UBND cấp huyện, năm 2024?"
keys c
wait_for "Năm 2024 đã công bố"
ok $? "the last block published: the year is published"
is "$(screen | grep -c "đã công bố$")" 4 "every row shows published"
keys Up
keys Enter
wait_for "Văn phòng UBND tỉnh"
keys d
wait_for "Điểm trừ" 2>/dev/null
keys a
wait_for "đã công bố và bị khóa"
ok $? "a deduction in a published year is refused at once"
screen | grep -q "Số điểm trừ:"
[ $? -ne 0 ]; ok $? "without asking the amount"
keys Escape Escape
wait_for "Năm"
keys R
wait_for "Mở lại Sở, ban, ngành tỉnh, năm 2024, lý do:"
ok $? "R on a block's row asks the reason"
type_ "Sửa sai sót"
keys Enter
wait_for "Sở, ban, ngành tỉnh, năm 2024, đã mở lại"
ok $? "the block is reopened"
row "UBND cấp huyện" | grep -q "đã công bố$"
ok $? "the other blocks stay published"
"$CCHC" --db "$db" state 2024 2>/dev/null | grep -q "year 2024: published"
[ $? -ne 0 ]; ok $? "on disk the year is open again"
"$CCHC" --db "$db" state 2024 2>/dev/null | grep -q "block huyen: published"
ok $? "with the districts' block still published"
keys q
wait_for "EXITED 0"

done_testing
