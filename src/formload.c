/* formload: libconfig forms and agency lists into form.h structs. */
#include "formload.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "expr.h"
#include "form.h"
#include "text.h"
#include "util.h"

struct fl {
	const char	*file;
	struct errlist	*errs;
	size_t		 nerr;		/* errors before this load */
	int		 range_ok;	/* the item's min and max were read */
	int		 max_ok;	/* the item's max was read */
};

/* a + b, saturated: a sum of bounded maxima cannot overflow unnoticed. */
static int64_t
fl_add(int64_t a, int64_t b)
{
	int64_t	s;

	if (__builtin_add_overflow(a, b, &s))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return s;
}

static void fl_err(struct fl *, const config_setting_t *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
fl_err(struct fl *fl, const config_setting_t *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	errlist_add(fl->errs, fl->file,
	    s != NULL ? (int)config_setting_source_line(s) : 0, "%s", msg);
	free(msg);
}

/* Report keys of group g not in allowed[]; 0 if g is not a group. */
static int
fl_keys(struct fl *fl, const config_setting_t *g, const char *what,
    const char *const *allowed)
{
	int		 i, n;
	const char	*name;
	size_t		 k;

	if (g == NULL || config_setting_type(g) != CONFIG_TYPE_GROUP) {
		fl_err(fl, g, "%s must be a group { ... }", what);
		return 0;
	}
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		config_setting_t	*c = config_setting_get_elem(g, i);

		name = config_setting_name(c);
		for (k = 0; allowed[k] != NULL; k++) {
			if (strcmp(allowed[k], name) == 0)
				break;
		}
		if (allowed[k] == NULL)
			fl_err(fl, c, "unknown key \"%s\" in %s", name, what);
	}
	return 1;
}

/* A string member; NULL when absent (reported if required) or not a string. */
static const char *
fl_str(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required)
{
	config_setting_t	*s = config_setting_get_member(g, key);
	const char		*v;

	if (s == NULL) {
		if (required)
			fl_err(fl, g, "%s: missing \"%s\"", what, key);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		fl_err(fl, s, "%s: \"%s\" must be a string", what, key);
		return NULL;
	}
	v = config_setting_get_string(s);
	if (!text_valid(v)) {
		fl_err(fl, s, "%s: \"%s\" is not valid UTF-8", what, key);
		return NULL;
	}
	if (required && *v == '\0') {
		fl_err(fl, s, "%s: \"%s\" is empty", what, key);
		return NULL;
	}
	return v;
}

/* A copy of a string member, normalised to NFC; NULL when absent. */
static char *
fl_strdup(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required)
{
	const char	*v = fl_str(fl, g, key, what, required);

	return v == NULL ? NULL : text_nfc(v);
}

/*
 * The shortest decimal text that reads back as d, written without an
 * exponent: 555555555.55 gives "555555555.55", 1e3 gives "1000", 1e-05
 * gives "0.00001".  "%.*e" at increasing precision finds the digits (at
 * most 17 of them); buf holds FL_DECIMAL_BUFSZ bytes.
 */
#define FL_DECIMAL_BUFSZ 400

static void
fl_decimal(double d, char *buf)
{
	char	 e[64], digits[32], *p;
	int	 prec, nd = 0, exp, k, i;
	size_t	 n = 0;

	for (prec = 0; prec < 17; prec++) {
		snprintf(e, sizeof e, "%.*e", prec, d);
		if (strtod(e, NULL) == d)
			break;
	}
	/* [-]D[.DDD]e[+-]XX; the mark between the digits is skipped. */
	p = e;
	if (*p == '-')
		buf[n++] = *p++;
	for (; *p != '\0' && *p != 'e' && *p != 'E'; p++) {
		if (*p >= '0' && *p <= '9' && nd < (int)sizeof digits)
			digits[nd++] = *p;
	}
	exp = *p != '\0' ? (int)strtol(p + 1, NULL, 10) : 0;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	k = exp + 1;			/* digits before the point */
	if (k <= 0) {
		buf[n++] = '0';
		buf[n++] = '.';
		for (i = 0; i < -k; i++)
			buf[n++] = '0';
		for (i = 0; i < nd; i++)
			buf[n++] = digits[i];
	} else {
		for (i = 0; i < k; i++)
			buf[n++] = i < nd ? digits[i] : '0';
		if (k < nd)
			buf[n++] = '.';
		for (i = k; i < nd; i++)
			buf[n++] = digits[i];
	}
	buf[n] = '\0';
}

/*
 * A number setting as hundredths, within -UTIL_CP_LIMIT..UTIL_CP_LIMIT.
 * libconfig gives a decimal only as a double; its shortest decimal text
 * is the number as written (every number of at most two decimals within
 * the bounds has at most 12 digits, well within a double's 15), and that
 * text is parsed exactly by util_scan_cp.  No floating point decides
 * anything: not the decimals, not the range.  *out is set only on 0.
 */
static int
fl_cp_of(struct fl *fl, const config_setting_t *s, const char *what,
    int64_t *out)
{
	char		buf[FL_DECIMAL_BUFSZ];
	long long	v;
	double		d;
	int		rc;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		v = config_setting_get_int64(s);
		if (v < -UTIL_CP_LIMIT / 100 || v > UTIL_CP_LIMIT / 100)
			rc = UTIL_CP_RANGE;
		else {
			*out = v * 100;		/* |v| <= 10^9 */
			return 0;
		}
		break;
	case CONFIG_TYPE_FLOAT:
		d = config_setting_get_float(s);
		if (!isfinite(d))
			rc = UTIL_CP_RANGE;
		else {
			fl_decimal(d, buf);
			rc = util_scan_cp(buf, out);
		}
		break;
	default:
		fl_err(fl, s, "%s must be a number", what);
		return -1;
	}
	switch (rc) {
	case 0:
		return 0;
	case UTIL_CP_DECIMALS:
		fl_err(fl, s, "%s has more than two decimals", what);
		return -1;
	case UTIL_CP_RANGE:
		fl_err(fl, s, "%s is outside -%lld..%lld", what,
		    (long long)(UTIL_CP_LIMIT / 100),
		    (long long)(UTIL_CP_LIMIT / 100));
		return -1;
	default:
		fl_err(fl, s, "%s must be a number", what);
		return -1;
	}
}

/* A number member: 1 found, 0 absent (reported if required), -1 bad. */
static int
fl_cp(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required, int64_t *out)
{
	config_setting_t	*s = config_setting_get_member(g, key);
	char			*w;
	int			 rc;

	if (s == NULL) {
		if (required)
			fl_err(fl, g, "%s: missing \"%s\"", what, key);
		return required ? -1 : 0;
	}
	w = xasprintf("%s: \"%s\"", what, key);
	rc = fl_cp_of(fl, s, w, out);
	free(w);
	return rc == 0 ? 1 : -1;
}

/* A boolean member: the value, or def when absent or bad (bad reported). */
static int
fl_bool(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int def)
{
	config_setting_t	*s = config_setting_get_member(g, key);

	if (s == NULL)
		return def;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		fl_err(fl, s, "%s: \"%s\" must be true or false", what, key);
		return def;
	}
	return config_setting_get_bool(s);
}

/* A list or array member; NULL when absent (reported if required). */
static config_setting_t *
fl_list(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required)
{
	config_setting_t	*s = config_setting_get_member(g, key);

	if (s == NULL) {
		if (required)
			fl_err(fl, g, "%s: missing \"%s\"", what, key);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_LIST &&
	    config_setting_type(s) != CONFIG_TYPE_ARRAY) {
		fl_err(fl, s, "%s: \"%s\" must be a list ( ... ) or [ ... ]",
		    what, key);
		return NULL;
	}
	return s;
}

/* Codes are short ASCII names: they key the database and its audit log. */
#define FL_CODE_MAX 32

static int
fl_ascii_code(const char *s)
{
	if (*s == '\0' || strlen(s) > FL_CODE_MAX)
		return 0;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == '.'))
			return 0;
	}
	return 1;
}

static char *
fl_fmt(int64_t v, char *buf)
{
	return util_format_cp(v, '.', buf);
}

static const char *const form_keys[] = { "id", "title", "block", "max",
    "step", "bonus", "grades", "areas", "advisory", "profiles", NULL };
static const char *const area_keys[] = { "code", "title", "max", "criteria",
    NULL };
static const char *const criterion_keys[] = { "code", "title", "max",
    "items", NULL };
static const char *const item_keys[] = { "code", "title", "max", "min",
    "step", "rule", "evidence", "appraiser", "guidance", "levels", "unit",
    "bands", "threshold", "done", "planned", "inputs", "expr", NULL };
static const char *const level_keys[] = { "label", "points", NULL };
static const char *const band_keys[] = { "from", "points", NULL };
static const char *const input_keys[] = { "name", "label", NULL };
static const char *const grade_keys[] = { "name", "from", NULL };
static const char *const advisory_keys[] = { "cap", "index", "fall", NULL };
static const char *const index_keys[] = { "below", "points", NULL };
static const char *const fall_keys[] = { "places", "points", NULL };
static const char *const profile_keys[] = { "name", "title", "items", NULL };

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
		fl_err(fl, l, "item %s: a choice needs at least one level",
		    it->code);
	it->levels = xcalloc((size_t)n, sizeof *it->levels);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_level		*lv = &it->levels[it->nlevels];
		char			*lw = xasprintf("item %s level %d",
					    it->code, i + 1);

		if (fl_keys(fl, e, lw, level_keys)) {
			lv->label = fl_strdup(fl, e, "label", lw, 1);
			if (fl_cp(fl, e, "points", lw, 1, &lv->points) == 1 &&
			    fl->range_ok &&
			    (lv->points > it->max || lv->points < it->min))
				fl_err(fl, e, "%s: points %s outside the "
				    "item's "
				    "range %s..%s", lw, fl_fmt(lv->points, a),
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
		fl_err(fl, l, "item %s: bands need at least one band",
		    it->code);
	it->bands = xcalloc((size_t)n, sizeof *it->bands);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_band		*bd = &it->bands[it->nbands];
		char			*lw = xasprintf("item %s band %d",
					    it->code, i + 1);

		if (fl_keys(fl, e, lw, band_keys)) {
			/* An unread "from" is not compared with the next. */
			ok = fl_cp(fl, e, "from", lw, 1, &bd->from) == 1;
			if (ok) {
				if (bd->from < 0)
					fl_err(fl, e, "%s: \"from\" cannot be "
					    "negative", lw);
				if (it->nbands > 0 && prev_ok &&
				    bd->from >= it->bands[it->nbands - 1].from)
					fl_err(fl, e, "%s: bands out of order: "
					    "\"from\" %s must be below the "
					    "previous band's %s", lw,
					    fl_fmt(bd->from, a), fl_fmt(
					    it->bands[it->nbands - 1].from, b));
			}
			prev_ok = ok;
			if (fl_cp(fl, e, "points", lw, 1, &bd->points) == 1 &&
			    fl->range_ok &&
			    (bd->points > it->max || bd->points < it->min))
				fl_err(fl, e, "%s: points %s outside the "
				    "item's "
				    "range %s..%s", lw, fl_fmt(bd->points, a),
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
		    "item %s: threshold must be a percentage 0..100",
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
			fl_err(fl, l, "item %s: a formula has at most %d inputs, this one has %d", it->code, FORM_MAX_INPUTS, n);
		it->inputs = xcalloc((size_t)n, sizeof *it->inputs);
		for (i = 0; i < n; i++) {
			config_setting_t	*e = config_setting_get_elem(l,
						    i);
			struct form_input	*in = &it->inputs[it->ninputs];
			char			*lw = xasprintf("item %s input %d", it->code,
						    i + 1);

			if (fl_keys(fl, e, lw, input_keys)) {
				in->name = fl_strdup(fl, e, "name", lw, 1);
				in->label = fl_strdup(fl, e, "label", lw, 0);
				if (in->name == NULL)
					in->name = xstrdup("");
				else if (!fl_identifier(in->name))
					fl_err(fl, e, "%s: \"%s\" is not a "
					    "name "
					    "(letters, digits, _)", lw,
					    in->name);
				for (k = 0; k < it->ninputs; k++) {
					if (strcmp(it->inputs[k].name,
					    in->name) == 0)
						fl_err(fl, e, "%s: duplicate "
						    "input \"%s\"", lw,
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
	free(names);
	if (it->expr == NULL) {
		fl_err(fl, x, "item %s: %s", it->code, cause);
		free(cause);
	}
}

static void	fl_item_fields(struct fl *, const config_setting_t *,
		    struct form *, struct form_item *, const char *);

/* Read an item; 1 if its max was read, so that its sum can be checked. */
static int
fl_item(struct fl *fl, const config_setting_t *g, struct form *f,
    struct form_item *it)
{
	char	*w;

	it->line = (int)config_setting_source_line(g);
	fl->range_ok = fl->max_ok = 0;
	if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
		fl_err(fl, g, "item must be a group { ... }");
		it->code = xasprintf("(line %d)", it->line);
		return 0;
	}
	it->code = fl_strdup(fl, g, "code", "item", 1);
	if (it->code == NULL)
		it->code = xasprintf("(line %d)", it->line);
	if (strlen(it->code) > FL_CODE_MAX || strchr(it->code, '/') != NULL)
		fl_err(fl, g, "item code \"%.40s\" is longer than %d "
		    "characters "
		    "or holds a '/'", it->code, FL_CODE_MAX);
	w = xasprintf("item %s", it->code);
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
	it->evidence = fl_bool(fl, g, "evidence", w, 1);
	have_max = fl_cp(fl, g, "max", w, 1, &it->max);
	have_min = fl_cp(fl, g, "min", w, 0, &it->min);
	/* Checks against an unread min or max would only add noise. */
	fl->max_ok = have_max == 1;
	fl->range_ok = have_max == 1 && have_min != -1;
	if (fl->range_ok && it->min > it->max)
		fl_err(fl, config_setting_get_member(g, "min"),
		    "item %s: min %s is above max %s", it->code,
		    fl_fmt(it->min, a), fl_fmt(it->max, b));
	if (have_max == 1 && it->max < 0)
		fl_err(fl, config_setting_get_member(g, "max"),
		    "item %s: max cannot be negative (a penalty item has "
		    "max = 0 and a negative min)", it->code);
	it->step = f->step;
	if ((rule = fl_str(fl, g, "rule", w, 1)) == NULL)
		return;
	if (rule_parse(rule, &it->rule) != 0) {
		fl_err(fl, config_setting_get_member(g, "rule"),
		    "item %s: unknown rule \"%s\" (points, choice, bands, "
		    "ratio or formula)", it->code, rule);
		return;
	}
	for (k = 0; k < UTIL_ARRAY_LEN(item_rule_keys); k++) {
		config_setting_t	*s = config_setting_get_member(g,
					    item_rule_keys[k].key);

		if (s != NULL && item_rule_keys[k].rule != it->rule)
			fl_err(fl, s, "item %s: \"%s\" does not apply to a "
			    "%s item", it->code, item_rule_keys[k].key, rule);
	}
	switch (it->rule) {
	case RULE_POINTS:
		/* min and max were read within 10^11: max - min fits. */
		if (fl_cp(fl, g, "step", w, 0, &it->step) == 1 &&
		    it->step <= 0) {
			fl_err(fl, config_setting_get_member(g, "step"),
			    "item %s: step must be above 0", it->code);
			it->step = f->step;
		} else if (fl->range_ok && it->step > 0 &&
		    it->min <= it->max &&
		    (it->max - it->min) % it->step != 0)
			fl_err(fl, g, "item %s: step %s does not divide the "
			    "range %s..%s", it->code, fl_fmt(it->step, c),
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

/* Report a duplicate code among codes[0..n) of what. */
static void
fl_unique(struct fl *fl, const config_setting_t *s, const char *what,
    char *const *codes, size_t stride, size_t n)
{
	const char	*mine = *(char *const *)((const char *)codes +
			    n * stride);
	size_t		 i;

	if (mine == NULL)
		return;
	for (i = 0; i < n; i++) {
		const char *other = *(char *const *)((const char *)codes +
		    i * stride);

		if (other != NULL && strcmp(other, mine) == 0) {
			fl_err(fl, s, "duplicate %s code \"%s\"", what, mine);
			return;
		}
	}
}

static void
fl_sum(struct fl *fl, const config_setting_t *s, const char *what,
    const char *code, int64_t max, int64_t sum, const char *parts)
{
	char	a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ];

	if (max != sum)
		fl_err(fl, s, "%s %s: max is %s but its %s add up to %s", what,
		    code, fl_fmt(max, a), parts, fl_fmt(sum, b));
}

/*
 * The areas, criteria and items, with their sums checked against their
 * max.  A sum is checked only when every number in it was read (max_ok:
 * the form's max), so that one bad number gives one message.
 */
static void
fl_areas(struct fl *fl, const config_setting_t *root, struct form *f,
    int max_ok)
{
	config_setting_t	*areas = fl_list(fl, root, "areas", "form", 1);
	int			 i, j, k, na, nc, ni;
	int64_t			 sum_areas = 0;
	int			 areas_ok = max_ok, crit_ok, items_ok;
	size_t			 cap_c = 0, cap_i = 0;

	if (areas == NULL)
		return;
	na = config_setting_length(areas);
	if (na == 0)
		fl_err(fl, areas, "form: no areas");
	f->areas = xcalloc((size_t)na, sizeof *f->areas);
	for (i = 0; i < na; i++) {
		config_setting_t	*ga = config_setting_get_elem(areas, i);
		config_setting_t	*crit;
		struct form_area		*ar = &f->areas[f->nareas];
		int64_t			 sum_crit = 0;

		ar->code = fl_strdup(fl, ga, "code", "area", 1);
		if (ar->code == NULL)
			ar->code = xasprintf("%d", i + 1);
		if (!fl_keys(fl, ga, ar->code, area_keys)) {
			free(ar->code);
			areas_ok = 0;
			continue;
		}
		fl_unique(fl, ga, "area", &f->areas[0].code, sizeof *ar,
		    f->nareas);
		ar->title = fl_strdup(fl, ga, "title", "area", 1);
		crit_ok = fl_cp(fl, ga, "max", "area", 1, &ar->max) == 1;
		if (!crit_ok)
			areas_ok = 0;
		ar->first_criterion = f->ncriteria;
		ar->first_item = f->nitems;
		f->nareas++;
		if ((crit = fl_list(fl, ga, "criteria", ar->code, 1)) == NULL)
			continue;
		nc = config_setting_length(crit);
		for (j = 0; j < nc; j++) {
			config_setting_t	*gc = config_setting_get_elem(
						    crit, j);
			config_setting_t	*items;
			struct form_criterion	*cr;
			int64_t			 sum_items = 0;

			if (f->ncriteria == cap_c) {
				cap_c = cap_c ? cap_c * 2 : 16;
				f->criteria = xreallocarray(f->criteria, cap_c,
				    sizeof *f->criteria);
			}
			cr = &f->criteria[f->ncriteria];
			memset(cr, 0, sizeof *cr);
			cr->code = fl_strdup(fl, gc, "code", "criterion", 1);
			if (cr->code == NULL)
				cr->code = xasprintf("%s.%d", ar->code, j + 1);
			if (!fl_keys(fl, gc, cr->code, criterion_keys)) {
				free(cr->code);
				crit_ok = 0;
				continue;
			}
			fl_unique(fl, gc, "criterion", &f->criteria[0].code,
			    sizeof *cr, f->ncriteria);
			cr->title = fl_strdup(fl, gc, "title", cr->code, 1);
			items_ok = fl_cp(fl, gc, "max", cr->code, 1,
			    &cr->max) == 1;
			if (!items_ok)
				crit_ok = 0;
			cr->area = f->nareas - 1;
			cr->first_item = f->nitems;
			f->ncriteria++;
			ar->ncriteria++;
			items = fl_list(fl, gc, "items", cr->code, 1);
			ni = items != NULL ? config_setting_length(items) : 0;
			for (k = 0; k < ni; k++) {
				config_setting_t	*gi =
				    config_setting_get_elem(items, k);
				struct form_item		*it;

				if (f->nitems == cap_i) {
					cap_i = cap_i ? cap_i * 2 : 64;
					f->items = xreallocarray(f->items,
					    cap_i, sizeof *f->items);
				}
				it = &f->items[f->nitems];
				memset(it, 0, sizeof *it);
				it->area = f->nareas - 1;
				it->criterion = f->ncriteria - 1;
				if (!fl_item(fl, gi, f, it))
					items_ok = 0;
				fl_unique(fl, gi, "item", &f->items[0].code,
				    sizeof *it, f->nitems);
				f->nitems++;
				cr->nitems++;
				sum_items = fl_add(sum_items, it->max);
			}
			if (ni == 0 && items != NULL)
				fl_err(fl, gc, "criterion %s has no items",
				    cr->code);
			if (items_ok)
				fl_sum(fl, gc, "criterion", cr->code, cr->max,
				    sum_items, "items");
			sum_crit = fl_add(sum_crit, cr->max);
		}
		ar->nitems = f->nitems - ar->first_item;
		if (nc == 0)
			fl_err(fl, ga, "area %s has no criteria", ar->code);
		if (crit_ok)
			fl_sum(fl, ga, "area", ar->code, ar->max, sum_crit,
			    "criteria");
		sum_areas = fl_add(sum_areas, ar->max);
	}
	if (areas_ok)
		fl_sum(fl, root, "form", f->id != NULL ? f->id : "?", f->max,
		    sum_areas, "areas");
}

static void
fl_grades(struct fl *fl, const config_setting_t *root, struct form *f)
{
	config_setting_t	*l = fl_list(fl, root, "grades", "form", 1);
	int			 i, n, prev_ok = 0, ok;
	size_t			 k;

	if (l == NULL)
		return;
	n = config_setting_length(l);
	if (n == 0)
		fl_err(fl, l, "form: no grades");
	f->grades = xcalloc((size_t)n, sizeof *f->grades);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_grade		*gr = &f->grades[f->ngrades];
		char			*w = xasprintf("grade %d", i + 1);

		if (fl_keys(fl, e, w, grade_keys)) {
			gr->name = fl_strdup(fl, e, "name", w, 1);
			if (gr->name == NULL)
				gr->name = xstrdup("?");
			ok = fl_cp(fl, e, "from", w, 1, &gr->from) == 1;
			if (ok) {
				if (gr->from < 0 || gr->from > 10000)
					fl_err(fl, e, "%s: \"from\" must be a "
					    "percentage 0..100", w);
				if (f->ngrades > 0 && prev_ok &&
				    gr->from >= f->grades[f->ngrades - 1].from)
					fl_err(fl, e, "%s: grades out of "
					    "order: "
					    "each \"from\" must be below the "
					    "previous one", w);
			}
			prev_ok = ok;
			for (k = 0; k < f->ngrades; k++) {
				if (strcmp(f->grades[k].name, gr->name) == 0)
					fl_err(fl, e, "duplicate grade \"%s\"",
					    gr->name);
			}
			f->ngrades++;
		}
		free(w);
	}
}

/* Steps of the advisory rule, strictly ordered (descending or not). */
static struct form_step *
fl_steps(struct fl *fl, const config_setting_t *adv, const char *key,
    const char *boundkey, const char *const *keys, int descending,
    size_t *count)
{
	config_setting_t	*l = fl_list(fl, adv, key, "advisory", 0);
	struct form_step		*steps;
	int			 i, n, prev_ok = 0, ok;

	*count = 0;
	if (l == NULL)
		return NULL;
	n = config_setting_length(l);
	steps = xcalloc((size_t)n, sizeof *steps);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_step		*st = &steps[*count];
		char			*w = xasprintf("advisory %s step %d",
					    key, i + 1);

		if (fl_keys(fl, e, w, keys)) {
			ok = fl_cp(fl, e, boundkey, w, 1, &st->bound) == 1;
			if (ok && *count > 0 && prev_ok && (descending ?
			    st->bound >= steps[*count - 1].bound :
			    st->bound <= steps[*count - 1].bound))
				fl_err(fl, e, "%s: steps out of order: \"%s\" "
				    "must %s the previous step's", w, boundkey,
				    descending ? "be below" : "be above");
			prev_ok = ok;
			if (fl_cp(fl, e, "points", w, 1, &st->points) == 1 &&
			    st->points < 0)
				fl_err(fl, e, "%s: points cannot be negative "
				    "(they are taken off)", w);
			(*count)++;
		}
		free(w);
	}
	return steps;
}

static void
fl_advisory(struct fl *fl, const config_setting_t *root, struct form *f)
{
	config_setting_t	*adv = config_setting_get_member(root,
				    "advisory");
	size_t			 i;

	if (adv == NULL || !fl_keys(fl, adv, "advisory", advisory_keys))
		return;
	f->advisory.present = 1;
	if (fl_cp(fl, adv, "cap", "advisory", 1, &f->advisory.cap) == 1 &&
	    f->advisory.cap < 0)
		fl_err(fl, adv, "advisory: cap cannot be negative");
	f->advisory.index = fl_steps(fl, adv, "index", "below", index_keys, 1,
	    &f->advisory.nindex);
	f->advisory.fall = fl_steps(fl, adv, "fall", "places", fall_keys, 0,
	    &f->advisory.nfall);
	/* Places are whole numbers; bounds were read as hundredths. */
	for (i = 0; i < f->advisory.nfall; i++) {
		if (f->advisory.fall[i].bound % 100 != 0 ||
		    f->advisory.fall[i].bound <= 0)
			fl_err(fl, adv, "advisory fall step %zu: \"places\" "
			    "must be a whole number above 0", i + 1);
		f->advisory.fall[i].bound /= 100;
	}
	if (f->advisory.nindex == 0 && f->advisory.nfall == 0)
		fl_err(fl, adv, "advisory: needs an \"index\" or a \"fall\" "
		    "step table");
}

static void
fl_profiles(struct fl *fl, const config_setting_t *root, struct form *f)
{
	config_setting_t	*l = fl_list(fl, root, "profiles", "form", 0);
	int			 i, j, n, m;
	size_t			 k;

	if (l == NULL)
		return;
	n = config_setting_length(l);
	f->profiles = xcalloc((size_t)n, sizeof *f->profiles);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		config_setting_t	*items;
		struct form_profile	*pr = &f->profiles[f->nprofiles];
		char			*w = xasprintf("profile %d", i + 1);

		if (!fl_keys(fl, e, w, profile_keys)) {
			free(w);
			continue;
		}
		pr->name = fl_strdup(fl, e, "name", w, 1);
		if (pr->name == NULL)
			pr->name = xstrdup("");
		pr->title = fl_strdup(fl, e, "title", w, 0);
		for (k = 0; k < f->nprofiles; k++) {
			if (strcmp(f->profiles[k].name, pr->name) == 0)
				fl_err(fl, e, "duplicate profile \"%s\"",
				    pr->name);
		}
		f->nprofiles++;
		free(w);
		if ((items = fl_list(fl, e, "items", pr->name, 1)) == NULL)
			continue;
		m = config_setting_length(items);
		pr->items = xcalloc((size_t)m, sizeof *pr->items);
		for (j = 0; j < m; j++) {
			config_setting_t	*s = config_setting_get_elem(
						    items, j);
			const char		*code;
			long			 idx;

			if (config_setting_type(s) != CONFIG_TYPE_STRING) {
				fl_err(fl, s, "profile %s: items must be "
				    "strings", pr->name);
				continue;
			}
			code = config_setting_get_string(s);
			if ((idx = form_item_index(f, code)) < 0) {
				fl_err(fl, s, "profile %s: unknown item \"%s\"",
				    pr->name, code);
				continue;
			}
			for (k = 0; k < pr->nitems; k++) {
				if (pr->items[k] == (size_t)idx)
					fl_err(fl, s, "profile %s: item %s "
					    "listed twice", pr->name, code);
			}
			pr->items[pr->nitems++] = (size_t)idx;
		}
	}
}

static struct form *
fl_form(struct fl *fl, const config_setting_t *root)
{
	struct form	*f = form_new();
	int64_t		 step = 25;
	int		 max_ok;

	f->file = xstrdup(fl->file);
	if (!fl_keys(fl, root, "form", form_keys))
		return f;
	f->id = fl_strdup(fl, root, "id", "form", 1);
	if (f->id != NULL && !fl_ascii_code(f->id))
		fl_err(fl, config_setting_get_member(root, "id"),
		    "form: id \"%s\" must be ASCII letters, digits, -, _ or ., "
		    "at most %d of them", f->id, FL_CODE_MAX);
	f->title = fl_strdup(fl, root, "title", "form", 1);
	f->block = fl_strdup(fl, root, "block", "form", 1);
	max_ok = fl_cp(fl, root, "max", "form", 1, &f->max) == 1;
	if (fl_cp(fl, root, "step", "form", 0, &step) == 1 && step <= 0) {
		fl_err(fl, config_setting_get_member(root, "step"),
		    "form: step must be above 0");
		step = 25;
	}
	f->step = step;
	f->bonus = fl_bool(fl, root, "bonus", "form", 0);
	fl_grades(fl, root, f);
	fl_areas(fl, root, f, max_ok);
	fl_advisory(fl, root, f);
	fl_profiles(fl, root, f);
	return f;
}

static const char *const list_keys[] = { "province", "blocks", "agencies",
    NULL };
static const char *const block_keys[] = { "code", "name", NULL };
static const char *const agency_keys[] = { "code", "name", "block",
    "parent", "profile", "advises", NULL };

static void
fl_agency(struct fl *fl, const config_setting_t *e, struct form_agency_list *l,
    struct form_agency *ag)
{
	config_setting_t	*adv;
	char			*w;
	int			 i, n;

	ag->line = (int)config_setting_source_line(e);
	ag->code = fl_strdup(fl, e, "code", "agency", 1);
	if (ag->code == NULL)
		ag->code = xasprintf("(line %d)", ag->line);
	else if (!fl_ascii_code(ag->code))
		fl_err(fl, e, "agency code \"%s\" must be ASCII letters, "
		    "digits, -, _ or ., at most %d of them", ag->code,
		    FL_CODE_MAX);
	w = xasprintf("agency %s", ag->code);
	if (!fl_keys(fl, e, w, agency_keys)) {
		free(w);
		return;
	}
	ag->name = fl_strdup(fl, e, "name", w, 1);
	ag->block = fl_strdup(fl, e, "block", w, 1);
	if (ag->block != NULL && agency_find_block(l, ag->block) == NULL)
		fl_err(fl, config_setting_get_member(e, "block"),
		    "%s: unknown block \"%s\"", w, ag->block);
	ag->parent = fl_strdup(fl, e, "parent", w, 0);
	ag->profile = fl_strdup(fl, e, "profile", w, 0);
	if ((adv = fl_list(fl, e, "advises", w, 0)) == NULL) {
		free(w);
		return;
	}
	n = config_setting_length(adv);
	ag->advises = xcalloc((size_t)n, sizeof *ag->advises);
	for (i = 0; i < n; i++) {
		config_setting_t	*s = config_setting_get_elem(adv, i);

		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 1 ||
		    config_setting_get_int(s) > 99) {
			fl_err(fl, s, "%s: \"advises\" lists area "
			    "numbers of the provincial index (1..99)", w);
			continue;
		}
		ag->advises[ag->nadvises++] = config_setting_get_int(s);
	}
	free(w);
}

static struct form_agency_list *
fl_agencies(struct fl *fl, const config_setting_t *root)
{
	struct form_agency_list	*l = agency_list_new();
	config_setting_t	*blocks, *ags;
	int			 i, n;
	size_t			 k;

	l->file = xstrdup(fl->file);
	fl_keys(fl, root, "the agency file", list_keys);
	l->province = fl_strdup(fl, root, "province", "the agency file", 0);
	if ((blocks = fl_list(fl, root, "blocks", "the agency file", 1)) !=
	    NULL) {
		n = config_setting_length(blocks);
		l->blocks = xcalloc((size_t)n, sizeof *l->blocks);
		for (i = 0; i < n; i++) {
			config_setting_t	*e = config_setting_get_elem(
						    blocks, i);
			struct form_block	*b = &l->blocks[l->nblocks];

			if (!fl_keys(fl, e, "block", block_keys))
				continue;
			b->code = fl_strdup(fl, e, "code", "block", 1);
			b->name = fl_strdup(fl, e, "name", "block", 1);
			if (b->code == NULL) {
				free(b->name);
				continue;
			}
			if (!fl_ascii_code(b->code))
				fl_err(fl, e, "block code \"%s\" must be "
				    "ASCII, "
				    "at most %d characters", b->code,
				    FL_CODE_MAX);
			if (agency_find_block(l, b->code) != NULL)
				fl_err(fl, e, "duplicate block code \"%s\"",
				    b->code);
			l->nblocks++;
		}
	}
	if ((ags = fl_list(fl, root, "agencies", "the agency file", 1)) ==
	    NULL)
		return l;
	n = config_setting_length(ags);
	l->agencies = xcalloc((size_t)n, sizeof *l->agencies);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(ags, i);
		struct form_agency	*ag = &l->agencies[l->nagencies];

		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			fl_err(fl, e, "agency %d must be a group { ... }",
			    i + 1);
			continue;
		}
		fl_agency(fl, e, l, ag);
		ag->order = l->nagencies;
		fl_unique(fl, e, "agency", &l->agencies[0].code, sizeof *ag,
		    l->nagencies);
		l->nagencies++;
	}
	/* Parents may be listed after their children. */
	for (k = 0; k < l->nagencies; k++) {
		struct form_agency		*ag = &l->agencies[k];
		const struct form_agency	*p;

		if (ag->parent == NULL)
			continue;
		if ((p = agency_find(l, ag->parent)) == NULL)
			errlist_add(fl->errs, fl->file, ag->line,
			    "agency %s: unknown parent \"%s\"", ag->code,
			    ag->parent);
		else if (p == ag)
			errlist_add(fl->errs, fl->file, ag->line,
			    "agency %s: its own parent", ag->code);
	}
	return l;
}

/* The line of the first @include directive, or 0. */
static int
formload_find_include(const char *text)
{
	const char	*p = text;
	int		 line = 1;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "@include", 8) == 0)
			return line;
		while (*p != '\0' && *p != '\n')
			p++;
		if (*p == '\n') {
			p++;
			line++;
		}
	}
	return 0;
}

void *
formload_text(const char *name, const char *text, enum formload_kind *kind,
    struct errlist *errs)
{
	struct fl		 fl = { name, errs, errs->n, 0, 0 };
	config_t		 cfg;
	config_setting_t	*root, *form;
	void			*obj = NULL;
	int			 inc;

	*kind = FORMLOAD_UNKNOWN;
	if ((inc = formload_find_include(text)) > 0) {
		errlist_add(errs, name, inc, "@include is not supported: a form or agency file must be self-contained, since init copies it into the database");
		return NULL;
	}
	config_init(&cfg);
	if (!config_read_string(&cfg, text)) {
		errlist_add(errs, name, config_error_line(&cfg),
		    "syntax error: %s", config_error_text(&cfg));
		config_destroy(&cfg);
		return NULL;
	}
	root = config_root_setting(&cfg);
	if ((form = config_setting_get_member(root, "form")) != NULL) {
		*kind = FORMLOAD_FORM;
		if (config_setting_length(root) != 1)
			fl_err(&fl, root, "a form file holds only \"form\"");
		obj = fl_form(&fl, form);
	} else if (config_setting_get_member(root, "agencies") != NULL) {
		*kind = FORMLOAD_AGENCIES;
		obj = fl_agencies(&fl, root);
	} else
		errlist_add(errs, name, 0, "neither a form (\"form = { ... }\") nor an agency list (\"agencies = ( ... )\")");
	config_destroy(&cfg);
	if (errs->n > fl.nerr) {
		if (*kind == FORMLOAD_FORM)
			form_free(obj);
		else if (*kind == FORMLOAD_AGENCIES)
			agency_list_free(obj);
		return NULL;
	}
	return obj;
}

char *
formload_read(const char *path, char **cause)
{
	FILE		*fp;
	struct strbuf	 b;
	char		 buf[8192];
	size_t		 n;

	if ((fp = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_add(&b, buf, n);
	if (ferror(fp)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		fclose(fp);
		strbuf_clear(&b);
		return NULL;
	}
	fclose(fp);
	if (strlen(b.s) != b.len) {
		*cause = xasprintf("%s: contains a NUL byte", path);
		strbuf_clear(&b);
		return NULL;
	}
	return strbuf_steal(&b);
}

void *
formload_file(const char *path, enum formload_kind *kind,
    struct errlist *errs)
{
	char	*text, *cause = NULL;
	void	*obj;

	*kind = FORMLOAD_UNKNOWN;
	if ((text = formload_read(path, &cause)) == NULL) {
		errlist_add(errs, NULL, 0, "%s", cause);
		free(cause);
		return NULL;
	}
	obj = formload_text(path, text, kind, errs);
	free(text);
	return obj;
}

struct form *
formload_form(const char *path, struct errlist *errs)
{
	enum formload_kind	 kind;
	void			*obj = formload_file(path, &kind, errs);

	if (obj != NULL && kind != FORMLOAD_FORM) {
		errlist_add(errs, path, 0, "not a form file");
		agency_list_free(obj);
		return NULL;
	}
	return obj;
}

struct form_agency_list *
formload_agencies(const char *path, struct errlist *errs)
{
	enum formload_kind	 kind;
	void			*obj = formload_file(path, &kind, errs);

	if (obj != NULL && kind != FORMLOAD_AGENCIES) {
		errlist_add(errs, path, 0, "not an agency file");
		form_free(obj);
		return NULL;
	}
	return obj;
}

size_t
formload_cross_check(const struct form_agency_list *l,
    struct form *const *forms,
    size_t nforms, struct errlist *errs)
{
	size_t	i, j, before = errs->n;

	for (i = 0; i < l->nagencies; i++) {
		const struct form_agency	*ag = &l->agencies[i];

		if (ag->profile == NULL || ag->block == NULL)
			continue;
		for (j = 0; j < nforms; j++) {
			if (strcmp(forms[j]->block, ag->block) != 0)
				continue;
			if (form_find_profile(forms[j], ag->profile) == NULL)
				errlist_add(errs, l->file, ag->line,
				    "agency %s: profile \"%s\" is not in form %s (%s)", ag->code, ag->profile,
				    forms[j]->id, forms[j]->file);
		}
	}
	return errs->n - before;
}
