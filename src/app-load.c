/* app-load: a year loaded into memory, its totals, grades and ranks. */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "formload.h"
#include "util.h"

static const char *const app_state_words[] = { "draft", "submitted",
    "appraised", "published" };

const char *
app_state_name(enum app_state s)
{
	return (size_t)s < UTIL_ARRAY_LEN(app_state_words) ?
	    app_state_words[s] : "?";
}

int
app_state_parse(const char *s, enum app_state *out)
{
	size_t	i;

	for (i = 0; s != NULL && i < UTIL_ARRAY_LEN(app_state_words); i++) {
		if (strcmp(s, app_state_words[i]) == 0) {
			*out = (enum app_state)i;
			return 0;
		}
	}
	return -1;
}

int
app_end(struct store *st, int rc, char **cause)
{
	if (rc == APP_OK)
		return store_commit(st, cause);
	store_rollback(st);
	return rc;
}

int
app_locked(const struct app_year *y, char **cause)
{
	*cause = xasprintf(TR("year %d is published and locked; reopen it with: cchc state %d reopen --reason TEXT"), y->year, y->year);
	return APP_LOCKED;
}

void
app_changed(struct app_year *y)
{
	y->generation++;
}

void
app_default_entry(const struct app_agency *a, size_t item,
    struct entry_record *e)
{
	const struct form_profile	*p = NULL;
	size_t			 i;

	memset(e, 0, sizeof *e);
	e->agency = xstrdup(a->ag->code);
	e->item = xstrdup(a->form->items[item].code);
	if (a->ag->profile != NULL)
		p = form_find_profile(a->form, a->ag->profile);
	for (i = 0; p != NULL && i < p->nitems; i++) {
		if (p->items[i] == item) {
			e->self.status = STATUS_NOT_ASSIGNED;
			e->appraised.status = STATUS_NOT_ASSIGNED;
		}
	}
}

void
app_year_free(struct app_year *y)
{
	size_t	i, j;

	if (y == NULL)
		return;
	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];

		for (j = 0; a->raw != NULL && j < a->form->nitems; j++)
			entry_record_clear(&a->raw[j]);
		free(a->raw);
		free(a->stored);
		free(a->entries);
		entry_deductions_free(a->ded, a->nded);
		if (a->form != NULL) {
			totals_clear(&a->self);
			totals_clear(&a->appraised);
		}
	}
	free(y->ags);
	for (i = 0; i < y->nforms; i++)
		form_free(y->forms[i]);
	free(y->forms);
	free(y->block_form);
	agency_list_free(y->list);
	free(y->prov);
	free(y->reason);
	free(y->undo);
	free(y);
}

int
app_agency_entries(struct store *st, struct app_year *y, struct app_agency *a,
    char **cause)
{
	(void)st;
	(void)y;
	(void)a;
	*cause = NULL;
	return APP_OK;
}

struct app_agency *
app_find_agency(struct app_year *y, const char *code)
{
	size_t	i;

	for (i = 0; i < y->nags; i++) {
		if (strcmp(y->ags[i].ag->code, code) == 0)
			return &y->ags[i];
	}
	return NULL;
}

/* Places fallen: rank against the year before (given, or that year's). */
int
app_province_falls(struct store *st, struct app_year *y, char **cause)
{
	struct score_province	*prev = NULL;
	size_t			 nprev = 0, i, j;
	int			 rc;

	if ((rc = store_province(st, y->year - 1, &prev, &nprev, cause)) !=
	    STORE_OK)
		return rc;
	for (i = 0; i < y->nprov; i++) {
		struct score_province	*p = &y->prov[i];
		int			 before = p->prev_rank;

		for (j = 0; before == 0 && j < nprev; j++) {
			if (prev[j].area == p->area)
				before = prev[j].rank;
		}
		p->has_fall = p->rank > 0 && before > 0;
		p->fall = p->has_fall ? p->rank - before : 0;
	}
	free(prev);
	return APP_OK;
}

int
app_year_load(struct store *st, int year, struct app_year **out,
    char **cause)
{
	struct app_year		*y = xcalloc(1, sizeof *y);
	struct store_year	 info;
	struct store_form	*sf = NULL;
	struct entry_record	*se = NULL;
	struct entry_deduction	*sd = NULL;
	struct errlist		 errs;
	enum formload_kind	 kind;
	char			*state;
	size_t			 nsf = 0, nse = 0, nsd = 0, i, j;
	int			 rc;

	*out = NULL;
	errlist_init(&errs);
	memset(&info, 0, sizeof info);
	y->year = year;
	if ((rc = store_audit_last(st, &y->seen, cause)) != STORE_OK ||
	    (rc = store_year_get(st, year, &info, cause)) != STORE_OK)
		goto fail;
	y->published = strcmp(info.state, "published") == 0;
	y->reason = xstrdup(info.reason);
	y->list = formload_text(info.agencies_name, info.agencies_text,
	    &kind, &errs);
	if ((rc = store_forms(st, year, &sf, &nsf, cause)) != STORE_OK)
		goto fail;
	y->forms = xcalloc(nsf + 1, sizeof *y->forms);
	for (i = 0; i < nsf; i++) {
		struct form	*f = formload_text(sf[i].name, sf[i].text,
				    &kind, &errs);

		if (f != NULL)
			y->forms[y->nforms++] = f;
	}
	if (errs.n > 0 || y->list == NULL) {
		*cause = xasprintf(TR("year %d: a stored form or agency list does not load: %s"), year, errs.n > 0 ?
		    errs.items[0].msg : "?");
		rc = APP_ERR;
		goto fail;
	}
	y->block_form = xcalloc(y->list->nblocks + 1, sizeof *y->block_form);
	for (i = 0; i < y->list->nblocks; i++) {
		for (j = 0; j < y->nforms; j++) {
			if (strcmp(y->forms[j]->block,
			    y->list->blocks[i].code) == 0)
				y->block_form[i] = y->forms[j];
		}
	}
	y->ags = xcalloc(y->list->nagencies + 1, sizeof *y->ags);
	for (i = 0; i < y->list->nagencies; i++) {
		struct app_agency	*a = &y->ags[y->nags];

		a->ag = &y->list->agencies[i];
		for (j = 0; j < y->list->nblocks; j++) {
			if (strcmp(y->list->blocks[j].code, a->ag->block) == 0)
				a->block = j;
		}
		a->form = y->block_form[a->block];
		if (a->form == NULL) {
			*cause = xasprintf(TR("year %d: block %s has no form"),
			    year, a->ag->block);
			rc = APP_ERR;
			goto fail;
		}
		y->nags++;
		if ((rc = store_agency_state(st, year, a->ag->code, &state,
		    cause)) != STORE_OK)
			goto fail;
		if (app_state_parse(state, &a->state) != 0) {
			*cause = xasprintf(TR("year %d: agency %s has an unknown state \"%s\""), year, a->ag->code, state);
			free(state);
			rc = APP_ERR;
			goto fail;
		}
		free(state);
		a->raw = xcalloc(a->form->nitems, sizeof *a->raw);
		a->stored = xcalloc(a->form->nitems, 1);
		a->entries = xcalloc(a->form->nitems, sizeof *a->entries);
		for (j = 0; j < a->form->nitems; j++)
			app_default_entry(a, j, &a->raw[j]);
		totals_init(&a->self, a->form);
		totals_init(&a->appraised, a->form);
	}
	if ((rc = store_entries(st, year, NULL, NULL, &se, &nse, cause)) !=
	    STORE_OK)
		goto fail;
	for (i = 0; i < nse; i++) {
		struct app_agency	*a = app_find_agency(y, se[i].agency);
		long			 k;

		if (a == NULL || (k = form_item_index(a->form, se[i].item)) <
		    0)
			continue;
		entry_record_clear(&a->raw[k]);
		a->raw[k] = se[i];
		a->stored[k] = 1;
		memset(&se[i], 0, sizeof se[i]);
	}
	if ((rc = store_deductions(st, year, NULL, &sd, &nsd, cause)) !=
	    STORE_OK)
		goto fail;
	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];

		a->ded = xcalloc(nsd + 1, sizeof *a->ded);
		for (j = 0; j < nsd; j++) {
			if (sd[j].agency != NULL &&
			    strcmp(sd[j].agency, a->ag->code) == 0) {
				a->ded[a->nded++] = sd[j];
				memset(&sd[j], 0, sizeof sd[j]);
			}
		}
	}
	if ((rc = store_province(st, year, &y->prov, &y->nprov, cause)) !=
	    STORE_OK || (rc = app_province_falls(st, y, cause)) != STORE_OK)
		goto fail;
	store_forms_free(sf, nsf);
	entry_records_free(se, nse);
	entry_deductions_free(sd, nsd);
	store_year_clear(&info);
	errlist_clear(&errs);
	app_year_compute(y);
	*out = y;
	return APP_OK;
fail:
	store_forms_free(sf, nsf);
	entry_records_free(se, nse);
	entry_deductions_free(sd, nsd);
	store_year_clear(&info);
	errlist_clear(&errs);
	app_year_free(y);
	return rc;
}

const struct score_totals *
app_totals(const struct app_agency *a, enum score_side side)
{
	return side == SIDE_SELF ? &a->self : &a->appraised;
}

size_t
app_rank(const struct app_agency *a, enum score_side side)
{
	return side == SIDE_SELF ? a->rank_self : a->rank_appraised;
}

/* The group an agency is ranked in: 0 without a parent, else 1 + the
 * parent's official order (communes are ranked within their district). */
static size_t
app_rank_group(const struct app_year *y, const struct app_agency *a)
{
	const struct form_agency	*p;

	if (a->ag->parent == NULL ||
	    (p = agency_find(y->list, a->ag->parent)) == NULL)
		return 0;
	return p->order + 1;
}

/* Fill rows with the block's agencies in rank order on one side: by
 * group (the parent's official order), then by rank within the group. */
static size_t
app_rank_block(const struct app_year *y, size_t block, enum score_side side,
    struct score_rank_row *rows)
{
	struct score_rank_row	 tmp;
	size_t			 i, j, n = 0, start;
	size_t			*group = xcalloc(y->nags + 1, sizeof *group);

	for (i = 0; i < y->nags; i++) {
		if (y->ags[i].block != block)
			continue;
		rows[n].index = i;
		rows[n].order = y->ags[i].ag->order;
		rows[n].rate = app_totals(&y->ags[i], side)->rate;
		group[n] = app_rank_group(y, &y->ags[i]);
		n++;
	}
	/* Stable insertion sort by group: official order kept inside. */
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && group[j - 1] > group[j]; j--) {
			tmp = rows[j];
			rows[j] = rows[j - 1];
			rows[j - 1] = tmp;
			start = group[j];
			group[j] = group[j - 1];
			group[j - 1] = start;
		}
	}
	for (start = 0; start < n; start = i) {
		for (i = start + 1; i < n && group[i] == group[start]; i++)
			;
		score_rank(rows + start, i - start);
	}
	free(group);
	return n;
}

/* The sum of an agency's manual deduction lines (each is bounded by the
 * agency's max when added; a sum past the int64 range saturates). */
static int64_t
app_manual(const struct app_agency *a)
{
	int64_t	sum = 0;
	size_t	i;

	for (i = 0; i < a->nded; i++) {
		if (__builtin_add_overflow(sum, a->ded[i].points, &sum))
			return INT64_MAX / 2;
	}
	return sum;
}

/* One agency's totals on both sides, from its entries in memory. */
void
app_agency_totals(struct app_year *y, struct app_agency *a)
{
	size_t	j;

	for (j = 0; j < a->form->nitems; j++) {
		a->entries[j].self = a->raw[j].self;
		a->entries[j].appraised = a->raw[j].appraised;
		a->entries[j].has_evidence = a->raw[j].nevidence > 0;
	}
	a->manual = app_manual(a);
	a->advisory = score_advisory(&a->form->advisory, a->ag, y->prov,
	    y->nprov);
	score_agency(a->form, a->entries, SIDE_SELF, 0, &a->self);
	score_agency(a->form, a->entries, SIDE_APPRAISED, a->manual +
	    a->advisory, &a->appraised);
}

/* The ranks of one block, both sides. */
void
app_block_ranks(struct app_year *y, size_t b, struct score_rank_row *rows)
{
	size_t	j, n;

	n = app_rank_block(y, b, SIDE_SELF, rows);
	for (j = 0; j < n; j++)
		y->ags[rows[j].index].rank_self = rows[j].rank;
	n = app_rank_block(y, b, SIDE_APPRAISED, rows);
	for (j = 0; j < n; j++)
		y->ags[rows[j].index].rank_appraised = rows[j].rank;
}

void
app_year_compute(struct app_year *y)
{
	struct score_rank_row	*rows = xcalloc(y->nags + 1, sizeof *rows);
	size_t		 i, b;

	for (i = 0; i < y->nags; i++)
		app_agency_totals(y, &y->ags[i]);
	for (b = 0; b < y->list->nblocks; b++)
		app_block_ranks(y, b, rows);
	free(rows);
	app_changed(y);
}

void
app_agency_compute(struct app_year *y, struct app_agency *a)
{
	struct score_rank_row	*rows = xcalloc(y->nags + 1, sizeof *rows);

	app_agency_totals(y, a);
	app_block_ranks(y, a->block, rows);
	free(rows);
	app_changed(y);
}

void
app_block_ranking(const struct app_year *y, size_t block, enum score_side side,
    struct app_agency ***out, size_t *n)
{
	struct score_rank_row	*rows = xcalloc(y->nags + 1, sizeof *rows);
	size_t		 i;

	*n = app_rank_block(y, block, side, rows);
	*out = xcalloc(*n + 1, sizeof **out);
	for (i = 0; i < *n; i++)
		(*out)[i] = &y->ags[rows[i].index];
	free(rows);
}

int
app_agencies_by_name(struct store *st, const struct app_year *y, size_t block,
    struct app_agency ***out, size_t *n, char **cause)
{
	char	**codes = NULL;
	size_t	  nc = 0, i, j;
	int	  rc;

	*n = 0;
	*out = NULL;
	if ((rc = store_agencies_by_name(st, y->year,
	    y->list->blocks[block].code, &codes, &nc, cause)) != STORE_OK)
		return rc;
	*out = xcalloc(y->nags + 1, sizeof **out);
	for (i = 0; i < nc; i++) {
		for (j = 0; j < y->nags; j++) {
			if (strcmp(y->ags[j].ag->code, codes[i]) == 0)
				(*out)[(*n)++] = &y->ags[j];
		}
		free(codes[i]);
	}
	free(codes);
	return APP_OK;
}
