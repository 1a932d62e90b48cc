/* app: a year in memory over the store and the engine. */
#include "app.h"

#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formload.h"
#include "text.h"
#include "paths.h"
#include "util.h"


/* mkdir -p with mode for the folders it creates. */
static int
app_mkdirs(const char *path, mode_t mode)
{
	char	*p = xstrdup(path), *s;
	int	 rc = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, mode) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

char *
app_default_db(char **cause)
{
	const char	*x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char		*dir, *path;

	if (x != NULL && *x == '/')
		dir = xasprintf("%s/cchc", x);
	else if (home != NULL && *home != '\0')
		dir = xasprintf("%s/.local/share/cchc", home);
	else {
		*cause = xstrdup(TR("neither XDG_DATA_HOME nor HOME is set; "
		    "name the database with --db FILE"));
		return NULL;
	}
	if (app_mkdirs(dir, 0700) != 0) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/cchc.db", dir);
	free(dir);
	return path;
}

static int
app_is_dir(const char *d, const char *sub)
{
	struct stat	 sb;
	char		*p = xasprintf("%s/%s", d, sub);
	int		 r = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);

	free(p);
	return r;
}

char *
app_data_dir(void)
{
	const char	*env = getenv("CCHC_DATADIR");
	char		 exe[PATH_MAX], *slash, *up;
	ssize_t		 n;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Run from a source tree: ./cchc or build/cchc beside forms/. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if (app_is_dir(exe, "forms") && app_is_dir(exe, "data"))
				return xstrdup(exe);
			up = xasprintf("%s/..", exe);
			if (app_is_dir(up, "forms") && app_is_dir(up, "data")) {
				free(up);
				if ((slash = strrchr(exe, '/')) != NULL)
					*slash = '\0';
				return xstrdup(exe);
			}
			free(up);
		}
	}
	return xstrdup(CCHC_DATADIR);
}

char *
app_default_agencies(const char *datadir, char **cause)
{
	glob_t	 g;
	char	*pattern = xasprintf("%s/data/*.cfg", datadir), *r = NULL;
	size_t	 i;

	memset(&g, 0, sizeof g);
	if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0)
		*cause = xasprintf(TR("no agency list (*.cfg) in %s/data; "
		    "name one with --agencies FILE"), datadir);
	else if (g.gl_pathc > 1) {
		struct strbuf	b;

		strbuf_init(&b);
		for (i = 0; i < g.gl_pathc; i++)
			strbuf_printf(&b, "%s%s", i ? ", " : "", g.gl_pathv[i]);
		*cause = xasprintf(TR("several agency lists (%s): name one "
		    "with "
		    "--agencies FILE"), b.s);
		strbuf_clear(&b);
	} else
		r = xstrdup(g.gl_pathv[0]);
	globfree(&g);
	free(pattern);
	return r;
}

char *
app_user(void)
{
	const char	*u = getenv("CCHC_USER");
	struct passwd	*pw;

	if (u != NULL && *u != '\0')
		return xstrdup(u);
	if ((pw = getpwuid(getuid())) != NULL)
		return xstrdup(pw->pw_name);
	return xstrdup("unknown");
}

/* End a transaction: commit when rc is STORE_OK, else roll back. */
static int
app_end(struct store *st, int rc, char **cause)
{
	if (rc == STORE_OK)
		return store_commit(st, cause);
	store_rollback(st);
	return rc;
}

int
app_init_year(struct store *st, int year, const char *forms_dir,
    const char *agencies, int from_year, struct errlist *errs, char **cause)
{
	struct store_year	  prev = { 0 };
	struct agency_list	 *list = NULL;
	struct form		**forms = NULL;
	char			**texts = NULL, *pattern, *atext = NULL;
	char			 *aname = NULL;
	enum formload_kind	  kind;
	glob_t			  g;
	size_t			  i, j, nforms = 0, before = errs->n;
	int			  rc = STORE_OK;

	*cause = NULL;
	if (from_year > 0) {
		if ((rc = store_year_get(st, from_year, &prev, cause)) !=
		    STORE_OK)
			return rc;
		atext = xstrdup(prev.agencies_text);
		aname = xasprintf("%s (from %d)", prev.agencies_name,
		    from_year);
		store_year_clear(&prev);
	} else {
		if ((atext = formload_read(agencies, cause)) == NULL)
			return STORE_CANTOPEN;
		aname = xstrdup(agencies);
	}
	list = formload_text(aname, atext, &kind, errs);
	if (list != NULL && kind != FORMLOAD_AGENCIES) {
		errlist_add(errs, aname, 0, "not an agency file");
		form_free((struct form *)list);
		list = NULL;
	}

	pattern = xasprintf("%s/*.cfg", forms_dir);
	memset(&g, 0, sizeof g);
	if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0)
		errlist_add(errs, forms_dir, 0, "no form files (*.cfg) here");
	free(pattern);
	forms = xcalloc(g.gl_pathc + 1, sizeof *forms);
	texts = xcalloc(g.gl_pathc + 1, sizeof *texts);
	for (i = 0; i < g.gl_pathc; i++) {
		char	*c2 = NULL;
		void	*obj;

		if ((texts[nforms] = formload_read(g.gl_pathv[i], &c2)) ==
		    NULL) {
			errlist_add(errs, NULL, 0, "%s", c2);
			free(c2);
			continue;
		}
		obj = formload_text(g.gl_pathv[i], texts[nforms], &kind, errs);
		if (obj == NULL) {
			free(texts[nforms]);
			continue;
		}
		if (kind != FORMLOAD_FORM) {
			errlist_add(errs, g.gl_pathv[i], 0, "not a form file");
			agency_list_free(obj);
			free(texts[nforms]);
			continue;
		}
		for (j = 0; j < nforms; j++) {
			if (strcmp(forms[j]->block, ((struct form *)obj)->block)
			    == 0)
				errlist_add(errs, g.gl_pathv[i], 0, "a second "
				    "form for block %s (the first is %s)",
				    forms[j]->block, forms[j]->file);
		}
		forms[nforms++] = obj;
	}
	if (list != NULL) {
		formload_cross_check(list, forms, nforms, errs);
		for (i = 0; i < list->nblocks; i++) {
			for (j = 0; j < nforms; j++) {
				if (strcmp(forms[j]->block,
				    list->blocks[i].code) == 0)
					break;
			}
			if (j == nforms)
				errlist_add(errs, aname, 0, "block %s has no "
				    "form in %s", list->blocks[i].code,
				    forms_dir);
		}
	}
	if (errs->n > before || list == NULL) {
		rc = APP_BADINPUT;
		*cause = xasprintf(TR("year %d not started: the files have "
		    "errors"), year);
		goto out;
	}
	if ((rc = store_begin(st, cause)) != STORE_OK)
		goto out;
	rc = store_year_add(st, year, aname, atext, cause);
	for (i = 0; rc == STORE_OK && i < nforms; i++)
		rc = store_form_add(st, year, forms[i]->block, forms[i]->file,
		    texts[i], cause);
	for (i = 0; rc == STORE_OK && i < list->nagencies; i++)
		rc = store_agency_add(st, year, &list->agencies[i], cause);
	rc = app_end(st, rc, cause);
out:
	for (i = 0; i < nforms; i++) {
		form_free(forms[i]);
		free(texts[i]);
	}
	free(forms);
	free(texts);
	globfree(&g);
	agency_list_free(list);
	free(atext);
	free(aname);
	return rc;
}

void
app_default_entry(const struct app_agency *a, size_t item,
    struct store_entry *e)
{
	const struct profile	*p = NULL;
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
			store_entry_clear(&a->raw[j]);
		free(a->raw);
		free(a->stored);
		free(a->entries);
		free(a->state);
		store_deductions_free(a->ded, a->nded);
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
	store_year_clear(&y->info);
	free(y);
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
static int
app_province_falls(struct store *st, struct app_year *y, char **cause)
{
	struct province_area	*prev = NULL;
	size_t			 nprev = 0, i, j;
	int			 rc;

	if ((rc = store_province(st, y->year - 1, &prev, &nprev, cause)) !=
	    STORE_OK)
		return rc;
	for (i = 0; i < y->nprov; i++) {
		struct province_area	*p = &y->prov[i];
		int			 before = p->prev_rank;

		for (j = 0; before == 0 && j < nprev; j++) {
			if (prev[j].area == p->area)
				before = prev[j].rank;
		}
		p->has_fall = p->rank > 0 && before > 0;
		p->fall = p->has_fall ? p->rank - before : 0;
	}
	free(prev);
	return STORE_OK;
}

int
app_year_load(struct store *st, int year, struct app_year **out,
    char **cause)
{
	struct app_year		*y = xcalloc(1, sizeof *y);
	struct store_form	*sf = NULL;
	struct store_entry	*se = NULL;
	struct store_deduction	*sd = NULL;
	struct errlist		 errs;
	enum formload_kind	 kind;
	size_t			 nsf = 0, nse = 0, nsd = 0, i, j;
	int			 rc;

	*out = NULL;
	errlist_init(&errs);
	y->year = year;
	if ((rc = store_audit_last(st, &y->seen, cause)) != STORE_OK ||
	    (rc = store_year_get(st, year, &y->info, cause)) != STORE_OK)
		goto fail;
	y->list = formload_text(y->info.agencies_name, y->info.agencies_text,
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
		*cause = xasprintf(TR("year %d: a stored form or agency list "
		    "does not load: %s"), year, errs.n > 0 ?
		    errs.items[0].msg : "?");
		rc = STORE_ERR;
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
			rc = STORE_ERR;
			goto fail;
		}
		y->nags++;
		if ((rc = store_agency_state(st, year, a->ag->code, &a->state,
		    cause)) != STORE_OK)
			goto fail;
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
		store_entry_clear(&a->raw[k]);
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
	store_entries_free(se, nse);
	store_deductions_free(sd, nsd);
	errlist_clear(&errs);
	app_year_compute(y);
	*out = y;
	return STORE_OK;
fail:
	store_forms_free(sf, nsf);
	store_entries_free(se, nse);
	store_deductions_free(sd, nsd);
	errlist_clear(&errs);
	app_year_free(y);
	return rc;
}

const struct totals *
app_totals(const struct app_agency *a, enum side side)
{
	return side == SIDE_SELF ? &a->self : &a->appraised;
}

size_t
app_rank(const struct app_agency *a, enum side side)
{
	return side == SIDE_SELF ? a->rank_self : a->rank_appraised;
}

/* Fill rows with the block's agencies in rank order on one side. */
static size_t
app_rank_block(const struct app_year *y, size_t block, enum side side,
    struct rank_row *rows)
{
	size_t	i, n = 0;

	for (i = 0; i < y->nags; i++) {
		if (y->ags[i].block != block)
			continue;
		rows[n].index = i;
		rows[n].order = y->ags[i].ag->order;
		rows[n].rate = app_totals(&y->ags[i], side)->rate;
		n++;
	}
	score_rank(rows, n);
	return n;
}

void
app_year_compute(struct app_year *y)
{
	struct rank_row	*rows = xcalloc(y->nags + 1, sizeof *rows);
	size_t		 i, j, b, n;

	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];

		for (j = 0; j < a->form->nitems; j++) {
			a->entries[j].self = a->raw[j].self;
			a->entries[j].appraised = a->raw[j].appraised;
			a->entries[j].has_evidence = a->raw[j].nevidence > 0;
		}
		a->manual = 0;
		for (j = 0; j < a->nded; j++)
			a->manual += a->ded[j].points;
		a->advisory = score_advisory(&a->form->advisory, a->ag,
		    y->prov, y->nprov);
		score_agency(a->form, a->entries, SIDE_SELF, 0, &a->self);
		score_agency(a->form, a->entries, SIDE_APPRAISED,
		    a->manual + a->advisory, &a->appraised);
	}
	for (b = 0; b < y->list->nblocks; b++) {
		n = app_rank_block(y, b, SIDE_SELF, rows);
		for (j = 0; j < n; j++)
			y->ags[rows[j].index].rank_self = rows[j].rank;
		n = app_rank_block(y, b, SIDE_APPRAISED, rows);
		for (j = 0; j < n; j++)
			y->ags[rows[j].index].rank_appraised = rows[j].rank;
	}
	free(rows);
}

void
app_block_ranking(const struct app_year *y, size_t block, enum side side,
    struct app_agency ***out, size_t *n)
{
	struct rank_row	*rows = xcalloc(y->nags + 1, sizeof *rows);
	size_t		 i;

	*n = app_rank_block(y, block, side, rows);
	*out = xcalloc(*n + 1, sizeof **out);
	for (i = 0; i < *n; i++)
		(*out)[i] = &y->ags[rows[i].index];
	free(rows);
}

char *
app_input_text(const char *inputs, const char *key)
{
	const char	*p = inputs;
	size_t		 kl = strlen(key);

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			const char	*e = strchr(p + kl + 1, ';');

			return e != NULL ? xstrndup(p + kl + 1,
			    (size_t)(e - p - kl - 1)) : xstrdup(p + kl + 1);
		}
		p = strchr(p, ';');
	}
	return NULL;
}

/* The number of "key=" in the inputs text: 1 found, 0 not, -1 bad. */
static int
app_input_value(const char *text, const char *key, int64_t *v, char **cause)
{
	char	*val = app_input_text(text, key);
	int	 rc;

	if (val == NULL)
		return 0;
	rc = util_parse_cp(val, v, cause);
	free(val);
	return rc != 0 ? -1 : 1;
}

static int
app_input_need(const char *text, const char *key, int64_t *v, char **cause)
{
	int	rc = app_input_value(text, key, v, cause);

	if (rc == 0)
		*cause = xasprintf(TR("\"%s=\" is missing"), key);
	return rc == 1 ? 0 : -1;
}

int
app_rule_from_text(const struct item *it, const char *text, int64_t *points,
    char **cause)
{
	struct rule_input	 in;
	int64_t			*vars = NULL, lv;
	size_t			 i;
	int			 rc = -1;

	memset(&in, 0, sizeof in);
	*cause = NULL;
	switch (it->rule) {
	case RULE_POINTS:
		if (app_input_value(text, "value", &in.value, cause) == 0 &&
		    util_parse_cp(text, &in.value, cause) != 0)
			return -1;
		break;
	case RULE_CHOICE:
		if (app_input_need(text, "level", &lv, cause) != 0)
			return -1;
		if (lv % 100 != 0 || lv < 100) {
			*cause = xasprintf(TR("level must be 1..%zu"),
			    it->nlevels);
			return -1;
		}
		in.level = (size_t)(lv / 100 - 1);
		break;
	case RULE_BANDS:
		if (app_input_need(text, "value", &in.value, cause) != 0)
			return -1;
		break;
	case RULE_RATIO:
		if (app_input_need(text, "done", &in.done, cause) != 0 ||
		    app_input_need(text, "planned", &in.planned, cause) != 0)
			return -1;
		break;
	case RULE_FORMULA:
		vars = xcalloc(it->ninputs + 1, sizeof *vars);
		for (i = 0; i < it->ninputs; i++) {
			if (app_input_need(text, it->inputs[i].name, &vars[i],
			    cause) != 0) {
				free(vars);
				return -1;
			}
		}
		in.vars = vars;
		break;
	}
	if (*cause == NULL)
		rc = form_rule_points(it, &in, points, cause);
	free(vars);
	return rc;
}

int
app_status_parse(const char *s, enum status *out)
{
	char	*n = text_nfc(s), *f;
	int	 rc = -1;

	if (n != NULL && status_parse(n, out) == 0)
		rc = 0;
	else if ((f = text_fold(s)) != NULL) {
		/* "Không Phát Sinh" folds to "khong phat sinh". */
		rc = status_parse(f, out);
		free(f);
	}
	free(n);
	return rc;
}

int
app_check_value(const struct item *it, int64_t v, char **cause)
{
	char		 a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ], x[UTIL_CP_BUFSZ];
	struct strbuf	 sb;
	size_t		 i;

	*cause = NULL;
	switch (it->rule) {
	case RULE_POINTS:
		return form_check_points(it, v, cause);
	case RULE_CHOICE:
		for (i = 0; i < it->nlevels; i++) {
			if (it->levels[i].points == v)
				return 0;
		}
		strbuf_init(&sb);
		for (i = 0; i < it->nlevels; i++)
			strbuf_printf(&sb, "%s%s", i ? ", " : "",
			    util_format_cp(it->levels[i].points,
			    util_msg_mark(), a));
		*cause = xasprintf(TR("%s is not a level of item %s (%s)"),
		    util_format_cp(v, util_msg_mark(), x), it->code, sb.s);
		strbuf_clear(&sb);
		return -1;
	case RULE_BANDS:
		if (v == 0)
			return 0;
		for (i = 0; i < it->nbands; i++) {
			if (it->bands[i].points == v)
				return 0;
		}
		strbuf_init(&sb);
		for (i = 0; i < it->nbands; i++)
			strbuf_printf(&sb, "%s%s", i ? ", " : "",
			    util_format_cp(it->bands[i].points, util_msg_mark(),
			    a));
		*cause = xasprintf(TR("%s is not a band of item %s (%s)"),
		    util_format_cp(v, util_msg_mark(), x), it->code, sb.s);
		strbuf_clear(&sb);
		return -1;
	case RULE_RATIO:
		/* 0 below the threshold, else max x done / planned >= max x
		 * threshold. */
		if (v != 0 && (v > it->max || v * 10000 < it->max *
		    it->threshold)) {
			*cause = xasprintf(TR("%s is not possible for item %s: "
			    "0, or from %s to %s"), util_format_cp(v,
			    util_msg_mark(), x),
			    it->code, util_format_cp(util_div_round(it->max *
			    it->threshold, 10000), util_msg_mark(), a),
			    util_format_cp(it->max, util_msg_mark(), b));
			return -1;
		}
		return 0;
	case RULE_FORMULA:
		if (v < it->min || v > it->max) {
			*cause = xasprintf(TR("%s is outside %s..%s for "
			    "item %s"),
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

static int
app_state_rank(const char *s)
{
	static const char *const order[] = { "draft", "submitted",
	    "appraised", "published" };
	size_t	i;

	for (i = 0; i < UTIL_ARRAY_LEN(order); i++) {
		if (strcmp(s, order[i]) == 0)
			return (int)i;
	}
	return 0;
}

static int
app_str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL || *a == '\0') && (b == NULL || *b == '\0');
	return strcmp(a, b) == 0;
}

/* The same evidence references, in the same order. */
static int
app_evidence_eq(const struct store_entry *a, const struct store_entry *b)
{
	size_t	i;

	if (a->nevidence != b->nevidence)
		return 0;
	for (i = 0; i < a->nevidence; i++) {
		if (!app_str_eq(a->evidence[i].number, b->evidence[i].number) ||
		    !app_str_eq(a->evidence[i].date, b->evidence[i].date) ||
		    !app_str_eq(a->evidence[i].title, b->evidence[i].title))
			return 0;
	}
	return 1;
}

int
app_mark_eq(const struct mark *a, const struct mark *b)
{
	return a->status == b->status && (a->status != STATUS_SCORED ||
	    a->points == b->points);
}

/* Validate one side's mark and inputs of an entry for an item. */
static int
app_check_mark(const struct item *it, enum side side, struct mark *m,
    const char *inputs, char **cause)
{
	int64_t	 p;
	char	*c;

	if (m->status != STATUS_SCORED) {
		m->points = 0;
		return 0;
	}
	if (inputs != NULL && *inputs != '\0') {
		if (app_rule_from_text(it, inputs, &p, cause) != 0)
			goto bad;
		if (p != m->points) {
			char	a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ];

			*cause = xasprintf(TR("the inputs give %s points, not "
			    "%s"),
			    util_format_cp(p, util_msg_mark(), a),
			    util_format_cp(m->points, util_msg_mark(), b));
			goto bad;
		}
		return 0;
	}
	if (app_check_value(it, m->points, cause) != 0)
		goto bad;
	return 0;
bad:
	c = *cause;
	*cause = side == SIDE_SELF ? xasprintf(TR("self score: %s"), c) :
	    xasprintf(TR("appraised score: %s"), c);
	free(c);
	return -1;
}

/* The same entry: scores, inputs, evidence and texts. */
static int
app_entry_eq(const struct store_entry *a, const struct store_entry *b)
{
	return app_mark_eq(&a->self, &b->self) &&
	    app_mark_eq(&a->appraised, &b->appraised) &&
	    app_str_eq(a->self_inputs, b->self_inputs) &&
	    app_str_eq(a->appraised_inputs, b->appraised_inputs) &&
	    app_str_eq(a->explanation, b->explanation) &&
	    app_str_eq(a->note, b->note) && app_str_eq(a->reason, b->reason) &&
	    app_evidence_eq(a, b);
}

/*
 * Inside the write transaction: is what memory holds for an entry (and
 * its agency's state) still what is on disk?  If another program changed
 * either since the year was loaded, memory takes the disk's values and
 * STORE_CONFLICT says so, so nothing is written over a newer change.
 */
static int
app_fresh(struct store *st, struct app_year *y, struct app_agency *a,
    size_t k, char **cause)
{
	struct store_entry	*se = NULL, def;
	char			*state = NULL;
	size_t			 n = 0;
	int			 rc, same;

	if ((rc = store_agency_state(st, y->year, a->ag->code, &state,
	    cause)) != STORE_OK)
		return rc;
	if ((rc = store_entries(st, y->year, a->ag->code,
	    a->form->items[k].code,
	    &se, &n, cause)) != STORE_OK) {
		free(state);
		return rc;
	}
	app_default_entry(a, k, &def);
	same = strcmp(state, a->state) == 0 && app_entry_eq(n > 0 ? &se[0] :
	    &def, &a->raw[k]);
	if (!same) {
		free(a->state);
		a->state = state;
		state = NULL;
		store_entry_clear(&a->raw[k]);
		if (n > 0) {
			a->raw[k] = se[0];
			memset(&se[0], 0, sizeof se[0]);
		} else {
			a->raw[k] = def;
			memset(&def, 0, sizeof def);
		}
		a->stored[k] = n > 0;
		app_year_compute(y);
		*cause = xasprintf(TR("agency %s, item %s was changed by "
		    "another "
		    "program meanwhile; the saved values are shown now: check "
		    "them and enter the change again"), a->ag->code,
		    a->form->items[k].code);
		rc = STORE_CONFLICT;
	}
	store_entry_clear(&def);
	store_entries_free(se, n);
	free(state);
	return rc;
}

int
app_put_entry(struct store *st, struct app_year *y,
    const struct store_entry *e, int in_txn, char **cause)
{
	struct app_agency	*a;
	struct store_entry	 n, def;
	const struct item	*it;
	long			 k;
	size_t			 i;
	int			 rc, was_na, now_na, in_step;
	long long		 last;

	*cause = NULL;
	if ((a = app_find_agency(y, e->agency)) == NULL) {
		*cause = xasprintf(TR("unknown agency \"%s\" in year %d"),
		    e->agency, y->year);
		return APP_BADINPUT;
	}
	if ((k = form_item_index(a->form, e->item)) < 0) {
		*cause = xasprintf(TR("unknown item \"%s\" in form %s of "
		    "agency "
		    "%s"), e->item, a->form->id, e->agency);
		return APP_BADINPUT;
	}
	if (strcmp(y->info.state, "published") == 0) {
		*cause = xasprintf(TR("year %d is published and locked; reopen "
		    "it with: cchc state %d reopen --reason TEXT"), y->year,
		    y->year);
		return STORE_LOCKED;
	}
	it = &a->form->items[k];
	store_entry_copy(&n, e);
	if (app_check_mark(it, SIDE_SELF, &n.self, n.self_inputs, cause) != 0 ||
	    app_check_mark(it, SIDE_APPRAISED, &n.appraised,
	    n.appraised_inputs, cause) != 0) {
		store_entry_clear(&n);
		return APP_BADINPUT;
	}
	for (i = 0; i < n.nevidence; i++) {
		const struct store_evidence *v = &n.evidence[i];

		if (v->number == NULL || *v->number == '\0' ||
		    strpbrk(v->number, ";|") != NULL ||
		    (v->date != NULL && strpbrk(v->date, ";|") != NULL) ||
		    (v->title != NULL && strpbrk(v->title, ";|") != NULL)) {
			*cause = xasprintf(TR("evidence %zu: a document number "
			    "is "
			    "needed, and no field may hold ';' or '|'"), i + 1);
			store_entry_clear(&n);
			return APP_BADINPUT;
		}
	}
	/* Leaving or entering the profile's default needs a reason. */
	app_default_entry(a, (size_t)k, &def);
	was_na = def.appraised.status == STATUS_NOT_ASSIGNED;
	now_na = n.appraised.status == STATUS_NOT_ASSIGNED ||
	    n.self.status == STATUS_NOT_ASSIGNED;
	if (was_na)
		now_na = n.appraised.status == STATUS_NOT_ASSIGNED &&
		    n.self.status == STATUS_NOT_ASSIGNED;
	store_entry_clear(&def);
	if (was_na != now_na && (n.reason == NULL || *n.reason == '\0')) {
		*cause = xasprintf(TR("item %s: %s needs a reason"), it->code,
		    was_na ? TR("assigning an item the agency's profile "
		    "leaves out") : TR("marking an item not assigned"));
		store_entry_clear(&n);
		return APP_BADINPUT;
	}
	if (!in_txn && (rc = store_begin(st, cause)) != STORE_OK) {
		store_entry_clear(&n);
		return rc;
	}
	/* Nothing written since memory was last in step: no need to look. */
	if ((rc = store_audit_last(st, &last, cause)) != STORE_OK)
		goto fail;
	in_step = last == y->seen;
	if (!in_step && (rc = app_fresh(st, y, a, (size_t)k, cause)) !=
	    STORE_OK)
		goto fail;
	/* The workflow freezes each side once it is handed over. */
	if (app_state_rank(a->state) >= 1 &&
	    (!app_mark_eq(&n.self, &a->raw[k].self) ||
	    !app_str_eq(n.self_inputs, a->raw[k].self_inputs) ||
	    !app_str_eq(n.explanation, a->raw[k].explanation))) {
		*cause = xasprintf(TR("agency %s has submitted its "
		    "self-assessment; its self scores are frozen (reopen it "
		    "with: cchc state %d %s reopen --reason TEXT)"), e->agency,
		    y->year, e->agency);
		rc = STORE_LOCKED;
		goto fail;
	}
	if (app_state_rank(a->state) >= 2 &&
	    (!app_mark_eq(&n.appraised, &a->raw[k].appraised) ||
	    !app_str_eq(n.appraised_inputs, a->raw[k].appraised_inputs) ||
	    !app_evidence_eq(&n, &a->raw[k]))) {
		*cause = xasprintf(TR("agency %s is appraised; its appraised "
		    "scores are frozen (reopen it with: cchc state %d %s "
		    "reopen --reason TEXT)"), e->agency, y->year, e->agency);
		rc = STORE_LOCKED;
		goto fail;
	}
	rc = store_entry_put(st, y->year, &n, cause);
	if (rc == STORE_OK && in_step)
		rc = store_audit_last(st, &last, cause);
	if (rc == STORE_OK && !in_txn)
		rc = store_commit(st, cause);
	if (rc != STORE_OK) {
fail:
		if (!in_txn)
			store_rollback(st);
		store_entry_clear(&n);
		return rc;
	}
	store_entry_clear(&a->raw[k]);
	a->raw[k] = n;
	a->stored[k] = 1;
	/* Memory stays in step with the disk only if it was before. */
	if (in_step)
		y->seen = last;
	if (!in_txn)
		app_year_compute(y);
	return STORE_OK;
}

/* Trim blanks at both ends, in place; returns s. */
static char *
app_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* A date as Vietnamese documents write it: d/m/yyyy, a real day. */
static int
app_date_ok(const char *s)
{
	static const int	mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			d, m, y, n = 0;

	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 ||
	    s[n] != '\0' || y < 1900 || y > 9999 || m < 1 || m > 12 ||
	    d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

int
app_parse_evidence(const char *text, struct store_evidence **out, size_t *n,
    char **cause)
{
	char	*copy = xstrdup(text != NULL ? text : ""), *ref, *save = NULL;
	size_t	 cap = 4;

	*n = 0;
	*out = xcalloc(cap, sizeof **out);
	for (ref = strtok_r(copy, ";", &save); ref != NULL;
	    ref = strtok_r(NULL, ";", &save)) {
		char			*f[3] = { NULL, NULL, NULL }, *p = ref;
		int			 i;
		struct store_evidence	*v;

		if (*app_trim(ref) == '\0')
			continue;
		for (i = 0; i < 3 && p != NULL; i++) {
			f[i] = p;
			if ((p = strchr(p, '|')) != NULL)
				*p++ = '\0';
		}
		if (p != NULL) {
			for (i = 0; i < 3; i++)
				f[i][strlen(f[i])] = '|';
			*cause = xasprintf(TR("evidence \"%s\": at most number|"
			    "date|title"), ref);
			goto fail;
		}
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		v = &(*out)[(*n)++];
		v->number = xstrdup(app_trim(f[0]));
		v->date = f[1] != NULL && *app_trim(f[1]) != '\0' ?
		    xstrdup(app_trim(f[1])) : NULL;
		v->title = f[2] != NULL && *app_trim(f[2]) != '\0' ?
		    xstrdup(app_trim(f[2])) : NULL;
		if (*v->number == '\0') {
			*cause = xasprintf(TR("evidence %zu has no document "
			    "number"), *n);
			goto fail;
		}
		if (v->date != NULL && !app_date_ok(v->date)) {
			*cause = xasprintf(TR("evidence %zu: the date \"%s\" "
			    "is "
			    "not a date dd/mm/yyyy"), *n, v->date);
			goto fail;
		}
	}
	free(copy);
	return 0;
fail:
	free(copy);
	store_evidence_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

char *
app_format_evidence(const struct store_evidence *v, size_t n)
{
	struct strbuf	b;
	size_t		i;

	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		strbuf_printf(&b, "%s%s", i ? "; " : "", v[i].number);
		if (v[i].date != NULL || v[i].title != NULL)
			strbuf_printf(&b, "|%s", v[i].date != NULL ?
			    v[i].date : "");
		if (v[i].title != NULL)
			strbuf_printf(&b, "|%s", v[i].title);
	}
	return strbuf_steal(&b);
}

int
app_set_state(struct store *st, struct app_year *y, const char *agency,
    const char *action, const char *reason, char **cause)
{
	struct app_agency	*a = NULL;
	const char		*to = NULL, *need = NULL;
	size_t			 i;
	int			 rc;

	*cause = NULL;
	if (agency != NULL && (a = app_find_agency(y, agency)) == NULL) {
		*cause = xasprintf(TR("unknown agency \"%s\" in year %d"),
		    agency,
		    y->year);
		return APP_BADINPUT;
	}
	if (strcmp(action, "reopen") == 0 && (reason == NULL ||
	    *reason == '\0')) {
		*cause = xstrdup(TR("reopen needs a reason (--reason TEXT)"));
		return APP_BADINPUT;
	}
	if (a == NULL) {
		if (strcmp(action, "publish") == 0) {
			if (strcmp(y->info.state, "published") == 0) {
				*cause = xasprintf(TR("year %d is already "
				    "published"), y->year);
				return STORE_LOCKED;
			}
			for (i = 0; i < y->nags; i++) {
				if (strcmp(y->ags[i].state, "appraised") != 0) {
					*cause = xasprintf(TR("cannot publish "
					    "year %d: agency %s is %s, not "
					    "appraised"), y->year,
					    y->ags[i].ag->code,
					    y->ags[i].state);
					return APP_BADINPUT;
				}
			}
			to = "published";
		} else if (strcmp(action, "reopen") == 0) {
			if (strcmp(y->info.state, "published") != 0) {
				*cause = xasprintf(TR("year %d is not "
				    "published"),
				    y->year);
				return APP_BADINPUT;
			}
			to = "open";
		} else {
			*cause = xasprintf(TR("%s applies to one agency: cchc "
			    "state %d AGENCY %s"), action, y->year, action);
			return APP_BADINPUT;
		}
		if ((rc = store_begin(st, cause)) != STORE_OK)
			return rc;
		/* The agencies change while the year is open: published
		 * last, reopened first. */
		rc = strcmp(to, "open") == 0 ? store_year_set_state(st,
		    y->year, to, reason, cause) : STORE_OK;
		for (i = 0; rc == STORE_OK && i < y->nags; i++)
			rc = store_agency_set_state(st, y->year,
			    y->ags[i].ag->code, strcmp(to, "published") == 0 ?
			    "published" : "appraised", reason, cause);
		if (rc == STORE_OK && strcmp(to, "published") == 0)
			rc = store_year_set_state(st, y->year, to, reason,
			    cause);
		rc = app_end(st, rc, cause);
		if (rc == STORE_OK) {
			free(y->info.state);
			y->info.state = xstrdup(to);
			for (i = 0; i < y->nags; i++) {
				free(y->ags[i].state);
				y->ags[i].state = xstrdup(strcmp(to,
				    "published") == 0 ? "published" :
				    "appraised");
			}
		}
		return rc;
	}
	if (strcmp(y->info.state, "published") == 0) {
		*cause = xasprintf(TR("year %d is published and locked; reopen "
		    "it "
		    "with: cchc state %d reopen --reason TEXT"), y->year,
		    y->year);
		return STORE_LOCKED;
	}
	if (strcmp(action, "submit") == 0) {
		need = "draft";
		to = "submitted";
	} else if (strcmp(action, "appraise") == 0) {
		need = "submitted";
		to = "appraised";
	} else if (strcmp(action, "reopen") == 0) {
		to = "draft";
		if (strcmp(a->state, "draft") == 0) {
			*cause = xasprintf(TR("agency %s is already a draft"),
			    agency);
			return APP_BADINPUT;
		}
	} else if (strcmp(action, "publish") == 0) {
		*cause = xasprintf(TR("publish applies to the whole year: cchc "
		    "state %d publish"), y->year);
		return APP_BADINPUT;
	} else {
		*cause = xasprintf(TR("unknown action \"%s\" (submit, "
		    "appraise, "
		    "publish or reopen)"), action);
		return APP_BADINPUT;
	}
	if (need != NULL && strcmp(a->state, need) != 0) {
		*cause = xasprintf(TR("agency %s is %s; %s needs it %s"),
		    agency,
		    a->state, action, need);
		return APP_BADINPUT;
	}
	/* Hand over only what is complete: every item scored or marked. */
	if (strcmp(action, "submit") == 0 && a->self.unscored > 0) {
		*cause = xasprintf(TR("agency %s has %zu items without a self "
		    "score; score them, or mark them not arising, not "
		    "assigned or not done, before it submits"), agency,
		    a->self.unscored);
		return APP_BADINPUT;
	}
	if (strcmp(action, "appraise") == 0 && a->appraised.unscored > 0) {
		*cause = xasprintf(TR("agency %s has %zu items without an "
		    "appraised score; score or mark them before the appraisal "
		    "is closed"), agency, a->appraised.unscored);
		return APP_BADINPUT;
	}
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_agency_set_state(st, y->year, agency, to,
	    reason, cause), cause);
	if (rc == STORE_OK) {
		free(a->state);
		a->state = xstrdup(to);
	}
	return rc;
}

int
app_years(struct store *st, int **years, size_t *n, char **cause)
{
	return store_years(st, years, n, cause);
}

/* Reload an agency's deduction lines after a change. */
static int
app_reload_deductions(struct store *st, struct app_year *y,
    struct app_agency *a, char **cause)
{
	struct store_deduction	*d;
	size_t			 n;
	int			 rc;

	if ((rc = store_deductions(st, y->year, a->ag->code, &d, &n, cause)) !=
	    STORE_OK)
		return rc;
	store_deductions_free(a->ded, a->nded);
	a->ded = d;
	a->nded = n;
	app_year_compute(y);
	return STORE_OK;
}

int
app_deduction_add(struct store *st, struct app_year *y, struct app_agency *a,
    int64_t points, const char *reason, const char *evidence, char **cause)
{
	struct store_deduction	d;
	long			id;
	int			rc;

	*cause = NULL;
	if (points <= 0) {
		*cause = xstrdup(TR("a deduction is a positive number of "
		    "points"));
		return APP_BADINPUT;
	}
	if (reason == NULL || *reason == '\0') {
		*cause = xstrdup(TR("a deduction needs a reason"));
		return APP_BADINPUT;
	}
	memset(&d, 0, sizeof d);
	d.agency = a->ag->code;
	d.points = points;
	d.reason = (char *)reason;
	d.evidence = evidence != NULL && *evidence != '\0' ?
	    (char *)evidence : NULL;
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_deduction_add(st, y->year, &d, &id, cause),
	    cause);
	if (rc != STORE_OK)
		return rc;
	return app_reload_deductions(st, y, a, cause);
}

int
app_deduction_remove(struct store *st, struct app_year *y,
    struct app_agency *a, long id, char **cause)
{
	struct app_agency	*owner = NULL;
	size_t			 i, j;
	int			 rc;

	*cause = NULL;
	for (i = 0; i < y->nags; i++) {
		for (j = 0; j < y->ags[i].nded; j++) {
			if (y->ags[i].ded[j].id == id)
				owner = &y->ags[i];
		}
	}
	if (owner == NULL) {
		*cause = xasprintf(TR("deduction %ld is not in year %d"), id,
		    y->year);
		return APP_BADINPUT;
	}
	if (a != NULL && a != owner) {
		*cause = xasprintf(TR("deduction %ld is a line of agency %s, "
		    "not of %s"), id, owner->ag->code, a->ag->code);
		return APP_BADINPUT;
	}
	a = owner;
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_deduction_remove(st, y->year, id, cause), cause);
	if (rc != STORE_OK)
		return rc;
	return app_reload_deductions(st, y, a, cause);
}

int
app_province_put(struct store *st, struct app_year *y,
    const struct province_area *p, char **cause)
{
	struct province_area	*pr;
	size_t			 n;
	int			 rc;

	*cause = NULL;
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_province_put(st, y->year, p, cause), cause);
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_province(st, y->year, &pr, &n, cause)) != STORE_OK)
		return rc;
	free(y->prov);
	y->prov = pr;
	y->nprov = n;
	if ((rc = app_province_falls(st, y, cause)) == STORE_OK)
		app_year_compute(y);
	return rc;
}

void
app_agencies_by_name(struct store *st, const struct app_year *y, size_t block,
    struct app_agency ***out, size_t *n)
{
	char	**codes = NULL, *cause = NULL;
	size_t	  nc = 0, i, j;

	*n = 0;
	*out = xcalloc(y->nags + 1, sizeof **out);
	if (store_agencies_by_name(st, y->year, y->list->blocks[block].code,
	    &codes, &nc, &cause) != STORE_OK)
		free(cause);
	for (i = 0; i < nc; i++) {
		for (j = 0; j < y->nags; j++) {
			if (strcmp(y->ags[j].ag->code, codes[i]) == 0)
				(*out)[(*n)++] = &y->ags[j];
		}
		free(codes[i]);
	}
	free(codes);
}
