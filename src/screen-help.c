/* screen-help: every key of a screen and the global ones, from the table. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* One line per action: all its keys, then what it does. */
void *
screen_help_new(struct ui *ui, unsigned screen, const char *title)
{
	struct help	*d = xcalloc(1, sizeof *d);
	size_t		 i, j;
	int		 pass;

	(void)ui;
	d->screen = screen;
	d->title = xstrdup(title);
	d->lines = xcalloc(ui_nkeys * 2 + 4, sizeof *d->lines);
	/* Pass 0: keys of this screen only; pass 1: the global ones. */
	for (pass = 0; pass < 2; pass++) {
		d->lines[d->n++] = xstrdup(pass == 0 ? title :
		    _("Everywhere"));
		for (i = 0; i < ui_nkeys; i++) {
			const struct keybind	*k = &ui_keys[i];
			struct strbuf		 b;
			int			 global = k->screens == SCR_ALL;
			char			*keys;

			if (!(k->screens & screen) || global != pass)
				continue;
			for (j = 0; j < i; j++) {
				if (ui_keys[j].action == k->action &&
				    (ui_keys[j].screens & screen) &&
				    (ui_keys[j].screens == SCR_ALL) == global)
					break;
			}
			if (j < i)
				continue;	/* listed with the first key */
			strbuf_init(&b);
			for (j = i; j < ui_nkeys; j++) {
				if (ui_keys[j].action == k->action &&
				    (ui_keys[j].screens & screen) &&
				    (ui_keys[j].screens == SCR_ALL) == global)
					strbuf_printf(&b, "%s%s", b.len ?
					    " " : "", ui_keys[j].name);
			}
			keys = text_pad(b.s, 14, 0);
			d->lines[d->n++] = xasprintf("  %s %s", keys,
			    _(k->help));
			free(keys);
			strbuf_clear(&b);
		}
	}
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
	if (a == A_BACK || a == A_ENTER)
		return UI_POP;
	if (a == A_QUIT)
		return UI_POP;
	ui_list_key(&d->list, a, LINES - 5);
	return UI_OK;
}

static void
help_free(struct screen *s)
{
	struct help	*d = s->data;
	size_t		 i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	free(d->title);
	free(d);
}

const struct screen_ops screen_help = {
	.title = N_("Help"),
	.id = SCR_HELP,
	.draw = help_draw,
	.key = help_key,
	.free = help_free,
};
