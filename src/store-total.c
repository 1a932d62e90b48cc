/*
 * store-total: the stored totals of each agency, side and area.  They
 * are derived from the entries by the engine (app computes them) and
 * written in the transaction that changes the entries, so a year opens
 * from them without reading every entry.  Not audited: verify
 * recomputes them from the audited entries.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store-int.h"
#include "store.h"
#include "util.h"

int
store_totals(struct store *st, int year, const char *agency,
    int (*fn)(void *, const struct store_total *), void *arg, char **cause)
{
	sqlite3_stmt		*stmt;
	struct store_total	 t;
	int			 rc;

	/* Two texts, so that both use the primary key's index. */
	if ((rc = store_prepare(st, &stmt, cause, agency == NULL ?
	    "SELECT agency, side, area, max, points, items, unscored, no_evidence FROM total WHERE year = ?1 AND ?2 IS NULL ORDER BY agency, side, area" :
	    "SELECT agency, side, area, max, points, items, unscored, no_evidence FROM total WHERE year = ?1 AND agency = ?2 ORDER BY side, area",
	    "is", year, agency)) != STORE_OK)
		return rc;
	/* Streamed: a year's 200,000 rows were copied one malloc each. */
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		t.agency = (const char *)sqlite3_column_text(stmt, 0);
		t.side = sqlite3_column_int(stmt, 1);
		t.area = sqlite3_column_int(stmt, 2);
		t.max = sqlite3_column_int64(stmt, 3);
		t.points = sqlite3_column_int64(stmt, 4);
		t.items = sqlite3_column_int64(stmt, 5);
		t.unscored = sqlite3_column_int64(stmt, 6);
		t.no_evidence = sqlite3_column_int64(stmt, 7);
		if (t.agency == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (fn(arg, &t) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("database: reading totals"));
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, TR("database"));
}

int
store_totals_put(struct store *st, int year, const char *agency,
    const struct store_total *rows, size_t n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 i;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "DELETE FROM total WHERE "
	    "year = ? AND agency = ?", "is", year, agency)) != STORE_OK ||
	    (rc = store_step_done(st, stmt, cause, TR("database: totals"))) !=
	    STORE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		const struct store_total *t = &rows[i];

		if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO total "
		    "(year, agency, side, area, max, points, items, unscored, "
		    "no_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "isiiIIIII", year, agency, t->side, t->area, t->max,
		    t->points, t->items, t->unscored, t->no_evidence)) !=
		    STORE_OK ||
		    (rc = store_step_done(st, stmt, cause,
		    TR("database: totals"))) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int
store_agency_states(struct store *st, int year, const char *agency,
    char ***codes, char ***states, size_t *n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 64;
	int		 rc, oom = 0;

	*n = 0;
	*codes = *states = NULL;
	if (agency != NULL)
		rc = store_prepare(st, &stmt, cause, "SELECT code, state FROM "
		    "agency WHERE year = ? AND code = ?", "is", year, agency);
	else
		rc = store_prepare(st, &stmt, cause, "SELECT code, state FROM "
		    "agency WHERE year = ?", "i", year);
	if (rc != STORE_OK)
		return rc;
	*codes = xcalloc(cap, sizeof **codes);
	*states = xcalloc(cap, sizeof **states);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			*codes = xreallocarray(*codes, cap, sizeof **codes);
			*states = xreallocarray(*states, cap, sizeof **states);
		}
		(*codes)[*n] = store_col_text(stmt, 0, &oom);
		(*states)[*n] = store_col_text(stmt, 1, &oom);
		(*n)++;
	}
	if (rc == SQLITE_DONE && oom)
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("database: reading agencies"));
		store_release(st, stmt);
	} else
		rc = store_finalize(st, stmt, cause, TR("database"));
	if (rc != STORE_OK) {
		store_strings_free(*codes, *n);
		store_strings_free(*states, *n);
		*codes = *states = NULL;
		*n = 0;
	}
	return rc;
}

void
store_strings_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}
