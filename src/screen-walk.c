/* screen-walk: one agency, area by area, with the totals bar. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct walk {
	struct app_agency	*a;
	size_t			 area;
	size_t			 item;	/* selected item, index in the form */
	int			 top;	/* first line shown */
};

static void *
walk_init(struct ui *ui, const void *args)
{
	const struct walk_args	*arg = args;
	struct walk		*d;
	char			*cause = NULL;

	/* The agency's entries, read now if they are not in memory. */
	if (app_agency_entries(ui->st, ui->year, arg->agency, &cause) !=
	    APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->a = arg->agency;
	d->item = d->a->form->areas[0].first_item;
	return d;
}

/* The side being worked on: self while a draft, appraised after. */
static enum score_side
walk_side(const struct app_agency *a)
{
	return a->state == APP_DRAFT ? SIDE_SELF : SIDE_APPRAISED;
}

/*
 * An area's progress on the side being worked on, as a picture: the part
 * of its items scored, in eighths (▁ … █; · none), and its colour (done,
 * partly, not begun), the same without colour.
 */
static const char *
walk_progress(const struct app_agency *a, size_t area, enum ui_color *c)
{
	static const char	*step[] = { "·", "▁", "▂", "▃", "▄", "▅", "▆",
				    "▇", "█" };
	const struct form	*f = a->form;
	const struct form_area	*ar = &f->areas[area];
	enum score_side		 side = walk_side(a);
	size_t			 i, n = 0, done = 0, k;
	unsigned		 fl;

	for (i = ar->first_item; i < ar->first_item + ar->nitems; i++) {
		score_item(&f->items[i], &a->entries[i], side, &fl);
		if (fl & SCORE_NOT_ASSIGNED)
			continue;
		n++;
		if (!(fl & SCORE_UNSCORED))
			done++;
	}
	if (n == 0 || done == n) {
		*c = UC_GOOD;
		return step[8];
	}
	*c = done == 0 ? UC_DIM : UC_WARN;
	/* Some done shows at least ▁, not all done at most ▇. */
	k = done == 0 ? 0 : 1 + done * 6 / n;
	return step[k];
}

/* Text of one side's value of an item. */
static void
walk_value(struct ui *ui, const struct form_item *it,
    const struct score_mark *m,
    char *buf)
{
	switch (m->status) {
	case STATUS_EMPTY:
		strcpy(buf, "·");
		break;
	case STATUS_SCORED:
		ui_cp(ui, m->points, buf);
		break;
	case STATUS_NOT_ARISING:
		ui_cp(ui, it->max, buf);
		strcat(buf, "*");
		break;
	case STATUS_NOT_ASSIGNED:
		strcpy(buf, "—");
		break;
	case STATUS_NOT_DONE:
		strcpy(buf, "0");
		break;
	}
}

/* The line (0-based within the area's listing) of an item. */
static int
walk_line_of(const struct form *f, size_t area, size_t item)
{
	const struct form_area	*ar = &f->areas[area];
	size_t			 c;
	int			 line = 0;

	for (c = ar->first_criterion; c < ar->first_criterion + ar->ncriteria;
	    c++) {
		const struct form_criterion	*cr = &f->criteria[c];

		line++;
		if (item >= cr->first_item && item < cr->first_item +
		    cr->nitems)
			return line + (int)(item - cr->first_item);
		line += (int)cr->nitems;
	}
	return line;
}

static void
walk_draw(struct ui *ui, struct screen *s)
{
	struct walk		*d = s->data;
	struct app_agency	*a = d->a;
	const struct form	*f = a->form;
	const struct form_area	*ar = &f->areas[d->area];
	char			 title[256], v1[32], v2[32], mx[32];
	int			 h = LINES - 11, line, row, x, tw, sel;
	/* A year of two rounds: a column of the first round. */
	int			 ro = ui->year->rounds >= 2 ? 7 : 0;
	size_t			 c, i;
	struct strbuf		 legend;

	snprintf(title, sizeof title, "cchc — %d — %s (%s) — %s",
	    ui->year->year, a->ag->name, a->ag->code,
	    ui_state_name(a->state));
	ui_frame(ui, title, SCR_WALK);
	/* Area tabs, each with its progress on the side worked on, then
	 * the area's title. */
	x = 1;
	for (i = 0; i < f->nareas; i++) {
		enum ui_color	pc;
		const char	*g = walk_progress(a, i, &pc);

		snprintf(v1, sizeof v1, " %s", f->areas[i].code);
		if (i == d->area)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, 1, x, text_width(v1) + 1, v1, 0);
		if (i == d->area)
			ui_color(ui, UC_SELECT, 0);
		x += text_width(v1);
		ui_color(ui, pc, 1);
		ui_put(ui, 1, x, 1, g, 0);
		ui_color(ui, pc, 0);
		x += 2;
	}
	snprintf(title, sizeof title, "%s (%s %s)", ar->title, _("max"),
	    ui_cp(ui, ar->max, mx));
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, 1, x + 1, COLS - x - 2, title, 0);
	tw = COLS - 40 - ro;
	ui_put(ui, 2, 1, 7, _("Code"), 0);
	ui_put(ui, 2, 9, tw, _("Item"), 0);
	ui_put(ui, 2, 10 + tw, 5, _("Max"), 1);
	ui_put(ui, 2, 16 + tw, 6, _("Self"), 1);
	if (ro)
		ui_put(ui, 2, 23 + tw, 6, _("Round 1"), 1);
	ui_put(ui, 2, 23 + tw + ro, 6, ro ? _("Final") : _("Appr."), 1);
	ui_put(ui, 2, 30 + tw + ro, COLS - 31 - tw - ro, _("Marks"), 0);
	ui_color(ui, UC_HEADER, 0);

	/* Keep the selection inside the window. */
	sel = walk_line_of(f, d->area, d->item);
	if (sel < d->top + 1)
		d->top = sel - 1 > 0 ? sel - 1 : 0;
	if (sel >= d->top + h)
		d->top = sel - h + 1;
	line = 0;
	row = 3;
	for (c = ar->first_criterion; c < ar->first_criterion + ar->ncriteria;
	    c++) {
		const struct form_criterion	*cr = &f->criteria[c];

		if (line >= d->top && row < 3 + h) {
			snprintf(title, sizeof title, "%s (%s)", cr->title,
			    ui_cp(ui, cr->max, mx));
			ui_color(ui, UC_HEADER, 1);
			ui_put(ui, row, 1, 7, cr->code, 0);
			ui_put(ui, row, 9, COLS - 10, title, 0);
			ui_color(ui, UC_HEADER, 0);
			row++;
		}
		line++;
		for (i = cr->first_item; i < cr->first_item + cr->nitems;
		    i++, line++) {
			const struct form_item	*it = &f->items[i];
			struct entry_record	*e = &a->raw[i];
			unsigned		 fs, fa;
			struct strbuf		 marks;

			if (line < d->top || row >= 3 + h)
				continue;
			score_item(it, &a->entries[i], SIDE_SELF, &fs);
			score_item(it, &a->entries[i], SIDE_APPRAISED, &fa);
			strbuf_init(&marks);
			strbuf_add(&marks, "", 0);
			if ((fs | fa) & SCORE_NO_EVIDENCE)
				strbuf_puts(&marks, "! ");
			if (fa & SCORE_UNSCORED)
				strbuf_puts(&marks, "? ");
			/* The analogy (vận dụng) of either side: its own
			 * mark, a glyph, so no colour is needed. */
			if (e->analogy[SIDE_SELF] != NULL ||
			    e->analogy[SIDE_APPRAISED] != NULL)
				strbuf_puts(&marks, "≈ ");
			if (ro && e->dispute != NULL)
				strbuf_puts(&marks, "» ");
			if (e->nevidence > 0)
				strbuf_printf(&marks, "✓%zu", e->nevidence);
			if (i == d->item)
				ui_color(ui, UC_SELECT, 1);
			else if (fa & SCORE_NOT_ASSIGNED)
				ui_color(ui, UC_DIM, 1);
			ui_put(ui, row, 0, COLS, "", 0);
			ui_put(ui, row, 1, 7, it->code, 0);
			ui_put(ui, row, 9, tw, it->title, 0);
			ui_put(ui, row, 10 + tw, 5, ui_cp(ui, it->max, mx), 1);
			walk_value(ui, it, &e->self, v1);
			walk_value(ui, it, &e->appraised, v2);
			ui_put(ui, row, 16 + tw, 6, v1, 1);
			if (ro) {
				walk_value(ui, it, &e->first, v1);
				ui_put(ui, row, 23 + tw, 6, v1, 1);
			}
			ui_put(ui, row, 23 + tw + ro, 6, v2, 1);
			if (i != d->item && (fs | fa) & SCORE_NO_EVIDENCE)
				ui_color(ui, UC_WARN, 1);
			ui_put(ui, row, 30 + tw + ro, COLS - 31 - tw - ro,
			    marks.s, 0);
			if (i != d->item && (fs | fa) & SCORE_NO_EVIDENCE)
				ui_color(ui, UC_WARN, 0);
			if (i == d->item)
				ui_color(ui, UC_SELECT, 0);
			else if (fa & SCORE_NOT_ASSIGNED)
				ui_color(ui, UC_DIM, 0);
			strbuf_clear(&marks);
			row++;
		}
	}
	ui_color(ui, UC_DIM, 1);
	strbuf_init(&legend);
	strbuf_printf(&legend, "%s · ", _("≈ analogy (vận dụng)"));
	if (ro)
		strbuf_printf(&legend, "%s · ", _("» the agency disputes the first round"));
	strbuf_puts(&legend, walk_side(a) == SIDE_SELF ?
	    _("! points without the evidence they need (count 0) · ? not scored · * not arising · — not assigned · ✓n evidence references · ▁…█ the part of an area's items with a self score") :
	    _("! points without the evidence they need (count 0) · ? not scored · * not arising · — not assigned · ✓n evidence references · ▁…█ the part of an area's items with an appraised score"));
	ui_wrap(ui, LINES - 8, 1, COLS - 2, 3, legend.s);
	strbuf_clear(&legend);
	ui_color(ui, UC_DIM, 0);
	ui_totals(ui, d->a, d->area, LINES - 5);
}

/* Move to an item and its area. */
static void
walk_goto(struct walk *d, size_t item)
{
	d->item = item;
	d->area = d->a->form->items[item].area;
}

static int
walk_next_unscored(struct ui *ui, struct walk *d)
{
	const struct form	*f = d->a->form;
	enum score_side		 side = walk_side(d->a);
	size_t			 k, i;
	unsigned		 fl;

	for (k = 1; k <= f->nitems; k++) {
		i = (d->item + k) % f->nitems;
		score_item(&f->items[i], &d->a->entries[i], side, &fl);
		if (fl & SCORE_UNSCORED) {
			walk_goto(d, i);
			return 1;
		}
	}
	if (side == SIDE_SELF && d->a->appraised.unscored > 0)
		ui_message(ui, 0, _("Every item has a self score (%zu await the appraisal, after the agency submits)."), d->a->appraised.unscored);
	else
		ui_message(ui, 0, "%s", side == SIDE_SELF ?
		    _("Every item has a self score.") :
		    _("Every item has an appraised score."));
	return 0;
}

/* The bottom line says which side u searches. */
static const char *
walk_key_help(struct screen *s, enum action a)
{
	struct walk	*d = s->data;

	if (a != A_NEXT_UNSCORED)
		return NULL;
	return walk_side(d->a) == SIDE_SELF ?
	    _("next unscored (self)") :
	    _("next unscored (appraised)");
}

static int
walk_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct walk		*d = s->data;
	const struct form	*f = d->a->form;
	const struct form_area	*ar = &f->areas[d->area];
	size_t			 i, k;
	char			*q;
	int			 h = LINES - 10;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_UP:
		if (d->item > ar->first_item)
			d->item--;
		return UI_OK;
	case A_DOWN:
		if (d->item + 1 < ar->first_item + ar->nitems)
			d->item++;
		return UI_OK;
	case A_PGUP:
		d->item = d->item >= ar->first_item + (size_t)h ?
		    d->item - (size_t)h : ar->first_item;
		return UI_OK;
	case A_PGDN:
		d->item = d->item + (size_t)h < ar->first_item + ar->nitems ?
		    d->item + (size_t)h : ar->first_item + ar->nitems - 1;
		return UI_OK;
	case A_HOME:
		d->item = ar->first_item;
		return UI_OK;
	case A_END:
		d->item = ar->first_item + ar->nitems - 1;
		return UI_OK;
	case A_NEXT_AREA:
	case A_PREV_AREA:
		if (a == A_NEXT_AREA)
			d->area = (d->area + 1) % f->nareas;
		else
			d->area = (d->area + f->nareas - 1) % f->nareas;
		d->item = f->areas[d->area].first_item;
		d->top = 0;
		return UI_OK;
	case A_NEXT_UNSCORED:
		walk_next_unscored(ui, d);
		return UI_OK;
	case A_SEARCH:
		if ((q = ui_prompt(ui, _("Find item:"), "")) == NULL)
			return UI_OK;
		for (k = 1; *q != '\0' && k <= f->nitems; k++) {
			i = (d->item + k) % f->nitems;
			if (text_match(f->items[i].code, q) ||
			    text_match(f->items[i].title, q)) {
				walk_goto(d, i);
				break;
			}
		}
		if (*q != '\0' && k > f->nitems)
			ui_message(ui, 1, _("No item matches \"%s\"."), q);
		free(q);
		return UI_OK;
	case A_ENTER:
		ui_push(ui, &screen_item, &(struct item_args){
		    .agency = d->a, .item = d->item });
		return UI_OK;
	case A_COMPARE:
		ui_push(ui, &screen_compare, &(struct compare_args){ d->a,
		    0 });
		return UI_OK;
	case A_DEDUCT:
		ui_push(ui, &screen_deduct, &(struct deduct_args){ d->a });
		return UI_OK;
	case A_SUBMIT:
		return screen_flow(ui, d->a, APP_SUBMIT);
	case A_APPRAISE:
		return screen_flow(ui, d->a, APP_APPRAISE);
	case A_REOPEN:
		return screen_flow(ui, d->a, APP_REOPEN);
	case A_PRINT:
		ui_push(ui, &screen_print, &(struct print_args){ d->a->block,
		    d->a, SIDE_APPRAISED, 0 });
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

const struct ui_screen_ops screen_walk = {
	.title = N_("Walk-through of an agency"),
	.id = SCR_WALK,
	.init = walk_init,
	.free = free,
	.draw = walk_draw,
	.key = walk_key,
	.key_help = walk_key_help,
};
