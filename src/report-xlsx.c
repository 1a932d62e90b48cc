/* report-xlsx: a report document as an XLSX workbook (libxlsxwriter). */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "report-doc.h"
#include "text.h"
#include "util.h"

/* Grades with a colour of their own (best first), as in the PDF. */
#define XLSX_GRADES	4
static const lxw_color_t xlsx_heat_rgb[XLSX_GRADES] = {
	0xC7E6CA, 0xE0F2CC, 0xFFEDB3, 0xFACCC7
};

/* Points of one line of text in 12 point Times New Roman, and the
 * characters a column of width 1 holds (a little less than one). */
#define XLSX_LINE	15.75
#define XLSX_CHAR	1.15
/* How much wider bold capitals are than plain text. */
#define XLSX_CAPS	1.5

/* The workbook's formats: plain and bold of each kind of cell. */
struct xformats {
	lxw_format	*title, *title1, *draft, *head, *part, *note;
	lxw_format	*text[2], *num[2], *rate[2], *integer[2];
	lxw_format	*heat[2][XLSX_GRADES];	/* rates by grade */
};

static lxw_format *
xlsx_format(lxw_workbook *wb, int bold, int border)
{
	lxw_format	*f = workbook_add_format(wb);

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 12);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	return f;
}

static void
xlsx_formats(lxw_workbook *wb, struct xformats *x)
{
	int	b, g;

	x->title = xlsx_format(wb, 0, 0);
	format_set_align(x->title, LXW_ALIGN_CENTER);
	format_set_text_wrap(x->title);
	x->title1 = xlsx_format(wb, 1, 0);
	format_set_align(x->title1, LXW_ALIGN_CENTER);
	format_set_text_wrap(x->title1);
	x->draft = xlsx_format(wb, 1, 0);
	format_set_align(x->draft, LXW_ALIGN_CENTER);
	format_set_font_color(x->draft, LXW_COLOR_RED);
	x->head = xlsx_format(wb, 1, 1);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(x->head);
	format_set_bg_color(x->head, 0xD9D9D9);
	x->part = xlsx_format(wb, 1, 0);
	x->note = xlsx_format(wb, 0, 0);
	format_set_italic(x->note);
	for (b = 0; b < 2; b++) {
		x->text[b] = xlsx_format(wb, b, 1);
		format_set_text_wrap(x->text[b]);
		x->num[b] = xlsx_format(wb, b, 1);
		format_set_num_format(x->num[b], "0.00");
		x->rate[b] = xlsx_format(wb, b, 1);
		format_set_num_format(x->rate[b], "0.00%");
		x->integer[b] = xlsx_format(wb, b, 1);
		format_set_num_format(x->integer[b], "0");
		format_set_align(x->integer[b], LXW_ALIGN_CENTER);
		for (g = 0; g < XLSX_GRADES; g++) {
			x->heat[b][g] = xlsx_format(wb, b, 1);
			format_set_num_format(x->heat[b][g], "0.00%");
			format_set_bg_color(x->heat[b][g], xlsx_heat_rgb[g]);
		}
	}
}

/* A line merged over columns first..last (or one cell). */
static void
xlsx_line(lxw_worksheet *ws, lxw_row_t row, lxw_col_t first, lxw_col_t last,
    const char *s, lxw_format *f)
{
	if (last > first)
		worksheet_merge_range(ws, row, first, row, last, s, f);
	else
		worksheet_write_string(ws, row, first, s, f);
}

static void
xlsx_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const struct rcell *c, const struct xformats *x, int bold, int heat)
{
	switch (c->s == NULL ? RC_TEXT : c->type) {
	case RC_CP:
	case RC_CPT:
		worksheet_write_number(ws, row, col, (double)c->v / 100,
		    x->num[bold]);
		break;
	case RC_RATE:
		worksheet_write_number(ws, row, col, (double)c->v / 10000,
		    heat && c->grade >= 0 && c->grade < XLSX_GRADES ?
		    x->heat[bold][c->grade] : x->rate[bold]);
		break;
	case RC_INT:
		worksheet_write_number(ws, row, col, (double)c->v,
		    x->integer[bold]);
		break;
	default:
		if (c->s != NULL && *c->s != '\0')
			worksheet_write_string(ws, row, col, c->s,
			    x->text[bold]);
		else
			worksheet_write_blank(ws, row, col, x->text[bold]);
		break;
	}
}

/* A worksheet's name: the page's, without the characters Excel refuses,
 * at most 31 characters. */
static char *
xlsx_sheet_name(const char *name, size_t i)
{
	char	*s = xasprintf("%.28s", name != NULL && *name != '\0' ? name :
		    "cchc"), *p;

	for (p = s; *p != '\0'; p++) {
		if (strchr("[]:*?/\\", *p) != NULL)
			*p = '_';
	}
	if (i > 0 && name == NULL) {
		free(s);
		s = xasprintf("cchc%zu", i);
	}
	return s;
}

/* The lines s takes wrapped at spaces in cols characters. */
static int
xlsx_lines(const char *s, double cols)
{
	const char	*p = s, *e;
	double		 lw = 0, ww;
	int		 n = 1;
	char		*word;

	if (s == NULL || *s == '\0')
		return 1;
	if (cols < 1)
		cols = 1;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' ' && *e != '\n'; e++)
			;
		word = xstrndup(p, (size_t)(e - p));
		ww = text_width(word);
		free(word);
		if (lw > 0 && lw + 1 + ww > cols) {
			n++;
			lw = 0;
		}
		while (ww > cols) {
			n++;
			ww -= cols;
		}
		lw += (lw > 0 ? 1 : 0) + ww;
		p = e;
		if (*p == '\n') {
			n++;
			lw = 0;
			p++;
		}
	}
	return n;
}

/*
 * The width of each column, in characters: what its cells need (wide
 * text columns capped, so that they wrap), at least what its heading's
 * longest word needs.  A row then gets the height its wrapped cells need:
 * spreadsheet programs (LibreOffice among them) do not fit heights of
 * rows they did not lay out themselves.
 */
static void
xlsx_widths(const struct rpage *p, size_t ncols, double *w)
{
	const struct rtable	*t;
	size_t			 i, j, k;
	double			 cw, cap;
	char			*s, *word, *e, *q;

	for (i = 0; i < ncols; i++)
		w[i] = 4;
	for (k = 0; k < p->ntables; k++) {
		t = &p->tables[k];
		for (i = 0; i < t->ncols; i++) {
			/* A heading wraps, but never inside a word. */
			s = xstrdup(t->cols[i].head);
			for (q = s; *q != '\0'; q = *e != '\0' ? e + 1 : e) {
				for (e = q; *e != '\0' && *e != ' '; e++)
					;
				word = xstrndup(q, (size_t)(e - q));
				cw = text_width(word) + 1;
				free(word);
				if (cw > w[i])
					w[i] = cw;
			}
			free(s);
			cap = t->cols[i].width == 0 ? 48 : t->cols[i].width >
			    12 ? 36 : 16;
			for (j = 0; j < t->nrows; j++) {
				const struct rcell	*c = &t->rows[j].cells[i];

				s = rcell_format(c, '.');
				/* Numbers as shown: "100.00", "92.10%". */
				cw = text_width(s) + (c->type == RC_CPT &&
				    c->s != NULL ? 4 : c->type == RC_RATE ?
				    2 : 1);
				free(s);
				if (cw > cap)
					cw = cap;
				if (cw > w[i])
					w[i] = cw;
			}
		}
	}
}

/* Give a row the height of its tallest cell wrapped in its columns;
 * wide is how much wider than plain text its letters are (bold,
 * capitals). */
static void
xlsx_height(lxw_worksheet *ws, lxw_row_t row, const char *const *cells,
    const double *w, size_t n, double wide)
{
	size_t	i;
	int	lines = 1, l;

	for (i = 0; i < n; i++) {
		l = xlsx_lines(cells[i], (w[i] * XLSX_CHAR - 1) / wide);
		if (l > lines)
			lines = l;
	}
	if (lines > 1)
		worksheet_set_row(ws, row, XLSX_LINE * lines, NULL);
}

/* The sum of widths first..last. */
static double
xlsx_span(const double *w, size_t first, size_t last)
{
	double	sum = 0;

	while (first <= last)
		sum += w[first++];
	return sum;
}

/* A line merged over columns first..last, as tall as its text needs
 * (with the height the row has already: the header's two columns). */
static void
xlsx_tline(lxw_worksheet *ws, lxw_row_t row, const double *w, lxw_col_t first,
    lxw_col_t last, const char *s, lxw_format *f, double wide)
{
	const char	*two[2] = { s, NULL };
	double		 span[2] = { xlsx_span(w, first, last), 1 };

	xlsx_line(ws, row, first, last, s, f);
	xlsx_height(ws, row, two, span, 2, wide);
}

static void
xlsx_page(lxw_workbook *wb, const struct rdoc *d, const struct rpage *p,
    size_t pi, const struct xformats *x)
{
	lxw_worksheet		*ws;
	const struct rtable	*t;
	lxw_row_t		 row = 0;
	lxw_col_t		 last = 0, split;
	size_t			 i, k, j, ncols = 1;
	int			 frozen = 0, bold;
	double			*w, sum, hw[2];
	const char		**texts, *head[2];
	char			*name, *s;

	name = xlsx_sheet_name(p->name, pi);
	ws = workbook_add_worksheet(wb, name);
	free(name);
	for (k = 0; k < p->ntables; k++) {
		if (p->tables[k].ncols > ncols)
			ncols = p->tables[k].ncols;
	}
	last = (lxw_col_t)(ncols - 1);
	w = xcalloc(ncols, sizeof *w);
	texts = xcalloc(ncols, sizeof *texts);
	xlsx_widths(p, ncols, w);
	for (i = 0; i < ncols; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w[i],
		    NULL);
	/* The header's left column over about two fifths of the width. */
	sum = xlsx_span(w, 0, last);
	for (split = 0; split + 1 < last && xlsx_span(w, 0, split) <
	    sum * 0.38; split++)
		;
	if (d->draft != NULL)
		xlsx_line(ws, row++, 0, last, d->draft, x->draft);
	for (k = 0; k < 2; k++) {
		if (p->left[k] == NULL && p->right[k] == NULL)
			continue;
		/* One height for both columns: the taller one's. */
		head[0] = p->left[k] != NULL ? p->left[k] : "";
		head[1] = p->right[k] != NULL ? p->right[k] : "";
		hw[0] = xlsx_span(w, 0, split);
		hw[1] = xlsx_span(w, split + 1, last);
		xlsx_line(ws, row, 0, split, head[0], x->title1);
		xlsx_line(ws, row, split + 1, last, head[1], x->title1);
		xlsx_height(ws, row, head, hw, 2, XLSX_CAPS);
		row++;
	}
	if (row > 0)
		row++;
	for (k = 0; k < p->ntitles; k++)
		xlsx_tline(ws, row++, w, 0, last, p->titles[k], k == 0 ?
		    x->title1 : x->title, k == 0 ? XLSX_CAPS : 1.1);
	for (k = 0; k < p->ntables; k++) {
		t = &p->tables[k];
		row++;
		if (t->title != NULL)
			xlsx_tline(ws, row++, w, 0, last, t->title, x->part,
			    XLSX_CAPS);
		for (i = 0; i < t->ncols; i++) {
			worksheet_write_string(ws, row, (lxw_col_t)i,
			    t->cols[i].head, x->head);
			texts[i] = t->cols[i].head;
		}
		xlsx_height(ws, row, texts, w, t->ncols, 1.2);
		if (!frozen) {
			worksheet_freeze_panes(ws, row + 1, 0);
			worksheet_repeat_rows(ws, row, row);
			frozen = 1;
		}
		row++;
		for (j = 0; j < t->nrows; j++, row++) {
			bold = (t->rows[j].style & (RROW_BOLD | RROW_SUB)) != 0;
			for (i = 0; i < t->ncols; i++) {
				xlsx_cell(ws, row, (lxw_col_t)i,
				    &t->rows[j].cells[i], x, bold, t->heat);
				texts[i] = t->rows[j].cells[i].type ==
				    RC_TEXT ? t->rows[j].cells[i].s : NULL;
			}
			xlsx_height(ws, row, texts, w, t->ncols, bold ?
			    1.15 : 1.0);
		}
		for (j = 0; j < t->nnotes; j++)
			xlsx_tline(ws, row++, w, 0, last, t->notes[j],
			    x->note, 1.0);
	}
	if (p->nsign > 0)
		row++;
	for (k = 0; k < p->nsign; k++, row++) {
		s = p->sign[k];
		if (*s != '\0')
			xlsx_tline(ws, row, w, split + 1, last, s, x->title1,
			    XLSX_CAPS);
	}
	worksheet_set_paper(ws, 9);		/* A4 */
	if (d->wide || ncols > 6)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.6, 0.5, 0.6, 0.6);
	worksheet_set_footer(ws, "&CTrang &P/&N");
	/* The draft mark on every printed page, not only the first. */
	if (d->draft != NULL) {
		name = xasprintf("&R&\"Times New Roman,Bold\"&KFF0000%s",
		    d->draft);
		worksheet_set_header(ws, name);
		free(name);
	}
	free(texts);
	free(w);
}

/* Copy a file's bytes to fp. */
static int
xlsx_copy(const char *path, FILE *fp, char **cause)
{
	FILE	*in;
	char	 buf[8192];
	size_t	 n;

	if ((in = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		if (fwrite(buf, 1, n, fp) != n) {
			fclose(in);
			*cause = xasprintf(TR("writing the workbook: %s"),
			    strerror(errno));
			return -1;
		}
	}
	n = (size_t)ferror(in);
	fclose(in);
	if (n != 0) {
		*cause = xasprintf(TR("%s: read error"), path);
		return -1;
	}
	return 0;
}

int
report_write_xlsx(FILE *fp, const struct rdoc *d, const struct report_out *o,
    char **cause)
{
	lxw_workbook	*wb;
	struct xformats	 x;
	lxw_error	 err;
	const char	*dir;
	char		*tmp;
	size_t		 i;
	int		 fd, rc;

	/* libxlsxwriter writes a named file: a private one, then copied. */
	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	tmp = xasprintf("%s/cchc-xlsx.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	if ((wb = workbook_new(tmp)) == NULL) {
		*cause = xasprintf(TR("%s: cannot start a workbook"), tmp);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	xlsx_formats(wb, &x);
	for (i = 0; i < d->npages; i++) {
		xlsx_page(wb, d, &d->pages[i], i, &x);
		if (o->progress != NULL)
			o->progress->fn(o->progress->arg, REPORT_WRITING,
			    i + 1, d->npages);
	}
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		*cause = xasprintf(TR("writing the workbook: %s"),
		    lxw_strerror(err));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	rc = xlsx_copy(tmp, fp, cause);
	unlink(tmp);
	free(tmp);
	return rc;
}
