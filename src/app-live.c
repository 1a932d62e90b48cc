/*
 * app-live: a loaded year follows what other programs write to the file
 * (another operator's screens, cchc set, cchc import): a cheap check for
 * a change, and a reload that keeps the agencies where they were.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "util.h"

int
app_year_stale(struct store *st, const struct app_year *y)
{
	long long	v;

	if (y == NULL || y->batch != NULL)
		return 0;
	v = store_data_version(st);
	return v >= 0 && v != y->data_version;
}

/* Do the two loads of a year have the same forms and agencies, in the
 * same places? */
static int
app_year_same_shape(const struct app_year *a, const struct app_year *b)
{
	size_t	i, j;

	if (a->nags != b->nags || a->nforms != b->nforms ||
	    a->list->nagencies != b->list->nagencies ||
	    a->list->nblocks != b->list->nblocks)
		return 0;
	for (i = 0; i < a->nforms; i++) {
		const struct form	*f = a->forms[i], *g = b->forms[i];

		if (strcmp(f->block, g->block) != 0 || f->nitems != g->nitems)
			return 0;
		for (j = 0; j < f->nitems; j++) {
			if (strcmp(f->items[j].code, g->items[j].code) != 0)
				return 0;
		}
	}
	for (i = 0; i < a->nags; i++) {
		if (a->ags[i].block != b->ags[i].block ||
		    (a->ags[i].ag - a->list->agencies) !=
		    (b->ags[i].ag - b->list->agencies) ||
		    strcmp(a->ags[i].ag->code, b->ags[i].ag->code) != 0 ||
		    (a->ags[i].form == NULL) != (b->ags[i].form == NULL))
			return 0;
	}
	return 1;
}

/* The index of a form in its year, for moving pointers between loads. */
static size_t
app_form_index(const struct app_year *y, const struct form *f)
{
	size_t	i;

	for (i = 0; i < y->nforms; i++) {
		if (y->forms[i] == f)
			return i;
	}
	return 0;
}

int
app_year_reload(struct store *st, struct app_year *y, struct app_year **out,
    int *kept, char **cause)
{
	struct app_year		*ny;
	struct app_agency	*tmp;
	void			*p;
	size_t			 i, n;
	int			 rc;

	*out = NULL;
	*kept = 0;
	*cause = NULL;
	if ((rc = app_year_load(st, y->year, &ny, cause)) != APP_OK) {
		/* Said once: tried again at the next change, not each tick. */
		y->data_version = store_data_version(st);
		return rc;
	}
	if (!app_year_same_shape(y, ny)) {
		*out = ny;
		return APP_OK;
	}
	/* What the screens had in memory, read again. */
	for (i = 0; i < ny->nags; i++) {
		if (y->ags[i].raw != NULL && (rc = app_agency_entries(st, ny,
		    &ny->ags[i], cause)) != APP_OK) {
			app_year_free(ny);
			return rc;
		}
	}
	/* The new agencies point into the old list and forms (the same
	 * text), which the new year takes over: pointers the screens hold
	 * into them (an input's name) stay valid. */
	for (i = 0; i < ny->nags; i++) {
		struct app_agency	*a = &ny->ags[i], *o = &y->ags[i];

		a->ag = y->list->agencies + (a->ag - ny->list->agencies);
		if (a->form != NULL)
			a->form = y->forms[app_form_index(ny, a->form)];
		o->ag = ny->list->agencies + (o->ag - y->list->agencies);
		if (o->form != NULL)
			o->form = ny->forms[app_form_index(y, o->form)];
	}
	p = ny->list;
	ny->list = y->list;
	y->list = p;
	p = ny->forms;
	ny->forms = y->forms;
	y->forms = p;
	p = ny->block_form;
	ny->block_form = y->block_form;
	y->block_form = p;
	n = ny->nforms;
	ny->nforms = y->nforms;
	y->nforms = n;
	/* The agencies' new contents in their old places. */
	for (i = 0; i < ny->nags; i++) {
		struct app_agency	t = ny->ags[i];

		ny->ags[i] = y->ags[i];
		y->ags[i] = t;
	}
	tmp = ny->ags;
	ny->ags = y->ags;
	y->ags = tmp;
	app_year_free(y);
	*out = ny;
	*kept = 1;
	return APP_OK;
}
