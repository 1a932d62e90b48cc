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

/* SHA-256 of the previous hash and the row's fields, as hex. */
void
store_audit_hash(const char *prev, long long id, const char *at,
    const char *who, const char *os, const char *key, const char *old,
    const char *new, char out[65])
{
	struct sha256_ctx	 ctx;
	uint8_t			 d[SHA256_DIGEST_SIZE];
	const char		*parts[7] = { prev, at, who, key, old, new, os };
	char			 idbuf[32];
	size_t			 i;

	sha256_init(&ctx);
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	sha256_update(&ctx, strlen(idbuf) + 1, (const uint8_t *)idbuf);
	/* Each part with its NUL, so that no two rows hash alike; the
	 * system user (schema 5) last, and only when there is one, so that
	 * older rows keep their hashes. */
	for (i = 0; i < (os != NULL ? 7 : 6); i++)
		sha256_update(&ctx, strlen(parts[i]) + 1,
		    (const uint8_t *)parts[i]);
	sha256_digest(&ctx, sizeof d, d);
	util_hex(d, sizeof d, out);
}

/*
 * Append an audit row (inside the caller's transaction), chained to the
 * last one.  The last row must be read: a failed read is an error, never
 * a new chain from the genesis hash.
 */
int
store_audit_append(struct store *st, const char *key, const char *old,
    const char *new, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 prev[65] = STORE_GENESIS, hash[65], at[32];
	const char	*last;
	long long	 id = 1;
	int		 rc;

	if (st->head_txn == st->txn && st->head_id > 0 &&
	    !sqlite3_get_autocommit(st->db)) {
		id = st->head_id + 1;
		memcpy(prev, st->head_hash, sizeof prev);
		goto known;
	}
	if ((rc = store_prepare(st, &stmt, cause, "SELECT id, hash FROM audit "
	    "ORDER BY id DESC LIMIT 1", NULL)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0) + 1;
		/* hash is NOT NULL: no text means SQLite ran out of memory. */
		if ((last = (const char *)sqlite3_column_text(stmt, 1)) ==
		    NULL) {
			rc = store_fail(st, SQLITE_NOMEM, cause, TR("audit log: reading the last row"));
			store_release(st, stmt);
			return rc;
		}
		snprintf(prev, sizeof prev, "%s", last);
	} else if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("audit log: reading the last row"));
		store_release(st, stmt);
		return rc;
	}
	if ((rc = store_finalize(st, stmt, cause, N_("audit log"))) != STORE_OK)
		return rc;
known:
	store_now(at, sizeof at);
	store_audit_hash(prev, id, at, st->user, st->os_user, key, old, new,
	    hash);
	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO audit (id, at, "
	    "who, os, key, old, new, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)", "Issssssss", (int64_t)id, at, st->user, st->os_user, key,
	    old, new, prev, hash)) != STORE_OK)
		return rc;
	if ((rc = store_step_done(st, stmt, cause, N_("audit log: appending a row"))) != STORE_OK)
		return rc;
	st->head_txn = st->txn;
	st->head_id = id;
	memcpy(st->head_hash, hash, sizeof st->head_hash);
	return STORE_OK;
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
	    /* Filled by store_evidence_text: a correlated group_concat
	     * here was a quarter of an import's time. */
	    "NULL AS evidence, "
	    "who, at, " STORE_ENTRY_OPT_COLS " "
	    "FROM entry e WHERE year = ?1 AND agency = ?2 AND item = ?3",
	    3, 2 },
	{ "deduction", "SELECT agency, points, reason, evidence, who, at "
	    "FROM deduction WHERE year = ?1 AND id = ?2", 2, 0 },
	{ "province", "SELECT idx, rank, prev_rank FROM province WHERE "
	    "year = ?1 AND "
	    "area = ?2", 2, 0 },
	{ "setting", "SELECT value FROM setting WHERE year = ?1 AND "
	    "name = ?2", 2, 1 },
	{ "scope", "SELECT state, reason FROM scope WHERE year = ?1 AND "
	    "block = ?2 AND parent = ?3", 3, 2 },
	/* An import's record (store-bulk.c): no row of its own. */
	{ "import", NULL, 2, 0 },
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
int
store_key_valid(const char *key)
{
	char	*buf = xstrdup(key), *parts[3];
	int	 n, k = store_key_split(buf, parts, &n);

	free(buf);
	return k >= 0;
}

/* The end of a read into text: the statement given back, *out the text
 * (STORE_OK) or nothing (the error, rc or the statement's). */
static int
store_text_end(struct store *st, sqlite3_stmt *stmt, int rc, struct strbuf *b,
    char **out, char **cause)
{
	if (rc != STORE_OK) {
		store_release(st, stmt);
		strbuf_clear(b);
		return rc;
	}
	if ((rc = store_finalize(st, stmt, cause, N_("database"))) != STORE_OK) {
		strbuf_clear(b);
		return rc;
	}
	*out = strbuf_steal(b);
	return STORE_OK;
}

void
store_evidence_line(struct strbuf *b, int n, long long pos,
    const char *number, const char *date, const char *title)
{
	char	buf[24];

	if (n > 0)
		strbuf_add(b, "\n", 1);
	snprintf(buf, sizeof buf, "%lld|", pos);
	strbuf_puts(b, buf);
	strbuf_puts(b, number != NULL ? number : "");
	strbuf_add(b, "|", 1);
	strbuf_puts(b, date != NULL ? date : "");
	strbuf_add(b, "|", 1);
	strbuf_puts(b, title != NULL ? title : "");
}

/*
 * An entry's evidence as its canonical text: "pos|number|date|title"
 * lines in order (an absent date or title empty), or NULL when it has
 * none -- what group_concat over the rows would give.
 */
static int
store_evidence_text(struct store *st, char **parts, char **out,
    char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*col[3];
	struct strbuf	 b;
	int		 rc, i, n = 0;

	*out = NULL;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT pos, number, date, "
	    "title FROM evidence WHERE year = ? AND agency = ? AND item = ? "
	    "ORDER BY pos", "Iss", (int64_t)atoll(parts[0]), parts[1],
	    parts[2])) != STORE_OK)
		return rc;
	strbuf_init(&b);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < 3; i++) {
			col[i] = (const char *)sqlite3_column_text(stmt,
			    i + 1);
			if (col[i] == NULL && sqlite3_column_type(stmt,
			    i + 1) != SQLITE_NULL)
				rc = SQLITE_NOMEM;
		}
		if (rc == SQLITE_NOMEM || col[0] == NULL)
			break;
		store_evidence_line(&b, n++, sqlite3_column_int64(stmt, 0),
		    col[0], col[1], col[2]);
	}
	rc = rc == SQLITE_DONE ? STORE_OK : store_fail(st, rc == SQLITE_ROW ?
	    SQLITE_NOMEM : rc, cause, TR("database"));
	if ((rc = store_text_end(st, stmt, rc, &b, out, cause)) == STORE_OK &&
	    n == 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int
store_col_optional(const char *name)
{
	static const char *const opt[] = { "self_analogy",
	    "appraised_analogy", "first_status", "first_points",
	    "first_inputs", "dispute" };
	size_t	i;

	for (i = 0; i < UTIL_ARRAY_LEN(opt); i++) {
		if (strcmp(name, opt[i]) == 0)
			return 1;
	}
	return 0;
}

int
store_row_lines(struct store *st, sqlite3_stmt *stmt, int from, int to,
    const char *ev, struct strbuf *b, char **cause)
{
	const char	*name, *v;
	int		 i, type;

	for (i = from; i < to; i++) {
		type = sqlite3_column_type(stmt, i);
		v = (const char *)sqlite3_column_text(stmt, i);
		name = sqlite3_column_name(stmt, i);
		if (name != NULL && strcmp(name, "evidence") == 0) {
			v = ev;
			type = ev != NULL ? SQLITE_TEXT : SQLITE_NULL;
		}
		if (name == NULL || (v == NULL && type != SQLITE_NULL))
			return store_fail(st, SQLITE_NOMEM, cause, TR("database: reading a row"));
		if (type == SQLITE_NULL && store_col_optional(name))
			continue;
		/* puts, not printf: this runs twice for every row written. */
		strbuf_puts(b, name);
		strbuf_add(b, "=", 1);
		strbuf_puts(b, v != NULL ? v : "\\N");
		strbuf_add(b, "\n", 1);
	}
	return STORE_OK;
}

/* The canonical text of the row a key names; "" when there is none. */
int
store_row_text(struct store *st, const char *key, char **out, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*buf = xstrdup(key), *parts[3], *ev = NULL;
	int		 k, n, i, rc;
	struct strbuf	 b;

	*out = NULL;
	if ((k = store_key_split(buf, parts, &n)) < 0) {
		*cause = xasprintf(TR("bad audit key \"%s\""), key);
		free(buf);
		return STORE_ERR;
	}
	if (store_kinds[k].sql == NULL) {
		free(buf);
		*out = xstrdup("");
		return STORE_OK;
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
	if (rc != SQLITE_OK) {
		rc = store_fail(st, rc, cause, TR("database: binding a value"));
		store_release(st, stmt);
		free(buf);
		return rc;
	}
	strbuf_init(&b);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && strcmp(store_kinds[k].prefix, "entry") == 0 &&
	    (rc = store_evidence_text(st, parts, &ev, cause)) != STORE_OK) {
		free(buf);
		store_release(st, stmt);
		strbuf_clear(&b);
		return rc;
	} else if (rc == SQLITE_ROW || rc == STORE_OK)
		rc = store_row_lines(st, stmt, 0, sqlite3_column_count(stmt),
		    ev, &b, cause);
	else if (rc == SQLITE_DONE)
		rc = STORE_OK;
	else
		rc = store_fail(st, rc, cause, TR("database"));
	free(buf);
	free(ev);
	return store_text_end(st, stmt, rc, &b, out, cause);
}

/* STORE_LOCKED when the year is published, NOTFOUND when absent. */
static int
store_year_writable(struct store *st, int year, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*state;
	int		 rc;

	if (st->writable_txn == st->txn && st->writable_year == year &&
	    !sqlite3_get_autocommit(st->db))
		return STORE_OK;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT state FROM year "
	    "WHERE year = ?", "i", year)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE) {
			rc = store_fail(st, rc, cause, TR("database"));
			store_release(st, stmt);
			return rc;
		}
		store_release(st, stmt);
		*cause = xasprintf(TR("year %d does not exist (start it with cchc init %d)"), year, year);
		return STORE_NOTFOUND;
	}
	if ((state = (const char *)sqlite3_column_text(stmt, 0)) == NULL) {
		rc = store_fail(st, SQLITE_NOMEM, cause, TR("database"));
		store_release(st, stmt);
		return rc;
	}
	rc = strcmp(state, "published") == 0 ? STORE_LOCKED : STORE_OK;
	store_release(st, stmt);
	if (rc == STORE_OK) {
		st->writable_txn = st->txn;
		st->writable_year = year;
	}
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
		if ((rc = store_step_done(st, stmts[i], cause, N_("database"))) !=
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
	/* A year's or an agency's state may have changed: ask again. */
	if (strncmp(key, "entry/", 6) != 0) {
		st->writable_txn = 0;
		st->wagency_txn = 0;
	}
out:
	free(newkey);
	free(old);
	free(new);
	return rc;
}

int
store_write_run(struct store *st, int year, const char *key,
    int (*run)(struct store *, void *, int, char **, char **), void *arg,
    char **cause)
{
	char	*old = NULL, *new = NULL;
	int	 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	if ((rc = run(st, arg, 1, &new, cause)) == STORE_ROW_THERE) {
		if ((rc = store_row_text(st, key, &old, cause)) != STORE_OK)
			return rc;
		rc = run(st, arg, 0, &new, cause);
	} else
		old = xstrdup("");
	if (rc == STORE_OK && new == NULL)
		rc = store_row_text(st, key, &new, cause);
	if (rc == STORE_OK && strcmp(old, new) != 0) {
		/* A new row of an import: named in its bulk record. */
		if (*old == '\0' && store_bulk_active(st, year))
			rc = store_bulk_log(st, key, new, cause);
		else
			rc = store_audit_append(st, key, old, new, cause);
	}
	free(old);
	free(new);
	return rc;
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
		rc = store_fail(st, rc, cause, TR("audit log"));
		store_release(st, stmt);
		return rc;
	}
	*id = sqlite3_column_int64(stmt, 0);
	return store_finalize(st, stmt, cause, N_("audit log"));
}

int
store_audit_hash_at(struct store *st, long long id, long long *rows,
    char hash[65], char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*h;
	int		 rc;

	*rows = 0;
	hash[0] = '\0';
	/* id 0: the last row. */
	if ((rc = store_prepare(st, &stmt, cause, "SELECT (SELECT "
	    "ifnull(max(id), 0) FROM audit), (SELECT hash FROM audit WHERE "
	    "id = CASE WHEN ?1 > 0 THEN ?1 ELSE (SELECT max(id) FROM audit) "
	    "END)", "I", (int64_t)id)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*rows = sqlite3_column_int64(stmt, 0);
		if ((h = (const char *)sqlite3_column_text(stmt, 1)) == NULL &&
		    sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
			rc = store_fail(st, SQLITE_NOMEM, cause, TR("audit log"));
			store_release(st, stmt);
			return rc;
		}
		snprintf(hash, 65, "%s", h != NULL ? h : "");
	} else {
		rc = store_fail(st, rc, cause, TR("audit log"));
		store_release(st, stmt);
		return rc;
	}
	if ((rc = store_finalize(st, stmt, cause, N_("audit log"))) != STORE_OK)
		return rc;
	return hash[0] != '\0' ? STORE_OK : STORE_NOTFOUND;
}

int
store_year_published_row(struct store *st, int year, long long *id,
    char hash[65], char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*h;
	char		 key[32];
	int		 rc;

	*id = 0;
	hash[0] = '\0';
	snprintf(key, sizeof key, "year/%d", year);
	if ((rc = store_prepare(st, &stmt, cause, "SELECT id, hash FROM audit "
	    "WHERE key = ? AND new LIKE 'state=published%' ORDER BY id DESC "
	    "LIMIT 1", "s", key)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		if ((h = (const char *)sqlite3_column_text(stmt, 1)) == NULL) {
			rc = store_fail(st, SQLITE_NOMEM, cause, TR("audit log"));
			store_release(st, stmt);
			return rc;
		}
		snprintf(hash, 65, "%s", h);
	} else if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("audit log"));
		store_release(st, stmt);
		return rc;
	}
	if ((rc = store_finalize(st, stmt, cause, N_("audit log"))) != STORE_OK)
		return rc;
	return *id > 0 ? STORE_OK : STORE_NOTFOUND;
}
