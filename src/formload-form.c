/* formload-form: a criteria form from a config, every number exact and
 * every sum checked; problems collected as file:line. */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "formload-int.h"	/* and <libconfig.h> */
#include "formload.h"
#include "text.h"

static const char *const form_keys[] = { "id", "title", "block", "max",
    "step", "bonus", "grades", "areas", "advisory", "profiles",
    "not_arising_needs_explanation", "manual_cap", NULL };
static const char *const area_keys[] = { "code", "title", "max", "criteria",
    NULL };
static const char *const criterion_keys[] = { "code", "title", "max",
    "items", NULL };
static const char *const grade_keys[] = { "name", "from", NULL };
static const char *const advisory_keys[] = { "basis", "cap", "index", "fall",
    "rank", NULL };
static const char *const index_keys[] = { "below", "points", NULL };
static const char *const fall_keys[] = { "places", "points", NULL };
static const char *const rank_keys[] = { "from", "points", NULL };
static const char *const profile_keys[] = { "name", "title", "items", NULL };

/* Report a duplicate code among codes[0..n) of what. */
void
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
			fl_err(fl, s, TR("duplicate %s code \"%s\""), fl_what(what), mine);
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
		fl_err(fl, s, TR("%s %s: max is %s but its %s add up to %s"), fl_what(what),
		    code, fl_fmt(max, a), fl_what(parts), fl_fmt(sum, b));
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
	config_setting_t	*areas = fl_list(fl, root, "areas", N_("form"), 1);
	int			 i, j, k, na, nc, ni;
	int64_t			 sum_areas = 0;
	int			 areas_ok = max_ok, crit_ok, items_ok;
	size_t			 cap_c = 0, cap_i = 0;

	if (areas == NULL)
		return;
	na = config_setting_length(areas);
	if (na == 0)
		fl_err(fl, areas, TR("form: no areas"));
	f->areas = xcalloc((size_t)na, sizeof *f->areas);
	for (i = 0; i < na; i++) {
		config_setting_t	*ga = config_setting_get_elem(areas, i);
		config_setting_t	*crit;
		struct form_area		*ar = &f->areas[f->nareas];
		int64_t			 sum_crit = 0;

		ar->code = fl_strdup(fl, ga, "code", N_("area"), 1);
		if (ar->code == NULL)
			ar->code = xasprintf("%d", i + 1);
		if (!fl_keys(fl, ga, ar->code, area_keys)) {
			free(ar->code);
			areas_ok = 0;
			continue;
		}
		fl_unique(fl, ga, N_("area"), &f->areas[0].code, sizeof *ar,
		    f->nareas);
		ar->title = fl_strdup(fl, ga, "title", N_("area"), 1);
		crit_ok = fl_cp(fl, ga, "max", N_("area"), 1, &ar->max) == 1;
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
			cr->code = fl_strdup(fl, gc, "code", N_("criterion"), 1);
			if (cr->code == NULL)
				cr->code = xasprintf("%s.%d", ar->code, j + 1);
			if (!fl_keys(fl, gc, cr->code, criterion_keys)) {
				free(cr->code);
				crit_ok = 0;
				continue;
			}
			fl_unique(fl, gc, N_("criterion"), &f->criteria[0].code,
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
				fl_unique(fl, gi, N_("item"), &f->items[0].code,
				    sizeof *it, f->nitems);
				f->nitems++;
				cr->nitems++;
				sum_items = fl_add(sum_items, it->max);
			}
			if (ni == 0 && items != NULL)
				fl_err(fl, gc, TR("criterion %s has no items"),
				    cr->code);
			if (items_ok)
				fl_sum(fl, gc, N_("criterion"), cr->code, cr->max,
				    sum_items, N_("items"));
			sum_crit = fl_add(sum_crit, cr->max);
		}
		ar->nitems = f->nitems - ar->first_item;
		if (nc == 0)
			fl_err(fl, ga, TR("area %s has no criteria"), ar->code);
		if (crit_ok)
			fl_sum(fl, ga, N_("area"), ar->code, ar->max, sum_crit,
			    N_("criteria"));
		sum_areas = fl_add(sum_areas, ar->max);
	}
	if (areas_ok)
		fl_sum(fl, root, N_("form"), f->id != NULL ? f->id : "?", f->max,
		    sum_areas, N_("areas"));
}

static void
fl_grades(struct fl *fl, const config_setting_t *root, struct form *f)
{
	config_setting_t	*l = fl_list(fl, root, "grades", N_("form"), 1);
	int			 i, n, prev_ok = 0, ok;
	size_t			 k;

	if (l == NULL)
		return;
	n = config_setting_length(l);
	if (n == 0)
		fl_err(fl, l, TR("form: no grades"));
	f->grades = xcalloc((size_t)n, sizeof *f->grades);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(l, i);
		struct form_grade		*gr = &f->grades[f->ngrades];
		char			*w = xasprintf(TR("grade %d"), i + 1);

		if (fl_keys(fl, e, w, grade_keys)) {
			gr->name = fl_strdup(fl, e, "name", w, 1);
			if (gr->name == NULL)
				gr->name = xstrdup("?");
			ok = fl_cp(fl, e, "from", w, 1, &gr->from) == 1;
			if (ok) {
				if (gr->from < 0 || gr->from > 10000)
					fl_err(fl, e, TR("%s: \"from\" must be a percentage 0..100"), w);
				if (f->ngrades > 0 && prev_ok &&
				    gr->from >= f->grades[f->ngrades - 1].from)
					fl_err(fl, e, TR("%s: grades out of order: each \"from\" must be below the previous one"), w);
			}
			prev_ok = ok;
			for (k = 0; k < f->ngrades; k++) {
				if (strcmp(f->grades[k].name, gr->name) == 0)
					fl_err(fl, e, TR("duplicate grade \"%s\""),
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
	config_setting_t	*l = fl_list(fl, adv, key, N_("advisory"), 0);
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
		char			*w = xasprintf(TR("advisory %s step %d"),
					    key, i + 1);

		if (fl_keys(fl, e, w, keys)) {
			ok = fl_cp(fl, e, boundkey, w, 1, &st->bound) == 1;
			if (ok && *count > 0 && prev_ok && (descending ?
			    st->bound >= steps[*count - 1].bound :
			    st->bound <= steps[*count - 1].bound))
				fl_err(fl, e, TR("%s: steps out of order: \"%s\" must %s the previous step's"), w, boundkey,
				    descending ? TR("be below") : TR("be above"));
			prev_ok = ok;
			if (fl_cp(fl, e, "points", w, 1, &st->points) == 1 &&
			    st->points < 0)
				fl_err(fl, e, TR("%s: points cannot be negative (they are taken off)"), w);
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
	char			*b;
	size_t			 i;

	if (adv == NULL || !fl_keys(fl, adv, N_("advisory"), advisory_keys))
		return;
	f->advisory.present = 1;
	if (fl_cp(fl, adv, "cap", N_("advisory"), 1, &f->advisory.cap) == 1 &&
	    f->advisory.cap < 0)
		fl_err(fl, adv, TR("advisory: cap cannot be negative"));
	f->advisory.index = fl_steps(fl, adv, "index", "below", index_keys, 1,
	    &f->advisory.nindex);
	f->advisory.fall = fl_steps(fl, adv, "fall", "places", fall_keys, 0,
	    &f->advisory.nfall);
	f->advisory.rank = fl_steps(fl, adv, "rank", "from", rank_keys, 0,
	    &f->advisory.nrank);
	/* Places and ranks are whole numbers; bounds were read as
	 * hundredths. */
	for (i = 0; i < f->advisory.nfall; i++) {
		if (f->advisory.fall[i].bound % 100 != 0 ||
		    f->advisory.fall[i].bound <= 0)
			fl_err(fl, adv, TR("advisory fall step %zu: \"places\" must be a whole number above 0"), i + 1);
		f->advisory.fall[i].bound /= 100;
	}
	for (i = 0; i < f->advisory.nrank; i++) {
		if (f->advisory.rank[i].bound % 100 != 0 ||
		    f->advisory.rank[i].bound <= 0)
			fl_err(fl, adv, TR("advisory rank step %zu: \"from\" must be a whole rank above 0"), i + 1);
		f->advisory.rank[i].bound /= 100;
	}
	if ((b = fl_strdup(fl, adv, "basis", "advisory", 0)) != NULL) {
		if (strcmp(b, "overall") == 0)
			f->advisory.basis = FORM_BASIS_OVERALL;
		else if (strcmp(b, "area") != 0)
			fl_err(fl, config_setting_get_member(adv, "basis"),
			    TR("advisory: basis \"%s\" is not area or overall"), b);
		free(b);
	}
	if (f->advisory.nindex == 0 && f->advisory.nfall == 0 &&
	    f->advisory.nrank == 0)
		fl_err(fl, adv, TR("advisory: needs an \"index\", a \"fall\" or a \"rank\" step table"));
}

static void
fl_profiles(struct fl *fl, const config_setting_t *root, struct form *f)
{
	config_setting_t	*l = fl_list(fl, root, "profiles", N_("form"), 0);
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
		char			*w = xasprintf(TR("profile %d"), i + 1);

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
				fl_err(fl, e, TR("duplicate profile \"%s\""),
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
				fl_err(fl, s, TR("profile %s: items must be strings"), pr->name);
				continue;
			}
			code = config_setting_get_string(s);
			if ((idx = form_item_index(f, code)) < 0) {
				fl_err(fl, s, TR("profile %s: unknown item \"%s\""),
				    pr->name, code);
				continue;
			}
			for (k = 0; k < pr->nitems; k++) {
				if (pr->items[k] == (size_t)idx)
					fl_err(fl, s, TR("profile %s: item %s listed twice"), pr->name, code);
			}
			pr->items[pr->nitems++] = (size_t)idx;
		}
	}
}

struct form *
fl_form(struct fl *fl, const config_setting_t *root)
{
	struct form	*f = form_new();
	int64_t		 step = 25;
	int		 max_ok;

	f->file = xstrdup(fl->file);
	if (!fl_keys(fl, root, N_("form"), form_keys))
		return f;
	f->id = fl_strdup(fl, root, "id", N_("form"), 1);
	if (f->id != NULL && !fl_ascii_code(f->id))
		fl_err(fl, config_setting_get_member(root, "id"),
		    TR("form: id \"%s\" must be ASCII letters, digits, -, _ or ., at most %d of them"), f->id, FL_CODE_MAX);
	f->title = fl_strdup(fl, root, "title", N_("form"), 1);
	f->block = fl_strdup(fl, root, "block", N_("form"), 1);
	max_ok = fl_cp(fl, root, "max", N_("form"), 1, &f->max) == 1;
	if (fl_cp(fl, root, "step", N_("form"), 0, &step) == 1 && step <= 0) {
		fl_err(fl, config_setting_get_member(root, "step"),
		    TR("form: step must be above 0"));
		step = 25;
	}
	f->step = step;
	f->bonus = fl_bool(fl, root, "bonus", N_("form"), 0);
	f->na_explain = fl_bool(fl, root, "not_arising_needs_explanation",
	    N_("form"), 0);
	if (fl_cp(fl, root, "manual_cap", N_("form"), 0, &f->manual_cap) == 1 &&
	    f->manual_cap < 0)
		fl_err(fl, config_setting_get_member(root, "manual_cap"),
		    TR("form: manual_cap must not be below 0"));
	fl_grades(fl, root, f);
	fl_areas(fl, root, f, max_ok);
	fl_advisory(fl, root, f);
	fl_profiles(fl, root, f);
	return f;
}
