/*
 * app-amend-list: year amend's comparison of the agencies (added,
 * removed, renamed, moved, given another profile or form, reordered
 * within their block) and the entries that would not survive it.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "app-amend.h"
#include "formload.h"
#include "util.h"

/*
 * An agency's entries against its profile in the new files (profiles are
 * a form's): an item the profile leaves out but scored, or one it keeps
 * but marked not assigned, needs a reason (as an edit does); without
 * one the entry would not load back, so it is lost.
 */
static int
amend_profile_check(struct store *st, const struct app_year *y,
    struct app_amend *m, const struct form_agency *na, const struct form *nf,
    char **cause)
{
	const struct form_profile	*p = NULL;
	struct entry_record		*e;
	size_t				 n, j, i;
	long				 k;
	int				 rc, was_na, now_na;

	if (na->profile != NULL)
		p = form_find_profile(nf, na->profile);
	if ((rc = store_entries(st, y->year, na->code, NULL, &e, &n,
	    cause)) != STORE_OK)
		return rc;
	for (j = 0; j < n; j++) {
		if ((k = form_item_index(nf, e[j].item)) < 0 ||
		    (e[j].reason != NULL && *e[j].reason != '\0'))
			continue;
		was_na = 0;
		for (i = 0; p != NULL && i < p->nitems; i++)
			was_na |= p->items[i] == (size_t)k;
		now_na = e[j].appraised.status == STATUS_NOT_ASSIGNED ||
		    e[j].self.status == STATUS_NOT_ASSIGNED;
		if (was_na)
			now_na = e[j].appraised.status == STATUS_NOT_ASSIGNED &&
			    e[j].self.status == STATUS_NOT_ASSIGNED;
		if (was_na != now_na)
			amend_lose(m, &e[j], was_na ? TR("the agency's new profile leaves the item out") : TR("not assigned without the profile now, and no reason"));
	}
	entry_records_free(e, n);
	return APP_OK;
}

/* Every entry of an agency lost (removed, or moved to another form). */
static int
amend_lose_agency(struct store *st, struct app_amend *m, int year,
    const char *code, const char *why, size_t *nent, char **cause)
{
	struct entry_record	*e;
	size_t			 n, j;
	int			 rc;

	if ((rc = store_entries(st, year, code, NULL, &e, &n, cause)) !=
	    STORE_OK)
		return rc;
	for (j = 0; j < n; j++)
		amend_lose(m, &e[j], why);
	*nent = n;
	entry_records_free(e, n);
	return APP_OK;
}

static int
amend_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Each agency's place among those of its block in a list that are in
 * the other list too (an agency added or removed moves no other). */
static size_t *
amend_block_pos(const struct form_agency_list *l,
    const struct form_agency_list *other)
{
	size_t	*pos = xcalloc(l->nagencies + 1, sizeof *pos);
	size_t	*count = xcalloc(l->nblocks + 1, sizeof *count);
	size_t	 i, b;

	for (i = 0; i < l->nagencies; i++) {
		for (b = 0; b < l->nblocks; b++) {
			if (l->agencies[i].block != NULL &&
			    strcmp(l->blocks[b].code, l->agencies[i].block) == 0)
				break;
		}
		if (l->agencies[i].code != NULL &&
		    agency_find(other, l->agencies[i].code) != NULL)
			pos[i] = count[b]++;
	}
	free(count);
	return pos;
}

/* The agencies, old list against new. */
int
amend_diff_agencies(struct store *st, const struct app_year *y,
    struct app_amend *m, char **cause)
{
	const struct form_agency_list	*ol = y->list, *nl = m->list;
	const struct form_agency	*oa, *na;
	size_t				 i, n, reordered = 0, before;
	size_t				*opos, *npos;
	int				 moved;
	int				 rc;
	char				*what;

	before = m->nchanges;
	opos = amend_block_pos(ol, nl);
	npos = amend_block_pos(nl, ol);
	strbuf_printf(&m->diff, TR("agencies (%s):\n"), m->aname);
	for (i = 0; i < nl->nagencies; i++) {
		na = &nl->agencies[i];
		if (na->code == NULL || agency_find(ol, na->code) != NULL)
			continue;
		strbuf_printf(&m->diff, TR("  + agency %s \"%s\" (block %s%s%s)\n"), na->code, na->name, na->block, na->parent != NULL ? "/" : "", na->parent != NULL ? na->parent : "");
		m->nchanges++;
		AMEND_PUSH(m->add, m->nadd, na);
		amend_recount(m, na);
		what = xasprintf(TR("adding agency %s"), na->code);
		amend_touch(m, y, na->block, na->parent, what);
		free(what);
	}
	for (i = 0; i < ol->nagencies; i++) {
		struct app_agency	*a;

		oa = &ol->agencies[i];
		if (oa->code == NULL)
			continue;
		a = app_find_agency((struct app_year *)y, oa->code);
		if ((na = agency_find(nl, oa->code)) == NULL) {
			if ((rc = amend_lose_agency(st, m, y->year, oa->code,
			    TR("agency removed"), &n, cause)) != APP_OK)
				goto out;
			strbuf_printf(&m->diff, TR("  - agency %s \"%s\" (entries: %zu, deduction lines: %zu)\n"), oa->code, oa->name, n, a != NULL ? a->nded : 0);
			if (a != NULL && a->nded > 0) {
				strbuf_printf(&m->lost, TR("  %s: %zu deduction lines (agency removed)\n"), oa->code, a->nded);
				m->nlost += a->nded;
			}
			m->nchanges++;
			AMEND_PUSH(m->remove, m->nremove, oa);
			what = xasprintf(TR("removing agency %s"), oa->code);
			amend_touch(m, y, oa->block, oa->parent, what);
			free(what);
			continue;
		}
		if (!amend_same(oa->name, na->name)) {
			strbuf_printf(&m->diff, TR("  ~ agency %s renamed: \"%s\" -> \"%s\"\n"), oa->code, oa->name, na->name);
			m->nchanges++;
		}
		if (strcmp(oa->block, na->block) != 0 ||
		    !amend_same(oa->parent, na->parent)) {
			strbuf_printf(&m->diff, TR("  ~ agency %s moved: %s%s%s -> %s%s%s\n"), oa->code, oa->block, oa->parent != NULL ? "/" : "", oa->parent != NULL ? oa->parent : "", na->block, na->parent != NULL ? "/" : "", na->parent != NULL ? na->parent : "");
			m->nchanges++;
			if (strcmp(oa->block, na->block) != 0 &&
			    (rc = amend_lose_agency(st, m, y->year, oa->code,
			    TR("agency moved to another block"), &n, cause)) !=
			    APP_OK)
				goto out;
		}
		if (!amend_same(oa->profile, na->profile)) {
			const struct form	*nf = form_for_agency(m->forms,
						    m->nforms, na);

			strbuf_printf(&m->diff, TR("  ~ agency %s profile: %s -> %s\n"), oa->code, oa->profile != NULL ? oa->profile : "-", na->profile != NULL ? na->profile : "-");
			m->nchanges++;
			if (nf != NULL && strcmp(oa->block, na->block) == 0 &&
			    (rc = amend_profile_check(st, y, m, na, nf,
			    cause)) != APP_OK)
				goto out;
		}
		/* The order that ranks ties is the order within the block:
		 * a line added or removed in another block moves the
		 * numbers, not the order (nor a published block). */
		moved = opos[i] != npos[na - nl->agencies];
		reordered += moved;
		if (!amend_same(oa->name, na->name) ||
		    strcmp(oa->block, na->block) != 0 ||
		    !amend_same(oa->parent, na->parent) ||
		    !amend_same(oa->profile, na->profile) || moved) {
			AMEND_PUSH(m->update, m->nupdate, na);
			amend_recount(m, na);
			what = xasprintf(TR("changing agency %s"), oa->code);
			amend_touch(m, y, oa->block, oa->parent, what);
			amend_touch(m, y, na->block, na->parent, what);
			free(what);
		}
		/* A number moved alone is not written: the list (the year's
		 * agency text) orders ties, and the row of a published agency
		 * is not to be touched. */
	}
	if (reordered > 0) {
		strbuf_printf(&m->diff, TR("  ~ the official order of %zu agencies\n"), reordered);
		m->nchanges++;
	}
	if (m->nchanges == before) {
		strbuf_printf(&m->diff, "%s\n", TR("  ~ other details (advisory areas, appraisers, names of blocks)"));
		m->nchanges++;
		if (y->published && m->locked == NULL)
			m->locked = xstrdup(TR("the agency list"));
	}
	rc = APP_OK;
out:
	free(opos);
	free(npos);
	return rc;
}

/*
 * The agencies whose form is another one now (an agency given a form of
 * its own, or back to its block's): each entry of theirs checked
 * against the new form, lost when its item is gone or its value no
 * longer one of the item's.  Agencies moved to another block lose them
 * all in amend_diff_agencies.
 */
int
amend_diff_forms(struct store *st, const struct app_year *y,
    struct app_amend *m, char **cause)
{
	struct entry_record	*e;
	size_t			 i, j, n;
	long			 k;
	int			 rc;
	char			*ok_key, *nk, *what;

	for (i = 0; i < y->nags; i++) {
		const struct app_agency		*a = &y->ags[i];
		const struct form_agency	*na = agency_find(m->list,
						    a->ag->code);
		const struct form		*nf, *of = a->form;

		if (na == NULL || strcmp(na->block, a->ag->block) != 0 ||
		    (nf = form_for_agency(m->forms, m->nforms, na)) == NULL)
			continue;
		ok_key = amend_key(y->forms, y->nforms, of);
		nk = amend_key(m->forms, m->nforms, nf);
		if (strcmp(ok_key, nk) == 0) {
			free(ok_key);
			free(nk);
			continue;
		}
		strbuf_printf(&m->diff, TR("  ~ agency %s form: %s -> %s\n"),
		    a->ag->code, ok_key, nk);
		m->nchanges++;
		free(ok_key);
		free(nk);
		if ((rc = store_entries(st, y->year, a->ag->code, NULL, &e, &n,
		    cause)) != STORE_OK)
			return rc;
		for (j = 0; j < n; j++) {
			k = form_item_index(nf, e[j].item);
			if (k < 0)
				amend_lose(m, &e[j], TR("item not in the agency's new form"));
			else if (!amend_entry_fits(&nf->items[k], &e[j]))
				amend_lose(m, &e[j], TR("no longer a value of the item"));
		}
		entry_records_free(e, n);
		if ((rc = amend_profile_check(st, y, m, na, nf, cause)) !=
		    APP_OK)
			return rc;
		amend_recount(m, na);
		what = xasprintf(TR("changing agency %s"), a->ag->code);
		amend_touch(m, y, a->ag->block, a->ag->parent, what);
		free(what);
	}
	return APP_OK;
}

