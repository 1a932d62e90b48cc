/*
 * store-total: the stored totals of each agency, side and area.  They
 * are derived from the entries by the engine (app computes them) and
 * written in the transaction that changes the entries, so a year opens
 * from them without reading every entry.  Not audited: verify
 * recomputes them from the audited entries.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store-int.h"
#include "store.h"
#include "util.h"

/*
 * A side's areas as stored: "max:points" for each area in order, joined
 * by ','.  Parsed by hand (two integers a field): a national year's
 * 21,000 of them were 214,000 rows of their own, 70 % of opening it.
 * A malformed text gives the areas read so far; verify then finds the
 * totals differ from the entries.
 */
/* A decimal integer of at most 18 digits (points are far below 10^18)
 * and an optional '-' at *s, moving *s past it; 0 when there is none.
 * By hand: strtoll's locale handling was a fifth of opening a year. */
static int
store_total_int(const char **s, int64_t *v)
{
	const char	*p = *s;
	int64_t		 n = 0;
	int		 neg = *p == '-', digits = 0;

	for (p += neg; *p >= '0' && *p <= '9' && digits < 18; p++, digits++)
		n = n * 10 + (*p - '0');
	if (digits == 0 || (*p >= '0' && *p <= '9'))
		return 0;
	*v = neg ? -n : n;
	*s = p;
	return 1;
}

static int
store_total_areas(const char *s, struct store_total *t,
    int (*fn)(void *, const struct store_total *), void *arg)
{
	for (t->area = 0; s != NULL && *s != '\0'; t->area++) {
		if (!store_total_int(&s, &t->max) || *s++ != ':' ||
		    !store_total_int(&s, &t->points) ||
		    (*s != ',' && *s != '\0'))
			break;
		if (fn(arg, t) != 0)
			return 1;
		if (*s == ',')
			s++;
	}
	return 0;
}

int
store_totals(struct store *st, int year, const char *agency,
    int (*fn)(void *, const struct store_total *), void *arg, char **cause)
{
	sqlite3_stmt		*stmt;
	struct store_total	 t;
	int			 rc;

	/* Two texts, so that both use the primary key's index. */
	if ((rc = store_prepare(st, &stmt, cause, agency == NULL ?
	    "SELECT agency, side, max, points, items, unscored, no_evidence, areas FROM total WHERE year = ?1 AND ?2 IS NULL ORDER BY agency, side" :
	    "SELECT agency, side, max, points, items, unscored, no_evidence, areas FROM total WHERE year = ?1 AND agency = ?2 ORDER BY side",
	    "is", year, agency)) != STORE_OK)
		return rc;
	/* Streamed: rows are given as read, the whole agency's first. */
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		t.agency = (const char *)sqlite3_column_text(stmt, 0);
		t.side = sqlite3_column_int(stmt, 1);
		t.area = -1;
		t.max = sqlite3_column_int64(stmt, 2);
		t.points = sqlite3_column_int64(stmt, 3);
		t.items = sqlite3_column_int64(stmt, 4);
		t.unscored = sqlite3_column_int64(stmt, 5);
		t.no_evidence = sqlite3_column_int64(stmt, 6);
		if (t.agency == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (fn(arg, &t) != 0) {
			rc = SQLITE_DONE;
			break;
		}
		t.items = t.unscored = t.no_evidence = 0;
		if (store_total_areas((const char *)sqlite3_column_text(stmt,
		    7), &t, fn, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("database: reading totals"));
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, N_("database"));
}

int
store_totals_put(struct store *st, int year, const char *agency,
    const struct store_total *rows, size_t n, char **cause)
{
	sqlite3_stmt	*stmt;
	struct strbuf	 areas;
	size_t		 i, j;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "DELETE FROM total WHERE "
	    "year = ? AND agency = ?", "is", year, agency)) != STORE_OK ||
	    (rc = store_step_done(st, stmt, cause, N_("database: totals"))) !=
	    STORE_OK)
		return rc;
	strbuf_init(&areas);
	/* A side's row (area -1), then its areas in order: one row. */
	for (i = 0; rc == STORE_OK && i < n; i = j) {
		const struct store_total *t = &rows[i];

		areas.len = 0;
		strbuf_puts(&areas, "");
		for (j = i + 1; j < n && rows[j].side == t->side &&
		    rows[j].area >= 0; j++)
			strbuf_printf(&areas, "%s%lld:%lld", j > i + 1 ? "," :
			    "", (long long)rows[j].max,
			    (long long)rows[j].points);
		if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO total "
		    "(year, agency, side, max, points, items, unscored, "
		    "no_evidence, areas) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "isiIIIIIs", year, agency, t->side, t->max, t->points,
		    t->items, t->unscored, t->no_evidence, areas.s)) ==
		    STORE_OK)
			rc = store_step_done(st, stmt, cause,
			    N_("database: totals"));
	}
	strbuf_clear(&areas);
	return rc;
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
		rc = store_finalize(st, stmt, cause, N_("database"));
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
