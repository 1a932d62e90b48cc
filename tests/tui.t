#!/bin/sh
# The terminal screens, driven like an operator: the real program in a
# private tmux server, keys sent with send-keys, the screen read with
# capture-pane (normalised to NFC), waiting for text rather than sleeping.
. tests/lib.sh
t=$TEST_TMP
db=$t/tui.db
sock="cchc-test-$$"
T="tmux -L $sock -f /dev/null"
trap 'stop_server' EXIT

sh data/demo/build "$CCHC" "$db" >/dev/null
"$CCHC" --db "$db" backup "$t/pristine.db" >/dev/null

. tests/tui-lib.sh

# --- open the demo year, Vietnamese by default ---------------------------
start
wait_for "Sở, ban, ngành tỉnh"
ok $? "the demo year opens on the departments"
wait_for "Văn phòng UBND tỉnh"
ok $? "the agencies are listed, in Vietnamese"
wait_for "Tỷ lệ"
ok $? "the column headers are Vietnamese"

# --- to a district, area 3, item 3.1.2 ------------------------------------
keys Escape
wait_for "UBND cấp huyện"
ok $? "Esc goes back to the years and blocks"
keys Down Enter
wait_for "UBND huyện Tân Châu"
ok $? "the districts of the demo year"
keys /
type_ "tan chau"
keys Enter
wait_gone "UBND huyện Gò Dầu"
ok $? "/ filters accent-insensitively: 'tan chau' finds Tân Châu"
keys Enter
wait_for "HTCH"
ok $? "Enter opens the walk-through of UBND huyện Tân Châu"
wait_for "82,00%"
ok $? "the totals bar shows the appraised rate 82,00% (decimal comma)"
wait_for "hạng 4"
ok $? "and its rank 4"
keys Right Right
wait_for "3.1.2"
ok $? "→ → walks to area 3"
keys Down
keys Enter
wait_for "Giá trị thực tế"
ok $? "Enter on 3.1.2 opens the item entry with its measured value"

# --- a bad value: refused with the reason, nothing changes ---------------
before=$("$CCHC" --db "$db" export 2024 | md5sum)
type_ "abc"
keys Enter
wait_for "không phải là số"
ok $? "a bad value is refused with the reason beside the field"
after=$("$CCHC" --db "$db" export 2024 | md5sum)
is "$after" "$before" "the database is unchanged by the refused value"
keys Escape
wait_gone "không phải là số"
ok $? "Esc restores the saved value"

# --- a good value with a decimal comma ------------------------------------
type_ "89,5"
keys Enter
wait_for "Đã lưu"
ok $? "89,5 is saved"
wait_for "81,50%"
ok $? "the rate follows at once: 81,50%"
wait_for "hạng 5"
ok $? "and the rank: 5"
is "$(field HTCH 3.1.2 4)" "0" "on disk: the appraised points of 3.1.2 are 0 (89.5 % < 90 %)"

# kill -9 right after a commit: the value is there.
keys Tab Tab Tab Tab
wait_for "Ý kiến thẩm định"
keys C-u
type_ "Ghi chú sau khi lưu"
keys Enter
wait_for "Đã lưu"
pkill -9 -f "^$CCHC --db $db"
wait_for "EXITED"
is "$(field HTCH 3.1.2 8)" "Ghi chú sau khi lưu" "after kill -9 the committed note is on disk"
"$CCHC" --db "$db" verify >/dev/null 2>&1
ok $? "and the database verifies"

# --- reopen: the value is still there; NFD typed is stored NFC ---------------
start
wait_for "Sở, ban, ngành tỉnh"
keys Escape Down Enter
wait_for "UBND huyện Tân Châu"
keys /
type_ "HTCH"
keys Enter
wait_gone "UBND huyện Gò Dầu"
keys Enter
wait_for "81,50%"
ok $? "reopened: the saved value still counts (81,50%)"
keys Right Right Down Enter
wait_for "Giá trị thực tế"
keys Tab Tab Tab Tab
nfd=$(printf 'Nguye\314\202\314\203n Thi\314\243 A\314\201nh')
nfc=$(printf 'Nguy\341\273\205n Th\341\273\213 \303\201nh')
# Clear the old note (^U), then type the name as a keyboard sending
# combining accents would.
keys C-u
type_ "$nfd"
keys Enter
wait_for "Đã lưu"
is "$(field HTCH 3.1.2 8)" "$nfc" "NFD typed (combining accents) is stored NFC"

# --- not assigned shrinks the maximum on screen ----------------------------
keys Tab
type_ "Không giao nhiệm vụ năm nay"
keys Enter
wait_for "Đã lưu"
keys BTab BTab BTab BTab BTab BTab
wait_for "◀ đã chấm ▶"
keys Right Right
wait_for "không giao"
keys Enter
# The value typed would be dropped: the screen asks first.
wait_for "Đổi tình trạng của điểm thẩm định sang \"không giao\"?"
keys c
wait_for "/99 ="
ok $? "not assigned: the appraised maximum on screen drops to 99"
is "$(field HTCH 3.1.2 6)" "not_assigned" "and it is on disk"

# --- a change made meanwhile elsewhere is shown, typing kept ---------------
# (Another program's change shows at once, so that a save in the same
# quarter second is what meets the conflict check.)
keys Tab Tab Tab Tab
type_ "Giải trình mới"
"$CCHC" --db "$db" set 2024 HTCH 3.1.2 --note "Ghi từ dòng lệnh" >/dev/null
wait_for "Ghi từ dòng lệnh"
ok $? "a change made meanwhile by another program shows in the screen"
is "$(field HTCH 3.1.2 8)" "Ghi từ dòng lệnh" "the other program's change stays on disk"
wait_for "nội dung bạn đang gõ vẫn giữ trong ô"
ok $? "and the operator is told that the typing is kept"
screen | grep -q "Giải trình mới"
ok $? "in its field"
keys Escape
wait_gone "Giải trình mới"

# --- the ranking screen matches cchc report ---------------------------------
keys Escape Escape
wait_for "UBND huyện Tân Châu"
keys Escape
wait_for "UBND huyện Gò Dầu"
keys r
wait_for "— xếp hạng —"
"$CCHC" --db "$db" report 2024 --block huyen --format csv | tail -n +2 >"$t/rank.csv"
screen >"$t/screen.txt"
bad=0
while IFS=, read -r blk rank code name max pts rate grade; do
	r=$(printf '%s' "$rate" | tr . ,)
	grep -F "$name" "$t/screen.txt" | grep -F "$r%" | grep -Eq "^ *$rank " || {
		echo "#   not on screen: $rank $name $r% $grade"; bad=1; }
done <"$t/rank.csv"
is $bad 0 "every row of cchc report (rank, name, rate) is on the ranking screen"

keys Escape
wait_gone "— xếp hạng —"
ok $? "Esc leaves the ranking"
keys r
wait_for "— xếp hạng —"

# --- help lists the keys --------------------------------------------------
keys F1
wait_for "Mọi màn hình"
ok $? "F1 opens the help"
wait_for "PgDn"
ok $? "the help lists the keys"
keys Escape
wait_gone "Mọi màn hình"
ok $? "Esc closes the help"

# --- resize to 70x20 and back ---------------------------------------------
$T resize-window -t cchc -x 70 -y 20
wait_for "quá nhỏ"
ok $? "at 70×20 the screen says the terminal is too small"
$T resize-window -t cchc -x 100 -y 30
wait_gone "quá nhỏ"
ok $? "back at 100×30 the screen comes back"
wait_for "UBND huyện Tân Châu"
ok $? "with the ranking redrawn"
keys q
wait_for "EXITED 0"
ok $? "q quits with exit 0"

# --- colours, and none with NO_COLOR ---------------------------------------
start
wait_for "Sở, ban, ngành tỉnh"
$T capture-pane -e -p -t cchc | grep -q "$(printf '\033')\[[0-9;]*4[0-7]m"
ok $? "the screens use colours on a colour terminal"
pkill -TERM -f "^$CCHC --db $db"
wait_for "EXITED 0"
ok $? "SIGTERM leaves the program cleanly (exit 0)"
start NO_COLOR=1
wait_for "Sở, ban, ngành tỉnh"
$T capture-pane -e -p -t cchc | grep -q "$(printf '\033')\[[0-9;]*4[0-7]m"
[ $? -ne 0 ]
ok $? "NO_COLOR: no colour at all"
$T capture-pane -e -p -t cchc | grep -q "$(printf '\033')\[[0-9;]*7m"
ok $? "NO_COLOR: the selection is still shown (reverse video)"
pkill -HUP -f "^$CCHC --db $db"
wait_for "EXITED 0"
ok $? "SIGHUP leaves the program cleanly too"

# --- English on request -----------------------------------------------------
start LANGUAGE=en
wait_for "Agency"
ok $? "LANGUAGE=en gives the English interface"
wait_for "Rate"
ok $? "English column headers"
keys q
wait_for "EXITED 0"

# --- a published year refuses an edit --------------------------------------
appraised_as_self "$db" 2024 SYT >"$t/syt.csv"
"$CCHC" --db "$db" import 2024 "$t/syt.csv" >/dev/null
for a in SYT TPTN TXHT TXTB HGD HBC HCT HDMC HTBI HTCH \
    HT-LH HT-LTB HT-LTT HT-HT HT-LTN HT-TT; do
	[ $a = SYT ] && "$CCHC" --db "$db" state 2024 $a submit >/dev/null
	"$CCHC" --db "$db" state 2024 $a appraise >/dev/null
done
"$CCHC" --db "$db" state 2024 publish >/dev/null
ok $? "the year is published from the command line"
before=$("$CCHC" --db "$db" export 2024 | md5sum)
start
wait_for "ĐÃ CÔNG BỐ"
ok $? "a published year opens read-only and says so"
keys Enter
wait_for "VPUB"
keys Enter
wait_for "tiêu chí thành phần 1.1.1"
keys Right Enter
wait_for "đã công bố và bị khóa"
ok $? "an edit is refused with the reason"
after=$("$CCHC" --db "$db" export 2024 | md5sum)
is "$after" "$before" "and nothing changed"
keys q q
wait_for "EXITED 0"

# --- the lists follow an edit; an idle screen does no work ------------------
# A fresh copy of the demo year; under strace when it can run here, to
# count what the program asks the database while nobody types.
db_main=$db
db=$t/fresh.db
"$CCHC" --db "$t/pristine.db" backup "$db" >/dev/null
# LeakSanitizer cannot run under ptrace: no leak check in that run.
tracer=
if strace -f -o /dev/null true 2>/dev/null; then
	tracer="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -qq -o $t/idle.trace \
	    -e trace=fcntl,pread64,pwrite64,newfstatat,fstat,openat,lseek"
fi
start $tracer
wait_for "Sở, ban, ngành tỉnh"
keys Escape Down Enter
wait_for "UBND huyện Tân Châu"
keys s
wait_for "theo hạng"
ranked() {	# the codes of the agencies in screen order, with their rank
	screen | sed -n 's/^ *\([0-9][0-9]*\) \([A-Z][A-Z-]*\) .*/\1 \2/p' |
	    tr '\n' ' '
}
ranked | grep -q "^1 TXTB 2 HTBI 3 TXHT 4 HTCH 5 HGD "
ok $? "by rank: Tân Châu 4th, Gò Dầu 5th"
keys g Down Down Down Enter
wait_for "HTCH"
keys Right Right Down Enter
wait_for "Giá trị thực tế"
type_ "89,5"
keys Enter
wait_for "Đã lưu"
keys Escape Escape
wait_for "theo hạng"
ranked | grep -q "^1 TXTB 2 HTBI 3 TXHT 4 HGD 5 HTCH "
ok $? "after an edit the list by rank follows at once: Gò Dầu 4th, Tân Châu 5th"
keys s
wait_for "theo tên"
# Idle, the screens only ask whether another program wrote (PRAGMA
# data_version: a lock of the WAL index, no read of the file).
io() { grep -cE 'pread64|pwrite64|openat' "$t/idle.trace"; }
if [ -n "$tracer" ]; then
	sleep 0.5
	before=$(io)
	sleep 2
	after=$(io)
	is "$((after - before))" 0 \
	    "idle for 2 s on the list by name: no read or write of the database"
	keys j
	wait_for "theo tên"
	sleep 0.3
	again=$(io)
	[ "$again" -eq "$after" ]
	ok $? "a move of the selection does not read the database either"
else
	echo "ok $((n + 1)) # skip strace cannot run here"; n=$((n + 1))
	echo "ok $((n + 1)) # skip strace cannot run here"; n=$((n + 1))
fi
keys q
wait_for "EXITED 0"
ok $? "q quits with exit 0"
db=$db_main

# --- not a terminal ------------------------------------------------------
"$CCHC" --db "$db" </dev/null >"$t/out" 2>"$t/err"
is $? 69 "without a terminal the screens exit 69"
grep -q 'need a terminal' "$t/err"
ok $? "and say why"

done_testing
