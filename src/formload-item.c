/* formload-item: one item of a form from a config: its rule and the
 * rule's parameters (levels, bands, ratio, formula with its inputs,
 * when_zero and constraints), every number exact. */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "formload-int.h"	/* and <libconfig.h> */
#include "formload.h"
#include "text.h"

static const char *const item_keys[] = { "code", "title", "max", "min",
    "step", "rule", "evidence", "appraiser", "guidance", "levels", "unit",
    "bands", "threshold", "done", "planned", "inputs", "expr", "when_zero",
    "constraints", "not_arising_needs_explanation", NULL };
static const char *const level_keys[] = { "label", "points", NULL };
static const char *const band_keys[] = { "from", "points", NULL };
static const char *const input_keys[] = { "name", "label", NULL };

/* Which rule each rule-specific item key belongs to. */
static const struct {
	const char	*key;
	enum form_rule_kind	 rule;
} item_rule_keys[] = {
	{ "step", RULE_POINTS },
	{ "levels", RULE_CHOICE },
	{ "unit", RULE_BANDS },
	{ "bands", RULE_BANDS },
	{ "threshold", RULE_RATIO },
	{ "done", RULE_RATIO },
	{ "planned", RULE_RATIO },
	{ "inputs", RULE_FORMULA },
	{ "expr", RULE_FORMULA },
	{ "when_zero", RULE_FORMULA },
	{ "constraints", RULE_FORMULA },
};

static void
fl_item_choice(struct fl *fl, const config_setting_t *g, struct form_item *it,
    const char *w)
{
	config_setting_t	*l = fl_list(fl, g, "levels", w, 1);
	char			 a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ];
	char			 c[UTIL_CP_BUFSZ];
	int			 i, n;

	if (l == NULL)
		return;
	n = config_setting_length(l);
	if (n == 0)
		fl_err(fl, l, TR("item %s: a choice needs at least one level"),
		    it->code);
	it->levels = xcalloc((size_t)n, sizeof *it->levels);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_level		*lv = &it->levels[it->nlevels];
		char			*lw = xasprintf(TR("item %s level %d"),
					    it->code, i + 1);

		if (fl_keys(fl, e, lw, level_keys)) {
			lv->label = fl_strdup(fl, e, "label", lw, 1);
			if (fl_cp(fl, e, "points", lw, 1, &lv->points) == 1 &&
			    fl->range_ok &&
			    (lv->points > it->max || lv->points < it->min))
				fl_err(fl, e, TR("%s: points %s outside the item's range %s..%s"), lw, fl_fmt(lv->points, a),
				    fl_fmt(it->min, b), fl_fmt(it->max, c));
			if (lv->label == NULL)
				lv->label = xstrdup("?");
			it->nlevels++;
		}
		free(lw);
	}
}

static void
fl_item_bands(struct fl *fl, const config_setting_t *g, struct form_item *it,
    const char *w)
{
	config_setting_t	*l = fl_list(fl, g, "bands", w, 1);
	char			 a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ];
	char			 c[UTIL_CP_BUFSZ];
	int			 i, n, prev_ok = 0, ok;

	it->unit = fl_strdup(fl, g, "unit", w, 0);
	if (l == NULL)
		return;
	n = config_setting_length(l);
	if (n == 0)
		fl_err(fl, l, TR("item %s: bands need at least one band"),
		    it->code);
	it->bands = xcalloc((size_t)n, sizeof *it->bands);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_band		*bd = &it->bands[it->nbands];
		char			*lw = xasprintf(TR("item %s band %d"),
					    it->code, i + 1);

		if (fl_keys(fl, e, lw, band_keys)) {
			/* An unread "from" is not compared with the next. */
			ok = fl_cp(fl, e, "from", lw, 1, &bd->from) == 1;
			if (ok) {
				if (bd->from < 0)
					fl_err(fl, e, TR("%s: \"from\" cannot be negative"), lw);
				if (it->nbands > 0 && prev_ok &&
				    bd->from >= it->bands[it->nbands - 1].from)
					fl_err(fl, e, TR("%s: bands out of order: \"from\" %s must be below the previous band's %s"), lw,
					    fl_fmt(bd->from, a), fl_fmt(
					    it->bands[it->nbands - 1].from, b));
			}
			prev_ok = ok;
			if (fl_cp(fl, e, "points", lw, 1, &bd->points) == 1 &&
			    fl->range_ok &&
			    (bd->points > it->max || bd->points < it->min))
				fl_err(fl, e, TR("%s: points %s outside the item's range %s..%s"), lw, fl_fmt(bd->points, a),
				    fl_fmt(it->min, b), fl_fmt(it->max, c));
			it->nbands++;
		}
		free(lw);
	}
}

static void
fl_item_ratio(struct fl *fl, const config_setting_t *g, struct form_item *it,
    const char *w)
{
	if (fl_cp(fl, g, "threshold", w, 1, &it->threshold) == 1 &&
	    (it->threshold < 0 || it->threshold > 10000))
		fl_err(fl, config_setting_get_member(g, "threshold"),
		    TR("item %s: threshold must be a percentage 0..100"),
		    it->code);
	it->done_label = fl_strdup(fl, g, "done", w, 0);
	it->planned_label = fl_strdup(fl, g, "planned", w, 0);
}

static int
fl_identifier(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
	    *s == '_'))
		return 0;
	for (s++; *s != '\0'; s++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	}
	return 1;
}

/* A formula item's when_zero: what a zero denominator means. */
static void
fl_item_when_zero(struct fl *fl, const config_setting_t *g,
    struct form_item *it, const char *w)
{
	static const char *const names[] = { "max", "not_arising", "zero" };
	const char	*v = fl_str(fl, g, "when_zero", w, 0);
	size_t		 i;

	if (v == NULL)
		return;
	for (i = 0; i < UTIL_ARRAY_LEN(names); i++) {
		if (strcmp(v, names[i]) == 0) {
			it->when_zero = (enum form_when_zero)(i + 1);
			return;
		}
	}
	fl_err(fl, config_setting_get_member(g, "when_zero"), TR("item %s: when_zero \"%s\" is not max, not_arising or zero"), it->code, v);
}

/* One constraint "LEFT OP RIGHT" (OP: <=, <, >=, >, =, ==) into *k;
 * 0, or -1 with *cause (caller frees). */
static int
fl_constraint_parse(const char *text, const char **names, size_t nnames,
    struct form_constraint *k, char **cause)
{
	const char	*p = strpbrk(text, "<>=");
	char		*left;
	size_t		 oplen = 1;

	if (p == NULL) {
		*cause = xstrdup(TR("no comparison (<=, <, >=, >, =)"));
		return -1;
	}
	if (p[0] == '<')
		k->op = p[1] == '=' ? FORM_CMP_LE : FORM_CMP_LT;
	else if (p[0] == '>')
		k->op = p[1] == '=' ? FORM_CMP_GE : FORM_CMP_GT;
	else
		k->op = FORM_CMP_EQ;
	if (p[1] == '=')
		oplen = 2;
	if (strpbrk(p + oplen, "<>=") != NULL) {
		*cause = xstrdup(TR("more than one comparison"));
		return -1;
	}
	left = xstrndup(text, (size_t)(p - text));
	k->l = expr_parse(left, names, nnames, cause);
	free(left);
	if (k->l == NULL)
		return -1;
	if ((k->r = expr_parse(p + oplen, names, nnames, cause)) == NULL)
		return -1;
	return 0;
}

/* A formula item's constraints on its inputs, such as "b + c <= a". */
static void
fl_item_constraints(struct fl *fl, const config_setting_t *g,
    struct form_item *it, const char *w, const char **names)
{
	config_setting_t	*l = fl_list(fl, g, "constraints", w, 0);
	char			*cause = NULL;
	int			 i, n;

	if (l == NULL)
		return;
	n = config_setting_length(l);
	it->constraints = xcalloc((size_t)n + 1, sizeof *it->constraints);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_constraint	*k =
					    &it->constraints[it->nconstraints];

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			fl_err(fl, e, TR("item %s: a constraint is a string such as \"b + c <= a\""), it->code);
			continue;
		}
		k->text = xstrdup(config_setting_get_string(e));
		k->line = (int)config_setting_source_line(e);
		if (fl_constraint_parse(k->text, names, it->ninputs, k,
		    &cause) != 0) {
			fl_err(fl, e, TR("item %s: constraint \"%s\": %s"), it->code, k->text, cause);
			free(cause);
			cause = NULL;
		}
		it->nconstraints++;
	}
}

static void
fl_item_formula(struct fl *fl, const config_setting_t *g, struct form_item *it,
    const char *w)
{
	config_setting_t	*l = fl_list(fl, g, "inputs", w, 1);
	config_setting_t	*x = config_setting_get_member(g, "expr");
	const char		*text;
	const char		**names;
	char			*cause = NULL;
	int			 i, n;
	size_t			 k;

	if (l != NULL) {
		n = config_setting_length(l);
		if (n > FORM_MAX_INPUTS)
			fl_err(fl, l, TR("item %s: a formula has at most %d inputs, this one has %d"), it->code, FORM_MAX_INPUTS, n);
		it->inputs = xcalloc((size_t)n, sizeof *it->inputs);
		for (i = 0; i < n; i++) {
			config_setting_t	*e = config_setting_get_elem(l,
						    i);
			struct form_input	*in = &it->inputs[it->ninputs];
			char			*lw = xasprintf(TR("item %s input %d"), it->code,
						    i + 1);

			if (fl_keys(fl, e, lw, input_keys)) {
				in->name = fl_strdup(fl, e, "name", lw, 1);
				in->label = fl_strdup(fl, e, "label", lw, 0);
				if (in->name == NULL)
					in->name = xstrdup("");
				else if (!fl_identifier(in->name))
					fl_err(fl, e, TR("%s: \"%s\" is not a name (letters, digits, _)"), lw,
					    in->name);
				for (k = 0; k < it->ninputs; k++) {
					if (strcmp(it->inputs[k].name,
					    in->name) == 0)
						fl_err(fl, e, TR("%s: duplicate input \"%s\""), lw,
						    in->name);
				}
				it->ninputs++;
			}
			free(lw);
		}
	}
	if ((text = fl_str(fl, g, "expr", w, 1)) == NULL)
		return;
	it->expr_text = xstrdup(text);
	names = xcalloc(it->ninputs, sizeof *names);
	for (k = 0; k < it->ninputs; k++)
		names[k] = it->inputs[k].name;
	it->expr = expr_parse(text, names, it->ninputs, &cause);
	if (it->expr == NULL) {
		fl_err(fl, x, TR("item %s: %s"), it->code, cause);
		free(cause);
	}
	fl_item_when_zero(fl, g, it, w);
	fl_item_constraints(fl, g, it, w, names);
	free(names);
}

static void	fl_item_fields(struct fl *, const config_setting_t *,
		    struct form *, struct form_item *, const char *);

int
fl_item(struct fl *fl, const config_setting_t *g, struct form *f,
    struct form_item *it)
{
	char	*w;

	it->line = (int)config_setting_source_line(g);
	fl->range_ok = fl->max_ok = 0;
	if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
		fl_err(fl, g, TR("item must be a group { ... }"));
		it->code = xasprintf("(line %d)", it->line);
		return 0;
	}
	it->code = fl_strdup(fl, g, "code", N_("item"), 1);
	if (it->code == NULL)
		it->code = xasprintf("(line %d)", it->line);
	if (strlen(it->code) > FL_CODE_MAX || strchr(it->code, '/') != NULL)
		fl_err(fl, g, TR("item code \"%.40s\" is longer than %d characters or holds a '/'"), it->code, FL_CODE_MAX);
	w = xasprintf(TR("item %s"), it->code);
	fl_item_fields(fl, g, f, it, w);
	free(w);
	return fl->max_ok;
}

static void
fl_item_fields(struct fl *fl, const config_setting_t *g, struct form *f,
    struct form_item *it, const char *w)
{
	const char	*rule;
	char		 a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ], c[UTIL_CP_BUFSZ];
	size_t		 k;
	int		 have_min, have_max;

	if (!fl_keys(fl, g, w, item_keys))
		return;
	it->title = fl_strdup(fl, g, "title", w, 1);
	it->guidance = fl_strdup(fl, g, "guidance", w, 0);
	it->appraiser = fl_strdup(fl, g, "appraiser", w, 0);
	if (it->appraiser != NULL)
		it->appraiser_line = (int)config_setting_source_line(
		    config_setting_get_member(g, "appraiser"));
	it->evidence = fl_bool(fl, g, "evidence", w, 1);
	it->na_explain = fl_bool(fl, g, "not_arising_needs_explanation", w,
	    f->na_explain);
	have_max = fl_cp(fl, g, "max", w, 1, &it->max);
	have_min = fl_cp(fl, g, "min", w, 0, &it->min);
	/* Checks against an unread min or max would only add noise. */
	fl->max_ok = have_max == 1;
	fl->range_ok = have_max == 1 && have_min != -1;
	if (fl->range_ok && it->min > it->max)
		fl_err(fl, config_setting_get_member(g, "min"),
		    TR("item %s: min %s is above max %s"), it->code,
		    fl_fmt(it->min, a), fl_fmt(it->max, b));
	if (have_max == 1 && it->max < 0)
		fl_err(fl, config_setting_get_member(g, "max"),
		    TR("item %s: max cannot be negative (a penalty item has max = 0 and a negative min)"), it->code);
	it->step = f->step;
	if ((rule = fl_str(fl, g, "rule", w, 1)) == NULL)
		return;
	if (rule_parse(rule, &it->rule) != 0) {
		fl_err(fl, config_setting_get_member(g, "rule"),
		    TR("item %s: unknown rule \"%s\" (points, choice, bands, ratio or formula)"), it->code, rule);
		return;
	}
	for (k = 0; k < UTIL_ARRAY_LEN(item_rule_keys); k++) {
		config_setting_t	*s = config_setting_get_member(g,
					    item_rule_keys[k].key);

		if (s != NULL && item_rule_keys[k].rule != it->rule)
			fl_err(fl, s, TR("item %s: \"%s\" does not apply to a %s item"), it->code, item_rule_keys[k].key, rule);
	}
	switch (it->rule) {
	case RULE_POINTS:
		/* min and max were read within 10^11: max - min fits. */
		if (fl_cp(fl, g, "step", w, 0, &it->step) == 1 &&
		    it->step <= 0) {
			fl_err(fl, config_setting_get_member(g, "step"),
			    TR("item %s: step must be above 0"), it->code);
			it->step = f->step;
		} else if (fl->range_ok && it->step > 0 &&
		    it->min <= it->max &&
		    (it->max - it->min) % it->step != 0)
			fl_err(fl, g, TR("item %s: step %s does not divide the range %s..%s"), it->code, fl_fmt(it->step, c),
			    fl_fmt(it->min, a), fl_fmt(it->max, b));
		break;
	case RULE_CHOICE:
		fl_item_choice(fl, g, it, w);
		break;
	case RULE_BANDS:
		fl_item_bands(fl, g, it, w);
		break;
	case RULE_RATIO:
		fl_item_ratio(fl, g, it, w);
		break;
	case RULE_FORMULA:
		fl_item_formula(fl, g, it, w);
		break;
	}
}
