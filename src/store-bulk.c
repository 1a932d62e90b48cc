/*
 * store-bulk: the audit of an import.  A row an import creates is not
 * given an audit row of its own (its text written twice, hashed into the
 * chain, indexed: most of an import's time and of the file's size).  It
 * is named in the table "logged" instead, with the SHA-256 of its text
 * and the number of its import; at the end, one audit row in the chain
 * ("import/YEAR/N") holds the file's name and hash, the number of rows and
 * the SHA-256 of all the import's logged lines in key order.  verify
 * recomputes that digest from "logged" and compares every row with the
 * hash logged for it, so every row's value is still proved.  A row the
 * import changes (it was there before) gets its own audit row as before,
 * with its old text: no history is lost.
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

void
store_sha256_hex(const char *s, size_t n, char out[65])
{
	struct sha256_ctx	ctx;
	uint8_t			d[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, n, (const uint8_t *)s);
	sha256_digest(&ctx, sizeof d, d);
	util_hex(d, sizeof d, out);
}

int
store_bulk_begin(struct store *st, int year, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_get_autocommit(st->db)) {
		*cause = xstrdup("store_bulk_begin: no transaction");
		return STORE_ERR;
	}
	if ((rc = store_prepare(st, &stmt, cause, "SELECT ifnull(max(batch), "
	    "0) + 1 FROM logged", NULL)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		rc = store_fail(st, rc, cause, TR("audit log"));
		store_release(st, stmt);
		return rc;
	}
	st->bulk_batch = sqlite3_column_int64(stmt, 0);
	if ((rc = store_finalize(st, stmt, cause, N_("audit log"))) != STORE_OK)
		return rc;
	st->bulk_year = year;
	st->bulk_rows = 0;
	st->bulk_txn = st->txn;
	return STORE_OK;
}

int
store_bulk_active(const struct store *st, int year)
{
	return st->bulk_batch > 0 && st->bulk_year == year &&
	    st->bulk_txn == st->txn && !sqlite3_get_autocommit(st->db);
}

int
store_bulk_log(struct store *st, const char *key, const char *text,
    char **cause)
{
	sqlite3_stmt	*stmt;
	char		 hash[65];
	int		 rc;

	store_sha256_hex(text, strlen(text), hash);
	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO logged (key, "
	    "batch, hash) VALUES (?, ?, ?)", "sIs", key,
	    (int64_t)st->bulk_batch, hash)) != STORE_OK)
		return rc;
	if ((rc = store_step_done(st, stmt, cause, N_("audit log"))) == STORE_OK)
		st->bulk_rows++;
	return rc;
}

void
store_bulk_line(struct sha256_ctx *ctx, const char *key, const char *hash)
{
	sha256_update(ctx, strlen(key) + 1, (const uint8_t *)key);
	sha256_update(ctx, strlen(hash) + 1, (const uint8_t *)hash);
}

/*
 * The digest of batch's lines, "key NUL hash NUL" in key order.  The
 * table is ordered by key: one pass over it, whatever the batch.
 */
int
store_bulk_digest(struct store *st, long long batch, char out[65],
    long long *rows, char **cause)
{
	struct sha256_ctx	ctx;
	sqlite3_stmt		*stmt;
	uint8_t			d[SHA256_DIGEST_SIZE];
	const char		*k, *h;
	int			rc;

	*rows = 0;
	sha256_init(&ctx);
	if ((rc = store_prepare(st, &stmt, cause, "SELECT key, hash FROM "
	    "logged WHERE batch = ? ORDER BY key", "I", (int64_t)batch)) !=
	    STORE_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(stmt, 0);
		h = (const char *)sqlite3_column_text(stmt, 1);
		if (k == NULL || h == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		store_bulk_line(&ctx, k, h);
		(*rows)++;
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("audit log"));
		store_release(st, stmt);
		return rc;
	}
	sha256_digest(&ctx, sizeof d, d);
	util_hex(d, sizeof d, out);
	return store_finalize(st, stmt, cause, N_("audit log"));
}

int
store_bulk_end(struct store *st, const char *file, const char *sha256,
    char **cause)
{
	char		 digest[65], *key, *text;
	long long	 rows;
	int		 rc;

	if (!store_bulk_active(st, st->bulk_year)) {
		st->bulk_batch = 0;
		return STORE_OK;
	}
	st->bulk_batch = -st->bulk_batch;	/* no more lines in it */
	if (st->bulk_rows == 0)
		return STORE_OK;		/* nothing to prove */
	if ((rc = store_bulk_digest(st, -st->bulk_batch, digest, &rows,
	    cause)) != STORE_OK)
		return rc;
	key = xasprintf("import/%d/%lld", st->bulk_year, -st->bulk_batch);
	text = xasprintf("file=%s\nsha256=%s\nrows=%lld\ndigest=%s\n",
	    file != NULL ? file : "", sha256 != NULL ? sha256 : "", rows,
	    digest);
	rc = store_audit_append(st, key, "", text, cause);
	free(key);
	free(text);
	return rc;
}
