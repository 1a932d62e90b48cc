/* screen-item-draw: the item screen drawn from its state. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen-item.h"
#include "text.h"
#include "util.h"

/* Word-wrap s into at most n lines of w columns at (y, x). */
static int
item_wrap(struct ui *ui, int y, int x, int w, int n, const char *s)
{
	return ui_wrap(ui, y, x, w, n, s);
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

void
item_draw(struct ui *ui, struct screen *s)
{
	struct item_scr		*d = s->data;
	const struct form_item	*it = item_of(d);
	char			 line[1024], v[32];
	int			 y, i, h, lw = 24, fw, row;
	enum score_side		 side = SIDE_SELF;

	snprintf(line, sizeof line, "cchc — %d — %s — %s %s", ui->year->year,
	    d->a->ag->code, _("item"), it->code);
	ui_frame(ui, line, SCR_ITEM);
	ui_color(ui, UC_HEADER, 1);
	y = 1 + item_wrap(ui, 1, 1, COLS - 2, 2, it->title);
	ui_color(ui, UC_HEADER, 0);
	snprintf(line, sizeof line, "%s %s · %s %s · %s%s", _("max"),
	    ui_cp(ui, it->max, v), _("appraised by"),
	    it->appraiser != NULL ? it->appraiser : "—",
	    it->evidence ? _("evidence required") : _("no evidence needed"),
	    "");
	ui_put(ui, y++, 1, COLS - 2, line, 0);
	item_rule_line(ui, it, line, sizeof line);
	y += item_wrap(ui, y, 1, COLS - 2, 2, line);
	if (it->guidance != NULL) {
		ui_color(ui, UC_DIM, 1);
		y += item_wrap(ui, y, 1, COLS - 2, 2, it->guidance);
		ui_color(ui, UC_DIM, 0);
	}
	y++;
	h = LINES - 5 - y;
	if ((int)d->focus < d->top)
		d->top = (int)d->focus;
	if ((int)d->focus >= d->top + h)
		d->top = (int)d->focus - h + 1;
	fw = COLS - lw - 4;
	for (i = d->top, row = y; i < (int)d->nf && row < y + h; i++, row++) {
		struct field	*f = &d->f[i];
		int		 focus = i == (int)d->focus, w = fw;

		ui_color(ui, UC_HEADER, 1);
		ui_put(ui, row, 1, lw, f->label, 0);
		ui_color(ui, UC_HEADER, 0);
		if (f->kind == F_STATUS || f->kind == F_NUMBER ||
		    f->kind == F_LEVEL)
			side = f->side;
		if (f->error != NULL)
			w = fw / 2;
		switch (f->kind) {
		case F_STATUS:
			snprintf(line, sizeof line, "◀ %s ▶",
			    ui_status_name(f->status));
			ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 1);
			ui_put(ui, row, lw + 2, 22, line, 0);
			ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 0);
			if (mark_of(d, side)->status == STATUS_SCORED) {
				unsigned	fl;

				score_item(it, &d->a->entries[d->item], side,
				    &fl);
				snprintf(line, sizeof line, _("= %s pts"),
				    ui_cp(ui, mark_of(d, side)->points, v));
				if (fl & SCORE_NO_EVIDENCE) {
					ui_color(ui, UC_WARN, 1);
					strcat(line, " ");
					strcat(line,
					    _("(counts 0: no evidence)"));
				}
				ui_put(ui, row, lw + 26, COLS - lw - 27, line,
				    0);
				if (fl & SCORE_NO_EVIDENCE)
					ui_color(ui, UC_WARN, 0);
			}
			break;
		case F_LEVEL:
			if (f->level >= 0 && (size_t)f->level < it->nlevels)
				snprintf(line, sizeof line, "◀ %d) %s ▶",
				    f->level + 1, it->levels[f->level].label);
			else
				snprintf(line, sizeof line, "◀ %s ▶",
				    _("choose a level"));
			ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 1);
			ui_put(ui, row, lw + 2, w, line, 0);
			ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 0);
			break;
		default:
			if (f->kind == F_NUMBER && f->error == NULL)
				w = 16;
			ui_edit_draw(ui, &f->ed, row, lw + 2, w, 0);
			break;
		}
		if (f->error != NULL) {
			ui_color(ui, UC_ERROR, 1);
			ui_put(ui, row, lw + 3 + w, COLS - lw - 4 - w,
			    f->error, 0);
			ui_color(ui, UC_ERROR, 0);
		}
		if ((f->dirty || f->ed.dirty) && f->error == NULL) {
			ui_color(ui, UC_WARN, 1);
			ui_put(ui, row, 0, 1, "*", 0);
			ui_color(ui, UC_WARN, 0);
		}
	}
	ui_totals(ui, d->a, it->area, LINES - 5);
	/* The focused field's reason, whole, on the message line. */
	if (d->f[d->focus].error != NULL && ui->msg == NULL) {
		ui_color(ui, UC_ERROR, 1);
		ui_put(ui, LINES - 2, 0, COLS, d->f[d->focus].error, 0);
		ui_color(ui, UC_ERROR, 0);
	}
	/* The cursor last, in the focused text field. */
	if ((int)d->focus >= d->top && (int)d->focus < d->top + h) {
		struct field	*f = &d->f[d->focus];
		int		 w = f->error != NULL ? fw / 2 :
				    f->kind == F_NUMBER ? 16 : fw;

		if (f->kind == F_NUMBER || f->kind == F_EVIDENCE ||
		    f->kind == F_TEXT)
			ui_edit_draw(ui, &f->ed, y + (int)d->focus - d->top,
			    lw + 2, w, 1);
	}
}
