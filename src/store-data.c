/* store-data: years, forms, agencies, deductions, the province (entries:
 * store-entry.c). */
#include "store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "form.h"
#include "store-int.h"
#include "text.h"
#include "util.h"

int
store_read_end(struct store *st, sqlite3_stmt *stmt, int rc, int oom,
    char **cause)
{
	if (rc == SQLITE_DONE && oom)
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, TR("database"));
		store_release(st, stmt);
		return rc;
	}
	return store_finalize(st, stmt, cause, N_("database"));
}

void
store_year_clear(struct store_year *y)
{
	free(y->state);
	free(y->reason);
	free(y->agencies_name);
	free(y->agencies_text);
	free(y->agencies_pack);
	free(y->created);
	memset(y, 0, sizeof *y);
}

int
store_year_add(struct store *st, int year, const char *agencies_name,
    const char *agencies_text, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 at[32], key[32];
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT 1 FROM year WHERE "
	    "year = ?", "i", year)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		store_release(st, stmt);
		*cause = xasprintf(TR("year %d already exists"), year);
		return STORE_EXISTS;
	}
	if ((rc = store_read_end(st, stmt, rc, 0, cause)) != STORE_OK)
		return rc;
	store_now(at, sizeof at);
	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO year (year, "
	    "agencies_name, agencies_text, created) VALUES (?, ?, ?, ?)",
	    "inss", year, agencies_name, agencies_text, at)) != STORE_OK)
		return rc;
	snprintf(key, sizeof key, "year/%d", year);
	return store_write(st, year, 0, key, &stmt, 1, NULL, NULL, cause);
}

int
store_year_get(struct store *st, int year, struct store_year *y,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc, oom = 0;

	memset(y, 0, sizeof *y);
	if ((rc = store_prepare(st, &stmt, cause, "SELECT state, reason, "
	    "agencies_name, agencies_text, created FROM year WHERE year = ?",
	    "i", year)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		y->year = year;
		y->state = store_col_text(stmt, 0, &oom);
		y->reason = store_col_text(stmt, 1, &oom);
		y->agencies_name = store_col_text(stmt, 2, &oom);
		y->agencies_text = store_col_text(stmt, 3, &oom);
		y->created = store_col_text(stmt, 4, &oom);
		rc = store_read_end(st, stmt, oom ? SQLITE_NOMEM : SQLITE_DONE,
		    0, cause);
		if (rc != STORE_OK)
			store_year_clear(y);
		return rc;
	}
	if ((rc = store_read_end(st, stmt, rc, 0, cause)) != STORE_OK)
		return rc;
	*cause = xasprintf(TR("year %d does not exist (start it with cchc init %d)"), year, year);
	return STORE_NOTFOUND;
}

/* The years one SQL query gives, ascending. */
static int
store_years_of(struct store *st, const char *sql, int **years, size_t *n,
    char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 8;
	int		 rc;

	*n = 0;
	*years = NULL;
	if ((rc = store_prepare(st, &stmt, cause, sql, NULL)) != STORE_OK)
		return rc;
	*years = xcalloc(cap, sizeof **years);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*years = xreallocarray(*years, cap *= 2,
			    sizeof **years);
		(*years)[(*n)++] = sqlite3_column_int(stmt, 0);
	}
	if ((rc = store_read_end(st, stmt, rc, 0, cause)) != STORE_OK) {
		free(*years);
		*years = NULL;
		*n = 0;
	}
	return rc;
}

int
store_year_brief(struct store *st, int year, struct store_year *y,
    char **cause)
{
	sqlite3_stmt	*stmt;
	sqlite3_blob	*blob;
	int		 rc, oom = 0, npk, packed;

	memset(y, 0, sizeof *y);
	/* The columns before the list's text: its pages are not read. */
	if ((rc = store_prepare(st, &stmt, cause, "SELECT state, reason, "
	    "agencies_name, EXISTS (SELECT 1 FROM year_pack p WHERE p.year = "
	    "y.year) FROM year y WHERE year = ?", "i", year)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		if ((rc = store_read_end(st, stmt, rc, 0, cause)) != STORE_OK)
			return rc;
		*cause = xasprintf(TR("year %d does not exist (start it with cchc init %d)"), year, year);
		return STORE_NOTFOUND;
	}
	y->year = year;
	y->state = store_col_text(stmt, 0, &oom);
	y->reason = store_col_text(stmt, 1, &oom);
	y->agencies_name = store_col_text(stmt, 2, &oom);
	packed = sqlite3_column_int(stmt, 3);
	rc = store_read_end(st, stmt, oom ? SQLITE_NOMEM : SQLITE_DONE, 0,
	    cause);
	/* The pack read straight into our buffer (a column would be
	 * assembled from its pages in SQLite's, then copied). */
	if (rc == STORE_OK && packed) {
		int	src;

		if ((src = sqlite3_blob_open(st->db, "main", "year_pack",
		    "pack", year, 0, &blob)) == SQLITE_OK) {
			npk = sqlite3_blob_bytes(blob);
			y->agencies_pack = xmalloc((size_t)npk + 1);
			y->agencies_pack_len = (size_t)npk;
			src = sqlite3_blob_read(blob, y->agencies_pack, npk, 0);
			sqlite3_blob_close(blob);
		}
		if (src != SQLITE_OK)
			rc = store_fail(st, src, cause, TR("database"));
	}
	if (rc != STORE_OK)
		store_year_clear(y);
	return rc;
}

int
store_years(struct store *st, int **years, size_t *n, char **cause)
{
	return store_years_of(st, "SELECT year FROM year ORDER BY year",
	    years, n, cause);
}

int
store_years_unpacked(struct store *st, int **years, size_t *n, char **cause)
{
	return store_years_of(st, "SELECT year FROM year WHERE year NOT IN "
	    "(SELECT year FROM year_pack) ORDER BY year", years, n, cause);
}

int
store_year_set_state(struct store *st, int year, const char *state,
    const char *reason, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 key[32];
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "UPDATE year SET state = ?, "
	    "reason = ? WHERE year = ?", "sni", state, reason, year)) !=
	    STORE_OK)
		return rc;
	snprintf(key, sizeof key, "year/%d", year);
	/* Only publishing needs the year open: reopening is what unlocks. */
	return store_write(st, year, strcmp(state, "published") == 0 ?
	    STORE_W_YEAR : 0, key, &stmt, 1, NULL, NULL, cause);
}

int
store_form_add(struct store *st, int year, const char *block,
    const char *name, const char *text, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO form (year, "
	    "block, name, text) VALUES (?, ?, ?, ?)", "isns", year, block,
	    name, text)) != STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause, "form/%d/%s", year, block);
}

int
store_forms(struct store *st, int year, struct store_form **forms,
    size_t *n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 4;
	int		 rc, oom = 0;

	*n = 0;
	*forms = NULL;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT block, name, text "
	    "FROM form WHERE year = ? ORDER BY rowid", "i", year)) != STORE_OK)
		return rc;
	*forms = xcalloc(cap, sizeof **forms);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*forms = xreallocarray(*forms, cap *= 2,
			    sizeof **forms);
		(*forms)[*n].block = store_col_text(stmt, 0, &oom);
		(*forms)[*n].name = store_col_text(stmt, 1, &oom);
		(*forms)[*n].text = store_col_text(stmt, 2, &oom);
		(*n)++;
	}
	if ((rc = store_read_end(st, stmt, rc, oom, cause)) != STORE_OK) {
		store_forms_free(*forms, *n);
		*forms = NULL;
		*n = 0;
	}
	return rc;
}

void
store_forms_free(struct store_form *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(f[i].block);
		free(f[i].name);
		free(f[i].text);
	}
	free(f);
}

int
store_agency_add(struct store *st, int year, const struct form_agency *ag,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO agency (year, "
	    "code, name, block, ord) VALUES (?, ?, ?, ?, ?)", "isnsI", year,
	    ag->code, ag->name, ag->block, (int64_t)ag->order)) != STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause, "agency/%d/%s", year, ag->code);
}

int
store_agency_state(struct store *st, int year, const char *code,
    char **state, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc, oom = 0;

	*state = NULL;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT state FROM agency "
	    "WHERE year = ? AND code = ?", "is", year, code)) != STORE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*state = store_col_text(stmt, 0, &oom);
		if ((rc = store_read_end(st, stmt, SQLITE_DONE, oom,
		    cause)) != STORE_OK) {
			free(*state);
			*state = NULL;
		}
		return rc;
	}
	if ((rc = store_read_end(st, stmt, rc, 0, cause)) != STORE_OK)
		return rc;
	*cause = xasprintf(TR("agency %s is not in year %d"), code, year);
	return STORE_NOTFOUND;
}

int
store_agency_set_state(struct store *st, int year, const char *code,
    const char *state, const char *reason, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = store_agency_writable(st, year, code, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &stmt, cause, "UPDATE agency SET state = "
	    "?, reason = ? WHERE year = ? AND code = ?", "snis", state, reason,
	    year, code)) != STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause, "agency/%d/%s", year, code);
}

int
store_agencies_by_name(struct store *st, int year, const char *block,
    char ***codes, size_t *n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 16;
	int		 rc, oom = 0;

	*n = 0;
	*codes = NULL;
	if ((rc = store_prepare(st, &stmt, cause, st->vi != NULL ?
	    "SELECT code FROM agency WHERE year = ? AND block = ? "
	    "ORDER BY name COLLATE vi, ord" :
	    "SELECT code FROM agency WHERE year = ? AND block = ? "
	    "ORDER BY name, ord", "is", year, block)) != STORE_OK)
		return rc;
	*codes = xcalloc(cap, sizeof **codes);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*codes = xreallocarray(*codes, cap *= 2,
			    sizeof **codes);
		(*codes)[(*n)++] = store_col_text(stmt, 0, &oom);
	}
	if ((rc = store_read_end(st, stmt, rc, oom, cause)) != STORE_OK) {
		store_strings_free(*codes, *n);
		*codes = NULL;
		*n = 0;
	}
	return rc;
}

int
store_deductions(struct store *st, int year, const char *agency,
    struct entry_deduction **out, size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	size_t			 cap = 8;
	int			 rc, oom = 0;
	struct entry_deduction	*d;

	*n = 0;
	*out = NULL;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT id, agency, points, "
	    "reason, evidence, who, at FROM deduction WHERE year = ?1 AND "
	    "(?2 IS NULL OR agency = ?2) ORDER BY id", "is", year, agency)) !=
	    STORE_OK)
		return rc;
	*out = xcalloc(cap, sizeof **out);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		d = &(*out)[(*n)++];
		d->id = (long)sqlite3_column_int64(stmt, 0);
		d->agency = store_col_text(stmt, 1, &oom);
		d->points = sqlite3_column_int64(stmt, 2);
		d->reason = store_col_text(stmt, 3, &oom);
		d->evidence = store_col_text(stmt, 4, &oom);
		d->who = store_col_text(stmt, 5, &oom);
		d->at = store_col_text(stmt, 6, &oom);
	}
	if ((rc = store_read_end(st, stmt, rc, oom, cause)) != STORE_OK) {
		entry_deductions_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_deduction_add(struct store *st, int year,
    const struct entry_deduction *d, long *id, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key, at[32];
	long long	 rowid = 0;
	int		 rc;

	if ((rc = store_agency_writable(st, year, d->agency, cause)) !=
	    STORE_OK)
		return rc;
	store_now(at, sizeof at);
	if ((rc = store_prepare(st, &stmt, cause, "INSERT INTO deduction "
	    "(year, agency, points, reason, evidence, who, at) VALUES (?, ?, "
	    "?, ?, ?, ?, ?)", "isInnss", year, d->agency, (int64_t)d->points,
	    d->reason, d->evidence, st->user, at)) != STORE_OK)
		return rc;
	/* A new row: it was nothing before; its key ends with its id. */
	key = xasprintf("deduction/%d/", year);
	rc = store_write(st, year, STORE_W_YEAR | STORE_W_ROWID, key, &stmt,
	    1, &rowid, NULL, cause);
	free(key);
	if (rc == STORE_OK)
		*id = (long)rowid;
	return rc;
}

int
store_deduction_remove(struct store *st, int year, long id, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key;
	long long	 changes = 0;
	int		 rc;

	if ((rc = store_deduction_writable(st, year, id, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &stmt, cause, "DELETE FROM deduction "
	    "WHERE year = ? AND id = ?", "iI", year, (int64_t)id)) !=
	    STORE_OK)
		return rc;
	key = xasprintf("deduction/%d/%ld", year, id);
	rc = store_write(st, year, STORE_W_YEAR, key, &stmt, 1, NULL, &changes,
	    cause);
	free(key);
	if (rc == STORE_OK && changes == 0) {
		*cause = xasprintf(TR("deduction %ld is not in year %d"), id, year);
		return STORE_NOTFOUND;
	}
	return rc;
}

int
store_province_put(struct store *st, int year, const struct score_province *p,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 idx = p->index, rank = p->rank, prev = p->prev_rank;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "INSERT OR REPLACE INTO "
	    "province (year, area, idx, rank, prev_rank) VALUES (?, ?, ?, ?, "
	    "?)", "iippp", year, p->area, p->has_index ? &idx : NULL,
	    p->rank > 0 ? &rank : NULL, p->prev_rank > 0 ? &prev : NULL)) !=
	    STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause, "province/%d/%d", year, p->area);
}

int
store_province(struct store *st, int year, struct score_province **out,
    size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	size_t			 cap = 8;
	int			 rc;
	struct score_province	*p;

	*n = 0;
	*out = NULL;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT area, idx, rank, "
	    "prev_rank FROM province WHERE year = ? ORDER BY area", "i",
	    year)) != STORE_OK)
		return rc;
	*out = xcalloc(cap, sizeof **out);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		p = &(*out)[(*n)++];
		memset(p, 0, sizeof *p);
		p->area = sqlite3_column_int(stmt, 0);
		p->has_index = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		p->index = sqlite3_column_int64(stmt, 1);
		p->rank = sqlite3_column_int(stmt, 2);
		p->prev_rank = sqlite3_column_int(stmt, 3);
	}
	if ((rc = store_read_end(st, stmt, rc, 0, cause)) != STORE_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
