/* ui-keys: the one key table, and all that is generated from it: the
 * actions of the loop, the bottom line, the help and cchc --keys. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define KEY_ESC 27

/* The one key table: the loop, the help screen and the bottom line. */
const struct keybind ui_keys[] = {
	{ KEY_F(1), A_HELP, SCR_ALL, "F1", N_("help"), 1, NULL },
	{ '?', A_HELP, SCR_ALL, "?", N_("help"), 0, NULL },
	{ 'q', A_QUIT, SCR_ALL, "q", N_("quit"), 1, NULL },
	{ KEY_ESC, A_BACK, SCR_ALL & ~(SCR_YEARS | SCR_ITEM), "Esc",
	  N_("back"), 1, NULL },
	{ KEY_ESC, A_BACK, SCR_ITEM, "Esc", N_("undo the field, or back"),
	  1, NULL },
	{ KEY_UP, A_UP, SCR_ALL & ~SCR_ITEM, "↑", N_("up"), 0, NULL },
	{ 'k', A_UP, SCR_ALL & ~SCR_ITEM, "k", N_("up"), 0, NULL },
	{ KEY_DOWN, A_DOWN, SCR_ALL & ~SCR_ITEM, "↓", N_("down"), 0, NULL },
	{ 'j', A_DOWN, SCR_ALL & ~SCR_ITEM, "j", N_("down"), 0, NULL },
	{ KEY_PPAGE, A_PGUP, SCR_ALL & ~SCR_ITEM, "PgUp", N_("page up"), 0, NULL },
	{ KEY_NPAGE, A_PGDN, SCR_ALL & ~SCR_ITEM, "PgDn", N_("page down"),
	  0, NULL },
	{ KEY_HOME, A_HOME, SCR_ALL & ~SCR_ITEM, "Home", N_("first"), 0, NULL },
	{ 'g', A_HOME, SCR_ALL & ~SCR_ITEM, "g", N_("first"), 0, NULL },
	{ KEY_END, A_END, SCR_ALL & ~SCR_ITEM, "End", N_("last"), 0, NULL },
	{ 'G', A_END, SCR_ALL & ~SCR_ITEM, "G", N_("last"), 0, NULL },
	{ KEY_ENTER, A_ENTER, SCR_YEARS | SCR_AGENCIES | SCR_WALK |
	  SCR_RANKING | SCR_COMPARE | SCR_WORK, "Enter", N_("open"), 1, NULL },
	{ KEY_ENTER, A_ENTER, SCR_ITEM, "Enter", N_("save the field"), 1, NULL },
	{ KEY_ENTER, A_ENTER, SCR_SETTINGS, "Enter", N_("change the setting"),
	  1, N_("change") },
	{ KEY_ENTER, A_ENTER, SCR_DEDUCT, "Enter", N_("show the line whole"),
	  1, N_("whole line") },
	{ '\t', A_NEXT_FIELD, SCR_ITEM, "Tab", N_("next field"), 1, NULL },
	{ KEY_DOWN, A_NEXT_FIELD, SCR_ITEM, "↓", N_("next field"), 0, NULL },
	{ KEY_BTAB, A_PREV_FIELD, SCR_ITEM, "S-Tab", N_("previous field"),
	  0, NULL },
	{ KEY_UP, A_PREV_FIELD, SCR_ITEM, "↑", N_("previous field"), 0, NULL },
	{ KEY_NPAGE, A_NEXT_WORK, SCR_ITEM, "PgDn",
	  N_("next item of the work list (opened from one)"), 0, NULL },
	{ KEY_PPAGE, A_PREV_WORK, SCR_ITEM, "PgUp",
	  N_("previous item of the work list"), 0, NULL },
	{ KEY_RIGHT, A_NEXT_CHOICE, SCR_ITEM, "→", N_("next status or level"),
	  1, NULL },
	{ ' ', A_NEXT_CHOICE, SCR_ITEM, "Space", N_("next status or level"),
	  0, NULL },
	{ KEY_LEFT, A_PREV_CHOICE, SCR_ITEM, "←",
	  N_("previous status or level"), 0, NULL },
	{ '1', A_CHOOSE, SCR_ITEM, "1", N_("choose the level of that number"),
	  0, NULL },
	{ '2', A_CHOOSE, SCR_ITEM, "2", N_("choose the level of that number"),
	  0, NULL },
	{ '3', A_CHOOSE, SCR_ITEM, "3", N_("choose the level of that number"),
	  0, NULL },
	{ '4', A_CHOOSE, SCR_ITEM, "4", N_("choose the level of that number"),
	  0, NULL },
	{ '5', A_CHOOSE, SCR_ITEM, "5", N_("choose the level of that number"),
	  0, NULL },
	{ '6', A_CHOOSE, SCR_ITEM, "6", N_("choose the level of that number"),
	  0, NULL },
	{ '7', A_CHOOSE, SCR_ITEM, "7", N_("choose the level of that number"),
	  0, NULL },
	{ '8', A_CHOOSE, SCR_ITEM, "8", N_("choose the level of that number"),
	  0, NULL },
	{ '9', A_CHOOSE, SCR_ITEM, "9", N_("choose the level of that number"),
	  0, NULL },
	{ KEY_RIGHT, A_NEXT_AREA, SCR_WALK, "→", N_("next area"), 1, NULL },
	{ ']', A_NEXT_AREA, SCR_WALK, "]", N_("next area"), 0, NULL },
	{ KEY_LEFT, A_PREV_AREA, SCR_WALK, "←", N_("previous area"), 0, NULL },
	{ '[', A_PREV_AREA, SCR_WALK, "[", N_("previous area"), 0, NULL },
	{ ']', A_NEXT_AREA, SCR_WORK, "]", N_("next agency"), 1, NULL },
	{ KEY_RIGHT, A_NEXT_AREA, SCR_WORK, "→", N_("next agency"), 0, NULL },
	{ '[', A_PREV_AREA, SCR_WORK, "[", N_("previous agency"), 1, NULL },
	{ KEY_LEFT, A_PREV_AREA, SCR_WORK, "←", N_("previous agency"), 0,
	  NULL },
	{ 'u', A_NEXT_UNSCORED, SCR_WORK, "u",
	  N_("next item not appraised yet"), 1, NULL },
	{ 'u', A_NEXT_UNSCORED, SCR_WALK, "u",
	  N_("next unscored item (self while a draft, appraised after)"),
	  1, NULL },
	{ '/', A_SEARCH, SCR_AGENCIES | SCR_WALK, "/", N_("search"), 1, NULL },
	{ 'S', A_SUBMIT, SCR_AGENCIES | SCR_WALK, "S",
	  N_("submit the self-assessment (freezes the self scores)"),
	  1, N_("submit") },
	{ 'A', A_APPRAISE, SCR_AGENCIES | SCR_WALK, "A",
	  N_("close the appraisal (freezes the appraised scores)"),
	  1, N_("appraise") },
	{ 'P', A_PUBLISH, SCR_YEARS | SCR_AGENCIES, "P",
	  N_("publish the block (or the district's communes) of the row (freezes it, read only)"),
	  1, N_("publish") },
	{ 'R', A_REOPEN, SCR_YEARS | SCR_AGENCIES | SCR_WALK, "R",
	  N_("reopen (asks the reason)"), 1, N_("reopen") },
	{ 's', A_SORT, SCR_AGENCIES, "s",
	  N_("sort: official order / rank / name"), 1, N_("sort") },
	{ 't', A_SIDE, SCR_RANKING | SCR_AGENCIES, "t",
	  N_("appraised / self-assessed"), 1, N_("side") },
	{ 'm', A_MATRIX, SCR_RANKING, "m", N_("area matrix"), 1, NULL },
	{ 'r', A_RANKING, SCR_YEARS | SCR_AGENCIES, "r", N_("ranking"), 1, NULL },
	{ 'c', A_COMPARE, SCR_AGENCIES | SCR_WALK, "c",
	  N_("compare self and appraised"), 1, N_("compare") },
	{ 'd', A_DEDUCT, SCR_AGENCIES | SCR_WALK, "d", N_("deductions"), 1, NULL },
	{ 'w', A_WORK, SCR_AGENCIES, "w",
	  N_("work list of an appraising department: its items in every agency of the block"),
	  1, N_("work list") },
	{ 'p', A_PRINT, SCR_AGENCIES | SCR_WALK | SCR_RANKING, "p",
	  N_("print or save as PDF or XLSX: this block, this agency, all sheets"),
	  1, N_("print") },
	{ KEY_ENTER, A_ENTER, SCR_PRINT, "Enter", N_("choose"), 1, NULL },
	{ 'n', A_NEW_YEAR, SCR_YEARS, "n", N_("start a new year"), 1, NULL },
	{ 'e', A_SETTINGS, SCR_YEARS, "e",
	  N_("the year's settings: decision number and date, signer, rounds"), 1,
	  N_("settings") },
	{ 'a', A_ADD, SCR_DEDUCT, "a", N_("add a deduction"), 1, NULL },
	{ KEY_DC, A_DELETE, SCR_DEDUCT, "Del", N_("remove the line"), 1, NULL },
	{ 'x', A_DELETE, SCR_DEDUCT, "x", N_("remove the line"), 0, NULL },
	{ 12, A_REDRAW, SCR_ALL, "^L", N_("redraw"), 0, NULL },
	{ 21, A_NONE, SCR_ITEM, "^U", N_("clear the field"), 0, NULL },
};
const size_t ui_nkeys = sizeof ui_keys / sizeof ui_keys[0];

/* The action bound to a key (keycode, or the character) on a screen. */
enum action
ui_action(unsigned screen, int keycode, wint_t ch)
{
	int	key = keycode != 0 ? keycode : (int)ch;
	size_t	i;

	for (i = 0; i < ui_nkeys; i++) {
		if (ui_keys[i].key == key && (ui_keys[i].screens & screen))
			return ui_keys[i].action;
	}
	return A_NONE;
}

char *
ui_key_bar(unsigned screen, struct screen *s)
{
	const char	*help;
	struct strbuf	b;
	size_t		i, j;
	int		seen;

	strbuf_init(&b);
	for (i = 0; i < ui_nkeys; i++) {
		if (!ui_keys[i].bar || !(ui_keys[i].screens & screen))
			continue;
		for (j = 0, seen = 0; j < i; j++) {
			if (ui_keys[j].bar && ui_keys[j].action ==
			    ui_keys[i].action && (ui_keys[j].screens & screen))
				seen = 1;
		}
		if (seen)
			continue;
		help = NULL;
		if (s != NULL && s->ops->key_help != NULL)
			help = s->ops->key_help(s, ui_keys[i].action);
		if (help == NULL)
			help = _(ui_keys[i].brief != NULL ? ui_keys[i].brief :
			    ui_keys[i].help);
		strbuf_printf(&b, "%s %s  ", ui_keys[i].name, help);
	}
	return strbuf_steal(&b);
}

/* The screens in the order the help and the manual list them. */
static const struct {
	unsigned	 id;
	const char	*name;
} ui_screen_names[] = {
	{ SCR_YEARS, N_("Years and blocks") },
	{ SCR_AGENCIES, N_("Agencies of a block") },
	{ SCR_WALK, N_("Walk-through of an agency") },
	{ SCR_ITEM, N_("Item entry") },
	{ SCR_DEDUCT, N_("Deductions of an agency") },
	{ SCR_RANKING, N_("Ranking of a block") },
	{ SCR_COMPARE, N_("Compare self and appraised") },
	{ SCR_WORK, N_("Work list of an appraiser") },
	{ SCR_SETTINGS, N_("Settings of a year") },
	{ SCR_PRINT, N_("Print") },
	{ SCR_HELP, N_("Help") },
};

void
ui_key_lines(unsigned id, int global, void (*fn)(void *, const char *,
    const char *), void *arg)
{
	struct strbuf	b;
	size_t		i, j;

	for (i = 0; i < ui_nkeys; i++) {
		const struct keybind	*k = &ui_keys[i];

		if (!(k->screens & id) || (k->screens == SCR_ALL) != global)
			continue;
		for (j = 0; j < i; j++) {
			if (ui_keys[j].action == k->action &&
			    (ui_keys[j].screens & id) &&
			    (ui_keys[j].screens == SCR_ALL) == global &&
			    strcmp(ui_keys[j].help, k->help) == 0)
				break;
		}
		if (j < i)
			continue;	/* listed with the first key */
		strbuf_init(&b);
		for (j = i; j < ui_nkeys; j++) {
			if (ui_keys[j].action == k->action &&
			    (ui_keys[j].screens & id) &&
			    (ui_keys[j].screens == SCR_ALL) == global &&
			    strcmp(ui_keys[j].help, k->help) == 0)
				strbuf_printf(&b, "%s%s", b.len ? " " : "",
				    ui_keys[j].name);
		}
		fn(arg, b.s, k->help);
		strbuf_clear(&b);
	}
}

static void
ui_print_line(void *arg, const char *keys, const char *help)
{
	fprintf(arg, "\t%s\t%s\n", keys, help);
}

void
ui_print_keys(FILE *fp)
{
	size_t	s;

	for (s = 0; s < UTIL_ARRAY_LEN(ui_screen_names); s++) {
		fprintf(fp, "%s\n", ui_screen_names[s].name);
		ui_key_lines(ui_screen_names[s].id, 0, ui_print_line, fp);
	}
	fprintf(fp, "Everywhere\n");
	ui_key_lines(SCR_ALL, 1, ui_print_line, fp);
}
