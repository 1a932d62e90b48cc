/*
 * app-scope: publishing and reopening a year by scope.  A scope is one
 * ranking group of the layout: a block, or within a block the agencies of
 * one parent (a district's communes).  Publishing a scope needs all its
 * agencies appraised and locks them; the year itself is published when
 * every scope is.  Each publish anchors the audit chain's head.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "util.h"

int
app_agency_published(const struct app_year *y, const struct app_agency *a)
{
	return y->published || a->state == APP_PUBLISHED;
}

int
app_agency_locked(const struct app_year *y, const struct app_agency *a,
    char **cause)
{
	if (y->published)
		return app_locked(y, cause);
	if (a->state != APP_PUBLISHED)
		return APP_OK;
	if (a->ag->parent != NULL)
		*cause = xasprintf(TR("agency %s is published with the %s agencies of %s and locked; reopen them with: cchc state %d reopen --block %s --parent %s --reason TEXT"), a->ag->code, a->ag->block, a->ag->parent, y->year, a->ag->block, a->ag->parent);
	else
		*cause = xasprintf(TR("agency %s is published with its block %s and locked; reopen the block with: cchc state %d reopen --block %s --reason TEXT"), a->ag->code, a->ag->block, y->year, a->ag->block);
	return APP_LOCKED;
}

int
app_block_published(const struct app_year *y, size_t b)
{
	size_t	k, n = 0, all;

	if (b >= y->list->nblocks)
		return 0;
	all = y->block_from[b + 1] - y->block_from[b];
	for (k = y->block_from[b]; k < y->block_from[b + 1]; k++)
		n += app_agency_published(y, &y->ags[y->layout[k]]);
	return n == 0 ? 0 : n < all ? 1 : 2;
}

int
app_any_published(const struct app_year *y)
{
	size_t	i;

	for (i = 0; i < y->nags; i++) {
		if (app_agency_published(y, &y->ags[i]))
			return 1;
	}
	return 0;
}

/* The words naming a scope in messages, anchors and the log: "so",
 * "xa/HT" (caller frees). */
static char *
app_scope_name(const struct app_agency *a)
{
	return a->ag->parent != NULL ? xasprintf("%s/%s", a->ag->block,
	    a->ag->parent) : xstrdup(a->ag->block);
}

/* Write the anchor of a publish; the publish itself stands. */
static int
app_publish_anchor(struct store *st, struct app_year *y, const char *what,
    char **cause)
{
	char	*why, *c = NULL;
	int	 rc;

	why = what != NULL ? xasprintf("publish %d %s", y->year, what) :
	    xasprintf("publish %d", y->year);
	rc = app_anchor_write(st, NULL, why, &y->anchor, &c);
	free(why);
	if (rc != APP_OK) {
		*cause = xasprintf(TR("year %d is published, but its anchor was not written: %s (write one with: cchc anchor)"), y->year, c);
		free(c);
	}
	return rc;
}

/* Is the group starting at layout[k] in the scope asked for? */
static int
app_scope_match(const struct app_agency *a, const char *block,
    const char *parent)
{
	if (block != NULL && strcmp(a->ag->block, block) != 0)
		return 0;
	if (parent == NULL)
		return 1;
	return a->ag->parent != NULL && strcmp(a->ag->parent, parent) == 0;
}

/* Check the scope named by block and parent (either may be NULL). */
static int
app_scope_check(const struct app_year *y, const char *block,
    const char *parent, char **cause)
{
	size_t	i;

	if (block == NULL && parent != NULL) {
		*cause = xstrdup(TR("--parent needs --block"));
		return APP_BADINPUT;
	}
	if (block != NULL && agency_find_block(y->list, block) == NULL) {
		*cause = xasprintf(TR("unknown block \"%s\" in year %d"),
		    block, y->year);
		return APP_BADINPUT;
	}
	for (i = 0; i < y->nags; i++) {
		if (app_scope_match(&y->ags[i], block, parent))
			return APP_OK;
	}
	if (parent != NULL)
		*cause = xasprintf(TR("block %s of year %d has no agency with parent %s"), block, y->year, parent);
	else
		*cause = xasprintf(TR("block %s of year %d has no agency"),
		    block, y->year);
	return APP_BADINPUT;
}

/* The states of one group's agencies, to and from the store. */
static int
app_group_write(struct store *st, struct app_year *y, size_t from, size_t to,
    int publish, const char *reason, char **cause)
{
	const struct app_agency	*a0 = &y->ags[y->layout[from]];
	char			**codes;
	size_t			 k, n = to - from;
	int			 rc;

	codes = xcalloc(n + 1, sizeof *codes);
	for (k = 0; k < n; k++)
		codes[k] = y->ags[y->layout[from + k]].ag->code;
	rc = store_scope_set_state(st, y->year, a0->ag->block,
	    a0->ag->parent, publish ? "published" : "open",
	    app_state_name(APP_APPRAISED), codes, n, reason, cause);
	free(codes);
	return rc;
}

int
app_scope_set_state(struct store *st, struct app_year *y, const char *block,
    const char *parent, enum app_action act, const char *reason,
    char **cause)
{
	struct strbuf	 names;
	size_t		 k, j, ngroups = 0, nall = 0, npub = 0, before;
	int		 publish = act == APP_PUBLISH, rc = APP_OK, pub;
	char		*what = NULL, *name;

	*cause = NULL;
	if (act != APP_PUBLISH && act != APP_REOPEN) {
		*cause = xasprintf(TR("%s applies to one agency: cchc state %d AGENCY %s"), act == APP_SUBMIT ? "submit" : "appraise", y->year, act == APP_SUBMIT ? "submit" : "appraise");
		return APP_BADINPUT;
	}
	if (act == APP_REOPEN && (reason == NULL || *reason == '\0')) {
		*cause = xstrdup(TR("reopen needs a reason (--reason TEXT)"));
		return APP_BADINPUT;
	}
	if ((rc = app_scope_check(y, block, parent, cause)) != APP_OK)
		return rc;
	/* The groups to change, and every agency of them ready. */
	for (k = 0; k < y->nags; k = j) {
		const struct app_agency	*a = &y->ags[y->layout[k]];

		j = a->group_to;
		pub = app_agency_published(y, a);
		nall += j - k;
		npub += pub ? j - k : 0;
		if (!app_scope_match(a, block, parent) || pub == publish)
			continue;
		ngroups++;
		for (; publish && k < j; k++) {
			a = &y->ags[y->layout[k]];
			if (a->state != APP_APPRAISED) {
				if (block == NULL)
					*cause = xasprintf(TR("cannot publish year %d: agency %s is %s, not appraised"), y->year, a->ag->code, app_state_name(a->state));
				else
					*cause = xasprintf(TR("cannot publish %s%s%s of year %d: agency %s is %s, not appraised"), block, parent != NULL ? "/" : "", parent != NULL ? parent : "", y->year, a->ag->code, app_state_name(a->state));
				return APP_BADINPUT;
			}
		}
	}
	if (ngroups == 0) {
		if (block == NULL)
			*cause = xasprintf(publish ? TR("year %d is already published") : TR("year %d is not published"), y->year);
		else
			*cause = xasprintf(publish ? TR("%s%s%s of year %d is already published") : TR("%s%s%s of year %d is not published"), block, parent != NULL ? "/" : "", parent != NULL ? parent : "", y->year);
		return publish ? APP_LOCKED : APP_BADINPUT;
	}
	before = npub;
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	/* The year opens first when reopened, and is published last. */
	if (!publish && y->published)
		rc = store_year_set_state(st, y->year, "open", reason, cause);
	strbuf_init(&names);
	for (k = 0; rc == STORE_OK && k < y->nags; k = j) {
		const struct app_agency	*a = &y->ags[y->layout[k]];

		j = a->group_to;
		if (!app_scope_match(a, block, parent) ||
		    app_agency_published(y, a) == publish)
			continue;
		rc = app_group_write(st, y, k, j, publish, reason, cause);
		npub += publish ? j - k : 0;
		name = app_scope_name(a);
		strbuf_printf(&names, "%s%s", names.len > 0 ? " " : "", name);
		free(name);
	}
	if (rc == STORE_OK && publish && npub == nall)
		rc = store_year_set_state(st, y->year, "published", reason,
		    cause);
	what = strbuf_steal(&names);
	if ((rc = app_end(st, rc, cause)) != APP_OK) {
		free(what);
		return rc;
	}
	/* Memory follows the disk. */
	for (k = 0; k < y->nags; k = j) {
		struct app_agency	*a = &y->ags[y->layout[k]];

		j = a->group_to;
		if (!app_scope_match(a, block, parent) ||
		    app_agency_published(y, a) == publish)
			continue;
		for (; k < j; k++)
			y->ags[y->layout[k]].state = publish ? APP_PUBLISHED :
			    APP_APPRAISED;
	}
	if (!publish)
		y->published = 0;
	else if (npub == nall)
		y->published = 1;
	free(y->reason);
	y->reason = xstrdup(reason);
	app_changed(y);
	free(y->anchor);
	y->anchor = NULL;
	/* Published: the audit log's head anchored outside the file. */
	if (publish && app_anchor_dir() != NULL)
		rc = app_publish_anchor(st, y, block == NULL && before == 0 ?
		    NULL : what, cause);
	free(what);
	return rc;
}
