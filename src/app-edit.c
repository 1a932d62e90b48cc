/*
 * app-edit: the one way an entry changes.  A structured change is checked
 * once, its points computed once, written in one audited store call and
 * applied to memory, where only its agency and its block's ranks are
 * computed again.  A batch (an import) keeps what it replaced, so a roll
 * back returns memory to what is on disk.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "text.h"
#include "util.h"

/*
 * An open batch: the agencies it touched.  On a roll-back they are read
 * again from the disk (their totals; their entries when next needed),
 * so nothing needs keeping in memory meanwhile.
 */
struct app_batch {
	long long		 seen;
	unsigned char		*dirty;		/* [nags]: touched */
	char			*file;		/* what it reads, and its */
	char			*sha256;	/* SHA-256 (app_batch_source) */
	size_t			 written;	/* entries it wrote (a row
						   equal to the stored one
						   is not written) */
	int			 in_step;	/* memory was in step with the
						   disk at its start; holding
						   the write lock, it stays so */
};


/* The marks a change sets: the two sides, and the first round. */
#define APP_FIRST	2

static const char *
app_side_word(int side)
{
	return side == SIDE_SELF ? "self" : side == SIDE_APPRAISED ?
	    "appraised" : "first";
}

/* "self score: cause", "appraised score: cause" or "first-round
 * appraised score: cause"; frees c. */
static char *
app_side_cause(int side, char *c)
{
	char	*r = side == SIDE_SELF ? xasprintf(TR("self score: %s"), c) :
		    side == SIDE_APPRAISED ?
		    xasprintf(TR("appraised score: %s"), c) :
		    xasprintf(TR("first-round appraised score: %s"), c);

	free(c);
	return r;
}

/* Apply one side's change (or the first round's) to n (a copy of the
 * stored entry old). */
static int
app_apply_side(const struct form_item *it, int side,
    const struct app_side_change *c, const struct entry_record *old,
    struct entry_record *n, char **cause)
{
	struct score_mark		*m = side == APP_FIRST ? &n->first :
					    entry_mark(n, (enum score_side)side);
	struct entry_inputs	*in = side == APP_FIRST ? &n->first_inputs :
				    entry_inputs_of(n, (enum score_side)side);
	const struct score_mark	*om = side == APP_FIRST ? &old->first :
				    entry_mark_c(old, (enum score_side)side);
	enum score_status		 status;
	int64_t			 p;
	char			 a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ];
	int			 given = c->set & (APP_SET_POINTS |
				    APP_SET_INPUTS), rc;

	if (c->set == 0)
		return 0;
	if (c->set & APP_SET_INPUTS)
		given = (c->set & APP_SET_POINTS) || c->inputs->n > 0;
	status = (c->set & APP_SET_STATUS) ? c->status : given ?
	    STATUS_SCORED : m->status;
	if (status != STATUS_SCORED) {
		if (c->set & APP_SET_POINTS) {
			*cause = xasprintf(TR("%s: a number with status %s (leave one of them empty)"), app_side_word(side), status_name(status));
			return -1;
		}
		/* Another status drops the points and the inputs. */
		m->status = status;
		m->points = 0;
		entry_inputs_clear(in);
		return 0;
	}
	if ((c->set & APP_SET_INPUTS) && c->inputs->n > 0) {
		if ((rc = entry_rule_points(it, c->inputs, &p, cause)) ==
		    FORM_RULE_NOT_ARISING && !(c->set & APP_SET_POINTS)) {
			/* The form says these inputs mean "did not arise". */
			m->status = STATUS_NOT_ARISING;
			m->points = 0;
			entry_inputs_clear(in);
			return 0;
		}
		if (rc == FORM_RULE_NOT_ARISING) {
			*cause = app_side_cause(side, xasprintf(TR("item %s: these inputs mean the task did not arise: leave the points empty"), it->code));
			return -1;
		}
		if (rc != 0) {
			*cause = app_side_cause(side, *cause);
			return -1;
		}
		if ((c->set & APP_SET_POINTS) && c->points != p) {
			*cause = app_side_cause(side, xasprintf(TR("the inputs give %s points, not %s"), util_format_cp(p, util_msg_mark(), a), util_format_cp(c->points, util_msg_mark(), b)));
			return -1;
		}
		entry_inputs_clear(in);
		/* A points item's one input is its points. */
		if (it->rule != RULE_POINTS)
			entry_inputs_copy(in, c->inputs);
		m->points = p;
	} else if (c->set & APP_SET_POINTS) {
		if (form_check_value(it, c->points, cause) != 0) {
			*cause = app_side_cause(side, *cause);
			return -1;
		}
		/* Inputs stay only behind the same points. */
		if ((c->set & APP_SET_INPUTS) || om->status != STATUS_SCORED ||
		    om->points != c->points)
			entry_inputs_clear(in);
		m->points = c->points;
	} else if (m->status == STATUS_SCORED) {
		if (c->set & APP_SET_INPUTS)
			entry_inputs_clear(in);
	} else {
		*cause = xasprintf(TR("%s: status scored needs points"),
		    app_side_word(side));
		return -1;
	}
	m->status = STATUS_SCORED;
	return 0;
}

/* A text of the change into *dst: NULL leaves it, "" clears it; checked,
 * in NFC, blank-only refused when need_word (a description). */
static int
app_apply_text(const char *src, const char *what, int need_word, char **dst,
    char **cause)
{
	const char	*p;
	char		*v;

	if (src == NULL)
		return 0;
	if (entry_text_check(src, what, cause) != 0)
		return -1;
	for (p = src; *p == ' '; p++)
		;
	if (need_word && *src != '\0' && *p == '\0') {
		*cause = xasprintf(TR("%s: only blanks; describe it, or leave it empty to unmark"), TR(what));
		return -1;
	}
	free(*dst);
	*dst = NULL;
	if (*src != '\0')
		*dst = (v = text_nfc(src)) != NULL ? v : xstrdup(src);
	return 0;
}

/*
 * The analogy (vận dụng) of each side: a description of the similar task,
 * only on a scored side; and the second round's dispute, only in a year
 * of two rounds (the first round's mark is checked by app_apply_side).
 */
static int
app_apply_rounds(const struct app_change *c, struct entry_record *n,
    char **cause)
{
	int	s;

	for (s = SIDE_SELF; s <= SIDE_APPRAISED; s++) {
		if (app_apply_text(c->side[s].analogy, N_("analogy"), 1,
		    &n->analogy[s], cause) != 0)
			return -1;
		if (n->analogy[s] == NULL || entry_mark_c(n,
		    (enum score_side)s)->status == STATUS_SCORED)
			continue;
		/* Marking an unscored side asks for the score first. */
		if (c->side[s].analogy != NULL &&
		    !(c->side[s].set & APP_SET_STATUS)) {
			*cause = s == SIDE_SELF ? xasprintf(TR("item %s: an analogy (vận dụng) marks a scored self score: score it first"), n->item) : xasprintf(TR("item %s: an analogy (vận dụng) marks a scored appraised score: score it first"), n->item);
			return -1;
		}
		{
			*cause = s == SIDE_SELF ? xasprintf(TR("item %s: an analogy (vận dụng) needs a scored self score; unmark the analogy first (clear its description; cchc set: --no-analogy)"), n->item) : xasprintf(TR("item %s: an analogy (vận dụng) needs a scored appraised score; unmark the analogy first (clear its description; cchc set: --no-analogy)"), n->item);
			return -1;
		}
	}
	return app_apply_text(c->dispute, N_("dispute"), 1, &n->dispute,
	    cause);
}

/* Apply the texts and evidence of a change, each checked. */
static int
app_apply_texts(const struct form_item *it, const struct app_change *c,
    struct entry_record *n, char **cause)
{
	const char *const	 src[] = { c->explanation, c->note, c->reason };
	char			**dst[] = { &n->explanation, &n->note,
				    &n->reason };
	const char		*what[] = { N_("explanation"), N_("note"),
				    N_("reason") };
	size_t			 i;

	for (i = 0; i < UTIL_ARRAY_LEN(src); i++) {
		if (src[i] == NULL)
			continue;
		if (entry_text_check(src[i], what[i], cause) != 0)
			return -1;
		free(*dst[i]);
		*dst[i] = *src[i] != '\0' ? xstrdup(src[i]) : NULL;
	}
	/* The form may ask why an item did not arise, on either side. */
	if (it->na_explain && (n->self.status == STATUS_NOT_ARISING ||
	    n->appraised.status == STATUS_NOT_ARISING) &&
	    (n->explanation == NULL || *n->explanation == '\0')) {
		*cause = xasprintf(TR("item %s: not_arising needs an explanation (why the task did not arise)"), n->item);
		return -1;
	}
	if (app_apply_rounds(c, n, cause) != 0)
		return -1;
	if (!c->set_evidence)
		return 0;
	if (c->nevidence > ENTRY_MAX_EVIDENCE) {
		*cause = xasprintf(TR("more than %d evidence references"),
		    ENTRY_MAX_EVIDENCE);
		return -1;
	}
	for (i = 0; i < c->nevidence; i++) {
		if (entry_evidence_check(&c->evidence[i], i + 1, cause) != 0)
			return -1;
	}
	entry_evidence_free(n->evidence, n->nevidence);
	n->nevidence = c->nevidence;
	n->evidence = xcalloc(c->nevidence + 1, sizeof *n->evidence);
	for (i = 0; i < c->nevidence; i++) {
		n->evidence[i].number = xstrdup(c->evidence[i].number);
		n->evidence[i].date = xstrdup(c->evidence[i].date);
		n->evidence[i].title = xstrdup(c->evidence[i].title);
	}
	return 0;
}

/* Leaving or entering the profile's default needs a reason. */
static int
app_check_reason(const struct app_agency *a, size_t k,
    const struct entry_record *n, char **cause)
{
	struct entry_record	def;
	int			was_na, now_na;

	app_default_entry(a, k, &def);
	was_na = def.appraised.status == STATUS_NOT_ASSIGNED;
	entry_record_clear(&def);
	now_na = n->appraised.status == STATUS_NOT_ASSIGNED ||
	    n->self.status == STATUS_NOT_ASSIGNED;
	if (was_na)
		now_na = n->appraised.status == STATUS_NOT_ASSIGNED &&
		    n->self.status == STATUS_NOT_ASSIGNED;
	if (was_na != now_na && (n->reason == NULL || *n->reason == '\0')) {
		*cause = xasprintf(TR("item %s: %s needs a reason"), n->item,
		    was_na ? TR("assigning an item the agency's profile leaves out") : TR("marking an item not assigned"));
		return -1;
	}
	return 0;
}

/* The workflow freezes each side once it is handed over. */
static int
app_check_frozen(const struct app_year *y, const struct app_agency *a,
    const struct entry_record *o, const struct entry_record *n,
    char **cause)
{
	if (a->state >= APP_SUBMITTED && (!entry_mark_eq(&n->self, &o->self) ||
	    !entry_inputs_eq(&n->self_inputs, &o->self_inputs) ||
	    !entry_text_eq(n->explanation, o->explanation) ||
	    !entry_text_eq(n->analogy[SIDE_SELF], o->analogy[SIDE_SELF]))) {
		*cause = xasprintf(TR("agency %s has submitted its self-assessment; its self scores are frozen (reopen it with: cchc state %d %s reopen --reason TEXT)"), a->ag->code, y->year, a->ag->code);
		return APP_LOCKED;
	}
	if (a->state >= APP_APPRAISED &&
	    (!entry_mark_eq(&n->appraised, &o->appraised) ||
	    !entry_inputs_eq(&n->appraised_inputs, &o->appraised_inputs) ||
	    !entry_text_eq(n->analogy[SIDE_APPRAISED],
	    o->analogy[SIDE_APPRAISED]) ||
	    !entry_mark_eq(&n->first, &o->first) ||
	    !entry_inputs_eq(&n->first_inputs, &o->first_inputs) ||
	    !entry_text_eq(n->dispute, o->dispute) ||
	    !entry_evidence_eq(n->evidence, n->nevidence, o->evidence,
	    o->nevidence))) {
		*cause = xasprintf(TR("agency %s is appraised; its appraised scores are frozen (reopen it with: cchc state %d %s reopen --reason TEXT)"), a->ag->code, y->year, a->ag->code);
		return APP_LOCKED;
	}
	return APP_OK;
}

/*
 * Inside the write transaction: is what memory holds for an entry (and
 * its agency's state) still what is on disk?  If another program changed
 * either since the year was loaded, memory takes the disk's values and
 * APP_CONFLICT says so, so nothing is written over a newer change.
 */
static int
app_fresh(struct store *st, struct app_year *y, struct app_agency *a,
    size_t k, char **cause)
{
	struct entry_record	*se = NULL, def;
	enum app_state		 state;
	char			*word = NULL;
	size_t			 n = 0;
	int			 rc, same;

	if ((rc = store_agency_state(st, y->year, a->ag->code, &word,
	    cause)) != STORE_OK)
		return rc;
	if (app_state_parse(word, &state) != 0) {
		*cause = xasprintf(TR("agency %s has an unknown state \"%s\""),
		    a->ag->code, word);
		free(word);
		return APP_ERR;
	}
	free(word);
	if ((rc = store_entries(st, y->year, a->ag->code,
	    a->form->items[k].code, &se, &n, cause)) != STORE_OK)
		return rc;
	app_default_entry(a, k, &def);
	same = state == a->state && entry_record_eq(n > 0 ? &se[0] : &def,
	    &a->raw[k]);
	if (!same) {
		a->state = state;
		entry_record_clear(&a->raw[k]);
		if (n > 0) {
			a->raw[k] = se[0];
			memset(&se[0], 0, sizeof se[0]);
		} else {
			a->raw[k] = def;
			memset(&def, 0, sizeof def);
		}
		a->stored[k] = n > 0;
		app_agency_compute(y, a);
		*cause = xasprintf(TR("agency %s, item %s was changed by another program meanwhile; the saved values are shown now: check them and enter the change again"), a->ag->code, a->form->items[k].code);
		rc = APP_CONFLICT;
	}
	entry_record_clear(&def);
	entry_records_free(se, n);
	return rc;
}

/* In a batch: write the totals of the touched agencies whose entries
 * are in memory (but keep), and let their entries go. */
static int
app_batch_flush(struct store *st, struct app_year *y, struct app_agency *keep,
    char **cause)
{
	size_t	i;
	int	rc;

	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];

		if (a == keep || a->raw == NULL || !y->batch->dirty[i])
			continue;
		app_agency_totals(y, a);
		if ((rc = app_totals_write(st, y, a, cause)) != APP_OK)
			return rc;
		app_agency_release(y, a);
	}
	return APP_OK;
}

int
app_edit(struct store *st, struct app_year *y, const struct app_change *c,
    struct app_agency **changed, char **cause)
{
	struct app_agency	*a;
	struct entry_record	 n, old;
	const struct form_item	*it;
	unsigned char		 was_stored;
	long			 k;
	int			 rc, in_step, batch = y->batch != NULL;
	long long		 last;

	*cause = NULL;
	if (changed != NULL)
		*changed = NULL;
	if ((a = app_find_agency(y, c->agency)) == NULL) {
		*cause = xasprintf(TR("unknown agency \"%s\" in year %d"),
		    c->agency, y->year);
		return APP_BADINPUT;
	}
	if ((k = form_item_index(a->form, c->item)) < 0) {
		*cause = xasprintf(TR("unknown item \"%s\" in form %s of agency %s"), c->item, a->form->id, c->agency);
		return APP_BADINPUT;
	}
	if ((rc = app_agency_locked(y, a, cause)) != APP_OK)
		return rc;
	it = &a->form->items[k];
	if (!batch && (rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	if ((rc = app_agency_entries(st, y, a, cause)) != APP_OK)
		goto fail;
	/* Nothing written since memory was last in step: no need to look.
	 * A batch looked once, at its start: it holds the write lock. */
	if (batch)
		in_step = y->batch->in_step;
	else if ((rc = store_audit_last(st, &last, cause)) != STORE_OK)
		goto fail;
	else
		in_step = last == y->seen;
	if (!in_step && (rc = app_fresh(st, y, a, (size_t)k, cause)) !=
	    APP_OK)
		goto fail;
	if (c->seen != NULL && !entry_record_eq(c->seen, &a->raw[k])) {
		*cause = xasprintf(TR("agency %s, item %s was changed by another program meanwhile; the saved values are shown now: check them and enter the change again"), a->ag->code, it->code);
		rc = APP_CONFLICT;
		goto fail;
	}
	entry_record_copy(&n, &a->raw[k]);
	if (app_apply_side(it, SIDE_SELF, &c->side[SIDE_SELF], &a->raw[k], &n,
	    cause) != 0 || app_apply_side(it, SIDE_APPRAISED,
	    &c->side[SIDE_APPRAISED], &a->raw[k], &n, cause) != 0 ||
	    app_apply_side(it, APP_FIRST, &c->first, &a->raw[k], &n,
	    cause) != 0 ||
	    app_apply_texts(it, c, &n, cause) != 0 ||
	    app_check_reason(a, (size_t)k, &n, cause) != 0) {
		rc = APP_BADINPUT;
		goto fail_n;
	}
	if ((rc = app_check_frozen(y, a, &a->raw[k], &n, cause)) != APP_OK)
		goto fail_n;
	/* Round-1 data only in a year of two rounds (what is there stays
	 * readable, and may be cleared). */
	if (y->rounds < 2 && entry_has_rounds(&n) &&
	    (!entry_mark_eq(&n.first, &a->raw[k].first) ||
	    !entry_inputs_eq(&n.first_inputs, &a->raw[k].first_inputs) ||
	    !entry_text_eq(n.dispute, a->raw[k].dispute))) {
		*cause = xasprintf(TR("year %d has one round of appraisal: no first-round score or dispute (set two with: cchc year set %d rounds 2)"), y->year, y->year);
		rc = APP_BADINPUT;
		goto fail_n;
	}
	/* Nothing changes: nothing is written (nor audited); an agency
	 * without stored totals (an older cchc's year) gets them. */
	if (a->stored[k] && entry_record_eq(&n, &a->raw[k])) {
		entry_record_clear(&n);
		rc = APP_OK;
		if (batch)
			y->batch->dirty[a - y->ags] |= a->has_totals != 3;
		else if (a->has_totals != 3)
			rc = app_end(st, app_totals_write(st, y, a, cause),
			    cause);
		else
			store_rollback(st);
		if (rc != APP_OK)
			return rc;
		if (changed != NULL)
			*changed = a;
		return APP_OK;
	}
	if ((rc = store_entry_put(st, y->year, &n, cause)) != STORE_OK)
		goto fail_n;
	/* The new entry in memory, the old kept until the commit. */
	old = a->raw[k];
	was_stored = a->stored[k];
	a->raw[k] = n;
	a->stored[k] = 1;
	if (batch) {
		y->batch->dirty[a - y->ags] = 1;
		y->batch->written++;
		if (y->loaded > y->batch_loaded)
			rc = app_batch_flush(st, y, a, cause);
	} else {
		/* The agency's totals go with its entry, in one transaction;
		 * then its block's ranks, in memory. */
		app_agency_totals(y, a);
		rc = app_totals_write(st, y, a, cause);
	}
	if (rc == APP_OK && in_step && !batch)
		rc = store_audit_last(st, &last, cause);
	if (rc == APP_OK && !batch)
		rc = store_commit(st, cause);
	if (rc != APP_OK) {
		a->raw[k] = old;
		a->stored[k] = was_stored;
		memset(&old, 0, sizeof old);
		if (!batch)
			app_agency_totals(y, a);
		goto fail_n;
	}
	entry_record_clear(&old);
	/* Memory stays in step with the disk only if it was before.  The
	 * agency's totals were computed before they were written: its
	 * group's ranks are all that is left. */
	if (in_step && !batch)
		y->seen = last;
	if (!batch)
		app_group_rerank(y, a);
	if (changed != NULL)
		*changed = a;
	return APP_OK;
fail_n:
	entry_record_clear(&n);
fail:
	if (!batch)
		store_rollback(st);
	return rc;
}

size_t
app_batch_written(const struct app_year *y)
{
	return y->batch != NULL ? y->batch->written : 0;
}

void
app_batch_free(struct app_batch *u)
{
	if (u != NULL) {
		free(u->dirty);
		free(u->file);
		free(u->sha256);
	}
	free(u);
}

int
app_batch_begin(struct store *st, struct app_year *y, char **cause)
{
	long long	last;
	int		rc;

	*cause = NULL;
	if (y->batch != NULL) {
		*cause = xstrdup("a batch is open already");
		return APP_ERR;
	}
	if (y->published)
		return app_locked(y, cause);
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	/* The rows it creates are audited together (store-bulk.c). */
	if ((rc = store_bulk_begin(st, y->year, cause)) != STORE_OK) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_audit_last(st, &last, cause)) != STORE_OK) {
		store_rollback(st);
		return rc;
	}
	y->batch = xcalloc(1, sizeof *y->batch);
	y->batch->seen = y->seen;
	y->batch->in_step = last == y->seen;
	y->batch->dirty = xcalloc(y->nags + 1, 1);
	return APP_OK;
}

void
app_batch_source(struct app_year *y, const char *file, const char *sha256)
{
	if (y->batch == NULL)
		return;
	free(y->batch->file);
	free(y->batch->sha256);
	y->batch->file = xstrdup(file);
	y->batch->sha256 = xstrdup(sha256);
}

/* After a roll-back: an agency as the disk has it. */
static int
app_reread(struct store *st, struct app_year *y, struct app_agency *a,
    char **cause)
{
	size_t	k;

	app_agency_release(y, a);
	a->has_totals = 0;
	a->self.max = a->self.points = a->appraised.max = 0;
	a->appraised.points = 0;
	for (k = 0; k < a->self.nareas; k++) {
		a->self.area_max[k] = a->self.area_points[k] = 0;
		a->appraised.area_max[k] = a->appraised.area_points[k] = 0;
	}
	if (app_totals_read(st, y, a->ag->code, cause) != APP_OK ||
	    a->has_totals != 3)
		return app_agency_entries(st, y, a, cause);
	return APP_OK;
}

int
app_batch_end(struct store *st, struct app_year *y, int commit,
    char **cause)
{
	struct app_batch	*u = y->batch;
	struct score_rank_row	*rows;
	unsigned char		*blocks;
	size_t			 i;
	long long		 last = 0;
	int			 rc = APP_OK, rc2;
	char			*c2 = NULL;

	*cause = NULL;
	if (u == NULL)
		return APP_OK;
	/* The totals of what the batch touched go in before the commit. */
	for (i = 0; commit && rc == APP_OK && i < y->nags; i++) {
		if (u->dirty[i] && y->ags[i].raw != NULL) {
			app_agency_totals(y, &y->ags[i]);
			rc = app_totals_write(st, y, &y->ags[i], cause);
		}
	}
	if (commit && rc == APP_OK)
		rc = store_bulk_end(st, u->file, u->sha256, cause);
	/* Memory in step at the start stays so, with the batch's own audit
	 * rows (its import record too). */
	if (commit && rc == APP_OK && u->in_step)
		rc = store_audit_last(st, &last, cause);
	if (commit && rc == APP_OK && (rc = store_commit(st, cause)) !=
	    STORE_OK)
		commit = 0;
	else if (commit && rc == APP_OK && u->in_step)
		y->seen = last;
	if (!commit || rc != APP_OK) {
		store_rollback(st);
		y->seen = u->seen;
		/* What the batch touched is read again from the disk. */
		for (i = 0; i < y->nags; i++) {
			if (u->dirty[i] && (rc2 = app_reread(st, y, &y->ags[i],
			    &c2)) != APP_OK) {
				if (rc == APP_OK) {
					rc = rc2;
					*cause = c2;
				} else
					free(c2);
				c2 = NULL;
			}
		}
	}
	/* The agencies the batch touched, then their blocks' ranks. */
	rows = xcalloc(y->nags + 1, sizeof *rows);
	blocks = xcalloc(y->list->nblocks + 1, 1);
	for (i = 0; i < y->nags; i++) {
		if (u->dirty[i]) {
			app_agency_totals(y, &y->ags[i]);
			blocks[y->ags[i].block] = 1;
		}
	}
	for (i = 0; i < y->list->nblocks; i++) {
		if (blocks[i])
			app_block_ranks(y, i, rows);
	}
	free(blocks);
	free(rows);
	app_batch_free(u);
	y->batch = NULL;
	app_changed(y);
	return rc;
}
