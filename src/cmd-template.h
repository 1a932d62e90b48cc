/*
 * cmd-template: the cells of a scores CSV row, and templates — the rows
 * one appraiser or one agency fills, each with the version of the stored
 * row it was made from (man/cchc.1, "Templates").
 */
#ifndef CCHC_CMD_TEMPLATE_H
#define CCHC_CMD_TEMPLATE_H

#include <stddef.h>

#include "csvcols.h"
#include "score.h"
#include "util.h"

struct app_year;
struct app_agency;

/* The cells export writes for one stored entry (v[COL_VERSION] NULL). */
struct csv_cells {
	const char	*v[CSV_NCOLS];
	char		*own[8];	/* what v points into, freed */
	size_t		 nown;
	char		 sp[UTIL_CP_BUFSZ], ap[UTIL_CP_BUFSZ], fp[UTIL_CP_BUFSZ];
};
/* The entry's cells (its agency's entries in memory). */
void	 csv_cells_of(struct csv_cells *, const struct app_agency *,
	    size_t item);
void	 csv_cells_clear(struct csv_cells *);

/* What a template holds: an appraiser's rows (appraised side) of every
 * agency or of one block, or one agency's rows for one side. */
struct tmpl_scope {
	const char	*appraiser;	/* or NULL */
	const char	*agency;	/* or NULL */
	const char	*block;		/* NULL: every block */
	enum score_side	 side;
};

/* "self:" or "appraised:", 12 hex digits, NUL. */
#define TMPL_VERSION_SZ	24

/* The options --block, --appraiser, --agency and --side that import and
 * export share: the entries of their getopt_long tables (<getopt.h>),
 * and what was given. */
#define TMPL_LONG_OPTIONS						\
	{ "block", required_argument, NULL, 'b' },			\
	{ "appraiser", required_argument, NULL, 'r' },			\
	{ "agency", required_argument, NULL, 'a' },			\
	{ "side", required_argument, NULL, 's' }
struct tmpl_args {
	const char	*block, *appraiser, *agency, *side;
};
/* Keep getopt's option c (its argument arg) in a: 1, or 0 when c is
 * not one of them. */
int	 tmpl_arg(int c, const char *arg, struct tmpl_args *a);
/* The scope of those options (*tmpl: a template is asked for); 0, or -1
 * with *cause (usage). */
int	 tmpl_scope_parse(struct tmpl_scope *, int *tmpl,
	    const struct tmpl_args *, char **cause);
/* Check the codes of a scope against the year: 0, or -1 with *cause. */
int	 tmpl_scope_check(const struct app_year *, const struct tmpl_scope *,
	    char **cause);
/* Is the (agency, item) in the scope? */
int	 tmpl_in_scope(const struct app_year *, const struct tmpl_scope *,
	    const struct app_agency *, size_t item);
/* The version of a row's cells for the scope's side. */
void	 tmpl_version(const struct tmpl_scope *, const char *const *cells,
	    char out[TMPL_VERSION_SZ]);

/* A template row against the stored entry (its agency's entries in
 * memory): apply it, skip it (as exported: nothing filled), or refuse
 * it (*cause says why; caller frees). */
enum tmpl_verdict {
	TMPL_APPLY,
	TMPL_SKIP,
	TMPL_REFUSE
};
enum tmpl_verdict tmpl_check_row(const struct app_year *,
	    const struct tmpl_scope *, const struct app_agency *, size_t item,
	    const char *const *cells, char **cause);
/* Keep only what the scope's side fills: the other side's cells and
 * empty cells become NULL (not filled: left as stored). */
void	 tmpl_filter(const struct tmpl_scope *, const char **cells);

#endif
