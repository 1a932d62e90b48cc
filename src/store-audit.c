/* store-audit: the hash-chained audit log, the one write path, verify. */
#include "store.h"

#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "store-int.h"
#include "util.h"

static void
store_hex(const uint8_t *d, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[i * 2] = hex[d[i] >> 4];
		out[i * 2 + 1] = hex[d[i] & 15];
	}
	out[n * 2] = '\0';
}

/* SHA-256 of the previous hash and the row's fields, as hex. */
static void
store_audit_hash(const char *prev, long long id, const char *at,
    const char *who, const char *key, const char *old, const char *new,
    char out[65])
{
	struct sha256_ctx	 ctx;
	uint8_t			 d[SHA256_DIGEST_SIZE];
	const char		*parts[6] = { prev, at, who, key, old, new };
	char			 idbuf[32];
	size_t			 i;

	sha256_init(&ctx);
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	sha256_update(&ctx, strlen(idbuf) + 1, (const uint8_t *)idbuf);
	/* Each part with its NUL, so that no two rows hash alike. */
	for (i = 0; i < 6; i++)
		sha256_update(&ctx, strlen(parts[i]) + 1,
		    (const uint8_t *)parts[i]);
	sha256_digest(&ctx, sizeof d, d);
	store_hex(d, sizeof d, out);
}

/*
 * Append an audit row (inside the caller's transaction), chained to the
 * last one.  The last row must be read: a failed read is an error, never
 * a new chain from the genesis hash.
 */
static int
store_audit_append(struct store *st, const char *key, const char *old,
    const char *new, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 prev[65] = STORE_GENESIS, hash[65], at[32];
	const char	*last;
	long long	 id = 1;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT id, hash FROM audit "
	    "ORDER BY id DESC LIMIT 1", NULL)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0) + 1;
		/* hash is NOT NULL: no text means SQLite ran out of memory. */
		if ((last = (const char *)sqlite3_column_text(stmt, 1)) ==
		    NULL) {
			rc = store_fail(st, SQLITE_NOMEM, cause, "audit log: "
			    "reading the last row");
			store_release(st, stmt);
			return rc;
		}
		snprintf(prev, sizeof prev, "%s", last);
	} else if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, "audit log: reading the last "
		    "row");
		store_release(st, stmt);
		return rc;
	}
	if ((rc = store_finalize(st, stmt, cause, "audit log")) != STORE_OK)
		return rc;
	store_now(at, sizeof at);
	store_audit_hash(prev, id, at, st->user, key, old, new, hash);
	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO audit (id, at, "
	    "who, key, old, new, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "Isssssss", (int64_t)id, at, st->user, key, old, new, prev,
	    hash)) != STORE_OK)
		return rc;
	return store_step_done(st, stmt, cause, "audit log: appending a row");
}

/*
 * The canonical text of a row, used as the audit's old and new values and
 * by verify to compare the data with the log.  One query per kind of key;
 * every row becomes "column=value" lines (NULL written as \N).
 */
static const struct {
	const char	*prefix;
	const char	*sql;		/* bound with the key's parts */
	int		 nparts;
	int		 text_parts;	/* parts after the year that are text */
} store_kinds[] = {
	{ "year", "SELECT state, reason, agencies_name, agencies_text, "
	    "created FROM year WHERE year = ?1", 1, 0 },
	{ "form", "SELECT name, text FROM form WHERE year = ?1 AND "
	    "block = ?2", 2, 1 },
	{ "agency", "SELECT name, block, ord, state, reason FROM agency "
	    "WHERE year = ?1 AND code = ?2", 2, 1 },
	{ "entry", "SELECT self_status, self_points, self_inputs, "
	    "appraised_status, appraised_points, appraised_inputs, "
	    "explanation, note, reason, "
	    "(SELECT group_concat(pos || '|' || number || '|' || "
	    "ifnull(date, '') || '|' || ifnull(title, ''), char(10)) FROM "
	    "(SELECT * FROM evidence v WHERE v.year = e.year AND "
	    "v.agency = e.agency AND v.item = e.item ORDER BY pos)) AS "
	    "evidence, "
	    "who, at "
	    "FROM entry e WHERE year = ?1 AND agency = ?2 AND item = ?3",
	    3, 2 },
	{ "deduction", "SELECT agency, points, reason, evidence, who, at "
	    "FROM deduction WHERE year = ?1 AND id = ?2", 2, 0 },
	{ "province", "SELECT idx, rank, prev_rank FROM province WHERE "
	    "year = ?1 AND "
	    "area = ?2", 2, 0 },
	{ "setting", "SELECT value FROM setting WHERE year = ?1 AND "
	    "name = ?2", 2, 1 },
};

/* Split "kind/a/b/c" into kind index and parts (max 3). */
static int
store_key_split(char *buf, char **parts, int *nparts)
{
	char	*p, *s;
	size_t	 k;
	int	 n = 0;

	if ((p = strchr(buf, '/')) == NULL)
		return -1;
	*p++ = '\0';
	for (k = 0; k < UTIL_ARRAY_LEN(store_kinds); k++) {
		if (strcmp(store_kinds[k].prefix, buf) == 0)
			break;
	}
	if (k == UTIL_ARRAY_LEN(store_kinds))
		return -1;
	while (p != NULL && n < 3) {
		s = strchr(p, '/');
		if (s != NULL && n < store_kinds[k].nparts - 1)
			*s++ = '\0';
		else
			s = NULL;
		parts[n++] = p;
		p = s;
	}
	*nparts = n;
	return n == store_kinds[k].nparts ? (int)k : -1;
}

/* 1 when key has the form of a key cchc writes. */
static int
store_key_valid(const char *key)
{
	char	*buf = xstrdup(key), *parts[3];
	int	 n, k = store_key_split(buf, parts, &n);

	free(buf);
	return k >= 0;
}

/* Append the "column=value" lines of the row stmt is on. */
static int
store_row_lines(struct store *st, sqlite3_stmt *stmt, struct strbuf *b,
    char **cause)
{
	const char	*name, *v;
	int		 i, type;

	for (i = 0; i < sqlite3_column_count(stmt); i++) {
		type = sqlite3_column_type(stmt, i);
		v = (const char *)sqlite3_column_text(stmt, i);
		name = sqlite3_column_name(stmt, i);
		if (name == NULL || (v == NULL && type != SQLITE_NULL))
			return store_fail(st, SQLITE_NOMEM, cause, "database: "
			    "reading a row");
		strbuf_printf(b, "%s=%s\n", name, v != NULL ? v : "\\N");
	}
	return STORE_OK;
}

/* The canonical text of the row a key names; "" when there is none. */
static int
store_row_text(struct store *st, const char *key, char **out, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*buf = xstrdup(key), *parts[3];
	int		 k, n, i, rc;
	struct strbuf	 b;

	*out = NULL;
	if ((k = store_key_split(buf, parts, &n)) < 0) {
		*cause = xasprintf("bad audit key \"%s\"", key);
		free(buf);
		return STORE_ERR;
	}
	if ((rc = store_prepare(st, &stmt, cause, store_kinds[k].sql,
	    NULL)) != STORE_OK) {
		free(buf);
		return rc;
	}
	for (i = 0, rc = SQLITE_OK; rc == SQLITE_OK && i < n; i++) {
		if (i == 0 || i > store_kinds[k].text_parts)
			rc = sqlite3_bind_int64(stmt, i + 1, atoll(parts[i]));
		else
			rc = sqlite3_bind_text(stmt, i + 1, parts[i], -1,
			    SQLITE_TRANSIENT);
	}
	free(buf);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, rc, cause, "database: binding a value");
		store_release(st, stmt);
		return rc;
	}
	strbuf_init(&b);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		rc = store_row_lines(st, stmt, &b, cause);
	else if (rc == SQLITE_DONE)
		rc = STORE_OK;
	else
		rc = store_fail(st, rc, cause, "database");
	if (rc != STORE_OK) {
		store_release(st, stmt);
		strbuf_clear(&b);
		return rc;
	}
	if ((rc = store_finalize(st, stmt, cause, "database")) != STORE_OK) {
		strbuf_clear(&b);
		return rc;
	}
	*out = strbuf_steal(&b);
	return STORE_OK;
}

/* STORE_LOCKED when the year is published, NOTFOUND when absent. */
static int
store_year_writable(struct store *st, int year, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*state;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT state FROM year "
	    "WHERE year = ?", "i", year)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE) {
			rc = store_fail(st, rc, cause, "database");
			store_release(st, stmt);
			return rc;
		}
		store_release(st, stmt);
		*cause = xasprintf(TR("year %d does not exist (start it with cchc init %d)"), year, year);
		return STORE_NOTFOUND;
	}
	if ((state = (const char *)sqlite3_column_text(stmt, 0)) == NULL) {
		rc = store_fail(st, SQLITE_NOMEM, cause, "database");
		store_release(st, stmt);
		return rc;
	}
	rc = strcmp(state, "published") == 0 ? STORE_LOCKED : STORE_OK;
	store_release(st, stmt);
	if (rc == STORE_LOCKED)
		*cause = xasprintf(TR("year %d is published and locked; reopen it with: cchc state %d reopen --reason TEXT"), year, year);
	return rc;
}

static void
store_finalize_all(struct store *st, sqlite3_stmt **stmts, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_release(st, stmts[i]);
}

int
store_write1(struct store *st, int year, int flags, sqlite3_stmt *stmt,
    char **cause, const char *keyfmt, ...)
{
	va_list	 ap;
	char	*key;
	int	 rc;

	va_start(ap, keyfmt);
	key = xvasprintf(keyfmt, ap);
	va_end(ap);
	rc = store_write(st, year, flags, key, &stmt, 1, NULL, NULL, cause);
	free(key);
	return rc;
}

int
store_write(struct store *st, int year, int flags, const char *key,
    sqlite3_stmt **stmts, size_t n, long long *rowid, long long *changes,
    char **cause)
{
	char		*old = NULL, *new = NULL, *newkey = NULL;
	size_t		 i;
	int		 rc;

	if ((flags & STORE_W_YEAR) &&
	    (rc = store_year_writable(st, year, cause)) != STORE_OK) {
		store_finalize_all(st, stmts, n);
		return rc;
	}
	if (flags & STORE_W_ROWID)
		old = xstrdup("");
	else if ((rc = store_row_text(st, key, &old, cause)) != STORE_OK) {
		store_finalize_all(st, stmts, n);
		return rc;
	}
	for (i = 0; i < n; i++) {
		if ((rc = store_step_done(st, stmts[i], cause, "database")) !=
		    STORE_OK) {
			store_finalize_all(st, stmts + i + 1, n - i - 1);
			goto out;
		}
		if (i == 0 && changes != NULL)
			*changes = sqlite3_changes(st->db);
		if (i == 0 && (flags & STORE_W_ROWID)) {
			if (rowid != NULL)
				*rowid = sqlite3_last_insert_rowid(st->db);
			newkey = xasprintf("%s%lld", key,
			    (long long)sqlite3_last_insert_rowid(st->db));
			key = newkey;
		}
	}
	if ((rc = store_row_text(st, key, &new, cause)) == STORE_OK &&
	    strcmp(old, new) != 0)
		rc = store_audit_append(st, key, old, new, cause);
out:
	free(newkey);
	free(old);
	free(new);
	return rc;
}

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
			*cause = xasprintf("integrity check: %s: %.*s",
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
		rc = store_fail(st, rc, cause, "integrity check");
		store_release(st, stmt);
	} else
		rc = store_finalize(st, stmt, cause, "integrity check");
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
		*cause = xasprintf("integrity check: the file read differently twice; a disk I/O error?");
		rc = STORE_IOERR;
	}
	for (line = first; rc == STORE_OK && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		errlist_add(problems, st->path, 0, "integrity: %s", line);
	}
	free(first);
	free(second);
	return rc;
}

/* Verify, part 2: the hash chain, row by row. */
static int
store_verify_chain(struct store *st, struct errlist *problems,
    long long *rows, char tail[65], char **cause)
{
	sqlite3_stmt	*stmt;
	char		 prev[65] = STORE_GENESIS, hash[65];
	const char	*col[7];
	long long	 id;
	int		 rc, i;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT id, at, who, key, "
	    "old, new, prev, hash FROM audit ORDER BY id", NULL)) != STORE_OK)
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
		if (i < 7) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (strcmp(col[5], prev) != 0)
			errlist_add(problems, st->path, 0, "audit row %lld: does not follow row %lld (a row was removed or inserted)", id, id - 1);
		store_audit_hash(col[5], id, col[0], col[1], col[2], col[3],
		    col[4], hash);
		if (strcmp(hash, col[6]) != 0)
			errlist_add(problems, st->path, 0, "audit row %lld (%s): its hash does not match; the row was changed outside cchc", id, col[2]);
		snprintf(prev, sizeof prev, "%s", col[6]);
		*rows = id;
		snprintf(tail, 65, "%s", col[6]);
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, "audit log");
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, "audit log");
}

/* Verify, part 3, one key: the row equals what the log last set it to. */
static int
store_verify_key(struct store *st, sqlite3_stmt *last, const char *key,
    struct errlist *problems, char **cause)
{
	const char	*logged;
	char		*cur = NULL;
	int		 rc;

	if (!store_key_valid(key)) {
		errlist_add(problems, st->path, 0, "%s: bad audit key \"%s\"",
		    key, key);
		return STORE_OK;
	}
	if ((rc = store_row_text(st, key, &cur, cause)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_reset(last)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(last, 1, key, -1, SQLITE_TRANSIENT)) !=
	    SQLITE_OK) {
		free(cur);
		return store_fail(st, rc, cause, "audit log");
	}
	rc = sqlite3_step(last);
	if (rc == SQLITE_DONE)
		errlist_add(problems, st->path, 0, "%s: not in the audit log; it was added outside cchc", key);
	else if (rc != SQLITE_ROW) {
		free(cur);
		return store_fail(st, rc, cause, "audit log");
	} else if ((logged = (const char *)sqlite3_column_text(last, 1)) ==
	    NULL) {
		free(cur);
		return store_fail(st, SQLITE_NOMEM, cause, "audit log");
	} else if (strcmp(logged, cur) != 0)
		errlist_add(problems, st->path, 0, "%s: differs from audit row %lld; it was %s outside cchc", key,
		    (long long)sqlite3_column_int64(last, 0),
		    *cur == '\0' ? "deleted" : "changed");
	free(cur);
	return STORE_OK;
}

/* Verify, part 3: every row equals what the log last set it to. */
static int
store_verify_data(struct store *st, struct errlist *problems, char **cause)
{
	sqlite3_stmt	*stmt, *last;
	const char	*key;
	int		 rc, src;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT DISTINCT * FROM ("
	    "SELECT 'year/' || year FROM year"
	    " UNION SELECT 'form/' || year || '/' || block FROM form"
	    " UNION SELECT 'agency/' || year || '/' || code FROM agency"
	    " UNION SELECT 'entry/' || year || '/' || agency || '/' || item"
	    "   FROM entry"
	    " UNION SELECT 'deduction/' || year || '/' || id FROM deduction"
	    " UNION SELECT 'province/' || year || '/' || area FROM province"
	    " UNION SELECT 'setting/' || year || '/' || name FROM setting"
	    " UNION SELECT key FROM audit)", NULL)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &last, cause, "SELECT id, new FROM audit "
	    "WHERE key = ? ORDER BY id DESC LIMIT 1", NULL)) != STORE_OK) {
		store_release(st, stmt);
		return rc;
	}
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((key = (const char *)sqlite3_column_text(stmt, 0)) ==
		    NULL) {
			rc = store_fail(st, SQLITE_NOMEM, cause, "verify");
			goto out;
		}
		if ((rc = store_verify_key(st, last, key, problems, cause)) !=
		    STORE_OK)
			goto out;
	}
	rc = src == SQLITE_DONE ? STORE_OK : store_fail(st, src, cause,
	    "verify");
out:
	store_release(st, last);
	if (rc != STORE_OK) {
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, "verify");
}

int
store_verify(struct store *st, struct errlist *problems, long long *rows,
    char tail[65], char **cause)
{
	int	rc;

	*rows = 0;
	snprintf(tail, 65, "%s", STORE_GENESIS);
	if ((rc = store_verify_file(st, problems, cause)) != STORE_OK)
		return rc;
	if ((rc = store_verify_chain(st, problems, rows, tail, cause)) !=
	    STORE_OK)
		return rc;
	return store_verify_data(st, problems, cause);
}

int
store_audit_last(struct store *st, long long *id, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*id = 0;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT ifnull(max(id), 0) "
	    "FROM audit", NULL)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		rc = store_fail(st, rc, cause, "audit log");
		store_release(st, stmt);
		return rc;
	}
	*id = sqlite3_column_int64(stmt, 0);
	return store_finalize(st, stmt, cause, "audit log");
}
