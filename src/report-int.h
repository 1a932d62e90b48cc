/*
 * report-int: what the report builders share (report-annex.c,
 * report-sheet.c, report-areas.c).  No other file includes it.
 */
#ifndef CCHC_REPORT_INT_H
#define CCHC_REPORT_INT_H

#include "app.h"
#include "report.h"
#include "report-doc.h"

/* The index of a grade's name in doc->grades (added when new); -1 for
 * NULL. */
int	 report_grade_index(struct rdoc *, const char *name);
/* A grade cell: the rate and its grade's colour index. */
void	 report_rate_cell(struct rdoc *, struct rrow *, size_t col,
	    const struct form *, int64_t rate);
/* The page's draft mark and the decision's header columns. */
void	 report_head(struct rdoc *, struct rpage *, const struct app_year *,
	    const struct report_opts *);
/* "I", "II", ... for part n (1-based). */
const char	*report_roman(size_t n);
/* The block's name in capitals ("SỞ, BAN, NGÀNH TỈNH").  Caller frees. */
char	*report_upper(const char *);
/* The ranking's rows of block b grouped by parent: the group of rows[i]
 * ends before the first j with another parent. */
int	 report_same_group(const struct app_agency *, const struct app_agency *);

int	 report_build_ranking(struct store *, struct app_year *,
	    const struct report_opts *, struct rdoc *, char **cause);
int	 report_build_sheet(struct store *, struct app_year *,
	    const struct report_opts *, struct rdoc *, char **cause);
int	 report_build_areas(struct store *, struct app_year *,
	    const struct report_opts *, struct rdoc *, char **cause);
int	 report_build_compare(struct store *, struct app_year *,
	    const struct report_opts *, struct rdoc *, char **cause);

#endif
