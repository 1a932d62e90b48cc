/*
 * report-pdf: a report document as PDF (cairo + pango): A4, Noto Serif
 * embedded, the decision's layout, ruled tables that repeat their header
 * on a new page, "Trang i/N" on every page, the draft mark, a bar chart
 * after the ranking and the area matrix as a heat map.
 *
 * The document is laid out twice: once into nothing to count the pages,
 * then for real, so the same code decides every page break.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "report-doc.h"
#include "util.h"

#define PDF_FONT	"Noto Serif"
#define PDF_A4_W	595.276
#define PDF_A4_H	841.890
#define PDF_PAD		3.0

struct pdf {
	cairo_surface_t		*surf;
	cairo_t			*cr;
	const struct rdoc	*d;
	double			 w, h;		/* page */
	double			 ml, mr, mt, mb;	/* margins */
	double			 y;
	int			 page;
	int			 total;		/* 0 in the counting pass */
};

/* Colours of the grades, best first (Tốt, Khá, Trung bình, Kém). */
static const double pdf_grade_rgb[][3] = {
	{ 0.30, 0.69, 0.31 },
	{ 0.55, 0.76, 0.29 },
	{ 1.00, 0.76, 0.03 },
	{ 0.90, 0.30, 0.24 },
};
static const double pdf_heat_rgb[][3] = {
	{ 0.78, 0.90, 0.79 },
	{ 0.88, 0.95, 0.80 },
	{ 1.00, 0.93, 0.70 },
	{ 0.98, 0.80, 0.78 },
};

static void
pdf_rgb(cairo_t *cr, const double (*tab)[3], int grade)
{
	if (grade < 0 || grade > 3)
		cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	else
		cairo_set_source_rgb(cr, tab[grade][0], tab[grade][1],
		    tab[grade][2]);
}

/* A layout of s in width points (0: no wrapping). Caller unrefs. */
static PangoLayout *
pdf_layout(struct pdf *p, const char *s, double width, double size,
    int bold, int italic, PangoAlignment align)
{
	PangoLayout		*l = pango_cairo_create_layout(p->cr);
	PangoFontDescription	*fd = pango_font_description_new();

	pango_font_description_set_family(fd, PDF_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, s, -1);
	return l;
}

/* Draw s at (x, y) within width; returns its height. */
static double
pdf_text(struct pdf *p, double x, double y, double width, const char *s,
    double size, int bold, int italic, PangoAlignment align)
{
	PangoLayout	*l = pdf_layout(p, s, width, size, bold, italic, align);
	int		 tw, th;

	pango_layout_get_pixel_size(l, &tw, &th);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	return th;
}

static double
pdf_height(struct pdf *p, double width, const char *s, double size, int bold)
{
	PangoLayout	*l = pdf_layout(p, s, width, size, bold, 0,
			    PANGO_ALIGN_LEFT);
	int		 tw, th;

	pango_layout_get_pixel_size(l, &tw, &th);
	g_object_unref(l);
	return th;
}

/* Start a page: the draft mark at the top, "Trang i/N" at the bottom. */
static void
pdf_new_page(struct pdf *p)
{
	char	*s;

	if (p->page > 0)
		cairo_show_page(p->cr);
	p->page++;
	p->y = p->mt;
	if (p->d->draft != NULL) {
		cairo_set_source_rgb(p->cr, 0.8, 0, 0);
		cairo_rectangle(p->cr, p->w - p->mr - 80, p->mt - 24, 80, 16);
		cairo_set_line_width(p->cr, 0.8);
		cairo_stroke(p->cr);
		pdf_text(p, p->w - p->mr - 80, p->mt - 23, 80, p->d->draft, 10,
		    1, 0, PANGO_ALIGN_CENTER);
	}
	if (p->total > 0)
		s = xasprintf("Trang %d/%d", p->page, p->total);
	else
		s = xasprintf("Trang %d/%d", p->page, p->page);
	pdf_text(p, p->ml, p->h - p->mb + 12, p->w - p->ml - p->mr, s, 9, 0,
	    0, PANGO_ALIGN_CENTER);
	free(s);
}

/* Make room for h points, on a new page if need be; 1 if a page began. */
static int
pdf_need(struct pdf *p, double h)
{
	if (p->y + h <= p->h - p->mb)
		return 0;
	pdf_new_page(p);
	return 1;
}

static void
pdf_rule(struct pdf *p, double x0, double x1, double y)
{
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

/* The decision's two header columns, a short rule under each. */
static void
pdf_head(struct pdf *p, const struct rpage *pg)
{
	double	tw = p->w - p->ml - p->mr, lw = tw * 0.4, rw = tw - lw;
	double	yl = p->y, yr = p->y;
	int	k;

	for (k = 0; k < 2; k++) {
		if (pg->left[k] != NULL)
			yl += pdf_text(p, p->ml, yl, lw, pg->left[k], 11.5,
			    k == 1, 0, PANGO_ALIGN_CENTER);
		if (pg->right[k] != NULL)
			yr += pdf_text(p, p->ml + lw, yr, rw, pg->right[k],
			    11.5, 1, 0, PANGO_ALIGN_CENTER);
	}
	if (yl > p->y)
		pdf_rule(p, p->ml + lw / 2 - 30, p->ml + lw / 2 + 30, yl + 2);
	if (yr > p->y)
		pdf_rule(p, p->ml + lw + rw / 2 - 75, p->ml + lw + rw / 2 + 75,
		    yr + 2);
	p->y = (yl > yr ? yl : yr) + 18;
}

/* The x of each column's left edge; cols[n] is the right edge. */
static void
pdf_columns(struct pdf *p, const struct rtable *t, double *x)
{
	double	sum = 0, tw = p->w - p->ml - p->mr;
	size_t	i;

	for (i = 0; i < t->ncols; i++)
		sum += t->cols[i].weight;
	x[0] = p->ml;
	for (i = 0; i < t->ncols; i++)
		x[i + 1] = x[i] + tw * t->cols[i].weight / sum;
}

/* One row of cells (texts): fill, borders, texts. */
static void
pdf_row(struct pdf *p, const struct rtable *t, const double *x, char **cells,
    const struct rcell *rc, int bold, int header)
{
	double	h = 0, ch;
	size_t	i;

	for (i = 0; i < t->ncols; i++) {
		ch = pdf_height(p, x[i + 1] - x[i] - 2 * PDF_PAD, cells[i],
		    header ? 9.5 : 10, bold || header);
		if (ch > h)
			h = ch;
	}
	h += 2 * PDF_PAD;
	for (i = 0; i < t->ncols; i++) {
		if (header) {
			cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
			cairo_rectangle(p->cr, x[i], p->y, x[i + 1] - x[i], h);
			cairo_fill(p->cr);
		} else if (t->heat && rc != NULL && rc[i].type == RC_RATE &&
		    rc[i].s != NULL) {
			pdf_rgb(p->cr, pdf_heat_rgb, rc[i].grade);
			cairo_rectangle(p->cr, x[i], p->y, x[i + 1] - x[i], h);
			cairo_fill(p->cr);
		}
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x[i], p->y, x[i + 1] - x[i], h);
		cairo_stroke(p->cr);
		pdf_text(p, x[i] + PDF_PAD, p->y + PDF_PAD,
		    x[i + 1] - x[i] - 2 * PDF_PAD, cells[i], header ? 9.5 : 10,
		    bold || header, 0, header ? PANGO_ALIGN_CENTER :
		    t->cols[i].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	}
	p->y += h;
}

/* The height a row of cells needs. */
static double
pdf_row_height(struct pdf *p, const struct rtable *t, const double *x,
    char **cells, int bold)
{
	double	h = 0, ch;
	size_t	i;

	for (i = 0; i < t->ncols; i++) {
		ch = pdf_height(p, x[i + 1] - x[i] - 2 * PDF_PAD, cells[i], 10,
		    bold);
		if (ch > h)
			h = ch;
	}
	return h + 2 * PDF_PAD;
}

static void
pdf_table(struct pdf *p, const struct rtable *t)
{
	double	*x = xcalloc(t->ncols + 1, sizeof *x), tw;
	char	**cells = xcalloc(t->ncols, sizeof *cells);
	char	**heads = xcalloc(t->ncols, sizeof *heads);
	size_t	 i, j;
	int	 bold;

	pdf_columns(p, t, x);
	tw = p->w - p->ml - p->mr;
	for (i = 0; i < t->ncols; i++)
		heads[i] = (char *)t->cols[i].head;
	p->y += 6;
	/* A part's title stays with its header and first row. */
	pdf_need(p, 60);
	if (t->title != NULL)
		p->y += pdf_text(p, p->ml, p->y, tw, t->title, 11, 1, 0,
		    PANGO_ALIGN_LEFT) + 4;
	pdf_row(p, t, x, heads, NULL, 1, 1);
	for (j = 0; j < t->nrows; j++) {
		bold = (t->rows[j].style & (RROW_BOLD | RROW_SUB)) != 0;
		for (i = 0; i < t->ncols; i++)
			cells[i] = rcell_format(&t->rows[j].cells[i], ',');
		if (pdf_need(p, pdf_row_height(p, t, x, cells, bold)))
			pdf_row(p, t, x, heads, NULL, 1, 1);
		pdf_row(p, t, x, cells, t->rows[j].cells, bold, 0);
		for (i = 0; i < t->ncols; i++)
			free(cells[i]);
	}
	p->y += 4;
	for (j = 0; j < t->nnotes; j++) {
		double	h = pdf_height(p, tw, t->notes[j], 10, 0);

		pdf_need(p, h);
		p->y += pdf_text(p, p->ml, p->y, tw, t->notes[j], 10, 0, 1,
		    PANGO_ALIGN_LEFT);
	}
	free(heads);
	free(cells);
	free(x);
}

/* The ranking's chart: a bar per agency, coloured by grade, with the
 * grades' lower bounds as lines. */
static void
pdf_chart(struct pdf *p, const struct rchart *c)
{
	double	tw = p->w - p->ml - p->mr, lw = tw * 0.38, bw = tw - lw - 40;
	double	x0 = p->ml + lw + 4, bh = 11, gap = 3, top;
	size_t	i, k;
	char	b[UTIL_CP_BUFSZ];

	pdf_new_page(p);
	p->y += pdf_text(p, p->ml, p->y, tw, c->title, 12, 1, 0,
	    PANGO_ALIGN_CENTER) + 10;
	top = p->y;
	for (i = 0; i < c->nbars; i++) {
		if (pdf_need(p, bh + gap))
			top = p->y;
		pdf_text(p, p->ml, p->y - 1, lw, c->bars[i].name, 8, 0, 0,
		    PANGO_ALIGN_RIGHT);
		pdf_rgb(p->cr, pdf_grade_rgb, c->bars[i].grade);
		cairo_rectangle(p->cr, x0, p->y, bw * (double)c->bars[i].rate /
		    10000, bh);
		cairo_fill(p->cr);
		pdf_text(p, x0 + bw * (double)c->bars[i].rate / 10000 + 3,
		    p->y - 1, 40, util_format_cp2(c->bars[i].rate, ',', b), 8,
		    0, 0, PANGO_ALIGN_LEFT);
		p->y += bh + gap;
		/* The bounds, drawn over the bars of this page so far. */
		if (i + 1 == c->nbars || p->y + bh + gap > p->h - p->mb) {
			for (k = 0; k < c->nbounds; k++) {
				double	bx = x0 + bw * (double)c->bounds[k] /
					    10000;

				cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
				cairo_set_line_width(p->cr, 0.7);
				cairo_set_dash(p->cr, (double[]){ 3, 2 }, 2,
				    0);
				cairo_move_to(p->cr, bx, top - 4);
				cairo_line_to(p->cr, bx, p->y);
				cairo_stroke(p->cr);
				cairo_set_dash(p->cr, NULL, 0, 0);
				pdf_text(p, bx - 20, p->y + 1, 40,
				    util_format_cp(c->bounds[k], ',', b), 8,
				    0, 0, PANGO_ALIGN_CENTER);
			}
		}
	}
	p->y += 14;
	for (k = 0; k < p->d->ngrades && k < 4; k++) {
		pdf_rgb(p->cr, pdf_grade_rgb, (int)k);
		cairo_rectangle(p->cr, x0 + (double)k * 90, p->y + 2, 10, 8);
		cairo_fill(p->cr);
		pdf_text(p, x0 + (double)k * 90 + 14, p->y, 76,
		    p->d->grades[k], 9, 0, 0, PANGO_ALIGN_LEFT);
	}
}

static void
pdf_page(struct pdf *p, const struct rpage *pg)
{
	double	tw = p->w - p->ml - p->mr, lw = tw * 0.4;
	size_t	k;

	pdf_new_page(p);
	if (pg->left[0] != NULL || pg->right[0] != NULL)
		pdf_head(p, pg);
	for (k = 0; k < pg->ntitles; k++)
		p->y += pdf_text(p, p->ml, p->y, tw, pg->titles[k], k == 0 ?
		    13 : 11.5, k == 0 || (k == 1 && pg->ntitles > 2), k > 0 &&
		    pg->titles[k][0] == '(', PANGO_ALIGN_CENTER) + 2;
	for (k = 0; k < pg->ntables; k++)
		pdf_table(p, &pg->tables[k]);
	if (pg->nsign > 0) {
		p->y += 14;
		pdf_need(p, 14.0 * (double)pg->nsign);
	}
	for (k = 0; k < pg->nsign; k++)
		p->y += pg->sign[k][0] == '\0' ? 14 : pdf_text(p, p->ml + lw,
		    p->y, tw - lw, pg->sign[k], 11.5, 1, 0,
		    PANGO_ALIGN_CENTER);
	if (pg->chart != NULL && pg->chart->nbars > 0)
		pdf_chart(p, pg->chart);
}

static cairo_status_t
pdf_write_cb(void *closure, const unsigned char *data, unsigned int n)
{
	FILE	*fp = closure;

	if (fp == NULL)
		return CAIRO_STATUS_SUCCESS;
	return fwrite(data, 1, n, fp) == n ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* One pass over the document into fp (NULL: nowhere); the page count.
 * Progress counts the document's pages over both passes. */
static int
pdf_pass(FILE *fp, const struct rdoc *d, int total,
    const struct report_progress *pr, char **cause)
{
	struct pdf	p;
	size_t		i;
	cairo_status_t	st;

	memset(&p, 0, sizeof p);
	p.d = d;
	p.total = total;
	p.w = d->wide ? PDF_A4_H : PDF_A4_W;
	p.h = d->wide ? PDF_A4_W : PDF_A4_H;
	p.ml = 56;
	p.mr = 40;
	p.mt = 46;
	p.mb = 46;
	p.surf = cairo_pdf_surface_create_for_stream(pdf_write_cb, fp, p.w,
	    p.h);
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR,
	    "cchc");
	p.cr = cairo_create(p.surf);
	for (i = 0; i < d->npages; i++) {
		pdf_page(&p, &d->pages[i]);
		if (pr != NULL)
			pr->fn(pr->arg, REPORT_WRITING, (fp != NULL ?
			    d->npages : 0) + i + 1, 2 * d->npages);
	}
	if (p.page == 0)
		pdf_new_page(&p);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surf);
	st = cairo_surface_status(p.surf);
	cairo_surface_destroy(p.surf);
	if (st != CAIRO_STATUS_SUCCESS) {
		*cause = xasprintf(TR("writing the PDF: %s"),
		    cairo_status_to_string(st));
		return -1;
	}
	return p.page;
}

int
report_write_pdf(FILE *fp, const struct rdoc *d, const struct report_out *o,
    char **cause)
{
	int	pages;
	int	rc = 0;

	if ((pages = pdf_pass(NULL, d, 0, o->progress, cause)) < 0 ||
	    pdf_pass(fp, d, pages, o->progress, cause) < 0)
		rc = -1;
	/* Drop the fonts pango, cairo and fontconfig keep for the process:
	 * a PDF is a one-off, and the next one loads them again. */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
	return rc == 0 && ferror(fp) ? -1 : rc;
}
