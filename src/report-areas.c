/* report-areas: the component matrix (areas) and self vs appraised. */
#include "report-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* STT, name, total, then up to 12 areas: a block uses a prefix. */
static const struct rcol areas_cols[] = {
	{ "STT", "rank", 3, 1, 0.5 },
	{ "Tên cơ quan, đơn vị", "name", 0, 0, 3.6 },
	{ "Chỉ số", "total", 6, 1, 0.8 },
	{ "LV1", "area1", 6, 1, 0.7 }, { "LV2", "area2", 6, 1, 0.7 },
	{ "LV3", "area3", 6, 1, 0.7 }, { "LV4", "area4", 6, 1, 0.7 },
	{ "LV5", "area5", 6, 1, 0.7 }, { "LV6", "area6", 6, 1, 0.7 },
	{ "LV7", "area7", 6, 1, 0.7 }, { "LV8", "area8", 6, 1, 0.7 },
	{ "LV9", "area9", 6, 1, 0.7 }, { "LV10", "area10", 6, 1, 0.7 },
	{ "LV11", "area11", 6, 1, 0.7 }, { "LV12", "area12", 6, 1, 0.7 },
};
#define AREAS_FIXED	3
#define AREAS_MAX	12

int
report_build_areas(struct store *st, struct app_year *y,
    const struct report_opts *o, struct rdoc *d, char **cause)
{
	struct app_agency	**rows;
	struct rpage		*p;
	struct rtable		*t;
	struct rrow		*r;
	const struct form	*f;
	int64_t			*smax, *spts, tmax, tpts, low;
	size_t			 b, i, k, n, na, part = 0, weak;
	char			*name;

	(void)st;
	(void)cause;
	d->wide = 1;
	p = rdoc_page(d, "areas");
	p->running = xasprintf("Chỉ số thành phần theo lĩnh vực năm %d",
	    y->year);
	report_head(d, p, y, o);
	rpage_title(p, "CHỈ SỐ THÀNH PHẦN THEO LĨNH VỰC CẢI CÁCH HÀNH CHÍNH NĂM %d", y->year);
	rpage_title(p, "(Tỷ lệ đạt (%%) của từng lĩnh vực; %s)",
	    o->side == SIDE_SELF ? "theo điểm tự chấm" :
	    "theo điểm thẩm định");
	for (b = 0; b < y->list->nblocks; b++) {
		if (o->block != NULL && strcmp(y->list->blocks[b].code,
		    o->block) != 0)
			continue;
		app_block_ranking(y, b, o->side, &rows, &n);
		if (n == 0) {
			free(rows);
			continue;
		}
		f = rows[0]->form;
		na = f->nareas < AREAS_MAX ? f->nareas : AREAS_MAX;
		name = report_upper(y->list->blocks[b].name);
		t = rpage_table(p, NULL, areas_cols, AREAS_FIXED + na);
		free(t->title);
		t->title = xasprintf("%s. %s", report_roman(++part), name);
		free(name);
		t->heat = 1;
		smax = xcalloc(na + 1, sizeof *smax);
		spts = xcalloc(na + 1, sizeof *spts);
		tmax = tpts = 0;
		for (i = 0; i < n; i++) {
			const struct score_totals	*tot = app_totals(rows[i],
			    o->side);

			r = rtable_row(t, 0);
			rrow_num(r, 0, RC_INT, (int64_t)app_rank(rows[i],
			    o->side));
			rrow_text(r, 1, rows[i]->ag->name);
			report_rate_cell(d, r, 2, rows[i]->form, tot->rate);
			tmax += tot->max;
			tpts += tot->total;
			for (k = 0; k < na && k < tot->nareas; k++) {
				report_rate_cell(d, r, AREAS_FIXED + k,
				    rows[i]->form, tot->area_rate[k]);
				smax[k] += tot->area_max[k];
				spts[k] += tot->area_points[k];
			}
		}
		/* The block's own rate per area: its points over its max. */
		r = rtable_row(t, RROW_BOLD);
		rrow_text(r, 1, "Chung cả khối");
		report_rate_cell(d, r, 2, f, score_rate(tpts, tmax));
		weak = 0;
		low = INT64_MAX;
		for (k = 0; k < na; k++) {
			int64_t	rt = score_rate(spts[k], smax[k]);

			report_rate_cell(d, r, AREAS_FIXED + k, f, rt);
			if (smax[k] > 0 && rt < low) {
				low = rt;
				weak = k;
			}
		}
		for (k = 0; k < na; k++)
			rtable_note(t, "LV%zu: %s%s", k + 1, f->areas[k].title,
			    k == weak && low != INT64_MAX ?
			    " (thấp nhất)" : "");
		free(smax);
		free(spts);
		free(rows);
	}
	return APP_OK;
}

static const struct rcol compare_cols[] = {
	{ "Mã", "code", 8, 0, 1.6 },
	{ "Cơ quan, đơn vị / tiêu chí thành phần", "title", 0, 0, 4.3 },
	{ "Điểm tối đa", "max", 6, 1, 0.9 },
	{ "Tự chấm", "self", 7, 1, 0.9 },
	{ "Thẩm định", "appraised", 8, 1, 0.9 },
	{ "Chênh lệch", "gap", 8, 1, 0.9 },
};

/* An item's gap, for sorting. */
struct gap {
	size_t	 item;
	int64_t	 gap;
};

static int
gap_cmp(const void *va, const void *vb)
{
	const struct gap	*a = va, *b = vb;
	int64_t			 x = a->gap < 0 ? -a->gap : a->gap;
	int64_t			 z = b->gap < 0 ? -b->gap : b->gap;

	if (x != z)
		return x > z ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* The items of one agency with a gap, largest first (limit: 0 = all). */
static int
compare_items(struct store *st, struct app_year *y, struct rpage *p,
    struct app_agency *a, size_t limit, char **cause)
{
	const struct form	*f = a->form;
	struct gap		*g;
	struct rtable		*t;
	struct rrow		*r;
	size_t			 j, n = 0;
	unsigned		 fs, fa;
	int64_t			 ps, pa;
	int			 rc, had = a->raw != NULL;
	char			*title;

	if ((rc = app_agency_entries(st, y, a, cause)) != APP_OK)
		return rc;
	g = xcalloc(f->nitems + 1, sizeof *g);
	for (j = 0; j < f->nitems; j++) {
		ps = score_item(&f->items[j], &a->entries[j], SIDE_SELF, &fs);
		pa = score_item(&f->items[j], &a->entries[j], SIDE_APPRAISED,
		    &fa);
		/* Not assigned on a side is no 0: such items are left out. */
		if ((fs | fa) & SCORE_NOT_ASSIGNED)
			continue;
		if (ps != pa) {
			g[n].item = j;
			g[n].gap = ps - pa;
			n++;
		}
	}
	qsort(g, n, sizeof *g, gap_cmp);
	title = xasprintf("%s (%s)", a->ag->name, a->ag->code);
	t = rpage_table(p, title, compare_cols, UTIL_ARRAY_LEN(compare_cols));
	free(title);
	for (j = 0; j < n && (limit == 0 || j < limit); j++) {
		const struct form_item	*it = &f->items[g[j].item];

		r = rtable_row(t, 0);
		rrow_text(r, 0, it->code);
		rrow_text(r, 1, it->title);
		rrow_num(r, 2, RC_CPT, it->max);
		rrow_num(r, 3, RC_CPT, score_item(it, &a->entries[g[j].item],
		    SIDE_SELF, &fs));
		rrow_num(r, 4, RC_CPT, score_item(it, &a->entries[g[j].item],
		    SIDE_APPRAISED, &fa));
		rrow_num(r, 5, RC_CPT, g[j].gap);
	}
	if (n == 0)
		rtable_note(t, "Không có chênh lệch giữa điểm tự chấm và điểm thẩm định.");
	else if (limit != 0 && n > limit)
		rtable_note(t, "(%zu tiêu chí thành phần có chênh lệch; %zu lớn nhất được liệt kê)", n, limit);
	free(g);
	/* Entries another holder loaded (a screen) stay. */
	if (!had)
		app_agency_release(y, a);
	return APP_OK;
}

/* Agencies compared item by item when no --agency names them. */
#define COMPARE_TOP	5

int
report_build_compare(struct store *st, struct app_year *y,
    const struct report_opts *o, struct rdoc *d, char **cause)
{
	struct app_agency	**rows, *one = NULL;
	struct rpage		*p;
	struct rtable		*t;
	struct rrow		*r;
	size_t			 b, i, n, part = 0;
	int			 rc, all = o->agency != NULL &&
				    strcmp(o->agency, "all") == 0;
	char			*name;

	if (o->agency != NULL && !all &&
	    (one = app_find_agency(y, o->agency)) == NULL) {
		*cause = xasprintf(TR("unknown agency \"%s\""), o->agency);
		return APP_NOTFOUND;
	}
	p = rdoc_page(d, "compare");
	p->running = xasprintf("So sánh tự chấm và thẩm định năm %d",
	    y->year);
	report_head(d, p, y, o);
	rpage_title(p, "SO SÁNH ĐIỂM TỰ CHẤM VÀ ĐIỂM THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", y->year);
	rpage_title(p, "(Chênh lệch = tự chấm - thẩm định; tiêu chí thành phần chênh lệch lớn nhất trước)");
	for (b = 0; b < y->list->nblocks; b++) {
		if ((o->block != NULL && strcmp(y->list->blocks[b].code,
		    o->block) != 0) || (one != NULL && one->block != b))
			continue;
		app_block_ranking(y, b, SIDE_APPRAISED, &rows, &n);
		if (n == 0) {
			free(rows);
			continue;
		}
		name = report_upper(y->list->blocks[b].name);
		t = rpage_table(p, NULL, compare_cols,
		    UTIL_ARRAY_LEN(compare_cols));
		free(t->title);
		t->title = xasprintf("%s. %s", report_roman(++part), name);
		free(name);
		for (i = 0; i < n; i++) {
			const struct score_totals	*ts = &rows[i]->self;
			const struct score_totals	*ta = &rows[i]->appraised;

			if (one != NULL && rows[i] != one)
				continue;
			r = rtable_row(t, 0);
			rrow_text(r, 0, rows[i]->ag->code);
			rrow_text(r, 1, rows[i]->ag->name);
			rrow_num(r, 2, RC_CPT, ta->max);
			rrow_num(r, 3, RC_CP, ts->total);
			rrow_num(r, 4, RC_CP, ta->total);
			rrow_num(r, 5, RC_CP, ts->total - ta->total);
		}
		for (i = 0; i < n; i++) {
			if (one != NULL && rows[i] != one)
				continue;
			if ((rc = compare_items(st, y, p, rows[i],
			    o->agency != NULL ? 0 : COMPARE_TOP, cause)) !=
			    APP_OK) {
				free(rows);
				return rc;
			}
		}
		free(rows);
	}
	return APP_OK;
}
