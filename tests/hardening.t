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

# --- 2. text ---------------------------------------------------------------
hdr='agency,item,self,appraised,self_status,appraised_status,evidence,note'
# refused FILE WHAT: import FILE exits 65, names FILE:2, stores nothing.
refused() {
	before=$(sum "$db")
	"$CCHC" --db "$db" import 2024 "$1" >"$out" 2>"$err"
	is $? 65 "$2: import exits 65"
	grep -q "^$1:2: " "$err"
	ok $? "$2: the message names FILE:LINE"
	[ $? -eq 0 ] || sed 's/^/#   /' "$err" | head -3
	is "$(sum "$db")" "$before" "$2: the database is unchanged"
}
printf '%s\nSNV,1.1.1,0.5\000garbage,,,,,\n' "$hdr" >"$t/nul.csv"
refused "$t/nul.csv" "a NUL byte in a cell"
printf '%s\nSNV,1.1.1,0.5,,,,,caf\351\n' "$hdr" >"$t/latin1.csv"
refused "$t/latin1.csv" "a note in Latin-1 (invalid UTF-8)"
printf '%s\nSNV,1.1.1,1,,,,"V\377B",\n' "$hdr" >"$t/badev.csv"
refused "$t/badev.csv" "evidence with invalid UTF-8"
big=$(head -c 70000 /dev/zero | tr '\0' x)
printf '%s\nSNV,1.1.1,1,,,,,%s\n' "$hdr" "$big" >"$t/long.csv"
refused "$t/long.csv" "a field of 70000 bytes"

# Echoed values are escaped and cut.
printf '%s\nSNV,1.1.1,\033]0;PWNED\007\033[2J,,,,,\n' "$hdr" >"$t/esc.csv"
"$CCHC" --db "$db" import 2024 "$t/esc.csv" >"$out" 2>"$err"
is $? 65 "a number holding escape sequences is refused"
grep -q "$(printf '\033')" "$err"
[ $? -ne 0 ]; ok $? "no escape character reaches the terminal"
grep -qF '"\x1b]0;PWNED\x07\x1b[2J" is not a number' "$err"
ok $? "it is shown escaped"
printf '%s\nSNV,1.1.1,%s,,,,,\n' "$hdr" "$(head -c 60000 /dev/zero | tr '\0' 7)" \
    >"$t/huge.csv"
"$CCHC" --db "$db" import 2024 "$t/huge.csv" >"$out" 2>"$err"
is $? 65 "a 60000-digit number is refused"
ok "$([ "$(wc -c <"$err")" -lt 400 ] && echo 0 || echo 1)" \
    "and not echoed whole ($(wc -c <"$err") bytes of message)"
grep -q '7…" is outside\|7…" is not' "$err"
ok $? "it is cut with …"
"$CCHC" --db "$db" set 2024 "$(printf 'SNV\033[2J')" 1.1.1 --self 1 \
    >"$out" 2>"$err"
grep -q "$(printf '\033')" "$err"
[ $? -ne 0 ]; ok $? "set escapes an agency code it does not know"
"$CCHC" --db "$db" report "$(printf '2024\033[2J')" >"$out" 2>"$err"
grep -q "$(printf '\033')" "$err"
[ $? -ne 0 ]; ok $? "a bad year is echoed escaped"

# Inputs that are not files, and files too large.
"$CCHC" --db "$db" import 2024 /dev/zero >"$out" 2>"$err"
is $? 65 "import /dev/zero exits 65"
grep -q 'empty file' "$err"
[ $? -ne 0 ]; ok $? "and does not call it an empty file"
grep -q 'not a regular file' "$err"
ok $? "it says it is not a regular file"
timeout 20 "$CCHC" check-forms /dev/zero >"$out" 2>"$err"
rc=$?
ok "$([ $rc -ne 0 ] && [ $rc -lt 128 ] && [ $rc -ne 124 ] && echo 0 || echo 1)" \
    "check-forms /dev/zero fails cleanly ($rc), neither aborting nor hanging"
grep -q 'not a regular file' "$err"
ok $? "and says it is not a regular file"
dd if=/dev/zero of="$t/sparse.csv" bs=1 count=0 seek=1100M 2>/dev/null
"$CCHC" --db "$db" import 2024 "$t/sparse.csv" >"$out" 2>"$err"
is $? 65 "a 1100 MB CSV is refused"
grep -q 'larger than 1024 MB' "$err"
ok $? "naming the limit"
rm -f "$t/sparse.csv"
# A line that never ends is cut at the line limit, not read whole.
head -c 3000000 /dev/zero | tr '\0' 'a' >"$t/long.csv"
"$CCHC" --db "$db" import 2024 "$t/long.csv" >"$out" 2>"$err"
is $? 65 "a 3 MB line is refused"
grep -q 'long.csv:1: a line longer than' "$err"
ok $? "naming the line limit"
dd if=/dev/zero of="$t/sparse.cfg" bs=1 count=0 seek=70M 2>/dev/null
"$CCHC" check-forms "$t/sparse.cfg" >"$out" 2>"$err"
is $? 78 "a 70 MB form file is refused"
grep -q 'larger than 64 MB' "$err"
ok $? "naming the limit"

# Agency and form files: controls, bad UTF-8, duplicate advises, cycles.
# agencies FILE LINE2...: a one-block agency list, LINE2 on line 4 onwards.
agencies() {
	f=$1
	shift
	{
		printf 'province = "T";\n'
		printf 'blocks = ( { code = "so"; name = "Sở"; } );\n'
		printf 'agencies = (\n'
		printf '%s\n' "$@"
		printf ');\n'
	} >"$f"
}
cf() {	# cf FILE LINE WHAT: check-forms refuses FILE at LINE
	"$CCHC" check-forms "$1" >"$out" 2>"$err"
	is $? 78 "$3: check-forms exits 78"
	grep -q "^$1:$2: " "$err"
	ok $? "$3: the message names $2"
	[ $? -eq 0 ] || sed 's/^/#   /' "$err" | head -3
}
agencies "$t/ok.cfg" '{ code = "A"; name = "Sở A"; block = "so"; }'
"$CCHC" check-forms "$t/ok.cfg" >"$out" 2>"$err"
is $? 0 "a small agency file is fine"
printf 'agencies = ( { code = "B"; name = "X\033]0;PWNED\007"; block = "so"; } );\n' \
    >"$t/esc2.cfg"
sed -i '1i blocks = ( { code = "so"; name = "Sở"; } );' "$t/esc2.cfg"
cf "$t/esc2.cfg" 2 "an agency name with escape sequences"
grep -q "$(printf '\033')" "$err"
[ $? -ne 0 ]; ok $? "no escape character reaches the terminal"
printf 'blocks = ( { code = "so"; name = "S\001"; } );\nagencies = ( );\n' \
    >"$t/ctl.cfg"
cf "$t/ctl.cfg" 1 "a block name with a control character"
printf 'blocks = ( { code = "so"; name = "S"; } );\n# caf\351\nagencies = ( );\n' \
    >"$t/utf.cfg"
cf "$t/utf.cfg" 2 "invalid UTF-8 in an agency file"
agencies "$t/adv.cfg" \
    '{ code = "A"; name = "Sở A"; block = "so"; advises = [3, 5, 3]; }'
cf "$t/adv.cfg" 4 "an area twice in advises"
grep -q 'area 3 is listed twice' "$err"
ok $? "and names the area"
agencies "$t/cycle.cfg" \
    '{ code = "A"; name = "Sở A"; block = "so"; parent = "B"; },' \
    '{ code = "B"; name = "Sở B"; block = "so"; parent = "C"; },' \
    '{ code = "C"; name = "Sở C"; block = "so"; parent = "A"; }'
cf "$t/cycle.cfg" 4 "a cycle of parents"
grep -q 'cycle (A -> B -> C -> A)' "$err"
ok $? "and names the cycle"
is "$(grep -c cycle "$err")" 1 "once"
sed 's/title = "\([^"]*\)"/title = "\1\\x1b[2J"/' forms/so.cfg >"$t/esc-form.cfg"
"$CCHC" check-forms "$t/esc-form.cfg" >"$out" 2>"$err"
is $? 78 "a form whose titles hold escapes is refused"
grep -q 'control character' "$err"
ok $? "each named as a control character"
printf 'form = { id = "x"; title = "caf\351"; };\n' >"$t/utf-form.cfg"
cf "$t/utf-form.cfg" 1 "invalid UTF-8 in a form file"
printf 'form = {\n id = "x";\000 };\n' >"$t/nul-form.cfg"
"$CCHC" check-forms "$t/nul-form.cfg" >"$out" 2>"$err"
is $? 78 "a NUL byte in a form file is refused"
grep -q 'nul-form.cfg:2:' "$err"
ok $? "with its line"

done_testing
