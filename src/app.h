/*
 * app: one assessment year in memory, on top of the store and the engine.
 * The command line and the screens talk to this, never to SQLite.
 *
 * A year is loaded whole (forms parsed from the copies in the database,
 * agencies, entries, deductions, the province's results) and its totals,
 * grades and ranks computed; every change goes to the store in its own
 * transaction first and then into memory, so what the screen shows is
 * what is on disk.
 */
#ifndef CCHC_APP_H
#define CCHC_APP_H

#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "score.h"
#include "store.h"

struct errlist;

/* Result codes: STORE_* values, plus bad input. */
#define APP_BADINPUT	100

/* One agency of the loaded year. */
struct app_agency {
	const struct agency	*ag;		/* borrowed from the list */
	const struct form	*form;		/* its block's form */
	size_t			 block;		/* index in list->blocks */
	char			*state;		/* workflow state */
	struct store_entry	*raw;		/* [form->nitems] */
	unsigned char		*stored;	/* [form->nitems]: on disk */
	struct entry		*entries;	/* [form->nitems] */
	struct store_deduction	*ded;
	size_t			 nded;
	int64_t			 manual;	/* sum of manual deductions */
	int64_t			 advisory;	/* computed */
	struct totals		 self;
	struct totals		 appraised;
	size_t			 rank_self;
	size_t			 rank_appraised;
};

struct app_year {
	int			 year;
	struct store_year	 info;
	struct agency_list	*list;
	struct form		**forms;	/* [nforms] */
	size_t			 nforms;
	struct form		**block_form;	/* [list->nblocks] or NULL */
	struct app_agency	*ags;		/* [nags], official order */
	size_t			 nags;
	struct province_area	*prov;
	size_t			 nprov;
	long long		 seen;		/* last audit id known to
						   match memory */
};

/* The default database: $XDG_DATA_HOME/cchc/cchc.db (folder made 0700). */
char	*app_default_db(char **cause);			/* caller frees */
/* Where the shipped forms/ and data/ are: CCHC_DATADIR, next to the
 * program (a source tree), or the installed share/cchc. */
char	*app_data_dir(void);				/* caller frees */
/* The agency list of a data dir: its data/ holds one *.cfg; NULL with
 * *cause naming them when there are none or several.  Caller frees. */
char	*app_default_agencies(const char *datadir, char **cause);
/* The name for the audit log: $CCHC_USER or the login name. */
char	*app_user(void);				/* caller frees */

/*
 * Start a year: copy the forms (every *.cfg in forms_dir) and the agency
 * list into the database, in one transaction.  With from_year > 0 the
 * agency list is the one of that year.  Problems in the files are added
 * to errs (and nothing is written).
 */
int	 app_init_year(struct store *, int year, const char *forms_dir,
	    const char *agencies, int from_year, struct errlist *errs,
	    char **cause);

/* Load a year and compute it.  Caller frees with app_year_free. */
int	 app_year_load(struct store *, int year, struct app_year **,
	    char **cause);
void	 app_year_free(struct app_year *);
/* Recompute totals, deductions, grades and ranks from memory. */
void	 app_year_compute(struct app_year *);

struct app_agency	*app_find_agency(struct app_year *, const char *code);
/* Agencies of block b in rank order (side), ties by official order.
 * *rows: caller frees. */
void	 app_block_ranking(const struct app_year *, size_t block,
	    enum side, struct app_agency ***rows, size_t *n);
const struct totals	*app_totals(const struct app_agency *, enum side);
size_t			 app_rank(const struct app_agency *, enum side);

/* Agencies of block b by name in Vietnamese dictionary order (ICU "vi",
 * so Đ follows D, not Z).  *rows: caller frees. */
void	 app_agencies_by_name(struct store *, const struct app_year *,
	    size_t block, struct app_agency ***rows, size_t *n);
/* The same status and, when scored, the same points. */
int	 app_mark_eq(const struct mark *, const struct mark *);
/* The value of "key=" in an inputs text, or NULL.  Caller frees. */
char	*app_input_text(const char *inputs, const char *key);

/*
 * Parse the text of a rule input ("level=2", "value=95,5", "done=9;
 * planned=10", "a=10;b=6;c=2") for an item and compute its points.
 */
int	 app_rule_from_text(const struct item *, const char *inputs,
	    int64_t *points, char **cause);
/* A status in English or Vietnamese, any case, with or without accents. */
int	 app_status_parse(const char *, enum status *);
/* Check points typed directly against the item's rule. */
int	 app_check_value(const struct item *, int64_t points, char **cause);

/*
 * Write one entry (in its own transaction unless one is open) and update
 * memory.  e->agency and e->item name it.  Checks the year lock and the
 * agency's workflow state (self scores are frozen once submitted,
 * appraised scores once appraised).
 */
int	 app_put_entry(struct store *, struct app_year *,
	    const struct store_entry *, int in_txn, char **cause);
/* The default entry of an item for an agency (profile: not assigned). */
void	 app_default_entry(const struct app_agency *, size_t item,
	    struct store_entry *);

/* Evidence text "number|date|title; number|date|title" <-> list. */
int	 app_parse_evidence(const char *, struct store_evidence **, size_t *,
	    char **cause);
char	*app_format_evidence(const struct store_evidence *, size_t);

/* The years in the database, ascending.  *years: caller frees. */
int	 app_years(struct store *, int **years, size_t *n, char **cause);

/* Add or remove a manual deduction line of an agency (own transaction);
 * for removal the agency may be NULL: the line's own is found. */
int	 app_deduction_add(struct store *, struct app_year *,
	    struct app_agency *, int64_t points, const char *reason,
	    const char *evidence, char **cause);
int	 app_deduction_remove(struct store *, struct app_year *,
	    struct app_agency *, long id, char **cause);

/* Store one area of the province's results and recompute. */
int	 app_province_put(struct store *, struct app_year *,
	    const struct province_area *, char **cause);

/* Agency workflow: submit, appraise; year: publish, reopen. */
int	 app_set_state(struct store *, struct app_year *, const char *agency,
	    const char *action, const char *reason, char **cause);

#endif
