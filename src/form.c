/* form: the criteria tree, the agency list and the item rules. */
#include "form.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "util.h"

static const char *const rule_names[] = {
	[RULE_POINTS] = "points",
	[RULE_CHOICE] = "choice",
	[RULE_BANDS] = "bands",
	[RULE_RATIO] = "ratio",
	[RULE_FORMULA] = "formula",
};

struct form *
form_new(void)
{
	struct form	*f = xcalloc(1, sizeof(struct form));

	f->manual_cap = -1;
	return f;
}

static void
form_item_clear(struct form_item *it)
{
	size_t	i;

	free(it->code);
	free(it->title);
	free(it->guidance);
	free(it->appraiser);
	for (i = 0; i < it->nlevels; i++)
		free(it->levels[i].label);
	free(it->levels);
	free(it->bands);
	free(it->unit);
	free(it->done_label);
	free(it->planned_label);
	for (i = 0; i < it->ninputs; i++) {
		free(it->inputs[i].name);
		free(it->inputs[i].label);
	}
	free(it->inputs);
	free(it->expr_text);
	for (i = 0; i < it->nconstraints; i++) {
		free(it->constraints[i].text);
		expr_free(it->constraints[i].l);
		expr_free(it->constraints[i].r);
	}
	free(it->constraints);
	expr_free(it->expr);
}

void
form_free(struct form *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		form_item_clear(&f->items[i]);
	free(f->items);
	for (i = 0; i < f->ncriteria; i++) {
		free(f->criteria[i].code);
		free(f->criteria[i].title);
	}
	free(f->criteria);
	for (i = 0; i < f->nareas; i++) {
		free(f->areas[i].code);
		free(f->areas[i].title);
	}
	free(f->areas);
	for (i = 0; i < f->ngrades; i++)
		free(f->grades[i].name);
	free(f->grades);
	free(f->advisory.index);
	free(f->advisory.fall);
	free(f->advisory.rank);
	for (i = 0; i < f->nprofiles; i++) {
		free(f->profiles[i].name);
		free(f->profiles[i].title);
		free(f->profiles[i].items);
	}
	free(f->profiles);
	free(f->file);
	free(f->id);
	free(f->title);
	free(f->block);
	free(f);
}

struct form_agency_list *
agency_list_new(void)
{
	return xcalloc(1, sizeof(struct form_agency_list));
}

void
agency_list_free(struct form_agency_list *l)
{
	size_t	i;

	if (l == NULL)
		return;
	if (l->arena != NULL) {	/* unpacked: the strings are in the arena */
		free(l->blocks);
		free(l->bycode);
		free(l->agencies);
		free(l->appraisers);
		free(l->arena_ints);
		free(l->arena);
		free(l);
		return;
	}
	for (i = 0; i < l->nblocks; i++) {
		free(l->blocks[i].code);
		free(l->blocks[i].name);
	}
	free(l->blocks);
	free(l->bycode);
	for (i = 0; i < l->nagencies; i++) {
		free(l->agencies[i].code);
		free(l->agencies[i].name);
		free(l->agencies[i].block);
		free(l->agencies[i].parent);
		free(l->agencies[i].profile);
		free(l->agencies[i].form);
		free(l->agencies[i].advises);
	}
	free(l->agencies);
	for (i = 0; i < l->nappraisers; i++) {
		free(l->appraisers[i].code);
		free(l->appraisers[i].name);
		free(l->appraisers[i].by);
	}
	free(l->appraisers);
	free(l->file);
	free(l->province);
	free(l);
}

long
form_item_index(const struct form *f, const char *code)
{
	size_t	i;

	for (i = 0; i < f->nitems; i++) {
		if (strcmp(f->items[i].code, code) == 0)
			return (long)i;
	}
	return -1;
}

const struct form_item *
form_find_item(const struct form *f, const char *code)
{
	long	i = form_item_index(f, code);

	return i < 0 ? NULL : &f->items[i];
}

const struct form_profile *
form_find_profile(const struct form *f, const char *name)
{
	size_t	i;

	for (i = 0; i < f->nprofiles; i++) {
		if (strcmp(f->profiles[i].name, name) == 0)
			return &f->profiles[i];
	}
	return NULL;
}

const struct form_agency *
agency_find(const struct form_agency_list *l, const char *code)
{
	size_t	i, lo, hi, mid;
	int	c;

	if (l->bycode != NULL) {
		/* The first of equal codes (duplicates are refused). */
		for (lo = 0, hi = l->nbycode; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			c = strcmp(l->bycode[mid]->code, code);
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < l->nbycode && strcmp(l->bycode[lo]->code,
		    code) == 0 ? l->bycode[lo] : NULL;
	}
	for (i = 0; i < l->nagencies; i++) {
		if (l->agencies[i].code != NULL &&
		    strcmp(l->agencies[i].code, code) == 0)
			return &l->agencies[i];
	}
	return NULL;
}

static int
agency_cmp(const void *a, const void *b)
{
	const struct form_agency *x = *(const struct form_agency *const *)a;
	const struct form_agency *y = *(const struct form_agency *const *)b;
	int c;

	/* Agencies without a code (an error in the file) go last. */
	if (x->code == NULL || y->code == NULL)
		return (x->code == NULL) - (y->code == NULL);
	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

void
agency_list_index(struct form_agency_list *l)
{
	size_t	i;

	free(l->bycode);
	l->bycode = xcalloc(l->nagencies + 1, sizeof *l->bycode);
	for (i = 0; i < l->nagencies; i++)
		l->bycode[i] = &l->agencies[i];
	qsort(l->bycode, l->nagencies, sizeof *l->bycode, agency_cmp);
	for (l->nbycode = 0; l->nbycode < l->nagencies &&
	    l->bycode[l->nbycode]->code != NULL; l->nbycode++)
		;
}

const struct form_block *
agency_find_block(const struct form_agency_list *l, const char *code)
{
	size_t	i;

	for (i = 0; i < l->nblocks; i++) {
		if (strcmp(l->blocks[i].code, code) == 0)
			return &l->blocks[i];
	}
	return NULL;
}

struct form *
form_find_id(struct form *const *forms, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (forms[i]->id != NULL && strcmp(forms[i]->id, id) == 0)
			return forms[i];
	}
	return NULL;
}

struct form *
form_for_block(struct form *const *forms, size_t n, const char *block)
{
	struct form	*one = NULL;
	size_t		 i, k = 0;

	for (i = 0; i < n; i++) {
		if (forms[i]->block == NULL ||
		    strcmp(forms[i]->block, block) != 0)
			continue;
		if (forms[i]->id != NULL && strcmp(forms[i]->id, block) == 0)
			return forms[i];
		one = forms[i];
		k++;
	}
	return k == 1 ? one : NULL;
}

struct form *
form_for_agency(struct form *const *forms, size_t n,
    const struct form_agency *ag)
{
	struct form	*f;

	if (ag->block == NULL)
		return NULL;
	if (ag->form == NULL)
		return form_for_block(forms, n, ag->block);
	f = form_find_id(forms, n, ag->form);
	return f != NULL && f->block != NULL &&
	    strcmp(f->block, ag->block) == 0 ? f : NULL;
}

const struct form_appraiser *
agency_find_appraiser(const struct form_agency_list *l, const char *code)
{
	size_t	i;

	for (i = 0; i < l->nappraisers; i++) {
		if (l->appraisers[i].code != NULL &&
		    strcmp(l->appraisers[i].code, code) == 0)
			return &l->appraisers[i];
	}
	return NULL;
}

const char *
rule_name(enum form_rule_kind k)
{
	return rule_names[k];
}

int
rule_parse(const char *s, enum form_rule_kind *out)
{
	size_t	i;

	for (i = 0; i < UTIL_ARRAY_LEN(rule_names); i++) {
		if (strcmp(s, rule_names[i]) == 0) {
			*out = (enum form_rule_kind)i;
			return 0;
		}
	}
	return -1;
}

int
form_check_points(const struct form_item *it, int64_t v, char **cause)
{
	char	a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ], s[UTIL_CP_BUFSZ];
	char	x[UTIL_CP_BUFSZ];
	int64_t	off;

	if (v < it->min || v > it->max) {
		*cause = xasprintf(TR("%s is outside %s..%s for item %s"),
		    util_format_cp(v, util_msg_mark(), x),
		    util_format_cp(it->min, util_msg_mark(), a),
		    util_format_cp(it->max, util_msg_mark(), b), it->code);
		return -1;
	}
	/*
	 * min <= v <= max, and the loader bounds both by UTIL_CP_LIMIT, so
	 * v - min is at most 2 x 10^11; checked all the same, for items
	 * built by hand.
	 */
	if (it->step > 0 && (__builtin_sub_overflow(v, it->min, &off) ||
	    off % it->step != 0)) {
		*cause = xasprintf(
		    TR("%s is not a multiple of %s within %s..%s for item %s"),
		    util_format_cp(v, util_msg_mark(), x),
		    util_format_cp(it->step, util_msg_mark(), s),
		    util_format_cp(it->min, util_msg_mark(), a),
		    util_format_cp(it->max, util_msg_mark(), b), it->code);
		return -1;
	}
	return 0;
}

/* The list of points a, b, c of levels or bands, for a message. */
static char *
form_points_list(const int64_t *first, size_t stride, size_t n)
{
	struct strbuf	 sb;
	char		 a[UTIL_CP_BUFSZ];
	size_t		 i;

	strbuf_init(&sb);
	strbuf_add(&sb, "", 0);
	for (i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "",
		    util_format_cp(*(const int64_t *)((const char *)first +
		    i * stride), util_msg_mark(), a));
	return strbuf_steal(&sb);
}

/*
 * The least points a ratio item gives above 0: round(max x threshold),
 * threshold in bp.  Both are bounded by the loader (10^11 and 10^4), and
 * the 128-bit product of util_mul_div_round holds any int64_t anyway.
 */
static int64_t
form_ratio_least(const struct form_item *it)
{
	int64_t	least;

	if (util_mul_div_round(it->max, it->threshold, 10000, &least) != 0)
		least = it->max;
	return least;
}

int
form_check_value(const struct form_item *it, int64_t v, char **cause)
{
	char	 a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ], x[UTIL_CP_BUFSZ];
	char	*list;
	size_t	 i;

	*cause = NULL;
	switch (it->rule) {
	case RULE_POINTS:
		return form_check_points(it, v, cause);
	case RULE_CHOICE:
		for (i = 0; i < it->nlevels; i++) {
			if (it->levels[i].points == v)
				return 0;
		}
		list = form_points_list(it->nlevels > 0 ?
		    &it->levels[0].points : NULL, sizeof *it->levels,
		    it->nlevels);
		*cause = xasprintf(TR("%s is not a level of item %s (%s)"),
		    util_format_cp(v, util_msg_mark(), x), it->code, list);
		free(list);
		return -1;
	case RULE_BANDS:
		if (v == 0)
			return 0;
		for (i = 0; i < it->nbands; i++) {
			if (it->bands[i].points == v)
				return 0;
		}
		list = form_points_list(it->nbands > 0 ?
		    &it->bands[0].points : NULL, sizeof *it->bands,
		    it->nbands);
		*cause = xasprintf(TR("%s is not a band of item %s (%s)"),
		    util_format_cp(v, util_msg_mark(), x), it->code, list);
		free(list);
		return -1;
	case RULE_RATIO:
		/*
		 * 0 below the threshold, else max x done / planned >= max x
		 * threshold: v x 10000 >= max x threshold, compared in 128
		 * bits since v may be any int64_t.
		 */
		if (v != 0 && (v > it->max ||
		    (__int128)v * 10000 < (__int128)it->max * it->threshold)) {
			*cause = xasprintf(
			    TR("%s is not possible for item %s: 0, or from %s to %s"),
			    util_format_cp(v, util_msg_mark(), x), it->code,
			    util_format_cp(form_ratio_least(it),
			    util_msg_mark(), a),
			    util_format_cp(it->max, util_msg_mark(), b));
			return -1;
		}
		return 0;
	case RULE_FORMULA:
		if (v < it->min || v > it->max) {
			*cause = xasprintf(
			    TR("%s is outside %s..%s for item %s"),
			    util_format_cp(v, util_msg_mark(), x),
			    util_format_cp(it->min, util_msg_mark(), a),
			    util_format_cp(it->max, util_msg_mark(), b),
			    it->code);
			return -1;
		}
		return 0;
	}
	return 0;
}

static int64_t
form_clamp(const struct form_item *it, int64_t v)
{
	if (v < it->min)
		return it->min;
	if (v > it->max)
		return it->max;
	return v;
}

/* The constraints of a formula item hold for the inputs; else -1 with
 * *cause naming the constraint and the inputs' values. */
static int
form_check_constraints(const struct form_item *it, const int64_t *vars,
    char **cause)
{
	const struct form_constraint	*k;
	struct strbuf			 b;
	char				 x[UTIL_CP_BUFSZ];
	size_t				 i, j;
	int				 sign, ok, rc;

	for (i = 0; i < it->nconstraints; i++) {
		k = &it->constraints[i];
		if ((rc = expr_compare(k->l, k->r, vars, &sign, cause)) != 0) {
			char	*c = *cause;

			*cause = xasprintf(TR("item %s: %s: %s"), it->code, k->text, c);
			free(c);
			return -1;
		}
		ok = k->op == FORM_CMP_LE ? sign <= 0 : k->op == FORM_CMP_LT ?
		    sign < 0 : k->op == FORM_CMP_GE ? sign >= 0 :
		    k->op == FORM_CMP_GT ? sign > 0 : sign == 0;
		if (ok)
			continue;
		strbuf_init(&b);
		for (j = 0; j < it->ninputs; j++)
			strbuf_printf(&b, "%s%s = %s", j ? ", " : "",
			    it->inputs[j].name,
			    util_format_cp(vars[j], util_msg_mark(), x));
		*cause = xasprintf(TR("item %s: the inputs cannot be: %s must hold, but %s"), it->code, k->text, b.s);
		strbuf_clear(&b);
		return -1;
	}
	return 0;
}

int
form_rule_points(const struct form_item *it, const struct form_rule_input *in,
    int64_t *points, char **cause)
{
	size_t	i;
	int	rc;

	*cause = NULL;
	switch (it->rule) {
	case RULE_POINTS:
		if (form_check_points(it, in->value, cause) != 0)
			return -1;
		*points = in->value;
		return 0;
	case RULE_CHOICE:
		if (in->level >= it->nlevels) {
			*cause = xasprintf(
			    TR("level %zu does not exist: item %s has levels 1..%zu"),
			    in->level + 1, it->code, it->nlevels);
			return -1;
		}
		*points = it->levels[in->level].points;
		return 0;
	case RULE_BANDS:
		if (in->value < 0) {
			*cause = xasprintf(
			    TR("the measured value of item %s cannot be negative"),
			    it->code);
			return -1;
		}
		if (in->value > FORM_INPUT_MAX) {
			*cause = xasprintf(
			    TR("item %s: values above %d are not accepted"),
			    it->code, (int)(FORM_INPUT_MAX / 100));
			return -1;
		}
		if (it->unit != NULL && strcmp(it->unit, "%") == 0 &&
		    in->value > 10000) {
			*cause = xasprintf(
			    TR("item %s: a percentage cannot be above 100"),
			    it->code);
			return -1;
		}
		*points = 0;
		for (i = 0; i < it->nbands; i++) {
			if (in->value >= it->bands[i].from) {
				*points = it->bands[i].points;
				break;
			}
		}
		return 0;
	case RULE_RATIO:
		if (in->done > FORM_INPUT_MAX || in->planned > FORM_INPUT_MAX) {
			*cause = xasprintf(
			    TR("item %s: counts above %d are not accepted"),
			    it->code, (int)(FORM_INPUT_MAX / 100));
			return -1;
		}
		if (in->done % 100 != 0 || in->planned % 100 != 0) {
			*cause = xasprintf(
			    TR("item %s: done and planned are counts (whole numbers)"),
			    it->code);
			return -1;
		}
		if (in->done < 0 || in->planned <= 0) {
			*cause = xasprintf(
			    TR("item %s needs done >= 0 and planned > 0"),
			    it->code);
			return -1;
		}
		/* Doing more than planned is doing all of it. */
		if (in->done >= in->planned) {
			*points = it->max;
			return 0;
		}
		/*
		 * done/planned >= threshold, compared exactly.  Here 0 <=
		 * done < planned <= 10^11 and the loader keeps threshold
		 * within 0..10^4, so both products are below 10^15; the
		 * 128-bit products hold any item all the same.
		 */
		if ((__int128)in->done * 10000 <
		    (__int128)it->threshold * in->planned) {
			*points = 0;
			return 0;
		}
		/* Cannot fail: 0 <= done < planned puts it within 0..max. */
		(void)util_mul_div_round(it->max, in->done, in->planned,
		    points);
		return 0;
	case RULE_FORMULA:
		for (i = 0; i < it->ninputs; i++) {
			if (in->vars[i] > FORM_INPUT_MAX) {
				*cause = xasprintf(
				    TR("item %s: input %s above %d is not accepted"),
				    it->code, it->inputs[i].name,
				    (int)(FORM_INPUT_MAX / 100));
				return -1;
			}
			if (in->vars[i] < 0) {
				*cause = xasprintf(
				    TR("item %s: input %s cannot be negative"),
				    it->code, it->inputs[i].name);
				return -1;
			}
		}
		if (form_check_constraints(it, in->vars, cause) != 0)
			return -1;
		rc = expr_eval(it->expr, in->vars, points, cause);
		if (rc == EXPR_EVAL_DIVZERO &&
		    it->when_zero != WHEN_ZERO_ERROR) {
			free(*cause);
			*cause = NULL;
			*points = it->when_zero == WHEN_ZERO_MAX ? it->max : 0;
			return it->when_zero == WHEN_ZERO_NOT_ARISING ?
			    FORM_RULE_NOT_ARISING : 0;
		}
		if (rc != 0) {
			char	*c = *cause;

			*cause = xasprintf("item %s: %s", it->code, c);
			free(c);
			return -1;
		}
		*points = form_clamp(it, *points);
		return 0;
	}
	*cause = xstrdup("unknown rule");
	return -1;
}
