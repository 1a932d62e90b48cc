#!/bin/sh
# An appraising department's work list in the screens (issue 10): only
# its items, across the agencies of a block, agency by agency, with its
# progress, which moves when an item is appraised.
. tests/lib.sh
t=$TEST_TMP
db=$t/worklist.db
sock="cchc-worklist-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh

"$CCHC" --db "$db" init 2024 --forms forms --agencies data/tayninh.cfg \
    >/dev/null
# What the Department of Justice appraises among the departments, as the
# command line's template has it.
"$CCHC" --db "$db" export 2024 --appraiser STP --block so -o "$t/stp.csv"
total=$(($(wc -l <"$t/stp.csv") - 1))
tail -n +2 "$t/stp.csv" | cut -d, -f2 | sort -u >"$t/stp-items"
[ "$total" -gt 0 ]; ok $? "STP appraises $total department rows"

# sel: the selected row of a list (marked ▸).
sel() { screen | grep '^▸' | head -1; }

start
wait_for "Văn phòng UBND tỉnh"
ok $? "the agencies of the departments' block"
keys w
wait_for "danh sách việc thẩm định"
ok $? "w lists the appraising departments"
screen | grep -q "^.STP  *Sở Tư pháp  *0/$total\$"
ok $? "each with its progress (STP 0/$total, as its template)"
screen | grep -q "^.SGDDT "
[ $? -ne 0 ]; ok $? "a department that appraises nothing is not listed"

# Pick the Department of Justice.
i=0
while [ $i -lt 10 ] && ! sel | grep -q '^▸STP '; do
	keys j
	i=$((i + 1))
	sleep 0.1
done
keys Enter
wait_for "Sở Tư pháp (STP)"
ok $? "Enter opens STP's work list"
wait_for "Đã thẩm định: 0/$total tiêu chí"
ok $? "with its progress"
screen | awk 'NR > 4 && $1 ~ /^.?[A-Z]+$/ && $2 ~ /^[0-9.]+$/ { print $2 }' |
    sort -u >"$t/shown"
[ -s "$t/shown" ] && comm -23 "$t/shown" "$t/stp-items" | grep -q .
[ $? -ne 0 ]; ok $? "only STP's items are shown ($(tr '\n' ' ' <"$t/shown"))"
screen | grep -q " 1\.1\.1 "
[ $? -ne 0 ]; ok $? "not the Department of Home Affairs' 1.1.1"
sel | grep -q '^▸SNV *2\.1\.1 '
ok $? "the first agency's first item is selected"

# Agency by agency.
keys ]
sleep 0.2
sel | grep -q '^▸STP *2\.1\.1 '
ok $? "] goes to the next agency's first item"
keys [
sleep 0.2
sel | grep -q '^▸SNV *2\.1\.1 '
ok $? "[ back to the previous agency"

# Appraise the item: not done (no evidence), saved at once.
keys Enter
wait_for "SNV — tiêu chí thành phần 2.1.1"
ok $? "Enter opens the item"
screen | grep -q "cơ quan thẩm định: STP"
ok $? "an item STP appraises"
keys Up Left
wait_for "Thẩm định: tình trạng    ◀ không thực hiện ▶"
ok $? "on the appraised side"
keys Enter
wait_for "Đã lưu"
ok $? "saved"

# Through the list from the item screen, across agencies.
keys PgDn
wait_for "SNV — tiêu chí thành phần 2.1.2"
ok $? "PgDn: the next item of the list"
keys PgUp
wait_for "SNV — tiêu chí thành phần 2.1.1"
ok $? "PgUp: the previous one"
i=0
while [ $i -lt 10 ]; do keys PgDn; i=$((i + 1)); done
wait_for "STP — tiêu chí thành phần 2.1.1"
ok $? "past the agency's last item, the next agency's first"
keys Up Left
wait_for "Thẩm định: tình trạng    ◀ không thực hiện ▶"
keys PgDn
wait_for "1 ô chưa lưu"
ok $? "not with a field unsaved"
keys Escape PgUp
wait_for "SNV — tiêu chí thành phần 2.5.1"
ok $? "undone, PgUp goes back to the previous agency"
keys Escape
wait_for "Đã thẩm định: 1/$total tiêu chí"
ok $? "back in the list, the progress counts it"
screen | grep -q "SNV *2\.1\.1 .*không thực hiện"
ok $? "the row shows its appraised status"
is "$(field SNV 2.1.1 6)" "not_done" "on disk"
sel | grep -q '^▸SNV *2\.5\.1 '
ok $? "the list selects the item the screen ended on"
keys g u
sleep 0.2
sel | grep -q '^▸SNV *2\.1\.2 '
ok $? "u goes to the next item not appraised yet"
keys Escape
wait_for "Đơn vị thẩm định"
screen | grep -q "STP  *Sở Tư pháp  *1/$total\$"
ok $? "the choice of departments shows the progress too"

keys q
wait_for "EXITED 0"
ok $? "q quits"
done_testing
