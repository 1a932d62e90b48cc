#!/bin/sh
# Crash trials (issue 12): cchc killed with SIGKILL at random moments,
# TORTURE_TRIALS times (12 in make check; make torture runs 200), taking
# turns over five kinds of work:
#   import     the demo scores into a blank year;
#   set        a loop of `cchc set` changing notes and scores, the last
#              one killed;
#   screen     the item screen: a note typed and Enter pressed, then the
#              program killed a random moment later;
#   backup     `cchc backup` of the demo year;
#   migration  the first write to a database of an older cchc (schema 2,
#              tests/torture/older-v2.sql), which upgrades it.
# Each kill comes either from strace at a random write or sync of the
# process (exactly at a system call), or from outside after a random
# delay.  After every trial: PRAGMA integrity_check is ok, cchc verify
# exits 0, and nothing is half done or lost: an import is all there or
# not at all, every change cchc acknowledged (exit 0, "Đã lưu" on the
# screen) is on disk, a change in flight is there whole or not at all, a
# backup's source is byte for byte what it was and its copy is whole or
# refused by verify, and an interrupted upgrade finishes at the next write.
# TORTURE_SEED repeats a run (the seed is printed).
. tests/lib.sh
trials=${TORTURE_TRIALS:-12}
seed=${TORTURE_SEED:-$(date +%s)}
echo "# $trials trials, seed $seed (TORTURE_SEED=$seed repeats them)"
t=$TEST_TMP/torture
rm -rf "$t"
mkdir -p "$t"
out=$t/out
err=$t/err
csv=data/demo/scores.csv
sock="cchc-torture-$$"
T="tmux -L $sock -f /dev/null"
trap '$T kill-server 2>/dev/null' EXIT
sum() { sha256sum "$1" | cut -d' ' -f1; }
# LeakSanitizer cannot stop a traced process: no leak checks under strace.
ASAN_TRACED="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

if ! strace -f -o /dev/null -e inject=fdatasync:error=EIO true \
    >/dev/null 2>&1; then
	echo "1..0 # SKIP strace cannot inject faults here"
	exit 0
fi

# rand N: R is set to a number 0..N-1, the next of the seed's sequence
# (not in a subshell: the sequence must move on).
r_n=0
rand() {
	r_n=$((r_n + 1))
	R=$(awk -v s="$seed" -v n="$r_n" -v m="$1" 'BEGIN { srand(s);
	    for (i = 1; i < n; i++) rand(); print int(rand() * m) }')
}

# took CMD...: run CMD; sets took to the milliseconds it took.
took() {
	_t0=$(date +%s%N)
	"$@" >"$out" 2>"$err"
	took=$((($(date +%s%N) - _t0) / 1000000))
}

# run_pid PIDFILE CMD...: CMD, its pid written to PIDFILE first.
run_pid() {
	_f=$1
	shift
	sh -c 'echo $$ >"$1.tmp" && mv "$1.tmp" "$1"; shift; exec "$@"' \
	    sh "$_f" "$@"
}

# wait_file FILE: up to 10 s for FILE to appear.
wait_file() {
	_i=0
	while [ ! -e "$1" ]; do
		[ $_i -ge 1000 ] && return 1
		_i=$((_i + 1))
		sleep 0.01
	done
}

# killed_at CMD...: CMD under strace, SIGKILL at a random write or sync
# (from the counts of a clean run in $counts); sets $at.
killed_at() {
	rand 4
	if [ "$R" -eq 0 ] && [ "$nfs" -gt 0 ]; then
		rand "$nfs"
		at="fdatasync:$((R + 1))"
	else
		rand "$npw"
		at="pwrite64:$((R + 1))"
	fi
	ASAN_OPTIONS="$ASAN_TRACED" strace -f -qq -o /dev/null \
	    -e inject="${at%%:*}:signal=KILL:when=${at#*:}" "$@"
}

# count CMD...: a clean traced run of CMD; sets npw and nfs.
count() {
	ASAN_OPTIONS="$ASAN_TRACED" strace -f -qq -o "$t/trace" \
	    -e trace=pwrite64,fdatasync "$@" >"$out" 2>"$err"
	npw=$(grep -c 'pwrite64(' "$t/trace")
	nfs=$(grep -c 'fdatasync(' "$t/trace")
}

# killed_after MS CMD...: CMD in the background, SIGKILL after MS ms
# (unless it ended); the exit status.
killed_after() {
	_ms=$1
	shift
	rm -f "$t/pid"
	run_pid "$t/pid" "$@" &
	_bg=$!
	wait_file "$t/pid"
	sleep "$(awk -v m="$_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	kill -9 "$(cat "$t/pid")" 2>/dev/null
	wait $_bg
}

# intact DB WHAT: integrity_check and verify; 0 when both pass.
intact() {
	_r=0
	[ "$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)" = ok ] || _r=1
	"$CCHC" --db "$1" verify >"$t/verify.out" 2>"$t/verify.err" || _r=1
	ok $_r "$2: integrity_check ok and cchc verify exits 0"
	[ $_r -eq 0 ] || sed 's/^/#   /' "$t/verify.err" | head -5
	return $_r
}

# notes DB AGENCY: "item<TAB>self<TAB>note" of every item of AGENCY.
notes() {
	"$CCHC" --db "$1" export 2024 | A="$2" perl -CSD -MText::ParseWords \
	    -ne 'chomp; my @f = parse_line(",", 0, $_);
	    print "$f[1]\t$f[2]\t$f[7]\n" if $f[0] eq $ENV{A}'
}

# --- the databases ----------------------------------------------------------
# The demo's list (data/tayninh.cfg less the communes without scores).
sh data/demo/agencies >"$t/demo-agencies.cfg"
"$CCHC" --db "$t/blank.db" init 2024 --agencies "$t/demo-agencies.cfg" >"$out" 2>"$err"
"$CCHC" --db "$t/blank.db" export 2024 >"$t/blank.csv"
sh data/demo/build "$CCHC" "$t/demo.db" >/dev/null
"$CCHC" --db "$t/demo.db" export 2024 >"$t/demo.csv"
sqlite3 "$t/older.db" <tests/torture/older-v2.sql
is "$(sqlite3 "$t/older.db" 'PRAGMA user_version')" 2 \
    "a database of schema 2 (an older cchc)"
# What the older year holds once upgraded, without and with the change.
cp "$t/older.db" "$t/older-ref.db"
"$CCHC" --db "$t/older-ref.db" year set 2024 signer "Nguyễn Văn An" \
    >"$out" 2>"$err"
"$CCHC" --db "$t/older-ref.db" export 2024 >"$t/older-none.csv"
"$CCHC" --db "$t/older-ref.db" set 2024 SNV 2.1.1 --self 2 >"$out" 2>"$err"
"$CCHC" --db "$t/older-ref.db" export 2024 >"$t/older-set.csv"
is "$(sqlite3 "$t/older-ref.db" 'PRAGMA user_version')" \
    "$(sqlite3 "$t/demo.db" 'PRAGMA user_version')" \
    "a write upgrades it to this cchc's schema"
! cmp -s "$t/older-none.csv" "$t/older-set.csv"
ok $? "and the change is visible in its export"

# import: none of the CSV or all of it.
import_state() {
	"$CCHC" --db "$1" export 2024 >"$t/state.csv" 2>"$err" ||
	    { echo export-failed; return; }
	if cmp -s "$t/state.csv" "$t/blank.csv"; then
		echo none
	elif [ "$(sed -e 's/,self_analogy,appraised_analogy$//' \
	    -e 's/,,$//' "$t/state.csv" | sort)" = "$(sort "$csv")" ]; then
		echo all
	else
		echo other
	fi
}

# The clean runs the strace kills are drawn from.
cp "$t/blank.db" "$t/x.db"
count "$CCHC" --db "$t/x.db" import 2024 "$csv"
imp_pw=$npw imp_fs=$nfs
[ "$(import_state "$t/x.db")" = all ]
ok $? "a clean import stores every row ($imp_pw writes, $imp_fs syncs)"
cp "$t/demo.db" "$t/x.db"
count "$CCHC" --db "$t/x.db" set 2024 SYT 1.1.1 --note "đếm"
set_pw=$npw set_fs=$nfs
cp "$t/demo.db" "$t/x.db"
count "$CCHC" --db "$t/x.db" backup "$t/x-copy.db"
bak_pw=$npw bak_fs=$nfs
cp "$t/older.db" "$t/x.db"
count "$CCHC" --db "$t/x.db" set 2024 SNV 2.1.1 --self 2
mig_pw=$npw mig_fs=$nfs
echo "# writes and syncs of a clean run: import $imp_pw/$imp_fs, set $set_pw/$set_fs, backup $bak_pw/$bak_fs, upgrade $mig_pw/$mig_fs"
# And how long a run takes, untraced: a kill from outside comes within it.
cp "$t/blank.db" "$t/x.db"
took "$CCHC" --db "$t/x.db" import 2024 "$csv"
imp_ms=$((took + 1))
rm -f "$t/x-copy.db"
cp "$t/demo.db" "$t/x.db"
took "$CCHC" --db "$t/x.db" backup "$t/x-copy.db"
bak_ms=$((took + 1))
cp "$t/older.db" "$t/x.db"
took "$CCHC" --db "$t/x.db" set 2024 SNV 2.1.1 --self 2
mig_ms=$((took + 1))
echo "# a clean run takes: import $imp_ms ms, backup $bak_ms ms, upgrade $mig_ms ms"

# Tallies for the summary.
n_import=0 n_none=0 n_all=0 n_set=0 n_acked=0 n_inflight_new=0
n_screen=0 n_saved_seen=0 n_backup=0 n_partial=0 n_whole=0 n_mig=0
n_mig_old=0 n_mig_new=0 n_strace=0 n_outside=0 n_leftover=0
n_screen_old=0 n_screen_new=0

# --- the trials ---------------------------------------------------------------
trial_import() {
	n_import=$((n_import + 1))
	cp "$t/blank.db" "$t/db"
	if [ $((k % 2)) -eq 0 ]; then
		npw=$imp_pw nfs=$imp_fs
		killed_at "$CCHC" --db "$t/db" import 2024 "$csv" >"$out" 2>"$err"
		rc=$?
		how="strace at $at"
	else
		rand "$imp_ms"; ms=$R
		killed_after "$ms" "$CCHC" --db "$t/db" import 2024 "$csv" \
		    >"$out" 2>"$err"
		rc=$?
		how="kill after $ms ms"
	fi
	s=$(import_state "$t/db")
	case $s in none) n_none=$((n_none + 1)) ;; all) n_all=$((n_all + 1)) ;; esac
	r=1
	case $rc:$s in 0:all|137:all|137:none) r=0 ;; esac
	ok $r "trial $k, import, $how: exit $rc, $s of the CSV stored"
	intact "$t/db" "trial $k"
}

trial_set() {
	n_set=$((n_set + 1))
	cp "$t/demo.db" "$t/db"
	notes "$t/db" SYT >"$t/before"
	: >"$t/acks"
	items="1.1.1 1.1.2 1.4.2 2.1.1 3.1.1"
	pts="0 0.25 0.5 0.75 1"
	rand 8; nsets=$((R + 1))
	i=0
	inflight=
	# A set each time: a new note, and for 1.4.2 a new score.
	setargs() {
		item=$(echo $items | cut -d' ' -f$((i % 5 + 1)))
		note="thử $k.$i"
		extra=
		[ "$item" = 1.4.2 ] && extra="--self $(echo $pts | cut -d' ' -f$((i % 5 + 1)))"
	}
	if [ $((k % 2)) -eq 0 ]; then
		while [ $i -lt $nsets ]; do
			i=$((i + 1))
			setargs
			# shellcheck disable=SC2086
			"$CCHC" --db "$t/db" set 2024 SYT "$item" --note "$note" \
			    $extra >"$out" 2>"$err" &&
			    printf '%s\t%s\n' "$item" "$note" >>"$t/acks"
		done
		i=$((i + 1))
		setargs
		npw=$set_pw nfs=$set_fs
		# shellcheck disable=SC2086
		killed_at "$CCHC" --db "$t/db" set 2024 SYT "$item" \
		    --note "$note" $extra >"$out" 2>"$err"
		rc=$?
		# Past the writes of the clean run: it ended, acknowledged.
		[ $rc -eq 0 ] && printf '%s\t%s\n' "$item" "$note" >>"$t/acks"
		how="$nsets sets, then strace at $at"
	else
		# The loop runs in the background; a random moment later
		# the cchc running then is killed.
		rm -f "$t/stop" "$t/end" "$t/cur" "$t/inflight"
		(
			while [ ! -e "$t/stop" ]; do
				i=$((i + 1))
				setargs
				printf '%s\t%s\n' "$item" "$note" >"$t/inflight"
				# shellcheck disable=SC2086
				run_pid "$t/cur" "$CCHC" --db "$t/db" set 2024 \
				    SYT "$item" --note "$note" $extra \
				    >/dev/null 2>"$t/loop.err"
				rc=$?
				[ $rc -ne 0 ] && { echo "$rc" >"$t/end"; break; }
				printf '%s\t%s\n' "$item" "$note" >>"$t/acks"
			done
		) &
		loop=$!
		rand 1500; ms=$((R + 50))
		sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
		wait_file "$t/cur"
		# The set running now is killed (a kill can find it ended,
		# not yet reaped: then the loop just stops after it).
		kill -9 "$(cat "$t/cur")" 2>/dev/null
		: >"$t/stop"
		wait $loop
		rc=$(cat "$t/end" 2>/dev/null)
		rc=${rc:-none}
		how="a loop killed after $ms ms"
	fi
	[ -s "$t/inflight" ] && [ $((k % 2)) -eq 1 ] && {
		item=$(cut -f1 "$t/inflight")
		note=$(cut -f2 "$t/inflight")
	}
	inflight="$item	$note"
	n_acked=$((n_acked + $(grep -c . "$t/acks")))
	notes "$t/db" SYT >"$t/after"
	# Each item's note: the last acknowledged one (or the one before the
	# trial); the item in flight may have the new one.
	bad=0
	for it in $items; do
		want=$(grep "^$it	" "$t/acks" | tail -1 | cut -f2)
		[ -n "$want" ] || want=$(grep "^$it	" "$t/before" | cut -f3)
		got=$(grep "^$it	" "$t/after" | cut -f3)
		[ "$got" = "$want" ] && continue
		if [ "$it	$got" = "$inflight" ] && [ "$rc" != 0 ]; then
			n_inflight_new=$((n_inflight_new + 1))
			continue
		fi
		echo "#   $it: \"$got\", expected \"$want\""
		bad=1
	done
	case $rc in 0|137|none) ;; *) bad=1 ;; esac
	ok $bad "trial $k, set, $how: exit $rc, every acknowledged change kept ($(grep -c . "$t/acks") acknowledged)"
	intact "$t/db" "trial $k"
}

trial_screen() {
	n_screen=$((n_screen + 1))
	cp "$t/demo.db" "$t/db"
	note="Ghi chú thử $k"
	old=$(notes "$t/db" HTCH | grep '^3\.1\.2	' | cut -f3)
	rm -f "$t/tui.pid"
	$T kill-server 2>/dev/null
	i=0
	until $T new-session -d -s cchc -x 100 -y 30 "sh -c 'echo \$\$ >$t/tui.pid; exec env -u LANGUAGE LANG=C.UTF-8 $CCHC --db $t/db'; echo EXITED \$?; sleep 30" 2>/dev/null &&
	    $T has-session -t cchc 2>/dev/null; do
		i=$((i + 1))
		[ $i -ge 100 ] && break
		sleep 0.05
	done
	r=0
	wait_for "Sở, ban, ngành tỉnh" || r=1
	keys Escape
	wait_for "UBND cấp huyện" || r=1
	keys Down Enter
	wait_for "UBND huyện Tân Châu" || r=1
	keys /
	type_ "HTCH"
	keys Enter
	wait_gone "UBND huyện Gò Dầu" || r=1
	keys Enter
	wait_for "HTCH" || r=1
	keys Right Right
	wait_for "3.1.2" || r=1
	keys Down Enter
	wait_for "Giá trị thực tế" || r=1
	keys Tab Tab Tab Tab
	wait_for "Ý kiến thẩm định" || r=1
	keys C-u
	type_ "$note"
	ok $r "trial $k, screen: the note of HTCH 3.1.2 is typed"
	# Killed 0..40 ms after Enter (a third at once); what the screen shows was drawn
	# before the kill: "Đã lưu" on it means the save was acknowledged.
	rand 60; ms=$((R - 20))
	[ $ms -lt 0 ] && ms=0
	pid=$(cat "$t/tui.pid")
	keys Enter
	[ $ms -gt 0 ] &&
	    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	kill -9 "$pid" 2>/dev/null
	wait_for "EXITED" >/dev/null 2>&1
	screen >"$t/screen.txt"
	got=$(notes "$t/db" HTCH | grep '^3\.1\.2	' | cut -f3)
	if grep -q "Đã lưu" "$t/screen.txt"; then
		n_saved_seen=$((n_saved_seen + 1))
		is "$got" "$note" "trial $k, screen, kill $ms ms after Enter: \"Đã lưu\" was shown, the note is on disk"
	else
		r=1
		[ "$got" = "$old" ] && r=0 && n_screen_old=$((n_screen_old + 1))
		[ "$got" = "$note" ] && r=0 && n_screen_new=$((n_screen_new + 1))
		ok $r "trial $k, screen, kill $ms ms after Enter: not yet saved on screen, the note is the old or the new one (\"$got\")"
	fi
	$T kill-server 2>/dev/null
	intact "$t/db" "trial $k"
}

trial_backup() {
	n_backup=$((n_backup + 1))
	cp -p "$t/demo.db" "$t/db"
	before=$(sum "$t/db")
	rm -f "$t/copy.db" "$t/copy.db-journal" "$t/copy.db-wal" "$t/copy.db-shm"
	if [ $((k % 2)) -eq 0 ]; then
		npw=$bak_pw nfs=$bak_fs
		killed_at "$CCHC" --db "$t/db" backup "$t/copy.db" >"$out" 2>"$err"
		rc=$?
		how="strace at $at"
	else
		rand "$bak_ms"; ms=$R
		killed_after "$ms" "$CCHC" --db "$t/db" backup "$t/copy.db" \
		    >"$out" 2>"$err"
		rc=$?
		how="kill after $ms ms"
	fi
	# A reader killed in WAL mode may leave an empty -wal and the -shm
	# index beside the file: harmless, and nothing in them.
	r=0
	[ "$(sum "$t/db")" = "$before" ] || r=1
	[ -s "$t/db-wal" ] && r=1
	[ -e "$t/db-wal" ] && n_leftover=$((n_leftover + 1))
	ok $r "trial $k, backup, $how (exit $rc): the source is byte for byte as it was, no change beside it"
	intact "$t/db" "trial $k, the source"
	# The copy: whole (verifies, the same year) or refused by verify;
	# never a part taken for a backup.  A copy acknowledged is whole.
	if [ ! -e "$t/copy.db" ]; then
		ok "$([ "$rc" != 0 ] && echo 0 || echo 1)" "trial $k: no copy"
		return
	fi
	if "$CCHC" --db "$t/copy.db" verify >"$out" 2>"$err"; then
		n_whole=$((n_whole + 1))
		"$CCHC" --db "$t/copy.db" export 2024 >"$t/copy.csv" 2>"$err"
		cmp -s "$t/copy.csv" "$t/demo.csv"
		ok $? "trial $k: the copy verifies and holds the same year"
	else
		n_partial=$((n_partial + 1))
		echo "#   a part of a copy is left; verify refuses it: $(head -1 "$err")"
		ok "$([ "$rc" != 0 ] && echo 0 || echo 1)" \
		    "trial $k: the copy left is refused by verify, and backup did not say it was done"
	fi
}

trial_migration() {
	n_mig=$((n_mig + 1))
	rm -f "$t/db" "$t/db-wal" "$t/db-shm" "$t/db-journal"
	sqlite3 "$t/db" <tests/torture/older-v2.sql
	if [ $((k % 2)) -eq 0 ]; then
		npw=$mig_pw nfs=$mig_fs
		killed_at "$CCHC" --db "$t/db" set 2024 SNV 2.1.1 --self 2 \
		    >"$out" 2>"$err"
		rc=$?
		how="strace at $at"
	else
		rand "$mig_ms"; ms=$R
		killed_after "$ms" "$CCHC" --db "$t/db" set 2024 SNV 2.1.1 \
		    --self 2 >"$out" 2>"$err"
		rc=$?
		how="kill after $ms ms"
	fi
	v=$(sqlite3 "$t/db" 'PRAGMA user_version' 2>&1)
	case $v in 2) n_mig_old=$((n_mig_old + 1)) ;; *) n_mig_new=$((n_mig_new + 1)) ;; esac
	is "$(sqlite3 "$t/db" 'PRAGMA integrity_check' 2>&1)" ok \
	    "trial $k, upgrade, $how (exit $rc, schema $v): integrity_check ok"
	# The next write finishes the upgrade; then the year is whole.
	"$CCHC" --db "$t/db" year set 2024 signer "Nguyễn Văn An" >"$out" 2>"$err"
	ok $? "trial $k: the next write runs (and upgrades)"
	[ -s "$err" ] && sed 's/^/#   /' "$err" | head -3
	intact "$t/db" "trial $k"
	"$CCHC" --db "$t/db" export 2024 >"$t/state.csv" 2>"$err"
	if cmp -s "$t/state.csv" "$t/older-set.csv"; then
		s=new
	elif cmp -s "$t/state.csv" "$t/older-none.csv"; then
		s=old
	else
		s=other
	fi
	r=1
	case $rc:$s in 0:new|137:new|137:old) r=0 ;; esac
	ok $r "trial $k: the year is as it was, with the change whole or without it ($s)"
}

. tests/tui-lib.sh
k=0
while [ $k -lt "$trials" ]; do
	k=$((k + 1))
	# Each trial's database is new at the same path: the anchors a
	# backup wrote of an earlier one would (rightly) not match it.
	export CCHC_ANCHORS="$t/anchors-$k"
	# Even trials are killed by strace, odd ones from outside (the
	# screen always from outside).
	if [ $((k % 2)) -eq 0 ] && [ $((k % 5)) -ne 3 ]; then
		n_strace=$((n_strace + 1))
	else
		n_outside=$((n_outside + 1))
	fi
	case $((k % 5)) in
	1) trial_import ;;
	2) trial_set ;;
	3) trial_screen ;;
	4) trial_backup ;;
	0) trial_migration ;;
	esac
done

summary() {
echo "# summary: $trials trials (seed $seed; $n_strace killed by strace at a system call, $n_outside from outside after a random delay)"
echo "#   import: $n_import trials: $n_none none, $n_all all of the CSV"
echo "#   set: $n_set trials, $n_acked acknowledged changes all kept, $n_inflight_new changes in flight found whole"
echo "#   screen: $n_screen trials, $n_saved_seen killed after \"Đã lưu\" was shown (each note on disk), $((n_screen - n_saved_seen)) before: $n_screen_old with the old note, $n_screen_new with the new one"
echo "#   backup: $n_backup trials: $n_whole copies whole, $n_partial parts left and refused by verify; the source unchanged each time ($n_leftover times with an empty -wal left beside it)"
echo "#   upgrade: $n_mig trials: killed before the upgrade committed $n_mig_old, after $n_mig_new"
echo "#   $(uname -m), $(nproc) cores, $failed failed check(s)"
}
summary
# make torture keeps the figures (tests/RELIABILITY.md).
[ -n "${TORTURE_SUMMARY:-}" ] && summary | sed 's/^# //' >"$TORTURE_SUMMARY"
done_testing
