#!/bin/sh
# The layering rule of DESIGN.md section 5: the engine includes no curses,
# sqlite3 or libconfig header; only the store includes sqlite3, only the
# form loader libconfig, only the screens curses; screens never see the store.
. tests/lib.sh
cd src || exit 1

engine="util expr form score text"
for m in $engine; do
	for f in $m.c $m.h; do
		[ -f "$f" ] || continue
		grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(n?curses|ncursesw/|term\.h|form\.h|menu\.h|panel\.h|sqlite3|libconfig)' "$f"
		[ $? -ne 0 ]; ok $? "engine file $f includes no curses, sqlite3 or libconfig header"
	done
done

only() {	# only HEADER-REGEX ALLOWED-FILES-REGEX WHAT
	bad=$(grep -El "^[[:space:]]*#[[:space:]]*include[[:space:]]*<($1)" *.c *.h |
	    grep -Ev "^($2)\$")
	is "$bad" "" "$3"
}
only 'sqlite3\.h' 'store(-[a-z]+)?\.c' "only the store's files (store.c, store-*.c) include sqlite3.h"
only 'libconfig\.h' 'formload\.c' "only formload.c includes libconfig.h"
only 'n?curses\.h|ncursesw/|form\.h|menu\.h|panel\.h|term\.h' \
    '(ui|ui-[a-z-]+|screen-[a-z-]+)\.c' "only the screens include curses"

bad=$(grep -l '#include "store.h"' ui*.c screen-*.c 2>/dev/null)
is "$bad" "" "screens talk to app, never to store"

bad=$(grep -n '\bexit *(' *.c | grep -v '^main\.c:')
is "$bad" "" "nothing but main calls exit"

# The check itself must be able to fail: a planted include is caught.
tmpf="$TEST_TMP/score.c"
printf '#include <sqlite3.h>\n' >"$tmpf"
grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(sqlite3)' "$tmpf"
ok $? "the include pattern catches a planted #include <sqlite3.h>"

done_testing
