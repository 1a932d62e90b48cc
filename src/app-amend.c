/*
 * app-amend: changing the forms and the agency list of a started year.
 * The plan compares the year's stored copies with the new files (items
 * added, removed, re-pointed to another criterion or area, maxima and
 * rules changed; agencies added, removed, renamed, moved) and lists the
 * entries that would be lost; apply makes the change in one audited
 * transaction, keeps the entries of the items that remain by code and
 * recomputes the totals of the agencies it touches.
 */
#include <sys/stat.h>

#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "app-amend.h"
#include "formload.h"
#include "util.h"

void
app_amend_free(struct app_amend *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nforms; i++) {
		form_free(m->forms[i]);
		free(m->texts[i]);
		if (m->keys != NULL)
			free(m->keys[i]);
	}
	free(m->forms);
	free(m->texts);
	free(m->keys);
	free(m->changed);
	for (i = 0; i < m->ngone_forms; i++)
		free(m->gone_forms[i]);
	free(m->gone_forms);
	for (i = 0; i < m->ndrop; i++) {
		free(m->drop[i].agency);
		free(m->drop[i].item);
	}
	free(m->drop);
	free(m->add);
	free(m->update);
	free(m->remove);
	free(m->recount);
	agency_list_free(m->list);
	free(m->aname);
	free(m->atext);
	strbuf_clear(&m->diff);
	strbuf_clear(&m->lost);
	free(m->locked);
	free(m);
}

const char *
app_amend_diff(const struct app_amend *m)
{
	return m->diff.s != NULL ? m->diff.s : "";
}

const char *
app_amend_losses(const struct app_amend *m)
{
	return m->lost.s != NULL ? m->lost.s : "";
}

size_t
app_amend_nchanges(const struct app_amend *m)
{
	return m->nchanges;
}

size_t
app_amend_nlost(const struct app_amend *m)
{
	return m->nlost;
}

const char *
app_amend_locked(const struct app_amend *m)
{
	return m->locked;
}

/* Read the forms of dir (every *.cfg) into m; problems go to errs. */
static void
amend_read_forms(struct app_amend *m, const char *dir, struct errlist *errs)
{
	enum formload_kind	 kind;
	glob_t			 g;
	char			*pattern, *c;
	void			*obj;
	size_t			 i, j;

	pattern = xasprintf("%s/*.cfg", dir);
	memset(&g, 0, sizeof g);
	if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0)
		errlist_add(errs, dir, 0, TR("no form files (*.cfg) here"));
	free(pattern);
	m->forms = xcalloc(g.gl_pathc + 1, sizeof *m->forms);
	m->texts = xcalloc(g.gl_pathc + 1, sizeof *m->texts);
	for (i = 0; i < g.gl_pathc; i++) {
		c = NULL;
		if ((m->texts[m->nforms] = formload_read(g.gl_pathv[i], &c)) ==
		    NULL) {
			errlist_add(errs, NULL, 0, "%s", c);
			free(c);
			continue;
		}
		obj = formload_text(g.gl_pathv[i], m->texts[m->nforms], &kind,
		    errs);
		if (obj != NULL && kind != FORMLOAD_FORM) {
			errlist_add(errs, g.gl_pathv[i], 0, TR("not a form file"));
			agency_list_free(obj);
			obj = NULL;
		}
		if (obj == NULL) {
			free(m->texts[m->nforms]);
			m->texts[m->nforms] = NULL;
			continue;
		}
		for (j = 0; j < m->nforms; j++) {
			if (strcmp(m->forms[j]->id, ((struct form *)obj)->id)
			    == 0)
				errlist_add(errs, g.gl_pathv[i], 0, TR("a second form with id %s (the first is %s)"), m->forms[j]->id, m->forms[j]->file);
		}
		m->forms[m->nforms++] = obj;
	}
	globfree(&g);
}

/* The year's stored forms, as they are, into m. */
static int
amend_stored_forms(struct store *st, struct app_amend *m,
    struct errlist *errs, char **cause)
{
	struct store_form	*sf = NULL;
	enum formload_kind	 kind;
	size_t			 n = 0, i;
	int			 rc;

	if ((rc = store_forms(st, m->year, &sf, &n, cause)) != STORE_OK)
		return rc;
	m->forms = xcalloc(n + 1, sizeof *m->forms);
	m->texts = xcalloc(n + 1, sizeof *m->texts);
	for (i = 0; i < n; i++) {
		struct form	*f = formload_text(sf[i].name, sf[i].text,
				    &kind, errs);

		if (f == NULL)
			continue;
		m->forms[m->nforms] = f;
		m->texts[m->nforms++] = xstrdup(sf[i].text);
	}
	store_forms_free(sf, n);
	return APP_OK;
}

/*
 * Where a form of a list is stored: under its block's code when it is
 * the block's form, under BLOCK/ID when agencies name it as their own
 * (as init stores them).
 */
char *
amend_key(struct form *const *forms, size_t n, const struct form *f)
{
	if (form_for_block(forms, n, f->block) == f)
		return xstrdup(f->block);
	return xasprintf("%s/%s", f->block, f->id);
}

/* The year's stored form under key (NULL: none) and its text; the
 * year's forms were loaded from sf in its order. */
static const struct form *
amend_old_form(const struct app_year *y, const struct store_form *sf,
    size_t nsf, const char *key, const char **text)
{
	size_t	i;

	*text = NULL;
	for (i = 0; i < nsf && i < y->nforms; i++) {
		if (strcmp(sf[i].block, key) == 0) {
			*text = sf[i].text;
			return y->forms[i];
		}
	}
	return NULL;
}

/* One side of an entry, for the list of losses. */
static void
amend_mark(struct strbuf *b, const struct score_mark *k)
{
	char	buf[UTIL_CP_BUFSZ];

	if (k->status == STATUS_SCORED)
		strbuf_puts(b, util_format_cp(k->points, util_msg_mark(), buf));
	else if (k->status == STATUS_EMPTY)
		strbuf_puts(b, "-");
	else
		strbuf_puts(b, status_name(k->status));
}

/* An entry that would be lost: listed, and dropped on apply. */
void
amend_lose(struct app_amend *m, const struct entry_record *e, const char *why)
{
	struct amend_drop	d;
	size_t			i;

	/* Once: an item removed in the agency removed. */
	for (i = 0; i < m->ndrop; i++) {
		if (strcmp(m->drop[i].agency, e->agency) == 0 &&
		    strcmp(m->drop[i].item, e->item) == 0)
			return;
	}
	strbuf_printf(&m->lost, "  %s %s: %s ", e->agency, e->item,
	    TR("self"));
	amend_mark(&m->lost, &e->self);
	strbuf_printf(&m->lost, ", %s ", TR("appraised"));
	amend_mark(&m->lost, &e->appraised);
	if (e->nevidence > 0)
		strbuf_printf(&m->lost, TR(", %zu evidence"), e->nevidence);
	strbuf_printf(&m->lost, " (%s)\n", why);
	m->nlost++;
	d.agency = xstrdup(e->agency);
	d.item = xstrdup(e->item);
	AMEND_PUSH(m->drop, m->ndrop, d);
}

/* Is a stored side still a value of the new item?  Its points are
 * checked as an edit checks them (levels, bands, step, range), and
 * points that came from rule inputs must be what the new item makes of
 * those inputs. */
static int
amend_side_fits(const struct form_item *it, const struct score_mark *k,
    const struct entry_inputs *in)
{
	char	*c = NULL;
	int64_t	 p;
	int	 rc;

	if (k->status != STATUS_SCORED)
		return 1;
	if (in->n > 0) {
		rc = entry_rule_points(it, in, &p, &c);
		free(c);
		return rc == 0 && p == k->points;
	}
	rc = form_check_value(it, k->points, &c);
	free(c);
	return rc == 0;
}

/* Are an entry's three marks (self, appraised, first round) values of
 * the new item? */
int
amend_entry_fits(const struct form_item *it, const struct entry_record *e)
{
	return amend_side_fits(it, &e->self, &e->self_inputs) &&
	    amend_side_fits(it, &e->appraised, &e->appraised_inputs) &&
	    amend_side_fits(it, &e->first, &e->first_inputs);
}

/* The values an item takes: its levels, bands, step and threshold. */
static int
amend_values_same(const struct form_item *a, const struct form_item *b)
{
	size_t	i;

	if (a->step != b->step || a->threshold != b->threshold ||
	    a->nlevels != b->nlevels || a->nbands != b->nbands ||
	    a->ninputs != b->ninputs || a->when_zero != b->when_zero ||
	    !((a->expr_text == NULL && b->expr_text == NULL) ||
	    (a->expr_text != NULL && b->expr_text != NULL &&
	    strcmp(a->expr_text, b->expr_text) == 0)))
		return 0;
	for (i = 0; i < a->nlevels; i++) {
		if (a->levels[i].points != b->levels[i].points)
			return 0;
	}
	for (i = 0; i < a->nbands; i++) {
		if (a->bands[i].points != b->bands[i].points ||
		    a->bands[i].from != b->bands[i].from)
			return 0;
	}
	return 1;
}

/* Note that a published scope is touched by what. */
void
amend_touch(struct app_amend *m, const struct app_year *y,
    const char *block, const char *parent, const char *what)
{
	size_t	i;

	if (m->locked != NULL)
		return;
	for (i = 0; i < y->nags; i++) {
		const struct app_agency	*a = &y->ags[i];

		if (strcmp(a->ag->block, block) != 0 || (parent != NULL &&
		    (a->ag->parent == NULL || strcmp(a->ag->parent,
		    parent) != 0)))
			continue;
		if (app_agency_published(y, a)) {
			m->locked = xasprintf(TR("%s touches agency %s, which is published; reopen its block first"), what, a->ag->code);
			return;
		}
	}
}

/* Recompute the totals of code's agency (in the new list) on apply. */
void
amend_recount(struct app_amend *m, const struct form_agency *ag)
{
	size_t	i;

	for (i = 0; i < m->nrecount; i++) {
		if (m->recount[i] == ag)
			return;
	}
	AMEND_PUSH(m->recount, m->nrecount, ag);
}

/* The items of one block's form, old against new. */
static int
amend_diff_form(struct store *st, const struct app_year *y,
    struct app_amend *m, const struct form *of, const struct form *nf,
    const char *key, char **cause)
{
	struct entry_record	*e;
	size_t			 i, j, n, before = m->nchanges;
	long			 k;
	char			 b1[UTIL_CP_BUFSZ], b2[UTIL_CP_BUFSZ];
	int			 rc;

	strbuf_printf(&m->diff, TR("form %s (%s):\n"), key, nf->file);
	for (i = 0; i < nf->nitems; i++) {
		const struct form_item	*it = &nf->items[i];

		if (form_item_index(of, it->code) >= 0)
			continue;
		strbuf_printf(&m->diff, TR("  + item %s (criterion %s, max %s)\n"), it->code, nf->criteria[it->criterion].code, util_format_cp(it->max, util_msg_mark(), b1));
		m->nchanges++;
	}
	for (i = 0; i < of->nitems; i++) {
		const struct form_item	*ot = &of->items[i], *it;
		size_t			 nent = 0;

		k = form_item_index(nf, ot->code);
		it = k >= 0 ? &nf->items[k] : NULL;
		if (it != NULL && strcmp(of->criteria[ot->criterion].code,
		    nf->criteria[it->criterion].code) == 0 &&
		    strcmp(of->areas[ot->area].code, nf->areas[it->area].code)
		    == 0 && ot->max == it->max && ot->min == it->min &&
		    ot->rule == it->rule && amend_values_same(ot, it))
			continue;
		/* The entries of this item in the agencies of this form
		 * (those that change form: amend_diff_forms). */
		if ((rc = store_entries(st, y->year, NULL, ot->code, &e, &n,
		    cause)) != STORE_OK)
			return rc;
		for (j = 0; j < n; j++) {
			const struct app_agency	*ag = app_find_agency(
						    (struct app_year *)y,
						    e[j].agency);

			if (ag == NULL || ag->form != of)
				continue;
			nent++;
			if (it == NULL)
				amend_lose(m, &e[j], TR("item removed"));
			else if (!amend_entry_fits(it, &e[j]))
				amend_lose(m, &e[j], TR("no longer a value of the item"));
		}
		entry_records_free(e, n);
		m->nchanges++;
		if (it == NULL) {
			strbuf_printf(&m->diff, TR("  - item %s (entries: %zu)\n"), ot->code, nent);
			continue;
		}
		if (strcmp(of->criteria[ot->criterion].code,
		    nf->criteria[it->criterion].code) != 0 ||
		    strcmp(of->areas[ot->area].code, nf->areas[it->area].code)
		    != 0)
			strbuf_printf(&m->diff, TR("  ~ item %s re-pointed: criterion %s -> %s\n"), it->code, of->criteria[ot->criterion].code, nf->criteria[it->criterion].code);
		if (ot->max != it->max)
			strbuf_printf(&m->diff, TR("  ~ item %s max %s -> %s\n"),
			    it->code, util_format_cp(ot->max, util_msg_mark(),
			    b1), util_format_cp(it->max, util_msg_mark(), b2));
		if (ot->min != it->min)
			strbuf_printf(&m->diff, TR("  ~ item %s min %s -> %s\n"),
			    it->code, util_format_cp(ot->min, util_msg_mark(),
			    b1), util_format_cp(it->min, util_msg_mark(), b2));
		if (ot->rule == it->rule && !amend_values_same(ot, it))
			strbuf_printf(&m->diff, TR("  ~ item %s values (levels, bands, step or formula)\n"), it->code);
		if (ot->rule != it->rule)
			strbuf_printf(&m->diff, TR("  ~ item %s rule %s -> %s\n"),
			    it->code, rule_name(ot->rule), rule_name(it->rule));
	}
	if (m->nchanges == before) {
		strbuf_printf(&m->diff, "%s\n", TR("  ~ titles, guidance or rules' details (no item added, removed, re-pointed or given another maximum)"));
		m->nchanges++;
	}
	return APP_OK;
}

int
app_amend_plan(struct store *st, struct app_year *y, const char *forms_dir,
    const char *agencies, struct errlist *errs, struct app_amend **out,
    char **cause)
{
	struct app_amend	*m = xcalloc(1, sizeof *m);
	struct stat		 sb;
	struct store_form	*sf = NULL;
	struct store_year	 info;
	enum formload_kind	 kind;
	const struct form	*of;
	const char		*otext;
	size_t			 i, j, nsf = 0, before = errs->n;
	int			 rc;
	char			*what;

	*out = NULL;
	*cause = NULL;
	m->year = y->year;
	strbuf_init(&m->diff);
	strbuf_init(&m->lost);
	memset(&info, 0, sizeof info);
	if ((rc = store_year_get(st, y->year, &info, cause)) != STORE_OK)
		goto fail;
	if (agencies != NULL) {
		if ((m->atext = formload_read(agencies, cause)) == NULL) {
			rc = APP_CANTOPEN;
			goto fail;
		}
		m->aname = xstrdup(agencies);
	} else {
		m->atext = xstrdup(info.agencies_text);
		m->aname = xstrdup(info.agencies_name);
	}
	m->list_changed = strcmp(m->atext, info.agencies_text) != 0;
	m->list = formload_text(m->aname, m->atext, &kind, errs);
	if (m->list != NULL && kind != FORMLOAD_AGENCIES) {
		errlist_add(errs, m->aname, 0, TR("not an agency file"));
		form_free((struct form *)m->list);
		m->list = NULL;
	}
	if (forms_dir != NULL && (stat(forms_dir, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode))) {
		*cause = xasprintf(TR("%s: no such folder of forms"),
		    forms_dir);
		rc = APP_CANTOPEN;
		goto fail;
	}
	if (forms_dir != NULL)
		amend_read_forms(m, forms_dir, errs);
	else if ((rc = amend_stored_forms(st, m, errs, cause)) != APP_OK)
		goto fail;
	if (m->list != NULL) {
		formload_cross_check(m->list, m->forms, m->nforms, errs);
		/* No form at all is said once, of the folder. */
		for (i = 0; m->nforms > 0 && i < m->list->nblocks; i++) {
			if (form_for_block(m->forms, m->nforms,
			    m->list->blocks[i].code) == NULL)
				errlist_add(errs, m->aname, 0, TR("block %s has no form"), m->list->blocks[i].code);
		}
	}
	if (errs->n > before || m->list == NULL) {
		*cause = xasprintf(TR("year %d not amended: the files have errors"), y->year);
		rc = APP_BADINPUT;
		goto fail;
	}
	if ((rc = store_forms(st, y->year, &sf, &nsf, cause)) != STORE_OK)
		goto fail;
	/* The forms used, each where init would store it: each block's
	 * form, and the forms agencies name as their own. */
	m->keys = xcalloc(m->nforms + 1, sizeof *m->keys);
	for (i = 0; i < m->list->nagencies; i++) {
		const struct form	*f = form_for_agency(m->forms,
					    m->nforms, &m->list->agencies[i]);

		for (j = 0; f != NULL && j < m->nforms; j++) {
			if (m->forms[j] == f && m->keys[j] == NULL)
				m->keys[j] = amend_key(m->forms, m->nforms, f);
		}
	}
	for (i = 0; i < m->list->nblocks; i++) {
		const struct form	*f = form_for_block(m->forms, m->nforms,
					    m->list->blocks[i].code);

		for (j = 0; f != NULL && j < m->nforms; j++) {
			if (m->forms[j] == f && m->keys[j] == NULL)
				m->keys[j] = amend_key(m->forms, m->nforms, f);
		}
	}
	/* The forms, one by one. */
	m->changed = xcalloc(m->nforms + 1, sizeof *m->changed);
	for (i = 0; i < m->nforms; i++) {
		if (m->keys[i] == NULL)
			continue;
		of = amend_old_form(y, sf, nsf, m->keys[i], &otext);
		if (otext != NULL && strcmp(otext, m->texts[i]) == 0)
			continue;
		m->changed[i] = 1;
		if (of == NULL) {
			strbuf_printf(&m->diff, TR("form %s (%s): new, %zu items\n"), m->keys[i], m->forms[i]->file, m->forms[i]->nitems);
			m->nchanges++;
		} else if ((rc = amend_diff_form(st, y, m, of, m->forms[i],
		    m->keys[i], cause)) != APP_OK)
			goto fail;
		what = xasprintf(TR("the form of block %s"),
		    m->forms[i]->block);
		amend_touch(m, y, m->forms[i]->block, NULL, what);
		free(what);
		/* Every agency of the form is computed again. */
		for (j = 0; j < m->list->nagencies; j++) {
			if (form_for_agency(m->forms, m->nforms,
			    &m->list->agencies[j]) == m->forms[i])
				amend_recount(m, &m->list->agencies[j]);
		}
	}
	for (i = 0; i < nsf; i++) {
		for (j = 0; j < m->nforms; j++) {
			if (m->keys[j] != NULL &&
			    strcmp(m->keys[j], sf[i].block) == 0)
				break;
		}
		if (j < m->nforms)
			continue;
		strbuf_printf(&m->diff, TR("form %s (%s): removed\n"),
		    sf[i].block, sf[i].name);
		m->nchanges++;
		AMEND_PUSH(m->gone_forms, m->ngone_forms,
		    xstrdup(sf[i].block));
	}
	/* Agencies given another form (their own, or their block's). */
	if ((rc = amend_diff_forms(st, y, m, cause)) != APP_OK)
		goto fail;
	if (m->list_changed && (rc = amend_diff_agencies(st, y, m, cause)) !=
	    APP_OK)
		goto fail;
	if (y->published && m->nchanges > 0 && m->locked == NULL)
		m->locked = xstrdup(TR("the change"));
	*out = m;
	m = NULL;
	rc = APP_OK;
fail:
	store_forms_free(sf, nsf);
	store_year_clear(&info);
	app_amend_free(m);
	return rc;
}

int
app_amend_apply(struct store *st, struct app_year *y, struct app_amend *m,
    char **cause)
{
	struct app_year	*ny = NULL;
	size_t		 i;
	int		 rc;

	*cause = NULL;
	if (m->locked != NULL) {
		*cause = xasprintf(TR("year %d not amended: %s"), y->year,
		    m->locked);
		return APP_LOCKED;
	}
	if (m->nchanges == 0)
		return APP_OK;
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	if (m->list_changed &&
	    (rc = store_year_set_agencies(st, y->year, m->aname, m->atext,
	    cause)) == STORE_OK)
		rc = app_list_pack_put(st, y->year, m->list, cause);
	/* Each entry lost is audited with its old values, then the
	 * agencies removed go with their deductions. */
	for (i = 0; rc == STORE_OK && i < m->ndrop; i++)
		rc = store_entry_remove(st, y->year, m->drop[i].agency,
		    m->drop[i].item, cause);
	for (i = 0; rc == STORE_OK && i < m->nremove; i++)
		rc = store_agency_remove(st, y->year, m->remove[i]->code,
		    cause);
	for (i = 0; rc == STORE_OK && i < m->nupdate; i++)
		rc = store_agency_update(st, y->year, m->update[i], cause);
	for (i = 0; rc == STORE_OK && i < m->nadd; i++)
		rc = store_agency_add(st, y->year, m->add[i], cause);
	for (i = 0; rc == STORE_OK && i < m->nforms; i++) {
		if (m->changed[i])
			rc = store_form_put(st, y->year, m->keys[i],
			    m->forms[i]->file, m->texts[i], cause);
	}
	for (i = 0; rc == STORE_OK && i < m->ngone_forms; i++)
		rc = store_form_put(st, y->year, m->gone_forms[i], NULL, NULL,
		    cause);
	/* The totals of what changed, computed again from the entries
	 * that stay: the year loaded inside the transaction computes the
	 * agencies that have none. */
	for (i = 0; rc == STORE_OK && i < m->nrecount; i++)
		rc = store_totals_remove(st, y->year, m->recount[i]->code,
		    cause);
	if (rc == STORE_OK)
		rc = app_year_load(st, y->year, &ny, cause);
	for (i = 0; rc == APP_OK && i < ny->nags; i++) {
		if (ny->ags[i].has_totals != 3)
			rc = app_totals_write(st, ny, &ny->ags[i], cause);
	}
	app_year_free(ny);
	return app_end(st, rc, cause);
}
