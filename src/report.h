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
	REPORT_CSV
};

/*
 * The ranking of each block (or of one block: its code), on one side:
 * text like the published decision, or CSV
 * block,rank,code,name,max,points,rate,grade.  0, or -1 on a write error.
 */
int	 report_ranking(FILE *, const struct app_year *, const char *block,
	    enum score_side, enum report_format);

/* One CSV field (RFC 4180), then a comma or, when last, a newline. */
void	 report_csv_field(FILE *, const char *, int last);

#endif
