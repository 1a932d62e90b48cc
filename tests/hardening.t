#!/bin/sh
# Hardening (issue 12): files cchc must not touch and text it must refuse.
#   1. read commands open the database read-only and change no byte of a
#      file they refuse; a read-only file or folder; -o never replaces a
#      device or a pipe; a failed init leaves no file; the data folder is
#      private;
#   2. text: NUL, invalid UTF-8 and control characters refused with
#      FILE:LINE, echoed values escaped and cut, duplicate advises and
#      parent cycles, size limits and inputs that are not files.
. tests/lib.sh
t=$TEST_TMP/hardening
mkdir -p "$t"
out=$t/out
err=$t/err
csv=data/demo/scores.csv
sum() { sha256sum "$1" | cut -d' ' -f1; }

# nobody CMD...: run as an unprivileged user when root (file modes do
# not stop root); empty when that is not possible.
if [ "$(id -u)" -eq 0 ]; then
	if setpriv --reuid=65534 --regid=65534 --clear-groups true \
	    2>/dev/null; then
		nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		nobody=
	fi
else
	nobody=" "
fi

# --- 1. read commands touch nothing --------------------------------------
sqlite3 "$t/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
before=$(sum "$t/other.db")
for c in "export 2024" "report 2024" "verify" "state 2024" \
    "deduct 2024 --list"; do
	# shellcheck disable=SC2086
	"$CCHC" --db "$t/other.db" $c >"$out" 2>"$err"
	is $? 65 "$c of another program's database exits 65"
	grep -q 'not a cchc database' "$err"
	ok $? "$c says it is not a cchc database"
	is "$(sum "$t/other.db")" "$before" "$c leaves that file byte for byte"
done
"$CCHC" --db "$t/other.db" set 2024 SNV 1.1.1 --self 1 >"$out" 2>"$err"
is $? 65 "a write command refuses it too"
is "$(sum "$t/other.db")" "$before" "before changing its journal mode"
: >"$t/empty.db"
"$CCHC" --db "$t/empty.db" export 2024 >"$out" 2>"$err"
is $? 65 "export of an empty file exits 65"
grep -q 'not a cchc database' "$err"
ok $? "and says it is not a cchc database"
is "$(wc -c <"$t/empty.db")" 0 "the empty file stays empty"
ls "$t" | grep -q 'empty.db-'
[ $? -ne 0 ]; ok $? "and nothing is made beside it"

# A year to read from.
db=$t/a.db
"$CCHC" --db "$db" init 2024 >/dev/null 2>&1 &&
    "$CCHC" --db "$db" import 2024 "$csv" >/dev/null 2>&1
ok $? "a scored year"
"$CCHC" --db "$db" export 2024 >"$t/a.csv" 2>"$err"
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ]
ok $? "a read leaves no -wal or -shm file beside the database"

# A read-only file: reads work, writes say 77 (not 66, "missing").
cp "$db" "$t/ro.db"
chmod 444 "$t/ro.db"
before=$(sum "$t/ro.db")
"$CCHC" --db "$t/ro.db" export 2024 >"$out" 2>"$err"
is $? 0 "export of a 0444 database works"
same_file "$out" "$t/a.csv" "and gives the same rows"
"$CCHC" --db "$t/ro.db" verify >"$out" 2>"$err"
is $? 0 "verify of a 0444 database works"
"$CCHC" --db "$t/ro.db" report 2024 >"$out" 2>"$err"
is $? 0 "report of a 0444 database works"
"$CCHC" --db "$t/ro.db" set 2024 SNV 1.1.1 --self 1 >"$out" 2>"$err"
is $? 77 "set on a 0444 database exits 77"
grep -q 'read-only' "$err"
ok $? "and says the database is read-only"
timeout 60 "$CCHC" --db "$t/ro.db" backup "$t/ro-copy.db" >"$out" 2>"$err"
is $? 0 "backup of a 0444 database ends, and works"
"$CCHC" --db "$t/ro-copy.db" verify >"$out" 2>"$err"
is $? 0 "the copy verifies"
is "$(sum "$t/ro.db")" "$before" "the 0444 file is unchanged"
ls "$t" | grep -q 'ro.db-\|ro-copy.db-'
[ $? -ne 0 ]; ok $? "no journal, -wal or -shm file is left"

# A read-only folder too (read-only media), as a user the modes stop.
if [ -n "$nobody" ]; then
	mkdir -p "$t/media"
	cp "$db" "$t/media/a.db"
	chmod 444 "$t/media/a.db"
	chmod 555 "$t/media"
	chmod 711 "$TEST_TMP" "$t"
	for c in "export 2024" "verify" "report 2024"; do
		# shellcheck disable=SC2086
		$nobody "$CCHC" --db "$t/media/a.db" $c >"$t/m.out" 2>"$t/m.err"
		rc=$?
		is $rc 0 "$c on read-only media works"
		[ $rc -eq 0 ] || sed 's/^/#   /' "$t/m.err"
	done
	$nobody "$CCHC" --db "$t/media/a.db" set 2024 SNV 1.1.1 --self 1 \
	    >"$out" 2>"$err"
	is $? 77 "set on read-only media exits 77"
	ls "$t/media" | grep -q 'a.db-'
	[ $? -ne 0 ]; ok $? "nothing is made on read-only media"
	chmod 755 "$t/media"
else
	echo "# skipped: no unprivileged user to run as"
fi

# -o: a device or a pipe is written in place, never replaced.
# As root a bug would replace the machine's /dev/null: use a node of our
# own (the same device) then.
dev=/dev/null
if [ "$(id -u)" -eq 0 ] && mknod -m 666 "$t/null" c 1 3 2>/dev/null; then
	dev=$t/null
fi
"$CCHC" --db "$db" export 2024 -o "$dev" >"$out" 2>"$err"
is $? 0 "export -o DEVICE exits 0"
test -c "$dev"
ok $? "the device is still a character device"
mkfifo "$t/fifo"
timeout 20 cat "$t/fifo" >"$t/fifo.out" &
reader=$!
"$CCHC" --db "$db" export 2024 -o "$t/fifo" >"$out" 2>"$err"
is $? 0 "export -o FIFO exits 0"
wait "$reader"
test -p "$t/fifo"
ok $? "the FIFO is still a FIFO"
same_file "$t/fifo.out" "$t/a.csv" "and the rows went through it"
ls "$t" | grep -q '^fifo\.......$'
[ $? -ne 0 ]; ok $? "no temporary file is left beside it"
"$CCHC" --db "$db" export 2024 -o "$t/new.csv" >"$out" 2>"$err"
same_file "$t/new.csv" "$t/a.csv" "-o a new path writes the file"
echo old >"$t/target.csv"
ln -s target.csv "$t/link.csv"
"$CCHC" --db "$db" export 2024 -o "$t/link.csv" >"$out" 2>"$err"
test -L "$t/link.csv"
ok $? "-o a symbolic link keeps the link"
same_file "$t/target.csv" "$t/a.csv" "and replaces the file it names"

# A failed init leaves no file; the default folder is made private.
mkdir -p "$t/badforms"
cp tests/fixtures/bad-form.cfg "$t/badforms/"
"$CCHC" --db "$t/failed.db" init 2030 --forms "$t/badforms" >"$out" 2>"$err"
is $? 78 "init with a bad form exits 78"
ls "$t" | grep -q '^failed.db'
[ $? -ne 0 ]; ok $? "and leaves no database file behind"
cp "$db" "$t/kept.db"
"$CCHC" --db "$t/kept.db" init 2030 --forms "$t/badforms" >"$out" 2>"$err"
test -s "$t/kept.db"
ok $? "a failed init keeps a database that was there before"
x=$t/xdg
mkdir -p "$x/cchc"
chmod 777 "$x/cchc"
XDG_DATA_HOME=$x "$CCHC" init 2024 >"$out" 2>"$err"
is $? 0 "init with the default database"
is "$(stat -c %a "$x/cchc")" 700 "an existing 0777 data folder is made 0700"

done_testing
