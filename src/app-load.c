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
	size_t	i;

	if (y == NULL)
		return;
	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];

		app_agency_release(y, a);
		entry_deductions_free(a->ded, a->nded);
		if (a->form != NULL) {
			totals_clear(&a->self);
			totals_clear(&a->appraised);
		}
	}
	free(y->ags);
	free(y->area_pool);
	free(y->layout);
	free(y->block_from);
	free(y->anchor);
	for (i = 0; i < y->nforms; i++)
		form_free(y->forms[i]);
	free(y->forms);
	free(y->block_form);
	agency_list_free(y->list);
	free(y->prov);
	free(y->reason);
	app_batch_free(y->batch);
	free(y->hash);
	free(y);
}

int
app_agency_entries(struct store *st, struct app_year *y, struct app_agency *a,
    char **cause)
{
	struct entry_record	*se = NULL;
	size_t			 nse = 0, i, n = a->form->nitems;
	long			 k;
	int			 rc;

	*cause = NULL;
	if (a->raw != NULL)
		return APP_OK;
	if ((rc = store_entries(st, y->year, a->ag->code, NULL, &se, &nse,
	    cause)) != STORE_OK)
		return rc;
	a->raw = xcalloc(n + 1, sizeof *a->raw);
	a->stored = xcalloc(n + 1, 1);
	a->entries = xcalloc(n + 1, sizeof *a->entries);
	for (i = 0; i < n; i++)
		app_default_entry(a, i, &a->raw[i]);
	for (i = 0; i < nse; i++) {
		if ((k = form_item_index(a->form, se[i].item)) < 0)
			continue;
		entry_record_clear(&a->raw[k]);
		a->raw[k] = se[i];
		a->stored[k] = 1;
		memset(&se[i], 0, sizeof se[i]);
	}
	entry_records_free(se, nse);
	for (i = 0; i < n; i++) {
		a->entries[i].self = a->raw[i].self;
		a->entries[i].appraised = a->raw[i].appraised;
		a->entries[i].has_evidence = a->raw[i].nevidence > 0;
	}
	y->loaded++;
	return APP_OK;
}

void
app_agency_release(struct app_year *y, struct app_agency *a)
{
	size_t	j;

	if (a->raw == NULL)
		return;
	for (j = 0; j < a->form->nitems; j++)
		entry_record_clear(&a->raw[j]);
	free(a->raw);
	free(a->stored);
	free(a->entries);
	a->raw = NULL;
	a->stored = NULL;
	a->entries = NULL;
	y->loaded--;
}

/* FNV-1a of a code, for the table of agencies by code. */
static size_t
app_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)h;
}

/* Index the agencies by code (open addressing, at most half full). */
static void
app_hash_build(struct app_year *y)
{
	size_t	i, h;

	for (y->hcap = 16; y->hcap < 2 * y->nags + 2; y->hcap *= 2)
		;
	y->hash = xcalloc(y->hcap, sizeof *y->hash);
	for (i = 0; i < y->nags; i++) {
		h = app_hash(y->ags[i].ag->code) & (y->hcap - 1);
		while (y->hash[h] != 0)
			h = (h + 1) & (y->hcap - 1);
		y->hash[h] = i + 1;
	}
}

struct app_agency *
app_find_agency(struct app_year *y, const char *code)
{
	size_t	h;

	if (y->hash == NULL)
		return NULL;
	h = app_hash(code) & (y->hcap - 1);
	while (y->hash[h] != 0) {
		if (strcmp(y->ags[y->hash[h] - 1].ag->code, code) == 0)
			return &y->ags[y->hash[h] - 1];
		h = (h + 1) & (y->hcap - 1);
	}
	return NULL;
}

/* The stored totals of one side into t's sums; the rest is finished by
 * the engine (score_finish). */
static void
app_total_in(struct score_totals *t, const struct store_total *r)
{
	if (r->area < 0) {
		t->max = r->max;
		t->points = r->points;
		t->nitems = (size_t)r->items;
		t->unscored = (size_t)r->unscored;
		t->no_evidence = (size_t)r->no_evidence;
	} else if ((size_t)r->area < t->nareas) {
		t->area_max[r->area] = r->max;
		t->area_points[r->area] = r->points;
	}
}

int
app_totals_initial(struct store *st, int year, const struct form_agency *ag,
    const struct form *f, char **cause)
{
	struct app_year		y;
	struct app_agency	a;
	struct entry_record	rec;
	size_t			i;
	int			rc;

	memset(&y, 0, sizeof y);
	memset(&a, 0, sizeof a);
	y.year = year;
	a.ag = ag;
	a.form = f;
	a.entries = xcalloc(f->nitems + 1, sizeof *a.entries);
	for (i = 0; i < f->nitems; i++) {
		app_default_entry(&a, i, &rec);
		a.entries[i].self = rec.self;
		a.entries[i].appraised = rec.appraised;
		entry_record_clear(&rec);
	}
	totals_init(&a.self, f);
	totals_init(&a.appraised, f);
	score_sum(f, a.entries, SIDE_SELF, &a.self);
	score_sum(f, a.entries, SIDE_APPRAISED, &a.appraised);
	rc = app_totals_write(st, &y, &a, cause);
	totals_clear(&a.self);
	totals_clear(&a.appraised);
	free(a.entries);
	return rc;
}

/* One stored total row into its agency (rows come agency by agency: the
 * last one found is tried first). */
struct app_totals_in {
	struct app_year		*y;
	struct app_agency	*last;
};

static int
app_total_row(void *arg, const struct store_total *r)
{
	struct app_totals_in	*in = arg;
	struct app_agency	*a = in->last;

	if (a == NULL || strcmp(a->ag->code, r->agency) != 0)
		a = in->last = app_find_agency(in->y, r->agency);
	if (a == NULL)
		return 0;
	app_total_in(r->side == SIDE_SELF ? &a->self : &a->appraised, r);
	if (r->area < 0)
		a->has_totals |= r->side == SIDE_SELF ? 1 : 2;
	return 0;
}

int
app_totals_read(struct store *st, struct app_year *y, const char *agency,
    char **cause)
{
	struct app_totals_in	in = { y, NULL };

	return store_totals(st, y->year, agency, app_total_row, &in, cause);
}

int
app_totals_write(struct store *st, struct app_year *y, struct app_agency *a,
    char **cause)
{
	struct store_total	*rows;
	size_t			 n = 0, s, k;
	int			 rc;

	rows = xcalloc(2 * (a->form->nareas + 1), sizeof *rows);
	for (s = 0; s < 2; s++) {
		const struct score_totals *t = s == 0 ? &a->self :
		    &a->appraised;

		rows[n].side = (int)s;
		rows[n].area = -1;
		rows[n].max = t->max;
		rows[n].points = t->points;
		rows[n].items = (int64_t)t->nitems;
		rows[n].unscored = (int64_t)t->unscored;
		rows[n].no_evidence = (int64_t)t->no_evidence;
		n++;
		for (k = 0; k < t->nareas; k++) {
			rows[n].side = (int)s;
			rows[n].area = (int)k;
			rows[n].max = t->area_max[k];
			rows[n].points = t->area_points[k];
			n++;
		}
	}
	rc = store_totals_put(st, y->year, a->ag->code, rows, n, cause);
	free(rows);
	if (rc == STORE_OK)
		a->has_totals = 3;
	return rc;
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


/* The workflow states of a year's agencies (or of one) into the year. */
static int
app_states_read(struct store *st, struct app_year *y, const char *agency,
    char **cause)
{
	char	**codes = NULL, **states = NULL;
	size_t	  ncodes = 0, i;
	int	  rc;

	if ((rc = store_agency_states(st, y->year, agency, &codes, &states,
	    &ncodes, cause)) != STORE_OK)
		return rc;
	for (i = 0; i < ncodes; i++) {
		struct app_agency	*a = app_find_agency(y, codes[i]);

		if (a != NULL && app_state_parse(states[i], &a->state) != 0) {
			*cause = xasprintf(TR("year %d: agency %s has an unknown state \"%s\""), y->year, a->ag->code, states[i]);
			rc = APP_ERR;
			break;
		}
	}
	store_strings_free(codes, ncodes);
	store_strings_free(states, ncodes);
	return rc;
}

static int
app_year_load_scope(struct store *st, int year, const char *scope,
    struct app_year **out, char **cause)
{
	struct app_year		*y = xcalloc(1, sizeof *y);
	struct store_year	 info;
	struct store_form	*sf = NULL;
	struct entry_deduction	*sd = NULL;
	struct errlist		 errs;
	enum formload_kind	 kind;
	size_t			 nsf = 0, nsd = 0, i, j, pool_w;
	size_t			 nmember, group;
	const struct form_agency *sag;
	unsigned char		*member = NULL;
	int			 rc;

	*out = NULL;
	errlist_init(&errs);
	memset(&info, 0, sizeof info);
	y->year = year;
	y->batch_loaded = APP_BATCH_LOADED;
	/* Read before the data: a change made meanwhile shows as stale. */
	y->data_version = store_data_version(st);
	if ((rc = store_audit_last(st, &y->seen, cause)) != STORE_OK ||
	    (rc = store_year_brief(st, year, &info, cause)) != STORE_OK)
		goto fail;
	y->published = strcmp(info.state, "published") == 0;
	if ((rc = app_rounds_load(st, y, cause)) != APP_OK)
		goto fail;
	y->reason = xstrdup(info.reason);
	/* The list as packed when the year was written (no parse), or,
	 * for a year of an older cchc or a pack that does not read, its
	 * text (verify says when the two disagree). */
	if (info.agencies_pack != NULL) {
		y->list = agency_list_unpack(info.agencies_pack,
		    info.agencies_pack_len);
		info.agencies_pack = NULL;	/* the list's now */
	}
	if (y->list == NULL) {
		store_year_clear(&info);
		if ((rc = store_year_get(st, year, &info, cause)) != STORE_OK)
			goto fail;
		y->list = formload_text(info.agencies_name,
		    info.agencies_text, &kind, &errs);
	}
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
	for (i = 0; i < y->list->nblocks; i++)
		y->block_form[i] = form_for_block(y->forms, y->nforms,
		    y->list->blocks[i].code);
	/* One agency's ranking group alone (cchc set): the agencies of its
	 * block and group, the rest of the list never made into agencies
	 * (at national size, making them was most of the cost of one set). */
	nmember = y->list->nagencies;
	if (scope != NULL && (sag = agency_find(y->list, scope)) != NULL) {
		group = app_list_group(y->list, sag);
		member = xcalloc(y->list->nagencies + 1, 1);
		for (i = 0, nmember = 0; i < y->list->nagencies; i++) {
			const struct form_agency *g = &y->list->agencies[i];

			member[i] = strcmp(g->block, sag->block) == 0 &&
			    app_list_group(y->list, g) == group;
			nmember += member[i];
		}
	}
	y->ags = xcalloc(nmember + 1, sizeof *y->ags);
	/* Both sides' area arrays of every agency in one zeroed block, at
	 * the widest form's size. */
	for (i = 0, pool_w = 0; i < y->nforms; i++)
		if (y->forms[i]->nareas > pool_w)
			pool_w = y->forms[i]->nareas;
	y->area_pool = xcalloc(nmember * 6 * pool_w + 1,
	    sizeof *y->area_pool);
	for (i = 0; i < y->list->nagencies; i++) {
		struct app_agency	*a = &y->ags[y->nags];

		if (member != NULL && !member[i])
			continue;

		a->ag = &y->list->agencies[i];
		for (j = 0; j < y->list->nblocks; j++) {
			if (strcmp(y->list->blocks[j].code, a->ag->block) == 0)
				a->block = j;
		}
		a->form = a->ag->form != NULL ? form_for_agency(y->forms,
		    y->nforms, a->ag) : y->block_form[a->block];
		if (a->form == NULL) {
			*cause = a->ag->form != NULL ? xasprintf(TR("year %d: agency %s has no form %s"), year, a->ag->code, a->ag->form) :
			    xasprintf(TR("year %d: block %s has no form"), year, a->ag->block);
			rc = APP_ERR;
			goto fail;
		}
		y->nags++;
		a->state = APP_DRAFT;
		totals_init_at(&a->self, a->form, y->area_pool +
		    6 * (y->nags - 1) * pool_w);
		totals_init_at(&a->appraised, a->form, y->area_pool +
		    (6 * (y->nags - 1) + 3) * pool_w);
	}
	app_hash_build(y);
	app_layout_build(y);
	/* The states, then the stored totals (of each agency of the group
	 * alone, when it is one group): no entry is read but those of
	 * agencies without totals (a year of an older cchc). */
	for (i = 0; i < (member != NULL ? y->nags : 1); i++) {
		const char	*code = member != NULL ? y->ags[i].ag->code : NULL;

		if ((rc = app_states_read(st, y, code, cause)) != APP_OK ||
		    (rc = app_totals_read(st, y, code, cause)) != APP_OK)
			goto fail;
	}
	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];

		if (a->has_totals != 3 && (rc = app_agency_entries(st, y, a,
		    cause)) != APP_OK)
			goto fail;
	}
	if ((rc = store_deductions(st, year, NULL, &sd, &nsd, cause)) !=
	    STORE_OK)
		goto fail;
	/* Lines in id order; each to its agency. */
	for (j = 0; j < nsd; j++) {
		struct app_agency	*a = sd[j].agency != NULL ?
					    app_find_agency(y, sd[j].agency) :
					    NULL;

		if (a == NULL)
			continue;
		a->ded = xreallocarray(a->ded, a->nded + 1, sizeof *a->ded);
		a->ded[a->nded++] = sd[j];
		memset(&sd[j], 0, sizeof sd[j]);
	}
	if ((rc = store_province(st, year, &y->prov, &y->nprov, cause)) !=
	    STORE_OK || (rc = app_province_falls(st, y, cause)) != STORE_OK)
		goto fail;
	app_year_compute(y);
	*out = y;
	y = NULL;
	rc = APP_OK;
fail:
	/* What was read to build the year, whatever happened. */
	store_forms_free(sf, nsf);
	entry_deductions_free(sd, nsd);
	store_year_clear(&info);
	errlist_clear(&errs);
	free(member);
	app_year_free(y);
	return rc;
}

int
app_year_load(struct store *st, int year, struct app_year **out,
    char **cause)
{
	return app_year_load_scope(st, year, NULL, out, cause);
}

int
app_year_load_for(struct store *st, int year, const char *agency,
    struct app_year **out, char **cause)
{
	return app_year_load_scope(st, year, agency, out, cause);
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

	/* With its entries in memory, the sums are the entries'; without,
	 * they are the stored ones.  The engine finishes both alike. */
	if (a->raw != NULL) {
		for (j = 0; j < a->form->nitems; j++) {
			a->entries[j].self = a->raw[j].self;
			a->entries[j].appraised = a->raw[j].appraised;
			a->entries[j].has_evidence = a->raw[j].nevidence > 0;
		}
		score_sum(a->form, a->entries, SIDE_SELF, &a->self);
		score_sum(a->form, a->entries, SIDE_APPRAISED, &a->appraised);
	}
	a->manual = app_manual(a);
	a->advisory = score_advisory(&a->form->advisory, a->ag, y->prov,
	    y->nprov);
	score_finish(a->form, 0, &a->self);
	score_finish(a->form, a->manual + a->advisory, &a->appraised);
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
