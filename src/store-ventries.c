/*
 * store-ventries: verify's part 3 for the entries, one streaming pass
 * (store-verify.c runs it after the file, the chain and the other rows).
 */
#include "store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "store-int.h"
#include "util.h"

/*
 * Verify, part 3 for entries, in one streaming pass: three streams in
 * key order -- the entries with their text (D), the last audit row of
 * each entry key (A), the last import line of each (L) -- merged like
 * sorted lists.  No query per row: this was most of verify's time.
 */
struct store_vstream {
	sqlite3_stmt	*stmt;
	int		 rc;		/* of its last step */
	/* D's: its entry's key and text, rebuilt in place row by row
	 * (growing a fresh buffer for every row was a tenth of verify). */
	struct strbuf	 key, head, tail, ev;
	/* D reads agency by agency, in the order of their keys' prefixes
	 * "entry/YEAR/AGENCY/", each agency's entries and its evidence
	 * rows by item from the primary keys' indexes: no sort (sorting
	 * every entry with its columns into key order was a third of
	 * verify), no search per entry. */
	struct store_vagency	*ags;
	size_t		 nags, iag;
	sqlite3_stmt	*evs;		/* the agency's evidence rows */
	int		 evrc;
};

struct store_vagency {
	int	 year;
	char	*agency;
	char	*prefix;		/* "entry/YEAR/AGENCY/" */
};

static const char *
store_vkey(const struct store_vstream *s)
{
	return s->rc == SQLITE_ROW ?
	    (const char *)sqlite3_column_text(s->stmt, 0) : NULL;
}

static int
store_vagency_cmp(const void *a, const void *b)
{
	return strcmp(((const struct store_vagency *)a)->prefix,
	    ((const struct store_vagency *)b)->prefix);
}

/* D's agencies: every (year, agency) with entries, by key prefix.  A
 * code holds no '/' (the loader refuses one), so the prefixes' order is
 * that of their keys.  Rows put in behind cchc's back for a code with a
 * '/' can only add messages to the ones they cause themselves. */
static int
store_vd_agencies(struct store *st, struct store_vstream *d, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*ag;
	size_t		 cap = 64;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT DISTINCT year, "
	    "agency FROM entry", NULL)) != STORE_OK)
		return rc;
	d->ags = xcalloc(cap, sizeof *d->ags);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((ag = (const char *)sqlite3_column_text(stmt, 1)) ==
		    NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (d->nags == cap)
			d->ags = xreallocarray(d->ags, cap *= 2,
			    sizeof *d->ags);
		d->ags[d->nags].year = sqlite3_column_int(stmt, 0);
		d->ags[d->nags].agency = xstrdup(ag);
		d->ags[d->nags].prefix = xasprintf("entry/%d/%s/",
		    d->ags[d->nags].year, ag);
		d->nags++;
	}
	if ((rc = store_read_end(st, stmt, rc, 0, cause)) != STORE_OK)
		return rc;
	qsort(d->ags, d->nags, sizeof *d->ags, store_vagency_cmp);
	return STORE_OK;
}

/* D on its next agency's rows (d->rc SQLITE_DONE when there is none). */
static int
store_vd_next_agency(struct store *st, struct store_vstream *d, char **cause)
{
	const struct store_vagency	*g;
	int				 rc;

	for (;;) {
		if (d->stmt != NULL)
			store_release(st, d->stmt);
		if (d->evs != NULL)
			store_release(st, d->evs);
		d->stmt = d->evs = NULL;
		d->rc = SQLITE_DONE;
		if (d->iag >= d->nags)
			return STORE_OK;
		g = &d->ags[d->iag++];
		if ((rc = store_prepare(st, &d->stmt, cause, "SELECT item, "
		    "self_status, self_points, self_inputs, appraised_status, "
		    "appraised_points, appraised_inputs, explanation, note, "
		    "reason, NULL AS evidence, who, at, self_analogy, "
		    "appraised_analogy, first_status, first_points, "
		    "first_inputs, dispute FROM entry WHERE year = ? AND "
		    "agency = ? ORDER BY item", "is", g->year, g->agency)) !=
		    STORE_OK ||
		    (rc = store_prepare(st, &d->evs, cause, "SELECT item, pos, "
		    "number, date, title FROM evidence WHERE year = ? AND "
		    "agency = ? ORDER BY item, pos", "is", g->year,
		    g->agency)) != STORE_OK)
			return rc;
		d->evrc = sqlite3_step(d->evs);
		if ((d->rc = sqlite3_step(d->stmt)) != SQLITE_DONE)
			return STORE_OK;
	}
}

/* D's next entry: its key and text in *key, *text (NULL at the end),
 * d's own until the next call; sink->fn is told of it. */
static int
store_vnext_entry(struct store *st, struct store_vstream *d,
    struct store_vsink *sink, const char **key, const char **text,
    char **cause)
{
	const struct store_vagency	*g;
	struct store_ventry	 v;
	const char		*item, *ei;
	int			 rc, n = 0, c;

	*key = *text = NULL;
	if (d->rc == SQLITE_DONE && (rc = store_vd_next_agency(st, d,
	    cause)) != STORE_OK)
		return rc;
	if (d->rc != SQLITE_ROW)
		return d->rc == SQLITE_DONE ? STORE_OK :
		    store_fail(st, d->rc, cause, TR("verify"));
	g = &d->ags[d->iag - 1];
	if ((item = (const char *)sqlite3_column_text(d->stmt, 0)) == NULL)
		return store_fail(st, SQLITE_NOMEM, cause, TR("verify"));
	d->key.len = d->head.len = d->tail.len = d->ev.len = 0;
	strbuf_puts(&d->key, g->prefix);
	strbuf_puts(&d->key, item);
	/* Columns 1..10: self_status .. evidence (NULL here); 11, 12:
	 * who, at; 13..18: schema step 6's. */
	if ((rc = store_row_lines(st, d->stmt, 1, 10, NULL, &d->head,
	    cause)) != STORE_OK ||
	    (rc = store_row_lines(st, d->stmt, 11, 13 + STORE_ENTRY_NOPT,
	    NULL, &d->tail, cause)) != STORE_OK)
		return rc;
	strbuf_puts(&d->head, "evidence=");
	memset(&v, 0, sizeof v);
	if (sink->fn != NULL) {
		store_read_mark(d->stmt, 1, &v.self, &sink->oom);
		store_read_mark(d->stmt, 4, &v.appraised, &sink->oom);
	}
	/* Its evidence rows (those of an item without an entry, which the
	 * foreign key's cascade leaves none of, are passed over). */
	while (d->evrc == SQLITE_ROW &&
	    (ei = (const char *)sqlite3_column_text(d->evs, 0)) != NULL &&
	    (c = strcmp(ei, item)) <= 0) {
		if (c == 0)
			store_evidence_line(&d->ev, n++,
			    sqlite3_column_int64(d->evs, 1),
			    (const char *)sqlite3_column_text(d->evs, 2),
			    (const char *)sqlite3_column_text(d->evs, 3),
			    (const char *)sqlite3_column_text(d->evs, 4));
		d->evrc = sqlite3_step(d->evs);
	}
	if (d->evrc != SQLITE_ROW && d->evrc != SQLITE_DONE)
		return store_fail(st, d->evrc, cause, TR("verify"));
	if (n == 0)
		strbuf_puts(&d->head, "\\N");
	else
		strbuf_add(&d->head, d->ev.s, d->ev.len);
	strbuf_add(&d->head, "\n", 1);
	strbuf_add(&d->head, d->tail.s != NULL ? d->tail.s : "", d->tail.len);
	*key = d->key.s;
	*text = d->head.s;
	if (sink->fn != NULL) {
		v.year = g->year;
		v.agency = g->agency;
		v.item = item;
		v.nevidence = (size_t)n;
		if (sink->oom)
			rc = store_fail(st, SQLITE_NOMEM, cause, TR("verify"));
		else if (sink->fn(sink->arg, &v, cause) != 0)
			rc = STORE_ERR;
	}
	/* The item stays the statement's until this step: the sink has
	 * had it. */
	d->rc = sqlite3_step(d->stmt);
	if (rc != STORE_OK)
		*key = *text = NULL;
	return rc;
}

/*
 * L, the imports' logged lines, in one pass over the table in key order
 * that also makes each import's digest (once a pass of its own): for
 * each entry key, its last line (the highest import that logged it);
 * the lines of other keys only go into the digests.
 */
struct store_vlog {
	sqlite3_stmt		*stmt;
	int			 rc;
	struct sha256_ctx	*ctx;		/* [im->n] */
	long long		 bad;
	struct strbuf		 key, hash;
	long long		 batch;
	int			 have;
};

/* L's next entry key (NULL at the end); its batch and hash in l. */
static const char *
store_vl_next(struct store *st, struct store_vlog *l,
    const struct store_imports *im, struct errlist *problems)
{
	const char	*k, *h;
	long long	 b;

	l->have = 0;
	while (l->rc == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(l->stmt, 0);
		b = sqlite3_column_int64(l->stmt, 1);
		h = (const char *)sqlite3_column_text(l->stmt, 2);
		if (k == NULL || h == NULL) {
			l->rc = SQLITE_NOMEM;
			break;
		}
		if (strncmp(k, "entry/", 6) == 0) {
			if (l->have && strcmp(k, l->key.s) != 0)
				break;		/* the next key's: kept */
			if (!l->have) {
				l->key.len = 0;
				strbuf_puts(&l->key, k);
			}
			l->hash.len = 0;
			strbuf_puts(&l->hash, h);
			l->batch = b;
			l->have = 1;
		} else if (l->have)
			break;
		if (b <= 0 || b >= im->n || im->id[b] == 0) {
			if (l->bad++ == 0)
				errlist_add(problems, st->path, 0, TR("%s: logged by import %lld, which is not in the audit log; it was added outside cchc"), k, b);
		} else
			store_bulk_line(&l->ctx[b], k, h);
		l->rc = sqlite3_step(l->stmt);
	}
	return l->have ? l->key.s : NULL;
}

/* The imports' digests, once L has read every line. */
static void
store_vl_end(struct store *st, struct store_vlog *l,
    const struct store_imports *im, struct errlist *problems)
{
	uint8_t		d[SHA256_DIGEST_SIZE];
	char		got[65];
	long long	b;

	for (b = 1; b < im->n; b++) {
		if (im->id[b] == 0)
			continue;
		sha256_digest(&l->ctx[b], sizeof d, d);
		util_hex(d, sizeof d, got);
		if (strcmp(got, im->digest[b]) != 0)
			errlist_add(problems, st->path, 0, TR("audit row %lld: the rows logged by import %lld were changed, added or removed outside cchc"), im->id[b], b);
	}
}

int
store_verify_entries(struct store *st, const struct store_imports *im,
    struct store_vsink *sink, struct errlist *problems, char **cause)
{
	struct store_vstream	 d, a;
	struct store_vlog	 l;
	const char		*dkey = NULL, *dtext = NULL;
	const char		*akey, *lkey, *min;
	long long		 sid, lid, b;
	size_t			 i;
	int			 rc;

	memset(&d, 0, sizeof d);
	memset(&a, 0, sizeof a);
	memset(&l, 0, sizeof l);
	l.ctx = xcalloc(im->n > 0 ? (size_t)im->n : 1, sizeof *l.ctx);
	for (b = 0; b < im->n; b++)
		sha256_init(&l.ctx[b]);
	if ((rc = store_vd_agencies(st, &d, cause)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(st, &a.stmt, cause, "SELECT key, max(id), new "
	    "FROM audit WHERE key >= 'entry/' AND key < 'entry0' GROUP BY key "
	    "ORDER BY key", NULL)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(st, &l.stmt, cause, "SELECT key, batch, hash "
	    "FROM logged ORDER BY key, batch", NULL)) != STORE_OK)
		goto out;
	d.rc = SQLITE_DONE;		/* opens the first agency */
	a.rc = sqlite3_step(a.stmt);
	l.rc = sqlite3_step(l.stmt);
	lkey = store_vl_next(st, &l, im, problems);
	if ((rc = store_vnext_entry(st, &d, sink, &dkey, &dtext, cause)) !=
	    STORE_OK)
		goto out;
	for (;;) {
		akey = store_vkey(&a);
		min = dkey;
		if (akey != NULL && (min == NULL || strcmp(akey, min) < 0))
			min = akey;
		if (lkey != NULL && (min == NULL || strcmp(lkey, min) < 0))
			min = lkey;
		if (min == NULL)
			break;
		sid = lid = b = 0;
		if (akey != NULL && strcmp(akey, min) == 0)
			sid = sqlite3_column_int64(a.stmt, 1);
		if (lkey != NULL && strcmp(lkey, min) == 0) {
			b = l.batch;
			lid = b > 0 && b < im->n ? im->id[b] : 0;
		}
		store_verify_decide(st, min, dkey != NULL &&
		    strcmp(dkey, min) == 0 ? dtext : "", sid, sid != 0 ?
		    (const char *)sqlite3_column_text(a.stmt, 2) : "", b, lid,
		    lid != 0 ? l.hash.s : "", problems);
		/* Advance every stream that was on this key (min may point
		 * into one of them: the others first). */
		if (lkey != NULL && lkey != min && strcmp(lkey, min) == 0)
			lkey = store_vl_next(st, &l, im, problems);
		if (akey != NULL && akey != min && strcmp(akey, min) == 0)
			a.rc = sqlite3_step(a.stmt);
		if (dkey != NULL && dkey != min && strcmp(dkey, min) == 0) {
			if ((rc = store_vnext_entry(st, &d, sink, &dkey,
			    &dtext, cause)) != STORE_OK)
				goto out;
		}
		if (min == lkey)
			lkey = store_vl_next(st, &l, im, problems);
		else if (min == akey)
			a.rc = sqlite3_step(a.stmt);
		else {
			if ((rc = store_vnext_entry(st, &d, sink, &dkey,
			    &dtext, cause)) != STORE_OK)
				goto out;
		}
	}
	if (a.rc != SQLITE_DONE || l.rc != SQLITE_DONE)
		rc = store_fail(st, a.rc != SQLITE_DONE ? a.rc : l.rc, cause,
		    TR("verify"));
	else
		store_vl_end(st, &l, im, problems);
out:
	strbuf_clear(&d.key);
	strbuf_clear(&d.head);
	strbuf_clear(&d.tail);
	strbuf_clear(&d.ev);
	store_release(st, d.stmt);
	store_release(st, d.evs);
	for (i = 0; i < d.nags; i++) {
		free(d.ags[i].agency);
		free(d.ags[i].prefix);
	}
	free(d.ags);
	if (a.stmt != NULL)
		store_release(st, a.stmt);
	if (l.stmt != NULL)
		store_release(st, l.stmt);
	strbuf_clear(&l.key);
	strbuf_clear(&l.hash);
	free(l.ctx);
	return rc;
}
