#!/bin/sh
# An agency's own form: the agency file names it (form = "ID"), else the
# agency has its block's form.  check-forms and init check the name; init
# copies each form used; the year keeps it; set, export, reports and the
# ranking (communes within their district) use each agency's own form.
. tests/lib.sh
fx=tests/fixtures
t=$TEST_TMP/agency-form
mkdir -p "$t"
db=$t/a.db
out=$t/out
err=$t/err
c() { "$CCHC" --db "$db" "$@" >"$out" 2>"$err"; }

# --- check-forms and init check the form's name ---------------------------
"$CCHC" check-forms forms/*.cfg $fx/two-forms.cfg >"$out" 2>"$err"
is $? 0 "a list that gives communes two forms checks clean"
line=$(grep -n 'code = "HT-LH"' $fx/two-forms.cfg | cut -d: -f1)
sed 's/form = "xa-hoathanh"; },$/form = "xa-nowhere"; },/' $fx/two-forms.cfg >"$t/unknown.cfg"
"$CCHC" check-forms forms/*.cfg "$t/unknown.cfg" >"$out" 2>"$err"
is $? 78 "an unknown form name exits 78"
grep -qx "$t/unknown.cfg:$line: agency HT-LH: unknown form \"xa-nowhere\" (no form has this id)" "$err"
ok $? "and is reported at the agency's line"
sed 's/block = "xa"; parent = "TXHT"; form = "xa-hoathanh"/block = "xa"; parent = "TXHT"; form = "huyen"/' \
    $fx/two-forms.cfg >"$t/other-block.cfg"
"$CCHC" check-forms forms/*.cfg "$t/other-block.cfg" >"$out" 2>"$err"
is $? 78 "a form of another block exits 78"
grep -q "other-block.cfg:$line: agency HT-LH: form \"huyen\" (forms/huyen.cfg) is for block huyen, not xa" "$err"
ok $? "and says whose block it is"
"$CCHC" --db "$t/x.db" init 2024 --agencies "$t/unknown.cfg" >"$out" 2>"$err"
is $? 78 "init refuses an unknown form name (78)"
grep -q "unknown.cfg:$line: agency HT-LH: unknown form" "$err"
ok $? "with the agency's line"
[ ! -e "$t/x.db" ]
ok $? "and writes nothing"
cp forms/xa-hoathanh.cfg "$t/copy.cfg"
"$CCHC" check-forms forms/*.cfg "$t/copy.cfg" >"$out" 2>"$err"
is $? 78 "two forms with one id are refused"
grep -qx "$t/copy.cfg: a second form with id xa-hoathanh (the first is forms/xa-hoathanh.cfg)" "$err"
ok $? "and named"
# A block with two forms, none with the block's code as its id.
mkdir -p "$t/forms"
cp forms/*.cfg "$t/forms/"
sed -i 's/id = "xa";/id = "xa-chung";/' "$t/forms/xa.cfg"
"$CCHC" --db "$t/x.db" init 2024 --forms "$t/forms" --agencies $fx/two-forms.cfg >"$out" 2>"$err"
is $? 78 "a block with two forms and no form of its own is refused"
grep -q 'block xa has 2 forms, .*and none has the id "xa" that makes it the block' "$err"
ok $? "and says which id makes the block's form"

# --- a year with two commune forms ------------------------------------------
c init 2024 --agencies $fx/two-forms.cfg
is $? 0 "init with two commune forms"
is "$(sqlite3 "$db" "SELECT block || ' ' || name FROM form ORDER BY block" | sed 's|[^ ]*/forms/|forms/|')" \
"huyen forms/huyen.cfg
xa forms/xa.cfg
xa/xa-hoathanh forms/xa-hoathanh.cfg" "each form used is copied, an agency's own under block/id; so.cfg is not"
c export 2024
is "$(grep -c ',1\.1\.3,' "$out")" 4 "export: item 1.1.3 for the two districts and Hòa Thành's two communes"
grep -q '^TCH-TT,1\.1\.3,' "$out"
is $? 1 "and not for Tân Châu's communes (the block's form has no 1.1.3)"
c set 2024 HT-LH 1.1.3 --self 1 --appraised 1 --evidence "1/KH|01/02/2024"
is $? 0 "set: an item of the commune's own form"
c set 2024 TCH-TT 1.1.3 --appraised 1
is $? 65 "set: the item is not in the block's form"
grep -q 'unknown item "1.1.3" in form xa' "$err"
ok $? "and names the form"
c set 2024 HT-LH 1.1.2 --appraised 3
is $? 65 "the own form's band (max 2) is the one checked"
c set 2024 TCH-TT 1.1.2 --appraised 3 --evidence "2/BC|01/03/2024"
is $? 0 "the block's form allows 3 for the same item"
c set 2024 HT-HT 1.1.2 --appraised 2 --evidence "2/BC|01/03/2024"
c set 2024 TCH-TH 1.1.2 --appraised 1.5 --evidence "2/BC|01/03/2024"
c report 2024 --format csv --block xa
is "$(cat "$out")" "block,rank,code,name,max,points,rate,grade
xa,1,HT-HT,UBND phường Hiệp Tân,100,2.00,2.00,Kém
xa,2,HT-LH,UBND phường Long Hoa,100,1.00,1.00,Kém
xa,1,TCH-TT,UBND thị trấn Tân Châu,100,3.00,3.00,Kém
xa,2,TCH-TH,UBND xã Tân Hà,100,1.50,1.50,Kém" "the communes are ranked within their district, whatever their form"
c report 2024 --block xa
grep -q 'UBND CẤP XÃ THUỘC UBND THỊ XÃ HÒA THÀNH' "$out" &&
    grep -q 'UBND CẤP XÃ THUỘC UBND HUYỆN TÂN CHÂU' "$out"
ok $? "the annex has a part per district"
c report 2024 --kind sheet --agency HT-LH
grep -q '^1\.1\.3 .*Tổ chức đối thoại với Nhân dân' "$out"
ok $? "the sheet of a Hòa Thành commune has its form's item 1.1.3"
grep -Eq '^1\.1\.2 .* 2 *$' "$out"
ok $? "and 1.1.2 with its maximum 2 (3 in the block's form)"
c report 2024 --kind sheet --agency TCH-TT
grep -q '^1\.1\.3 ' "$out"
is $? 1 "the sheet of a Tân Châu commune has no 1.1.3"
c verify
is $? 0 "the year verifies (the forms are audited rows)"
c deduct 2024 --list
is $? 0 "the year loads again from the database"

done_testing
