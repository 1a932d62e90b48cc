/* screen-ranking: the published table of a block, and the area matrix. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct ranking {
	size_t			  block;
	enum score_side		  side;
	int			  matrix;
	struct app_agency	**rows;		/* in rank order of side */
	size_t			  n;
	struct ui_list		  list;
};

/* Open the year and its block; NULL (with a message) when it cannot. */
static void *
ranking_init(struct ui *ui, const void *args)
{
	const struct ranking_args	*arg = args;
	struct ranking			*d;

	if (ui_open_year(ui, arg->year) != 0 ||
	    arg->block >= ui->year->list->nblocks)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->block = arg->block;
	d->side = SIDE_APPRAISED;
	return d;
}

/* Rank the block again: when the year or the side changed. */
static void
ranking_rows(struct ui *ui, struct ranking *d)
{
	free(d->rows);
	app_block_ranking(ui->year, d->block, d->side, &d->rows, &d->n);
	d->list.n = (int)d->n;
}

static void
ranking_update(struct ui *ui, struct screen *s)
{
	ranking_rows(ui, s->data);
}

/* The bar's width: what the columns leave to it, within reason. */
static int
ranking_bar_w(void)
{
	int	w = COLS - 74;

	return w < 16 ? 16 : w > 40 ? 40 : w;
}

static void
ranking_draw(struct ui *ui, struct screen *s)
{
	struct ranking		 *d = s->data;
	struct app_agency	**rows = d->rows;
	const struct form	 *f = ui->year->block_form[d->block];
	size_t			  n = d->n, a;
	int			  h = LINES - 8, row, i, nw, x, bw = 0;
	int			  star = 0;
	char			  t[256], b[32];

	snprintf(t, sizeof t, "cchc — %d — %s — %s", ui->year->year,
	    _("ranking"), ui->year->list->blocks[d->block].name);
	ui_frame(ui, t, SCR_RANKING);
	ui_color(ui, UC_DIM, 1);
	ui_put(ui, 1, 1, COLS - 2, d->side == SIDE_SELF ?
	    _("by self-assessed points") : _("by appraised points"), 0);
	ui_color(ui, UC_DIM, 0);
	ui_list_fix(&d->list, h);
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, 3, 0, 4, _("No."), 1);
	if (!d->matrix) {
		bw = ranking_bar_w();
		nw = COLS - 44 - bw;
		ui_put(ui, 3, 5, nw, _("Agency"), 0);
		ui_put(ui, 3, 6 + nw, 5, _("Max"), 1);
		ui_put(ui, 3, 12 + nw, 9, d->side == SIDE_SELF ?
		    _("Self") : _("Appraised"), 1);
		ui_put(ui, 3, 22 + nw, 8, _("Rate"), 1);
		ui_put(ui, 3, 31 + nw, 11, _("Grade"), 0);
		ui_rate_scale(ui, 3, 43 + nw, bw, f);
	} else {
		/* Every area must fit: 7 columns each ("100,00" and its
		 * shade); the name takes what is left. */
		nw = COLS - 6 - 7 * (int)f->nareas;
		if (nw < 8)
			nw = 8;
		ui_put(ui, 3, 5, nw, _("Agency"), 0);
		for (a = 0, x = 6 + nw; a < f->nareas && x + 6 <= COLS;
		    a++, x += 7) {
			snprintf(t, sizeof t, "%s%s", _("A."),
			    f->areas[a].code);
			ui_put(ui, 3, x, 6, t, 1);
		}
	}
	ui_color(ui, UC_HEADER, 0);
	for (i = 0; i < (int)n; i++) {
		if (app_totals(rows[i], d->side)->unscored > 0)
			star = 1;
	}
	for (i = d->list.top, row = 4; i < (int)n && row < 4 + h; i++, row++) {
		const struct score_totals *tt = app_totals(rows[i], d->side);
		const char		*g = score_grade(rows[i]->form,
					    tt->rate);
		int			 sel = i == d->list.sel;

		if (sel)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, row, 0, COLS, "", 0);
		snprintf(b, sizeof b, "%zu", app_rank(rows[i], d->side));
		ui_put(ui, row, 0, 4, b, 1);
		if (tt->unscored > 0) {
			char	*nm = xasprintf("%s *", rows[i]->ag->name);

			ui_put(ui, row, 5, nw, nm, 0);
			free(nm);
		} else
			ui_put(ui, row, 5, nw, rows[i]->ag->name, 0);
		if (!d->matrix) {
			ui_put(ui, row, 6 + nw, 5, ui_cp(ui, tt->max, b), 1);
			util_format_cp2(tt->total, ui->mark, b);
			ui_put(ui, row, 12 + nw, 9, b, 1);
			ui_put(ui, row, 22 + nw, 8, ui_rate(ui, tt->rate, b),
			    1);
			ui_put(ui, row, 31 + nw, 11, g != NULL ? g : "", 0);
			if (sel)
				ui_color(ui, UC_SELECT, 0);
			ui_rate_bar(ui, row, 43 + nw, bw, rows[i]->form,
			    tt->rate);
			continue;
		}
		if (sel)
			ui_color(ui, UC_SELECT, 0);
		/* Each area's rate in a cell shaded by its grade band;
		 * without colour, the band's shade after the number. */
		for (a = 0, x = 6 + nw; a < f->nareas && x + 6 <= COLS;
		    a++, x += 7) {
			enum ui_color	c = ui_grade_color(rows[i]->form,
					    tt->area_rate[a], 1);

			util_format_cp2(tt->area_rate[a], ui->mark, b);
			ui_color(ui, ui->color ? c : sel ? UC_SELECT :
			    UC_NORMAL, 1);
			ui_put(ui, row, x, 6, b, 1);
			ui_color(ui, ui->color ? c : sel ? UC_SELECT :
			    UC_NORMAL, 0);
			if (!ui->color && x + 7 <= COLS)
				ui_put(ui, row, x + 6, 1, ui_grade_shade(
				    rows[i]->form, tt->area_rate[a]), 0);
		}
	}
	/* What the marks mean. */
	ui_color(ui, UC_DIM, 1);
	if (star)
		ui_put(ui, LINES - 4, 1, COLS - 2, _("* items not scored yet: the rate is not final"), 0);
	ui_color(ui, UC_DIM, 0);
	ui_grade_legend(ui, LINES - 3, 1, COLS - 2, f);
}

static int
ranking_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct ranking	*d = s->data;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_SIDE:
		d->side = d->side == SIDE_SELF ? SIDE_APPRAISED : SIDE_SELF;
		ranking_rows(ui, d);
		return UI_OK;
	case A_MATRIX:
		d->matrix = !d->matrix;
		return UI_OK;
	case A_PRINT:
		ui_push(ui, &screen_print, &(struct print_args){ d->block,
		    d->n > 0 ? d->rows[d->list.sel] : NULL, d->side,
		    d->matrix });
		return UI_OK;
	case A_ENTER:
		if (d->n > 0)
			ui_push(ui, &screen_walk, &(struct walk_args){
			    d->rows[d->list.sel] });
		return UI_OK;
	case A_QUIT:
	case A_BACK:
		return UI_UNHANDLED;
	default:
		ui_list_key(&d->list, a, LINES - 8);
		return UI_OK;
	}
}

static void
ranking_free(void *data)
{
	struct ranking	*d = data;

	free(d->rows);
	free(d);
}

const struct ui_screen_ops screen_ranking = {
	.title = N_("Ranking of a block"),
	.id = SCR_RANKING,
	.init = ranking_init,
	.free = ranking_free,
	.update = ranking_update,
	.draw = ranking_draw,
	.key = ranking_key,
};
