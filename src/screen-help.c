/* screen-help: every key of a screen and the global ones, from the table. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct help {
	unsigned	 screen;
	char		*title;
	char		**lines;
	size_t		 n;
	struct ui_list	 list;
};

static void
help_line(void *arg, const char *keys, const char *help)
{
	struct help	*d = arg;
	char		*k = text_pad(keys, 14, 0);

	d->lines = xreallocarray(d->lines, d->n + 1, sizeof *d->lines);
	d->lines[d->n++] = xasprintf("  %s %s", k, _(help));
	free(k);
}

/* The screen's own keys, then the global ones, from the one key table. */
static void *
help_init(struct ui *ui, const void *args)
{
	const struct ui_help_args	*arg = args;
	struct help			*d = xcalloc(1, sizeof *d);
	unsigned			 screen = arg->screen;
	const char			*title = arg->title;

	(void)ui;
	d->screen = screen;
	d->title = xstrdup(title);
	d->lines = xcalloc(1, sizeof *d->lines);
	d->lines[d->n++] = xstrdup(title);
	ui_key_lines(screen, 0, help_line, d);
	d->lines = xreallocarray(d->lines, d->n + 1, sizeof *d->lines);
	d->lines[d->n++] = xstrdup(_("Everywhere"));
	ui_key_lines(SCR_ALL, 1, help_line, d);
	d->list.n = (int)d->n;
	return d;
}

static void
help_draw(struct ui *ui, struct screen *s)
{
	struct help	*d = s->data;
	int		 h = LINES - 5, row, i;
	char		 t[256];

	snprintf(t, sizeof t, "cchc — %s — %s", _("help"), d->title);
	ui_frame(ui, t, SCR_HELP);
	ui_list_fix(&d->list, h);
	for (i = d->list.top, row = 2; i < (int)d->n && row < 2 + h;
	    i++, row++) {
		int	head = d->lines[i][0] != ' ';

		if (head)
			ui_color(ui, UC_HEADER, 1);
		ui_put(ui, row, 1, COLS - 2, d->lines[i], 0);
		if (head)
			ui_color(ui, UC_HEADER, 0);
	}
}

static int
help_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct help	*d = s->data;

	(void)ui;
	(void)keycode;
	(void)ch;
	if (a == A_BACK || a == A_QUIT)
		return UI_POP;
	ui_list_key(&d->list, a, LINES - 5);
	return UI_OK;
}

static void
help_free(void *data)
{
	struct help	*d = data;
	size_t		 i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	free(d->title);
	free(d);
}

const struct ui_screen_ops screen_help = {
	.title = N_("Help"),
	.id = SCR_HELP,
	.init = help_init,
	.free = help_free,
	.draw = help_draw,
	.key = help_key,
};
