/* report-doc: the document model every report format writes. */
#include "report-doc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct rdoc *
rdoc_new(void)
{
	return xcalloc(1, sizeof(struct rdoc));
}

static void
rtable_clear(struct rtable *t)
{
	size_t	i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i].cells[j].s);
		free(t->rows[i].cells);
	}
	free(t->rows);
	for (i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	free(t->title);
}

static void
rpage_clear(struct rpage *p)
{
	size_t	i;

	free(p->name);
	free(p->running);
	for (i = 0; i < 2; i++) {
		free(p->left[i]);
		free(p->right[i]);
	}
	for (i = 0; i < p->ntitles; i++)
		free(p->titles[i]);
	free(p->titles);
	for (i = 0; i < p->ntables; i++)
		rtable_clear(&p->tables[i]);
	free(p->tables);
	for (i = 0; i < p->nsign; i++)
		free(p->sign[i]);
	free(p->sign);
	if (p->chart != NULL) {
		for (i = 0; i < p->chart->nbars; i++)
			free(p->chart->bars[i].name);
		free(p->chart->bars);
		free(p->chart->title);
		free(p->chart);
	}
}

void
rdoc_free(struct rdoc *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->npages; i++)
		rpage_clear(&d->pages[i]);
	free(d->pages);
	for (i = 0; i < d->ngrades; i++)
		free(d->grades[i]);
	free(d->grades);
	free(d->draft);
	free(d);
}

struct rpage *
rdoc_page(struct rdoc *d, const char *name)
{
	struct rpage	*p;

	d->pages = xreallocarray(d->pages, d->npages + 1, sizeof *d->pages);
	p = &d->pages[d->npages++];
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	return p;
}

/* Append a copy of s to a string array. */
static void
rdoc_push(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

void
rpage_title(struct rpage *p, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	rdoc_push(&p->titles, &p->ntitles, xvasprintf(fmt, ap));
	va_end(ap);
}

void
rpage_sign(struct rpage *p, const char *s)
{
	rdoc_push(&p->sign, &p->nsign, xstrdup(s));
}

struct rtable *
rpage_table(struct rpage *p, const char *title, const struct rcol *cols,
    size_t ncols)
{
	struct rtable	*t;

	p->tables = xreallocarray(p->tables, p->ntables + 1,
	    sizeof *p->tables);
	t = &p->tables[p->ntables++];
	memset(t, 0, sizeof *t);
	t->title = xstrdup(title);
	t->cols = cols;
	t->ncols = ncols;
	return t;
}

void
rtable_note(struct rtable *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	rdoc_push(&t->notes, &t->nnotes, xvasprintf(fmt, ap));
	va_end(ap);
}

struct rrow *
rtable_row(struct rtable *t, int style)
{
	struct rrow	*r;
	size_t		 i;

	t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
	r = &t->rows[t->nrows++];
	r->cells = xcalloc(t->ncols, sizeof *r->cells);
	r->style = style;
	for (i = 0; i < t->ncols; i++)
		r->cells[i].grade = -1;
	return r;
}

void
rrow_text(struct rrow *r, size_t i, const char *s)
{
	free(r->cells[i].s);
	r->cells[i].type = RC_TEXT;
	r->cells[i].s = xstrdup(s);
}

void
rrow_num(struct rrow *r, size_t i, enum rcell_type type, int64_t v)
{
	free(r->cells[i].s);
	r->cells[i].s = NULL;
	r->cells[i].type = type;
	r->cells[i].v = v;
	/* A number cell is never empty: s marks it present. */
	r->cells[i].s = xstrdup("");
}

void
rrow_rate(struct rrow *r, size_t i, int64_t rate, int grade)
{
	rrow_num(r, i, RC_RATE, rate);
	r->cells[i].grade = grade;
}

char *
rcell_format(const struct rcell *c, char mark)
{
	char	b[UTIL_CP_BUFSZ];

	if (c->s == NULL)
		return xstrdup("");
	switch (c->type) {
	case RC_TEXT:
		return xstrdup(c->s);
	case RC_CP:
		return xstrdup(util_format_cp2(c->v, mark, b));
	case RC_CPT:
		return xstrdup(util_format_cp(c->v, mark, b));
	case RC_RATE:
		return xstrdup(util_format_cp2(c->v, mark, b));
	case RC_INT:
		return xasprintf("%lld", (long long)c->v);
	}
	return xstrdup("");
}
