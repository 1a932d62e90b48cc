/* score: effective points, totals, rates, grades, deductions and ranks. */
#include "score.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "text.h"
#include "util.h"

static const char *const status_names[] = {
	[STATUS_EMPTY] = "",
	[STATUS_SCORED] = "scored",
	[STATUS_NOT_ARISING] = "not_arising",
	[STATUS_NOT_ASSIGNED] = "not_assigned",
	[STATUS_NOT_DONE] = "not_done",
};

/* Vietnamese words an office writes in a spreadsheet, NFC, lower case. */
static const struct {
	const char	*word;
	enum score_status	 status;
} status_words[] = {
	/* The word the manual and the messages use for "not yet". */
	{ "empty", STATUS_EMPTY },
	{ "chưa chấm", STATUS_EMPTY },
	{ "chua cham", STATUS_EMPTY },
	{ "đã chấm", STATUS_SCORED },
	{ "da cham", STATUS_SCORED },
	{ "có điểm", STATUS_SCORED },
	{ "không phát sinh", STATUS_NOT_ARISING },
	{ "khong phat sinh", STATUS_NOT_ARISING },
	{ "không giao", STATUS_NOT_ASSIGNED },
	{ "khong giao", STATUS_NOT_ASSIGNED },
	{ "không áp dụng", STATUS_NOT_ASSIGNED },
	{ "khong ap dung", STATUS_NOT_ASSIGNED },
	{ "không thực hiện", STATUS_NOT_DONE },
	{ "khong thuc hien", STATUS_NOT_DONE },
	{ "không có tlkc", STATUS_NOT_DONE },
	{ "không có TLKC", STATUS_NOT_DONE },
	{ "khong co tlkc", STATUS_NOT_DONE },
	{ "chưa chấm", STATUS_EMPTY },
	{ "chua cham", STATUS_EMPTY },
};

const char *
status_name(enum score_status s)
{
	return status_names[s];
}

/* The name or word s, exactly. */
static int
status_lookup(const char *s, enum score_status *out)
{
	size_t	i;

	for (i = 0; i < UTIL_ARRAY_LEN(status_names); i++) {
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum score_status)i;
			return 0;
		}
	}
	for (i = 0; i < UTIL_ARRAY_LEN(status_words); i++) {
		if (strcmp(s, status_words[i].word) == 0) {
			*out = status_words[i].status;
			return 0;
		}
	}
	return -1;
}

int
status_parse(const char *s, enum score_status *out)
{
	char	*n, *f;
	int	 rc;

	if (status_lookup(s, out) == 0)
		return 0;
	/* "Không Phát Sinh", in NFD or NFC, folds to "khong phat sinh". */
	if ((n = text_nfc(s)) == NULL)
		return -1;
	rc = status_lookup(n, out);
	if (rc != 0 && (f = text_fold(n)) != NULL) {
		rc = status_lookup(f, out);
		free(f);
	}
	free(n);
	return rc;
}

int64_t
score_item(const struct form_item *it, const struct score_entry *e,
    enum score_side side,
    unsigned *flags)
{
	const struct score_mark	*m = side == SIDE_SELF ? &e->self :
				    &e->appraised;

	*flags = 0;
	switch (m->status) {
	case STATUS_EMPTY:
		*flags = SCORE_UNSCORED;
		return 0;
	case STATUS_SCORED:
		if (it->evidence && m->points > 0 && !e->has_evidence) {
			/* The entered value is kept; only its effect is 0. */
			*flags = SCORE_NO_EVIDENCE;
			return 0;
		}
		return m->points;
	case STATUS_NOT_ARISING:
		return it->max;
	case STATUS_NOT_ASSIGNED:
		*flags = SCORE_NOT_ASSIGNED;
		return 0;
	case STATUS_NOT_DONE:
		return 0;
	}
	return 0;
}

void
totals_init(struct score_totals *t, const struct form *f)
{
	int64_t	*v;

	memset(t, 0, sizeof *t);
	t->nareas = f->nareas;
	/* One allocation for the three arrays (a national year has 20,000
	 * of these): area_max owns it. */
	v = xcalloc(3 * f->nareas + 1, sizeof *v);
	t->area_max = v;
	t->area_points = v + f->nareas;
	t->area_rate = v + 2 * f->nareas;
}

void
totals_init_at(struct score_totals *t, const struct form *f, int64_t *mem)
{
	memset(t, 0, sizeof *t);
	t->nareas = f->nareas;
	t->area_max = mem;
	t->area_points = mem + f->nareas;
	t->area_rate = mem + 2 * f->nareas;
	t->borrowed = 1;
}

void
totals_clear(struct score_totals *t)
{
	if (!t->borrowed)
		free(t->area_max);	/* and the two arrays after it */
	memset(t, 0, sizeof *t);
}

/*
 * a + b, saturated at the ends of int64_t.  With the loader's bounds (an
 * item's max and min within 10^11, a step's points too) and app's (a
 * deduction within the agency's max) a sum of points reaches 2^63 only
 * past 9 x 10^7 items, so it never saturates in practice; saturating
 * keeps the engine total and defined for any input all the same.
 */
static int64_t
score_add(int64_t a, int64_t b)
{
	int64_t	s;

	if (__builtin_add_overflow(a, b, &s))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return s;
}

static int64_t
score_sub(int64_t a, int64_t b)
{
	int64_t	s;

	if (__builtin_sub_overflow(a, b, &s))
		return b < 0 ? INT64_MAX : INT64_MIN;
	return s;
}

int64_t
score_rate(int64_t points, int64_t max)
{
	int64_t	rate;

	if (max <= 0)
		return 0;
	/*
	 * Exact through a 128-bit product.  Only points far above max (a
	 * bonus form, or points not bounded by the form) give a rate past
	 * int64_t: it saturates, keeping its sign and the order of ranks,
	 * and a form without bonus clamps it to 100 % anyway.
	 */
	if (util_mul_div_round(points, 10000, max, &rate) != 0)
		return points > 0 ? INT64_MAX : INT64_MIN;
	return rate;
}

void
score_sum(const struct form *f, const struct score_entry *entries,
    enum score_side side, struct score_totals *t)
{
	size_t		 i, a;
	unsigned	 flags;
	int64_t		 p;

	t->max = t->points = t->total = t->rate = t->deduction = 0;
	t->nitems = t->unscored = t->no_evidence = 0;
	for (a = 0; a < t->nareas; a++)
		t->area_max[a] = t->area_points[a] = t->area_rate[a] = 0;
	for (i = 0; i < f->nitems; i++) {
		const struct form_item	*it = &f->items[i];

		p = score_item(it, &entries[i], side, &flags);
		if (flags & SCORE_NOT_ASSIGNED)
			continue;
		t->nitems++;
		if (flags & SCORE_UNSCORED)
			t->unscored++;
		if (flags & SCORE_NO_EVIDENCE)
			t->no_evidence++;
		t->max = score_add(t->max, it->max);
		t->points = score_add(t->points, p);
		t->area_max[it->area] = score_add(t->area_max[it->area],
		    it->max);
		t->area_points[it->area] = score_add(t->area_points[it->area],
		    p);
	}
}

void
score_finish(const struct form *f, int64_t deduction, struct score_totals *t)
{
	size_t	a;

	t->deduction = deduction;
	for (a = 0; a < t->nareas; a++) {
		t->area_rate[a] = score_rate(t->area_points[a], t->area_max[a]);
		if (t->area_rate[a] < 0)
			t->area_rate[a] = 0;
		if (!f->bonus && t->area_rate[a] > 10000)
			t->area_rate[a] = 10000;
	}
	t->total = score_sub(t->points, deduction);
	if (t->total < 0)
		t->total = 0;
	t->rate = score_rate(t->total, t->max);
	if (!f->bonus && t->rate > 10000)
		t->rate = 10000;
}

void
score_agency(const struct form *f, const struct score_entry *entries,
    enum score_side side, int64_t deduction, struct score_totals *t)
{
	score_sum(f, entries, side, t);
	score_finish(f, deduction, t);
}

const char *
score_grade(const struct form *f, int64_t rate)
{
	size_t	i;

	for (i = 0; i < f->ngrades; i++) {
		if (rate >= f->grades[i].from)
			return f->grades[i].name;
	}
	return NULL;
}

int64_t
score_advisory_area(const struct form_advisory *adv,
    const struct score_province *pa)
{
	int64_t	d = 0, s = 0;
	size_t	i;

	if (pa->has_index) {
		/* The last (lowest) bound the index is strictly below. */
		for (i = 0; i < adv->nindex; i++) {
			if (pa->index < adv->index[i].bound)
				s = adv->index[i].points;
		}
		d = score_add(d, s);
	}
	if (pa->has_fall && pa->fall > 0) {
		s = 0;
		for (i = 0; i < adv->nfall; i++) {
			if (pa->fall >= adv->fall[i].bound)
				s = adv->fall[i].points;
		}
		d = score_add(d, s);
	}
	if (pa->rank > 0) {
		/* The last (highest) rank the province is at or below. */
		s = 0;
		for (i = 0; i < adv->nrank; i++) {
			if (pa->rank >= adv->rank[i].bound)
				s = adv->rank[i].points;
		}
		d = score_add(d, s);
	}
	return d;
}

int64_t
score_advisory(const struct form_advisory *adv, const struct form_agency *ag,
    const struct score_province *pa, size_t npa)
{
	int64_t	d = 0;
	size_t	i, j;

	if (!adv->present)
		return 0;
	/* Overall: every agency that advises on the index, once, by the
	 * province's overall index and rank (area 0). */
	if (adv->basis == FORM_BASIS_OVERALL) {
		for (j = 0; ag->nadvises > 0 && j < npa; j++) {
			if (pa[j].area == SCORE_OVERALL)
				d = score_advisory_area(adv, &pa[j]);
		}
		return adv->cap > 0 && d > adv->cap ? adv->cap : d;
	}
	for (i = 0; i < ag->nadvises; i++) {
		for (j = 0; j < npa; j++) {
			if (pa[j].area == ag->advises[i])
				d = score_add(d,
				    score_advisory_area(adv, &pa[j]));
		}
	}
	if (adv->cap > 0 && d > adv->cap)
		d = adv->cap;
	return d;
}

static int
score_rank_cmp(const void *va, const void *vb)
{
	const struct score_rank_row	*a = va, *b = vb;

	if (a->rate != b->rate)
		return a->rate > b->rate ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return 0;
}

void
score_rank(struct score_rank_row *rows, size_t n)
{
	size_t	i;

	qsort(rows, n, sizeof *rows, score_rank_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && rows[i].rate == rows[i - 1].rate)
			rows[i].rank = rows[i - 1].rank;
		else
			rows[i].rank = i + 1;
	}
}
