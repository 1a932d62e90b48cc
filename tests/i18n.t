#!/bin/sh
# The Vietnamese catalogue is complete: every message the screens, the
# command line, the app, the form loader, the store and the engine can
# show is translated, and the catalogue compiles.
. tests/lib.sh
pot=$TEST_TMP/cchc.pot
xgettext --from-code=UTF-8 -k_ -kN_ -kTR -o "$pot" src/ui*.c src/screen-*.c \
    src/app*.c src/entry.c src/form.c src/expr.c src/util.c src/score.c \
    src/store*.c src/cmd*.c src/main.c src/formload*.c src/report*.c \
    2>"$TEST_TMP/err"
ok $? "xgettext reads the sources"
msgcmp src/vi.po "$pot" >"$TEST_TMP/out" 2>&1
ok $? "every message in the sources has a Vietnamese translation"
sed 's/^/#   /' "$TEST_TMP/out" | head -20
stats=$(msgfmt --check --statistics -o /dev/null src/vi.po 2>&1)
ok $? "the catalogue compiles with --check"
case "$stats" in
*untranslated*|*fuzzy*) bad=1 ;;
*) bad=0 ;;
esac
is "$bad" 0 "no untranslated or fuzzy entry ($stats)"
grep -q '^msgstr "Tiếng Việt"' src/vi.po
ok $? "the catalogue names its language (the screens use it)"
done_testing
