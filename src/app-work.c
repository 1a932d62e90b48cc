/*
 * app-work: the appraisers of a year and their work lists.  Each item of
 * a form names the unit that appraises it; an agency list may say that a
 * former unit's items are now appraised by an agency ("by"), so a code
 * appraises an item when the item names it, or names a unit mapped to
 * it.  A work list is the (agency, item) pairs one appraiser appraises in
 * a block, agency by agency in the block's order, with its progress.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "util.h"

const char *
app_appraiser_of(const struct app_year *y, const struct form_item *it)
{
	const struct form_appraiser	*m;

	if (it->appraiser == NULL)
		return NULL;
	m = agency_find_appraiser(y->list, it->appraiser);
	return m != NULL && m->by != NULL ? m->by : it->appraiser;
}

int
app_appraised_by(const struct app_year *y, const struct form_item *it,
    const char *code)
{
	const char	*eff = app_appraiser_of(y, it);

	return eff != NULL && (strcmp(eff, code) == 0 ||
	    strcmp(it->appraiser, code) == 0);
}

const char *
app_appraiser_name(const struct app_year *y, const char *code)
{
	const struct form_agency	*ag = agency_find(y->list, code);
	const struct form_appraiser	*m;

	if (ag != NULL)
		return ag->name;
	m = agency_find_appraiser(y->list, code);
	return m != NULL && m->name != NULL ? m->name : code;
}

int
app_appraiser_known(const struct app_year *y, const char *code)
{
	size_t	f, i;

	for (f = 0; f < y->nforms; f++) {
		for (i = 0; i < y->forms[f]->nitems; i++) {
			if (app_appraised_by(y, &y->forms[f]->items[i], code))
				return 1;
		}
	}
	return 0;
}

int
app_entry_skipped(const struct app_agency *a, size_t i)
{
	struct entry_record	def;
	int			skip;

	app_default_entry(a, i, &def);
	skip = def.appraised.status == STATUS_NOT_ASSIGNED &&
	    a->raw[i].self.status == STATUS_NOT_ASSIGNED &&
	    a->raw[i].appraised.status == STATUS_NOT_ASSIGNED &&
	    (a->raw[i].reason == NULL || *a->raw[i].reason == '\0');
	entry_record_clear(&def);
	return skip;
}

/* Appraisers in the list's order: agencies by official order, then the
 * other units by code. */
static int
appraiser_cmp(const struct app_year *y, const char *a, const char *b)
{
	const struct form_agency	*x = agency_find(y->list, a);
	const struct form_agency	*z = agency_find(y->list, b);

	if (x != NULL && z != NULL)
		return x->order < z->order ? -1 : x->order > z->order;
	if (x != NULL || z != NULL)
		return x != NULL ? -1 : 1;
	return strcmp(a, b);
}

size_t
app_appraisers(const struct app_year *y, size_t block, const char ***out)
{
	const char	**v = NULL;
	size_t		  n = 0, f, i, k;

	for (f = 0; f < y->nforms; f++) {
		const struct form	*fm = y->forms[f];
		size_t			 j;

		/* The forms the block's agencies are scored under. */
		for (j = y->block_from[block]; j < y->block_from[block + 1];
		    j++) {
			if (y->ags[y->layout[j]].form == fm)
				break;
		}
		if (j == y->block_from[block + 1])
			continue;
		for (i = 0; i < fm->nitems; i++) {
			const char	*c = app_appraiser_of(y, &fm->items[i]);

			if (c == NULL)
				continue;
			for (k = 0; k < n && strcmp(v[k], c) != 0; k++)
				;
			if (k < n)
				continue;
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = c;
		}
	}
	/* A handful of codes: insertion sort. */
	for (i = 1; i < n; i++) {
		const char	*c = v[i];

		for (k = i; k > 0 && appraiser_cmp(y, v[k - 1], c) > 0; k--)
			v[k] = v[k - 1];
		v[k] = c;
	}
	*out = v;
	return n;
}

int
app_work_done(const struct app_agency *a, size_t item)
{
	return a->raw[item].appraised.status != STATUS_EMPTY;
}

void
app_work_count(struct app_work *w)
{
	size_t	i;

	w->done = 0;
	for (i = 0; i < w->n; i++) {
		if (w->v[i].a->raw != NULL &&
		    app_work_done(w->v[i].a, w->v[i].item))
			w->done++;
	}
}

int
app_work_list(struct store *st, struct app_year *y, size_t block,
    const char *code, struct app_work *w, char **cause)
{
	size_t	j, i;
	int	rc;

	memset(w, 0, sizeof *w);
	*cause = NULL;
	for (j = y->block_from[block]; j < y->block_from[block + 1]; j++) {
		struct app_agency	*a = &y->ags[y->layout[j]];

		if ((rc = app_agency_entries(st, y, a, cause)) != APP_OK) {
			app_work_clear(w);
			return rc;
		}
		for (i = 0; i < a->form->nitems; i++) {
			if (!app_appraised_by(y, &a->form->items[i], code) ||
			    app_entry_skipped(a, i))
				continue;
			w->v = xreallocarray(w->v, w->n + 1, sizeof *w->v);
			w->v[w->n].a = a;
			w->v[w->n].item = i;
			w->n++;
		}
	}
	app_work_count(w);
	return APP_OK;
}

void
app_work_clear(struct app_work *w)
{
	free(w->v);
	memset(w, 0, sizeof *w);
}
