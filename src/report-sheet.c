/* report-sheet: one agency's score sheet (every area, criterion, item). */
#include "report-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const struct rcol sheet_cols[] = {
	{ "STT", "code", 6, 0, 0.8 },
	{ "Tiêu chí, tiêu chí thành phần", "title", 0, 0, 5.0 },
	{ "Điểm tối đa", "max", 6, 1, 0.9 },
	{ "Tự chấm", "self", 6, 1, 0.9 },
	{ "Thẩm định", "appraised", 7, 1, 0.9 },
	{ "Ghi chú", "note", 20, 0, 3.0 },
};

/* A year of two rounds: the first appraised score beside the final. */
static const struct rcol sheet_cols_r2[] = {
	{ "STT", "code", 6, 0, 0.8 },
	{ "Tiêu chí, tiêu chí thành phần", "title", 0, 0, 4.6 },
	{ "Điểm tối đa", "max", 6, 1, 0.9 },
	{ "Tự chấm", "self", 6, 1, 0.9 },
	{ "Thẩm định lần 1", "first", 7, 1, 0.9 },
	{ "Thẩm định (chính thức)", "appraised", 7, 1, 0.9 },
	{ "Ghi chú", "note", 20, 0, 2.6 },
};

/* The columns of a sheet: the appraised and note columns' places (the
 * first round's is 4 when there is one). */
struct sheet_at {
	int	r2;		/* two rounds */
	size_t	appr;
	size_t	note;
};

/* A status in words, as the sheet writes it. */
static const char *
sheet_status(enum score_status s)
{
	switch (s) {
	case STATUS_NOT_ARISING:
		return "Không phát sinh";
	case STATUS_NOT_ASSIGNED:
		return "Không giao";
	case STATUS_NOT_DONE:
		return "Không thực hiện";
	default:
		return NULL;
	}
}

/* One side's points cell: empty when not scored, "-" when not assigned. */
static void
sheet_points(struct rrow *r, size_t col, const struct score_mark *m,
    int64_t points)
{
	if (m->status == STATUS_EMPTY)
		return;
	if (m->status == STATUS_NOT_ASSIGNED)
		rrow_text(r, col, "-");
	else
		rrow_num(r, col, RC_CPT, points);
}

/* The note of an item: statuses in words, evidence, texts. */
static char *
sheet_note(const struct entry_record *rec, unsigned fa)
{
	struct strbuf	 b;
	const char	*w, *sep = "";
	size_t		 i;

	strbuf_init(&b);
	w = sheet_status(rec->appraised.status);
	if (w != NULL) {
		strbuf_puts(&b, w);
		if (rec->appraised.status == STATUS_NOT_ASSIGNED &&
		    rec->reason != NULL && *rec->reason != '\0')
			strbuf_printf(&b, ": %s", rec->reason);
		sep = "; ";
	} else if (rec->appraised.status == STATUS_EMPTY &&
	    (w = sheet_status(rec->self.status)) != NULL) {
		strbuf_printf(&b, "Tự chấm: %s", w);
		if (rec->self.status == STATUS_NOT_ASSIGNED &&
		    rec->reason != NULL && *rec->reason != '\0')
			strbuf_printf(&b, ": %s", rec->reason);
		sep = "; ";
	}
	if (rec->analogy[SIDE_SELF] != NULL) {
		strbuf_printf(&b, "%sVận dụng (tự chấm): %s", sep,
		    rec->analogy[SIDE_SELF]);
		sep = "; ";
	}
	if (rec->analogy[SIDE_APPRAISED] != NULL) {
		strbuf_printf(&b, "%sVận dụng (thẩm định): %s", sep,
		    rec->analogy[SIDE_APPRAISED]);
		sep = "; ";
	}
	if (fa & SCORE_NO_EVIDENCE) {
		strbuf_printf(&b, "%sThiếu tài liệu kiểm chứng → 0", sep);
		sep = "; ";
	}
	if (rec->nevidence > 0) {
		strbuf_printf(&b, "%sTLKC:", sep);
		for (i = 0; i < rec->nevidence; i++) {
			strbuf_printf(&b, "%s %s", i > 0 ? "," : "",
			    rec->evidence[i].number);
			if (rec->evidence[i].date != NULL)
				strbuf_printf(&b, " ngày %s",
				    rec->evidence[i].date);
		}
		sep = "; ";
	}
	if (rec->explanation != NULL && *rec->explanation != '\0') {
		strbuf_printf(&b, "%sGiải trình: %s", sep, rec->explanation);
		sep = "; ";
	}
	if (rec->first.status != STATUS_EMPTY &&
	    (w = sheet_status(rec->first.status)) != NULL) {
		strbuf_printf(&b, "%sThẩm định lần 1: %s", sep, w);
		sep = "; ";
	}
	if (rec->dispute != NULL && *rec->dispute != '\0') {
		strbuf_printf(&b, "%sGiải trình kết quả thẩm định lần 1: %s",
		    sep, rec->dispute);
		sep = "; ";
	}
	if (rec->note != NULL && *rec->note != '\0')
		strbuf_printf(&b, "%s%s%s", sep, strncmp(rec->note,
		    "Thẩm định", strlen("Thẩm định")) == 0 ? "" :
		    "Thẩm định: ", rec->note);
	return strbuf_steal(&b);
}

/* A row of a criterion's or area's subtotal. */
static void
sheet_sum_row(struct rtable *t, const struct sheet_at *at, int style,
    const char *code, const char *title, int64_t max, int64_t self,
    int64_t first, int64_t appr)
{
	struct rrow	*r = rtable_row(t, style);

	rrow_text(r, 0, code);
	rrow_text(r, 1, title);
	rrow_num(r, 2, RC_CPT, max);
	rrow_num(r, 3, RC_CPT, self);
	if (at->r2)
		rrow_num(r, 4, RC_CPT, first);
	rrow_num(r, at->appr, RC_CPT, appr);
}

/* The deduction lines: manual ones, then the advisory rule's. */
static void
sheet_deductions(struct rtable *t, const struct sheet_at *at,
    const struct app_year *y, const struct app_agency *a)
{
	struct rrow	*r;
	struct strbuf	 b;
	char		 v[UTIL_CP_BUFSZ], *s;
	size_t		 i, k;

	for (i = 0; i < a->nded; i++) {
		r = rtable_row(t, 0);
		rrow_text(r, 0, "");
		s = xasprintf("Điểm trừ: %s", a->ded[i].reason);
		rrow_text(r, 1, s);
		free(s);
		if (at->r2)
			rrow_num(r, 4, RC_CPT, -a->ded[i].points);
		rrow_num(r, at->appr, RC_CPT, -a->ded[i].points);
		if (a->ded[i].evidence != NULL)
			rrow_text(r, at->note, a->ded[i].evidence);
	}
	if (a->advisory <= 0)
		return;
	r = rtable_row(t, 0);
	rrow_text(r, 1, "Điểm trừ cơ quan tham mưu theo kết quả Chỉ số CCHC của tỉnh");
	if (at->r2)
		rrow_num(r, 4, RC_CPT, -a->advisory);
	rrow_num(r, at->appr, RC_CPT, -a->advisory);
	strbuf_init(&b);
	/* Basis overall: the province's overall index and rank. */
	for (k = 0; a->form->advisory.basis == FORM_BASIS_OVERALL &&
	    k < y->nprov; k++) {
		if (y->prov[k].area != SCORE_OVERALL)
			continue;
		strbuf_puts(&b, "Chỉ số CCHC của tỉnh");
		if (y->prov[k].has_index)
			strbuf_printf(&b, ": %s%%",
			    util_format_cp2(y->prov[k].index, ',', v));
		if (y->prov[k].rank > 0)
			strbuf_printf(&b, ", hạng %d", y->prov[k].rank);
		if (y->prov[k].has_fall && y->prov[k].fall > 0)
			strbuf_printf(&b, ", tụt %d bậc", y->prov[k].fall);
	}
	for (i = 0; a->form->advisory.basis == FORM_BASIS_AREA &&
	    i < a->ag->nadvises; i++) {
		strbuf_printf(&b, "%sLĩnh vực %d", i > 0 ? "; " : "",
		    a->ag->advises[i]);
		for (k = 0; k < y->nprov; k++) {
			if (y->prov[k].area != a->ag->advises[i])
				continue;
			if (y->prov[k].has_index)
				strbuf_printf(&b, ": chỉ số %s%%",
				    util_format_cp2(y->prov[k].index, ',', v));
			if (y->prov[k].has_fall && y->prov[k].fall > 0)
				strbuf_printf(&b, ", tụt %d bậc",
				    y->prov[k].fall);
		}
	}
	s = strbuf_steal(&b);
	rrow_text(r, at->note, s);
	free(s);
}

/* The closing rows: total, max, rate, grade, rank on both sides. */
static void
sheet_totals(struct rdoc *d, struct rtable *t, const struct sheet_at *at,
    const struct app_agency *a, int64_t first)
{
	const struct score_totals	*ts = &a->self, *ta = &a->appraised;
	struct rrow			*r;
	const char			*g;
	char				 rk[16];

	r = rtable_row(t, RROW_BOLD);
	rrow_text(r, 1, "Tổng điểm");
	rrow_num(r, 2, RC_CPT, ta->max);
	rrow_num(r, 3, RC_CP, ts->total);
	/* The first round's total, for reading only: the final counts. */
	if (at->r2)
		rrow_num(r, 4, RC_CP, first);
	rrow_num(r, at->appr, RC_CP, ta->total);
	r = rtable_row(t, RROW_BOLD);
	rrow_text(r, 1, "Tỷ lệ đạt (%)");
	report_rate_cell(d, r, 3, a->form, ts->rate);
	report_rate_cell(d, r, at->appr, a->form, ta->rate);
	r = rtable_row(t, RROW_BOLD);
	rrow_text(r, 1, "Xếp loại");
	g = score_grade(a->form, ts->rate);
	rrow_text(r, 3, g != NULL ? g : "");
	g = score_grade(a->form, ta->rate);
	rrow_text(r, at->appr, g != NULL ? g : "");
	r = rtable_row(t, RROW_BOLD);
	rrow_text(r, 1, "Xếp hạng");
	snprintf(rk, sizeof rk, "%zu", app_rank(a, SIDE_SELF));
	rrow_text(r, 3, rk);
	snprintf(rk, sizeof rk, "%zu", app_rank(a, SIDE_APPRAISED));
	rrow_text(r, at->appr, rk);
}

/* One agency's page. */
static int
sheet_page(struct store *st, struct app_year *y, const struct report_opts *o,
    struct rdoc *d, struct app_agency *a, char **cause)
{
	const struct form	*f = a->form;
	struct rpage		*p;
	struct rtable		*t;
	struct rrow		*r;
	size_t			 k, c, j;
	int64_t			 cmax, cs, ca, cf, af, tf = 0;
	unsigned		 fs, fa, ff;
	struct score_entry	 fe;
	struct sheet_at		 at = { y->rounds >= 2, 4, 5 };
	int			 rc, had = a->raw != NULL;
	char			*note;

	if ((rc = app_agency_entries(st, y, a, cause)) != APP_OK)
		return rc;
	p = rdoc_page(d, a->ag->code);
	p->running = xasprintf("Phiếu chấm điểm năm %d: %s", y->year,
	    a->ag->name);
	report_head(d, p, y, o);
	rpage_title(p, "KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d",
	    y->year);
	rpage_title(p, "%s", a->ag->name);
	rpage_title(p, "(Trạng thái: %s)", a->state == APP_APPRAISED ||
	    a->state == APP_PUBLISHED ? "đã thẩm định" : a->state ==
	    APP_SUBMITTED ? "đã gửi tự đánh giá, đang thẩm định" :
	    "đang tự đánh giá");
	if (at.r2) {
		at.appr = 5;
		at.note = 6;
		t = rpage_table(p, NULL, sheet_cols_r2,
		    UTIL_ARRAY_LEN(sheet_cols_r2));
	} else
		t = rpage_table(p, NULL, sheet_cols, UTIL_ARRAY_LEN(sheet_cols));
	for (k = 0; k < f->nareas; k++) {
		const struct form_area	*ar = &f->areas[k];
		size_t			 arow = t->nrows;

		sheet_sum_row(t, &at, RROW_BOLD, ar->code, ar->title,
		    a->appraised.area_max[k], a->self.area_points[k], 0,
		    a->appraised.area_points[k]);
		af = 0;
		for (c = ar->first_criterion; c < ar->first_criterion +
		    ar->ncriteria; c++) {
			const struct form_criterion	*cr = &f->criteria[c];
			size_t				 crow = t->nrows;

			sheet_sum_row(t, &at, RROW_SUB, cr->code, cr->title, 0,
			    0, 0, 0);
			cmax = cs = ca = cf = 0;
			for (j = cr->first_item; j < cr->first_item +
			    cr->nitems; j++) {
				const struct form_item	*it = &f->items[j];
				int64_t	 ps = score_item(it, &a->entries[j],
					    SIDE_SELF, &fs);
				int64_t	 pa = score_item(it, &a->entries[j],
					    SIDE_APPRAISED, &fa);

				/* The first round scored as the final is. */
				fe = a->entries[j];
				fe.appraised = a->raw[j].first;
				cf += score_item(it, &fe, SIDE_APPRAISED, &ff);
				cs += ps;
				ca += pa;
				if (!(fa & SCORE_NOT_ASSIGNED))
					cmax += it->max;
				r = rtable_row(t, 0);
				rrow_text(r, 0, it->code);
				rrow_text(r, 1, it->title);
				rrow_num(r, 2, RC_CPT, it->max);
				sheet_points(r, 3, &a->raw[j].self, ps);
				if (at.r2)
					sheet_points(r, 4, &a->raw[j].first,
					    score_item(it, &fe, SIDE_APPRAISED,
					    &ff));
				sheet_points(r, at.appr, &a->raw[j].appraised,
				    pa);
				note = sheet_note(&a->raw[j], fa);
				rrow_text(r, at.note, note);
				free(note);
			}
			r = &t->rows[crow];
			r->cells[2].v = cmax;
			r->cells[3].v = cs;
			if (at.r2)
				r->cells[4].v = cf;
			r->cells[at.appr].v = ca;
			af += cf;
		}
		if (at.r2)
			t->rows[arow].cells[4].v = af;
		tf += af;
	}
	sheet_deductions(t, &at, y, a);
	/* The first round's total as the final's: less the deductions,
	 * never below 0. */
	tf -= a->appraised.deduction;
	sheet_totals(d, t, &at, a, tf > 0 ? tf : 0);
	/* The page holds its own text: the entries can go (a block's
	 * sheets, one agency at a time, at any size), unless someone had
	 * them before (a screen that shows the agency). */
	if (!had)
		app_agency_release(y, a);
	return APP_OK;
}

int
report_build_sheet(struct store *st, struct app_year *y,
    const struct report_opts *o, struct rdoc *d, char **cause)
{
	struct app_agency	*a;
	size_t			 i, done = 0, total = 0;
	int			 rc, all;

	if (o->agency == NULL) {
		*cause = xasprintf(TR("the sheet report needs --agency CODE (or --agency all)"));
		return APP_BADINPUT;
	}
	all = strcmp(o->agency, "all") == 0;
	if (!all) {
		if ((a = app_find_agency(y, o->agency)) == NULL) {
			*cause = xasprintf(TR("unknown agency \"%s\""), o->agency);
			return APP_NOTFOUND;
		}
		return sheet_page(st, y, o, d, a, cause);
	}
	for (i = 0; i < y->nags; i++) {
		if (o->block == NULL || strcmp(y->ags[i].ag->block,
		    o->block) == 0)
			total++;
	}
	for (i = 0; i < y->nags; i++) {
		a = &y->ags[i];
		if (o->block != NULL && strcmp(a->ag->block, o->block) != 0)
			continue;
		if ((rc = sheet_page(st, y, o, d, a, cause)) != APP_OK)
			return rc;
		if (o->progress != NULL)
			o->progress->fn(o->progress->arg, REPORT_BUILDING,
			    ++done, total);
	}
	return APP_OK;
}
