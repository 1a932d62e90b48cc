/* screen-item-draw: the item screen drawn from its state. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen-item.h"
#include "text.h"
#include "util.h"

/*
 * The screen is one column of lines, taller than the window when the
 * texts are long: the item's title, rule and guidance, then each field
 * with its label, its value and its refusal, all word-wrapped, never cut.
 * A pane shows the part of it from line top, and follows the focus.
 */
struct pane {
	int	y0;	/* first screen row */
	int	h;	/* rows */
	int	top;	/* first line of the column shown */
};

/* The screen row of line v of the column, or -1 when not shown. */
static int
pane_row(const struct pane *p, int v)
{
	return v >= p->top && v < p->top + p->h ? p->y0 + v - p->top : -1;
}

/* The lines s takes word-wrapped in w columns (at least 1). */
static int
text_lines(const char *s, int w)
{
	char	**lv;
	size_t	  n = ui_wrap_split(s, w, 0, &lv);

	ui_lines_free(lv, n);
	return n > 0 ? (int)n : 1;
}

/* Word-wrapped text from line v at column x, w wide; the lines it takes
 * (draw 0: only count them). */
static int
pane_text(struct ui *ui, const struct pane *p, int v, int x, int w,
    const char *s, int draw)
{
	char	**lv;
	size_t	  n, i;

	if (!draw)
		return text_lines(s, w);
	n = ui_wrap_split(s, w, 0, &lv);
	for (i = 0; i < n; i++) {
		if (pane_row(p, v + (int)i) >= 0)
			ui_put(ui, pane_row(p, v + (int)i), x, w, lv[i], 0);
	}
	ui_lines_free(lv, n);
	return n > 0 ? (int)n : 1;
}

static void
item_rule_line(struct ui *ui, const struct form_item *it, char *buf, size_t n)
{
	struct strbuf	b;
	char		v1[32], v2[32];
	size_t		i;

	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	switch (it->rule) {
	case RULE_POINTS:
		strbuf_printf(&b, _("points from %s to %s, step %s"),
		    ui_cp(ui, it->min, v1), ui_cp(ui, it->max, v2),
		    util_format_cp(it->step, ui->mark, buf));
		break;
	case RULE_CHOICE:
		for (i = 0; i < it->nlevels; i++)
			strbuf_printf(&b, "%s%zu) %s = %s", i ? "; " : "",
			    i + 1, it->levels[i].label,
			    ui_cp(ui, it->levels[i].points, v1));
		break;
	case RULE_BANDS:
		for (i = 0; i < it->nbands; i++)
			strbuf_printf(&b, "%s≥ %s%s → %s", i ? "; " : "",
			    ui_cp(ui, it->bands[i].from, v1),
			    it->unit != NULL ? it->unit : "",
			    ui_cp(ui, it->bands[i].points, v2));
		break;
	case RULE_RATIO:
		strbuf_printf(&b, _("done ÷ planned ≥ %s%%: max × done ÷ planned; below: 0"), ui_cp(ui, it->threshold, v1));
		break;
	case RULE_FORMULA:
		strbuf_printf(&b, "%s = %s", _("formula"), it->expr_text);
		break;
	}
	snprintf(buf, n, "%s", b.s);
	strbuf_clear(&b);
}

/* The label column and where values start. */
#define LABEL_W	24
#define VALUE_X	(LABEL_W + 2)

/* The text of a level or status field. */
static void
item_choice_text(const struct form_item *it, const struct field *f,
    char *line, size_t n)
{
	if (f->kind == F_STATUS)
		snprintf(line, n, "◀ %s ▶", ui_status_name(f->status));
	else if (f->level >= 0 && (size_t)f->level < it->nlevels)
		snprintf(line, n, "◀ %d) %s ▶", f->level + 1,
		    it->levels[f->level].label);
	else
		snprintf(line, n, "◀ %s ▶", _("choose a level"));
}

/* The lines a field's value takes in w columns. */
static int
field_value_lines(struct item_scr *d, struct field *f, int w)
{
	char	line[1024];

	switch (f->kind) {
	case F_LEVEL:
		item_choice_text(item_of(d), f, line, sizeof line);
		return text_lines(line, w);
	case F_EVIDENCE:
	case F_TEXT:
		return ui_edit_lines(&f->ed, w);
	default:
		return 1;
	}
}

/* Draw one field from line v; with draw 0 only its height.  The focused
 * text field is drawn last, by item_cursor, for the cursor. */
static int
field_draw(struct ui *ui, struct item_scr *d, const struct pane *p, int v,
    size_t i, int draw)
{
	const struct form_item	*it = item_of(d);
	struct field		*f = &d->f[i];
	int			 focus = i == d->focus;
	int			 w = COLS - VALUE_X - 1;
	int			 nl, nv, ne = 0, row, skip, rows;
	char			 line[1024], pts[32];

	if (draw)
		ui_color(ui, UC_HEADER, 1);
	nl = pane_text(ui, p, v, 1, LABEL_W, f->label, draw);
	if (draw)
		ui_color(ui, UC_HEADER, 0);
	nv = field_value_lines(d, f, w);
	if (f->hint != NULL) {
		int	nh;

		if (draw)
			ui_color(ui, UC_DIM, 1);
		nh = pane_text(ui, p, v, VALUE_X + 18, w - 18, f->hint, draw);
		if (draw)
			ui_color(ui, UC_DIM, 0);
		if (nh > nv)
			nv = nh;
	}
	if (f->error != NULL) {
		if (draw)
			ui_color(ui, UC_ERROR, 1);
		ne = pane_text(ui, p, v + nv, VALUE_X, w, f->error, draw);
		if (draw)
			ui_color(ui, UC_ERROR, 0);
	}
	if (!draw)
		return (nl > nv + ne ? nl : nv + ne);
	if ((f->dirty || f->ed.dirty) && (row = pane_row(p, v)) >= 0) {
		ui_color(ui, UC_WARN, 1);
		ui_put(ui, row, 0, 1, "*", 0);
		ui_color(ui, UC_WARN, 0);
	}
	switch (f->kind) {
	case F_STATUS:
		if ((row = pane_row(p, v)) < 0)
			break;
		item_choice_text(it, f, line, sizeof line);
		ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 1);
		ui_put(ui, row, VALUE_X, 22, line, 0);
		ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 0);
		if (mark_of(d, f->side)->status == STATUS_SCORED) {
			unsigned	fl;

			score_item(it, &d->a->entries[d->item], f->side, &fl);
			snprintf(line, sizeof line, _("= %s pts"),
			    ui_cp(ui, mark_of(d, f->side)->points, pts));
			if (fl & SCORE_NO_EVIDENCE) {
				ui_color(ui, UC_WARN, 1);
				strcat(line, " ");
				strcat(line, _("(counts 0: no evidence)"));
			}
			ui_put(ui, row, VALUE_X + 24, COLS - VALUE_X - 25,
			    line, 0);
			if (fl & SCORE_NO_EVIDENCE)
				ui_color(ui, UC_WARN, 0);
		}
		break;
	case F_LEVEL:
		item_choice_text(it, f, line, sizeof line);
		ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 1);
		pane_text(ui, p, v, VALUE_X, w, line, 1);
		ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 0);
		break;
	case F_NUMBER:
		if ((row = pane_row(p, v)) >= 0 && !focus)
			ui_edit_draw(ui, &f->ed, row, VALUE_X, 16, 0);
		break;
	default:
		if (focus)
			break;
		skip = p->top > v ? p->top - v : 0;
		rows = (v + nv < p->top + p->h ? v + nv : p->top + p->h) -
		    (v > p->top ? v : p->top);
		if (rows > 0)
			ui_edit_draw_lines(ui, &f->ed, pane_row(p, v + skip),
			    VALUE_X, w, skip, rows, 0);
		break;
	}
	return (nl > nv + ne ? nl : nv + ne);
}

/* The focused text field, drawn last so that the cursor stays in it. */
static void
item_cursor(struct ui *ui, struct item_scr *d, const struct pane *p, int v)
{
	struct field	*f = &d->f[d->focus];
	int		 w = COLS - VALUE_X - 1, nv, skip, rows;

	if (f->kind == F_NUMBER) {
		if (pane_row(p, v) >= 0)
			ui_edit_draw(ui, &f->ed, pane_row(p, v), VALUE_X, 16,
			    1);
		return;
	}
	if (f->kind != F_EVIDENCE && f->kind != F_TEXT)
		return;
	nv = ui_edit_lines(&f->ed, w);
	skip = p->top > v ? p->top - v : 0;
	rows = (v + nv < p->top + p->h ? v + nv : p->top + p->h) -
	    (v > p->top ? v : p->top);
	if (rows > 0)
		ui_edit_draw_lines(ui, &f->ed, pane_row(p, v + skip), VALUE_X,
		    w, skip, rows, 1);
}

/* The item's title, facts, rule and guidance from line v; the lines. */
static int
item_head(struct ui *ui, struct item_scr *d, const struct pane *p, int draw)
{
	const struct form_item	*it = item_of(d);
	char			 line[2048], v[32];
	int			 n = 0;

	if (draw)
		ui_color(ui, UC_HEADER, 1);
	n += pane_text(ui, p, n, 1, COLS - 2, it->title, draw);
	if (draw)
		ui_color(ui, UC_HEADER, 0);
	snprintf(line, sizeof line, "%s %s · %s %s · %s", _("max"),
	    ui_cp(ui, it->max, v), _("appraised by"),
	    it->appraiser != NULL ? it->appraiser : "—",
	    it->evidence ? _("evidence required") : _("no evidence needed"));
	n += pane_text(ui, p, n, 1, COLS - 2, line, draw);
	item_rule_line(ui, it, line, sizeof line);
	n += pane_text(ui, p, n, 1, COLS - 2, line, draw);
	if (it->guidance != NULL) {
		if (draw)
			ui_color(ui, UC_DIM, 1);
		n += pane_text(ui, p, n, 1, COLS - 2, it->guidance, draw);
		if (draw)
			ui_color(ui, UC_DIM, 0);
	}
	return n + 1;
}

void
item_draw(struct ui *ui, struct screen *s)
{
	struct item_scr		*d = s->data;
	const struct form_item	*it = item_of(d);
	struct pane		 p = { 1, LINES - 6, 0 };
	char			 line[256];
	int			*at, head, v, fy = 0, fh = 1, end;
	size_t			 i;

	snprintf(line, sizeof line, "cchc — %d — %s — %s %s", ui->year->year,
	    d->a->ag->code, _("item"), it->code);
	ui_frame(ui, line, SCR_ITEM);
	/* Lay the column out, then show the part that holds the focus (and
	 * the item's text above it when both fit). */
	at = xcalloc(d->nf + 1, sizeof *at);
	head = item_head(ui, d, &p, 0);
	for (i = 0, v = head; i < d->nf; i++) {
		at[i] = v;
		v += field_draw(ui, d, &p, v, i, 0);
		if (i == d->focus) {
			fy = at[i];
			fh = v - at[i];
		}
	}
	end = v;
	if (fy + fh <= p.h)
		d->top = 0;
	else if (fy < d->top)
		d->top = fy;
	else if (fy + fh > d->top + p.h)
		d->top = fy + fh - p.h;
	if (d->top > fy)
		d->top = fy;
	p.top = d->top;
	item_head(ui, d, &p, 1);
	for (i = 0; i < d->nf; i++)
		field_draw(ui, d, &p, at[i], i, 1);
	/* More above or below: say so at the right edge. */
	ui_color(ui, UC_DIM, 1);
	if (p.top > 0)
		ui_put(ui, p.y0, COLS - 1, 1, "▲", 0);
	if (end > p.top + p.h)
		ui_put(ui, p.y0 + p.h - 1, COLS - 1, 1, "▼", 0);
	ui_color(ui, UC_DIM, 0);
	ui_totals(ui, d->a, it->area, LINES - 5);
	/* The cursor last, in the focused text field. */
	item_cursor(ui, d, &p, at[d->focus]);
	free(at);
}
