/*
 * screen-item: the entry of one item for one agency.  Each field edits a
 * pending value; Enter commits it through app (on disk before the screen
 * says so) and the totals bar follows; Esc restores the committed value;
 * a refused value keeps its buffer and shows the reason beside it.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "text.h"
#include "screen-item.h"
#include "ui.h"
#include "util.h"

static const enum score_status status_cycle[] = { STATUS_EMPTY, STATUS_SCORED,
    STATUS_NOT_ARISING, STATUS_NOT_ASSIGNED, STATUS_NOT_DONE };

const struct form_item *
item_of(struct item_scr *d)
{
	return &d->a->form->items[d->item];
}

struct entry_record *
entry_of(struct item_scr *d)
{
	return &d->a->raw[d->item];
}

const struct score_mark *
mark_of(struct item_scr *d, enum score_side side)
{
	return side == SIDE_SELF ? &entry_of(d)->self :
	    &entry_of(d)->appraised;
}

const struct entry_inputs *
inputs_of(struct item_scr *d, enum score_side side)
{
	return entry_inputs_c(entry_of(d), side);
}

static void
field_clear(struct field *f)
{
	free(f->label);
	free(f->hint);
	free(f->error);
	ui_edit_free(&f->ed);
}

static struct field *
field_add(struct item_scr *d, enum fkind kind, const char *label)
{
	struct field	*f;

	d->f = xreallocarray(d->f, d->nf + 1, sizeof *d->f);
	f = &d->f[d->nf++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->label = xstrdup(label);
	f->level = -1;
	f->evidx = -1;
	return f;
}

/* Load a field's value from the committed entry. */
void
field_load(struct item_scr *d, struct field *f)
{
	const struct form_item	*it = item_of(d);
	const struct score_mark	*m;
	struct entry_record	*e = entry_of(d);
	const struct entry_inputs *in;
	char			*v, b[UTIL_CP_BUFSZ];
	int64_t			 n;
	size_t			 i;

	free(f->error);
	f->error = NULL;
	f->dirty = 0;
	switch (f->kind) {
	case F_STATUS:
		f->status = mark_of(d, f->side)->status;
		break;
	case F_LEVEL:
		m = mark_of(d, f->side);
		in = inputs_of(d, f->side);
		f->level = -1;
		if (entry_inputs_get(in, "level", &n)) {
			if (n >= 100 && n % 100 == 0 &&
			    n / 100 <= (int64_t)it->nlevels)
				f->level = (int)(n / 100) - 1;
		} else if (m->status == STATUS_SCORED) {
			for (i = 0; i < it->nlevels; i++) {
				if (it->levels[i].points == m->points) {
					f->level = (int)i;
					break;
				}
			}
		}
		break;
	case F_NUMBER:
		m = mark_of(d, f->side);
		in = inputs_of(d, f->side);
		if (entry_inputs_get(in, f->key, &n))
			ui_edit_set(&f->ed, util_format_cp(n, d->mark, b));
		else if (it->rule == RULE_POINTS &&
		    m->status == STATUS_SCORED)
			ui_edit_set(&f->ed, util_format_cp(m->points, d->mark,
			    b));
		else
			ui_edit_set(&f->ed, "");
		break;
	case F_EVIDENCE:
		if (f->evidx >= 0 && (size_t)f->evidx < e->nevidence) {
			const struct entry_evidence *ev =
			    &e->evidence[f->evidx];

			if (ev->date == NULL && ev->title == NULL)
				v = xstrdup(ev->number);
			else
				v = xasprintf("%s | %s | %s", ev->number,
				    ev->date != NULL ? ev->date : "",
				    ev->title != NULL ? ev->title : "");
			ui_edit_set(&f->ed, v);
			free(v);
		} else
			ui_edit_set(&f->ed, "");
		break;
	case F_TEXT:
		if (f->text == T_FIRST) {
			v = item_first_text(d, &e->first);
			ui_edit_set(&f->ed, v);
			free(v);
			break;
		}
		ui_edit_set(&f->ed, f->text == T_EXPLANATION ?
		    e->explanation : f->text == T_NOTE ? e->note :
		    f->text == T_ANALOGY ? e->analogy[f->side] :
		    f->text == T_DISPUTE ? e->dispute : e->reason);
		break;
	}
}

char *
item_first_text(struct item_scr *d, const struct score_mark *m)
{
	char	b[UTIL_CP_BUFSZ];

	if (m->status == STATUS_EMPTY)
		return xstrdup("");
	if (m->status == STATUS_SCORED)
		return xstrdup(util_format_cp(m->points, d->mark, b));
	return xstrdup(ui_status_name(m->status));
}

int
item_first_parse(const char *s, struct app_side_change *c)
{
	char		*cause = NULL;
	int		 k;

	c->set = APP_SET_STATUS;
	c->status = STATUS_EMPTY;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return 0;
	if (util_parse_cp(s, &c->points, &cause) == 0) {
		c->set |= APP_SET_POINTS;
		c->status = STATUS_SCORED;
		return 0;
	}
	free(cause);
	if (status_parse(s, &c->status) == 0 && c->status != STATUS_SCORED)
		return 0;
	for (k = STATUS_NOT_ARISING; k <= STATUS_NOT_DONE; k++) {
		if (strcmp(s, ui_status_name((enum score_status)k)) == 0) {
			c->status = (enum score_status)k;
			return 0;
		}
	}
	return -1;
}

/* The same field of the screen, before and after a rebuild. */
static int
field_same(const struct field *a, const struct field *b)
{
	return a->kind == b->kind && a->side == b->side &&
	    a->evidx == b->evidx && a->text == b->text &&
	    (a->key == NULL ? b->key == NULL : b->key != NULL &&
	    strcmp(a->key, b->key) == 0);
}

/* Build the fields from the committed entry (after every commit).
 * What was typed and not saved in a field stays typed. */
void
item_build(struct item_scr *d)
{
	const struct form_item	*it = item_of(d);
	struct entry_record	*e = entry_of(d);
	size_t			 i, j, s, focus = d->focus, nold = d->nf;
	struct field		*f, *old = d->f;
	char			*l;

	d->f = NULL;
	d->nf = 0;
	for (s = 0; s < 2; s++) {
		enum score_side	side = s == 0 ? SIDE_SELF : SIDE_APPRAISED;

		f = field_add(d, F_STATUS, side == SIDE_SELF ?
		    _("Self: status") : _("Appraised: status"));
		f->side = side;
		switch (it->rule) {
		case RULE_POINTS:
			f = field_add(d, F_NUMBER, _("Points"));
			f->key = "value";
			break;
		case RULE_CHOICE:
			f = field_add(d, F_LEVEL, _("Level"));
			f->key = "level";
			break;
		case RULE_BANDS:
			l = xasprintf("%s%s%s%s", _("Measured value"),
			    it->unit != NULL ? " (" : "",
			    it->unit != NULL ? it->unit : "",
			    it->unit != NULL ? ")" : "");
			f = field_add(d, F_NUMBER, l);
			free(l);
			f->key = "value";
			break;
		case RULE_RATIO:
			/* The form's words for the counts, whole, after
			 * the box. */
			f = field_add(d, F_NUMBER, _("Count done"));
			f->key = "done";
			f->side = side;
			if (it->done_label != NULL)
				f->hint = xstrdup(it->done_label);
			f = field_add(d, F_NUMBER, _("Count planned"));
			f->key = "planned";
			if (it->planned_label != NULL)
				f->hint = xstrdup(it->planned_label);
			break;
		case RULE_FORMULA:
			for (i = 0; i < it->ninputs; i++) {
				f = field_add(d, F_NUMBER, it->inputs[i].name);
				if (it->inputs[i].label != NULL)
					f->hint = xstrdup(it->inputs[i].label);
				f->key = it->inputs[i].name;
				f->side = side;
			}
			break;
		}
		f->side = side;
	}
	for (i = 0; i <= e->nevidence; i++) {
		l = i < e->nevidence ? xasprintf("%s %zu", _("Evidence"),
		    i + 1) : xstrdup(_("New evidence"));
		f = field_add(d, F_EVIDENCE, l);
		free(l);
		f->evidx = i < e->nevidence ? (int)i : -1;
	}
	f = field_add(d, F_TEXT, _("Explanation"));
	f->text = T_EXPLANATION;
	f = field_add(d, F_TEXT, _("Appraiser's note"));
	f->text = T_NOTE;
	f = field_add(d, F_TEXT, _("Reason (not assigned)"));
	f->text = T_REASON;
	/* Each side's analogy (a description marks it), then, with two
	 * rounds, the first appraised score and the dispute of it: after
	 * the fields that every year has, which keep their places. */
	for (s = 0; s < 2; s++) {
		f = field_add(d, F_TEXT, s == 0 ?
		    _("Self: analogy (vận dụng)") :
		    _("Appraised: analogy (vận dụng)"));
		f->text = T_ANALOGY;
		f->side = s == 0 ? SIDE_SELF : SIDE_APPRAISED;
	}
	if (d->rounds >= 2) {
		f = field_add(d, F_TEXT, _("Round 1: appraised"));
		f->text = T_FIRST;
		f->side = SIDE_APPRAISED;
		f = field_add(d, F_TEXT, _("Dispute of round 1"));
		f->text = T_DISPUTE;
		f->side = SIDE_APPRAISED;
	}
	for (i = 0; i < d->nf; i++)
		field_load(d, &d->f[i]);
	for (i = 0; i < nold; i++) {
		struct field	*o = &old[i];

		for (j = 0; (o->dirty || o->ed.dirty) && j < d->nf; j++) {
			if (!field_same(o, &d->f[j]))
				continue;
			d->f[j].status = o->status;
			d->f[j].level = o->level;
			d->f[j].dirty = o->dirty;
			if (o->ed.dirty) {
				char	*t = ui_edit_get(&o->ed);

				ui_edit_set(&d->f[j].ed, t);
				d->f[j].ed.dirty = 1;
				free(t);
			}
			break;
		}
		field_clear(o);
	}
	free(old);
	d->focus = focus < d->nf ? focus : d->nf - 1;
	entry_record_clear(&d->seen);
	entry_record_copy(&d->seen, e);
}

static size_t	item_unsaved(struct item_scr *);

/* The focus on the side being worked on. */
static void
item_start(struct item_scr *d)
{
	size_t	i;

	if (d->a->state != APP_DRAFT || d->appraise) {
		for (i = 0; i < d->nf; i++) {
			if (d->f[i].kind == F_STATUS &&
			    d->f[i].side == SIDE_APPRAISED)
				d->focus = i + 1 < d->nf ? i + 1 : i;
		}
	} else
		d->focus = 1;
}

static void *
item_init(struct ui *ui, const void *args)
{
	const struct item_args	*arg = args;
	struct item_scr		*d = xcalloc(1, sizeof *d);
	struct app_agency	*a = arg->agency;

	d->mark = ui->mark;
	d->rounds = ui->year->rounds;
	d->a = a;
	d->item = arg->item;
	d->appraise = arg->appraise;
	d->step = arg->step;
	d->list = arg->list;
	item_build(d);
	item_start(d);
	return d;
}

/* PgDn, PgUp: the next or previous item of the work list the screen was
 * opened from, in place, once every field is saved or undone. */
static int
item_step(struct ui *ui, struct item_scr *d, int dir)
{
	struct app_agency	*a;
	size_t			 k, i;
	int			 rc;

	if (d->step == NULL) {
		ui_message(ui, 1, "%s", _("PgDn and PgUp go through a work list: open the item from one (w on the agencies screen)"));
		return UI_OK;
	}
	if (item_unsaved(d) > 0) {
		ui_message(ui, 1, _("%zu fields are not saved: save them (Enter) or undo them (Esc) first"), item_unsaved(d));
		return UI_OK;
	}
	if ((rc = d->step(d->list, dir, &a, &k)) != 0) {
		if (rc == -1)
			ui_message(ui, 0, "%s", dir > 0 ? _("This is the last item of the work list.") : _("This is the first item of the work list."));
		return UI_OK;
	}
	for (i = 0; i < d->nf; i++)
		field_clear(&d->f[i]);
	free(d->f);
	d->f = NULL;
	d->nf = 0;
	d->a = a;
	d->item = k;
	d->top = 0;
	d->focus = 0;
	d->leaving = d->quitting = 0;
	item_build(d);
	item_start(d);
	return UI_OK;
}

/* Cycle a status or a level field. */
static void
item_cycle(struct item_scr *d, int dir)
{
	struct field		*f = &d->f[d->focus];
	const struct form_item	*it = item_of(d);
	size_t			 i, n = UTIL_ARRAY_LEN(status_cycle);

	if (f->kind == F_STATUS) {
		for (i = 0; i < n && status_cycle[i] != f->status; i++)
			;
		f->status = status_cycle[(i + n + (size_t)(dir + (int)n)) % n];
		f->dirty = 1;
	} else if (f->kind == F_LEVEL && it->nlevels > 0) {
		f->level = f->level < 0 ? 0 : (f->level + dir +
		    (int)it->nlevels) % (int)it->nlevels;
		f->dirty = 1;
	}
}

/* A digit chooses the level of that number, on the level field or on
 * the status of its side (the level's field gets the focus). */
static void
item_choose(struct ui *ui, struct item_scr *d, int n)
{
	const struct form_item	*it = item_of(d);
	struct field		*f = &d->f[d->focus];
	size_t			 i;

	if (f->kind == F_STATUS) {
		for (i = d->focus + 1; i < d->nf; i++) {
			if (d->f[i].kind == F_LEVEL &&
			    d->f[i].side == f->side) {
				d->focus = i;
				f = &d->f[i];
				break;
			}
		}
	}
	if (f->kind != F_LEVEL)
		return;
	if (n < 1 || (size_t)n > it->nlevels) {
		ui_message(ui, 1, _("There is no level %d: the levels are 1 to %zu."), n, it->nlevels);
		return;
	}
	f->level = n - 1;
	f->dirty = 1;
}

/* Fields edited and not saved. */
static size_t
item_unsaved(struct item_scr *d)
{
	size_t	i, n = 0;

	for (i = 0; i < d->nf; i++) {
		if (d->f[i].dirty || d->f[i].ed.dirty)
			n++;
	}
	return n;
}

static int
item_typing(struct screen *s)
{
	struct item_scr	*d = s->data;
	enum fkind	 k = d->f[d->focus].kind;

	return k == F_NUMBER || k == F_EVIDENCE || k == F_TEXT;
}

static int
item_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct item_scr	*d = s->data;
	struct field	*f = &d->f[d->focus];

	if (a == A_NONE) {
		/* A text field has the focus: editing keys are its own. */
		if (keycode == KEY_ENTER || keycode == '\t' ||
		    keycode == KEY_BTAB || keycode == KEY_UP ||
		    keycode == KEY_DOWN || keycode == 27 ||
		    keycode == KEY_F(1) || keycode == 12 ||
		    keycode == KEY_RESIZE)
			return UI_UNHANDLED;
		/* The editor marks the field changed only when its text
		 * changes; moving the cursor changes nothing. */
		if (ui_edit_key(&f->ed, keycode, ch))
			return UI_OK;
		return UI_UNHANDLED;
	}
	switch (a) {
	case A_NEXT_FIELD:
		d->focus = (d->focus + 1) % d->nf;
		return UI_OK;
	case A_PREV_FIELD:
		d->focus = (d->focus + d->nf - 1) % d->nf;
		return UI_OK;
	case A_NEXT_CHOICE:
	case A_PREV_CHOICE:
		item_cycle(d, a == A_NEXT_CHOICE ? 1 : -1);
		return UI_OK;
	case A_CHOOSE:
		item_choose(ui, d, (int)ch - '0');
		return UI_OK;
	case A_ENTER:
		return item_enter(ui, d);
	case A_NEXT_WORK:
	case A_PREV_WORK:
		return item_step(ui, d, a == A_NEXT_WORK ? 1 : -1);
	case A_QUIT:
		/* q warns of unsaved fields as Esc does; q again quits. */
		if (!d->quitting && item_unsaved(d) > 0) {
			d->quitting = 1;
			ui_message(ui, 1, _("%zu fields are not saved (Enter saves a field); q again quits without them"), item_unsaved(d));
			return UI_OK;
		}
		return UI_UNHANDLED;
	case A_BACK:
		if (f->dirty || f->ed.dirty || f->error != NULL) {
			field_load(d, f);
			d->leaving = 0;
			ui_message(ui, 0, _("Restored the saved value."));
			return UI_OK;
		}
		if (!d->leaving && item_unsaved(d) > 0) {
			d->leaving = 1;
			ui_message(ui, 1, _("%zu fields are not saved (Enter saves a field); Esc again leaves without them"),
			    item_unsaved(d));
			return UI_OK;
		}
		return UI_POP;
	default:
		return UI_UNHANDLED;
	}
}

static void
item_free(void *data)
{
	struct item_scr	*d = data;
	size_t		 i;

	for (i = 0; i < d->nf; i++)
		field_clear(&d->f[i]);
	free(d->f);
	entry_record_clear(&d->seen);
	free(d);
}

/* The year changed (a save here, or another program's, loaded again):
 * when this item's saved values moved, show them, keeping what is typed
 * and not saved in its field, and tell the operator. */
static void
item_update(struct ui *ui, struct screen *s)
{
	struct item_scr	*d = s->data;
	size_t		 unsaved;

	/* The rounds setting changed (the settings screen, cchc year set). */
	if (d->rounds != ui->year->rounds) {
		d->rounds = ui->year->rounds;
		item_build(d);
	}
	if (entry_record_eq(&d->seen, entry_of(d)))
		return;
	unsaved = item_unsaved(d);
	item_build(d);
	if (unsaved > 0)
		ui_message(ui, 1, _("Another program changed this item; what you typed is kept in its field: check it before you save it"));
	else
		ui_message(ui, 0, _("Another program changed this item: its saved values are shown."));
}

/* A saved value changes the year: the other screens refresh what they
 * derive from it. */
static int
item_handle(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct item_scr	*d = s->data;
	int		 r;

	d->saved = 0;
	r = item_key(ui, s, a, keycode, ch);
	return d->saved ? r | UI_CHANGED : r;
}

const struct ui_screen_ops screen_item = {
	.title = N_("Item entry"),
	.id = SCR_ITEM,
	.init = item_init,
	.update = item_update,
	.draw = item_draw,
	.key = item_handle,
	.free = item_free,
	.typing = item_typing,
};
