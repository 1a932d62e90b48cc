#!/bin/sh
# Anchors of the audit chain (issue 12): the chain's head written outside
# the database (on demand, at backup, at publish); verify checks every
# anchor of the database and any named with --anchor, and finds a
# re-forged history and rows cut off the end, which the chain alone
# cannot show.  Audit rows name the system's user beside the operator.
. tests/lib.sh
t=$TEST_TMP/anchor
mkdir -p "$t"
export CCHC_ANCHORS="$t/anchors"
out=$t/out
err=$t/err
c() { db=$1; shift; "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }

sh data/demo/build "$CCHC" "$t/base.db" >/dev/null
cp "$t/base.db" "$t/a.db"
c "$t/a.db" set 2024 SYT 1.1.2 --self 0
c "$t/a.db" anchor
is $? 0 "anchor exits 0"
grep -q "^anchor written: $t/anchors/a.db-[0-9]*.anchor" "$out"
ok $? "and says where it wrote"
anchor=$(sed -n 's/^anchor written: //p' "$out")
rows=$(sqlite3 "$t/a.db" "SELECT max(id) FROM audit")
grep -q "^rows $rows\$" "$anchor"
ok $? "the anchor holds the number of rows"
grep -q "^hash $(sqlite3 "$t/a.db" "SELECT hash FROM audit WHERE id = $rows")\$" "$anchor"
ok $? "and the last row's hash"
c "$t/a.db" verify
is $? 0 "verify passes with the anchor"
grep -q "^anchors: 1 checked" "$out"
ok $? "and checks the anchor of this database on its own"

# A history re-forged by cchc itself: the same start, another value in
# the anchored row.  Its chain is whole; only the anchor tells.
cp "$t/base.db" "$t/b.db"
c "$t/b.db" set 2024 SYT 1.1.2 --self 1
c "$t/b.db" verify
is $? 0 "a re-forged file passes verify without the anchor"
c "$t/b.db" verify --anchor "$anchor"
is $? 65 "verify --anchor finds the re-forged history"
grep -q "audit row $rows has the hash .*the history up to that row was rewritten" "$err"
ok $? "and says which row"

# Rows cut off the end: the chain is whole, the anchor has more.
cp "$t/a.db" "$t/c.db"
sqlite3 "$t/c.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = $rows"
c "$t/c.db" verify --anchor "$anchor"
is $? 65 "rows cut off the end are found"
grep -q "rows were cut off" "$err"
ok $? "and said so"

# A later edit keeps the anchored past: still proved.
c "$t/a.db" set 2024 SYT 1.1.2 --self 0.5
c "$t/a.db" verify
is $? 0 "an anchor stays good as the log grows"

# Not an anchor.
printf 'rows x\n' >"$t/bad.anchor"
c "$t/a.db" verify --anchor "$t/bad.anchor"
is $? 65 "a bad anchor file is refused"
grep -q "bad.anchor:1: not a number of rows" "$err"
ok $? "with its line"

# Backup and publish write anchors.
c "$t/a.db" backup "$t/copy.db"
is $? 0 "backup exits 0"
grep -q "^anchor written: .*a.db-[0-9]*.anchor" "$out"
ok $? "backup writes an anchor"
grep -q "^why backup to $t/copy.db" "$t/anchors"/a.db-*.anchor
ok $? "that names the backup"
cp "$t/base.db" "$t/p.db"
appraised_as_self "$t/p.db" 2024 SYT >"$t/syt.csv"
"$CCHC" --db "$t/p.db" import 2024 "$t/syt.csv" >/dev/null
for a in $(sqlite3 "$t/p.db" "SELECT code FROM agency WHERE year = 2024 AND state <> 'appraised'"); do
	"$CCHC" --db "$t/p.db" state 2024 "$a" submit >/dev/null 2>&1
	"$CCHC" --db "$t/p.db" state 2024 "$a" appraise >/dev/null 2>&1
done
c "$t/p.db" state 2024 publish
is $? 0 "publish exits 0"
grep -q "^anchor written: .*p.db-[0-9]*.anchor" "$out"
ok $? "publish writes an anchor"
panchor=$(sed -n 's/^anchor written: //p' "$out")
prows=$(sed -n 's/^rows //p' "$panchor")
phash=$(sed -n 's/^hash //p' "$panchor")
"$CCHC" --db "$t/p.db" report 2024 >"$out" 2>"$err"
tr -s ' \n' '  ' <"$out" | grep -q "Nhật ký kiểm tra khi công bố: $prows dòng, mã băm dòng cuối $phash\."
ok $? "the published annex shows the head its anchor holds"
"$CCHC" --db "$t/p.db" report 2024 --format csv >"$out" 2>"$err"
! grep -q "Nhật ký" "$out"
ok $? "not in the CSV's rows"

# The system's user beside the declared operator, and in the hash.
CCHC_USER="Nguyễn Văn A" "$CCHC" --db "$t/a.db" set 2024 SYT 1.1.2 --self 1 >/dev/null
is "$(sqlite3 "$t/a.db" "SELECT who || '|' || os FROM audit ORDER BY id DESC LIMIT 1")" \
    "Nguyễn Văn A|$(id -un)" "an audit row names the operator and the system's user"
cp "$t/a.db" "$t/d.db"
sqlite3 "$t/d.db" "DROP TRIGGER audit_no_update; UPDATE audit SET os = 'someone' WHERE id = (SELECT max(id) FROM audit)"
c "$t/d.db" verify
is $? 65 "a changed system user breaks the row's hash"

done_testing
