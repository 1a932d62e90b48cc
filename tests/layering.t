#!/bin/sh
# The layering rule of DESIGN.md section 5: the engine includes no curses,
# sqlite3 or libconfig header; only the store includes sqlite3, only the
# form loader libconfig, only the screens curses; screens never see the store.
# Then by symbol: who calls the store, ui names no screen, who prints.
. tests/lib.sh
cd src || exit 1

engine="util expr form form-pack score text"
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
only 'libconfig\.h' 'formload(-[a-z]+)?\.c|formload-int\.h' "only the form loader (formload*.c) includes libconfig.h"
only 'n?curses\.h|ncursesw/|form\.h|menu\.h|panel\.h|term\.h' \
    '(ui|ui-[a-z-]+|screen-[a-z-]+)\.c' "only the screens include curses"

bad=$(grep -l '#include "store.h"' ui*.c screen-*.c 2>/dev/null)
is "$bad" "" "screens talk to app, never to store"

bad=$(grep -n '\bexit *(' *.c | grep -v '^main\.c:')
is "$bad" "" "nothing but main calls exit"

# --- symbol rules ---------------------------------------------------------

# store_calls FILE...: "file:function" for each store_ function a file
# calls, but in app*.c and store*.c, which own the store.  The command
# line opens the database through app too.
store_calls() {
	for f in "$@"; do
		b=${f##*/}
		case $b in app*.c|store*.c) continue ;; esac
		grep -oE '\bstore_[a-z_]+ *\(' "$f" | sed "s/ *(\$//; s|^|$b:|"
	done | sort -u
}

bad=$(store_calls *.c)
is "$bad" "" "only app and store call store_ functions"
bad=$(grep -l '#include "store.h"' *.c | grep -Ev '^(app|store)[a-z-]*\.c$')
is "$bad" "" "only app and store include store.h"
bad=$(grep -n '#include "store.h"' app.h)
is "$bad" "" "app.h does not expose store.h"

# ui_screen_refs FILE...: lines of ui's own files naming a screen.
ui_screen_refs() {
	grep -nE '\bscreen_[a-z_]+' "$@"
}
is "$(ui_screen_refs ui.c ui-*.c ui.h)" "" \
    "ui knows no screen: the command layer hands them over"

# stderr_writers FILE...: lines writing to stderr outside main.c and
# cmd*.c.  util.c may say "out of memory" just before it aborts.
stderr_writers() {
	for f in "$@"; do
		b=${f##*/}
		case $b in main.c|cmd*.c) continue ;; esac
		grep -nE '\bstderr\b|\bperror *\(' "$f" | sed "s|^|$b:|" |
		    grep -v '^util\.c:[0-9]*:.*out of memory'
	done
}
is "$(stderr_writers *.c)" "" \
    "only main and the commands print to stderr (never the screens)"

# split_messages FILE...: messages written over two source lines, which
# grep cannot find whole (the first literal of TR, cmd_error, xasprintf,
# errlist_add, ui_message or import_err, continued on the next line).
split_messages() {
	perl -0777 -ne 'while (/\b(TR|_|cmd_error|xasprintf|errlist_add|ui_message|import_err)\(([^;"]*?)"((?:[^"\\\n]|\\.)*)"[ \t]*\n[ \t]*"/g) { next if $3 =~ /\\n$/; print "$ARGV: $1(\"$3\"...\n" }' "$@"
}
bad=$(split_messages *.c)
is "$bad" "" "no message is split across source lines"

# The check itself must be able to fail: a planted include is caught.
tmpf="$TEST_TMP/score.c"
printf '#include <sqlite3.h>\n' >"$tmpf"
grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(sqlite3)' "$tmpf"
ok $? "the include pattern catches a planted #include <sqlite3.h>"

mkdir -p "$TEST_TMP/planted"
printf 'int\nf(void)\n{\n\treturn store_entries (st, 2024, "A", "1", &e, &n,\n\t    &cause);\n}\n' \
    >"$TEST_TMP/planted/screen-walk.c"
is "$(store_calls "$TEST_TMP/planted/screen-walk.c")" \
    "screen-walk.c:store_entries" \
    "the store rule catches a planted store_entries() call in a screen"
printf 'store_close(st);\nstore_begin(st, &cause);\n' \
    >"$TEST_TMP/planted/cmd-x.c"
is "$(store_calls "$TEST_TMP/planted/cmd-x.c" | tr '\n' ' ')" \
    "cmd-x.c:store_begin cmd-x.c:store_close " \
    "and in a command, the handle's wiring too"
printf '\tc = TR("one half "\n\t    "other half");\n' >"$TEST_TMP/planted/split.c"
[ -n "$(split_messages "$TEST_TMP/planted/split.c")" ]
ok $? "the message rule catches a planted split message"
printf '\tui_push(ui, &screen_walk, &a);\n' >"$TEST_TMP/planted/ui.c"
[ -n "$(ui_screen_refs "$TEST_TMP/planted/ui.c")" ]
ok $? "the screen rule catches a planted &screen_walk in ui.c"
printf '\tfprintf(stderr, "oops\\n");\n' >"$TEST_TMP/planted/screen-years.c"
[ -n "$(stderr_writers "$TEST_TMP/planted/screen-years.c")" ]
ok $? "the stderr rule catches a planted fprintf(stderr) in a screen"

done_testing
