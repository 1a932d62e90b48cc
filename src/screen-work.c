/*
 * screen-work: an appraising department's work list.  Without a code it
 * lists the appraisers of a block's items, each with its progress; with
 * one, only that appraiser's items across the block's agencies, agency
 * by agency, with its progress (items with an appraised mark / all), and
 * Enter opens the item on its appraised side.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "ui.h"
#include "util.h"

struct work_who {
	const char	*code;		/* borrowed from the year */
	size_t		 done, n;
};

struct work {
	struct ui		*ui;
	size_t			 block;
	char			*code;		/* NULL: choose an appraiser */
	struct work_who		*who;		/* choosing */
	size_t			 nwho;
	struct app_work		 w;		/* one appraiser's list */
	struct ui_list		 list;
};

/* The rows again (the year changed: a save, another program's),
 * keeping the same agency and item selected. */
static void
work_build(struct ui *ui, struct work *d)
{
	struct app_work	 one;
	const char	*selag = NULL, **codes = NULL;
	size_t		 selit = 0, i;
	char		*cause = NULL;

	if (d->code == NULL) {
		free(d->who);
		d->nwho = app_appraisers(ui->year, d->block, &codes);
		d->who = xcalloc(d->nwho + 1, sizeof *d->who);
		for (i = 0; i < d->nwho; i++) {
			d->who[i].code = codes[i];
			if (app_work_list(ui->st, ui->year, d->block,
			    codes[i], &one, &cause) != APP_OK) {
				ui_message(ui, 1, "%s", cause);
				free(cause);
				cause = NULL;
				continue;
			}
			d->who[i].done = one.done;
			d->who[i].n = one.n;
			app_work_clear(&one);
		}
		free(codes);
		d->list.n = (int)d->nwho;
		return;
	}
	if (d->w.n > 0 && d->list.sel >= 0 && d->list.sel < (int)d->w.n) {
		selag = d->w.v[d->list.sel].a->ag->code;
		selit = d->w.v[d->list.sel].item;
	}
	app_work_clear(&d->w);
	if (app_work_list(ui->st, ui->year, d->block, d->code, &d->w,
	    &cause) != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	d->list.n = (int)d->w.n;
	for (i = 0; selag != NULL && i < d->w.n; i++) {
		if (strcmp(d->w.v[i].a->ag->code, selag) == 0 &&
		    d->w.v[i].item == selit)
			d->list.sel = (int)i;
	}
}

static void *
work_init(struct ui *ui, const void *args)
{
	const struct work_args	*arg = args;
	struct work		*d;

	if (ui->year == NULL || arg->block >= ui->year->list->nblocks)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->ui = ui;
	d->block = arg->block;
	d->code = arg->code != NULL ? xstrdup(arg->code) : NULL;
	return d;
}

static void
work_update(struct ui *ui, struct screen *s)
{
	work_build(ui, s->data);
}

static void
work_draw_who(struct ui *ui, struct work *d)
{
	char	b[64];
	int	h = LINES - 6, row, i, nw = COLS - 32;

	ui_color(ui, UC_DIM, 1);
	ui_put(ui, 1, 1, COLS - 2, _("Choose the appraising department: its items of every agency of the block"), 0);
	ui_color(ui, UC_DIM, 0);
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, 3, 1, 8, _("Code"), 0);
	ui_put(ui, 3, 10, nw, _("Appraiser"), 0);
	ui_put(ui, 3, 11 + nw, 18, _("Appraised"), 1);
	ui_color(ui, UC_HEADER, 0);
	ui_list_fix(&d->list, h);
	for (i = d->list.top, row = 4; i < (int)d->nwho && row < 4 + h;
	    i++, row++) {
		const struct work_who	*r = &d->who[i];

		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, row, 0, COLS, i == d->list.sel ? "▸" : "", 0);
		ui_put(ui, row, 1, 8, r->code, 0);
		ui_put(ui, row, 10, nw, app_appraiser_name(ui->year, r->code),
		    0);
		snprintf(b, sizeof b, "%zu/%zu", r->done, r->n);
		ui_put(ui, row, 11 + nw, 18, b, 1);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 0);
	}
}

static void
work_draw_list(struct ui *ui, struct work *d)
{
	char	 t[256], b1[32], b2[32], b3[32];
	int	 h = LINES - 6, row, i, tw = COLS - 65;

	snprintf(t, sizeof t, _("Appraised: %zu/%zu items · Enter opens the item · ] [ next or previous agency · u next not appraised"), d->w.done, d->w.n);
	ui_color(ui, UC_DIM, 1);
	ui_put(ui, 1, 1, COLS - 2, t, 0);
	ui_color(ui, UC_DIM, 0);
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, 3, 1, 9, _("Agency"), 0);
	ui_put(ui, 3, 11, 7, _("Item"), 0);
	ui_put(ui, 3, 19, tw, _("Title"), 0);
	ui_put(ui, 3, 20 + tw, 6, _("Max"), 1);
	ui_put(ui, 3, 27 + tw, 7, _("Self"), 1);
	ui_put(ui, 3, 35 + tw, 7, _("Appr."), 1);
	ui_put(ui, 3, 44 + tw, COLS - 45 - tw, _("Status"), 0);
	ui_color(ui, UC_HEADER, 0);
	if (d->w.n == 0)
		ui_put(ui, 5, 1, COLS - 2, _("No item of this block is appraised by this department."), 0);
	ui_list_fix(&d->list, h);
	for (i = d->list.top, row = 4; i < (int)d->w.n && row < 4 + h;
	    i++, row++) {
		const struct app_work_item	*r = &d->w.v[i];
		const struct form_item		*it = &r->a->form->items[r->item];
		const struct entry_record	*e;
		int				 done;

		if (r->a->raw == NULL)
			continue;
		e = &r->a->raw[r->item];
		done = app_work_done(r->a, r->item);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 1);
		else if (!done)
			ui_color(ui, UC_WARN, 1);
		ui_put(ui, row, 0, COLS, i == d->list.sel ? "▸" : "", 0);
		ui_put(ui, row, 1, 9, r->a->ag->code, 0);
		ui_put(ui, row, 11, 7, it->code, 0);
		ui_put(ui, row, 19, tw, it->title, 0);
		ui_put(ui, row, 20 + tw, 6, ui_cp(ui, it->max, b1), 1);
		ui_put(ui, row, 27 + tw, 7, e->self.status == STATUS_SCORED ?
		    ui_cp(ui, e->self.points, b2) : "", 1);
		ui_put(ui, row, 35 + tw, 7, e->appraised.status ==
		    STATUS_SCORED ? ui_cp(ui, e->appraised.points, b3) : "",
		    1);
		ui_put(ui, row, 44 + tw, COLS - 45 - tw, done ?
		    ui_status_name(e->appraised.status) : _("to appraise"), 0);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 0);
		else if (!done)
			ui_color(ui, UC_WARN, 0);
	}
}

static void
work_draw(struct ui *ui, struct screen *s)
{
	struct work	*d = s->data;
	char		 t[256];

	if (d->code == NULL)
		snprintf(t, sizeof t, "cchc — %d — %s — %s", ui->year->year,
		    ui->year->list->blocks[d->block].name, _("work lists"));
	else
		snprintf(t, sizeof t, "cchc — %d — %s — %s (%s)",
		    ui->year->year, ui->year->list->blocks[d->block].name,
		    app_appraiser_name(ui->year, d->code), d->code);
	ui_frame(ui, t, SCR_WORK);
	if (d->code == NULL)
		work_draw_who(ui, d);
	else
		work_draw_list(ui, d);
}

/* Move to the first item of the next (dir 1) or this or the previous
 * (dir -1) agency. */
static void
work_agency(struct work *d, int dir)
{
	int	i = d->list.sel;

	if (d->w.n == 0)
		return;
	if (dir > 0) {
		while (i < (int)d->w.n && d->w.v[i].a == d->w.v[d->list.sel].a)
			i++;
		if (i == (int)d->w.n)
			return;
	} else {
		/* The start of this agency, or of the one before it. */
		if (i > 0 && d->w.v[i - 1].a == d->w.v[i].a)
			;
		else if (i > 0)
			i--;
		while (i > 0 && d->w.v[i - 1].a == d->w.v[i].a)
			i--;
	}
	d->list.sel = i;
}

/* The next item not appraised yet, after the selected one (wrapping). */
static void
work_next_open(struct ui *ui, struct work *d)
{
	size_t	k, i;

	for (k = 1; k <= d->w.n; k++) {
		i = ((size_t)d->list.sel + k) % d->w.n;
		if (d->w.v[i].a->raw != NULL &&
		    !app_work_done(d->w.v[i].a, d->w.v[i].item)) {
			d->list.sel = (int)i;
			return;
		}
	}
	ui_message(ui, 0, _("Every item of this list is appraised."));
}

/* The item screen's PgDn and PgUp: the next or previous item of the
 * list, selected here too (the list is not rebuilt while the item screen
 * is over it); -1 at an end, -2 after a message. */
static int
work_step(void *p, int dir, struct app_agency **a, size_t *item)
{
	struct work	*d = p;
	int		 i = d->list.sel + dir;
	char		*cause = NULL;

	if (i < 0 || i >= (int)d->w.n)
		return -1;
	if (app_agency_entries(d->ui->st, d->ui->year, d->w.v[i].a, &cause) !=
	    APP_OK) {
		ui_message(d->ui, 1, "%s", cause);
		free(cause);
		return -2;
	}
	d->list.sel = i;
	*a = d->w.v[i].a;
	*item = d->w.v[i].item;
	return 0;
}

static int
work_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct work	*d = s->data;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_ENTER:
		if (d->code == NULL && d->nwho > 0)
			ui_push(ui, &screen_work, &(struct work_args){
			    d->block, d->who[d->list.sel].code });
		else if (d->code != NULL && d->w.n > 0)
			ui_push(ui, &screen_item, &(struct item_args){
			    .agency = d->w.v[d->list.sel].a,
			    .item = d->w.v[d->list.sel].item, .appraise = 1,
			    .step = work_step, .list = d });
		return UI_OK;
	case A_NEXT_AREA:
	case A_PREV_AREA:
		work_agency(d, a == A_NEXT_AREA ? 1 : -1);
		ui_list_fix(&d->list, LINES - 6);
		return UI_OK;
	case A_NEXT_UNSCORED:
		if (d->w.n > 0)
			work_next_open(ui, d);
		ui_list_fix(&d->list, LINES - 6);
		return UI_OK;
	case A_QUIT:
	case A_BACK:
		return a == A_BACK ? UI_POP : UI_UNHANDLED;
	default:
		ui_list_key(&d->list, a, LINES - 6);
		return UI_OK;
	}
}

static void
work_free(void *data)
{
	struct work	*d = data;

	app_work_clear(&d->w);
	free(d->who);
	free(d->code);
	free(d);
}

const struct ui_screen_ops screen_work = {
	.title = N_("Work list of an appraiser"),
	.id = SCR_WORK,
	.init = work_init,
	.free = work_free,
	.update = work_update,
	.draw = work_draw,
	.key = work_key,
};
