#!/bin/sh
# Work typed in the item screen is never lost without a word: saving one
# field keeps what is typed in the others, and q warns of unsaved fields
# as Esc does (issue 11).
. tests/lib.sh
t=$TEST_TMP
db=$t/work.db
sock="cchc-work-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh

sh data/demo/build "$CCHC" "$db" >/dev/null

start
wait_for "Văn phòng UBND tỉnh"
ok $? "the demo year opens"
keys /
type_ "y te"
keys Enter
wait_gone "Văn phòng UBND tỉnh"
keys Enter
wait_for "SYT"
keys Enter
wait_for "Ý kiến thẩm định"
ok $? "the entry screen of SYT's first item"

# Type an explanation and leave it unsaved; then save the note.
keys Tab Tab Tab Tab
type_ "Giải trình chưa lưu"
keys Tab
type_ "Ý kiến đã lưu"
keys Enter
wait_for "Đã lưu"
ok $? "the note is saved"
is "$(field SYT 1.1.1 8)" "Ý kiến đã lưu" "on disk: the note"
is "$(field SYT 1.1.1 9)" "" "the explanation is not saved"
screen | grep -q "Giải trình chưa lưu"
ok $? "saving the note keeps the explanation typed in its field"
screen | grep -q '^\*Giải trình'
ok $? "still marked unsaved (*)"

# q warns, as Esc does; q again quits.  (Past the reason and the two
# analogies, back to the self status: a field q does not type into.)
keys Tab Tab Tab Tab
keys q
wait_for "1 ô chưa lưu"
ok $? "q with a field unsaved warns instead of quitting"
screen | grep -q "EXITED"
[ $? -ne 0 ]; ok $? "and the program is still running"
keys q
wait_for "EXITED 0"
ok $? "q again quits"
is "$(field SYT 1.1.1 9)" "" "without saving the explanation"

done_testing
