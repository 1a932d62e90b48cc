/* report-annex: the decision's annex (ranking), and what builders share. */
#include "report-int.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static const struct {
	const char		*name;
	enum report_kind	 kind;
} report_kinds[] = {
	{ "ranking", REPORT_RANKING },
	{ "sheet", REPORT_SHEET },
	{ "areas", REPORT_AREAS },
	{ "compare", REPORT_COMPARE },
};

static const struct {
	const char		*name;
	enum report_format	 fmt;
} report_formats[] = {
	{ "text", REPORT_TEXT },
	{ "csv", REPORT_CSV },
	{ "xlsx", REPORT_XLSX },
	{ "pdf", REPORT_PDF },
};

int
report_kind_parse(const char *s, enum report_kind *k)
{
	size_t	i;

	for (i = 0; i < UTIL_ARRAY_LEN(report_kinds); i++) {
		if (strcmp(report_kinds[i].name, s) == 0) {
			*k = report_kinds[i].kind;
			return 0;
		}
	}
	return -1;
}

int
report_format_parse(const char *s, enum report_format *f)
{
	size_t	i;

	for (i = 0; i < UTIL_ARRAY_LEN(report_formats); i++) {
		if (strcmp(report_formats[i].name, s) == 0) {
			*f = report_formats[i].fmt;
			return 0;
		}
	}
	return -1;
}

int
report_grade_index(struct rdoc *d, const char *name)
{
	size_t	i;

	if (name == NULL)
		return -1;
	for (i = 0; i < d->ngrades; i++) {
		if (strcmp(d->grades[i], name) == 0)
			return (int)i;
	}
	d->grades = xreallocarray(d->grades, d->ngrades + 1,
	    sizeof *d->grades);
	d->grades[d->ngrades] = xstrdup(name);
	return (int)d->ngrades++;
}

void
report_rate_cell(struct rdoc *d, struct rrow *r, size_t col,
    const struct form *f, int64_t rate)
{
	rrow_rate(r, col, rate, report_grade_index(d, score_grade(f, rate)));
}

const char *
report_roman(size_t n)
{
	static const char *const	r[] = { "I", "II", "III", "IV", "V",
	    "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
	    "XVI", "XVII", "XVIII", "XIX", "XX" };

	return n >= 1 && n <= UTIL_ARRAY_LEN(r) ? r[n - 1] : "*";
}

char *
report_upper(const char *s)
{
	char	*u = text_upper(s);

	return u != NULL ? u : xstrdup(s);
}

int
report_same_group(const struct app_agency *a, const struct app_agency *b)
{
	if (a->ag->parent == NULL || b->ag->parent == NULL)
		return a->ag->parent == b->ag->parent;
	return strcmp(a->ag->parent, b->ag->parent) == 0;
}

/* 1 when all that the report covers is published: the year, or the
 * block or the agency it is limited to. */
static int
report_published(const struct app_year *y, const struct report_opts *o)
{
	size_t	i;

	if (y->published)
		return 1;
	if (o->agency != NULL && strcmp(o->agency, "all") != 0) {
		for (i = 0; i < y->nags; i++) {
			if (strcmp(y->ags[i].ag->code, o->agency) == 0)
				return app_agency_published(y, &y->ags[i]);
		}
		return 0;
	}
	for (i = 0; o->block != NULL && i < y->list->nblocks; i++) {
		if (strcmp(y->list->blocks[i].code, o->block) == 0)
			return app_block_published(y, i) == 2;
	}
	return 0;
}

void
report_head(struct rdoc *d, struct rpage *p, const struct app_year *y,
    const struct report_opts *o)
{
	const char	*auth = o->settings != NULL ?
			    o->settings->v[APP_AUTHORITY] : NULL;
	char		*prov;

	if (!report_published(y, o) && d->draft == NULL)
		d->draft = xstrdup("DỰ THẢO");
	p->left[0] = xstrdup("ỦY BAN NHÂN DÂN");
	if (auth != NULL)
		p->left[1] = xstrdup(auth);
	else if (y->list->province != NULL) {
		prov = report_upper(y->list->province);
		p->left[1] = xasprintf("TỈNH %s", prov);
		free(prov);
	}
	p->right[0] = xstrdup("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	p->right[1] = xstrdup("Độc lập - Tự do - Hạnh phúc");
}

int
report_build(struct store *st, struct app_year *y,
    const struct report_opts *o, struct rdoc **out, char **cause)
{
	struct rdoc	*d = rdoc_new();
	size_t		 i, g;
	int		 rc = APP_OK;

	*out = NULL;
	*cause = NULL;
	if (o->block != NULL && agency_find_block(y->list, o->block) ==
	    NULL) {
		*cause = xasprintf(TR("unknown block \"%s\""), o->block);
		rdoc_free(d);
		return APP_BADINPUT;
	}
	/* Grades in the forms' order (best first): their colours. */
	for (i = 0; i < y->nforms; i++) {
		for (g = 0; g < y->forms[i]->ngrades; g++)
			report_grade_index(d, y->forms[i]->grades[g].name);
	}
	switch (o->kind) {
	case REPORT_RANKING:
		rc = report_build_ranking(st, y, o, d, cause);
		break;
	case REPORT_SHEET:
		rc = report_build_sheet(st, y, o, d, cause);
		break;
	case REPORT_AREAS:
		rc = report_build_areas(st, y, o, d, cause);
		break;
	case REPORT_COMPARE:
		rc = report_build_compare(st, y, o, d, cause);
		break;
	}
	if (rc != APP_OK) {
		rdoc_free(d);
		return rc;
	}
	*out = d;
	return APP_OK;
}

static const struct rcol annex_cols[] = {
	{ "STT", "rank", 3, 1, 0.6 },
	{ "Tên cơ quan, đơn vị", "name", 0, 0, 4.4 },
	{ "Điểm tối đa", "max", 5, 1, 1.1 },
	{ "Điểm thẩm định", "points", 9, 1, 1.2 },
	{ "Tỷ lệ đạt (%)", "rate", 9, 1, 1.1 },
	{ "Xếp loại", "grade", 10, 0, 1.2 },
};
static const struct rcol annex_cols_self[] = {
	{ "STT", "rank", 3, 1, 0.6 },
	{ "Tên cơ quan, đơn vị", "name", 0, 0, 4.4 },
	{ "Điểm tối đa", "max", 5, 1, 1.1 },
	{ "Điểm tự chấm", "points", 9, 1, 1.2 },
	{ "Tỷ lệ đạt (%)", "rate", 9, 1, 1.1 },
	{ "Xếp loại", "grade", 10, 0, 1.2 },
};

/* One part of the annex: rows[0..n) of one block (and one parent). */
static void
annex_part(struct rdoc *d, struct rpage *p, struct rchart *ch,
    const struct app_year *y, size_t b, enum score_side side,
    struct app_agency **rows, size_t n, size_t part)
{
	const struct form	*f = rows[0]->form;
	struct rtable		*t;
	struct rrow		*r;
	struct strbuf		 sb;
	char			*name, *parent = NULL;
	size_t			*count, i, g, unfinished = 0;
	const char		*gr;

	name = report_upper(y->list->blocks[b].name);
	if (rows[0]->ag->parent != NULL) {
		const struct form_agency	*pa = agency_find(y->list,
		    rows[0]->ag->parent);

		parent = report_upper(pa != NULL ? pa->name :
		    rows[0]->ag->parent);
		t = rpage_table(p, NULL, side == SIDE_SELF ? annex_cols_self :
		    annex_cols, UTIL_ARRAY_LEN(annex_cols));
		free(t->title);
		t->title = xasprintf("%s. %s THUỘC %s", report_roman(part),
		    name, parent);
	} else {
		t = rpage_table(p, NULL, side == SIDE_SELF ? annex_cols_self :
		    annex_cols, UTIL_ARRAY_LEN(annex_cols));
		free(t->title);
		t->title = xasprintf("%s. %s", report_roman(part), name);
	}
	free(name);
	free(parent);
	/* Some blocks published, not this one: its part is still a draft. */
	if (!y->published && app_any_published(y) &&
	    !app_agency_published(y, rows[0])) {
		name = xasprintf("%s (DỰ THẢO)", t->title);
		free(t->title);
		t->title = name;
	}
	count = xcalloc(f->ngrades + 1, sizeof *count);
	for (i = 0; i < n; i++) {
		const struct score_totals	*tot = app_totals(rows[i], side);

		r = rtable_row(t, 0);
		rrow_num(r, 0, RC_INT, (int64_t)app_rank(rows[i], side));
		if (tot->unscored > 0) {
			name = xasprintf("%s *", rows[i]->ag->name);
			rrow_text(r, 1, name);
			free(name);
			unfinished++;
		} else
			rrow_text(r, 1, rows[i]->ag->name);
		rrow_num(r, 2, RC_CPT, tot->max);
		rrow_num(r, 3, RC_CP, tot->total);
		report_rate_cell(d, r, 4, rows[i]->form, tot->rate);
		gr = score_grade(rows[i]->form, tot->rate);
		rrow_text(r, 5, gr != NULL ? gr : "");
		for (g = 0; g < f->ngrades; g++) {
			if (gr != NULL && strcmp(f->grades[g].name, gr) == 0)
				count[g]++;
		}
		ch->bars = xreallocarray(ch->bars, ch->nbars + 1,
		    sizeof *ch->bars);
		ch->bars[ch->nbars].name = xstrdup(rows[i]->ag->name);
		ch->bars[ch->nbars].rate = tot->rate;
		ch->bars[ch->nbars].grade = r->cells[4].grade;
		ch->nbars++;
	}
	strbuf_init(&sb);
	strbuf_printf(&sb, "Tổng số: %zu cơ quan, đơn vị; xếp loại", n);
	for (g = 0; g < f->ngrades; g++)
		strbuf_printf(&sb, "%s %s: %zu", g > 0 ? "," : "",
		    f->grades[g].name, count[g]);
	strbuf_puts(&sb, ".");
	name = strbuf_steal(&sb);
	rtable_note(t, "%s", name);
	free(name);
	if (unfinished > 0)
		rtable_note(t, "(*) Còn tiêu chí chưa chấm: %zu cơ quan, đơn vị.",
		    unfinished);
	free(count);
}

int
report_build_ranking(struct store *st, struct app_year *y,
    const struct report_opts *o, struct rdoc *d, char **cause)
{
	const struct app_settings	*s = o->settings;
	struct app_agency		**rows;
	struct rpage			*p;
	struct rchart			*ch;
	const char			*num, *date, *title;
	size_t				 b, i, j, n, part = 0, g;
	long long			 arows;
	char				 ahash[65], *acause = NULL;

	(void)cause;
	p = rdoc_page(d, "ranking");
	p->running = xasprintf("%s Chỉ số CCHC năm %d",
	    o->side == SIDE_SELF ? "Tự đánh giá" : "Kết quả", y->year);
	report_head(d, p, y, o);
	if (o->side == SIDE_SELF) {
		rpage_title(p, "KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", y->year);
		rpage_title(p, "(Theo điểm tự chấm của các cơ quan, đơn vị; chưa qua thẩm định)");
	} else {
		num = s != NULL ? s->v[APP_DECISION_NUMBER] : NULL;
		date = s != NULL ? s->v[APP_DECISION_DATE] : NULL;
		rpage_title(p, "KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", y->year);
		rpage_title(p, "(Kèm theo Quyết định số %s ngày %s của Chủ tịch UBND tỉnh)",
		    num != NULL ? num : "......../QĐ-UBND",
		    date != NULL ? date : "....../....../......");
	}
	ch = xcalloc(1, sizeof *ch);
	ch->title = xasprintf("Tỷ lệ đạt (%%) và xếp loại, năm %d", y->year);
	for (b = 0; b < y->list->nblocks; b++) {
		if (o->block != NULL && strcmp(y->list->blocks[b].code,
		    o->block) != 0)
			continue;
		app_block_ranking(y, b, o->side, &rows, &n);
		for (i = 0; i < n; i = j) {
			for (j = i + 1; j < n && report_same_group(rows[i],
			    rows[j]); j++)
				;
			annex_part(d, p, ch, y, b, o->side, rows + i, j - i,
			    ++part);
			if (ch->nbounds == 0) {
				const struct form	*f = rows[i]->form;

				for (g = 0; g < f->ngrades && g < 8; g++) {
					if (f->grades[g].from > 0)
						ch->bounds[ch->nbounds++] =
						    f->grades[g].from;
				}
			}
		}
		free(rows);
	}
	p->chart = ch;
	/* A published year: the audit log's head when it was published,
	 * which its anchor holds (cchc verify --anchor proves it). */
	if (y->published && o->side == SIDE_APPRAISED && p->ntables > 0 &&
	    app_year_anchor(st, y->year, &arows, ahash, &acause) == APP_OK)
		rtable_note(&p->tables[p->ntables - 1], "Nhật ký kiểm tra khi "
		    "công bố: %lld dòng, mã băm dòng cuối %s.", arows, ahash);
	free(acause);
	rpage_sign(p, "TM. ỦY BAN NHÂN DÂN");
	title = s != NULL && s->v[APP_SIGNER_TITLE] != NULL ?
	    s->v[APP_SIGNER_TITLE] : "PHÓ CHỦ TỊCH";
	if (strcmp(title, "CHỦ TỊCH") != 0)
		rpage_sign(p, "KT. CHỦ TỊCH");
	rpage_sign(p, title);
	rpage_sign(p, "");
	rpage_sign(p, "");
	rpage_sign(p, "");
	rpage_sign(p, s != NULL && s->v[APP_SIGNER] != NULL ?
	    s->v[APP_SIGNER] : "..............................");
	return APP_OK;
}
