#!/bin/sh
# Publishing by block, and by district for the communes: a published
# scope refuses every write to its agencies (77) while the others stay
# writable; reopening needs a reason and is audited; the decision's
# annex marks the blocks not yet published as drafts (issue 10).
. tests/lib.sh
t=$TEST_TMP
db=$t/scope.db
out=$t/out
err=$t/err
d() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }

sh data/demo/build "$CCHC" "$db" >/dev/null
# The demo: the districts submitted, the communes of Hòa Thành submitted,
# one department (SYT) a draft.
for a in TPTN TXHT TXTB HGD HBC HCT HDMC HTBI HTCH; do
	"$CCHC" --db "$db" state 2024 $a appraise >/dev/null
done

# --- publish one block ------------------------------------------------------
d state 2024 publish --block so
is $? 65 "a block with an agency not appraised does not publish"
grep -q 'agency SYT is draft' "$err"
ok $? "and the agency is named"
d state 2024 publish --block huyen
is $? 0 "the districts' block publishes alone"
grep -q '^block huyen: published$' "$out"
ok $? "and says so"
grep -q '^year 2024: open$' "$out"
ok $? "the year stays open"
d state 2024 publish --block huyen
is $? 77 "publishing it again is refused"
d state 2024
grep -q '^block huyen: published$' "$out" && grep -q '^block so: open$' "$out"
ok $? "state lists each block's state"
grep -q '^HGD	published$' "$out"
ok $? "its agencies are published"

# --- a published block refuses every write; the others do not -------------
d set 2024 HGD 1.1.1 --appraised 1
is $? 77 "an entry of a published block is refused (77)"
grep -q 'reopen the block with: cchc state 2024 reopen --block huyen' "$err"
ok $? "and the message says how to reopen the block"
d deduct 2024 HGD 1 --reason "thử"
is $? 77 "a deduction in a published block is refused"
d state 2024 HGD reopen --reason "thử"
is $? 77 "an agency of a published block cannot be reopened alone"
printf 'agency,item,self,appraised,self_status,appraised_status,evidence,note\nHGD,1.1.1,1,1,,,,\n' >"$t/hgd.csv"
d import 2024 "$t/hgd.csv"
is $? 65 "an import touching a published block is refused as a whole"
grep -q 'hgd.csv:2: agency HGD is published with its block huyen' "$err"
ok $? "naming the row"
d set 2024 SYT 1.1.2 --self 1
is $? 0 "an agency of another block stays writable"
d deduct 2024 SXD 0.25 --reason "Chậm báo cáo"
is $? 0 "and takes deductions"
d province 2024 --area 1 --index 80
is $? 0 "the province's results stay writable while no adviser is published"

# The lock is in the file too: a write behind app's back is refused.
sqlite3 "$db" "SELECT state FROM scope WHERE year = 2024 AND block = 'huyen' AND parent = ''" >"$out"
is "$(cat "$out")" published "the scope's lock is stored"

# --- the annex marks unpublished blocks as drafts ----------------------------
d report 2024
grep -q '^I\. SỞ, BAN, NGÀNH TỈNH (DỰ THẢO)$' "$out"
ok $? "the annex marks an unpublished block as a draft"
grep -q '^II\. UBND CẤP HUYỆN$' "$out"
ok $? "and a published one without the mark"
d report 2024 --block huyen
grep -q 'DỰ THẢO' "$out"
[ $? -ne 0 ]; ok $? "the report of a published block is no draft"
d report 2024 --block so
grep -q 'DỰ THẢO' "$out"
ok $? "the report of an open block is one"

# --- communes by district ------------------------------------------------------
d state 2024 publish --block xa --parent NOPE
is $? 65 "an unknown district is refused"
d state 2024 publish --block xa --parent TXHT
is $? 65 "the communes of a district publish only once appraised"
for a in HT-LH HT-LTB HT-LTT HT-HT HT-LTN HT-TT; do
	"$CCHC" --db "$db" state 2024 $a appraise >/dev/null
done
d state 2024 publish --block xa --parent TXHT
is $? 0 "the communes of one district publish"
d set 2024 HT-LH 1.1.1 --self 1
is $? 77 "and refuse writes"
grep -q -- '--block xa --parent TXHT' "$err"
ok $? "naming the district to reopen"
d state 2024 reopen --block xa --parent TXHT --reason "Rà soát lại xã"
is $? 0 "the district's communes reopen with a reason"

# --- reopen with a reason, audited ---------------------------------------------
d state 2024 reopen --block huyen
is $? 65 "reopen needs a reason"
d state 2024 reopen --block huyen --reason "Điều chỉnh theo kết luận thanh tra"
is $? 0 "the block reopens with a reason"
cnt=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key = 'scope/2024/huyen/' AND new LIKE '%Điều chỉnh theo kết luận thanh tra%'")
is "$cnt" 1 "the reopen and its reason are in the audit log"
d state 2024
grep -q '^HGD	appraised$' "$out"
ok $? "its agencies are appraised again, not published"
d set 2024 HGD 1.1.1 --appraised 0.5
grep -q 'published' "$err"
[ $? -ne 0 ]; ok $? "an edit is no longer refused for publication"
d state 2024 HGD reopen --reason "Bổ sung"
is $? 0 "and an agency of it can be reopened alone again"

# --- the whole year, as before ---------------------------------------------------
d state 2024 publish --block huyen
is $? 65 "HGD is a draft again: its block does not publish"
for s in submit appraise; do
	"$CCHC" --db "$db" state 2024 HGD $s >/dev/null
done
appraised_as_self "$db" 2024 SYT >"$t/syt.csv"
d state 2024 SYT submit
d import 2024 "$t/syt.csv"
d state 2024 SYT appraise
is $? 0 "SYT appraised"
d state 2024 publish --block huyen
is $? 0 "the districts publish again"
d state 2024 publish
is $? 0 "publish without a block publishes every scope still open"
grep -q '^year 2024: published$' "$out"
ok $? "and the year is published"
d set 2024 SYT 1.1.2 --self 1
is $? 77 "a published year refuses set"
d state 2024 reopen --block so --reason "Sửa một sở"
is $? 0 "one block of a published year reopens"
d state 2024
grep -q '^year 2024: open$' "$out" && grep -q '^block huyen: published$' "$out"
ok $? "the year is open again, the other blocks stay published"
d state 2024 reopen --reason "Mở lại cả năm"
is $? 0 "reopen without a block reopens every published scope"
d state 2024
grep -q 'published' "$out"
[ $? -ne 0 ]; ok $? "nothing is published any more"

d verify
is $? 0 "verify passes after all of that"
sqlite3 "$db" "UPDATE scope SET reason = 'x' WHERE block = 'so'"
d verify
is $? 65 "a scope changed behind cchc's back is found by verify"

# Naming a scope wrongly is a usage error (64), as in export and report.
"$CCHC" --db "$db" state 2024 publish --block nope >/dev/null 2>&1
is $? 64 "an unknown block: exit 64"
"$CCHC" --db "$db" state 2024 reopen --block nope --reason x >/dev/null 2>&1
is $? 64 "reopen of an unknown block: exit 64"
"$CCHC" --db "$db" state 2024 publish --parent TXHT >/dev/null 2>&1
is $? 64 "--parent without --block: exit 64"

done_testing
