/* screen-years: the years and their blocks, with progress and state. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct years_row {
	int	 year;
	size_t	 block;
	char	*block_name;
	char	*parent;	/* a district's communes: its code, or NULL */
	int	 published;	/* 0 open, 1 partly, 2 all */
	size_t	 agencies;
	size_t	 self_done;	/* items scored, self side */
	size_t	 self_total;	/* items assigned, self side */
	size_t	 appr_done;
	size_t	 total;		/* items assigned, appraised side */
	size_t	 appraised;	/* agencies appraised or published */
	size_t	 draft;		/* agencies still a draft */
	size_t	 submitted;	/* agencies submitted */
};

struct years {
	struct years_row	*rows;		/* newest year first */
	size_t			 n;
	struct ui_list		 list;
	int			 loaded;	/* every year's rows are here */
};

static void
years_clear(struct years *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		free(d->rows[i].block_name);
		free(d->rows[i].parent);
	}
	free(d->rows);
	d->rows = NULL;
	d->n = 0;
}

/* Count the agencies of block b (of parent, when not NULL) into r. */
static void
years_count(struct years_row *r, const struct app_year *y, size_t b,
    const char *parent)
{
	size_t	i, pub = 0;

	for (i = 0; i < y->nags; i++) {
		const struct app_agency	*a = &y->ags[i];

		if (a->block != b || (parent != NULL && (a->ag->parent ==
		    NULL || strcmp(a->ag->parent, parent) != 0)))
			continue;
		r->agencies++;
		pub += app_agency_published(y, a);
		r->total += a->appraised.nitems;
		r->self_total += a->self.nitems;
		r->self_done += a->self.nitems - a->self.unscored;
		r->appr_done += a->appraised.nitems - a->appraised.unscored;
		if (a->state >= APP_APPRAISED)
			r->appraised++;
		else if (a->state == APP_SUBMITTED)
			r->submitted++;
		else
			r->draft++;
	}
	r->published = pub == 0 ? 0 : pub < r->agencies ? 1 : 2;
}

/* Fill the rows of one loaded year: a row per block, and under a block
 * whose agencies are ranked by district a row per district. */
static void
years_add(struct years *d, const struct app_year *y)
{
	size_t	b, k;

	for (b = 0; b < y->list->nblocks; b++) {
		struct years_row	r;

		memset(&r, 0, sizeof r);
		r.year = y->year;
		r.block = b;
		years_count(&r, y, b, NULL);
		if (r.agencies == 0)
			continue;
		r.block_name = xstrdup(y->list->blocks[b].name);
		d->rows = xreallocarray(d->rows, d->n + 1, sizeof *d->rows);
		d->rows[d->n++] = r;
		for (k = y->block_from[b]; k < y->block_from[b + 1];
		    k = y->ags[y->layout[k]].group_to) {
			const struct form_agency *ag = y->ags[y->layout[k]].ag;
			const struct form_agency *pa;

			if (ag->parent == NULL)
				continue;
			memset(&r, 0, sizeof r);
			r.year = y->year;
			r.block = b;
			r.parent = xstrdup(ag->parent);
			years_count(&r, y, b, ag->parent);
			pa = agency_find(y->list, ag->parent);
			r.block_name = xasprintf("  · %s", pa != NULL ?
			    pa->name : ag->parent);
			d->rows = xreallocarray(d->rows, d->n + 1,
			    sizeof *d->rows);
			d->rows[d->n++] = r;
		}
	}
}

/* Load every year's summary (newest first); the open one from memory.
 * The years not open cannot change under us but by another program, so
 * this runs once, and again only when a year is started. */
static void
years_load(struct ui *ui, struct years *d)
{
	int		*ys = NULL;
	size_t		 n = 0, i;
	char		*cause = NULL;
	struct app_year	*y;

	years_clear(d);
	if (app_years(ui->st, &ys, &n, &cause) != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	for (i = n; i-- > 0;) {
		if (ui->year != NULL && ui->year->year == ys[i]) {
			years_add(d, ui->year);
			continue;
		}
		if (app_year_load(ui->st, ys[i], &y, &cause) != APP_OK) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		years_add(d, y);
		app_year_free(y);
	}
	free(ys);
	d->list.n = (int)d->n;
	d->loaded = 1;
}

/* Redo the rows of the open year from memory, in their place. */
static void
years_refresh(struct years *d, const struct app_year *y)
{
	struct years_row	*old = d->rows;
	size_t			 n = d->n, i;
	int			 done = 0;

	d->rows = NULL;
	d->n = 0;
	for (i = 0; i < n; i++) {
		if (old[i].year != y->year) {
			d->rows = xreallocarray(d->rows, d->n + 1,
			    sizeof *d->rows);
			d->rows[d->n++] = old[i];
			continue;
		}
		if (!done)
			years_add(d, y);
		done = 1;
		free(old[i].block_name);
		free(old[i].parent);
	}
	free(old);
	d->list.n = (int)d->n;
}

/* The open year changed (loaded, edited): its rows follow. */
static void
years_update(struct ui *ui, struct screen *s)
{
	struct years	*d = s->data;

	if (!d->loaded)
		years_load(ui, d);
	else if (ui->year != NULL)
		years_refresh(d, ui->year);
}

static void
years_draw(struct ui *ui, struct screen *s)
{
	struct years	*d = s->data;
	int		 h = LINES - 5, row, i;
	char		 buf[128];

	ui_frame(ui, _("cchc — Administrative Reform Index: years and blocks"),
	    SCR_YEARS);
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, 2, 1, 5, _("Year"), 0);
	ui_put(ui, 2, 7, 20, _("Block"), 0);
	ui_put(ui, 2, 28, 8, _("Agencies"), 1);
	ui_put(ui, 2, 37, 11, _("Self"), 1);
	ui_put(ui, 2, 49, 11, _("Appraised"), 1);
	ui_put(ui, 2, 62, COLS - 63, _("State"), 0);
	ui_color(ui, UC_HEADER, 0);
	if (d->n == 0) {
		ui_put(ui, 4, 1, COLS - 2, _("No year yet. Press n to start one."), 0);
		return;
	}
	ui_list_fix(&d->list, h);
	for (i = d->list.top, row = 3; i < (int)d->n && row < 3 + h;
	    i++, row++) {
		struct years_row	*r = &d->rows[i];

		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, row, 0, COLS, "", 0);
		snprintf(buf, sizeof buf, "%d", r->year);
		ui_put(ui, row, 1, 5, buf, 0);
		ui_put(ui, row, 7, 20, r->block_name, 0);
		snprintf(buf, sizeof buf, "%zu", r->agencies);
		ui_put(ui, row, 28, 8, buf, 1);
		snprintf(buf, sizeof buf, "%zu/%zu", r->self_done,
		    r->self_total);
		ui_put(ui, row, 37, 11, buf, 1);
		snprintf(buf, sizeof buf, "%zu/%zu", r->appr_done, r->total);
		ui_put(ui, row, 49, 11, buf, 1);
		if (r->published == 2)
			snprintf(buf, sizeof buf, "%s", _("published"));
		else if (r->published == 1)
			snprintf(buf, sizeof buf, "%s",
			    _("partly published"));
		else if (r->appraised == r->agencies)
			snprintf(buf, sizeof buf, "%s",
			    _("appraised: ready to publish"));
		else
			snprintf(buf, sizeof buf, _("%zu draft · %zu submitted · %zu appraised"), r->draft, r->submitted, r->appraised);
		ui_put(ui, row, 62, COLS - 63, buf, 0);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 0);
	}
}

static void
years_new(struct ui *ui, struct years *d)
{
	struct errlist	 errs;
	char		*ans, *cause = NULL, *dir, *forms, *ags;
	int		 year, from = 0;
	size_t		 i;

	ans = ui_prompt(ui, _("Start which year?"), "");
	if (ans == NULL)
		return;
	if (util_parse_uint(ans, &year) != 0 || year < 1900 || year > 9999) {
		ui_message(ui, 1, _("\"%s\" is not a year"), ans);
		free(ans);
		return;
	}
	free(ans);
	for (i = 0; i < d->n; i++) {
		if (d->rows[i].year == year) {
			ui_message(ui, 1, _("Year %d already exists."), year);
			return;
		}
	}
	if (d->n > 0) {
		char	*q = xasprintf(_("Copy the agency list of %d? (y/n)"),
			    d->rows[0].year);

		if (ui_confirm(ui, q))
			from = d->rows[0].year;
		free(q);
	}
	dir = xstrdup(ui->datadir);
	forms = xasprintf("%s/forms", dir);
	ags = NULL;
	if (!from) {
		ags = ui_prompt(ui, _("Agency list file:"),
		    ui->agencies != NULL ? ui->agencies : "");
		if (ags == NULL) {
			free(forms);
			free(dir);
			return;
		}
	}
	errlist_init(&errs);
	if (app_init_year(ui->st, year, forms, ags, from, &errs, &cause) !=
	    APP_OK)
		ui_message(ui, 1, "%s", errs.n > 0 ? errs.items[0].msg :
		    cause);
	else {
		ui_message(ui, 0, _("Year %d started."), year);
		years_load(ui, d);
	}
	errlist_clear(&errs);
	free(cause);
	free(forms);
	free(ags);
	free(dir);
}

static int
years_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct years		*d = s->data;
	struct years_row	*r;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_ENTER:
	case A_RANKING:
		if (d->n == 0)
			return UI_OK;
		r = &d->rows[d->list.sel];
		if (a == A_ENTER)
			ui_push(ui, &screen_agencies, &(struct agencies_args){
			    r->year, r->block });
		else
			ui_push(ui, &screen_ranking, &(struct ranking_args){
			    r->year, r->block });
		return UI_OK;
	case A_NEW_YEAR:
		years_new(ui, d);
		return UI_OK;
	case A_SETTINGS:
		/* Nothing above this screen holds the year. */
		if (d->n > 0)
			ui_push(ui, &screen_settings, &(struct settings_args){
			    d->rows[d->list.sel].year });
		return UI_OK;
	case A_PUBLISH:
	case A_REOPEN:
		/* Nothing above this screen holds the year: it may load
		 * the one of the row. */
		if (d->n == 0 || ui_open_year(ui, d->rows[d->list.sel].year) !=
		    0)
			return UI_OK;
		/* The row's block, or its district's communes. */
		r = &d->rows[d->list.sel];
		return screen_flow_scope(ui, ui->year->list->blocks[r->block].code,
		    r->parent, a == A_PUBLISH ? APP_PUBLISH : APP_REOPEN);
	case A_QUIT:
		return UI_QUIT;
	default:
		ui_list_key(&d->list, a, LINES - 5);
		return UI_OK;
	}
}

static void *
years_init(struct ui *ui, const void *args)
{
	(void)ui;
	(void)args;
	return xcalloc(1, sizeof(struct years));
}

static void
years_free(void *data)
{
	years_clear(data);
	free(data);
}

const struct ui_screen_ops screen_years = {
	.title = N_("Years and blocks"),
	.id = SCR_YEARS,
	.init = years_init,
	.free = years_free,
	.update = years_update,
	.draw = years_draw,
	.key = years_key,
};
