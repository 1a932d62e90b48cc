/*
 * app-int: what the app-*.c files share and nobody else sees.
 */
#ifndef CCHC_APP_INT_H
#define CCHC_APP_INT_H

#include "app.h"
#include "store.h"

/* The store's codes are the app's (same numbers). */
_Static_assert((int)APP_CONFLICT == (int)STORE_CONFLICT &&
    (int)APP_CANTOPEN == (int)STORE_CANTOPEN &&
    (int)APP_LOCKED == (int)STORE_LOCKED && (int)APP_OK == (int)STORE_OK,
    "app and store codes differ");

/* End a transaction: commit when rc is APP_OK, else roll back; rc. */
int	 app_end(struct store *, int rc, char **cause);
/* The year is published: APP_LOCKED with the reopen hint. */
int	 app_locked(const struct app_year *, char **cause);
/* A state's stored word back to the enum; -1 if unknown. */
int	 app_state_parse(const char *, enum app_state *);
/* Mark the year changed: what is on screen must be drawn again. */
void	 app_changed(struct app_year *);
/* Places fallen in the national ranking, from the year before. */
int	 app_province_falls(struct store *, struct app_year *, char **cause);

/* One agency's totals from memory (no ranks). */
void	 app_agency_totals(struct app_year *, struct app_agency *);
/* The year's ranking layout (app-rank.c), built once at load. */
void	 app_layout_build(struct app_year *);
size_t	 app_list_group(const struct form_agency_list *,
	    const struct form_agency *);
/* The ranks of a block again (its agencies' totals are current). */
/* Rank again the group of a (its block's agencies with its parent):
 * the ranks an edit of a can change. */
void	 app_group_rerank(struct app_year *, const struct app_agency *a);
/* The ranks of block b on both sides; rows holds nags entries. */
void	 app_block_ranks(struct app_year *, size_t b,
    struct score_rank_row *rows);

/* Read the stored totals of a year (agency NULL) or one agency into
 * memory (sums; finished by app_agency_totals). */
int	 app_totals_read(struct store *, struct app_year *, const char *agency,
	    char **cause);
/* Store the totals of an agency that has no entry yet (a new year). */
/* Store a year's agency list packed beside its text (form-pack.c). */
int	 app_list_pack_put(struct store *, int year,
	    const struct form_agency_list *, char **cause);
int	 app_totals_initial(struct store *, int year,
	    const struct form_agency *, const struct form *, char **cause);
/* Store an agency's totals (inside the transaction of its change). */
int	 app_totals_write(struct store *, struct app_year *,
	    struct app_agency *, char **cause);

/* Free an open batch's state (the year is being freed). */
void	 app_batch_free(struct app_batch *);

#endif
