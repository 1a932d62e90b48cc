#!/bin/sh
# The screens use each agency's own form: in a year where Hòa Thành's
# communes have their own form (tests/fixtures/two-forms.cfg), the
# walk-through of one shows its item 1.1.3, that of a Tân Châu commune
# (the block's form) does not.
. tests/lib.sh
t=$TEST_TMP/tui-forms
mkdir -p "$t"
db=$t/forms.db
sock="cchc-forms-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT
. tests/tui-lib.sh

"$CCHC" --db "$db" init 2024 --agencies tests/fixtures/two-forms.cfg >/dev/null
"$CCHC" --db "$db" set 2024 HT-LH 1.1.3 --appraised 1 --evidence "1/KH|01/02/2024" >/dev/null

start
wait_for "UBND cấp huyện"
keys Escape
wait_for "UBND cấp xã"
keys Down Enter
wait_for "UBND phường Long Hoa"
ok $? "the communes of both districts are listed"
keys /
type_ "long hoa"
keys Enter
wait_gone "UBND xã Tân Hà"
keys Enter
wait_for "HT-LH"
wait_for "Tổ chức đối thoại với Nhân dân"
ok $? "the walk-through of a Hòa Thành commune has its own form's item 1.1.3"
screen | grep -q "1\.1\.3"
ok $? "with its code"
keys Escape
wait_for "UBND phường Long Hoa"
keys Escape
wait_gone "/ long hoa"
keys /
type_ "tan ha"
keys Enter
wait_gone "UBND phường Long Hoa"
keys Enter
wait_for "TCH-TH" && wait_for "1.1.2"
ok $? "the walk-through of a Tân Châu commune opens on area 1"
screen | grep -q "Tổ chức đối thoại với Nhân dân"
is $? 1 "and has no item 1.1.3 (the block's form)"
keys q
wait_for "EXITED 0"
ok $? "cchc quits"

done_testing
