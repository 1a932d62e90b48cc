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
