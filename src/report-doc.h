/*
 * report-doc: a printed report as a document model, built once from the
 * app's numbers (report-annex.c, report-sheet.c, report-areas.c) and
 * written by one writer per format (report-text.c: text and CSV,
 * report-xlsx.c, report-pdf.c), so every format shows the same rows.
 *
 * A document is pages (one per agency for sheets, else one); a page has
 * a head (the decision's two header columns), centred title lines,
 * tables (a part each) and closing lines (the signature block).  Numbers
 * stay integers: points in hundredths, rates in basis points.
 */
#ifndef CCHC_REPORT_DOC_H
#define CCHC_REPORT_DOC_H

#include <stddef.h>
#include <stdint.h>

enum rcell_type {
	RC_TEXT,
	RC_CP,		/* points, hundredths, two decimals */
	RC_CPT,		/* points, trailing zeros trimmed (a max) */
	RC_RATE,	/* basis points, printed as a percentage */
	RC_INT
};

struct rcell {
	enum rcell_type	 type;
	char		*s;		/* RC_TEXT; NULL is empty */
	int64_t		 v;
	int		 grade;		/* RC_RATE: index of the grade, for
					   colours; -1 none */
};

#define RROW_BOLD	0x1	/* an area, a total */
#define RROW_SUB	0x2	/* a criterion's subtotal */

struct rrow {
	struct rcell	*cells;		/* [table->ncols] */
	int		 style;
};

struct rcol {
	const char	*head;		/* printed heading */
	const char	*key;		/* CSV heading */
	int		 width;		/* text columns; 0: takes the rest */
	int		 right;		/* aligned right */
	double		 weight;	/* share of a PDF or XLSX width */
};

struct rtable {
	char		*title;		/* a part's heading; may be NULL */
	const struct rcol	*cols;		/* borrowed, static */
	size_t		 ncols;
	struct rrow	*rows;
	size_t		 nrows;
	char		**notes;	/* lines under the table */
	size_t		 nnotes;
	int		 heat;		/* rate cells coloured by grade */
};

/* A bar of a chart: a name, a rate, its grade. */
struct rbar {
	char		*name;
	int64_t		 rate;
	int		 grade;
};

struct rchart {
	char		*title;
	struct rbar	*bars;
	size_t		 nbars;
	int64_t		 bounds[8];	/* grade lower bounds, bp */
	size_t		 nbounds;
};

struct rpage {
	char		*name;		/* a sheet's name (XLSX), CSV "page" */
	char		*running;	/* the running header of text pages,
					   or NULL: the first title */
	char		*left[2];	/* the header's left column */
	char		*right[2];	/* and right column; NULL if none */
	char		**titles;	/* centred, the first bold */
	size_t		 ntitles;
	struct rtable	*tables;
	size_t		 ntables;
	char		**sign;		/* the signature block, right */
	size_t		 nsign;
	struct rchart	*chart;		/* drawn after (PDF); may be NULL */
};

struct rdoc {
	char		*draft;		/* a mark on every page, or NULL */
	int		 wide;		/* landscape */
	char		**grades;	/* grade names by index (colours) */
	size_t		 ngrades;
	struct rpage	*pages;
	size_t		 npages;
};

struct rdoc	*rdoc_new(void);
void		 rdoc_free(struct rdoc *);
/* Add a page, a title line, a table, a row; pointers valid until the
 * next add of the same kind.  Strings are copied. */
struct rpage	*rdoc_page(struct rdoc *, const char *name);
void		 rpage_title(struct rpage *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void		 rpage_sign(struct rpage *, const char *);
struct rtable	*rpage_table(struct rpage *, const char *title,
		    const struct rcol *cols, size_t ncols);
void		 rtable_note(struct rtable *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
struct rrow	*rtable_row(struct rtable *, int style);
/* Set cell i of a row. */
void		 rrow_text(struct rrow *, size_t i, const char *);
void		 rrow_num(struct rrow *, size_t i, enum rcell_type, int64_t);
void		 rrow_rate(struct rrow *, size_t i, int64_t rate, int grade);

/* A cell as printed: "92,10", "86,08", "100" (max trims zeros).  The
 * mark is the decimal mark.  Caller frees. */
char		*rcell_format(const struct rcell *, char mark);

#endif
