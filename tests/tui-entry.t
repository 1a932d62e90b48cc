#!/bin/sh
# The analogy (vận dụng) and the two rounds of appraisal in the screens
# (issue 10): a side's analogy is marked by typing its description in the
# item screen and unmarked by clearing it; the walk-through shows it with
# its own mark; an analogy on a side that is not scored is refused.  The
# rounds are a year setting in the settings screen (issue 11); with two,
# the walk-through has a round-1 column and the item screen round-1 and
# dispute fields; going back to one round is refused while round-1 data
# exists.
. tests/lib.sh
t=$TEST_TMP/tui-entry
mkdir -p "$t"
db=$t/entry.db
sock="cchc-entry-$$"
T="tmux -L $sock -f /dev/null"
trap '$T kill-server 2>/dev/null' EXIT
. tests/tui-lib.sh

sh data/demo/build "$CCHC" "$db" >/dev/null

item() {
	keys /
	wait_for "Tìm tiêu chí"
	type_ "$1"
	keys Enter
	wait_gone "Tìm tiêu chí"
	keys Enter
	wait_for "tiêu chí thành phần $1"
}
back() {
	keys Escape
	wait_for "Đánh dấu"
}
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

# --- analogy: typed, shown, unmarked; refused on a side not scored --------
item 1.1.1
wait_for "Tự chấm: vận dụng"
ok $? "the item screen has a field for the self side's analogy"
# The focus starts on the self side's level; the analogies are the
# last fields, the self side's first (back: the status, then wrap).
keys BTab BTab BTab
type_ "Kế hoạch tương tự của đơn vị"
keys Enter
wait_for "Đã lưu"
ok $? "typing a description marks the analogy"
is "$(field SYT 1.1.1 13)" "Kế hoạch tương tự của đơn vị" \
    "on disk: the self_analogy column holds the description"
back
line "1.1.1" | grep -q "≈"
ok $? "the walk-through marks the item with ≈"
screen | grep -q "≈ vận dụng"
ok $? "and its legend says what ≈ means"
item 1.1.1
keys BTab BTab
type_ "Một việc tương tự"
keys Enter
wait_for "vận dụng chỉ đi với điểm thẩm định đã chấm"
ok $? "an analogy on the appraised side, not scored, is refused with the reason"
is "$(field SYT 1.1.1 14)" "" "nothing stored on that side"
keys Escape
keys BTab
keys C-u
keys Enter
wait_for "Đã lưu"
is "$(field SYT 1.1.1 13)" "" "clearing the description unmarks the analogy"
back
line "1.1.1" | grep -q "≈"
[ $? -ne 0 ]; ok $? "the mark is gone from the walk-through"
"$CCHC" --db "$db" verify >/dev/null 2>&1
ok $? "the file verifies (the analogy is audited)"

# --- rounds: the setting from the years screen ----------------------------
screen | grep -q "Lần 1"
[ $? -ne 0 ]; ok $? "one round: no round-1 column in the walk-through"
# Esc: the agencies (filtered), Esc: the filter, Esc: the years.
keys Escape Escape Escape
wait_for "Khối"
keys e
wait_for "Số vòng thẩm định"
ok $? "the settings screen offers the rounds of appraisal"
keys Down Down Down Down Down Enter
wait_for "Số vòng thẩm định:"
type_ "3"
keys Enter
wait_for "không phải 1 hoặc 2"
ok $? "a number of rounds other than 1 or 2 is refused"
keys Enter
wait_for "Số vòng thẩm định: 3"
keys BSpace
type_ "2"
keys Enter
wait_for "Đã lưu"
grep -qx "rounds=2" <<EOF
$("$CCHC" --db "$db" year show 2024)
EOF
ok $? "cchc year show gives rounds=2"
keys Escape
wait_for "Khối"
keys Enter
wait_for "Văn phòng UBND tỉnh"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "Sở Y tế (SYT)"
wait_for "Lần 1"
ok $? "two rounds: the walk-through has a round-1 column"
item 1.1.2
wait_for "Thẩm định lần 1"
ok $? "the item screen has the round-1 field"
screen | grep -q "Giải trình kết quả lần 1"
ok $? "and the dispute field"
# Last come the analogies, round 1 and the dispute.
keys BTab BTab BTab
type_ "0,5"
keys Enter
wait_for "Đã lưu"
is "$(field SYT 1.1.2 15)" "0.5" "on disk: the first appraised score, 0.5"
keys Down
type_ "Đã ban hành đúng hạn"
keys Enter
wait_for "Đã lưu"
is "$(field SYT 1.1.2 18)" "Đã ban hành đúng hạn" "on disk: the dispute"
back
line "1.1.2" | grep -q "0,5.*»"
ok $? "the walk-through shows the round-1 points and the dispute mark"
# Esc: the agencies (filtered), Esc: the filter, Esc: the years.
keys Escape Escape Escape
wait_for "Khối"
keys e
wait_for "Số vòng thẩm định"
keys Down Down Down Down Down Enter
wait_for "Số vòng thẩm định: 2"
keys BSpace
type_ "1"
keys Enter
wait_for "có điểm thẩm định lần 1 hoặc giải trình: 1"
ok $? "back to one round is refused while an entry holds round-1 data"
grep -qx "rounds=2" <<EOF
$("$CCHC" --db "$db" year show 2024)
EOF
ok $? "the setting stays 2"
keys Escape
wait_for "Khối"
keys q
wait_for "EXITED 0"
ok $? "q quits"

done_testing
