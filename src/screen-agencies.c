/* screen-agencies: the agencies of a block with live totals and ranks. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct agencies {
	size_t			  block;
	int			  by_rank;	/* 0 official, 1 rank, 2 name */
	enum score_side		  side;
	char			 *filter;
	struct app_agency	**rows;
	size_t			  n;
	struct ui_list		  list;
};

/* Rebuild the rows: sort, then filter (accent-insensitive), keeping the
 * same agency selected.  Only when the year, the order, the side or the
 * filter changed: by name it asks the database for the order. */
static void
agencies_rows(struct ui *ui, struct agencies *d)
{
	struct app_agency	**all = NULL, *sel = NULL;
	size_t			  n = 0, i;
	char			 *cause = NULL;

	if (d->n > 0 && d->list.sel >= 0 && d->list.sel < (int)d->n)
		sel = d->rows[d->list.sel];
	free(d->rows);
	d->rows = NULL;
	d->n = 0;
	if (ui->year == NULL)
		return;
	if (d->by_rank == 1)
		app_block_ranking(ui->year, d->block, d->side, &all, &n);
	else if (d->by_rank == 2 && app_agencies_by_name(ui->st, ui->year,
	    d->block, &all, &n, &cause) != APP_OK) {
		/* The sort failed: say why, keep the official order. */
		ui_message(ui, 1, "%s", cause);
		free(cause);
		d->by_rank = 0;
	}
	if (d->by_rank == 0) {
		all = xcalloc(ui->year->nags + 1, sizeof *all);
		for (i = n = 0; i < ui->year->nags; i++) {
			if (ui->year->ags[i].block == d->block)
				all[n++] = &ui->year->ags[i];
		}
	}
	d->rows = xcalloc(n + 1, sizeof *d->rows);
	for (i = 0; i < n; i++) {
		if (d->filter == NULL || text_match(all[i]->ag->name,
		    d->filter) || text_match(all[i]->ag->code, d->filter))
			d->rows[d->n++] = all[i];
	}
	free(all);
	d->list.n = (int)d->n;
	for (i = 0; sel != NULL && i < d->n; i++) {
		if (d->rows[i] == sel)
			d->list.sel = (int)i;
	}
}

/* Open the year and its block; NULL (with a message) when it cannot. */
static void *
agencies_init(struct ui *ui, const void *args)
{
	const struct agencies_args	*arg = args;
	struct agencies			*d;

	if (ui_open_year(ui, arg->year) != 0 ||
	    arg->block >= ui->year->list->nblocks)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->block = arg->block;
	d->by_rank = 0;
	d->side = SIDE_APPRAISED;
	return d;
}

static void
agencies_update(struct ui *ui, struct screen *s)
{
	agencies_rows(ui, s->data);
}

static void
agencies_draw(struct ui *ui, struct screen *s)
{
	struct agencies	*d = s->data;
	char		 title[256], b[64], m[32];
	int		 h = LINES - 7, row, i, nw, x, code;

	snprintf(title, sizeof title, "cchc — %d — %s", ui->year->year,
	    ui->year->list->blocks[d->block].name);
	ui_frame(ui, title, SCR_AGENCIES);
	snprintf(title, sizeof title, "%s · %s%s%s",
	    d->by_rank == 1 ? _("by rank") : d->by_rank == 2 ?
	    _("by name") : _("official order"),
	    d->side == SIDE_SELF ? _("self-assessed index") :
	    _("appraised index"), d->filter != NULL ? " · / " : "",
	    d->filter != NULL ? d->filter : "");
	ui_color(ui, UC_DIM, 1);
	ui_put(ui, 1, 1, COLS - 2, title, 0);
	ui_color(ui, UC_DIM, 0);

	code = COLS >= 100;
	nw = COLS - 64 - (code ? 9 : 0);
	ui_color(ui, UC_HEADER, 1);
	x = 0;
	ui_put(ui, 3, x, 4, _("Rank"), 1);
	x += 5;
	if (code) {
		ui_put(ui, 3, x, 8, _("Code"), 0);
		x += 9;
	}
	ui_put(ui, 3, x, nw, _("Agency"), 0);
	x += nw + 1;
	ui_put(ui, 3, x, 5, _("Max"), 1);
	ui_put(ui, 3, x + 6, 6, _("Self"), 1);
	ui_put(ui, 3, x + 13, 6, _("Appr."), 1);
	ui_put(ui, 3, x + 20, 7, _("Rate"), 1);
	ui_put(ui, 3, x + 28, 10, _("Grade"), 0);
	ui_put(ui, 3, x + 39, 5, _("Done"), 1);
	ui_put(ui, 3, x + 45, COLS - x - 45, _("State"), 0);
	ui_color(ui, UC_HEADER, 0);
	if (d->n == 0)
		ui_put(ui, 5, 1, COLS - 2, _("No agency matches."), 0);
	/* The footnote only when a row carries its mark. */
	for (i = 0; i < (int)d->n; i++) {
		if (app_totals(d->rows[i], d->side)->unscored > 0)
			break;
	}
	if (i < (int)d->n) {
		ui_color(ui, UC_DIM, 1);
		ui_put(ui, LINES - 3, 1, COLS - 2, _("* items not scored yet: the rate is not final"), 0);
		ui_color(ui, UC_DIM, 0);
	}
	ui_list_fix(&d->list, h);
	for (i = d->list.top, row = 4; i < (int)d->n && row < 4 + h;
	    i++, row++) {
		struct app_agency	*a = d->rows[i];
		const struct score_totals	*t = app_totals(a, d->side);
		const char		*g = score_grade(a->form, t->rate);

		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, row, 0, COLS, "", 0);
		x = 0;
		snprintf(b, sizeof b, "%zu", app_rank(a, d->side));
		ui_put(ui, row, x, 4, b, 1);
		x += 5;
		if (code) {
			ui_put(ui, row, x, 8, a->ag->code, 0);
			x += 9;
		}
		if (t->unscored > 0) {
			char	*nm = xasprintf("%s *", a->ag->name);

			ui_put(ui, row, x, nw, nm, 0);
			free(nm);
		} else
			ui_put(ui, row, x, nw, a->ag->name, 0);
		x += nw + 1;
		ui_put(ui, row, x, 5, ui_cp(ui, t->max, m), 1);
		ui_put(ui, row, x + 6, 6, ui_cp(ui, a->self.total, m), 1);
		ui_put(ui, row, x + 13, 6, ui_cp(ui, a->appraised.total, m),
		    1);
		ui_put(ui, row, x + 20, 7, ui_rate(ui, t->rate, m), 1);
		ui_put(ui, row, x + 28, 10, g != NULL ? g : "", 0);
		snprintf(b, sizeof b, "%zu%%", t->nitems == 0 ? 0 :
		    (t->nitems - t->unscored) * 100 / t->nitems);
		if (t->unscored > 0 && i != d->list.sel)
			ui_color(ui, UC_WARN, 1);
		ui_put(ui, row, x + 39, 5, b, 1);
		if (t->unscored > 0 && i != d->list.sel)
			ui_color(ui, UC_WARN, 0);
		ui_put(ui, row, x + 45, COLS - x - 45, ui_state_name(a->state),
		    0);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 0);
	}
}

static int
agencies_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct agencies		*d = s->data;
	struct app_agency	*sel = d->n > 0 ? d->rows[d->list.sel] : NULL;
	char			*f;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_ENTER:
		if (sel != NULL)
			ui_push(ui, &screen_walk, &(struct walk_args){ sel });
		return UI_OK;
	case A_SORT:
		d->by_rank = (d->by_rank + 1) % 3;
		agencies_rows(ui, d);
		return UI_OK;
	case A_SIDE:
		d->side = d->side == SIDE_SELF ? SIDE_APPRAISED : SIDE_SELF;
		agencies_rows(ui, d);
		return UI_OK;
	case A_SEARCH:
		f = ui_prompt(ui, _("Find agency:"), "");
		if (f == NULL)
			return UI_OK;
		free(d->filter);
		d->filter = *f != '\0' ? f : NULL;
		if (*f == '\0')
			free(f);
		agencies_rows(ui, d);
		d->list.sel = d->list.top = 0;
		return UI_OK;
	case A_RANKING:
		ui_push(ui, &screen_ranking, &(struct ranking_args){
		    ui->year->year, d->block });
		return UI_OK;
	case A_COMPARE:
		ui_push(ui, &screen_compare, &(struct compare_args){ NULL,
		    d->block });
		return UI_OK;
	case A_WORK:
		ui_push(ui, &screen_work, &(struct work_args){ d->block,
		    NULL });
		return UI_OK;
	case A_DEDUCT:
		if (sel != NULL)
			ui_push(ui, &screen_deduct, &(struct deduct_args){
			    sel });
		return UI_OK;
	case A_SUBMIT:
	case A_APPRAISE:
	case A_REOPEN:
		if (sel == NULL && a != A_REOPEN)
			return UI_OK;
		return screen_flow(ui, sel, a == A_SUBMIT ? APP_SUBMIT :
		    a == A_APPRAISE ? APP_APPRAISE : APP_REOPEN);
	case A_PUBLISH:
		/* This block: all of it, or the district of the agency
		 * selected when its communes are ranked by district. */
		return screen_flow_scope(ui, ui->year->list->blocks[d->block].code,
		    sel != NULL ? sel->ag->parent : NULL, APP_PUBLISH);
	case A_PRINT:
		ui_push(ui, &screen_print, &(struct print_args){ d->block,
		    sel, d->side, 0 });
		return UI_OK;
	case A_BACK:
		if (d->filter != NULL) {
			free(d->filter);
			d->filter = NULL;
			agencies_rows(ui, d);
			return UI_OK;
		}
		return UI_POP;
	default:
		ui_list_key(&d->list, a, LINES - 7);
		return a == A_QUIT ? UI_UNHANDLED : UI_OK;
	}
}

static void
agencies_free(void *data)
{
	struct agencies	*d = data;

	free(d->rows);
	free(d->filter);
	free(d);
}

const struct ui_screen_ops screen_agencies = {
	.title = N_("Agencies of a block"),
	.id = SCR_AGENCIES,
	.init = agencies_init,
	.free = agencies_free,
	.update = agencies_update,
	.draw = agencies_draw,
	.key = agencies_key,
};
