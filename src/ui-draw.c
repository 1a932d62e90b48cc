/* ui-draw: what the screens draw with: numbers and words in the
 * interface's language, the frame, lists and the totals bar. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "text.h"
#include "util.h"

char *
ui_cp(struct ui *ui, int64_t v, char *buf)
{
	return util_format_cp(v, ui->mark, buf);
}

char *
ui_rate(struct ui *ui, int64_t v, char *buf)
{
	util_format_cp2(v, ui->mark, buf);
	strcat(buf, "%");
	return buf;
}

const char *
ui_status_name(enum score_status s)
{
	switch (s) {
	case STATUS_EMPTY:
		return _("not scored");
	case STATUS_SCORED:
		return _("scored");
	case STATUS_NOT_ARISING:
		return _("not arising");
	case STATUS_NOT_ASSIGNED:
		return _("not assigned");
	case STATUS_NOT_DONE:
		return _("not done");
	}
	return "";
}

const char *
ui_state_name(enum app_state s)
{
	switch (s) {
	case APP_DRAFT:
		return _("draft");
	case APP_SUBMITTED:
		return _("submitted");
	case APP_APPRAISED:
		return _("appraised");
	case APP_PUBLISHED:
		return _("published");
	}
	return "?";
}

size_t
ui_wrap_split(const char *s, int w, size_t max, char ***out)
{
	const char	*p = s != NULL ? s : "";
	char		**lines = NULL;
	size_t		  n = 0;

	if (w < 1)
		w = 1;
	while (*p == ' ')
		p++;
	while (*p != '\0' && (max == 0 || n < max)) {
		const char	*cut = p, *sp = NULL;
		int		 width = 0;

		/* The last line allowed holds the rest (ui_put cuts it
		 * with an ellipsis). */
		if (max != 0 && n + 1 == max) {
			cut = p + strlen(p);
		} else {
			/* Find the last space within w columns. */
			while (*cut != '\0') {
				char	ch[8];
				size_t	cl = 1;

				while ((cut[cl] & 0xc0) == 0x80 && cl < 7)
					cl++;
				memcpy(ch, cut, cl);
				ch[cl] = '\0';
				if (width + text_width(ch) > w)
					break;
				width += text_width(ch);
				if (*cut == ' ')
					sp = cut;
				cut += cl;
			}
			if (cut == p) {	/* one character wider than w */
				cut++;
				while ((*cut & 0xc0) == 0x80)
					cut++;
			}
			if (*cut != '\0' && *cut != ' ' && sp != NULL)
				cut = sp;
		}
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n] = xstrndup(p, (size_t)(cut - p));
		/* No blank at the end of a line. */
		while (strlen(lines[n]) > 0 &&
		    lines[n][strlen(lines[n]) - 1] == ' ')
			lines[n][strlen(lines[n]) - 1] = '\0';
		n++;
		p = cut;
		while (*p == ' ')
			p++;
	}
	*out = lines;
	return n;
}

void
ui_lines_free(char **lines, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

void
ui_frame(struct ui *ui, const char *title, unsigned screen)
{
	const char	*right = "";
	char		*bar;

	if (ui->year != NULL && ui->year->published)
		right = _("PUBLISHED — read only");
	ui_color(ui, UC_TITLE, 1);
	ui_put(ui, 0, 0, COLS, "", 0);
	ui_put(ui, 0, 1, COLS - 2 - text_width(right), title, 0);
	ui_put(ui, 0, COLS - 1 - text_width(right), text_width(right), right,
	    0);
	ui_color(ui, UC_TITLE, 0);

	bar = ui_key_bar(screen, ui->depth > 0 &&
	    ui->stack[ui->depth - 1]->ops->id == screen ?
	    ui->stack[ui->depth - 1] : NULL);
	ui_color(ui, UC_BAR, 1);
	ui_put(ui, LINES - 1, 0, COLS, bar, 0);
	ui_color(ui, UC_BAR, 0);
	free(bar);
}

/* The band of a rate among the form's grades, 0 the best; ngrades
 * below them all. */
static size_t
ui_grade_index(const struct form *f, int64_t rate)
{
	size_t	i;

	for (i = 0; i < f->ngrades; i++) {
		if (rate >= f->grades[i].from)
			return i;
	}
	return f->ngrades;
}

/* 0 the best band, 3 the worst, 1 and 2 between. */
static int
ui_grade_step(const struct form *f, int64_t rate)
{
	size_t	i = ui_grade_index(f, rate);

	if (i == 0 && f->ngrades > 0)
		return 0;
	if (f->ngrades == 0 || i + 1 >= f->ngrades)
		return 3;
	return i == 1 ? 1 : 2;
}

enum ui_color
ui_grade_color(const struct form *f, int64_t rate, int cell)
{
	return (enum ui_color)((cell ? UC_CELL0 : UC_GRADE0) +
	    ui_grade_step(f, rate));
}

const char *
ui_grade_shade(const struct form *f, int64_t rate)
{
	static const char	*shade[] = { "█", "▓", "▒", "░" };

	return shade[ui_grade_step(f, rate)];
}

int64_t
ui_bar_start(const struct form *f)
{
	int64_t	low = 10000;
	size_t	i;

	for (i = 0; i < f->ngrades; i++) {
		if (f->grades[i].from > 0 && f->grades[i].from < low)
			low = f->grades[i].from;
	}
	low -= 1000;
	low -= low % 1000;
	return low > 0 ? low : 0;
}

/* The column (0..w-1) of a rate on a bar w wide from start. */
static int
ui_bar_col(int64_t rate, int64_t start, int w)
{
	if (rate <= start)
		return 0;
	if (rate >= 10000)
		return w - 1;
	return (int)((rate - start) * w / (10000 - start));
}

void
ui_rate_bar(struct ui *ui, int y, int x, int w, const struct form *f,
    int64_t rate)
{
	static const char	*eighth[] = { "", "▏", "▎", "▍", "▌", "▋", "▊",
				    "▉" };
	int64_t			 start = ui_bar_start(f), r = rate;
	struct strbuf		 b;
	int			 len8, full, i, k;
	enum ui_color		 c = ui_grade_color(f, rate, 0);

	if (w < 2 || y < 0 || y >= LINES)
		return;
	if (r > 10000)
		r = 10000;
	/* In eighths of a cell, rounded, in integers. */
	len8 = r <= start ? 0 : (int)(((r - start) * w * 8 + (10000 - start) /
	    2) / (10000 - start));
	full = len8 / 8;
	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	if (rate < start)
		strbuf_puts(&b, "◂");
	/* Colour draws whole cells and an eighth; without it, the grade's
	 * shade in whole cells says the grade too. */
	for (i = 0; i < (ui->color ? full : (len8 + 4) / 8); i++)
		strbuf_puts(&b, ui->color ? "█" : ui_grade_shade(f, rate));
	if (ui->color && len8 % 8 != 0 && full < w) {
		strbuf_puts(&b, eighth[len8 % 8]);
		i++;
	}
	if (rate < start)
		i++;
	ui_color(ui, c, 1);
	ui_put(ui, y, x, text_width(b.s) < w ? text_width(b.s) : w, b.s, 0);
	ui_color(ui, c, 0);
	strbuf_clear(&b);
	/* The grade bounds the bar does not reach. */
	ui_color(ui, UC_DIM, 1);
	for (k = 0; k < (int)f->ngrades; k++) {
		int	col;

		if (f->grades[k].from <= start)
			continue;
		col = ui_bar_col(f->grades[k].from, start, w);
		if (col >= i && col < w)
			ui_put(ui, y, x + col, 1, "┊", 0);
	}
	ui_color(ui, UC_DIM, 0);
}

void
ui_rate_scale(struct ui *ui, int y, int x, int w, const struct form *f)
{
	int64_t	 start = ui_bar_start(f);
	char	 t[16];
	int	 k, col, last = -1;

	snprintf(t, sizeof t, "%d", (int)(start / 100));
	ui_put(ui, y, x, text_width(t), t, 0);
	last = text_width(t);
	for (k = (int)f->ngrades - 1; k >= 0; k--) {
		if (f->grades[k].from <= start)
			continue;
		snprintf(t, sizeof t, "%d", (int)(f->grades[k].from / 100));
		col = ui_bar_col(f->grades[k].from, start, w);
		/* The number ends where the bound's mark stands. */
		col -= text_width(t) - 1;
		if (col <= last || col + text_width(t) > w - 3)
			continue;
		ui_put(ui, y, x + col, text_width(t), t, 0);
		last = col + text_width(t);
	}
	if (last < w - 3)
		ui_put(ui, y, x + w - 3, 3, "100", 0);
}

void
ui_grade_legend(struct ui *ui, int y, int x, int w, const struct form *f)
{
	struct strbuf	b;
	char		r[32];
	size_t		i;
	int		cx = x;

	for (i = 0; i < f->ngrades && cx < x + w; i++) {
		const char	*sh = ui_grade_shade(f, f->grades[i].from);

		ui_color(ui, ui_grade_color(f, f->grades[i].from, 0), 1);
		ui_put(ui, y, cx, 1, sh, 0);
		ui_color(ui, ui_grade_color(f, f->grades[i].from, 0), 0);
		cx += 2;
		strbuf_init(&b);
		if (f->grades[i].from > 0)
			strbuf_printf(&b, "%s ≥ %s", f->grades[i].name,
			    ui_rate(ui, f->grades[i].from, r));
		else
			strbuf_printf(&b, "%s", f->grades[i].name);
		if (cx + text_width(b.s) <= x + w)
			ui_put(ui, y, cx, text_width(b.s), b.s, 0);
		cx += text_width(b.s) + 3;
		strbuf_clear(&b);
	}
}

void
ui_list_fix(struct ui_list *l, int h)
{
	if (h < 1)
		h = 1;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top < 0)
		l->top = 0;
}

void
ui_list_key(struct ui_list *l, enum action a, int h)
{
	switch (a) {
	case A_UP:
		l->sel--;
		break;
	case A_DOWN:
		l->sel++;
		break;
	case A_PGUP:
		l->sel -= h;
		break;
	case A_PGDN:
		l->sel += h;
		break;
	case A_HOME:
		l->sel = 0;
		break;
	case A_END:
		l->sel = l->n - 1;
		break;
	default:
		break;
	}
	ui_list_fix(l, h);
}

void
ui_totals(struct ui *ui, struct app_agency *a, size_t area, int y)
{
	const struct score_totals	*s = &a->self, *t = &a->appraised;
	const char		*gs = score_grade(a->form, s->rate);
	const char		*gt = score_grade(a->form, t->rate);
	char			 b1[32], b2[32], b3[32], b4[32], b5[32];
	char			 line[512];

	ui_color(ui, UC_BAR, 1);
	ui_put(ui, y, 0, COLS, "", 0);
	ui_put(ui, y + 1, 0, COLS, "", 0);
	ui_put(ui, y + 2, 0, COLS, "", 0);
	if (area == (size_t)-1)
		snprintf(line, sizeof line, _("Deductions: manual %s + advisory %s"), ui_cp(ui, a->manual, b1),
		    ui_cp(ui, a->advisory, b2));
	else
		snprintf(line, sizeof line, _("Area %s: self %s/%s · appraised %s/%s (%s)"), a->form->areas[area].code,
	    ui_cp(ui, s->area_points[area], b1),
	    ui_cp(ui, s->area_max[area], b2),
	    ui_cp(ui, t->area_points[area], b3),
	    ui_cp(ui, t->area_max[area], b4),
	    ui_rate(ui, t->area_rate[area], b5));
	ui_put(ui, y, 1, COLS - 2, line, 0);
	/* "? n" items not scored, "! n" without their evidence: the marks of
	 * the walk-through. */
	snprintf(line, sizeof line, _("Self:      %s/%s = %s  %s  rank %zu  · ? %zu · ! %zu"), ui_cp(ui, s->total, b1), ui_cp(ui, s->max, b2),
	    ui_rate(ui, s->rate, b3), gs != NULL ? gs : "", a->rank_self,
	    s->unscored, s->no_evidence);
	ui_put(ui, y + 1, 1, COLS - 2, line, 0);
	snprintf(line, sizeof line, _("Appraised: %s − %s = %s/%s = %s  %s  rank %zu  · ? %zu · ! %zu"), ui_cp(ui, t->points, b1),
	    ui_cp(ui, t->deduction, b2), ui_cp(ui, t->total, b3),
	    ui_cp(ui, t->max, b4), ui_rate(ui, t->rate, b5),
	    gt != NULL ? gt : "", a->rank_appraised, t->unscored,
	    t->no_evidence);
	ui_put(ui, y + 2, 1, COLS - 2, line, 0);
	ui_color(ui, UC_BAR, 0);
}
