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

/*
 * Text is laid out as blocks of lines that stay on one page (a table row
 * with its wrapped lines; a part's title with its header and first row;
 * the signature), then, when paginated, cut into pages of a fixed number
 * of lines, each with a running header ("Trang i/N") and the table's
 * header repeated where a table goes on.
 */
struct tblock {
	struct tlines	 l;
	size_t		 head;		/* index + 1 of the block of the
					   table header to repeat; 0 none */
	int		 newpage;	/* a document page starts here */
	size_t		 docpage;	/* which page of the document */
};

struct tout {
	struct tblock	*b;
	size_t		 n;
	int		 open;		/* the last block takes lines */
	size_t		 head;		/* repeated above rows: index + 1 */
	size_t		 docpage;
};

/* The block lines go to: the open one, or a new one. */
static struct tblock *
tout_block(struct tout *o)
{
	struct tblock	*b;

	if (o->open && o->n > 0)
		return &o->b[o->n - 1];
	o->b = xreallocarray(o->b, o->n + 1, sizeof *o->b);
	b = &o->b[o->n++];
	memset(b, 0, sizeof *b);
	b->head = o->head;
	b->docpage = o->docpage;
	o->open = 1;
	return b;
}

/* Add a line (taken) to the open block, without its trailing blanks. */
static void
tout_take(struct tout *o, char *s)
{
	size_t	n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	tlines_add(&tout_block(o)->l, s);
}

static void
tout_line(struct tout *o, const char *s)
{
	tout_take(o, xstrdup(s));
}

/* Close the open block: the next line starts another. */
static void
tout_end(struct tout *o)
{
	o->open = 0;
}

static void
tout_clear(struct tout *o)
{
	size_t	i;

	for (i = 0; i < o->n; i++)
		tlines_clear(&o->b[i].l);
	free(o->b);
}

/* s centred in width columns. */
static void
text_centre(struct tout *o, const char *s, int width)
{
	struct tlines	l = { NULL, 0 };
	size_t		i;
	int		w;

	text_wrap(s, width, &l);
	for (i = 0; i < l.n; i++) {
		w = text_width(l.v[i]);
		tout_take(o, xasprintf("%*s%s", w < width ? (width - w) / 2 : 0,
		    "", l.v[i]));
	}
	tlines_clear(&l);
}

/*
 * The width of each column: the fixed ones, and the rest to the flexible
 * one; *gap blanks between columns (2, or 1 when 2 would leave the
 * flexible column under 12).  The whole never passes width unless the
 * fixed columns alone nearly do.
 */
static void
text_widths(const struct rtable *t, int width, int *w, int *gap)
{
	size_t	i, flex = 0;
	int	fixed = 0, seps = (int)t->ncols - 1;

	for (i = 0; i < t->ncols; i++) {
		w[i] = t->cols[i].width;
		if (w[i] == 0)
			flex = i;
		fixed += w[i];
	}
	*gap = width - fixed - 2 * seps < 12 ? 1 : 2;
	w[flex] = width - fixed - *gap * seps;
	if (w[flex] < 6)
		w[flex] = 6;
}

/* One row of cells (texts), wrapped within their columns. */
static void
text_cells(struct tout *o, const struct rtable *t, char **cells, const int *w,
    int gap)
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
				strbuf_printf(&b, "%*s", gap, "");
			pad = text_pad(k < l[i].n ? l[i].v[k] : "", w[i],
			    t->cols[i].right);
			strbuf_puts(&b, pad);
			free(pad);
		}
		tout_take(o, strbuf_steal(&b));
	}
	strbuf_clear(&b);
	for (i = 0; i < t->ncols; i++)
		tlines_clear(&l[i]);
	free(l);
}

/* The header of a table and its rule, into the open block. */
static void
text_table_head(struct tout *o, const struct rtable *t, const int *w, int gap)
{
	char	**cells = xcalloc(t->ncols, sizeof *cells);
	char	 *rule;
	size_t	  i;
	int	  total = 0;

	for (i = 0; i < t->ncols; i++) {
		cells[i] = (char *)t->cols[i].head;
		total += w[i] + (i > 0 ? gap : 0);
	}
	text_cells(o, t, cells, w, gap);
	rule = xmalloc((size_t)total + 1);
	memset(rule, '-', (size_t)total);
	rule[total] = '\0';
	tout_take(o, rule);
	free(cells);
}

static void
text_table(struct tout *o, const struct rtable *t, int width)
{
	int	*w = xcalloc(t->ncols, sizeof *w), gap;
	char	**cells = xcalloc(t->ncols, sizeof *cells);
	size_t	 i, j, head;

	text_widths(t, width, w, &gap);
	/* The header alone, as the block a page that goes on repeats. */
	tout_end(o);
	o->head = 0;
	text_table_head(o, t, w, gap);
	head = o->n;
	o->b[head - 1].docpage = (size_t)-1;	/* never printed in place */
	tout_end(o);
	/* The title and the header stay with the first row. */
	tout_line(o, "");
	if (t->title != NULL) {
		tout_line(o, t->title);
		tout_line(o, "");
	}
	text_table_head(o, t, w, gap);
	o->head = head;
	for (j = 0; j < t->nrows; j++) {
		for (i = 0; i < t->ncols; i++)
			cells[i] = rcell_format(&t->rows[j].cells[i], ',');
		text_cells(o, t, cells, w, gap);
		tout_end(o);
		for (i = 0; i < t->ncols; i++)
			free(cells[i]);
	}
	o->head = 0;
	tout_end(o);
	if (t->nnotes > 0)
		tout_line(o, "");
	for (j = 0; j < t->nnotes; j++) {
		struct tlines	l = { NULL, 0 };

		text_wrap(t->notes[j], width, &l);
		for (i = 0; i < l.n; i++)
			tout_line(o, l.v[i]);
		tlines_clear(&l);
	}
	tout_end(o);
	free(cells);
	free(w);
}

/* One line of the decision's header: each column centred in its part. */
static void
text_head_line(struct tout *o, const char *left, const char *right, int lw,
    int rw)
{
	int	 la, ra;
	char	*l, *lp;

	if (left == NULL)
		left = "";
	if (right == NULL)
		right = "";
	la = text_width(left);
	ra = text_width(right);
	l = xasprintf("%*s%s", la < lw ? (lw - la) / 2 : 0, "", left);
	lp = text_pad(l, lw, 0);
	tout_take(o, xasprintf("%s%*s%s", lp, ra < rw ? (rw - ra) / 2 : 0, "",
	    right));
	free(lp);
	free(l);
}

/* Lay a document out as blocks. */
static void
text_layout(struct tout *o, const struct rdoc *d, int width)
{
	const struct rpage	*p;
	size_t			 i, k;
	int			 lw = width * 2 / 5, rw = width - lw;

	for (i = 0; i < d->npages; i++) {
		p = &d->pages[i];
		tout_end(o);
		o->docpage = i;
		tout_block(o)->newpage = 1;
		if (d->draft != NULL)
			text_centre(o, d->draft, width);
		for (k = 0; k < 2; k++) {
			if (p->left[k] == NULL && p->right[k] == NULL)
				continue;
			text_head_line(o, p->left[k], p->right[k], lw, rw);
		}
		if (p->left[0] != NULL || p->right[0] != NULL)
			tout_line(o, "");
		for (k = 0; k < p->ntitles; k++)
			text_centre(o, p->titles[k], width);
		for (k = 0; k < p->ntables; k++)
			text_table(o, &p->tables[k], width);
		/* The signature stays with what it signs (the last notes). */
		o->open = p->ntables > 0;
		if (p->nsign > 0)
			tout_line(o, "");
		for (k = 0; k < p->nsign; k++) {
			int	sw = text_width(p->sign[k]);

			if (*p->sign[k] == '\0')
				tout_line(o, "");
			else
				tout_take(o, xasprintf("%*s%s", lw + (sw < rw ?
				    (rw - sw) / 2 : 0), "", p->sign[k]));
		}
	}
	tout_end(o);
}

/* A printed page: count lines of the blocks from (block, line), under
 * the table header of block head (index + 1; 0 none). */
struct tpage {
	size_t	 block, line, count, head, docpage;
};

static struct tpage *
tpage_add(struct tpage *pg, size_t *n, size_t block, size_t line,
    size_t docpage)
{
	pg = xreallocarray(pg, *n + 1, sizeof *pg);
	memset(&pg[*n], 0, sizeof pg[*n]);
	pg[*n].block = block;
	pg[*n].line = line;
	pg[*n].docpage = docpage;
	(*n)++;
	return pg;
}

/* Cut the blocks into pages of body lines.  Caller frees. */
static struct tpage *
text_paginate(const struct tout *o, size_t body, size_t *np)
{
	struct tpage	*pg = NULL;
	size_t		 n = 0, i, k, used = 0, hn;

	for (i = 0; i < o->n; i++) {
		const struct tblock	*b = &o->b[i];

		if (b->docpage == (size_t)-1)
			continue;
		hn = b->head > 0 ? o->b[b->head - 1].l.n : 0;
		if (n == 0 || (b->newpage && used > 0) ||
		    (used > 0 && used + b->l.n > body)) {
			pg = tpage_add(pg, &n, i, 0, b->docpage);
			used = 0;
			/* Rows go on under their table's header. */
			if (!b->newpage && hn > 0 && hn + b->l.n <= body) {
				pg[n - 1].head = b->head;
				used = hn;
			}
		}
		for (k = 0; k < b->l.n; k++) {
			/* A block taller than a page is cut. */
			if (used >= body) {
				pg = tpage_add(pg, &n, i, k, b->docpage);
				used = 0;
			}
			pg[n - 1].count++;
			used++;
		}
	}
	*np = n;
	return pg;
}

/* The running header of page i of n: the draft mark and the page's
 * name on the left, "Trang i/N" on the right, then a blank line. */
static void
text_running(FILE *fp, const struct rdoc *d, size_t docpage, size_t i,
    size_t n, int width)
{
	const struct rpage	*p = docpage < d->npages ? &d->pages[docpage] :
				    NULL;
	const char		*name = p == NULL ? "" : p->running != NULL ?
				    p->running : p->ntitles > 0 ?
				    p->titles[0] : "";
	char			*left, *fit, *right, *line;
	int			 rw;

	right = xasprintf("Trang %zu/%zu", i + 1, n);
	rw = text_width(right);
	left = xasprintf("%s%s%s", d->draft != NULL ? d->draft : "",
	    d->draft != NULL && *name != '\0' ? " — " : "", name);
	fit = text_pad(left, width - rw - 2 > 0 ? width - rw - 2 : 1, 0);
	line = xasprintf("%s  %s", fit, right);
	fprintf(fp, "%s%s\n\n", i > 0 ? "\f" : "", line);
	free(line);
	free(right);
	free(fit);
	free(left);
}

/* Page i: its header, the table header it goes on under, its lines (a
 * page that goes on starts with no blank line). */
static void
text_page(FILE *fp, const struct tout *o, const struct tpage *pg)
{
	const struct tblock	*h;
	size_t			 b = pg->block, l = pg->line, c, k;
	int			 top = 1;

	if (pg->head > 0) {
		h = &o->b[pg->head - 1];
		for (k = 0; k < h->l.n; k++)
			fprintf(fp, "%s\n", h->l.v[k]);
		top = 0;
	}
	for (c = 0; c < pg->count; c++) {
		while (l >= o->b[b].l.n || o->b[b].docpage == (size_t)-1) {
			b++;
			l = 0;
		}
		if (!(top && *o->b[b].l.v[l] == '\0' && !o->b[b].newpage)) {
			fprintf(fp, "%s\n", o->b[b].l.v[l]);
			top = 0;
		}
		l++;
	}
}

int
report_write_text(FILE *fp, const struct rdoc *d, const struct report_out *ro)
{
	struct tout	 o;
	struct tpage	*pg;
	size_t		 i, k, np;
	int		 width = ro->width > 0 ? ro->width : 80;

	memset(&o, 0, sizeof o);
	text_layout(&o, d, width);
	if (ro->page_length <= 0) {
		for (i = 0; i < o.n; i++) {
			if (o.b[i].docpage == (size_t)-1)
				continue;
			if (o.b[i].newpage && i > 0)
				fputs("\f\n", fp);
			for (k = 0; k < o.b[i].l.n; k++)
				fprintf(fp, "%s\n", o.b[i].l.v[k]);
		}
		tout_clear(&o);
		return ferror(fp) ? -1 : 0;
	}
	/* Two lines of each page are its running header. */
	pg = text_paginate(&o, ro->page_length > 3 ?
	    (size_t)ro->page_length - 2 : 1, &np);
	for (i = 0; i < np; i++) {
		text_running(fp, d, pg[i].docpage, i, np, width);
		text_page(fp, &o, &pg[i]);
		if (ro->progress != NULL)
			ro->progress->fn(ro->progress->arg, REPORT_WRITING,
			    i + 1, np);
	}
	free(pg);
	tout_clear(&o);
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
