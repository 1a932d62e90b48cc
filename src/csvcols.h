/* csvcols: the columns of the scores CSV (import and export agree). */
#ifndef CCHC_CSVCOLS_H
#define CCHC_CSVCOLS_H

enum csv_col {
	COL_AGENCY,
	COL_ITEM,
	COL_SELF,
	COL_APPRAISED,
	COL_SELF_STATUS,
	COL_APPRAISED_STATUS,
	COL_EVIDENCE,
	COL_NOTE,
	COL_EXPLANATION,
	COL_REASON,
	CSV_NCOLS
};

/* The first eight are required on import; the last two are optional. */
#define CSV_NREQUIRED 8

static const char *const csv_cols[CSV_NCOLS] = {
	"agency", "item", "self", "appraised", "self_status",
	"appraised_status", "evidence", "note", "explanation", "reason"
};

struct app_year;
/* Write the scores CSV of a year (one block, or all for NULL). */
int	export_year(FILE *, const struct app_year *, const char *block);

#endif
