#!/bin/sh
# make install / uninstall with DESTDIR: the files land where they should,
# and the installed program finds its forms and agency list there
# (CCHC_DATADIR stands in for the installed path under DESTDIR).
. tests/lib.sh
root=$TEST_TMP/root
make -s install DESTDIR="$root" PREFIX=/opt/cchc >"$TEST_TMP/out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/opt/cchc"
for f in bin/cchc lib/cchc/cchc-out.so share/man/man1/cchc.1 share/man/man5/cchc.5 \
    share/cchc/forms/so.cfg share/cchc/forms/huyen.cfg \
    share/cchc/forms/xa.cfg share/cchc/data/tayninh.cfg \
    share/locale/vi/LC_MESSAGES/cchc.mo; do
	[ -f "$root/opt/cchc/$f" ]
	ok $? "installed $f"
done
is "$(stat -c %a "$root/opt/cchc/bin/cchc")" 755 "the program is 0755"
grep -q /opt/cchc/share/cchc "$root/opt/cchc/bin/cchc"
ok $? "the installed program looks for its data under PREFIX"
grep -q /opt/cchc/lib/cchc "$root/opt/cchc/bin/cchc"
ok $? "and for its XLSX and PDF module"

# Outside the source tree: copy the program to a folder of its own.
mkdir -p "$TEST_TMP/elsewhere"
cp "$root/opt/cchc/bin/cchc" "$TEST_TMP/elsewhere/cchc"
cd "$TEST_TMP/elsewhere" || exit 1
CCHC_DATADIR="$root/opt/cchc/share/cchc" ./cchc --db "$TEST_TMP/i.db" \
    init 2024 >"$TEST_TMP/out" 2>&1
ok $? "the installed program starts a year from the installed forms"
grep -q "forms from $root/opt/cchc/share/cchc/forms" "$TEST_TMP/out"
ok $? "and says where they came from"
env -u CCHC_DATADIR ./cchc --db "$TEST_TMP/j.db" init 2024 \
    >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is $? 66 "without the installed data the program says so (66)"
grep -q 'no agency list (\*.cfg) in /opt/cchc/share/cchc/data' "$TEST_TMP/err"
ok $? "naming the folder it looked in"
cd - >/dev/null || exit 1

# Files of others in the same folders stay: uninstall removes only its own.
echo x >"$root/opt/cchc/lib/cchc/other.so"
echo x >"$root/opt/cchc/share/cchc/other.txt"
make -s uninstall DESTDIR="$root" PREFIX=/opt/cchc >"$TEST_TMP/out" 2>&1
ok $? "make uninstall"
left=$(find "$root" -type f | sort | tr '\n' ' ')
is "$left" "$root/opt/cchc/lib/cchc/other.so $root/opt/cchc/share/cchc/other.txt " \
    "nothing of cchc is left behind, and nothing else is removed"
# Put the build back to the default PREFIX for whatever runs next.
make -s "$(basename "$(dirname "$CCHC")")/cchc" >/dev/null 2>&1
grep -q /usr/local/share/cchc "$CCHC"
ok $? "the build is back to the default PREFIX"
done_testing
