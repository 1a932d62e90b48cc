/*
 * store-verify: verify, in streaming passes: the file (integrity_check),
 * the hash chain row by row, the imports' logged rows (store-bulk.c),
 * and every row against what the log last set it to.
 */
#include "store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "store-int.h"
#include "util.h"

/*
 * One run of integrity_check: its messages, one a line, in *out ("" when
 * the file is whole).  A page SQLite could not read is an I/O error.
 */
static int
store_integrity(struct store *st, char **out, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*m, *code;
	struct strbuf	 b;
	int		 rc;

	*out = NULL;
	if ((rc = store_prepare(st, &stmt, cause, "PRAGMA integrity_check",
	    NULL)) != STORE_OK)
		return rc;
	strbuf_init(&b);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((m = (const char *)sqlite3_column_text(stmt, 0)) == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (strncmp(m, "*** in database main ***\n", 25) == 0)
			m += 25;
		if ((code = strstr(m, "error code=")) != NULL &&
		    (atoi(code + 11) & 0xff) == SQLITE_IOERR) {
			/* The error first: m may run over several lines. */
			*cause = xasprintf(TR("integrity check: %s: %.*s"),
			    sqlite3_errstr(atoi(code + 11)),
			    (int)strcspn(m, "\n"), m);
			store_release(st, stmt);
			strbuf_clear(&b);
			return STORE_IOERR;
		}
		if (strcmp(m, "ok") != 0)
			strbuf_printf(&b, "%s\n", m);
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("integrity check"));
		store_release(st, stmt);
	} else
		rc = store_finalize(st, stmt, cause, TR("integrity check"));
	if (rc != STORE_OK) {
		strbuf_clear(&b);
		return rc;
	}
	*out = strbuf_steal(&b);
	return STORE_OK;
}

/*
 * Verify, part 1: the file itself.  Damage reads the same twice; a
 * check that finds something else the second time met a failing read.
 */
static int
store_verify_file(struct store *st, struct errlist *problems, char **cause)
{
	char	*first, *second = NULL, *line, *next;
	int	 rc;

	if ((rc = store_integrity(st, &first, cause)) != STORE_OK)
		return rc;
	if (*first != '\0' &&
	    (rc = store_integrity(st, &second, cause)) == STORE_OK &&
	    strcmp(first, second) != 0) {
		*cause = xasprintf(TR("integrity check: the file read differently twice; a disk I/O error?"));
		rc = STORE_IOERR;
	}
	for (line = first; rc == STORE_OK && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		errlist_add(problems, st->path, 0, TR("integrity: %s"), line);
	}
	free(first);
	free(second);
	return rc;
}

/* The imports' records found in the chain, by their number. */
struct store_imports {
	long long	  n;		/* numbers 1 .. n-1 have a slot */
	long long	 *id;		/* its audit row; 0: none */
	char		(*digest)[65];
};

static void
store_imports_add(struct store_imports *im, const char *key, long long id,
    const char *text, struct errlist *problems, const char *path)
{
	const char	*p = strrchr(key, '/'), *d;
	long long	 b = p != NULL ? atoll(p + 1) : 0;
	size_t		 len = strlen(text);

	if (b <= 0 || b > 100000000) {
		errlist_add(problems, path, 0, TR("audit row %lld: bad import key \"%s\""), id, key);
		return;
	}
	if (b >= im->n) {
		im->id = xreallocarray(im->id, b + 1, sizeof *im->id);
		im->digest = xreallocarray(im->digest, b + 1,
		    sizeof *im->digest);
		memset(im->id + im->n, 0, (b + 1 - im->n) * sizeof *im->id);
		im->n = b + 1;
	}
	/* The text ends "digest=HEX\n". */
	d = len >= 72 ? text + len - 72 : NULL;
	if (d == NULL || strncmp(d, "digest=", 7) != 0 || d[71] != '\n') {
		errlist_add(problems, path, 0, TR("audit row %lld: an import record without its digest"), id);
		return;
	}
	im->id[b] = id;
	memcpy(im->digest[b], d + 7, 64);
	im->digest[b][64] = '\0';
}

/* Verify, part 2: the hash chain, row by row. */
static int
store_verify_chain(struct store *st, struct errlist *problems,
    long long *rows, char tail[65], struct store_imports *im, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 prev[65] = STORE_GENESIS, hash[65];
	const char	*col[7], *os;
	long long	 id;
	int		 rc, i;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT id, at, who, key, "
	    "old, new, prev, hash, os FROM audit ORDER BY id", NULL)) !=
	    STORE_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		for (i = 0; i < 7; i++) {
			int	type = sqlite3_column_type(stmt, i + 1);

			col[i] = (const char *)sqlite3_column_text(stmt,
			    i + 1);
			if (col[i] == NULL && type != SQLITE_NULL)
				break;
			if (col[i] == NULL)
				col[i] = "";
		}
		os = (const char *)sqlite3_column_text(stmt, 8);
		if (i < 7 || (os == NULL &&
		    sqlite3_column_type(stmt, 8) != SQLITE_NULL)) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (strcmp(col[5], prev) != 0)
			errlist_add(problems, st->path, 0, TR("audit row %lld: does not follow row %lld (a row was removed or inserted)"), id, id - 1);
		store_audit_hash(col[5], id, col[0], col[1], os, col[2],
		    col[3], col[4], hash);
		if (strcmp(hash, col[6]) != 0)
			errlist_add(problems, st->path, 0, TR("audit row %lld (%s): its hash does not match; the row was changed outside cchc"), id, col[2]);
		if (strncmp(col[2], "import/", 7) == 0)
			store_imports_add(im, col[2], id, col[4], problems,
			    st->path);
		snprintf(prev, sizeof prev, "%s", col[6]);
		*rows = id;
		snprintf(tail, 65, "%s", col[6]);
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("audit log"));
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, TR("audit log"));
}

/*
 * Verify, part 2b: each import's logged lines give the digest its record
 * holds (one pass over the table, in key order), and no line belongs to
 * an import the chain does not have.
 */
static int
store_verify_logged(struct store *st, const struct store_imports *im,
    struct errlist *problems, char **cause)
{
	struct sha256_ctx	*ctx;
	sqlite3_stmt		*stmt;
	uint8_t			 d[SHA256_DIGEST_SIZE];
	char			 got[65];
	const char		*k, *h;
	long long		 b, bad = 0;
	int			 rc;

	ctx = xcalloc(im->n > 0 ? (size_t)im->n : 1, sizeof *ctx);
	for (b = 0; b < im->n; b++)
		sha256_init(&ctx[b]);
	if ((rc = store_prepare(st, &stmt, cause, "SELECT key, batch, hash "
	    "FROM logged ORDER BY key, batch", NULL)) != STORE_OK) {
		free(ctx);
		return rc;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(stmt, 0);
		b = sqlite3_column_int64(stmt, 1);
		h = (const char *)sqlite3_column_text(stmt, 2);
		if (k == NULL || h == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (b <= 0 || b >= im->n || im->id[b] == 0) {
			if (bad++ == 0)
				errlist_add(problems, st->path, 0, TR("%s: logged by import %lld, which is not in the audit log; it was added outside cchc"), k, b);
			continue;
		}
		store_bulk_line(&ctx[b], k, h);
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("audit log"));
		store_release(st, stmt);
		free(ctx);
		return rc;
	}
	for (b = 1; b < im->n; b++) {
		if (im->id[b] == 0)
			continue;
		sha256_digest(&ctx[b], sizeof d, d);
		util_hex(d, sizeof d, got);
		if (strcmp(got, im->digest[b]) != 0)
			errlist_add(problems, st->path, 0, TR("audit row %lld: the rows logged by import %lld were changed, added or removed outside cchc"), im->id[b], b);
	}
	free(ctx);
	return store_finalize(st, stmt, cause, TR("audit log"));
}

/* The verdict on one key: cur (its text, "" when absent) against the
 * last audit row of it (sid, snew; 0 none) and the last import that
 * logged it (batch b, audit row lid, lhash; 0 none). */
static void
store_verify_decide(struct store *st, const char *key, const char *cur,
    long long sid, const char *snew, long long b, long long lid,
    const char *lhash, struct errlist *problems)
{
	char	hash[65];

	if (lid > sid) {
		store_sha256_hex(cur, strlen(cur), hash);
		if (strcmp(hash, lhash) != 0)
			errlist_add(problems, st->path, 0, TR("%s: differs from what import %lld logged (audit row %lld); it was %s outside cchc"), key, b, lid, *cur == '\0' ? TR("deleted") : TR("changed"));
	} else if (sid == 0)
		errlist_add(problems, st->path, 0, TR("%s: not in the audit log; it was added outside cchc"), key);
	else if (strcmp(snew, cur) != 0)
		errlist_add(problems, st->path, 0, TR("%s: differs from audit row %lld; it was %s outside cchc"), key, sid, *cur == '\0' ? TR("deleted") : TR("changed"));
}

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
};

static const char *
store_vkey(const struct store_vstream *s)
{
	return s->rc == SQLITE_ROW ?
	    (const char *)sqlite3_column_text(s->stmt, 0) : NULL;
}

/* The first column of an evidence row in D. */
#define EV	(13 + STORE_ENTRY_NOPT)

/* What an entry's reader is told (store_verify's fn). */
struct store_vsink {
	int	(*fn)(void *, const struct store_ventry *, char **);
	void	 *arg;
	int	 oom;
};

/* D's next entry: its key and text in *key, *text (NULL at the end),
 * d's own until the next call; sink->fn is told of it. */
static int
store_vnext_entry(struct store *st, struct store_vstream *d,
    struct store_vsink *sink, const char **key, const char **text,
    char **cause)
{
	struct store_ventry	 v;
	const char		*k;
	char			*end;
	int			 rc, n = 0;

	*key = *text = NULL;
	if (d->rc != SQLITE_ROW)
		return d->rc == SQLITE_DONE ? STORE_OK :
		    store_fail(st, d->rc, cause, TR("verify"));
	if ((k = store_vkey(d)) == NULL)
		return store_fail(st, SQLITE_NOMEM, cause, TR("verify"));
	d->key.len = d->head.len = d->tail.len = d->ev.len = 0;
	strbuf_puts(&d->key, k);
	/* Columns 1..10: self_status .. evidence (NULL here); 11, 12:
	 * who, at; 13..18: schema step 6's; 19..22: an evidence row, or
	 * NULLs. */
	if ((rc = store_row_lines(st, d->stmt, 1, 10, NULL, &d->head,
	    cause)) != STORE_OK ||
	    (rc = store_row_lines(st, d->stmt, 11, 13 + STORE_ENTRY_NOPT,
	    NULL, &d->tail, cause)) != STORE_OK)
		return rc;
	strbuf_puts(&d->head, "evidence=");
	/* The marks, before the evidence rows move the statement on. */
	memset(&v, 0, sizeof v);
	if (sink->fn != NULL) {
		store_read_mark(d->stmt, 1, &v.self, &sink->oom);
		store_read_mark(d->stmt, 4, &v.appraised, &sink->oom);
	}
	do {
		if (sqlite3_column_type(d->stmt, EV) != SQLITE_NULL)
			store_evidence_line(&d->ev, n++,
			    sqlite3_column_int64(d->stmt, EV),
			    (const char *)sqlite3_column_text(d->stmt, EV + 1),
			    (const char *)sqlite3_column_text(d->stmt, EV + 2),
			    (const char *)sqlite3_column_text(d->stmt, EV + 3));
		d->rc = sqlite3_step(d->stmt);
	} while (d->rc == SQLITE_ROW && (k = store_vkey(d)) != NULL &&
	    strcmp(k, d->key.s) == 0);
	if (n == 0)
		strbuf_puts(&d->head, "\\N");
	else
		strbuf_add(&d->head, d->ev.s, d->ev.len);
	strbuf_add(&d->head, "\n", 1);
	strbuf_add(&d->head, d->tail.s != NULL ? d->tail.s : "", d->tail.len);
	*key = d->key.s;
	*text = d->head.s;
	/* The key is entry/YEAR/AGENCY/ITEM, and a code holds no '/'. */
	if (sink->fn != NULL && (v.year = (int)strtol(*key + 6, &end, 10),
	    *end == '/') && (k = strchr(end + 1, '/')) != NULL) {
		d->ev.len = 0;		/* the evidence lines are in head */
		strbuf_add(&d->ev, end + 1, (size_t)(k - end - 1));
		v.agency = d->ev.s;
		v.item = k + 1;
		v.nevidence = (size_t)n;
		if (sink->oom)
			rc = store_fail(st, SQLITE_NOMEM, cause, TR("verify"));
		else if (sink->fn(sink->arg, &v, cause) != 0)
			rc = STORE_ERR;
	}
	if (rc != STORE_OK)
		*key = *text = NULL;
	return rc;
}

static int
store_verify_entries(struct store *st, const struct store_imports *im,
    struct store_vsink *sink, struct errlist *problems, char **cause)
{
	struct store_vstream	 d, a, l;
	const char		*dkey = NULL, *dtext = NULL;
	const char		*akey, *lkey, *min;
	long long		 sid, lid, b;
	int			 rc;

	memset(&d, 0, sizeof d);
	memset(&a, 0, sizeof a);
	memset(&l, 0, sizeof l);
	if ((rc = store_prepare(st, &d.stmt, cause, "SELECT 'entry/' || "
	    "e.year || '/' || e.agency || '/' || e.item AS k, "
	    "e.self_status AS self_status, e.self_points AS self_points, "
	    "e.self_inputs AS self_inputs, "
	    "e.appraised_status AS appraised_status, "
	    "e.appraised_points AS appraised_points, "
	    "e.appraised_inputs AS appraised_inputs, "
	    "e.explanation AS explanation, e.note AS note, "
	    "e.reason AS reason, NULL AS evidence, e.who AS who, e.at AS at, "
	    "e.self_analogy AS self_analogy, "
	    "e.appraised_analogy AS appraised_analogy, "
	    "e.first_status AS first_status, e.first_points AS first_points, "
	    "e.first_inputs AS first_inputs, e.dispute AS dispute, "
	    "v.pos, v.number, v.date, v.title "
	    "FROM entry e LEFT JOIN evidence v ON v.year = e.year AND "
	    "v.agency = e.agency AND v.item = e.item ORDER BY k, v.pos",
	    NULL)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &a.stmt, cause, "SELECT key, max(id), new "
	    "FROM audit WHERE key >= 'entry/' AND key < 'entry0' GROUP BY key "
	    "ORDER BY key", NULL)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(st, &l.stmt, cause, "SELECT key, max(batch), "
	    "hash FROM logged WHERE key >= 'entry/' AND key < 'entry0' "
	    "GROUP BY key ORDER BY key", NULL)) != STORE_OK)
		goto out;
	d.rc = sqlite3_step(d.stmt);
	a.rc = sqlite3_step(a.stmt);
	l.rc = sqlite3_step(l.stmt);
	if ((rc = store_vnext_entry(st, &d, sink, &dkey, &dtext, cause)) !=
	    STORE_OK)
		goto out;
	for (;;) {
		akey = store_vkey(&a);
		lkey = store_vkey(&l);
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
			b = sqlite3_column_int64(l.stmt, 1);
			lid = b > 0 && b < im->n ? im->id[b] : 0;
		}
		store_verify_decide(st, min, dkey != NULL &&
		    strcmp(dkey, min) == 0 ? dtext : "", sid, sid != 0 ?
		    (const char *)sqlite3_column_text(a.stmt, 2) : "", b, lid,
		    lid != 0 ? (const char *)sqlite3_column_text(l.stmt, 2) :
		    "", problems);
		/* Advance every stream that was on this key (min may point
		 * into one of them: the others first). */
		if (lkey != NULL && lkey != min && strcmp(lkey, min) == 0)
			l.rc = sqlite3_step(l.stmt);
		if (akey != NULL && akey != min && strcmp(akey, min) == 0)
			a.rc = sqlite3_step(a.stmt);
		if (dkey != NULL && dkey != min && strcmp(dkey, min) == 0) {
			if ((rc = store_vnext_entry(st, &d, sink, &dkey,
			    &dtext, cause)) != STORE_OK)
				goto out;
		}
		if (min == lkey)
			l.rc = sqlite3_step(l.stmt);
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
out:
	strbuf_clear(&d.key);
	strbuf_clear(&d.head);
	strbuf_clear(&d.tail);
	strbuf_clear(&d.ev);
	store_release(st, d.stmt);
	if (a.stmt != NULL)
		store_release(st, a.stmt);
	if (l.stmt != NULL)
		store_release(st, l.stmt);
	return rc;
}

/* Verify, part 3, one key: the row equals what the log last set it to. */
static int
store_verify_key(struct store *st, sqlite3_stmt *last, sqlite3_stmt *lastlog,
    const struct store_imports *im, const char *key,
    struct errlist *problems, char **cause)
{
	const char	*logged = NULL, *lhash = NULL;
	char		*cur = NULL;
	long long	 sid = 0, lid = 0, b = 0;
	int		 rc;

	if (strncmp(key, "import/", 7) == 0)
		return STORE_OK;		/* checked by part 2b */
	if (!store_key_valid(key)) {
		errlist_add(problems, st->path, 0, TR("%s: bad audit key \"%s\""),
		    key, key);
		return STORE_OK;
	}
	if ((rc = store_row_text(st, key, &cur, cause)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_reset(last)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(last, 1, key, -1, SQLITE_TRANSIENT)) !=
	    SQLITE_OK ||
	    (rc = sqlite3_reset(lastlog)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(lastlog, 1, key, -1, SQLITE_TRANSIENT)) !=
	    SQLITE_OK)
		goto fail;
	if ((rc = sqlite3_step(last)) == SQLITE_ROW) {
		sid = sqlite3_column_int64(last, 0);
		if ((logged = (const char *)sqlite3_column_text(last, 1)) ==
		    NULL) {
			rc = SQLITE_NOMEM;
			goto fail;
		}
	} else if (rc != SQLITE_DONE)
		goto fail;
	if ((rc = sqlite3_step(lastlog)) == SQLITE_ROW) {
		b = sqlite3_column_int64(lastlog, 0);
		if ((lhash = (const char *)sqlite3_column_text(lastlog, 1)) ==
		    NULL) {
			rc = SQLITE_NOMEM;
			goto fail;
		}
		lid = b > 0 && b < im->n ? im->id[b] : 0;
	} else if (rc != SQLITE_DONE)
		goto fail;
	store_verify_decide(st, key, cur, sid, logged, b, lid, lhash,
	    problems);
	free(cur);
	return STORE_OK;
fail:
	free(cur);
	return store_fail(st, rc, cause, TR("audit log"));
}

/* Verify, part 3: every row equals what the log last set it to. */
static int
store_verify_data(struct store *st, const struct store_imports *im,
    struct errlist *problems, char **cause)
{
	sqlite3_stmt	*stmt, *last, *lastlog;
	const char	*key;
	int		 rc, src;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT DISTINCT * FROM ("
	    "SELECT 'year/' || year FROM year"
	    " UNION SELECT 'form/' || year || '/' || block FROM form"
	    " UNION SELECT 'agency/' || year || '/' || code FROM agency"
	    " UNION SELECT 'deduction/' || year || '/' || id FROM deduction"
	    " UNION SELECT 'province/' || year || '/' || area FROM province"
	    " UNION SELECT 'setting/' || year || '/' || name FROM setting"
	    " UNION SELECT 'scope/' || year || '/' || block || '/' || parent"
	    "   FROM scope"
	    /* Entries: store_verify_entries. */
	    " UNION SELECT key FROM audit WHERE key < 'entry/' OR "
	    "   key >= 'entry0'"
	    " UNION SELECT key FROM logged WHERE key < 'entry/' OR "
	    "   key >= 'entry0')", NULL)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &last, cause, "SELECT id, new FROM audit "
	    "WHERE key = ? ORDER BY id DESC LIMIT 1", NULL)) != STORE_OK) {
		store_release(st, stmt);
		return rc;
	}
	if ((rc = store_prepare(st, &lastlog, cause, "SELECT batch, hash FROM "
	    "logged WHERE key = ? ORDER BY batch DESC LIMIT 1", NULL)) !=
	    STORE_OK) {
		store_release(st, last);
		store_release(st, stmt);
		return rc;
	}
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((key = (const char *)sqlite3_column_text(stmt, 0)) ==
		    NULL) {
			rc = store_fail(st, SQLITE_NOMEM, cause, TR("verify"));
			goto out;
		}
		if ((rc = store_verify_key(st, last, lastlog, im, key,
		    problems, cause)) != STORE_OK)
			goto out;
	}
	rc = src == SQLITE_DONE ? STORE_OK : store_fail(st, src, cause,
	    TR("verify"));
out:
	store_release(st, lastlog);
	store_release(st, last);
	if (rc != STORE_OK) {
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, TR("verify"));
}

int
store_verify(struct store *st, struct errlist *problems, long long *rows,
    char tail[65], int (*fn)(void *, const struct store_ventry *, char **),
    void *arg, char **cause)
{
	struct store_imports	im;
	struct store_vsink	sink = { fn, arg, 0 };
	int			rc;

	*rows = 0;
	snprintf(tail, 65, "%s", STORE_GENESIS);
	if ((rc = store_verify_file(st, problems, cause)) != STORE_OK)
		return rc;
	memset(&im, 0, sizeof im);
	if ((rc = store_verify_chain(st, problems, rows, tail, &im, cause)) ==
	    STORE_OK &&
	    (rc = store_verify_logged(st, &im, problems, cause)) == STORE_OK)
		rc = store_verify_data(st, &im, problems, cause);
	if (rc == STORE_OK)
		rc = store_verify_entries(st, &im, &sink, problems, cause);
	free(im.id);
	free(im.digest);
	return rc;
}

