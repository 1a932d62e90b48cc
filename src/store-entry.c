/*
 * store-entry: the entries of a year (an agency's item: both sides'
 * scores, rule inputs, texts, analogy, first round) and their evidence,
 * read and written; the canonical text an entry's audit row holds.
 */
#include "store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "form.h"
#include "store-int.h"
#include "text.h"
#include "util.h"

/* A status and its points from columns col, col + 1. */
void
store_read_mark(sqlite3_stmt *stmt, int col, struct score_mark *m, int *oom)
{
	int		 type = sqlite3_column_type(stmt, col);
	const char	*s = (const char *)sqlite3_column_text(stmt, col);

	if (s == NULL && type != SQLITE_NULL)
		*oom = 1;
	if (s == NULL || status_parse(s, &m->status) != 0)
		m->status = STATUS_EMPTY;
	m->points = sqlite3_column_int64(stmt, col + 1);
}

/* The evidence lists of the entries read by store_entries. */
static int
store_entries_evidence(struct store *st, int year, const char *agency,
    const char *item, struct entry_record *es, size_t n, char **cause)
{
	/* One read for all the entries, in their order (was one a row). */
	static const char *const sql[] = {
		"SELECT agency, item, number, date, title FROM evidence WHERE year = ?1 AND ?2 IS NULL AND ?3 IS NULL ORDER BY agency, item, pos",
		"SELECT agency, item, number, date, title FROM evidence WHERE year = ?1 AND agency = ?2 AND ?3 IS NULL ORDER BY agency, item, pos",
		"SELECT agency, item, number, date, title FROM evidence WHERE year = ?1 AND ?2 IS NULL AND item = ?3 ORDER BY agency, item, pos",
		"SELECT agency, item, number, date, title FROM evidence WHERE year = ?1 AND agency = ?2 AND item = ?3 ORDER BY agency, item, pos",
	};
	sqlite3_stmt		*ev;
	struct entry_record	*e;
	const char		*ag, *it;
	size_t			 i = 0, ecap = 0;
	int			 rc, c, oom = 0;

	if ((rc = store_prepare(st, &ev, cause, sql[(agency != NULL) |
	    (item != NULL) << 1], "iss", year, agency, item)) != STORE_OK)
		return rc;
	while ((rc = sqlite3_step(ev)) == SQLITE_ROW) {
		ag = (const char *)sqlite3_column_text(ev, 0);
		it = (const char *)sqlite3_column_text(ev, 1);
		if (ag == NULL || it == NULL) {
			oom = 1;
			break;
		}
		/* Both lists are ordered by agency, then item. */
		while (i < n && ((c = strcmp(es[i].agency, ag)) < 0 ||
		    (c == 0 && strcmp(es[i].item, it) < 0))) {
			i++;
			ecap = 0;
		}
		if (i == n)
			break;
		e = &es[i];
		if (strcmp(e->agency, ag) != 0 || strcmp(e->item, it) != 0)
			continue;		/* no such entry: not ours */
		if (e->nevidence == ecap) {
			ecap = ecap ? ecap * 2 : 2;
			e->evidence = xreallocarray(e->evidence, ecap,
			    sizeof *e->evidence);
		}
		e->evidence[e->nevidence].number = store_col_text(ev, 2, &oom);
		e->evidence[e->nevidence].date = store_col_text(ev, 3, &oom);
		e->evidence[e->nevidence].title = store_col_text(ev, 4, &oom);
		e->nevidence++;
	}
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;		/* stopped early: the rest is not ours */
	return store_read_end(st, ev, rc, oom, cause);
}

/*
 * The rule inputs of a column: the text "name=value;..." is this
 * module's codec of struct entry_inputs (entry.h).
 */
static int
store_read_inputs(sqlite3_stmt *stmt, int col, const struct entry_record *e,
    struct entry_inputs *in, int *oom, char **cause)
{
	char	*s = store_col_text(stmt, col, oom), *c = NULL;
	int	 rc = STORE_OK;

	if (s != NULL && *s != '\0' && entry_inputs_parse(s, in, &c) != 0) {
		*cause = xasprintf(TR("entry %s %s: the stored rule inputs \"%s\" do not read: %s"), e->agency, e->item, s, c);
		free(c);
		rc = STORE_ERR;
	}
	free(s);
	return rc;
}

int
store_entries(struct store *st, int year, const char *agency,
    const char *item, struct entry_record **out, size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	size_t			 cap = 64;
	int			 rc, rc2 = STORE_OK, oom = 0;
	struct entry_record	*e;

	/* One text per case, so that each uses the primary key's index
	 * (an "?2 IS NULL OR agency = ?2" condition makes SQLite scan the
	 * whole table); every text names ?1..?3, all bound. */
	static const char *const sql[] = {
		"SELECT agency, item, self_status, self_points, appraised_status, appraised_points, self_inputs, appraised_inputs, explanation, note, reason, who, at, " STORE_ENTRY_OPT_COLS " FROM entry WHERE year = ?1 AND ?2 IS NULL AND ?3 IS NULL ORDER BY agency, item",
		"SELECT agency, item, self_status, self_points, appraised_status, appraised_points, self_inputs, appraised_inputs, explanation, note, reason, who, at, " STORE_ENTRY_OPT_COLS " FROM entry WHERE year = ?1 AND agency = ?2 AND ?3 IS NULL ORDER BY agency, item",
		"SELECT agency, item, self_status, self_points, appraised_status, appraised_points, self_inputs, appraised_inputs, explanation, note, reason, who, at, " STORE_ENTRY_OPT_COLS " FROM entry WHERE year = ?1 AND ?2 IS NULL AND item = ?3 ORDER BY agency, item",
		"SELECT agency, item, self_status, self_points, appraised_status, appraised_points, self_inputs, appraised_inputs, explanation, note, reason, who, at, " STORE_ENTRY_OPT_COLS " FROM entry WHERE year = ?1 AND agency = ?2 AND item = ?3 ORDER BY agency, item",
	};

	*n = 0;
	*out = NULL;
	if ((rc = store_prepare(st, &stmt, cause, sql[(agency != NULL) |
	    (item != NULL) << 1], "iss", year, agency, item)) != STORE_OK)
		return rc;
	*out = xcalloc(cap, sizeof **out);
	while (rc2 == STORE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof *e);
		e->agency = store_col_text(stmt, 0, &oom);
		e->item = store_col_text(stmt, 1, &oom);
		store_read_mark(stmt, 2, &e->self, &oom);
		store_read_mark(stmt, 4, &e->appraised, &oom);
		if (rc2 == STORE_OK)
			rc2 = store_read_inputs(stmt, 6, e, &e->self_inputs,
			    &oom, cause);
		if (rc2 == STORE_OK)
			rc2 = store_read_inputs(stmt, 7, e,
			    &e->appraised_inputs, &oom, cause);
		e->explanation = store_col_text(stmt, 8, &oom);
		e->note = store_col_text(stmt, 9, &oom);
		e->reason = store_col_text(stmt, 10, &oom);
		e->who = store_col_text(stmt, 11, &oom);
		e->at = store_col_text(stmt, 12, &oom);
		e->analogy[SIDE_SELF] = store_col_text(stmt, 13, &oom);
		e->analogy[SIDE_APPRAISED] = store_col_text(stmt, 14, &oom);
		store_read_mark(stmt, 15, &e->first, &oom);
		if (rc2 == STORE_OK)
			rc2 = store_read_inputs(stmt, 17, e, &e->first_inputs,
			    &oom, cause);
		e->dispute = store_col_text(stmt, 18, &oom);
	}
	if (rc2 != STORE_OK) {
		store_release(st, stmt);
		rc = rc2;
	} else if ((rc = store_read_end(st, stmt, rc, oom, cause)) ==
	    STORE_OK)
		rc = store_entries_evidence(st, year, agency, item, *out, *n,
		    cause);
	if (rc != STORE_OK) {
		entry_records_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/*
 * The rows of one entry: its row, then its evidence one by one.  Its
 * texts are put in NFC here, once, so that the row's canonical text (the
 * audit's) is made from the very values written, without reading the
 * row back (a fifth of an import's time).  verify rebuilds that text from
 * the file and compares: a difference would not go unseen.
 */
enum { ER_SIN, ER_AIN, ER_EXPL, ER_NOTE, ER_REASON, ER_SAN, ER_AAN, ER_FIN,
    ER_DISP, ER_N };
struct store_entry_rows {
	int				 year;
	const struct entry_record	*e;
	char				*t[ER_N];	/* NFC texts */
	char				**ev;		/* [3 * nevidence] */
	char				 at[32];
};

/* s in NFC (a copy; s itself when ICU cannot read it, as binding does). */
static char *
store_nfc(const char *s)
{
	char	*n;

	if (s == NULL)
		return NULL;
	return (n = text_nfc(s)) != NULL ? n : xstrdup(s);
}

static void
store_line(struct strbuf *b, const char *name, const char *v)
{
	strbuf_puts(b, name);
	strbuf_add(b, "=", 1);
	strbuf_puts(b, v != NULL ? v : "\\N");
	strbuf_add(b, "\n", 1);
}

static void
store_line_points(struct strbuf *b, const char *name, const int64_t *p)
{
	char	buf[24];

	if (p != NULL)
		snprintf(buf, sizeof buf, "%lld", (long long)*p);
	store_line(b, name, p != NULL ? buf : NULL);
}

static void
store_opt_line(struct strbuf *b, const char *name, const char *v)
{
	if (v != NULL)
		store_line(b, name, v);
}

/* The canonical text of the entry as store_row_text would read it. */
static char *
store_entry_text(struct store *st, const struct store_entry_rows *r,
    const int64_t *self, const int64_t *appr, const int64_t *first)
{
	const struct entry_record	*e = r->e;
	struct strbuf			 b;
	size_t				 i;

	strbuf_init(&b);
	store_line(&b, "self_status", status_name(e->self.status));
	store_line_points(&b, "self_points", self);
	store_line(&b, "self_inputs", r->t[ER_SIN]);
	store_line(&b, "appraised_status", status_name(e->appraised.status));
	store_line_points(&b, "appraised_points", appr);
	store_line(&b, "appraised_inputs", r->t[ER_AIN]);
	store_line(&b, "explanation", r->t[ER_EXPL]);
	store_line(&b, "note", r->t[ER_NOTE]);
	store_line(&b, "reason", r->t[ER_REASON]);
	strbuf_puts(&b, "evidence=");
	for (i = 0; i < e->nevidence; i++) {
		store_evidence_line(&b, (int)i, (long long)i + 1,
		    r->ev[3 * i], r->ev[3 * i + 1], r->ev[3 * i + 2]);
	}
	if (e->nevidence == 0)
		strbuf_puts(&b, "\\N");
	strbuf_add(&b, "\n", 1);
	store_line(&b, "who", st->user);
	store_line(&b, "at", r->at);
	/* Schema step 6's columns, only when they hold something. */
	store_opt_line(&b, "self_analogy", r->t[ER_SAN]);
	store_opt_line(&b, "appraised_analogy", r->t[ER_AAN]);
	if (e->first.status != STATUS_EMPTY)
		store_line(&b, "first_status", status_name(e->first.status));
	if (first != NULL)
		store_line_points(&b, "first_points", first);
	store_opt_line(&b, "first_inputs", r->t[ER_FIN]);
	store_opt_line(&b, "dispute", r->t[ER_DISP]);
	return strbuf_steal(&b);
}

static int
store_entry_rows(struct store *st, void *arg, int fresh, char **text,
    char **cause)
{
	struct store_entry_rows		*r = arg;
	const struct entry_record	*e = r->e;
	const int64_t			*self, *appr, *first;
	sqlite3_stmt			*stmt;
	size_t				 i;
	int				 rc;

	self = e->self.status == STATUS_SCORED ? &e->self.points : NULL;
	appr = e->appraised.status == STATUS_SCORED ? &e->appraised.points :
	    NULL;
	first = e->first.status == STATUS_SCORED ? &e->first.points : NULL;
	/* REPLACE deletes the old row, and its evidence with it. */
	if ((rc = store_prepare(st, &stmt, cause, fresh ? "INSERT INTO "
	    "entry (year, agency, item, self_status, self_points, "
	    "appraised_status, appraised_points, self_inputs, "
	    "appraised_inputs, explanation, note, reason, who, at, "
	    STORE_ENTRY_OPT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?)" : "INSERT OR REPLACE "
	    "INTO entry (year, agency, item, self_status, self_points, "
	    "appraised_status, appraised_points, self_inputs, "
	    "appraised_inputs, explanation, note, reason, who, at, "
	    STORE_ENTRY_OPT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?)", "issspspsssssss" "ssspss",
	    r->year, e->agency, e->item, status_name(e->self.status), self,
	    status_name(e->appraised.status), appr, r->t[ER_SIN],
	    r->t[ER_AIN], r->t[ER_EXPL], r->t[ER_NOTE], r->t[ER_REASON],
	    st->user, r->at, r->t[ER_SAN], r->t[ER_AAN],
	    e->first.status != STATUS_EMPTY ? status_name(e->first.status) :
	    NULL, first, r->t[ER_FIN], r->t[ER_DISP])) != STORE_OK)
		return rc;
	if (fresh && (rc = sqlite3_step(stmt)) != SQLITE_DONE &&
	    sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_PRIMARYKEY) {
		/* The statement alone is undone; the transaction goes on. */
		(void)store_release(st, stmt);
		return STORE_ROW_THERE;
	} else if (fresh && rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("database"));
		store_release(st, stmt);
		return rc;
	} else if (fresh)
		rc = store_finalize(st, stmt, cause, N_("database"));
	else
		rc = store_step_done(st, stmt, cause, N_("database"));
	for (i = 0; rc == STORE_OK && i < e->nevidence; i++) {
		if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO "
		    "evidence (year, agency, item, pos, number, date, title) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?)", "ississs", r->year,
		    e->agency, e->item, (int)i + 1, r->ev[3 * i],
		    r->ev[3 * i + 1], r->ev[3 * i + 2])) == STORE_OK)
			rc = store_step_done(st, stmt, cause, N_("database"));
	}
	if (rc == STORE_OK)
		*text = store_entry_text(st, r, self, appr, first);
	return rc;
}

int
store_entry_put(struct store *st, int year, const struct entry_record *e,
    char **cause)
{
	struct store_entry_rows	 r;
	char			*key;
	int			 rc;

	r.year = year;
	r.e = e;
	char			*s;
	size_t			 i;

	store_now(r.at, sizeof r.at);
	s = entry_inputs_format(&e->self_inputs);
	r.t[ER_SIN] = store_nfc(s);
	free(s);
	s = entry_inputs_format(&e->appraised_inputs);
	r.t[ER_AIN] = store_nfc(s);
	free(s);
	r.t[ER_EXPL] = store_nfc(e->explanation);
	r.t[ER_NOTE] = store_nfc(e->note);
	r.t[ER_REASON] = store_nfc(e->reason);
	r.t[ER_SAN] = store_nfc(e->analogy[SIDE_SELF]);
	r.t[ER_AAN] = store_nfc(e->analogy[SIDE_APPRAISED]);
	if (e->first_inputs.n > 0) {
		s = entry_inputs_format(&e->first_inputs);
		r.t[ER_FIN] = store_nfc(s);
		free(s);
	} else
		r.t[ER_FIN] = NULL;
	r.t[ER_DISP] = store_nfc(e->dispute);
	r.ev = xcalloc(3 * e->nevidence + 1, sizeof *r.ev);
	for (i = 0; i < e->nevidence; i++) {
		r.ev[3 * i] = store_nfc(e->evidence[i].number);
		r.ev[3 * i + 1] = store_nfc(e->evidence[i].date);
		r.ev[3 * i + 2] = store_nfc(e->evidence[i].title);
	}
	key = xasprintf("entry/%d/%s/%s", year, e->agency, e->item);
	rc = store_write_run(st, year, key, store_entry_rows, &r, cause);
	free(key);
	for (i = 0; i < ER_N; i++)
		free(r.t[i]);
	for (i = 0; i < 3 * e->nevidence; i++)
		free(r.ev[i]);
	free(r.ev);
	return rc;
}
