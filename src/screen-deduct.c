/* screen-deduct: the advisory deduction with its basis, and manual lines. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct deduct {
	struct app_agency	*a;
	struct ui_list		 list;
	int			 h;	/* rows of the list, as drawn */
	int			 detail;	/* the selected line whole */
};

/* The selected line whole, word-wrapped, in the rows from y to the
 * totals bar; the rows it takes (draw 0: only count them). */
static int
deduct_detail(struct ui *ui, struct deduct *d, int y, int draw)
{
	struct entry_deduction	*l = &d->a->ded[d->list.sel];
	const char		*label[4];
	char			*value[4], b[32], **lv;
	int			 n = 0, k, lw = 0, w;
	size_t			 nl, i;

	label[0] = _("Points deducted:");
	label[1] = _("Reason:");
	label[2] = _("Evidence:");
	label[3] = _("Entered by:");
	value[0] = xasprintf("−%s", ui_cp(ui, l->points, b));
	value[1] = xstrdup(l->reason != NULL ? l->reason : "");
	value[2] = xstrdup(l->evidence != NULL ? l->evidence : "—");
	value[3] = xasprintf("%s, %s", l->who != NULL ? l->who : "",
	    l->at != NULL ? l->at : "");
	for (k = 0; k < 4; k++) {
		if (text_width(label[k]) > lw)
			lw = text_width(label[k]);
	}
	w = COLS - lw - 6;
	if (draw) {
		ui_color(ui, UC_HEADER, 1);
		ui_put(ui, y, 1, COLS - 2, _("The line, whole (Enter or Esc closes)"), 0);
		ui_color(ui, UC_HEADER, 0);
	}
	n++;
	for (k = 0; k < 4; k++) {
		nl = ui_wrap_split(value[k], w, 0, &lv);
		if (draw)
			ui_put(ui, y + n, 3, lw, label[k], 0);
		for (i = 0; i < nl || i == 0; i++) {
			if (draw && i < nl)
				ui_put(ui, y + n, lw + 4, w, lv[i], 0);
			n++;
		}
		ui_lines_free(lv, nl);
		free(value[k]);
	}
	return n;
}

static void *
deduct_init(struct ui *ui, const void *args)
{
	const struct deduct_args	*arg = args;
	struct deduct			*d = xcalloc(1, sizeof *d);

	(void)ui;
	d->a = arg->agency;
	return d;
}

static void
deduct_draw(struct ui *ui, struct screen *s)
{
	struct deduct		*d = s->data;
	struct app_agency	*a = d->a;
	const struct form_advisory	*adv = &a->form->advisory;
	char			 t[512], b1[32], b2[32], b3[32];
	int			 row = 2, i, h;
	size_t			 k, j;

	snprintf(t, sizeof t, "cchc — %d — %s — %s", ui->year->year,
	    a->ag->name, _("deductions"));
	ui_frame(ui, t, SCR_DEDUCT);
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, row++, 1, COLS - 2, _("Advisory deduction (computed)"), 0);
	ui_color(ui, UC_HEADER, 0);
	if (!adv->present || a->ag->nadvises == 0)
		ui_put(ui, row++, 3, COLS - 4, _("This agency does not advise on an area of the provincial index."), 0);
	if (adv->present && adv->basis == FORM_BASIS_OVERALL &&
	    a->ag->nadvises > 0) {
		const struct score_province	*pa = NULL;

		for (j = 0; j < ui->year->nprov; j++) {
			if (ui->year->prov[j].area == SCORE_OVERALL)
				pa = &ui->year->prov[j];
		}
		if (pa == NULL)
			snprintf(t, sizeof t, "%s", _("The province's overall index: not entered (cchc province --overall)"));
		else
			snprintf(t, sizeof t, _("The province's overall index %s, national rank %d, fell %d places → %s points"),
			    pa->has_index ? ui_rate(ui, pa->index, b1) : "?",
			    pa->rank, pa->has_fall ? pa->fall : 0,
			    ui_cp(ui, score_advisory_area(adv, pa), b2));
		ui_put(ui, row++, 3, COLS - 4, t, 0);
	}
	for (k = 0; adv->present && adv->basis == FORM_BASIS_AREA &&
	    k < a->ag->nadvises; k++) {
		const struct score_province	*pa = NULL;

		for (j = 0; j < ui->year->nprov; j++) {
			if (ui->year->prov[j].area == a->ag->advises[k])
				pa = &ui->year->prov[j];
		}
		if (pa == NULL) {
			snprintf(t, sizeof t, _("Area %d of the provincial index: the province's results are not entered (cchc province)"), a->ag->advises[k]);
		} else {
			snprintf(t, sizeof t, _("Area %d: component index %s, fell %d places → %s points"), pa->area,
			    pa->has_index ? ui_rate(ui, pa->index, b1) : "?",
			    pa->has_fall ? pa->fall : 0,
			    ui_cp(ui, score_advisory_area(adv, pa), b2));
		}
		ui_put(ui, row++, 3, COLS - 4, t, 0);
	}
	if (adv->present) {
		snprintf(t, sizeof t, _("Advisory total: %s (capped at %s)"),
		    ui_cp(ui, a->advisory, b1), ui_cp(ui, adv->cap, b2));
		ui_put(ui, row++, 3, COLS - 4, t, 0);
	}
	row++;
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, row++, 1, COLS - 2, _("Manual deduction lines"), 0);
	ui_color(ui, UC_HEADER, 0);
	if (a->nded == 0)
		ui_put(ui, row, 3, COLS - 4, _("None. Press a to add one."), 0);
	h = LINES - 6 - row;	/* above the totals bar */
	if (d->detail && a->nded > 0) {
		int	dh = deduct_detail(ui, d, 0, 0) + 1;

		if (h - dh < 1)
			dh = h - 1;
		h -= dh;
		deduct_detail(ui, d, row + h + 1, 1);
	} else
		d->detail = 0;
	d->h = h;
	d->list.n = (int)a->nded;
	ui_list_fix(&d->list, h);
	for (i = d->list.top; i < (int)a->nded && h-- > 0; i++, row++) {
		struct entry_deduction	*l = &a->ded[i];

		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 1);
		ui_put(ui, row, 0, COLS, "", 0);
		snprintf(t, sizeof t, "−%s  %s%s%s  (%s, %s)",
		    ui_cp(ui, l->points, b3), l->reason,
		    l->evidence != NULL ? " · " : "",
		    l->evidence != NULL ? l->evidence : "", l->who, l->at);
		ui_put(ui, row, 3, COLS - 4, t, 0);
		if (i == d->list.sel)
			ui_color(ui, UC_SELECT, 0);
	}
	ui_totals(ui, a, (size_t)-1, LINES - 5);
}

static int
deduct_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct deduct	*d = s->data;
	char		*pts, *reason, *ev, *cause = NULL;
	int64_t		 p;
	int		 r = UI_OK;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_ADD:
		/* Each field is checked as it is left: a locked year or a
		 * bad amount is refused before the next question. */
		if (app_deduction_check(ui->year, d->a, 0, 0, NULL, NULL,
		    &cause) != APP_OK)
			goto refused;
		if ((pts = ui_prompt(ui, _("Points to deduct:"), "")) == NULL)
			return UI_OK;
		if (util_parse_cp(pts, &p, &cause) != 0) {
			free(pts);
			goto refused;
		}
		free(pts);
		if (app_deduction_check(ui->year, d->a, APP_DED_POINTS, p,
		    NULL, NULL, &cause) != APP_OK)
			goto refused;
		if ((reason = ui_prompt(ui, _("Reason:"), "")) == NULL)
			return UI_OK;
		if (app_deduction_check(ui->year, d->a, APP_DED_REASON, p,
		    reason, NULL, &cause) != APP_OK) {
			free(reason);
			goto refused;
		}
		ev = ui_prompt(ui, _("Evidence (document number):"), "");
		if (app_deduction_add(ui->st, ui->year, d->a, p, reason, ev,
		    &cause) != APP_OK) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
		} else {
			ui_message(ui, 0, _("Deduction saved."));
			r = UI_CHANGED;
		}
		free(reason);
		free(ev);
		return r;
	refused:
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return UI_OK;
	case A_DELETE:
		if (d->a->nded == 0)
			return UI_OK;
		if (!ui_confirm(ui, _("Remove this deduction line? (y/n)")))
			return UI_OK;
		if (app_deduction_remove(ui->st, ui->year, d->a,
		    d->a->ded[d->list.sel].id, &cause) != APP_OK) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			return UI_OK;
		}
		ui_message(ui, 0, _("Deduction removed."));
		return UI_CHANGED;
	case A_ENTER:
		d->detail = !d->detail && d->a->nded > 0;
		return UI_OK;
	case A_BACK:
		if (d->detail) {
			d->detail = 0;
			return UI_OK;
		}
		return UI_UNHANDLED;
	case A_QUIT:
		return UI_UNHANDLED;
	default:
		ui_list_key(&d->list, a, d->h > 0 ? d->h : 1);
		return UI_OK;
	}
}

const struct ui_screen_ops screen_deduct = {
	.title = N_("Deductions of an agency"),
	.id = SCR_DEDUCT,
	.init = deduct_init,
	.free = free,
	.draw = deduct_draw,
	.key = deduct_key,
};
