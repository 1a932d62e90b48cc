/*
 * fuzz-formload: the form and agency-list loader (src/formload.h) on any
 * text, then the scoring engine on every form it accepts.
 *
 * Properties checked besides the sanitizers: a file is accepted exactly
 * when no error was added, and every error names the file; an accepted
 * form holds together (each item found by its code, every criterion,
 * area and the form equal to the sum of their parts, grades in order);
 * an accepted agency list has codes found by agency_find, no cycle of
 * parents and no area advised twice, and is checked against the shipped
 * forms.  Then every item of an accepted form is scored on both sides
 * with statuses and inputs drawn from the input, and the agency's totals
 * must add up: its max is that of its assigned items, its areas sum to
 * it, the total is never below 0 and the rate stays within 0..100 %
 * unless the form allows bonus points.
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "formload.h"
#include "fuzz.h"
#include "score.h"
#include "util.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

static struct form	*shipped[3];
static size_t		 nshipped;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const names[] = { "so", "huyen", "xa" };
	struct errlist	 errs;
	char		*path;
	size_t		 i;

	(void)argc;
	(void)argv;
	errlist_init(&errs);
	for (i = 0; i < 3; i++) {
		path = xasprintf("%s/forms/%s.cfg", FUZZ_SRCDIR, names[i]);
		if ((shipped[nshipped] = formload_form(path, &errs)) != NULL)
			nshipped++;
		free(path);
	}
	FUZZ_CHECK(nshipped == 3 && errs.n == 0);
	errlist_clear(&errs);
	return 0;
}

/* A small generator of numbers drawn from the input. */
struct draw {
	uint64_t	s;
};

static uint64_t
draw(struct draw *d)
{
	d->s = d->s * 6364136223846793005ULL + 1442695040888963407ULL;
	return d->s >> 17;
}

/* A value in lo..hi (lo <= hi), on the step when step > 0. */
static int64_t
draw_in(struct draw *d, int64_t lo, int64_t hi, int64_t step)
{
	uint64_t	span = (uint64_t)hi - (uint64_t)lo;
	int64_t		v;

	if (span == 0)
		return lo;
	v = lo + (int64_t)(draw(d) % (span + 1 < span ? span : span + 1));
	if (step > 0)
		v -= (v - lo) % step;
	return v;
}

static void
check_form(const struct form *f)
{
	size_t	i, a, c;
	int64_t	sum, total = 0;

	for (i = 0; i < f->nitems; i++) {
		FUZZ_CHECK(form_item_index(f, f->items[i].code) == (long)i);
		FUZZ_CHECK(f->items[i].area < f->nareas &&
		    f->items[i].criterion < f->ncriteria);
		FUZZ_CHECK(f->items[i].min <= f->items[i].max);
	}
	for (c = 0; c < f->ncriteria; c++) {
		const struct form_criterion	*cr = &f->criteria[c];

		FUZZ_CHECK(cr->first_item + cr->nitems <= f->nitems);
		for (sum = 0, i = 0; i < cr->nitems; i++)
			sum += f->items[cr->first_item + i].max;
		FUZZ_CHECK(sum == cr->max);
	}
	for (a = 0; a < f->nareas; a++) {
		const struct form_area	*ar = &f->areas[a];

		FUZZ_CHECK(ar->first_criterion + ar->ncriteria <=
		    f->ncriteria);
		for (sum = 0, c = 0; c < ar->ncriteria; c++)
			sum += f->criteria[ar->first_criterion + c].max;
		FUZZ_CHECK(sum == ar->max);
		total += ar->max;
	}
	FUZZ_CHECK(total == f->max);
	for (i = 1; i < f->ngrades; i++)
		FUZZ_CHECK(f->grades[i - 1].from > f->grades[i].from);
}

/* One side's mark of item it, drawn: a status and points from its rule. */
static void
draw_mark(struct draw *d, const struct form_item *it, struct score_mark *m)
{
	struct form_rule_input	 in;
	int64_t			 vars[FORM_MAX_INPUTS], p;
	size_t			 k;
	char			*cause = NULL;
	int			 rc;

	m->status = (enum score_status)(draw(d) % 5);
	m->points = 0;
	if (m->status != STATUS_SCORED)
		return;
	memset(&in, 0, sizeof in);
	in.value = draw_in(d, it->min, it->max, draw(d) % 2 ? it->step : 0);
	if (draw(d) % 4 == 0)
		in.value = draw_in(d, -FORM_INPUT_MAX, FORM_INPUT_MAX, 0);
	in.level = it->nlevels > 0 ? draw(d) % (it->nlevels + 1) : 0;
	in.planned = draw_in(d, 0, draw(d) % 2 ? 10000 : FORM_INPUT_MAX, 0);
	in.done = draw_in(d, 0, in.planned + 100, 0);
	for (k = 0; k < FORM_MAX_INPUTS; k++)
		vars[k] = draw_in(d, draw(d) % 3 ? 0 : -FORM_INPUT_MAX,
		    draw(d) % 2 ? 100000 : FORM_INPUT_MAX, 0);
	in.vars = vars;
	rc = form_rule_points(it, &in, &p, &cause);
	FUZZ_CHECK(rc == 0 || rc == FORM_RULE_NOT_ARISING || rc == -1);
	FUZZ_CHECK((rc == -1) == (cause != NULL));
	free(cause);
	cause = NULL;
	if (rc == -1) {
		m->status = STATUS_EMPTY;
		return;
	}
	if (rc == FORM_RULE_NOT_ARISING) {
		m->status = STATUS_NOT_ARISING;
		return;
	}
	/* What a rule gives, the item accepts as typed points. */
	FUZZ_CHECK(p >= it->min && p <= it->max);
	FUZZ_CHECK(form_check_value(it, p, &cause) == 0);
	m->points = p;
}

static void
check_scores(const struct form *f, struct draw *d)
{
	struct score_entry	*e;
	struct score_totals	 t;
	int64_t			 max = 0, sum, ded;
	size_t			 i, a, n = 0;
	int			 side;

	e = xcalloc(f->nitems + 1, sizeof *e);
	for (i = 0; i < f->nitems; i++) {
		draw_mark(d, &f->items[i], &e[i].self);
		draw_mark(d, &f->items[i], &e[i].appraised);
		e[i].has_evidence = (int)(draw(d) % 2);
	}
	for (side = SIDE_SELF; side <= SIDE_APPRAISED; side++) {
		for (max = 0, n = 0, i = 0; i < f->nitems; i++) {
			const struct score_mark	*m = side == SIDE_SELF ?
			    &e[i].self : &e[i].appraised;

			if (m->status != STATUS_NOT_ASSIGNED) {
				max += f->items[i].max;
				n++;
			}
		}
		ded = draw_in(d, 0, max > 0 ? max : 0, 0);
		totals_init(&t, f);
		score_agency(f, e, (enum score_side)side, ded, &t);
		FUZZ_CHECK(t.max == max && t.nitems == n);
		FUZZ_CHECK(t.total >= 0 && t.rate >= 0);
		FUZZ_CHECK(f->bonus || t.rate <= 10000);
		FUZZ_CHECK(t.nareas == f->nareas);
		for (sum = 0, a = 0; a < t.nareas; a++)
			sum += t.area_max[a];
		FUZZ_CHECK(sum == t.max);
		for (sum = 0, a = 0; a < t.nareas; a++)
			sum += t.area_points[a];
		FUZZ_CHECK(sum == t.points);
		(void)score_grade(f, t.rate);
		totals_clear(&t);
	}
	free(e);
}

static void
check_agencies(struct form_agency_list *l)
{
	struct errlist	 errs;
	size_t		 i, j, k;
	const struct form_agency	*p;

	for (i = 0; i < l->nagencies; i++) {
		const struct form_agency	*ag = &l->agencies[i];

		FUZZ_CHECK(ag->code != NULL &&
		    agency_find(l, ag->code) != NULL);
		for (j = 0; j < ag->nadvises; j++)
			for (k = j + 1; k < ag->nadvises; k++)
				FUZZ_CHECK(ag->advises[j] != ag->advises[k]);
		/* Parents end within as many steps as there are agencies. */
		for (p = ag, k = 0; p != NULL && p->parent != NULL &&
		    k <= l->nagencies; k++)
			p = agency_find(l, p->parent);
		FUZZ_CHECK(k <= l->nagencies);
	}
	errlist_init(&errs);
	formload_cross_check(l, shipped, nshipped, &errs);
	for (i = 0; i < errs.n; i++)
		FUZZ_CHECK(errs.items[i].msg != NULL);
	errlist_clear(&errs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errlist		 errs;
	enum formload_kind	 kind;
	struct draw		 d = { 0x9e3779b97f4a7c15ULL };
	char			*text;
	void			*obj;
	size_t			 i;

	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < size; i++)
		d.s = (d.s ^ data[i]) * 0x100000001b3ULL;
	errlist_init(&errs);
	obj = formload_text("fuzz.cfg", text, &kind, &errs);
	FUZZ_CHECK((obj == NULL) == (errs.n > 0));
	for (i = 0; i < errs.n; i++) {
		FUZZ_CHECK(errs.items[i].msg != NULL &&
		    errs.items[i].msg[0] != '\0');
		FUZZ_CHECK(errs.items[i].file == NULL ||
		    strcmp(errs.items[i].file, "fuzz.cfg") == 0);
		FUZZ_CHECK(errs.items[i].line >= 0);
	}
	if (obj != NULL && kind == FORMLOAD_FORM) {
		check_form(obj);
		check_scores(obj, &d);
		form_free(obj);
	} else if (obj != NULL && kind == FORMLOAD_AGENCIES) {
		check_agencies(obj);
		agency_list_free(obj);
	} else
		FUZZ_CHECK(obj == NULL);
	errlist_clear(&errs);
	free(text);
	return 0;
}
