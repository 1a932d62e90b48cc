/*
 * cmd-template: the cells of a scores CSV row, and the templates of
 * export --appraiser / --agency --side and their import.
 *
 * A template's rows carry, in the last column "version", the side they
 * fill and a short hash of that side's cells as exported
 * ("appraised:3fa2c1d09b7e").  On import a row whose cells of that side
 * hash to its version again was not filled and is skipped; any other row
 * is applied only if the stored row still hashes to the version, so a
 * file filled from an old export never overwrites a newer change.  The
 * hash covers only the side's own cells, so a department's template and
 * the agency's own do not collide on the rows both fill.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "app.h"
#include "cmd-template.h"
#include "entry.h"
#include "util.h"

static const char *
cells_mark(const struct score_mark *m, char *points)
{
	points[0] = '\0';
	if (m->status == STATUS_SCORED) {
		util_format_cp(m->points, '.', points);
		return "";
	}
	return status_name(m->status);
}

void
csv_cells_of(struct csv_cells *c, const struct app_agency *a, size_t j)
{
	const struct entry_record	*e = &a->raw[j];
	char				*ev, *si, *ai, *fi;

	memset(c, 0, sizeof *c);
	ev = entry_evidence_format(e->evidence, e->nevidence);
	si = entry_inputs_format(&e->self_inputs);
	ai = entry_inputs_format(&e->appraised_inputs);
	c->own[c->nown++] = ev;
	c->own[c->nown++] = si;
	c->own[c->nown++] = ai;
	c->v[COL_AGENCY] = a->ag->code;
	c->v[COL_ITEM] = a->form->items[j].code;
	c->v[COL_SELF_STATUS] = cells_mark(&e->self, c->sp);
	c->v[COL_SELF] = c->sp;
	c->v[COL_APPRAISED_STATUS] = cells_mark(&e->appraised, c->ap);
	c->v[COL_APPRAISED] = c->ap;
	c->v[COL_EVIDENCE] = ev;
	c->v[COL_NOTE] = e->note;
	c->v[COL_EXPLANATION] = e->explanation;
	c->v[COL_REASON] = e->reason;
	c->v[COL_SELF_INPUTS] = e->self.status == STATUS_SCORED ? si : NULL;
	c->v[COL_APPRAISED_INPUTS] = e->appraised.status == STATUS_SCORED ?
	    ai : NULL;
	c->v[COL_SELF_ANALOGY] = e->analogy[SIDE_SELF];
	c->v[COL_APPRAISED_ANALOGY] = e->analogy[SIDE_APPRAISED];
	fi = entry_inputs_format(&e->first_inputs);
	c->own[c->nown++] = fi;
	c->v[COL_FIRST_APPRAISED_STATUS] = cells_mark(&e->first, c->fp);
	c->v[COL_FIRST_APPRAISED] = c->fp;
	c->v[COL_FIRST_APPRAISED_INPUTS] = e->first.status == STATUS_SCORED ?
	    fi : NULL;
	c->v[COL_DISPUTE] = e->dispute;
}

void
csv_cells_clear(struct csv_cells *c)
{
	size_t	i;

	for (i = 0; i < c->nown; i++)
		free(c->own[i]);
	c->nown = 0;
}

/*
 * The sides a column belongs to (1 self, 2 appraised): the agency fills
 * its marks, their inputs, the evidence and the explanation; the
 * appraiser its marks, their inputs and the note; the reason an item is
 * (not) assigned goes with either.  Columns of neither (agency, item,
 * version, and any column not listed here) are never changed by a
 * template.
 */
static unsigned
tmpl_col_sides(size_t c)
{
	switch (c) {
	case COL_SELF:
	case COL_SELF_STATUS:
	case COL_SELF_INPUTS:
	case COL_EVIDENCE:
	case COL_EXPLANATION:
	case COL_SELF_ANALOGY:
	case COL_DISPUTE:		/* the agency's answer to round one */
		return 1;
	case COL_APPRAISED:
	case COL_APPRAISED_STATUS:
	case COL_APPRAISED_INPUTS:
	case COL_NOTE:
	case COL_APPRAISED_ANALOGY:
	case COL_FIRST_APPRAISED:
	case COL_FIRST_APPRAISED_STATUS:
	case COL_FIRST_APPRAISED_INPUTS:
		return 2;
	case COL_REASON:
		return 3;
	default:
		return 0;
	}
}

static int
tmpl_owns(const struct tmpl_scope *s, size_t c)
{
	return (tmpl_col_sides(c) & (s->side == SIDE_SELF ? 1u : 2u)) != 0;
}

static const char *
tmpl_side_word(enum score_side side)
{
	return side == SIDE_SELF ? "self" : "appraised";
}

int
tmpl_arg(int c, const char *arg, struct tmpl_args *a)
{
	switch (c) {
	case 'b':
		a->block = arg;
		return 1;
	case 'r':
		a->appraiser = arg;
		return 1;
	case 'a':
		a->agency = arg;
		return 1;
	case 's':
		a->side = arg;
		return 1;
	default:
		return 0;
	}
}

int
tmpl_scope_parse(struct tmpl_scope *s, int *tmpl, const struct tmpl_args *a,
    char **cause)
{
	const char	*appraiser = a->appraiser, *agency = a->agency;
	const char	*side = a->side, *block = a->block;

	memset(s, 0, sizeof *s);
	*tmpl = appraiser != NULL || agency != NULL || side != NULL;
	s->appraiser = appraiser;
	s->agency = agency;
	s->block = block;
	s->side = SIDE_APPRAISED;
	if (!*tmpl)
		return 0;
	if (side != NULL && strcmp(side, "self") == 0)
		s->side = SIDE_SELF;
	else if (side != NULL && strcmp(side, "appraised") != 0) {
		*cause = xasprintf(TR("--side is self or appraised, not \"%s\""), side);
		return -1;
	}
	if (appraiser != NULL && agency != NULL) {
		*cause = xstrdup(TR("--appraiser and --agency name two templates: give one"));
		return -1;
	}
	if (appraiser != NULL && s->side == SIDE_SELF) {
		*cause = xstrdup(TR("an appraiser's template is of the appraised side"));
		return -1;
	}
	if (agency != NULL && side == NULL) {
		*cause = xstrdup(TR("--agency needs --side self or --side appraised"));
		return -1;
	}
	if (appraiser == NULL && agency == NULL) {
		*cause = xstrdup(TR("--side needs --agency CODE"));
		return -1;
	}
	return 0;
}

int
tmpl_scope_check(const struct app_year *y, const struct tmpl_scope *s,
    char **cause)
{
	if (s->block != NULL && agency_find_block(y->list, s->block) ==
	    NULL) {
		*cause = xasprintf(TR("unknown block \"%s\""), s->block);
		return -1;
	}
	if (s->appraiser != NULL && !app_appraiser_known(y, s->appraiser)) {
		*cause = xasprintf(TR("no item of year %d is appraised by \"%s\""), y->year, s->appraiser);
		return -1;
	}
	if (s->agency != NULL && agency_find(y->list, s->agency) == NULL) {
		*cause = xasprintf(TR("unknown agency \"%s\" in year %d"),
		    s->agency, y->year);
		return -1;
	}
	/* An agency's template is its own rows: a block that is not its
	 * own would leave none. */
	if (s->agency != NULL && s->block != NULL && strcmp(agency_find(
	    y->list, s->agency)->block, s->block) != 0) {
		*cause = xasprintf(TR("agency %s is in block %s, not %s"),
		    s->agency, agency_find(y->list, s->agency)->block,
		    s->block);
		return -1;
	}
	return 0;
}

int
tmpl_in_scope(const struct app_year *y, const struct tmpl_scope *s,
    const struct app_agency *a, size_t item)
{
	if (s->block != NULL && strcmp(a->ag->block, s->block) != 0)
		return 0;
	if (s->agency != NULL && strcmp(a->ag->code, s->agency) != 0)
		return 0;
	if (s->appraiser != NULL && !app_appraised_by(y,
	    &a->form->items[item], s->appraiser))
		return 0;
	return 1;
}

void
tmpl_version(const struct tmpl_scope *s, const char *const *cells,
    char out[TMPL_VERSION_SZ])
{
	struct sha256_ctx	 h;
	uint8_t			 d[SHA256_DIGEST_SIZE];
	char			 hex[2 * SHA256_DIGEST_SIZE + 1], len[32];
	const char		*parts[3];
	size_t			 c, i;

	sha256_init(&h);
	parts[0] = tmpl_side_word(s->side);
	parts[1] = cells[COL_AGENCY];
	parts[2] = cells[COL_ITEM];
	/* Each part with its length first: no two rows hash alike. */
	for (i = 0; i < 3; i++) {
		snprintf(len, sizeof len, "%zu:", strlen(parts[i]));
		sha256_update(&h, strlen(len), (const uint8_t *)len);
		sha256_update(&h, strlen(parts[i]), (const uint8_t *)parts[i]);
	}
	for (c = 0; c < CSV_NCOLS; c++) {
		const char	*v = cells[c] != NULL ? cells[c] : "";

		if (!tmpl_owns(s, c))
			continue;
		snprintf(len, sizeof len, "%s=%zu:", csv_cols[c], strlen(v));
		sha256_update(&h, strlen(len), (const uint8_t *)len);
		sha256_update(&h, strlen(v), (const uint8_t *)v);
	}
	sha256_digest(&h, sizeof d, d);
	util_hex(d, sizeof d, hex);
	snprintf(out, TMPL_VERSION_SZ, "%s:%.12s", tmpl_side_word(s->side),
	    hex);
}

enum tmpl_verdict
tmpl_check_row(const struct app_year *y, const struct tmpl_scope *s,
    const struct app_agency *a, size_t item, const char *const *cells,
    char **cause)
{
	struct csv_cells	 now;
	char			 got[TMPL_VERSION_SZ], was[TMPL_VERSION_SZ];
	const char		*v = cells[COL_VERSION], *colon;

	if (!tmpl_in_scope(y, s, a, item)) {
		if (s->appraiser != NULL && s->block != NULL &&
		    strcmp(a->ag->block, s->block) != 0)
			*cause = xasprintf(TR("agency %s, item %s is not in this template: the agency is not of block %s"), a->ag->code, cells[COL_ITEM], s->block);
		else if (s->appraiser != NULL)
			*cause = xasprintf(TR("agency %s, item %s is not in this template: %s does not appraise it"), a->ag->code, cells[COL_ITEM], s->appraiser);
		else
			*cause = xasprintf(TR("agency %s, item %s is not in this template (agency %s, %s side)"), a->ag->code, cells[COL_ITEM], s->agency, tmpl_side_word(s->side));
		return TMPL_REFUSE;
	}
	if (v == NULL || *v == '\0') {
		*cause = xasprintf(TR("agency %s, item %s: no version (the row was not exported as a template)"), a->ag->code, cells[COL_ITEM]);
		return TMPL_REFUSE;
	}
	colon = strchr(v, ':');
	if (colon == NULL || (size_t)(colon - v) != strlen(tmpl_side_word(
	    s->side)) || strncmp(v, tmpl_side_word(s->side),
	    (size_t)(colon - v)) != 0) {
		*cause = xasprintf(TR("agency %s, item %s: version \"%s\" is not of the %s side this import fills"), a->ag->code, cells[COL_ITEM], v, tmpl_side_word(s->side));
		return TMPL_REFUSE;
	}
	/* Twelve lower-case hex digits, as written: anything else was
	 * typed over, not a row changed since. */
	if (strlen(colon + 1) != 12 || strspn(colon + 1,
	    "0123456789abcdef") != 12) {
		*cause = xasprintf(TR("agency %s, item %s: version \"%s\" is not one cchc wrote (the side, a colon and 12 hexadecimal digits); export the template again"), a->ag->code, cells[COL_ITEM], v);
		return TMPL_REFUSE;
	}
	/* Its side's cells as exported: nothing was filled. */
	tmpl_version(s, cells, got);
	if (strcmp(got, v) == 0)
		return TMPL_SKIP;
	csv_cells_of(&now, a, item);
	tmpl_version(s, now.v, was);
	csv_cells_clear(&now);
	if (strcmp(was, v) != 0) {
		*cause = xasprintf(TR("agency %s, item %s was changed after this template was exported (template %s, stored now %s): export the template again and fill this row there"), a->ag->code, cells[COL_ITEM], v, was);
		return TMPL_REFUSE;
	}
	return TMPL_APPLY;
}

void
tmpl_filter(const struct tmpl_scope *s, const char **cells)
{
	size_t	c;

	for (c = 0; c < CSV_NCOLS; c++) {
		if (c == COL_AGENCY || c == COL_ITEM || c == COL_VERSION ||
		    cells[c] == NULL)
			continue;
		if (!tmpl_owns(s, c) || *cells[c] == '\0')
			cells[c] = NULL;
	}
}
