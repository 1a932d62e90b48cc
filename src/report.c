/* report: ranking tables as aligned text and CSV. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "app.h"
#include "text.h"
#include "util.h"

/* Print s padded to w columns (right-aligned when right). */
static void
report_cell(FILE *fp, const char *s, int w, int right)
{
	char	*p = text_pad(s, w, right);

	fputs(p, fp);
	free(p);
}

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

#define W_RANK	4
#define W_NAME	42
#define W_MAX	11
#define W_PTS	15
#define W_RATE	9

static void
report_text_block(FILE *fp, const struct app_year *y, size_t b,
    enum score_side side, struct app_agency **rows, size_t n)
{
	char	 mx[UTIL_CP_BUFSZ], pt[UTIL_CP_BUFSZ], rt[UTIL_CP_BUFSZ + 1];
	char	 rk[16], *name;
	size_t	 i, unfinished = 0;

	fprintf(fp, "\n%s\n\n", y->list->blocks[b].name);
	report_cell(fp, "STT", W_RANK, 1);
	fputs("  ", fp);
	report_cell(fp, "Tên cơ quan, đơn vị", W_NAME, 0);
	fputs("  ", fp);
	report_cell(fp, "Điểm tối đa", W_MAX, 1);
	fputs("  ", fp);
	report_cell(fp, side == SIDE_SELF ? "Điểm tự chấm" : "Điểm thẩm định",
	    W_PTS, 1);
	fputs("  ", fp);
	report_cell(fp, "Tỷ lệ đạt", W_RATE, 1);
	fputs("  ", fp);
	fputs("Xếp loại", fp);
	fputc('\n', fp);
	for (i = 0; i < n; i++) {
		const struct score_totals	*t = app_totals(rows[i], side);
		const char		*g = score_grade(rows[i]->form,
					    t->rate);

		snprintf(rk, sizeof rk, "%zu", app_rank(rows[i], side));
		util_format_cp(t->max, ',', mx);
		util_format_cp2(t->total, ',', pt);
		util_format_cp2(t->rate, ',', rt);
		strcat(rt, "%");
		name = t->unscored > 0 ? xasprintf("%s *", rows[i]->ag->name) :
		    xstrdup(rows[i]->ag->name);
		if (t->unscored > 0)
			unfinished++;
		report_cell(fp, rk, W_RANK, 1);
		fputs("  ", fp);
		report_cell(fp, name, W_NAME, 0);
		fputs("  ", fp);
		report_cell(fp, mx, W_MAX, 1);
		fputs("  ", fp);
		report_cell(fp, pt, W_PTS, 1);
		fputs("  ", fp);
		report_cell(fp, rt, W_RATE, 1);
		fputs("  ", fp);
		fputs(g != NULL ? g : "", fp);
		fputc('\n', fp);
		free(name);
	}
	if (unfinished > 0)
		fprintf(fp,
		    "\n* còn tiêu chí chưa chấm (%zu cơ quan, đơn vị)\n",
		    unfinished);
}

int
report_ranking(FILE *fp, const struct app_year *y, const char *block,
    enum score_side side, enum report_format fmt)
{
	struct app_agency	**rows;
	char			  mx[UTIL_CP_BUFSZ], pt[UTIL_CP_BUFSZ];
	char			  rt[UTIL_CP_BUFSZ], rk[16];
	size_t			  b, i, n;

	if (fmt == REPORT_CSV)
		fputs("block,rank,code,name,max,points,rate,grade\n", fp);
	else {
		fprintf(fp, "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d\n",
		    y->year);
		if (y->list->province != NULL)
			fprintf(fp, "Tỉnh %s", y->list->province);
		fprintf(fp, "%s(%s%s)\n", y->list->province != NULL ? " " : "",
		    side == SIDE_SELF ? "theo điểm tự chấm" :
		    "theo điểm thẩm định",
		    y->published ? "" :
		    ", chưa công bố");
	}
	for (b = 0; b < y->list->nblocks; b++) {
		if (block != NULL && strcmp(y->list->blocks[b].code, block) !=
		    0)
			continue;
		app_block_ranking(y, b, side, &rows, &n);
		if (n == 0) {
			free(rows);
			continue;
		}
		if (fmt == REPORT_TEXT) {
			report_text_block(fp, y, b, side, rows, n);
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
