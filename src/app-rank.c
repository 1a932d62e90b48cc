/*
 * app-rank: the ranking layout of a year (agencies by block, group and
 * official order, built once at load) and the ranks computed from it:
 * a whole year at load, one group after an edit.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "util.h"

/* The group an agency is ranked in (within its block): 0 without a
 * parent, else 1 + the parent's official order (communes are ranked
 * within their district). */
size_t
app_list_group(const struct form_agency_list *l, const struct form_agency *ag)
{
	const struct form_agency	*p;

	if (ag->parent == NULL || (p = agency_find(l, ag->parent)) == NULL)
		return 0;
	return p->order + 1;
}

/* The ranking layout (struct app_year): built once, at load. */
struct app_layout_key {
	size_t	block, group, index;
};

/* Stable counting sort of in[0..n) into out by key (block or group,
 * each below nkeys): linear, where qsort was a third of opening a
 * national year for one edit. */
static void
app_layout_pass(const struct app_layout_key *in, struct app_layout_key *out,
    size_t n, size_t nkeys, int by_block)
{
	size_t	*at = xcalloc(nkeys + 1, sizeof *at);
	size_t	 i, k, sum;

	for (i = 0; i < n; i++)
		at[by_block ? in[i].block : in[i].group]++;
	for (k = 0, sum = 0; k < nkeys; k++) {
		size_t	c = at[k];

		at[k] = sum;
		sum += c;
	}
	for (i = 0; i < n; i++)
		out[at[by_block ? in[i].block : in[i].group]++] = in[i];
	free(at);
}

void
app_layout_build(struct app_year *y)
{
	struct app_layout_key	*k = xcalloc(y->nags + 1, sizeof *k);
	struct app_layout_key	*t = xcalloc(y->nags + 1, sizeof *t);
	size_t			 i, j, b, nb = y->list->nblocks;

	for (i = 0; i < y->nags; i++) {
		k[i].block = y->ags[i].block;
		k[i].group = app_list_group(y->list, y->ags[i].ag);
		k[i].index = i;
	}
	/* By block, group, then index: index order is the input's, so a
	 * pass by group then a stable pass by block. */
	app_layout_pass(k, t, y->nags, y->list->nagencies + 1, 0);
	app_layout_pass(t, k, y->nags, nb + 1, 1);
	free(t);
	y->layout = xcalloc(y->nags + 1, sizeof *y->layout);
	y->block_from = xcalloc(nb + 2, sizeof *y->block_from);
	for (b = 0, i = 0; b <= nb; b++) {
		while (i < y->nags && k[i].block < b)
			i++;
		y->block_from[b] = i;
	}
	for (i = 0; i < y->nags; i = j) {
		for (j = i; j < y->nags && k[j].block == k[i].block &&
		    k[j].group == k[i].group; j++)
			y->layout[j] = k[j].index;
		for (b = i; b < j; b++) {
			y->ags[k[b].index].group_from = i;
			y->ags[k[b].index].group_to = j;
		}
	}
	free(k);
}

/* Rank layout[from .. to) (one group) on one side into rows. */
static size_t
app_rank_group_rows(const struct app_year *y, size_t from, size_t to,
    enum score_side side, struct score_rank_row *rows)
{
	size_t	k, n = 0;

	for (k = from; k < to; k++, n++) {
		rows[n].index = y->layout[k];
		rows[n].order = y->ags[y->layout[k]].ag->order;
		rows[n].rate = app_totals(&y->ags[y->layout[k]], side)->rate;
	}
	score_rank(rows, n);
	return n;
}

/* Fill rows with the block's agencies in rank order on one side: by
 * group (the parent's official order), then by rank within the group. */
static size_t
app_rank_block(const struct app_year *y, size_t block, enum score_side side,
    struct score_rank_row *rows)
{
	size_t	k = y->block_from[block], end = y->block_from[block + 1];
	size_t	n = 0, to;

	for (; k < end; k = to) {
		to = y->ags[y->layout[k]].group_to;
		n += app_rank_group_rows(y, k, to, side, rows + n);
	}
	return n;
}

/* The ranks of one block, both sides. */
void
app_block_ranks(struct app_year *y, size_t b, struct score_rank_row *rows)
{
	size_t	j, n;

	n = app_rank_block(y, b, SIDE_SELF, rows);
	for (j = 0; j < n; j++)
		y->ags[rows[j].index].rank_self = rows[j].rank;
	n = app_rank_block(y, b, SIDE_APPRAISED, rows);
	for (j = 0; j < n; j++)
		y->ags[rows[j].index].rank_appraised = rows[j].rank;
}

void
app_year_compute(struct app_year *y)
{
	struct score_rank_row	*rows;
	size_t		 i, b;

	rows = xcalloc(y->nags + 1, sizeof *rows);
	for (i = 0; i < y->nags; i++)
		app_agency_totals(y, &y->ags[i]);
	for (b = 0; b < y->list->nblocks; b++)
		app_block_ranks(y, b, rows);
	free(rows);
	app_changed(y);
}

void
app_group_rerank(struct app_year *y, const struct app_agency *a)
{
	struct score_rank_row	*rows;
	size_t			 n = a->group_to - a->group_from, j;

	rows = xcalloc(n + 1, sizeof *rows);
	n = app_rank_group_rows(y, a->group_from, a->group_to, SIDE_SELF,
	    rows);
	for (j = 0; j < n; j++)
		y->ags[rows[j].index].rank_self = rows[j].rank;
	n = app_rank_group_rows(y, a->group_from, a->group_to,
	    SIDE_APPRAISED, rows);
	for (j = 0; j < n; j++)
		y->ags[rows[j].index].rank_appraised = rows[j].rank;
	free(rows);
	app_changed(y);
}

void
app_agency_compute(struct app_year *y, struct app_agency *a)
{
	app_agency_totals(y, a);
	app_group_rerank(y, a);
}

void
app_block_ranking(const struct app_year *y, size_t block, enum score_side side,
    struct app_agency ***out, size_t *n)
{
	struct score_rank_row	*rows = xcalloc(y->nags + 1, sizeof *rows);
	size_t		 i;

	*n = app_rank_block(y, block, side, rows);
	*out = xcalloc(*n + 1, sizeof **out);
	for (i = 0; i < *n; i++)
		(*out)[i] = &y->ags[rows[i].index];
	free(rows);
}
