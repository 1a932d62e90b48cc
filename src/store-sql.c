/*
 * store-sql: SQLite calls made safe for the store's files: results turned
 * into store_rc values with a cause, parameters bound (text in NFC), and
 * the statement cache.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "store-int.h"
#include "store.h"
#include "text.h"
#include "util.h"

int
store_fail(struct store *st, int rc, char **cause, const char *what)
{
	int		 prim = rc & 0xff;
	const char	*msg;

	/* The connection's message when it is about this error. */
	if (st != NULL && st->db != NULL &&
	    sqlite3_extended_errcode(st->db) == rc)
		msg = sqlite3_errmsg(st->db);
	else
		msg = sqlite3_errstr(rc);
	if (cause != NULL && (prim == SQLITE_BUSY || prim == SQLITE_LOCKED))
		*cause = xasprintf(TR("%s: the database is busy: another program is writing to it; nothing was changed, try again"), what);
	else if (cause != NULL)
		*cause = xasprintf("%s: %s", what, msg);
	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return STORE_IOERR;
	case SQLITE_NOTADB:
		return STORE_NOTOURS;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return STORE_LOCKED;
	case SQLITE_CANTOPEN:
		return STORE_CANTOPEN;
	default:
		return STORE_ERR;
	}
}


int
store_exec(struct store *st, const char *sql, char **cause)
{
	int	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	st->txn++;
	if (rc != SQLITE_OK)
		return store_fail(st, rc, cause, TR("database"));
	return STORE_OK;
}

/* Bind text normalised to NFC (NULL binds NULL). */
static int
store_bind_nfc(sqlite3_stmt *stmt, int i, const char *s)
{
	char	*n;

	if (s == NULL)
		return sqlite3_bind_null(stmt, i);
	n = text_nfc(s);
	if (n == NULL)
		return sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
	/* SQLite frees n even when the bind fails. */
	return sqlite3_bind_text(stmt, i, n, -1, free);
}

/* Bind the parameters of store_prepare; an SQLite result. */
static int
store_bind(sqlite3_stmt *stmt, const char *fmt, va_list ap)
{
	const int64_t	*p;
	const char	*s;
	size_t		 n;
	int		 i, rc = SQLITE_OK;

	for (i = 1; rc == SQLITE_OK && fmt[i - 1] != '\0'; i++) {
		switch (fmt[i - 1]) {
		case 'i':
			rc = sqlite3_bind_int(stmt, i, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(stmt, i, va_arg(ap, int64_t));
			break;
		case 'p':
			p = va_arg(ap, const int64_t *);
			rc = p == NULL ? sqlite3_bind_null(stmt, i) :
			    sqlite3_bind_int64(stmt, i, *p);
			break;
		case 's':
			s = va_arg(ap, const char *);
			rc = sqlite3_bind_text(stmt, i, s, -1,
			    SQLITE_TRANSIENT);
			break;
		case 'n':
			rc = store_bind_nfc(stmt, i, va_arg(ap, const char *));
			break;
		case 'b':	/* bytes, then their length (size_t) */
			s = va_arg(ap, const char *);
			n = va_arg(ap, size_t);
			rc = s == NULL ? sqlite3_bind_null(stmt, i) :
			    n > INT_MAX ? SQLITE_TOOBIG :
			    sqlite3_bind_blob(stmt, i, s, (int)n,
			    SQLITE_TRANSIENT);
			break;
		default:
			rc = SQLITE_MISUSE;
			break;
		}
	}
	return rc;
}

/*
 * The statement cache: a statement prepared once per connection and
 * reused (reset, bindings cleared) for every later use of the same SQL.
 * Parsing SQL was most of the cost of a write (70 % of an import); the
 * SQL of the store is a fixed set of string literals, looked up by
 * address.  A statement still in use is not handed out twice.
 */
static struct store_cached *
store_cache_find(struct store *st, const char *sql)
{
	size_t	i;

	/* By address first: the same literal is the same text (checked, as
	 * a freed text's address may come back with other words). */
	for (i = 0; i < st->ncache; i++) {
		if (st->cache[i].lit == sql && strcmp(st->cache[i].sql,
		    sql) == 0)
			return &st->cache[i];
	}
	for (i = 0; i < st->ncache; i++) {
		if (strcmp(st->cache[i].sql, sql) == 0)
			return &st->cache[i];
	}
	return NULL;
}

int
store_release(struct store *st, sqlite3_stmt *stmt)
{
	size_t	i;
	int	rc;

	if (stmt == NULL)
		return SQLITE_OK;
	for (i = 0; st != NULL && i < st->ncache; i++) {
		if (st->cache[i].stmt == stmt) {
			/* The result of the last step, as finalize gives. */
			rc = sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			st->cache[i].busy = 0;
			return rc;
		}
	}
	return sqlite3_finalize(stmt);
}

int
store_prepare(struct store *st, sqlite3_stmt **stmt, char **cause,
    const char *sql, const char *fmt, ...)
{
	struct store_cached	*c = store_cache_find(st, sql);
	va_list			 ap;
	int			 rc;

	if (c != NULL && !c->busy) {
		*stmt = c->stmt;
		c->busy = 1;
	} else if ((rc = sqlite3_prepare_v3(st->db, sql, -1,
	    c == NULL && st->ncache < STORE_CACHE ? SQLITE_PREPARE_PERSISTENT :
	    0, stmt, NULL)) != SQLITE_OK) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return store_fail(st, rc, cause, TR("database"));
	} else if (c == NULL && st->ncache < STORE_CACHE) {
		c = &st->cache[st->ncache++];
		c->sql = xstrdup(sql);
		c->lit = sql;
		c->stmt = *stmt;
		c->busy = 1;
	}
	va_start(ap, fmt);
	rc = store_bind(*stmt, fmt != NULL ? fmt : "", ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, rc, cause, TR("database: binding a value"));
		store_release(st, *stmt);
		*stmt = NULL;
		return rc;
	}
	return STORE_OK;
}

int
store_finalize(struct store *st, sqlite3_stmt *stmt, char **cause,
    const char *what)
{
	int	rc = store_release(st, stmt);

	return rc == SQLITE_OK ? STORE_OK : store_fail(st, rc, cause, TR(what));
}

int
store_step_done(struct store *st, sqlite3_stmt *stmt, char **cause,
    const char *what)
{
	int	rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = store_fail(st, rc, cause, TR(what));
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, what);
}

char *
store_col_text(sqlite3_stmt *stmt, int i, int *oom)
{
	int			 type = sqlite3_column_type(stmt, i);
	const unsigned char	*s = sqlite3_column_text(stmt, i);

	if (s == NULL && type != SQLITE_NULL)
		*oom = 1;
	return s == NULL ? NULL : xstrdup((const char *)s);
}

void
store_now(char *buf, size_t n)
{
	time_t		t = time(NULL);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
