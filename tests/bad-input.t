#!/bin/sh
# The catalogue of bad inputs (tests/bad-input/cases): each case is a
# command that cchc must refuse.  For every case:
#   1. the exit code is the one listed;
#   2. stderr matches the listed message (an extended regexp);
#   3. the database it ran on is byte for byte what it was (sha256), and
#      nothing was made or left beside it (journal, -wal, temporary file);
#      a database that did not exist still does not;
#   4. stderr is safe and short: no control character but newline and
#      tab (nothing from the input reaches the terminal raw), under 64 KB.
# CATALOGUE_SHOW=1 prints what each case gave (to write a new case);
# CATALOGUE_ONLY=NAME runs the cases whose names match the pattern.
. tests/lib.sh
here=tests/bad-input
IN=$here/in
t=$TEST_TMP/bad-input
T=$t/scratch
out=$t/out
err=$t/err
rm -rf "$t"
mkdir -p "$t/db" "$T"
# snap NAME: the sha256 of every file in the folder of database NAME (the
# file and whatever is beside it); empty when there is none.
snap() { sha256sum "$t/db/$1"/* "$t/db/$1"/.[!.]* 2>/dev/null; }

# --- the databases cases run on (@NAME; demo when none is named) ------------
mkdb() { mkdir -p "$t/db/$1" "$t/pristine"; }
mkdb demo
sh data/demo/build "$CCHC" "$t/db/demo/db" >/dev/null
ok $? "the demo year is built"
# published: the demo year with every agency appraised, then published.
mkdb published
cp "$t/db/demo/db" "$t/db/published/db"
P() { "$CCHC" --db "$t/db/published/db" "$@" >"$out" 2>"$err"; }
appraised_as_self "$t/db/published/db" 2024 SYT >"$T/syt.csv"
P import 2024 "$T/syt.csv"
for a in $(sqlite3 "$t/db/published/db" \
    "SELECT code FROM agency WHERE year = 2024 AND state = 'draft'"); do
	P state 2024 "$a" submit
done
for a in $(sqlite3 "$t/db/published/db" \
    "SELECT code FROM agency WHERE year = 2024 AND state = 'submitted'"); do
	P state 2024 "$a" appraise
done
P state 2024 publish
is $? 0 "a published year is built"
# Files that are not cchc databases, or not this cchc's.
mkdb other
sqlite3 "$t/db/other/db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
mkdb empty
: >"$t/db/empty/db"
mkdb text
echo "hello, world" >"$t/db/text/db"
mkdb newer
"$CCHC" --db "$t/db/newer/db" init 2024 --forms "$IN/forms-good" \
    --agencies "$IN/agencies-ok.cfg" >"$out" 2>"$err" &&
    sqlite3 "$t/db/newer/db" "PRAGMA user_version = 99"
ok $? "a database of a newer cchc is made"
mkdb truncated
head -c 100000 "$t/db/demo/db" >"$t/db/truncated/db"
mkdb garbage
{ head -c 100 "$t/db/demo/db"; head -c 50000 /dev/urandom; } >"$t/db/garbage/db"
mkdb readonly
cp "$t/db/demo/db" "$t/db/readonly/db"
chmod 444 "$t/db/readonly/db"
mkdb new			# no file: commands must not make one
mkdir -p "$t/db/dir/db"		# a folder where the file should be
# Changes made behind cchc's back, for verify to find.
tamper() {	# tamper NAME SQL
	mkdb "$1"
	cp "$t/db/demo/db" "$t/db/$1/db"
	sqlite3 "$t/db/$1/db" "$2"
}
tamper tamper-entry "UPDATE entry SET self_points = 50 WHERE year = 2024 AND agency = 'SNV' AND item = '1.1.1'"
tamper tamper-total "UPDATE total SET points = points + 100 WHERE year = 2024 AND agency = 'SYT' AND side = 1"
tamper tamper-audit "DROP TRIGGER audit_no_update; UPDATE audit SET new = 'x' WHERE id = 5"
tamper tamper-gap "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 7"
tamper tamper-evidence "DELETE FROM evidence WHERE rowid IN (SELECT rowid FROM evidence LIMIT 1)"
for d in "$t"/db/*; do
	[ -e "$d/db" ] && [ ! -d "$d/db" ] && cp -p "$d/db" "$t/pristine/${d##*/}"
done
chmod 444 "$t/pristine/readonly"

# --- inputs too large to keep in the tree ------------------------------------
hdr='agency,item,self,appraised,self_status,appraised_status,evidence,note'
dd if=/dev/zero of="$T/sparse.csv" bs=1 count=0 seek=1100M 2>/dev/null
dd if=/dev/zero of="$T/sparse.cfg" bs=1 count=0 seek=70M 2>/dev/null
head -c 3000000 /dev/zero | tr '\0' a >"$T/long-line.csv"
{ echo "$hdr"; printf 'SYT,1.1.1,1,,,,"'; seq -f '%g/KH' 1 524288 | tr '\n' ';';
    printf '",\n'; } >"$T/evidence-524288.csv"
{ echo "$hdr"; printf 'SYT,1.4.2,'; head -c 1000000 /dev/zero | tr '\0' 9;
    printf ',,,,,\n'; } >"$T/megabyte-number.csv"
{ echo "$hdr"; i=0; while [ $i -lt 200 ]; do
	echo "SYT,1.4.2,bad$i,,,,,"; i=$((i + 1)); done; } >"$T/200-bad-rows.csv"

# --- the cases -----------------------------------------------------------------
ncases=0
while IFS= read -r line; do
	case $line in ''|'#'*) continue ;; esac
	name=${line%% | *}; rest=${line#* | }
	code=${rest%% | *}; rest=${rest#* | }
	re=${rest%% | *}; args=${rest#* | }
	if [ -n "${CATALOGUE_ONLY:-}" ]; then
		case $name in $CATALOGUE_ONLY) ;; *) continue ;; esac
	fi
	ncases=$((ncases + 1))
	db=demo
	case $args in
	@*) db=${args%% *}; db=${db#@}; args=${args#* } ;;
	esac
	D=$t/db/$db/db
	before=$(snap "$db")
	eval "set -- $args"
	"$CCHC" --db "$D" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
	if [ -n "${CATALOGUE_SHOW:-}" ]; then
		printf '# %s: exit %s\n' "$name" "$rc"
		head -c 600 "$err" | head -3 | sed 's/^/#   /'
	fi
	is "$rc" "$code" "$name: exits $code"
	grep -Eq -- "$re" "$err"
	ok $? "$name: says /$re/"
	[ $? -eq 0 ] || head -c 600 "$err" | head -3 | sed 's/^/#   /'
	r=0
	[ "$(snap "$db")" = "$before" ] || r=1
	ok $r "$name: the database is unchanged, nothing made beside it"
	if [ $r -ne 0 ]; then
		ls -A "$t/db/$db" | sed 's/^/#   now: /'
		rm -f "$t/db/$db/db-wal" "$t/db/$db/db-shm" "$t/db/$db/db-journal"
		[ -f "$t/pristine/$db" ] && cp -p "$t/pristine/$db" "$D"
		[ -z "$before" ] && [ ! -d "$D" ] && rm -f "$D"
	fi
	# No byte 0x00..0x08, 0x0b..0x1f or 0x7f (newline and tab are fine),
	# and under 64 KB.
	perl -0777 -ne 'exit(/[\x00-\x08\x0b-\x1f\x7f]/ || length >= 65536)' \
	    "$err"
	ok $? "$name: the message is escaped and short"
done <"$here/cases"

[ -n "${CATALOGUE_ONLY:-}" ] || [ "$ncases" -ge 150 ]
ok $? "the catalogue holds at least 150 cases ($ncases)"
done_testing
