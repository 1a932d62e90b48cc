#!/bin/sh
# cchc year amend: a started year's forms and agency list changed, the
# diff shown first, the entries of the items that remain kept by code,
# the entries that would be lost listed and dropped only with --force, in
# one audited transaction; refused when a published block is touched
# (issue 10).
. tests/lib.sh
fx=tests/fixtures
t=$TEST_TMP
db=$t/amend.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }

c init 2024 --forms $fx/app/forms --agencies $fx/app/agencies.cfg
is $? 0 "a small year starts"
"$CCHC" --db "$db" set 2024 SNV 1.1.1 --self 0.5 --appraised 0.5 >/dev/null
"$CCHC" --db "$db" set 2024 SNV 1.2.3 --self 1 --appraised 0.75 >/dev/null
"$CCHC" --db "$db" set 2024 SNV 2.1.1 --self 2.5 >/dev/null
"$CCHC" --db "$db" set 2024 SNV 2.1.2 --self 1.5 >/dev/null
"$CCHC" --db "$db" set 2024 STP 2.1.1 --self 1.5 >/dev/null
"$CCHC" --db "$db" set 2024 STP 2.1.2 --self 1 >/dev/null
"$CCHC" --db "$db" deduct 2024 STP 0.5 --reason "Chậm báo cáo" >/dev/null
"$CCHC" --db "$db" export 2024 >"$t/before.csv"
"$CCHC" --db "$db" report 2024 --format csv | grep -q '^so,[0-9]*,VP,Văn phòng,7.5,'
ok $? "VP (profile hep, without item 2.1.1) starts with a maximum of 7.5"

# --- nothing to change ------------------------------------------------------
c year amend 2024
is $? 0 "amend without files changes nothing"
grep -q 'year 2024: no change' "$out"
ok $? "and says so"
c year amend 2024 --forms $fx/app/forms --agencies $fx/app/agencies.cfg
is $? 0 "amend with the year's own files changes nothing"
grep -q 'no change' "$out"
ok $? "and says so too"

# --- the forms: the diff, the losses, --force ---------------------------------
c year amend 2024 --forms $fx/amend/forms
is $? 65 "a change that would lose entries is refused without --force"
cat >"$t/want" <<EOF
form so ($fx/amend/forms/small.cfg):
  + item 1.2.5 (criterion 1.2, max 1)
  ~ item 1.1.1 re-pointed: criterion 1.1 -> 1.2
  - item 1.2.3 (entries: 1)
  ~ item 2.1.1 max 2.5 -> 2
  ~ item 2.1.2 max 1.5 -> 2
EOF
same_file "$out" "$t/want" "the diff: items added, removed, re-pointed, maxima changed"
cat >"$t/lost" <<EOF
entries that would be lost:
  SNV 1.2.3: self 1, appraised 0.75 (item removed)
  SNV 2.1.1: self 2.5, appraised - (no longer a value of the item)
cchc: year 2024 not amended: 2 entries or deduction lines would be lost (amend with --force to drop them)
EOF
same_file "$err" "$t/lost" "the entries that would be lost are listed, with their values"
"$CCHC" --db "$db" export 2024 >"$t/after.csv"
same_file "$t/after.csv" "$t/before.csv" "nothing was changed"
c year amend 2024 --forms $fx/amend/forms --dry-run
is $? 0 "--dry-run shows the change and the losses"
grep -q 'nothing changed (--dry-run)' "$out"
ok $? "and changes nothing"
c year amend 2024 --forms $fx/amend/forms --force
is $? 0 "--force makes the change"
grep -q 'year 2024 amended: 5 changes, 2 entries or deduction lines dropped' "$out"
ok $? "and says what it did"
"$CCHC" --db "$db" export 2024 >"$t/after.csv"
grep -q '^SNV,1.1.1,0.5,0.5,' "$t/after.csv"
ok $? "the entry of a re-pointed item is kept by its code"
grep -q '^SNV,2.1.2,1.5,,' "$t/after.csv"
ok $? "the entry of an item whose maximum grew is kept"
grep -q '^SNV,1.2.3,' "$t/after.csv"
[ $? -ne 0 ]; ok $? "the removed item's entry is gone"
grep -q '^SNV,2.1.1,,,' "$t/after.csv"
ok $? "the entry above the new maximum is gone"
grep -q '^SNV,1.2.5,,,' "$t/after.csv"
ok $? "the new item is there, empty"
cnt=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE key = 'entry/2024/SNV/1.2.3' AND new = '' AND old LIKE '%self_points=100%'")
is "$cnt" 1 "the dropped entry is audited with its old values"
c report 2024 --self --format csv
grep -q '^so,1,SNV,Sở Nội vụ,10,1.50,15.00,' "$out"
ok $? "the totals are recomputed from the entries kept (1.5 of 10; 1.1.1 has no evidence)"
grep -q '^so,[0-9]*,VP,Văn phòng,8,' "$out"
ok $? "the maximum of an agency without item 2.1.1 follows its new maximum (7.5 before)"
c verify
is $? 0 "verify passes after the change: totals recomputed, every row audited"

# --- the agencies ---------------------------------------------------------------
c year amend 2024 --agencies $fx/amend/agencies.cfg
is $? 65 "removing an agency with entries needs --force"
cat >"$t/want" <<EOF
agencies ($fx/amend/agencies.cfg):
  + agency STC "Sở Tài chính" (block so)
  ~ agency SNV renamed: "Sở Nội vụ" -> "Sở Nội vụ tỉnh"
  - agency STP "Sở Tư pháp" (entries: 2, deduction lines: 1)
EOF
same_file "$out" "$t/want" "the diff: agencies added, renamed, removed"
grep -q '  STP: 1 deduction lines (agency removed)' "$err"
ok $? "its deduction lines are listed among the losses"
c year amend 2024 --agencies $fx/amend/agencies.cfg --force
is $? 0 "--force amends the agency list"
c state 2024
printf 'year 2024: open\nSNV\tdraft\nSTC\tdraft\nVP\tdraft\n' >"$t/state"
same_file "$out" "$t/state" "the year's agencies are the new list's, in its order"
c report 2024 --format csv
grep -q '^so,1,SNV,Sở Nội vụ tỉnh,' "$out"
ok $? "the renamed agency reports under its new name"
c set 2024 STC 1.1.2 --self 2
is $? 0 "the new agency takes entries"
c verify
is $? 0 "verify passes after the agencies changed"

# --- bad files: nothing written -------------------------------------------------
mkdir -p "$t/bad"
cp $fx/bad-form.cfg "$t/bad/"
c year amend 2024 --forms "$t/bad"
is $? 78 "a bad form is refused (78)"
grep -q 'bad-form.cfg:25: duplicate item code "1.1.1"' "$err"
ok $? "with its errors and lines"
c year amend 2024 --agencies "$t/none.cfg"
is $? 66 "a missing agency file exits 66"

# --- a published block refuses the change -----------------------------------------
demo=$t/amend-demo.db
sh data/demo/build "$CCHC" "$demo" >/dev/null
for a in TPTN TXHT TXTB HGD HBC HCT HDMC HTBI HTCH; do
	"$CCHC" --db "$demo" state 2024 $a appraise >/dev/null
done
"$CCHC" --db "$demo" state 2024 publish --block huyen >/dev/null
sed 's/name = "UBND thành phố Tây Ninh"/name = "UBND TP. Tây Ninh"/' \
    data/tayninh.cfg >"$t/huyen.cfg"
sed 's/name = "Sở Y tế"/name = "Sở Y tế tỉnh"/' \
    data/tayninh.cfg >"$t/so.cfg"
"$CCHC" --db "$demo" year amend 2024 --agencies "$t/huyen.cfg" >"$out" 2>"$err"
is $? 77 "renaming an agency of a published block is refused (77)"
grep -q 'TPTN, which is published' "$err"
ok $? "naming the agency"
"$CCHC" --db "$demo" year amend 2024 --agencies "$t/so.cfg" >"$out" 2>"$err"
is $? 0 "an agency of an open block is renamed while another block is published"
"$CCHC" --db "$demo" year amend 2024 --forms "$fx/amend/forms" --agencies data/tayninh.cfg >"$out" 2>"$err"
is $? 78 "forms that do not match the agencies' blocks are refused"
"$CCHC" --db "$demo" verify >"$out" 2>"$err"
is $? 0 "verify passes"

# Agencies with a form of their own (form = "..."): each form compared
# where it is stored (the block's, or BLOCK/ID), an agency given another
# form checked against it.
own=$t/own.db
o() { "$CCHC" --db "$own" "$@" >"$out" 2>"$err"; }
"$CCHC" --db "$own" init 2024 --agencies tests/fixtures/two-forms.cfg \
    --forms forms >/dev/null
o set 2024 HT-LH 1.1.3 --self 1
is $? 0 "an item of Hòa Thành's own form is scored"
o set 2024 HT-LH 1.1.1 --self 0.5
o year amend 2024
is $? 0 "the year's own files: nothing to amend"
grep -q 'no change\|không có thay đổi\|nothing' "$out" "$err"
ok $? "and it says so"
# HT-LH back to the block's form: its 1.1.3 is lost, its 1.1.1 kept.
sed '/"HT-LH"/s/ form = "xa-hoathanh";//' tests/fixtures/two-forms.cfg \
    >"$t/own-less.cfg"
o year amend 2024 --agencies "$t/own-less.cfg"
is $? 65 "an agency back to its block's form loses an entry: refused without --force"
grep -q 'HT-LH form: xa/xa-hoathanh -> xa' "$out"
ok $? "the diff names the agency's change of form"
grep -q 'HT-LH 1.1.3' "$err"
ok $? "the entry of the item its new form lacks is listed"
grep -q 'HT-LH 1.1.1' "$err"
is $? 1 "the entry of an item both forms have is not"
o year amend 2024 --agencies "$t/own-less.cfg" --force
is $? 0 "with --force it is amended"
is "$("$CCHC" --db "$own" export 2024 | grep -c '^HT-LH,1.1.3,')" 0 \
    "HT-LH has no 1.1.3 now"
"$CCHC" --db "$own" export 2024 | grep -q '^HT-LH,1\.1\.1,0\.5,'
ok $? "and keeps its 1.1.1"
"$CCHC" --db "$own" export 2024 | grep -q '^HT-HT,1\.1\.3,'
ok $? "HT-HT keeps Hòa Thành's form"
o verify
is $? 0 "verify passes after"
# The agency's own form itself changed: compared under its stored key.
mkdir -p "$t/own-forms"
cp forms/so.cfg forms/huyen.cfg forms/xa.cfg forms/xa-hoathanh.cfg "$t/own-forms/"
o set 2024 HT-HT 1.1.2 --self 2 --self-input value=95
o year amend 2024 --forms "$t/own-forms"
is $? 0 "the same forms from a folder: nothing to amend"
sed -i 's/Tổ chức đối thoại với Nhân dân về cải cách hành chính/Đối thoại với Nhân dân về cải cách hành chính/' \
    "$t/own-forms/xa-hoathanh.cfg"
o year amend 2024 --forms "$t/own-forms" --dry-run
grep -q 'form xa/xa-hoathanh' "$out"
ok $? "a changed own form is compared under its stored key"
o verify
is $? 0 "a dry run changes nothing"

# A kept entry must still be a value of its item: a level's points
# changed, or a profile that now leaves an item out, makes it a loss
# (the amended year's export imports back).
val=$t/values.db
sh data/demo/build "$CCHC" "$val" >/dev/null
v() { "$CCHC" --db "$val" "$@" >"$out" 2>"$err"; }
mkdir -p "$t/lv"
cp forms/so.cfg forms/huyen.cfg forms/xa.cfg "$t/lv/"
line=$(grep -n 'code = "2.3.1"' "$t/lv/so.cfg" | cut -d: -f1)
sed -i "$line,$((line + 12))s/points = 0.25;/points = 0.3;/" "$t/lv/so.cfg"
v year amend 2024 --forms "$t/lv"
is $? 65 "a level's points changed: the entries at the old points are losses"
grep -q '2.3.1 values' "$out"
ok $? "the diff says the item's values changed"
grep -q 'SNV 2.3.1: .*no longer a value of the item' "$err"
ok $? "the entry at 0.25 is listed"
v year amend 2024 --forms "$t/lv" --force
is $? 0 "amended with --force"
"$CCHC" --db "$val" export 2024 -o "$t/lv.csv"
v import 2024 "$t/lv.csv"
is $? 0 "the amended year's export imports back"
sh data/demo/agencies >"$t/prof.cfg"
sed -i '/code = "SYT"/s/block = "so";/block = "so"; profile = "giam";/' "$t/prof.cfg"
v year amend 2024 --agencies "$t/prof.cfg"
is $? 65 "a profile that now leaves scored items out: refused without --force"
grep -q "SYT 8.4.1: .*new profile leaves the item out" "$err"
ok $? "the scored item the profile leaves out is listed"
v year amend 2024 --agencies "$t/prof.cfg" --force
is $? 0 "amended with --force"
"$CCHC" --db "$val" export 2024 -o "$t/prof.csv"
v import 2024 "$t/prof.csv"
is $? 0 "and its export imports back"
v verify
is $? 0 "verify passes"

# Published communes of one district; a district removed elsewhere: the
# communes' order within their block did not change, so it is allowed.
pd=$t/pubdist.db
sh data/demo/build "$CCHC" "$pd" >/dev/null
for a in HT-LH HT-HT HT-LTB HT-LTT HT-TT HT-LTN; do
	"$CCHC" --db "$pd" state 2024 $a submit >/dev/null 2>&1
	"$CCHC" --db "$pd" state 2024 $a appraise >/dev/null 2>&1
done
"$CCHC" --db "$pd" state 2024 publish --block xa --parent TXHT >/dev/null 2>&1
is $? 0 "Hòa Thành's communes published"
sh data/demo/agencies | sed '/code = "HBC"/d' >"$t/nohbc.cfg"
"$CCHC" --db "$pd" year amend 2024 --agencies "$t/nohbc.cfg" --force >"$out" 2>"$err"
is $? 0 "a district removed while another block's communes are published"
grep -q 'official order' "$out"
is $? 1 "the agencies after it are not said to be reordered"
"$CCHC" --db "$pd" verify >"$out" 2>"$err"
is $? 0 "verify passes"

# A forms folder that is not there: 66; an empty one: said of the folder.
"$CCHC" --db "$pd" year amend 2024 --forms "$t/nowhere" >"$out" 2>"$err"
is $? 66 "a missing forms folder: exit 66"
mkdir -p "$t/noforms"
"$CCHC" --db "$pd" year amend 2024 --forms "$t/noforms" >"$out" 2>"$err"
is $? 78 "an empty forms folder: exit 78"
grep -q 'has no form' "$err"
is $? 1 "said of the folder, not of a block of the list"

done_testing
