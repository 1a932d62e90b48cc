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
	COL_SELF_INPUTS,
	COL_APPRAISED_INPUTS,
	COL_SELF_ANALOGY,
	COL_APPRAISED_ANALOGY,
	COL_FIRST_APPRAISED,
	COL_FIRST_APPRAISED_STATUS,
	COL_FIRST_APPRAISED_INPUTS,
	COL_DISPUTE,
	COL_VERSION,		/* last: templates only (cmd-template.h) */
	CSV_NCOLS
};

/* The first eight (DESIGN.md section 6) are required on import; the
 * others are optional, and export writes them so that a round trip keeps
 * everything: the explanation, the reason for an item not assigned, and
 * the rule inputs the points came from ("done=9;planned=10"). */
#define CSV_NREQUIRED 8
/* The analogy (vận dụng) of each side: its description, empty when not
 * marked.  Then the first round of a year of two rounds (export writes
 * those four only for such a year): its points, status and inputs as a
 * side's, and the agency's dispute of them. */
#define CSV_NROUNDS 4

static const char *const csv_cols[CSV_NCOLS] = {
	"agency", "item", "self", "appraised", "self_status",
	"appraised_status", "evidence", "note", "explanation", "reason",
	"self_inputs", "appraised_inputs", "self_analogy", "appraised_analogy",
	"first_appraised", "first_appraised_status", "first_appraised_inputs",
	"dispute", "version"
};

struct app_year;
struct store;
/* Write the scores CSV of a year (one block, or all for NULL), reading
 * one agency's entries at a time.  0, or -1 after a message. */
int	export_year(FILE *, struct store *, struct app_year *,
	    const char *block);

#endif
