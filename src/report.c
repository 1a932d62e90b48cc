/* report: the published ranking as CSV, and CSV fields. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "app.h"
#include "util.h"

void
report_csv_field(FILE *fp, const char *s, int last)
{
	if (s == NULL)
		s = "";
	/* RFC 4180: quoted (by libcsv) only when it has to be. */
	if (strpbrk(s, ",\"\r\n") != NULL || (*s != '\0' &&
	    (s[0] == ' ' || s[strlen(s) - 1] == ' ')))
		csv_fwrite(fp, s, strlen(s));
	else
		fputs(s, fp);
	fputc(last ? '\n' : ',', fp);
}

int
report_ranking_csv(FILE *fp, const struct app_year *y, const char *block,
    enum score_side side)
{
	struct app_agency	**rows;
	char			  mx[UTIL_CP_BUFSZ], pt[UTIL_CP_BUFSZ];
	char			  rt[UTIL_CP_BUFSZ], rk[16];
	size_t			  b, i, n;

	fputs("block,rank,code,name,max,points,rate,grade\n", fp);
	for (b = 0; b < y->list->nblocks; b++) {
		if (block != NULL && strcmp(y->list->blocks[b].code, block) !=
		    0)
			continue;
		app_block_ranking(y, b, side, &rows, &n);
		if (n == 0) {
			free(rows);
			continue;
		}
		for (i = 0; i < n; i++) {
			const struct score_totals	*t = app_totals(rows[i],
			    side);
			const char		*g = score_grade(rows[i]->form,
						    t->rate);

			snprintf(rk, sizeof rk, "%zu", app_rank(rows[i], side));
			report_csv_field(fp, y->list->blocks[b].code, 0);
			report_csv_field(fp, rk, 0);
			report_csv_field(fp, rows[i]->ag->code, 0);
			report_csv_field(fp, rows[i]->ag->name, 0);
			report_csv_field(fp, util_format_cp(t->max, '.', mx),
			    0);
			report_csv_field(fp, util_format_cp2(t->total, '.',
			    pt), 0);
			report_csv_field(fp, util_format_cp2(t->rate, '.', rt),
			    0);
			report_csv_field(fp, g != NULL ? g : "", 1);
		}
		free(rows);
	}
	return ferror(fp) ? -1 : 0;
}
