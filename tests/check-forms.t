#!/bin/sh
# Golden tests of `cchc check-forms`: the shipped files are clean, and each
# broken fixture lists every one of its errors, with its line, and exits 78.
. tests/lib.sh
fx=tests/fixtures
out="$TEST_TMP/out"
err="$TEST_TMP/err"

"$CCHC" check-forms forms/*.cfg data/*.cfg >"$out" 2>"$err"
is $? 0 "shipped forms and agency files are clean"
is "$(cat "$err")" "" "no message for the shipped files"
is "$(grep -c ': form ' "$out")" 4 "four forms summarised (two for the communes)"
grep -q 'data/tayninh.cfg: agency list of Tây Ninh: 3 blocks, 122 agencies' "$out"
ok $? "the agency list is summarised: 19 departments, 9 districts, 94 communes"
is "$(grep -c 'block = "xa"' data/tayninh.cfg)" 94 "the 2020-2024 list has 94 communes, wards and townships"
is "$(grep -c 'block = "xa".*parent = "[A-Z]*"' data/tayninh.cfg)" 94 "each with its district"
is "$(grep -c 'name = "UBND phường' data/tayninh.cfg) $(grep -c 'name = "UBND thị trấn' data/tayninh.cfg) $(grep -c 'name = "UBND xã' data/tayninh.cfg)" \
    "17 6 71" "17 wards, 6 townships, 71 communes, as its header says"
grep -q '17 wards, 6 townships, 71 communes' data/tayninh.cfg
ok $? "the header gives the counts"
for d in TPTN:10 TXHT:8 TXTB:10 HTBI:10 HTCH:12 HDMC:11 HCT:15 HBC:9 HGD:9; do
	is "$(grep -c "parent = \"${d%:*}\"" data/tayninh.cfg)" "${d#*:}" "district ${d%:*} has ${d#*:} communes"
done
is "$(sed -n 's/.*block = "so".*/&/p' data/tayninh.cfg | sed -n 's/.*code = "\([A-Z]*\)".*/\1/p' | tr '\n' ' ')" \
    "SNV STP SKHDT STC SCT SNNPTNT SGTVT SXD STNMT STTTT SLDTBXH SVHTTDL SKHCN SGDDT SYT TTRA VPUB SNGV BQLKKT " \
    "the departments are in the order of Decree 24/2014/NĐ-CP, then the province's own"
grep -q 'Decree 24/2014' data/tayninh.cfg
ok $? "the list says where its order comes from"
grep -q 'data/tayninh-2025.cfg: agency list of Tây Ninh: 2 blocks, 111 agencies' "$out"
ok $? "the merged province's list (2025) is summarised: 15 departments, 96 communes"
is "$(grep -c 'block = "xa"' data/tayninh-2025.cfg)" 96 "the 2025 list has 96 communes and wards"
is "$(grep -c 'parent = ' data/tayninh-2025.cfg)" 0 "the 2025 list has no district level"
grep -q 'WHAT IS CONFIRMED' data/tayninh-2025.cfg && grep -q 'WHAT IS AN ASSUMPTION' data/tayninh-2025.cfg
ok $? "the 2025 list's header says what is confirmed and what is assumed"
! grep -q 'SKHĐT' forms/*.cfg
ok $? "no form names the appraiser SKHĐT (the agency is SKHDT)"

for f in bad-form bad-syntax bad-kind bad-agencies bad-numbers; do
	"$CCHC" check-forms "$fx/$f.cfg" >"$out" 2>"$err"
	is $? 78 "$f.cfg exits 78"
	same_file "$err" "$fx/$f.err" "$f.cfg reports all its errors with lines"
done

# Cross-check: a profile an agency names must exist in its block's form.
"$CCHC" check-forms "$fx/small.cfg" "$fx/bad-profile.cfg" >"$out" 2>"$err"
is $? 78 "an unknown profile exits 78"
same_file "$err" "$fx/bad-profile.err" "the unknown profile is reported"

# Cross-check: each item's appraiser is an agency or a declared appraiser.
"$CCHC" check-forms "$fx/small.cfg" "$fx/bad-appraiser.cfg" >"$out" 2>"$err"
is $? 78 "an unknown appraiser exits 78"
same_file "$err" "$fx/bad-appraiser.err" "the unknown appraiser is reported at its line"
sed 's/appraiser = "SKHDT"/appraiser = "SKHĐT"/' forms/so.cfg >"$TEST_TMP/so.cfg"
"$CCHC" check-forms "$TEST_TMP/so.cfg" data/tayninh.cfg >"$out" 2>"$err"
is $? 78 "the form's SKHĐT against the agency SKHDT is refused"
grep -Eq 'so.cfg:[0-9]+: item 8.4.1: appraiser "SKHĐT" is neither an agency nor an appraiser of data/tayninh.cfg' "$err"
ok $? "the mismatch names the file, line, item and code"
cat >"$TEST_TMP/alias.cfg" <<'EOF2'
appraisers = (
	{ code = "SKHDT"; by = "NOWHERE"; },
	{ code = "SNV"; },
	{ code = "PNV"; },
	{ code = "PNV"; }
);
blocks = ( { code = "so"; name = "Sở"; } );
agencies = ( { code = "SNV"; name = "Sở Nội vụ"; block = "so"; } );
EOF2
"$CCHC" check-forms "$TEST_TMP/alias.cfg" >"$out" 2>"$err"
is $? 78 "bad appraisers in an agency list exit 78"
is "$(grep -c 'alias.cfg:[2-5]: ' "$err")" 3 "each bad appraiser is reported with its line"
grep -q 'appraiser SKHDT: "by" names no agency ("NOWHERE")' "$err" &&
    grep -q 'appraiser SNV: already an agency' "$err" &&
    grep -q 'duplicate appraiser code "PNV"' "$err"
ok $? "the unknown target, the agency and the duplicate are named"
# The forms are checked per list: with the 2025 list, the old codes resolve
# to the departments that took the work over; the district form is not used.
"$CCHC" check-forms forms/*.cfg data/tayninh-2025.cfg >"$out" 2>"$err"
is $? 0 "the shipped forms pass against the 2025 list"

# One bad file among good ones still fails, and the good ones are summarised.
"$CCHC" check-forms forms/so.cfg "$fx/bad-kind.cfg" >"$out" 2>"$err"
is $? 78 "a bad file among good ones fails the run"
grep -q '^forms/so.cfg: form so' "$out"
ok $? "the good file is still summarised"

"$CCHC" check-forms "$fx/no-such-file.cfg" >"$out" 2>"$err"
is $? 66 "a missing file exits 66"
grep -q 'no-such-file.cfg: No such file or directory' "$err"
ok $? "a missing file is named with the reason"

"$CCHC" check-forms >"$out" 2>"$err"
is $? 64 "no file is a usage error"

# The form's sums are checked: break one number of a shipped form.
sed '0,/max = 10;/s//max = 11;/' forms/so.cfg >"$TEST_TMP/so.cfg"
"$CCHC" check-forms "$TEST_TMP/so.cfg" >"$out" 2>"$err"
is $? 78 "a changed area max in so.cfg is refused"
grep -Eq 'so.cfg:[0-9]+: (area|form) .*: max is' "$err"
ok $? "the sum mismatch is reported with its line"

done_testing
