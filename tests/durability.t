#!/bin/sh
# Durability of the store under contention, crashes and disk errors:
#   1. a write lock held by another connection: cchc gives up with exit 75
#      after CCHC_BUSY_TIMEOUT, changing nothing, or waits and succeeds
#      when the lock is released in time;
#   2. kill -9 during a large import: afterwards the database holds none
#      of the import or all of it, and is intact;
#   3. a failing fdatasync (strace fault injection): exit 74 naming the
#      I/O error, and the database still intact, old value or new;
#   4. a failing read (pread64) during verify: exit 74 naming the error,
#      never a change "outside cchc" nor a problem of the file.
# Needs the sqlite3 CLI; parts 2 and 3 need strace able to inject faults.
. tests/lib.sh
t=$TEST_TMP
csv=data/demo/scores.csv
out=$t/out
err=$t/err
holder=
trap 'exec 3>&- 2>/dev/null; [ -n "$holder" ] && kill "$holder" 2>/dev/null' EXIT

ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_for FILE: poll (bounded, 10 s) until FILE exists; 0 when it does.
wait_for() {
	_i=0
	while [ ! -e "$1" ]; do
		[ $_i -ge 1000 ] && return 1
		_i=$((_i + 1))
		sleep 0.01
	done
}

# state DB: "none" (the blank template), "all" (exactly the CSV's rows,
# in any order) or "other".
state() {
	"$CCHC" --db "$1" export 2024 >"$t/state.csv" 2>"$t/state.err" ||
	    { echo "export-failed"; return; }
	if cmp -s "$t/state.csv" "$t/blank.csv"; then
		echo none
	elif [ "$(sed -e 's/,self_analogy,appraised_analogy$//' \
	    -e 's/,,$//' "$t/state.csv" | sort)" = "$(sort "$csv")" ]; then
		echo all
	else
		echo other
	fi
}

# intact DB WHAT: integrity_check is ok and cchc verify exits 0.
intact() {
	is "$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)" ok \
	    "$2: integrity_check is ok"
	"$CCHC" --db "$1" verify >"$t/verify.out" 2>"$t/verify.err"
	_rc=$?
	is $_rc 0 "$2: cchc verify exits 0"
	[ $_rc -eq 0 ] || sed 's/^/#   /' "$t/verify.err" | head -5
}

# The blank year every part starts from: one file, no WAL left behind.
# The demo's list (data/tayninh.cfg less the communes without scores).
sh data/demo/agencies >"$t/demo-agencies.cfg"
"$CCHC" --db "$t/blank.db" init 2024 --agencies "$t/demo-agencies.cfg" >"$out" 2>"$err"
is $? 0 "init 2024"
"$CCHC" --db "$t/blank.db" export 2024 >"$t/blank.csv" 2>"$err"
is $? 0 "export of the blank template"
[ ! -e "$t/blank.db-wal" ]
ok $? "the closed database has no WAL file left"
is "$(wc -l <"$csv")" "$(wc -l <"$t/blank.csv")" \
    "the demo CSV fills every row of the template"

# --- 1. busy -------------------------------------------------------------
db=$t/busy.db
cp "$t/blank.db" "$db"
fifo=$t/holder.fifo
mkfifo "$fifo"
# The holder: the sqlite3 CLI, fed through a fifo; .bail makes it stop
# (and never say "ready") if it does not get the write lock.
sqlite3 "$db" <"$fifo" >"$t/holder.out" 2>&1 &
holder=$!
exec 3<>"$fifo"
printf '.bail on\nBEGIN IMMEDIATE;\n.shell touch "%s"\n' "$t/ready" >&3
wait_for "$t/ready"
ok $? "the sqlite3 CLI holds a write transaction"
audits=$(sqlite3 "$db" 'SELECT count(*) FROM audit')

t0=$(ms)
CCHC_BUSY_TIMEOUT=200 "$CCHC" --db "$db" set 2024 SNV 1.1.1 \
    --appraised 1 --evidence "12/KH|02/01/2024" >"$out" 2>"$err" 3>&-
rc=$?
t1=$(ms)
echo "# set with CCHC_BUSY_TIMEOUT=200 gave up after $((t1 - t0)) ms"
is $rc 75 "set under a held lock exits 75 (busy)"
grep -Eq '^cchc: .*(locked|busy)' "$err"
ok $? "and says the database is locked"
[ -s "$err" ] && sed 's/^/#   /' "$err"
[ $((t1 - t0)) -lt 2500 ]
ok $? "CCHC_BUSY_TIMEOUT=200 is honoured (not the 5 s default)"
[ ! -s "$out" ]
ok $? "nothing is reported stored"

t0=$(ms)
CCHC_BUSY_TIMEOUT=200 "$CCHC" --db "$db" import 2024 "$csv" \
    >"$out" 2>"$err" 3>&-
rc=$?
echo "# import with CCHC_BUSY_TIMEOUT=200 gave up after $(($(ms) - t0)) ms"
is $rc 75 "import under a held lock exits 75"
grep -q 'nothing stored' "$err"
ok $? "and says nothing was stored"
# Readers are not blocked in WAL mode: export works under the lock.
is "$(state "$db")" none "the busy set and import changed no entry"
is "$(sqlite3 "$db" 'SELECT count(*) FROM audit')" "$audits" \
    "and added no audit row"

# Now a cchc with the default timeout (5 s) starts while the lock is held;
# the holder commits after about 1 s: cchc waits, then succeeds.
(sleep 1; : >"$t/releasing"; echo 'COMMIT;' >&3) &
releaser=$!
[ ! -e "$t/releasing" ]
ok $? "the lock is still held when set starts"
t0=$(ms)
env -u CCHC_BUSY_TIMEOUT "$CCHC" --db "$db" set 2024 SNV 1.1.1 \
    --appraised 1 --evidence "12/KH|02/01/2024" >"$out" 2>"$err" 3>&-
rc=$?
t1=$(ms)
echo "# set with the default timeout waited $((t1 - t0)) ms"
is $rc 0 "set with the default timeout waits for the lock and succeeds"
[ -s "$err" ] && sed 's/^/#   /' "$err"
[ -e "$t/releasing" ]
ok $? "it finished only after the holder let go"
wait $releaser
exec 3>&-
wait $holder
is $? 0 "the holder committed and exited cleanly"
holder=
[ -s "$t/holder.out" ] && sed 's/^/#   holder: /' "$t/holder.out"
"$CCHC" --db "$db" export 2024 >"$out" 2>"$err"
grep -qx 'SNV,1.1.1,,1,,,12/KH|02/01/2024,,,,,,,' "$out"
ok $? "the value set after waiting is in the export"
is "$(grep -c . "$out")" "$(grep -c . "$t/blank.csv")" \
    "no other row appeared"
intact "$db" "after the busy tests"

# LeakSanitizer stops the world with ptrace, which a traced process cannot
# do: under strace a sanitizer build runs without leak checks.
ASAN_UNDER_STRACE="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# --- strace fault injection: available? -----------------------------------
if ! strace -f -o /dev/null -e inject=fdatasync:error=EIO true \
    >/dev/null 2>&1; then
	n=$((n + 1))
	echo "ok $n # SKIP strace cannot inject faults here"
	done_testing
	exit
fi

# --- 2. kill -9 during a large import -------------------------------------
# A clean run first, traced, to count the writes and syncs of an import.
db=$t/kill.db
cp "$t/blank.db" "$db"
ASAN_OPTIONS="$ASAN_UNDER_STRACE" strace -f -qq -o "$t/trace" -e trace=pwrite64,fdatasync \
    "$CCHC" --db "$db" import 2024 "$csv" >"$out" 2>"$err"
is $? 0 "a clean import of the demo CSV exits 0"
is "$(state "$db")" all "and stores exactly the CSV's rows"
npw=$(grep -c 'pwrite64(' "$t/trace")
nfs=$(grep -c 'fdatasync(' "$t/trace")
echo "# one import: $npw pwrite64 and $nfs fdatasync calls"
[ "$npw" -gt 100 ] && [ "$nfs" -ge 2 ]
ok $? "the import writes and syncs (WAL, then checkpoint)"

# SIGKILL (from strace, exactly at a syscall's entry) at several points:
# pwrite64 calls spread over the commit and the checkpoint, and every
# fdatasync (WAL header, commit, checkpoint).
seen=
for point in pwrite64:1 pwrite64:$((npw / 3)) pwrite64:$((npw / 2)) \
    pwrite64:$((npw * 2 / 3)) pwrite64:$npw \
    $(seq -f 'fdatasync:%g' 1 "$nfs"); do
	cp "$t/blank.db" "$db"
	rm -f "$db-wal" "$db-shm"
	ASAN_OPTIONS="$ASAN_UNDER_STRACE" strace -f -qq -o /dev/null \
	    -e inject="${point%%:*}:signal=KILL:when=${point#*:}" \
	    "$CCHC" --db "$db" import 2024 "$csv" >"$out" 2>"$err"
	is $? 137 "kill -9 at $point: the import died of SIGKILL"
	s=$(state "$db")
	echo "# killed at $point: the database holds $s of the import"
	case $s in none|all) r=0 ;; *) r=1 ;; esac
	ok $r "kill -9 at $point: none or all of the import ($s)"
	seen="$seen $s"
	intact "$db" "kill -9 at $point"
done
case $seen in *none*) r=0 ;; *) r=1 ;; esac
ok $r "some kill came before the commit (nothing stored)"
case $seen in *all*) r=0 ;; *) r=1 ;; esac
ok $r "some kill came after the commit (everything stored)"

# A real kill -9 from outside at a random moment of an import slowed by
# 200 ms on every fdatasync (so the commit and checkpoint take ~1 s).
for try in 1 2 3; do
	cp "$t/blank.db" "$db"
	rm -f "$db-wal" "$db-shm" "$t/pid"
	delay=$(awk -v s="$$$try" 'BEGIN { srand(s); printf "%.2f", 0.05 + rand() * 1.4 }')
	ASAN_OPTIONS="$ASAN_UNDER_STRACE" strace -f -qq -o /dev/null -e inject=fdatasync:delay_enter=200000 \
	    sh -c 'echo $$ >"$1.tmp"; mv "$1.tmp" "$1"; shift; exec "$@"' \
	    sh "$t/pid" "$CCHC" --db "$db" import 2024 "$csv" \
	    >"$out" 2>"$err" &
	tracer=$!
	wait_for "$t/pid"
	ok $? "try $try: the import started"
	sleep "$delay"
	kill -9 "$(cat "$t/pid")" 2>/dev/null
	wait $tracer 2>/dev/null	# (no "Killed" from the shell)
	rc=$?
	s=$(state "$db")
	echo "# try $try: kill -9 after ${delay} s (exit $rc): the database holds $s of the import"
	case $s in none|all) r=0 ;; *) r=1 ;; esac
	ok $r "try $try: none or all of the import ($s)"
	intact "$db" "try $try"
done

# --- 3. disk errors: fdatasync fails with EIO ------------------------------
# set: each fdatasync in turn fails; the commit's must give 74.
new='SNV,1.1.1,,1,,,12/KH|02/01/2024,,,,,,,'
old='SNV,1.1.1,,,,,,,,,,,,'
got74=0
db=$t/eio.db
for when in 1 2 3 4 5 6; do
	cp "$t/blank.db" "$db"
	rm -f "$db-wal" "$db-shm"
	ASAN_OPTIONS="$ASAN_UNDER_STRACE" strace -f -qq -o /dev/null \
	    -e inject=fdatasync:error=EIO:when=$when \
	    "$CCHC" --db "$db" set 2024 SNV 1.1.1 --appraised 1 \
	    --evidence "12/KH|02/01/2024" >"$out" 2>"$err"
	rc=$?
	echo "# set, fdatasync #$when fails: exit $rc $(cat "$err")"
	v=$("$CCHC" --db "$db" export 2024 2>&1 | grep '^SNV,1\.1\.1,')
	case $rc in
	74)
		got74=$((got74 + 1))
		grep -q '^cchc: .*I/O error' "$err"
		ok $? "fdatasync #$when fails: set exits 74 naming an I/O error"
		case $v in "$old"|"$new") r=0 ;; *) r=1 ;; esac
		ok $r "fdatasync #$when fails: the value is the old or the new ($v)"
		;;
	0)
		is "$v" "$new" "fdatasync #$when fails outside the commit: exit 0 and the new value is there"
		;;
	*)
		is $rc 74 "fdatasync #$when fails: set exits 0 or 74"
		;;
	esac
	intact "$db" "set, fdatasync #$when failed"
done
[ $got74 -gt 0 ]
ok $? "a failing fdatasync in the commit makes set exit 74 ($got74 of 6)"

# import: the first failing fdatasync that hits the commit must store
# nothing; a failure after the commit (checkpoint) leaves everything.
got74=0
for when in 1 2 3 4 5 6; do
	cp "$t/blank.db" "$db"
	rm -f "$db-wal" "$db-shm"
	ASAN_OPTIONS="$ASAN_UNDER_STRACE" strace -f -qq -o /dev/null \
	    -e inject=fdatasync:error=EIO:when=$when \
	    "$CCHC" --db "$db" import 2024 "$csv" >"$out" 2>"$err"
	rc=$?
	echo "# import, fdatasync #$when fails: exit $rc"
	s=$(state "$db")
	if [ $rc -eq 74 ]; then
		grep -q 'I/O error' "$err"
		ok $? "fdatasync #$when fails: import exits 74 naming an I/O error"
		grep -q 'nothing stored' "$err"
		ok $? "and says nothing was stored"
		[ ! -s "$out" ]
		ok $? "and reports no row stored"
		is "$s" none "fdatasync #$when fails: the blank template is unchanged"
		intact "$db" "import, fdatasync #$when failed"
		got74=1
		break
	fi
	is "$rc:$s" 0:all "fdatasync #$when fails outside the commit: exit 0 and all rows"
done
is $got74 1 "a failing fdatasync makes import exit 74"

# --- 4. read errors: pread64 fails with EIO during verify ------------------
# A full year is larger than SQLite's page cache, so verify reads pages in
# every part: the file check, the chain and the data.  Reads of the
# database are numbered from a clean run; a failure is injected at points
# spread over them.
db=$t/read.db
cp "$t/blank.db" "$db"
"$CCHC" --db "$db" import 2024 "$csv" >"$out" 2>"$err"
is $? 0 "a full year to verify"
ASAN_OPTIONS="$ASAN_UNDER_STRACE" strace -f -qq -y -o "$t/trace" -e trace=pread64 \
    "$CCHC" --db "$db" verify >"$out" 2>"$err"
is $? 0 "a clean verify of it exits 0"
grep -n 'pread64([0-9]*<[^>]*read\.db' "$t/trace" | cut -d: -f1 >"$t/reads"
nr=$(grep -c . "$t/reads")
echo "# verify reads the database $nr times"
[ "$nr" -gt 200 ]
ok $? "verify reads the database more often than its cache holds"
bad=0
for k in $(seq 1 $((nr / 24)) "$nr"); do
	when=$(sed -n "${k}p" "$t/reads")
	ASAN_OPTIONS="$ASAN_UNDER_STRACE" strace -f -qq -o /dev/null \
	    -e inject=pread64:error=EIO:when=$when \
	    "$CCHC" --db "$db" verify >"$out" 2>"$err"
	rc=$?
	if [ $rc -ne 74 ] || ! grep -Eq '^cchc: .*(I/O error|malformed)' "$err" ||
	    grep -Eq 'outside cchc|does not follow|integrity:|bad audit key' "$err"; then
		bad=$((bad + 1))
		echo "# read #$when fails: exit $rc $(head -2 "$err")"
	fi
done
is $bad 0 "a failed read anywhere in verify exits 74 naming the error, blaming no one"
intact "$db" "after the read errors"

done_testing
