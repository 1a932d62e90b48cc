/* report-text: a report document as aligned text and as CSV. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "report-doc.h"
#include "text.h"
#include "util.h"

/* Lines of a wrapped text. */
struct tlines {
	char	**v;
	size_t	  n;
};

static void
tlines_add(struct tlines *l, char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

static void
tlines_clear(struct tlines *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Wrap s at spaces into lines of at most width columns (a longer word
 * is cut); at least one line. */
static void
text_wrap(const char *s, int width, struct tlines *out)
{
	struct strbuf	 line;
	const char	*p = s, *e;
	char		*word;
	int		 lw = 0, ww;

	strbuf_init(&line);
	if (width < 1)
		width = 1;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		word = xstrndup(p, (size_t)(e - p));
		ww = text_width(word);
		if (lw > 0 && lw + 1 + ww > width) {
			tlines_add(out, strbuf_steal(&line));
			lw = 0;
		}
		if (ww > width) {
			char	*cut = text_fit(word, width);

			free(word);
			word = cut;
			ww = text_width(word);
		}
		if (lw > 0) {
			strbuf_puts(&line, " ");
			lw++;
		}
		strbuf_puts(&line, word);
		lw += ww;
		free(word);
		p = e;
	}
	if (lw > 0 || out->n == 0)
		tlines_add(out, strbuf_steal(&line));
	strbuf_clear(&line);
}

/* s centred in width columns (no trailing blanks). */
static void
text_centre(FILE *fp, const char *s, int width)
{
	struct tlines	l = { NULL, 0 };
	size_t		i;
	int		w;

	text_wrap(s, width, &l);
	for (i = 0; i < l.n; i++) {
		w = text_width(l.v[i]);
		fprintf(fp, "%*s%s\n", w < width ? (width - w) / 2 : 0, "",
		    l.v[i]);
	}
	tlines_clear(&l);
}

/* Print a line without its trailing blanks. */
static void
text_line(FILE *fp, const char *s)
{
	size_t	n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	fwrite(s, 1, n, fp);
	fputc('\n', fp);
}

/* The width of each column: the fixed ones, and the rest to column 0. */
static void
text_widths(const struct rtable *t, int width, int *w)
{
	size_t	i, flex = 0;
	int	used = 0;

	for (i = 0; i < t->ncols; i++) {
		w[i] = t->cols[i].width;
		if (w[i] == 0)
			flex = i;
		used += w[i] + (i > 0 ? 2 : 0);
	}
	if (width - used < 12)
		w[flex] = 12;
	else
		w[flex] = width - used;
}

/* One row of cells (texts), wrapped within their columns. */
static void
text_cells(FILE *fp, const struct rtable *t, char **cells, const int *w)
{
	struct tlines	*l = xcalloc(t->ncols, sizeof *l);
	struct strbuf	 b;
	size_t		 i, k, n = 0;
	char		*pad;

	for (i = 0; i < t->ncols; i++) {
		text_wrap(cells[i], w[i], &l[i]);
		if (l[i].n > n)
			n = l[i].n;
	}
	strbuf_init(&b);
	for (k = 0; k < n; k++) {
		for (i = 0; i < t->ncols; i++) {
			if (i > 0)
				strbuf_puts(&b, "  ");
			pad = text_pad(k < l[i].n ? l[i].v[k] : "", w[i],
			    t->cols[i].right);
			strbuf_puts(&b, pad);
			free(pad);
		}
		pad = strbuf_steal(&b);
		text_line(fp, pad);
		free(pad);
	}
	strbuf_clear(&b);
	for (i = 0; i < t->ncols; i++)
		tlines_clear(&l[i]);
	free(l);
}

static void
text_table(FILE *fp, const struct rtable *t, int width)
{
	int	*w = xcalloc(t->ncols, sizeof *w), total = 0;
	char	**cells = xcalloc(t->ncols, sizeof *cells);
	size_t	 i, j;

	text_widths(t, width, w);
	for (i = 0; i < t->ncols; i++)
		total += w[i] + (i > 0 ? 2 : 0);
	if (t->title != NULL)
		fprintf(fp, "\n%s\n", t->title);
	fputc('\n', fp);
	for (i = 0; i < t->ncols; i++)
		cells[i] = (char *)t->cols[i].head;
	text_cells(fp, t, cells, w);
	for (i = 0; i < (size_t)total; i++)
		fputc('-', fp);
	fputc('\n', fp);
	for (j = 0; j < t->nrows; j++) {
		for (i = 0; i < t->ncols; i++)
			cells[i] = rcell_format(&t->rows[j].cells[i], ',');
		text_cells(fp, t, cells, w);
		for (i = 0; i < t->ncols; i++)
			free(cells[i]);
	}
	if (t->nnotes > 0)
		fputc('\n', fp);
	for (j = 0; j < t->nnotes; j++) {
		struct tlines	l = { NULL, 0 };

		text_wrap(t->notes[j], width, &l);
		for (i = 0; i < l.n; i++)
			text_line(fp, l.v[i]);
		tlines_clear(&l);
	}
	free(cells);
	free(w);
}

/* One line of the decision's header: each column centred in its part. */
static void
text_head_line(FILE *fp, const char *left, const char *right, int lw, int rw)
{
	int	 la, ra;
	char	*l, *lp, *line;

	if (left == NULL)
		left = "";
	if (right == NULL)
		right = "";
	la = text_width(left);
	ra = text_width(right);
	l = xasprintf("%*s%s", la < lw ? (lw - la) / 2 : 0, "", left);
	lp = text_pad(l, lw, 0);
	line = xasprintf("%s%*s%s", lp, ra < rw ? (rw - ra) / 2 : 0, "",
	    right);
	text_line(fp, line);
	free(line);
	free(lp);
	free(l);
}

int
report_write_text(FILE *fp, const struct rdoc *d, int width)
{
	const struct rpage	*p;
	size_t			 i, k;
	int			 lw = width * 2 / 5, rw = width - lw;

	for (i = 0; i < d->npages; i++) {
		p = &d->pages[i];
		if (i > 0)
			fputs("\f\n", fp);
		if (d->draft != NULL)
			text_centre(fp, d->draft, width);
		for (k = 0; k < 2; k++) {
			if (p->left[k] == NULL && p->right[k] == NULL)
				continue;
			text_head_line(fp, p->left[k], p->right[k], lw, rw);
		}
		if (p->left[0] != NULL || p->right[0] != NULL)
			fputc('\n', fp);
		for (k = 0; k < p->ntitles; k++)
			text_centre(fp, p->titles[k], width);
		for (k = 0; k < p->ntables; k++)
			text_table(fp, &p->tables[k], width);
		if (p->nsign > 0)
			fputc('\n', fp);
		for (k = 0; k < p->nsign; k++) {
			int	sw = text_width(p->sign[k]);

			if (*p->sign[k] == '\0')
				fputc('\n', fp);
			else
				fprintf(fp, "%*s%s\n", lw + (sw < rw ?
				    (rw - sw) / 2 : 0), "", p->sign[k]);
		}
	}
	return ferror(fp) ? -1 : 0;
}

int
report_write_csv(FILE *fp, const struct rdoc *d, int bom)
{
	const struct rtable	*wide = NULL, *t;
	size_t			 i, k, j, c;
	char			*s;

	if (bom)
		fputs("\xef\xbb\xbf", fp);
	/* One header: the widest table's (the others are its prefixes). */
	for (i = 0; i < d->npages; i++) {
		for (k = 0; k < d->pages[i].ntables; k++) {
			t = &d->pages[i].tables[k];
			if (wide == NULL || t->ncols > wide->ncols)
				wide = t;
		}
	}
	if (wide == NULL)
		return ferror(fp) ? -1 : 0;
	fputs("page,part,", fp);
	for (c = 0; c < wide->ncols; c++)
		report_csv_field(fp, wide->cols[c].key, c + 1 == wide->ncols);
	for (i = 0; i < d->npages; i++) {
		for (k = 0; k < d->pages[i].ntables; k++) {
			t = &d->pages[i].tables[k];
			for (j = 0; j < t->nrows; j++) {
				report_csv_field(fp, d->pages[i].name, 0);
				report_csv_field(fp, t->title, 0);
				for (c = 0; c < wide->ncols; c++) {
					s = c < t->ncols ? rcell_format(
					    &t->rows[j].cells[c], '.') :
					    xstrdup("");
					report_csv_field(fp, s,
					    c + 1 == wide->ncols);
					free(s);
				}
			}
		}
	}
	return ferror(fp) ? -1 : 0;
}
