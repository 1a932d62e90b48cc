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
app_open(const char *path, int mode, const char *user, struct store **st,
    char **cause)
{
	int	rc, smode;

	smode = mode == APP_OPEN_READ ? STORE_READ : mode == APP_OPEN_CREATE ?
	    STORE_CREATE : STORE_WRITE;
	if ((rc = store_open(path, smode, st, cause)) != STORE_OK)
		return rc;
	store_set_user(*st, user);
	return APP_OK;
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
static int
app_verify_totals(struct store *st, int year, struct errlist *problems,
    char **cause)
{
	struct app_year		*y;
	struct score_totals	 s, a;
	char			 b1[UTIL_CP_BUFSZ], b2[UTIL_CP_BUFSZ];
	char			 b3[UTIL_CP_BUFSZ], b4[UTIL_CP_BUFSZ];
	size_t			 i;
	int			 rc;

	if ((rc = app_year_load(st, year, &y, cause)) != APP_OK)
		return rc;
	for (i = 0; i < y->nags; i++) {
		struct app_agency	*ag = &y->ags[i];

		if (ag->has_totals != 3)
			continue;
		totals_init(&s, ag->form);
		totals_init(&a, ag->form);
		if ((rc = app_agency_entries(st, y, ag, cause)) != APP_OK) {
			totals_clear(&s);
			totals_clear(&a);
			break;
		}
		score_sum(ag->form, ag->entries, SIDE_SELF, &s);
		score_sum(ag->form, ag->entries, SIDE_APPRAISED, &a);
		if (!app_sums_eq(&s, &ag->self) ||
		    !app_sums_eq(&a, &ag->appraised))
			errlist_add(problems, NULL, 0, TR("total/%d/%s: the stored totals differ from its entries (appraised points: %s stored, %s from the entries; self: %s and %s)"), year, ag->ag->code, util_format_cp(ag->appraised.points, util_msg_mark(), b1), util_format_cp(a.points, util_msg_mark(), b2), util_format_cp(ag->self.points, util_msg_mark(), b3), util_format_cp(s.points, util_msg_mark(), b4));
		totals_clear(&s);
		totals_clear(&a);
		app_agency_release(y, ag);
	}
	app_year_free(y);
	return rc;
}

int
app_verify(struct store *st, struct errlist *problems, long long *rows,
    char tail[65], char **cause)
{
	int	*years = NULL, rc;
	size_t	 n = 0, i;

	if ((rc = store_verify(st, problems, rows, tail, cause)) != STORE_OK)
		return rc;
	if ((rc = store_years(st, &years, &n, cause)) != STORE_OK)
		return rc;
	for (i = 0; rc == APP_OK && i < n; i++)
		rc = app_verify_totals(st, years[i], problems, cause);
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
	int			  rc = APP_OK;

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
			if (strcmp(forms[j]->block, ((struct form *)obj)->block)
			    == 0)
				errlist_add(errs, g.gl_pathv[i], 0, TR("a second form for block %s (the first is %s)"),
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
				errlist_add(errs, aname, 0, TR("block %s has no form in %s"), list->blocks[i].code,
				    forms_dir);
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
	for (i = 0; rc == APP_OK && i < nforms; i++)
		rc = store_form_add(st, year, forms[i]->block, forms[i]->file,
		    texts[i], cause);
	for (i = 0; rc == APP_OK && i < list->nagencies; i++)
		rc = store_agency_add(st, year, &list->agencies[i], cause);
	/* Every agency starts with the totals of its empty entries. */
	for (i = 0; rc == APP_OK && i < list->nagencies; i++) {
		for (j = 0; j < nforms; j++) {
			if (strcmp(forms[j]->block,
			    list->agencies[i].block) == 0)
				break;
		}
		if (j < nforms)
			rc = app_totals_initial(st, year, &list->agencies[i],
			    forms[j], cause);
	}
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
