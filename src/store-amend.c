/*
 * store-amend: the writes of a started year's amendment (app-amend.c):
 * its agency list and forms replaced, agencies added, changed or
 * removed, entries of removed items dropped.  Each is audited like any
 * write (a dropped row's old text is its last audit row's old value);
 * all run inside the one transaction the caller opened.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "form.h"
#include "store-int.h"
#include "util.h"

int
store_year_set_agencies(struct store *st, int year, const char *name,
    const char *text, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = store_prepare(st, &stmt, cause, "UPDATE year SET "
	    "agencies_name = ?, agencies_text = ? WHERE year = ?", "nni", name,
	    text, year)) != STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause, "year/%d",
	    year);
}

int
store_year_set_pack(struct store *st, int year, const char *pack, size_t len,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	/* Derived from the audited text, like the totals: no audit row. */
	if (pack == NULL)
		rc = store_prepare(st, &stmt, cause, "DELETE FROM year_pack "
		    "WHERE year = ?", "i", year);
	else
		rc = store_prepare(st, &stmt, cause, "INSERT OR REPLACE INTO "
		    "year_pack (year, pack) VALUES (?, ?)", "ib", year, pack,
		    len);
	if (rc != STORE_OK)
		return rc;
	return store_step_done(st, stmt, cause, N_("database"));
}

int
store_form_put(struct store *st, int year, const char *block,
    const char *name, const char *text, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (text == NULL)
		rc = store_prepare(st, &stmt, cause, "DELETE FROM form WHERE "
		    "year = ? AND block = ?", "is", year, block);
	else
		rc = store_prepare(st, &stmt, cause, "INSERT INTO form (year, "
		    "block, name, text) VALUES (?, ?, ?, ?) ON CONFLICT (year, "
		    "block) DO UPDATE SET name = excluded.name, text = "
		    "excluded.text", "isns", year, block, name, text);
	if (rc != STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause, "form/%d/%s",
	    year, block);
}

int
store_agency_update(struct store *st, int year, const struct form_agency *ag,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = store_agency_writable(st, year, ag->code, cause)) !=
	    STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &stmt, cause, "UPDATE agency SET name = ?, "
	    "block = ?, ord = ? WHERE year = ? AND code = ?", "nsIis",
	    ag->name, ag->block, (int64_t)ag->order, year, ag->code)) !=
	    STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause,
	    "agency/%d/%s", year, ag->code);
}

int
store_entry_remove(struct store *st, int year, const char *agency,
    const char *item, char **cause)
{
	sqlite3_stmt	*stmts[2] = { NULL, NULL };
	char		*key;
	int		 rc;

	if ((rc = store_agency_writable(st, year, agency, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &stmts[0], cause, "DELETE FROM evidence "
	    "WHERE year = ? AND agency = ? AND item = ?", "iss", year, agency,
	    item)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &stmts[1], cause, "DELETE FROM entry "
	    "WHERE year = ? AND agency = ? AND item = ?", "iss", year, agency,
	    item)) != STORE_OK) {
		store_release(st, stmts[0]);
		return rc;
	}
	key = xasprintf("entry/%d/%s/%s", year, agency, item);
	rc = store_write(st, year, STORE_W_YEAR, key, stmts, 2, NULL, NULL,
	    cause);
	free(key);
	return rc;
}

int
store_totals_remove(struct store *st, int year, const char *agency,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	/* Derived data, not audited: recomputed from the entries. */
	if ((rc = store_prepare(st, &stmt, cause, "DELETE FROM total WHERE "
	    "year = ? AND agency = ?", "is", year, agency)) != STORE_OK)
		return rc;
	return store_step_done(st, stmt, cause, "database");
}

int
store_agency_remove(struct store *st, int year, const char *code,
    char **cause)
{
	struct entry_record	*e = NULL;
	struct entry_deduction	*d = NULL;
	sqlite3_stmt		*stmt;
	size_t			 ne = 0, nd = 0, i;
	int			 rc;

	if ((rc = store_agency_writable(st, year, code, cause)) != STORE_OK)
		return rc;
	if ((rc = store_entries(st, year, code, NULL, &e, &ne, cause)) !=
	    STORE_OK)
		return rc;
	for (i = 0; rc == STORE_OK && i < ne; i++)
		rc = store_entry_remove(st, year, code, e[i].item, cause);
	entry_records_free(e, ne);
	if (rc == STORE_OK)
		rc = store_deductions(st, year, code, &d, &nd, cause);
	for (i = 0; rc == STORE_OK && i < nd; i++)
		rc = store_deduction_remove(st, year, d[i].id, cause);
	entry_deductions_free(d, nd);
	if (rc == STORE_OK)
		rc = store_totals_remove(st, year, code, cause);
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, &stmt, cause, "DELETE FROM agency WHERE "
	    "year = ? AND code = ?", "is", year, code)) != STORE_OK)
		return rc;
	return store_write1(st, year, STORE_W_YEAR, stmt, cause,
	    "agency/%d/%s", year, code);
}
