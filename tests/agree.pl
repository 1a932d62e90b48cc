#!/usr/bin/perl
# Facts for tests/report-agree.t: a report in some format, or a screen,
# reduced to "key|field|..." lines, numbers in integer hundredths (points,
# maxima, rates in basis points).  perl -CSD tests/agree.pl MODE FILE...
use strict;
use warnings;
use utf8;
use Text::ParseWords;

my $G = qr/(?:Tốt|Khá|Trung bình|Kém)/;
my $N = qr/-?\d+(?:[.,]\d+)?/;

# A number as printed ("96,5", "92.10", "92,10%") in hundredths.
sub cp {
	my ($s) = @_;
	$s =~ s/%$//;
	$s =~ tr/,/./;
	die "not a number: $s\n" unless $s =~ /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
	my $v = $2 * 100 + (defined $3 ? substr("${3}0", 0, 2) : 0);
	return $1 ? -$v : $v;
}

# A number an XLSX cell holds (a double), times m, as an integer.
sub xn {
	my ($v, $m) = @_;
	return sprintf("%.0f", $v * $m) + 0;
}

sub slurp {
	my ($f) = @_;
	open my $fh, '<:encoding(UTF-8)', $f or die "$f: $!\n";
	local $/;
	return <$fh>;
}

sub lines { return split /\n/, slurp($_[0]); }

sub csv { return map { [ parse_line(',', 0, $_) ] } grep { length } lines($_[0]); }

sub name { my ($s) = @_; $s =~ s/ \*$//; $s =~ s/\s+$//; return $s; }

# The rows of a workbook's worksheets: [ sheet ][ row ] = [ cells ], each
# cell [ value, 1 if a number ].
sub xlsx {
	my ($dir) = @_;
	my @ss;
	my $sst = -e "$dir/xl/sharedStrings.xml" ?
	    slurp("$dir/xl/sharedStrings.xml") : '';
	while ($sst =~ m{<si>(.*?)</si>}gs) {
		my $si = $1;
		my $t = join '', $si =~ m{<t[^>]*>(.*?)</t>}gs;
		$t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g;
		$t =~ s/&apos;/'/g; $t =~ s/&amp;/&/g;
		push @ss, $t;
	}
	my @sheets;
	my @files = sort { ($a =~ /(\d+)\.xml$/)[0] <=> ($b =~ /(\d+)\.xml$/)[0] }
	    glob("$dir/xl/worksheets/sheet*.xml");
	for my $f (@files) {
		my @rows;
		my $x = slurp($f);
		while ($x =~ m{<row [^>]*>(.*?)</row>}gs) {
			my $r = $1;
			my @cells;
			while ($r =~ m{<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)}gs) {
				my ($col, $attr, $in) = ($1, $2, $3 // '');
				my $i = ord($col) - 65;
				my ($v) = $in =~ m{<v>(.*?)</v>};
				next unless defined $v;
				$cells[$i] = $attr =~ /t="s"/ ? [ $ss[$v], 0 ] :
				    [ $v, 1 ];
			}
			push @rows, \@cells;
		}
		push @sheets, \@rows;
	}
	return @sheets;
}

my $mode = shift @ARGV;

if ($mode eq 'ref') {		# the published CSV: name|rank|max|pts|rate|grade
	my @r = csv($ARGV[0]);
	shift @r;
	print join('|', $_->[3], $_->[1], cp($_->[4]), cp($_->[5]),
	    cp($_->[6]), $_->[7]), "\n" for @r;
} elsif ($mode eq 'refcode') {	# code|name
	my @r = csv($ARGV[0]);
	shift @r;
	print "$_->[2]|$_->[3]\n" for @r;
} elsif ($mode eq 'annex-text' || $mode eq 'annex-pdf' ||
    $mode eq 'screen-ranking') {
	for (lines($ARGV[0])) {
		# The ranking screen draws a bar of the rate after the grade.
		s/\s+[█▉▊▋▌▍▎▏▓▒░◂┊ ]+$// if $mode eq 'screen-ranking';
		next unless /^\s*(\d+)\s+(.+?)\s+($N)\s+($N)\s+($N)%?\s+($G)\s*$/;
		print join('|', name($2), $1, cp($3), cp($4), cp($5), $6), "\n";
	}
} elsif ($mode eq 'annex-xlsx') {
	for my $s (xlsx($ARGV[0])) {
		for my $c (@$s) {
			next unless $c->[0] && $c->[0][1] && $c->[1] &&
			    !$c->[1][1] && $c->[2] && $c->[2][1];
			print join('|', name($c->[1][0]), $c->[0][0],
			    xn($c->[2][0], 100), xn($c->[3][0], 100),
			    xn($c->[4][0], 10000), $c->[5][0]), "\n";
		}
	}
} elsif ($mode eq 'areas-csv') {	# name|rank|total|area rates...
	my @r = csv($ARGV[0]);
	shift @r;
	for (@r) {
		next unless $_->[2] =~ /^\d+$/;
		my @a = grep { length } @$_[5 .. $#$_];
		print join('|', name($_->[3]), $_->[2], cp($_->[4]),
		    map { cp($_) } @a), "\n";
	}
} elsif ($mode eq 'areas-text') {
	for (lines($ARGV[0])) {
		next unless /^\s*(\d+)\s+(.+?)((?:\s+\d+,\d\d){5,})\s*$/;
		my ($rk, $nm, $nums) = ($1, $2, $3);
		print join('|', name($nm), $rk, map { cp($_) }
		    split ' ', $nums), "\n";
	}
} elsif ($mode eq 'areas-xlsx') {
	for my $s (xlsx($ARGV[0])) {
		for my $c (@$s) {
			next unless $c->[0] && $c->[0][1] && $c->[1] &&
			    !$c->[1][1] && $c->[2] && $c->[2][1];
			print join('|', name($c->[1][0]), $c->[0][0],
			    map { xn($_->[0], 10000) } grep { defined }
			    @$c[2 .. $#$c]), "\n";
		}
	}
} elsif ($mode eq 'compare-ref') {	# name|max|self|appraised|gap
	my (%s, @a);
	for (lines($ARGV[1])) { my @f = split /\|/; $s{$f[0]} = $f[3]; }
	for (lines($ARGV[0])) {
		my @f = split /\|/;
		print join('|', $f[0], $f[2], $s{$f[0]}, $f[3],
		    $s{$f[0]} - $f[3]), "\n";
	}
} elsif ($mode =~ /^compare-(csv|text|xlsx)$/) {
	my $how = $1;
	my %ag = map { (split /\|/)[0] => 1 } lines($ARGV[1]);
	my @rows;
	if ($how eq 'csv') {
		my @r = csv($ARGV[0]);
		shift @r;
		@rows = map { [ @$_[3 .. 7] ] } @r;
	} elsif ($how eq 'text') {
		for (lines($ARGV[0])) {
			next unless /^\S+\s+(.+?)\s+($N)\s+($N)\s+($N)\s+($N)\s*$/;
			push @rows, [ $1, $2, $3, $4, $5 ];
		}
	} else {
		for my $s (xlsx($ARGV[0])) {
			for my $c (@$s) {
				next unless $c->[1] && !$c->[1][1] && $c->[2] &&
				    $c->[2][1];
				push @rows, [ $c->[1][0], map { $_->[0] }
				    @$c[2 .. 5] ];
			}
		}
	}
	for (@rows) {
		my ($nm, @v) = @$_;
		next unless $ag{name($nm)};
		print join('|', name($nm), map { $how eq 'xlsx' ?
		    xn($_, 100) : cp($_) } @v), "\n";
	}
} elsif ($mode eq 'sheet-ref') {	# page|max|self|appr|rate s|a|grade s|a|rank s|a
	my (%code, %a, %s);
	for (lines($ARGV[1])) { my ($c, $n) = split /\|/; $code{$c} = $n; }
	for (lines($ARGV[2])) { my @f = split /\|/; $a{$f[0]} = \@f; }
	for (lines($ARGV[3])) { my @f = split /\|/; $s{$f[0]} = \@f; }
	my %seen;
	my $i = 0;
	for (csv($ARGV[0])) {
		my $p = $_->[0];
		next if $p eq 'page' || $seen{$p}++;
		my ($A, $S) = ($a{$code{$p}}, $s{$code{$p}});
		print join('|', $i++, $A->[2], $S->[3], $A->[3], $S->[4],
		    $A->[4], $S->[5], $A->[5], $S->[1], $A->[1]), "\n";
	}
} elsif ($mode =~ /^sheet-(csv|text|xlsx)$/) {
	my $how = $1;
	my (@tot, @rate, @grade, @rank);
	if ($how eq 'csv') {
		for (csv($ARGV[0])) {
			my ($t, @v) = @$_[3 .. 6];
			next unless defined $t;
			push @tot, [ map { cp($_) } @v[0 .. 2] ] if $t eq 'Tổng điểm';
			push @rate, [ map { cp($_) } @v[1, 2] ] if $t eq 'Tỷ lệ đạt (%)';
			push @grade, [ @v[1, 2] ] if $t eq 'Xếp loại';
			push @rank, [ @v[1, 2] ] if $t eq 'Xếp hạng';
		}
	} elsif ($how eq 'text') {
		for (lines($ARGV[0])) {
			push @tot, [ map { cp($_) } $1, $2, $3 ]
			    if /^\s*Tổng điểm\s+($N)\s+($N)\s+($N)\s*$/;
			push @rate, [ cp($1), cp($2) ]
			    if /^\s*Tỷ lệ đạt \(%\)\s+($N)\s+($N)\s*$/;
			push @grade, [ $1, $2 ]
			    if /^\s*Xếp loại\s+($G)\s+($G)\s*$/;
			push @rank, [ $1, $2 ]
			    if /^\s*Xếp hạng\s+(\d+)\s+(\d+)\s*$/;
		}
	} else {
		for my $s (xlsx($ARGV[0])) {
			for my $c (@$s) {
				next unless $c->[1] && !$c->[1][1];
				my $t = $c->[1][0];
				my @v = map { defined $_ ? $_->[0] : '' } @$c[2 .. 4];
				push @tot, [ map { xn($_, 100) } @v ]
				    if $t eq 'Tổng điểm';
				push @rate, [ map { xn($_, 10000) } @v[1, 2] ]
				    if $t eq 'Tỷ lệ đạt (%)';
				push @grade, [ @v[1, 2] ] if $t eq 'Xếp loại';
				push @rank, [ @v[1, 2] ] if $t eq 'Xếp hạng';
			}
		}
	}
	for my $i (0 .. $#tot) {
		print join('|', $i, @{$tot[$i]}, @{$rate[$i] // []},
		    @{$grade[$i] // []}, @{$rank[$i] // []}), "\n";
	}
} elsif ($mode eq 'agencies-ref') {	# code|rank|max|self|appr|rate|grade
	my %s;
	my @s = csv($ARGV[1]);
	shift @s;
	$s{$_->[2]} = cp($_->[5]) for @s;
	my @r = csv($ARGV[0]);
	shift @r;
	print join('|', $_->[2], $_->[1], cp($_->[4]), $s{$_->[2]},
	    cp($_->[5]), cp($_->[6]), $_->[7]), "\n" for @r;
} elsif ($mode eq 'screen-agencies') {
	for (lines($ARGV[0])) {
		next unless /^\s*(\d+)\s+(\S+)\s+.+?\s+($N)\s+($N)\s+($N)\s+($N)%\s+($G)\s+\d+%/;
		print join('|', $2, $1, cp($3), cp($4), cp($5), cp($6), $7),
		    "\n";
	}
} elsif ($mode eq 'screen-matrix') {	# name|rank|area rates
	for (lines($ARGV[0])) {
		next unless /^\s*(\d+)\s+(.+?)((?:\s+\d+,\d\d){5,})\s*$/;
		my ($rk, $nm, $nums) = ($1, $2, $3);
		print join('|', name($nm), $rk, map { cp($_) }
		    split ' ', $nums), "\n";
	}
} elsif ($mode eq 'screen-walk') {	# side|name... as the ref lines
	my $nm;
	for (lines($ARGV[0])) {
		$nm = $1 if /— ([^—]+?) \(\Q$ARGV[1]\E\)/;
	}
	die "no agency $ARGV[1] on the screen\n" unless defined $nm;
	for (lines($ARGV[0])) {
		if (/Tự chấm:\s+($N)\/($N) = ($N)%\s+($G)\s+hạng (\d+)/) {
			print join('|', 's', $nm, $5, cp($2), cp($1), cp($3),
			    $4), "\n";
		}
		if (/Thẩm định:.*?($N)\/($N) = ($N)%\s+($G)\s+hạng (\d+)/) {
			print join('|', 'a', $nm, $5, cp($2), cp($1), cp($3),
			    $4), "\n";
		}
	}
} else {
	die "agree.pl: unknown mode $mode\n";
}
