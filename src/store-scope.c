/*
 * store-scope: the publication of a year's scopes (a block, or the
 * communes of one district) and the lock it puts on their agencies.
 */
#include "store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store-int.h"
#include "util.h"

int
store_scope_set_state(struct store *st, int year, const char *block,
    const char *parent, const char *state, const char *agency_state,
    char *const *codes, size_t n, const char *reason, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*par = parent != NULL ? parent : "";
	int		 publish = strcmp(state, "published") == 0;
	int		 rc = STORE_OK;
	size_t		 i;

	/* Publishing needs the year open; reopening is what unlocks. */
	for (i = 0; rc == STORE_OK && i < n; i++) {
		if ((rc = store_prepare(st, &stmt, cause, "UPDATE agency SET "
		    "state = ?, reason = ? WHERE year = ? AND code = ?", "snis",
		    publish ? "published" : agency_state, reason, year,
		    codes[i])) != STORE_OK)
			return rc;
		rc = store_write1(st, year, publish ? STORE_W_YEAR : 0, stmt,
		    cause, "agency/%d/%s", year, codes[i]);
	}
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO scope (year, "
	    "block, parent, state, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
	    "(year, block, parent) DO UPDATE SET state = excluded.state, "
	    "reason = excluded.reason", "isssn", year, block, par, state,
	    reason)) != STORE_OK)
		return rc;
	return store_write1(st, year, publish ? STORE_W_YEAR : 0, stmt, cause,
	    "scope/%d/%s/%s", year, block, par);
}

int
store_agency_writable(struct store *st, int year, const char *code,
    char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*state;
	int		 rc;

	if (st->wagency_txn == st->txn && st->wagency != NULL &&
	    strcmp(st->wagency, code) == 0 && !sqlite3_get_autocommit(st->db))
		return STORE_OK;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT state FROM agency "
	    "WHERE year = ? AND code = ?", "is", year, code)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE) {
		/* Not there: what writes it says so. */
		store_release(st, stmt);
		return STORE_OK;
	}
	if (rc != SQLITE_ROW ||
	    (state = (const char *)sqlite3_column_text(stmt, 0)) == NULL) {
		rc = store_fail(st, rc == SQLITE_ROW ? SQLITE_NOMEM : rc,
		    cause, "database");
		store_release(st, stmt);
		return rc;
	}
	rc = strcmp(state, "published") == 0 ? STORE_LOCKED : STORE_OK;
	store_release(st, stmt);
	if (rc == STORE_LOCKED) {
		*cause = xasprintf(TR("agency %s is published with its block in year %d and locked; reopen the block with: cchc state %d reopen --block BLOCK --reason TEXT"), code, year, year);
		return rc;
	}
	free(st->wagency);
	st->wagency = xstrdup(code);
	st->wagency_txn = st->txn;
	return STORE_OK;
}

int
store_deduction_writable(struct store *st, int year, long id, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*ag;
	int		 rc, oom = 0;

	/* A line of an agency whose scope is published stays. */
	if ((rc = store_prepare(st, &stmt, cause, "SELECT agency FROM "
	    "deduction WHERE year = ? AND id = ?", "iI", year, (int64_t)id)) !=
	    STORE_OK)
		return rc;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		store_release(st, stmt);
		return STORE_OK;
	}
	ag = store_col_text(stmt, 0, &oom);
	store_release(st, stmt);
	rc = ag != NULL ? store_agency_writable(st, year, ag, cause) :
	    store_fail(st, SQLITE_NOMEM, cause, "database");
	free(ag);
	return rc;
}
