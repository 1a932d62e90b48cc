#!/bin/sh
# Templates for those who work elsewhere (issue 10): seven appraisers'
# templates and two agencies' (self side), exported from one year and
# filled independently, merge without one overwriting another; a row
# changed since its template was exported is refused by name, and
# nothing from that file is stored.
. tests/lib.sh
t=$TEST_TMP
db=$t/tmpl.db
# The messages checked are the English ones.
export LANGUAGE=en
run() { "$CCHC" --db "$db" "$@"; }

run init 2023 --forms forms --agencies data/tayninh.cfg >/dev/null
ok $? "a year to fill"

# The items' maxima (a department's and a district's sheet), and each
# agency's block: the filler writes the max, a value every rule takes.
{
	run report 2023 --kind ranking --format csv
	run report 2023 --kind sheet --agency STP --format csv
	run report 2023 --kind sheet --agency TPTN --format csv
} >"$t/facts.csv"

# fill FILE SIDE WORD: fill a template's side, row by row, as a
# department or an agency would: the max on even rows, not_done on odd
# ones, and a text naming who filled it (the note of an appraiser, the
# explanation of an agency).
fill() {
	F="$t/facts.csv" S="$2" W="$3" perl -CSD -MText::ParseWords -i -ne '
	BEGIN {
		open my $f, "<:encoding(UTF-8)", $ENV{F} or die;
		while (<$f>) {
			chomp; my @c = parse_line(",", 0, $_);
			$blk{$c[2]} = $c[0] if @c == 8 && $c[1] =~ /^\d+$/;
			$max{($c[0] eq "STP" ? "so" : "huyen") . " $c[2]"} = $c[4]
			    if @c == 8 && $c[2] =~ /^\d+\.\d+\.\d+$/;
		}
	}
	chomp; my @f = parse_line(",", 0, $_);
	if ($. == 1) { print "$_\n"; next }
	my ($p, $s, $x) = $ENV{S} eq "self" ? (2, 4, 8) : (3, 5, 7);
	if ($. % 2 == 0) {
		$f[$p] = $max{"$blk{$f[0]} $f[1]"} // die "no max: @f";
		$f[$s] = "";
	} else {
		$f[$p] = ""; $f[$s] = "not_done";
	}
	$f[$x] = "$ENV{W} $f[0] $f[1]";
	print join(",", map { my $v = $_ // ""; $v =~ s/"/""/g;
	    $v =~ /[",\n]/ ? "\"$v\"" : $v } @f), "\n";' "$1"
}

appraisers="SNV STP STC STTTT SKHCN SKHDT VPUB"
for a in $appraisers; do
	run export 2023 --appraiser $a -o "$t/$a.csv"
done
run export 2023 --agency SYT --side self -o "$t/self-SYT.csv"
run export 2023 --agency TPTN --side self -o "$t/self-TPTN.csv"
ok $? "seven appraisers' and two agencies' templates exported"

head -1 "$t/SNV.csv" | grep -q ',version$'
ok $? "a template's last column is the version"
run export 2023 | head -1 | grep -q ',version'
[ $? -ne 0 ]; ok $? "the plain export has no version column"

# The appraisers' templates split the departments' and districts' rows
# among them: no row twice, none missing.
for b in so huyen; do
	run export 2023 --block $b | tail -n +2 | cut -d, -f1,2
done | sort >"$t/want"
for a in $appraisers; do
	tail -n +2 "$t/$a.csv" | cut -d, -f1,2
done | sort >"$t/got"
same_file "$t/got" "$t/want" "the seven templates hold every department's and district's row once"
is "$(tail -n +2 "$t/self-SYT.csv" | cut -d, -f1 | sort -u)" SYT \
    "an agency's template holds its rows only"
grep -q '^SNV,2\.1\.1,' "$t/SNV.csv"
[ $? -ne 0 ]; ok $? "an appraiser's template holds only the items it appraises"

for a in $appraisers; do fill "$t/$a.csv" appraised "$a"; done
fill "$t/self-SYT.csv" self SYT
fill "$t/self-TPTN.csv" self TPTN

# Import in an order mixing the sides: an agency's first, one last.
bad=0
run import 2023 "$t/self-SYT.csv" --agency SYT --side self >"$t/out" \
    2>"$t/err" || bad=1
for a in SKHCN VPUB SNV STP; do
	run import 2023 "$t/$a.csv" --appraiser $a >>"$t/out" 2>>"$t/err" ||
	    bad=1
done
run import 2023 "$t/self-TPTN.csv" --agency TPTN --side self >>"$t/out" \
    2>>"$t/err" || bad=1
for a in STC STTTT SKHDT; do
	run import 2023 "$t/$a.csv" --appraiser $a >>"$t/out" 2>>"$t/err" ||
	    bad=1
done
is "$bad" 0 "all nine templates import"
sed 's/^/#   /' "$t/err" | head -5

# Every filled cell is stored, whichever file came later.
run export 2023 >"$t/final.csv"
check_landed() {
	perl -CSD -MText::ParseWords -e '
	my ($final, @files) = @ARGV; my (%row, $n, $bad);
	open my $f, "<:encoding(UTF-8)", $final or die;
	while (<$f>) { chomp; my @c = parse_line(",", 0, $_);
	    $row{"$c[0] $c[1]"} = \@c }
	for my $file (@files) {
		my @cols = $file =~ /self-/ ? (2, 4, 8) : (3, 5, 7);
		open my $g, "<:encoding(UTF-8)", $file or die;
		<$g>;
		while (<$g>) {
			chomp; my @c = parse_line(",", 0, $_); $n++;
			my $r = $row{"$c[0] $c[1]"};
			for my $k (@cols) {
				next if $c[$k] eq "";
				(my $want = $c[$k]) =~ s/\.?0+$// if $k < 4;
				$want = $c[$k] if $k >= 4;
				(my $got = $r->[$k]) =~ s/\.?0+$// if $k < 4;
				$got = $r->[$k] if $k >= 4;
				if ($got ne $want) { $bad++;
				    print "# $c[0] $c[1] col $k: $got, not $want\n"
				    if $bad < 5 }
			}
		}
	}
	print "$n rows, ", $bad // 0, " lost\n";' "$@"
}
out=$(check_landed "$t/final.csv" "$t"/S*.csv "$t"/VPUB.csv \
    "$t"/self-*.csv | tail -1)
case "$out" in
*" rows, 0 lost") r=0 ;;
*) r=1 ;;
esac
ok $r "every value of the nine templates landed ($out)"
cnt=$(grep -c '^SYT,.*,SNV SYT [^,]*,SYT SYT ' "$t/final.csv")
[ "$cnt" -gt 0 ]; ok $? "rows both SYT and SNV filled keep both ($cnt rows)"

# A row changed after its template was exported is refused by name.
run export 2023 --appraiser SNV -o "$t/old.csv"
run export 2023 --appraiser SNV -o "$t/new.csv"
row=$(grep -m1 '^SYT,1\.1\.1,' "$t/old.csv" | cut -d, -f1,2)
other=$(grep -m1 '^SYT,1\.2\.1,' "$t/old.csv" | cut -d, -f1,2)
edit() {	# edit FILE AGENCY,ITEM NOTE: fill one row's note
	K="$2" N="$3" perl -CSD -MText::ParseWords -MEncode -i -ne '
	chomp; my @f = parse_line(",", 0, $_);
	$f[7] = decode("UTF-8", $ENV{N}) if "$f[0],$f[1]" eq $ENV{K};
	print join(",", map { my $v = $_ // ""; $v =~ s/"/""/g;
	    $v =~ /[",\n]/ ? "\"$v\"" : $v } @f), "\n"' "$1"
}
edit "$t/new.csv" "$row" "Ý kiến mới hơn"
run import 2023 "$t/new.csv" --appraiser SNV >/dev/null
ok $? "another import changes $row"
edit "$t/old.csv" "$row" "Ý kiến cũ"
edit "$t/old.csv" "$other" "Ý kiến khác"
run import 2023 "$t/old.csv" --appraiser SNV >"$t/out" 2>"$t/err"
is $? 65 "the stale template is refused"
line=$(grep -n "^$row," "$t/old.csv" | cut -d: -f1)
grep -q "old.csv:$line: agency SYT, item 1.1.1 was changed after this template was exported" "$t/err"
ok $? "FILE:LINE names the conflicting row"
sed 's/^/#   /' "$t/err" | head -3
grep -q "Ý kiến mới hơn" "$t/err"
[ $? -ne 0 ]; ok $? "(and no value reaches the terminal)"
run export 2023 >"$t/after.csv"
grep -q "^$row,.*Ý kiến mới hơn" "$t/after.csv"
ok $? "the newer value stays"
grep -q "Ý kiến khác" "$t/after.csv"
[ $? -ne 0 ]; ok $? "nothing from the refused file is stored"

# A version typed over (upper case): not "changed since", but not cchc's.
run export 2023 --appraiser SNV -o "$t/upper.csv"
perl -i -pe 's/(appraised:)([0-9a-f]{12})$/$1\U$2/ if $. == 2' "$t/upper.csv"
run import 2023 "$t/upper.csv" --appraiser SNV >"$t/out" 2>"$t/err"
is $? 65 "a version typed over is refused"
grep -q 'upper.csv:2: .*is not one cchc wrote' "$t/err"
ok $? "as a version cchc did not write, on its line"

# Rows outside a template's scope, and a template taken for a plain file.
run export 2023 --appraiser STP -o "$t/stp.csv"
grep -m1 '^SYT,' "$t/new.csv" >>"$t/stp.csv"
last=$(wc -l <"$t/stp.csv")
run import 2023 "$t/stp.csv" --appraiser STP >/dev/null 2>"$t/err"
is $? 65 "a row outside the template's scope is refused"
grep -q "stp.csv:$last: agency SYT, item .* is not in this template: STP does not appraise it" "$t/err"
ok $? "with FILE:LINE"
run import 2023 "$t/self-SYT.csv" --agency TPTN --side self >/dev/null \
    2>"$t/err"
is $? 65 "another agency's template is refused"
grep -q "self-SYT.csv:2: agency SYT, item .* is not in this template (agency TPTN, self side)" "$t/err"
ok $? "row by row"
run import 2023 "$t/self-SYT.csv" >/dev/null 2>"$t/err"
is $? 65 "a template imported without its scope is refused"
grep -q "self-SYT.csv:1: a template" "$t/err"
ok $? "at its header"
run import 2023 "$t/new.csv" --appraiser SNV --block so >/dev/null \
    2>"$t/err"
is $? 65 "--block on import narrows the scope"
grep -q "new.csv:[0-9]*: agency TPTN, item .* is not in this template: the agency is not of block so" "$t/err"
ok $? "a district's row is refused then"
run export 2023 --agency SYT --side appraised | tail -n +2 |
    grep -vc ',appraised:[0-9a-f]\{12\}$' >"$t/cnt"
is "$(cat "$t/cnt")" 0 "an agency's template of the appraised side"
run export 2023 -o "$t/plain.csv"
run import 2023 "$t/plain.csv" --appraiser SNV >/dev/null 2>"$t/err"
is $? 65 "a plain file imported as a template is refused"
run import 2023 "$t/SNV.csv" --agency SYT --side self >/dev/null 2>"$t/err"
is $? 65 "a template imported as another side is refused"
run import 2023 "$t/plain.csv" --agency SYT >/dev/null 2>&1
is $? 64 "--agency without --side is a usage error"
run export 2023 --appraiser NOPE >/dev/null 2>&1
is $? 64 "an unknown appraiser is a usage error"

# The 2025 province: an old unit's items go to the agency that took it
# over ("by"): Planning and Investment's to Finance.
db=$t/2025.db
run init 2025 --forms forms --agencies data/tayninh-2025.cfg >/dev/null
ok $? "the merged province's year"
run export 2025 --appraiser STC --block so -o "$t/stc.csv"
cnt=$(grep -c "^[A-Z]*,8\.4\." "$t/stc.csv")
[ "$cnt" -gt 0 ]; ok $? "STC's template holds the items SKHDT used to appraise too ($cnt rows)"
is "$(tail -n +2 "$t/stc.csv" | cut -d, -f1 | while read a; do
    grep -c "code = \"$a\";.*block = \"so\"" data/tayninh-2025.cfg; done |
    sort -u)" 1 "and only the departments, with --block so"

# An agency's template limited to a block that is not the agency's own.
"$CCHC" --db "$t/tmpl.db" export 2023 --agency SYT --side self --block huyen \
    >"$t/wrongblock.csv" 2>"$t/wrongblock.err"
is $? 64 "an agency's template in another block: exit 64"
grep -q 'agency SYT is in block so, not huyen' "$t/wrongblock.err"
ok $? "and it says why"

done_testing
