/*
 * report: the tables of a year written to a FILE *.  Numbers, order and
 * ties come from the app (and so from score), so the screen and the
 * printout always agree.
 */
#ifndef CCHC_REPORT_H
#define CCHC_REPORT_H

#include <stdio.h>

#include "score.h"

struct app_year;

enum report_format {
	REPORT_TEXT,
	REPORT_CSV,
	REPORT_XLSX,
	REPORT_PDF
};

/*
 * The ranking of each block (or of one block: its code), on one side:
 * text like the published decision, or CSV
 * block,rank,code,name,max,points,rate,grade.  0, or -1 on a write error.
 */
int	 report_ranking(FILE *, const struct app_year *, const char *block,
	    enum score_side, enum report_format);

/* The kinds of report (report-annex.c, report-sheet.c, report-areas.c). */
enum report_kind {
	REPORT_RANKING,		/* the decision's annex */
	REPORT_SHEET,		/* one agency's score sheet */
	REPORT_AREAS,		/* agencies x areas */
	REPORT_COMPARE		/* self vs appraised */
};

struct app_settings;
struct store;
struct rdoc;

struct report_opts {
	enum report_kind	 kind;
	enum score_side		 side;
	const char		*block;		/* a block's code, or NULL */
	const char		*agency;	/* a code, "all", or NULL */
	const struct app_settings *settings;	/* the year's */
};

/* "ranking", ... and "text", ...: 0, or -1 when unknown. */
int	 report_kind_parse(const char *, enum report_kind *);
int	 report_format_parse(const char *, enum report_format *);

/*
 * Build a report as a document (report-doc.h).  Sheets read entries
 * through the app (store).  APP_OK with *doc (rdoc_free), or a code with
 * *cause: an unknown agency, or an agency outside the block.
 */
int	 report_build(struct store *, struct app_year *,
	    const struct report_opts *, struct rdoc **doc, char **cause);

/* Write a document: aligned text (width 80 or more columns), CSV (with
 * a byte order mark when bom), XLSX, PDF.  0, or -1 with *cause. */
int	 report_write_text(FILE *, const struct rdoc *, int width);
int	 report_write_csv(FILE *, const struct rdoc *, int bom);
int	 report_write_xlsx(FILE *, const struct rdoc *, char **cause);
int	 report_write_pdf(FILE *, const struct rdoc *, char **cause);

/* One CSV field (RFC 4180), then a comma or, when last, a newline. */
void	 report_csv_field(FILE *, const char *, int last);

#endif
