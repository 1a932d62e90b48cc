/* app-year: the database handle, the years in it, and starting a year. */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app-int.h"
#include "formload.h"
#include "store.h"
#include "util.h"

int
app_list_pack_put(struct store *st, int year,
    const struct form_agency_list *l, char **cause)
{
	char	*pack;
	size_t	 len;
	int	 rc;

	pack = agency_list_pack(l, &len);
	rc = store_year_set_pack(st, year, pack, len, cause);
	free(pack);
	return rc;
}

/* The list of a year parsed from its stored text, or NULL. */
static struct form_agency_list *
app_list_parse(const struct store_year *info)
{
	struct errlist		 errs;
	enum formload_kind	 kind;
	void			*obj;

	errlist_init(&errs);
	obj = formload_text(info->agencies_name, info->agencies_text, &kind,
	    &errs);
	if (obj != NULL && (errs.n > 0 || kind != FORMLOAD_AGENCIES)) {
		if (kind == FORMLOAD_FORM)
			form_free(obj);
		else
			agency_list_free(obj);
		obj = NULL;
	}
	errlist_clear(&errs);
	return obj;
}

/*
 * Years written by an older cchc have no packed list: pack theirs once,
 * when the file is opened to be written (what upgrades the schema).  A
 * text that does not parse is left to the year's own load to report.
 */
static int
app_list_backfill(struct store *st, char **cause)
{
	struct store_year	 info;
	struct form_agency_list	*l;
	int			*years = NULL, rc;
	size_t			 n = 0, i;

	if ((rc = store_years_unpacked(st, &years, &n, cause)) != STORE_OK ||
	    n == 0 || (rc = store_begin(st, cause)) != STORE_OK) {
		free(years);
		return rc;
	}
	for (i = 0; rc == STORE_OK && i < n; i++) {
		if ((rc = store_year_get(st, years[i], &info, cause)) !=
		    STORE_OK)
			break;
		if ((l = app_list_parse(&info)) != NULL)
			rc = app_list_pack_put(st, years[i], l, cause);
		agency_list_free(l);
		store_year_clear(&info);
	}
	free(years);
	return app_end(st, rc, cause);
}

int
app_open(const char *path, int mode, const char *user, struct store **st,
    char **cause)
{
	int	rc, smode;

	smode = mode == APP_OPEN_READ ? STORE_READ : mode == APP_OPEN_CREATE ?
	    STORE_CREATE : STORE_WRITE;
	if ((rc = store_open(path, smode, st, cause)) != STORE_OK)
		return rc;
	store_set_user(*st, user);
	if (smode != STORE_READ && (rc = app_list_backfill(*st, cause)) !=
	    APP_OK) {
		store_close(*st);
		*st = NULL;
		return rc;
	}
	return APP_OK;
}

/* A year's packed list must be what its audited text reads as. */
static void
app_list_verify(struct store *st, int year, struct errlist *problems)
{
	struct store_year	 info, brief;
	struct form_agency_list	*l;
	char			*pack, *c2 = NULL;
	size_t			 len;

	if (store_year_brief(st, year, &brief, &c2) != STORE_OK ||
	    store_year_get(st, year, &info, &c2) != STORE_OK) {
		free(c2);
		store_year_clear(&brief);
		return;		/* the year's load says why */
	}
	if (brief.agencies_pack != NULL) {
		pack = (l = app_list_parse(&info)) != NULL ?
		    agency_list_pack(l, &len) : NULL;
		if (pack == NULL || len != brief.agencies_pack_len ||
		    memcmp(pack, brief.agencies_pack, len) != 0)
			errlist_add(problems, NULL, 0, TR("year/%d: the agency list kept for opening the year differs from the year's agency list"), year);
		free(pack);
		agency_list_free(l);
	}
	store_year_clear(&info);
	store_year_clear(&brief);
}

void
app_close(struct store *st)
{
	store_close(st);
}

int
app_backup(struct store *st, const char *path, char **cause)
{
	return store_backup(st, path, cause);
}

/* The stored sums of one side equal those of the entries? */
static int
app_sums_eq(const struct score_totals *a, const struct score_totals *b)
{
	size_t	k;

	if (a->max != b->max || a->points != b->points ||
	    a->nitems != b->nitems || a->unscored != b->unscored ||
	    a->no_evidence != b->no_evidence)
		return 0;
	for (k = 0; k < a->nareas; k++) {
		if (a->area_max[k] != b->area_max[k] ||
		    a->area_points[k] != b->area_points[k])
			return 0;
	}
	return 1;
}

/*
 * The stored totals of every agency of a year against its entries, one
 * agency at a time (memory stays flat whatever the year's size).
 */
/*
 * Verify, the derived part: every agency's stored totals are those of
 * its entries.  The entries come from store_verify's own pass over them
 * (app_vt_entry), not from a second read of the year.
 */
struct app_vt {
	struct app_year		**ys;
	size_t			  ny;
	struct app_year		 *y;		/* the agency's year */
	struct app_agency	 *a;		/* entries being summed, or NULL */
	struct score_entry	 *e;		/* [a->form->nitems] */
	unsigned char		**seen;		/* [ny][nags] */
	struct errlist		 *problems;
};

/* An agency's entries before its stored ones: empty, or not assigned by
 * its profile (as app_default_entry). */
static void
app_vt_begin(struct app_vt *vt, struct app_year *y, struct app_agency *a)
{
	const struct form_profile	*p = NULL;
	size_t				 i;

	vt->y = y;
	vt->a = a;
	vt->e = xcalloc(a->form->nitems + 1, sizeof *vt->e);
	if (a->ag->profile != NULL)
		p = form_find_profile(a->form, a->ag->profile);
	for (i = 0; p != NULL && i < p->nitems; i++) {
		vt->e[p->items[i]].self.status = STATUS_NOT_ASSIGNED;
		vt->e[p->items[i]].appraised.status = STATUS_NOT_ASSIGNED;
	}
}

/* The agency's sums against its stored totals. */
static void
app_vt_end(struct app_vt *vt)
{
	struct app_agency	*ag = vt->a;
	struct score_totals	 s, a;
	char			 b1[UTIL_CP_BUFSZ], b2[UTIL_CP_BUFSZ];
	char			 b3[UTIL_CP_BUFSZ], b4[UTIL_CP_BUFSZ];

	if (ag == NULL)
		return;
	/* Without stored totals (a year of an older cchc) the load summed
	 * the entries themselves: nothing to compare. */
	if (ag->has_totals == 3) {
		totals_init(&s, ag->form);
		totals_init(&a, ag->form);
		score_sum(ag->form, vt->e, SIDE_SELF, &s);
		score_sum(ag->form, vt->e, SIDE_APPRAISED, &a);
		if (!app_sums_eq(&s, &ag->self) ||
		    !app_sums_eq(&a, &ag->appraised))
			errlist_add(vt->problems, NULL, 0, TR("total/%d/%s: the stored totals differ from its entries (appraised points: %s stored, %s from the entries; self: %s and %s)"), vt->y->year, ag->ag->code, util_format_cp(ag->appraised.points, util_msg_mark(), b1), util_format_cp(a.points, util_msg_mark(), b2), util_format_cp(ag->self.points, util_msg_mark(), b3), util_format_cp(s.points, util_msg_mark(), b4));
		totals_clear(&s);
		totals_clear(&a);
	}
	free(vt->e);
	vt->e = NULL;
	vt->a = NULL;
}

static int
app_vt_entry(void *arg, const struct store_ventry *v, char **cause)
{
	struct app_vt		*vt = arg;
	struct app_year		*y = NULL;
	struct app_agency	*a;
	size_t			 i;
	long			 k;

	(void)cause;
	if (vt->a != NULL && vt->y->year == v->year &&
	    strcmp(vt->a->ag->code, v->agency) == 0)
		a = vt->a;
	else {
		app_vt_end(vt);
		for (i = 0; i < vt->ny; i++) {
			if (vt->ys[i]->year == v->year)
				y = vt->ys[i];
		}
		/* An entry of no year or agency: its key is checked against
		 * the log; it has no totals. */
		if (y == NULL || (a = app_find_agency(y, v->agency)) == NULL)
			return 0;
		app_vt_begin(vt, y, a);
		for (i = 0; vt->ys[i] != y; i++)
			;
		/* Each agency's entries come together (keys are in order
		 * and share the agency's prefix); seen twice would mean
		 * some were passed over. */
		if (vt->seen[i][a - y->ags]) {
			*cause = xasprintf("verify: the entries of %d/%s are not read together", y->year, a->ag->code);
			return -1;
		}
		vt->seen[i][a - y->ags] = 1;
	}
	if ((k = form_item_index(a->form, v->item)) < 0)
		return 0;
	vt->e[k].self = v->self;
	vt->e[k].appraised = v->appraised;
	vt->e[k].has_evidence = v->nevidence > 0;
	return 0;
}

int
app_verify(struct store *st, struct errlist *problems, long long *rows,
    char tail[65], char **cause)
{
	struct app_vt	 vt;
	int		*years = NULL, rc;
	size_t		 n = 0, i, j;

	memset(&vt, 0, sizeof vt);
	vt.problems = problems;
	if ((rc = store_years(st, &years, &n, cause)) != STORE_OK)
		return rc;
	vt.ys = xcalloc(n + 1, sizeof *vt.ys);
	vt.seen = xcalloc(n + 1, sizeof *vt.seen);
	/* The years with their stored totals, then one pass. */
	for (i = 0; i < n; i++) {
		if ((rc = app_year_load(st, years[i], &vt.ys[i], cause)) !=
		    APP_OK) {
			char	*c2 = NULL;

			/* The file and the log are still checked, and what
			 * they find said, before the year's failure. */
			if (store_verify(st, problems, rows, tail, NULL, NULL,
			    &c2) != STORE_OK) {
				free(*cause);
				*cause = c2;
			}
			goto out;
		}
		vt.ny++;
		vt.seen[i] = xcalloc(vt.ys[i]->nags + 1, 1);
		app_list_verify(st, years[i], problems);
	}
	if ((rc = store_verify(st, problems, rows, tail, app_vt_entry, &vt,
	    cause)) != STORE_OK)
		goto out;
	app_vt_end(&vt);
	/* The agencies without a single stored entry. */
	for (i = 0; i < vt.ny; i++) {
		for (j = 0; j < vt.ys[i]->nags; j++) {
			if (vt.seen[i][j])
				continue;
			app_vt_begin(&vt, vt.ys[i], &vt.ys[i]->ags[j]);
			app_vt_end(&vt);
		}
	}
out:
	free(vt.e);
	for (i = 0; i < vt.ny; i++) {
		app_year_free(vt.ys[i]);
		free(vt.seen[i]);
	}
	free(vt.ys);
	free(vt.seen);
	free(years);
	return rc;
}

int
app_years(struct store *st, int **years, size_t *n, char **cause)
{
	return store_years(st, years, n, cause);
}

int
app_init_year(struct store *st, int year, const char *forms_dir,
    const char *agencies, int from_year, struct errlist *errs, char **cause)
{
	struct store_year	  prev;
	struct form_agency_list	 *list = NULL;
	struct form		**forms = NULL;
	char			**texts = NULL, *pattern, *atext = NULL;
	char			 *aname = NULL;
	enum formload_kind	  kind;
	glob_t			  g;
	size_t			  i, j, nforms = 0, before = errs->n;
	int			  rc = APP_OK, *used = NULL;

	*cause = NULL;
	memset(&prev, 0, sizeof prev);
	if (from_year > 0) {
		if ((rc = store_year_get(st, from_year, &prev, cause)) !=
		    APP_OK)
			return rc;
		atext = xstrdup(prev.agencies_text);
		aname = xasprintf("%s (from %d)", prev.agencies_name,
		    from_year);
		store_year_clear(&prev);
	} else {
		if ((atext = formload_read(agencies, cause)) == NULL)
			return APP_CANTOPEN;
		aname = xstrdup(agencies);
	}
	list = formload_text(aname, atext, &kind, errs);
	if (list != NULL && kind != FORMLOAD_AGENCIES) {
		errlist_add(errs, aname, 0, TR("not an agency file"));
		form_free((struct form *)list);
		list = NULL;
	}

	pattern = xasprintf("%s/*.cfg", forms_dir);
	memset(&g, 0, sizeof g);
	if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0)
		errlist_add(errs, forms_dir, 0, TR("no form files (*.cfg) here"));
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
			errlist_add(errs, g.gl_pathv[i], 0, TR("not a form file"));
			agency_list_free(obj);
			free(texts[nforms]);
			continue;
		}
		for (j = 0; j < nforms; j++) {
			if (strcmp(forms[j]->id, ((struct form *)obj)->id) == 0)
				errlist_add(errs, g.gl_pathv[i], 0, TR("a second form with id %s (the first is %s)"),
				    forms[j]->id, forms[j]->file);
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
				errlist_add(errs, aname, 0, TR("block %s has no form in %s"), list->blocks[i].code,
				    forms_dir);
		}
		/* Copied: each block's form, and the forms agencies name. */
		used = xcalloc(nforms + 1, sizeof *used);
		for (i = 0; i < list->nblocks; i++) {
			const struct form	*f = form_for_block(forms,
						    nforms,
						    list->blocks[i].code);

			for (j = 0; f != NULL && j < nforms; j++)
				if (forms[j] == f)
					used[j] = 1;
		}
		for (i = 0; i < list->nagencies; i++) {
			const struct form	*f;

			if (list->agencies[i].form == NULL ||
			    (f = form_for_agency(forms, nforms,
			    &list->agencies[i])) == NULL)
				continue;
			for (j = 0; j < nforms; j++)
				if (forms[j] == f && used[j] == 0)
					used[j] = 2;
		}
	}
	if (errs->n > before || list == NULL) {
		rc = APP_BADINPUT;
		*cause = xasprintf(TR("year %d not started: the files have errors"), year);
		goto out;
	}
	if ((rc = store_begin(st, cause)) != APP_OK)
		goto out;
	rc = store_year_add(st, year, aname, atext, cause);
	if (rc == APP_OK)
		rc = app_list_pack_put(st, year, list, cause);
	/* The block's form is stored under the block's code, an agency's
	 * own one under "block/id" (the table's key is (year, block)). */
	for (i = 0; rc == APP_OK && i < nforms; i++) {
		char	*key;

		if (used[i] == 0)
			continue;
		key = used[i] == 1 ? xstrdup(forms[i]->block) :
		    xasprintf("%s/%s", forms[i]->block, forms[i]->id);
		rc = store_form_add(st, year, key, forms[i]->file, texts[i],
		    cause);
		free(key);
	}
	for (i = 0; rc == APP_OK && i < list->nagencies; i++)
		rc = store_agency_add(st, year, &list->agencies[i], cause);
	/* Every agency starts with the totals of its empty entries. */
	for (i = 0; rc == APP_OK && i < list->nagencies; i++) {
		const struct form	*f = form_for_agency(forms, nforms,
					    &list->agencies[i]);

		if (f != NULL)
			rc = app_totals_initial(st, year, &list->agencies[i],
			    f, cause);
	}
	rc = app_end(st, rc, cause);
out:
	for (i = 0; i < nforms; i++) {
		form_free(forms[i]);
		free(texts[i]);
	}
	free(forms);
	free(texts);
	free(used);
	globfree(&g);
	agency_list_free(list);
	free(atext);
	free(aname);
	return rc;
}
