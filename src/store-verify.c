/*
 * store-verify: verify, in streaming passes: the file (integrity_check),
 * the hash chain row by row, and every row against what the log last set
 * it to; the entries, and the imports' logged rows (store-bulk.c) with
 * their digests, in one pass of their own (store-ventries.c).
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
		rc = store_finalize(st, stmt, cause, N_("integrity check"));
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
	return store_finalize(st, stmt, cause, N_("audit log"));
}


/* The verdict on one key: cur (its text, "" when absent) against the
 * last audit row of it (sid, snew; 0 none) and the last import that
 * logged it (batch b, audit row lid, lhash; 0 none). */
void
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
		return STORE_OK;	/* its digest: store-ventries.c */
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
	return store_finalize(st, stmt, cause, N_("verify"));
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
	/* The imports' logged lines are read, and their digests checked,
	 * in the entries' pass. */
	if ((rc = store_verify_chain(st, problems, rows, tail, &im, cause)) ==
	    STORE_OK)
		rc = store_verify_data(st, &im, problems, cause);
	if (rc == STORE_OK)
		rc = store_verify_entries(st, &im, &sink, problems, cause);
	free(im.id);
	free(im.digest);
	return rc;
}

