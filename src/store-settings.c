/* store-settings: a year's settings (name = value), audited. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store-int.h"
#include "util.h"

int
store_setting_put(struct store *st, int year, const char *name,
    const char *value, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (value == NULL)
		rc = store_prepare(st, &stmt, cause, "DELETE FROM setting "
		    "WHERE year = ? AND name = ?", "is", year, name);
	else
		rc = store_prepare(st, &stmt, cause, "INSERT OR REPLACE INTO "
		    "setting (year, name, value) VALUES (?, ?, ?)", "isn",
		    year, name, value);
	if (rc != STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause, "setting/%d/%s", year, name);
}

int
store_settings(struct store *st, int year, char ***names, char ***values,
    size_t *n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 8;
	int		 rc, oom = 0;

	*n = 0;
	*names = NULL;
	*values = NULL;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT name, value FROM "
	    "setting WHERE year = ? ORDER BY name", "i", year)) != STORE_OK)
		return rc;
	*names = xcalloc(cap, sizeof **names);
	*values = xcalloc(cap, sizeof **values);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			*names = xreallocarray(*names, cap, sizeof **names);
			*values = xreallocarray(*values, cap, sizeof **values);
		}
		(*names)[*n] = store_col_text(stmt, 0, &oom);
		(*values)[*n] = store_col_text(stmt, 1, &oom);
		(*n)++;
		if (oom)
			break;
	}
	if (oom)
		rc = store_fail(st, SQLITE_NOMEM, cause, TR("settings"));
	else if (rc != SQLITE_DONE)
		rc = store_fail(st, rc, cause, TR("settings"));
	else
		rc = STORE_OK;
	if (rc != STORE_OK) {
		sqlite3_finalize(stmt);
		goto fail;
	}
	if ((rc = store_finalize(st, stmt, cause, N_("settings"))) == STORE_OK)
		return STORE_OK;
fail:
	while (*n > 0) {
		(*n)--;
		free((*names)[*n]);
		free((*values)[*n]);
	}
	free(*names);
	free(*values);
	*names = NULL;
	*values = NULL;
	return rc;
}

int
store_rounds_count(struct store *st, int year, long long *n, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*n = 0;
	if ((rc = store_prepare(st, &stmt, cause, "SELECT count(*) FROM entry "
	    "WHERE year = ? AND (first_status IS NOT NULL OR dispute IS NOT "
	    "NULL)", "i", year)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		rc = store_fail(st, rc, cause, "settings");
		sqlite3_finalize(stmt);
		return rc;
	}
	*n = sqlite3_column_int64(stmt, 0);
	return store_finalize(st, stmt, cause, "settings");
}
