/* screen-compare: self against appraised, largest differences first. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct cmp_row {
	struct app_agency	*a;
	size_t			 item;
	int64_t			 self;
	int64_t			 appr;
};

struct compare {
	struct app_agency	*agency;	/* NULL: the whole block */
	size_t			 block;
	struct cmp_row		*rows;
	size_t			 n;
	size_t			 not_assigned;	/* items left out */
	struct ui_list		 list;
};

static int
cmp_rows(const void *va, const void *vb)
{
	const struct cmp_row	*a = va, *b = vb;
	int64_t			 da = llabs(a->self - a->appr);
	int64_t			 db = llabs(b->self - b->appr);

	if (da != db)
		return da > db ? -1 : 1;
	if (a->a->ag->order != b->a->ag->order)
		return a->a->ag->order < b->a->ag->order ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* The rows that differ, largest first: again only when the year changed. */
static void
compare_build(struct ui *ui, struct compare *d)
{
	size_t		i, j;
	unsigned	fl, fa;
	char		*cause = NULL;

	free(d->rows);
	d->rows = NULL;
	d->n = 0;
	d->not_assigned = 0;
	for (i = 0; i < ui->year->nags; i++) {
		struct app_agency	*a = &ui->year->ags[i];

		if (d->agency != NULL ? a != d->agency : a->block != d->block)
			continue;
		if (app_agency_entries(ui->st, ui->year, a, &cause) !=
		    APP_OK) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		for (j = 0; j < a->form->nitems; j++) {
			struct cmp_row	r;

			r.a = a;
			r.item = j;
			r.self = score_item(&a->form->items[j], &a->entries[j],
			    SIDE_SELF, &fl);
			r.appr = score_item(&a->form->items[j],
			    &a->entries[j], SIDE_APPRAISED, &fa);
			/* Only items both sides have scored or marked; an
			 * item not assigned on a side is no 0 (as in cchc
			 * report --kind compare): it is left out, and
			 * counted. */
			if ((fl | fa) & SCORE_NOT_ASSIGNED) {
				d->not_assigned++;
				continue;
			}
			if (r.self == r.appr || ((fl | fa) & SCORE_UNSCORED))
				continue;
			d->rows = xreallocarray(d->rows, d->n + 1,
			    sizeof *d->rows);
			d->rows[d->n++] = r;
		}
	}
	qsort(d->rows, d->n, sizeof *d->rows, cmp_rows);
	d->list.n = (int)d->n;
}

static void *
compare_init(struct ui *ui, const void *args)
{
	const struct compare_args	*arg = args;
	struct compare			*d = xcalloc(1, sizeof *d);

	(void)ui;
	d->agency = arg->agency;
	d->block = arg->block;
	return d;
}

static void
compare_update(struct ui *ui, struct screen *s)
{
	compare_build(ui, s->data);
}

static void
compare_draw(struct ui *ui, struct screen *s)
{
	struct compare	*d = s->data;
	int		 h = LINES - 6, row, i, tw;
	char		 t[256], b1[32], b2[32], b3[32];

	snprintf(t, sizeof t, "cchc — %d — %s — %s", ui->year->year,
	    _("self against appraised"), d->agency != NULL ?
	    d->agency->ag->name : ui->year->list->blocks[d->block].name);
	ui_frame(ui, t, SCR_COMPARE);
	if (d->not_assigned > 0)
		snprintf(t, sizeof t, _("%zu items differ; largest first · %zu items not assigned are left out"), d->n, d->not_assigned);
	else
		snprintf(t, sizeof t, _("%zu items differ; largest first"),
		    d->n);
	ui_color(ui, UC_DIM, 1);
	ui_wrap(ui, 1, 1, COLS - 2, 2, t);
	ui_color(ui, UC_DIM, 0);
	tw = COLS - 48;
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, 3, 1, 9, _("Agency"), 0);
	ui_put(ui, 3, 11, 7, _("Item"), 0);
	ui_put(ui, 3, 19, tw, _("Title"), 0);
	ui_put(ui, 3, 20 + tw, 8, _("Self"), 1);
	ui_put(ui, 3, 29 + tw, 9, _("Appr."), 1);
	ui_put(ui, 3, 39 + tw, 8, _("Diff."), 1);
	ui_color(ui, UC_HEADER, 0);
	ui_list_fix(&d->list, h);
	for (i = d->list.top, row = 4; i < (int)d->n && row < 4 + h;
	    i++, row++) {
		struct cmp_row	*r = &d->rows[i];

		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, row, 0, COLS, "", 0);
		ui_put(ui, row, 1, 9, r->a->ag->code, 0);
		ui_put(ui, row, 11, 7, r->a->form->items[r->item].code, 0);
		ui_put(ui, row, 19, tw, r->a->form->items[r->item].title, 0);
		ui_put(ui, row, 20 + tw, 8, ui_cp(ui, r->self, b1), 1);
		ui_put(ui, row, 29 + tw, 9, ui_cp(ui, r->appr, b2), 1);
		ui_put(ui, row, 39 + tw, 8, ui_cp(ui, r->appr - r->self, b3),
		    1);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 0);
	}
}

static int
compare_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct compare	*d = s->data;

	(void)keycode;
	(void)ch;
	if (a == A_ENTER) {
		if (d->n > 0)
			ui_push(ui, &screen_item, &(struct item_args){
			    .agency = d->rows[d->list.sel].a,
			    .item = d->rows[d->list.sel].item });
		return UI_OK;
	}
	if (a == A_QUIT || a == A_BACK)
		return UI_UNHANDLED;
	ui_list_key(&d->list, a, LINES - 6);
	return UI_OK;
}

static void
compare_free(void *data)
{
	struct compare	*d = data;

	free(d->rows);
	free(d);
}

const struct ui_screen_ops screen_compare = {
	.title = N_("Compare self and appraised"),
	.id = SCR_COMPARE,
	.init = compare_init,
	.free = compare_free,
	.update = compare_update,
	.draw = compare_draw,
	.key = compare_key,
};
