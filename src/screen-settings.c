/*
 * screen-settings: a year's settings for the printed decision (its
 * number and date, who signs), changed through app_setting_put, the
 * function cchc year set uses: checked, audited, refused in a published
 * year.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* What each setting is called on the screen, and what it defaults to. */
static const struct {
	const char	*label;
	const char	*help;
} settings_text[APP_NSETTINGS] = {
	[APP_DECISION_NUMBER] = { N_("Decision number"),
	    N_("e.g. 2729/QĐ-UBND; unset: a dotted blank") },
	[APP_DECISION_DATE] = { N_("Decision date"),
	    N_("d/m/yyyy, a real day; unset: a dotted blank") },
	[APP_SIGNER] = { N_("Signer"), N_("the name under the signature") },
	[APP_SIGNER_TITLE] = { N_("Signer's title"),
	    N_("unset: PHÓ CHỦ TỊCH, signing for the Chairman") },
	[APP_AUTHORITY] = { N_("Issuing body"),
	    N_("the second line of the heading; unset: TỈNH and the province") },
	[APP_ROUNDS] = { N_("Rounds of appraisal"),
	    N_("2: a first appraised score, the agency's dispute, then the final score, which counts; unset or 1: one round (refused while an entry holds first-round data)") },
};

struct settings {
	int			 year;
	struct app_settings	 v;
	struct ui_list		 list;
	char			*error;		/* the last refusal */
	char			*refused;	/* what was typed */
	int			 erow;		/* the row of both */
};

static void
settings_read(struct ui *ui, struct settings *d)
{
	char	*cause = NULL;

	app_settings_clear(&d->v);
	if (app_settings_load(ui->st, d->year, &d->v, &cause) != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
}

static void *
settings_init(struct ui *ui, const void *args)
{
	const struct settings_args	*arg = args;
	struct settings			*d;

	if (ui_open_year(ui, arg->year) != 0)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->year = arg->year;
	d->list.n = APP_NSETTINGS;
	d->erow = -1;
	settings_read(ui, d);
	return d;
}

/* Another program may have changed them (cchc year set). */
static void
settings_update(struct ui *ui, struct screen *s)
{
	settings_read(ui, s->data);
}

static void
settings_draw(struct ui *ui, struct screen *s)
{
	struct settings	*d = s->data;
	char		 t[256];
	int		 i, row, lw = 26, w = COLS - lw - 4, n;

	snprintf(t, sizeof t, "cchc — %d — %s", d->year,
	    _("settings of the printed decision"));
	ui_frame(ui, t, SCR_SETTINGS);
	ui_color(ui, UC_DIM, 1);
	row = 2 + ui_wrap(ui, 1, 1, COLS - 2, 2, ui->year->published ?
	    _("The year is published: its settings are read only until it is reopened (R on the years screen).") :
	    _("Enter changes the selected setting; an empty answer unsets it. Each change is saved and audited at once, as with cchc year set."));
	ui_color(ui, UC_DIM, 0);
	ui_list_fix(&d->list, APP_NSETTINGS);
	for (i = 0; i < APP_NSETTINGS; i++) {
		const char	*v = d->v.v[i];

		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, row, 0, COLS, "", 0);
		ui_put(ui, row, 1, lw, _(settings_text[i].label), 0);
		ui_put(ui, row, lw + 2, w, v != NULL ? v : "—", 0);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 0);
		row++;
		ui_color(ui, UC_DIM, 1);
		n = ui_wrap(ui, row, lw + 2, w, 2, _(settings_text[i].help));
		ui_color(ui, UC_DIM, 0);
		row += n;
		if (d->error != NULL && d->erow == i) {
			ui_color(ui, UC_ERROR, 1);
			row += ui_wrap(ui, row, lw + 2, w, 3, d->error);
			ui_color(ui, UC_ERROR, 0);
		}
		row++;
	}
}

/* Ask for the selected setting's value and hand it to app. */
static int
settings_edit(struct ui *ui, struct settings *d)
{
	int	 k = d->list.sel;
	char	*q, *v, *cause = NULL;

	free(d->error);
	d->error = NULL;
	if (ui->year->published) {
		ui_message(ui, 1, _("Year %d is published: its settings are read only; reopen it first (R on the years screen)."), d->year);
		return UI_OK;
	}
	/* A refused answer is offered again, to be mended. */
	q = xasprintf("%s:", _(settings_text[k].label));
	v = ui_prompt(ui, q, d->refused != NULL && d->erow == k ? d->refused :
	    d->v.v[k] != NULL ? d->v.v[k] : "");
	free(q);
	free(d->refused);
	d->refused = NULL;
	if (v == NULL)
		return UI_OK;
	if (app_setting_put(ui->st, ui->year, (enum app_setting)k, v,
	    &cause) != APP_OK) {
		d->error = cause;
		d->erow = k;
		d->refused = v;
		ui_message(ui, 1, "%s", cause);
		return UI_OK;
	} else {
		ui_message(ui, 0, *v != '\0' ? _("Saved.") :
		    _("Unset: the printed decision shows a blank or the default."));
		settings_read(ui, d);
	}
	free(v);
	return UI_OK;
}

static int
settings_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct settings	*d = s->data;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_ENTER:
		return settings_edit(ui, d);
	case A_QUIT:
	case A_BACK:
		return UI_UNHANDLED;
	default:
		ui_list_key(&d->list, a, APP_NSETTINGS);
		return UI_OK;
	}
}

static void
settings_free(void *data)
{
	struct settings	*d = data;

	app_settings_clear(&d->v);
	free(d->error);
	free(d->refused);
	free(d);
}

const struct ui_screen_ops screen_settings = {
	.title = N_("Settings of a year"),
	.id = SCR_SETTINGS,
	.init = settings_init,
	.free = settings_free,
	.update = settings_update,
	.draw = settings_draw,
	.key = settings_key,
};
